//! Reading other programs' exports into plain records, and writing ours.
//!
//! Each parser turns a whole file into [`Parsed`] records plus the records it
//! [`Skipped`] and why, or refuses the file with a [`ParseError`] naming the
//! line, so that an import is all or nothing. The records know nothing of the
//! domain model or the store; [`merge`] turns them into changes on a
//! network, and [`backup`] turns the network back into records for export.

pub mod backup;
pub mod bookmarks;
pub mod csv_export;
mod csv_input;
pub mod google;
pub mod linkedin;
pub mod links;
pub mod merge;
pub mod pocket;
mod records;
pub mod restore;
pub(crate) mod text;
pub mod urls;
pub mod vcard;
pub mod vdir;

pub use records::{
    ImportedContact, ImportedItem, LinkKind, NetwerkFields, ParseError, Parsed, Skipped,
};
