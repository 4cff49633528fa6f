//! Logging a touch or an ask: the rules both front ends apply before an
//! entry is appended (a share is logged by sharing; nothing in the
//! future; an ask waits for a yes when nothing was ever given).

use super::error::OpError;
use crate::domain::{Contact, Entry, EntryKind, ask_warning, gives_to};
use chrono::{DateTime, FixedOffset};

/// A touch or an ask as the person gave it.
#[derive(Debug, Clone)]
pub struct Logged<'a> {
    /// What happened.
    pub kind: EntryKind,
    /// How (a channel), if said.
    pub via: Option<&'a str>,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// A note, checked already.
    pub note: &'a str,
    /// Log an ask even when nothing was ever given.
    pub force: bool,
}

/// Checks what can be checked without the history: the entry's kind and
/// time.
pub fn check(log: &Logged<'_>, now: DateTime<FixedOffset>) -> Result<(), OpError> {
    match log.kind {
        EntryKind::Share => return Err(OpError::ShareNotLogged),
        EntryKind::Touch | EntryKind::Ask => {}
        other => return Err(OpError::NotLogged(other)),
    }
    if log.at > now {
        return Err(OpError::Future(log.at));
    }
    Ok(())
}

/// Whether `log` needs the history to be checked (only asks do, so a
/// touch stays as cheap as an append).
pub fn needs_history(log: &Logged<'_>) -> bool {
    log.kind == EntryKind::Ask && !log.force
}

/// The entry for `log` with `contact`, checked against `history` (read
/// only when [`needs_history`] says so; otherwise pass an empty one).
pub fn entry(
    contact: &Contact,
    log: &Logged<'_>,
    history: &[Entry],
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    check(log, now)?;
    if needs_history(log)
        && let Some(warning) = ask_warning(contact, gives_to(history, contact))
    {
        return Err(OpError::AskFirst(warning));
    }
    Ok(Entry::logged_via(
        contact, log.kind, log.at, log.note, log.via,
    ))
}

/// The entry recording that the ask with id `id` in `history` was
/// answered, with what came of it.
pub fn answered(
    history: &[Entry],
    id: &str,
    note: &str,
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    let ask = crate::domain::open_ask(history, id).map_err(OpError::Refused)?;
    crate::domain::validate::long_text("note", note)?;
    Ok(Entry::moved_on(
        ask,
        crate::domain::Stage::Answered,
        now,
        note,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-01T12:00:00+01:00").unwrap()
    }

    #[test]
    fn an_ask_before_any_gift_waits_for_a_yes() {
        let ada = Contact::new("Ada Lovelace", NaiveDate::default()).unwrap();
        let mut log = Logged {
            kind: EntryKind::Ask,
            via: None,
            at: now(),
            note: "an intro to Babbage",
            force: false,
        };
        let Err(OpError::AskFirst(w)) = entry(&ada, &log, &[], now()) else {
            panic!("an ask with nothing given warns");
        };
        assert_eq!(w.first_name, "Ada");
        log.force = true;
        let e = entry(&ada, &log, &[], now()).unwrap();
        assert_eq!((e.kind, e.note()), (EntryKind::Ask, "an intro to Babbage"));
    }

    #[test]
    fn shares_and_the_future_are_refused() {
        let ada = Contact::new("Ada Lovelace", NaiveDate::default()).unwrap();
        let mut log = Logged {
            kind: EntryKind::Share,
            via: None,
            at: now(),
            note: "",
            force: false,
        };
        assert_eq!(entry(&ada, &log, &[], now()), Err(OpError::ShareNotLogged));
        log.kind = EntryKind::Touch;
        log.at = now() + chrono::Duration::minutes(1);
        assert_eq!(entry(&ada, &log, &[], now()), Err(OpError::Future(log.at)));
    }
}
