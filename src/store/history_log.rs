//! `history.jsonl`: the append-only log. One JSON object per line after a
//! header line carrying the format version. Appending never rewrites what
//! is there, and each line can be parsed on its own, so the log can be
//! read from any offset later without parsing it whole.

use super::stamp::FileStamp;
use crate::disk::atomic::{open_append, sync_dir};
use crate::disk::error::StoreError;
use crate::domain::Entry;
use crate::format::tables::FORMAT;
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

/// Parses the log. A last line without its newline is ignored rather
/// than reported: it is a write not yet finished or cut off before it was
/// acknowledged, or a line saved without its newline, which the next
/// [`append`] ends; anything else malformed is an error with its line.
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

/// Reads the log file a slice at a time, never holding its text whole
/// (at 100,000 entries that is 25 MB the process would fault in, zero and
/// copy only to drop again). Returns the entries, the stamp of the file
/// through its last complete line, and how many lines that is. A missing
/// file is an empty log.
///
/// A large log is read in two halves on two threads (see
/// [`read_halves`]): with no snapshot to read it from, it is the longest
/// part of a launch.
pub fn read(path: &Path) -> Result<(Vec<Entry>, FileStamp, u64), StoreError> {
    let io = |e| StoreError::io(path, e);
    let file = match crate::disk::safe_path::open_read(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), FileStamp::missing(), 0));
        }
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    read_with(&file, path, &meta, Vec::with_capacity)
}

/// Passes over the log in `file` (whose metadata is `meta`), handing
/// every entry's line to a collector `make(room)` gives, `room` being how
/// many entries to expect. Returns what it collected, the stamp of the
/// file through its last complete line, and how many lines that is.
pub(super) fn read_with<C: Collect + Send>(
    file: &File,
    path: &Path,
    meta: &std::fs::Metadata,
    make: impl Fn(usize) -> C + Sync,
) -> Result<(C, FileStamp, u64), StoreError> {
    if meta.len() >= SPLIT_FROM
        && let Some(read) = read_halves(file, path, meta, &make)
    {
        return Ok(read);
    }
    let scan =
        Scan::new(0, u64::MAX, u64::MAX, make(estimate(meta.len()))).run(file, path, u64::MAX)?;
    let stamp = scan.stamp(meta);
    Ok((scan.collected, stamp, scan.lines))
}

/// Logs from this size on are read in two halves.
const SPLIT_FROM: u64 = 2 << 20;

/// The bytes read at a time.
const SLICE: usize = 1 << 20;

/// Room for the entries of `len` bytes of log (they take ~250 each).
fn estimate(len: u64) -> usize {
    usize::try_from(len / 200).unwrap_or(0)
}

/// Reads the log in two halves: this thread hashes the whole file (its
/// stamp is one hash of all of it) and parses the first half, while a
/// second thread parses the second half. Both stop at the length the
/// file had when opened, and the second half's bytes are hashed on both
/// threads: unless both read the same bytes through the same last line
/// (the file changed between the reads), or either half is not plain
/// log, this says `None` and the caller reads the file the usual way,
/// which also reports any error with its line.
fn read_halves<C: Collect + Send>(
    file: &File,
    path: &Path,
    meta: &std::fs::Metadata,
    make: &(impl Fn(usize) -> C + Sync),
) -> Option<(C, FileStamp, u64)> {
    let size = meta.len();
    let split = line_start_after(file, size / 2).filter(|&at| at < size)?;
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| {
            // Not the file's first line: no header in this half.
            Scan::new(split, u64::MAX, split, make(estimate(size - split)))
                .run(file, path, size)
                .ok()
        });
        // Room for both halves: appending the second moves nothing twice.
        let first = Scan::new(0, split, split, make(estimate(size)))
            .run(file, path, size)
            .ok();
        // A panic there is a bug; surface it as one.
        let second = second
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (first, second)
    });
    let (mut first, second) = (first?, second?);
    let same = first.offset == second.offset
        && first.offset >= split
        && first.tail.digest128() == second.tail.digest128();
    if !same {
        return None;
    }
    let stamp = first.stamp(meta);
    first.collected.append(second.collected);
    Some((first.collected, stamp, first.lines + second.lines))
}

/// Where the first line that starts at or past `from` starts, if one does
/// within a megabyte (a log of one enormous line is not split).
fn line_start_after(file: &File, from: u64) -> Option<u64> {
    use std::os::unix::fs::FileExt;
    let mut probe = vec![0u8; 64 * 1024];
    let mut at = from.checked_sub(1)?;
    while at < from + (1 << 20) {
        let n = file.read_at(&mut probe, at).ok()?;
        if n == 0 {
            return None;
        }
        if let Some(i) = memchr::memchr(b'\n', &probe[..n]) {
            return Some(at + i as u64 + 1);
        }
        at += n as u64;
    }
    None
}

/// What a pass over the log does with each entry's line.
pub(super) trait Collect {
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
pub(super) fn check_ids(
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

/// One pass over a stretch of the log: every complete line hashed, those
/// before `parse_to` given to the collector, those from `tail_from` on
/// also hashed apart.
struct Scan<C> {
    /// File offset just past the last complete line handled.
    offset: u64,
    parse_to: u64,
    tail_from: u64,
    /// The line number the first line's errors are reported at, less one.
    lines_before: u64,
    /// Complete lines handled, the header among them.
    lines: u64,
    /// What the collector made of them.
    collected: C,
    whole: Xxh3,
    tail: Xxh3,
}

impl<C: Collect> Scan<C> {
    /// A pass starting at the offset `from`, a line start: the first
    /// line of the file or of its second half.
    fn new(from: u64, parse_to: u64, tail_from: u64, collected: C) -> Self {
        Self {
            offset: from,
            parse_to,
            tail_from,
            // Errors past the start are only reported by a whole read,
            // but a half must not take its first line for the header.
            lines_before: u64::from(from > 0),
            lines: 0,
            collected,
            whole: Xxh3::new(),
            tail: Xxh3::new(),
        }
    }

    /// Reads up to the offset `to` or the end of the file, complete lines
    /// only: what follows the last newline waits for the next slice, or
    /// at the end is a torn write (see [`parse`]).
    fn run(mut self, file: &File, path: &Path, to: u64) -> Result<Self, StoreError> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; SLICE];
        let mut filled = 0;
        loop {
            if filled == buf.len() {
                // A line longer than the buffer.
                buf.resize(buf.len() * 2, 0);
            }
            let at = self.offset + filled as u64;
            let room = (buf.len() - filled).min(usize::try_from(to - at).unwrap_or(usize::MAX));
            let read = match room {
                0 => 0,
                _ => match file.read_at(&mut buf[filled..filled + room], at) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(StoreError::io(path, e)),
                },
            };
            filled += read;
            let end = complete_lines(&buf[..filled]);
            if end > 0 {
                self.take(path, &buf[..end])?;
                buf.copy_within(end..filled, 0);
                filled -= end;
            }
            if read == 0 {
                return Ok(self);
            }
        }
    }

    /// Handles complete lines that start at `self.offset`.
    fn take(&mut self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let offset = self.offset;
        self.whole.update(bytes);
        let cut = |limit: u64| usize::try_from(limit.saturating_sub(offset)).unwrap_or(usize::MAX);
        if let Some(tail) = bytes.get(cut(self.tail_from)..) {
            self.tail.update(tail);
        }
        let parsed = &bytes[..cut(self.parse_to).min(bytes.len())];
        if !parsed.is_empty() {
            let lines = self.lines_before + self.lines;
            let text = std::str::from_utf8(parsed).map_err(|e| {
                let valid = e.valid_up_to();
                let text = String::from_utf8_lossy(&parsed[..valid]);
                let (line, col) = crate::format::line_col(&text, valid);
                StoreError::Parse {
                    path: path.to_path_buf(),
                    line: usize::try_from(lines).unwrap_or(usize::MAX) + line,
                    col,
                    message: "the file is not valid UTF-8".into(),
                }
            })?;
            self.lines += parse_into(path, text, lines, offset, &mut self.collected)?;
        }
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// The stamp of the file through the last complete line read.
    fn stamp(&self, meta: &std::fs::Metadata) -> FileStamp {
        FileStamp {
            len: self.offset,
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            hash: self.whole.digest128(),
        }
    }
}

/// The length of `bytes` up to and including its last newline.
pub(super) fn complete_lines(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// Parses like [`parse_counted`], handing each entry's line to `collect`:
/// `text` starts at byte `offset` of the file.
fn parse_into(
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

/// Appends entries durably. The caller holds the writer lock.
///
/// Nothing is ever appended to a line that does not parse: what follows
/// the last newline is settled first (see [`settle_tail`]). A write or
/// fsync that fails is undone, the file cut back to where it ended, so a
/// full disk leaves no fragment behind.
pub fn append(path: &Path, entries: &[Entry]) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let (mut file, created) = open_append(path).map_err(io)?;
    let mut buf = String::new();
    let mut len = file.metadata().map_err(io)?.len();
    if len > 0 {
        // Never add to a log this build cannot read back: another
        // program's file, or one from a newer netwerk.
        check_header(path, &mut file)?;
        let ended;
        (len, ended) = settle_tail(path, &file, len)?;
        if !ended {
            buf.push('\n');
        }
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
    // the torn-tail rule covers a crash, the undo a failure.
    let written = file
        .write_all(buf.as_bytes())
        .and_then(|()| file.sync_data());
    if let Err(e) = written {
        return Err(io(undo(&file, len, e)));
    }
    if created && let Some(dir) = path.parent() {
        sync_dir(dir).map_err(io)?;
    }
    Ok(())
}

/// Cuts `file` back to `len`, its length before an append that failed
/// with `e`, and says what became of it.
fn undo(file: &File, len: u64, e: std::io::Error) -> std::io::Error {
    let message = match file.set_len(len).and_then(|()| file.sync_data()) {
        Ok(()) => format!("{e}; nothing was saved, the history is as it was"),
        Err(undo) => format!(
            "{e}; nothing was saved, and what was written could not be cut off ({undo}): \
             the next save will cut it"
        ),
    };
    std::io::Error::new(e.kind(), message)
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
        // A header not yet ended: [`settle_tail`] sees to it.
        None if (head.len() as u64) < MAX => Ok(()),
        None => Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: "the first line is not a netwerk history header".into(),
        }),
    }
}

/// Settles the log's last line when it lacks its newline (`len` bytes
/// long), before an append. Readers ignore such a line (see [`parse`]).
/// Here, a whole JSON value is a line someone wrote without the final
/// newline (a hand append): it is kept, and must read as what its line
/// holds (an entry, or the header), else the append is refused with its
/// line. Anything else is a write cut off before it was acknowledged, and
/// is cut away. Returns the length kept and whether it ends a line.
fn settle_tail(path: &Path, file: &File, len: u64) -> Result<(u64, bool), StoreError> {
    use std::os::unix::fs::FileExt;
    let io = |e| StoreError::io(path, e);
    let start = last_line_start(file, len).map_err(io)?;
    if start == len {
        return Ok((len, true));
    }
    let mut last = vec![0u8; usize::try_from(len - start).unwrap_or(usize::MAX)];
    file.read_exact_at(&mut last, start).map_err(io)?;
    // A strict prefix of a line netwerk writes is never one whole value.
    let whole = serde_json::from_slice::<serde::de::IgnoredAny>(&last).is_ok();
    let text = match String::from_utf8(last) {
        Ok(text) if whole => text,
        _ => {
            file.set_len(start)
                .and_then(|()| file.sync_data())
                .map_err(io)?;
            return Ok((start, true));
        }
    };
    let before = match start {
        0 => 0,
        _ => count_lines(file, start).map_err(io)?,
    };
    parse_from(path, &format!("{text}\n"), before)?;
    Ok((len, false))
}

/// The bytes read at a time when searching the log from its end.
const BACK: u64 = 64 * 1024;

/// Where the line ending at `len` starts: just past the last newline
/// before `len`, however far back, or 0 if there is none.
fn last_line_start(file: &File, len: u64) -> std::io::Result<u64> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; BACK as usize];
    let mut end = len;
    while end > 0 {
        let from = end.saturating_sub(BACK);
        let chunk = &mut buf[..(end - from) as usize];
        file.read_exact_at(chunk, from)?;
        if let Some(i) = memchr::memrchr(b'\n', chunk) {
            return Ok(from + i as u64 + 1);
        }
        end = from;
    }
    Ok(0)
}

/// The newlines in the first `len` bytes of `file`.
fn count_lines(file: &File, len: u64) -> std::io::Result<u64> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; SLICE];
    let (mut at, mut lines) = (0, 0);
    while at < len {
        let n = usize::try_from(len - at).map_or(SLICE, |left| left.min(SLICE));
        file.read_exact_at(&mut buf[..n], at)?;
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        at += n as u64;
    }
    Ok(lines)
}

/// Replaces the whole log with `entries`, atomically: the one write that
/// is not an append, for restoring a backup. The caller holds the writer
/// lock.
pub fn rewrite(path: &Path, entries: &[Entry]) -> Result<(), StoreError> {
    let text = render(entries);
    crate::disk::atomic::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))
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
/// [`settle_tail`]): a last line without its newline is kept when it is a
/// whole JSON value (a hand append) and ignored otherwise (a torn write).
pub fn parse_settled(path: &Path, text: &str) -> Result<Vec<Entry>, StoreError> {
    let start = text.rfind('\n').map_or(0, |i| i + 1);
    let last = &text[start..];
    if !last.trim().is_empty() && serde_json::from_str::<serde::de::IgnoredAny>(last).is_ok() {
        return parse(path, &format!("{text}\n"));
    }
    parse(path, text)
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
    fn a_large_log_read_in_halves_equals_one_read_in_one_pass() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let whole = log(20_000);
        std::fs::write(&path, &whole).unwrap();
        let file = File::open(&path).unwrap();
        let meta = file.metadata().unwrap();
        let (entries, stamp, lines) =
            read_halves(&file, &path, &meta, &Vec::with_capacity).expect("read in halves");
        let one = Scan::new(0, u64::MAX, u64::MAX, Vec::new())
            .run(&file, &path, u64::MAX)
            .unwrap();
        assert_eq!(entries, one.collected);
        assert_eq!((stamp, lines), (one.stamp(&meta), one.lines));
        assert_eq!(lines, 20_001);
        // A file that grew after it was opened: both halves stop where it
        // ended then.
        let mut grown = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        grown
            .write_all(whole.lines().nth(5).unwrap().as_bytes())
            .unwrap();
        grown.write_all(b"\n").unwrap();
        assert_eq!(
            read_halves(&file, &path, &meta, &Vec::with_capacity)
                .unwrap()
                .0,
            entries
        );
        // A middle inside one line longer than the search for the next
        // line start: read in one pass.
        let mut fields = entries[3].fields();
        fields.note = "x".repeat(whole.len() + (3 << 20));
        let long = format!("{}{}", whole, line(&fields.into()));
        std::fs::write(&path, &long).unwrap();
        let file = File::open(&path).unwrap();
        assert!(
            read_halves(&file, &path, &file.metadata().unwrap(), &Vec::with_capacity).is_none()
        );
        let (read_long, _, lines) = read(&path).unwrap();
        assert_eq!(lines, 20_002);
        assert_eq!(read_long[..20_000], entries[..]);
    }

    #[test]
    fn lines_split_as_str_lines_splits_them() {
        // Carriage returns before newlines (an editor's), blank and
        // whitespace lines, a carriage return inside a line's JSON.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let whole = log(50);
        let mut crlf = String::new();
        for (i, line) in whole.lines().enumerate() {
            crlf.push_str(line);
            crlf.push_str(match i % 3 {
                0 => "\r\n",
                1 => "\n\r\n \t\n",
                _ => "\n",
            });
        }
        let odd = r#"{"id":"h","at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c","contact_name":"N","note":"a"}"#;
        crlf.push_str(&odd.replace(",\"note", "\r,\"note"));
        crlf.push_str("\r\n");
        std::fs::write(&path, &crlf).unwrap();
        let (entries, _, lines) = read(&path).unwrap();
        let by_lines: Vec<Entry> = crlf
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(entries.len(), 51);
        assert_eq!(entries, by_lines);
        assert_eq!(lines, crlf.matches('\n').count() as u64);
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
