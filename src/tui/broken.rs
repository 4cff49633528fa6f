//! A data file changed on disk that no longer parses (a slip in another
//! editor, a merge conflict from `git pull`): the last good copy stays on
//! screen, read-only, and every save is refused until the file reads
//! again. One piece of state ([`App::broken`]), set from the worker's
//! reads, checked in [`App::save_refused`], drawn by `view::panes`.

use super::app::App;
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
                if message == crate::store::markers::REFUSAL =>
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

impl App {
    /// Takes what a read of the files found: an error makes the data
    /// read-only, a clean read ends that. Said on the status line when it
    /// changes, if `announce`.
    pub(super) fn set_broken(&mut self, unreadable: Option<StoreError>, announce: bool) {
        let was = self.broken.take();
        self.broken = unreadable.map(Broken);
        if !announce {
            return;
        }
        match (&was, &self.broken) {
            (_, Some(now)) if was.as_ref().map(Broken::detail) != Some(now.detail()) => {
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
