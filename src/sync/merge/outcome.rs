//! What a merge gives back — the merged text and its counts, the records
//! it left notes on, why it failed — and how its copies are named.

use crate::disk::error::StoreError;
use crate::format::tables::TableRecord;
use std::path::PathBuf;

/// A record a merge left notes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noted {
    /// The file it is in.
    pub file: &'static str,
    /// Its id.
    pub id: String,
    /// Its name or title.
    pub label: String,
    /// The notes.
    pub notes: Vec<String>,
}

impl Noted {
    /// `notes` on `record`.
    pub fn of<T: TableRecord>(record: &T, notes: Vec<String>) -> Self {
        Noted {
            file: T::FILE,
            id: record.id().to_owned(),
            label: record.label().to_owned(),
            notes,
        }
    }
}

/// A merged file.
#[derive(Debug)]
pub struct Merged {
    /// Its text.
    pub text: String,
    /// Records (or history entries) this side did not have.
    pub added: usize,
    /// Records this side had, changed.
    pub changed: usize,
    /// Records this side had, gone.
    pub removed: usize,
    /// Records the merge left notes on.
    pub noted: Vec<Noted>,
}

/// Why copies could not be merged. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Not one of netwerk's data files.
    #[error("{}: not a netwerk data file", .0.display())]
    Unknown(PathBuf),
    /// One copy does not parse.
    #[error("{error} (in {side})")]
    Side {
        /// Which copy: "this side's version" …
        side: String,
        /// What is wrong with it, by line.
        error: StoreError,
    },
    /// The merged file cannot be written keeping this side's comments.
    #[error("{}: the merge cannot keep the comments in this file ({why}); nothing was merged", path.display())]
    Comments {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
}

/// How the copies of a merge are named in errors and notes.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    /// This side's version, in errors ("this side's version").
    pub ours: &'a str,
    /// The other side's version, in errors ("the other side's version").
    pub theirs: &'a str,
    /// The other side in the notes left on records ("the other side
    /// (merged on laptop)").
    pub other: &'a str,
}

impl<'a> Names<'a> {
    /// A git merge: this branch and the one merged in, which notes call
    /// `other`.
    pub fn git(other: &'a str) -> Self {
        Names {
            ours: "this side's version",
            theirs: "the other side's version",
            other,
        }
    }
}

/// Parses one copy, naming it in the error.
pub(super) fn side<R>(side: &str, parsed: Result<R, StoreError>) -> Result<R, MergeError> {
    parsed.map_err(|error| MergeError::Side {
        side: side.to_owned(),
        error,
    })
}
