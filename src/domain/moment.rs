//! Moments: a contact changed company or role, as a newer import shows.
//! The best time for a word of congratulation, recorded as a `moment`
//! entry, surfaced until it is acted on (a congratulation, a touch that
//! refers to it) or dismissed.

use super::contact::Contact;
pub use super::history::JobChange;
use super::history::{Entry, Person, Stage};
use chrono::{DateTime, FixedOffset};
use rustc_hash::{FxHashMap, FxHashSet};

/// One `moment` entry for each contact in `after` whose company or role
/// changed from a value `before` knew to another (by id): what an import
/// records beside its update. A value learnt for the first time is not a
/// change of job.
pub fn seen(before: &[Contact], after: &[Contact], at: DateTime<FixedOffset>) -> Vec<Entry> {
    let was: FxHashMap<&str, &Contact> = before.iter().map(|c| (c.id.as_str(), c)).collect();
    after
        .iter()
        .filter_map(|c| {
            let old = was.get(c.id.as_str())?;
            let change = JobChange {
                company_was: old.company.as_deref(),
                role_was: old.role.as_deref(),
                company: c.company.as_deref(),
                role: c.role.as_deref(),
            };
            (change.new_company() || change.new_role()).then(|| {
                Entry::moment(
                    Person::from(c),
                    (change.company_was, change.role_was),
                    (change.company, change.role),
                    at,
                )
            })
        })
        .collect()
}

/// The moments still open, by position in `history`, newest first: not
/// dismissed, not acted on (an entry referring to them), and not
/// overtaken by a later moment of the same person.
pub fn open(history: &[Entry]) -> Vec<usize> {
    let closed: FxHashSet<&str> = history.iter().filter_map(Entry::refers).collect();
    let mut latest: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, e) in history.iter().enumerate() {
        if JobChange::of(e).is_some() {
            latest.insert(e.contact(), i);
        }
    }
    let mut open: Vec<usize> = latest
        .into_values()
        .filter(|&i| !closed.contains(history[i].id()))
        .collect();
    open.sort_by(|&a, &b| history[b].at.cmp(&history[a].at).then(b.cmp(&a)));
    open
}

/// The moment with id `id`, and whether it is still open; `Err` says
/// why it cannot be acted on.
pub fn find<'h>(history: &'h [Entry], id: &str) -> Result<&'h Entry, String> {
    let Some(moment) = history
        .iter()
        .find(|e| e.id() == id && JobChange::of(e).is_some())
    else {
        return Err(format!("no moment with id {id}"));
    };
    if let Some(later) = history.iter().find(|e| e.refers() == Some(id)) {
        let what = match later.stage() {
            Some(Stage::Dismissed) => "dismissed",
            _ => "acted on",
        };
        return Err(format!(
            "the moment {id} was already {what} on {}",
            later.at.format("%Y-%m-%d")
        ));
    }
    Ok(moment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testnet::now;

    fn contact(name: &str, company: Option<&str>, role: Option<&str>) -> Contact {
        let mut c = Contact::new(name, now().date_naive()).unwrap();
        c.company = company.map(str::to_owned);
        c.role = role.map(str::to_owned);
        c
    }

    #[test]
    fn a_change_from_a_known_value_is_a_moment_a_first_value_is_not() {
        let ada = contact("Ada", Some("Analytical Engines"), Some("Mathematician"));
        let bob = contact("Bob", None, Some("Engineer"));
        let cy = contact("Cy", Some("ACME"), Some("CEO"));
        let before = vec![ada.clone(), bob.clone(), cy.clone()];
        let mut after = before.clone();
        after[0].company = Some("Babbage Labs".into());
        after[0].role = Some("CTO".into());
        after[1].company = Some("Initech".into());
        after[2].company = Some("Acme".into());
        let moments = seen(&before, &after, now());
        assert_eq!(moments.len(), 1);
        let change = JobChange::of(&moments[0]).unwrap();
        assert_eq!(change.describe(), "moved to Babbage Labs as CTO");
        assert_eq!(
            change.arrows(),
            "Analytical Engines → Babbage Labs · Mathematician → CTO"
        );
        assert_eq!(moments[0].contact(), ada.id.as_str());
    }

    #[test]
    fn a_moment_closes_when_dismissed_acted_on_or_overtaken() {
        let ada = contact("Ada", Some("A"), Some("x"));
        let bob = contact("Bob", Some("B"), Some("y"));
        let cy = contact("Cy", Some("C"), Some("z"));
        let moment = |c: &Contact, company: &str, days| {
            Entry::moment(
                Person::from(c),
                (c.company.as_deref(), c.role.as_deref()),
                (Some(company), c.role.as_deref()),
                now() - chrono::Duration::days(days),
            )
        };
        let mut history = vec![
            moment(&ada, "A2", 5),
            moment(&bob, "B2", 4),
            moment(&cy, "C2", 3),
            moment(&cy, "C3", 1),
        ];
        assert_eq!(open(&history), [3, 1, 0]);
        history.push(Entry::moved_on(&history[0], Stage::Dismissed, now(), ""));
        history.push(Entry::touch_on(
            &history[1],
            Person::from(&bob),
            now(),
            "congrats",
        ));
        assert_eq!(open(&history), [3]);
        assert!(find(&history, history[0].id()).is_err());
        assert!(find(&history, history[3].id()).is_ok());
        assert!(find(&history, "nope").is_err());
    }
}
