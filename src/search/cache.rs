//! What `netwerk search` needs of each contact — id, name, company and
//! the searchable fields — kept in a compact derived file,
//! `<data>/.cache/search-v1.bin`, so a search does not parse
//! `contacts.toml` (hundreds of milliseconds at 30,000 contacts).
//!
//! `contacts.toml` stays the truth: the cache records the length and a
//! 128-bit hash of the exact bytes it was built from, and is used only
//! when the file still has those bytes (an edit that keeps size and mtime
//! is still caught). A cache that is stale, truncated, corrupted or from
//! another layout is ignored and rebuilt from the TOML. Writing it is
//! best effort: a read-only data directory only costs speed.

use super::char_mask;
use crate::domain::Contact;
use crate::domain::fold::fold;
use crate::store::{CONTACTS, Store, StoreError, safe_path, snapshot, tables};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// The cache directory inside the data directory.
pub const DIR: &str = ".cache";
/// The cache file's name. The version changes with the layout.
pub const FILE: &str = "search-v1.bin";

const MAGIC: &[u8; 8] = b"NWSRCH\x00\x02";
/// Magic, source length, source hash, record count, string count, text length.
const HEADER: usize = 8 + 8 + 16 + 4 + 4 + 4;
/// A hash of everything before it, so a torn or damaged file is noticed.
const TRAILER: usize = 8;

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

    /// The cache file's bytes, for a source of `len` bytes hashing to
    /// `hash`.
    fn encode(&self, len: u64, hash: u128) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.text.len() + 4 * self.ends.len() + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&hash.to_le_bytes());
        for n in [self.len(), self.ends.len(), self.text.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        for n in self.records.iter().chain(&self.ends) {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for m in &self.masks {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out.extend_from_slice(self.text.as_bytes());
        let sum = xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a cache file's bytes; `None` unless they are intact, of this
    /// layout, built from a source of `len` bytes hashing to `hash`, and
    /// consistent throughout.
    fn decode(bytes: &[u8], len: u64, hash: u128) -> Option<Self> {
        let body_len = bytes.len().checked_sub(TRAILER)?;
        let (body, trailer) = bytes.split_at(body_len);
        if body.len() < HEADER || body[..8] != MAGIC[..] || xxh3_64(body).to_le_bytes() != trailer {
            return None;
        }
        let mut r = Reader { bytes: &body[8..] };
        if r.u64()? != len || r.u128()? != hash {
            return None;
        }
        let (count, strings, text_len) = (r.u32()? as usize, r.u32()? as usize, r.u32()?);
        let records = r.u32s(count.checked_add(1)?)?;
        let ends = r.u32s(strings)?;
        let masks = r.u64s(count)?;
        let text = std::str::from_utf8(r.bytes).ok()?.to_string();
        // Every offset in range and in order, every string on character
        // boundaries, every record with its four fixed strings: then no
        // accessor can panic.
        let ordered = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        let valid = text.len() == text_len as usize
            && ordered(&records)
            && records.first() == Some(&0)
            && records.last() == Some(&(strings as u32))
            && records.windows(2).all(|w| w[1] - w[0] >= 4)
            && ordered(&ends)
            && ends.last().is_none_or(|&e| e == text_len)
            && ends.iter().all(|&e| text.is_char_boundary(e as usize));
        valid.then_some(ContactLines {
            text,
            ends,
            records,
            masks,
        })
    }
}

/// Reads little-endian numbers off the front of a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.bytes.split_first_chunk::<N>()?;
        self.bytes = rest;
        Some(*head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    fn u128(&mut self) -> Option<u128> {
        self.take().map(u128::from_le_bytes)
    }

    fn u64s(&mut self, n: usize) -> Option<Vec<u64>> {
        (0..n).map(|_| self.u64()).collect()
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let size = n.checked_mul(4)?;
        if self.bytes.len() < size {
            return None;
        }
        let (head, rest) = self.bytes.split_at(size);
        self.bytes = rest;
        Some(
            head.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// Where the cache of `data` lives.
pub fn path(data: &Path) -> PathBuf {
    data.join(DIR).join(FILE)
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
    let mut bytes = Vec::new();
    match safe_path::open_read(&source).and_then(|mut f| f.read_to_end(&mut bytes)) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&source, e)),
    }
    let (len, hash) = (bytes.len() as u64, xxh3_128(&bytes));
    let mut cached = Vec::new();
    if let Some(mut f) = snapshot::open_file(store.dir(), FILE)
        && f.read_to_end(&mut cached).is_ok()
        && let Some(lines) = ContactLines::decode(&cached, len, hash)
    {
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
    let _ = write(store.dir(), &lines.encode(len, hash));
    Ok((lines, Source::Toml))
}

fn write(data: &Path, bytes: &[u8]) -> io::Result<()> {
    snapshot::replace_file(data, FILE, bytes)
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
