//! netwerk: turn a long list of shallow contacts into relationships that work.
//!
//! The layers, each a folder: `domain` (what a contact, item and history
//! entry are, and what they imply), `store` (the data directory on disk),
//! `ops` (what a person can do to their network, each written once), and
//! `cli` and `tui` (two thin front ends on that core).

pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod demo;
pub mod disk;
pub mod domain;
pub mod feed;
pub mod format;
#[cfg(any(test, feature = "generate"))]
pub mod generate;
pub mod import;
pub mod ops;
pub mod search;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;

/// The allocator for the binary, its tests and its benchmarks: at
/// LinkedIn scale a load makes about a million small allocations, which
/// glibc's malloc is slow to make and free (figures in
/// `docs/performance.md`, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tunes the allocator for a long-running program with two busy threads;
/// call first thing in `main`, and [`settle_allocator`] once the network
/// is loaded. Committing arenas lazily keeps the resident peak near what
/// is live while the worker builds a new version of the network beside
/// the screen's. The setting only reaches arenas reserved after `main`
/// starts.
pub fn tune_allocator() {
    // Option numbers from mimalloc.h (v3, the version libmimalloc-sys
    // builds by default; v2 numbers them the same): 4 =
    // arena_eager_commit. The crate does not name them.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: setting an option only stores a number mimalloc reads later.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

/// From now on, freed pages go back to the system at once. Not during the
/// launch: a load frees and allocates again and again (growing vectors,
/// the text of a file once it is parsed), and returning those pages only
/// to fault them in zeroed a moment later cost a fifth of a first
/// launch's CPU time.
pub fn settle_allocator() {
    // 15 = purge_delay (milliseconds; mimalloc reads it at each purge).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option only stores a number mimalloc reads later.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

/// Hands memory this thread freed back to the system at once (mimalloc
/// returns a thread's freed pages only when that thread collects): the
/// worker calls it after each job, the screen after letting go of what a
/// save replaces, so the next allocation elsewhere does not add to the
/// resident peak.
pub fn release_freed_memory() {
    // SAFETY: a collection pass has no preconditions.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
