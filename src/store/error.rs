//! Errors from the data directory and config file, each naming the file
//! (and line and column when known) so the user can go and fix it.

use std::io;
use std::path::{Path, PathBuf};

/// Something went wrong reading or writing netwerk's files.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file did not parse.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// A file parsed but holds something netwerk cannot accept.
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A config value is unusable.
    #[error("{}: {key}: {message}", path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// The dotted key.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// The file was written by a newer netwerk.
    #[error("{}:{line}: format version {found} is newer than this netwerk understands (up to {supported}); upgrade netwerk", path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// 1-based line of the version.
        line: usize,
        /// The version found.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Another process held the lock for too long.
    #[error("{}: another netwerk process has held the lock for over {secs} seconds; try again", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// How long we waited.
        secs: u64,
    },
    /// A path netwerk will not use: a FIFO, a device or a dangling link
    /// where a data file should be, an export into the data directory.
    #[error(transparent)]
    Refused(#[from] crate::disk::safe_path::PathError),
    /// The undo journal holds something that cannot be put back.
    #[error("the undo journal: {0}")]
    Journal(String),
    /// The operating system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl StoreError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<crate::disk::safe_path::CheckError> for StoreError {
    fn from(e: crate::disk::safe_path::CheckError) -> Self {
        match e {
            crate::disk::safe_path::CheckError::Refused(e) => StoreError::Refused(e),
            crate::disk::safe_path::CheckError::Io { path, source } => {
                StoreError::Io { path, source }
            }
        }
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Turns a TOML error into `path:line:col: message`.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> StoreError {
    // A merge git left half-way is the likelier story than a typo.
    if let Some(line) = super::markers::first_conflict(text) {
        return StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col: 1,
            message: super::markers::REFUSAL.into(),
        };
    }
    let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    StoreError::Parse {
        path: path.to_path_buf(),
        line,
        col,
        message: e.message().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 99), (3, 2));
    }
}
