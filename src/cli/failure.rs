//! How a command fails: a message for stderr and an exit status.

use crate::domain::{FieldError, Resolve};
use crate::store::StoreError;
use crate::text::sanitize_line as clean;

/// A command that did not succeed.
#[derive(Debug)]
pub struct Failure {
    /// What to print on stderr.
    pub message: String,
    /// 1 for failures, 2 for usage errors.
    pub code: u8,
}

impl Failure {
    /// A failure (exit status 1).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }

    /// A usage error (exit status 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::new(e.to_string())
    }
}

impl From<FieldError> for Failure {
    fn from(e: FieldError) -> Self {
        Failure::new(e.to_string())
    }
}

impl From<Vec<FieldError>> for Failure {
    fn from(errors: Vec<FieldError>) -> Self {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Failure::new(lines.join("; "))
    }
}

impl From<crate::ops::QueueError> for Failure {
    fn from(e: crate::ops::QueueError) -> Self {
        crate::ops::OpError::from(e).into()
    }
}

impl From<crate::ops::OpError> for Failure {
    fn from(e: crate::ops::OpError) -> Self {
        use crate::ops::OpError;
        let how = match &e {
            OpError::Twin { editing: None, .. } => "; add anyway with --force".to_string(),
            OpError::Twin {
                twin,
                editing: Some(id),
            } => format!(
                "; save anyway with --force, or merge the two: netwerk contact merge {} {id}",
                twin.id
            ),
            OpError::AskFirst(_) => ", or pass --force.".to_string(),
            _ => String::new(),
        };
        Failure::new(format!("{}{how}", clean(&e.to_string())))
    }
}

impl From<crate::feed::intake::IntakeError> for Failure {
    fn from(e: crate::feed::intake::IntakeError) -> Self {
        use crate::feed::intake::IntakeError;
        match e {
            IntakeError::Store(e) => e.into(),
            IntakeError::Resolve(e) => e.into(),
            IntakeError::Queue(e) => e.into(),
        }
    }
}

/// Candidates listed when a query is ambiguous.
const CANDIDATES_SHOWN: usize = 20;

/// "no contact matches …", or the candidates one per line, each cleaned
/// so a line break in a name cannot forge another candidate.
impl From<Resolve> for Failure {
    fn from(e: Resolve) -> Self {
        use std::fmt::Write as _;
        let message = match e {
            Resolve::NotFound(what) => format!("no {}", clean(&what)),
            Resolve::Ambiguous(what, candidates) => {
                let mut m = format!("{} matches {} records:", clean(&what), candidates.len());
                // Aligned, with role and company, so namesakes differ.
                let shown = &candidates[..candidates.len().min(CANDIDATES_SHOWN)];
                let width = shown
                    .iter()
                    .map(|c| c.name.chars().count())
                    .max()
                    .unwrap_or(0);
                for c in shown {
                    let line = format!("{}  {:width$}  {}", c.id, c.name, c.detail);
                    let _ = write!(m, "\n  {}", clean(line.trim_end()));
                }
                if candidates.len() > CANDIDATES_SHOWN {
                    let _ = write!(m, "\n  … and {} more", candidates.len() - CANDIDATES_SHOWN);
                }
                m
            }
        };
        Failure::new(message)
    }
}

/// Shorthand for command results.
pub type CliResult = Result<(), Failure>;

/// Output could not be written. A closed pipe (`netwerk … | head`) is
/// not an error worth a message: exit quietly like other Unix tools.
pub fn io(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Failure {
            message: String::new(),
            code: 0,
        };
    }
    Failure::new(format!("cannot write output: {e}"))
}

/// Whether a panic was a write to a closed pipe: `println!` and clap's
/// completion writer panic on EPIPE instead of returning it.
fn closed_pipe(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    text.contains("os error 32") || text.contains("kind: BrokenPipe")
}

/// Runs `command` so that a closed pipe (`netwerk doctor | head -1`) ends
/// it quietly with status 0, like other Unix tools, whether the write
/// returned the error or panicked on it. Any other panic goes on as one.
pub fn quiet_on_closed_pipe(command: impl FnOnce() -> CliResult) -> CliResult {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !closed_pipe(info.payload()) {
            hook(info);
        }
    }));
    // Only the main thread's own unwinding is caught here, and nothing it
    // shares is looked at after a closed pipe: the command is over.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)) {
        Ok(result) => result,
        Err(payload) if closed_pipe(payload.as_ref()) => Err(Failure {
            message: String::new(),
            code: 0,
        }),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}
