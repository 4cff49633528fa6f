//! A data file changed on disk that no longer parses (a slip in another
//! editor, a merge conflict from `git pull`): the last good copy stays on
//! screen, read-only, and every save is refused until the file reads
//! again. One piece of state (`App::broken`), set from the worker's
//! reads (`app/replies.rs`), checked before every save, drawn by
//! `pane/frame.rs`.

use super::pane::Pane;
use crate::store::{CONTACTS, HISTORY, QUEUE, StoreError};
use std::path::Path;

/// Why the files on disk could not be read back.
#[derive(Debug)]
pub struct Broken(pub StoreError);

impl Broken {
    /// The file the error names, if it names one.
    pub fn path(&self) -> Option<&Path> {
        match &self.0 {
            StoreError::Parse { path, .. }
            | StoreError::Invalid { path, .. }
            | StoreError::Version { path, .. }
            | StoreError::Io { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The pane whose list comes from that file: where the error is shown.
    pub fn pane(&self) -> Pane {
        match self.file_name() {
            QUEUE => Pane::Queue,
            HISTORY => Pane::History,
            _ => Pane::Contacts,
        }
    }

    /// The file's name, e.g. `contacts.toml`.
    pub fn file_name(&self) -> &str {
        self.path()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap_or(CONTACTS)
    }

    /// "has an error at line 6" or "cannot be read".
    pub fn what(&self) -> String {
        match &self.0 {
            StoreError::Parse { line, message, .. }
                if message == crate::format::markers::REFUSAL =>
            {
                format!("has git conflict markers from line {line} (netwerk resolve merges them)")
            }
            StoreError::Parse { line, .. }
            | StoreError::Invalid { line, .. }
            | StoreError::Version { line, .. } => format!("has an error at line {line}"),
            _ => "cannot be read".into(),
        }
    }

    /// "queue.toml has an error at line 6; read-only until it is fixed":
    /// said when it happens, and on the status line while it lasts.
    pub fn summary(&self) -> String {
        format!(
            "{} {}; read-only until it is fixed",
            self.file_name(),
            self.what()
        )
    }

    /// The whole error as the command line reports it:
    /// `path:line:col: what is wrong`.
    pub fn detail(&self) -> String {
        self.0.to_string()
    }
}
