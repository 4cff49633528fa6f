//! Durable, atomic file writes and private permissions.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode for every file netwerk writes: personal data, owner only.
pub const FILE_MODE: u32 = 0o600;
/// Mode for directories netwerk creates.
pub const DIR_MODE: u32 = 0o700;

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
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> io::Result<bool> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(FILE_MODE))
        .tempfile_in(dir)?;
    let mut out = io::BufWriter::with_capacity(256 * 1024, tmp.as_file_mut());
    let go = fill(&mut out)?;
    out.flush()?;
    drop(out);
    if !go {
        return Ok(false);
    }
    // The umask may have trimmed the mode; set it explicitly.
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(true)
}

/// Flushes a directory's entries (new names, renames) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates `dir` (and parents) if missing; a directory netwerk creates is
/// owner-only whatever the umask.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))
}

/// Opens a file for appending, creating it owner-only if missing.
/// Returns the file and whether it was just created.
pub fn open_append(path: &Path) -> io::Result<(File, bool)> {
    let existed = path.exists();
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .open(path)?;
    if !existed {
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok((file, !existed))
}
