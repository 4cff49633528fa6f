//! A launch's light pass over a history log that has no snapshot yet:
//! the log is read, hashed and checked line by line as a full read would,
//! but of each entry only what the first frame needs is kept (when, what
//! kind, whose and which item), not the entry itself. With the contacts
//! and items, that gives the log's [`HistoryDigest`]; its newest entries
//! are read again by their offsets. The full read follows after the first
//! frame (see `RestOfHistory`), and everything shown is then worked out
//! from it again.
//!
//! Building every entry before the first frame costs memory and works
//! their summaries out from strings; this keeps a fraction of it and
//! looks each id up once (figures in `docs/performance.md`).
//!
//! The pass only ever agrees with the full read or gives up: a line it
//! does not read in netwerk's own plain shape (see `plain_json`), a read
//! error, a file that changed before its newest lines were read again, or
//! an entry that does not come back the same, and the caller reads the
//! log whole instead, which also reports any error with its line.

use crate::disk::error::StoreError;
use crate::domain::history::{Tally, tally};
use crate::domain::network::{Gesture, Summaries};
use crate::domain::{Contact, Entry, EntryKind, Item};
use crate::format::history::Collect;
use crate::format::plain::entry as plain_json;
use crate::store::digest::{self, HistoryDigest};
use crate::store::history_log;
use crate::store::stamp::FileStamp;
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
    /// What it counts as (see `domain::history::tally`).
    tally: Option<Tally>,
    /// The contact's id, interned.
    contact: u32,
    /// The other person of an introduction, interned, or [`NONE`].
    other: u32,
    /// The item's id, interned, or [`NONE`].
    item: u32,
    /// Where its line starts in the file, and how long it is.
    offset: u64,
    len: u32,
}

/// What the light pass collects.
#[derive(Debug, Default)]
struct Light {
    /// Contact and item ids, each numbered once.
    ids: Ids,
    seen: Vec<Seen>,
}

impl Light {
    fn intern(&mut self, id: &str) -> u32 {
        self.ids.intern(id)
    }
}

/// Ids numbered in the order first seen. An id in the shape netwerk
/// mints is held as one integer: a look-up is then one hash of a word
/// and one comparison in a table half the size, where a string key meant
/// hashing and comparing bytes through a pointer, and a cache miss more.
/// Any other id (from a
/// hand edit or another tool) is held as text.
#[derive(Debug, Default)]
struct Ids {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<CompactString, u32>,
}

impl Ids {
    fn with_capacity(n: usize) -> Self {
        Self {
            short: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            long: FxHashMap::default(),
        }
    }

    /// The key of an id in the shape netwerk mints (a letter, then eight
    /// of `id::ALPHABET`): five bits a character.
    fn short_key(id: &str) -> Option<u64> {
        let bytes = id.as_bytes();
        if bytes.len() != 9 {
            return None;
        }
        let mut key = u64::from(bytes[0]);
        for &b in &bytes[1..] {
            key = (key << 5) | u64::from(DIGIT[usize::from(b)].checked_sub(1)?);
        }
        Some(key)
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn get(&self, id: &str) -> Option<u32> {
        match Self::short_key(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    fn intern(&mut self, id: &str) -> u32 {
        let n = u32::try_from(self.len()).unwrap_or(NONE - 1);
        match Self::short_key(id) {
            Some(key) => *self.short.entry(key).or_insert(n),
            None => {
                if let Some(&n) = self.long.get(id) {
                    return n;
                }
                self.long.insert(CompactString::new(id), n);
                n
            }
        }
    }

    /// Every id with its number.
    fn each(&self, mut f: impl FnMut(&str, u32)) {
        for (&key, &n) in &self.short {
            let mut bytes = [0u8; 9];
            let mut k = key;
            for b in bytes[1..].iter_mut().rev() {
                *b = crate::domain::id::ALPHABET[(k & 31) as usize];
                k >>= 5;
            }
            bytes[0] = k as u8;
            if let Ok(id) = std::str::from_utf8(&bytes) {
                f(id, n);
            }
        }
        for (id, &n) in &self.long {
            f(id, n);
        }
    }
}

/// Each byte's place in `id::ALPHABET`, plus one; 0 for bytes not in it.
const DIGIT: [u8; 256] = {
    let mut table = [0u8; 256];
    let alphabet = crate::domain::id::ALPHABET;
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8 + 1;
        i += 1;
    }
    table
};

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
        // A bad id is the full read's to report, with its place.
        let ids = [
            Some(&fields.id),
            Some(&fields.contact),
            fields.item.as_ref(),
            fields.other.as_ref(),
            fields.refers.as_ref(),
        ];
        if ids
            .into_iter()
            .flatten()
            .any(|id| crate::domain::id::check(id).is_err())
        {
            return Err(not_plain(path));
        }
        let contact = self.intern(&fields.contact);
        let item = fields.item.as_deref().map_or(NONE, |i| self.intern(i));
        let other = match fields.kind {
            EntryKind::Intro => fields.other.as_deref().map_or(NONE, |o| self.intern(o)),
            _ => NONE,
        };
        self.seen.push(Seen {
            at: fields.at,
            kind: fields.kind,
            tally: tally(fields.kind, fields.stage),
            contact,
            other,
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
        later.ids.each(|id, n| {
            if let Some(slot) = renumbered.get_mut(n as usize) {
                *slot = self.intern(id);
            }
        });
        let renumber = |n: u32| renumbered.get(n as usize).copied().unwrap_or(NONE);
        self.seen.extend(later.seen.into_iter().map(|s| Seen {
            contact: renumber(s.contact),
            other: renumber(s.other),
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
    let file = crate::disk::safe_path::open_read(path).ok()?;
    let meta = file.metadata().ok()?;
    if meta.len() < LIGHT_FROM {
        return None;
    }
    // Room for the entries, and for the ids of a network of contacts
    // with several entries each, so neither is copied as it grows.
    let make = |entries: usize| Light {
        ids: Ids::with_capacity(entries / 4),
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
        // What needs no contacts, beside what does: the screen waits.
        std::thread::scope(|s| {
            let beside = s.spawn(|| {
                // As `digest::weekly` counts them: once per person.
                let gestures = self
                    .light
                    .seen
                    .iter()
                    .filter_map(|s| {
                        let t = s.tally.filter(|t| matches!(t, Tally::Give | Tally::Ask))?;
                        let people = 1 + usize::from(s.other != NONE);
                        Some(std::iter::repeat_n((s.at, t), people))
                    })
                    .flatten()
                    .collect();
                (gestures, self.newest())
            });
            let summaries = self.summaries(contacts, items);
            // A panic there is a bug; surface it as one.
            let (gestures, newest) = beside
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            Some(HistoryDigest {
                summaries: summaries?,
                gestures,
                newest: newest?,
            })
        })
    }

    /// The summaries of the entries for these contacts and items.
    fn summaries(&self, contacts: &[Contact], items: &[Item]) -> Option<Summaries> {
        let Light { ids, seen } = &self.light;
        // Interned id → position; a repeated id is the last one's, as
        // with the full read's maps.
        let mut contact_at = vec![NONE; ids.len()];
        // History logged for records merged into a contact is theirs; a
        // contact's own id outranks an alias (hand edits may clash).
        let aliases = contacts
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.merged.iter().map(move |m| (i, m)));
        let own = contacts.iter().enumerate().map(|(i, c)| (i, &c.id));
        for (i, id) in aliases.chain(own) {
            if let Some(n) = ids.get(id.as_str()) {
                contact_at[n as usize] = u32::try_from(i).ok()?;
            }
        }
        let mut item_at = vec![NONE; ids.len()];
        for (i, it) in items.iter().enumerate() {
            if let Some(n) = ids.get(it.id.as_str()) {
                item_at[n as usize] = u32::try_from(i).ok()?;
            }
        }
        let position = |at: &[u32], n: u32| at.get(n as usize).copied().filter(|&p| p != NONE);
        let (contact_at, item_at) = (&contact_at, &item_at);
        // As `Network::gestures`: each entry for its contact, then the
        // other person of a made introduction.
        let gesture = |s: &Seen, n: u32| {
            let item = match s.kind {
                EntryKind::Share => position(item_at, s.item),
                _ => None,
            };
            Some(Gesture {
                contact: position(contact_at, n)?,
                tally: s.tally?,
                at: s.at,
                item,
            })
        };
        let gestures = seen.iter().filter_map(|s| gesture(s, s.contact)).chain(
            seen.iter()
                .filter(|s| s.other != NONE)
                .filter_map(|s| gesture(s, s.other)),
        );
        Some(Summaries::tally(contacts.len(), gestures))
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

    /// A log of `n` touches of `contact`, over `LIGHT_FROM` once `n` is
    /// in the thousands.
    fn log(contact: &Contact, n: usize) -> String {
        let mut text = String::from("{\"netwerk_history\":1}\n");
        for i in 0..n {
            let at = now() + chrono::Duration::minutes(i as i64);
            let note = format!("note {i} {}", "é".repeat(150));
            text.push_str(&crate::format::history::line(&Entry::logged(
                contact,
                EntryKind::Touch,
                at,
                &note,
            )));
        }
        text
    }

    #[test]
    fn numbers_every_id_once_whatever_its_shape() {
        let mut ids = Ids::default();
        let shapes = [
            "c222uvzfk",
            "in9tx53ga",
            "c0000000o",
            "C222UVZFK",
            "c222uvzf",
            "c222uvzfkk",
            "",
            "é22uvzfk",
            "x-imported-from-elsewhere",
            "c222uvzfk ",
        ];
        for (n, id) in shapes.iter().enumerate() {
            assert_eq!(ids.intern(id), n as u32, "{id:?} is new");
        }
        for (n, id) in shapes.iter().enumerate() {
            assert_eq!(ids.intern(id), n as u32, "{id:?} again");
            assert_eq!(ids.get(id), Some(n as u32));
        }
        assert_eq!(ids.len(), shapes.len());
        assert_eq!(ids.get("c222uvzfm"), None);
        let mut back = Vec::new();
        ids.each(|id, n| back.push((n, id.to_owned())));
        back.sort();
        let expected: Vec<_> = shapes
            .iter()
            .enumerate()
            .map(|(n, id)| (n as u32, id.to_string()))
            .collect();
        assert_eq!(back, expected);
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

    #[test]
    fn history_of_a_merged_record_counts_for_the_survivor() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let twin = Contact::new("Ada L.", now().date_naive()).unwrap();
        std::fs::write(&path, log(&twin, 4_000)).unwrap();
        let mut ada = Contact::new("Ada Lovelace", now().date_naive()).unwrap();
        ada.merged.push(twin.id.clone());
        let scanned = scan(&path).expect("a plain log over the size");
        let digest = scanned.digest(&[ada], &[]).expect("unchanged");
        assert_eq!(digest.summaries.get(0).map(|s| s.touches), Some(4_000));
    }
}
