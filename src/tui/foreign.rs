//! What other sync tools and merges leave behind — Syncthing's and
//! Dropbox's conflict copies beside the data files, notes a merge left
//! on records — said on the status line when the program starts and
//! whenever the files change under it, so it is never missed. Resolving
//! is the command line's (`netwerk resolve`).

use super::app::App;
use crate::sync::foreign::{Foreign, ForeignKind};

impl App {
    /// Says on the status line what there is to resolve, if anything.
    pub(super) fn report_foreign(&mut self) {
        if let Some(text) = copies_message(&crate::sync::foreign::conflict_copies(self.store())) {
            self.error(text);
            return;
        }
        let noted = self
            .model
            .net
            .contacts
            .iter()
            .filter(|c| !c.conflicts.is_empty())
            .count()
            + self
                .model
                .net
                .items
                .iter()
                .filter(|i| !i.conflicts.is_empty())
                .count();
        if noted > 0 {
            self.info(format!(
                "{} notes a sync merge left: netwerk doctor lists them",
                crate::text::count(noted, "record holds", "records hold")
            ));
        }
    }
}

/// "Syncthing conflict copy of contacts.toml found: run netwerk resolve".
fn copies_message(copies: &[Foreign]) -> Option<String> {
    let who = |f: &Foreign| match f.kind {
        ForeignKind::Syncthing => "Syncthing",
        ForeignKind::Dropbox => "Dropbox",
        ForeignKind::Markers(_) => "git",
    };
    match copies {
        [] => None,
        [one] => Some(format!(
            "{} conflict copy of {} found: run netwerk resolve",
            who(one),
            one.file
        )),
        many => Some(format!(
            "{} conflict copies of the data files found: run netwerk resolve",
            many.len()
        )),
    }
}
