//! Triage, the answer to nano-networking: contacts that arrived by import
//! and were never reviewed are ranked by how worth a look they are, then
//! kept (with a few interests and a cadence), skipped for now, or set
//! aside as dormant — kept, but never due and hidden unless asked for —
//! one at a time or all that match a filter at once.

mod filter;
mod rank;

pub use filter::{Filter, Matcher};
pub use rank::{Ranked, Reason};

use super::contact::{Contact, ContactState};
use super::history::Entry;
use super::id::ContactId;
use super::network::Network;
use super::validate::{self, FieldError};
use chrono::NaiveDate;
use rustc_hash::FxHashSet;

/// What the user decided for one contact. "Skip for now" changes nothing,
/// so it is not a decision here: the triage screen just moves on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Start keeping up with them.
    Keep {
        /// Interests to add (spelled as the network already spells them).
        interests: Vec<String>,
        /// Stay-in-touch cadence in days; `None` keeps the degree default.
        cadence: Option<u32>,
    },
    /// Keep the record, but never due and hidden unless asked for.
    Dormant,
}

/// Untriaged contacts matching `filter`, most worth a look first (see
/// [`rank`](rank::rank)): what `triage list` prints.
pub fn list(network: &Network, filter: &Filter, today: NaiveDate) -> Vec<Ranked> {
    let matcher = filter.matcher();
    let among = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.state == ContactState::Untriaged && matcher.matches(c))
        .map(|(i, _)| i);
    rank::rank(network, among, today)
}

/// The untriaged contacts among `rows` (indices into `network.contacts`,
/// e.g. a filtered view), most worth a look first: the order a triage
/// walk takes, so "37 of 512" means the same on every run.
pub fn walk(network: &Network, rows: &[usize], today: NaiveDate) -> Vec<Ranked> {
    let among = rows.iter().copied().filter(|&i| {
        network
            .contacts
            .get(i)
            .is_some_and(|c| c.state == ContactState::Untriaged)
    });
    rank::rank(network, among, today)
}

/// Checks a decision's values and returns the interests to add, spelled
/// as the network already spells them.
fn prepare(network: &Network, decision: &Decision) -> Result<Vec<String>, FieldError> {
    match decision {
        Decision::Keep { interests, cadence } => {
            if let Some(days) = cadence {
                validate::cadence(*days)?;
            }
            interests
                .iter()
                .map(|i| validate::required("interest", i).map(|_| network.canonical_label(i)))
                .collect()
        }
        Decision::Dormant => Ok(Vec::new()),
    }
}

/// Applies a checked decision to one contact.
fn decide(contact: &mut Contact, decision: &Decision, labels: &[String]) {
    match decision {
        Decision::Keep { cadence, .. } => {
            contact.state = ContactState::Active;
            for label in labels {
                contact.add_interest(label);
            }
            if cadence.is_some() {
                contact.cadence_days = *cadence;
            }
        }
        Decision::Dormant => contact.state = ContactState::Dormant,
    }
}

/// Applies a decision to the contact with id `id`. Every value is checked
/// first; on error nothing changes. Keeping or setting aside works from
/// any state, so a dormant contact can be kept again later.
pub fn apply(network: &mut Network, id: &ContactId, decision: &Decision) -> Result<(), FieldError> {
    let labels = prepare(network, decision)?;
    let contact = network
        .contacts
        .iter_mut()
        .find(|c| &c.id == id)
        .ok_or_else(|| FieldError::new("contact", format!("no contact with id {id}")))?;
    decide(contact, decision, &labels);
    Ok(())
}

/// Which contacts a bulk decision is for.
#[derive(Debug, Clone, Copy)]
pub enum Among<'a> {
    /// Every untriaged contact matching the filter (an empty filter
    /// matches all).
    Matching(&'a Filter),
    /// These contacts, where they are still untriaged (a view's rows,
    /// named by id so the list survives a re-read).
    Ids(&'a [ContactId]),
}

/// Applies one decision to many untriaged contacts in a single pass (the
/// bulk keep and set-aside of both front ends, run inside one save).
/// Contacts already triaged are left alone, so re-reading the files
/// under the lock never undoes a decision made elsewhere. Values are
/// checked first; on error nothing changes. Returns how many changed.
pub fn apply_all(
    network: &mut Network,
    among: Among<'_>,
    decision: &Decision,
) -> Result<usize, FieldError> {
    let labels = prepare(network, decision)?;
    let chosen: Box<dyn Fn(&Contact) -> bool> = match among {
        Among::Matching(filter) => {
            let matcher = filter.matcher();
            Box::new(move |c| matcher.matches(c))
        }
        Among::Ids(ids) => {
            let ids: FxHashSet<&str> = ids.iter().map(ContactId::as_str).collect();
            Box::new(move |c| ids.contains(c.id.as_str()))
        }
    };
    // Counted first: touching the list copies it when it is shared.
    let count = network
        .contacts
        .iter()
        .filter(|c| c.state == ContactState::Untriaged && chosen(c))
        .count();
    if count > 0 {
        for c in network.contacts.iter_mut() {
            if c.state == ContactState::Untriaged && chosen(c) {
                decide(c, decision, &labels);
            }
        }
    }
    Ok(count)
}

/// The untriaged contacts a gift or touch in `entries` is with: having
/// given them something or talked to them, they are clearly worth
/// keeping. An ask is not a gesture toward them and wakes nobody.
fn woken<'e>(network: &Network, entries: &'e [Entry]) -> FxHashSet<&'e str> {
    let mut ids: FxHashSet<&str> = entries
        .iter()
        .flat_map(Entry::counts)
        .filter(|(_, t)| t.keeps_in_touch())
        .map(|(who, _)| who)
        .collect();
    if !ids.is_empty() {
        ids.retain(|id| {
            network
                .contacts
                .iter()
                .any(|c| c.id.as_str() == *id && c.state == ContactState::Untriaged)
        });
    }
    ids
}

/// Whether logging `entries` makes anyone active (see [`wake`]).
pub fn wakes(network: &Network, entries: &[Entry]) -> bool {
    !woken(network, entries).is_empty()
}

/// Makes active every untriaged contact a share or touch in `entries` is
/// with; returns how many. The one rule for what logging a gesture does
/// to triage, applied wherever history is logged.
pub fn wake(network: &mut Network, entries: &[Entry]) -> usize {
    let ids: Vec<String> = woken(network, entries)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return 0;
    }
    for c in network.contacts.iter_mut() {
        if ids.iter().any(|id| id == c.id.as_str()) {
            c.state = ContactState::Active;
        }
    }
    ids.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Contact;
    use crate::domain::EntryKind;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn imported(n: &mut Network, name: &str, connected: u32) -> ContactId {
        let mut c = Contact::new(name, day(28)).unwrap();
        c.connected = Some(day(connected));
        c.state = ContactState::Untriaged;
        let id = c.id.clone();
        n.contacts.push(c);
        id
    }

    #[test]
    fn equal_scores_walk_newest_connection_first_then_name() {
        let mut n = Network::default();
        imported(&mut n, "Zoë Old", 1);
        imported(&mut n, "Bea New", 20);
        imported(&mut n, "Al New", 20);
        n.contacts.push(Contact::new("Hand Added", day(5)).unwrap());
        let names: Vec<&str> = list(&n, &Filter::default(), day(28))
            .iter()
            .map(|r| n.contacts[r.contact].name.as_str())
            .collect();
        assert_eq!(names, ["Al New", "Bea New", "Zoë Old"]);
    }

    #[test]
    fn keep_activates_with_interests_and_cadence_and_dormant_sets_aside() {
        let mut n = Network::default();
        let mut known = Contact::new("Known", day(1)).unwrap();
        known.add_interest("Rust");
        n.contacts.push(known);
        let ada = imported(&mut n, "Ada", 2);
        let bob = imported(&mut n, "Bob", 3);
        let keep = Decision::Keep {
            interests: vec!["rust".into(), " sailing ".into()],
            cadence: Some(14),
        };
        apply(&mut n, &ada, &keep).unwrap();
        let a = n.contact(&ada).unwrap();
        assert_eq!(a.state, ContactState::Active);
        assert_eq!(a.interests, ["Rust", "sailing"]);
        assert_eq!(a.cadence_days, Some(14));
        apply(&mut n, &bob, &Decision::Dormant).unwrap();
        assert_eq!(n.contact(&bob).unwrap().state, ContactState::Dormant);
        assert!(list(&n, &Filter::default(), day(28)).is_empty());
    }

    #[test]
    fn bad_values_change_nothing() {
        let mut n = Network::default();
        let ada = imported(&mut n, "Ada", 2);
        let bad_cadence = Decision::Keep {
            interests: vec!["rust".into()],
            cadence: Some(0),
        };
        assert_eq!(
            apply(&mut n, &ada, &bad_cadence).unwrap_err().field,
            "cadence"
        );
        let bad_interest = Decision::Keep {
            interests: vec!["  ".into()],
            cadence: None,
        };
        assert_eq!(
            apply(&mut n, &ada, &bad_interest).unwrap_err().field,
            "interest"
        );
        let a = n.contact(&ada).unwrap();
        assert_eq!((a.state, a.interests.len()), (ContactState::Untriaged, 0));
        let ghost = ContactId::from("cnobody");
        assert!(apply(&mut n, &ghost, &Decision::Dormant).is_err());
    }

    fn at(n: &mut Network, name: &str, company: &str, role: &str, connected: u32) -> ContactId {
        let id = imported(n, name, connected);
        let c = n.contacts.iter_mut().find(|c| c.id == id).unwrap();
        c.company = Some(company.into());
        c.role = Some(role.into());
        id
    }

    #[test]
    fn ranking_says_why_recent_colleagues_and_topics_come_first() {
        let mut n = Network::default();
        let mut known = Contact::new("Known", day(1)).unwrap();
        known.company = Some("Stripe".into());
        n.contacts.push(known);
        let mut item =
            crate::domain::Item::new("https://example.com/a", Some("A"), day(1)).unwrap();
        item.topics = vec!["Rust".into(), "machine learning".into()];
        n.items.push(item);
        at(&mut n, "Old Nobody", "Acme", "Clerk", 1);
        at(&mut n, "Sam Stripe", "stripe ", "Clerk", 1);
        at(
            &mut n,
            "Rae Rustacean",
            "Acme",
            "Senior Rust / Machine-Learning Engineer",
            1,
        );
        let mut fresh = Contact::new("Fresh", day(28)).unwrap();
        fresh.state = ContactState::Untriaged;
        fresh.connected = NaiveDate::from_ymd_opt(2026, 3, 26);
        n.contacts.push(fresh);
        let today = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
        let ranked = list(&n, &Filter::default(), today);
        let rows: Vec<(String, u32, String)> = ranked
            .iter()
            .map(|r| (n.contacts[r.contact].name.clone(), r.score, r.why()))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Rae Rustacean".into(),
                    4,
                    "role meets Rust; role meets machine learning".into()
                ),
                (
                    "Sam Stripe".into(),
                    2,
                    "works at stripe, like 1 active contact".into()
                ),
                ("Fresh".into(), 1, "connected 341 days ago".into()),
                ("Old Nobody".into(), 0, String::new()),
            ]
        );
        assert_eq!(Reason::Connected(3).to_string(), "connected 3 days ago");
    }

    #[test]
    fn filters_fold_case_and_accents_and_need_every_field() {
        let mut n = Network::default();
        at(&mut n, "José Núñez", "Stripe Payments", "Engineer", 10);
        at(&mut n, "Ann Other", "Acme", "Stripe Engineer", 2);
        let names = |f: &Filter| -> Vec<String> {
            let mut v: Vec<String> = list(&n, f, day(28))
                .iter()
                .map(|r| n.contacts[r.contact].name.clone())
                .collect();
            v.sort();
            v
        };
        let company = Filter {
            company: Some("STRIPE".into()),
            ..Filter::default()
        };
        assert_eq!(names(&company), ["José Núñez"]);
        let query = Filter {
            query: Some("stripe engineer".into()),
            ..Filter::default()
        };
        assert_eq!(names(&query), ["Ann Other", "José Núñez"]);
        let both = Filter {
            query: Some("nunez".into()),
            connected_since: Some(day(5)),
            ..Filter::default()
        };
        assert_eq!(names(&both), ["José Núñez"]);
        let later = Filter {
            connected_since: Some(day(11)),
            ..Filter::default()
        };
        assert!(names(&later).is_empty());
        assert_eq!(both.describe(), "connected since 2026-03-05 · query: nunez");
    }

    #[test]
    fn bulk_decisions_change_only_untriaged_matches_in_one_pass() {
        let mut n = Network::default();
        let a = at(&mut n, "A", "Stripe", "Dev", 1);
        let b = at(&mut n, "B", "Stripe", "Dev", 1);
        let c = at(&mut n, "C", "Acme", "Dev", 1);
        n.contacts.iter_mut().find(|x| x.id == b).unwrap().state = ContactState::Dormant;
        let stripe = Filter {
            company: Some("stripe".into()),
            ..Filter::default()
        };
        let keep = Decision::Keep {
            interests: vec!["payments".into()],
            cadence: Some(60),
        };
        assert_eq!(apply_all(&mut n, Among::Matching(&stripe), &keep), Ok(1));
        let got = n.contact(&a).unwrap();
        assert_eq!(
            (got.state, got.cadence_days, got.interests.clone()),
            (ContactState::Active, Some(60), vec!["payments".to_string()])
        );
        assert_eq!(n.contact(&b).unwrap().state, ContactState::Dormant);
        assert_eq!(n.contact(&c).unwrap().state, ContactState::Untriaged);
        let bad = Decision::Keep {
            interests: vec![],
            cadence: Some(0),
        };
        assert!(apply_all(&mut n, Among::Matching(&Filter::default()), &bad).is_err());
        assert_eq!(n.contact(&c).unwrap().state, ContactState::Untriaged);
        let ids = [a.clone(), c.clone()];
        assert_eq!(
            apply_all(&mut n, Among::Ids(&ids), &Decision::Dormant),
            Ok(1)
        );
        assert_eq!(n.contact(&a).unwrap().state, ContactState::Active);
        assert_eq!(n.contact(&c).unwrap().state, ContactState::Dormant);
    }

    #[test]
    fn a_share_or_touch_wakes_an_untriaged_contact_an_ask_does_not() {
        let mut n = Network::default();
        let asked = imported(&mut n, "Asked", 1);
        let touched = imported(&mut n, "Touched", 1);
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-28T10:00:00+01:00").unwrap();
        let ask = Entry::logged(n.contact(&asked).unwrap(), EntryKind::Ask, now, "");
        assert!(!wakes(&n, std::slice::from_ref(&ask)));
        assert_eq!(wake(&mut n, &[ask]), 0);
        let touch = Entry::logged(n.contact(&touched).unwrap(), EntryKind::Touch, now, "");
        assert!(wakes(&n, std::slice::from_ref(&touch)));
        assert_eq!(wake(&mut n, std::slice::from_ref(&touch)), 1);
        assert_eq!(n.contact(&touched).unwrap().state, ContactState::Active);
        assert_eq!(n.contact(&asked).unwrap().state, ContactState::Untriaged);
        assert!(!wakes(&n, &[touch]));
    }
}
