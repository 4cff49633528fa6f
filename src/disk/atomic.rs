//! Durable, atomic file writes and private permissions.

use super::{DIR_MODE, FILE_MODE, safe_path, temp};
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Replaces `path` with `bytes` so that a crash at any instant leaves
/// either the old or the new file, never a torn one: write a temp file in
/// the same directory, fsync it, rename it over, then fsync the directory
/// so the rename itself survives power loss.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map(|()| true)).map(drop)
}

/// Like [`write_atomic`], with the content written by `fill`, which may
/// produce it piece by piece. `fill` returns whether to go ahead: if not,
/// the temp file is removed and `path` left as it was. Returns what
/// `fill` said.
///
/// A symlink at `path` is written through: its final target is replaced
/// and the link kept, so a file kept elsewhere and linked in keeps
/// receiving changes. Anything but a regular file, a link to one or
/// nothing is refused (see [`safe_path::data_file`]). Temps that killed
/// writers left beside the target are removed first.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> io::Result<bool> {
    let target = match safe_path::data_file(path) {
        Ok(real) => real.unwrap_or_else(|| path.to_path_buf()),
        Err(safe_path::CheckError::Refused(e)) => return Err(e.refusal.into_io()),
        Err(safe_path::CheckError::Io { source, .. }) => return Err(source),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    temp::sweep(dir, Some(name));
    let mut tmp = temp::file_in(dir, name)?;
    let mut out = io::BufWriter::with_capacity(256 * 1024, tmp.as_file_mut());
    let go = fill(&mut out)?;
    out.flush()?;
    drop(out);
    if !go {
        return Ok(false);
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(true)
}

/// Replaces many files in one directory `dir` as [`write_atomic`] does
/// each — a crash leaves every file old or new, never torn — but with two
/// flushes to disk in all instead of two per file (writing 30,000 cards
/// one fsync at a time took minutes): every temp file is written, the
/// file system flushed once, then each renamed over its file and the
/// directory flushed. Files are given as (name in `dir`, bytes).
pub fn write_all_atomic(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    temp::sweep(dir, None);
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let mut tmp = temp::file_in(dir, name)?;
        tmp.write_all(bytes)?;
        // Closed now: tens of thousands of open files would run out.
        written.push((tmp.into_temp_path(), dir.join(name)));
    }
    flush_all(dir)?;
    for (tmp, path) in written {
        tmp.persist(&path).map_err(|e| e.error)?;
    }
    sync_dir(dir)
}

/// Flushes everything written to the file system holding `dir`.
fn flush_all(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let handle = File::open(dir)?;
    // SAFETY: syncfs only reads the descriptor, which stays open here.
    if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Flushes a directory's entries (new names, renames) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates `dir` and any missing parents, each owner-only (0700) whatever
/// the umask. Directories that already exist are left exactly as they
/// are: their owner chose their mode.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        match safe_path::look(at) {
            Ok(safe_path::Found::Directory) => break,
            Ok(safe_path::Found::Missing) => missing.push(at),
            Ok(_) => return Err(safe_path::Refusal::NotADirectory.into_io()),
            Err(safe_path::CheckError::Refused(e)) => return Err(e.refusal.into_io()),
            Err(safe_path::CheckError::Io { source, .. }) => return Err(source),
        }
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    for new in missing.into_iter().rev() {
        match DirBuilder::new().mode(DIR_MODE).create(new) {
            // The umask may have trimmed the mode; set it explicitly.
            Ok(()) => fs::set_permissions(new, fs::Permissions::from_mode(DIR_MODE))?,
            // Made by someone else a moment ago: theirs, left alone.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && new.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Opens a file for appending, creating it owner-only if missing.
/// Returns the file and whether it was just created. Follows a symlink
/// to a regular file; refuses anything else without blocking on it.
pub fn open_append(path: &Path) -> io::Result<(File, bool)> {
    let existed = match safe_path::data_file(path) {
        Ok(found) => found.is_some(),
        Err(safe_path::CheckError::Refused(e)) => return Err(e.refusal.into_io()),
        Err(safe_path::CheckError::Io { source, .. }) => return Err(source),
    };
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    safe_path::check_regular(&file)?;
    if !existed {
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok((file, !existed))
}
