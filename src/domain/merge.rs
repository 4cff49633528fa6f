//! `contact merge`: two records of one person become one. The survivor
//! keeps its id and everything it has; the other's interests, links,
//! notes, closer degree and earlier dates are folded in, and what the
//! survivor lacks (company, role, e-mail, how you met, cadence) is taken.
//! The history is never rewritten: the survivor lists the other's id in
//! `merged`, and entries logged for it count as the survivor's.

use super::contact::{Contact, ContactState};
use super::id::ContactId;
use super::identity::link_key;
use super::network::Network;
use super::validate::{MAX_LONG, MAX_SHORT};
use std::fmt;

/// Why two records cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// Both names pick out the same record.
    Itself(String),
    /// One of them is not in the network (any more).
    Missing(ContactId),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Itself(name) => {
                write!(f, "both name {name}; give two different contacts")
            }
            MergeError::Missing(id) => write!(f, "no contact {id} (removed meanwhile?)"),
        }
    }
}

impl std::error::Error for MergeError {}

/// What a merge did (or, on a copy, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The survivor, as it is after the merge.
    pub survivor: Contact,
    /// The record folded in and removed.
    pub absorbed: Contact,
    /// Each change to the survivor, in words ("interests + sailing").
    pub changes: Vec<String>,
}

impl Network {
    /// Folds the contact `absorbed` into `survivor` and removes it (see
    /// the module docs for what is kept).
    pub fn merge_contacts(
        &mut self,
        survivor: &ContactId,
        absorbed: &ContactId,
    ) -> Result<Merged, MergeError> {
        let at = |id: &ContactId| {
            self.contacts
                .iter()
                .position(|c| &c.id == id)
                .ok_or_else(|| MergeError::Missing(id.clone()))
        };
        let (keep, gone) = (at(survivor)?, at(absorbed)?);
        if keep == gone {
            return Err(MergeError::Itself(self.contacts[keep].name.clone()));
        }
        let other = self.contacts.remove(gone);
        let keep = if gone < keep { keep - 1 } else { keep };
        let contact = &mut self.contacts[keep];
        let changes = fold_in(contact, &other);
        Ok(Merged {
            survivor: contact.clone(),
            absorbed: other,
            changes,
        })
    }
}

/// Folds `other` into `c`; returns the changes in words.
fn fold_in(c: &mut Contact, other: &Contact) -> Vec<String> {
    let mut changes = Vec::new();
    let added: Vec<String> = other
        .interests
        .iter()
        .filter(|i| c.add_interest(i))
        .cloned()
        .collect();
    if !added.is_empty() {
        changes.push(format!("interests + {}", added.join(", ")));
    }
    for link in &other.links {
        let key = link_key(&link.url);
        let known = c
            .links
            .iter()
            .any(|l| l.url == link.url || (key.is_some() && link_key(&l.url) == key));
        if !known {
            changes.push(format!("link + {} {}", link.kind, link.url));
            c.links.push(link.clone());
        }
    }
    for (field, mine, theirs) in [
        ("company", &mut c.company, &other.company),
        ("role", &mut c.role, &other.role),
        ("email", &mut c.email, &other.email),
        ("met", &mut c.met, &other.met),
    ] {
        if mine.is_none()
            && let Some(v) = theirs
        {
            changes.push(format!("{field}: {v}"));
            *mine = Some(v.clone());
        }
    }
    if c.cadence_days.is_none()
        && let Some(days) = other.cadence_days
    {
        changes.push(format!("cadence: every {days} days"));
        c.cadence_days = Some(days);
    }
    match (&c.notes, &other.notes) {
        (None, Some(theirs)) => {
            changes.push("notes taken".into());
            c.notes = Some(theirs.clone());
        }
        (Some(mine), Some(theirs)) if !mine.contains(theirs.as_str()) => {
            let joined = format!("{mine}\n\n{theirs}");
            if joined.chars().count() <= MAX_LONG {
                changes.push("notes appended".into());
                c.notes = Some(joined);
            }
        }
        _ => {}
    }
    // How to address them, when only the other record knew (from an
    // address book's structured name), provided the names agree.
    if c.given_name.is_none() && other.given_name.is_some() && c.name == other.name {
        changes.push("given and family name taken".into());
        c.given_name = other.given_name.clone();
        c.family_name = other.family_name.clone();
    }
    // Two accounts of how you met: keep both when they fit.
    if c.met != other.met
        && let (Some(mine), Some(theirs)) = (&c.met, &other.met)
    {
        let joined = format!("{mine}; {theirs}");
        if joined.chars().count() <= MAX_SHORT {
            changes.push(format!("met + {theirs}"));
            c.met = Some(joined);
        }
    }
    if other.degree < c.degree {
        changes.push(format!("degree {} → {}", c.degree, other.degree));
        c.degree = other.degree;
    }
    if other.added < c.added {
        c.added = other.added;
    }
    let connected = match (c.connected, other.connected) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if connected != c.connected {
        if let Some(day) = connected {
            changes.push(format!("connected {day}"));
        }
        c.connected = connected;
    }
    // Someone kept in touch with stays so; a decision to set them aside
    // outranks not having looked yet.
    let rank = |s: ContactState| match s {
        ContactState::Active => 2,
        ContactState::Dormant => 1,
        ContactState::Untriaged => 0,
    };
    if rank(other.state) > rank(c.state) {
        changes.push(format!(
            "state: {}",
            match other.state {
                ContactState::Active => "active",
                ContactState::Dormant => "dormant",
                ContactState::Untriaged => "untriaged",
            }
        ));
        c.state = other.state;
    }
    for id in std::iter::once(&other.id).chain(&other.merged) {
        if !c.merged.contains(id) {
            c.merged.push(id.clone());
        }
    }
    // Notes a sync left on the other record are still to be settled.
    for note in &other.conflicts {
        if !c.conflicts.contains(note) {
            c.conflicts.push(note.clone());
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Entry, EntryKind, Link};
    use chrono::{DateTime, NaiveDate};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    #[test]
    fn the_survivor_gains_what_the_other_knew_and_answers_for_its_history() {
        let mut net = Network::default();
        let mut ada = Contact::new("Ada Lovelace", day(10)).unwrap();
        ada.degree = 2;
        ada.interests = vec!["rust".into()];
        ada.met = Some("RustConf".into());
        ada.links = vec![Link::parse("https://www.linkedin.com/in/ada").unwrap()];
        let mut twin = Contact::new("Ada L.", day(3)).unwrap();
        twin.interests = vec!["Rust".into(), "poetry".into()];
        twin.company = Some("Engines".into());
        twin.links = vec![
            Link::parse("https://linkedin.com/in/ADA/").unwrap(),
            Link::parse("https://github.com/ada").unwrap(),
        ];
        twin.connected = Some(day(2));
        twin.state = ContactState::Untriaged;
        net.contacts.push(ada.clone());
        net.contacts.push(twin.clone());
        let at = DateTime::parse_from_rfc3339("2026-01-20T10:00:00Z").unwrap();
        net.history
            .push(Entry::logged(&twin, EntryKind::Touch, at, "coffee"));
        let merged = net.merge_contacts(&ada.id, &twin.id).unwrap();
        assert_eq!(
            merged.changes,
            [
                "interests + poetry",
                "link + github https://github.com/ada",
                "company: Engines",
                "degree 2 → 1",
                "connected 2026-01-02",
            ]
        );
        assert_eq!(net.contacts.len(), 1);
        let ada = &net.contacts[0];
        assert_eq!((ada.name.as_str(), ada.added), ("Ada Lovelace", day(3)));
        assert_eq!(ada.merged, [twin.id.clone()]);
        assert_eq!(ada.state, ContactState::Active);
        let summaries = net.summaries();
        assert_eq!(summaries.get(0).unwrap().touches, 1);
        assert_eq!(summaries.get(0).unwrap().last_touch, Some(at));
        assert_eq!(
            net.merge_contacts(&ada.id.clone(), &ada.id.clone()),
            Err(MergeError::Itself("Ada Lovelace".into()))
        );
    }
}
