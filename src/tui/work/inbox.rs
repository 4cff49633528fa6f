//! The inbox's work on the worker thread: reading it, fetching the feeds,
//! keeping or skipping an entry.

use super::protocol::{Done, InboxOp, SaveError};
use crate::feed::intake::{self, IntakeError, Kept, Row};
use crate::store::Store;
use chrono::NaiveDate;
use std::time::Duration;

/// Contacts named on an entry's line.
const SUITS_SHOWN: usize = 3;
/// How long a refresh waits for one feed.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Runs an inbox operation on the worker: the outcome, and the inbox as
/// it is afterwards (also after a failure, when it can be read).
pub fn run(store: &Store, op: InboxOp, today: NaiveDate) -> (Result<Done, SaveError>, Vec<Row>) {
    let outcome = match op {
        InboxOp::Load => Ok(Done::default()),
        InboxOp::Refresh => intake::refresh(store, today, TIMEOUT, |_, _| {})
            .map(|results| {
                let added: usize = results.iter().map(|r| r.added).sum();
                let failed = results.iter().filter(|r| r.status == "failed").count();
                let message = if results.is_empty() {
                    "No feeds yet: netwerk feed add URL".to_string()
                } else if failed > 0 {
                    format!(
                        "{added} new from {} feeds; {failed} failed (netwerk feed refresh says why)",
                        results.len()
                    )
                } else {
                    format!("{added} new from {} feeds", results.len())
                };
                Done {
                    message,
                    ..Done::default()
                }
            })
            .map_err(SaveError::Store),
        InboxOp::Keep(id) => intake::keep(store, &id, today)
            .map(|kept| {
                let (item, how) = match kept {
                    Kept::Queued(item) => (item, "Kept"),
                    Kept::AlreadyQueued(item) => (item, "Already queued"),
                };
                Done {
                    message: format!("{how}: {}", item.title),
                    select: Some(item.id.to_string()),
                    ..Done::default()
                }
            })
            .map_err(refused),
        InboxOp::Skip(id) => intake::skip(store, &id)
            .map(|entry| Done {
                message: format!("Skipped: {}", entry.title),
                ..Done::default()
            })
            .map_err(refused),
    };
    let rows = intake::rows(store, SUITS_SHOWN).unwrap_or_default();
    (outcome, rows)
}

fn refused(e: IntakeError) -> SaveError {
    match e {
        IntakeError::Store(e) => SaveError::Store(e),
        IntakeError::Queue(crate::ops::QueueError::Field(e)) => e.into(),
        IntakeError::Queue(crate::ops::QueueError::Duplicate(item)) => {
            SaveError::Fields(vec![("Entry", format!("already queued: {}", item.title))])
        }
        IntakeError::Resolve(crate::domain::Resolve::NotFound(what)) => {
            SaveError::Fields(vec![("Entry", format!("no {what}"))])
        }
        IntakeError::Resolve(crate::domain::Resolve::Ambiguous(what, _)) => {
            SaveError::Fields(vec![("Entry", format!("{what} is ambiguous"))])
        }
    }
}
