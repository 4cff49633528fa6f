//! How worth a look an untriaged contact is, and why: recently connected,
//! working where people you keep up with work, or doing what you collect
//! content about.

use crate::domain::contact::{Contact, ContactState};
use crate::domain::fold::{fold, fold_label};
use crate::domain::network::Network;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::fmt;

/// One reason a contact is worth a look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Connected this many days ago (within the last year).
    Connected(i64),
    /// Works where this many of your active contacts work.
    Colleagues {
        /// The company as the contact spells it.
        company: String,
        /// How many active contacts work there.
        active: usize,
    },
    /// Their role or company meets a topic of your queue.
    Interest {
        /// "role" or "company".
        field: &'static str,
        /// The topic, as the queue spells it.
        label: String,
    },
}

impl Reason {
    /// Points toward the ranking: the warmer the connection, the more.
    fn score(&self) -> u32 {
        match self {
            Reason::Connected(days) if *days <= 30 => 3,
            Reason::Connected(days) if *days <= 90 => 2,
            Reason::Connected(_) => 1,
            Reason::Colleagues { .. } | Reason::Interest { .. } => 2,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Connected(0) => write!(f, "connected today"),
            Reason::Connected(1) => write!(f, "connected yesterday"),
            Reason::Connected(days) => write!(f, "connected {days} days ago"),
            Reason::Colleagues { company, active: 1 } => {
                write!(f, "works at {company}, like 1 active contact")
            }
            Reason::Colleagues { company, active } => {
                write!(f, "works at {company}, like {active} active contacts")
            }
            Reason::Interest { field, label } => write!(f, "{field} meets {label}"),
        }
    }
}

/// An untriaged contact with its score and reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Index into `network.contacts`.
    pub contact: usize,
    /// The sum of the reasons' points.
    pub score: u32,
    /// Why, strongest first.
    pub reasons: Vec<Reason>,
}

impl Ranked {
    /// The reasons in one line: "connected 3 days ago; role meets rust".
    pub fn why(&self) -> String {
        let parts: Vec<String> = self.reasons.iter().map(Reason::to_string).collect();
        parts.join("; ")
    }
}

/// At most this many topics count toward one contact's score, so a role
/// that spells out a whole queue does not drown everything else.
const MAX_TOPICS: usize = 2;

/// A topic may be this many words long ("machine learning ops").
const MAX_WORDS: usize = 3;

/// What the ranking compares against, worked out once per ranking.
struct Signals<'n> {
    today: NaiveDate,
    /// Folded company → number of active contacts there.
    companies: FxHashMap<String, usize>,
    /// Folded topic of a queue item → the topic as written.
    topics: FxHashMap<String, &'n str>,
}

impl<'n> Signals<'n> {
    fn new(net: &'n Network, today: NaiveDate) -> Self {
        let mut companies: FxHashMap<String, usize> = FxHashMap::default();
        for c in net.contacts.iter() {
            if c.state == ContactState::Active
                && let Some(company) = &c.company
            {
                *companies.entry(fold_label(company)).or_default() += 1;
            }
        }
        let mut topics = FxHashMap::default();
        for item in net.items.iter().filter(|i| !i.archived) {
            for t in &item.topics {
                topics.entry(fold_label(t)).or_insert(t.as_str());
            }
        }
        Self {
            today,
            companies,
            topics,
        }
    }

    fn reasons(&self, c: &Contact) -> Vec<Reason> {
        let mut reasons = Vec::new();
        if let Some(days) = c.connected.map(|d| (self.today - d).num_days())
            && (0..=365).contains(&days)
        {
            reasons.push(Reason::Connected(days));
        }
        if let Some(company) = &c.company
            && let Some(&active) = self.companies.get(&fold_label(company))
        {
            reasons.push(Reason::Colleagues {
                company: company.trim().to_string(),
                active,
            });
        }
        let mut found: Vec<&str> = Vec::new();
        for (field, text) in [("role", &c.role), ("company", &c.company)] {
            let Some(text) = text else { continue };
            for label in self.topics_in(text) {
                if found.len() < MAX_TOPICS && !found.contains(&label) {
                    found.push(label);
                    reasons.push(Reason::Interest {
                        field,
                        label: label.to_string(),
                    });
                }
            }
        }
        reasons.sort_by_key(|r| Reverse(r.score()));
        reasons
    }

    /// Topics that appear in `text` as whole words ("rust" in "Senior
    /// Rust Engineer", "machine learning" in "Machine Learning Lead").
    fn topics_in(&self, text: &str) -> Vec<&'n str> {
        if self.topics.is_empty() {
            return Vec::new();
        }
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut out = Vec::new();
        for start in 0..words.len() {
            for len in 1..=MAX_WORDS.min(words.len() - start) {
                let phrase = words[start..start + len].join(" ");
                if let Some(&label) = self.topics.get(&phrase) {
                    out.push(label);
                }
            }
        }
        out
    }
}

/// Ranks the contacts at `among` (indices into `net.contacts`), most worth
/// a look first; equal scores go newest connection first, then by name
/// and id, so the order is the same on every run.
pub fn rank(
    net: &Network,
    among: impl IntoIterator<Item = usize>,
    today: NaiveDate,
) -> Vec<Ranked> {
    let signals = Signals::new(net, today);
    let mut ranked: Vec<Ranked> = among
        .into_iter()
        .filter_map(|i| {
            let reasons = signals.reasons(net.contacts.get(i)?);
            Some(Ranked {
                contact: i,
                score: reasons.iter().map(Reason::score).sum(),
                reasons,
            })
        })
        .collect();
    ranked.sort_by_cached_key(|r| {
        let c = &net.contacts[r.contact];
        (
            Reverse(r.score),
            Reverse(c.connected.unwrap_or(c.added)),
            fold(&c.name),
            c.id.clone(),
        )
    });
    ranked
}
