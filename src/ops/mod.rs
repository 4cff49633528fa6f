//! What a person can do to their network, each written once: the CLI and
//! the TUI parse input, call one of these inside the store's change (or
//! the TUI's worker), and present the result or the [`OpError`].
//!
//! Every function here takes the network as it is on disk, under the
//! writer lock, so checks that depend on other records (a duplicate
//! address, a second record of someone known, a record another process
//! removed) happen at the moment of writing.

pub mod contact;
mod error;
pub mod intro;
pub mod label;
pub mod log;
pub mod moment;
pub mod queue;
pub mod share;

pub use contact::{ContactChange, Interests};
pub use error::OpError;
pub use queue::{ItemChange, NewItem, QueueError, Topics};
