//! Hostile text on every screen of the full-screen program. Given a network
//! whose names, companies, roles, notes, interests, titles, topics, comments
//! and history notes carry escape sequences (an OSC 52 clipboard write),
//! C1 controls, bidi overrides, zero-width characters and BEL next to CJK
//! and emoji, when the user opens each screen — panes, search, picker,
//! composer, confirmations, forms, dashboard, triage, help, status line —
//! then no cell holds a character that could act on the terminal or hide
//! text, and the placeholders that stand in for them are on screen.

mod support;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use netwerk::clipboard::{Copier, CopyReport as Copied};
use netwerk::clock::Clock;
use netwerk::config::Config;
use netwerk::domain::{Contact, ContactId, ContactState, Entry, EntryKind, Item, ItemId, Network};
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::keymap::Keymap;
use netwerk::tui::update::Event;
use std::collections::BTreeMap;
use std::path::Path;
use support::app::{NOW, ctrl, draw, key, screen, typed};
use support::{Home, Key, TIMEOUT, netwerk_bin};

/// An OSC 52 write of `rm -rf ~`, C1 CSI, a bidi override and isolate,
/// zero-width space and no-break space, BEL and DEL.
const H: &str = "\x1b]52;c;cm0gLXJmIH4K\x07\u{9b}31m\u{202e}\u{2066}\u{200b}\u{feff}\x7f";

/// Whether `c` must never be in a cell: a control character, DEL, a C1
/// control, a bidi control or a zero-width or other invisible character.
fn forbidden(c: char) -> bool {
    c.is_control()
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2060}'..='\u{2069}').contains(&c)
        || c == '\u{feff}'
        || c == '\u{61c}'
}

/// Draws the app at 120×40 and fails if any cell holds a forbidden
/// character; returns the screen as text.
fn checked(app: &App, what: &str) -> String {
    let term = draw(app, 120, 40);
    let buf = term.backend().buffer();
    for y in 0..40 {
        for x in 0..120 {
            let symbol = buf[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| forbidden(c)) {
                panic!(
                    "{what}: {c:?} in the cell at ({x}, {y})\n{}",
                    screen(app, 120, 40)
                );
            }
        }
    }
    screen(app, 120, 40)
}

/// A copier that records what it was given, or fails with hostile text
/// (a copy command's error output can hold anything).
struct Clip {
    fail: bool,
    /// Lands in the last-resort file, whose path and note are then shown.
    to_file: bool,
}

impl Copier for Clip {
    fn copy(&mut self, _text: &str) -> Result<Copied, String> {
        if self.fail {
            return Err(format!("xclip said {H}"));
        }
        if self.to_file {
            return Ok(Copied {
                how: format!("saved to /tmp/state{H}/note.txt"),
                file: Some(format!("/tmp/state{H}/note.txt")),
            });
        }
        Ok(Copied {
            how: "copied via test clipboard".into(),
            file: None,
        })
    }

    fn route(&self) -> String {
        "test clipboard".into()
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

/// Writes the hostile network into `dir`.
fn write_hostile(dir: &Path) {
    let store = Store::open(dir).unwrap();
    let at = Clock::parse("2026-11-20T10:00:00+01:00").unwrap().now();
    let mut entries = Vec::new();
    store
        .modify("a test change", |net: &mut Network| {
            let mut eve = Contact::new(&format!("Eve{H} 王芳"), day())?;
            eve.id = ContactId::from("cevehostl");
            eve.company = Some(format!("Acme{H}"));
            eve.role = Some(format!("Chief {H} officer 😀"));
            eve.notes = Some(format!("note{H}\nsecond line"));
            eve.met = Some(format!("RustConf{H}"));
            eve.interests = vec![format!("rust{H}"), "sailing".into()];
            eve.cadence_days = Some(1);
            let mut mallory = Contact::new(&format!("Mallory\u{202e}live{H}"), day())?;
            mallory.id = ContactId::from("cmallory2");
            mallory.company = Some(format!("\u{9b}2J{H}"));
            mallory.state = ContactState::Untriaged;
            mallory.interests = vec![format!("rust{H}")];
            let mut post = Item::new(
                "https://example.com/post",
                Some(&format!("Post{H} 🙂")),
                day(),
            )?;
            post.id = ItemId::from("ipostxxx1");
            post.topics = vec![format!("rust{H}")];
            post.comment = Some(format!("comment{H}"));
            let mut other = Item::new(
                "https://example.com/other",
                Some(&format!("Other{H}")),
                day(),
            )?;
            other.id = ItemId::from("iotherxx2");
            other.topics = vec![format!("rust{H}")];
            entries.push(Entry::logged(
                &eve,
                EntryKind::Touch,
                at,
                &format!("coffee{H}"),
            ));
            entries.push(Entry::share(
                &eve,
                &other,
                at,
                &format!("sent{H}\nline two"),
                None,
            ));
            net.contacts.push(eve);
            net.contacts.push(mallory);
            net.items.push(post);
            net.items.push(other);
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    store.append(&entries).unwrap();
}

fn open(dir: &Path, fail: bool) -> App {
    open_with(
        dir,
        Clip {
            fail,
            to_file: false,
        },
    )
}

fn open_with(dir: &Path, clip: Clip) -> App {
    let mut app = support::app::open(dir);
    app.set_copier(Box::new(clip));
    app
}

/// A data directory holding the hostile network.
fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_hostile(dir.path());
    dir
}

/// Shares the first item offered for Eve: `s`, Enter, Ctrl-S.
fn share_to_eve(app: &mut App) {
    select_eve(app);
    key(app, KeyCode::Char('s'));
    key(app, KeyCode::Enter);
    ctrl(app, 's');
}

fn select_eve(app: &mut App) {
    key(app, KeyCode::Char('1'));
    typed(app, "/eve");
    key(app, KeyCode::Enter);
}

#[test]
fn the_panes_show_placeholders_for_every_hostile_field() {
    let dir = hostile_dir();
    let mut app = open(dir.path(), false);
    let s = checked(&app, "main screen");
    assert!(s.contains("Eve␛]52;c;"), "{s}");
    select_eve(&mut app);
    let s = checked(&app, "Eve selected");
    insta::assert_snapshot!("hostile_main_screen", s);
    for (pane, what) in [('2', "interests"), ('3', "queue"), ('4', "history")] {
        key(&mut app, KeyCode::Char(pane));
        let s = checked(&app, what);
        assert!(s.contains('␛'), "{what}: {s}");
    }
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('t'));
    let s = checked(&app, "all interests");
    assert!(s.contains("rust␛]52"), "{s}");
    // A search pasted in, escapes and all.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('/'));
    app.update(Event::Paste(format!("e{H}")));
    app.settle();
    checked(&app, "pasted search");
}

#[test]
fn popups_and_the_status_line_show_placeholders() {
    let dir = hostile_dir();
    let mut app = open(dir.path(), false);
    select_eve(&mut app);
    // Share: picker, composer, confirmation, status line.
    key(&mut app, KeyCode::Char('s'));
    let s = checked(&app, "item picker");
    assert!(s.contains("Post␛"), "{s}");
    key(&mut app, KeyCode::Enter);
    let s = checked(&app, "composer");
    insta::assert_snapshot!("hostile_composer", s);
    app.update(Event::Paste(format!("pasted{H}")));
    checked(&app, "composer after a paste");
    key(&mut app, KeyCode::Esc);
    checked(&app, "cancel confirmation");
    key(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 's');
    let s = checked(&app, "status after a share");
    assert!(s.contains("Eve␛"), "the status line names Eve: {s}");
    // Share from the queue: the contact picker.
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('s'));
    let s = checked(&app, "contact picker");
    assert!(s.contains("Mallory⟨U+202E⟩") || s.contains("Eve␛"), "{s}");
    key(&mut app, KeyCode::Esc);
    // Forms and confirmations.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    let s = checked(&app, "edit form");
    assert!(s.contains("Acme␛"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('l'));
    checked(&app, "log form");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('d'));
    let s = checked(&app, "delete confirmation");
    assert!(s.contains("Eve␛"), "{s}");
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('d'));
    checked(&app, "delete item confirmation");
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('y'));
    checked(&app, "history note copied again");
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('D'));
    let s = checked(&app, "dashboard");
    assert!(s.contains('␛'), "{s}");
    key(&mut app, KeyCode::Esc);
    // T triages the view: clear the search for Eve, who is active.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('T'));
    let s = checked(&app, "triage");
    assert!(s.contains("Mallory⟨U+202E⟩"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('?'));
    checked(&app, "help");
}

#[test]
fn a_failed_copy_reports_the_error_harmlessly() {
    let dir = hostile_dir();
    let mut app = open(dir.path(), true);
    share_to_eve(&mut app);
    let s = checked(&app, "failed copy");
    assert!(s.contains("xclip said ␛"), "{s}");

    let mut app = open_with(
        dir.path(),
        Clip {
            fail: false,
            to_file: true,
        },
    );
    share_to_eve(&mut app);
    let s = checked(&app, "the note shown to copy by hand");
    assert!(s.contains("/tmp/state␛"), "{s}");
}

#[test]
fn the_real_terminal_receives_no_escape_but_netwerks_own() {
    let home = Home::new();
    write_hostile(&home.data);
    home.write_config("[clipboard]\nmethod = \"file\"\n");
    let data = home.data.display().to_string();
    let mut pty = home.spawn(netwerk_bin(), &[], &[("NETWERK_DATA", &data)], 120, 40);
    pty.wait_for_text("Contacts", TIMEOUT).unwrap();
    pty.send_text("/eve");
    pty.send_key(Key::Enter);
    pty.wait_for_text("[/eve]", TIMEOUT).unwrap();
    // Each key, then the mode the screen shows once it is drawn.
    for (key, mode) in [
        (Key::Char('2'), " NORMAL "),
        (Key::Char('t'), " NORMAL "),
        (Key::Char('1'), " NORMAL "),
        (Key::Char('s'), " PICK "),
        (Key::Enter, " COMPOSE "),
        // An edited note asks before it is thrown away.
        (Key::Char('x'), " COMPOSE "),
        (Key::Esc, " CONFIRM "),
        (Key::Char('n'), " COMPOSE "),
        (Key::Ctrl('s'), " NOTE "),
        (Key::Esc, " NORMAL "),
        (Key::Char('e'), " FORM "),
        (Key::Esc, " NORMAL "),
        (Key::Char('l'), " FORM "),
        (Key::Esc, " NORMAL "),
        (Key::Char('d'), " CONFIRM "),
        (Key::Char('n'), " NORMAL "),
        (Key::Char('D'), " DASHBOARD "),
        (Key::Esc, " NORMAL "),
        // T triages the view: clear the search for Eve, who is active.
        (Key::Esc, " NORMAL "),
        (Key::Char('T'), " TRIAGE "),
        (Key::Esc, " NORMAL "),
        (Key::Char('4'), " NORMAL "),
        (Key::Char('?'), " HELP "),
        (Key::Esc, " NORMAL "),
    ] {
        pty.send_key(key);
        pty.wait_until(mode, TIMEOUT, |s| {
            let rows = s.size().0.get();
            s.contents_between(rows - 1, 0, rows - 1, 20).contains(mode)
        })
        .unwrap();
    }
    pty.wait_for_text("Eve", TIMEOUT).unwrap();
    pty.send_key(Key::Char('q'));
    pty.wait_exit(TIMEOUT).expect("netwerk exits on q");
    let raw = pty.raw_output();
    for needle in [
        &b"\x1b]52"[..],
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{2066}".as_bytes(),
        "\u{200b}".as_bytes(),
        "\u{feff}".as_bytes(),
        b"\x07",
        b"\x7f",
    ] {
        assert!(
            !support::contains_bytes(&raw, needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("␛]52;c;"), "placeholders were drawn");
}

#[test]
fn a_hostile_id_in_the_file_stops_the_launch_with_its_place() {
    // Hand edits: TOML escapes and raw characters alike.
    for bad in [
        "c\\u001b]52;c;eA==\\u0007",
        "c\u{202e}1",
        "c\u{9b}1",
        "c\u{200b}1",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .modify("a test change", |net: &mut Network| {
                let mut c = Contact::new("Ada", day())?;
                c.id = ContactId::from("cadaxxxx1");
                net.contacts.push(c);
                Ok::<_, netwerk::cli::failure::Failure>(())
            })
            .unwrap();
        let path = dir.path().join("contacts.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("cadaxxxx1", bad)).unwrap();
        let store = Store::open(dir.path()).unwrap();
        let Err(e) = App::new(
            store,
            Config::default(),
            Clock::parse(NOW).unwrap(),
            Keymap::new(&BTreeMap::new()).unwrap(),
        ) else {
            panic!("{bad:?} was accepted");
        };
        let message = e.to_string();
        assert!(message.contains("contacts.toml:5:6: id "), "{message}");
        assert!(!message.chars().any(forbidden), "{message:?}");
    }
}
