//! What a user trips over in the first hour of the full-screen program:
//! dormant contacts and archived items that can be set aside and found
//! again, signs explained, hints that never read as values, the Queue's
//! detail and the composer's footer at common sizes.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::ContactState;
use netwerk::tui::update::Event;
use ratatui::style::Modifier;
use support::app::{demo, demo_with, draw, key, screen, typed};

/// The text of row `y` of a 120×40 screen.
fn row(s: &str, y: usize) -> &str {
    s.lines().nth(y).unwrap_or("")
}

#[test]
fn x_sets_a_contact_aside_and_dot_brings_dormant_contacts_back_into_view_and_search() {
    let mut f = demo();
    let app = &mut f.app;
    // Fatima is first; x sets her aside, saved as dormant.
    key(app, KeyCode::Char('x'));
    let s = screen(app, 120, 40);
    assert!(
        s.contains("Set Fatima Zahra aside as dormant; . shows"),
        "{s}"
    );
    assert!(
        s.contains("Contacts · 39 · 1 dormant hidden (. shows)"),
        "{s}"
    );
    assert!(
        !s.contains("│ Fatima Zahra") && !s.contains("│▶Fatima Zahra"),
        "hidden from the list: {s}"
    );
    let net = app.store().load().unwrap();
    let fatima = net.contacts.iter().find(|c| c.name == "Fatima Zahra");
    assert_eq!(fatima.unwrap().state, ContactState::Dormant);
    // Search does not find her while hidden; the title says how to.
    key(app, KeyCode::Char('/'));
    typed(app, "fatima");
    let s = screen(app, 120, 40);
    assert!(
        s.contains("1 dormant hidden (. shows) [/fatima") && !s.contains("▶Fatima"),
        "{s}"
    );
    // A search that would find no dormant contact says none is hidden.
    typed(app, "zzq");
    let s = screen(app, 120, 40);
    assert!(
        s.contains("Contacts · 0 [/fatimazzq") && !s.contains("dormant hidden"),
        "{s}"
    );
    key(app, KeyCode::Esc);
    // `.` lists her again, marked z, findable, her state in the profile.
    key(app, KeyCode::Char('.'));
    key(app, KeyCode::Char('/'));
    typed(app, "fatima");
    key(app, KeyCode::Enter);
    let s = screen(app, 120, 40);
    assert!(s.contains("Contacts · 1 · dormant shown [/fatima]"), "{s}");
    assert!(
        row(&s, 2).contains("Fatima Zahra") && row(&s, 2).contains("z│"),
        "{s}"
    );
    assert!(
        s.contains("state    dormant: set aside, never due (x brings back)"),
        "{s}"
    );
    // x again makes her active.
    key(app, KeyCode::Char('x'));
    assert!(screen(app, 120, 40).contains("Fatima Zahra is active again"));
    let net = app.store().load().unwrap();
    let fatima = net.contacts.iter().find(|c| c.name == "Fatima Zahra");
    assert_eq!(fatima.unwrap().state, ContactState::Active);
}

#[test]
fn the_queue_shows_the_selected_items_url_and_comment_and_x_archives_it() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('3'));
    let s = screen(app, 120, 40);
    assert!(
        s.contains("url      https://pod.example.com/climate-next-decade"),
        "{s}"
    );
    assert!(s.contains("comment  none — e adds one"), "{s}");
    key(app, KeyCode::Char('x'));
    let s = screen(app, 120, 40);
    assert!(
        s.contains("Archived Climate tech's next decade; . shows archived items"),
        "{s}"
    );
    assert!(s.contains("1 archived hidden (. shows)"), "{s}");
    let net = app.store().load().unwrap();
    let item = net
        .items
        .iter()
        .find(|i| i.title == "Climate tech's next decade");
    assert!(item.unwrap().archived, "archived on disk");
    // Shown again on `.`, after the rest, marked.
    key(app, KeyCode::Char('.'));
    key(app, KeyCode::Char('G'));
    let s = screen(app, 120, 40);
    assert!(s.contains("archived (x brings back)"), "{s}");
    key(app, KeyCode::Char('x'));
    assert!(screen(app, 120, 40).contains("Climate tech's next decade is back in the queue"));
    let net = app.store().load().unwrap();
    let item = net
        .items
        .iter()
        .find(|i| i.title == "Climate tech's next decade");
    assert!(!item.unwrap().archived);
}

#[test]
fn help_explains_every_sign() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('?'));
    key(app, KeyCode::Char('G'));
    let s = screen(app, 120, 40);
    for sign in [
        " !  ", " ~  ", " ?  ", " —30d ", " ★  ", " ✓  ", " z  ", "today",
    ] {
        assert!(s.contains(sign), "no legend for {sign:?}: {s}");
    }
}

#[test]
fn never_touched_contacts_show_their_days_and_a_touch_today_reads_today() {
    let mut f = demo();
    let app = &mut f.app;
    let s = screen(app, 120, 40);
    // Fatima was never touched: connected 518 days ago.
    assert!(row(&s, 2).contains("—518d!"), "{s}");
    assert!(s.contains("touched  never · connected 518d ago"), "{s}");
    // Log a touch with her now: today, not "0d".
    key(app, KeyCode::Char('l'));
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    let s = screen(app, 120, 40);
    assert!(!s.contains(" 0d"), "{s}");
    assert!(s.contains("touched  today"), "{s}");
}

#[test]
fn form_hints_are_dim_italic_examples_never_values() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('a'));
    let s = screen(app, 120, 40);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Email"))
        .unwrap();
    assert!(line.contains("e.g. ada@example.com"), "{s}");
    let x = line
        .find("e.g.")
        .map(|b| line[..b].chars().count())
        .unwrap();
    let term = draw(app, 120, 40);
    let cell = &term.backend().buffer()[(x as u16, y as u16)];
    assert!(
        cell.modifier.contains(Modifier::ITALIC | Modifier::DIM),
        "{:?}",
        cell.modifier
    );
    // Typing replaces the hint; the typed value is plain.
    typed(app, "A");
    let term = draw(app, 120, 40);
    let buf = term.backend().buffer();
    let name_y = (0..40)
        .find(|&y| {
            (0..120)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("Name")
        })
        .unwrap();
    let a = (0..120)
        .find(|&x| buf[(x, name_y)].symbol() == "A")
        .unwrap();
    assert!(!buf[(a, name_y)].modifier.contains(Modifier::ITALIC));
}

#[test]
fn the_composer_footer_is_whole_at_120_and_80_columns_and_shorter_below() {
    for (w, h, keys) in [
        (
            120,
            40,
            "Ctrl-S copy & log · Ctrl-E editor · Ctrl-T template · Esc cancel",
        ),
        (
            80,
            24,
            "Ctrl-S copy & log · Ctrl-E editor · Ctrl-T template · Esc cancel",
        ),
        (
            60,
            24,
            "^S copy & log · ^E editor · ^T template · Esc cancel",
        ),
    ] {
        let mut f = demo();
        let app = &mut f.app;
        app.update(Event::Resize(w, h));
        key(app, KeyCode::Char('s'));
        key(app, KeyCode::Enter);
        let s = screen(app, w, h);
        let footer = s.lines().find(|l| l.contains("│copy via ")).unwrap_or("");
        assert!(footer.ends_with('│'), "route line whole at {w}: {s}");
        assert!(
            s.lines().any(|l| l.contains(&format!("│{keys}"))),
            "keys whole at {w}x{h}: {s}"
        );
    }
}

#[test]
fn the_picker_says_what_its_right_column_holds() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('s'));
    let s = screen(app, 120, 40);
    assert!(
        s.contains("★ meets their interests, named at right; other rows show the kind"),
        "{s}"
    );
    // From the Queue: contacts for an item, their company at right.
    key(app, KeyCode::Esc);
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('s'));
    let s = screen(app, 120, 40);
    assert!(s.contains("other rows show their company"), "{s}");
    // At 80 columns a shorter wording, whole.
    app.update(Event::Resize(80, 24));
    let s = screen(app, 80, 24);
    assert!(
        s.contains("│★ match: interests at right; else their company · ✓ sent"),
        "{s}"
    );
}

#[test]
fn the_interests_pane_wraps_with_its_margin_on_every_line() {
    let mut f = demo_with(|net| {
        // Fatima is selected at launch.
        let Some(c) = net.contacts.iter_mut().find(|c| c.name == "Fatima Zahra") else {
            panic!("Fatima is in the sample");
        };
        c.interests = (1..=12).map(|n| format!("interest number {n}")).collect();
        c.role =
            Some("Head of a very long titled department of many things, places and people".into());
        c.notes = Some("word ".repeat(40));
    });
    let app = &mut f.app;
    app.update(Event::Resize(80, 24));
    key(app, KeyCode::Char('2'));
    let s = screen(app, 80, 24);
    let body: Vec<&str> = s
        .lines()
        .skip(3)
        .take(19)
        .filter(|l| !l.trim_matches(['│', ' ']).is_empty())
        .collect();
    assert!(body.len() > 10, "{s}");
    for l in &body {
        assert!(l.starts_with("│ "), "no margin: {l:?}\n{s}");
    }
    // Interests wrap at whole chips; the role wraps under its value.
    assert!(
        s.contains("│ interest number 1 · interest number 2 ·"),
        "{s}"
    );
    assert!(s.contains("│          "), "{s}");
}

#[test]
fn a_guessed_title_is_marked_in_the_queue_and_not_offered_as_a_value_to_edit() {
    let mut f = demo_with(|net| {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let item =
            netwerk::domain::Item::new("https://example.com/zebra-crossings", None, day).unwrap();
        net.items.push(item);
    });
    let app = &mut f.app;
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('/'));
    typed(app, "zebra");
    key(app, KeyCode::Enter);
    let s = screen(app, 120, 40);
    assert!(s.contains("zebra crossings (example.com)"), "{s}");
    assert!(
        s.contains("title guessed from the address (e sets one)"),
        "{s}"
    );
    // Edit: the Title field is empty, its hint says why; typing sets one.
    key(app, KeyCode::Char('e'));
    let s = screen(app, 120, 40);
    let title = s.lines().find(|l| l.contains("│ Title")).unwrap_or("");
    assert!(
        title.contains("(empty: guessed from the address, kept out of notes)"),
        "{s}"
    );
    key(app, KeyCode::Tab);
    typed(app, "Zebra crossings, explained");
    support::app::ctrl(app, 's');
    let net = app.store().load().unwrap();
    let item = net.items.iter().find(|i| i.url.contains("zebra")).unwrap();
    assert_eq!(item.title, "Zebra crossings, explained");
    assert!(!item.title_guessed);
}
