//! Which paths netwerk may read, replace or write to: one place that
//! looks at what is really there (following symlinks, without ever
//! opening anything that could block) and decides.
//!
//! - A data file (`contacts.toml`, `queue.toml`, `history.jsonl`,
//!   `.lock`) is a regular file, a symlink to one (written through: the
//!   final target is replaced, the link kept) or absent. Anything else —
//!   a dangling link, a loop, a FIFO, a socket, a device, a directory —
//!   is refused by name before the writer lock is taken.
//! - An export target is a new path, a regular file (or a link to one,
//!   written through), or a stream — a FIFO, a character device such as
//!   `/dev/null` or a terminal, or a descriptor the shell opened
//!   (`/dev/stdout`, `/dev/fd/N`) — written to in place, never renamed
//!   over. Block devices, sockets, directories and anything inside the
//!   data directory are refused.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// What stands at a path, symlinks followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Nothing: the path may be created.
    Missing,
    /// A regular file; the path with every symlink resolved.
    File(PathBuf),
    /// A directory.
    Directory,
    /// A named pipe.
    Fifo,
    /// A character device (a terminal, `/dev/null`).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// A Unix socket.
    Socket,
}

impl Found {
    /// What a path that is not a regular file is.
    fn other(t: fs::FileType) -> Found {
        if t.is_dir() {
            Found::Directory
        } else if t.is_fifo() {
            Found::Fifo
        } else if t.is_char_device() {
            Found::CharDevice
        } else if t.is_block_device() {
            Found::BlockDevice
        } else {
            Found::Socket
        }
    }
}

/// Why netwerk will not use a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A symlink whose target does not exist.
    Dangling(PathBuf),
    /// A symlink chain that never ends.
    Loop,
    /// Something other than what was wanted (never [`Found::Missing`]
    /// or [`Found::File`] for a data file).
    Kind(Found),
    /// Something an export cannot be written to.
    NotExportable(Found),
    /// A file where a directory was wanted.
    NotADirectory,
    /// An export aimed at netwerk's own data.
    InsideData(PathBuf),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = |found: &Found| match found {
            Found::Missing => "missing",
            Found::File(_) => "a regular file",
            Found::Directory => "a directory",
            Found::Fifo => "a named pipe (FIFO)",
            Found::CharDevice => "a character device",
            Found::BlockDevice => "a block device",
            Found::Socket => "a socket",
        };
        match self {
            Refusal::Dangling(to) => write!(
                f,
                "is a symbolic link to {}, which does not exist; fix or remove the link",
                to.display()
            ),
            Refusal::Loop => f.write_str("too many levels of symbolic links (a symlink loop)"),
            Refusal::Kind(found) => write!(
                f,
                "is {}, not a regular file; netwerk reads and writes only regular files (or symlinks to them)",
                kind(found)
            ),
            Refusal::NotExportable(found) => write!(
                f,
                "is {}; an export goes to a new or regular file, a pipe or a character device",
                kind(found)
            ),
            Refusal::NotADirectory => f.write_str("is not a directory"),
            Refusal::InsideData(dir) => write!(
                f,
                "is inside the data directory {}; export somewhere else",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// As an I/O error, for code that reports `path: error`.
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, self)
    }
}

/// A path netwerk will not use, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: {refusal}", path.display())]
pub struct PathError {
    /// The path as the user or netwerk named it.
    pub path: PathBuf,
    /// Why.
    pub refusal: Refusal,
}

/// Either a refusal or the operating system's error, with the path.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// netwerk will not use the path.
    #[error(transparent)]
    Refused(#[from] PathError),
    /// The path could not be examined.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

fn is_loop(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

/// Looks at what is at `path`, following symlinks, without opening it.
/// A dangling link and a loop are refusals, not [`Found::Missing`]: a
/// create through either would write somewhere the user did not mean.
pub fn look(path: &Path) -> Result<Found, CheckError> {
    let refuse = |refusal| PathError {
        path: path.to_path_buf(),
        refusal,
    };
    let io_err = |source| CheckError::Io {
        path: path.to_path_buf(),
        source,
    };
    let link = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) if is_loop(&e) => return Err(refuse(Refusal::Loop).into()),
        Err(e) => return Err(io_err(e)),
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let to = fs::read_link(path).unwrap_or_default();
                return Err(refuse(Refusal::Dangling(to)).into());
            }
            Err(e) if is_loop(&e) => return Err(refuse(Refusal::Loop).into()),
            Err(e) => return Err(io_err(e)),
        }
    } else {
        link
    };
    let t = meta.file_type();
    Ok(if t.is_file() {
        let real = if link_free(path) {
            path.to_path_buf()
        } else {
            fs::canonicalize(path).map_err(|e| {
                if is_loop(&e) {
                    refuse(Refusal::Loop).into()
                } else {
                    io_err(e)
                }
            })?
        };
        Found::File(real)
    } else {
        Found::other(t)
    })
}

/// Whether `path` itself is not a symlink (its directories may be; a
/// rename in the same directory then still replaces the right file).
fn link_free(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink())
}

/// The rule for a data file: absent (`None`), or a regular file reached
/// directly or through symlinks (`Some(the file to replace)`).
pub fn data_file(path: &Path) -> Result<Option<PathBuf>, CheckError> {
    match look(path)? {
        Found::Missing => Ok(None),
        Found::File(real) => Ok(Some(real)),
        other => Err(PathError {
            path: path.to_path_buf(),
            refusal: Refusal::Kind(other),
        }
        .into()),
    }
}

/// The rule for the data directory: absent (`false`: to be created) or
/// a directory, reached directly or through symlinks (`true`).
pub fn data_dir(path: &Path) -> Result<bool, CheckError> {
    match look(path)? {
        Found::Missing => Ok(false),
        Found::Directory => Ok(true),
        _ => Err(PathError {
            path: path.to_path_buf(),
            refusal: Refusal::NotADirectory,
        }
        .into()),
    }
}

/// Where an export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportTarget {
    /// A new file, or a regular file (the resolved path) replaced
    /// atomically.
    File(PathBuf),
    /// A pipe, a character device or a descriptor the shell opened:
    /// opened for writing (appending, never truncating or creating) and
    /// written in place.
    Stream(PathBuf),
}

/// A descriptor the shell already opened (`/dev/stdout`, `/dev/fd/3`,
/// `/proc/self/fd/1`): whatever it leads to — even a regular file opened
/// with `>>` — is the shell's to manage, so it is written as a stream.
fn is_descriptor(path: &Path) -> bool {
    let s = path.as_os_str().to_string_lossy();
    ["/dev/stdout", "/dev/stderr"].contains(&s.as_ref())
        || s.starts_with("/dev/fd/")
        || s.starts_with("/proc/self/fd/")
        || s.starts_with(&format!("/proc/{}/fd/", std::process::id()))
}

/// The rule for `export --out`: see the module docs. `data` is the data
/// directory, compared after resolving every symlink on both sides.
pub fn export_target(path: &Path, data: &Path) -> Result<ExportTarget, CheckError> {
    if is_descriptor(path) {
        return Ok(ExportTarget::Stream(path.to_path_buf()));
    }
    let refuse = |refusal| -> CheckError {
        PathError {
            path: path.to_path_buf(),
            refusal,
        }
        .into()
    };
    let io_err = |at: &Path, source| CheckError::Io {
        path: at.to_path_buf(),
        source,
    };
    let resolved = match look(path)? {
        // Resolved fully, so `../data/./contacts.toml` is recognised.
        Found::File(_) => fs::canonicalize(path).map_err(|e| io_err(path, e))?,
        Found::Missing => {
            not_yet(path).map_err(|e| e.unwrap_or_else(|| refuse(Refusal::NotADirectory)))?
        }
        Found::Fifo | Found::CharDevice => return Ok(ExportTarget::Stream(path.to_path_buf())),
        other => return Err(refuse(Refusal::NotExportable(other))),
    };
    if let Ok(data) = fs::canonicalize(data)
        && resolved.starts_with(&data)
    {
        return Err(refuse(Refusal::InsideData(data)));
    }
    Ok(ExportTarget::File(resolved))
}

/// Where `path`, which does not exist yet, will be: its parent resolved
/// (every symlink followed), then its name. `Err(None)` when it has no
/// name (`..`, `/`).
fn not_yet(path: &Path) -> Result<PathBuf, Option<CheckError>> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().ok_or(None)?;
    let parent = fs::canonicalize(parent).map_err(|source| {
        Some(CheckError::Io {
            path: path.to_path_buf(),
            source,
        })
    })?;
    Ok(parent.join(name))
}

/// The rule for a vdir (`export vdir DIR`, `import vdir DIR`): a
/// directory, or nothing yet, anywhere but inside the data directory
/// `data` (compared after resolving every symlink); a vdir's cards are
/// rewritten and removed, and netwerk's own files must never be among
/// them. Returns the directory resolved.
pub fn vdir(path: &Path, data: &Path) -> Result<PathBuf, CheckError> {
    let refuse = |refusal| -> CheckError {
        PathError {
            path: path.to_path_buf(),
            refusal,
        }
        .into()
    };
    let io_err = |source| CheckError::Io {
        path: path.to_path_buf(),
        source,
    };
    let resolved = match look(path)? {
        Found::Directory => fs::canonicalize(path).map_err(io_err)?,
        Found::Missing => {
            not_yet(path).map_err(|e| e.unwrap_or_else(|| refuse(Refusal::NotADirectory)))?
        }
        _ => return Err(refuse(Refusal::NotADirectory)),
    };
    if let Ok(data) = fs::canonicalize(data)
        && resolved.starts_with(&data)
    {
        return Err(refuse(Refusal::InsideData(data)));
    }
    Ok(resolved)
}

/// Opens a data file for reading without ever blocking: a FIFO or a
/// device put in its place is refused at once rather than waited on.
/// A missing file is `NotFound`, as with `File::open`.
pub fn open_read(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            if is_loop(&e) {
                Refusal::Loop.into_io()
            } else {
                e
            }
        })?;
    check_regular(&file)?;
    Ok(file)
}

/// Refuses an open file that is not a regular file.
pub fn check_regular(file: &File) -> io::Result<()> {
    let t = file.metadata()?.file_type();
    if t.is_file() {
        return Ok(());
    }
    Err(Refusal::Kind(Found::other(t)).into_io())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn data_files_are_regular_or_links_to_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("real"), "x").unwrap();
        symlink(d.join("real"), d.join("link")).unwrap();
        symlink(d.join("nowhere"), d.join("dangling")).unwrap();
        symlink(d.join("loop"), d.join("loop")).unwrap();
        let real = fs::canonicalize(d.join("real")).unwrap();
        assert_eq!(data_file(&d.join("absent")).unwrap(), None);
        assert_eq!(data_file(&d.join("real")).unwrap(), Some(d.join("real")));
        assert_eq!(data_file(&d.join("link")).unwrap(), Some(real));
        let err = data_file(&d.join("dangling")).unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
        let err = data_file(&d.join("loop")).unwrap_err().to_string();
        assert!(err.contains("too many levels of symbolic links"), "{err}");
        let err = data_file(d).unwrap_err().to_string();
        assert!(err.contains("a directory, not a regular file"), "{err}");
        let err = data_file(Path::new("/dev/null")).unwrap_err().to_string();
        assert!(err.contains("character device"), "{err}");
    }

    #[test]
    fn exports_never_land_in_the_data_directory() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        fs::create_dir(&data).unwrap();
        fs::write(data.join("contacts.toml"), "x").unwrap();
        let sneaky = dir.path().join("out/../data/./contacts.toml");
        fs::create_dir(dir.path().join("out")).unwrap();
        for target in [sneaky, data.join("new.csv")] {
            let err = export_target(&target, &data).unwrap_err().to_string();
            assert!(err.contains("inside the data directory"), "{err}");
        }
        assert_eq!(
            export_target(Path::new("/dev/null"), &data).unwrap(),
            ExportTarget::Stream("/dev/null".into())
        );
        assert!(matches!(
            export_target(&dir.path().join("out/new.csv"), &data).unwrap(),
            ExportTarget::File(_)
        ));
    }
}
