//! Putting the note into tmux's paste buffer with `tmux load-buffer -w -`.
//!
//! This works with tmux's defaults, unlike OSC 52 from inside a pane,
//! which tmux ignores unless `set-clipboard` is `on`. With `-w` (tmux 3.2+)
//! tmux also forwards the buffer to the outer terminal's clipboard itself.

use std::ffi::{OsStr, OsString};
use std::time::Duration;

use super::outcome::StepError;
use super::process::run_fed;

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

    /// Loads `text` into a new tmux buffer.
    pub(crate) fn load_buffer(&self, text: &str, timeout: Duration) -> Result<(), StepError> {
        match self.run(&["load-buffer", "-w", "-"], text, timeout) {
            // tmux before 3.2 rejects `-w` as a usage error; the plain
            // buffer is still worth having there.
            Err(StepError::Exit(_)) => self.run(&["load-buffer", "-"], text, timeout),
            other => other,
        }
    }

    fn run(&self, args: &[&str], text: &str, timeout: Duration) -> Result<(), StepError> {
        let mut all: Vec<&OsStr> = self.leading_args.iter().map(OsString::as_os_str).collect();
        all.extend(args.iter().map(OsStr::new));
        run_fed(&self.program, &all, text.as_bytes(), timeout)
    }
}
