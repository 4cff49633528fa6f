//! The data directory, read and written safely: every read and write of a
//! data file goes through [`Store`].
//!
//! - `contacts.toml` and `queue.toml` are the hand-editable source of
//!   truth, rewritten atomically under the writer lock after re-reading
//!   them, so concurrent writers never lose each other's changes;
//! - `history.jsonl` is append-only;
//! - `feeds.toml` and `inbox.toml` are small and read whole (see `small`);
//! - `.cache/` holds a derived binary snapshot of the first three and the
//!   undo journal; a snapshot is validated against its file's content on
//!   every load and is never the source of truth.
//!
//! The store knows nothing of the screen.

pub mod digest;
mod directory;
mod files;
pub mod history_log;
pub mod journal;
mod load;
pub mod lock;
pub mod paths;
mod save;
mod scan;
mod small;
pub mod snapshot;
pub mod stamp;
mod summarised;
mod undo;
mod utf8;

pub use crate::disk::error::StoreError;
pub use crate::format::binary::Record;
pub use directory::{Glance, Store};
pub use files::{CONTACTS, FEEDS, FILES, HISTORY, INBOX, QUEUE};
pub use journal::Scope;
pub use load::{CacheWrites, Loaded};
pub use stamp::Stamps;
pub use summarised::{RestOfHistory, Summarised};
pub use undo::{Final, Label, Naming, Undo, UndoError, Undone, Unrecorded};
pub(crate) use utf8::text_of;
