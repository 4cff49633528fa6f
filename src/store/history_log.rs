//! `history.jsonl`: the append-only log. One JSON object per line after a
//! header line carrying the format version. Appending never rewrites what
//! is there, and each line can be parsed on its own, so the log can be
//! read from any offset later without parsing it whole.

use super::atomic::{open_append, sync_dir};
use super::error::StoreError;
use super::tables::FORMAT;
use crate::domain::Entry;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    netwerk_history: u32,
}

/// Parses the log. A last line without its newline is a write that was
/// cut off before it was acknowledged, so it is ignored rather than
/// reported; anything else malformed is an error with its line.
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
/// `text` holds (counting them separately took a tenth of the parse).
pub fn parse_counted(
    path: &Path,
    text: &str,
    lines_before: u64,
) -> Result<(Vec<Entry>, u64), StoreError> {
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let first = usize::try_from(lines_before).unwrap_or(usize::MAX);
    let mut entries = Vec::with_capacity(complete.len() / 200);
    let mut lines = 0;
    for (i, line) in complete.lines().enumerate() {
        lines += 1;
        let i = i.saturating_add(first);
        let err = |e: serde_json::Error| StoreError::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            col: e.column().max(1),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        if i == 0 {
            let header: Header = serde_json::from_str(line).map_err(err)?;
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
        // Lines in the shape netwerk writes are read directly; anything
        // else, errors included, goes through serde_json.
        match super::plain_json::entry(line) {
            Some(entry) => entries.push(entry),
            None => entries.push(serde_json::from_str(line).map_err(err)?),
        }
    }
    Ok((entries, lines))
}

/// Renders one entry as its log line, newline included.
pub fn line(entry: &Entry) -> String {
    // Entries are plain data with string keys: serialising cannot fail.
    let mut line = serde_json::to_string(entry).expect("history entries serialise to JSON");
    line.push('\n');
    line
}

/// Appends entries durably. The caller holds the writer lock.
pub fn append(path: &Path, entries: &[Entry]) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let (mut file, created) = open_append(path).map_err(io)?;
    let mut buf = String::new();
    let mut len = file.metadata().map_err(io)?.len();
    if len > 0 {
        // Never add to a log this build cannot read back: another
        // program's file, or one from a newer netwerk.
        check_header(path, &mut file)?;
        len = drop_torn_tail(&mut file, len).map_err(io)?;
    }
    // Empty, or emptied because even the header was torn: start afresh.
    if len == 0 {
        buf.push_str(
            &serde_json::to_string(&Header {
                netwerk_history: FORMAT,
            })
            .unwrap_or_default(),
        );
        buf.push('\n');
    }
    for e in entries {
        buf.push_str(&line(e));
    }
    // One write for the whole batch keeps a batch together in practice;
    // the torn-tail rule covers the rest.
    file.write_all(buf.as_bytes()).map_err(io)?;
    file.sync_data().map_err(io)?;
    if created && let Some(dir) = path.parent() {
        sync_dir(dir).map_err(io)?;
    }
    Ok(())
}

/// Checks the first line as [`parse`] would. Cheap, so every append can
/// afford it; the lines after it are checked by every load.
fn check_header(path: &Path, file: &mut File) -> Result<(), StoreError> {
    const MAX: u64 = 4096;
    let mut head = Vec::new();
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.take(MAX).read_to_end(&mut head))
        .map_err(|e| StoreError::io(path, e))?;
    match head.iter().position(|&b| b == b'\n') {
        Some(end) => parse(path, &String::from_utf8_lossy(&head[..=end])).map(drop),
        // A header torn before its newline: the log holds nothing yet.
        None if (head.len() as u64) < MAX => Ok(()),
        None => Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: "the first line is not a netwerk history header".into(),
        }),
    }
}

/// If a previous append was cut off mid-line (a crash before its fsync
/// returned, so never reported as saved), cut the fragment so the next
/// line starts clean.
/// Returns the length kept.
fn drop_torn_tail(file: &mut File, len: u64) -> std::io::Result<u64> {
    let window = len.min(64 * 1024);
    file.seek(SeekFrom::Start(len - window))?;
    let mut tail = Vec::with_capacity(window as usize);
    file.read_to_end(&mut tail)?;
    if tail.last() == Some(&b'\n') {
        return Ok(len);
    }
    let keep = match tail.iter().rposition(|&b| b == b'\n') {
        Some(pos) => len - window + pos as u64 + 1,
        None if window == len => 0,
        // A single line longer than the window: keep everything rather
        // than guess.
        None => return Ok(len),
    };
    file.set_len(keep)?;
    file.sync_data()?;
    Ok(keep)
}
