//! The derived snapshot cache in `<data>/.cache/`: each source file's
//! records in a fast binary form, tagged with the stamp of the source
//! bytes they were parsed from.
//!
//! It is never the source of truth. A snapshot is used only when its
//! stamp matches the file on disk (length and content hash), and anything
//! wrong with it — missing, unreadable, corrupt, from another version — just
//! means the source is parsed again and the snapshot rewritten. Writes are
//! atomic (temp file + rename) so a reader never sees half a snapshot, but
//! not fsynced: losing one to a crash costs a re-parse, nothing more, and
//! the checksum catches a file the crash left empty or torn.
//!
//! Layout of each file: 8 magic bytes, a 128-bit xxh3 of the rest, then the
//! body — cache version, netwerk version, the source's stamp and line
//! count, the length of the record bytes — then the record bytes (count
//! and records) and the string arena (see [`super::codec`]).

use super::atomic::{DIR_MODE, FILE_MODE};
use super::codec::{Dec, Enc, Record};
use super::stamp::FileStamp;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// Bump whenever the encoding of any record changes, so older snapshots
/// are ignored instead of misread.
pub const VERSION: u64 = 1;
/// The cache directory's name inside the data directory.
pub const DIR: &str = ".cache";
/// The first bytes of every snapshot file.
pub const MAGIC: &[u8; 8] = b"nwsnap\r\n";
const HEAD: usize = MAGIC.len() + 16;

/// The cache directory of a data directory.
pub fn dir(data: &Path) -> PathBuf {
    data.join(DIR)
}

fn file(data: &Path, source: &str) -> PathBuf {
    dir(data).join(format!("{source}.bin"))
}

/// A snapshot whose checksum and version checked out; its records are
/// decoded only once the caller has compared the stamp with the disk.
#[derive(Debug)]
pub struct Opened {
    /// The stamp of the source bytes the records came from. For the
    /// history log these are its complete lines only (see `lines`).
    pub stamp: FileStamp,
    /// How many lines of the source the records cover.
    pub lines: u64,
    bytes: Vec<u8>,
    records_at: usize,
    records_len: usize,
}

impl Opened {
    /// Decodes the records; `None` if they turn out corrupt.
    pub fn records<T: Record>(&self) -> Option<Vec<T>> {
        let (records, arena) = self
            .bytes
            .get(self.records_at..)?
            .split_at_checked(self.records_len)?;
        let arena = std::str::from_utf8(arena).ok()?;
        let mut d = Dec::new(records, arena);
        let n = d.count().ok()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::decode(&mut d).ok()?);
        }
        d.at_end().then_some(out)
    }
}

/// Opens the snapshot of `source` (a data file's name), or `None` if there
/// is no usable one.
pub fn open(data: &Path, source: &str) -> Option<Opened> {
    let bytes = fs::read(file(data, source)).ok()?;
    let (magic, rest) = bytes.split_at_checked(MAGIC.len())?;
    let (sum, body) = rest.split_at_checked(16)?;
    if magic != MAGIC || u128::from_le_bytes(sum.try_into().ok()?) != xxh3_128(body) {
        return None;
    }
    let mut d = Dec::new(body, "");
    if d.uint().ok()? != VERSION || d.inline_str().ok()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let stamp = FileStamp {
        len: d.uint().ok()?,
        mtime: d.int().ok()?,
        mtime_nsec: d.int().ok()?,
        hash: d.u128().ok()?,
    };
    let lines = d.uint().ok()?;
    let records_len = usize::try_from(d.uint().ok()?).ok()?;
    let records_at = HEAD + body.len() - d.remaining();
    Some(Opened {
        stamp,
        lines,
        bytes,
        records_at,
        records_len,
    })
}

/// Writes the snapshot of `source` from `count` records. Callers ignore the error: a cache
/// that cannot be written (read-only data directory, full disk) only
/// makes the next start slower.
pub fn write<'a, T: Record + 'a>(
    data: &Path,
    source: &str,
    stamp: &FileStamp,
    lines: u64,
    (count, records): (usize, impl IntoIterator<Item = &'a T>),
) -> io::Result<()> {
    let mut rec = Enc::default();
    // A rough size guess saves most of the reallocations.
    rec.buf.reserve(stamp.len as usize / 8 + 64);
    rec.strs.reserve(stamp.len as usize / 2 + 64);
    rec.uint(count as u64);
    for r in records {
        r.encode(&mut rec);
    }
    let mut head = Enc::default();
    head.uint(VERSION);
    head.inline_str(env!("CARGO_PKG_VERSION"));
    head.uint(stamp.len);
    head.int(stamp.mtime);
    head.int(stamp.mtime_nsec);
    head.u128(stamp.hash);
    head.uint(lines);
    head.uint(rec.buf.len() as u64);
    let parts = [&head.buf[..], &rec.buf, rec.strs.as_bytes()];
    let mut sum = Xxh3::new();
    for p in parts {
        sum.update(p);
    }
    let dir = ensure_dir(data)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{source}."))
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(FILE_MODE))
        .tempfile_in(&dir)?;
    tmp.write_all(MAGIC)?;
    tmp.write_all(&sum.digest128().to_le_bytes())?;
    for p in parts {
        tmp.write_all(p)?;
    }
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    tmp.persist(file(data, source)).map_err(|e| e.error)?;
    Ok(())
}

/// Creates the cache directory owner-only, with a `.gitignore` so a data
/// directory kept in git never commits it.
fn ensure_dir(data: &Path) -> io::Result<PathBuf> {
    let dir = dir(data);
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {
            if m.permissions().mode() & 0o777 != DIR_MODE {
                fs::set_permissions(&dir, fs::Permissions::from_mode(DIR_MODE))?;
            }
        }
        _ => {
            fs::create_dir_all(&dir)?;
            fs::set_permissions(&dir, fs::Permissions::from_mode(DIR_MODE))?;
        }
    }
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(FILE_MODE)
            .open(&ignore)?
            .write_all(b"*\n")?;
    }
    Ok(dir)
}
