//! The writer lock: one short exclusive lock per data directory, so two
//! processes never interleave a read-modify-write.

use super::files::{CONTACTS, FEEDS, HISTORY, INBOX, QUEUE};
use crate::disk::error::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name in the data directory.
pub const FILE: &str = ".lock";

/// How long a writer waits before giving up. Writers hold the lock for
/// milliseconds, so this only trips when something is truly stuck.
const WAIT: Duration = Duration::from_secs(10);

/// Held while writing; released on drop (and by the OS if the process dies).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Takes the lock in `dir`, waiting up to ten seconds.
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(FILE);
        // Checked again here, not only when the store opened: a dangling
        // link would be created through, a FIFO would never lock.
        crate::disk::safe_path::data_file(&path)?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(crate::disk::FILE_MODE)
            .custom_flags(libc::O_NONBLOCK)
            .open(&path)
            .and_then(|f| crate::disk::safe_path::check_regular(&f).map(|()| f))
            .map_err(|e| StoreError::io(&path, e))?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => {
                    sweep_orphaned_temps(dir);
                    return Ok(Self { _file: file });
                }
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path,
                        secs: WAIT.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
        }
    }
}

/// Removes the temp files that writers killed mid-save (SIGKILL, power
/// loss) left beside the data files. With the lock held no writer is
/// mid-save, so any that exist are orphans; left alone they pile up, each
/// a stale copy of personal data that `git add -A` in a synced data
/// directory would commit. Older netwerks named them `.contacts.toml.XXXXXX.tmp`;
/// the cache's are swept when it is next written.
fn sweep_orphaned_temps(dir: &Path) {
    let prefixes = [CONTACTS, QUEUE, HISTORY, FEEDS, INBOX].map(|f| format!(".{f}."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let orphan = name
            .to_str()
            .is_some_and(|n| n.ends_with(".tmp") && prefixes.iter().any(|p| n.starts_with(p)));
        if orphan && entry.file_type().is_ok_and(|t| t.is_file()) {
            // Best effort: a leftover that cannot go is harmless to loading.
            let _ = std::fs::remove_file(entry.path());
        }
    }
    // Anything else of ours whose process is gone.
    crate::disk::temp::sweep(dir, None);
}
