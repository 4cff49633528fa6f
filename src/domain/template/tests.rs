//! Given a contact, an item and a template, this is the note.

use super::*;
use crate::domain::{Contact, ContactId, EntryFields, EntryId, Item};
use chrono::{DateTime, NaiveDate};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
}

fn ada() -> NoteFacts {
    NoteFacts {
        first_name: "Ada".into(),
        name: "Ada Lovelace".into(),
        company: Some("Analytical Engines".into()),
        role: Some("Mathematician".into()),
        title: "Rust async in depth".into(),
        url: "https://example.com/async".into(),
        kind: ItemKind::Article,
        interest: Some("rust".into()),
        signature: Some("— Sam".into()),
        days_since: Some(12),
        ..NoteFacts::default()
    }
}

fn render(text: &str, facts: &NoteFacts) -> String {
    NoteTemplate::new("t", &[], text).unwrap().render(facts)
}

#[test]
fn every_placeholder_is_filled() {
    let text = "{first_name}|{name}|{company}|{role}|{title}|{url}|{kind}|{interest}|{signature}|{days_since}";
    assert_eq!(
        render(text, &ada()),
        "Ada|Ada Lovelace|Analytical Engines|Mathematician|Rust async in depth|\
         https://example.com/async|article|rust|— Sam|12"
    );
    let kinds = [
        (ItemKind::Article, "article"),
        (ItemKind::Blog, "blog post"),
        (ItemKind::Video, "video"),
        (ItemKind::Podcast, "podcast episode"),
        (ItemKind::Paper, "paper"),
        (ItemKind::Other, "link"),
    ];
    for (kind, noun) in kinds {
        let facts = NoteFacts { kind, ..ada() };
        assert_eq!(render("this {kind}", &facts), format!("this {noun}"));
    }
}

#[test]
fn escapes_give_literal_braces_and_brackets() {
    assert_eq!(
        render("{{first_name}} [[x]] {first_name}[ [[{interest}]]]", &ada()),
        "{first_name} [x] Ada [rust]"
    );
}

/// Missing values, one row per case: the template, what is missing, the
/// note a person would write by hand.
#[test]
fn missing_values_read_naturally() {
    let cases: &[(&str, &[Field], &str)] = &[
        (
            "Hi {first_name}[, given your interest in {interest}], I thought of you.",
            &[Field::Interest],
            "Hi Ada, I thought of you.",
        ),
        (
            "Hi {first_name}, hope all is well at {company}.",
            &[Field::Company],
            "Hi Ada, hope all is well.",
        ),
        (
            "Given your interest in {interest}, here it is: {url}",
            &[Field::Interest],
            "Given your interest, here it is: https://example.com/async",
        ),
        (
            "{name} ({role}) says hi",
            &[Field::Role],
            "Ada Lovelace says hi",
        ),
        (
            "{name} ({role} at {company})",
            &[Field::Role, Field::Company],
            "Ada Lovelace",
        ),
        (
            "{title} — {company}, {role}.",
            &[Field::Company, Field::Role],
            "Rust async in depth.",
        ),
        (
            "Hi {first_name},\n\n{url}\n\n{signature}\n",
            &[Field::Signature],
            "Hi Ada,\n\nhttps://example.com/async",
        ),
        (
            "[It's been {days_since} days since we talked! ]Saw this: {url}",
            &[Field::DaysSince],
            "Saw this: https://example.com/async",
        ),
        ("Thanks, {signature}", &[Field::Signature], "Thanks"),
    ];
    for (text, missing, want) in cases {
        let mut facts = ada();
        for f in *missing {
            clear(&mut facts, *f);
        }
        assert_eq!(render(text, &facts), *want, "{text:?} without {missing:?}");
    }
}

fn clear(facts: &mut NoteFacts, field: Field) {
    match field {
        Field::Company => facts.company = None,
        Field::Role => facts.role = Some("   ".into()),
        Field::Interest => facts.interest = None,
        Field::Signature => facts.signature = None,
        Field::DaysSince => facts.days_since = None,
        other => panic!("{other:?} is never missing"),
    }
}

const ARTIFACTS: [&str; 24] = [
    "  ", " .", " ,", " :", " ;", " !", " ?", "()", "“”", "in .", "at .", " in,", " at,", ",.",
    ",,", ", .", ":.", "{", "}", "[", "]", "\n\n\n", " \n", "\n ",
];

/// Every built-in template (and a few awkward ones), for every item kind
/// it suits, with every combination of the optional values missing, for
/// names in several scripts: no seams show.
#[test]
fn no_rendering_shows_a_seam() {
    let optional = [
        Field::Company,
        Field::Role,
        Field::Interest,
        Field::Signature,
        Field::DaysSince,
    ];
    let awkward = [
        "Hi {first_name}, hope all is well at {company} ({role}). Given your interest in \
         {interest}, I thought of this {kind}: {title} {url}\n\n{signature}",
        "{first_name} — {role}, {company}: {days_since} days. {url}",
        "Hi {first_name}! [{days_since} days already. ]Saw “{title}” at {company}, {url}",
    ];
    let mut templates: Vec<NoteTemplate> = Templates::builtin().all().cloned().collect();
    for text in awkward {
        templates.push(NoteTemplate::new("awkward", &[], text).unwrap());
    }
    let people = [
        ("Ada", "Ada Lovelace"),
        ("王芳", "王芳"),
        ("José", "José Núñez"),
    ];
    let mut count = 0;
    for t in &templates {
        for kind in ItemKind::ALL.into_iter().filter(|k| t.suits(*k)) {
            for mask in 0..(1u32 << optional.len()) {
                for (first, name) in people {
                    let mut facts = NoteFacts {
                        first_name: first.into(),
                        name: name.into(),
                        kind,
                        ..ada()
                    };
                    for (i, f) in optional.iter().enumerate() {
                        if mask & (1 << i) != 0 {
                            clear(&mut facts, *f);
                        }
                    }
                    let note = t.render(&facts);
                    count += 1;
                    for bad in ARTIFACTS {
                        assert!(!note.contains(bad), "{:?} shows {bad:?}:\n{note}", t.name());
                    }
                    assert_eq!(note.trim(), note, "{:?}", t.name());
                    assert!(note.contains(first) && note.contains(&facts.url), "{note}");
                }
            }
        }
    }
    assert!(count > 1000, "{count} renderings checked");
}

#[test]
fn builtin_notes_read_well() {
    let t = Templates::builtin();
    let thought = t.get("thought-of-you").unwrap();
    assert_eq!(
        thought.render(&ada()),
        "Hi Ada, I read this article and thought of you — with your interest in rust, \
         I think you'll enjoy it:\n\nRust async in depth\nhttps://example.com/async\n\n— Sam"
    );
    let bare = NoteFacts {
        first_name: "王芳".into(),
        name: "王芳".into(),
        company: None,
        interest: None,
        signature: None,
        kind: ItemKind::Blog,
        ..ada()
    };
    assert_eq!(
        thought.render(&bare),
        "Hi 王芳, I read this blog post and thought of you:\n\nRust async in depth\nhttps://example.com/async"
    );
    assert_eq!(
        t.get("curious").unwrap().render(&bare),
        "Hi 王芳, hope all is well! This blog post made me curious what you'd make of it: \
         “Rust async in depth” https://example.com/async"
    );
}

#[test]
fn values_are_flattened_but_a_signature_keeps_its_lines() {
    let facts = NoteFacts {
        title: "Rust\n\tasync \u{1b}[31m in depth".into(),
        signature: Some("Sam\r\n\u{7}Example Corp\n".into()),
        ..ada()
    };
    assert_eq!(
        render("{title}\n{signature}", &facts),
        "Rust async [31m in depth\nSam\nExample Corp"
    );
}

#[test]
fn the_shared_interest_keeps_the_contacts_spelling() {
    let mut contact = Contact::new("José Núñez", day()).unwrap();
    for i in ["Poetry", "Café culture", "Rust"] {
        contact.add_interest(i);
    }
    let mut item = Item::new("https://example.com/a", Some("A"), day()).unwrap();
    for topic in ["sailing", "rust", "cafe  CULTURE"] {
        item.add_topic(topic);
    }
    // The item's first shared topic wins: it is what the item is most about.
    assert_eq!(shared_interest(&contact, &item), Some("Rust"));
    item.topics.retain(|t| t != "rust");
    assert_eq!(shared_interest(&contact, &item), Some("Café culture"));
    let facts = NoteFacts::new(&contact, &item, None, None);
    assert_eq!(
        (facts.first_name.as_str(), facts.interest.as_deref()),
        ("José", Some("Café culture"))
    );
    item.topics.clear();
    assert_eq!(shared_interest(&contact, &item), None);
}

fn share(contact: &ContactId, minute: u32, template: Option<&str>) -> Entry {
    let at = format!("2026-11-01T09:{minute:02}:00+01:00");
    Entry::from(EntryFields {
        id: EntryId::new(),
        at: DateTime::parse_from_rfc3339(&at).unwrap(),
        kind: EntryKind::Share,
        contact: contact.clone(),
        contact_name: "Ada".into(),
        item: None,
        item_title: None,
        url: None,
        note: "hi".into(),
        template: template.map(str::to_string),
        via: None,
        ..Default::default()
    })
}

#[test]
fn rotation_never_repeats_the_last_template_for_a_contact() {
    let templates = Templates::builtin();
    let ada = Contact::new("Ada", day()).unwrap();
    let grace = Contact::new("Grace", day()).unwrap().id;
    for kind in ItemKind::ALL {
        let suitable: Vec<&str> = templates.suitable(kind).iter().map(|t| t.name()).collect();
        assert!(suitable.len() >= 2, "{kind}: {suitable:?}");
        let mut history = vec![share(&grace, 0, Some(suitable[0]))];
        let mut used = Vec::new();
        for minute in 1..=(2 * suitable.len() as u32) {
            let pick = templates.pick(kind, &ada, &history).unwrap().name();
            assert_ne!(Some(pick), last_template(&history, &ada), "{kind}");
            used.push(pick);
            history.push(share(&ada.id, minute, Some(pick)));
            // A note written by hand in between changes nothing.
            history.push(share(&ada.id, minute, None));
        }
        let mut cycle = suitable.clone();
        cycle.extend(&suitable);
        assert_eq!(used, cycle, "{kind}: each in turn, then round again");
    }
}

#[test]
fn rotation_steps_on_from_a_template_of_another_kind() {
    let t = Templates::builtin();
    // "watched-this" is a video template; for an article the next suitable
    // template after it in order is "saw-this" (any kind).
    let next = t
        .next_after(ItemKind::Article, Some("watched-this"))
        .unwrap();
    assert_eq!(next.name(), "saw-this");
    let next = t.next_after(ItemKind::Article, Some("saw-this")).unwrap();
    assert_eq!(next.name(), "thought-of-you", "wraps round");
    assert_eq!(
        t.next_after(ItemKind::Video, Some("no-such"))
            .unwrap()
            .name(),
        "watched-this"
    );
}

#[test]
fn the_users_templates_replace_the_builtin_ones_per_kind() {
    let own = |name: &str, kinds: &[ItemKind]| super::Template {
        name: name.into(),
        kinds: kinds.to_vec(),
        text: "Hi {first_name}: {url}".into(),
    };
    let t = Templates::from_config(&[own("warm", &[]), own("clip", &[ItemKind::Video])]).unwrap();
    let names = |kind| -> Vec<String> {
        t.suitable(kind)
            .iter()
            .map(|t| t.name().to_string())
            .collect()
    };
    assert_eq!(names(ItemKind::Video), ["warm", "clip"]);
    assert_eq!(names(ItemKind::Paper), ["warm"]);
    assert_eq!(t.names(), ["warm", "clip"]);
    assert!(
        t.get("saw-this").is_some(),
        "built-ins stay reachable by name"
    );
    let only_video = Templates::from_config(&[own("clip", &[ItemKind::Video])]).unwrap();
    assert_eq!(
        only_video.suitable(ItemKind::Paper)[0].name(),
        "curious",
        "no own template suits a paper, so the built-in ones stand in"
    );
    let err = Templates::from_config(&[own("warm", &[]), own("warm", &[])]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "template \"warm\": is defined twice; template names must be unique"
    );
}

#[test]
fn a_title_guessed_from_the_address_stays_out_of_every_builtin_note() {
    let contact = Contact::new("Ada Lovelace", day()).unwrap();
    let mut item = Item::new("https://example.com/watch?v=abc", None, day()).unwrap();
    assert!(item.title_guessed, "made up from the address");
    for kind in ItemKind::ALL {
        item.kind = kind;
        let facts = NoteFacts::new(&contact, &item, None, None);
        for t in Templates::builtin().all() {
            let note = t.render(&facts);
            assert!(!note.contains("example.com)"), "{}: {note}", t.name());
            assert!(note.contains("https://example.com/watch?v=abc"), "{note}");
            for seam in ["across and", "to and", "“”", "? —", ": —", "  "] {
                assert!(!note.contains(seam), "{}: {seam:?} in {note}", t.name());
            }
        }
    }
    // Once someone sets a title, notes quote it.
    item.set_title("Rust async in depth").unwrap();
    assert!(!item.title_guessed);
    let facts = NoteFacts::new(&contact, &item, None, None);
    let t = Templates::builtin();
    assert_eq!(
        t.get("no-reply-needed").unwrap().render(&facts),
        "Hi Ada! I came across this link, “Rust async in depth”, and figured you'd like it. \
         https://example.com/watch?v=abc\n\nNo need to reply — just passing it along."
    );
}

fn grace() -> OtherFacts {
    OtherFacts {
        first_name: "Grace".into(),
        name: "Grace Hopper".into(),
        company: Some("US Navy".into()),
        role: Some("Rear Admiral".into()),
    }
}

#[test]
fn introductions_and_congratulations_read_well() {
    let t = Templates::builtin();
    let facts = NoteFacts {
        other: Some(grace()),
        old_company: Some("Analytical Engines".into()),
        ..ada()
    };
    assert_eq!(
        t.for_purpose(Purpose::IntroAsk).render(&facts),
        "Hi Ada, would you like to meet Grace Hopper, Rear Admiral at US Navy? You both care \
         about rust, and I think you two would enjoy talking. If you're up for it, I'll \
         introduce you — no pressure either way.\n\n— Sam"
    );
    assert_eq!(
        t.for_purpose(Purpose::IntroBridge).render(&facts),
        "Ada, Mathematician at Analytical Engines, meet Grace, Rear Admiral at US Navy! You \
         both care about rust, and I've wanted you two to talk for a while. I'll leave it to \
         you from here.\n\n— Sam"
    );
    assert_eq!(
        t.for_purpose(Purpose::Congrats).render(&facts),
        "Hi Ada, congratulations on the new role as Mathematician at Analytical Engines! \
         I'd love to hear how the first weeks are going.\n\n— Sam"
    );
    let bare = NoteFacts {
        other: Some(OtherFacts {
            company: None,
            role: None,
            ..grace()
        }),
        company: None,
        role: None,
        interest: None,
        signature: None,
        ..ada()
    };
    assert_eq!(
        t.for_purpose(Purpose::IntroAsk).render(&bare),
        "Hi Ada, would you like to meet Grace Hopper? I think you two would enjoy talking. \
         If you're up for it, I'll introduce you — no pressure either way."
    );
    assert_eq!(
        t.for_purpose(Purpose::Congrats).render(&bare),
        "Hi Ada, congratulations on the new role! I'd love to hear how the first weeks are going."
    );
    for p in Purpose::ALL {
        let note = t.for_purpose(p).render(&bare);
        for bad in ARTIFACTS {
            assert!(!note.contains(bad), "{:?} shows {bad:?}:\n{note}", p.name());
        }
    }
}

#[test]
fn a_users_template_of_a_purposes_name_replaces_the_builtin_one_and_never_shares() {
    let own = super::Template {
        name: "intro-ask".into(),
        kinds: Vec::new(),
        text: "{first_name}, meet {other_first_name}?".into(),
    };
    let t = Templates::from_config(&[own]).unwrap();
    let facts = NoteFacts {
        other: Some(grace()),
        ..ada()
    };
    assert_eq!(
        t.for_purpose(Purpose::IntroAsk).render(&facts),
        "Ada, meet Grace?"
    );
    assert!(t.suitable(ItemKind::Article)[0].name() != "intro-ask");
    assert!(t.get("intro-ask").is_none());
    assert!(
        t.for_purpose(Purpose::Congrats)
            .text()
            .contains("congratulations")
    );
}
