//! A launch's light pass over a history log that has no snapshot yet:
//! the log is read, hashed and checked line by line as a full read would,
//! but of each entry only what the first frame needs is kept (when, what
//! kind, whose and which item), not the entry itself. With the contacts
//! and items, that gives the log's [`HistoryDigest`]; its newest entries
//! are read again by their offsets. The full read follows after the first
//! frame (see `PendingHistory`), and everything shown is then worked out
//! from it again.
//!
//! At LinkedIn scale (100,000 entries, 25 MB) building every entry before
//! the first frame meant ~26 MiB of fresh memory and their summaries
//! worked out from strings; this keeps ~4 MB and looks each id up once.
//!
//! The pass only ever agrees with the full read or gives up: a line it
//! does not read in netwerk's own plain shape (see `plain_json`), a read
//! error, a file that changed before its newest lines were read again, or
//! an entry that does not come back the same, and the caller reads the
//! log whole instead, which also reports any error with its line.

use super::StoreError;
use super::history_log::{self, Collect};
use super::plain_json;
use super::stamp::FileStamp;
use crate::domain::digest::{self, HistoryDigest};
use crate::domain::network::{Gesture, Summaries};
use crate::domain::{Contact, Entry, EntryKind, Item};
use chrono::{DateTime, FixedOffset};
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::fs::File;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::Path;

/// Logs shorter than this are read whole at once: it takes a few
/// milliseconds, and the entries then need no second read.
pub const LIGHT_FROM: u64 = 1 << 20;

/// Marks "no item" among interned ids.
const NONE: u32 = u32::MAX;

/// An entry as the light pass keeps it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    at: DateTime<FixedOffset>,
    kind: EntryKind,
    /// The contact's id, interned.
    contact: u32,
    /// The item's id, interned, or [`NONE`].
    item: u32,
    /// Where its line starts in the file, and how long it is.
    offset: u64,
    len: u32,
}

/// What the light pass collects.
#[derive(Debug, Default)]
struct Light {
    /// Contact and item ids, each numbered once (held inline: ids are
    /// short).
    ids: FxHashMap<CompactString, u32>,
    seen: Vec<Seen>,
}

impl Light {
    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = u32::try_from(self.ids.len()).unwrap_or(NONE - 1);
        self.ids.insert(CompactString::new(id), n);
        n
    }
}

/// Anything outside the plain shape: the caller reads the log whole.
fn not_plain(path: &Path) -> StoreError {
    StoreError::io(path, std::io::Error::other("not in the plain shape"))
}

impl Collect for Light {
    fn line(
        &mut self,
        path: &Path,
        line: &str,
        _number: usize,
        offset: u64,
    ) -> Result<(), StoreError> {
        let fields = plain_json::fields(line).ok_or_else(|| not_plain(path))?;
        let contact = self.intern(&fields.contact);
        let item = fields.item.as_deref().map_or(NONE, |i| self.intern(i));
        self.seen.push(Seen {
            at: fields.at,
            kind: fields.kind,
            contact,
            item,
            offset,
            len: u32::try_from(line.len()).map_err(|_| not_plain(path))?,
        });
        Ok(())
    }

    /// Takes in the second half of a log: its ids numbered as this
    /// half's.
    fn append(&mut self, later: Self) {
        let mut renumbered = vec![NONE; later.ids.len()];
        for (id, n) in &later.ids {
            if let Some(slot) = renumbered.get_mut(*n as usize) {
                *slot = self.intern(id);
            }
        }
        let renumber = |n: u32| renumbered.get(n as usize).copied().unwrap_or(NONE);
        self.seen.extend(later.seen.into_iter().map(|s| Seen {
            contact: renumber(s.contact),
            item: renumber(s.item),
            ..s
        }));
    }
}

/// A log passed over lightly, waiting for the contacts and items to be
/// digested against.
#[derive(Debug)]
pub struct Scanned {
    file: File,
    light: Light,
    /// The file through its last complete line.
    pub stamp: FileStamp,
}

/// Passes lightly over the log at `path`, if it is large enough to be
/// worth it and every line is plain; `None` means "read it whole".
pub fn scan(path: &Path) -> Option<Scanned> {
    let file = File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if meta.len() < LIGHT_FROM {
        return None;
    }
    // Room for the entries, and for the ids of a network of contacts
    // with several entries each, so neither is copied as it grows.
    let make = |entries: usize| Light {
        ids: FxHashMap::with_capacity_and_hasher(entries / 4, Default::default()),
        seen: Vec::with_capacity(entries),
    };
    let (light, stamp, _) = history_log::read_with(&file, path, &meta, make).ok()?;
    Some(Scanned { file, light, stamp })
}

impl Scanned {
    /// The digest of the log for these contacts and items: exactly
    /// [`HistoryDigest::of`] the full read with
    /// [`crate::domain::Network::summaries`], or `None` if the newest
    /// lines could not be read again unchanged.
    pub fn digest(&self, contacts: &[Contact], items: &[Item]) -> Option<HistoryDigest> {
        let Light { ids, seen } = &self.light;
        // Interned id → position; a repeated id is the last one's, as
        // with the full read's maps.
        let mut contact_at = vec![NONE; ids.len()];
        for (i, c) in contacts.iter().enumerate() {
            if let Some(&n) = ids.get(c.id.as_str()) {
                contact_at[n as usize] = u32::try_from(i).ok()?;
            }
        }
        let mut item_at = vec![NONE; ids.len()];
        for (i, it) in items.iter().enumerate() {
            if let Some(&n) = ids.get(it.id.as_str()) {
                item_at[n as usize] = u32::try_from(i).ok()?;
            }
        }
        let position = |at: &[u32], n: u32| at.get(n as usize).copied().filter(|&p| p != NONE);
        let gestures = seen.iter().filter_map(|s| {
            let contact = position(&contact_at, s.contact)?;
            let item = match s.kind {
                EntryKind::Share => position(&item_at, s.item),
                EntryKind::Touch | EntryKind::Ask => None,
            };
            Some(Gesture {
                contact,
                kind: s.kind,
                at: s.at,
                item,
            })
        });
        let summaries = Summaries::tally(contacts.len(), gestures);
        Some(HistoryDigest {
            summaries,
            gestures: seen
                .iter()
                .filter(|s| s.kind != EntryKind::Touch)
                .map(|s| (s.at, s.kind))
                .collect(),
            newest: self.newest()?,
        })
    }

    /// The newest entries, read again by their offsets: the same as the
    /// pass saw them, or `None`.
    fn newest(&self) -> Option<Vec<Entry>> {
        let seen = &self.light.seen;
        let mut buf = Vec::new();
        let mut newest = Vec::with_capacity(digest::NEWEST);
        for i in digest::newest(seen.len(), |i| seen[i].at) {
            let s = &seen[i];
            buf.resize(s.len as usize, 0);
            self.file.read_exact_at(&mut buf, s.offset).ok()?;
            let fields = plain_json::fields(std::str::from_utf8(&buf).ok()?)?;
            if (fields.at, fields.kind) != (s.at, s.kind) {
                return None;
            }
            newest.push(fields.entry());
        }
        // The log is appended to, never rewritten in place by netwerk; a
        // file changed since it was opened is read whole instead.
        let meta = self.file.metadata().ok()?;
        let unchanged = meta.len() >= self.stamp.len
            && (meta.mtime(), meta.mtime_nsec()) == (self.stamp.mtime, self.stamp.mtime_nsec);
        unchanged.then_some(newest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testnet::now;
    use crate::store::history_log;

    /// A log of `n` touches of `contact`, over `LIGHT_FROM` once `n` is
    /// in the thousands.
    fn log(contact: &Contact, n: usize) -> String {
        let mut text = String::from("{\"netwerk_history\":1}\n");
        for i in 0..n {
            let at = now() + chrono::Duration::minutes(i as i64);
            let note = format!("note {i} {}", "é".repeat(150));
            text.push_str(&history_log::line(&Entry::logged(
                contact,
                EntryKind::Touch,
                at,
                &note,
            )));
        }
        text
    }

    #[test]
    fn small_logs_are_left_to_a_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let ada = Contact::new("Ada", now().date_naive()).unwrap();
        std::fs::write(&path, log(&ada, 100)).unwrap();
        assert!(scan(&path).is_none());
        assert!(scan(&dir.path().join("missing.jsonl")).is_none());
    }

    #[test]
    fn a_log_changed_before_its_newest_lines_are_read_again_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let ada = [Contact::new("Ada", now().date_naive()).unwrap()];
        std::fs::write(&path, log(&ada[0], 4_000)).unwrap();
        let scanned = scan(&path).expect("a plain log over the size");
        let digest = scanned.digest(&ada, &[]).expect("unchanged");
        assert_eq!(digest.newest.len(), digest::NEWEST);
        assert_eq!(digest.summaries.get(0).map(|s| s.touches), Some(4_000));
        // Appended to (so its time changed) after the pass.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::io::Write::write_all(&mut file, b"\n").unwrap();
        drop(file);
        assert!(scanned.digest(&ada, &[]).is_none());
        // Rewritten in place with other text at the same offsets.
        let scanned = scan(&path).unwrap();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\"touch\"", "\"ask\"\x20");
        std::fs::write(&path, text).unwrap();
        assert!(scanned.digest(&ada, &[]).is_none());
    }
}
