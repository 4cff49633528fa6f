//! What other programs leave in the data directory when two machines
//! change it at once: Syncthing's `*.sync-conflict-*` copies, Dropbox's
//! (and Nextcloud's) "conflicted copy" files, and conflict markers git
//! wrote into a data file. Found here, merged back by
//! [`resolve`] with the record-level merge of [`super::merge`], and
//! the notes merges leave on records listed and cleared.

use super::merge::{self, MergeError, Merged, Names, Noted, records};
use crate::disk::atomic;
use crate::domain::{Contact, Entry, Feed, Item, inbox};
use crate::format::markers;
use crate::format::tables::TableRecord;
use crate::store::{
    CONTACTS, FEEDS, HISTORY, INBOX, QUEUE, Store, StoreError, history_log, lock::WriteLock,
    text_of,
};
use std::path::{Path, PathBuf};

/// Something to resolve in the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// The copy, or the data file holding conflict markers.
    pub path: PathBuf,
    /// The data file it belongs to (`contacts.toml` …).
    pub file: &'static str,
    /// What it is.
    pub kind: ForeignKind,
}

/// Who left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignKind {
    /// A Syncthing conflict copy.
    Syncthing,
    /// A Dropbox or Nextcloud conflicted copy.
    Dropbox,
    /// Git's conflict markers, the first at this line.
    Markers(usize),
}

impl Foreign {
    /// "Syncthing conflict copy of contacts.toml" …, for listings.
    pub fn describe(&self) -> String {
        match self.kind {
            ForeignKind::Syncthing => format!("a Syncthing conflict copy of {}", self.file),
            ForeignKind::Dropbox => format!("a Dropbox conflicted copy of {}", self.file),
            ForeignKind::Markers(line) => format!("git conflict markers from line {line}"),
        }
    }

    /// The file's name, as listings show it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// The data file a copy named `name` belongs to, and who made it:
/// `contacts.sync-conflict-20261126-101010-ABCDEFG.toml` (Syncthing),
/// `contacts (Ada's conflicted copy 2026-11-26).toml` (Dropbox; Nextcloud
/// writes `(conflicted copy …)` too).
pub fn copy_of(name: &str) -> Option<(&'static str, ForeignKind)> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (live, kind) = if let Some((live, _)) = stem.split_once(".sync-conflict-") {
        (live, ForeignKind::Syncthing)
    } else if let Some((live, rest)) = stem.split_once(" (")
        && rest.ends_with(')')
        && (rest.contains("conflicted copy") || rest.contains("conflict "))
    {
        (live, ForeignKind::Dropbox)
    } else {
        return None;
    };
    let whole = format!("{live}.{ext}");
    let file = merge::data_file(Path::new(&whole))?;
    Some((file, kind))
}

/// What a resolve did, or would do.
#[derive(Debug)]
pub struct Resolution {
    /// What was resolved.
    pub foreign: Foreign,
    /// Records (or history entries) the copy brought that were not there.
    pub added: usize,
    /// Records changed by it.
    pub changed: usize,
    /// Records it left notes on.
    pub noted: Vec<Noted>,
}

/// Why a resolve did not happen. Nothing was written or removed.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// The data directory refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The copies cannot be merged.
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// Conflict markers that never close.
    #[error("{}:{line}: a git conflict that never closes (no >>>>>>> line); fix it by hand", path.display())]
    Unclosed {
        /// The file.
        path: PathBuf,
        /// The conflict's first line.
        line: usize,
    },
}

/// The conflict copies beside the data files, by name only: cheap
/// enough for every reload of the full-screen program.
pub fn conflict_copies(store: &Store) -> Vec<Foreign> {
    let Ok(entries) = std::fs::read_dir(store.dir()) else {
        return Vec::new();
    };
    let mut found: Vec<Foreign> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (file, kind) = copy_of(&name)?;
            Some(Foreign {
                path: e.path(),
                file,
                kind,
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Everything to resolve: data files holding git's conflict markers,
/// then the conflict copies.
pub fn foreign(store: &Store) -> Vec<Foreign> {
    let mut found: Vec<Foreign> = merge::data_files()
        .filter_map(|file| {
            let path = store.path(file);
            let text = std::fs::read_to_string(&path).ok()?;
            let line = markers::first_conflict(&text)?;
            Some(Foreign {
                path,
                file,
                kind: ForeignKind::Markers(line),
            })
        })
        .collect();
    found.extend(conflict_copies(store));
    found
}

/// Merges a conflict copy into its data file, two ways (no common
/// version is known: a record only one has is kept, fields that differ
/// keep the live value and note the copy's), then removes the copy;
/// or merges the two sides of a file git left conflict markers in.
/// `dry_run` says what would happen and changes nothing. The undo
/// journal calls the change `label`.
pub fn resolve(
    store: &Store,
    foreign: &Foreign,
    dry_run: bool,
    label: &str,
) -> Result<Resolution, ResolveError> {
    if let ForeignKind::Markers(_) = foreign.kind {
        return resolve_markers(store, foreign, dry_run);
    }
    let copy = &foreign.path;
    let text = read_text(copy)?;
    let other = format!("the copy {}", foreign.name());
    let names = Names {
        ours: "the data file",
        theirs: &other,
        other: &other,
    };
    let how = Absorbing {
        copy,
        text: &text,
        names,
        dry_run,
        label,
    };
    let done = |(added, changed, noted)| Resolution {
        foreign: foreign.clone(),
        added,
        changed,
        noted,
    };
    let resolution = match foreign.file {
        CONTACTS => done(absorb::<Contact>(store, &how)?),
        QUEUE => done(absorb::<Item>(store, &how)?),
        FEEDS => done(absorb::<Feed>(store, &how)?),
        INBOX => done(absorb::<inbox::Entry>(store, &how)?),
        HISTORY => {
            let entries = history_log::parse_settled(copy, &text)?;
            done((absorb_history(store, entries, dry_run)?, 0, Vec::new()))
        }
        _ => return Err(MergeError::Unknown(copy.clone()).into()),
    };
    if !dry_run {
        std::fs::remove_file(copy).map_err(|e| StoreError::io(copy, e))?;
    }
    Ok(resolution)
}

/// A copy's records merged into the live ones, under the lock (or, for
/// a dry run, into a fresh read). Returns added, changed and noted.
fn absorb<T: Absorb>(
    store: &Store,
    how: &Absorbing,
) -> Result<(usize, usize, Vec<Noted>), ResolveError> {
    let theirs = T::parse(how.copy, how.text)?;
    let fold = |live: &mut Vec<T>| {
        let out = records::merge(None, live, theirs, how.names.other);
        *live = out.records;
        (out.added, out.changed, out.noted)
    };
    if how.dry_run {
        let mut live = T::load(store)?;
        return Ok(fold(&mut live));
    }
    Ok(T::modify(store, how.label, fold)?)
}

/// The entries of a copy of the history that the log lacks, appended
/// in time order (the log is never rewritten). Returns how many.
fn absorb_history(store: &Store, copy: Vec<Entry>, dry_run: bool) -> Result<usize, StoreError> {
    let _lock = (!dry_run)
        .then(|| WriteLock::acquire(store.dir()))
        .transpose()?;
    let live = history_log::read(&store.path(HISTORY))?.0;
    let known: rustc_hash::FxHashSet<&str> = live.iter().map(Entry::id).collect();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut missing: Vec<Entry> = copy
        .into_iter()
        .filter(|e| !known.contains(e.id()) && seen.insert(e.id().to_owned()))
        .collect();
    missing.sort_by_key(|e| e.at);
    if !dry_run && !missing.is_empty() {
        history_log::append(&store.path(HISTORY), &missing)?;
    }
    Ok(missing.len())
}

/// A data file git left conflict markers in, merged from its sides
/// (three ways when git wrote the common version too) and rewritten
/// under the lock.
fn resolve_markers(
    store: &Store,
    foreign: &Foreign,
    dry_run: bool,
) -> Result<Resolution, ResolveError> {
    let _lock = (!dry_run)
        .then(|| WriteLock::acquire(store.dir()))
        .transpose()?;
    let path = store.path(foreign.file);
    let text = read_text(&path)?;
    let split = markers::split(&text)
        .map_err(|line| ResolveError::Unclosed {
            path: path.clone(),
            line,
        })?
        .ok_or_else(|| {
            StoreError::io(
                &path,
                std::io::Error::other("holds no conflict markers any more"),
            )
        })?;
    let names = Names {
        ours: "the part above each =======",
        theirs: "the part below each =======",
        other: "the other side of the git merge",
    };
    let merged: Merged = match &split.base {
        Some(base) => merge::three_way(&path, base, &split.ours, &split.theirs, names)?,
        None => merge::two_way(&path, &split.ours, &split.theirs, names)?,
    };
    if !dry_run {
        atomic::write_atomic(&path, merged.text.as_bytes())
            .map_err(|e| StoreError::io(&path, e))?;
    }
    Ok(Resolution {
        foreign: foreign.clone(),
        added: merged.added,
        changed: merged.changed,
        noted: merged.noted,
    })
}

/// Every record holding notes a merge left, file by file.
pub fn noted(store: &Store) -> Result<Vec<Noted>, StoreError> {
    let mut found = Vec::new();
    collect_noted::<Contact>(store, &mut found)?;
    collect_noted::<Item>(store, &mut found)?;
    collect_noted::<Feed>(store, &mut found)?;
    collect_noted::<inbox::Entry>(store, &mut found)?;
    Ok(found)
}

/// Removes the notes from the record `id` of `file`: the user has
/// settled them. Returns whether there were any. The undo journal
/// calls the change `label`.
pub fn settle(store: &Store, file: &str, id: &str, label: &str) -> Result<bool, StoreError> {
    fn clear<T: TableRecord>(records: &mut [T], id: &str) -> bool {
        match records.iter_mut().find(|r| r.id() == id) {
            Some(r) if !r.conflicts().is_empty() => {
                r.conflicts_mut().clear();
                true
            }
            _ => false,
        }
    }
    match file {
        CONTACTS => Contact::modify(store, label, |r| clear(r, id)),
        QUEUE => Item::modify(store, label, |r| clear(r, id)),
        FEEDS => Feed::modify(store, label, |r| clear(r, id)),
        INBOX => inbox::Entry::modify(store, label, |r| clear(r, id)),
        _ => Ok(false),
    }
}

fn collect_noted<T: Absorb>(store: &Store, found: &mut Vec<Noted>) -> Result<(), StoreError> {
    for r in T::load(store)? {
        if !r.conflicts().is_empty() {
            found.push(Noted::of(&r, r.conflicts().to_vec()));
        }
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, StoreError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    text_of(path, bytes)
}

/// A copy being merged in: what `absorb` needs to know.
struct Absorbing<'a> {
    copy: &'a Path,
    text: &'a str,
    names: Names<'a>,
    dry_run: bool,
    label: &'a str,
}

/// Where the records of a table file live in the store: how to read them
/// and how to change them safely (journaled as `label` where the store
/// keeps an undo journal for them).
trait Absorb: TableRecord {
    fn load(store: &Store) -> Result<Vec<Self>, StoreError>;
    fn modify<R>(
        store: &Store,
        label: &str,
        change: impl FnOnce(&mut Vec<Self>) -> R,
    ) -> Result<R, StoreError>;
}

impl Absorb for Contact {
    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        Ok(store.load_tables()?.contacts.to_vec())
    }
    fn modify<R>(
        store: &Store,
        label: &str,
        change: impl FnOnce(&mut Vec<Self>) -> R,
    ) -> Result<R, StoreError> {
        store.modify(label, |net| Ok::<_, StoreError>(change(&mut net.contacts)))
    }
}

impl Absorb for Item {
    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        Ok(store.load_tables()?.items.to_vec())
    }
    fn modify<R>(
        store: &Store,
        label: &str,
        change: impl FnOnce(&mut Vec<Self>) -> R,
    ) -> Result<R, StoreError> {
        store.modify(label, |net| Ok::<_, StoreError>(change(&mut net.items)))
    }
}

impl Absorb for Feed {
    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        store.load_feeds()
    }
    fn modify<R>(
        store: &Store,
        _label: &str,
        change: impl FnOnce(&mut Vec<Self>) -> R,
    ) -> Result<R, StoreError> {
        store.modify_feeds(|feeds| Ok::<_, StoreError>(change(feeds)))
    }
}

impl Absorb for inbox::Entry {
    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        store.load_inbox()
    }
    fn modify<R>(
        store: &Store,
        _label: &str,
        change: impl FnOnce(&mut Vec<Self>) -> R,
    ) -> Result<R, StoreError> {
        store.modify_inbox(|entries| Ok::<_, StoreError>(change(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_known_by_their_names() {
        let cases = [
            (
                "contacts.sync-conflict-20261126-101010-ABCDEFG.toml",
                Some((CONTACTS, ForeignKind::Syncthing)),
            ),
            (
                "history.sync-conflict-20261126-101010-ABCDEFG.jsonl",
                Some((HISTORY, ForeignKind::Syncthing)),
            ),
            (
                "queue (Ada's conflicted copy 2026-11-26).toml",
                Some((QUEUE, ForeignKind::Dropbox)),
            ),
            (
                "inbox (conflicted copy 2026-11-26 101010).toml",
                Some((INBOX, ForeignKind::Dropbox)),
            ),
            ("contacts.toml", None),
            ("notes.sync-conflict-20261126-101010-ABCDEFG.txt", None),
            ("contacts (copy).toml", None),
        ];
        for (name, want) in cases {
            assert_eq!(copy_of(name), want, "{name}");
        }
    }
}
