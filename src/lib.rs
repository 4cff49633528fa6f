//! netwerk: turn a long list of shallow contacts into relationships that work.
//!
//! The layers, each a folder: `domain` (what a contact, item and history
//! entry are, and what they imply), `store` (the data directory on disk),
//! `cli` and `tui` (two thin front ends on that core).

pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod generate;
pub mod import;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
