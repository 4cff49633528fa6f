//! `u` and `Ctrl-R`: undo and redo the changes made since netwerk
//! started (this session's, see [`crate::store::Scope`]), through the
//! worker like any save. What may be undone, and when it is refused, is
//! the store's to decide (`store/undo.rs`).

use super::app::{App, Then};
use super::save::SaveError;
use super::worker::{Done, Work};
use crate::store::{Scope, Store, Undo, UndoError};
use chrono::{DateTime, FixedOffset};

impl App {
    /// `u` (or with `redo`, `Ctrl-R`): queues the undo; the status line
    /// says what was undone, or why not.
    pub fn undo(&mut self, redo: bool) {
        self.enqueue(Work::Undo { redo }, Then::Report);
    }
}

/// Runs an undo or redo on the worker, on `base` as the UI has it.
pub fn run(
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
