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

/// The allocator for the binary, its tests and its benchmarks. At LinkedIn
/// scale a load makes about a million small allocations; glibc's malloc
/// spends most of a load and of freeing a network consolidating them
/// (measured on 30,000 contacts and 100,000 entries: loading 60–90 ms →
/// ~30 ms, freeing 55–65 ms → ~10 ms with mimalloc).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
