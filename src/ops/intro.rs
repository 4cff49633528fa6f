//! Introductions, double opt-in: the notes (the asks to both, the bridge
//! note) and the entries that record each stage, once for both front
//! ends. Who is worth introducing is `domain::intro::pairs`.

use super::error::OpError;
use crate::domain::intro::{self, Intro, pairs};
use crate::domain::template::{NoteFacts, Purpose, Templates};
use crate::domain::{Contact, Entry, Insight, Network, Person, Stage, validate};
use chrono::{DateTime, FixedOffset};

/// Which note of an introduction to draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The asks to both, one after the other, each headed by whom it is for.
    Asks,
    /// The note introducing them to each other.
    Bridge,
}

/// The `note` for introducing the contacts at `a` and `b`; it names the
/// rarest interest they share.
pub fn draft(
    note: Note,
    net: &Network,
    insight: &Insight,
    templates: &Templates,
    signature: Option<&str>,
    (a, b): (usize, usize),
) -> String {
    let (ca, cb) = (&net.contacts[a], &net.contacts[b]);
    let pair = pairs::between(net, insight, a, b);
    let interest = pair.shared.first().map(String::as_str);
    match note {
        Note::Asks => {
            let template = templates.for_purpose(Purpose::IntroAsk);
            let to_a = template.render(&NoteFacts::intro(ca, cb, interest, signature));
            let to_b = template.render(&NoteFacts::intro(cb, ca, interest, signature));
            format!("To {}:\n{to_a}\n\nTo {}:\n{to_b}", ca.name, cb.name)
        }
        Note::Bridge => templates
            .for_purpose(Purpose::IntroBridge)
            .render(&NoteFacts::intro(ca, cb, interest, signature)),
    }
}

/// The latest introduction of `a` and `b`, in either order, if any.
pub fn between(history: &[Entry], a: &Contact, b: &Contact) -> Option<Intro> {
    intro::all(history)
        .into_iter()
        .rfind(|i| i.joins(a.id.as_str(), b.id.as_str()))
}

/// The entry recording that the asks in `note` went to `a` and `b`: the
/// introduction's first, whose id is the introduction's. Refuses one
/// person twice and an empty or overlong note.
pub fn asked(
    a: &Contact,
    b: &Contact,
    note: &str,
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    if a.id == b.id {
        return Err(OpError::Refused(format!(
            "{} twice: introduce two different people",
            a.name
        )));
    }
    checked(note)?;
    Ok(Entry::intro(
        Person::from(a),
        Person::from(b),
        Stage::Asked,
        None,
        now,
        note,
    ))
}

/// The introduction `id` and the positions of its two people in `net`,
/// when it may move on to `to`.
pub fn to_move(net: &Network, id: &str, to: Stage) -> Result<(Intro, usize, usize), OpError> {
    let intro = intro::find(&net.history, id).map_err(OpError::Refused)?;
    intro::advance(intro.stage, to).map_err(|why| {
        OpError::Refused(format!(
            "the introduction {} of {} and {} cannot be marked {to}: {why}",
            intro.id, intro.a.1, intro.b.1
        ))
    })?;
    let at = |(id, name): &(String, String)| {
        net.contacts
            .iter()
            .position(|c| c.answers_to(id))
            .ok_or_else(|| OpError::Refused(format!("{name} is no longer among your contacts")))
    };
    let (a, b) = (at(&intro.a)?, at(&intro.b)?);
    Ok((intro, a, b))
}

/// The entry moving `intro` (between the contacts `a` and `b`) on to
/// `to`, with `note` (the bridge note sent, or a remark).
pub fn moved(
    intro: &Intro,
    a: &Contact,
    b: &Contact,
    to: Stage,
    note: &str,
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    validate::long_text("note", note)?;
    Ok(Entry::intro(
        Person::from(a),
        Person::from(b),
        to,
        Some(&intro.id),
        now,
        note,
    ))
}

/// A note as it goes out: not empty, not overlong.
fn checked(note: &str) -> Result<(), OpError> {
    validate::long_text("note", note)?
        .ok_or_else(|| validate::FieldError::new("note", "must not be empty"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::due::Cadences;
    use crate::domain::testnet::{TestNet, now};

    #[test]
    fn both_asks_name_the_shared_interest_and_stages_move_forward_only() {
        let mut t = TestNet::default();
        let ada = t.contact("Ada Lovelace", &["rust", "compilers"]);
        let grace = t.contact("Grace Hopper", &["compilers", "navy"]);
        let insight = Insight::new(&t.net, &Cadences::default(), now());
        let templates = Templates::builtin();
        let text = draft(Note::Asks, &t.net, &insight, &templates, None, (ada, grace));
        assert!(text.starts_with("To Ada Lovelace:\nHi Ada, would you like to meet Grace Hopper?"));
        assert!(
            text.contains("\n\nTo Grace Hopper:\nHi Grace, would you like to meet Ada Lovelace?")
        );
        assert_eq!(text.matches("You both care about compilers").count(), 2);
        let (a, g) = (&t.net.contacts[ada], &t.net.contacts[grace]);
        assert!(asked(a, a, &text, now()).is_err());
        assert!(asked(a, g, "  ", now()).is_err());
        let first = asked(a, g, &text, now()).unwrap();
        t.net.history.push(first.clone());
        let (intro, x, y) = to_move(&t.net, first.id(), Stage::Accepted).unwrap();
        assert_eq!((x, y), (ada, grace));
        let bridge = draft(Note::Bridge, &t.net, &insight, &templates, None, (x, y));
        assert!(
            bridge.starts_with("Ada, meet Grace! You both care about compilers"),
            "{bridge}"
        );
        t.net
            .history
            .push(moved(&intro, a, g, Stage::Made, "", now()).unwrap());
        assert!(matches!(
            to_move(&t.net, first.id(), Stage::Declined),
            Err(OpError::Refused(why)) if why.ends_with("it is closed: made already")
        ));
        assert_eq!(
            between(&t.net.history, g, a).map(|i| i.stage),
            Some(Stage::Made)
        );
    }
}
