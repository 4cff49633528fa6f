//! [`OpError`]: why a change was not made, in one type every operation
//! returns and each front end presents in its own words.

use crate::domain::identity::SamePerson;
use crate::domain::{AskWarning, ContactId, FieldError, Item};
use chrono::{DateTime, FixedOffset};

/// Why a change was not made. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpError {
    /// Fields the person must fix, every problem at once.
    Invalid(Vec<FieldError>),
    /// The change would make a second record of someone already known;
    /// `force` in the change makes it anyway.
    Twin {
        /// Who they are already.
        twin: SamePerson,
        /// The record being edited; `None` when adding.
        editing: Option<ContactId>,
    },
    /// The record was removed (by another process) before the change ran.
    Gone(&'static str),
    /// The address is already queued, as this item.
    Duplicate(Box<Item>),
    /// Interests to remove that the contact does not have.
    NoSuchInterest {
        /// The contact's name.
        name: String,
        /// The interests asked for that they do not have.
        missing: Vec<String>,
    },
    /// A share is logged by sharing the item, not by hand.
    ShareNotLogged,
    /// Only what has happened is logged.
    Future(DateTime<FixedOffset>),
    /// An ask before anything was ever given needs a yes (`force`).
    AskFirst(AskWarning),
    /// Introductions, moments and asks are recorded by their own
    /// commands, not logged by hand.
    NotLogged(crate::domain::EntryKind),
    /// A rule said no, in words: an introduction that cannot move on to
    /// that stage, a moment or an ask already closed, an unknown id.
    Refused(String),
}

impl From<FieldError> for OpError {
    fn from(e: FieldError) -> Self {
        OpError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for OpError {
    fn from(errors: Vec<FieldError>) -> Self {
        OpError::Invalid(errors)
    }
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpError::Invalid(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("; "))
            }
            OpError::Twin { twin, .. } => write!(f, "{twin}"),
            OpError::Gone(what) => write!(f, "this {what} was removed by another process"),
            OpError::Duplicate(item) => write!(
                f,
                "already in the queue as {} \"{}\" ({})",
                item.id, item.title, item.url
            ),
            OpError::NoSuchInterest { name, missing } => write!(
                f,
                "{name} has no interest {}; nothing removed",
                missing.join(", ")
            ),
            OpError::ShareNotLogged => f.write_str("a share is logged by sharing the item"),
            OpError::Future(at) => write!(
                f,
                "{} is in the future; log what has happened",
                at.to_rfc3339()
            ),
            OpError::AskFirst(warning) => write!(f, "{warning}"),
            OpError::NotLogged(kind) => write!(
                f,
                "log records touches and asks; {kind} entries are written by `netwerk intro`, imports and undo"
            ),
            OpError::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for OpError {}
