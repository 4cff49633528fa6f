//! Getting a note onto the user's clipboard, wherever they are: a desktop,
//! tmux, plain SSH, or nowhere at all (SPEC §4).
//!
//! [`plan`] decides from the [`Settings`] and a snapshot of the [`Env`]
//! which steps to try; a [`Clipboard`], kept for the program's life, tries
//! them in order and reports how the note got out in words for the status
//! line. The last step is always a private file, so a copy never depends on
//! a clipboard existing.

mod chain;
mod command;
mod copier;
mod env;
mod file;
mod holder;
pub mod osc52;
mod outcome;
mod process;
mod route;
mod settings;
mod sink;
mod system;
mod tmux;

pub use chain::Clipboard;
pub use copier::{Copier, CopyReport};
pub use env::{Env, SystemKind};
pub use file::{NOTE_FILE, StateDirError, default_state_dir, display_path};
pub use holder::{HOLD_ARG, hold};
pub use outcome::{Copied, CopyError, Failure, StepError, Via};
pub use route::{Route, Step, plan};
pub use settings::{Method, Settings};
pub use tmux::tmux_clipboard_advice;
