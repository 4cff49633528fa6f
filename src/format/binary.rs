//! How each record is written into the store's binary cache (its
//! snapshots): a plain serde mirror of it, encoded with postcard.
//!
//! The domain types cannot be encoded as they are: their
//! `skip_serializing_if` attributes (which keep the TOML tidy) make a
//! format without field names drop fields. Each mirror is built by
//! destructuring the record completely, so a new domain field fails to
//! compile here until the cache learns it; the snapshot header carries a
//! hash of this file and of the domain records' sources, so such an edit
//! also retires every snapshot written before.

use crate::domain::history::{Extra, Stage, Texts};
use crate::domain::{
    Contact, ContactId, ContactState, Entry, EntryKind, Item, ItemId, ItemKind, Link,
};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// A record the snapshot cache keeps, through its mirror.
pub trait Record: Sized + 'static {
    /// The mirror, borrowing from the record when written.
    type Mirror<'a>: Serialize + Deserialize<'a>;
    /// The mirror of this record.
    fn mirror(&self) -> Self::Mirror<'_>;
    /// The record back from its mirror; `None` if it cannot be one.
    fn from_mirror(m: Self::Mirror<'_>) -> Option<Self>;
}

/// A day as days since the common era's first.
fn days(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

fn day(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// A timestamp with its offset: seconds, nanoseconds, offset seconds.
pub(crate) type Instant = (i64, u32, i32);

pub(crate) fn instant(at: DateTime<FixedOffset>) -> Instant {
    (
        at.timestamp(),
        at.timestamp_subsec_nanos(),
        at.offset().local_minus_utc(),
    )
}

pub(crate) fn datetime((secs, nanos, offset): Instant) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset)?;
    Some(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
}

/// Owned on decode, borrowed on encode.
type Text<'a> = std::borrow::Cow<'a, str>;
type List<'a, T> = std::borrow::Cow<'a, [T]>;

fn text(s: &str) -> Text<'_> {
    Text::Borrowed(s)
}

fn opt(s: &Option<String>) -> Option<Text<'_>> {
    s.as_deref().map(text)
}

/// A [`Contact`] as a snapshot holds it.
#[derive(Serialize, Deserialize)]
pub struct ContactMirror<'a> {
    id: Text<'a>,
    name: Text<'a>,
    degree: u8,
    company: Option<Text<'a>>,
    role: Option<Text<'a>>,
    email: Option<Text<'a>>,
    interests: List<'a, String>,
    met: Option<Text<'a>>,
    cadence_days: Option<u32>,
    notes: Option<Text<'a>>,
    added: i32,
    connected: Option<i32>,
    state: ContactState,
    links: List<'a, Link>,
    given_name: Option<Text<'a>>,
    family_name: Option<Text<'a>>,
    merged: List<'a, ContactId>,
    conflicts: List<'a, String>,
}

impl Record for Contact {
    type Mirror<'a> = ContactMirror<'a>;

    fn mirror(&self) -> ContactMirror<'_> {
        let Contact {
            id,
            name,
            degree,
            company,
            role,
            email,
            interests,
            met,
            cadence_days,
            notes,
            added,
            connected,
            state,
            links,
            given_name,
            family_name,
            merged,
            conflicts,
        } = self;
        ContactMirror {
            id: text(id.as_str()),
            name: text(name),
            degree: *degree,
            company: opt(company),
            role: opt(role),
            email: opt(email),
            interests: List::Borrowed(interests),
            met: opt(met),
            cadence_days: *cadence_days,
            notes: opt(notes),
            added: days(*added),
            connected: connected.map(days),
            state: *state,
            links: List::Borrowed(links),
            given_name: opt(given_name),
            family_name: opt(family_name),
            merged: List::Borrowed(merged),
            conflicts: List::Borrowed(conflicts),
        }
    }

    fn from_mirror(m: ContactMirror<'_>) -> Option<Self> {
        Some(Contact {
            id: ContactId(m.id.into_owned()),
            name: m.name.into_owned(),
            degree: m.degree,
            company: m.company.map(Text::into_owned),
            role: m.role.map(Text::into_owned),
            email: m.email.map(Text::into_owned),
            interests: m.interests.into_owned(),
            met: m.met.map(Text::into_owned),
            cadence_days: m.cadence_days,
            notes: m.notes.map(Text::into_owned),
            added: day(m.added)?,
            connected: match m.connected {
                Some(n) => Some(day(n)?),
                None => None,
            },
            state: m.state,
            links: m.links.into_owned(),
            given_name: m.given_name.map(Text::into_owned),
            family_name: m.family_name.map(Text::into_owned),
            merged: m.merged.into_owned(),
            conflicts: m.conflicts.into_owned(),
        })
    }
}

/// An [`Item`] as a snapshot holds it.
#[derive(Serialize, Deserialize)]
pub struct ItemMirror<'a> {
    id: Text<'a>,
    title: Text<'a>,
    url: Text<'a>,
    kind: ItemKind,
    topics: List<'a, String>,
    comment: Option<Text<'a>>,
    added: i32,
    archived: bool,
    title_guessed: bool,
    conflicts: List<'a, String>,
}

impl Record for Item {
    type Mirror<'a> = ItemMirror<'a>;

    fn mirror(&self) -> ItemMirror<'_> {
        let Item {
            id,
            title,
            url,
            kind,
            topics,
            comment,
            added,
            archived,
            title_guessed,
            conflicts,
        } = self;
        ItemMirror {
            id: text(id.as_str()),
            title: text(title),
            url: text(url),
            kind: *kind,
            topics: List::Borrowed(topics),
            comment: opt(comment),
            added: days(*added),
            archived: *archived,
            title_guessed: *title_guessed,
            conflicts: List::Borrowed(conflicts),
        }
    }

    fn from_mirror(m: ItemMirror<'_>) -> Option<Self> {
        Some(Item {
            id: ItemId(m.id.into_owned()),
            title: m.title.into_owned(),
            url: m.url.into_owned(),
            kind: m.kind,
            topics: m.topics.into_owned(),
            comment: m.comment.map(Text::into_owned),
            added: day(m.added)?,
            archived: m.archived,
            title_guessed: m.title_guessed,
            conflicts: m.conflicts.into_owned(),
        })
    }
}

/// An [`Entry`] as a snapshot holds it. Borrows its text from the
/// snapshot's bytes when read: an entry packs
/// its text fields into one allocation of its own anyway.
#[derive(Serialize, Deserialize)]
pub struct EntryMirror<'a> {
    at: Instant,
    kind: EntryKind,
    id: &'a str,
    contact: &'a str,
    contact_name: &'a str,
    item: Option<&'a str>,
    item_title: Option<&'a str>,
    url: Option<&'a str>,
    note: &'a str,
    template: Option<&'a str>,
    via: Option<&'a str>,
    voids: Option<&'a str>,
    #[serde(borrow)]
    extra: Option<ExtraMirror<'a>>,
}

/// An entry's [`Extra`] as a snapshot holds it.
#[derive(Serialize, Deserialize)]
pub struct ExtraMirror<'a> {
    refers: Option<&'a str>,
    stage: Option<Stage>,
    other: Option<&'a str>,
    other_name: Option<&'a str>,
    company_was: Option<&'a str>,
    company: Option<&'a str>,
    role_was: Option<&'a str>,
    role: Option<&'a str>,
}

impl<'a> ExtraMirror<'a> {
    fn of(x: &'a Extra) -> Self {
        let Extra {
            refers,
            stage,
            other,
            other_name,
            company_was,
            company,
            role_was,
            role,
        } = x;
        ExtraMirror {
            refers: refers.as_deref(),
            stage: *stage,
            other: other.as_deref(),
            other_name: other_name.as_deref(),
            company_was: company_was.as_deref(),
            company: company.as_deref(),
            role_was: role_was.as_deref(),
            role: role.as_deref(),
        }
    }

    fn extra(self) -> Extra {
        let own = |v: Option<&str>| v.map(str::to_owned);
        Extra {
            refers: own(self.refers),
            stage: self.stage,
            other: own(self.other),
            other_name: own(self.other_name),
            company_was: own(self.company_was),
            company: own(self.company),
            role_was: own(self.role_was),
            role: own(self.role),
        }
    }
}

impl Record for Entry {
    type Mirror<'a> = EntryMirror<'a>;

    fn mirror(&self) -> EntryMirror<'_> {
        EntryMirror {
            at: instant(self.at),
            kind: self.kind,
            id: self.id(),
            contact: self.contact(),
            contact_name: self.contact_name(),
            item: self.item(),
            item_title: self.item_title(),
            url: self.url(),
            note: self.note(),
            template: self.template(),
            via: self.via(),
            voids: self.voids(),
            extra: (*self.extra() != Extra::default()).then(|| ExtraMirror::of(self.extra())),
        }
    }

    fn from_mirror(m: EntryMirror<'_>) -> Option<Self> {
        let texts = Texts {
            id: m.id,
            contact: m.contact,
            contact_name: m.contact_name,
            item: m.item,
            item_title: m.item_title,
            url: m.url,
            note: m.note,
            template: m.template,
            via: m.via,
            voids: m.voids,
        };
        let entry = Entry::new(datetime(m.at)?, m.kind, texts);
        Some(match m.extra {
            Some(x) => entry.with_extra(x.extra()),
            None => entry,
        })
    }
}

/// Appends one record's encoding to `out`.
pub fn encode<T: Record>(record: &T, out: &mut Vec<u8>) {
    // Writing to a vector cannot fail.
    let _ = postcard::to_io(&record.mirror(), &mut *out);
}

/// Reads one record from the front of `bytes`; returns it and the rest.
pub fn decode<T: Record>(bytes: &[u8]) -> Option<(T, &[u8])> {
    let (m, rest) = postcard::take_from_bytes::<T::Mirror<'_>>(bytes).ok()?;
    Some((T::from_mirror(m)?, rest))
}

/// Encodes a plain value (a header).
pub fn encode_plain<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    let _ = postcard::to_io(value, &mut *out);
}

/// Reads a plain value from the front of `bytes`.
pub fn decode_plain<T: DeserializeOwned>(bytes: &[u8]) -> Option<(T, &[u8])> {
    postcard::take_from_bytes(bytes).ok()
}
