//! What `netwerk search` needs of each contact — id, name, company and
//! the searchable fields — kept in the store's cache beside its
//! snapshots (`<data>/.cache/search.bin`), so a search does not parse
//! `contacts.toml`.
//!
//! `contacts.toml` stays the truth: the store keeps the stamp (length and
//! 128-bit hash) of the exact bytes the lines were built from, and hands
//! them back only while the file still has those bytes (an edit that
//! keeps size and mtime is still caught). Lines that are stale,
//! truncated, corrupted or from another layout are ignored and rebuilt
//! from the TOML. Writing them is best effort: a read-only data directory
//! only costs speed.

use super::char_mask;
use crate::domain::Contact;
use crate::domain::fold::fold;
use crate::format::tables;
use crate::store::{CONTACTS, Record, Store, StoreError, snapshot, stamp};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The lines' name in the store's cache.
const NAME: &str = "search";

/// The contacts as search sees them, in name order (folded, then id), so
/// equal scores list alphabetically.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactLines {
    /// Every string, one after another.
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
    /// Where each record's strings start in `ends`; one extra at the end.
    records: Vec<u32>,
    /// Each record's [`char_mask`] over its strings (the id included: a
    /// superset only lets more records through to the matcher).
    masks: Vec<u64>,
}

/// One contact's line: id, name, company, then role and interests.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    lines: &'a ContactLines,
    index: usize,
    first: usize,
    end: usize,
}

impl<'a> Line<'a> {
    fn string(&self, i: usize) -> &'a str {
        self.lines.string(self.first + i)
    }

    /// The contact's id.
    pub fn id(&self) -> &'a str {
        self.string(0)
    }

    /// The contact's name.
    pub fn name(&self) -> &'a str {
        self.string(1)
    }

    /// The contact's company, if any.
    pub fn company(&self) -> Option<&'a str> {
        Some(self.string(2)).filter(|c| !c.is_empty())
    }

    /// [`char_mask`] of the contact's strings: a query whose mask has a
    /// bit this lacks cannot match this contact.
    pub fn mask(&self) -> u64 {
        self.lines.masks[self.index]
    }

    /// What search matches: name, company, role, then each interest.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let lines = self.lines;
        (self.first + 1..self.end).map(move |i| lines.string(i))
    }
}

impl ContactLines {
    /// The lines of `contacts`, sorted by folded name, then id.
    pub fn from_contacts(contacts: &[Contact]) -> Self {
        let mut order: Vec<(String, &Contact)> =
            contacts.iter().map(|c| (fold(&c.name), c)).collect();
        order.sort_by(|(fa, a), (fb, b)| fa.cmp(fb).then_with(|| a.id.cmp(&b.id)));
        let mut lines = ContactLines::default();
        for (_, c) in order {
            lines.records.push(lines.ends.len() as u32);
            let fixed = [
                c.id.as_str(),
                &c.name,
                c.company.as_deref().unwrap_or(""),
                c.role.as_deref().unwrap_or(""),
            ];
            let mut mask = 0;
            for s in fixed
                .into_iter()
                .chain(c.interests.iter().map(String::as_str))
            {
                lines.text.push_str(s);
                lines.ends.push(lines.text.len() as u32);
                mask |= char_mask(s);
            }
            lines.masks.push(mask);
        }
        lines.records.push(lines.ends.len() as u32);
        lines
    }

    /// How many contacts there are.
    pub fn len(&self) -> usize {
        self.records.len().saturating_sub(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th contact's line.
    pub fn get(&self, i: usize) -> Line<'_> {
        Line {
            lines: self,
            index: i,
            first: self.records[i] as usize,
            end: self.records[i + 1] as usize,
        }
    }

    /// Every line, in order.
    pub fn iter(&self) -> impl Iterator<Item = Line<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn string(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// [`ContactLines`] as the store's cache keeps it.
#[derive(Serialize, Deserialize)]
pub struct LinesMirror<'a> {
    text: Cow<'a, str>,
    ends: Cow<'a, [u32]>,
    records: Cow<'a, [u32]>,
    masks: Cow<'a, [u64]>,
}

impl Record for ContactLines {
    type Mirror<'a> = LinesMirror<'a>;

    fn mirror(&self) -> LinesMirror<'_> {
        let ContactLines {
            text,
            ends,
            records,
            masks,
        } = self;
        LinesMirror {
            text: Cow::Borrowed(text),
            ends: Cow::Borrowed(ends),
            records: Cow::Borrowed(records),
            masks: Cow::Borrowed(masks),
        }
    }

    /// `None` unless consistent throughout: every offset in range and in
    /// order, every string on character boundaries, every record with its
    /// four fixed strings and its mask. Then no accessor can panic.
    fn from_mirror(m: LinesMirror<'_>) -> Option<Self> {
        let (text, ends, records, masks) = (
            m.text.into_owned(),
            m.ends.into_owned(),
            m.records.into_owned(),
            m.masks.into_owned(),
        );
        let ordered = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        let valid = ordered(&records)
            && records.first() == Some(&0)
            && records.last() == u32::try_from(ends.len()).ok().as_ref()
            && records.windows(2).all(|w| w[1] - w[0] >= 4)
            && masks.len() + 1 == records.len()
            && ordered(&ends)
            && ends.last().is_none_or(|&e| e as usize == text.len())
            && ends.iter().all(|&e| text.is_char_boundary(e as usize));
        valid.then_some(ContactLines {
            text,
            ends,
            records,
            masks,
        })
    }
}

/// Where the lines of `data` are kept.
pub fn path(data: &Path) -> PathBuf {
    snapshot::dir(data).join(format!("{NAME}.bin"))
}

/// Whether [`load`] used the cache or rebuilt it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The cache matched `contacts.toml`.
    Cache,
    /// `contacts.toml` was parsed (and the cache rewritten).
    Toml,
}

/// The contacts' search lines: from the cache when it matches
/// `contacts.toml` byte for byte, else parsed from the TOML (reporting
/// its errors as any command does) and cached for next time.
pub fn load(store: &Store) -> Result<(ContactLines, Source), StoreError> {
    let source = store.path(CONTACTS);
    let (bytes, stamp) = stamp::read_stamped(&source).map_err(|e| StoreError::io(&source, e))?;
    if let Some(lines) = snapshot::read_derived(store.dir(), NAME, &stamp) {
        return Ok((lines, Source::Cache));
    }
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Parse {
        path: source.clone(),
        line: 1,
        col: 1,
        message: format!("the file is not valid UTF-8 ({e})"),
    })?;
    let lines = ContactLines::from_contacts(&tables::parse_contacts(&source, &text)?);
    // Best effort: failing to cache only makes the next search slower.
    let _ = snapshot::write_derived(store.dir(), NAME, &stamp, &lines);
    Ok((lines, Source::Toml))
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
