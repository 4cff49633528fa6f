//! netwerk: turn a long list of shallow contacts into relationships that work.
pub mod clipboard;
pub mod import;
