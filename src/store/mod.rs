//! The data directory, read and written safely: every read and write of a
//! data file goes through [`Store`].
//!
//! - `contacts.toml` and `queue.toml` are the hand-editable source of
//!   truth, rewritten atomically under the writer lock after re-reading
//!   them, so concurrent writers never lose each other's changes;
//! - `history.jsonl` is append-only;
//! - `feeds.toml` and `inbox.toml` are small and read whole (see `small`);
//! - `.cache/` holds a derived binary snapshot of the first three and the
//!   undo journal; a snapshot is validated against its file's content on
//!   every load and is never the source of truth.
//!
//! The store knows nothing of the screen.

pub mod digest;
pub mod history_log;
pub mod journal;
mod load;
pub mod lock;
pub mod paths;
mod save;
mod scan;
mod small;
pub mod snapshot;
pub mod stamp;
mod summarised;
mod undo;

pub use crate::disk::error::StoreError;
use crate::disk::{atomic, safe_path};
use crate::domain::{Entry, Network};
pub use crate::format::binary::Record;
use crate::format::tables::TableRecord;
pub use journal::Scope;
pub use load::{CacheWrites, Loaded};
use lock::WriteLock;
pub use small::{FEEDS, INBOX};
pub use stamp::Stamps;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use summarised::{RestOfHistory, Summarised};
pub use undo::{Final, Label, Naming, Undo, UndoError, Undone, Unrecorded};

/// File holding the contacts.
pub const CONTACTS: &str = <crate::domain::Contact as TableRecord>::FILE;
/// File holding the content queue.
pub const QUEUE: &str = <crate::domain::Item as TableRecord>::FILE;
/// File holding the history log.
pub const HISTORY: &str = "history.jsonl";
/// Every data file: a new one is one more entry here.
pub const FILES: [&str; 3] = [CONTACTS, QUEUE, HISTORY];

/// Sizes, modification times and inodes of the data files: a cheap look
/// for noticing writes by other processes (see [`Store::glance`]).
pub type Glance = Vec<Option<(u64, std::time::SystemTime, u64)>>;

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// Who the undo journal says makes the changes: `cli`, or the
    /// full-screen program's session (see [`Store::in_session`]).
    session: Arc<str>,
}

/// A file's bytes as text, or a parse error pointing at the first byte
/// that is not UTF-8.
pub(crate) fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, col) = crate::format::line_col(&text, offset);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: "the file is not valid UTF-8".into(),
        }
    })
}

impl Store {
    /// Opens (creating if needed, owner-only) the data directory, after
    /// checking that each data file is a regular file, a symlink to one
    /// or absent: anything else (a FIFO that would block every read, a
    /// dangling link, a loop) is reported by path before any lock is
    /// taken or any file opened.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        if !safe_path::data_dir(dir)? {
            atomic::ensure_private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        for file in FILES.into_iter().chain([FEEDS, INBOX, lock::FILE]) {
            safe_path::data_file(&dir.join(file))?;
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            session: "cli".into(),
        })
    }

    /// This store, its changes journaled as made by `session`: the
    /// full-screen program undoes only those of its own session.
    pub fn in_session(mut self, session: &str) -> Self {
        self.session = session.into();
        self
    }

    /// Who this store's changes are journaled as made by.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of one of the data files.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// A cheap look at the data files, to compare with an earlier one.
    pub fn glance(&self) -> Glance {
        use std::os::unix::fs::MetadataExt;
        FILES
            .iter()
            .map(|f| {
                let m = std::fs::metadata(self.path(f)).ok()?;
                Some((m.len(), m.modified().ok()?, m.ino()))
            })
            .collect()
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
        self.read_history(load::Snap::Now)
            .map(|(history, ..)| history)
    }

    /// Loads everything (through the snapshot cache; see
    /// [`Store::load_stamped`]).
    pub fn load(&self) -> Result<Network, StoreError> {
        self.load_stamped().map(|loaded| loaded.network)
    }

    /// Changes contacts and/or queue safely: takes the writer lock, reads
    /// the files fresh (so changes another process saved a moment ago are
    /// the starting point; through the snapshot cache when it was made
    /// from exactly the bytes on disk), lets `change` edit them, and atomically
    /// rewrites each file whose content changed. If `change` fails nothing
    /// is written. `history` is not loaded here; append entries with
    /// [`Store::append`]. A caller that keeps the network between saves
    /// should use [`Store::modify_at`], which skips the re-read when the
    /// files are unchanged.
    /// The change is journaled for undo under the name `label` gives it.
    pub fn modify<R, E>(
        &self,
        label: impl Label<R>,
        change: impl FnOnce(&mut Network) -> Result<R, E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        self.modify_at(&mut Loaded::default(), label, change)
    }

    /// Appends entries to the history log, durably, under the writer lock,
    /// and nothing else, not even the undo journal: for seeding a sample
    /// network. Gestures the user makes are logged with [`Store::log_at`],
    /// which also applies what they mean for triage.
    pub fn append(&self, entries: &[Entry]) -> Result<(), StoreError> {
        let _lock = WriteLock::acquire(&self.dir)?;
        history_log::append(&self.path(HISTORY), entries)
    }
}
