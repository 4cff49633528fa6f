//! One record changed on two sides, merged field by field. The record is
//! looked at as the TOML table its file holds, so every kind of record
//! merges alike and a new field needs no code here.

use crate::format::tables::TableRecord;
use toml::{Table, Value};

/// The key of the notes a merge leaves on a record.
const CONFLICTS: &str = "conflicts";

/// `ours` and `theirs`, two versions of one record, merged against
/// `base`, the version both started from (`None` when there is none: a
/// Syncthing copy, or a record both sides added). Returns the record and
/// the notes it gained.
///
/// A field changed on one side only takes that change. A list (interests,
/// topics, links) takes what either side added and loses what either
/// removed, with no note. Any other field changed two ways keeps this
/// side's value (the other's if this side has none) and notes the other
/// value on the record, naming `other`; [`TableRecord::quiet`] fields keep
/// it without a note. `id` is always this side's.
pub fn merge<T: TableRecord>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    other: &str,
) -> (T, Vec<String>) {
    let (Some(o), Some(t)) = (table(ours), table(theirs)) else {
        return unmergeable(ours, theirs, other);
    };
    let b = base.and_then(table);
    let mut out = Table::new();
    let mut notes = Vec::new();
    let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
    for key in keys {
        if key == CONFLICTS {
            continue;
        }
        if key == "id" {
            if let Some(id) = o.get(key) {
                out.insert(key.clone(), id.clone());
            }
            continue;
        }
        let (ov, tv) = (o.get(key), t.get(key));
        let bv = b.as_ref().map(|b| b.get(key));
        let value = if ov == tv {
            ov.cloned()
        } else if bv == Some(ov) {
            tv.cloned()
        } else if bv == Some(tv) {
            ov.cloned()
        } else if let Some(lists) = lists(bv.flatten(), ov, tv) {
            let merged = merge_lists(lists, b.is_some());
            (!merged.is_empty()).then_some(Value::Array(merged))
        } else {
            // With no base, a value only this side has loses nothing.
            let nothing_lost = b.is_none() && tv.is_none();
            if !T::quiet(key) && !nothing_lost {
                notes.push(note(key, ov, tv, other));
            }
            ov.or(tv).cloned()
        };
        if let Some(v) = value {
            out.insert(key.clone(), v);
        }
    }
    let empty = Value::Array(Vec::new());
    let list_of = |t: &Table| t.get(CONFLICTS).cloned().unwrap_or_else(|| empty.clone());
    let (bc, oc, tc) = (b.as_ref().map(list_of), list_of(&o), list_of(&t));
    let mut conflicts = lists(bc.as_ref(), Some(&oc), Some(&tc))
        .map(|l| merge_lists(l, b.is_some()))
        .unwrap_or_default();
    for n in &notes {
        let n = Value::String(n.clone());
        if !conflicts.contains(&n) {
            conflicts.push(n);
        }
    }
    if !conflicts.is_empty() {
        out.insert(CONFLICTS.into(), Value::Array(conflicts));
    }
    match Value::Table(out).try_into::<T>() {
        Ok(record) => (record, notes),
        Err(_) => unmergeable(ours, theirs, other),
    }
}

/// Two versions that cannot be merged field by field (never seen: both
/// are records of the same type): this side's record, the other's
/// written whole into a note, so nothing is lost.
fn unmergeable<T: TableRecord>(ours: &T, theirs: &T, other: &str) -> (T, Vec<String>) {
    let whole = toml::to_string(theirs).unwrap_or_default();
    let note = format!(
        "kept this record as it was here; {other} had: {}",
        whole.trim()
    );
    let mut record = ours.clone();
    record.conflicts_mut().push(note.clone());
    (record, vec![note])
}

/// The record as the TOML table its file holds.
fn table<T: TableRecord>(record: &T) -> Option<Table> {
    match Value::try_from(record).ok()? {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// The three versions of a field as lists, when it is one: every present
/// value an array, an absent one empty (a list with nothing in it is not
/// written).
fn lists<'a>(
    base: Option<&'a Value>,
    ours: Option<&'a Value>,
    theirs: Option<&'a Value>,
) -> Option<[&'a [Value]; 3]> {
    let present = [base, ours, theirs];
    if !present.iter().flatten().all(|v| v.is_array()) || (ours.is_none() && theirs.is_none()) {
        return None;
    }
    let of = |v: Option<&'a Value>| v.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    Some([of(base), of(ours), of(theirs)])
}

/// `ours` without what `theirs` removed, then what `theirs` added; with
/// no base to tell removals by (`three_way` false), the union.
fn merge_lists([base, ours, theirs]: [&[Value]; 3], three_way: bool) -> Vec<Value> {
    let removed_by = |side: &[Value], v: &Value| three_way && base.contains(v) && !side.contains(v);
    let mut out: Vec<Value> = ours
        .iter()
        .filter(|v| !removed_by(theirs, v))
        .cloned()
        .collect();
    for v in theirs {
        if !out.contains(v) && !removed_by(ours, v) {
            out.push(v.clone());
        }
    }
    out
}

/// The note for `key`, changed two ways: which value stayed and what
/// `other` had.
fn note(key: &str, ours: Option<&Value>, theirs: Option<&Value>, other: &str) -> String {
    match (ours, theirs) {
        (Some(o), Some(t)) => format!("{key}: kept {}; {other} had {}", shown(o), shown(t)),
        (Some(o), None) => format!("{key}: kept {}; {other} had none", shown(o)),
        (None, Some(t)) => format!("{key}: took {} from {other}; here it had none", shown(t)),
        (None, None) => format!("{key}: changed two ways"),
    }
}

/// A value as its file writes it inline: strings quoted and escaped.
fn shown(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Contact;
    use chrono::NaiveDate;

    fn ada() -> Contact {
        let mut c =
            Contact::new("Ada Lovelace", NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()).unwrap();
        c.id = crate::domain::ContactId("ada".into());
        c.interests = vec!["rust".into(), "poetry".into()];
        c
    }

    #[test]
    fn different_fields_merge_without_a_note() {
        let base = ada();
        let mut ours = ada();
        ours.company = Some("Initech".into());
        let mut theirs = ada();
        theirs.role = Some("Engineer".into());
        let (merged, notes) = merge(Some(&base), &ours, &theirs, "the other side");
        assert_eq!(merged.company.as_deref(), Some("Initech"));
        assert_eq!(merged.role.as_deref(), Some("Engineer"));
        assert!(notes.is_empty() && merged.conflicts.is_empty());
    }

    #[test]
    fn the_same_field_changed_two_ways_keeps_ours_and_notes_theirs() {
        let base = ada();
        let mut ours = ada();
        ours.company = Some("Initech".into());
        let mut theirs = ada();
        theirs.company = Some("Globex".into());
        let (merged, notes) = merge(Some(&base), &ours, &theirs, "the other side");
        assert_eq!(merged.company.as_deref(), Some("Initech"));
        let note = r#"company: kept "Initech"; the other side had "Globex""#;
        assert_eq!(notes, [note]);
        assert_eq!(merged.conflicts, [note]);
    }

    #[test]
    fn lists_take_additions_and_removals_from_both_sides() {
        let base = ada();
        let mut ours = ada();
        ours.interests = vec!["rust".into(), "sailing".into()];
        let mut theirs = ada();
        theirs.interests = vec!["poetry".into(), "rust".into(), "chess".into()];
        let (merged, notes) = merge(Some(&base), &ours, &theirs, "x");
        assert_eq!(merged.interests, ["rust", "sailing", "chess"]);
        assert!(notes.is_empty());
    }

    #[test]
    fn a_value_only_one_side_has_is_kept_when_there_is_no_base() {
        let ours = ada();
        let mut theirs = ada();
        theirs.email = Some("ada@example.com".into());
        let (merged, notes) = merge(None, &ours, &theirs, "the copy");
        assert_eq!(merged.email.as_deref(), Some("ada@example.com"));
        assert_eq!(
            notes,
            [r#"email: took "ada@example.com" from the copy; here it had none"#]
        );
    }
}
