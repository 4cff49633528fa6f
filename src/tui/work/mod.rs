//! Background work: the thread that saves, reads and derives, so the
//! screen never waits for the disk or for 30,000 contacts' due-ness.
//!
//! - `protocol.rs`: what the screen asks ([`Work`]) and what comes back
//!   ([`Reply`], its outcome [`Done`] or a [`SaveError`])
//! - `thread.rs`: the thread ([`Worker`]) and how it runs a job
//! - `queue.rs`: the screen's queue of jobs ([`Jobs`]): one in flight,
//!   writes first, a reply held while a dialog points at records
//! - `derive.rs`, `index.rs`, `inbox.rs`: what a job works out
//!
//! The screen applies replies in `tui/app/replies.rs`.

mod derive;
mod inbox;
mod index;
mod protocol;
mod queue;
mod thread;

pub use derive::{Derived, newest_first};
pub use index::build_index;
pub use protocol::{Change, Done, InboxOp, Reply, SaveError, Work};
pub use queue::Jobs;
pub use thread::Worker;
