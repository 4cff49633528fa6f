//! What the full-screen program's first frame needs, loaded (see
//! [`Store::load_summarised`]): the tables, every contact's summary and,
//! for a long history, its newest entries, with the rest read after the
//! frame. The summaries come from the digest kept beside the snapshots
//! (`digest`) when it was made from exactly these files, or from a light
//! pass over a log with no snapshot (`scan`).

use super::digest::HistoryDigest;
use super::directory::Store;
use super::files::{CONTACTS, FILES, HISTORY, QUEUE};
use super::load::{CacheWrites, CheckedHistory, Loaded, Snap, for_domain};
use super::snapshot;
use super::stamp::{FileStamp, Stamps};
use crate::disk::error::StoreError;
use crate::domain::network::Summaries;
use crate::domain::{CowVec, Entry, Network, void};
use crate::format::history;
use crate::format::tables;
use chrono::{DateTime, FixedOffset};

/// The history digest's snapshot in `.cache/`, beside the files' own.
const DIGEST: &str = "digest";

/// One stamp for all the data files: the digest is used only for exactly
/// the contents it was worked out from. `None` while any is unknown.
fn digest_stamp(stamps: &Stamps) -> Option<FileStamp> {
    stamps.combined(&FILES)
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
    CowVec<Entry>,
    FileStamp,
    Option<(u64, CowVec<Entry>)>,
    LoadedHistory,
);

/// The history as a load for the first frame found it.
pub(super) enum LoadedHistory {
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
pub(super) struct Kept {
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
/// light pass worked out (see `scan`).
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
    pub fn read(self) -> Result<(CowVec<Entry>, FileStamp, CacheWrites), StoreError> {
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

impl Store {
    /// Loads for the full-screen program's first frame, and calls
    /// `early` with the contacts and queue (the history still empty) as
    /// soon as they are read, while the history is read on another
    /// thread.
    ///
    /// What the first frame needs of the history is every contact's
    /// summary, the per-week figures and the newest entries: the store
    /// keeps those beside the snapshots for the files they were worked
    /// out from (see `digest`), or with no snapshot of the log works them
    /// out in a light pass over it (see `scan`). Either way the
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

    pub(super) fn load_with<R>(
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
                    .then(|| super::scan::scan(&self.path(HISTORY)))
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
        let opened = snapshot::open(self.dir(), DIGEST)?;
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
        let later = history::parse_from(&self.path(HISTORY), &text[cut..], lines.max(1)).ok()?;
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
        digest_in(snapshot::open(self.dir(), DIGEST)?, stamps, network)
    }

    /// Whether a digest is kept for exactly the files `stamps`
    /// describes (its header read only, not the digest).
    fn keeps_digest(&self, stamps: &Stamps) -> bool {
        digest_stamp(stamps).is_some_and(|stamp| {
            snapshot::open(self.dir(), DIGEST).is_some_and(|o| o.stamp.same_content(&stamp))
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
                self.dir(),
                DIGEST,
                &stamp,
                // Where a later launch finds how much of the log it covers.
                stamps.get(HISTORY).map_or(0, |h| h.len),
                (1, std::slice::from_ref(&digest)),
            );
        }
    }
}
