//! Loading through the snapshot cache: each file is stamped (length and
//! content hash) and its snapshot used when the stamps agree; otherwise
//! the file is parsed as before and the snapshot rewritten. The result is
//! always exactly what parsing the files would give.

use super::digest::HistoryDigest;
use super::records::Record;
use super::stamp::{FileStamp, Stamps, read_stamped, stamp_file};
use super::{CONTACTS, HISTORY, QUEUE, Store, StoreError, history_log, snapshot, tables, text_of};
use crate::domain::network::Summaries;
use crate::domain::{Contact, Entry, Item, Network, Shared, void};
use chrono::{DateTime, FixedOffset};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// History appended since the snapshot was written is parsed on every
/// load; past this many bytes the snapshot is brought up to date. About
/// a thousand entries: a few milliseconds to parse.
const HISTORY_TAIL_LIMIT: u64 = 256 * 1024;

/// The history digest's snapshot in `.cache/`, beside the files' own.
const DIGEST: &str = "digest";

/// One stamp for all the data files: the digest is used only for exactly
/// the contents it was worked out from. `None` while any is unknown.
fn digest_stamp(stamps: &Stamps) -> Option<FileStamp> {
    stamps.combined(&super::FILES)
}

/// The digest in the `opened` digest snapshot, if it was kept for
/// exactly the files `stamps` describes and fits `network`'s
/// contacts and items.
fn digest_in(
    opened: snapshot::Opened,
    stamps: &Stamps,
    network: &Network,
) -> Option<HistoryDigest> {
    if !opened.stamp.same_content(&digest_stamp(stamps)?) {
        return None;
    }
    let mut records: Vec<HistoryDigest> = opened.records()?;
    let digest = records.pop().filter(|_| records.is_empty())?;
    let fits = digest
        .summaries
        .fit(network.contacts.len(), network.items.len())
        && digest.newest.len() <= super::digest::NEWEST;
    fits.then_some(digest)
}

/// A history as a load read it: the entries the domain sees, the stamp
/// of the log, the entries of its snapshot still to write with the lines
/// they cover, and how it was read.
type ReadHistory = (
    Shared<Entry>,
    FileStamp,
    Option<(u64, Shared<Entry>)>,
    LoadedHistory,
);

/// The history as the domain sees it (see [`void::live`]) from the
/// entries of the log, and when `keep_raw`, those entries as read, for
/// their snapshot: the same list unless there are void records.
fn for_domain(raw: Vec<Entry>, keep_raw: bool) -> (Shared<Entry>, Option<Shared<Entry>>) {
    if !void::any(&raw) {
        let raw: Shared<Entry> = raw.into();
        return (raw.clone(), keep_raw.then_some(raw));
    }
    let kept = keep_raw.then(|| Shared::from(raw.clone()));
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

/// The history as a load for the first frame found it.
enum LoadedHistory {
    /// Read whole. For a launch, with its summaries.
    Whole(Option<Kept>),
    /// Only its digest was read, or worked out in a light pass over a log
    /// with no snapshot: the network holds the digest's newest entries,
    /// and `rest` reads them all.
    Digested {
        /// Every contact's summary.
        summaries: Summaries,
        /// When each share and ask happened (see [`HistoryDigest`]).
        gestures: Vec<(DateTime<FixedOffset>, crate::domain::history::Tally)>,
        /// The entries themselves.
        rest: Box<RestOfHistory>,
    },
}

/// The summaries of a history read whole.
struct Kept {
    /// Every contact's summary.
    summaries: Summaries,
    /// Worked out while the contacts were being read rather than kept
    /// ones: to keep for the next load.
    fresh: bool,
}

/// What the full-screen program's first frame needs, from
/// [`Store::load_summarised`].
pub struct Summarised {
    /// The contacts and queue with their stamps; the history whole, or
    /// only its newest entries while [`Summarised::rest`] is to read.
    pub loaded: Loaded,
    /// Every contact's summary, of the whole history.
    pub summaries: Summaries,
    /// When the history is not whole yet: when each share and ask of the
    /// whole of it happened, for the per-week figures.
    pub gestures: Option<Vec<(DateTime<FixedOffset>, crate::domain::history::Tally)>>,
    /// The rest of the history, to read after the first frame.
    pub rest: Option<RestOfHistory>,
    /// What the load leaves to write to the cache (see
    /// [`Store::write_cache`]).
    pub cache: CacheWrites,
}

/// The entries of a history a launch drew from its digest, read when
/// asked, after the first frame: from the snapshot the log was checked
/// against already, or with no snapshot, from the log, whose digest a
/// light pass worked out (see `plain::scan`).
pub struct RestOfHistory {
    store: Store,
    checked: Option<CheckedHistory>,
}

impl RestOfHistory {
    /// Reads every entry, with the stamp of the file they were read from
    /// (the checked one, unless the snapshot turned out corrupt and the
    /// log, read whole instead, has changed since) and, if the log had to
    /// be parsed, its snapshot, left for [`Store::write_cache`]: the
    /// screen waits for the entries, not for that.
    pub fn read(self) -> Result<(Shared<Entry>, FileStamp, CacheWrites), StoreError> {
        let (entries, stamp, lines) = self.store.read_checked(self.checked, Snap::Later)?;
        let (entries, raw) = for_domain(entries, lines.is_some());
        let unsaved = CacheWrites {
            history: lines.zip(raw).map(|(n, raw)| (stamp, n, raw)),
            ..CacheWrites::default()
        };
        Ok((entries, stamp, unsaved))
    }
}

impl std::fmt::Debug for RestOfHistory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestOfHistory")
            .field("stamp", &self.checked.as_ref().map(|c| c.stamp))
            .finish_non_exhaustive()
    }
}

/// A history log whose snapshot covers its beginning unchanged, with
/// what was appended since parsed: all of it read but the snapshot's
/// records (see [`Store::check_history`]).
pub(super) struct CheckedHistory {
    snapshot: snapshot::Opened,
    /// Entries past the snapshot.
    tail: Vec<Entry>,
    /// Their complete lines, and the hash of the file up to them: where
    /// a digest kept for a longer stretch of the log than the snapshot
    /// covers is checked (see `Store::caught_up_digest`).
    tail_text: String,
    before_tail: Xxh3,
    /// Complete lines in the file.
    lines: u64,
    /// Bytes past the snapshot.
    tail_len: u64,
    /// The file through its last complete line.
    stamp: FileStamp,
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
    contacts: Option<(FileStamp, Shared<Contact>)>,
    queue: Option<(FileStamp, Shared<Item>)>,
    /// With the number of lines the stamp covers.
    history: Option<(FileStamp, u64, Shared<Entry>)>,
    /// The summaries of the history worked out at launch, for its
    /// digest. Boxed: a job carrying this waits in a queue of small ones.
    summaries: Option<Box<(Stamps, Summaries, Shared<Entry>)>>,
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
        history: Shared<Entry>,
    ) -> Self {
        self.summaries = Some(Box::new((stamps, summaries, history)));
        self
    }
}

impl Store {
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

    /// Loads for the full-screen program's first frame, and calls
    /// `early` with the contacts and queue (the history still empty) as
    /// soon as they are read, while the history is read on another
    /// thread.
    ///
    /// What the first frame needs of the history is every contact's
    /// summary, the per-week figures and the newest entries: the store
    /// keeps those beside the snapshots for the files they were worked
    /// out from (see `digest`), or with no snapshot of the log works them
    /// out in a light pass over it (see `plain::scan`). Either way the
    /// network's history is then only the newest entries, and
    /// [`Summarised::rest`] reads the rest. Otherwise the history is read
    /// whole and summarised on its thread meanwhile.
    pub fn load_summarised<R>(
        &self,
        early: impl FnOnce(&Network) -> R,
    ) -> Result<(Summarised, R), StoreError> {
        let (loaded, mut cache, early, history) = self.load_with(early, true)?;
        let summarised = match history {
            LoadedHistory::Whole(kept) => {
                let Kept { summaries, fresh } = kept.unwrap_or_else(|| Kept {
                    summaries: loaded.network.summaries(),
                    fresh: true,
                });
                if fresh {
                    cache = cache.with_summaries(
                        loaded.stamps.clone(),
                        summaries.clone(),
                        loaded.network.history.clone(),
                    );
                }
                Summarised {
                    loaded,
                    summaries,
                    gestures: None,
                    rest: None,
                    cache,
                }
            }
            LoadedHistory::Digested {
                summaries,
                gestures,
                rest,
            } => Summarised {
                loaded,
                summaries,
                gestures: Some(gestures),
                rest: Some(*rest),
                cache,
            },
        };
        Ok((summarised, early))
    }

    fn load_with<R>(
        &self,
        early: impl FnOnce(&Network) -> R,
        launch: bool,
    ) -> Result<(Loaded, CacheWrites, R, LoadedHistory), StoreError> {
        let (tables, history) = std::thread::scope(|s| {
            // The history is read on its own thread from the start: with
            // no snapshot to read it from, it is the longest read. The
            // contacts and queue go to it for the digest and summaries.
            let (tables_tx, tables_rx) = std::sync::mpsc::sync_channel(1);
            let history = s.spawn(move || {
                // With a snapshot, whether to read it is decided once the
                // digest is known; without, a launch passes lightly over a
                // large log for its digest, and anything else parses it
                // meanwhile.
                let mut checked = self.check_history();
                let scanned = (launch && checked.is_none())
                    .then(|| super::plain::scan::scan(&self.path(HISTORY)))
                    .flatten();
                let read = if launch && (checked.is_some() || scanned.is_some()) {
                    None
                } else {
                    Some(self.read_checked(checked.take(), Snap::Later)?)
                };
                // No tables means the load failed on the other thread.
                let Ok((contacts, items, contacts_stamp, queue_stamp)) = tables_rx.recv() else {
                    return Ok::<_, StoreError>(None);
                };
                let mut network = Network {
                    contacts,
                    items,
                    history: Default::default(),
                };
                let mut stamps: Stamps = [(CONTACTS, contacts_stamp), (QUEUE, queue_stamp)]
                    .into_iter()
                    .collect();
                stamps.set(
                    HISTORY,
                    read.as_ref()
                        .map(|r| r.1)
                        .or(checked.as_ref().map(|c| c.stamp)),
                );
                if let Some(scanned) = scanned
                    && let Some(digest) = scanned.digest(&network.contacts, &network.items)
                {
                    return Ok(Some(self.digested(digest, scanned.stamp, None)));
                }
                let kept = if launch {
                    self.launch_digest(&stamps, &network, checked.as_ref())
                } else {
                    None
                };
                let (mut kept, checked) = match (kept, checked) {
                    (Some(digest), Some(rest)) => {
                        return Ok(Some(self.digested(digest, rest.stamp, Some(rest))));
                    }
                    other => other,
                };
                let (entries, stamp, lines) = match read {
                    Some(read) => read,
                    None => self.read_checked(checked, Snap::Later)?,
                };
                let (live, raw) = for_domain(entries, lines.is_some());
                network.history = live;
                let lines = lines.zip(raw);
                let summaries = launch.then(|| {
                    // A snapshot found corrupt meant reading the log,
                    // which may have changed since it was checked.
                    if stamps.get(HISTORY) != Some(stamp) {
                        stamps.set(HISTORY, Some(stamp));
                        kept = self.kept_digest(&stamps, &network);
                    }
                    match kept {
                        Some(digest) => Kept {
                            summaries: digest.summaries,
                            fresh: false,
                        },
                        None => Kept {
                            summaries: network.summaries(),
                            fresh: true,
                        },
                    }
                });
                Ok(Some((
                    network.history,
                    stamp,
                    lines,
                    LoadedHistory::Whole(summaries),
                )))
            });
            let tables = self
                .read_table(CONTACTS, None, tables::parse_contacts, Snap::Later)
                .and_then(|contacts| {
                    let queue = self.read_table(QUEUE, None, tables::parse_items, Snap::Later)?;
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
                            q_stamp,
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
        let Some((history, history_stamp, history_lines, launched)) = history? else {
            return Err(StoreError::io(
                &self.path(HISTORY),
                std::io::Error::other("the history was not read"),
            ));
        };
        network.history = history;
        let unsaved = CacheWrites {
            summaries: None,
            contacts: contacts_parsed.then(|| (contacts_stamp, network.contacts.clone())),
            queue: queue_parsed.then(|| (queue_stamp, network.items.clone())),
            history: history_lines.map(|(n, raw)| (history_stamp, n, raw)),
        };
        let loaded = Loaded {
            network,
            stamps: [
                (CONTACTS, contacts_stamp),
                (QUEUE, queue_stamp),
                (HISTORY, history_stamp),
            ]
            .into_iter()
            .collect(),
        };
        Ok((loaded, unsaved, early, launched))
    }

    /// A launch's history drawn from `digest`, of the log whose stamp is
    /// `stamp`: the digest's newest entries, and the rest to read from
    /// `checked` (or with no snapshot, from the log).
    fn digested(
        &self,
        digest: HistoryDigest,
        stamp: FileStamp,
        checked: Option<CheckedHistory>,
    ) -> ReadHistory {
        let launched = LoadedHistory::Digested {
            summaries: digest.summaries,
            gestures: digest.gestures,
            rest: Box::new(RestOfHistory {
                store: self.clone(),
                checked,
            }),
        };
        (digest.newest.into(), stamp, None, launched)
    }

    /// The digest a launch draws from: the one kept for exactly the files
    /// `stamps` describes, or else one kept for a stretch of the
    /// history log that ends inside what `checked` read past its
    /// snapshot, brought up to date with the entries appended since (as
    /// `netwerk log` appends them), when the contacts and queue are those
    /// it was kept for. One line logged from the command line then costs
    /// a launch those entries counted, not every entry read.
    fn launch_digest(
        &self,
        stamps: &Stamps,
        network: &Network,
        checked: Option<&CheckedHistory>,
    ) -> Option<HistoryDigest> {
        let opened = snapshot::open(&self.dir, DIGEST)?;
        if digest_stamp(stamps).is_some_and(|s| opened.stamp.same_content(&s)) {
            return digest_in(opened, stamps, network);
        }
        let checked = checked?;
        // The log's length the digest was kept for, in its header.
        let cut = opened.lines.checked_sub(checked.snapshot.stamp.len)?;
        let cut = usize::try_from(cut).ok()?;
        let text = &checked.tail_text;
        // Within what was read past the snapshot, at a line's end, with
        // entries after it.
        if cut >= text.len() || (cut > 0 && text.as_bytes()[cut - 1] != b'\n') {
            return None;
        }
        let mut hasher = checked.before_tail.clone();
        hasher.update(&text.as_bytes()[..cut]);
        let mut before = stamps.clone();
        before.set(
            HISTORY,
            Some(FileStamp {
                len: checked.snapshot.stamp.len + cut as u64,
                hash: hasher.digest128(),
                ..FileStamp::default()
            }),
        );
        let digest = digest_in(opened, &before, network)?;
        // Lines before these: never 0, which would make the first the
        // header (the whole tail was read without error already).
        let lines = checked.snapshot.lines + text[..cut].matches('\n').count() as u64;
        let later =
            history_log::parse_from(&self.path(HISTORY), &text[cut..], lines.max(1)).ok()?;
        // A digest counts entries; one taken back since cannot be uncounted.
        if void::any(&later) {
            return None;
        }
        Some(digest.extended(network, &later))
    }

    /// The digest of the history read with `stamps` (see
    /// [`HistoryDigest`]), if [`Store::keep_summaries`] kept one for
    /// exactly those three files and it fits `network`'s contacts and
    /// items. Summarising a large history is a good part of a launch,
    /// and reading it whole more.
    pub fn kept_digest(&self, stamps: &Stamps, network: &Network) -> Option<HistoryDigest> {
        digest_in(snapshot::open(&self.dir, DIGEST)?, stamps, network)
    }

    /// Whether a digest is kept for exactly the files `stamps`
    /// describes (its header read only, not the digest).
    fn keeps_digest(&self, stamps: &Stamps) -> bool {
        digest_stamp(stamps).is_some_and(|stamp| {
            snapshot::open(&self.dir, DIGEST).is_some_and(|o| o.stamp.same_content(&stamp))
        })
    }

    /// Keeps the digest of `history`, whose summaries are `summaries`,
    /// read with `stamps`, for the next launch; unless one is kept
    /// for those files already. Like every snapshot, a failure to write
    /// is ignored.
    pub fn keep_summaries(&self, stamps: &Stamps, history: &[Entry], summaries: &Summaries) {
        let Some(stamp) = digest_stamp(stamps) else {
            return;
        };
        if !self.keeps_digest(stamps) {
            let digest = HistoryDigest::of(history, summaries.clone());
            let _ = snapshot::write(
                &self.dir,
                DIGEST,
                &stamp,
                // Where a later launch finds how much of the log it covers.
                stamps.get(HISTORY).map_or(0, |h| h.len),
                (1, std::slice::from_ref(&digest)),
            );
        }
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
            let (stamps, summaries, history) = &*kept;
            self.keep_summaries(stamps, history, summaries);
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
        let Ok(entries) = history_log::parse_from(path, &tail.text, before) else {
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
        self.read_checked(self.check_history(), snap)
    }

    /// Reads the history log like [`Store::read_history`], through
    /// `checked` when the snapshot checked out.
    fn read_checked(
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
        // history (see `history_log::parse`), even if it ends inside a
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
    fn check_history(&self) -> Option<CheckedHistory> {
        let opened = snapshot::open(&self.dir, HISTORY)?;
        let path = self.path(HISTORY);
        let lines = opened.lines;
        let tail = tail_past(&path, &opened.stamp).ok()??;
        let (entries, tail_lines) = history_log::parse_counted(&path, &tail.text, lines).ok()?;
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
            &self.dir,
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
    let mut file = super::safe_path::open_read(path)?;
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
    tail.truncate(history_log::complete_lines(&tail));
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
