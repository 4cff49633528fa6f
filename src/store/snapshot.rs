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
//! Layout of each file: 8 magic bytes; a header (framing version, encoder
//! schema hash, netwerk version, the source's stamp and line count, the record count); blocks
//! of a few thousand records, each its record bytes and string arena (see
//! [`super::codec`]); and a 128-bit xxh3 of everything before it. Blocks
//! let a load stream the file through one small buffer instead of
//! holding it whole, and the trailing checksum lets the writer stream too.

use super::atomic::{DIR_MODE, FILE_MODE};
use super::codec::{Dec, Enc, Record};
use super::stamp::FileStamp;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// The layout version of this file's framing; bump it when the framing
/// changes.
pub const VERSION: u64 = 1;
/// A hash of the record encoder's source. Any change to how records are
/// encoded (and every domain field change forces one, see
/// [`super::codec`]) makes older snapshots unreadable rather than misread,
/// without anyone having to remember a version bump.
const SCHEMA: u128 = xxhash_rust::const_xxh3::xxh3_128(include_bytes!("codec.rs"));
/// The cache directory's name inside the data directory.
pub const DIR: &str = ".cache";
/// The first bytes of every snapshot file.
pub const MAGIC: &[u8; 8] = b"nwsnap\r\n";
/// Records per block: blocks of a few hundred KiB.
const BLOCK: usize = 2048;

/// The cache directory of a data directory.
pub fn dir(data: &Path) -> PathBuf {
    data.join(DIR)
}

fn file(data: &Path, source: &str) -> PathBuf {
    dir(data).join(format!("{source}.bin"))
}

/// Reads through a buffer, hashing every byte it hands out.
struct Hashing<R> {
    inner: R,
    hash: Xxh3,
    /// Bytes not yet read: no length in the file may claim more.
    left: u64,
}

impl<R: Read> Hashing<R> {
    fn exact(&mut self, buf: &mut [u8]) -> Option<()> {
        self.inner.read_exact(buf).ok()?;
        self.hash.update(buf);
        self.left = self.left.checked_sub(buf.len() as u64)?;
        Some(())
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let mut b = [0u8];
            self.exact(&mut b)?;
            v |= u64::from(b[0] & 0x7f) << shift;
            if b[0] & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A length read from the file, refused if longer than what is left.
    fn len(&mut self) -> Option<usize> {
        let n = self.uint()?;
        (n <= self.left)
            .then_some(n)
            .and_then(|n| usize::try_from(n).ok())
    }
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
    count: usize,
    reader: Hashing<BufReader<File>>,
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
    /// Decodes the records; `None` if anything is corrupt, the checksum
    /// included.
    pub fn records<T: Record>(mut self) -> Option<Vec<T>> {
        let r = &mut self.reader;
        let mut out = Vec::with_capacity(self.count.min(r.left as usize));
        let mut buf = Vec::new();
        while out.len() < self.count {
            let (rec_len, arena_len) = (r.len()?, r.len()?);
            buf.resize(rec_len.checked_add(arena_len)?, 0);
            r.exact(&mut buf)?;
            let (rec, arena) = buf.split_at(rec_len);
            let mut d = Dec::new(rec, std::str::from_utf8(arena).ok()?);
            while d.remaining() > 0 && out.len() < self.count {
                out.push(T::decode(&mut d).ok()?);
            }
            if !d.at_end() {
                return None;
            }
        }
        let want = r.hash.digest128();
        let mut sum = [0u8; 16];
        r.inner.read_exact(&mut sum).ok()?;
        let mut extra = [0u8];
        let at_end = matches!(r.inner.read(&mut extra), Ok(0));
        (u128::from_le_bytes(sum) == want && at_end).then_some(out)
    }
}

/// Opens the snapshot of `source` (a data file's name), or `None` if there
/// is no usable one.
pub fn open(data: &Path, source: &str) -> Option<Opened> {
    let f = open_file(data, &format!("{source}.bin"))?;
    let size = f.metadata().ok()?.len();
    let mut r = Hashing {
        inner: BufReader::with_capacity(64 * 1024, f),
        hash: Xxh3::new(),
        left: size.checked_sub(16)?,
    };
    let mut magic = [0u8; 8];
    r.exact(&mut magic)?;
    let mut schema = [0u8; 16];
    if &magic != MAGIC || r.uint()? != VERSION || r.exact(&mut schema).is_none() {
        return None;
    }
    if u128::from_le_bytes(schema) != SCHEMA {
        return None;
    }
    let mut version = vec![0u8; r.len()?];
    r.exact(&mut version)?;
    if version != env!("CARGO_PKG_VERSION").as_bytes() {
        return None;
    }
    let len = r.uint()?;
    let mtime = zigzag(r.uint()?);
    let mtime_nsec = zigzag(r.uint()?);
    let mut hash = [0u8; 16];
    r.exact(&mut hash)?;
    let lines = r.uint()?;
    let count = r.len()?;
    Some(Opened {
        stamp: FileStamp {
            len,
            mtime,
            mtime_nsec,
            hash: u128::from_le_bytes(hash),
        },
        lines,
        count,
        reader: r,
    })
}

fn zigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// Writes through a buffer, hashing every byte.
struct HashingWriter<W: Write> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> HashingWriter<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.inner.write_all(bytes)
    }
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
    let tmp = super::temp::file_in(&dir, &format!("{source}.bin"))?;
    let mut w = HashingWriter {
        inner: BufWriter::with_capacity(256 * 1024, tmp),
        hash: Xxh3::new(),
    };
    let mut head = Enc::default();
    head.buf.extend_from_slice(MAGIC);
    head.uint(VERSION);
    head.u128(SCHEMA);
    head.inline_str(env!("CARGO_PKG_VERSION"));
    head.uint(stamp.len);
    head.int(stamp.mtime);
    head.int(stamp.mtime_nsec);
    head.u128(stamp.hash);
    head.uint(lines);
    head.uint(count as u64);
    w.put(&head.buf)?;
    let mut block = Enc::default();
    let mut in_block = 0;
    let flush = |block: &mut Enc, w: &mut HashingWriter<_>| -> io::Result<()> {
        let mut lens = Enc::default();
        lens.uint(block.buf.len() as u64);
        lens.uint(block.strs.len() as u64);
        w.put(&lens.buf)?;
        w.put(&block.buf)?;
        w.put(block.strs.as_bytes())?;
        block.buf.clear();
        block.strs.clear();
        Ok(())
    };
    for r in records {
        r.encode(&mut block);
        in_block += 1;
        if in_block == BLOCK {
            flush(&mut block, &mut w)?;
            in_block = 0;
        }
    }
    if in_block > 0 {
        flush(&mut block, &mut w)?;
    }
    let sum = w.hash.digest128();
    let mut inner = w.inner;
    inner.write_all(&sum.to_le_bytes())?;
    let tmp = inner.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(file(data, source)).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temp files of `source`'s snapshot left by a process that
/// ended mid-write (a quit or a signal while the worker was writing one):
/// those whose process is gone, and old ones in the naming of earlier
/// versions, which carry no process id (a young one may be another
/// process's write in progress).
fn sweep_stale_temps(dir: &Path, source: &str) {
    super::temp::sweep(dir, None);
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
    super::safe_path::check_regular(&f).ok()?;
    Some(f)
}

/// Replaces the cache file `name` with what `fill` writes, atomically
/// (temp file + rename, which replaces a symlink rather than following
/// it). Not fsynced: a cache lost to a crash costs a re-parse.
pub(crate) fn replace_file(data: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let dir = ensure_dir(data)?;
    super::temp::sweep(&dir, None);
    let mut tmp = super::temp::file_in(&dir, name)?;
    tmp.write_all(bytes)?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
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
            super::atomic::ensure_private_dir(&dir)?;
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
