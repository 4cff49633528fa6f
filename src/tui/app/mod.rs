//! The application state and the derived views of the network that the
//! panes show. Changing state happens in `update.rs`; drawing only reads.
//! The state is private to `tui/`; `read.rs` is what others may read.

use super::keymap::Keymap;
pub use super::pane::{ContactSort, InterestsMode};
use super::pane::{ListView, Pane};
use super::popup::{Form, Popup};
use super::work::{Derived, Jobs, Work};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{Groundwork, Insight, Network, Stats};
use crate::search::SearchIndex;
use crate::store::{Store, StoreError};
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;

mod lists;
mod read;
mod replies;

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

/// The network the screen shows and everything worked out from it, as
/// the background work last delivered them.
pub(super) struct Model {
    /// The loaded network.
    pub(super) net: Network,
    /// Due-ness, history summaries and ranking for `net` at `clock.now()`.
    /// Shared with the job that reads the history's entries after a
    /// launch drawn from its digest (see `Work::Launch`).
    pub(super) insight: Arc<Insight>,
    /// Header and dashboard figures.
    pub(super) stats: Stats,
    /// Fuzzy search indexes over `net.contacts`, `net.items` and
    /// `net.history`, with the row order each was last told about. Built
    /// by the worker (contacts after launch, the others on `/`, again after
    /// a save); a search that finds one missing builds it itself.
    pub(super) search: [Option<(SearchIndex, Vec<usize>)>; 3],
    /// History positions, newest first (the History pane's order).
    history_order: Vec<usize>,
    /// Asks still unanswered, newest first (history positions).
    pub(super) open_asks: Vec<usize>,
    /// Moments not yet acted on or dismissed, newest first (history
    /// positions).
    pub(super) moments: Vec<usize>,
    /// The stamps of the files `net` was read from, for saves and reloads.
    store_fp: crate::store::Stamps,
}

/// What is on the screen and what the keys move: the focused pane, the
/// panes' rows, the dialogs, the status line, the terminal's size.
pub(super) struct Screen {
    /// The focused pane.
    pub(super) focus: Pane,
    /// Contacts order.
    pub(super) sort: ContactSort,
    /// Contacts pane rows (indices into `net.contacts`).
    pub(super) contacts: ListView,
    /// Interests pane mode.
    pub(super) interests_mode: InterestsMode,
    /// Interests pane rows: indices into the selected contact's interests,
    /// or into `all_interests`.
    pub(super) interests: ListView,
    /// All interests with counts (label, contacts, items).
    pub(super) all_interests: Vec<(String, usize, usize)>,
    /// Queue pane rows (indices into `net.items`).
    pub(super) queue: ListView,
    /// Marks for queue rows, by item index.
    pub(super) queue_marks: FxHashMap<usize, QueueMark>,
    /// History pane rows (indices into `net.history`).
    pub(super) history: ListView,
    /// The Inbox: entries from feeds, shown in the Queue's place.
    pub(super) inbox: super::pane::Inbox,
    /// Filter by one interest (display label) across Contacts and Queue.
    pub(super) interest_filter: Option<String>,
    /// Whether dormant contacts and archived items are listed too.
    pub(super) show_hidden: bool,
    /// Dormant contacts the Contacts pane leaves out (none while shown);
    /// while searching, those the search would find.
    pub(super) hidden_contacts: usize,
    /// Every dormant contact left out, search or not.
    hidden_contacts_all: usize,
    /// Archived items the Queue pane leaves out (none while shown).
    pub(super) hidden_items: usize,
    /// Dialogs, topmost last.
    popups: Vec<Popup>,
    /// The status line.
    status: Status,
    /// Terminal size (columns, rows).
    pub(super) size: (u16, u16),
    /// Colours and styles.
    pub(super) theme: super::view::theme::Theme,
}

impl Screen {
    /// Opens a dialog on top of the others: keys go to it now.
    pub(super) fn open(&mut self, popup: Popup) {
        self.popups.push(popup);
    }

    /// Closes the dialog on top and gives it back.
    pub(super) fn close(&mut self) -> Option<Popup> {
        self.popups.pop()
    }

    /// The dialog on top, the one keys go to.
    pub(super) fn top(&self) -> Option<&Popup> {
        self.popups.last()
    }

    /// The dialog on top, to change.
    pub(super) fn top_mut(&mut self) -> Option<&mut Popup> {
        self.popups.last_mut()
    }

    /// Every open dialog, the one on top last.
    pub(super) fn dialogs(&self) -> &[Popup] {
        &self.popups
    }

    /// Shows the Inbox in the Queue's place, focused.
    pub(super) fn show_inbox(&mut self) {
        self.inbox.shown = true;
        self.focus = Pane::Inbox;
    }

    /// Shows the Queue in its place again, focused.
    pub(super) fn show_queue(&mut self) {
        self.inbox.shown = false;
        self.focus = Pane::Queue;
    }
}

/// Everything the screen shows and the keys change.
pub struct App {
    /// What is on the screen: focus, panes, dialogs, status line.
    pub(super) screen: Screen,
    /// The network and what is worked out from it.
    pub(super) model: Model,
    /// The data directory.
    store: Store,
    /// The user's config.
    config: Config,
    /// Now.
    pub(super) clock: Clock,
    /// Key bindings.
    pub(super) keymap: Keymap,
    /// Set when the user quits.
    pub(super) quit: bool,
    /// Last seen state of the files.
    pub(super) seen: crate::store::Glance,
    /// The demo directory, removed on exit.
    pub(super) demo_dir: Option<PathBuf>,
    /// Where copies go.
    pub(super) copier: Box<dyn crate::clipboard::Copier>,
    /// A note for the event loop to open in $VISUAL/$EDITOR (it needs
    /// the terminal itself).
    pub(super) editor: Option<String>,
    /// Note templates from the config (or the built-in ones).
    pub(super) templates: crate::domain::template::Templates,
    /// Work for the background thread: queued, in flight, or held.
    jobs: Jobs<Then>,
    /// Search indexes asked of the worker and not arrived yet.
    indexing: [bool; 3],
    /// Whether the first frame was drawn from the history's digest and
    /// the worker is still reading the entries: keys wait for them.
    launching: bool,
    /// A data file on disk that does not parse, found by the last read:
    /// until it does, the data shown is the last good copy and saves are
    /// refused (see `broken.rs`).
    pub(super) broken: Option<super::broken::Broken>,
    /// Why the program must stop, for its exit message.
    pub(super) fatal: Option<String>,
}

/// What the UI does with a job's reply.
#[derive(Default)]
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
    #[default]
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

impl crate::clipboard::Copier for NoClipboard {
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
        let jobs = Jobs::start(store.clone());
        // The config was validated when loaded (see `Config::check`).
        let theme = super::view::theme::Theme::configured(
            &config.theme,
            super::view::theme::no_color_env(),
        )
        .unwrap_or_else(|_| super::view::theme::Theme::from_env());
        let model = Model {
            net,
            insight: Arc::new(derived.insight),
            stats: derived.stats,
            search: Default::default(),
            history_order: derived.history_order,
            open_asks: Vec::new(),
            moments: Vec::new(),
            store_fp: loaded.stamps,
        };
        let screen = Screen {
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
            size: (120, 40),
            theme,
        };
        let mut app = Self {
            screen,
            model,
            store,
            config,
            clock,
            keymap,
            quit: false,
            seen,
            demo_dir: None,
            copier: Box::new(NoClipboard),
            editor: None,
            templates: crate::domain::template::Templates::builtin(),
            jobs,
            indexing: [true, false, false],
            launching: rest.is_some(),
            broken: None,
            fatal: None,
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
            let insight = Arc::clone(&app.model.insight);
            app.enqueue(Work::Launch(Box::new(rest), insight), Then::Launch);
        }
        if !cache.is_empty() {
            app.enqueue(Work::Cache(cache), Then::Quiet);
        }
        Ok(app)
    }

    /// The list state of a pane, to change.
    pub fn list_mut(&mut self, pane: Pane) -> &mut ListView {
        match pane {
            Pane::Contacts => &mut self.screen.contacts,
            Pane::Interests => &mut self.screen.interests,
            Pane::Queue => &mut self.screen.queue,
            Pane::History => &mut self.screen.history,
            Pane::Inbox => &mut self.screen.inbox.list,
        }
    }

    /// How many active contacts are due now.
    pub fn due_count(&self) -> usize {
        self.model.stats.due
    }

    /// Due-ness of a contact (by index).
    pub fn due_of(&self, contact: usize) -> Option<&crate::domain::Due> {
        self.model.insight.due(contact)
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
        self.screen.status = Status {
            text,
            error,
            age: 0,
            serial: self.screen.status.serial + 1,
        };
    }

    /// Empties the status line.
    pub fn clear_status(&mut self) {
        self.screen.status.text.clear();
        self.screen.status.error = false;
    }

    /// Which message is on the status line, to tell whether a key set one.
    pub fn status_serial(&self) -> u64 {
        self.screen.status.serial
    }

    /// An idle tick: an informational message fades after
    /// [`STATUS_TICKS`] of them; an error waits for a key.
    pub fn age_status(&mut self) {
        if self.screen.status.text.is_empty() || self.screen.status.error {
            return;
        }
        self.screen.status.age += 1;
        if self.screen.status.age >= STATUS_TICKS {
            self.clear_status();
        }
    }

    /// What a dialog may read of the screen's state.
    pub fn dialog_context(&self) -> super::view::dialog::Context<'_> {
        super::view::dialog::Context {
            theme: &self.screen.theme,
            net: &self.model.net,
            stats: &self.model.stats,
            keymap: &self.keymap,
            focus: self.screen.focus,
            interests_mode: self.screen.interests_mode,
            size: self.screen.size,
        }
    }
}
