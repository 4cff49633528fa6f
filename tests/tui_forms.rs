//! Forms in the full-screen program: the log form's kind is a choice, and
//! an added contact who is already known is refused on the field.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::EntryKind;
use netwerk::tui::app::App;
use support::app::{Fixture, demo, key, screen, typed};

#[test]
fn the_log_form_offers_kinds_and_channels_to_choose_from() {
    let Fixture { dir: _d, mut app } = demo();
    key(&mut app, KeyCode::Char('1'));
    typed(&mut app, "/grace");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('l'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("[touch] ask  call  coffee"), "{s}");
    // → steps on, a letter jumps to the next choice starting with it,
    // and typing cannot make a kind that is not on offer.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert!(screen(&app, 120, 40).contains("[call]"));
    typed(&mut app, "cx");
    assert!(screen(&app, 120, 40).contains("[coffee]"));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "flat white");
    key(&mut app, KeyCode::Enter);
    let last = app.store().load_history().unwrap().last().cloned().unwrap();
    assert_eq!(last.kind, EntryKind::Touch);
    assert_eq!(last.via(), Some("coffee"));
    assert_eq!(last.note(), "flat white");
    assert!(screen(&app, 120, 40).contains("Logged touch via coffee with Grace Hopper"));
}

/// How many contacts are on disk.
fn count(app: &App) -> usize {
    app.store().load_tables().unwrap().contacts.len()
}

/// In Contacts, `a`, then the name, interests and link typed into their
/// fields, and Enter.
fn add_in_form(app: &mut App, name: &str, interests: &str, link: &str) {
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('a'));
    typed(app, name);
    for _ in 0..6 {
        key(app, KeyCode::Tab);
    }
    typed(app, interests);
    key(app, KeyCode::Tab);
    typed(app, link);
    key(app, KeyCode::Enter);
}

#[test]
fn adding_a_known_person_asks_first_naming_them() {
    let Fixture { dir: _d, mut app } = demo();
    let before = count(&app);
    add_in_form(&mut app, "G. Hopper", "", "linkedin.com/in/Grace-Hopper/");
    let s = screen(&app, 120, 40);
    assert!(s.contains("Grace Hopper ("), "{s}");
    assert!(s.contains("already has the profile"), "{s}");
    assert!(
        s.contains("linkedin.com/in/grace-hopper. Add a second record anyway?"),
        "{s}"
    );
    assert_eq!(count(&app), before, "nothing written before the answer");
    // No: back to the form as typed.
    key(&mut app, KeyCode::Char('n'));
    assert!(screen(&app, 120, 40).contains("linkedin.com/in/Grace-Hopper/"));
    assert_eq!(count(&app), before);
    // Yes: added anyway.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(count(&app), before + 1);
    assert!(screen(&app, 120, 40).contains("Added G. Hopper"));
}

#[test]
fn m_merges_another_record_of_the_person_into_the_selected_one() {
    let Fixture { dir: _d, mut app } = demo();
    let before = count(&app);
    // A second Grace, added anyway, with a touch of her own.
    add_in_form(
        &mut app,
        "G. Hopper",
        "sailing",
        "https://www.linkedin.com/in/grace-hopper",
    );
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(count(&app), before + 1);
    let twin = app
        .network()
        .contacts
        .iter()
        .find(|c| c.name == "G. Hopper")
        .unwrap()
        .id
        .clone();
    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Enter);
    // How many touches the history counts for Grace.
    let touches = |app: &App| {
        let net = app.store().load().unwrap();
        let at = net
            .contacts
            .iter()
            .position(|c| c.name == "Grace Hopper")
            .unwrap();
        net.summaries().get(at).map_or(0, |s| s.touches)
    };
    let grace_touches = touches(&app);
    let log = std::fs::read(app.store().dir().join("history.jsonl")).unwrap();
    // m on Grace offers the twin first, named as such.
    typed(&mut app, "/grace");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Merge into Grace Hopper"), "{s}");
    let row = s.lines().find(|l| l.contains("★ G. Hopper")).unwrap_or("");
    assert!(row.contains("same link · "), "{s}");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Merge G. Hopper ("), "{s}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(count(&app), before);
    let net = app.store().load_tables().unwrap();
    let grace = net
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    assert_eq!(grace.merged, [twin]);
    assert!(grace.interests.iter().any(|i| i == "sailing"), "{grace:?}");
    assert_eq!(
        std::fs::read(app.store().dir().join("history.jsonl")).unwrap(),
        log,
        "the log is never rewritten"
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("Merged G. Hopper into Grace Hopper"), "{s}");
    assert_eq!(
        touches(&app),
        grace_touches + 1,
        "the twin's touch is Grace's now"
    );
}
