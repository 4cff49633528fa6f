//! Introductions, double opt-in: you ask each person privately whether
//! they would like to meet the other (`asked`), both say yes
//! (`accepted`) or one says no (`declined`), and the bridge note that
//! introduces them goes out (`made`) — a gift to both.
//!
//! Each stage is an `intro` entry naming both people; the first one's id
//! is the introduction's, and every later stage refers to it. [`all`]
//! folds them into where each introduction stands; [`pairs`] finds people
//! worth introducing.

pub mod pairs;
pub mod roles;

use super::history::{Entry, EntryKind, Stage};
use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;

/// One introduction and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intro {
    /// The id of its first entry.
    pub id: String,
    /// The first person: contact id and name when it was asked.
    pub a: (String, String),
    /// The second person.
    pub b: (String, String),
    /// Its latest stage.
    pub stage: Stage,
    /// When it was asked.
    pub asked: DateTime<FixedOffset>,
    /// When it last moved.
    pub updated: DateTime<FixedOffset>,
    /// Every stage it went through, with when, in log order.
    pub stages: Vec<(Stage, DateTime<FixedOffset>)>,
}

impl Intro {
    /// Whether it still waits on someone: asked, or accepted and the
    /// bridge note not sent yet.
    pub fn is_open(&self) -> bool {
        matches!(self.stage, Stage::Asked | Stage::Accepted)
    }

    /// Whether it is between these two people, in either order.
    pub fn joins(&self, x: &str, y: &str) -> bool {
        (self.a.0 == x && self.b.0 == y) || (self.a.0 == y && self.b.0 == x)
    }
}

/// Every introduction in the history, in the order they were asked, at
/// their latest stage. A later stage that refers to no introduction is
/// left out.
pub fn all(history: &[Entry]) -> Vec<Intro> {
    let mut intros: Vec<Intro> = Vec::new();
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    for e in history.iter().filter(|e| e.kind == EntryKind::Intro) {
        let Some(stage) = e.stage() else { continue };
        match e.refers() {
            None => {
                at.insert(e.id(), intros.len());
                intros.push(Intro {
                    id: e.id().to_owned(),
                    a: (e.contact().to_owned(), e.contact_name().to_owned()),
                    b: (
                        e.other().unwrap_or_default().to_owned(),
                        e.other_name().unwrap_or_default().to_owned(),
                    ),
                    stage,
                    asked: e.at,
                    updated: e.at,
                    stages: vec![(stage, e.at)],
                });
            }
            Some(first) => {
                if let Some(intro) = at.get(first).and_then(|&i| intros.get_mut(i)) {
                    intro.stage = stage;
                    intro.updated = e.at;
                    intro.stages.push((stage, e.at));
                }
            }
        }
    }
    intros
}

/// The introduction with id `id`.
pub fn find(history: &[Entry], id: &str) -> Result<Intro, String> {
    all(history)
        .into_iter()
        .find(|i| i.id == id.trim())
        .ok_or_else(|| format!("no introduction with id {:?}", id.trim()))
}

/// Whether an introduction at `from` may move to `to`; the error says
/// why not. It moves forward only: asked → accepted → made, with
/// declined possible until it is made, and made straight from asked for
/// people who said yes to you in person.
pub fn advance(from: Stage, to: Stage) -> Result<(), String> {
    use Stage::{Accepted, Asked, Declined, Made};
    match (from, to) {
        (Asked, Accepted | Declined | Made) | (Accepted, Declined | Made) => Ok(()),
        (Made | Declined, _) => Err(format!("it is closed: {from} already")),
        (a, b) if a == b => Err(format!("it is {from} already")),
        (_, Asked) => Err("an introduction is asked only once".into()),
        (_, to) => Err(format!("{to} is not a stage of an introduction")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::Person;
    use crate::domain::testnet::now;

    #[test]
    fn stages_fold_into_where_each_introduction_stands() {
        let ada = Person {
            id: "c1",
            name: "Ada",
        };
        let bob = Person {
            id: "c2",
            name: "Bob",
        };
        let cy = Person {
            id: "c3",
            name: "Cy",
        };
        let first = Entry::intro(ada, bob, Stage::Asked, None, now(), "");
        let other = Entry::intro(bob, cy, Stage::Asked, None, now(), "");
        let id = first.id().to_owned();
        let history = vec![
            first,
            other,
            Entry::intro(ada, bob, Stage::Accepted, Some(&id), now(), ""),
            Entry::intro(ada, bob, Stage::Made, Some(&id), now(), ""),
            Entry::intro(ada, bob, Stage::Made, Some("nowhere"), now(), ""),
        ];
        let intros = all(&history);
        assert_eq!(intros.len(), 2);
        assert_eq!(intros[0].stage, Stage::Made);
        assert_eq!(intros[0].stages.len(), 3);
        assert!(!intros[0].is_open() && intros[1].is_open());
        assert!(intros[0].joins("c2", "c1"));
        assert_eq!(find(&history, &id).unwrap().b.1, "Bob");
        assert!(find(&history, "zzz").is_err());
    }

    #[test]
    fn an_introduction_only_moves_forward() {
        use Stage::*;
        assert!(advance(Asked, Accepted).is_ok());
        assert!(advance(Asked, Made).is_ok());
        assert!(advance(Accepted, Declined).is_ok());
        assert_eq!(
            advance(Made, Accepted),
            Err("it is closed: made already".into())
        );
        assert_eq!(
            advance(Accepted, Accepted),
            Err("it is accepted already".into())
        );
        assert!(advance(Accepted, Asked).is_err());
        assert!(advance(Asked, Dismissed).is_err());
    }
}
