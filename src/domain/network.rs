//! The whole network in memory, and the questions asked of it.

use super::contact::Contact;
use super::fold::{fold, fold_label};
use super::history::{Entry, EntryKind};
use super::id::{ContactId, ItemId};
use super::item::Item;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

/// Contacts, queue and history, as loaded from the data directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// Every contact, in file order (sorted by id).
    pub contacts: Vec<Contact>,
    /// Every content item, archived ones included.
    pub items: Vec<Item>,
    /// Every history entry, in the order they were appended.
    pub history: Vec<Entry>,
}

/// Why a query did not pick out exactly one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolve {
    /// Nothing matched.
    NotFound(String),
    /// Several matched; their ids and display names, for the user to choose.
    Ambiguous(String, Vec<(String, String)>),
}

impl std::fmt::Display for Resolve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Resolve::NotFound(what) => write!(f, "no {what}"),
            Resolve::Ambiguous(what, candidates) => {
                write!(f, "{what} matches {} records:", candidates.len())?;
                for (id, name) in candidates.iter().take(20) {
                    write!(f, "\n  {id}  {name}")?;
                }
                if candidates.len() > 20 {
                    write!(f, "\n  … and {} more", candidates.len() - 20)?;
                }
                Ok(())
            }
        }
    }
}

/// What the history says about one contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The latest share or touch.
    pub last_touch: Option<DateTime<FixedOffset>>,
    /// How many items they were given.
    pub gives: u32,
    /// How many touches (not shares) were logged.
    pub touches: u32,
    /// How many times you asked them for something.
    pub asks: u32,
    /// Items they received, with the latest time each was sent.
    pub received: HashMap<ItemId, DateTime<FixedOffset>>,
}

/// Picks exactly one record: an exact id, else an exact folded name, else
/// the only record whose folded name contains the query.
fn resolve<'a, T>(
    what: &str,
    query: &str,
    records: &'a [T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Result<&'a T, Resolve> {
    let query = query.trim();
    if let Some(r) = records.iter().find(|r| id(r) == query) {
        return Ok(r);
    }
    let folded = fold(query);
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return Err(Resolve::NotFound(format!("{what} matches an empty query")));
    }
    let exact: Vec<&T> = records
        .iter()
        .filter(|r| fold_label(name(r)) == folded)
        .collect();
    let matches = if exact.is_empty() {
        records
            .iter()
            .filter(|r| fold_label(name(r)).contains(&folded))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Resolve::NotFound(format!("{what} matches {query:?}"))),
        many => Err(Resolve::Ambiguous(
            format!("{query:?}"),
            many.iter()
                .map(|r| (id(r).to_string(), name(r).to_string()))
                .collect(),
        )),
    }
}

impl Network {
    /// The contact with this id.
    pub fn contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.iter().find(|c| &c.id == id)
    }

    /// The item with this id.
    pub fn item(&self, id: &ItemId) -> Option<&Item> {
        self.items.iter().find(|i| &i.id == id)
    }

    /// Resolves a contact given by id or by a name query.
    pub fn resolve_contact(&self, query: &str) -> Result<&Contact, Resolve> {
        resolve(
            "contact",
            query,
            &self.contacts,
            |c| c.id.as_str(),
            |c| &c.name,
        )
    }

    /// Resolves an item given by id, URL, or a title query.
    pub fn resolve_item(&self, query: &str) -> Result<&Item, Resolve> {
        if let Ok(url) = super::url::normalize("url", query)
            && let Some(item) = self.item_by_url(&url)
        {
            return Ok(item);
        }
        resolve("item", query, &self.items, |i| i.id.as_str(), |i| &i.title)
    }

    /// The item with this normalised URL.
    pub fn item_by_url(&self, normalized: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.url == normalized)
    }

    /// The spelling the network already uses for an interest, so "RUST"
    /// typed today joins the "rust" typed last year; a new label is kept
    /// as typed, trimmed.
    pub fn canonical_label(&self, label: &str) -> String {
        let folded = fold_label(label);
        self.contacts
            .iter()
            .flat_map(|c| c.interests.iter())
            .chain(self.items.iter().flat_map(|i| i.topics.iter()))
            .find(|l| fold_label(l) == folded)
            .cloned()
            .unwrap_or_else(|| label.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Every interest with how many contacts and items carry it, most
    /// common first, then alphabetical.
    pub fn interest_counts(&self) -> Vec<InterestCount> {
        let mut by_fold: HashMap<String, InterestCount> = HashMap::new();
        for c in &self.contacts {
            for label in &c.interests {
                by_fold
                    .entry(fold_label(label))
                    .or_insert_with(|| InterestCount::new(label))
                    .contacts += 1;
            }
        }
        for i in &self.items {
            for label in &i.topics {
                by_fold
                    .entry(fold_label(label))
                    .or_insert_with(|| InterestCount::new(label))
                    .items += 1;
            }
        }
        let mut counts: Vec<(String, InterestCount)> = by_fold.into_iter().collect();
        counts.sort_by(|(fa, a), (fb, b)| {
            b.contacts
                .cmp(&a.contacts)
                .then(b.items.cmp(&a.items))
                .then(fa.cmp(fb))
        });
        counts.into_iter().map(|(_, c)| c).collect()
    }

    /// When `item` last went to `contact`, if ever: what the picker and
    /// composer warn about before a repeat share.
    pub fn sent_at(&self, contact: &ContactId, item: &ItemId) -> Option<DateTime<FixedOffset>> {
        self.history
            .iter()
            .filter(|e| e.kind == EntryKind::Share && &e.contact == contact)
            .filter(|e| e.item.as_ref() == Some(item))
            .map(|e| e.at)
            .max()
    }

    /// What the history says about each contact, built in one pass.
    pub fn summaries(&self) -> HashMap<ContactId, Summary> {
        let mut out: HashMap<ContactId, Summary> = HashMap::with_capacity(self.contacts.len());
        for e in &self.history {
            // Clone the id only the first time a contact is seen: cloning
            // per entry is 100,000 allocations at LinkedIn scale.
            if !out.contains_key(&e.contact) {
                out.insert(e.contact.clone(), Summary::default());
            }
            let Some(s) = out.get_mut(&e.contact) else {
                continue;
            };
            if e.kind.is_touch() && s.last_touch.is_none_or(|t| e.at > t) {
                s.last_touch = Some(e.at);
            }
            match e.kind {
                EntryKind::Share => {
                    s.gives += 1;
                    if let Some(item) = &e.item {
                        match s.received.get_mut(item) {
                            Some(at) if e.at > *at => *at = e.at,
                            Some(_) => {}
                            None => {
                                s.received.insert(item.clone(), e.at);
                            }
                        }
                    }
                }
                EntryKind::Touch => s.touches += 1,
                EntryKind::Ask => s.asks += 1,
            }
        }
        out
    }
}

/// One interest across the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestCount {
    /// The label as first spelled.
    pub label: String,
    /// Contacts who have it.
    pub contacts: usize,
    /// Items about it.
    pub items: usize,
}

impl InterestCount {
    fn new(label: &str) -> Self {
        Self {
            label: label.to_string(),
            contacts: 0,
            items: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn net() -> Network {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut n = Network::default();
        for name in ["Ada Lovelace", "Ada Byron", "José Núñez", "Grace Hopper"] {
            n.contacts.push(Contact::new(name, day).unwrap());
        }
        n
    }

    #[test]
    fn resolves_by_id_name_and_unique_substring() {
        let n = net();
        let grace = n.contacts[3].id.clone();
        assert_eq!(
            n.resolve_contact(grace.as_str()).unwrap().name,
            "Grace Hopper"
        );
        assert_eq!(n.resolve_contact("hopper").unwrap().name, "Grace Hopper");
        assert_eq!(n.resolve_contact("jose").unwrap().name, "José Núñez");
        assert_eq!(
            n.resolve_contact("ada lovelace").unwrap().name,
            "Ada Lovelace"
        );
        match n.resolve_contact("ada") {
            Err(Resolve::Ambiguous(_, c)) => assert_eq!(c.len(), 2),
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert!(matches!(
            n.resolve_contact("zed"),
            Err(Resolve::NotFound(_))
        ));
    }

    #[test]
    fn labels_keep_the_first_spelling() {
        let mut n = net();
        n.contacts[0].add_interest("Café");
        assert_eq!(n.canonical_label("CAFE"), "Café");
        assert_eq!(n.canonical_label("  Sailing  boats "), "Sailing boats");
        let label = n.canonical_label("cafe");
        n.contacts[1].add_interest(&label);
        let counts = n.interest_counts();
        assert_eq!(counts.len(), 1);
        assert_eq!((counts[0].label.as_str(), counts[0].contacts), ("Café", 2));
    }
}
