//! Two or three copies of a data file, merged record by record: what the
//! git merge driver (`netwerk merge-driver`) does with the versions git
//! hands it, and what `netwerk resolve` does with the copies Syncthing and
//! Dropbox leave beside a file, or with a file git left conflict markers
//! in.
//!
//! Table files merge by record id ([`records::merge`]), a record changed
//! on both sides field by field ([`fields::merge`]); a field changed two
//! ways keeps this side's value and notes the other on the record
//! (`conflicts`), which `doctor` lists — never a conflict marker. The
//! history merges as a union by entry id. The text is what netwerk itself
//! writes (a file holding the user's comments is edited in place, as every
//! save does), so merging again, or saving, changes nothing.

mod fields;
mod history;
mod outcome;
pub mod records;

use outcome::side;
pub use outcome::{MergeError, Merged, Names, Noted};

use crate::domain::{Contact, Feed, Item, inbox};
use crate::format::keep;
use crate::format::tables::TableRecord;
use crate::store::{CONTACTS, FEEDS, HISTORY, INBOX, QUEUE, StoreError};
use std::path::Path;

/// A data file's merge of texts: path (for errors), base (`None`: none),
/// ours, theirs, names.
type TextMerge = fn(&Path, Option<&str>, &str, &str, Names) -> Result<Merged, MergeError>;

/// How many records differ between two texts of a data file.
type Changes = fn(&Path, &str, &str) -> Result<usize, StoreError>;

/// One data file, and how its copies merge.
struct Kind {
    file: &'static str,
    merge: TextMerge,
    changes: Changes,
    /// What its records are called: one, many.
    noun: (&'static str, &'static str),
}

/// Every data file: a new one is a line here, and its record type
/// implementing [`TableRecord`].
const FILES: [Kind; 5] = [
    Kind {
        file: CONTACTS,
        merge: table::<Contact>,
        changes: table_changes::<Contact>,
        noun: ("contact", "contacts"),
    },
    Kind {
        file: QUEUE,
        merge: table::<Item>,
        changes: table_changes::<Item>,
        noun: ("item", "items"),
    },
    Kind {
        file: FEEDS,
        merge: table::<Feed>,
        changes: table_changes::<Feed>,
        noun: ("feed", "feeds"),
    },
    Kind {
        file: INBOX,
        merge: table::<inbox::Entry>,
        changes: table_changes::<inbox::Entry>,
        noun: ("inbox entry", "inbox entries"),
    },
    Kind {
        file: HISTORY,
        merge: history::merge,
        changes: history::changes,
        noun: ("history entry", "history entries"),
    },
];

/// Every data file's name.
pub fn data_files() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|k| k.file)
}

/// The data file `path` names (`contacts.toml` …), if it is one.
pub fn data_file(path: &Path) -> Option<&'static str> {
    kind(path).map(|k| k.file)
}

fn kind(path: &Path) -> Option<&'static Kind> {
    let name = path.file_name()?.to_str()?;
    FILES.iter().find(|k| k.file == name)
}

/// What the records of the data file `path` are called, for `n` of them:
/// "1 contact", "3 history entries".
pub fn count(path: &Path, n: usize) -> String {
    let (one, many) = kind(path).map_or(("record", "records"), |k| k.noun);
    crate::text::count(n, one, many)
}

/// How many records (or history entries) differ between `old` and `new`,
/// two texts of the data file `path`: added, changed or removed.
pub fn changes(path: &Path, old: &str, new: &str) -> Result<usize, MergeError> {
    let kind = kind(path).ok_or_else(|| MergeError::Unknown(path.to_path_buf()))?;
    (kind.changes)(path, old, new).map_err(|error| MergeError::Side {
        side: "one of the versions".into(),
        error,
    })
}

/// The three-way merge of `ours` and `theirs`, both changed from `base`,
/// as the data file `path` (only its name counts) holds them.
pub fn three_way(
    path: &Path,
    base: &str,
    ours: &str,
    theirs: &str,
    names: Names,
) -> Result<Merged, MergeError> {
    let kind = kind(path).ok_or_else(|| MergeError::Unknown(path.to_path_buf()))?;
    (kind.merge)(path, Some(base), ours, theirs, names)
}

/// The merge of two copies with no common version: a record only one
/// has is kept; fields that differ keep `ours` and note the other.
pub fn two_way(path: &Path, ours: &str, theirs: &str, names: Names) -> Result<Merged, MergeError> {
    let kind = kind(path).ok_or_else(|| MergeError::Unknown(path.to_path_buf()))?;
    (kind.merge)(path, None, ours, theirs, names)
}

/// A table file's merge (see the module docs).
fn table<T: TableRecord>(
    path: &Path,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    names: Names,
) -> Result<Merged, MergeError> {
    let base = match base {
        Some(text) => Some(side("the common ancestor", T::parse(path, text))?),
        None => None,
    };
    let ours_records = side(names.ours, T::parse(path, ours))?;
    let theirs_records = side(names.theirs, T::parse(path, theirs))?;
    let out = records::merge(base.as_deref(), &ours_records, theirs_records, names.other);
    let text = table_text(path, ours, &ours_records, &out.records)?;
    Ok(Merged {
        text,
        added: out.added,
        changed: out.changed,
        removed: out.removed,
        noted: out.noted,
    })
}

/// See [`changes`].
fn table_changes<T: TableRecord>(path: &Path, old: &str, new: &str) -> Result<usize, StoreError> {
    let old = T::parse(path, old)?;
    let new = T::parse(path, new)?;
    let before: rustc_hash::FxHashMap<&str, &T> = old.iter().map(|r| (r.id(), r)).collect();
    let now: rustc_hash::FxHashSet<&str> = new.iter().map(T::id).collect();
    let changed = new.iter().filter(|r| before.get(r.id()) != Some(r)).count();
    let removed = old.iter().filter(|r| !now.contains(r.id())).count();
    Ok(changed + removed)
}

/// The text of a table file holding `records`: as netwerk writes it, or,
/// when this side's text holds the user's comments, that text edited in
/// place as a save would (see [`keep`]), read back to be sure.
fn table_text<T: TableRecord>(
    path: &Path,
    ours_text: &str,
    ours: &[T],
    records: &[T],
) -> Result<String, MergeError> {
    if !keep::has_comment(ours_text, T::HEADER) {
        let mut text = String::new();
        T::render_to(records.iter().collect(), &mut |piece| text.push_str(piece));
        return Ok(text);
    }
    let by_id: rustc_hash::FxHashMap<&str, &T> = records.iter().map(|r| (r.id(), r)).collect();
    let check = |text: String| -> Result<String, String> {
        let back = T::parse(path, &text).map_err(|e| format!("it would not read back: {e}"))?;
        let same =
            back.len() == records.len() && back.iter().all(|b| by_id.get(b.id()) == Some(&b));
        same.then_some(text)
            .ok_or_else(|| "it would read back differently".to_owned())
    };
    match keep::rewrite(ours_text, ours, records).map(check) {
        Some(Ok(text)) => Ok(text),
        _ => keep::rewrite_doc(ours_text, ours, records)
            .and_then(check)
            .map_err(|why| MergeError::Comments {
                path: path.to_path_buf(),
                why,
            }),
    }
}

#[cfg(test)]
mod tests;
