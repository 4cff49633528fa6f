//! What `void` records take back. The history is only ever appended to,
//! so undoing a logged share or touch appends a `void` record naming it,
//! and redoing appends a void naming that void. This is the one rule for
//! which entries count; the store applies it where it loads the history
//! for everything else (summaries, due-ness, stats, lists), so no one
//! else sees void records or what they take back.

use super::history::{Entry, EntryKind};
use rustc_hash::FxHashSet;

/// Whether any entry is a void record.
pub fn any(entries: &[Entry]) -> bool {
    entries.iter().any(|e| e.kind == EntryKind::Void)
}

/// The ids of the entries taken back: each entry named by a void record
/// that is not itself taken back. Read from the newest line back, so a
/// void of a void gives its entry back; a void names an entry logged
/// before it (one naming a later line, or nothing known, takes nothing).
pub fn taken_back(entries: &[Entry]) -> FxHashSet<&str> {
    let mut dead = FxHashSet::default();
    if !any(entries) {
        return dead;
    }
    for e in entries.iter().rev() {
        if dead.contains(e.id()) {
            continue;
        }
        if e.kind == EntryKind::Void
            && let Some(target) = e.voids()
        {
            dead.insert(target);
        }
    }
    dead
}

/// The entries that count: `entries` without void records and without
/// what they take back, in their order. Free when there is no void.
pub fn live(mut entries: Vec<Entry>) -> Vec<Entry> {
    if !any(&entries) {
        return entries;
    }
    let dead: FxHashSet<String> = taken_back(&entries)
        .into_iter()
        .map(str::to_owned)
        .collect();
    entries.retain(|e| e.kind != EntryKind::Void && !dead.contains(e.id()));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testnet::now;
    use crate::domain::{Contact, EntryKind};

    fn touch(ada: &Contact, note: &str) -> Entry {
        Entry::logged(ada, EntryKind::Touch, now(), note)
    }

    fn notes(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(Entry::note).collect()
    }

    #[test]
    fn a_void_takes_its_entry_back_and_a_void_of_it_gives_it_back() {
        let ada = Contact::new("Ada", now().date_naive()).unwrap();
        let (a, b) = (touch(&ada, "a"), touch(&ada, "b"));
        let undo = Entry::void(&a, now());
        assert_eq!(undo.contact(), ada.id.as_str());
        assert_eq!(undo.voids(), Some(a.id()));
        let log = vec![a.clone(), b.clone(), undo.clone()];
        assert_eq!(notes(&live(log.clone())), ["b"]);
        assert_eq!(taken_back(&log).into_iter().collect::<Vec<_>>(), [a.id()]);
        let redo = Entry::void(&undo, now());
        let mut log = log;
        log.push(redo.clone());
        assert_eq!(notes(&live(log.clone())), ["a", "b"]);
        // Undone again: a void of the redo takes it back once more.
        log.push(Entry::void(&redo, now()));
        assert_eq!(notes(&live(log)), ["b"]);
    }

    #[test]
    fn without_voids_nothing_is_copied_or_dropped() {
        let ada = Contact::new("Ada", now().date_naive()).unwrap();
        let log = vec![touch(&ada, "a"), touch(&ada, "b")];
        assert!(taken_back(&log).is_empty());
        assert_eq!(live(log.clone()), log);
    }
}
