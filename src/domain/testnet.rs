//! A small network builder for the domain's tests: contacts, items and
//! history placed relative to one fixed instant.

use super::{Contact, ContactState, Entry, EntryFields, EntryId, EntryKind, Item, Network};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

/// The fixed "now" of every domain test: Thursday 26 November 2026.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

/// Builds a network step by step; every contact and item is added on
/// 2026-01-01 unless changed.
#[derive(Default)]
pub struct TestNet {
    /// What has been built so far.
    pub net: Network,
}

impl TestNet {
    /// Adds an active 1st-degree contact; returns its index.
    pub fn contact(&mut self, name: &str, interests: &[&str]) -> usize {
        let mut c = Contact::new(name, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        c.interests = interests.iter().map(|s| s.to_string()).collect();
        self.net.contacts.push(c);
        self.net.contacts.len() - 1
    }

    /// Changes the last contact added.
    pub fn with(&mut self, change: impl FnOnce(&mut Contact)) -> &mut Self {
        if let Some(c) = self.net.contacts.last_mut() {
            change(c);
        }
        self
    }

    /// Sets a contact's state.
    pub fn state(&mut self, contact: usize, state: ContactState) {
        self.net.contacts[contact].state = state;
    }

    /// Adds an item added `days_ago`; returns its index.
    pub fn item(&mut self, title: &str, topics: &[&str], days_ago: i64) -> usize {
        let n = self.net.items.len();
        let added = now().date_naive() - Duration::days(days_ago);
        let mut it = Item::new(&format!("https://example.com/{n}"), Some(title), added).unwrap();
        it.topics = topics.iter().map(|s| s.to_string()).collect();
        self.net.items.push(it);
        n
    }

    /// Logs a share of `item` to `contact`, `days_ago`.
    pub fn share(&mut self, contact: usize, item: usize, days_ago: i64) {
        self.log(
            contact,
            EntryKind::Share,
            Some(item),
            now() - Duration::days(days_ago),
        );
    }

    /// Logs a touch or ask at an exact instant.
    pub fn log(
        &mut self,
        contact: usize,
        kind: EntryKind,
        item: Option<usize>,
        at: DateTime<FixedOffset>,
    ) {
        let c = &self.net.contacts[contact];
        let item = item.map(|i| &self.net.items[i]);
        let entry = Entry::from(EntryFields {
            id: EntryId::new(),
            at,
            kind,
            contact: c.id.clone(),
            contact_name: c.name.clone(),
            item: item.map(|i| i.id.clone()),
            item_title: item.map(|i| i.title.clone()),
            url: item.map(|i| i.url.clone()),
            note: String::new(),
            template: None,
            via: None,
            voids: None,
        });
        self.net.history.push(entry);
    }

    /// Logs a touch or ask `days_ago`.
    pub fn touch(&mut self, contact: usize, kind: EntryKind, days_ago: i64) {
        self.log(contact, kind, None, now() - Duration::days(days_ago));
    }
}
