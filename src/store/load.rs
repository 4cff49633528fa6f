//! Loading through the snapshot cache: each file is stamped (length and
//! content hash) and its snapshot used when the stamps agree; otherwise
//! the file is parsed as before and the snapshot rewritten. The result is
//! always exactly what parsing the files would give.

use super::directory::Store;
use super::files::{CONTACTS, HISTORY, QUEUE};
use super::stamp::{FileStamp, Stamps, read_stamped, stamp_file};
use super::utf8::text_of;
use super::{history_log, snapshot};
use crate::disk::error::StoreError;
use crate::domain::network::Summaries;
use crate::domain::{Contact, CowVec, Entry, Item, Network, void};
use crate::format::binary::Record;
use crate::format::history;
use crate::format::tables;

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// History appended since the snapshot was written is parsed on every
/// load; past this many bytes the snapshot is brought up to date. About
/// a thousand entries: a few milliseconds to parse.
const HISTORY_TAIL_LIMIT: u64 = 256 * 1024;

/// The history as the domain sees it (see [`void::live`]) from the
/// entries of the log, and when `keep_raw`, those entries as read, for
/// their snapshot: the same list unless there are void records.
pub(super) fn for_domain(
    raw: Vec<Entry>,
    keep_raw: bool,
) -> (CowVec<Entry>, Option<CowVec<Entry>>) {
    if !void::any(&raw) {
        let raw: CowVec<Entry> = raw.into();
        return (raw.clone(), keep_raw.then_some(raw));
    }
    let kept = keep_raw.then(|| CowVec::from(raw.clone()));
    (void::live(raw).into(), kept)
}

/// A network together with the stamps of the files it was read from:
/// what [`Store::modify_at`] needs to skip re-reading unchanged files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The data.
    pub network: Network,
    /// What the files looked like when `network` was read or last saved.
    pub stamps: Stamps,
}

/// A history log whose snapshot covers its beginning unchanged, with
/// what was appended since parsed: all of it read but the snapshot's
/// records (see [`Store::check_history`]).
pub(super) struct CheckedHistory {
    pub(super) snapshot: snapshot::Opened,
    /// Entries past the snapshot.
    tail: Vec<Entry>,
    /// Their complete lines, and the hash of the file up to them: where
    /// a digest kept for a longer stretch of the log than the snapshot
    /// covers is checked (see `Store::caught_up_digest`).
    pub(super) tail_text: String,
    pub(super) before_tail: Xxh3,
    /// Complete lines in the file.
    lines: u64,
    /// Bytes past the snapshot.
    tail_len: u64,
    /// The file through its last complete line.
    pub(super) stamp: FileStamp,
}

/// How a table file is parsed.
pub(super) type Parse<T> = fn(&Path, &str) -> Result<Vec<T>, StoreError>;

/// When a load that had to parse a file writes its snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Snap {
    /// Before returning.
    Now,
    /// When the caller says (see [`CacheWrites`]).
    Later,
}

/// What a load leaves to write to the cache, for the caller to hand to
/// [`Store::write_cache`] once it has shown the data (writing them is a
/// good part of a first launch, and the screen need not wait): the
/// records of files it had to parse, shared with the network, with the
/// stamps of the bytes they came from, and summaries worked out afresh.
#[derive(Debug, Default)]
pub struct CacheWrites {
    pub(super) contacts: Option<(FileStamp, CowVec<Contact>)>,
    pub(super) queue: Option<(FileStamp, CowVec<Item>)>,
    /// With the number of lines the stamp covers.
    pub(super) history: Option<(FileStamp, u64, CowVec<Entry>)>,
    /// The summaries of the history worked out at launch, for its
    /// digest. Boxed: a job carrying this waits in a queue of small ones.
    pub(super) summaries: Option<Box<(Stamps, Summaries, CowVec<Entry>)>>,
}

impl CacheWrites {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_none()
            && self.queue.is_none()
            && self.history.is_none()
            && self.summaries.is_none()
    }

    /// Also keeps `summaries`, of `history` read with `stamps`, for the
    /// next load (see [`Store::keep_summaries`]).
    pub fn with_summaries(
        mut self,
        stamps: Stamps,
        summaries: Summaries,
        history: CowVec<Entry>,
    ) -> Self {
        self.summaries = Some(Box::new((stamps, summaries, history)));
        self
    }
}

impl Store {
    /// Loads everything (through the snapshot cache; see
    /// [`Store::load_stamped`]).
    pub fn load(&self) -> Result<Network, StoreError> {
        self.load_stamped().map(|loaded| loaded.network)
    }

    /// Loads contacts and queue; `history` is left empty.
    pub fn load_tables(&self) -> Result<Network, StoreError> {
        self.load_tables_stamped().map(|loaded| loaded.network)
    }

    /// Loads the history as every summary counts it: without void
    /// records and the entries they take back (see [`crate::domain::void`]).
    pub fn load_history(&self) -> Result<Vec<Entry>, StoreError> {
        self.load_log().map(crate::domain::void::live)
    }

    /// Loads every line of the history log, void records and the entries
    /// they take back included: for `history --all` and backups.
    pub fn load_log(&self) -> Result<Vec<Entry>, StoreError> {
        self.read_history(Snap::Now).map(|(history, ..)| history)
    }

    /// Loads everything like [`Store::load`], through the snapshot cache,
    /// and returns the stamps a later [`Store::modify_at`] needs.
    /// The history is read on a second thread while the tables are read
    /// on this one.
    pub fn load_stamped(&self) -> Result<Loaded, StoreError> {
        let (loaded, unsaved) = self.load_deferring()?;
        self.write_cache(unsaved);
        Ok(loaded)
    }

    /// Loads like [`Store::load_stamped`], but leaves the snapshots of files
    /// it had to parse for the caller to write with
    /// [`Store::write_cache`] once it has shown them: writing them is
    /// a good part of a first launch, and the screen need not wait.
    fn load_deferring(&self) -> Result<(Loaded, CacheWrites), StoreError> {
        self.load_with(|_| (), false)
            .map(|(loaded, unsaved, (), _)| (loaded, unsaved))
    }

    /// Writes what a load left for the cache (see [`CacheWrites`]). One whose
    /// file has changed since is skipped, so it never replaces the
    /// snapshot of newer content; any it writes is correct regardless,
    /// being tagged with the stamp of the bytes its records came from.
    pub fn write_cache(&self, unsaved: CacheWrites) {
        let CacheWrites {
            contacts,
            queue,
            history,
            summaries,
        } = unsaved;
        self.write_table_snapshot(CONTACTS, contacts);
        self.write_table_snapshot(QUEUE, queue);
        if let Some((stamp, lines, entries)) = history {
            let newer = snapshot::open(self.dir(), HISTORY).is_some_and(|s| s.lines > lines);
            if !newer {
                let _ = snapshot::write(
                    self.dir(),
                    HISTORY,
                    &stamp,
                    lines,
                    (entries.len(), &*entries),
                );
            }
        }
        if let Some(kept) = summaries {
            let (stamps, summaries, history) = &*kept;
            self.keep_summaries(stamps, history, summaries);
        }
    }

    fn write_table_snapshot<T: Record>(&self, file: &str, unsaved: Option<(FileStamp, CowVec<T>)>) {
        let Some((stamp, records)) = unsaved else {
            return;
        };
        let unchanged = stamp_file(&self.path(file)).is_ok_and(|disk| disk.same_content(&stamp));
        if unchanged && stamp.len > 0 {
            let _ = snapshot::write(self.dir(), file, &stamp, 0, (records.len(), &*records));
        }
    }

    /// Loads contacts and queue only, through the snapshot cache, with
    /// their stamps: what a save thread keeps as its [`Store::modify_at`]
    /// base (the history is not needed to save and is the bulk of the
    /// memory).
    pub fn load_tables_stamped(&self) -> Result<Loaded, StoreError> {
        let (contacts, contacts_stamp, _) =
            self.read_table(CONTACTS, None, tables::parse_contacts, Snap::Now)?;
        let (items, queue_stamp, _) =
            self.read_table(QUEUE, None, tables::parse_items, Snap::Now)?;
        Ok(Loaded {
            network: Network {
                contacts: contacts.into(),
                items: items.into(),
                history: Vec::new().into(),
            },
            stamps: [(CONTACTS, contacts_stamp), (QUEUE, queue_stamp)]
                .into_iter()
                .collect(),
        })
    }

    /// Brings `base` up to what is on disk now, for a reader that keeps
    /// its network between reads (the TUI noticing another process's
    /// save). Tables are re-read only when their content changed. The
    /// history, when the file still begins with exactly the bytes `base`
    /// was read from, is read only past them, and the new entries are
    /// returned rather than added, so a caller that shares the history can
    /// add them without copying it; otherwise it is read whole into `base`.
    pub fn catch_up(&self, base: &mut Loaded) -> Result<Vec<Entry>, StoreError> {
        self.refresh_tables(base)?;
        let path = self.path(HISTORY);
        if let Some(known) = base.stamps.get(HISTORY) {
            let after = self
                .history_after(&path, &known)
                .map_err(|e| StoreError::io(&path, e))?;
            if let Some((entries, stamp)) = after {
                base.stamps.set(HISTORY, Some(stamp));
                return Ok(entries);
            }
        }
        base.stamps.set(HISTORY, None);
        base.network.history = Default::default();
        let (history, stamp, _) = self.read_history(Snap::Now)?;
        base.network.history = void::live(history).into();
        base.stamps.set(HISTORY, Some(stamp));
        Ok(Vec::new())
    }

    /// The entries appended after the first `known.len` bytes, if those
    /// bytes are unchanged and end a line, with the stamp of the file
    /// through its last complete line. `None` when the file was rewritten
    /// or the tail does not parse: the caller then reads it whole, which
    /// reports any error with its line.
    fn history_after(
        &self,
        path: &Path,
        known: &FileStamp,
    ) -> std::io::Result<Option<(Vec<Entry>, FileStamp)>> {
        let tail = match tail_past(path, known) {
            Ok(Some(tail)) => tail,
            Ok(None) => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((known.len == 0).then(|| (Vec::new(), FileStamp::missing())));
            }
            Err(e) => return Err(e),
        };
        // Past the header unless the file was empty; line numbers only
        // matter for errors, and an error here means a full read.
        let before = u64::from(known.len > 0);
        let Ok(entries) = history::parse_from(path, &tail.text, before) else {
            return Ok(None);
        };
        // A void takes back an entry the caller holds: read it whole.
        if void::any(&entries) {
            return Ok(None);
        }
        Ok(Some((entries, tail.stamp)))
    }

    /// Reads one table file, from its snapshot when the snapshot was made
    /// from the bytes now on disk. `disk` is the file's stamp if the
    /// caller already took it. The flag says the file was parsed and its
    /// snapshot is still to write (with [`Snap::Later`]).
    pub(super) fn read_table<T: Record>(
        &self,
        file: &str,
        disk: Option<FileStamp>,
        parse: Parse<T>,
        snap: Snap,
    ) -> Result<(Vec<T>, FileStamp, bool), StoreError> {
        let path = self.path(file);
        if let Some(snap) = snapshot::open(self.dir(), file) {
            let disk = match disk {
                Some(d) => d,
                None => stamp_file(&path).map_err(|e| StoreError::io(&path, e))?,
            };
            if disk.same_content(&snap.stamp)
                && let Some(records) = snap.records()
            {
                return Ok((records, disk, false));
            }
        }
        let (bytes, stamp) = read_stamped(&path).map_err(|e| StoreError::io(&path, e))?;
        let records = parse(&path, &text_of(&path, bytes)?)?;
        if snap == Snap::Later {
            return Ok((records, stamp, stamp.len > 0));
        }
        if stamp.len > 0 {
            let _ = snapshot::write(self.dir(), file, &stamp, 0, (records.len(), &records));
        }
        Ok((records, stamp, false))
    }

    /// Reads the history log: the snapshot for the lines it covers, when
    /// those bytes are unchanged, plus a parse of whatever was appended
    /// since. Returns the stamp of the file through its last complete
    /// line, and with [`Snap::Later`] the number of lines it covers if
    /// the file was parsed and its snapshot is still to write.
    pub(super) fn read_history(
        &self,
        snap: Snap,
    ) -> Result<(Vec<Entry>, FileStamp, Option<u64>), StoreError> {
        self.read_checked(self.check_history(), snap)
    }

    /// Reads the history log like [`Store::read_history`], through
    /// `checked` when the snapshot checked out.
    pub(super) fn read_checked(
        &self,
        checked: Option<CheckedHistory>,
        snap: Snap,
    ) -> Result<(Vec<Entry>, FileStamp, Option<u64>), StoreError> {
        if let Some(checked) = checked {
            let stamp = checked.stamp;
            if let Some(entries) = self.finish_history(checked) {
                return Ok((entries, stamp, None));
            }
        }
        // A line cut off by a crash (or still being written) is not
        // history (see `history::parse`), even if it ends inside a
        // character; the stamp covers the complete lines only, so a later
        // read can pick up exactly where this one stopped.
        let (entries, stamp, lines) = history_log::read(&self.path(HISTORY))?;
        if snap == Snap::Later {
            return Ok((entries, stamp, (stamp.len > 0).then_some(lines)));
        }
        self.snapshot_history(&stamp, lines, &entries);
        Ok((entries, stamp, None))
    }

    /// The history log checked against its snapshot: `None` unless the
    /// snapshot covers a prefix of the file and the tail parses (the full
    /// parse then reports any error with its line).
    pub(super) fn check_history(&self) -> Option<CheckedHistory> {
        let opened = snapshot::open(self.dir(), HISTORY)?;
        let path = self.path(HISTORY);
        let lines = opened.lines;
        let tail = tail_past(&path, &opened.stamp).ok()??;
        let (entries, tail_lines) = history::parse_counted(&path, &tail.text, lines).ok()?;
        Some(CheckedHistory {
            snapshot: opened,
            tail: entries,
            tail_len: tail.text.len() as u64,
            tail_text: tail.text,
            before_tail: tail.before,
            lines: lines + tail_lines,
            stamp: tail.stamp,
        })
    }

    /// The entries of a checked history: the snapshot's, then the tail's.
    /// `None` if the snapshot turns out corrupt.
    fn finish_history(&self, checked: CheckedHistory) -> Option<Vec<Entry>> {
        let CheckedHistory {
            snapshot,
            tail,
            tail_text: _,
            before_tail: _,
            lines,
            tail_len,
            stamp,
        } = checked;
        let mut entries = snapshot.records::<Entry>()?;
        entries.extend(tail);
        if tail_len >= HISTORY_TAIL_LIMIT {
            self.snapshot_history(&stamp, lines, &entries);
        }
        Some(entries)
    }

    /// Writes the history snapshot of `entries`, read from the `lines`
    /// complete lines that `covered` describes.
    fn snapshot_history(&self, covered: &FileStamp, lines: u64, entries: &[Entry]) {
        if covered.len == 0 {
            return;
        }
        let covered = FileStamp {
            len: covered.len,
            hash: covered.hash,
            ..FileStamp::default()
        };
        let _ = snapshot::write(
            self.dir(),
            HISTORY,
            &covered,
            lines,
            (entries.len(), entries),
        );
    }
}

/// The complete lines of a log past a prefix known by its stamp.
struct Tail {
    /// The lines.
    text: String,
    /// The hash of the file up to them.
    before: Xxh3,
    /// The file through its last complete line.
    stamp: FileStamp,
}

/// What was appended to the log at `path` past its first `known.len`
/// bytes, if those bytes are still the ones `known` describes and end a
/// line; `None` when they are not, or the tail is not UTF-8.
fn tail_past(path: &Path, known: &FileStamp) -> std::io::Result<Option<Tail>> {
    let mut file = crate::disk::safe_path::open_read(path)?;
    let meta = file.metadata()?;
    if meta.len() < known.len {
        return Ok(None);
    }
    if known.len > 0 {
        let mut last = [0u8];
        file.seek(SeekFrom::Start(known.len - 1))?;
        if file.read(&mut last)? != 1 || last[0] != b'\n' {
            return Ok(None);
        }
        file.seek(SeekFrom::Start(0))?;
    }
    let mut hasher = Xxh3::new();
    let prefix = super::stamp::hash_into(&mut file, known.len, &mut hasher)?;
    if prefix != known.len || hasher.digest128() != known.hash {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(known.len))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    tail.truncate(history::complete_lines(&tail));
    let before = hasher.clone();
    hasher.update(&tail);
    let stamp = FileStamp {
        len: known.len + tail.len() as u64,
        mtime: std::os::unix::fs::MetadataExt::mtime(&meta),
        mtime_nsec: std::os::unix::fs::MetadataExt::mtime_nsec(&meta),
        hash: hasher.digest128(),
    };
    let Ok(text) = String::from_utf8(tail) else {
        return Ok(None);
    };
    Ok(Some(Tail {
        text,
        before,
        stamp,
    }))
}
