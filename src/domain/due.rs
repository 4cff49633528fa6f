//! Due-ness: how long since you last gave or touched base, against the
//! contact's cadence.

use super::contact::{Contact, ContactState};
use super::network::Summary;
use crate::config::Cadences;
use chrono::{DateTime, FixedOffset};

/// Where a contact stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Due {
    /// Whole days since the last share or touch, else since connecting or
    /// being added.
    pub days_since: i64,
    /// Whether `days_since` counts from a real touch.
    pub touched: bool,
    /// The cadence in force.
    pub cadence: u32,
    /// `days_since / cadence`: 1.0 means due today.
    pub ratio: f64,
}

/// How urgent a contact is, for colours and glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueState {
    /// Not due for more than a week.
    Fine,
    /// Due within a week.
    Soon,
    /// Past their cadence.
    Overdue,
    /// Untriaged or dormant: never due.
    Inactive,
}

impl Due {
    /// Computes due-ness at `now`.
    pub fn of(
        contact: &Contact,
        summary: Option<&Summary>,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let cadence = contact
            .cadence_days
            .unwrap_or_else(|| cadences.for_degree(contact.degree))
            .max(1);
        let last = summary.and_then(|s| s.last_touch);
        let anchor = match last {
            Some(t) => t.date_naive(),
            None => contact.connected.unwrap_or(contact.added),
        };
        let days_since = (now.date_naive() - anchor).num_days().max(0);
        Self {
            days_since,
            touched: last.is_some(),
            cadence,
            ratio: days_since as f64 / f64::from(cadence),
        }
    }

    /// The state for display, given the contact's triage state.
    pub fn state(&self, contact_state: ContactState) -> DueState {
        if contact_state != ContactState::Active {
            DueState::Inactive
        } else if self.days_since >= i64::from(self.cadence) {
            DueState::Overdue
        } else if self.days_since + 7 >= i64::from(self.cadence) {
            DueState::Soon
        } else {
            DueState::Fine
        }
    }
}
