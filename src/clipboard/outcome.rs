//! What a copy reports back: how the note got out ([`Copied`]) or why
//! nothing worked ([`CopyError`]).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::Duration;

use super::env::SystemKind;
use super::file::display_path;
use super::osc52::TooLong;

/// How a note reached the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The user's copy command, named by its program.
    Command(String),
    /// The system clipboard.
    System(SystemKind),
    /// The tmux buffer, which tmux passes on to the terminal's clipboard.
    TmuxForwarded,
    /// The tmux buffer, plus OSC 52 to the terminal (an older tmux).
    TmuxAndOsc52,
    /// Only the tmux buffer (OSC 52 was not possible).
    TmuxBuffer,
    /// OSC 52 to the terminal.
    Osc52,
    /// The fallback file at this path.
    File(PathBuf),
}

/// Why one step did not copy; shown after the step's label, as in
/// "`wl-copy`: not found".
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// The command line has unbalanced quotes or no words.
    #[error("cannot split {line:?} into program and arguments")]
    BadCommand {
        /// The command line as configured.
        line: String,
    },
    /// The program is not installed (not on `$PATH`).
    #[error("not found")]
    NotFound,
    /// The program could not be started for another reason.
    #[error("could not start: {0}")]
    Spawn(#[source] io::Error),
    /// Waiting for the program failed (the OS lost track of it).
    #[error("could not wait for it: {0}")]
    Wait(#[source] io::Error),
    /// The program ran and reported failure.
    #[error("failed ({0})")]
    Exit(ExitStatus),
    /// The program ran past its time and was killed.
    #[error("timed out after {} ms", .0.as_millis())]
    Timeout(Duration),
    /// tmux holds the note but will not pass it to the terminal.
    #[error("tmux's set-clipboard is off")]
    TmuxClipboardOff,
    /// The program stopped reading before it had the whole note.
    #[error("did not read the note: {0}")]
    Stdin(#[source] io::Error),
    /// arboard reported an error.
    #[error("{0}")]
    System(String),
    /// arboard did not answer in time; it is left alone from then on.
    #[error("did not answer within {} ms", .0.as_millis())]
    SystemTimeout(Duration),
    /// arboard hung on an earlier copy and is not asked again.
    #[error("stopped answering earlier in this session")]
    SystemUnresponsive,
    /// The note is too long for OSC 52.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// Writing the escape sequence to the terminal failed.
    #[error("could not write to the terminal: {0}")]
    Terminal(#[source] io::Error),
    /// The fallback file could not be written.
    #[error("could not write {path}: {source}")]
    File {
        /// The file, as shown to the user.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
}

/// One step that did not work, kept so the user can learn why the note
/// ended up where it did.
#[derive(Debug)]
pub struct Failure {
    /// The step's label, e.g. "`wl-copy`" or "tmux buffer".
    pub what: String,
    /// What went wrong.
    pub error: StepError,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.what, self.error)
    }
}

/// A successful copy, described for the status line.
#[derive(Debug)]
pub struct Copied {
    via: Via,
    message: String,
    failures: Vec<Failure>,
}

impl Copied {
    /// Describes `via`; `file_chosen` means the user asked for the file, so
    /// landing there is no fallback worth explaining.
    pub(crate) fn new(
        via: Via,
        failures: Vec<Failure>,
        file_chosen: bool,
        home: Option<&Path>,
    ) -> Self {
        let too_long = failures
            .iter()
            .any(|f| matches!(f.error, StepError::TooLong(_)));
        let message = match &via {
            Via::Command(program) => format!("copied via `{program}`"),
            Via::System(kind) => format!("copied to the {}", kind.label()),
            Via::TmuxForwarded => "copied via tmux buffer + clipboard".to_owned(),
            Via::TmuxAndOsc52 => "copied via tmux buffer + OSC 52".to_owned(),
            Via::TmuxBuffer
                if failures
                    .iter()
                    .any(|f| matches!(f.error, StepError::TmuxClipboardOff)) =>
            {
                "copied to the tmux buffer only — tmux's set-clipboard is off (see netwerk doctor)"
                    .to_owned()
            }
            Via::TmuxBuffer if too_long => {
                "copied to the tmux buffer (too long for OSC 52)".to_owned()
            }
            Via::TmuxBuffer => "copied to the tmux buffer".to_owned(),
            Via::Osc52 => "copied via OSC 52".to_owned(),
            Via::File(path) => {
                let shown = display_path(path, home);
                if file_chosen {
                    format!("saved to {shown}")
                } else if too_long {
                    format!("saved to {shown} — too long for OSC 52")
                } else {
                    format!("saved to {shown} — clipboard unavailable")
                }
            }
        };
        Self {
            via,
            message,
            failures,
        }
    }

    /// How the note got out.
    pub fn via(&self) -> &Via {
        &self.via
    }

    /// The words for the status line, starting in lower case so they can
    /// follow a subject: "Note for Ada " + "copied via OSC 52".
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The fallback file, when the note was saved there instead of copied;
    /// the user then needs its path (and the note shown) to copy by hand.
    pub fn file(&self) -> Option<&Path> {
        match &self.via {
            Via::File(path) => Some(path),
            _ => None,
        }
    }

    /// The steps tried before the one that worked, for `--verbose` output
    /// or a log.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }
}

impl fmt::Display for Copied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every step failed, the fallback file included.
#[derive(Debug, thiserror::Error)]
#[error("could not copy or save the note: {}", join(.failures))]
pub struct CopyError {
    /// Each step and why it failed, in the order tried.
    pub failures: Vec<Failure>,
}

fn join(failures: &[Failure]) -> String {
    let parts: Vec<String> = failures.iter().map(Failure::to_string).collect();
    parts.join("; ")
}
