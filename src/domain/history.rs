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
    DateTime::parse_from_rfc3339(s).or_else(|_| s.parse())
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
