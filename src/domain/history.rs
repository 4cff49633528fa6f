//! History entries: what went to whom, and every other touch. Entries are
//! only ever appended.

use super::contact::Contact;
use super::id::{ContactId, EntryId, ItemId};
use super::item::Item;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::validate::FieldError;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// You gave them a content item, with a note.
    Share,
    /// A call, coffee, message, comment…
    Touch,
    /// You asked them for help: referral, intro, advice.
    Ask,
}

impl EntryKind {
    /// The kind's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Share => "share",
            EntryKind::Touch => "touch",
            EntryKind::Ask => "ask",
        }
    }

    /// Whether this entry counts as keeping in touch. An ask is not a gift.
    pub fn is_touch(self) -> bool {
        matches!(self, EntryKind::Share | EntryKind::Touch)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntryKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "share" => Ok(EntryKind::Share),
            "touch" => Ok(EntryKind::Touch),
            "ask" => Ok(EntryKind::Ask),
            other => Err(FieldError::new(
                "kind",
                format!("unknown kind {other:?}; use touch or ask"),
            )),
        }
    }
}

/// Reads a timestamp as chrono's own `Deserialize` does, through its
/// strict RFC 3339 parser first: that is what netwerk writes, and it reads
/// several times faster than the lenient parser, which a hand-written
/// line (a space for the `T`, say) still gets.
fn timestamp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    struct Visit;
    impl serde::de::Visitor<'_> for Visit {
        type Value = DateTime<FixedOffset>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            timestamp_str(s).map_err(E::custom)
        }
    }
    d.deserialize_str(Visit)
}

/// Reads a timestamp as [`Entry`]'s `at` field does.
pub(crate) fn timestamp_str(s: &str) -> Result<DateTime<FixedOffset>, chrono::ParseError> {
    match plain_timestamp(s) {
        Some(t) => Ok(t),
        None => DateTime::parse_from_rfc3339(s).or_else(|_| s.parse()),
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, up to nine digits of fraction, then `Z` or
/// `±HH:MM`: the timestamps netwerk writes, read in a fraction of the
/// time chrono's general parser takes (a tenth of reading a large
/// history). Anything else, a leap second included, is left to chrono.
fn plain_timestamp(s: &str) -> Option<DateTime<FixedOffset>> {
    use chrono::TimeZone;
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let shape = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(shape(10, b'T') && shape(13, b':') && shape(16, b':')) {
        return None;
    }
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = &b[19..];
    let mut nano = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nano = fraction[..digits]
            .iter()
            .fold(0, |n, &c| n * 10 + u32::from(c - b'0'))
            * 10u32.pow(9 - digits as u32);
        rest = &fraction[digits..];
    }
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
            };
            let (h, m) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = h * 3600 + m * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let day = super::when::plain_day(s.get(..10)?)?;
    let local = day.and_hms_nano_opt(hour, minute, second, nano)?;
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&local)
        .single()
}

/// One line of the history log.
///
/// The contact's name and the item's title are copied in when the entry is
/// written, so the log still reads correctly after a rename or delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id.
    pub id: EntryId,
    /// When it happened, with the offset it happened at.
    #[serde(deserialize_with = "timestamp")]
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: EntryKind,
    /// Who it concerned.
    pub contact: ContactId,
    /// Their name when the entry was written.
    pub contact_name: String,
    /// The item given, for shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemId>,
    /// The item's title when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_title: Option<String>,
    /// The item's URL when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The exact note sent, or a short note about the touch or ask.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The template a share's note started from, so the next note to the
    /// same person can use another. Absent in older files and for notes
    /// written by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl Entry {
    /// A touch or ask with `contact` at `at`, noted as `note`.
    pub fn logged(
        contact: &Contact,
        kind: EntryKind,
        at: DateTime<FixedOffset>,
        note: String,
    ) -> Self {
        Self {
            id: EntryId::new(),
            at,
            kind,
            contact: contact.id.clone(),
            contact_name: contact.name.clone(),
            item: None,
            item_title: None,
            url: None,
            note,
            template: None,
        }
    }

    /// `item` given to `contact` at `at` with the exact `note` sent, and
    /// the template it came from (for rotation).
    pub fn share(
        contact: &Contact,
        item: &Item,
        at: DateTime<FixedOffset>,
        note: String,
        template: Option<String>,
    ) -> Self {
        Self {
            item: Some(item.id.clone()),
            item_title: Some(item.title.clone()),
            url: Some(item.url.clone()),
            template,
            ..Self::logged(contact, EntryKind::Share, at, note)
        }
    }
}

#[cfg(test)]
mod timestamp_tests {
    use super::*;
    use proptest::prelude::*;

    fn chrono(s: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(s).or_else(|_| s.parse()).ok()
    }

    #[test]
    fn plain_timestamps_read_as_chrono_reads_them() {
        for s in [
            "2023-11-27T07:15:37Z",
            "2023-11-27T08:23:32+01:00",
            "2023-11-27T08:23:32-05:30",
            "2023-11-27T08:23:32-00:00",
            "2024-02-29T23:59:59.123456789Z",
            "2024-02-29T23:59:59.1+14:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2023-02-29T00:00:00Z",
            "2023-11-27T24:00:00Z",
            "2023-11-27T23:60:00Z",
            "2016-12-31T23:59:60Z",
            "2023-11-27T07:15:37.Z",
            "2023-11-27T07:15:37.1234567891Z",
            "2023-11-27T07:15:37+24:00",
            "2023-11-27T07:15:37+01:60",
            "2023-11-27T07:15:37+0100",
            "2023-11-27t07:15:37z",
            "2023-11-27 07:15:37Z",
            "2023-11-27T07:15:37",
            "2023-11-27T07:15:37Zx",
            "+2023-11-27T07:15:37Z",
            "",
        ] {
            assert_eq!(timestamp_str(s).ok(), chrono(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn any_timestamp_shaped_text_reads_as_chrono_reads_it(
            s in prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?(Z|[+-][0-9]{2}:[0-9]{2})",
                "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-4]):[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,10})?(Z|[+-]([01][0-9]|2[0-4]):[0-6][0-9])",
            ]
        ) {
            prop_assert_eq!(timestamp_str(&s).ok(), chrono(&s));
        }
    }
}
