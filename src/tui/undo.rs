//! `u` and `Ctrl-R`: undo and redo the changes made since netwerk
//! started (this session's, see [`crate::store::Scope`]), through the
//! worker like any save. What may be undone, and when it is refused, is
//! the store's to decide (`store/undo.rs`).

use super::app::{App, Then};
use super::work::Work;

impl App {
    /// `u` (or with `redo`, `Ctrl-R`): queues the undo; the status line
    /// says what was undone, or why not.
    pub fn undo(&mut self, redo: bool) {
        self.enqueue(Work::Undo { redo }, Then::Report);
    }
}
