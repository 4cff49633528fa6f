//! Introductions, moments and open asks in the full-screen program, on
//! the demo network: `I` ranks partners with the reason and Ctrl-S
//! copies both asks and records the introduction; `M` lists moments,
//! Delete dismisses one and Enter congratulates on another (a touch);
//! the contact's pane lists open asks.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::{Entry, EntryKind, Person, Stage};
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::popup::Popup;
use support::app::{
    Fixture, Recorder, Sharing, clock, ctrl, demo_network, key, network_dir, open, screen, typed,
};

/// The demo network, with Ada and Grace seen changing jobs.
fn fixture() -> Sharing {
    let net = demo_network();
    let dir = network_dir(&net);
    let person = |name: &str| net.contacts.iter().find(|c| c.name == name).unwrap();
    let (ada, grace) = (person("Ada Lovelace"), person("Grace Hopper"));
    let at = clock().now() - chrono::Duration::days(2);
    Store::open(dir.path())
        .unwrap()
        .append(&[
            Entry::moment(
                Person::from(ada),
                (Some("Analytical Engines"), Some("Chief Mathematician")),
                (Some("Babbage Labs"), Some("CTO")),
                at,
            ),
            Entry::moment(
                Person::from(grace),
                (Some("US Navy"), Some("Rear Admiral")),
                (Some("US Navy"), Some("Commodore")),
                at,
            ),
        ])
        .unwrap();
    let app = open(dir.path());
    Fixture { dir, app }.sharing(Recorder::default())
}

fn select_contact(app: &mut App, query: &str) {
    key(app, KeyCode::Char('1'));
    typed(app, &format!("/{query}"));
    key(app, KeyCode::Enter);
}

#[test]
fn i_ranks_partners_with_the_reason_and_ctrl_s_copies_both_asks_and_records_the_introduction() {
    let mut f = fixture();
    let app = &mut f.app;
    select_contact(app, "pierre");
    key(app, KeyCode::Char('I'));
    insta::assert_snapshot!("intro_picker_for_pierre", screen(app, 120, 40));
    let Some(Popup::Picker(picker)) = app.popup() else {
        panic!("no picker");
    };
    assert_eq!(picker.candidates[0].label, "Kwame Mensah");
    assert_eq!(
        picker.candidates[0].reason,
        "both into fintech, startups · founder meets engineer"
    );
    key(app, KeyCode::Enter);
    insta::assert_snapshot!("intro_composer", screen(app, 120, 40));
    ctrl(app, 's');
    assert!(app.popup().is_none());
    let copied = f.clip.copied.lock().unwrap().clone();
    assert_eq!(copied.len(), 1);
    assert!(copied[0].starts_with("To Pierre Martin:\nHi Pierre, would you like to meet Kwame Mensah, CTO at Flutterwave? You both care about"), "{}", copied[0]);
    assert!(
        copied[0].contains("\n\nTo Kwame Mensah:\nHi Kwame, would you like to meet Pierre Martin")
    );
    assert_eq!(
        app.status().text,
        "Note for Pierre and Kwame copied via test clipboard"
    );
    let history = app.store().load_history().unwrap();
    let intro = history.last().unwrap();
    assert_eq!(intro.kind, EntryKind::Intro);
    assert_eq!(intro.stage(), Some(Stage::Asked));
    assert_eq!(
        (intro.contact_name(), intro.other_name()),
        ("Pierre Martin", Some("Kwame Mensah"))
    );
    assert_eq!(intro.note(), copied[0]);
    // Asked already: Kwame is no longer among the suggested partners.
    key(app, KeyCode::Char('I'));
    let Some(Popup::Picker(picker)) = app.popup() else {
        panic!("no picker");
    };
    let kwame = picker
        .candidates
        .iter()
        .find(|c| c.label == "Kwame Mensah")
        .unwrap();
    assert!(!kwame.matched);
    assert_eq!(kwame.reason, "introduced: asked 2026-11-26");
}

#[test]
fn m_lists_moments_delete_dismisses_and_enter_congratulates_as_a_touch() {
    let mut f = fixture();
    let app = &mut f.app;
    key(app, KeyCode::Char('M'));
    insta::assert_snapshot!("moments", screen(app, 120, 40));
    // Seen at the same time: the later entry, Grace's, first. Dismiss it.
    key(app, KeyCode::Delete);
    assert_eq!(app.status().text, "Dismissed the moment of Grace Hopper");
    let Some(Popup::Picker(picker)) = app.popup() else {
        panic!("the picker stays open");
    };
    assert_eq!(picker.candidates.len(), 1);
    key(app, KeyCode::Enter);
    insta::assert_snapshot!("congrats_composer", screen(app, 120, 40));
    ctrl(app, 's');
    let copied = f.clip.copied.lock().unwrap().clone();
    assert_eq!(
        copied,
        [
            "Hi Ada, congratulations on the new role as CTO at Babbage Labs! I'd love to hear how the first weeks are going."
        ]
    );
    let history = app.store().load_history().unwrap();
    let n = history.len();
    let (dismissed, touch) = (&history[n - 2], &history[n - 1]);
    assert_eq!(dismissed.stage(), Some(Stage::Dismissed));
    assert_eq!(dismissed.contact_name(), "Grace Hopper");
    assert_eq!(touch.kind, EntryKind::Touch);
    assert!(touch.refers().is_some());
    assert_eq!(touch.note(), copied[0]);
    key(app, KeyCode::Char('M'));
    assert!(app.popup().is_none(), "no moment left to show");
    assert!(
        app.status().text.starts_with("No moments"),
        "{}",
        app.status().text
    );
    // Ada was touched today.
    select_contact(app, "ada");
    assert!(screen(app, 120, 40).contains("touched  today"));
}

#[test]
fn the_contacts_pane_lists_open_asks_until_answered() {
    let mut f = fixture();
    let app = &mut f.app;
    select_contact(app, "mohammed");
    let shown = screen(app, 120, 40);
    assert!(
        shown.contains("open ask 2026-11-15 asked for an intro to Careem's"),
        "{shown}"
    );
    insta::assert_snapshot!("open_ask_in_pane", shown);
    let ask = app
        .network()
        .history
        .iter()
        .find(|e| e.note().starts_with("asked for an intro to Careem"))
        .unwrap()
        .clone();
    app.store()
        .append(&[Entry::moved_on(&ask, Stage::Answered, ask.at, "met them")])
        .unwrap();
    support::app::tick(app);
    let shown = screen(app, 120, 40);
    assert!(!shown.contains("open ask"), "{shown}");
    assert!(shown.contains("gave 0 · asked 1, 1 answered"), "{shown}");
}
