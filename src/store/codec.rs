//! A small binary encoding of the domain records for the snapshot cache.
//!
//! Hand-written rather than serde + a binary format because the domain
//! types' `skip_serializing_if` attributes make non-self-describing formats
//! drop fields, and mirror structs would cost a copy of every string. Each
//! record is encoded by destructuring it completely, so adding a field to
//! a domain type fails to compile here until the cache learns it; the
//! snapshot header carries a hash of this file, so the edit that teaches
//! it also retires every snapshot written before.
//!
//! Record fields go to one buffer and the text of every string to another,
//! the string arena, so decoding validates UTF-8 once for the whole arena
//! instead of once per string (a tenth of the decode time otherwise).
//!
//! Decoding never panics and never trusts a length: a corrupt cache comes
//! back as [`Corrupt`] and is rebuilt from the source files.

use crate::domain::HistoryDigest;
use crate::domain::history::Texts;
use crate::domain::network::{Summaries, Summary};
use crate::domain::{
    Contact, ContactId, ContactState, Entry, EntryKind, Item, ItemId, ItemKind, Link, LinkKind,
};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

/// The cache bytes are not what this build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

type Res<T> = Result<T, Corrupt>;

/// Appends encoded values to a buffer.
#[derive(Debug, Default)]
pub struct Enc {
    /// The record bytes so far.
    pub buf: Vec<u8>,
    /// The string arena so far.
    pub strs: String,
}

impl Enc {
    /// Unsigned LEB128: small numbers (most lengths) take one byte.
    pub fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// Zig-zag signed integer.
    pub fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    /// A fixed 16-byte value (hashes).
    pub fn u128(&mut self, v: u128) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A string: its length here, its text in the arena.
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.strs.push_str(s);
    }

    /// A length-prefixed string kept in the record bytes (for headers,
    /// read before the arena is known to be sound).
    pub fn inline_str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.buf.push(0),
            Some(s) => {
                self.buf.push(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    fn date(&mut self, d: NaiveDate) {
        self.int(d.num_days_from_ce().into());
    }

    fn opt_date(&mut self, d: Option<NaiveDate>) {
        match d {
            None => self.buf.push(0),
            Some(d) => {
                self.buf.push(1);
                self.date(d);
            }
        }
    }
}

/// Reads encoded values from record bytes and a string arena.
#[derive(Debug)]
pub struct Dec<'a> {
    buf: &'a [u8],
    pos: usize,
    strs: &'a str,
    str_pos: usize,
}

impl<'a> Dec<'a> {
    /// Starts at the beginning of `buf` and of the arena `strs`.
    pub fn new(buf: &'a [u8], strs: &'a str) -> Self {
        Self {
            buf,
            pos: 0,
            strs,
            str_pos: 0,
        }
    }

    /// Whether every record byte and the whole arena were consumed.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len() && self.str_pos == self.strs.len()
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn byte(&mut self) -> Res<u8> {
        let b = *self.buf.get(self.pos).ok_or(Corrupt)?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(Corrupt)?;
        let s = self.buf.get(self.pos..end).ok_or(Corrupt)?;
        self.pos = end;
        Ok(s)
    }

    /// See [`Enc::uint`].
    pub fn uint(&mut self) -> Res<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Corrupt)
    }

    /// See [`Enc::int`].
    pub fn int(&mut self) -> Res<i64> {
        let v = self.uint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A count of things still to decode, each at least one byte long, so
    /// a corrupt count cannot make us reserve absurd amounts of memory.
    pub fn count(&mut self) -> Res<usize> {
        let n = usize::try_from(self.uint()?).map_err(|_| Corrupt)?;
        if n > self.buf.len() - self.pos {
            return Err(Corrupt);
        }
        Ok(n)
    }

    /// See [`Enc::u128`].
    pub fn u128(&mut self) -> Res<u128> {
        let b: [u8; 16] = self.take(16)?.try_into().map_err(|_| Corrupt)?;
        Ok(u128::from_le_bytes(b))
    }

    /// See [`Enc::str`].
    pub fn str(&mut self) -> Res<String> {
        self.str_ref().map(str::to_owned)
    }

    /// See [`Enc::str`]: the text in the arena.
    fn str_ref(&mut self) -> Res<&'a str> {
        let n = usize::try_from(self.uint()?).map_err(|_| Corrupt)?;
        let end = self.str_pos.checked_add(n).ok_or(Corrupt)?;
        // `get` refuses a range that splits a character.
        let s = self.strs.get(self.str_pos..end).ok_or(Corrupt)?;
        self.str_pos = end;
        Ok(s)
    }

    /// See [`Enc::inline_str`].
    pub fn inline_str(&mut self) -> Res<&'a str> {
        let n = usize::try_from(self.uint()?).map_err(|_| Corrupt)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Corrupt)
    }

    /// Splits off the next `n` record bytes.
    pub fn bytes(&mut self, n: usize) -> Res<&'a [u8]> {
        self.take(n)
    }

    fn flag(&mut self) -> Res<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }

    fn opt_str(&mut self) -> Res<Option<String>> {
        Ok(self.opt_str_ref()?.map(str::to_owned))
    }

    fn opt_str_ref(&mut self) -> Res<Option<&'a str>> {
        Ok(if self.flag()? {
            Some(self.str_ref()?)
        } else {
            None
        })
    }

    fn strs(&mut self) -> Res<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn date(&mut self) -> Res<NaiveDate> {
        let days = i32::try_from(self.int()?).map_err(|_| Corrupt)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(Corrupt)
    }

    fn opt_date(&mut self) -> Res<Option<NaiveDate>> {
        Ok(if self.flag()? {
            Some(self.date()?)
        } else {
            None
        })
    }

    fn u32(&mut self) -> Res<u32> {
        u32::try_from(self.uint()?).map_err(|_| Corrupt)
    }
}

/// A record the snapshot cache can hold.
pub trait Record: Sized {
    /// Appends the record.
    fn encode(&self, e: &mut Enc);
    /// Reads one record back.
    fn decode(d: &mut Dec) -> Res<Self>;
}

/// Field-less enums are written as small numbers through exhaustive
/// matches, so a new variant fails to compile here instead of being
/// cached as another one.
macro_rules! enum_codes {
    ($put:ident, $get:ident, $ty:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        fn $put(v: $ty) -> u64 {
            match v {
                $($ty::$variant => $code,)*
            }
        }

        fn $get(code: u64) -> Res<$ty> {
            match code {
                $($code => Ok($ty::$variant),)*
                _ => Err(Corrupt),
            }
        }
    };
}

enum_codes!(state_code, state_of, ContactState { Active = 0, Untriaged = 1, Dormant = 2 });
enum_codes!(entry_code, entry_of, EntryKind { Share = 0, Touch = 1, Ask = 2 });
enum_codes!(
    link_code,
    link_of,
    LinkKind { Linkedin = 0, Facebook = 1, Website = 2, Github = 3, X = 4, Other = 5, Mastodon = 6, Bluesky = 7, Youtube = 8 }
);
enum_codes!(
    item_code,
    item_of,
    ItemKind { Article = 0, Blog = 1, Video = 2, Podcast = 3, Paper = 4, Other = 5 }
);

impl Record for Contact {
    fn encode(&self, e: &mut Enc) {
        let Contact {
            id,
            name,
            given_name,
            family_name,
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
            merged,
            links,
        } = self;
        e.str(id.as_str());
        e.str(name);
        e.opt_str(given_name.as_deref());
        e.opt_str(family_name.as_deref());
        e.uint((*degree).into());
        e.opt_str(company.as_deref());
        e.opt_str(role.as_deref());
        e.opt_str(email.as_deref());
        e.strs(interests);
        e.opt_str(met.as_deref());
        // 0 for none: a cadence is validated to be at least one day.
        e.uint(cadence_days.map_or(0, |d| u64::from(d) + 1));
        e.opt_str(notes.as_deref());
        e.date(*added);
        e.opt_date(*connected);
        e.uint(state_code(*state));
        e.uint(merged.len() as u64);
        for m in merged {
            e.str(m.as_str());
        }
        e.uint(links.len() as u64);
        for Link { kind, url } in links {
            e.uint(link_code(*kind));
            e.str(url);
        }
    }

    fn decode(d: &mut Dec) -> Res<Self> {
        Ok(Contact {
            id: ContactId(d.str()?),
            name: d.str()?,
            given_name: d.opt_str()?,
            family_name: d.opt_str()?,
            degree: u8::try_from(d.uint()?).map_err(|_| Corrupt)?,
            company: d.opt_str()?,
            role: d.opt_str()?,
            email: d.opt_str()?,
            interests: d.strs()?,
            met: d.opt_str()?,
            cadence_days: match d.u32()? {
                0 => None,
                n => Some(n - 1),
            },
            notes: d.opt_str()?,
            added: d.date()?,
            connected: d.opt_date()?,
            state: state_of(d.uint()?)?,
            merged: {
                let n = d.count()?;
                (0..n)
                    .map(|_| Ok(ContactId(d.str()?)))
                    .collect::<Res<_>>()?
            },
            links: {
                let n = d.count()?;
                (0..n)
                    .map(|_| {
                        Ok(Link {
                            kind: link_of(d.uint()?)?,
                            url: d.str()?,
                        })
                    })
                    .collect::<Res<_>>()?
            },
        })
    }
}

impl Record for Item {
    fn encode(&self, e: &mut Enc) {
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
        } = self;
        e.str(id.as_str());
        e.str(title);
        e.str(url);
        e.uint(item_code(*kind));
        e.strs(topics);
        e.opt_str(comment.as_deref());
        e.date(*added);
        e.buf.push(u8::from(*archived));
        e.buf.push(u8::from(*title_guessed));
    }

    fn decode(d: &mut Dec) -> Res<Self> {
        Ok(Item {
            id: ItemId(d.str()?),
            title: d.str()?,
            url: d.str()?,
            kind: item_of(d.uint()?)?,
            topics: d.strs()?,
            comment: d.opt_str()?,
            added: d.date()?,
            archived: d.flag()?,
            title_guessed: d.flag()?,
        })
    }
}

impl Record for Entry {
    fn encode(&self, e: &mut Enc) {
        e.str(self.id());
        instant(e, self.at);
        e.uint(entry_code(self.kind));
        e.str(self.contact());
        e.str(self.contact_name());
        e.opt_str(self.item());
        e.opt_str(self.item_title());
        e.opt_str(self.url());
        e.str(self.note());
        e.opt_str(self.template());
        e.opt_str(self.via());
    }

    fn decode(d: &mut Dec) -> Res<Self> {
        // Read in the order `encode` wrote them.
        let id = d.str_ref()?;
        let at = datetime(d)?;
        let kind = entry_of(d.uint()?)?;
        let texts = Texts {
            id,
            contact: d.str_ref()?,
            contact_name: d.str_ref()?,
            item: d.opt_str_ref()?,
            item_title: d.opt_str_ref()?,
            url: d.opt_str_ref()?,
            note: d.str_ref()?,
            template: d.opt_str_ref()?,
            via: d.opt_str_ref()?,
        };
        Ok(Entry::new(at, kind, texts))
    }
}

impl Record for Summaries {
    fn encode(&self, e: &mut Enc) {
        let (by_contact, sent) = self.parts();
        e.uint(by_contact.len() as u64);
        for s in by_contact {
            let Some(s) = s else {
                e.buf.push(0);
                continue;
            };
            e.buf.push(1);
            match s.last_touch {
                None => e.buf.push(0),
                Some(at) => {
                    e.buf.push(1);
                    instant(e, at);
                }
            }
            for n in [s.gives, s.touches, s.asks, s.received.0, s.received.1] {
                e.uint(n.into());
            }
        }
        e.uint(sent.len() as u64);
        for &(item, at) in sent {
            e.uint(item.into());
            instant(e, at);
        }
    }

    fn decode(d: &mut Dec) -> Res<Self> {
        let n = d.count()?;
        let mut by_contact = Vec::with_capacity(n);
        for _ in 0..n {
            if !d.flag()? {
                by_contact.push(None);
                continue;
            }
            let last_touch = if d.flag()? { Some(datetime(d)?) } else { None };
            by_contact.push(Some(Summary {
                last_touch,
                gives: d.u32()?,
                touches: d.u32()?,
                asks: d.u32()?,
                received: (d.u32()?, d.u32()?),
            }));
        }
        let n = d.count()?;
        let mut sent = Vec::with_capacity(n);
        for _ in 0..n {
            sent.push((d.u32()?, datetime(d)?));
        }
        // Checked against the network by the caller, which knows its size.
        Summaries::from_parts(by_contact, sent).ok_or(Corrupt)
    }
}

impl Record for HistoryDigest {
    fn encode(&self, e: &mut Enc) {
        self.summaries.encode(e);
        e.uint(self.gestures.len() as u64);
        for &(at, kind) in &self.gestures {
            instant(e, at);
            e.uint(entry_code(kind));
        }
        e.uint(self.newest.len() as u64);
        for entry in &self.newest {
            entry.encode(e);
        }
    }

    fn decode(d: &mut Dec) -> Res<Self> {
        let summaries = Summaries::decode(d)?;
        let n = d.count()?;
        let mut gestures = Vec::with_capacity(n);
        for _ in 0..n {
            gestures.push((datetime(d)?, entry_of(d.uint()?)?));
        }
        let n = d.count()?;
        let mut newest = Vec::with_capacity(n);
        for _ in 0..n {
            newest.push(Entry::decode(d)?);
        }
        Ok(HistoryDigest {
            summaries,
            gestures,
            newest,
        })
    }
}

/// Encodes a timestamp with its offset.
fn instant(e: &mut Enc, at: DateTime<FixedOffset>) {
    e.int(at.timestamp());
    e.uint(at.timestamp_subsec_nanos().into());
    e.int(at.offset().local_minus_utc().into());
}

/// Decodes a timestamp written by [`instant`].
fn datetime(d: &mut Dec) -> Res<DateTime<FixedOffset>> {
    let secs = d.int()?;
    let nanos = d.u32()?;
    let offset = i32::try_from(d.int()?).map_err(|_| Corrupt)?;
    let offset = FixedOffset::east_opt(offset).ok_or(Corrupt)?;
    let utc = DateTime::from_timestamp(secs, nanos).ok_or(Corrupt)?;
    Ok(utc.with_timezone(&offset))
}
