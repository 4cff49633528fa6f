//! Dates as people type them: `2026-11-20`, `2026-11-20 14:30`, RFC 3339.

use super::validate::FieldError;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Parses `YYYY-MM-DD` (noon, so the day survives any offset),
/// `YYYY-MM-DD HH:MM` (both in `offset`) or RFC 3339.
pub fn parse_when(value: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, FieldError> {
    let value = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Ok(t);
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|d| d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
        })
        .map_err(|_| {
            FieldError::new(
                "when",
                format!(
                    "{value:?} is not a date; use YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or RFC 3339"
                ),
            )
        })?;
    offset
        .from_local_datetime(&local)
        .single()
        .ok_or_else(|| FieldError::new("when", format!("{value:?} is not a valid local time")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_forms() {
        let plus1 = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            parse_when("2026-11-20", plus1).unwrap().to_rfc3339(),
            "2026-11-20T12:00:00+01:00"
        );
        assert_eq!(
            parse_when("2026-11-20 08:15", plus1).unwrap().to_rfc3339(),
            "2026-11-20T08:15:00+01:00"
        );
        assert_eq!(
            parse_when("2026-11-20T08:15:00Z", plus1)
                .unwrap()
                .to_rfc3339(),
            "2026-11-20T08:15:00+00:00"
        );
        assert_eq!(parse_when("last week", plus1).unwrap_err().field, "when");
    }
}
