//! Give before you ask: the give/ask balance and the warning shown when
//! asking someone you have never given anything.

use super::contact::Contact;
use super::history::{Entry, Tally};
use super::network::Summary;
use rustc_hash::FxHashSet;
use std::fmt;

/// How many gifts you gave a contact, counted from the history: items
/// shared and introductions made (see [`super::history::tally`]); a touch
/// keeps in touch, but gives nothing. Gifts to records merged into
/// `contact` count as theirs.
pub fn gives_to(history: &[Entry], contact: &Contact) -> u32 {
    let gives = history
        .iter()
        .flat_map(Entry::counts)
        .filter(|(who, t)| *t == Tally::Give && contact.answers_to(who))
        .count();
    u32::try_from(gives).unwrap_or(u32::MAX)
}

/// "gave 3 · asked 2, 1 answered": the give/ask balance, as the
/// contact's pane and `contact show` say it.
pub fn words(summary: Option<&Summary>) -> String {
    let s = summary.copied().unwrap_or_default();
    let answered = match s.answered {
        0 => String::new(),
        n => format!(", {n} answered"),
    };
    format!("gave {} · asked {}{answered}", s.gives, s.asks)
}

/// The asks still waiting for an answer, by position in `history`,
/// newest first: asks no `answered` entry refers to.
pub fn open_asks(history: &[Entry]) -> Vec<usize> {
    let answered: FxHashSet<&str> = history
        .iter()
        .filter(|e| e.tally() == Some(Tally::Answered))
        .filter_map(Entry::refers)
        .collect();
    let mut open: Vec<usize> = history
        .iter()
        .enumerate()
        .filter(|(_, e)| e.tally() == Some(Tally::Ask) && !answered.contains(e.id()))
        .map(|(i, _)| i)
        .collect();
    open.sort_by(|&a, &b| history[b].at.cmp(&history[a].at).then(b.cmp(&a)));
    open
}

/// The ask with id `id`, if it still waits for an answer; `Err` says why
/// it cannot be answered.
pub fn open_ask<'h>(history: &'h [Entry], id: &str) -> Result<&'h Entry, String> {
    let id = id.trim();
    let ask = history
        .iter()
        .find(|e| e.id() == id && e.tally() == Some(Tally::Ask))
        .ok_or_else(|| format!("no ask with id {id:?}"))?;
    match history
        .iter()
        .find(|e| e.refers() == Some(id) && e.tally() == Some(Tally::Answered))
    {
        Some(done) => Err(format!(
            "the ask {id} was already answered on {}",
            done.at.format("%Y-%m-%d")
        )),
        None => Ok(ask),
    }
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
    use crate::domain::{EntryFields, EntryId, EntryKind, ItemId};
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
            ..Default::default()
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

    #[test]
    fn a_made_introduction_is_a_gift_to_both() {
        use crate::domain::history::{Person, Stage};
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let ada = Contact::new("Ada Lovelace", day).unwrap();
        let grace = Contact::new("Grace Hopper", day).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
        let asked = Entry::intro(
            Person::from(&ada),
            Person::from(&grace),
            Stage::Asked,
            None,
            at,
            "",
        );
        let mut history = vec![asked.clone()];
        assert_eq!(
            (gives_to(&history, &ada), gives_to(&history, &grace)),
            (0, 0)
        );
        history.push(Entry::intro(
            Person::from(&ada),
            Person::from(&grace),
            Stage::Made,
            Some(asked.id()),
            at,
            "",
        ));
        assert_eq!(
            (gives_to(&history, &ada), gives_to(&history, &grace)),
            (1, 1)
        );
    }

    #[test]
    fn an_answered_ask_leaves_the_open_list() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let ada = Contact::new("Ada Lovelace", day).unwrap();
        let mut history = vec![
            entry(&ada, EntryKind::Ask),
            entry(&ada, EntryKind::Ask),
            entry(&ada, EntryKind::Touch),
        ];
        assert_eq!(open_asks(&history), [1, 0]);
        let first = history[0].clone();
        history.push(Entry::moved_on(
            &first,
            crate::domain::history::Stage::Answered,
            first.at,
            "got the referral",
        ));
        assert_eq!(open_asks(&history), [1]);
        assert!(open_ask(&history, first.id()).is_err());
        assert!(open_ask(&history, history[1].id()).is_ok());
        assert!(open_ask(&history, history[2].id()).is_err());
    }
}
