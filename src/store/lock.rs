//! The writer lock: one short exclusive lock per data directory, so two
//! processes never interleave a read-modify-write.

use super::error::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

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
        let path = dir.join(".lock");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(super::atomic::FILE_MODE)
            .open(&path)
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
/// loss) left beside `contacts.toml` and `queue.toml`. With the lock held
/// no writer is mid-save, so any that exist are orphans; left alone they
/// pile up, each a stale copy of personal data that `git add -A` in a
/// synced data directory would commit.
fn sweep_orphaned_temps(dir: &Path) {
    let prefixes = [super::CONTACTS, super::QUEUE].map(|f| format!(".{f}."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let orphan = name
            .to_str()
            .is_some_and(|n| n.ends_with(".tmp") && prefixes.iter().any(|p| n.starts_with(p)));
        if orphan {
            // Best effort: a leftover that cannot go is harmless to loading.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
