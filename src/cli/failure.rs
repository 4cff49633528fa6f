//! How a command fails: a message for stderr and an exit status.

use crate::domain::{FieldError, Resolve};
use crate::store::StoreError;

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

impl From<Resolve> for Failure {
    fn from(e: Resolve) -> Self {
        Failure::new(e.to_string())
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
