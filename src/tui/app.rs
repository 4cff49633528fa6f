//! The application state and the derived views of the network that the
//! panes show. Changing state happens in `update.rs`; drawing only reads.

use super::filter;
use super::keymap::Keymap;
use super::pane::{ListView, Pane};
use super::popup::{Form, Popup};
use super::worker::{Derived, Reply, Work, Worker};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::fold::{fold, fold_label};
use crate::domain::{ContactState, Groundwork, Insight, Network, Stats};
use crate::search::SearchIndex;
use crate::store::{Store, StoreError};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

/// How the Contacts pane is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSort {
    /// Most overdue first.
    Due,
    /// Alphabetical.
    Name,
    /// Recently added first.
    Added,
}

impl ContactSort {
    /// The next order (`o`).
    pub fn next(self) -> Self {
        match self {
            ContactSort::Due => ContactSort::Name,
            ContactSort::Name => ContactSort::Added,
            ContactSort::Added => ContactSort::Due,
        }
    }

    /// Shown in the pane title.
    pub fn label(self) -> &'static str {
        match self {
            ContactSort::Due => "due",
            ContactSort::Name => "name",
            ContactSort::Added => "added",
        }
    }
}

/// What the Interests pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestsMode {
    /// The selected contact's interests and profile.
    Contact,
    /// Every interest with counts; Enter filters by one.
    All,
}

/// The status line's message.
///
/// How long it stays: an error until the next key; any other message
/// until a key changes the mode (a dialog opens or closes, a search
/// starts or ends, another pane is focused) or [`STATUS_TICKS`] idle
/// ticks pass — whichever comes first. A key that sets a message of its
/// own keeps that one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// Idle ticks since it was set.
    pub age: u32,
    /// Counts messages set, so a key can tell whether it set one.
    serial: u64,
}

/// Idle ticks (seconds) an informational message stays on the status line.
pub const STATUS_TICKS: u32 = 5;

/// What is selected, by id (see [`App::selection`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    contact: Option<crate::domain::ContactId>,
    item: Option<crate::domain::ItemId>,
    entry: Option<String>,
}

/// A queue row's relation to the selected contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueMark {
    /// Interests the item meets.
    pub matched: Vec<String>,
    /// Why it suits the contact, with the topics new for them.
    pub reason: String,
    /// When the contact already received it.
    pub received: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Everything the screen shows and the keys change.
pub struct App {
    /// The data directory.
    pub store: Store,
    /// The user's config.
    pub config: Config,
    /// Now.
    pub clock: Clock,
    /// Key bindings.
    pub keymap: Keymap,
    /// The loaded network.
    pub net: Network,
    /// Due-ness, history summaries and ranking for `net` at `clock.now()`.
    /// Shared with the job that reads the history's entries after a
    /// launch drawn from its digest (see `Work::Launch`).
    pub insight: Arc<Insight>,
    /// Header and dashboard figures.
    pub stats: Stats,
    /// Fuzzy search indexes over `net.contacts`, `net.items` and
    /// `net.history`, with the row order each was last told about. Built
    /// by the worker (contacts after launch, the others on `/`, again after
    /// a save); a search that finds one missing builds it itself.
    pub search: [Option<(SearchIndex, Vec<usize>)>; 3],
    /// The focused pane.
    pub focus: Pane,
    /// Contacts order.
    pub sort: ContactSort,
    /// Contacts pane rows (indices into `net.contacts`).
    pub contacts: ListView,
    /// Interests pane mode.
    pub interests_mode: InterestsMode,
    /// Interests pane rows: indices into the selected contact's interests,
    /// or into `all_interests`.
    pub interests: ListView,
    /// All interests with counts (label, contacts, items).
    pub all_interests: Vec<(String, usize, usize)>,
    /// Queue pane rows (indices into `net.items`).
    pub queue: ListView,
    /// Marks for queue rows, by item index.
    pub queue_marks: FxHashMap<usize, QueueMark>,
    /// History pane rows (indices into `net.history`).
    pub history: ListView,
    /// The Inbox: entries from feeds, shown in the Queue's place.
    pub inbox: super::inbox::Inbox,
    /// Filter by one interest (display label) across Contacts and Queue.
    pub interest_filter: Option<String>,
    /// Whether dormant contacts and archived items are listed too.
    pub show_hidden: bool,
    /// Dormant contacts the Contacts pane leaves out (none while shown);
    /// while searching, those the search would find.
    pub hidden_contacts: usize,
    /// Every dormant contact left out, search or not.
    hidden_contacts_all: usize,
    /// Archived items the Queue pane leaves out (none while shown).
    pub hidden_items: usize,
    /// Dialogs, topmost last.
    pub popups: Vec<Popup>,
    /// The status line.
    pub status: Status,
    /// Set when the user quits.
    pub quit: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Last seen state of the files.
    pub seen: crate::store::Glance,
    /// The demo directory, removed on exit.
    pub demo_dir: Option<PathBuf>,
    /// Colours and styles.
    pub theme: super::view::theme::Theme,
    /// Where copies go.
    pub copier: Box<dyn super::share::Copier>,
    /// Work for the event loop (the external editor).
    pub effect: Option<super::share::Effect>,
    /// Note templates from the config (or the built-in ones).
    pub templates: crate::domain::template::Templates,
    /// History positions, newest first (the History pane's order).
    pub history_order: Vec<usize>,
    /// Asks still unanswered, newest first (history positions).
    pub open_asks: Vec<usize>,
    /// Moments not yet acted on or dismissed, newest first (history
    /// positions).
    pub moments: Vec<usize>,
    /// The stamps of the files `net` was read from, for saves and reloads.
    pub store_fp: crate::store::Stamps,
    /// The background thread that saves and derives.
    pub worker: Worker,
    /// Jobs waiting for the one in flight.
    pub queued: VecDeque<(Work, Then)>,
    /// What to do with the reply to the job in flight, if one is.
    pub in_flight: Option<Then>,
    /// The search index the job in flight builds, if it is an index job.
    pub index_in_flight: Option<usize>,
    /// Whether the job in flight writes (see `signals::SAVES_PENDING`).
    pub write_in_flight: bool,
    /// A reply that re-sorts records, held while a dialog points at
    /// records by position (see `App::holds_positions`).
    pub held: Option<(Reply, Then)>,
    /// Search indexes asked of the worker and not arrived yet.
    pub indexing: [bool; 3],
    /// Whether the first frame was drawn from the history's digest and
    /// the worker is still reading the entries: keys wait for them.
    pub launching: bool,
    /// A data file on disk that does not parse, found by the last read:
    /// until it does, the data shown is the last good copy and saves are
    /// refused (see `broken.rs`).
    pub broken: Option<super::broken::Broken>,
    /// Why the program must stop, for its exit message.
    pub fatal: Option<String>,
    /// Until the first frame is drawn, background work waits, so the
    /// frame has both cores (see [`App::started`]).
    pub starting: bool,
}

/// What the UI does with a job's reply.
pub enum Then {
    /// Report the outcome on the status line and select the record.
    Report,
    /// A form's save: on an error, open the form again, marked.
    Form(Form),
    /// A share whose note was copied: say how, or if the log failed, show
    /// the note so nothing is lost.
    Share {
        /// What the status line says on success.
        message: String,
        /// The last-resort note file, when no clipboard took it.
        file: Option<String>,
        /// The note.
        note: String,
    },
    /// Catching up with another process's save: say so if anything
    /// changed.
    Outside,
    /// Nothing to say unless it fails.
    Quiet,
    /// The history's entries, read after the first frame: without them
    /// the program cannot go on.
    Launch,
    /// A refresh of the feeds: report it, and say it is over.
    Refresh,
    /// An inbox entry kept so it can be shared: open the share picker
    /// for the item it became.
    KeepShare,
}

/// The copier until a real clipboard is attached: says so instead of
/// pretending.
struct NoClipboard;

impl super::share::Copier for NoClipboard {
    fn copy(&mut self, _text: &str) -> Result<crate::clipboard::CopyReport, String> {
        Err("no clipboard is attached".into())
    }

    fn route(&self) -> String {
        "no clipboard".into()
    }
}

impl App {
    /// Loads the network and builds the first view.
    pub fn new(
        store: Store,
        config: Config,
        clock: Clock,
        keymap: Keymap,
    ) -> Result<Self, StoreError> {
        // Its changes are journaled as this session's: `u` undoes only
        // those made since it started.
        let store = store.in_session(&format!("tui-{}", crate::domain::ChangeId::new()));
        let seen = store.glance();
        // Snapshots of files that had to be parsed are written by the
        // worker once the first frame is up. The interest index and name
        // keys are worked out from the contacts and queue while the
        // history is still being read, and the history is summarised on
        // its own thread meanwhile, unless its digest is kept: then the
        // first frame is drawn from the digest, and the worker reads the
        // entries themselves right after (see `Work::Launch`).
        let (summarised, groundwork) = store.load_summarised(Groundwork::new)?;
        let crate::store::Summarised {
            loaded,
            summaries,
            gestures,
            rest,
            cache,
        } = summarised;
        let net = loaded.network;
        let now = clock.now();
        let mut derived = Derived::with(&net, &config.cadence, now, groundwork, summaries);
        if let Some(gestures) = gestures {
            // The network holds only the newest entries so far.
            derived.stats.weeks = crate::domain::stats::weeks(gestures, now);
        }
        // Loaded: from here on the worker's versions of the network come
        // and go, and what they free should leave the resident set.
        crate::settle_allocator();
        let worker = Worker::start(store.clone());
        // The config was validated when loaded (see `Config::check`).
        let theme = super::view::theme::Theme::configured(
            &config.theme,
            super::view::theme::no_color_env(),
        )
        .unwrap_or_else(|_| super::view::theme::Theme::from_env());
        let mut app = Self {
            store,
            config,
            clock,
            keymap,
            net,
            insight: Arc::new(derived.insight),
            stats: derived.stats,
            search: Default::default(),
            focus: Pane::Contacts,
            sort: ContactSort::Due,
            contacts: ListView::default(),
            interests_mode: InterestsMode::Contact,
            interests: ListView::default(),
            all_interests: Vec::new(),
            queue: ListView::default(),
            queue_marks: FxHashMap::default(),
            history: ListView::default(),
            inbox: Default::default(),
            interest_filter: None,
            show_hidden: false,
            hidden_contacts: 0,
            hidden_contacts_all: 0,
            hidden_items: 0,
            popups: Vec::new(),
            status: Status::default(),
            quit: false,
            size: (120, 40),
            seen,
            demo_dir: None,
            theme,
            copier: Box::new(NoClipboard),
            effect: None,
            templates: crate::domain::template::Templates::builtin(),
            history_order: derived.history_order,
            open_asks: Vec::new(),
            moments: Vec::new(),
            store_fp: loaded.stamps,
            worker,
            queued: VecDeque::new(),
            in_flight: None,
            index_in_flight: None,
            write_in_flight: false,
            held: None,
            indexing: [true, false, false],
            launching: rest.is_some(),
            broken: None,
            fatal: None,
            starting: true,
        };
        // The config was validated when loaded, so this only falls back
        // to the built-ins for a config built by hand in code.
        if let Ok(t) = crate::domain::template::Templates::from_config(&app.config.templates) {
            app.templates = t;
        }
        app.rebuild();
        app.report_foreign();
        // Ready before the first `/`, built while the user reads the
        // screen: first, as searching the contacts need not wait for the
        // history's entries (see `App::update`), and other keys do.
        app.enqueue(Work::Index(0), Then::Quiet);
        if let Some(rest) = rest {
            let insight = Arc::clone(&app.insight);
            app.enqueue(Work::Launch(Box::new(rest), insight), Then::Launch);
        }
        if !cache.is_empty() {
            app.enqueue(Work::Cache(cache), Then::Quiet);
        }
        Ok(app)
    }

    /// Recomputes the panes from `net` and the derived views, keeping the
    /// selected contact, item and history entry where they still exist.
    /// Cheap (a few milliseconds at scale): the expensive part, due-ness
    /// and figures, comes from the worker.
    pub fn rebuild(&mut self) {
        let selection = self.selection();
        self.rebuild_keeping(selection);
    }

    /// The ids of the selected contact, item and entry: what a rebuild
    /// keeps selected wherever they move. Taken before the lists they
    /// point into are replaced.
    pub fn selection(&self) -> Selection {
        Selection {
            contact: self.selected_contact().map(|c| c.id.clone()),
            item: self
                .queue
                .current()
                .and_then(|i| self.net.items.get(i))
                .map(|i| i.id.clone()),
            entry: self
                .history
                .current()
                .and_then(|i| self.net.history.get(i))
                .map(|e| e.id().to_owned()),
        }
    }

    /// Rebuilds like [`App::rebuild`], selecting what `selection` names.
    pub fn rebuild_keeping(&mut self, selection: Selection) {
        let Selection {
            contact,
            item,
            entry,
        } = selection;
        // Counting every label costs tens of milliseconds at scale; only
        // the "all interests" view needs it.
        if self.interests_mode == InterestsMode::All {
            self.count_interests();
        } else {
            self.all_interests.clear();
        }
        // A pass over the history's kinds, a millisecond at scale.
        self.open_asks = crate::domain::open_asks(&self.net.history);
        self.moments = crate::domain::moment::open(&self.net.history);
        self.rebuild_contacts();
        if let Some(id) = contact {
            let pos = self.net.contacts.iter().position(|c| c.id == id);
            self.contacts.select_record(pos);
        }
        self.rebuild_history();
        if let Some(id) = entry {
            let pos = self.net.history.iter().position(|e| e.id() == id);
            self.history.select_record(pos);
        }
        self.rebuild_for_contact();
        if let Some(id) = item {
            let pos = self.net.items.iter().position(|i| i.id == id);
            self.queue.select_record(pos);
        }
    }

    /// Counts every interest across contacts and items, for the "all
    /// interests" view.
    pub fn count_interests(&mut self) {
        self.all_interests = self
            .net
            .interest_counts()
            .into_iter()
            .map(|c| (c.label, c.contacts, c.items))
            .collect();
    }

    /// Orders and filters the Contacts pane.
    pub fn rebuild_contacts(&mut self) {
        let filter = self.interest_filter.as_deref().map(fold_label);
        let about = |i: usize| has_label(&self.net.contacts[i], filter.as_deref());
        let dormant = |i: usize| self.net.contacts[i].state == ContactState::Dormant;
        let shown = |i: usize| (self.show_hidden || !dormant(i)) && about(i);
        let contacts = &self.net.contacts;
        let mut rows: Vec<usize> = match self.sort {
            // Already in that order.
            ContactSort::Due => self.insight.urgency_order().filter(|&i| shown(i)).collect(),
            _ => (0..contacts.len()).filter(|&i| shown(i)).collect(),
        };
        self.hidden_contacts_all = match self.show_hidden {
            true => 0,
            false => (0..contacts.len())
                .filter(|&i| dormant(i) && about(i))
                .count(),
        };
        self.hidden_contacts = self.hidden_contacts_all;
        match self.sort {
            ContactSort::Due => {}
            ContactSort::Name => {
                rows.sort_by_cached_key(|&i| (fold(&contacts[i].name), contacts[i].id.clone()));
            }
            ContactSort::Added => {
                rows.sort_by(|&a, &b| {
                    contacts[b]
                        .added
                        .cmp(&contacts[a].added)
                        .then(contacts[a].id.cmp(&contacts[b].id))
                });
            }
        }
        self.contacts.base = rows;
        self.refilter(Pane::Contacts);
    }

    /// Orders the History pane, newest first.
    pub fn rebuild_history(&mut self) {
        self.history.base = self.history_order.clone();
        self.refilter(Pane::History);
    }

    /// Rebuilds what depends on the selected contact: the Interests pane
    /// and the queue ranking (matching items first, already sent last).
    pub fn rebuild_for_contact(&mut self) {
        let selected = self.contacts.current();
        let interests = selected
            .and_then(|i| self.net.contacts.get(i))
            .map_or(0, |c| c.interests.len());
        self.interests.base = match self.interests_mode {
            InterestsMode::Contact => (0..interests).collect(),
            InterestsMode::All => (0..self.all_interests.len()).collect(),
        };
        self.refilter(Pane::Interests);
        let filter = self.interest_filter.as_deref().map(fold_label);
        let about_filter = |i: usize| {
            filter
                .as_ref()
                .is_none_or(|f| self.net.items[i].topics.iter().any(|t| &fold_label(t) == f))
        };
        // Re-ranked whenever the selected contact changes, while typing a
        // search too: 5,000 items at scale, so no hashing of its own.
        let mut marks = FxHashMap::default();
        marks.reserve(self.net.items.len());
        let first = selected
            .and_then(|c| self.net.contacts.get(c))
            .map(|c| c.first_name().to_owned())
            .unwrap_or_default();
        let mut rows: Vec<usize> = match selected {
            Some(c) => self
                .insight
                .rank_items_for(&self.net, c)
                .into_iter()
                .filter(|r| about_filter(r.item))
                .map(|r| {
                    let matched = r.fit.strength > 0;
                    marks.insert(
                        r.item,
                        QueueMark {
                            reason: if matched {
                                r.fit.reason_for(&first)
                            } else {
                                String::new()
                            },
                            matched: if matched { r.fit.matched } else { Vec::new() },
                            received: r.received,
                        },
                    );
                    r.item
                })
                .collect(),
            None => self.newest_items(|i| !self.net.items[i].archived && about_filter(i)),
        };
        // Archived items are never ranked: listed after the rest, newest
        // first, when asked for.
        let archived = self.newest_items(|i| self.net.items[i].archived && about_filter(i));
        self.hidden_items = archived.len();
        if self.show_hidden {
            self.hidden_items = 0;
            if let Some(c) = selected {
                for &i in &archived {
                    let received = self.insight.received(c, i);
                    marks.insert(
                        i,
                        QueueMark {
                            matched: Vec::new(),
                            reason: String::new(),
                            received,
                        },
                    );
                }
            }
            rows.extend(archived);
        }
        self.queue.base = rows;
        self.queue_marks = marks;
        self.refilter(Pane::Queue);
    }

    /// Items that pass `keep`, newest first.
    fn newest_items(&self, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let items = &self.net.items;
        let mut rows: Vec<usize> = (0..items.len()).filter(|&i| keep(i)).collect();
        rows.sort_by(|&a, &b| {
            items[b]
                .added
                .cmp(&items[a].added)
                .then(items[a].id.cmp(&items[b].id))
        });
        rows
    }

    /// Applies a pane's search query to its base rows.
    pub fn refilter(&mut self, pane: Pane) {
        if pane == Pane::Inbox {
            return self.inbox.refilter();
        }
        let current = self.list(pane).current();
        if let Some(which) = pane.search_index() {
            return self.refilter_with(pane, which, current);
        }
        // The Interests pane: a short list, filtered directly.
        let keys: Vec<String> = match self.interests_mode {
            InterestsMode::All => self.all_interests.iter().map(|(l, _, _)| fold(l)).collect(),
            InterestsMode::Contact => self
                .selected_contact()
                .map(|c| c.interests.iter().map(|i| fold(i)).collect())
                .unwrap_or_default(),
        };
        let list = &mut self.interests;
        list.rows = filter::filter(&list.base, &keys, &list.query);
        list.select_record(current);
    }

    fn refilter_with(&mut self, pane: Pane, which: usize, current: Option<usize>) {
        let query = self.list(pane).query.clone();
        if pane == Pane::Contacts {
            self.hidden_contacts = self.hidden_contacts_all;
        }
        if query.trim().is_empty() {
            let list = self.list_mut(pane);
            list.rows = list.base.clone();
            list.select_record(current);
            return;
        }
        // The worker builds indexes ahead of need (after launch and after
        // each save). If one is not there yet, wait for it if the worker
        // is building it now, else build it here: one slow keystroke is
        // better than a list that silently does not filter, where Enter
        // and `e` would act on the wrong record.
        if self.search[which].is_none() {
            self.await_index(which);
        }
        if self.search[which].is_none() {
            self.search[which] = Some((super::worker::build_index(&self.net, which), Vec::new()));
        }
        let base = self.list(pane).base.clone();
        let Some((index, order)) = &mut self.search[which] else {
            return;
        };
        // Equal scores keep the pane's order; tell the index when it changed.
        if *order != base {
            let ranked: Vec<u32> = base.iter().map(|&i| i as u32).collect();
            index.reorder(&ranked);
            *order = base.clone();
        }
        let mut in_base = vec![false; index.len()];
        for &i in &base {
            if let Some(slot) = in_base.get_mut(i) {
                *slot = true;
            }
        }
        // Loose matches are dropped among the pane's rows, not all records:
        // a better match the pane hides must not hide them.
        let found = index.search_all(&query);
        let hits: Vec<crate::search::Hit> = found
            .iter()
            .filter(|h| in_base.get(h.record as usize).copied().unwrap_or(false))
            .copied()
            .collect();
        let rows: Vec<usize> = crate::search::best_tier(hits)
            .iter()
            .map(|h| h.record as usize)
            .collect();
        // A search names the dormant contacts it would find, so nobody
        // is lost behind the `.` toggle.
        if pane == Pane::Contacts && self.hidden_contacts_all > 0 {
            let filter = self.interest_filter.as_deref().map(fold_label);
            let dormant: Vec<crate::search::Hit> = found
                .iter()
                .copied()
                .filter(|h| {
                    self.net.contacts.get(h.record as usize).is_some_and(|c| {
                        c.state == ContactState::Dormant && has_label(c, filter.as_deref())
                    })
                })
                .collect();
            self.hidden_contacts = crate::search::best_tier(dormant).len();
        }
        let list = self.list_mut(pane);
        list.rows = rows;
        list.select_record(current);
    }

    /// The list state of a pane.
    pub fn list(&self, pane: Pane) -> &ListView {
        match pane {
            Pane::Contacts => &self.contacts,
            Pane::Interests => &self.interests,
            Pane::Queue => &self.queue,
            Pane::History => &self.history,
            Pane::Inbox => &self.inbox.list,
        }
    }

    /// The list state of a pane, to change.
    pub fn list_mut(&mut self, pane: Pane) -> &mut ListView {
        match pane {
            Pane::Contacts => &mut self.contacts,
            Pane::Interests => &mut self.interests,
            Pane::Queue => &mut self.queue,
            Pane::History => &mut self.history,
            Pane::Inbox => &mut self.inbox.list,
        }
    }

    /// The contact selected in the Contacts pane.
    pub fn selected_contact(&self) -> Option<&crate::domain::Contact> {
        self.contacts
            .current()
            .and_then(|i| self.net.contacts.get(i))
    }

    /// How many active contacts are due now.
    pub fn due_count(&self) -> usize {
        self.stats.due
    }

    /// Due-ness of a contact (by index).
    pub fn due_of(&self, contact: usize) -> Option<&crate::domain::Due> {
        self.insight.due(contact)
    }

    /// Sets an informational status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.set_status(text.into(), false);
    }

    /// Sets an error status message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.set_status(text.into(), true);
    }

    fn set_status(&mut self, text: String, error: bool) {
        self.status = Status {
            text,
            error,
            age: 0,
            serial: self.status.serial + 1,
        };
    }

    /// Empties the status line.
    pub fn clear_status(&mut self) {
        self.status.text.clear();
        self.status.error = false;
    }

    /// Which message is on the status line, to tell whether a key set one.
    pub fn status_serial(&self) -> u64 {
        self.status.serial
    }

    /// An idle tick: an informational message fades after
    /// [`STATUS_TICKS`] of them; an error waits for a key.
    pub fn age_status(&mut self) {
        if self.status.text.is_empty() || self.status.error {
            return;
        }
        self.status.age += 1;
        if self.status.age >= STATUS_TICKS {
            self.clear_status();
        }
    }

    /// What the status line's badge says: the top dialog, a search, or
    /// the panes.
    pub fn mode(&self) -> &'static str {
        match self.popups.last() {
            Some(Popup::Form(_)) => "FORM",
            Some(Popup::Confirm(_)) => "CONFIRM",
            Some(Popup::Help(_)) => "HELP",
            Some(Popup::Notice(..)) => "NOTE",
            Some(Popup::Dashboard) => "DASHBOARD",
            Some(Popup::Triage(_)) => "TRIAGE",
            Some(Popup::Picker(_)) => "PICK",
            Some(Popup::Composer(_)) => "COMPOSE",
            Some(Popup::Palette(_)) => "COMMAND",
            None if self.list(self.focus).searching => "SEARCH",
            None => "NORMAL",
        }
    }
}

/// Whether the contact has the interest `folded` (folded with
/// `fold_label`); any contact when there is no interest filter.
fn has_label(c: &crate::domain::Contact, folded: Option<&str>) -> bool {
    folded.is_none_or(|f| c.interests.iter().any(|x| fold_label(x) == f))
}
