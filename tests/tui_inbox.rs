//! The Inbox in the full-screen program: given entries from a feed, when
//! the user opens the Inbox, keeps, skips, shares or fetches, then the
//! screen shows who each suits and the queue and inbox files change.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use netwerk::tui::app::App;
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use support::Home;
use support::app::{key, screen};
use support::feed_server::FeedServer;

fn open(home: &Home) -> App {
    let mut app = support::app::open(&home.data);
    app.settle();
    app
}

fn inbox_titles(home: &Home) -> Vec<String> {
    home.json(&["inbox", "--json"])
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_inbox_shows_who_each_entry_suits_and_keeps_and_skips() {
    let home = Home::ada_and_alan();
    home.ok(&["feed", "ingest", &support::fixtures::feed("blog.rss")]);
    let mut app = open(&home);

    key(&mut app, KeyCode::Char('i'));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Inbox · 3 new"), "{shown}");
    let line = |s: &str, t: &str| {
        s.lines()
            .find(|l| l.contains(t))
            .unwrap_or_else(|| panic!("no {t} in\n{s}"))
            .to_string()
    };
    assert!(line(&shown, "Writing compilers in Rust").contains("→ Ada (rust)"));
    assert!(line(&shown, "A sonnet a day").contains("→ Ada (poetry)"));
    assert!(!line(&shown, "Knitting patterns").contains('→'));

    // K keeps the first (newest) entry: into the queue, out of the inbox.
    key(&mut app, KeyCode::Char('K'));
    let queue = std::fs::read_to_string(home.file("queue.toml")).unwrap();
    assert!(queue.contains("Writing compilers in Rust"), "{queue}");
    assert!(queue.contains("rust"), "{queue}");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Kept: Writing compilers in Rust"), "{shown}");
    assert!(shown.contains("Inbox · 2 new"), "{shown}");

    // X skips the next one (Knitting); only the sonnet is left.
    key(&mut app, KeyCode::Char('X'));
    assert_eq!(inbox_titles(&home), vec!["A sonnet a day"]);
    assert!(
        !std::fs::read_to_string(home.file("queue.toml"))
            .unwrap()
            .contains("Knitting")
    );

    // i again: the Queue, holding the kept item.
    key(&mut app, KeyCode::Char('i'));
    let shown = screen(&app, 120, 40);
    assert!(!shown.contains("Inbox ·"), "{shown}");
    assert!(line(&shown, "Writing compilers in Rust").contains("article"));
}

#[test]
fn sharing_from_the_inbox_keeps_then_asks_whom() {
    let home = Home::ada_and_alan();
    home.ok(&["feed", "ingest", &support::fixtures::feed("blog.rss")]);
    let mut app = open(&home);
    key(&mut app, KeyCode::Char('i'));
    key(&mut app, KeyCode::Char('s'));
    assert!(
        std::fs::read_to_string(home.file("queue.toml"))
            .unwrap()
            .contains("Writing compilers in Rust")
    );
    assert!(matches!(app.popup(), Some(Popup::Picker(_))));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Share \"Writing compilers in Rust\" with"),
        "{shown}"
    );
    assert!(shown.contains("Ada Lovelace"), "{shown}");
    assert_eq!(app.focus(), Pane::Queue);
    assert_eq!(inbox_titles(&home).len(), 2);
}

#[test]
fn a_refresh_fetches_in_the_background_and_fills_the_inbox() {
    let server = FeedServer::start();
    let home = Home::ada_and_alan();
    home.ok(&["feed", "add", &server.url("/rss")]);
    let mut app = open(&home);
    key(&mut app, KeyCode::Char('R'));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("2 new from 1 feeds"), "{shown}");
    assert!(shown.contains("Inbox · 2 new"), "{shown}");
    assert!(shown.contains("→ Ada (rust)"), "{shown}");
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn keys_work_while_a_slow_feed_is_being_fetched() {
    let server = FeedServer::start();
    let home = Home::ada_and_alan();
    home.ok(&["feed", "add", &server.url("/slow")]);
    let mut app = open(&home);
    let press = |app: &mut App, c: char| {
        app.update(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    };
    // The fetch hangs on the worker; the keys are handled meanwhile.
    press(&mut app, 'R');
    assert!(screen(&app, 120, 40).contains("Inbox · 0 new · fetching…"));
    press(&mut app, '1');
    assert_eq!(app.focus(), Pane::Contacts);
    press(&mut app, 'j');
    assert_eq!(app.list(Pane::Contacts).selected, 1);
    assert!(app.busy());
}
