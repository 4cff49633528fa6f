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
mod env;
mod file;
mod holder;
pub mod osc52;
mod outcome;
mod process;
mod route;
mod sink;
mod system;
mod tmux;

pub use chain::Clipboard;
pub use env::{Env, SystemKind};
pub use file::{NOTE_FILE, StateDirError, default_state_dir, display_path};
pub use holder::{HOLD_ARG, hold};

/// What `netwerk doctor` says of tmux's `set-clipboard` option, which
/// decides whether a copy inside tmux reaches the terminal's clipboard.
pub fn tmux_clipboard_advice() -> String {
    match tmux::Tmux::default()
        .set_clipboard(std::time::Duration::from_secs(2))
        .as_deref()
    {
        Some("off") => "set-clipboard off: copies stay in tmux's buffer (paste with prefix ]); \
                         for your terminal's clipboard add `set -g set-clipboard external` to ~/.tmux.conf"
            .to_owned(),
        Some(value) => format!("set-clipboard {value}: tmux passes copies on to your terminal's clipboard"),
        None => "tmux did not say its set-clipboard option".to_owned(),
    }
}

pub use outcome::{Copied, CopyError, Failure, StepError, Via};
pub use route::{Route, Step, plan};

use serde::{Deserialize, Serialize};

/// How a copy should reach the clipboard; `auto` picks from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Decide from the environment (display, SSH, tmux, screen).
    #[default]
    Auto,
    /// The system clipboard through arboard (X11 / Wayland / macOS / Windows).
    System,
    /// `tmux load-buffer -w -` plus OSC 52.
    Tmux,
    /// OSC 52 escape sequence to the terminal.
    Osc52,
    /// The user's own copy command, fed on stdin.
    Command,
    /// A private file in the state directory.
    File,
}

/// The `[clipboard]` table of the config file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Which route to use.
    pub method: Method,
    /// Copy command such as `wl-copy` or `xclip -selection clipboard`,
    /// split into program and arguments without a shell.
    pub command: Option<String>,
    /// How long a copy command may run before it is abandoned.
    pub timeout_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            method: Method::Auto,
            command: None,
            timeout_ms: 2000,
        }
    }
}

/// How a copy went, in words for the status line or terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// "copied via tmux buffer + clipboard", "saved to … — clipboard unavailable".
    pub how: String,
    /// Set when the note only reached the fallback file: the user must
    /// copy it by hand, so it is shown to them.
    pub file: Option<String>,
}

/// Where a confirmed note goes. The real chain is [`Clipboard`]; tests
/// substitute a recorder so they can see exactly what was copied.
pub trait Copier {
    /// Copies `text`, or says why it could not.
    fn copy(&mut self, text: &str) -> Result<CopyReport, String>;
    /// The route a copy would take ("tmux buffer + clipboard, then file").
    fn route(&self) -> String;
}

impl Copier for Clipboard {
    fn copy(&mut self, text: &str) -> Result<CopyReport, String> {
        match Clipboard::copy(self, text) {
            Ok(copied) => Ok(CopyReport {
                how: copied.message().to_string(),
                file: copied.file().map(|p| p.display().to_string()),
            }),
            Err(e) => Err(e.to_string()),
        }
    }

    fn route(&self) -> String {
        let steps: Vec<String> = Clipboard::route(self)
            .steps
            .iter()
            .map(|s| s.label())
            .collect();
        steps.join(", then ")
    }
}
