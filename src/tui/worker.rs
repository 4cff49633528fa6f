//! The background thread that touches the disk and works out the derived
//! views, so the screen never waits for a save or for 30,000 contacts'
//! due-ness.
//!
//! One job is in flight at a time; the UI queues the rest (see
//! `App::enqueue`). A job carries a clone of the UI's network — cheap,
//! the lists are [`Shared`] — and the reply carries what changed. The
//! worker drops its clone before it replies, so when the UI applies a
//! reply it holds the only reference and can add history entries in
//! place, never copying the history.

use super::save::SaveError;
use crate::config::Cadences;
pub use crate::domain::history::newest_first;
use crate::domain::network::Summaries;
use crate::domain::stats::HistoryFigures;
use crate::domain::{Entry, Groundwork, Insight, Network, Shared, Stats};
use crate::search::SearchIndex;
use crate::store::Glance as Seen;
use crate::store::{Loaded, Store};
use chrono::{DateTime, FixedOffset};
use std::borrow::Cow;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a successful change reports: the status line and the record to
/// select afterwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Done {
    /// For the status line.
    pub message: String,
    /// The id of the record to select, if any.
    pub select: Option<String>,
    /// What the undo journal calls the change ("deleted Ada Lovelace"):
    /// what `u` then says it undid.
    pub label: String,
}

impl Done {
    /// The change's name in the undo journal: its label, or failing one,
    /// its message.
    fn naming(&self) -> String {
        match self.label.is_empty() {
            true => self.message.clone(),
            false => self.label.clone(),
        }
    }
}

/// A change to contacts and/or queue, run under the writer lock on fresh
/// data (see [`Store::modify_at`]).
pub type Change = Box<dyn FnOnce(&mut Network) -> Result<Done, SaveError> + Send>;

/// What to do.
pub enum Work {
    /// Change contacts and/or queue.
    Modify(Change),
    /// Append to the history; the outcome to report when it is written.
    Append(Vec<Entry>, Done),
    /// Undo (or redo) this session's last change (see `tui/undo.rs`).
    Undo {
        /// Redo instead.
        redo: bool,
    },
    /// Catch up with what other processes saved.
    Reload,
    /// Work out due-ness and figures for the network as it is.
    Derive,
    /// Build the search index of contacts (0), items (1) or history (2).
    Index(usize),
    /// Write the snapshots the launch left for later.
    Cache(crate::store::CacheWrites),
    /// Read the history's entries after a first frame drawn from its
    /// digest, with the due-ness and ranking that frame was drawn with:
    /// if the entries are those the digest came from, those stand and
    /// only the figures and the History order are worked out from them;
    /// otherwise everything is.
    Launch(Box<crate::store::RestOfHistory>, Arc<Insight>),
    /// Read, refresh, keep from or skip in the inbox (see `tui/inbox.rs`).
    Inbox(super::inbox::InboxOp),
}

/// A job: the work, the network as the UI has it, and what derived views
/// need.
pub struct Job {
    /// What to do.
    pub work: Work,
    /// The UI's network and the file stamps it was read with.
    pub base: Loaded,
    /// Cadences for due-ness.
    pub cadences: Cadences,
    /// Now, for due-ness.
    pub now: DateTime<FixedOffset>,
    /// Search indexes to rebuild if their records change (contacts,
    /// items, history): the ones the UI uses.
    pub indexes: [bool; 3],
}

/// Due-ness, ranking and figures for one version of the network.
pub struct Derived {
    /// Due-ness and ranking.
    pub insight: Insight,
    /// Header and dashboard figures.
    pub stats: Stats,
    /// History positions, newest first.
    pub history_order: Vec<usize>,
}

impl Derived {
    /// Works everything out for `net` (tens of milliseconds at scale).
    pub fn of(net: &Network, cadences: &Cadences, now: DateTime<FixedOffset>) -> Self {
        Self::derive(net, cadences, now, None)
    }

    /// Works everything out like [`Derived::of`], with the groundwork for
    /// `net`'s contacts and items and the summaries of its history
    /// already done (see
    /// [`Store::load_summarised`]).
    pub fn with(
        net: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        groundwork: Groundwork,
        summaries: Summaries,
    ) -> Self {
        Self::derive(net, cadences, now, Some((groundwork, Some(summaries))))
    }

    fn derive(
        net: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        prepared: Option<(Groundwork, Option<Summaries>)>,
    ) -> Self {
        // The History order and the history's own figures need no
        // due-ness: worked out on a second thread beside it.
        let (insight, (history_order, figures)) =
            Insight::derive(net, cadences, now, prepared, |matcher| {
                (
                    history_order(&net.history),
                    HistoryFigures::new(net, now, matcher, TOP),
                )
            });
        let stats = Stats::with(net, &insight, TOP, figures);
        Self {
            insight,
            stats,
            history_order,
        }
    }
}

/// How many contacts and topics the dashboard's top lists show.
const TOP: usize = 5;

/// The History pane's order: positions in `history`, newest first.
fn history_order(history: &[Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..history.len()).collect();
    order.sort_unstable_by(|&a, &b| newest_first(history, a, b));
    order
}

/// The header and dashboard figures and the History order for `net`,
/// whose due-ness and ranking are `insight`'s, on two threads.
fn launch_figures(net: &Network, insight: &Insight) -> (Stats, Vec<usize>) {
    std::thread::scope(|s| {
        let order = s.spawn(|| history_order(&net.history));
        let stats = Stats::compute(net, insight, TOP);
        // A panic there is a bug; surface it as one.
        let order = order
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (stats, order)
    })
}

/// What came of a job.
pub struct Reply {
    /// Whether the change happened.
    pub outcome: Result<Done, SaveError>,
    /// New contacts and queue (and their stamps), when they changed.
    pub tables: Option<(Shared<crate::domain::Contact>, Shared<crate::domain::Item>)>,
    /// A history read whole, when it was rewritten rather than appended.
    pub history: Option<Shared<Entry>>,
    /// Entries to add to the UI's history.
    pub appended: Vec<Entry>,
    /// The stamps of the files as now known.
    pub stamps: crate::store::Stamps,
    /// The cheap file fingerprint taken before reading, for noticing the
    /// next outside change.
    pub seen: Option<Seen>,
    /// Why the files could not be read back, when the job read them
    /// (`seen` is set) and one did not parse; the lists are then left as
    /// the UI had them.
    pub unreadable: Option<crate::store::StoreError>,
    /// Derived views of the new network, unless entries still have to be
    /// added to it (then the UI asks again).
    pub derived: Option<Derived>,
    /// After a launch, the figures and History order for the entries,
    /// when the due-ness and ranking the first frame had stand (see
    /// [`Work::Launch`]).
    pub figures: Option<(Stats, Vec<usize>)>,
    /// Snapshots for the UI to queue as [`Work::Cache`]: after a launch,
    /// those of the entries and their digest, left out of the job a key
    /// pressed at the first frame waits for.
    pub later: crate::store::CacheWrites,
    /// Search indexes over the new network (see [`Job::indexes`]).
    pub indexes: [Option<SearchIndex>; 3],
    /// The inbox as read after an inbox job.
    pub inbox: Option<Vec<crate::feed::intake::Row>>,
}

impl Reply {
    /// A reply that changes nothing.
    fn nothing(stamps: crate::store::Stamps) -> Self {
        Self {
            outcome: Ok(Done::default()),
            tables: None,
            history: None,
            appended: Vec::new(),
            stamps,
            seen: None,
            unreadable: None,
            derived: None,
            figures: None,
            later: Default::default(),
            indexes: Default::default(),
            inbox: None,
        }
    }
}

/// The search index for contacts (0), items (1) or history (2): the
/// fields a person would search by.
pub fn build_index(net: &Network, which: usize) -> SearchIndex {
    match which {
        0 => SearchIndex::of(&net.contacts, |c| {
            [
                Cow::Borrowed(c.name.as_str()),
                Cow::Borrowed(c.company.as_deref().unwrap_or_default()),
                Cow::Borrowed(c.role.as_deref().unwrap_or_default()),
                Cow::Owned(c.interests.join(" ")),
            ]
        }),
        1 => SearchIndex::new(
            net.items
                .iter()
                .map(|i| [i.title.clone(), i.topics.join(" "), i.host().to_string()]),
        ),
        _ => SearchIndex::new(net.history.iter().map(|e| {
            [
                e.contact_name(),
                e.item_title().unwrap_or_default(),
                e.note(),
            ]
        })),
    }
}

/// The UI's handle on the worker thread.
pub struct Worker {
    jobs: Sender<Job>,
    replies: Receiver<Reply>,
}

impl Worker {
    /// Starts the thread.
    pub fn start(store: Store) -> Self {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, replies) = channel();
        let spawned = std::thread::Builder::new()
            .name("netwerk-worker".into())
            .spawn(move || {
                for job in inbox {
                    let reply = run(&store, job);
                    crate::release_freed_memory();
                    if outbox.send(reply).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            // Without a thread every job would wait forever; run them
            // here instead (see `send`).
            eprintln!("netwerk: no background thread ({e}); saves will pause the screen");
        }
        Self { jobs, replies }
    }

    /// Hands a job over. If the thread is gone, the job runs here, so
    /// nothing is ever silently dropped.
    pub fn send(&self, job: Job, store: &Store) -> Option<Reply> {
        match self.jobs.send(job) {
            Ok(()) => None,
            Err(std::sync::mpsc::SendError(job)) => Some(run(store, job)),
        }
    }

    /// The next reply, if one is ready.
    pub fn try_reply(&self) -> Option<Reply> {
        self.replies.try_recv().ok()
    }

    /// Waits for the next reply.
    pub fn wait_reply(&self) -> Option<Reply> {
        self.replies.recv().ok()
    }
}

/// Runs one job.
pub fn run(store: &Store, job: Job) -> Reply {
    let Job {
        work,
        mut base,
        cadences,
        now,
        indexes: wanted,
    } = job;
    let index_only = match work {
        Work::Index(which) => Some(which),
        Work::Cache(unsaved) => {
            store.write_cache(unsaved);
            return Reply::nothing(base.stamps.clone());
        }
        _ => None,
    };
    let job_stamps = base.stamps.clone();
    let before = (base.network.contacts.clone(), base.network.items.clone());
    let history_before = base.network.history.clone();
    let asked_to_derive = matches!(work, Work::Derive | Work::Index(_) | Work::Launch(..));
    // The history the launch's digest was worked out from, and what the
    // first frame derived from it.
    let launched = match &work {
        Work::Launch(_, insight) => {
            Some((base.stamps.get(crate::store::HISTORY), Arc::clone(insight)))
        }
        _ => None,
    };
    let launch = launched.is_some();
    let mut ours = Vec::new();
    // Snapshots to write once the UI has the reply (see `Reply::later`).
    let mut later = crate::store::CacheWrites::default();
    let mut inbox = None;
    let outcome = match work {
        Work::Modify(change) => store.modify_at(&mut base, Done::naming, change),
        Work::Append(entries, done) => match store.log_at(&mut base, &done.naming(), &entries) {
            Ok(_) => {
                ours = entries;
                Ok(done)
            }
            Err(e) => Err(SaveError::Store(e)),
        },
        Work::Undo { redo } => super::undo::run(store, &mut base, redo, now),
        Work::Launch(rest, _) => match rest.read() {
            Ok((entries, stamp, unsaved)) => {
                base.network.history = entries;
                base.stamps.set(crate::store::HISTORY, Some(stamp));
                later = unsaved;
                Ok(Done::default())
            }
            Err(e) => Err(SaveError::Store(e)),
        },
        // Keeping writes the queue through the store; the catch-up
        // below reads it back like another process's save.
        Work::Inbox(op) => {
            let (outcome, rows) = super::inbox::run(store, op, now.date_naive());
            inbox = Some(rows);
            outcome
        }
        Work::Reload | Work::Derive | Work::Index(_) | Work::Cache(_) => Ok(Done::default()),
    };
    // After every write, and for a reload, read what is on disk now: our
    // own appended lines, and anything another process saved meanwhile.
    // The cheap fingerprint is taken first, so a save that lands during
    // the read is noticed on the next tick rather than missed.
    let mut seen = None;
    let mut appended = Vec::new();
    let mut unreadable = None;
    if !asked_to_derive {
        seen = Some(store.glance());
        match store.catch_up(&mut base) {
            Ok(fresh) => appended = fresh,
            Err(e) => {
                // A file that does not parse is not an empty one: the UI
                // keeps the lists it has, with the stamps they were read
                // with, and shows them read-only (see `App::broken`).
                base.network.contacts = before.0.clone();
                base.network.items = before.1.clone();
                base.network.history = history_before.clone();
                base.stamps = job_stamps;
                if !ours.is_empty() {
                    // Our entries were written; show them, and read the
                    // log whole once it parses.
                    appended = ours;
                    base.stamps.set(crate::store::HISTORY, None);
                }
                unreadable = Some(e);
            }
        }
    }
    let tables_changed =
        !base.network.contacts.same(&before.0) || !base.network.items.same(&before.1);
    let history =
        (!base.network.history.same(&history_before)).then(|| base.network.history.clone());
    drop(before);
    drop(history_before);
    // Derived views must match the records' positions, so they are worked
    // out whenever those change; appended entries are added by the UI,
    // which then asks again.
    // A launch whose entries could not be read has nothing to derive
    // from but the digest's few: the program stops instead.
    // Entries read after a launch from the very bytes its digest came
    // from have the digest's summaries, so the due-ness and ranking the
    // first frame was drawn with stand: only what needs every entry is
    // worked out (a key pressed meanwhile waits for this).
    let kept = launched.and_then(|(stamp, insight)| {
        let same = !tables_changed
            && stamp
                .zip(base.stamps.get(crate::store::HISTORY))
                .is_some_and(|(then, now)| then.same_content(&now));
        same.then_some(insight)
    });
    let figures = kept.as_ref().map(|insight| {
        // A light pass worked the digest out: keep it for the next launch.
        later = std::mem::take(&mut later).with_summaries(
            base.stamps.clone(),
            insight.summaries.clone(),
            base.network.history.clone(),
        );
        launch_figures(&base.network, insight)
    });
    // Everything derived again, the entries' positions being the same.
    let rederive = index_only.is_none() && asked_to_derive && !launch;
    let derive = figures.is_none() && (tables_changed || history.is_some() || rederive);
    let derived = derive.then(|| Derived::of(&base.network, &cadences, now));
    // The next launch starts from this digest if the files are still as
    // `base` read them.
    if let Some(d) = &derived {
        store.keep_summaries(&base.stamps, &base.network.history, &d.insight.summaries);
    }
    // Positions of appended entries are the UI's to add; the history
    // index waits for the next derive, which includes them.
    let changed = [
        tables_changed || rederive,
        tables_changed || rederive,
        (history.is_some() || rederive) && appended.is_empty(),
    ];
    let indexes: [Option<SearchIndex>; 3] = std::array::from_fn(|w| {
        let build = index_only == Some(w) || wanted[w] && changed[w];
        build.then(|| build_index(&base.network, w))
    });
    let tables = tables_changed.then(|| {
        (
            std::mem::take(&mut base.network.contacts),
            std::mem::take(&mut base.network.items),
        )
    });
    // Let go of the UI's lists before replying (see the module docs).
    let stamps = base.stamps.clone();
    drop(base);
    Reply {
        outcome,
        tables,
        history,
        appended,
        stamps,
        seen,
        unreadable,
        derived,
        figures,
        later,
        indexes,
        inbox,
    }
}
