//! The full-screen program, driven through `App::update` and drawn into a
//! `TestBackend`: given the sample network at a fixed time, when the user
//! presses these keys, then this is on screen and on disk.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::{Item, Network};
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::pane::Pane;
use netwerk::tui::update::Event;
use ratatui::style::Modifier;
use support::app::{Fixture, NOW, clock, ctrl, demo, draw, empty, key, open, screen, tick, typed};

#[test]
fn main_screen_wide() {
    let f = demo();
    insta::assert_snapshot!(screen(&f.app, 120, 40));
}

#[test]
fn main_screen_narrow_gives_the_focused_pane_the_room() {
    let mut f = demo();
    f.app.update(Event::Resize(80, 24));
    insta::assert_snapshot!("narrow_contacts", screen(&f.app, 80, 24));
    key(&mut f.app, KeyCode::Char('3'));
    insta::assert_snapshot!("narrow_queue", screen(&f.app, 80, 24));
}

#[test]
fn too_small_says_so_and_no_size_panics() {
    let f = demo();
    insta::assert_snapshot!(screen(&f.app, 30, 8));
    let mut app = f.app;
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (39, 9),
        (40, 10),
        (41, 11),
        (99, 30),
        (100, 30),
        (400, 120),
        (250, 3),
    ] {
        app.update(Event::Resize(w, h));
        screen(&app, w, h);
    }
    for w in (1..=160).step_by(7) {
        for h in (1..=50).step_by(3) {
            app.update(Event::Resize(w, h));
            screen(&app, w, h);
        }
    }
}

#[test]
fn help_lists_the_keys_of_the_focused_pane() {
    let mut f = demo();
    key(&mut f.app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_contacts", screen(&f.app, 120, 40));
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('4'));
    key(&mut f.app, KeyCode::Char('?'));
    let s = screen(&f.app, 120, 40);
    assert!(s.contains("copy the entry's note again"), "{s}");
    assert!(!s.contains("sort by due"), "sort is a Contacts key: {s}");
}

#[test]
fn help_scrolls_to_its_last_key_at_80x24_and_only_closing_keys_close_it() {
    let mut f = demo();
    let app = &mut f.app;
    app.update(Event::Resize(80, 24));
    key(app, KeyCode::Char('?'));
    let s = screen(app, 80, 24);
    assert!(s.contains("Help · 1–22 of 51"), "{s}");
    assert!(!s.contains("this help"), "the last keys are below: {s}");
    // A stray key leaves it open; G shows the end, every key readable.
    key(app, KeyCode::Char('x'));
    key(app, KeyCode::Char('G'));
    let s = screen(app, 80, 24);
    insta::assert_snapshot!("help_contacts_80x24_end", s);
    assert!(s.contains("?               this help"), "{s}");
    assert!(s.contains("Esc cancels."), "{s}");
    // Back up a line, then a page.
    key(app, KeyCode::Char('k'));
    assert!(screen(app, 80, 24).contains("Help · 29–50 of 51"));
    key(app, KeyCode::PageUp);
    let s = screen(app, 80, 24);
    assert!(s.contains("Help · 8–29 of 51"), "{s}");
    key(app, KeyCode::Esc);
    assert!(app.popup().is_none());
    key(app, KeyCode::Char('?'));
    key(app, KeyCode::Char('q'));
    assert!(
        app.popup().is_none() && !app.has_quit(),
        "q closes help, not netwerk"
    );
}

#[test]
fn tab_and_numbers_move_focus() {
    let mut f = demo();
    let app = &mut f.app;
    assert_eq!(app.focus(), Pane::Contacts);
    key(app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Interests);
    key(app, KeyCode::BackTab);
    key(app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::History);
    key(app, KeyCode::Char('3'));
    assert_eq!(app.focus(), Pane::Queue);
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('G'));
    assert_eq!(
        app.list(Pane::Contacts).selected,
        app.list(Pane::Contacts).rows.len() - 1
    );
    key(app, KeyCode::Char('g'));
    key(app, KeyCode::Char('j'));
    key(app, KeyCode::Down);
    assert_eq!(app.list(Pane::Contacts).selected, 2);
    ctrl(app, 'd');
    assert_eq!(
        app.list(Pane::Contacts).selected,
        2 + 19,
        "a page is the pane's height"
    );
}

#[test]
fn search_narrows_highlights_and_esc_restores() {
    let mut f = demo();
    let app = &mut f.app;
    let all = app.list(Pane::Contacts).rows.len();
    typed(app, "/jose");
    assert!(app.list(Pane::Contacts).searching);
    let first = app.selected_contact().unwrap().name.clone();
    assert_eq!(first, "José Núñez");
    let term = draw(app, 120, 40);
    let buf = term.backend().buffer();
    // Row 2 is the first contact row; "José" starts after the marker.
    let highlighted: String = (2..6)
        .filter(|&x| buf[(x, 2)].modifier.contains(Modifier::UNDERLINED))
        .map(|x| buf[(x, 2)].symbol().to_string())
        .collect();
    assert_eq!(highlighted, "José");
    key(app, KeyCode::Enter);
    assert!(
        !app.list(Pane::Contacts).searching,
        "Enter keeps the filter and returns to the list"
    );
    assert_eq!(app.list(Pane::Contacts).query, "jose");
    insta::assert_snapshot!("search_jose", screen(app, 120, 40));
    key(app, KeyCode::Esc);
    assert_eq!(app.list(Pane::Contacts).rows.len(), all);
    typed(app, "/王");
    assert_eq!(app.selected_contact().unwrap().name, "王芳");
    key(app, KeyCode::Esc);
    assert_eq!(app.list(Pane::Contacts).query, "");
    assert_eq!(app.list(Pane::Contacts).rows.len(), all);
}

#[test]
fn adding_a_contact_through_the_form_saves_it() {
    let mut f = empty();
    let app = &mut f.app;
    insta::assert_snapshot!("welcome", screen(app, 120, 40));
    key(app, KeyCode::Char('a'));
    typed(app, "Ada Lovelace");
    key(app, KeyCode::Tab);
    typed(app, "Analytical Engines");
    for _ in 0..6 {
        key(app, KeyCode::Tab);
    }
    typed(app, "not a url");
    ctrl(app, 's');
    insta::assert_snapshot!("form_invalid_link", screen(app, 120, 40));
    let on_disk = app.store().load().unwrap();
    assert!(
        on_disk.contacts.is_empty(),
        "nothing saved while a field is invalid"
    );
    for _ in 0.."not a url".len() {
        key(app, KeyCode::Backspace);
    }
    app.update(Event::Paste("https://www.linkedin.com/in/ada\n".into()));
    key(app, KeyCode::Enter);
    assert!(app.popup().is_none(), "form closed: {}", app.status().text);
    assert_eq!(app.status().text, "Added Ada Lovelace");
    let on_disk = app.store().load().unwrap();
    assert_eq!(on_disk.contacts.len(), 1);
    let ada = &on_disk.contacts[0];
    assert_eq!(ada.company.as_deref(), Some("Analytical Engines"));
    assert_eq!(ada.links[0].url, "https://www.linkedin.com/in/ada");
    assert_eq!(app.selected_contact().unwrap().name, "Ada Lovelace");
}

/// A network too big to show at once, so "on screen" means something.
fn many(contacts: usize) -> Fixture {
    let dir = generated(contacts, 20, 100, 7);
    let app = open(dir.path());
    Fixture { dir, app }
}

#[test]
fn a_save_runs_in_the_background_and_then_shows_the_record() {
    let mut f = many(500);
    let app = &mut f.app;
    key(app, KeyCode::Char('a'));
    typed(app, "Zed Background");
    // Enter without waiting: the form closes at once and says it is saving.
    app.update(Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    )));
    assert!(app.popup().is_none(), "the form closes at once");
    assert_eq!(app.status().text, "Saving…");
    app.settle();
    assert_eq!(app.status().text, "Added Zed Background");
    assert_eq!(app.store().load().unwrap().contacts.len(), 501);
    // Selected and scrolled into view, though it sorts far down the list.
    let shown = screen(app, 120, 40);
    assert!(shown.contains("▶Zed Background"), "{shown}");
}

#[test]
fn a_save_refused_on_disk_reopens_the_form_with_the_reason() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('a'));
    typed(app, "https://example.com/new-thing");
    // Meanwhile another process queues the same URL.
    app.store()
        .modify("a test change", |net: &mut netwerk::domain::Network| {
            let today = clock().today();
            net.items.push(
                netwerk::domain::Item::new("https://example.com/new-thing", Some("Theirs"), today)
                    .unwrap(),
            );
            Ok::<_, netwerk::store::StoreError>(())
        })
        .unwrap();
    key(app, KeyCode::Enter);
    let shown = screen(app, 120, 40);
    assert!(
        matches!(app.popup(), Some(netwerk::tui::popup::Popup::Form(_))),
        "the form is back: {shown}"
    );
    assert!(shown.contains("already in the queue"), "{shown}");
    let urls: Vec<_> = app
        .store()
        .load()
        .unwrap()
        .items
        .iter()
        .filter(|i| i.url == "https://example.com/new-thing")
        .map(|i| i.title.clone())
        .collect();
    assert_eq!(urls, ["Theirs"], "theirs kept, ours not added twice");
}

#[test]
fn escape_on_an_edited_form_asks_first() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('a'));
    typed(app, "Half typed");
    key(app, KeyCode::Esc);
    insta::assert_snapshot!("confirm_discard", screen(app, 120, 40));
    key(app, KeyCode::Char('n'));
    assert_eq!(app.dialogs().len(), 1, "back to the form");
    key(app, KeyCode::Esc);
    key(app, KeyCode::Char('y'));
    assert!(app.popup().is_none());
}

#[test]
fn editing_keeps_the_id_and_delete_asks_y_n() {
    let mut f = demo();
    let app = &mut f.app;
    typed(app, "/grace");
    key(app, KeyCode::Enter);
    let id = app.selected_contact().unwrap().id.clone();
    key(app, KeyCode::Char('e'));
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    ctrl(app, 'u');
    typed(app, " (retired)");
    key(app, KeyCode::Enter);
    let net = app.store().load().unwrap();
    let grace = net.contact(&id).unwrap();
    assert_eq!(grace.role.as_deref(), Some("Rear Admiral (retired)"));
    key(app, KeyCode::Char('d'));
    let s = screen(app, 120, 40);
    assert!(
        s.contains("Delete Grace Hopper? Their history stays."),
        "{s}"
    );
    key(app, KeyCode::Char('n'));
    assert!(app.store().load().unwrap().contact(&id).is_some());
    key(app, KeyCode::Char('d'));
    key(app, KeyCode::Char('y'));
    assert!(app.store().load().unwrap().contact(&id).is_none());
    assert_eq!(
        app.status().text,
        "Deleted Grace Hopper (their history stays)"
    );
}

#[test]
fn interests_toggle_to_all_and_filter_contacts_and_queue() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('t'));
    assert_eq!(app.focus(), Pane::Interests);
    typed(app, "/sailing");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    assert_eq!(app.interest_filter(), Some("sailing"));
    assert_eq!(app.focus(), Pane::Contacts);
    let names: Vec<String> = app
        .list(Pane::Contacts)
        .rows
        .iter()
        .map(|&i| app.network().contacts[i].name.clone())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(app.list(Pane::Queue).rows.iter().all(|&i| {
        app.network().items[i]
            .topics
            .contains(&"sailing".to_string())
    }));
    insta::assert_snapshot!("interest_filter", screen(app, 120, 40));
    key(app, KeyCode::Esc);
    assert_eq!(app.interest_filter(), None);
    assert_eq!(app.list(Pane::Contacts).rows.len(), 40);
}

#[test]
fn queue_is_ranked_for_the_selected_contact() {
    let mut f = demo();
    let app = &mut f.app;
    typed(app, "/ada love");
    key(app, KeyCode::Enter);
    assert_eq!(app.selected_contact().unwrap().name, "Ada Lovelace");
    let titles: Vec<&str> = app
        .list(Pane::Queue)
        .rows
        .iter()
        .map(|&i| app.network().items[i].title.as_str())
        .collect();
    // Ada likes rust and mathematics; she already has "Rust async in depth".
    assert_eq!(titles[0], "Rust on microcontrollers");
    assert_eq!(*titles.last().unwrap(), "Rust async in depth");
    let s = screen(app, 120, 40);
    assert!(s.contains("★ Rust on microcontrollers"), "{s}");
    let last = *app.list(Pane::Queue).rows.last().unwrap();
    let sent = app.queue_mark(last).unwrap().received.unwrap();
    assert_eq!(sent.format("%Y-%m-%d").to_string(), "2026-11-23");
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('G'));
    let s = screen(app, 120, 40);
    assert!(s.contains("✓ Rust async in depth"), "{s}");
    assert!(s.contains("sent 2026-11-23"), "{s}");
}

#[test]
fn history_is_append_only_in_the_tui_too() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('d'));
    assert!(app.popup().is_none());
    assert!(app.status().error);
    assert_eq!(
        app.status().text,
        "History is append-only: entries are never deleted"
    );
    key(app, KeyCode::Char('e'));
    assert!(app.popup().is_none());
    assert_eq!(
        app.status().text,
        "History is append-only; press l to log a new entry"
    );
}

#[test]
fn logging_a_touch_from_the_tui() {
    let mut f = demo();
    let app = &mut f.app;
    let before = app.network().history.len();
    let name = app.selected_contact().unwrap().name.clone();
    key(app, KeyCode::Char('l'));
    key(app, KeyCode::Tab);
    typed(app, "coffee");
    ctrl(app, 's');
    assert_eq!(app.status().text, format!("Logged touch with {name}"));
    let history = app.store().load_history().unwrap();
    assert_eq!(history.len(), before + 1);
    assert_eq!(history.last().unwrap().note(), "coffee");
    assert_eq!(history.last().unwrap().at.to_rfc3339(), NOW);
}

#[test]
fn changes_from_another_process_show_up_and_survive_an_edit() {
    let mut f = demo();
    let app = &mut f.app;
    // Another process (a cron job, a newsboat hook) adds an item.
    let other = app.store().clone();
    std::thread::sleep(std::time::Duration::from_millis(10));
    other
        .modify("a test change", |net: &mut Network| {
            let mut item = Item::new(
                "https://example.com/from-cron",
                Some("From cron"),
                clock().today(),
            )?;
            item.topics.push("rust".into());
            net.items.push(item);
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    tick(app);
    assert!(app.network().items.iter().any(|i| i.title == "From cron"));
    assert_eq!(
        app.status().text,
        "Updated with changes saved by another process"
    );
    // An edit in the TUI afterwards keeps it.
    key(app, KeyCode::Char('a'));
    typed(app, "Someone New");
    key(app, KeyCode::Enter);
    let net = app.store().load().unwrap();
    assert!(net.items.iter().any(|i| i.title == "From cron"));
    assert!(net.contacts.iter().any(|c| c.name == "Someone New"));
}

#[test]
fn hostile_text_is_drawn_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store
        .modify("a test change", |net: &mut Network| {
            let mut c = netwerk::domain::Contact::new(
                "Eve \x1b[31mRed\x1b]0;pwned\x07 \u{202e}evil",
                clock().today(),
            )?;
            c.company = Some("Wide 王芳🙂 Co".into());
            net.contacts.push(c);
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    let app = open(dir.path());
    let s = screen(&app, 120, 40);
    assert!(
        !s.contains('\x1b') && !s.contains('\x07') && !s.contains('\u{202e}'),
        "{s}"
    );
    assert!(s.contains("␛[31mRed"), "{s}");
    // Every line is exactly as wide as the screen: wide characters did
    // not push the borders out of line.
    let term = draw(&app, 120, 40);
    let buf = term.backend().buffer();
    assert_eq!(
        buf[(59, 2)].symbol(),
        "│",
        "right border of Contacts stays in column 59"
    );
}

/// A data directory holding a generated network of these sizes, its
/// history large enough (at 9,000 entries) to be read in halves and
/// passed over lightly at a launch with no cache.
fn generated(contacts: usize, items: usize, history: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sizes = netwerk::generate::Sizes {
        contacts,
        items,
        history,
    };
    let net = netwerk::generate::network(sizes, seed, clock().now());
    netwerk::generate::write(dir.path(), &net).unwrap();
    dir
}

/// A launch drawn from the history's digest (kept in the cache, or worked
/// out in a light pass over a log with no cache) reads the entries after
/// its first frame and keeps the due-ness and ranking it drew with. Its
/// first frame is the one a launch that read every entry first draws, and
/// once the entries are in, so is everything else, the dashboard's
/// figures and the History pane's order included.
#[test]
fn a_launch_from_the_history_digest_shows_what_reading_it_all_first_shows() {
    let dir = generated(600, 60, 9_000, 5);
    let cache = dir.path().join(".cache");
    let launch = || {
        let mut app = open(dir.path());
        let first = screen(&app, 120, 40);
        let from_digest = app.launching();
        app.settle();
        key(&mut app, KeyCode::Char('4'));
        key(&mut app, KeyCode::Char('G'));
        let end = screen(&app, 120, 40);
        let order: Vec<usize> = app.insight().urgency_order().collect();
        let state = (
            first,
            end,
            app.stats().clone(),
            app.history_order().to_vec(),
            order,
        );
        (from_digest, state)
    };
    // Read whole first: the entries' snapshot is kept, their digest not.
    std::fs::remove_file(cache.join("digest.bin")).unwrap();
    let (from_digest, whole) = launch();
    assert!(!from_digest);
    assert!(whole.1.contains("y copy note"), "{}", whole.1);
    // That launch kept the digest again; then no cache at all.
    let (from_digest, kept) = launch();
    assert!(from_digest, "drawn from the kept digest");
    assert_eq!(kept, whole);
    std::fs::remove_dir_all(&cache).unwrap();
    let (from_digest, light) = launch();
    assert!(from_digest, "drawn from a light pass over the log");
    assert_eq!(light, whole);
    // That pass's digest is kept, so the next launch draws from it.
    assert!(cache.join("digest.bin").exists());
    assert!(cache.join("history.jsonl.bin").exists());
    let (from_digest, again) = launch();
    assert!(from_digest);
    assert_eq!(again, whole);
}

/// Every pane's search shows records holding the query as words, not
/// those holding its letters scattered over their fields.
#[test]
fn every_panes_search_shows_real_matches_not_scattered_letters() {
    let mut f = demo();
    let app = &mut f.app;
    // Björn Ålund and Marcus Johnson hold j, o, s, e only spread over
    // their name and role.
    typed(app, "/jose");
    let names: Vec<&str> = app
        .list(Pane::Contacts)
        .rows
        .iter()
        .map(|&i| app.network().contacts[i].name.as_str())
        .collect();
    assert_eq!(names, ["José Núñez"]);
    key(app, KeyCode::Esc);
    // History: the two entries about Rust, not every note with r…u…s…t.
    key(app, KeyCode::Char('4'));
    typed(app, "/rust");
    let notes: Vec<&str> = app
        .list(Pane::History)
        .rows
        .iter()
        .map(|&i| app.network().history[i].note())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes.iter().all(|n| n.contains("Rust")), "{notes:#?}");
    key(app, KeyCode::Esc);
    // The queue: titles about Rust, the word first.
    key(app, KeyCode::Char('3'));
    typed(app, "/rust");
    let titles: Vec<&str> = app
        .list(Pane::Queue)
        .rows
        .iter()
        .map(|&i| app.network().items[i].title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:#?}");
    assert!(titles.iter().all(|t| t.starts_with("Rust")), "{titles:#?}");
    key(app, KeyCode::Esc);
    // Interests: the whole word before words that start with it.
    key(app, KeyCode::Char('2'));
    key(app, KeyCode::Char('t'));
    typed(app, "/design");
    let labels: Vec<&str> = app
        .list(Pane::Interests)
        .rows
        .iter()
        .map(|&i| app.all_interests()[i].0.as_str())
        .collect();
    assert_eq!(labels.first(), Some(&"design"), "{labels:#?}");
    assert!(labels.contains(&"design systems"), "{labels:#?}");
}

/// Searching and moving about the Contacts pane needs nothing of the
/// history's entries, so those keys do not wait for them after a launch
/// drawn from the digest; the result is the same as after a launch that
/// read them all first, and so is everything once they are in.
#[test]
fn contacts_keys_at_launch_act_as_after_a_full_read() {
    let dir = generated(800, 40, 9_000, 9);
    let launch = || open(dir.path());
    let act = |app: &mut App| {
        typed(app, "/ana");
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
        key(app, KeyCode::Char('j'));
        let selected = app.selected_contact().map(|c| c.id.clone());
        let rows = app.list(Pane::Contacts).rows.clone();
        app.settle();
        (selected, rows, screen(app, 120, 40))
    };
    let mut digest = launch();
    assert!(digest.launching(), "drawn from the generator's digest");
    let from_digest = act(&mut digest);
    std::fs::remove_file(dir.path().join(".cache/digest.bin")).unwrap();
    let mut whole = launch();
    assert!(!whole.launching());
    let read_whole = act(&mut whole);
    assert!(read_whole.1.len() > 1, "the search matched several");
    assert_eq!(from_digest, read_whole);
}

/// A message stays while it is about what is on screen: an error until
/// the next key; anything else until a key changes the mode or the pane,
/// or five idle seconds pass.
#[test]
fn status_messages_fade_when_the_mode_changes_errors_at_the_next_key() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('o'));
    assert_eq!(app.status().text, "Contacts sorted by name");
    key(app, KeyCode::Char('j'));
    assert_eq!(
        app.status().text,
        "Contacts sorted by name",
        "same pane, same mode"
    );
    key(app, KeyCode::Char('?'));
    assert_eq!(app.status().text, "", "help opened: a new mode");
    key(app, KeyCode::Esc);
    key(app, KeyCode::Char('o'));
    key(app, KeyCode::Tab);
    assert_eq!(app.status().text, "", "another pane");
    // Idle: gone after five ticks, not before.
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('o'));
    for _ in 0..4 {
        tick(app);
    }
    assert!(screen(app, 80, 24).contains("Contacts sorted by due"));
    tick(app);
    assert!(!screen(app, 80, 24).contains("sorted"));
    // An error waits for a key, however long.
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('d'));
    for _ in 0..10 {
        tick(app);
    }
    assert!(screen(app, 80, 24).contains("History is append-only"));
    key(app, KeyCode::Char('j'));
    assert!(!screen(app, 80, 24).contains("History is append-only"));
    // A key that says something keeps what it said, mode change or not.
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('/'));
    assert!(app.status().text.starts_with("Type to search"));
}

#[test]
fn counts_say_one_person_and_one_item() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('t'));
    let top = screen(app, 120, 40);
    key(app, KeyCode::Char('G'));
    let end = screen(app, 120, 40);
    assert!(top.contains("4 people    1 item "), "{top}");
    assert!(end.contains("1 person    0 items"), "{end}");
    for s in [top, end] {
        assert!(!s.contains(" 1 people") && !s.contains(" 1 items"), "{s}");
    }
}
