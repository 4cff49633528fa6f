//! Temp files and directories netwerk makes while writing. Each is named
//! `.NAME.netwerk-PID-XXXXXX.tmp`, so whatever a killed process left
//! behind (a SIGKILL, a power cut) is recognisable as ours and as
//! orphaned — its process is gone — and the next run removes it: each
//! is a full copy of personal data nobody asked to keep.

use super::{DIR_MODE, FILE_MODE};
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use tempfile::{NamedTempFile, TempDir};

const MARK: &str = ".netwerk-";
const SUFFIX: &str = ".tmp";

fn builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(SUFFIX).rand_bytes(6);
    b
}

fn prefix(name: &str) -> String {
    format!(".{name}{MARK}{}-", std::process::id())
}

/// A new owner-only (0600, whatever the umask) temp file for `name` in
/// `dir`, removed when dropped unless persisted.
pub fn file_in(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let prefix = prefix(name);
    let tmp = builder(&prefix)
        .permissions(fs::Permissions::from_mode(FILE_MODE))
        .tempfile_in(dir)?;
    // The umask may have trimmed the mode; set it explicitly.
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    Ok(tmp)
}

/// A new owner-only (0700) temp directory for `name` in `dir`, removed
/// with everything in it when dropped.
pub fn dir_in(dir: &Path, name: &str) -> io::Result<TempDir> {
    let prefix = prefix(name);
    let tmp = builder(&prefix)
        .permissions(fs::Permissions::from_mode(DIR_MODE))
        .tempdir_in(dir)?;
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(DIR_MODE))?;
    Ok(tmp)
}

/// The process that made the temp called `file_name`, if it is one of
/// ours (for `name`, when given).
fn owner(file_name: &str, name: Option<&str>) -> Option<i32> {
    let body = file_name.strip_prefix('.')?.strip_suffix(SUFFIX)?;
    let (stem, rest) = body.rsplit_once(MARK)?;
    if name.is_some_and(|n| n != stem) {
        return None;
    }
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty() && !random.contains('-'))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` still runs (a process of another user counts).
fn alive(pid: i32) -> bool {
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Removes from `dir` the temps (of `name`, or of any name) whose process
/// is gone. Best effort: a leftover that cannot go is harmless. Never
/// follows a symlink.
pub fn sweep(dir: &Path, name: Option<&str>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| owner(n, name)) else {
            continue;
        };
        if alive(pid) {
            continue;
        }
        let path = entry.path();
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_owner_and_orphans_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let mine = file_in(dir.path(), "contacts.toml").unwrap();
        let name = mine.path().file_name().unwrap().to_str().unwrap();
        let me = std::process::id() as i32;
        assert_eq!(owner(name, Some("contacts.toml")), Some(me));
        assert_eq!(owner(name, None), Some(me));
        assert_eq!(owner(name, Some("queue.toml")), None);
        assert_eq!(owner(".contacts.toml.abc.tmp", None), None);
        // A pid beyond any the kernel hands out is never alive.
        let dead = dir.path().join(".x.csv.netwerk-2147483646-abcdef.tmp");
        fs::write(&dead, "old").unwrap();
        let dead_dir = dir.path().join(".note.netwerk-2147483646-abcdef.tmp");
        fs::create_dir(&dead_dir).unwrap();
        fs::write(dead_dir.join("note.txt"), "old").unwrap();
        sweep(dir.path(), Some("x.csv"));
        assert!(!dead.exists());
        assert!(dead_dir.exists(), "only x.csv's temps were asked for");
        sweep(dir.path(), None);
        assert!(!dead_dir.exists());
        assert!(mine.path().exists(), "a live process's temp stays");
    }
}
