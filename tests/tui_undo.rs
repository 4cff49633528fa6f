//! `u` and `Ctrl-R` in the full-screen program: a change made since it
//! started comes undone (on screen and on disk) and done again; one that
//! another process changed since is refused, with nothing written.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::{EntryKind, Network};
use netwerk::store::Store;
use netwerk::tui::app::App;
use std::path::Path;
use support::app::{Fixture, Recorder, ctrl, demo, key, open, screen, tick, typed};

fn names(dir: &Path) -> Vec<String> {
    let net = Store::open(dir).unwrap().load_tables().unwrap();
    net.contacts.iter().map(|c| c.name.clone()).collect()
}

/// The data files' bytes, to show nothing was written.
fn files(dir: &Path) -> Vec<Vec<u8>> {
    ["contacts.toml", "queue.toml", "history.jsonl"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect()
}

/// Selects the contact found by typing `query` in Contacts.
fn find(app: &mut App, query: &str) {
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('/'));
    typed(app, query);
    key(app, KeyCode::Enter);
}

#[test]
fn u_brings_a_deleted_contact_back_and_ctrl_r_deletes_it_again() {
    let Fixture { dir, mut app } = demo();
    find(&mut app, "grace");
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Esc);
    assert!(!names(dir.path()).contains(&"Grace Hopper".to_string()));
    let s = screen(&app, 120, 40);
    assert!(
        !s.contains("│ Grace Hopper") && !s.contains("│▶Grace Hopper"),
        "{s}"
    );

    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Undone: deleted Grace Hopper"), "{s}");
    assert!(
        s.contains("▶Grace Hopper"),
        "brought back and selected: {s}"
    );
    assert!(names(dir.path()).contains(&"Grace Hopper".to_string()));

    ctrl(&mut app, 'r');
    let s = screen(&app, 120, 40);
    assert!(s.contains("Redone: deleted Grace Hopper"), "{s}");
    assert!(
        !s.contains("│▶Grace Hopper") && !s.contains("│ Grace Hopper"),
        "{s}"
    );
    assert!(!names(dir.path()).contains(&"Grace Hopper".to_string()));
}

#[test]
fn u_takes_back_a_logged_share_everywhere_it_counted() {
    let Fixture { dir, mut app } = demo();
    find(&mut app, "grace");
    let before = app.stats().weeks.last().map(|w| w.gives);
    let touch = |app: &App| {
        app.network()
            .contacts
            .iter()
            .position(|c| c.name == "Grace Hopper")
            .and_then(|i| app.insight().summaries.get(i).and_then(|s| s.last_touch))
    };
    let last_touch = touch(&app);
    // Share the first item picked for her.
    Recorder::default().attach(&mut app);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let log = Store::open(dir.path()).unwrap().load_history().unwrap();
    let shared = log.last().unwrap().clone();
    assert_eq!(shared.kind, EntryKind::Share);
    assert_eq!(
        app.stats().weeks.last().map(|w| w.gives),
        before.map(|g| g + 1)
    );
    assert_ne!(touch(&app), last_touch);

    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Undone: shared "), "{s}");
    assert_eq!(app.stats().weeks.last().map(|w| w.gives), before);
    assert_eq!(touch(&app), last_touch, "her last touch is as before");
    assert!(!app.network().history.iter().any(|e| e.id() == shared.id()));
    // On disk: still in the log, voided by the record after it.
    let store = Store::open(dir.path()).unwrap();
    let log = store.load_log().unwrap();
    let void = log.last().unwrap();
    assert_eq!(void.kind, EntryKind::Void);
    assert_eq!(void.voids(), Some(shared.id()));
    assert!(log.iter().any(|e| e.id() == shared.id()));
    assert!(
        !store
            .load_history()
            .unwrap()
            .iter()
            .any(|e| e.id() == shared.id())
    );

    ctrl(&mut app, 'r');
    assert!(screen(&app, 120, 40).contains("Redone: shared "));
    assert_eq!(
        app.stats().weeks.last().map(|w| w.gives),
        before.map(|g| g + 1)
    );
    assert!(app.network().history.iter().any(|e| e.id() == shared.id()));
}

#[test]
fn an_edit_saved_since_by_another_process_makes_u_refuse_and_write_nothing() {
    let Fixture { dir, mut app } = demo();
    find(&mut app, "grace");
    key(&mut app, KeyCode::Char('e'));
    // Company is the second field.
    key(&mut app, KeyCode::Tab);
    for _ in 0..40 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "Eckert-Mauchly");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 120, 40).contains("Saved Grace Hopper"));
    // Meanwhile a script edits her again, and the program has not looked.
    let other = Store::open(dir.path()).unwrap();
    other
        .modify("edited Grace Hopper", |net: &mut Network| {
            let grace = net.contacts.iter_mut().find(|c| c.name == "Grace Hopper");
            grace.unwrap().role = Some("Commodore".into());
            Ok::<_, netwerk::store::StoreError>(())
        })
        .unwrap();
    let on_disk = files(dir.path());

    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Grace Hopper changed since; not undone"), "{s}");
    assert_eq!(files(dir.path()), on_disk, "nothing written");
    let net = other.load_tables().unwrap();
    let grace = net.contacts.iter().find(|c| c.name == "Grace Hopper");
    assert_eq!(grace.unwrap().company.as_deref(), Some("Eckert-Mauchly"));
}

#[test]
fn u_undoes_only_what_was_changed_since_netwerk_started() {
    let Fixture { dir, app } = demo();
    drop(app);
    // Before this launch, from the command line's side.
    let store = Store::open(dir.path()).unwrap();
    store
        .modify("removed Grace Hopper", |net: &mut Network| {
            net.contacts.retain(|c| c.name != "Grace Hopper");
            Ok::<_, netwerk::store::StoreError>(())
        })
        .unwrap();
    let mut app = open(dir.path());
    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Nothing to undo since netwerk started"), "{s}");
    // A change made by another process while open is not this session's
    // either; the program's own is.
    find(&mut app, "ada");
    key(&mut app, KeyCode::Char('x'));
    store
        .modify("removed Priya Raman", |net: &mut Network| {
            net.contacts.retain(|c| c.name != "Priya Raman");
            Ok::<_, netwerk::store::StoreError>(())
        })
        .unwrap();
    tick(&mut app);
    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Undone: set Ada Lovelace aside"), "{s}");
    assert!(!names(dir.path()).contains(&"Grace Hopper".to_string()));
}
