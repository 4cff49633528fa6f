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
