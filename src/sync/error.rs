//! [`SyncError`]: why `sync` or `sync init` stopped, with what was done
//! before it.

use crate::store::StoreError;
use std::path::PathBuf;

/// Why a sync stopped. What was done before is said with it.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// `git` is not on the PATH.
    #[error("git is not installed (netwerk syncs through git; install it, e.g. apt install git)")]
    NoGit,
    /// The data directory is not in a git repository.
    #[error("{} is not a git repository yet: run `netwerk sync init`", .0.display())]
    NotRepo(PathBuf),
    /// The merge driver is not set up on this machine.
    #[error("{0}: run `netwerk sync init` (once on each machine)")]
    NotInitialised(String),
    /// A merge someone started by hand is not finished.
    #[error("a git merge is in progress in {}: finish it (git commit) or undo it (git merge --abort), then sync again", .0.display())]
    MergeInProgress(PathBuf),
    /// A git command failed.
    #[error("{what} failed: {said}")]
    Git {
        /// The command.
        what: String,
        /// What git said.
        said: String,
    },
    /// The remote could not be reached.
    #[error("{done}cannot reach {remote}: {said}")]
    Offline {
        /// What was done before ("Committed …; ").
        done: String,
        /// The remote.
        remote: String,
        /// What git said.
        said: String,
    },
    /// The remote's changes could not be merged; the merge was undone.
    #[error("{done}could not merge {remote}, so nothing of it was taken: {said}")]
    Unmerged {
        /// What was done before.
        done: String,
        /// The remote branch.
        remote: String,
        /// What git (and the merge driver) said.
        said: String,
    },
    /// A data file does not read: syncing it would spread the damage.
    #[error("{0}; fix it first (nothing was committed or synced)")]
    Unreadable(StoreError),
    /// The data directory refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}
