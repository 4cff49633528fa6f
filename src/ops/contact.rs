//! Adding, editing and removing contacts and their interests.

use super::error::OpError;
use crate::domain::fold::fold_label;
use crate::domain::{Contact, ContactId, ContactPatch, ContactState, Network, validate};
use chrono::NaiveDate;

/// What happens to a contact's interests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Interests {
    /// Left as they are.
    #[default]
    Keep,
    /// These are added to the ones they have.
    Add(Vec<String>),
    /// They become exactly these.
    Set(Vec<String>),
}

/// A change to a contact's fields, as a form or the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct ContactChange {
    /// The fields that change.
    pub patch: ContactPatch,
    /// What happens to their interests.
    pub interests: Interests,
    /// A given name as read from a card; empty clears it.
    pub given_name: Option<String>,
    /// A family name as read from a card; empty clears it.
    pub family_name: Option<String>,
    /// A triage state.
    pub state: Option<ContactState>,
    /// Save even when the change makes a second record of someone known.
    pub force: bool,
}

impl ContactChange {
    /// Checks what can be checked without the network, on a scratch
    /// contact, so a form can mark every bad field before anything is
    /// sent to be written.
    pub fn check(&self) -> Result<(), OpError> {
        let mut scratch = Contact::new("scratch", NaiveDate::default())?;
        let mut errors = self.patch.apply(&mut scratch).err().unwrap_or_default();
        if let Interests::Add(labels) | Interests::Set(labels) = &self.interests {
            errors.extend(
                labels
                    .iter()
                    .filter_map(|l| validate::required("interest", l).err()),
            );
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(OpError::Invalid(errors)),
        }
    }
}

/// Adds a contact named `name`. Refuses a second record of someone known
/// (a shared profile link or e-mail) unless `change.force`.
pub fn add(
    net: &mut Network,
    name: &str,
    change: &ContactChange,
    today: NaiveDate,
) -> Result<Contact, OpError> {
    let mut contact = Contact::new(name, today)?;
    apply(net, None, &mut contact, change)?;
    net.contacts.push(contact.clone());
    Ok(contact)
}

/// What an edit did.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The contact as saved.
    pub contact: Contact,
    /// Whether anything differs from before.
    pub changed: bool,
}

/// Changes the contact `id`. Refuses, unless `change.force`, when the
/// change makes them someone else already known.
pub fn edit(net: &mut Network, id: &ContactId, change: &ContactChange) -> Result<Edited, OpError> {
    let at = position(net, id)?;
    let before = net.contacts[at].clone();
    let mut contact = before.clone();
    apply(net, Some(&before), &mut contact, change)?;
    let changed = contact != before;
    net.contacts[at] = contact.clone();
    Ok(Edited { contact, changed })
}

/// Removes the contact `id`; their history stays.
pub fn remove(net: &mut Network, id: &ContactId) -> Result<Contact, OpError> {
    let at = position(net, id)?;
    Ok(net.contacts.remove(at))
}

/// Adds interests to the contact `id`, spelled as the network already
/// spells them; returns the contact and the labels that were new to them.
pub fn add_interests(
    net: &mut Network,
    id: &ContactId,
    labels: &[String],
) -> Result<(Contact, Vec<String>), OpError> {
    let labels = canonical(net, labels)?;
    let at = position(net, id)?;
    let contact = &mut net.contacts[at];
    let added = labels
        .into_iter()
        .filter(|l| contact.add_interest(l))
        .collect();
    Ok((contact.clone(), added))
}

/// Removes interests from the contact `id`: all of them, or none when
/// one is not theirs.
pub fn remove_interests(
    net: &mut Network,
    id: &ContactId,
    labels: &[String],
) -> Result<Contact, OpError> {
    let at = position(net, id)?;
    let contact = &mut net.contacts[at];
    let missing: Vec<String> = labels
        .iter()
        .filter(|l| !contact.has_interest(l))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(OpError::NoSuchInterest {
            name: contact.name.clone(),
            missing,
        });
    }
    for l in labels {
        contact.remove_interest(l);
    }
    Ok(contact.clone())
}

fn position(net: &Network, id: &ContactId) -> Result<usize, OpError> {
    net.contacts
        .iter()
        .position(|c| &c.id == id)
        .ok_or(OpError::Gone("contact"))
}

/// Interest labels checked and spelled as the network spells them.
fn canonical(net: &Network, labels: &[String]) -> Result<Vec<String>, OpError> {
    labels
        .iter()
        .map(|l| validate::required("interest", l).map(|_| net.canonical_label(l)))
        .collect::<Result<_, _>>()
        .map_err(OpError::from)
}

/// Applies `change` to `contact` (a new one when `before` is `None`),
/// checking it against the rest of the network.
fn apply(
    net: &Network,
    before: Option<&Contact>,
    contact: &mut Contact,
    change: &ContactChange,
) -> Result<(), OpError> {
    change.patch.apply(contact)?;
    if let Some(given) = &change.given_name {
        contact.given_name = validate::optional("given_name", given)?;
    }
    if let Some(family) = &change.family_name {
        contact.family_name = validate::optional("family_name", family)?;
    }
    if let Some(state) = change.state {
        contact.state = state;
    }
    match &change.interests {
        Interests::Keep => {}
        Interests::Add(labels) => {
            for l in canonical(net, labels)? {
                contact.add_interest(&l);
            }
        }
        Interests::Set(labels) => {
            let labels = canonical(net, labels)?;
            contact
                .interests
                .retain(|i| labels.iter().any(|l| fold_label(l) == fold_label(i)));
            for l in &labels {
                contact.add_interest(l);
            }
        }
    }
    // One person, one record.
    match net.twin_made(before, contact) {
        Some(twin) if !change.force => Err(OpError::Twin {
            twin,
            editing: before.map(|b| b.id.clone()),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Link;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn with_ada() -> (Network, ContactId) {
        let mut net = Network::default();
        let change = ContactChange {
            patch: ContactPatch {
                email: Some("ada@example.org".into()),
                ..Default::default()
            },
            interests: Interests::Add(vec!["Rust".into(), "sailing".into()]),
            ..Default::default()
        };
        let ada = add(&mut net, "Ada Lovelace", &change, day()).unwrap();
        (net, ada.id)
    }

    #[test]
    fn a_second_record_of_someone_known_needs_force() {
        let (mut net, ada) = with_ada();
        let again = ContactChange {
            patch: ContactPatch {
                email: Some("ADA@example.org".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        match add(&mut net, "Countess", &again, day()) {
            Err(OpError::Twin { twin, editing }) => {
                assert_eq!(twin.id, ada);
                assert_eq!(editing, None);
            }
            other => panic!("expected a twin, got {other:?}"),
        }
        assert_eq!(net.contacts.len(), 1, "nothing added");
        let forced = ContactChange {
            force: true,
            ..again
        };
        add(&mut net, "Countess", &forced, day()).unwrap();
        assert_eq!(net.contacts.len(), 2);
    }

    #[test]
    fn interests_are_added_or_set_in_the_networks_spelling() {
        let (mut net, ada) = with_ada();
        let bob = add(
            &mut net,
            "Bob",
            &ContactChange {
                interests: Interests::Add(vec!["RUST".into()]),
                ..Default::default()
            },
            day(),
        )
        .unwrap();
        assert_eq!(bob.interests, ["Rust"]);
        let set = ContactChange {
            interests: Interests::Set(vec!["sailing".into(), "chess".into()]),
            ..Default::default()
        };
        let edited = edit(&mut net, &ada, &set).unwrap();
        assert!(edited.changed);
        assert_eq!(edited.contact.interests, ["sailing", "chess"]);
        let same = edit(&mut net, &ada, &set).unwrap();
        assert!(!same.changed, "saving the same again changes nothing");
    }

    #[test]
    fn every_bad_field_is_reported_and_nothing_changes() {
        let (mut net, ada) = with_ada();
        let bad = ContactChange {
            patch: ContactPatch {
                email: Some("not-an-email".into()),
                degree: Some(7),
                links: Some(vec![Link::parse("https://lnkd.in/abc").unwrap()]),
                ..Default::default()
            },
            interests: Interests::Add(vec!["  ".into()]),
            ..Default::default()
        };
        let Err(OpError::Invalid(errors)) = bad.check() else {
            panic!("the check refuses");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "degree", "interest"]);
        let before = net.contacts[0].clone();
        assert!(matches!(
            edit(&mut net, &ada, &bad),
            Err(OpError::Invalid(_))
        ));
        assert_eq!(net.contacts[0], before);
    }

    #[test]
    fn removing_an_interest_they_lack_removes_none() {
        let (mut net, ada) = with_ada();
        let err = remove_interests(&mut net, &ada, &["rust".into(), "golf".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Ada Lovelace has no interest golf; nothing removed"
        );
        assert_eq!(net.contacts[0].interests.len(), 2);
        let ada_now = remove_interests(&mut net, &ada, &["rust".into()]).unwrap();
        assert_eq!(ada_now.interests, ["sailing"]);
    }

    #[test]
    fn a_removed_contact_is_gone_for_later_changes() {
        let (mut net, ada) = with_ada();
        assert_eq!(remove(&mut net, &ada).unwrap().name, "Ada Lovelace");
        assert_eq!(
            edit(&mut net, &ada, &ContactChange::default()).unwrap_err(),
            OpError::Gone("contact")
        );
    }
}
