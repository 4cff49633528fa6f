//! The domain: contacts, interests, content, history and what they imply.
//! Knows nothing of terminals or files.

pub mod contact;
pub mod due;
pub mod fold;
pub mod history;
pub mod id;
pub mod item;
pub mod network;
pub mod template;
pub mod url;
pub mod validate;
pub mod when;

pub use contact::{Contact, ContactPatch, ContactState, Link, LinkKind};
pub use due::{Due, DueState};
pub use history::{Entry, EntryKind};
pub use id::{ContactId, EntryId, ItemId};
pub use item::{Item, ItemKind};
pub use network::{InterestCount, Network, Resolve, Summary};
pub use validate::FieldError;
