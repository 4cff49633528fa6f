//! Triage, the dashboard and give-before-ask in the full-screen program.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::{ContactState, Entry, EntryKind};
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use support::app::{Fixture, clock, demo, demo_network, key, network_dir, open, screen, typed};

#[test]
fn the_header_shows_giga_due_and_gives_per_week() {
    let Fixture { dir: _d, app } = demo();
    let s = screen(&app, 120, 40);
    let header = s.lines().next().unwrap();
    assert!(header.contains("40 contacts"), "{header}");
    assert!(
        header.contains(&format!("{} due", app.stats().due)),
        "{header}"
    );
    assert!(
        header.contains(&format!("giga {}%", app.stats().giga.percent().unwrap())),
        "{header}"
    );
    assert!(header.contains("gives/wk "), "{header}");
    assert!(header.contains("4 to triage"), "{header}");
}

#[test]
fn triage_walks_untriaged_contacts_keep_skip_dormant() {
    let Fixture { dir: _d, mut app } = demo();
    key(&mut app, KeyCode::Char('T'));
    insta::assert_snapshot!("triage_first", screen(&app, 120, 40));
    let Some(Popup::Triage(t)) = app.popup() else {
        panic!("no triage")
    };
    let order = t.queue.clone();
    assert_eq!(order.len(), 4);
    // Keep the first with two interests and a 21-day cadence.
    key(&mut app, KeyCode::Char('k'));
    typed(&mut app, "hiring, Chess");
    key(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "21");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Triage · 2 of 4"), "{s}");
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Esc);
    assert!(app.popup().is_none());
    assert_eq!(app.status().text, "Triage: kept 1, skipped 1, dormant 1");
    let net = app.store().load().unwrap();
    let kept = net.contact(&order[0]).unwrap();
    assert_eq!(kept.state, ContactState::Active);
    assert_eq!(kept.cadence_days, Some(21));
    assert!(kept.has_interest("hiring") && kept.has_interest("chess"));
    assert_eq!(
        kept.interests
            .iter()
            .filter(|i| i.as_str() == "chess")
            .count(),
        1,
        "existing spelling reused"
    );
    assert_eq!(
        net.contact(&order[1]).unwrap().state,
        ContactState::Untriaged
    );
    assert_eq!(net.contact(&order[2]).unwrap().state, ContactState::Dormant);
    // Dormant contacts disappear from the Contacts pane.
    assert!(
        !app.list(Pane::Contacts)
            .rows
            .iter()
            .any(|&i| app.network().contacts[i].id == order[2])
    );
}

#[test]
fn the_dashboard_charts_weeks_and_lists_people_and_topics() {
    let Fixture { dir: _d, mut app } = demo();
    key(&mut app, KeyCode::Char('D'));
    let s = screen(&app, 120, 40);
    insta::assert_snapshot!("dashboard", s);
    assert!(s.contains("Most given"), "{s}");
    assert!(s.contains("Longest without a touch"), "{s}");
    assert!(s.contains("Topics you share most"), "{s}");
    key(&mut app, KeyCode::Char('x'));
    assert!(app.popup().is_none());
}

#[test]
fn an_ask_before_any_gift_warns_and_needs_a_yes() {
    let Fixture { dir: _d, mut app } = demo();
    key(&mut app, KeyCode::Char('1'));
    typed(&mut app, "/grace");
    key(&mut app, KeyCode::Enter);
    let before = app.store().load_history().unwrap().len();
    key(&mut app, KeyCode::Char('l'));
    for _ in 0.."touch".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "ask");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "intro to the Navy CTO");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("You have never given Grace anything. Give before you ask"),
        "{s}"
    );
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.store().load_history().unwrap().len(),
        before,
        "nothing logged on no"
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    let history = app.store().load_history().unwrap();
    assert_eq!(history.len(), before + 1);
    assert_eq!(history.last().unwrap().kind, EntryKind::Ask);
    assert!(app.popup().is_none());
}

/// A launch keeps the history's digest for the next one, which draws its
/// first frame from it and reads the entries right after; a save keeps it
/// current; and whatever the next launch starts from is what working it
/// out afresh gives.
#[test]
fn a_relaunch_starts_from_the_kept_digest_that_a_save_keeps_current() {
    let Fixture { dir, mut app } = demo();
    let kept = dir.path().join(".cache/digest.bin");
    let first = screen(&app, 120, 40);
    app.finish();
    assert!(kept.exists(), "the first launch keeps its digest");
    let mut again = open(dir.path());
    assert!(again.launching(), "the relaunch draws from the digest");
    assert_eq!(screen(&again, 120, 40), first);
    again.await_launch();
    assert!(!again.launching());
    assert_eq!(
        again.network().history.to_vec(),
        again.store().load_history().unwrap()
    );
    assert_eq!(again.insight().summaries, again.network().summaries());
    assert_eq!(screen(&again, 120, 40), first);
    // A touch with the contact at the top: they leave the top of the list.
    let top = again.selected_contact().unwrap().name.clone();
    key(&mut again, KeyCode::Char('l'));
    key(&mut again, KeyCode::Tab);
    typed(&mut again, "coffee");
    key(&mut again, KeyCode::Enter);
    again.finish();
    let stamp = std::fs::metadata(&kept).unwrap().modified().unwrap();
    let mut third = open(dir.path());
    assert!(third.launching());
    third.await_launch();
    assert_eq!(third.insight().summaries, third.network().summaries());
    assert_ne!(third.selected_contact().unwrap().name, top);
    third.finish();
    assert_eq!(
        std::fs::metadata(&kept).unwrap().modified().unwrap(),
        stamp,
        "a launch that found it current leaves it alone"
    );
}

/// With more history than a digest keeps, and entries logged out of date
/// order, the first frame drawn from the digest is the frame the whole
/// history gives, and the first key acts on the whole history.
#[test]
fn a_frame_drawn_from_the_digest_is_the_frame_of_the_whole_history() {
    let now = clock().now();
    let mut net = demo_network();
    let mut history = net.history.to_vec();
    let extra = netwerk::store::digest::NEWEST + 300;
    for n in 0..extra {
        let c = &net.contacts[n % net.contacts.len()];
        let at = now
            - chrono::Duration::days(((n * 37) % 60) as i64)
            - chrono::Duration::minutes(n as i64);
        history.push(match n % 3 {
            0 => Entry::share(c, &net.items[n % net.items.len()], at, "for you", None),
            1 => Entry::logged(c, EntryKind::Touch, at, &format!("touch {n}")),
            _ => Entry::logged(c, EntryKind::Ask, at, "an ask"),
        });
    }
    let total = history.len();
    net.history = history.into();
    let dir = network_dir(&net);
    let mut cold = open(dir.path());
    assert!(
        !cold.launching(),
        "nothing kept yet: the history is read whole"
    );
    let whole = screen(&cold, 120, 40);
    cold.finish();
    let mut warm = open(dir.path());
    assert!(warm.launching(), "drawn from the digest");
    assert!(warm.network().history.len() < total);
    assert_eq!(screen(&warm, 120, 40), whole);
    // The oldest entry is not among the newest the digest keeps; the end
    // of the History pane shows it all the same, and so does the
    // dashboard's count of what was shared.
    for app in [&mut cold, &mut warm] {
        key(app, KeyCode::Char('4'));
        key(app, KeyCode::Char('G'));
    }
    assert!(!warm.launching());
    assert_eq!(warm.network().history.len(), total);
    assert_eq!(screen(&warm, 120, 40), screen(&cold, 120, 40));
    for app in [&mut cold, &mut warm] {
        key(app, KeyCode::Char('D'));
    }
    assert_eq!(warm.stats(), cold.stats());
    assert_eq!(screen(&warm, 120, 40), screen(&cold, 120, 40));
}

/// Overwrites bytes in the middle of `path` in place (same file, as a
/// disk error would leave it, rather than a new one renamed over it).
fn damage_in_place(path: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(len / 2)).unwrap();
    f.write_all(&[0x55; 64]).unwrap();
}

/// The entries a first frame was drawn without are read even when their
/// snapshot turns out damaged (from the log instead); and if the log
/// cannot be read either, the program stops and says why rather than go
/// on with part of the history.
#[test]
fn entries_read_after_the_first_frame_come_from_the_log_or_the_program_stops() {
    let Fixture { dir, mut app } = demo();
    app.finish();
    let snapshot = dir.path().join(".cache/history.jsonl.bin");
    // Damage only a whole read of the snapshot finds: after its header.
    damage_in_place(&snapshot);
    let bad = std::fs::read(&snapshot).unwrap();
    let mut damaged = open(dir.path());
    assert!(damaged.launching());
    key(&mut damaged, KeyCode::Char('4'));
    assert_ne!(
        std::fs::read(&snapshot).unwrap(),
        bad,
        "read from the log, and kept again"
    );
    assert!(!damaged.launching() && damaged.fatal().is_none());
    assert_eq!(
        damaged.network().history.to_vec(),
        damaged.store().load_history().unwrap()
    );
    assert_eq!(damaged.insight().summaries, damaged.network().summaries());
    damaged.finish();
    drop(damaged);
    // Again, and this time the log breaks too, after the launch checked it.
    damage_in_place(&snapshot);
    let mut broken = open(dir.path());
    assert!(broken.launching());
    let log = dir.path().join("history.jsonl");
    let lines = std::fs::read_to_string(&log).unwrap().lines().count();
    let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    std::io::Write::write_all(&mut f, b"{not json}\n").unwrap();
    key(&mut broken, KeyCode::Char('4'));
    assert!(broken.has_quit(), "the program stops");
    let why = broken.fatal().unwrap_or_default();
    assert!(why.contains("history could not be read"), "{why}");
    assert!(
        why.contains(&format!("history.jsonl:{}:", lines + 1)),
        "{why}"
    );
}

/// The give-before-ask question wraps inside its box at any width, with
/// the keys that answer it still showing.
#[test]
fn the_ask_warning_shows_its_answer_keys_at_80x24_and_120x40() {
    let Fixture { dir: _d, mut app } = demo();
    key(&mut app, KeyCode::Char('l'));
    for _ in 0.."touch".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "ask");
    key(&mut app, KeyCode::Enter);
    for (w, h) in [(120, 40), (80, 24)] {
        app.update(Event::Resize(w, h));
        let s = screen(&app, w, h);
        // The status line says "y yes · n no" too; this is the box's own.
        assert!(
            s.lines().any(|l| l.contains("│y yes · n no")),
            "{w}×{h}:\n{s}"
        );
        assert!(s.contains("Log the ask anyway?"), "{w}×{h}:\n{s}");
    }
    insta::assert_snapshot!("ask_warning_80x24", screen(&app, 80, 24));
}

/// At 80 columns the chart has room for ten weeks: the title says ten,
/// and says which bar of a week is gives and which asks.
#[test]
fn the_dashboard_says_how_many_weeks_it_shows_and_which_bar_is_which() {
    let Fixture { dir: _d, mut app } = demo();
    app.update(Event::Resize(80, 24));
    key(&mut app, KeyCode::Char('D'));
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("dashboard_80x24", s);
    assert!(
        s.contains("█ gives (left) and █ asks (right) per week, last 10 weeks"),
        "{s}"
    );
    let labels = s
        .lines()
        .find(|l| l.contains("11-20"))
        .map(|l| l.matches('-').count())
        .unwrap_or_default();
    assert_eq!(labels, 10, "{s}");
    key(&mut app, KeyCode::Esc);
    app.update(Event::Resize(120, 40));
    key(&mut app, KeyCode::Char('D'));
    assert!(screen(&app, 120, 40).contains("last 12 weeks"));
}
