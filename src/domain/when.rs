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

/// Reads a date as chrono's own `Deserialize` does, with a shortcut for
/// the `YYYY-MM-DD` netwerk writes: chrono's general parser takes a
/// twentieth of a cold load of 30,000 contacts. Anything else, or a day
/// that does not exist, goes through chrono as before.
pub(crate) fn day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visit;
    impl serde::de::Visitor<'_> for Visit {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a formatted date string")
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            plain_day(s)
                .map_or_else(|| s.parse(), Ok)
                .map_err(E::custom)
        }
    }
    d.deserialize_str(Visit)
}

/// [`day`] for an optional field (absent is `None`).
pub(crate) fn some_day<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    day(d).map(Some)
}

/// `YYYY-MM-DD` exactly, as a day that exists.
pub(crate) fn plain_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod day_tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct D {
        #[serde(deserialize_with = "day")]
        d: NaiveDate,
    }

    #[test]
    fn reads_days_exactly_as_chrono_does() {
        for s in [
            "2026-11-04",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-04",
            "+2026-11-04",
            "2026-11-04 ",
            " 2026-11-04",
            "2026/11/04",
            "２０２６-11-04",
            "20261104",
            "",
            "-001-01-01",
            "2026-11-4x",
        ] {
            let ours = serde_json::from_value::<D>(serde_json::json!({ "d": s })).map(|d| d.d);
            let chrono = s.parse::<NaiveDate>();
            assert_eq!(ours.ok(), chrono.ok(), "{s:?}");
        }
    }
}
