//! History entries: what went to whom, and every other touch. Entries are
//! only ever appended.

use super::contact::Contact;
use super::fold::fold_label;
use super::id::{ContactId, EntryId, ItemId};
use super::item::Item;
use chrono::{DateTime, FixedOffset};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::validate::FieldError;

/// What happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// You gave them a content item, with a note.
    Share,
    /// A call, coffee, message, comment…
    #[default]
    Touch,
    /// You asked them for help: referral, intro, advice; with stage
    /// `answered`, the answer to an earlier ask (`refers`).
    Ask,
    /// Takes back the entry it names (see [`Entry::voids`]): written when
    /// a change is undone, since entries are never removed.
    Void,
    /// An introduction of `contact` and `other`, double opt-in: first
    /// `asked`, then each later stage referring to that first entry.
    Intro,
    /// The contact changed company or role (seen on an import); with
    /// stage `dismissed`, that an earlier moment (`refers`) was set aside.
    Moment,
}

impl EntryKind {
    /// The kind's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Share => "share",
            EntryKind::Touch => "touch",
            EntryKind::Ask => "ask",
            EntryKind::Void => "void",
            EntryKind::Intro => "intro",
            EntryKind::Moment => "moment",
        }
    }
}

/// Where an introduction, a moment or an ask stands: written on the
/// entries that move it on, each referring to the first one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// An introduction proposed to both people.
    Asked,
    /// Both said yes: the bridge note can go out.
    Accepted,
    /// One of them said no.
    Declined,
    /// The bridge note went out: a gift to both.
    Made,
    /// A moment set aside without acting on it.
    Dismissed,
    /// An ask that was answered.
    Answered,
}

impl Stage {
    /// Every stage, in the order an introduction moves.
    pub const ALL: [Stage; 6] = [
        Stage::Asked,
        Stage::Accepted,
        Stage::Declined,
        Stage::Made,
        Stage::Dismissed,
        Stage::Answered,
    ];

    /// The stage's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Asked => "asked",
            Stage::Accepted => "accepted",
            Stage::Declined => "declined",
            Stage::Made => "made",
            Stage::Dismissed => "dismissed",
            Stage::Answered => "answered",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let typed = s.trim().to_ascii_lowercase();
        Stage::ALL
            .into_iter()
            .find(|st| st.as_str() == typed)
            .ok_or_else(|| FieldError::new("stage", format!("unknown stage {typed:?}")))
    }
}

/// What an entry counts as for a person it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tally {
    /// A gift: an item shared, an introduction made.
    Give,
    /// Keeping in touch without giving: a call, a coffee, a congratulation.
    Touch,
    /// Asking them for something.
    Ask,
    /// One of your asks to them was answered.
    Answered,
}

impl Tally {
    /// Whether it keeps you in touch (resets due-ness). An ask is not a gift.
    pub fn keeps_in_touch(self) -> bool {
        matches!(self, Tally::Give | Tally::Touch)
    }
}

/// What an entry of `kind` at `stage` counts as: the one rule behind last
/// touch, due-ness, the giga score, gives and asks per week and the
/// give/ask balance. A made introduction is a gift (to both people, see
/// [`Entry::counts`]); its other stages, moments and their dismissals
/// count as nothing.
pub fn tally(kind: EntryKind, stage: Option<Stage>) -> Option<Tally> {
    match (kind, stage) {
        (EntryKind::Share, _) => Some(Tally::Give),
        (EntryKind::Touch, _) => Some(Tally::Touch),
        (EntryKind::Ask, None | Some(Stage::Asked)) => Some(Tally::Ask),
        (EntryKind::Ask, Some(Stage::Answered)) => Some(Tally::Answered),
        (EntryKind::Intro, Some(Stage::Made)) => Some(Tally::Give),
        _ => None,
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
            "intro" => Ok(EntryKind::Intro),
            "moment" => Ok(EntryKind::Moment),
            other => Err(FieldError::new(
                "kind",
                format!("unknown kind {other:?}; use share, touch, ask, intro or moment"),
            )),
        }
    }
}

/// How a touch or ask happened, as `--via` and the log form offer it.
pub const CHANNELS: [&str; 8] = [
    "call", "coffee", "message", "email", "meeting", "video", "comment", "event",
];

/// A channel as typed: one of [`CHANNELS`], any case.
pub fn channel(text: &str) -> Result<&'static str, FieldError> {
    let typed = text.trim().to_ascii_lowercase();
    CHANNELS
        .iter()
        .find(|c| **c == typed)
        .copied()
        .ok_or_else(|| {
            FieldError::new(
                "via",
                format!("unknown channel {typed:?}; use {}", CHANNELS.join(", ")),
            )
        })
}

/// What a logged gesture is, as `log --kind` and the log form take it:
/// `touch`, `ask`, or a channel, which means a touch that way ("call" is
/// a touch via call). `share` is read too, for the caller to refuse.
pub fn log_kind(text: &str) -> Result<(EntryKind, Option<&'static str>), FieldError> {
    if let Ok(kind) = text.parse::<EntryKind>() {
        return Ok((kind, None));
    }
    channel(text)
        .map(|via| (EntryKind::Touch, Some(via)))
        .map_err(|_| {
            FieldError::new(
                "kind",
                format!(
                    "unknown kind {:?}; use touch, ask or how you were in touch: {}",
                    text.trim(),
                    CHANNELS.join(", ")
                ),
            )
        })
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

/// The fields of one line of the history log, each its own value: what
/// an [`Entry`] is built from and read back as.
///
/// The contact's name and the item's title are copied in when the entry is
/// written, so the log still reads correctly after a rename or delete.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFields {
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
    /// How a touch or ask happened (one of [`CHANNELS`] when written by
    /// this version). Absent in older files and when not said. A version
    /// that predates it refuses a line carrying it (unknown field) rather
    /// than reading it as something else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// For a `void` record: the id of the entry it takes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voids: Option<EntryId>,
    /// The earlier entry this one moves on: the first entry of an
    /// introduction, a moment, an ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers: Option<EntryId>,
    /// Where an introduction, moment or ask stands (see [`Stage`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// The second person of an introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<ContactId>,
    /// Their name when the entry was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_name: Option<String>,
    /// A moment's company before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_was: Option<String>,
    /// A moment's company after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// A moment's role before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_was: Option<String>,
    /// A moment's role after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The fields only introductions, moments and the entries moving them
/// on carry (see [`EntryFields`] for each), kept out of line: they are
/// rare, and an ordinary entry pays one pointer for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// See [`EntryFields::refers`].
    pub refers: Option<String>,
    /// See [`EntryFields::stage`].
    pub stage: Option<Stage>,
    /// See [`EntryFields::other`].
    pub other: Option<String>,
    /// See [`EntryFields::other_name`].
    pub other_name: Option<String>,
    /// See [`EntryFields::company_was`].
    pub company_was: Option<String>,
    /// See [`EntryFields::company`].
    pub company: Option<String>,
    /// See [`EntryFields::role_was`].
    pub role_was: Option<String>,
    /// See [`EntryFields::role`].
    pub role: Option<String>,
}

impl Extra {
    fn is_empty(&self) -> bool {
        *self == Extra::default()
    }
}

/// No extra fields.
static NO_EXTRA: Extra = Extra {
    refers: None,
    stage: None,
    other: None,
    other_name: None,
    company_was: None,
    company: None,
    role_was: None,
    role: None,
};

/// One line of the history log (see [`EntryFields`] for what each field
/// means), read and written as that line.
///
/// A large history is 100,000 entries, read whole at every launch; with
/// each text field its own `String` that was eight allocations and ~400
/// bytes an entry (40 MiB, much of a first launch spent allocating and
/// zeroing it). Here the text fields sit back to back in one allocation
/// and are read through methods; the time and kind are plain fields.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "EntryFields")]
pub struct Entry {
    /// When it happened, with the offset it happened at.
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: EntryKind,
    /// Which of the optional text fields are present, one bit each, and
    /// [`HAS_ITEM`].
    present: u16,
    /// Where each text field ends in `text`, in [`Text`] order.
    ends: [u32; TEXTS],
    /// The contact's and the item's ids (empty for none), kept in the entry
    /// itself (inline up to 24 bytes, and netwerk's are 9): summarising a
    /// history looks up every entry's contact and item, and reading them
    /// from the next entry along is much quicker than from another
    /// allocation each time.
    contact: CompactString,
    item: CompactString,
    /// The other text fields, back to back.
    text: Box<str>,
    /// The fields of introductions and moments, if any.
    extra: Option<Box<Extra>>,
}

/// The text fields of an [`Entry`] kept in its `text`, in order.
#[derive(Clone, Copy)]
enum Text {
    Id,
    ContactName,
    ItemTitle,
    Url,
    Note,
    Template,
    Via,
    Voids,
}

const TEXTS: usize = 8;

/// The bit in `present` saying an entry has an item.
const HAS_ITEM: u16 = 1 << 8;

/// An entry's text fields, borrowed: what [`Entry::new`] packs (see
/// [`EntryFields`] for what each means).
pub(crate) struct Texts<'a> {
    pub id: &'a str,
    pub contact: &'a str,
    pub contact_name: &'a str,
    pub item: Option<&'a str>,
    pub item_title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub note: &'a str,
    pub template: Option<&'a str>,
    pub via: Option<&'a str>,
    pub voids: Option<&'a str>,
}

impl Entry {
    /// Packs the fields of an entry.
    pub(crate) fn new(at: DateTime<FixedOffset>, kind: EntryKind, texts: Texts<'_>) -> Self {
        // In `Text` order.
        let fields: [Option<&str>; TEXTS] = [
            Some(texts.id),
            Some(texts.contact_name),
            texts.item_title,
            texts.url,
            Some(texts.note),
            texts.template,
            texts.via,
            texts.voids,
        ];
        let len = fields.iter().flatten().map(|t| t.len()).sum();
        let mut text = String::with_capacity(len);
        let mut ends = [0; TEXTS];
        let mut present = 0;
        for (i, t) in fields.iter().enumerate() {
            if let Some(t) = t {
                text.push_str(t);
                present |= 1 << i;
            }
            // A history line is read whole into memory first, so its text
            // is far below 4 GiB.
            ends[i] = u32::try_from(text.len()).expect("an entry's text is under 4 GiB");
        }
        if texts.item.is_some() {
            present |= HAS_ITEM;
        }
        Self {
            at,
            kind,
            present,
            ends,
            contact: CompactString::new(texts.contact),
            item: CompactString::new(texts.item.unwrap_or_default()),
            text: text.into_boxed_str(),
            extra: None,
        }
    }

    /// This entry with the fields of an introduction or moment.
    pub(crate) fn with_extra(mut self, extra: Extra) -> Self {
        self.extra = (!extra.is_empty()).then(|| Box::new(extra));
        self
    }

    /// The fields of introductions and moments (all absent for others).
    pub fn extra(&self) -> &Extra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// The earlier entry this one moves on, by id.
    pub fn refers(&self) -> Option<&str> {
        self.extra().refers.as_deref()
    }

    /// Where the introduction, moment or ask stands, if said.
    pub fn stage(&self) -> Option<Stage> {
        self.extra().stage
    }

    /// The second person of an introduction (their contact id).
    pub fn other(&self) -> Option<&str> {
        self.extra().other.as_deref()
    }

    /// The second person's name when the entry was written.
    pub fn other_name(&self) -> Option<&str> {
        self.extra().other_name.as_deref()
    }

    /// What this entry counts as (see [`tally`]).
    pub fn tally(&self) -> Option<Tally> {
        tally(self.kind, self.stage())
    }

    /// Each person this entry counts for, by contact id, with what it
    /// counts as: its contact, and for a made introduction the other
    /// person too — a gift to both.
    pub fn counts(&self) -> impl Iterator<Item = (&str, Tally)> {
        let other = match self.kind {
            EntryKind::Intro => self.other(),
            _ => None,
        };
        self.tally()
            .into_iter()
            .flat_map(move |t| std::iter::once((self.contact(), t)).chain(other.map(|o| (o, t))))
    }

    /// What an introduction, moment or answer says, in words, for
    /// listings ("asked · with Grace Hopper", "Analytical Engines →
    /// Babbage Labs", "answered"); `None` for other entries, whose item
    /// and note say it.
    pub fn detail(&self) -> Option<String> {
        match (self.kind, self.stage()) {
            (EntryKind::Intro, stage) => Some(format!(
                "{} · with {}",
                stage.map_or("?", Stage::as_str),
                self.other_name().unwrap_or("?")
            )),
            (EntryKind::Moment, Some(stage)) => Some(stage.to_string()),
            (EntryKind::Moment, None) => JobChange::of(self).map(|c| c.arrows()),
            (EntryKind::Ask, Some(stage)) => Some(stage.to_string()),
            _ => None,
        }
    }

    /// Whether the entry names `contact`, as its contact or as the other
    /// person of an introduction (records merged into them included).
    pub fn involves(&self, contact: &Contact) -> bool {
        contact.answers_to(self.contact()) || self.other().is_some_and(|o| contact.answers_to(o))
    }

    fn get(&self, field: Text) -> Option<&str> {
        let i = field as usize;
        if self.present & (1 << i) == 0 {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..self.ends[i] as usize])
    }

    fn always(&self, field: Text) -> &str {
        self.get(field).unwrap_or_default()
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        self.always(Text::Id)
    }

    /// Who it concerned (their contact id).
    pub fn contact(&self) -> &str {
        &self.contact
    }

    /// Their name when the entry was written.
    pub fn contact_name(&self) -> &str {
        self.always(Text::ContactName)
    }

    /// The item given (its id), for shares.
    pub fn item(&self) -> Option<&str> {
        (self.present & HAS_ITEM != 0).then_some(self.item.as_str())
    }

    /// The item's title when given.
    pub fn item_title(&self) -> Option<&str> {
        self.get(Text::ItemTitle)
    }

    /// The item's URL when given.
    pub fn url(&self) -> Option<&str> {
        self.get(Text::Url)
    }

    /// The exact note sent, or a short note about the touch or ask.
    pub fn note(&self) -> &str {
        self.always(Text::Note)
    }

    /// The template a share's note started from.
    pub fn template(&self) -> Option<&str> {
        self.get(Text::Template)
    }

    /// How a touch or ask happened, if said.
    pub fn via(&self) -> Option<&str> {
        self.get(Text::Via)
    }

    /// For a `void` record, the id of the entry it takes back.
    pub fn voids(&self) -> Option<&str> {
        self.get(Text::Voids)
    }

    /// The fields as values of their own.
    pub fn fields(&self) -> EntryFields {
        EntryFields {
            id: EntryId(self.id().to_owned()),
            at: self.at,
            kind: self.kind,
            contact: ContactId(self.contact().to_owned()),
            contact_name: self.contact_name().to_owned(),
            item: self.item().map(|i| ItemId(i.to_owned())),
            item_title: self.item_title().map(str::to_owned),
            url: self.url().map(str::to_owned),
            note: self.note().to_owned(),
            template: self.template().map(str::to_owned),
            via: self.via().map(str::to_owned),
            refers: self.refers().map(EntryId::from),
            stage: self.stage(),
            other: self.other().map(ContactId::from),
            other_name: self.other_name().map(str::to_owned),
            company_was: self.extra().company_was.clone(),
            company: self.extra().company.clone(),
            role_was: self.extra().role_was.clone(),
            role: self.extra().role.clone(),
            voids: self.voids().map(|v| EntryId(v.to_owned())),
        }
    }

    /// A touch or ask with `contact` at `at`, noted as `note`.
    pub fn logged(
        contact: &Contact,
        kind: EntryKind,
        at: DateTime<FixedOffset>,
        note: &str,
    ) -> Self {
        Self::logged_via(contact, kind, at, note, None)
    }

    /// A touch or ask as [`Entry::logged`], made `via` a channel.
    pub fn logged_via(
        contact: &Contact,
        kind: EntryKind,
        at: DateTime<FixedOffset>,
        note: &str,
        via: Option<&str>,
    ) -> Self {
        let id = EntryId::new();
        Self::new(
            at,
            kind,
            Texts {
                id: id.as_str(),
                contact: contact.id.as_str(),
                contact_name: &contact.name,
                item: None,
                item_title: None,
                url: None,
                note,
                template: None,
                via,
                voids: None,
            },
        )
    }

    /// `item` given to `contact` at `at` with the exact `note` sent, and
    /// the template it came from (for rotation).
    pub fn share(
        contact: &Contact,
        item: &Item,
        at: DateTime<FixedOffset>,
        note: &str,
        template: Option<&str>,
    ) -> Self {
        let id = EntryId::new();
        Self::new(
            at,
            EntryKind::Share,
            Texts {
                id: id.as_str(),
                contact: contact.id.as_str(),
                contact_name: &contact.name,
                item: Some(item.id.as_str()),
                item_title: Some(&item.title),
                url: Some(&item.url),
                note,
                template,
                via: None,
                voids: None,
            },
        )
    }

    /// A `void` record taking back `entry` at `at`: it names the entry and
    /// carries its contact, so the log still reads on its own.
    pub fn void(entry: &Entry, at: DateTime<FixedOffset>) -> Self {
        let id = EntryId::new();
        Self::new(
            at,
            EntryKind::Void,
            Texts {
                id: id.as_str(),
                contact: entry.contact(),
                contact_name: entry.contact_name(),
                item: None,
                item_title: None,
                url: None,
                note: "",
                template: None,
                via: None,
                voids: Some(entry.id()),
            },
        )
    }
}

/// Someone an entry names: their contact id and their name as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    /// Their contact id.
    pub id: &'a str,
    /// Their name.
    pub name: &'a str,
}

impl<'a> From<&'a Contact> for Person<'a> {
    fn from(c: &'a Contact) -> Self {
        Person {
            id: c.id.as_str(),
            name: &c.name,
        }
    }
}

impl Entry {
    /// An entry about `who` of `kind` with no item: what the follow-ups
    /// below are made of.
    fn about(who: Person, kind: EntryKind, at: DateTime<FixedOffset>, note: &str) -> Self {
        let id = EntryId::new();
        Self::new(
            at,
            kind,
            Texts {
                id: id.as_str(),
                contact: who.id,
                contact_name: who.name,
                item: None,
                item_title: None,
                url: None,
                note,
                template: None,
                via: None,
                voids: None,
            },
        )
    }

    /// A stage of the introduction of `a` and `b`: the first, `asked`,
    /// refers to nothing and its id is the introduction's; each later
    /// stage refers to it.
    pub fn intro(
        a: Person,
        b: Person,
        stage: Stage,
        refers: Option<&str>,
        at: DateTime<FixedOffset>,
        note: &str,
    ) -> Self {
        Self::about(a, EntryKind::Intro, at, note).with_extra(Extra {
            refers: refers.map(str::to_owned),
            stage: Some(stage),
            other: Some(b.id.to_owned()),
            other_name: Some(b.name.to_owned()),
            ..Extra::default()
        })
    }

    /// `who` moved from `was` to `now` (company, role), as seen at `at`.
    pub fn moment(
        who: Person,
        was: (Option<&str>, Option<&str>),
        now: (Option<&str>, Option<&str>),
        at: DateTime<FixedOffset>,
    ) -> Self {
        let own = |v: Option<&str>| v.map(str::to_owned);
        Self::about(who, EntryKind::Moment, at, "").with_extra(Extra {
            company_was: own(was.0),
            role_was: own(was.1),
            company: own(now.0),
            role: own(now.1),
            ..Extra::default()
        })
    }

    /// The entry that moves `first` (an ask or a moment) on to `stage`:
    /// an ask answered, a moment dismissed.
    pub fn moved_on(first: &Entry, stage: Stage, at: DateTime<FixedOffset>, note: &str) -> Self {
        let who = Person {
            id: first.contact(),
            name: first.contact_name(),
        };
        Self::about(who, first.kind, at, note).with_extra(Extra {
            refers: Some(first.id().to_owned()),
            stage: Some(stage),
            ..Extra::default()
        })
    }

    /// A touch with `who` that acts on `first` (a moment congratulated),
    /// with the exact note sent.
    pub fn touch_on(first: &Entry, who: Person, at: DateTime<FixedOffset>, note: &str) -> Self {
        Self::about(who, EntryKind::Touch, at, note).with_extra(Extra {
            refers: Some(first.id().to_owned()),
            ..Extra::default()
        })
    }
}

impl From<EntryFields> for Entry {
    fn from(f: EntryFields) -> Self {
        let extra = Extra {
            refers: f.refers.map(|r| r.0),
            stage: f.stage,
            other: f.other.map(|o| o.0),
            other_name: f.other_name,
            company_was: f.company_was,
            company: f.company,
            role_was: f.role_was,
            role: f.role,
        };
        Self::new(
            f.at,
            f.kind,
            Texts {
                id: f.id.as_str(),
                contact: f.contact.as_str(),
                contact_name: &f.contact_name,
                item: f.item.as_ref().map(ItemId::as_str),
                item_title: f.item_title.as_deref(),
                url: f.url.as_deref(),
                note: &f.note,
                template: f.template.as_deref(),
                via: f.via.as_deref(),
                voids: f.voids.as_ref().map(EntryId::as_str),
            },
        )
        .with_extra(extra)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fields().fmt(f)
    }
}

/// Written exactly as its [`EntryFields`] would be.
impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("EntryFields", TEXTS + 10)?;
        out.serialize_field("id", self.id())?;
        out.serialize_field("at", &self.at)?;
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("contact", self.contact())?;
        out.serialize_field("contact_name", self.contact_name())?;
        let optional = [
            ("item", self.item()),
            ("item_title", self.item_title()),
            ("url", self.url()),
            ("note", Some(self.note()).filter(|n| !n.is_empty())),
            ("template", self.template()),
            ("via", self.via()),
            ("voids", self.voids()),
            ("refers", self.refers()),
        ];
        for (key, value) in optional {
            match value {
                Some(v) => out.serialize_field(key, v)?,
                None => out.skip_field(key)?,
            }
        }
        match self.stage() {
            Some(stage) => out.serialize_field("stage", &stage)?,
            None => out.skip_field("stage")?,
        }
        let x = self.extra();
        let rest = [
            ("other", &x.other),
            ("other_name", &x.other_name),
            ("company_was", &x.company_was),
            ("company", &x.company),
            ("role_was", &x.role_was),
            ("role", &x.role),
        ];
        for (key, value) in rest {
            match value {
                Some(v) => out.serialize_field(key, v)?,
                None => out.skip_field(key)?,
            }
        }
        out.end()
    }
}

/// A change of job as a moment entry records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobChange<'a> {
    /// The company before, if known.
    pub company_was: Option<&'a str>,
    /// The role before, if known.
    pub role_was: Option<&'a str>,
    /// The company after.
    pub company: Option<&'a str>,
    /// The role after.
    pub role: Option<&'a str>,
}

impl<'a> JobChange<'a> {
    /// The change a moment entry records; `None` for any other entry
    /// (a dismissal included).
    pub fn of(e: &'a Entry) -> Option<Self> {
        if e.kind != EntryKind::Moment || e.stage().is_some() {
            return None;
        }
        let x = e.extra();
        Some(JobChange {
            company_was: x.company_was.as_deref(),
            role_was: x.role_was.as_deref(),
            company: x.company.as_deref(),
            role: x.role.as_deref(),
        })
    }

    /// Whether the company changed (from one known to another).
    pub fn new_company(&self) -> bool {
        differs(self.company_was, self.company)
    }

    /// Whether the role changed (from one known to another).
    pub fn new_role(&self) -> bool {
        differs(self.role_was, self.role)
    }

    /// "moved to Babbage Labs as CTO", "is now CTO at Analytical
    /// Engines", "moved to Babbage Labs": what happened, after a name.
    pub fn describe(&self) -> String {
        match (self.new_company(), self.company, self.role) {
            (true, Some(company), Some(role)) => format!("moved to {company} as {role}"),
            (true, Some(company), None) => format!("moved to {company}"),
            (_, company, Some(role)) => match company {
                Some(company) => format!("is now {role} at {company}"),
                None => format!("is now {role}"),
            },
            _ => "changed jobs".into(),
        }
    }

    /// "Analytical Engines → Babbage Labs · Mathematician → CTO": the
    /// values before and after, for listings.
    pub fn arrows(&self) -> String {
        let arrow = |was: Option<&str>, now: Option<&str>| {
            format!("{} → {}", was.unwrap_or("?"), now.unwrap_or("?"))
        };
        let mut parts = Vec::new();
        if self.new_company() {
            parts.push(arrow(self.company_was, self.company));
        }
        if self.new_role() {
            parts.push(arrow(self.role_was, self.role));
        }
        parts.join(" · ")
    }
}

/// Whether a value changed from one known value to another, ignoring
/// case, accents and spacing ("ACME" and "Acme" are one company).
fn differs(was: Option<&str>, now: Option<&str>) -> bool {
    match (was, now) {
        (Some(was), Some(now)) => fold_label(was) != fold_label(now),
        _ => false,
    }
}

/// The History pane's order: newest first, and among entries logged for
/// the same instant the one appended last.
pub fn newest_first(history: &[Entry], a: usize, b: usize) -> std::cmp::Ordering {
    history[b].at.cmp(&history[a].at).then(b.cmp(&a))
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

#[cfg(test)]
mod packing_tests {
    use super::*;
    use proptest::prelude::*;

    fn fields() -> impl Strategy<Value = EntryFields> {
        let text = "(|[a-zé王😀\\\"\n ]{1,12})";
        let opt = proptest::option::of(text);
        let extra = (
            (opt.clone(), proptest::option::of(0..6usize), opt.clone()),
            (
                opt.clone(),
                opt.clone(),
                opt.clone(),
                opt.clone(),
                opt.clone(),
            ),
        );
        (
            (text, text, text, text),
            (
                opt.clone(),
                opt.clone(),
                opt.clone(),
                opt.clone(),
                opt.clone(),
                opt,
            ),
            (0..6usize, -50_000_000i64..50_000_000, -12..14i32),
            extra,
        )
            .prop_map(
                |(
                    (id, contact, name, note),
                    (item, title, url, template, via, voids),
                    (kind, secs, hours),
                    ((refers, stage, other), (other_name, company_was, company, role_was, role)),
                )| {
                    let zone = FixedOffset::east_opt(hours * 3600).unwrap();
                    EntryFields {
                        id: EntryId(id),
                        at: DateTime::from_timestamp(1_700_000_000 + secs, 0)
                            .unwrap()
                            .with_timezone(&zone),
                        kind: [
                            EntryKind::Share,
                            EntryKind::Touch,
                            EntryKind::Ask,
                            EntryKind::Void,
                            EntryKind::Intro,
                            EntryKind::Moment,
                        ][kind],
                        contact: ContactId(contact),
                        contact_name: name,
                        item: item.map(ItemId),
                        item_title: title,
                        url,
                        note,
                        template,
                        via,
                        refers: refers.map(EntryId),
                        stage: stage.map(|s| Stage::ALL[s]),
                        other: other.map(ContactId),
                        other_name,
                        company_was,
                        company,
                        role_was,
                        role,
                        voids: voids.map(EntryId),
                    }
                },
            )
    }

    proptest! {
        /// Packing keeps every field, an empty one apart from an absent
        /// one, and the line written is the one the fields would give.
        #[test]
        fn an_entry_gives_back_the_fields_it_was_packed_from(f in fields()) {
            let entry = Entry::from(f.clone());
            prop_assert_eq!(entry.fields(), f.clone());
            prop_assert_eq!(
                serde_json::to_string(&entry).unwrap(),
                serde_json::to_string(&f).unwrap()
            );
            let back: Entry = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
            prop_assert_eq!(back, entry);
        }
    }
}
