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
//! Layout of each file: 8 magic bytes; a header (framing version, schema
//! hash, netwerk version, the source's stamp and line count, the record
//! count); the records, one after another (see [`crate::format::binary`]); and a
//! 128-bit xxh3 of everything before it.

use super::stamp::FileStamp;
use crate::disk::atomic::{DIR_MODE, FILE_MODE};
use crate::format::binary::{self, Record};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// The layout version of this file's framing; bump it when the framing
/// changes.
pub const VERSION: u64 = 2;
/// A hash of how records are written and of the records themselves: any
/// change to either makes older snapshots unread rather than misread,
/// without anyone having to remember a version bump.
const SCHEMA: u128 = {
    let parts: [&[u8]; 6] = [
        include_bytes!("../format/binary.rs"),
        include_bytes!("digest.rs"),
        include_bytes!("../domain/contact.rs"),
        include_bytes!("../domain/item.rs"),
        include_bytes!("../domain/link.rs"),
        include_bytes!("../domain/history.rs"),
    ];
    let mut sum = 0u128;
    let mut i = 0;
    while i < parts.len() {
        sum ^= xxhash_rust::const_xxh3::xxh3_128(parts[i]).rotate_left(i as u32 * 7);
        i += 1;
    }
    sum
};
/// Records per block: blocks of a few hundred KiB.
const BLOCK: usize = 2048;
/// The cache directory's name inside the data directory.
pub const DIR: &str = ".cache";
/// The first bytes of every snapshot file.
pub const MAGIC: &[u8; 8] = b"nwsnap\r\n";

/// The cache directory of a data directory.
pub fn dir(data: &Path) -> PathBuf {
    data.join(DIR)
}

fn file(data: &Path, source: &str) -> PathBuf {
    dir(data).join(format!("{source}.bin"))
}

/// What a snapshot says of itself before its records.
#[derive(Serialize, Deserialize)]
struct Header {
    version: u64,
    schema: u128,
    netwerk: String,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
    hash: u128,
    lines: u64,
    count: u64,
}

/// A snapshot whose header checked out; its records are decoded (and the
/// checksum verified) only once the caller has compared the stamp with
/// the disk.
pub struct Opened {
    /// The stamp of the source bytes the records came from. For the
    /// history log these are its complete lines only (see `lines`).
    pub stamp: FileStamp,
    /// How many lines of the source the records cover.
    pub lines: u64,
    count: u64,
    file: BufReader<File>,
    hash: Xxh3,
    /// Bytes after the header, the checksum included.
    left: u64,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("stamp", &self.stamp)
            .field("lines", &self.lines)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl Opened {
    /// Reads `n` bytes into `buf`, hashing them; never more than are left.
    fn exact(&mut self, buf: &mut Vec<u8>, n: u64) -> Option<()> {
        self.left = self.left.checked_sub(n)?;
        buf.resize(usize::try_from(n).ok()?, 0);
        self.file.read_exact(buf).ok()?;
        self.hash.update(buf);
        Some(())
    }

    /// Decodes the records; `None` if anything is corrupt, the checksum
    /// included.
    pub fn records<T: Record>(mut self) -> Option<Vec<T>> {
        // Every record takes at least a byte: no count may claim more.
        let mut out = Vec::with_capacity(usize::try_from(self.count.min(self.left)).ok()?);
        let mut buf = Vec::new();
        while (out.len() as u64) < self.count {
            self.exact(&mut buf, 4)?;
            let len = u32::from_le_bytes(buf[..4].try_into().ok()?);
            self.exact(&mut buf, len.into())?;
            let mut rest = &buf[..];
            while !rest.is_empty() && (out.len() as u64) < self.count {
                let (record, after) = binary::decode::<T>(rest)?;
                out.push(record);
                rest = after;
            }
            if !rest.is_empty() {
                return None;
            }
        }
        let mut sum = [0u8; 16];
        self.file.read_exact(&mut sum).ok()?;
        let at_end = self.left == 16 && matches!(self.file.read(&mut [0u8]), Ok(0));
        (u128::from_le_bytes(sum) == self.hash.digest128() && at_end).then_some(out)
    }
}

/// Opens the snapshot of `source` (a data file's name), or `None` if there
/// is no usable one.
pub fn open(data: &Path, source: &str) -> Option<Opened> {
    let f = open_file(data, &format!("{source}.bin"))?;
    let size = f.metadata().ok()?.len();
    let mut file = BufReader::with_capacity(64 * 1024, f);
    let head = file.fill_buf().ok()?;
    if !head.starts_with(MAGIC) {
        return None;
    }
    let (h, rest) = binary::decode_plain::<Header>(&head[MAGIC.len()..])?;
    if h.version != VERSION || h.schema != SCHEMA || h.netwerk != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let used = head.len() - rest.len();
    let mut hash = Xxh3::new();
    hash.update(&head[..used]);
    file.consume(used);
    Some(Opened {
        stamp: FileStamp {
            len: h.len,
            mtime: h.mtime,
            mtime_nsec: h.mtime_nsec,
            hash: h.hash,
        },
        lines: h.lines,
        count: h.count,
        file,
        hash,
        left: size.checked_sub(used as u64)?,
    })
}

/// Writes the snapshot of `source` from `count` records. Callers ignore
/// the error: a cache that cannot be written (read-only data directory,
/// full disk) only makes the next start slower.
pub fn write<'a, T: Record + 'a>(
    data: &Path,
    source: &str,
    stamp: &FileStamp,
    lines: u64,
    (count, records): (usize, impl IntoIterator<Item = &'a T>),
) -> io::Result<()> {
    let dir = ensure_dir(data)?;
    sweep_stale_temps(&dir, source);
    let tmp = crate::disk::temp::file_in(&dir, &format!("{source}.bin"))?;
    let mut w = BufWriter::with_capacity(256 * 1024, tmp);
    let mut hash = Xxh3::new();
    let mut put = |w: &mut BufWriter<_>, bytes: &[u8]| {
        hash.update(bytes);
        w.write_all(bytes)
    };
    let header = Header {
        version: VERSION,
        schema: SCHEMA,
        netwerk: env!("CARGO_PKG_VERSION").into(),
        len: stamp.len,
        mtime: stamp.mtime,
        mtime_nsec: stamp.mtime_nsec,
        hash: stamp.hash,
        lines,
        count: count as u64,
    };
    let mut block = MAGIC.to_vec();
    binary::encode_plain(&header, &mut block);
    put(&mut w, &block)?;
    block.clear();
    // Blocks of a few thousand records: a load streams them through one
    // small buffer instead of holding the file whole.
    let mut flush = |w: &mut BufWriter<_>, block: &mut Vec<u8>| -> io::Result<()> {
        let len = u32::try_from(block.len()).map_err(io::Error::other)?;
        put(w, &len.to_le_bytes())?;
        put(w, block)?;
        block.clear();
        Ok(())
    };
    for (i, r) in records.into_iter().enumerate() {
        binary::encode(r, &mut block);
        if i % BLOCK == BLOCK - 1 {
            flush(&mut w, &mut block)?;
        }
    }
    if !block.is_empty() {
        flush(&mut w, &mut block)?;
    }
    w.write_all(&hash.digest128().to_le_bytes())?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(file(data, source)).map_err(|e| e.error)?;
    Ok(())
}

/// The one value kept as `name` (see [`write_derived`]), if it was derived
/// from exactly the content `source` describes and reads back sound.
pub fn read_derived<T: Record>(data: &Path, name: &str, source: &FileStamp) -> Option<T> {
    let opened = open(data, name)?;
    if !opened.stamp.same_content(source) {
        return None;
    }
    let mut values = opened.records::<T>()?;
    let value = values.pop()?;
    values.is_empty().then_some(value)
}

/// Keeps `value`, derived from the content `source` describes, as `name`
/// in the cache. Like every snapshot, only a faster next read depends on
/// it.
pub fn write_derived<T: Record>(
    data: &Path,
    name: &str,
    source: &FileStamp,
    value: &T,
) -> io::Result<()> {
    write(data, name, source, 0, (1, std::iter::once(value)))
}

/// Removes temp files of `source`'s snapshot left by a process that
/// ended mid-write (a quit or a signal while the worker was writing one):
/// those whose process is gone, and old ones in the naming of earlier
/// versions, which carry no process id (a young one may be another
/// process's write in progress).
fn sweep_stale_temps(dir: &Path, source: &str) {
    crate::disk::temp::sweep(dir, None);
    let prefix = format!(".{source}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let temp = name.to_str().is_some_and(|n| {
            n.starts_with(&prefix) && n.ends_with(".tmp") && !n.contains(".netwerk-")
        });
        let stale = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() >= 60))
        };
        if temp && stale() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The cache directory, if it is a real directory: a symlink (or
/// anything else) there is never followed — the cache is optional, so
/// it is simply not used.
fn real_dir(data: &Path) -> Option<PathBuf> {
    let dir = dir(data);
    fs::symlink_metadata(&dir)
        .is_ok_and(|m| m.file_type().is_dir())
        .then_some(dir)
}

/// Opens the cache file `name` for reading: only a regular file in a real
/// cache directory, never through a symlink, never blocking on a FIFO.
pub(crate) fn open_file(data: &Path, name: &str) -> Option<File> {
    let f = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(real_dir(data)?.join(name))
        .ok()?;
    crate::disk::safe_path::check_regular(&f).ok()?;
    Some(f)
}

/// Creates the cache directory owner-only, with a `.gitignore` so a data
/// directory kept in git never commits it. Refuses (and the caller then
/// goes without a cache) when `.cache` is a symlink or not a directory:
/// nothing is ever written through a link out of the data directory.
pub(crate) fn ensure_dir(data: &Path) -> io::Result<PathBuf> {
    let dir = dir(data);
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_dir() => {
            if m.permissions().mode() & 0o777 != DIR_MODE {
                fs::set_permissions(&dir, fs::Permissions::from_mode(DIR_MODE))?;
            }
        }
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the cache is not a real directory; not used",
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            crate::disk::atomic::ensure_private_dir(&dir)?;
        }
        Err(e) => return Err(e),
    }
    let ignore = dir.join(".gitignore");
    if fs::symlink_metadata(&ignore).is_err() {
        // `create_new` with O_NOFOLLOW: never through a link, never over
        // a file someone put there.
        let made = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW)
            .mode(FILE_MODE)
            .open(&ignore);
        match made {
            Ok(mut f) => f.write_all(b"*\n")?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(dir)
}
