//! The network on its way out: contacts as the records the vCard and CSV
//! writers take, and everything as one JSON backup.

use serde::Serialize;

use super::records::{ImportedContact, NetwerkFields};
use crate::domain::fold::fold_label;
use crate::domain::{Contact, Entry, Item, Network};

/// Version of the JSON backup's shape, bumped when a field changes meaning.
pub const FORMAT: u32 = 1;

/// `export json`: every contact, item and history entry, in the field
/// names of the data files, so nothing is lost and a script can read it.
#[derive(Debug, Serialize)]
pub struct Backup<'a> {
    /// [`FORMAT`].
    pub format: u32,
    /// Contacts in id order, as `contacts.toml` holds them.
    pub contacts: Vec<&'a Contact>,
    /// Items in id order, as `queue.toml` holds them.
    pub queue: Vec<&'a Item>,
    /// History in the order it was logged.
    pub history: &'a [Entry],
}

impl<'a> Backup<'a> {
    /// The backup of `net` (history loaded).
    pub fn new(net: &'a Network) -> Self {
        let mut contacts: Vec<&Contact> = net.contacts.iter().collect();
        contacts.sort_by(|a, b| a.id.cmp(&b.id));
        let mut queue: Vec<&Item> = net.items.iter().collect();
        queue.sort_by(|a, b| a.id.cmp(&b.id));
        Backup {
            format: FORMAT,
            contacts,
            queue,
            history: &net.history,
        }
    }
}

/// Contacts as writer records, sorted by name (folded, then id) so an
/// exported address book reads alphabetically and diffs stably.
pub fn contact_records(contacts: &[Contact]) -> Vec<ImportedContact> {
    let mut sorted: Vec<(String, &Contact)> =
        contacts.iter().map(|c| (fold_label(&c.name), c)).collect();
    sorted.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.id.cmp(&y.id)));
    sorted.into_iter().map(|(_, c)| contact_record(c)).collect()
}

/// One contact as a writer record, its id as the card's `UID`. What
/// vCard and the CSV have no place for (degree, cadence, how you met,
/// triage state) stays in the JSON backup, or goes into a vdir's cards
/// with [`vdir_record`].
pub fn contact_record(c: &Contact) -> ImportedContact {
    ImportedContact {
        line: 0,
        name: c.name.clone(),
        given_name: c.given_name.clone(),
        family_name: c.family_name.clone(),
        company: c.company.clone(),
        role: c.role.clone(),
        emails: c.email.iter().cloned().collect(),
        links: c.links.iter().map(|l| (l.kind, l.url.clone())).collect(),
        interests: c.interests.clone(),
        notes: c.notes.clone(),
        connected: c.connected,
        uid: Some(c.id.to_string()),
        netwerk: Default::default(),
    }
}

/// One contact as a vdir's card holds it: [`contact_record`] with every
/// field of netwerk's own, so an import of the card gives the contact back.
pub fn vdir_record(c: &Contact) -> ImportedContact {
    ImportedContact {
        netwerk: NetwerkFields {
            degree: Some(c.degree),
            cadence_days: c.cadence_days,
            met: c.met.clone(),
            state: Some(c.state),
            added: Some(c.added),
            merged: c.merged.iter().map(ToString::to_string).collect(),
        },
        ..contact_record(c)
    }
}
