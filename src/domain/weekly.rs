//! The weekly digest: what needs you now, on one page — who is due and
//! the best item for each, new inbox entries that suit someone, moments
//! to congratulate, asks still open, introductions waiting on someone,
//! and what you gave in the last days. Worked out from the network at
//! one instant; the front end only words it.

use super::balance::open_asks;
use super::history::Tally;
use super::inbox::{self, Suits};
use super::insight::Insight;
use super::intro::{self, Intro};
use super::network::Network;
use super::ranking::Suggestion;
use chrono::{DateTime, Duration, FixedOffset};

/// A due contact and what to send them.
#[derive(Debug, Clone, PartialEq)]
pub struct DueLine {
    /// Index in `Network::contacts`.
    pub contact: usize,
    /// The best item for them, if any suits them.
    pub best: Option<Suggestion>,
}

/// Everything the digest shows (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Weekly {
    /// The start of the window "new" and "gave" look back to.
    pub since: DateTime<FixedOffset>,
    /// The most overdue contacts, at most the limit asked for.
    pub due: Vec<DueLine>,
    /// How many are due in all.
    pub due_total: usize,
    /// New inbox entries (arrived in the window) that suit someone:
    /// positions in the entries given, each with who it suits.
    pub inbox: Vec<(usize, Suits)>,
    /// Open moments, newest first (positions in `Network::history`).
    pub moments: Vec<usize>,
    /// Asks still unanswered, newest first (positions in the history).
    pub asks: Vec<usize>,
    /// Introductions still waiting on someone, oldest first.
    pub intros: Vec<Intro>,
    /// Gifts in the window, newest first (positions in the history).
    pub gives: Vec<usize>,
}

/// How many contacts each inbox entry names.
const SUITS: usize = 3;

impl Weekly {
    /// The digest of `network` at `insight.now`, looking `days` back;
    /// `entries` is the inbox, and at most `limit` due people are listed.
    pub fn new(
        network: &Network,
        insight: &Insight,
        entries: &[inbox::Entry],
        days: u32,
        limit: usize,
    ) -> Self {
        let now = insight.now;
        let since = now - Duration::days(i64::from(days));
        let due_all = insight.due_contacts(network);
        let due = due_all
            .iter()
            .take(limit)
            .map(|&c| DueLine {
                contact: c,
                best: insight.best_for(network, c),
            })
            .collect();
        let fresh: Vec<usize> = (0..entries.len())
            .filter(|&i| {
                let e = &entries[i];
                e.state == inbox::State::New && e.added >= since.date_naive()
            })
            .collect();
        let refs: Vec<&inbox::Entry> = fresh.iter().map(|&i| &entries[i]).collect();
        let inbox = fresh
            .into_iter()
            .zip(inbox::suits(network, &refs, SUITS))
            .filter(|(_, s)| s.total > 0)
            .collect();
        let history = &network.history;
        let mut gives: Vec<usize> = (0..history.len())
            .filter(|&i| {
                let e = &history[i];
                e.at >= since && e.at <= now && e.tally() == Some(Tally::Give)
            })
            .collect();
        gives.sort_by(|&a, &b| history[b].at.cmp(&history[a].at).then(b.cmp(&a)));
        Weekly {
            since,
            due,
            due_total: due_all.len(),
            inbox,
            moments: super::moment::open(history),
            asks: open_asks(history),
            intros: intro::all(history)
                .into_iter()
                .filter(Intro::is_open)
                .collect(),
            gives,
        }
    }
}
