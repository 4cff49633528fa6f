//! Triage, the answer to nano-networking: contacts that arrived by import
//! and were never reviewed are walked one at a time and either kept (with
//! a few interests and a cadence), skipped for now, or set aside as
//! dormant — kept, but never due and hidden unless asked for.

use super::contact::ContactState;
use super::fold::fold;
use super::id::ContactId;
use super::network::Network;
use super::validate::{self, FieldError};

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

/// Untriaged contacts in the order triage walks them: most recently
/// connected first (the warmest connections), then by name, then id, so
/// the order is the same on every run and "37 of 512" means something.
pub fn untriaged(network: &Network) -> Vec<usize> {
    let mut order: Vec<(usize, String)> = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.state == ContactState::Untriaged)
        .map(|(i, c)| (i, fold(&c.name)))
        .collect();
    order.sort_by(|(a, na), (b, nb)| {
        let (ca, cb) = (&network.contacts[*a], &network.contacts[*b]);
        let connected = |c: &super::contact::Contact| c.connected.unwrap_or(c.added);
        connected(cb)
            .cmp(&connected(ca))
            .then_with(|| na.cmp(nb))
            .then_with(|| ca.id.cmp(&cb.id))
    });
    order.into_iter().map(|(i, _)| i).collect()
}

/// Applies a decision to the contact with id `id`. Every value is checked
/// first; on error nothing changes. Keeping or setting aside works from
/// any state, so a dormant contact can be kept again later.
pub fn apply(network: &mut Network, id: &ContactId, decision: &Decision) -> Result<(), FieldError> {
    let labels = match decision {
        Decision::Keep { interests, cadence } => {
            if let Some(days) = cadence {
                validate::cadence(*days)?;
            }
            interests
                .iter()
                .map(|i| validate::required("interest", i).map(|_| network.canonical_label(i)))
                .collect::<Result<Vec<_>, _>>()?
        }
        Decision::Dormant => Vec::new(),
    };
    let contact = network
        .contacts
        .iter_mut()
        .find(|c| &c.id == id)
        .ok_or_else(|| FieldError::new("contact", format!("no contact with id {id}")))?;
    match decision {
        Decision::Keep { cadence, .. } => {
            contact.state = ContactState::Active;
            for label in &labels {
                contact.add_interest(label);
            }
            if cadence.is_some() {
                contact.cadence_days = *cadence;
            }
        }
        Decision::Dormant => contact.state = ContactState::Dormant,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Contact;
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
    fn untriaged_walk_newest_connection_first_then_name() {
        let mut n = Network::default();
        imported(&mut n, "Zoë Old", 1);
        imported(&mut n, "Bea New", 20);
        imported(&mut n, "Al New", 20);
        n.contacts.push(Contact::new("Hand Added", day(5)).unwrap());
        let names: Vec<&str> = untriaged(&n)
            .iter()
            .map(|&i| n.contacts[i].name.as_str())
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
        assert!(untriaged(&n).is_empty());
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
}
