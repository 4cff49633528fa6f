//! Putting the note into tmux's paste buffer with `tmux load-buffer -w -`.
//!
//! This works with tmux's defaults, unlike OSC 52 from inside a pane,
//! which tmux ignores unless `set-clipboard` is `on`. With `-w` (tmux 3.2+)
//! tmux also forwards the buffer to the outer terminal's clipboard itself
//! (unless `set-clipboard` is `off`), so netwerk sends no OSC 52 of its
//! own: with `set-clipboard on` tmux would keep that as a second buffer.

use std::ffi::{OsStr, OsString};
use std::time::Duration;

use super::outcome::StepError;
use super::process::run_fed;

/// What `load-buffer` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loaded {
    /// The buffer, and tmux passes it on to the terminal's clipboard as
    /// far as its `set-clipboard` option allows (tmux 3.2+).
    Forwarded,
    /// Only the buffer (an older tmux).
    BufferOnly,
}

/// How to run tmux: `tmux` on `$PATH`, which finds this session's server
/// through the inherited `$TMUX`. Tests substitute a script.
#[derive(Debug, Clone)]
pub(crate) struct Tmux {
    program: OsString,
    leading_args: Vec<OsString>,
}

impl Default for Tmux {
    fn default() -> Self {
        Self {
            program: "tmux".into(),
            leading_args: Vec::new(),
        }
    }
}

impl Tmux {
    /// Runs `program leading_args… <tmux arguments>` instead of `tmux`.
    #[cfg(test)]
    pub(crate) fn fake(program: impl Into<OsString>, leading_args: &[&OsStr]) -> Self {
        Self {
            program: program.into(),
            leading_args: leading_args.iter().map(|a| a.to_os_string()).collect(),
        }
    }

    /// Loads `text` into a new tmux buffer, and says whether tmux was
    /// also asked to pass it on to the terminal's clipboard (`-w`).
    pub(crate) fn load_buffer(&self, text: &str, timeout: Duration) -> Result<Loaded, StepError> {
        match self.run(&["load-buffer", "-w", "-"], text, timeout) {
            Ok(()) => Ok(Loaded::Forwarded),
            // tmux before 3.2 rejects `-w` as a usage error; the plain
            // buffer is still worth having there.
            Err(StepError::Exit(_)) => self
                .run(&["load-buffer", "-"], text, timeout)
                .map(|()| Loaded::BufferOnly),
            Err(e) => Err(e),
        }
    }

    /// tmux's `set-clipboard` option (`on`, `external` or `off`), which
    /// decides whether a buffer reaches the terminal's clipboard; `None`
    /// when tmux does not say within `timeout`.
    pub(crate) fn set_clipboard(&self, timeout: Duration) -> Option<String> {
        let mut cmd = std::process::Command::new(&self.program);
        cmd.args(&self.leading_args)
            .args(["show-options", "-gv", "set-clipboard"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let (tx, rx) = std::sync::mpsc::channel();
        // A wedged server costs the timeout, not the session.
        std::thread::spawn(move || {
            let _ = tx.send(cmd.output());
        });
        let out = rx.recv_timeout(timeout).ok()?.ok()?;
        let value = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        (out.status.success() && !value.is_empty()).then_some(value)
    }

    fn run(&self, args: &[&str], text: &str, timeout: Duration) -> Result<(), StepError> {
        let mut all: Vec<&OsStr> = self.leading_args.iter().map(OsString::as_os_str).collect();
        all.extend(args.iter().map(OsStr::new));
        run_fed(&self.program, &all, text.as_bytes(), timeout)
    }
}

/// What `netwerk doctor` says of tmux's `set-clipboard` option, which
/// decides whether a copy inside tmux reaches the terminal's clipboard.
pub fn tmux_clipboard_advice() -> String {
    match Tmux::default()
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
