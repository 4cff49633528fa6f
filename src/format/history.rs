//! One line of `history.jsonl` and the text of a whole log: a header
//! line carrying the format version, then one JSON object per entry.
//! Each line reads on its own, so a log can be read from any line on;
//! the store reads the file (`store::history_log`).

use super::tables::FORMAT;
use crate::disk::error::StoreError;
use crate::domain::Entry;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    netwerk_history: u32,
}

/// Parses the log. A last line without its newline is ignored rather
/// than reported: it is a write not yet finished or cut off before it was
/// acknowledged, or a line saved without its newline, which the store's next
/// append ends (see `store::history_log`); anything else malformed is an
/// error with its line.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>, StoreError> {
    parse_from(path, text, 0)
}

/// Parses the log from a line boundary on: `text` is what follows the
/// first `lines_before` lines (the header among them, if that is not 0).
/// Line numbers in errors count from the start of the file, so a cached
/// prefix plus this tail reports errors exactly as a full parse would.
pub fn parse_from(path: &Path, text: &str, lines_before: u64) -> Result<Vec<Entry>, StoreError> {
    parse_counted(path, text, lines_before).map(|(entries, _)| entries)
}

/// Parses like [`parse_from`], and also says how many complete lines
/// `text` holds, counted in the same pass rather than a second one.
pub fn parse_counted(
    path: &Path,
    text: &str,
    lines_before: u64,
) -> Result<(Vec<Entry>, u64), StoreError> {
    let mut entries = Vec::with_capacity(text.len() / 200);
    let lines = parse_into(path, text, lines_before, 0, &mut entries)?;
    Ok((entries, lines))
}

/// What a pass over the log does with each entry's line.
pub(crate) trait Collect {
    /// Takes `line`, line `number` of the file (counted from 1), which
    /// starts at byte `offset` of the file.
    fn line(
        &mut self,
        path: &Path,
        line: &str,
        number: usize,
        offset: u64,
    ) -> Result<(), StoreError>;

    /// Adds what was collected from the lines that follow these.
    fn append(&mut self, later: Self);
}

/// A full read: every line made an entry.
impl Collect for Vec<Entry> {
    fn line(
        &mut self,
        path: &Path,
        line: &str,
        number: usize,
        _offset: u64,
    ) -> Result<(), StoreError> {
        // Lines in the shape netwerk writes are read directly; anything
        // else, errors included, goes through serde_json.
        let entry = match crate::format::plain::entry::entry(line) {
            Some(entry) => entry,
            None => serde_json::from_str(line).map_err(|e| {
                glued(path, number, line)
                    .or_else(|| marker(path, number, line))
                    .unwrap_or_else(|| line_error(path, number, &e))
            })?,
        };
        check_ids(path, line, number, &entry)?;
        self.push(entry);
        Ok(())
    }

    fn append(&mut self, mut later: Self) {
        Vec::append(self, &mut later);
    }
}

/// The error for a `line` that does not parse but ends in a whole entry:
/// a write cut off and then followed by the next on the same line, as an
/// earlier netwerk could leave it. The user decides what to delete.
fn glued(path: &Path, number: usize, line: &str) -> Option<StoreError> {
    let at = memchr::memmem::find_iter(line.as_bytes(), b"{\"id\":")
        .filter(|&at| at > 0)
        .find(|&at| serde_json::from_str::<Entry>(&line[at..]).is_ok())?;
    Some(StoreError::Parse {
        path: path.to_path_buf(),
        line: number,
        col: line[..at].chars().count() + 1,
        message: "a cut-off write that was never saved runs into the entry that starts \
                  here: delete the text before this column"
            .into(),
    })
}

/// The error for a `line` that is one of git's conflict markers.
fn marker(path: &Path, number: usize, line: &str) -> Option<StoreError> {
    crate::format::markers::is_marker(line).then(|| StoreError::Parse {
        path: path.to_path_buf(),
        line: number,
        col: 1,
        message: crate::format::markers::REFUSAL.into(),
    })
}

/// Checks the entry's own id and the ids it refers to against the rule in
/// [`crate::domain::id`], pointing at the offending value on its line.
pub(crate) fn check_ids(
    path: &Path,
    line: &str,
    number: usize,
    entry: &Entry,
) -> Result<(), StoreError> {
    let ids = [
        ("id", Some(entry.id())),
        ("contact", Some(entry.contact())),
        ("item", entry.item()),
        ("voids", entry.voids()),
        ("other", entry.other()),
        ("refers", entry.refers()),
    ];
    for (key, id) in ids {
        let Some(id) = id else { continue };
        if let Err(message) = crate::domain::id::check(id) {
            let quoted = format!("\"{key}\":");
            let col = line
                .find(&quoted)
                .map_or(1, |at| line[..at + quoted.len()].chars().count() + 1);
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: number,
                col,
                message: format!("{key}: {message}"),
            });
        }
    }
    Ok(())
}

/// `serde_json`'s error `e` on line `number`, without its own idea of
/// where that is (it saw the one line).
fn line_error(path: &Path, number: usize, e: &serde_json::Error) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: number,
        col: e.column().max(1),
        message: e
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

/// The length of `bytes` up to and including its last newline.
pub(crate) fn complete_lines(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// Parses like [`parse_counted`], handing each entry's line to `collect`:
/// `text` starts at byte `offset` of the file.
pub(crate) fn parse_into(
    path: &Path,
    text: &str,
    lines_before: u64,
    offset: u64,
    collect: &mut impl Collect,
) -> Result<u64, StoreError> {
    // Unended lines are ignored even if whole: a writer's line is whole before its newline lands.
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let first = usize::try_from(lines_before).unwrap_or(usize::MAX);
    let mut lines = 0;
    // Split as `str::lines` does (a `\r` before a newline is not part of
    // the line), with a vector search for the newlines.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', complete.as_bytes());
    for (i, end) in ends.enumerate() {
        let at = start;
        let line = &complete[at..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        start = end + 1;
        lines += 1;
        let i = i.saturating_add(first);
        if i == 0 {
            let header: Header = serde_json::from_str(line).map_err(|e| line_error(path, 1, &e))?;
            if header.netwerk_history > FORMAT {
                return Err(StoreError::Version {
                    path: path.to_path_buf(),
                    line: 1,
                    found: header.netwerk_history,
                    supported: FORMAT,
                });
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        collect.line(path, line, i + 1, offset + at as u64)?;
    }
    Ok(lines)
}

/// Renders one entry as its log line, newline included.
pub fn line(entry: &Entry) -> String {
    // Entries are plain data with string keys: serialising cannot fail.
    let mut line = serde_json::to_string(entry).expect("history entries serialise to JSON");
    line.push('\n');
    line
}

/// A whole log holding `entries`: the header line, then one line each.
pub fn render(entries: &[Entry]) -> String {
    let mut text = serde_json::to_string(&Header {
        netwerk_history: FORMAT,
    })
    .unwrap_or_default();
    text.push('\n');
    for e in entries {
        text.push_str(&line(e));
    }
    text
}

/// Parses a log's text as the next append would leave it (see
/// `store::history_log`): a last line without its newline is kept when it is a
/// whole JSON value (a hand append) and ignored otherwise (a torn write).
pub fn parse_settled(path: &Path, text: &str) -> Result<Vec<Entry>, StoreError> {
    let start = text.rfind('\n').map_or(0, |i| i + 1);
    let last = &text[start..];
    if !last.trim().is_empty() && serde_json::from_str::<serde::de::IgnoredAny>(last).is_ok() {
        return parse(path, &format!("{text}\n"));
    }
    parse(path, text)
}
