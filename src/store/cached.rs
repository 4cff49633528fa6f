//! Loading through the snapshot cache: each file is stamped (length and
//! content hash) and its snapshot used when the stamps agree; otherwise
//! the file is parsed as before and the snapshot rewritten. The result is
//! always exactly what parsing the files would give.

use super::codec::Record;
use super::stamp::{FileStamp, read_stamped, stamp_file};
use super::{CONTACTS, HISTORY, QUEUE, Store, StoreError, history_log, snapshot, tables, text_of};
use crate::domain::network::Summaries;
use crate::domain::{Contact, Entry, Item, Network, Shared};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// History appended since the snapshot was written is parsed on every
/// load; past this many bytes the snapshot is brought up to date. About
/// a thousand entries: a few milliseconds to parse.
const HISTORY_TAIL_LIMIT: u64 = 256 * 1024;

/// The summaries' snapshot in `.cache/`, beside the files' own.
const SUMMARIES: &str = "summaries";

/// One stamp for all three files: the summaries' snapshot is used only
/// for exactly the contents it was worked out from. `None` while any of
/// them is unknown.
fn summaries_stamp(fingerprint: &Fingerprint) -> Option<FileStamp> {
    let stamps = [
        fingerprint.contacts?,
        fingerprint.queue?,
        fingerprint.history?,
    ];
    let mut bytes = Vec::with_capacity(stamps.len() * 24);
    for s in stamps {
        bytes.extend_from_slice(&s.len.to_le_bytes());
        bytes.extend_from_slice(&s.hash.to_le_bytes());
    }
    Some(FileStamp {
        len: stamps.iter().fold(0u64, |n, s| n.wrapping_add(s.len)),
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        ..FileStamp::default()
    })
}

/// The stamps of the three data files as they were when read. `None`
/// means "unknown": the next save re-reads that file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// `contacts.toml`.
    pub contacts: Option<FileStamp>,
    /// `queue.toml`.
    pub queue: Option<FileStamp>,
    /// `history.jsonl` through its last complete line.
    pub history: Option<FileStamp>,
}

/// A network together with the fingerprint of the files it was read from:
/// what [`Store::modify_at`] needs to skip re-reading unchanged files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The data.
    pub network: Network,
    /// What the files looked like when `network` was read or last saved.
    pub fingerprint: Fingerprint,
}

/// How a table file is parsed.
pub(super) type Parse<T> = fn(&Path, &str) -> Result<Vec<T>, StoreError>;

/// When a load that had to parse a file writes its snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Snap {
    /// Before returning.
    Now,
    /// When the caller says (see [`Unsaved`]).
    Later,
}

/// Snapshots a load parsed but left for later (see
/// [`Store::load_deferring`]): the parsed records themselves, shared with
/// the network, and the stamps of the bytes they came from.
#[derive(Debug, Default)]
pub struct Unsaved {
    contacts: Option<(FileStamp, Shared<Contact>)>,
    queue: Option<(FileStamp, Shared<Item>)>,
    /// With the number of lines the stamp covers.
    history: Option<(FileStamp, u64, Shared<Entry>)>,
    /// Boxed: a job carrying this waits in a queue of small ones.
    summaries: Option<Box<(Fingerprint, Summaries)>>,
}

impl Unsaved {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_none()
            && self.queue.is_none()
            && self.history.is_none()
            && self.summaries.is_none()
    }

    /// Also keeps `summaries`, worked out for the network read with
    /// `fingerprint` (see [`Store::write_summaries`]).
    pub fn with_summaries(mut self, fingerprint: Fingerprint, summaries: Summaries) -> Self {
        self.summaries = Some(Box::new((fingerprint, summaries)));
        self
    }
}

impl Store {
    /// Loads everything like [`Store::load`], through the snapshot cache,
    /// and returns the fingerprint a later [`Store::modify_at`] needs.
    /// The history is read on a second thread while the tables are read
    /// on this one.
    pub fn load_fast(&self) -> Result<Loaded, StoreError> {
        let (loaded, unsaved) = self.load_deferring()?;
        self.write_snapshots(unsaved);
        Ok(loaded)
    }

    /// Loads like [`Store::load_fast`], but leaves the snapshots of files
    /// it had to parse for the caller to write with
    /// [`Store::write_snapshots`] once it has shown them: writing them is
    /// a good part of a first launch, and the screen need not wait.
    pub fn load_deferring(&self) -> Result<(Loaded, Unsaved), StoreError> {
        self.load_deferring_with(|_| (), |_, _| ())
            .map(|(loaded, unsaved, (), ())| (loaded, unsaved))
    }

    /// Loads like [`Store::load_deferring`], and calls `early` with the
    /// contacts and queue (the history still empty) as soon as they are
    /// read, while the history is still being read on another thread;
    /// that thread then calls `late` with the whole network and the
    /// fingerprint of the files it came from, while this one may still be
    /// busy with `early`.
    pub fn load_deferring_with<R, L: Send>(
        &self,
        early: impl FnOnce(&Network) -> R,
        late: impl FnOnce(&Network, &Fingerprint) -> L + Send,
    ) -> Result<(Loaded, Unsaved, R, L), StoreError> {
        let (tables, history) = std::thread::scope(|s| {
            // The queue is read first on the history's thread, so it is
            // ready when the contacts are, the bigger file; the contacts
            // and queue go back to it for `late`.
            let (queue_tx, queue_rx) = std::sync::mpsc::sync_channel(1);
            let (tables_tx, tables_rx) = std::sync::mpsc::sync_channel(1);
            let history = s.spawn(move || {
                let queue = self.read_table(QUEUE, None, tables::parse_items, Snap::Later);
                let queue_stamp = queue.as_ref().ok().map(|(_, stamp, _)| *stamp);
                let _ = queue_tx.send(queue);
                let (history, stamp, lines) = self.read_history(Snap::Later)?;
                // No tables means the load failed on the other thread.
                Ok(tables_rx
                    .recv()
                    .ok()
                    .map(|(contacts, items, contacts_stamp)| {
                        let network = Network {
                            contacts,
                            items,
                            history: history.into(),
                        };
                        let fingerprint = Fingerprint {
                            contacts: Some(contacts_stamp),
                            queue: queue_stamp,
                            history: Some(stamp),
                        };
                        let late = late(&network, &fingerprint);
                        (network.history, stamp, lines, late)
                    }))
            });
            let tables = self
                .read_table(CONTACTS, None, tables::parse_contacts, Snap::Later)
                .and_then(|contacts| {
                    // The sender only goes away unsent if that thread
                    // panicked, which the join below reports.
                    let queue = queue_rx.recv().unwrap_or_else(|_| {
                        Err(StoreError::io(
                            &self.path(QUEUE),
                            std::io::Error::other("the queue was not read"),
                        ))
                    })?;
                    Ok((contacts, queue))
                })
                .map(
                    |((contacts, c_stamp, c_parsed), (items, q_stamp, q_parsed))| {
                        let network = Network {
                            contacts: contacts.into(),
                            items: items.into(),
                            history: Default::default(),
                        };
                        let _ = tables_tx.send((
                            network.contacts.clone(),
                            network.items.clone(),
                            c_stamp,
                        ));
                        let early = early(&network);
                        (network, early, (c_stamp, c_parsed), (q_stamp, q_parsed))
                    },
                );
            // Unsent if the tables failed: the history's thread stops.
            drop(tables_tx);
            // A panic on the history thread is a bug; surface it as one.
            let history = history
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (tables, history)
        });
        let (mut network, early, (contacts_stamp, contacts_parsed), (queue_stamp, queue_parsed)) =
            tables?;
        // The tables were read, so they were sent; this cannot fail.
        let Some((history, history_stamp, history_lines, late)) = history? else {
            return Err(StoreError::io(
                &self.path(HISTORY),
                std::io::Error::other("the history was not read"),
            ));
        };
        network.history = history;
        let unsaved = Unsaved {
            summaries: None,
            contacts: contacts_parsed.then(|| (contacts_stamp, network.contacts.clone())),
            queue: queue_parsed.then(|| (queue_stamp, network.items.clone())),
            history: history_lines.map(|n| (history_stamp, n, network.history.clone())),
        };
        let loaded = Loaded {
            network,
            fingerprint: Fingerprint {
                contacts: Some(contacts_stamp),
                queue: Some(queue_stamp),
                history: Some(history_stamp),
            },
        };
        Ok((loaded, unsaved, early, late))
    }

    /// The summaries of the network read with `fingerprint` (see
    /// [`Network::summaries`]), if [`Store::write_summaries`] kept them for
    /// exactly those three files and they fit `network`. Summarising a
    /// large history is a good part of a launch (~10–20 ms at 100,000
    /// entries), and its result depends on nothing but the files.
    pub fn cached_summaries(
        &self,
        fingerprint: &Fingerprint,
        network: &Network,
    ) -> Option<Summaries> {
        let stamp = summaries_stamp(fingerprint)?;
        let opened = snapshot::open(&self.dir, SUMMARIES)?;
        if !opened.stamp.same_content(&stamp) {
            return None;
        }
        let mut records: Vec<Summaries> = opened.records()?;
        let summaries = records.pop().filter(|_| records.is_empty())?;
        summaries
            .fit(network.contacts.len(), network.items.len())
            .then_some(summaries)
    }

    /// Keeps the summaries of the network read with `fingerprint` for the
    /// next launch. Like every snapshot, a failure to write is ignored.
    pub fn write_summaries(&self, fingerprint: &Fingerprint, summaries: &Summaries) {
        let Some(stamp) = summaries_stamp(fingerprint) else {
            return;
        };
        let kept =
            snapshot::open(&self.dir, SUMMARIES).is_some_and(|o| o.stamp.same_content(&stamp));
        if !kept {
            let _ = snapshot::write(
                &self.dir,
                SUMMARIES,
                &stamp,
                0,
                (1, std::slice::from_ref(summaries)),
            );
        }
    }

    /// Writes the snapshots a [`Store::load_deferring`] left. One whose
    /// file has changed since is skipped, so it never replaces the
    /// snapshot of newer content; any it writes is correct regardless,
    /// being tagged with the stamp of the bytes its records came from.
    pub fn write_snapshots(&self, unsaved: Unsaved) {
        let Unsaved {
            contacts,
            queue,
            history,
            summaries,
        } = unsaved;
        self.write_table_snapshot(CONTACTS, contacts);
        self.write_table_snapshot(QUEUE, queue);
        if let Some((stamp, lines, entries)) = history {
            let newer = snapshot::open(&self.dir, HISTORY).is_some_and(|s| s.lines > lines);
            if !newer {
                let _ = snapshot::write(
                    &self.dir,
                    HISTORY,
                    &stamp,
                    lines,
                    (entries.len(), &*entries),
                );
            }
        }
        if let Some(kept) = summaries {
            let (fingerprint, summaries) = &*kept;
            self.write_summaries(fingerprint, summaries);
        }
    }

    fn write_table_snapshot<T: Record>(&self, file: &str, unsaved: Option<(FileStamp, Shared<T>)>) {
        let Some((stamp, records)) = unsaved else {
            return;
        };
        let unchanged = stamp_file(&self.path(file)).is_ok_and(|disk| disk.same_content(&stamp));
        if unchanged && stamp.len > 0 {
            let _ = snapshot::write(&self.dir, file, &stamp, 0, (records.len(), &*records));
        }
    }

    /// Loads contacts and queue only, through the snapshot cache, with
    /// their stamps: what a save thread keeps as its [`Store::modify_at`]
    /// base (the history is not needed to save and is the bulk of the
    /// memory).
    pub fn load_tables_fast(&self) -> Result<Loaded, StoreError> {
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
            fingerprint: Fingerprint {
                contacts: Some(contacts_stamp),
                queue: Some(queue_stamp),
                history: None,
            },
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
        if let Some(known) = base.fingerprint.history {
            let after = self
                .history_after(&path, &known)
                .map_err(|e| StoreError::io(&path, e))?;
            if let Some((entries, stamp)) = after {
                base.fingerprint.history = Some(stamp);
                return Ok(entries);
            }
        }
        base.fingerprint.history = None;
        base.network.history = Default::default();
        let (history, stamp, _) = self.read_history(Snap::Now)?;
        base.network.history = history.into();
        base.fingerprint.history = Some(stamp);
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
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((known.len == 0).then(|| (Vec::new(), FileStamp::missing())));
            }
            Err(e) => return Err(e),
        };
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
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        tail.truncate(history_log::complete_lines(&tail));
        hasher.update(&tail);
        let Ok(tail) = String::from_utf8(tail) else {
            return Ok(None);
        };
        // Past the header unless the file was empty; line numbers only
        // matter for errors, and an error here means a full read.
        let before = u64::from(known.len > 0);
        let Ok(entries) = history_log::parse_from(path, &tail, before) else {
            return Ok(None);
        };
        let stamp = FileStamp {
            len: known.len + tail.len() as u64,
            mtime: std::os::unix::fs::MetadataExt::mtime(&meta),
            mtime_nsec: std::os::unix::fs::MetadataExt::mtime_nsec(&meta),
            hash: hasher.digest128(),
        };
        Ok(Some((entries, stamp)))
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
        if let Some(snap) = snapshot::open(&self.dir, file) {
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
            let _ = snapshot::write(&self.dir, file, &stamp, 0, (records.len(), &records));
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
        let path = self.path(HISTORY);
        if let Some(opened) = snapshot::open(&self.dir, HISTORY)
            && let Ok(Some((entries, stamp))) = self.history_from(&path, opened)
        {
            return Ok((entries, stamp, None));
        }
        // A line cut off by a crash (or still being written) is not
        // history (see `history_log::parse`), even if it ends inside a
        // character; the stamp covers the complete lines only, so a later
        // read can pick up exactly where this one stopped.
        let (entries, stamp, lines) = history_log::read(&path)?;
        if snap == Snap::Later {
            return Ok((entries, stamp, (stamp.len > 0).then_some(lines)));
        }
        self.snapshot_history(&stamp, lines, &entries);
        Ok((entries, stamp, None))
    }

    /// The history through `snap`, or `None` when the snapshot does not
    /// cover a prefix of the file or the tail does not parse (the full
    /// parse then reports the error with its line).
    fn history_from(
        &self,
        path: &Path,
        snap: snapshot::Opened,
    ) -> std::io::Result<Option<(Vec<Entry>, FileStamp)>> {
        let (covered, lines) = (snap.stamp, snap.lines);
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        if meta.len() < covered.len {
            return Ok(None);
        }
        let mut hasher = Xxh3::new();
        let prefix = super::stamp::hash_into(&mut file, covered.len, &mut hasher)?;
        if prefix != covered.len || hasher.digest128() != covered.hash {
            return Ok(None);
        }
        file.seek(SeekFrom::Start(covered.len))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        tail.truncate(history_log::complete_lines(&tail));
        hasher.update(&tail);
        let len = covered.len + tail.len() as u64;
        let Ok(tail) = String::from_utf8(tail) else {
            return Ok(None);
        };
        let Some(mut entries) = snap.records::<Entry>() else {
            return Ok(None);
        };
        let Ok((more, tail_lines)) = history_log::parse_counted(path, &tail, lines) else {
            return Ok(None);
        };
        let stamp = FileStamp {
            len,
            mtime: std::os::unix::fs::MetadataExt::mtime(&meta),
            mtime_nsec: std::os::unix::fs::MetadataExt::mtime_nsec(&meta),
            hash: hasher.digest128(),
        };
        entries.extend(more);
        if tail.len() as u64 >= HISTORY_TAIL_LIMIT {
            self.snapshot_history(&stamp, lines + tail_lines, &entries);
        }
        Ok(Some((entries, stamp)))
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
            &self.dir,
            HISTORY,
            &covered,
            lines,
            (entries.len(), entries),
        );
    }
}
