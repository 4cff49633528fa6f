//! Sharing in the full-screen program: pick, compose, confirm, and `y`.
//! A recording copier stands in for the clipboard so every test can see
//! exactly what would have reached it.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::EntryKind;
use netwerk::tui::app::App;
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use support::app::{NOW, Recorder, Sharing, ctrl, demo, key, screen, tick, typed};

fn fixture(fail: bool) -> Sharing {
    demo().sharing(Recorder {
        fail,
        ..Default::default()
    })
}

fn select_contact(app: &mut App, query: &str) {
    key(app, KeyCode::Char('1'));
    typed(app, &format!("/{query}"));
    key(app, KeyCode::Enter);
}

fn composer_text(app: &App) -> String {
    match app.popup() {
        Some(Popup::Composer(c)) => c.text(),
        _ => panic!("no composer open"),
    }
}

#[test]
fn sharing_from_contacts_copies_then_logs_the_exact_note() {
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "priya");
    let before = app.store().load_history().unwrap().len();
    key(app, KeyCode::Char('s'));
    insta::assert_snapshot!("picker_for_priya", screen(app, 120, 40));
    typed(app, "micro");
    key(app, KeyCode::Enter);
    insta::assert_snapshot!("composer_for_priya", screen(app, 120, 40));
    let generated = composer_text(app);
    assert!(generated.contains("Priya"), "{generated}");
    assert!(
        generated.contains("https://example.net/rust-embedded"),
        "{generated}"
    );
    // Edit: Enter is a newline, a paste arrives whole.
    key(app, KeyCode::Enter);
    app.update(Event::Paste("Line one\nline two".into()));
    let note = composer_text(app);
    assert!(note.ends_with("\nLine one\nline two"), "{note}");
    ctrl(app, 's');
    assert!(app.popup().is_none());
    assert_eq!(
        f.clip.copied.lock().unwrap().as_slice(),
        std::slice::from_ref(&note)
    );
    assert_eq!(
        app.status().text,
        "Note for Priya copied via test clipboard"
    );
    let history = app.store().load_history().unwrap();
    assert_eq!(history.len(), before + 1);
    let entry = history.last().unwrap();
    assert_eq!(entry.kind, EntryKind::Share);
    assert_eq!(entry.note(), note);
    assert_eq!(entry.contact_name(), "Priya Raman");
    assert_eq!(entry.item_title(), Some("Rust on microcontrollers"));
    assert_eq!(entry.at.to_rfc3339(), NOW);
    // Last touch updated: Priya is now touched today.
    let idx = app.list(Pane::Contacts).current().unwrap();
    assert_eq!(app.due_of(idx).unwrap().days_since, 0);
}

#[test]
fn text_typed_in_the_composer_lands_on_its_own_line_not_on_the_link() {
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "priya");
    key(app, KeyCode::Char('s'));
    typed(app, "micro");
    key(app, KeyCode::Enter);
    let generated = composer_text(app);
    assert!(
        generated.ends_with("https://example.net/rust-embedded"),
        "{generated}"
    );
    typed(app, "Cheers!");
    ctrl(app, 's');
    let copied = f.clip.copied.lock().unwrap().clone();
    assert_eq!(copied, [format!("{generated}\nCheers!")]);
    let history = app.store().load_history().unwrap();
    assert_eq!(history.last().unwrap().note(), copied[0]);
}

#[test]
fn sharing_from_the_queue_ranks_matching_contacts_first() {
    let mut f = fixture(false);
    let app = &mut f.app;
    key(app, KeyCode::Char('3'));
    typed(app, "/sailing knots");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('s'));
    let Some(Popup::Picker(picker)) = app.popup() else {
        panic!("no picker")
    };
    let names: Vec<&str> = picker.candidates.iter().map(|c| c.label.as_str()).collect();
    // Ana and Lars like sailing; Amélie too but already got it: last.
    assert_eq!(&names[..2], ["Ana Rodríguez", "Lars Øberg"]);
    assert_eq!(*names.last().unwrap(), "Amélie Laurent");
    assert!(picker.candidates.last().unwrap().received.is_some());
}

#[test]
fn an_item_already_sent_is_flagged_and_needs_a_yes() {
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "ada love");
    key(app, KeyCode::Char('s'));
    typed(app, "rust async");
    key(app, KeyCode::Enter);
    let s = screen(app, 120, 40);
    assert!(s.contains("Already sent to Ada on 2026-11-23"), "{s}");
    ctrl(app, 's');
    let s = screen(app, 120, 40);
    assert!(
        s.contains("Already sent to Ada on 2026-11-23. Send again?"),
        "{s}"
    );
    key(app, KeyCode::Char('n'));
    assert!(f.clip.copied.lock().unwrap().is_empty());
    ctrl(app, 's');
    key(app, KeyCode::Char('y'));
    assert_eq!(f.clip.copied.lock().unwrap().len(), 1);
}

#[test]
fn a_failed_copy_logs_nothing_and_keeps_the_note() {
    let mut f = fixture(true);
    let app = &mut f.app;
    let before = app.store().load_history().unwrap().len();
    select_contact(app, "priya");
    key(app, KeyCode::Char('s'));
    key(app, KeyCode::Enter);
    typed(app, " PS");
    ctrl(app, 's');
    assert!(app.status().error);
    assert!(
        app.status().text.contains("the clipboard is on fire"),
        "{}",
        app.status().text
    );
    assert_eq!(app.store().load_history().unwrap().len(), before);
    assert!(
        composer_text(app).ends_with(" PS"),
        "the note is still there"
    );
}

#[test]
fn escape_asks_before_throwing_away_an_edited_note() {
    let mut f = fixture(false);
    let app = &mut f.app;
    key(app, KeyCode::Char('s'));
    key(app, KeyCode::Enter);
    typed(app, "!");
    key(app, KeyCode::Esc);
    assert!(matches!(app.popup(), Some(Popup::Confirm(_))));
    key(app, KeyCode::Char('n'));
    assert!(matches!(app.popup(), Some(Popup::Composer(_))));
    key(app, KeyCode::Esc);
    key(app, KeyCode::Char('y'));
    assert!(app.popup().is_none());
}

#[test]
fn y_copies_a_note_again_a_url_and_a_profile_link() {
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "ada love");
    key(app, KeyCode::Char('y'));
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('y'));
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('j'));
    key(app, KeyCode::Char('y'));
    let copied = f.clip.copied.lock().unwrap().clone();
    assert_eq!(copied[0], "https://www.linkedin.com/in/ada-lovelace");
    assert_eq!(copied[1], "https://example.net/rust-embedded");
    assert_eq!(
        copied[2],
        "Ada — thought of you when I saw this: Rust async in depth. https://example.org/rust-async-in-depth"
    );
    assert_eq!(app.status().text, "The note copied via test clipboard");
}

#[test]
fn outside_changes_wait_until_the_composer_closes_so_the_share_lands_on_the_right_person() {
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "priya");
    key(app, KeyCode::Char('s'));
    key(app, KeyCode::Enter);
    // A script adds contacts meanwhile; ids sort anywhere in the file.
    app.store()
        .modify("a test change", |net: &mut netwerk::domain::Network| {
            for n in 0..20 {
                let c = netwerk::domain::Contact::new(
                    &format!("Script Person {n}"),
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                )?;
                net.contacts.push(c);
            }
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    tick(app);
    assert_eq!(
        app.network().contacts.len(),
        40,
        "no reload under an open composer"
    );
    ctrl(app, 's');
    let history = app.store().load_history().unwrap();
    assert_eq!(history.last().unwrap().contact_name(), "Priya Raman");
    tick(app);
    assert_eq!(
        app.network().contacts.len(),
        60,
        "reloaded once the composer closed"
    );
}

/// A save that comes back while a picker is open waits for it to close:
/// the picker points at contacts by position, and the save re-sorts them,
/// so a share could otherwise land on someone else.
#[test]
fn a_save_returning_under_an_open_picker_waits_until_it_closes() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let mut f = fixture(false);
    let app = &mut f.app;
    select_contact(app, "priya");
    let before = app.network().contacts.len();
    key(app, KeyCode::Char('a'));
    typed(app, "Zed Zebra");
    // Saved and, before the worker's reply is taken, the picker opened.
    let press = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    app.update(press(KeyCode::Enter));
    app.update(press(KeyCode::Char('s')));
    app.settle();
    assert!(matches!(app.popup(), Some(Popup::Picker(_))));
    assert_eq!(app.network().contacts.len(), before, "the reply waits");
    let on_disk = app.store().load_tables().unwrap().contacts.len();
    assert_eq!(on_disk, before + 1, "but the contact is saved");
    key(app, KeyCode::Esc);
    assert!(app.popup().is_none());
    assert_eq!(app.network().contacts.len(), before + 1);
    assert_eq!(app.status().text, "Added Zed Zebra");
}
