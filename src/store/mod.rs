//! The data directory: three files, written safely.
//!
//! - `contacts.toml` and `queue.toml` are the hand-editable source of
//!   truth, rewritten atomically under the writer lock after re-reading
//!   them, so concurrent writers never lose each other's changes;
//! - `history.jsonl` is append-only.
//!
//! The store knows nothing of the screen.

pub mod atomic;
pub mod error;
pub mod history_log;
pub mod lock;
pub mod paths;
pub mod tables;

use crate::domain::{Entry, Network};
pub use error::StoreError;
use lock::WriteLock;
use std::path::{Path, PathBuf};

/// File holding the contacts.
pub const CONTACTS: &str = "contacts.toml";
/// File holding the content queue.
pub const QUEUE: &str = "queue.toml";
/// File holding the history log.
pub const HISTORY: &str = "history.jsonl";

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

fn read_optional(path: &Path) -> Result<String, StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let (line, col) = error::line_col(&text, offset);
            StoreError::Parse {
                path: path.to_path_buf(),
                line,
                col,
                message: "the file is not valid UTF-8".into(),
            }
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

impl Store {
    /// Opens (creating if needed, owner-only) the data directory.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        atomic::ensure_private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        Ok(Self {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of one of the data files.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// Loads contacts and queue; `history` is left empty.
    pub fn load_tables(&self) -> Result<Network, StoreError> {
        let contacts_path = self.path(CONTACTS);
        let queue_path = self.path(QUEUE);
        let contacts = tables::parse_contacts(&contacts_path, &read_optional(&contacts_path)?)?;
        let items = tables::parse_items(&queue_path, &read_optional(&queue_path)?)?;
        Ok(Network {
            contacts,
            items,
            history: Vec::new(),
        })
    }

    /// Loads the history log.
    pub fn load_history(&self) -> Result<Vec<Entry>, StoreError> {
        let path = self.path(HISTORY);
        history_log::parse(&path, &read_optional(&path)?)
    }

    /// Loads everything.
    pub fn load(&self) -> Result<Network, StoreError> {
        let mut network = self.load_tables()?;
        network.history = self.load_history()?;
        Ok(network)
    }

    /// Changes contacts and/or queue safely: takes the writer lock, reads
    /// the files fresh (so changes another process saved a moment ago are
    /// the starting point), lets `change` edit them, and atomically
    /// rewrites each file whose content changed. If `change` fails nothing
    /// is written. `history` is not loaded here; append entries with
    /// [`Store::append`].
    pub fn modify<R, E>(&self, change: impl FnOnce(&mut Network) -> Result<R, E>) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        let _lock = WriteLock::acquire(&self.dir)?;
        let contacts_path = self.path(CONTACTS);
        let queue_path = self.path(QUEUE);
        let contacts_text = read_optional(&contacts_path)?;
        let queue_text = read_optional(&queue_path)?;
        let mut network = Network {
            contacts: tables::parse_contacts(&contacts_path, &contacts_text)?,
            items: tables::parse_items(&queue_path, &queue_text)?,
            history: Vec::new(),
        };
        let result = change(&mut network)?;
        let contacts_new = tables::render_contacts(&network.contacts);
        if contacts_new != contacts_text {
            atomic::write_atomic(&contacts_path, contacts_new.as_bytes())
                .map_err(|e| StoreError::io(&contacts_path, e))?;
        }
        let queue_new = tables::render_items(&network.items);
        if queue_new != queue_text {
            atomic::write_atomic(&queue_path, queue_new.as_bytes())
                .map_err(|e| StoreError::io(&queue_path, e))?;
        }
        Ok(result)
    }

    /// Appends entries to the history log, durably, under the writer lock.
    pub fn append(&self, entries: &[Entry]) -> Result<(), StoreError> {
        let _lock = WriteLock::acquire(&self.dir)?;
        history_log::append(&self.path(HISTORY), entries)
    }
}
