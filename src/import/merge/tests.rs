//! Given a network and parsed records, when they are merged, then these
//! contacts and items exist and the report says so.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{Contact, ContactState, Item, Link, LinkKind as Kind, Network};
use crate::import::{ImportedContact, ImportedItem, LinkKind, Parsed, Skipped, linkedin as csv};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn row(line: usize, name: &str, url: &str, company: &str, role: &str) -> ImportedContact {
    ImportedContact {
        line,
        name: name.into(),
        company: Some(company.into()),
        role: Some(role.into()),
        links: vec![(LinkKind::Linkedin, url.into())],
        connected: NaiveDate::from_ymd_opt(2024, 3, 12),
        ..Default::default()
    }
}

fn parsed<T>(records: Vec<T>) -> Parsed<T> {
    Parsed {
        records,
        ..Parsed::default()
    }
}

fn export() -> Parsed<ImportedContact> {
    parsed(vec![
        row(
            2,
            "Ada Lovelace",
            "https://www.linkedin.com/in/ada",
            "Engines",
            "Poet",
        ),
        row(
            3,
            "Grace Hopper",
            "https://www.linkedin.com/in/grace",
            "Navy",
            "Admiral",
        ),
    ])
}

fn lines(outcomes: &[Outcome]) -> Vec<(usize, &str, String)> {
    outcomes
        .iter()
        .map(|o| (o.line, o.name.as_str(), o.changes.join("; ")))
        .collect()
}

#[test]
fn linkedin_rows_become_untriaged_first_degree_contacts() {
    let mut net = Network::default();
    let report = linkedin(&mut net, &export(), day(26));
    assert_eq!(
        report.headline(),
        "Added 2, updated 0, unchanged 0, skipped 0"
    );
    let ada = &net.contacts[0];
    assert_eq!(ada.name, "Ada Lovelace");
    assert_eq!(ada.degree, 1);
    assert_eq!(ada.state, ContactState::Untriaged);
    assert_eq!(ada.company.as_deref(), Some("Engines"));
    assert_eq!(ada.role.as_deref(), Some("Poet"));
    assert_eq!(ada.added, day(26));
    assert_eq!(ada.connected, NaiveDate::from_ymd_opt(2024, 3, 12));
    assert_eq!(
        ada.links,
        [Link::new(Kind::Linkedin, "https://www.linkedin.com/in/ada").unwrap()]
    );
    assert_eq!(report.added[0].id, ada.id.to_string());
}

#[test]
fn importing_the_same_export_again_changes_nothing() {
    let mut net = Network::default();
    linkedin(&mut net, &export(), day(26));
    let before = net.clone();
    let report = linkedin(&mut net, &export(), day(27));
    assert_eq!(
        report.headline(),
        "Added 0, updated 0, unchanged 2, skipped 0"
    );
    assert!(report.changes_nothing());
    assert_eq!(net, before);
}

#[test]
fn a_newer_export_updates_company_and_role_only() {
    let mut net = Network::default();
    linkedin(&mut net, &export(), day(26));
    let ada = &mut net.contacts[0];
    ada.interests = vec!["rust".into()];
    ada.notes = Some("Likes sailing".into());
    ada.cadence_days = Some(14);
    ada.state = ContactState::Active;
    ada.name = "Ada King".into();
    let kept = ada.clone();

    let mut newer = export();
    newer.records[0].company = Some("Babbage & Co".into());
    newer.records[0].role = Some("Chief Poet".into());
    newer.records[0].emails = vec!["ada@example.com".into()];
    newer.records[0].connected = NaiveDate::from_ymd_opt(2020, 1, 1);
    let report = linkedin(&mut net, &newer, day(27));

    assert_eq!(
        report.headline(),
        "Added 0, updated 1, unchanged 1, skipped 0"
    );
    assert_eq!(
        lines(&report.updated),
        [(
            2,
            "Ada King",
            "company Engines → Babbage & Co; role Poet → Chief Poet; email ada@example.com"
                .to_string()
        )]
    );
    let ada = &net.contacts[0];
    assert_eq!(ada.company.as_deref(), Some("Babbage & Co"));
    assert_eq!(ada.role.as_deref(), Some("Chief Poet"));
    assert_eq!(ada.email.as_deref(), Some("ada@example.com"));
    let untouched = Contact {
        company: ada.company.clone(),
        role: ada.role.clone(),
        email: ada.email.clone(),
        ..kept
    };
    assert_eq!(
        ada, &untouched,
        "name, interests, notes, cadence, state, dates kept"
    );
}

#[test]
fn an_empty_cell_in_a_newer_export_keeps_what_is_known() {
    let mut net = Network::default();
    linkedin(&mut net, &export(), day(26));
    let mut newer = export();
    newer.records[0].company = None;
    let report = linkedin(&mut net, &newer, day(27));
    assert_eq!(
        report.headline(),
        "Added 0, updated 0, unchanged 2, skipped 0"
    );
    assert_eq!(net.contacts[0].company.as_deref(), Some("Engines"));
}

#[test]
fn same_name_with_different_urls_stays_two_people() {
    let mut net = Network::default();
    let file = parsed(vec![
        row(
            2,
            "John Smith",
            "https://www.linkedin.com/in/john-smith-1",
            "A",
            "x",
        ),
        row(
            3,
            "John Smith",
            "https://www.linkedin.com/in/john-smith-2",
            "B",
            "y",
        ),
    ]);
    let report = linkedin(&mut net, &file, day(26));
    assert_eq!(
        report.headline(),
        "Added 2, updated 0, unchanged 0, skipped 0"
    );
    assert_eq!(net.contacts.len(), 2);
}

#[test]
fn one_profile_spelled_two_ways_in_one_file_counts_once() {
    let mut net = Network::default();
    let file = parsed(vec![
        row(
            2,
            "Ada Lovelace",
            "https://www.linkedin.com/in/ada",
            "A",
            "x",
        ),
        row(7, "Ada Lovelace", "http://linkedin.com/in/Ada/", "A", "x"),
    ]);
    let report = linkedin(&mut net, &file, day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(
        report.skipped,
        [Skipped {
            line: 7,
            reason: "duplicate of line 2".into()
        }]
    );
}

#[test]
fn a_contact_added_by_hand_is_matched_by_its_linkedin_url() {
    let mut net = Network::default();
    let mut ada = Contact::new("Ada", day(1)).unwrap();
    ada.links
        .push(Link::new(Kind::Linkedin, "http://linkedin.com/in/ADA/?trk=x").unwrap());
    net.contacts.push(ada);
    let report = linkedin(&mut net, &export(), day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 1, unchanged 0, skipped 0"
    );
    assert_eq!(net.contacts.len(), 2);
    assert_eq!(net.contacts[0].name, "Ada", "the hand-typed name is kept");
    assert_eq!(net.contacts[0].state, ContactState::Active);
    assert_eq!(
        report.updated[0].changes,
        ["company Engines", "role Poet", "connected 2024-03-12"]
    );
}

#[test]
fn a_contact_added_by_hand_with_the_email_gains_the_profile() {
    let mut net = Network::default();
    let mut ada = Contact::new("Ada", day(1)).unwrap();
    ada.email = Some("Ada@Example.com".into());
    net.contacts.push(ada);
    let mut file = export();
    file.records[0].emails = vec!["ada@example.com".into()];
    let report = linkedin(&mut net, &file, day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 1, unchanged 0, skipped 0"
    );
    assert!(
        report.updated[0]
            .changes
            .contains(&"link linkedin https://www.linkedin.com/in/ada".to_string())
    );
    let again = linkedin(&mut net, &file, day(27));
    assert_eq!(
        again.headline(),
        "Added 0, updated 0, unchanged 2, skipped 0"
    );
}

#[test]
fn rows_without_a_url_are_still_recognised_on_reimport() {
    let mut net = Network::default();
    let mut nameless_url = row(2, "Cher", "", "", "");
    nameless_url.links.clear();
    nameless_url.company = None;
    nameless_url.role = None;
    let file = parsed(vec![nameless_url]);
    linkedin(&mut net, &file, day(26));
    let report = linkedin(&mut net, &file, day(27));
    assert_eq!(
        report.headline(),
        "Added 0, updated 0, unchanged 1, skipped 0"
    );
    assert_eq!(net.contacts.len(), 1);
}

#[test]
fn invalid_fields_skip_their_record_and_skips_come_in_line_order() {
    let mut net = Network::default();
    let mut file = export();
    file.records[1].name = "x".repeat(201);
    file.skipped.push(Skipped {
        line: 1,
        reason: "no name".into(),
    });
    file.records[0].emails = vec!["not an email".into()];
    let report = linkedin(&mut net, &file, day(26));
    assert_eq!(
        report.skipped,
        [
            Skipped {
                line: 1,
                reason: "no name".into()
            },
            Skipped {
                line: 3,
                reason: "name: is 201 characters long; at most 200 fit".into()
            }
        ]
    );
    assert_eq!(net.contacts[0].email, None, "a bad address is dropped");
}

#[test]
fn the_real_fixture_imports_with_exact_counts_and_reimports_unchanged() {
    let file = csv::parse(include_bytes!(
        "../../../tests/fixtures/import/linkedin_connections.csv"
    ))
    .unwrap();
    let mut net = Network::default();
    let report = linkedin(&mut net, &file, day(26));
    assert_eq!(
        report.headline(),
        "Added 6, updated 0, unchanged 0, skipped 2"
    );
    let hamilton = net.contacts.iter().find(|c| c.name == "Margaret Hamilton");
    assert_eq!(
        hamilton.and_then(|c| c.role.as_deref()),
        Some("Founder CEO"),
        "a role broken across lines is one line"
    );
    let again = linkedin(&mut net, &file, day(27));
    assert_eq!(
        again.headline(),
        "Added 0, updated 0, unchanged 6, skipped 2"
    );
}

fn card(line: usize, name: &str) -> ImportedContact {
    ImportedContact {
        line,
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn a_vcard_with_a_known_email_fills_gaps_without_overwriting() {
    let mut net = Network::default();
    let mut ada = Contact::new("Ada Lovelace", day(1)).unwrap();
    ada.email = Some("ada@example.com".into());
    ada.company = Some("Engines".into());
    ada.notes = Some("Mine".into());
    ada.interests = vec!["Rust".into()];
    net.contacts.push(ada);

    let mut vcf = card(1, "Augusta Ada King");
    vcf.emails = vec!["home@ada.example".into(), "ADA@example.com".into()];
    vcf.company = Some("Other Co".into());
    vcf.role = Some("Countess".into());
    vcf.links = vec![
        (LinkKind::Github, "https://github.com/ada".into()),
        (LinkKind::Other, "mailto:ada@example.com".into()),
    ];
    vcf.interests = vec!["RUST".into(), "Poetry".into()];
    vcf.notes = Some("Theirs".into());
    let report = vcard(&mut net, &parsed(vec![vcf]), day(26));

    assert_eq!(
        report.headline(),
        "Added 0, updated 1, unchanged 0, skipped 0"
    );
    assert_eq!(
        report.updated[0].changes,
        [
            "role Countess",
            "link github https://github.com/ada",
            "interest Poetry"
        ]
    );
    let ada = &net.contacts[0];
    assert_eq!(ada.name, "Ada Lovelace");
    assert_eq!(ada.company.as_deref(), Some("Engines"));
    assert_eq!(ada.email.as_deref(), Some("ada@example.com"));
    assert_eq!(ada.notes.as_deref(), Some("Mine"));
    assert_eq!(ada.interests, ["Rust", "Poetry"]);
    assert_eq!(ada.state, ContactState::Active);
}

#[test]
fn a_vcard_matches_on_a_profile_link_but_not_on_a_shared_website() {
    let mut net = Network::default();
    let mut ada = Contact::new("Ada", day(1)).unwrap();
    ada.links = vec![
        Link::new(Kind::Github, "https://github.com/ada").unwrap(),
        Link::new(Kind::Website, "https://engines.example").unwrap(),
    ];
    net.contacts.push(ada);
    let mut same = card(1, "Ada L.");
    same.links = vec![(LinkKind::Github, "http://www.github.com/ada/".into())];
    let mut colleague = card(9, "Charles Babbage");
    colleague.links = vec![(LinkKind::Website, "https://engines.example".into())];
    let report = vcard(&mut net, &parsed(vec![same, colleague]), day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 0, unchanged 1, skipped 0"
    );
}

#[test]
fn categories_become_interests_in_the_networks_spelling() {
    let mut net = Network::default();
    let mut grace = Contact::new("Grace", day(1)).unwrap();
    grace.interests = vec!["Climate Tech".into()];
    net.contacts.push(grace);
    let mut item = Item::new("https://example.com/a", None, day(1)).unwrap();
    item.topics = vec!["Café".into()];
    net.items.push(item);

    let mut ada = card(1, "Ada");
    ada.interests = vec!["climate  tech".into(), "CAFE".into(), "New Thing".into()];
    let mut linus = card(5, "Linus");
    linus.interests = vec!["new thing".into()];
    let report = vcard(&mut net, &parsed(vec![ada, linus]), day(26));
    assert_eq!(
        report.headline(),
        "Added 2, updated 0, unchanged 0, skipped 0"
    );
    assert_eq!(
        net.contacts[1].interests,
        ["Climate Tech", "Café", "New Thing"]
    );
    assert_eq!(net.contacts[1].state, ContactState::Untriaged);
    assert_eq!(net.contacts[2].interests, ["New Thing"]);
}

#[test]
fn two_cards_for_one_person_merge_into_one_contact() {
    let mut net = Network::default();
    let mut first = card(1, "Ada");
    first.emails = vec!["ada@example.com".into()];
    let mut second = card(8, "Ada Lovelace");
    second.emails = vec!["ada@example.com".into()];
    second.role = Some("Poet".into());
    let third = ImportedContact {
        line: 15,
        ..first.clone()
    };
    let report = vcard(&mut net, &parsed(vec![first, second, third]), day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 1, unchanged 0, skipped 1"
    );
    assert_eq!(
        lines(&report.updated),
        [(8, "Ada", "merged with line 1; role Poet".to_string())]
    );
    assert_eq!(report.skipped[0].reason, "duplicate of line 1");
}

fn link(line: usize, url: &str) -> ImportedItem {
    ImportedItem {
        line,
        url: url.into(),
        title: None,
        topics: Vec::new(),
        added: None,
        archived: false,
    }
}

#[test]
fn queue_refuses_normalised_duplicates_and_keeps_titles_topics_and_state() {
    let mut net = Network::default();
    let mut queued = Item::new("https://example.com/old", None, day(1)).unwrap();
    queued.topics = vec!["Rust".into()];
    net.items.push(queued);

    let mut pocket = link(2, "https://Example.com/new?utm_source=x#top");
    pocket.title = Some("  New\n  post ".into());
    pocket.topics = vec!["rust".into(), "async".into()];
    pocket.archived = true;
    pocket.added = Utc.timestamp_opt(1_700_000_000, 0).single();
    let file = parsed(vec![
        pocket,
        link(3, "https://example.com/new"),
        link(4, "https://example.com/old?utm_medium=email#"),
    ]);
    let report = queue(&mut net, &file, day(26));
    assert_eq!(
        report.headline(),
        "Added 1, updated 0, unchanged 1, skipped 1"
    );
    assert_eq!(report.skipped[0].reason, "duplicate of line 2");
    assert_eq!(report.unchanged[0].line, 4);
    let item = &net.items[1];
    assert_eq!(item.url, "https://example.com/new");
    assert_eq!(item.title, "New post");
    assert_eq!(item.topics, ["Rust", "async"]);
    assert!(item.archived);
    assert_eq!(item.added, NaiveDate::from_ymd_opt(2023, 11, 14).unwrap());

    let again = queue(&mut net, &file, day(27));
    assert_eq!(
        again.headline(),
        "Added 0, updated 0, unchanged 2, skipped 1"
    );
}

#[test]
fn very_long_titles_are_cut_rather_than_refused() {
    let mut net = Network::default();
    let mut long = link(1, "https://example.com/long");
    long.title = Some("word ".repeat(100));
    queue(&mut net, &parsed(vec![long]), day(26));
    assert_eq!(net.items[0].title.chars().count(), 200);
    assert!(net.items[0].title.ends_with('…'));
}

#[test]
fn a_card_with_only_a_name_is_recognised_by_it_on_reimport() {
    let mut net = Network::default();
    let mut site = card(1, "José García");
    site.links = vec![(LinkKind::Website, "http://jose.example.es".into())];
    let file = parsed(vec![site]);
    vcard(&mut net, &file, day(26));
    let report = vcard(&mut net, &file, day(27));
    assert_eq!(
        report.headline(),
        "Added 0, updated 0, unchanged 1, skipped 0"
    );
    assert_eq!(net.contacts.len(), 1);
}
