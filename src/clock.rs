//! The current time, injectable: `NETWERK_NOW` (RFC 3339) freezes it so
//! scripts and tests are reproducible.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The real clock, in the local offset.
    System,
    /// A frozen instant.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// `NETWERK_NOW` when set, else the real clock. A malformed value is an
    /// error rather than silently the real time, since a script relying on
    /// it would otherwise write wrong dates.
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("NETWERK_NOW") {
            Ok(value) if !value.trim().is_empty() => Self::parse(&value),
            _ => Ok(Clock::System),
        }
    }

    /// A fixed clock from an RFC 3339 timestamp.
    pub fn parse(value: &str) -> Result<Self, String> {
        DateTime::parse_from_rfc3339(value.trim())
            .map(Clock::Fixed)
            .map_err(|e| {
                format!("NETWERK_NOW={value:?} is not an RFC 3339 time like 2026-11-26T09:00:00+01:00 ({e})")
            })
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            // Whole seconds: history lines stay short and readable.
            Clock::System => {
                let now = Local::now().fixed_offset();
                now.with_nanosecond(0).unwrap_or(now)
            }
            Clock::Fixed(t) => *t,
        }
    }

    /// Today's date in the clock's offset.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_parses_rfc3339_and_rejects_junk() {
        let c = Clock::parse("2026-11-26T09:30:00+01:00").unwrap();
        assert_eq!(c.now().to_rfc3339(), "2026-11-26T09:30:00+01:00");
        assert_eq!(c.today().to_string(), "2026-11-26");
        assert!(
            Clock::parse("yesterday")
                .unwrap_err()
                .contains("NETWERK_NOW")
        );
    }
}
