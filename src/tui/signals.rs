//! Leaving cleanly when the terminal goes away (SIGHUP, when an SSH
//! connection drops) or someone asks politely (SIGTERM, SIGINT from
//! outside): wait for saves already made (queued ones included, for up to
//! two seconds) and any write in flight, give the terminal back, exit.

use crate::store::lock::WriteLock;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Saves (forms, deletes, shares, logs) handed to the worker and not yet
/// written: the UI counts them up when queued and down when done.
pub static SAVES_PENDING: AtomicUsize = AtomicUsize::new(0);

/// How long a signal waits for queued saves before leaving anyway: the
/// UI thread runs them, and it may itself be stuck on a dead terminal.
const DRAIN: Duration = Duration::from_secs(2);

/// Starts a thread that handles termination signals for the TUI's life.
/// Every write netwerk makes holds the data directory's writer lock, so
/// taking that lock first means no save is cut off halfway.
/// With `throwaway` (the demo), the directory is removed on the way out.
pub fn install(data_dir: PathBuf, throwaway: bool) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("netwerk-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The note open in $EDITOR goes first: nothing else waits on it.
                super::editor::abandon();
                let start = Instant::now();
                while SAVES_PENDING.load(Ordering::SeqCst) > 0 && start.elapsed() < DRAIN {
                    std::thread::sleep(Duration::from_millis(5));
                }
                let lock = WriteLock::acquire(&data_dir);
                super::terminal::give_back();
                if throwaway {
                    drop(lock);
                    let _ = std::fs::remove_dir_all(&data_dir);
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
