//! The background thread that touches the disk and works out the derived
//! views, so the screen never waits for a save or for 30,000 contacts'
//! due-ness.
//!
//! One job is in flight at a time; the UI queues the rest (see
//! `App::enqueue`). A job carries a clone of the UI's network — cheap,
//! the lists are [`CowVec`] — and the reply carries what changed. The
//! worker drops its clone before it replies, so when the UI applies a
//! reply it holds the only reference and can add history entries in
//! place, never copying the history.

use super::derive::{Derived, launch_figures};
use super::index::build_index;
use super::protocol::{Done, Reply, SaveError, Work};
use crate::config::Cadences;
use crate::search::SearchIndex;
use crate::store::{Loaded, Scope, Store, Undo, UndoError};
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A job: the work, the network as the UI has it, and what derived views
/// need.
struct Job {
    work: Work,
    /// The UI's network and the file stamps it was read with.
    base: Loaded,
    /// Cadences for due-ness.
    cadences: Cadences,
    /// Now, for due-ness.
    now: DateTime<FixedOffset>,
    /// Search indexes to rebuild if their records change (contacts,
    /// items, history): the ones the UI uses.
    indexes: [bool; 3],
}

/// The UI's handle on the worker thread.
pub struct Worker {
    jobs: Sender<Job>,
    replies: Receiver<Reply>,
    /// For running a job here when the thread is gone.
    store: Store,
}

impl Worker {
    /// Starts the thread.
    pub fn start(store: Store) -> Self {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, replies) = channel();
        let theirs = store.clone();
        let spawned = std::thread::Builder::new()
            .name("netwerk-worker".into())
            .spawn(move || {
                for job in inbox {
                    let reply = run(&theirs, job);
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
        Self {
            jobs,
            replies,
            store,
        }
    }

    /// Hands `work` over with the network it starts from (`base`), the
    /// cadences and time for due-ness, and the search indexes to rebuild
    /// if their records change (contacts, items, history). If the thread
    /// is gone, the job runs here, so nothing is ever silently dropped.
    pub fn send(
        &self,
        work: Work,
        base: Loaded,
        cadences: Cadences,
        now: DateTime<FixedOffset>,
        indexes: [bool; 3],
    ) -> Option<Reply> {
        let job = Job {
            work,
            base,
            cadences,
            now,
            indexes,
        };
        match self.jobs.send(job) {
            Ok(()) => None,
            Err(std::sync::mpsc::SendError(job)) => Some(run(&self.store, job)),
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
fn run(store: &Store, job: Job) -> Reply {
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
        Work::Undo { redo } => undo(store, &mut base, redo, now),
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

/// Runs an undo or redo on the worker, on `base` as the UI has it.
fn undo(
    store: &Store,
    base: &mut crate::store::Loaded,
    redo: bool,
    now: DateTime<FixedOffset>,
) -> Result<Done, SaveError> {
    let how = Undo {
        redo,
        scope: Scope::Session(store.session().to_owned()),
        now,
        dry_run: false,
    };
    match store.undo(base, &how) {
        Ok(undone) => Ok(Done {
            message: format!(
                "{}: {}",
                if redo { "Redone" } else { "Undone" },
                undone.label
            ),
            select: undone.select,
            label: String::new(),
        }),
        Err(UndoError::Store(e)) => Err(SaveError::Store(e)),
        Err(UndoError::Nothing(what)) => Err(SaveError::Fields(vec![(
            "Undo",
            format!("Nothing to {what} since netwerk started"),
        )])),
        Err(UndoError::Refused(why)) => Err(SaveError::Fields(vec![("Undo", why)])),
    }
}
