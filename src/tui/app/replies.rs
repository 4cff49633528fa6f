//! Queueing work for the worker and applying its replies to the screen's
//! state. Saves, appends and reloads all go through here, so none of them
//! holds up a key press.

use super::{App, Then};
use crate::store::{Loaded, StoreError};
use crate::tui::pane::Pane;
use crate::tui::popup::{Confirm, OnYes, Popup};
use crate::tui::work::{Done, Reply, SaveError, Work, newest_first};

impl App {
    /// Queues work for the worker; it starts at once if nothing else is
    /// in flight. A save while a data file does not parse is refused
    /// instead (a form comes back as typed): false then.
    pub fn enqueue(&mut self, work: Work, then: Then) -> bool {
        if work.writes()
            && let Some(why) = self.save_refused()
        {
            if let Then::Form(mut form) = then {
                form.message = Some(why);
                self.screen.open(Popup::Form(form));
            }
            return false;
        }
        self.jobs.push(work, then);
        self.pump();
        true
    }

    /// Whether any job is queued, running, or waiting to be applied.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// Starts the next job if the worker is free. Each job starts from the
    /// network as the previous one left it.
    fn pump(&mut self) {
        while let Some(next) = self.jobs.take_next() {
            let modify = matches!(next.0, Work::Modify(_) | Work::Undo { .. });
            if modify {
                // The change re-sorts contacts or items, so their indexes
                // must be rebuilt; let go of the old ones now, and build
                // the new ones once the old lists are gone too (see
                // `apply`), rather than hold two of each at once.
                let mut dropped = false;
                for w in 0..2 {
                    if self.model.search[w].take().is_some() {
                        self.indexing[w] = true;
                        dropped = true;
                    }
                }
                if dropped {
                    // Freed on this thread, so only this thread can hand
                    // the pages back: before the save copies the contacts.
                    crate::release_freed_memory();
                }
            }
            let base = Loaded {
                network: self.model.net.clone(),
                stamps: self.model.store_fp.clone(),
            };
            let indexes = std::array::from_fn(|w| !modify && self.index_in_use(w));
            let now = self.clock.now();
            if let Some(reply) = self
                .jobs
                .send(next, base, self.config.cadence, now, indexes)
            {
                self.receive(reply);
            }
        }
    }

    /// Applies every reply that has arrived; true if any did (redraw).
    pub fn poll_worker(&mut self) -> bool {
        let mut any = false;
        while let Some(reply) = self.jobs.try_reply() {
            self.receive(reply);
            any = true;
        }
        if self.jobs.holding() && !self.holds_positions() {
            if let Some((reply, then)) = self.jobs.take_held() {
                self.apply(reply, then);
            }
            self.pump();
            any = true;
        }
        any
    }

    /// Lets the background work queued at launch start: called once the
    /// first frame is drawn, or when anything needs that work done.
    pub fn started(&mut self) {
        if self.jobs.start_now() {
            self.pump();
        }
    }

    /// Waits until every queued job has run and been applied (except one
    /// held for an open dialog): for quitting, and for tests.
    pub fn settle(&mut self) {
        self.started();
        loop {
            self.poll_worker();
            if !self.jobs.in_flight() {
                return;
            }
            match self.jobs.wait_reply() {
                Some(reply) => self.receive(reply),
                None => return,
            }
        }
    }

    /// Waits until the history's entries, read after a first frame drawn
    /// from its digest, are in: before any key is handled, so every key
    /// acts on the whole network. At most the time it takes to read them,
    /// and only for keys pressed within that of the first frame.
    pub fn await_launch(&mut self) {
        self.started();
        while self.launching {
            if let Some((reply, then)) = self.jobs.take_held() {
                self.apply(reply, then);
                self.pump();
                continue;
            }
            match self.jobs.wait_reply() {
                Some(reply) => self.receive(reply),
                // Nothing left that could bring them.
                None => self.launching = false,
            }
        }
    }

    /// Runs everything still queued, a held reply included: on the way out.
    pub fn finish(&mut self) {
        self.started();
        if let Some((reply, then)) = self.jobs.take_held() {
            self.apply(reply, then);
            self.pump();
        }
        self.settle();
    }

    /// Whether an open dialog points at contacts or items by position
    /// (pickers, the composer), so re-sorting them now could make a share
    /// land on the wrong person.
    pub fn holds_positions(&self) -> bool {
        self.screen
            .dialogs()
            .iter()
            .any(|p| matches!(p, Popup::Picker(_) | Popup::Composer(_)))
    }

    /// Asks the worker for a pane's search index if it has none, so it is
    /// usually ready by the first letter typed after `/`.
    pub fn prepare_index(&mut self, pane: Pane) {
        let Some(which) = pane.search_index() else {
            return;
        };
        if self.model.search[which].is_none() && !self.indexing[which] {
            self.indexing[which] = true;
            self.enqueue(Work::Index(which), Then::Quiet);
        }
    }

    /// Waits for search index `w` if the worker is building it right now
    /// (a letter typed just after the first frame): quicker than building
    /// a second one beside it on this thread.
    pub(crate) fn await_index(&mut self, w: usize) {
        if self.jobs.building(w)
            && let Some(reply) = self.jobs.wait_reply()
        {
            self.receive(reply);
        }
    }

    /// Whether the UI searches with index `w` (contacts always: the first
    /// `/` should find it ready).
    fn index_in_use(&self, w: usize) -> bool {
        w == 0 || self.model.search[w].is_some() || self.indexing[w]
    }

    fn receive(&mut self, reply: Reply) {
        let then = self.jobs.received().unwrap_or_default();
        let resorts = reply.tables.is_some() || reply.history.is_some();
        if resorts && self.holds_positions() {
            self.jobs.hold(reply, then);
            return;
        }
        self.apply(reply, then);
        self.pump();
    }

    /// Swaps in what the worker produced and reports the outcome.
    fn apply(&mut self, reply: Reply, then: Then) {
        if let Some(rows) = reply.inbox {
            self.screen.inbox.replace(rows);
        }
        // Queued, not started: a job starts from the network as this
        // reply leaves it.
        if !reply.later.is_empty() {
            self.jobs.push_back(Work::Cache(reply.later), Then::Quiet);
        }
        self.model.store_fp = reply.stamps;
        // Whether the files parse is known afresh when the job read them.
        let read = reply.seen.is_some();
        if let Some(seen) = reply.seen {
            self.seen = seen;
        }
        let changed =
            reply.tables.is_some() || reply.history.is_some() || !reply.appended.is_empty();
        // By id, before the lists the selection points into are replaced:
        // a record's position in the new ones may hold another record
        // (the history read after a launch drawn from its digest does).
        let selection = self.selection();
        // What this replaces is freed on another thread, so input is not
        // held up (see docs/performance.md).
        let mut replaced = ToFree::default();
        if let Some((contacts, items)) = reply.tables {
            replaced.keep(std::mem::replace(&mut self.model.net.contacts, contacts));
            replaced.keep(std::mem::replace(&mut self.model.net.items, items));
            replaced.keep(self.model.search[0].take());
            replaced.keep(self.model.search[1].take());
        }
        if let Some(history) = reply.history {
            replaced.keep(std::mem::replace(&mut self.model.net.history, history));
            replaced.keep(self.model.search[2].take());
        }
        if !reply.appended.is_empty() {
            let first = self.model.net.history.len();
            // The worker has let go of its clone, so this adds in place.
            self.model.net.history.extend(reply.appended);
            self.place_new_history(first);
            replaced.keep(self.model.search[2].take());
        }
        for (w, index) in reply.indexes.into_iter().enumerate() {
            match index {
                Some(index) => {
                    self.model.search[w] = Some((index, Vec::new()));
                    self.indexing[w] = false;
                }
                // Dropped for a save (see `pump`): build it again now that
                // the old lists are gone.
                None if w < 2
                    && self.indexing[w]
                    && self.model.search[w].is_none()
                    && !self.jobs.queued_index(w) =>
                {
                    self.jobs.push_back(Work::Index(w), Then::Quiet);
                }
                None => {}
            }
        }
        if changed {
            // The old lists were just freed here; give their pages back
            // before the worker's next job allocates.
            crate::release_freed_memory();
        }
        match (reply.derived, reply.figures) {
            (Some(d), _) => {
                replaced.keep(std::mem::replace(
                    &mut self.model.insight,
                    std::sync::Arc::new(d.insight),
                ));
                replaced.keep(std::mem::replace(&mut self.model.stats, d.stats));
                replaced.keep(std::mem::replace(
                    &mut self.model.history_order,
                    d.history_order,
                ));
                self.rebuild_keeping(selection);
            }
            // The entries read after a launch: due-ness and ranking stand.
            (None, Some((stats, history_order))) => {
                replaced.keep(std::mem::replace(&mut self.model.stats, stats));
                replaced.keep(std::mem::replace(
                    &mut self.model.history_order,
                    history_order,
                ));
                self.rebuild_keeping(selection);
            }
            (None, None) if changed => {
                self.rebuild_keeping(selection);
                self.jobs.push_front(Work::Derive, Then::Quiet);
            }
            // An index arrived: filter with it.
            (None, None) => {
                for pane in [Pane::Contacts, Pane::Queue, Pane::History] {
                    self.refilter(pane);
                }
            }
        }
        replaced.discard();
        let failed = reply.outcome.is_err();
        self.report(reply.outcome, then, changed);
        if read {
            // A save that failed has said why already.
            self.set_broken(reply.unreadable, !failed);
        }
    }

    /// Puts history entries from `first` on into the History order by
    /// date (newest first), until the worker's full order arrives.
    fn place_new_history(&mut self, first: usize) {
        let history = &self.model.net.history;
        for i in first..history.len() {
            let pos = self
                .model
                .history_order
                .partition_point(|&j| newest_first(history, j, i).is_lt());
            self.model.history_order.insert(pos, i);
        }
    }

    fn report(&mut self, outcome: Result<Done, SaveError>, then: Then, changed: bool) {
        match (then, outcome) {
            (Then::Form(_) | Then::Report, Ok(done)) => {
                if let Some(id) = &done.select {
                    self.select_id(id);
                }
                self.info(done.message);
            }
            (
                Then::Share {
                    message,
                    file,
                    note,
                },
                Ok(_),
            ) => {
                self.info(message);
                if let Some(path) = file {
                    self.show_note_file(&path, &note);
                }
            }
            (Then::Outside, Ok(_)) if changed => {
                self.info("Updated with changes saved by another process");
                self.report_foreign();
            }
            (Then::Outside | Then::Quiet, Ok(_)) => {}
            (Then::Refresh, outcome) => {
                self.screen.inbox.refreshing = false;
                match outcome {
                    Ok(done) => self.info(done.message),
                    Err(e) => self.error(format!("Feeds not fetched: {}", save_error_text(&e))),
                }
            }
            (Then::KeepShare, Ok(done)) => match &done.select {
                Some(id) => self.share_kept(id),
                None => self.info(done.message),
            },
            (Then::Launch, Ok(_)) => self.launching = false,
            (Then::Launch, Err(e)) => {
                self.launching = false;
                self.fatal = Some(format!(
                    "the history could not be read: {}",
                    save_error_text(&e)
                ));
                self.quit = true;
            }
            // A question only the data on disk could raise (a known
            // person added again): ask it; yes saves the form again, forced.
            (Then::Form(form), Err(SaveError::Confirm(question))) => {
                self.screen.open(Popup::Form(form));
                self.screen.open(Popup::Confirm(Confirm {
                    question,
                    on_yes: OnYes::ForceAsk,
                }));
            }
            (Then::Form(form), Err(e)) => self.form_refused(form, e),
            (Then::Share { note, .. }, Err(e)) => {
                let why = save_error_text(&e);
                self.error(format!("Copied, but not logged: {why}"));
                self.screen.open(Popup::Notice(
                    "Copied, but not logged".into(),
                    format!("{why}\n\nYour note, so nothing is lost:\n\n{note}"),
                ));
            }
            (Then::Report | Then::Quiet | Then::Outside | Then::KeepShare, Err(e)) => {
                self.error(save_error_text(&e));
            }
        }
        if self.screen.focus == Pane::Interests {
            self.refilter(Pane::Interests);
        }
        // The selection may have moved (to the record just saved): keep
        // it on screen.
        self.scroll_all();
    }
}

/// One line for a save that did not happen.
fn save_error_text(e: &SaveError) -> String {
    match e {
        SaveError::Fields(errors) => errors
            .iter()
            .map(|(_, reason)| reason.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        SaveError::Store(e) => e.to_string(),
        SaveError::Confirm(q) => q.clone(),
    }
}

/// What a reply replaced, to be freed away from the screen.
#[derive(Default)]
struct ToFree(Vec<Box<dyn Send>>);

impl ToFree {
    fn keep(&mut self, old: impl Send + 'static) {
        self.0.push(Box::new(old));
    }

    /// Frees it all on a thread of its own, which then hands the pages
    /// back (see [`crate::release_freed_memory`]). Without a thread it is
    /// freed here, as before.
    fn discard(self) {
        if self.0.is_empty() {
            return;
        }
        let _ = std::thread::Builder::new()
            .name("netwerk-discard".into())
            .spawn(move || {
                drop(self);
                crate::release_freed_memory();
            });
    }
}

impl App {
    /// Takes what a read of the files found: an error makes the data
    /// read-only, a clean read ends that. Said on the status line when it
    /// changes, if `announce`.
    fn set_broken(&mut self, unreadable: Option<StoreError>, announce: bool) {
        let was = self.broken.take();
        self.broken = unreadable.map(crate::tui::broken::Broken);
        if !announce {
            return;
        }
        match (&was, &self.broken) {
            (_, Some(now))
                if was.as_ref().map(crate::tui::broken::Broken::detail) != Some(now.detail()) =>
            {
                let text = now.summary();
                self.error(text);
            }
            (Some(then), None) => {
                let text = format!("{} reads again; saving is back on", then.file_name());
                self.info(text);
            }
            _ => {}
        }
    }

    /// Why a save must not happen now, said on the status line; `None`
    /// when the files read cleanly. Every save goes through here before
    /// it is queued: nothing is written next to a file that does not
    /// parse, so what the user sees is never saved over what they fix.
    pub fn save_refused(&mut self) -> Option<String> {
        let broken = self.broken.as_ref()?;
        let why = format!(
            "Not saved: {} {}; fix it first",
            broken.file_name(),
            broken.what()
        );
        self.error(why.clone());
        Some(why)
    }
}
