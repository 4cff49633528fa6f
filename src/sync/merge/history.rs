//! `history.jsonl` merged: every entry either side logged, once.

use super::outcome::{MergeError, Merged, Names, side};
use crate::domain::Entry;
use crate::format::history;
use rustc_hash::FxHashSet;
use std::path::Path;

/// The union of both logs by entry id. What both hold keeps this side's
/// order; what only one holds follows, by time (this side's first at
/// equal times). A last line cut off in either is left out, a whole one
/// missing only its newline kept, as the next append would. The base is
/// not needed: entries are only ever added.
pub fn merge(
    path: &Path,
    _base: Option<&str>,
    ours: &str,
    theirs: &str,
    names: Names,
) -> Result<Merged, MergeError> {
    let ours_entries = side(names.ours, history::parse_settled(path, ours))?;
    let theirs_entries = side(names.theirs, history::parse_settled(path, theirs))?;
    let (entries, added) = union(ours_entries, theirs_entries);
    let text = if entries.is_empty() && ours.trim().is_empty() && theirs.trim().is_empty() {
        String::new()
    } else {
        history::render(&entries)
    };
    Ok(Merged {
        text,
        added,
        changed: 0,
        removed: 0,
        noted: Vec::new(),
    })
}

/// How many entries `new` holds that `old` does not (see
/// [`super::changes`]).
pub fn changes(path: &Path, old: &str, new: &str) -> Result<usize, crate::store::StoreError> {
    let old = history::parse_settled(path, old)?;
    let new = history::parse_settled(path, new)?;
    let known: FxHashSet<&str> = old.iter().map(Entry::id).collect();
    Ok(new.iter().filter(|e| !known.contains(e.id())).count())
}

/// Both logs as one (see [`merge`]), and how many entries came from
/// `theirs` alone.
pub fn union(ours: Vec<Entry>, theirs: Vec<Entry>) -> (Vec<Entry>, usize) {
    let in_theirs: FxHashSet<&str> = theirs.iter().map(Entry::id).collect();
    // The run both logs share, from the start.
    let shared = ours
        .iter()
        .take_while(|e| in_theirs.contains(e.id()))
        .count();
    let in_ours: FxHashSet<String> = ours.iter().map(|e| e.id().to_owned()).collect();
    drop(in_theirs);
    let mut ours = ours;
    let mut rest = ours.split_off(shared);
    let added_before = rest.len();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    rest.extend(
        theirs
            .into_iter()
            .filter(|e| !in_ours.contains(e.id()) && seen.insert(e.id().to_owned())),
    );
    let added = rest.len() - added_before;
    // Stable: this side's first at equal times.
    rest.sort_by_key(|e| e.at);
    ours.append(&mut rest);
    (ours, added)
}
