//! The `[clipboard]` table of the config file: which route a copy takes,
//! and the user's own copy command.

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
