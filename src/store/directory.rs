//! `Store`, the handle on a data directory: opening it (checking every data
//! file's path first), where its files are, and a cheap look at them.
//! Reading and changing are in `load.rs`, `save.rs`, `small.rs` and `undo.rs`.

use super::files::{FEEDS, FILES, INBOX};
use super::lock;
use crate::disk::error::StoreError;
use crate::disk::{atomic, safe_path};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
}
