//! `history.jsonl`: the append-only log. One JSON object per line after a
//! header line carrying the format version. Appending never rewrites what
//! is there, and each line can be parsed on its own, so the log can be
//! read from any offset later without parsing it whole.

use super::atomic::{open_append, sync_dir};
use super::error::StoreError;
use super::stamp::FileStamp;
use super::tables::FORMAT;
use crate::domain::Entry;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

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
    let mut entries = Vec::with_capacity(text.len() / 200);
    let lines = parse_into(path, text, lines_before, &mut entries)?;
    Ok((entries, lines))
}

/// Reads the log file a slice at a time, never holding its text whole
/// (at 100,000 entries that is 25 MB the process would fault in, zero and
/// copy only to drop again). Returns the entries, the stamp of the file
/// through its last complete line, and how many lines that is. A missing
/// file is an empty log.
pub fn read(path: &Path) -> Result<(Vec<Entry>, FileStamp, u64), StoreError> {
    const SLICE: u64 = 1 << 20;
    let io = |e| StoreError::io(path, e);
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), FileStamp::missing(), 0));
        }
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    let mut entries = Vec::with_capacity(usize::try_from(meta.len() / 200).unwrap_or(0));
    let mut hasher = Xxh3::new();
    let (mut len, mut lines) = (0u64, 0u64);
    let mut buf = Vec::with_capacity(SLICE as usize);
    loop {
        let read = (&mut file).take(SLICE).read_to_end(&mut buf).map_err(io)?;
        // Complete lines only: what follows the last newline waits for
        // the next slice, or at the end is a torn write (see `parse`).
        let end = complete_lines(&buf);
        if end > 0 {
            let slice = &buf[..end];
            hasher.update(slice);
            let text = std::str::from_utf8(slice).map_err(|e| {
                let valid = e.valid_up_to();
                let text = String::from_utf8_lossy(&slice[..valid]);
                let (line, col) = super::error::line_col(&text, valid);
                StoreError::Parse {
                    path: path.to_path_buf(),
                    line: usize::try_from(lines).unwrap_or(usize::MAX) + line,
                    col,
                    message: "the file is not valid UTF-8".into(),
                }
            })?;
            lines += parse_into(path, text, lines, &mut entries)?;
            len += end as u64;
            buf.drain(..end);
        }
        if read == 0 {
            break;
        }
    }
    let stamp = FileStamp {
        len,
        mtime: meta.mtime(),
        mtime_nsec: meta.mtime_nsec(),
        hash: hasher.digest128(),
    };
    Ok((entries, stamp, lines))
}

/// The length of `bytes` up to and including its last newline.
pub(super) fn complete_lines(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// Parses like [`parse_counted`], adding the entries to `entries`.
fn parse_into(
    path: &Path,
    text: &str,
    lines_before: u64,
    entries: &mut Vec<Entry>,
) -> Result<u64, StoreError> {
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let first = usize::try_from(lines_before).unwrap_or(usize::MAX);
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
    Ok(lines)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testnet::now;
    use crate::domain::{Contact, EntryKind};

    /// A log of `n` entries, several slices long, with notes of varied
    /// length (one longer than a slice) and characters cut by no slice.
    fn log(n: usize) -> String {
        let contact = Contact::new("Zoë 王", now().date_naive()).unwrap();
        let mut text = String::from("{\"netwerk_history\":1}\n");
        for i in 0..n {
            let note = match i {
                7 => "λ".repeat(700_000),
                _ => format!("note {i} {}", "é—".repeat(i % 97)),
            };
            text.push_str(&line(&Entry::logged(
                &contact,
                EntryKind::Touch,
                now(),
                &note,
            )));
        }
        text
    }

    #[test]
    fn reading_by_slices_equals_parsing_the_whole_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let whole = log(20_000);
        assert!(whole.len() > 3 << 20, "spans several slices");
        // A torn last line, cut inside a character.
        let torn = format!("{whole}{{\"id\":\"h\",\"note\":\"é");
        let torn = &torn.as_bytes()[..torn.len() - 1];
        std::fs::write(&path, torn).unwrap();
        let (entries, stamp, lines) = read(&path).unwrap();
        let (expected, expected_lines) = parse_counted(&path, &whole, 0).unwrap();
        assert_eq!(entries, expected);
        assert_eq!(lines, expected_lines);
        assert_eq!(stamp.len, whole.len() as u64);
        assert_eq!(stamp.hash, xxhash_rust::xxh3::xxh3_128(whole.as_bytes()));
        // Missing and empty files are empty logs.
        assert_eq!(read(&dir.path().join("none")).unwrap().2, 0);
        std::fs::write(&path, "").unwrap();
        let (entries, stamp, _) = read(&path).unwrap();
        assert!(entries.is_empty());
        assert_eq!(stamp.hash, FileStamp::missing().hash);
    }

    #[test]
    fn errors_past_the_first_slice_name_their_line_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let whole = log(20_000);
        let mut at = whole.len() - 1000;
        while !whole.is_char_boundary(at) {
            at -= 1;
        }
        let line = whole[..at].matches('\n').count() + 1;
        // Not UTF-8, then not JSON, a line apiece far into the file.
        let mut bytes = whole.as_bytes().to_vec();
        bytes.insert(at, 0xff);
        std::fs::write(&path, &bytes).unwrap();
        match read(&path) {
            Err(StoreError::Parse { line: l, .. }) => assert_eq!(l, line),
            other => panic!("{other:?}"),
        }
        let broken = format!("{}x{}", &whole[..at], &whole[at..]);
        std::fs::write(&path, &broken).unwrap();
        let by_whole = parse(&path, &broken).unwrap_err().to_string();
        assert_eq!(read(&path).unwrap_err().to_string(), by_whole);
        assert!(by_whole.contains(&format!(":{line}:")), "{by_whole}");
    }
}
