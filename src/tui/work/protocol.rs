//! What the screen asks of the worker and what it answers: one request
//! ([`Work`]), one answer ([`Reply`]) whose outcome is [`Done`] or a
//! [`SaveError`].

use super::derive::Derived;
use crate::domain::{CowVec, Entry, FieldError, Insight, Network, Stats};
use crate::ops::OpError;
use crate::search::SearchIndex;
use crate::store::{Glance, StoreError};
use std::sync::Arc;

/// Why a save did not happen.
pub enum SaveError {
    /// Fields the user must fix, by form label.
    Fields(Vec<(&'static str, String)>),
    /// The disk said no.
    Store(StoreError),
    /// A warning the user must confirm before saving.
    Confirm(String),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

impl From<FieldError> for SaveError {
    fn from(e: FieldError) -> Self {
        SaveError::Fields(vec![(label_for(e.field), e.reason)])
    }
}

impl From<Vec<FieldError>> for SaveError {
    fn from(errors: Vec<FieldError>) -> Self {
        SaveError::Fields(
            errors
                .into_iter()
                .map(|e| (label_for(e.field), e.reason))
                .collect(),
        )
    }
}

impl From<OpError> for SaveError {
    fn from(e: OpError) -> Self {
        let field = |label, e: &OpError| SaveError::Fields(vec![(label, e.to_string())]);
        match e {
            OpError::Invalid(errors) => errors.into(),
            OpError::Twin { twin, editing } => {
                let again = if editing.is_some() { "Save" } else { "Add" };
                SaveError::Confirm(format!("{twin}. {again} a second record anyway?"))
            }
            OpError::Gone("item") => field("URL", &e),
            OpError::Gone(_) => field("Name", &e),
            OpError::Duplicate(other) => SaveError::Fields(vec![(
                "URL",
                format!("already in the queue as \"{}\"", other.title),
            )]),
            OpError::NoSuchInterest { .. } => field("Interests", &e),
            OpError::ShareNotLogged => {
                SaveError::Fields(vec![("Kind", "use s to share an item".into())])
            }
            OpError::Future(_) => SaveError::Fields(vec![(
                "When",
                "is in the future; log what has happened".into(),
            )]),
            OpError::AskFirst(warning) => {
                SaveError::Confirm(format!("{warning}. Log the ask anyway?"))
            }
            OpError::NotLogged(_) => SaveError::Fields(vec![(
                "Kind",
                "log a touch or an ask; use s to share an item".into(),
            )]),
            OpError::Refused(_) => field("Note", &e),
        }
    }
}

/// Maps a domain field name to the form label showing it.
fn label_for(field: &str) -> &'static str {
    match field {
        "name" => "Name",
        "company" => "Company",
        "role" => "Role",
        "email" => "Email",
        "degree" => "Degree",
        "cadence" => "Cadence (days)",
        "notes" => "Notes",
        "met" => "Met",
        "link" => "Links",
        "interest" => "Interests",
        "url" => "URL",
        "title" => "Title",
        "kind" => "Kind",
        "topic" => "Topics",
        "comment" => "Comment",
        "note" => "Note",
        "when" => "When",
        _ => "Name",
    }
}

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
    pub(super) fn naming(&self) -> String {
        match self.label.is_empty() {
            true => self.message.clone(),
            false => self.label.clone(),
        }
    }
}

/// A change to contacts and/or queue, run under the writer lock on fresh
/// data (see [`crate::store::Store::modify_at`]).
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
    /// Read, refresh, keep from or skip in the inbox (see `tui/pane/inbox.rs`).
    Inbox(InboxOp),
}

impl Work {
    /// Whether the job writes the data files.
    pub fn writes(&self) -> bool {
        match self {
            Work::Modify(_) | Work::Append(..) | Work::Undo { .. } => true,
            Work::Inbox(op) => op.writes(),
            _ => false,
        }
    }
}

/// What came of a job.
pub struct Reply {
    /// Whether the change happened.
    pub outcome: Result<Done, SaveError>,
    /// New contacts and queue (and their stamps), when they changed.
    pub tables: Option<(CowVec<crate::domain::Contact>, CowVec<crate::domain::Item>)>,
    /// A history read whole, when it was rewritten rather than appended.
    pub history: Option<CowVec<Entry>>,
    /// Entries to add to the UI's history.
    pub appended: Vec<Entry>,
    /// The stamps of the files as now known.
    pub stamps: crate::store::Stamps,
    /// The cheap file fingerprint taken before reading, for noticing the
    /// next outside change.
    pub seen: Option<Glance>,
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
    /// Search indexes over the new network (see `thread.rs`).
    pub indexes: [Option<SearchIndex>; 3],
    /// The inbox as read after an inbox job.
    pub inbox: Option<Vec<crate::feed::intake::Row>>,
}

impl Reply {
    /// A reply that changes nothing.
    pub(super) fn nothing(stamps: crate::store::Stamps) -> Self {
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

/// What the worker does with the inbox.
#[derive(Debug, Clone)]
pub enum InboxOp {
    /// Read it.
    Load,
    /// Fetch every feed, then read it.
    Refresh,
    /// Move the entry with this id to the queue.
    Keep(String),
    /// Set the entry with this id aside.
    Skip(String),
}

impl InboxOp {
    /// Whether it writes (a save a signal should wait for).
    pub fn writes(&self) -> bool {
        !matches!(self, InboxOp::Load)
    }
}
