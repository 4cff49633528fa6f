//! The undo journal, `.cache/undo.jsonl`: one JSON object per line, each
//! a change as the store saw it (the records it changed, before and
//! after, and the history entries it appended) or an undo or redo of one.
//! Appended under the writer lock; a cut-off last line is ignored, as is
//! any line this version cannot read (every undo checks the records on
//! disk first, so a lost line can only make an undo refuse). It lives in
//! the cache directory, which a data directory kept in git ignores: the
//! journal is this machine's, and deleting it only forgets what can be
//! undone.

use super::snapshot;
use crate::disk::temp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The journal's name in the cache directory.
pub const FILE: &str = "undo.jsonl";

/// How many changes can be undone, newest first.
pub const DEPTH: usize = 100;

/// The most a change's images may take (their JSON): a larger change is
/// journaled without them and cannot be undone.
pub const CHANGE_BUDGET: usize = 1 << 20;

/// Past this size the journal is trimmed to its last [`DEPTH`] changes
/// (and at most half this size) when the next change is added.
const TRIM_AT: u64 = 4 << 20;

/// One record's change: the whole record before (absent if it was
/// added), and after it either the whole record (if it was added) or the
/// top-level fields that changed, `null` for one dropped (absent if the
/// record was removed). Records are as `export json` writes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// `contact` or `item`: the table's `[[key]]`.
    pub table: String,
    /// The record's id.
    pub id: String,
    /// The record before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The record after the change, or with a `before`, what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

impl Image {
    /// The whole record after the change, if it was not removed.
    pub fn after_whole(&self) -> Option<Value> {
        let after = self.after.as_ref()?;
        let Some(Value::Object(before)) = &self.before else {
            return Some(after.clone());
        };
        let mut whole = before.clone();
        if let Value::Object(changed) = after {
            for (key, value) in changed {
                match value {
                    Value::Null => whole.remove(key),
                    v => whole.insert(key.clone(), v.clone()),
                };
            }
        }
        Some(Value::Object(whole))
    }
}

/// Why a change cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum NotKept {
    /// Its images were over [`CHANGE_BUDGET`]: `records` changed.
    TooLarge {
        /// How many records it changed.
        records: usize,
    },
    /// A backup restored over the data (the history rewritten).
    Restore,
}

/// A change as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Its id, `u` and eight letters.
    pub id: String,
    /// Who made it: `cli`, or the full-screen program's session.
    pub by: String,
    /// What a person would call it: "added Ada Lovelace".
    pub label: String,
    /// The records it changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Image>,
    /// The ids of the history entries it appended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// Set when it cannot be undone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_kept: Option<NotKept>,
}

/// An undo or redo of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Toggle {
    /// The change's id.
    pub of: String,
    /// Who undid or redid it.
    pub by: String,
    /// The void records it appended to the history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voids: Vec<String>,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    /// A change was saved.
    Change(Change),
    /// A change was undone.
    Undo(Toggle),
    /// An undone change was made again.
    Redo(Toggle),
}

/// Every event in the journal of the data directory `data`, oldest first.
pub fn read(data: &Path) -> Vec<Event> {
    let Some(mut file) = snapshot::open_file(data, FILE) else {
        return Vec::new();
    };
    let mut text = String::new();
    if file.read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    parse(&text)
}

/// The events in `text`; a line that does not read is skipped.
fn parse(text: &str) -> Vec<Event> {
    text.split_terminator('\n')
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// Adds `event` to the journal, trimming it first when it has grown past
/// [`TRIM_AT`]. Called under the writer lock.
pub fn append(data: &Path, event: &Event) -> io::Result<()> {
    let dir = snapshot::ensure_dir(data)?;
    let path = dir.join(FILE);
    let mut line = serde_json::to_string(event).map_err(io::Error::other)?;
    line.push('\n');
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.len() > TRIM_AT) {
        let mut events = read(data);
        events.push(event.clone());
        return rewrite(&dir, &trim(events, (TRIM_AT / 2) as usize));
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(crate::disk::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&path)?;
    crate::disk::safe_path::check_regular(&file)?;
    // A line cut off by a crash ends here, so this one reads.
    let len = file.metadata()?.len();
    if len > 0 && !ends_line(&file, len)? {
        line.insert(0, '\n');
    }
    // One write: a reader sees the line whole or not at all.
    file.write_all(line.as_bytes())
}

/// Whether the file's last byte is a newline.
fn ends_line(file: &std::fs::File, len: u64) -> io::Result<bool> {
    use std::os::unix::fs::FileExt;
    let mut last = [0u8];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

/// The last [`DEPTH`] changes of `events` whose lines fit in `budget`
/// bytes (the newest always kept), with the undos and redos of those.
fn trim(events: Vec<Event>, budget: usize) -> Vec<Event> {
    let mut kept = rustc_hash::FxHashSet::default();
    let mut used = 0;
    for e in events.iter().rev() {
        if let Event::Change(c) = e {
            let size = serde_json::to_string(e).map_or(0, |s| s.len());
            if kept.len() == DEPTH || (!kept.is_empty() && used + size > budget) {
                break;
            }
            used += size;
            kept.insert(c.id.clone());
        }
    }
    events
        .into_iter()
        .filter(|e| match e {
            Event::Change(c) => kept.contains(&c.id),
            Event::Undo(t) | Event::Redo(t) => kept.contains(&t.of),
        })
        .collect()
}

/// Replaces the journal in the cache directory `dir` with `events`.
fn rewrite(dir: &Path, events: &[Event]) -> io::Result<()> {
    let mut tmp = temp::file_in(dir, FILE)?;
    for e in events {
        let mut line = serde_json::to_string(e).map_err(io::Error::other)?;
        line.push('\n');
        tmp.write_all(line.as_bytes())?;
    }
    tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// Who an undo or redo looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every change in the journal (`netwerk undo`).
    Everyone,
    /// Only those made by this session (the full-screen program: the
    /// changes made since it started).
    Session(String),
}

impl Scope {
    fn covers(&self, by: &str) -> bool {
        match self {
            Scope::Everyone => true,
            Scope::Session(s) => s == by,
        }
    }
}

/// A change as the journal's events leave it.
#[derive(Debug, Clone)]
pub struct State {
    /// The change.
    pub change: Change,
    /// Whether it is undone now.
    pub undone: bool,
    /// The history entries that stand for it now: those it appended, or
    /// the void records of its last undo or redo. Undoing or redoing it
    /// voids these.
    pub front: Vec<String>,
}

/// The change an undo (or with `redo`, a redo) in `scope` would act on.
///
/// Undo takes the newest change in scope not undone, among the last
/// [`DEPTH`]. Redo takes the change most recently undone in scope, unless
/// a change in scope was made since that undo (as in any editor).
pub fn next(events: Vec<Event>, scope: &Scope, redo: bool) -> Option<State> {
    let mut states: Vec<State> = Vec::new();
    let mut at = rustc_hash::FxHashMap::default();
    let mut stack: Vec<usize> = Vec::new();
    for e in events {
        match e {
            Event::Change(c) => {
                if scope.covers(&c.by) {
                    stack.clear();
                }
                at.insert(c.id.clone(), states.len());
                states.push(State {
                    front: c.history.clone(),
                    change: c,
                    undone: false,
                });
            }
            Event::Undo(t) => toggle(&mut states, &at, &mut stack, scope, t, true),
            Event::Redo(t) => toggle(&mut states, &at, &mut stack, scope, t, false),
        }
    }
    let first = states.len().saturating_sub(DEPTH);
    let pick = if redo {
        stack.into_iter().rev().find(|&i| states[i].undone)
    } else {
        (first..states.len())
            .rev()
            .find(|&i| !states[i].undone && scope.covers(&states[i].change.by))
    };
    pick.filter(|&i| i >= first).map(|i| states.swap_remove(i))
}

/// Applies an undo (`undone`) or redo of a change to `states`.
fn toggle(
    states: &mut [State],
    at: &rustc_hash::FxHashMap<String, usize>,
    stack: &mut Vec<usize>,
    scope: &Scope,
    t: Toggle,
    undone: bool,
) {
    let Some(&i) = at.get(&t.of) else { return };
    let state = &mut states[i];
    state.undone = undone;
    state.front = t.voids;
    if scope.covers(&t.by) {
        stack.retain(|&j| j != i);
        if undone {
            stack.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: &str, by: &str) -> Event {
        Event::Change(Change {
            id: id.into(),
            by: by.into(),
            label: format!("change {id}"),
            records: Vec::new(),
            history: vec![format!("h-{id}")],
            not_kept: None,
        })
    }

    fn toggle(of: &str, by: &str) -> Toggle {
        Toggle {
            of: of.into(),
            by: by.into(),
            voids: vec![format!("v-{of}")],
        }
    }

    fn next_id(events: &[Event], scope: &Scope, redo: bool) -> Option<String> {
        next(events.to_vec(), scope, redo).map(|s| s.change.id)
    }

    #[test]
    fn undo_walks_back_and_redo_forward_until_a_new_change() {
        let all = Scope::Everyone;
        let mut events = vec![change("a", "cli"), change("b", "cli")];
        assert_eq!(next_id(&events, &all, false).as_deref(), Some("b"));
        assert_eq!(next_id(&events, &all, true), None);
        events.push(Event::Undo(toggle("b", "cli")));
        assert_eq!(next_id(&events, &all, false).as_deref(), Some("a"));
        let redo = next(events.clone(), &all, true).unwrap();
        assert_eq!(redo.change.id, "b");
        assert_eq!(redo.front, ["v-b"]);
        events.push(Event::Undo(toggle("a", "cli")));
        assert_eq!(next_id(&events, &all, true).as_deref(), Some("a"));
        events.push(Event::Redo(toggle("a", "cli")));
        assert_eq!(next_id(&events, &all, true).as_deref(), Some("b"));
        // A new change forgets what could be redone.
        events.push(change("c", "cli"));
        assert_eq!(next_id(&events, &all, true), None);
        assert_eq!(next_id(&events, &all, false).as_deref(), Some("c"));
    }

    #[test]
    fn a_session_sees_only_its_own_changes() {
        let tui = Scope::Session("tui-1".into());
        let events = vec![
            change("old", "tui-0"),
            change("mine", "tui-1"),
            change("cron", "cli"),
            Event::Undo(toggle("mine", "tui-1")),
            change("cron2", "cli"),
        ];
        assert_eq!(next_id(&events, &tui, false), None);
        // Another process's change does not forget this session's redo.
        assert_eq!(next_id(&events, &tui, true).as_deref(), Some("mine"));
        assert_eq!(
            next_id(&events, &Scope::Everyone, false).as_deref(),
            Some("cron2")
        );
    }

    #[test]
    fn only_the_last_changes_can_be_undone_and_trimming_keeps_them() {
        let mut events: Vec<Event> = (0..DEPTH + 5)
            .map(|i| change(&i.to_string(), "cli"))
            .collect();
        for i in (5..DEPTH + 5).rev() {
            events.push(Event::Undo(toggle(&i.to_string(), "cli")));
        }
        assert_eq!(next_id(&events, &Scope::Everyone, false), None);
        events.push(Event::Undo(toggle("1", "cli")));
        let trimmed = trim(events, usize::MAX);
        let changes = trimmed
            .iter()
            .filter(|e| matches!(e, Event::Change(_)))
            .count();
        assert_eq!(changes, DEPTH);
        assert!(
            !trimmed
                .iter()
                .any(|e| matches!(e, Event::Undo(t) if t.of == "1"))
        );
        // A small budget keeps the newest change whatever its size.
        let one = trim(vec![change("a", "cli"), change("b", "cli")], 1);
        assert_eq!(one, vec![change("b", "cli")]);
    }

    #[test]
    fn a_cut_off_or_foreign_line_is_skipped() {
        let a = serde_json::to_string(&change("a", "cli")).unwrap();
        let text = format!("{a}\n{{\"event\":\"telepathy\"}}\nnot json\n{a}");
        assert_eq!(parse(&text).len(), 2);
        let image = Image {
            table: "contact".into(),
            id: "c1".into(),
            before: Some(serde_json::json!({"id": "c1", "name": "Ada", "role": "x"})),
            after: Some(serde_json::json!({"name": "Ada L.", "role": null})),
        };
        assert_eq!(
            image.after_whole(),
            Some(serde_json::json!({"id": "c1", "name": "Ada L."}))
        );
    }
}
