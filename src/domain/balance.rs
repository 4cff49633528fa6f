//! Give before you ask: the give/ask balance and the warning shown when
//! asking someone you have never given anything.

use super::contact::Contact;
use super::history::{Entry, EntryKind};
use std::fmt;

/// How many items you gave a contact, counted from the history. Only
/// shares count as gifts: a touch keeps in touch, but gives nothing.
/// Shares to records merged into `contact` count as theirs.
pub fn gives_to(history: &[Entry], contact: &Contact) -> u32 {
    let gives = history
        .iter()
        .filter(|e| e.kind == EntryKind::Share && contact.answers_to(e.contact()))
        .count();
    u32::try_from(gives).unwrap_or(u32::MAX)
}

/// The warning owed before logging an ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskWarning {
    /// Who would be asked, by first name, as the message says it.
    pub first_name: String,
}

/// `Some` when asking `contact`, to whom you gave `gives` items, should
/// warn and wait for confirmation.
pub fn ask_warning(contact: &Contact, gives: u32) -> Option<AskWarning> {
    (gives == 0).then(|| AskWarning {
        first_name: contact.first_name().to_string(),
    })
}

impl fmt::Display for AskWarning {
    /// "You have never given Ada anything. Give before you ask — share
    /// something first", without a final full stop, so each front end can
    /// finish the sentence with its way out (", or pass --force.", "?").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "You have never given {} anything. Give before you ask — share something first",
            self.first_name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EntryFields, EntryId, ItemId};
    use chrono::{DateTime, NaiveDate};

    fn entry(contact: &Contact, kind: EntryKind) -> Entry {
        Entry::from(EntryFields {
            id: EntryId::new(),
            at: DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap(),
            kind,
            contact: contact.id.clone(),
            contact_name: contact.name.clone(),
            item: (kind == EntryKind::Share).then(ItemId::new),
            item_title: None,
            url: None,
            note: String::new(),
            template: None,
            via: None,
            voids: None,
        })
    }

    #[test]
    fn only_shares_count_as_gifts() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let ada = Contact::new("Ada Lovelace", day).unwrap();
        let grace = Contact::new("Grace Hopper", day).unwrap();
        let mut history = vec![
            entry(&ada, EntryKind::Touch),
            entry(&ada, EntryKind::Ask),
            entry(&grace, EntryKind::Share),
        ];
        assert_eq!(gives_to(&history, &ada), 0);
        let warning = ask_warning(&ada, 0).unwrap();
        assert_eq!(
            warning.to_string(),
            "You have never given Ada anything. Give before you ask — share something first"
        );
        history.push(entry(&ada, EntryKind::Share));
        assert_eq!(gives_to(&history, &ada), 1);
        assert_eq!(ask_warning(&ada, 1), None);
    }
}
