//! Merging parsed records into a network: which records are new, which
//! update a contact or item already there, which change nothing, and which
//! are left out and why.
//!
//! Pure functions on a [`Network`](crate::domain::Network): the import
//! command runs them inside one `Store::modify` (or on a copy, for
//! `--dry-run`), so an import is written whole or not at all.
//!
//! Merge rules, by source:
//!
//! - **LinkedIn** rows are keyed on the profile URL ([`link_key`]). A new
//!   row becomes a 1st-degree contact in state `untriaged`; a known one gets
//!   the export's company and role (an empty cell is not taken to mean the
//!   job ended: exports hide fields), and only fills an empty e-mail and
//!   connection date. Name, interests, notes, cadence, state and history
//!   are never touched. A row without a URL is matched by e-mail, else by
//!   exact name among contacts without a LinkedIn link, so re-importing it
//!   still changes nothing.
//! - **vCard** cards are matched on any e-mail (without case) or social
//!   profile link, never on a plain web site (colleagues share those); a
//!   card with neither (a name and a phone number) is matched by exact
//!   name, so re-importing an address book adds nobody twice. A match only
//!   fills what is empty and adds links and interests it lacks;
//!   notes are taken only when the contact has none. A contact holds one
//!   e-mail: the card's preferred one is kept and the others are used for
//!   matching only, not pasted into notes, which belong to the user.
//! - **Queue** items (URL lists, Pocket) are keyed on the normalised URL;
//!   one already in the queue is left as it is.
//!
//! Values that fail the rules the forms enforce (a name over 200
//! characters, say) skip their record with the reason; e-mails and links
//! that are not valid are dropped, since the record is still useful
//! without them.

mod contacts;
mod fields;
mod items;
mod keys;
#[cfg(test)]
mod tests;

pub use contacts::{linkedin, vcard, vdir};
pub use items::{queue, queue_as};
pub use keys::{email_key, link_key};

use serde::Serialize;

use super::records::Skipped;

/// What happened to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// 1-based line of the record in the imported file.
    pub line: usize,
    /// The contact or item it became or matched.
    pub id: String,
    /// The contact's name or the item's title, as stored.
    pub name: String,
    /// For updates, each change in words (`company Foo → Bar`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// The result of one import, each list in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Records that became new contacts or items.
    pub added: Vec<Outcome>,
    /// Records that changed a contact already there.
    pub updated: Vec<Outcome>,
    /// Records that matched and changed nothing.
    pub unchanged: Vec<Outcome>,
    /// Records left out, from the parser and from merging.
    pub skipped: Vec<Skipped>,
    /// Job changes seen: a `moment` entry for each contact whose company
    /// or role changed (filled in by the import command, which knows
    /// the time).
    #[serde(skip)]
    pub moments: Vec<crate::domain::Entry>,
}

impl Report {
    /// A report starting from the records the parser already left out.
    fn new(skipped: &[Skipped]) -> Self {
        Report {
            skipped: skipped.to_vec(),
            ..Report::default()
        }
    }

    fn skip(&mut self, line: usize, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            line,
            reason: reason.into(),
        });
    }

    /// Puts every list in line order: parser skips and merge skips arrive
    /// separately, and the output must not depend on which came first.
    fn finish(mut self) -> Self {
        self.skipped.sort_by_key(|s| s.line);
        self.updated.sort_by_key(|o| o.line);
        self
    }

    /// `Added 412, updated 3, unchanged 95, skipped 2`.
    pub fn headline(&self) -> String {
        format!(
            "Added {}, updated {}, unchanged {}, skipped {}",
            self.added.len(),
            self.updated.len(),
            self.unchanged.len(),
            self.skipped.len()
        )
    }

    /// Whether the import changes nothing at all.
    pub fn changes_nothing(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }
}
