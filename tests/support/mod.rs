//! Driving the real `netwerk` binary from integration tests, the way a
//! person would meet it: in a pseudo-terminal ([`Pty`]), inside tmux
//! ([`Tmux`]), next to an X server ([`Xvfb`]).
//!
//! A test file says `mod support;` and uses what it needs:
//!
//! ```ignore
//! mod support;
//! use support::{Key, Pty, netwerk_bin};
//!
//! let mut app = Pty::spawn(netwerk_bin(), &["--demo"], &[], 100, 30).unwrap();
//! app.wait_for_text("Contacts", support::TIMEOUT).unwrap();
//! app.send_key(Key::Char('q'));
//! assert!(app.wait_exit(support::TIMEOUT).is_some_and(|s| s.success()));
//! assert!(support::restored(&app.raw_output()));
//! ```
//!
//! Everything waits with a timeout and fails with the screen as it was.
//!
//! The "given" of a test is set up here once: [`Home`] for the command
//! line (an empty home, [`Home::sample`], [`Home::add_contact`], a pty or
//! process with its environment), [`app`] for the full-screen program
//! ([`app::demo`], [`app::open`] on a data directory, [`app::Recorder`]
//! for the clipboard), [`feed_server::FeedServer`] for feeds and
//! [`fixtures`] for the files under `tests/fixtures/`.

// Each test binary uses only part of the harness.
#![allow(dead_code)]

pub mod app;
pub mod env;
pub mod feed_server;
pub mod fixtures;
pub mod home;
mod keys;
mod process;
mod pty;
mod terminal;
mod tmux;
mod tools;
pub mod user;
mod xvfb;

use std::path::Path;
use std::time::Duration;

// Re-exports a given test does not use are not a mistake either.
#[allow(unused_imports)]
pub use self::{
    home::Home,
    keys::Key,
    process::{Finished, run},
    pty::Pty,
    terminal::{Modes, contains_bytes, restoration_problems, restored},
    tmux::Tmux,
    tools::{cannot_run_here, find_on_path, require_tool, skip_policy, tool_policy},
    xvfb::{Xvfb, xclip_read, xclip_write},
};

/// The `netwerk` binary Cargo built for this test run.
pub fn netwerk_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_netwerk"))
}

/// A generous default for waiting on the program under test: long enough
/// for a loaded CI machine, short enough that a hang fails soon.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Calls `check` every `every` until it returns `Some` or `timeout` passes.
/// One last check runs at the deadline so a slow poll never loses a result.
pub fn poll<T>(
    timeout: Duration,
    every: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> Option<T> {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        let now = std::time::Instant::now();
        if now >= deadline {
            return None;
        }
        std::thread::sleep(every.min(deadline - now));
    }
}
