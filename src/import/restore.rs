//! `import json`: reading back what `export json` wrote (see [`super::backup`])
//! and restoring it into a data directory — into an empty one exactly,
//! over a non-empty one only when asked to replace or merge.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::backup::FORMAT;
use crate::domain::{Contact, Entry, Item, Network};
use crate::format::tables;
use crate::store::{HISTORY, Store, StoreError, history_log};

/// A backup as read from its file: every record owned, checked by the
/// rules the data files are checked by.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restored {
    /// [`FORMAT`] or older.
    pub format: u32,
    /// Contacts, in backup order.
    pub contacts: Vec<Contact>,
    /// Items, in backup order.
    pub queue: Vec<Item>,
    /// History, in the order it was logged.
    pub history: Vec<Entry>,
}

/// Why a backup file is refused, at the line and column it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct BackupError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

/// Just the version, read first so a newer backup is refused for what it
/// is rather than for a field this build does not know.
#[derive(Deserialize)]
struct Head {
    format: u32,
}

/// Parses a backup and checks its records as the data files would be
/// checked, so nothing is restored that the store would then refuse to
/// load.
pub fn parse(bytes: &[u8]) -> Result<Restored, BackupError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
        let (line, col) = crate::format::line_col(&valid, e.valid_up_to());
        BackupError {
            line,
            col,
            message: "the file is not valid UTF-8".into(),
        }
    })?;
    if let Ok(head) = serde_json::from_str::<Head>(text)
        && head.format > FORMAT
    {
        let (line, col) = top_level_key(text, "format").unwrap_or((1, 1));
        return Err(BackupError {
            line,
            col,
            message: format!(
                "backup format {} is newer than this netwerk reads (up to {FORMAT}); upgrade netwerk",
                head.format
            ),
        });
    }
    let backup: Restored = serde_json::from_str(text).map_err(|e| BackupError {
        line: e.line().max(1),
        col: e.column().max(1),
        message: json_message(&e),
    })?;
    check(text, &backup)?;
    Ok(backup)
}

/// serde_json's message without the " at line L column C" it appends.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

/// The data files' own checks (unique ids and URLs, field rules), run on
/// the records as they would be written; a record found wanting is
/// pointed at by its id in the backup.
fn check(text: &str, backup: &Restored) -> Result<(), BackupError> {
    let here = Path::new("");
    let contacts = tables::parse_contacts(here, &tables::render_contacts(&backup.contacts));
    let items = tables::parse_items(here, &tables::render_items(&backup.queue));
    let problem = match contacts.err().or(items.err()) {
        None => return Ok(()),
        Some(StoreError::Invalid { message, .. } | StoreError::Parse { message, .. }) => message,
        Some(other) => other.to_string(),
    };
    // The messages name the record: "contact c-1: …", "duplicate item id …".
    let (line, col) = backup
        .contacts
        .iter()
        .map(|c| c.id.as_str())
        .chain(backup.queue.iter().map(|i| i.id.as_str()))
        .find(|id| problem.contains(id))
        .and_then(|id| id_place(text, id))
        .unwrap_or((1, 1));
    Err(BackupError {
        line,
        col,
        message: problem,
    })
}

/// Line and column of the last `"id": "<id>"` in the text (the duplicate,
/// when there are two).
fn id_place(text: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!("\"id\": {}", serde_json::to_string(id).ok()?);
    let offset = text.rfind(&needle)?;
    Some(crate::format::line_col(text, offset))
}

/// Line and column of `key` in the top-level object: a small scan that
/// skips strings and nested values, so a note holding the word is not
/// mistaken for it.
fn top_level_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{key}\"");
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '"' if depth == 1 && text[at..].starts_with(&quoted) => {
                return Some(crate::format::line_col(text, at));
            }
            '"' => in_string = true,
            _ => {}
        }
    }
    None
}

/// How a backup meets a data directory that already holds something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only into an empty directory.
    IntoEmpty,
    /// Whatever is there is replaced by the backup.
    Replace,
    /// Records whose ids are unknown are added; known ones are left alone.
    Merge,
}

/// How many contacts, items and history entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Contacts.
    pub contacts: usize,
    /// Queue items.
    pub items: usize,
    /// History entries.
    pub history: usize,
}

impl Counts {
    fn of(net: &Network) -> Self {
        Counts {
            contacts: net.contacts.len(),
            items: net.items.len(),
            history: net.history.len(),
        }
    }

    /// Whether there is nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// What a restore did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// What the data directory held before.
    pub before: Counts,
    /// What the backup held.
    pub backup: Counts,
    /// Whether what was there was replaced.
    pub replaced: bool,
    /// Records added (everything, unless merging).
    pub added: Counts,
    /// Records already there, by id, left alone (merging only).
    pub kept: Counts,
    /// Items left out of a merge because an item with another id
    /// already has their URL: `(id, url)`.
    pub same_url: Vec<(String, String)>,
}

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The data files could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The directory holds data and neither replacing nor merging was asked.
    #[error(
        "{} already holds {}; restore with --replace to replace it, or --merge to add what it lacks",
        dir.display(), words(held)
    )]
    NotEmpty {
        /// The data directory.
        dir: PathBuf,
        /// What it holds.
        held: Counts,
    },
}

/// "3 contacts, 1 item and 2 history entries".
pub fn words(c: &Counts) -> String {
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} and {}",
        n(c.contacts, "contact", "contacts"),
        n(c.items, "item", "items"),
        n(c.history, "history entry", "history entries")
    )
}

/// Restores `backup` into `store`: all of it or nothing, under the writer
/// lock; with `dry_run` nothing is written and the outcome is what would
/// have happened.
pub fn restore(
    store: &Store,
    backup: Restored,
    mode: Mode,
    dry_run: bool,
) -> Result<Outcome, RestoreError> {
    if dry_run {
        let mut net = store.load_tables()?;
        net.history = store.load_log()?.into();
        return plan(store, &mut net, backup, mode).map(|(outcome, _)| outcome);
    }
    let label = match mode {
        Mode::Merge => "merged a backup in",
        Mode::IntoEmpty | Mode::Replace => "restored a backup",
    };
    // Not undoable: a merge appends history outside the journal, and a
    // replace rewrites it.
    store.modify(crate::store::Final(label.into()), |net| {
        net.history = store.load_log()?.into();
        let (outcome, history) = plan(store, net, backup, mode)?;
        // Written before the tables: if it fails, they are left as they were.
        let path = store.path(HISTORY);
        match history {
            History::Rewrite(entries) => history_log::rewrite(&path, &entries)?,
            History::Append(entries) if !entries.is_empty() => {
                history_log::append(&path, &entries)?
            }
            History::Append(_) => {}
        }
        Ok(outcome)
    })
}

/// What becomes of the history log.
enum History {
    Rewrite(Vec<Entry>),
    Append(Vec<Entry>),
}

/// Changes `net`'s tables to what the restore makes of them, and says
/// what to do with the log.
fn plan(
    store: &Store,
    net: &mut Network,
    backup: Restored,
    mode: Mode,
) -> Result<(Outcome, History), RestoreError> {
    let before = Counts::of(net);
    let size = Counts {
        contacts: backup.contacts.len(),
        items: backup.queue.len(),
        history: backup.history.len(),
    };
    let mut outcome = Outcome {
        before,
        backup: size,
        replaced: false,
        added: size,
        kept: Counts::default(),
        same_url: Vec::new(),
    };
    match mode {
        Mode::IntoEmpty if !before.is_empty() => Err(RestoreError::NotEmpty {
            dir: store.dir().to_path_buf(),
            held: before,
        }),
        Mode::IntoEmpty | Mode::Replace => {
            outcome.replaced = !before.is_empty();
            net.contacts = backup.contacts.into();
            net.items = backup.queue.into();
            Ok((outcome, History::Rewrite(backup.history)))
        }
        Mode::Merge => {
            let (added, kept, same_url, history) = merge(net, backup);
            outcome.added = added;
            outcome.kept = kept;
            outcome.same_url = same_url;
            Ok((outcome, History::Append(history)))
        }
    }
}

/// Adds what `net` lacks by id; returns what was added, what was kept,
/// the items refused for a URL already queued, and the history entries
/// to append, in time order.
fn merge(
    net: &mut Network,
    backup: Restored,
) -> (Counts, Counts, Vec<(String, String)>, Vec<Entry>) {
    let (mut added, mut kept) = (Counts::default(), Counts::default());
    let known: HashSet<String> = net.contacts.iter().map(|c| c.id.to_string()).collect();
    let (new, old): (Vec<Contact>, Vec<Contact>) = backup
        .contacts
        .into_iter()
        .partition(|c| !known.contains(c.id.as_str()));
    (added.contacts, kept.contacts) = (new.len(), old.len());
    if !new.is_empty() {
        net.contacts.extend(new);
    }

    let known: HashSet<String> = net.items.iter().map(|i| i.id.to_string()).collect();
    let mut urls: HashSet<String> = net.items.iter().map(|i| i.url.clone()).collect();
    let mut same_url = Vec::new();
    let mut new = Vec::new();
    for item in backup.queue {
        if known.contains(item.id.as_str()) {
            kept.items += 1;
        } else if !urls.insert(item.url.clone()) {
            same_url.push((item.id.to_string(), item.url.clone()));
        } else {
            new.push(item);
        }
    }
    added.items = new.len();
    if !new.is_empty() {
        net.items.extend(new);
    }

    let known: HashSet<&str> = net.history.iter().map(Entry::id).collect();
    let mut seen = HashSet::new();
    let mut history: Vec<Entry> = Vec::new();
    for e in backup.history {
        if known.contains(e.id()) || !seen.insert(e.id().to_string()) {
            kept.history += 1;
        } else {
            history.push(e);
        }
    }
    // Stable: entries logged at the same moment keep the backup's order.
    history.sort_by_key(|e| e.at);
    added.history = history.len();
    (added, kept, same_url, history)
}
