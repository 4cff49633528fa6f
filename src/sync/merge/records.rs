//! The records of one table file, merged by id.

use super::fields;
use super::outcome::Noted;
use crate::format::tables::TableRecord;
use rustc_hash::{FxHashMap, FxHashSet};

/// What a merge made of a table: the records, and how they differ from
/// this side's.
pub struct Outcome<T> {
    /// The merged records, this side's first in their order.
    pub records: Vec<T>,
    /// Records this side did not have.
    pub added: usize,
    /// Records this side had, changed.
    pub changed: usize,
    /// Records this side had, gone.
    pub removed: usize,
    /// Records the merge left a note on, with those notes.
    pub noted: Vec<Noted>,
}

/// Merges `ours` and `theirs` by id against `base` (`None`: no common
/// version, as for a Syncthing copy — a record only one side has is kept,
/// and fields that differ are noted). `other` names the other side in
/// notes.
///
/// A record changed on one side takes the change; changed on both, it is
/// merged field by field ([`fields::merge`]). A record deleted on one side
/// goes if the other left it as it was, and stays, with a note, if the
/// other changed it. Two records that end up sharing a key the file
/// keeps unique (an item's address, added on both sides) become one.
pub fn merge<T: TableRecord>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: Vec<T>,
    other: &str,
) -> Outcome<T> {
    let base: Option<FxHashMap<&str, &T>> = base.map(|b| b.iter().map(|r| (r.id(), r)).collect());
    let mut theirs: FxHashMap<String, T> =
        theirs.into_iter().map(|r| (r.id().to_owned(), r)).collect();
    let mut out = Outcome {
        records: Vec::with_capacity(ours.len() + theirs.len()),
        added: 0,
        changed: 0,
        removed: 0,
        noted: Vec::new(),
    };
    let was = |id: &str| base.as_ref().and_then(|b| b.get(id).copied());
    for o in ours {
        let b = was(o.id());
        let (record, notes) = match theirs.remove(o.id()) {
            Some(t) if t == *o => (t, Vec::new()),
            Some(t) if b == Some(o) => (t, Vec::new()),
            Some(t) if b == Some(&t) => (o.clone(), Vec::new()),
            Some(t) => fields::merge(b, o, &t, other),
            // Not there: new here, or deleted there.
            None => match b {
                None => (o.clone(), Vec::new()),
                Some(b) if b == o => {
                    out.removed += 1;
                    continue;
                }
                Some(_) => noted(
                    o.clone(),
                    format!("{other} had deleted it; kept with the changes made here"),
                ),
            },
        };
        if record != *o {
            out.changed += 1;
        }
        out.push(record, notes);
    }
    // Those this side does not have, in id order so the result never
    // depends on a hash.
    let mut rest: Vec<T> = theirs.into_values().collect();
    rest.sort_by(|a, b| a.id().cmp(b.id()));
    for t in rest {
        let (record, notes) = match was(t.id()) {
            None => (t, Vec::new()),
            Some(b) if *b == t => continue,
            Some(_) => noted(
                t,
                format!("deleted here; kept with the changes {other} made"),
            ),
        };
        out.added += 1;
        out.push(record, notes);
    }
    let ours_ids: FxHashSet<&str> = ours.iter().map(T::id).collect();
    join_duplicates(&mut out, &ours_ids, other);
    out
}

impl<T: TableRecord> Outcome<T> {
    fn push(&mut self, record: T, notes: Vec<String>) {
        if !notes.is_empty() {
            self.noted.push(Noted::of(&record, notes));
        }
        self.records.push(record);
    }
}

/// `record` with `note` added.
fn noted<T: TableRecord>(mut record: T, note: String) -> (T, Vec<String>) {
    if !record.conflicts().contains(&note) {
        record.conflicts_mut().push(note.clone());
    }
    (record, vec![note])
}

/// Makes one record of any two that share a [`TableRecord::unique_key`]:
/// the one this side had (else the lower id) stays, the other is merged
/// into it with no base, and a note says so.
fn join_duplicates<T: TableRecord>(out: &mut Outcome<T>, ours: &FxHashSet<&str>, other: &str) {
    let mut first: FxHashMap<String, usize> = FxHashMap::default();
    let mut gone: Vec<usize> = Vec::new();
    for i in 0..out.records.len() {
        let Some(key) = out.records[i].unique_key().map(str::to_owned) else {
            continue;
        };
        let Some(&k) = first.get(&key) else {
            first.insert(key, i);
            continue;
        };
        // Keep the one this side had, else the lower id.
        let (keep, drop) = {
            let (a, b) = (&out.records[k], &out.records[i]);
            let a_first = ours.contains(a.id()) || (!ours.contains(b.id()) && a.id() <= b.id());
            if a_first { (k, i) } else { (i, k) }
        };
        let dropped = out.records[drop].clone();
        let label = format!("{} {} of {other}", T::KEY, dropped.id());
        let (mut joined, fresh) = fields::merge(None, &out.records[keep], &dropped, &label);
        let note = format!(
            "{} {} \"{}\" from {other} shares {key} with this one; merged into it",
            T::KEY,
            dropped.id(),
            dropped.label()
        );
        joined.conflicts_mut().push(note.clone());
        // One entry for the joined record, with every note either had.
        let mut notes: Vec<String> = Vec::new();
        out.noted.retain(|n| {
            let mine = n.id == dropped.id() || n.id == joined.id();
            if mine {
                notes.extend(n.notes.iter().cloned());
            }
            !mine
        });
        notes.extend(fresh);
        notes.push(note);
        out.noted.push(Noted::of(&joined, notes));
        out.records[keep] = joined;
        gone.push(drop);
        first.insert(key, keep);
        out.added = out.added.saturating_sub(1);
    }
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        out.records.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Contact, ContactId, Item, ItemId};
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
    }

    fn person(id: &str, name: &str) -> Contact {
        let mut c = Contact::new(name, day()).unwrap();
        c.id = ContactId(id.into());
        c
    }

    #[test]
    fn deletions_win_over_untouched_records_only() {
        let base = vec![person("a", "Ada"), person("b", "Bob")];
        // Here: Ada deleted, Bob untouched. There: Ada edited, Bob deleted.
        let ours = vec![person("b", "Bob")];
        let mut ada = person("a", "Ada");
        ada.role = Some("Poet".into());
        let theirs = vec![ada];
        let out = merge(Some(&base), &ours, theirs, "the other side");
        assert_eq!(out.records.len(), 1);
        assert_eq!(out.records[0].role.as_deref(), Some("Poet"));
        assert_eq!(
            out.records[0].conflicts,
            ["deleted here; kept with the changes the other side made"]
        );
        assert_eq!((out.added, out.removed), (1, 1));
        assert_eq!(out.noted.len(), 1);
    }

    #[test]
    fn items_added_on_both_sides_with_one_address_become_one() {
        let mut a = Item::new("https://example.com/x", Some("X"), day()).unwrap();
        a.id = ItemId("i1".into());
        a.topics = vec!["rust".into()];
        let mut b = a.clone();
        b.id = ItemId("i2".into());
        b.topics = vec!["sailing".into()];
        let out = merge(Some(&[]), &[a], vec![b], "the other side");
        assert_eq!(out.records.len(), 1);
        let kept = &out.records[0];
        assert_eq!(kept.id.as_str(), "i1");
        assert_eq!(kept.topics, ["rust", "sailing"]);
        assert_eq!(
            kept.conflicts,
            [
                r#"item i2 "X" from the other side shares https://example.com/x with this one; merged into it"#
            ]
        );
    }
}
