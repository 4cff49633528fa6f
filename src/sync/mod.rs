//! Two machines, one network, through git. `sync init` makes the data
//! directory a repository whose data files git merges with netwerk's own
//! record-level merge (`netwerk merge-driver`, see [`merge`]);
//! `sync` commits what changed here, merges what the remote has, and
//! pushes. Only ever runs `git` ([`git`]).

mod error;
mod exchange;
pub mod foreign;
pub mod git;
mod init;
pub mod merge;

pub use error::SyncError;
pub use exchange::{Synced, host, sync};
pub use init::{Initialised, init};
