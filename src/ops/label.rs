//! What the undo journal calls each change ("deleted Ada Lovelace"), once
//! for both front ends: `netwerk undo` and `u` then say the same thing
//! whichever of them made it.

use crate::domain::merge::Merged;
use crate::domain::{Contact, Decision, EntryKind, Item};
use crate::text::count;

/// A contact added.
pub fn contact_added(c: &Contact) -> String {
    format!("added {}", c.name)
}

/// A contact edited.
pub fn contact_edited(c: &Contact) -> String {
    format!("edited {}", c.name)
}

/// A contact deleted (their history stays).
pub fn contact_deleted(c: &Contact) -> String {
    format!("deleted {}", c.name)
}

/// Interests added to a contact.
pub fn interests_added(c: &Contact, labels: &[String]) -> String {
    format!("added {} to {}", labels.join(", "), c.name)
}

/// Interests removed from a contact.
pub fn interests_removed(c: &Contact, labels: &[String]) -> String {
    format!("removed {} from {}", labels.join(", "), c.name)
}

/// An item queued.
pub fn item_queued(i: &Item) -> String {
    format!("queued {}", i.title)
}

/// An item edited.
pub fn item_edited(i: &Item) -> String {
    format!("edited {}", i.title)
}

/// An item archived, or brought back (as it now is).
pub fn item_archived(i: &Item) -> String {
    match i.archived {
        true => format!("archived {}", i.title),
        false => format!("brought {} back to the queue", i.title),
    }
}

/// An item deleted.
pub fn item_deleted(i: &Item) -> String {
    format!("deleted {}", i.title)
}

/// A touch or ask logged.
pub fn logged(kind: EntryKind, c: &Contact) -> String {
    format!("logged {kind} with {}", c.name)
}

/// An item shared (its entry logged).
pub fn shared(i: &Item, c: &Contact) -> String {
    format!("shared {} with {}", i.title, c.name)
}

/// Two records of one person merged.
pub fn merged(m: &Merged) -> String {
    format!("merged {} into {}", m.absorbed.name, m.survivor.name)
}

/// One triage decision, on the contact named.
pub fn triaged(decision: &Decision, name: &str) -> String {
    match decision {
        Decision::Keep { .. } => format!("kept {name}"),
        Decision::Dormant => format!("set {name} aside"),
    }
}

/// One decision for `n` contacts at once.
pub fn triaged_all(decision: &Decision, n: usize) -> String {
    triaged(decision, &count(n, "contact", "contacts"))
}

/// The contact named set aside as dormant (`aside`), or made active
/// again.
pub fn set_aside(name: &str, aside: bool) -> String {
    match aside {
        true => triaged(&Decision::Dormant, name),
        false => format!("made {name} active again"),
    }
}

/// A conflict copy (Syncthing, Dropbox) merged into its data file.
pub fn resolved(copy: &str) -> String {
    format!("merged in {copy}")
}

/// The notes a merge left on a record, cleared once settled.
pub fn settled(name: &str) -> String {
    format!("settled the merge notes on {name}")
}

/// An import: what it added and updated, from which file.
pub fn imported(file: &str, added: usize, updated: usize, nouns: (&str, &str)) -> String {
    let added = count(added, nouns.0, nouns.1).replacen(' ', " new ", 1);
    match updated {
        0 => format!("imported {added} from {file}"),
        n => format!("imported {added} from {file} ({n} updated)"),
    }
}

/// Two people asked whether they would like to meet.
pub fn intro_asked(a: &Contact, b: &Contact) -> String {
    format!("asked {} and {} about meeting", a.name, b.name)
}

/// An introduction moved on to a stage.
pub fn intro_moved(stage: crate::domain::Stage, a: &Contact, b: &Contact) -> String {
    format!(
        "marked the introduction of {} and {} {stage}",
        a.name, b.name
    )
}

/// A congratulation on a moment sent.
pub fn congratulated(c: &Contact) -> String {
    format!("congratulated {}", c.name)
}

/// A moment set aside.
pub fn moment_dismissed(name: &str) -> String {
    format!("dismissed the moment of {name}")
}

/// An ask marked answered.
pub fn ask_answered(name: &str) -> String {
    format!("marked the ask to {name} answered")
}
