//! What a data file looked like when it was read: length, mtime and a
//! hash of its bytes. The hash is what decides whether two stamps describe
//! the same content — an editor can keep a file's size and mtime while
//! changing it, so length and mtime alone can never prove "unchanged".

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// Read size while hashing a file we do not need to keep in memory.
const CHUNK: usize = 1 << 20;

/// The identity of one data file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileStamp {
    /// Length in bytes (0 for a missing file).
    pub len: u64,
    /// Modification time, seconds since the epoch (0 for a missing file).
    pub mtime: i64,
    /// Nanoseconds part of the modification time.
    pub mtime_nsec: i64,
    /// 128-bit xxh3 of the bytes: wide enough that a collision hiding an
    /// edit is not a practical concern.
    pub hash: u128,
}

impl FileStamp {
    /// The stamp of a missing file. It hashes like an empty file because
    /// it parses like one.
    pub fn missing() -> Self {
        Self {
            hash: xxh3_128(b""),
            ..Self::default()
        }
    }

    /// Whether both stamps describe the same bytes. The mtime is left out
    /// on purpose: a `touch` or a `git checkout` that rewrites identical
    /// bytes changes nothing netwerk has to re-read.
    pub fn same_content(&self, other: &FileStamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// What each data file looked like when it was read, by file name (see
/// [`super::FILES`]). A file with no stamp is unknown: the next save
/// re-reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps(BTreeMap<&'static str, FileStamp>);

impl Stamps {
    /// The stamp of `file`, if known.
    pub fn get(&self, file: &str) -> Option<FileStamp> {
        self.0.get(file).copied()
    }

    /// Records the stamp of `file`, or forgets it with `None`.
    pub fn set(&mut self, file: &'static str, stamp: Option<FileStamp>) {
        match stamp {
            Some(s) => self.0.insert(file, s),
            None => self.0.remove(file),
        };
    }

    /// One stamp for the content of every file in `files`, so something
    /// derived from all of them is used only for exactly those contents;
    /// `None` while any of them is unknown.
    pub fn combined(&self, files: &[&str]) -> Option<FileStamp> {
        let mut hasher = Xxh3::new();
        let mut len = 0u64;
        for file in files {
            let s = self.get(file)?;
            hasher.update(file.as_bytes());
            hasher.update(&s.len.to_le_bytes());
            hasher.update(&s.hash.to_le_bytes());
            len = len.saturating_add(s.len);
        }
        Some(FileStamp {
            len,
            hash: hasher.digest128(),
            ..FileStamp::default()
        })
    }
}

impl FromIterator<(&'static str, FileStamp)> for Stamps {
    fn from_iter<I: IntoIterator<Item = (&'static str, FileStamp)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// Reads a whole file with its stamp, taken from the same open file so the
/// two always agree. A missing file reads as empty.
pub fn read_stamped(path: &Path) -> io::Result<(Vec<u8>, FileStamp)> {
    match crate::disk::safe_path::open_read(path) {
        Ok(mut f) => {
            let meta = f.metadata()?;
            let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
            f.read_to_end(&mut bytes)?;
            let stamp = FileStamp {
                len: bytes.len() as u64,
                mtime: meta.mtime(),
                mtime_nsec: meta.mtime_nsec(),
                hash: xxh3_128(&bytes),
            };
            Ok((bytes, stamp))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((Vec::new(), FileStamp::missing())),
        Err(e) => Err(e),
    }
}

/// Stamps a file without keeping its bytes, reading it in chunks so a
/// large file costs no memory.
pub fn stamp_file(path: &Path) -> io::Result<FileStamp> {
    stamp_file_seeing(path, &mut |_, _| {})
}

/// Stamps a file like [`stamp_file`], showing `see` each chunk read, with
/// its offset.
pub fn stamp_file_seeing(path: &Path, see: &mut dyn FnMut(u64, &[u8])) -> io::Result<FileStamp> {
    match crate::disk::safe_path::open_read(path) {
        Ok(mut f) => {
            let meta = f.metadata()?;
            let mut hasher = Xxh3::new();
            let len = hash_into_seeing(&mut f, u64::MAX, &mut hasher, see)?;
            let hash = hasher.digest128();
            Ok(FileStamp {
                len,
                mtime: meta.mtime(),
                mtime_nsec: meta.mtime_nsec(),
                hash,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(FileStamp::missing()),
        Err(e) => Err(e),
    }
}

/// Hashes up to `limit` bytes from the reader's position; returns how many
/// bytes were hashed and their hash.
pub fn hash_prefix(reader: &mut impl Read, limit: u64) -> io::Result<(u64, u128)> {
    let mut hasher = Xxh3::new();
    let n = hash_into(reader, limit, &mut hasher)?;
    Ok((n, hasher.digest128()))
}

/// Feeds up to `limit` bytes from the reader's position into `hasher`;
/// returns how many there were.
pub fn hash_into(reader: &mut impl Read, limit: u64, hasher: &mut Xxh3) -> io::Result<u64> {
    hash_into_seeing(reader, limit, hasher, &mut |_, _| {})
}

fn hash_into_seeing(
    reader: &mut impl Read,
    limit: u64,
    hasher: &mut Xxh3,
    see: &mut dyn FnMut(u64, &[u8]),
) -> io::Result<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    while done < limit {
        let want = (limit - done).min(CHUNK as u64) as usize;
        let n = match reader.read(&mut buf[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        see(done, &buf[..n]);
        done += n as u64;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_and_one_shot_hashes_agree() {
        let bytes: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i * 31 % 251) as u8).collect();
        let (n, h) = hash_prefix(&mut bytes.as_slice(), u64::MAX).unwrap();
        assert_eq!((n, h), (bytes.len() as u64, xxh3_128(&bytes)));
        let (n, h) = hash_prefix(&mut bytes.as_slice(), 1000).unwrap();
        assert_eq!((n, h), (1000, xxh3_128(&bytes[..1000])));
        assert_eq!(FileStamp::missing().hash, xxh3_128(b""));
    }
}
