//! Concurrency: the TUI open while CLI writers hammer the same data
//! directory, and two TUIs on one directory. Nothing anyone saved is lost
//! or duplicated, and every TUI comes to show the newest data.
//!
//! `NETWERK_LONG_TESTS=1` runs the writers for 10 s instead of 5 s.

mod support;

use netwerk::domain::{Contact, ContactId, Network};
use netwerk::store::Store;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use support::{Key, Pty, TIMEOUT};

const WRITERS: usize = 4;

fn long_mode() -> bool {
    std::env::var("NETWERK_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// A throwaway home with a data directory holding a few people.
struct Home {
    home: support::Home,
    base: Vec<ContactId>,
}

impl Home {
    fn new(people: &[&str]) -> Self {
        let home = support::Home::new();
        let store = Store::open(&home.data).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let base = store
            .modify("a test change", |net: &mut Network| {
                for name in people {
                    net.contacts.push(Contact::new(name, day).unwrap());
                }
                Ok::<_, netwerk::store::StoreError>(
                    net.contacts.iter().map(|c| c.id.clone()).collect(),
                )
            })
            .unwrap();
        Home { home, base }
    }

    fn load(&self) -> Network {
        Store::open(&self.home.data).unwrap().load().unwrap()
    }

    /// Runs the CLI to completion; a failure fails the test with stderr.
    fn cli(&self, args: &[&str]) {
        let mut cmd = self.home.process();
        cmd.args(args);
        let out = support::run(&mut cmd, None, TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "netwerk {args:?} failed: {}",
            out.stderr
        );
    }

    fn tui(&self) -> Pty {
        let pty = self.home.pty(&[], 120, 40);
        pty.wait_for_text("Contacts ·", TIMEOUT).unwrap();
        pty
    }
}

/// In the TUI: `a`, type the name, Ctrl-S, and wait for the form to close
/// with the contact added.
fn add_in_tui(pty: &mut Pty, name: &str) {
    pty.send_text("a");
    pty.wait_for_text("Add a contact", TIMEOUT).unwrap();
    pty.send_text(name);
    pty.wait_for_text(name, TIMEOUT).unwrap();
    pty.send_key(Key::Ctrl('s'));
    wait_saved(pty, &format!("Added {name}"));
}

/// After Ctrl-S: the form closes at once and the status line says
/// "Saving…" until the save is written and shown; then it says `said`
/// until the next idle reload may replace it, so a closed form with the
/// save done and no error counts too; the disk is checked afterwards
/// anyway.
fn wait_saved(pty: &Pty, said: &str) {
    let screen = pty
        .wait_until(&format!("{said:?} or a finished save"), TIMEOUT, |s| {
            let text = s.contents();
            text.contains(said)
                || text.contains("Not saved")
                || !text.contains("Tab next field") && !text.contains("Saving…")
        })
        .unwrap();
    assert!(
        !screen.contents().contains("Not saved"),
        "{}",
        pty.describe()
    );
}

/// In the TUI: find `name` with `/`, open its form with `e`, move `tabs`
/// fields down, type `text` at the end of that field, save.
fn edit_in_tui(pty: &mut Pty, name: &str, tabs: usize, text: &str) {
    find_in_tui(pty, name);
    pty.send_text("e");
    pty.wait_for_text(&format!("Edit {name}"), TIMEOUT).unwrap();
    for _ in 0..tabs {
        pty.send_key(Key::Tab);
    }
    pty.send_text(text);
    pty.wait_for_text(text, TIMEOUT).unwrap();
    pty.send_key(Key::Ctrl('s'));
    wait_saved(pty, &format!("Saved {name}"));
}

/// Filters the focused pane to `name` and keeps the filter (the match is
/// selected).
fn find_in_tui(pty: &mut Pty, name: &str) {
    pty.send_text(&format!("/{name}"));
    pty.wait_for_text(&format!("[/{name}"), TIMEOUT).unwrap();
    pty.send_key(Key::Enter);
    pty.wait_until("the search kept", TIMEOUT, |s| {
        !s.contents().contains("SEARCH")
    })
    .unwrap();
}

/// Clears the Contacts filter.
fn clear_filter(pty: &mut Pty) {
    pty.send_text("/");
    pty.send_key(Key::Esc);
}

/// Waits until the header counts `n` contacts: the TUI has picked up
/// everything saved, its own saves and other processes'.
fn wait_for_count(pty: &Pty, n: usize) {
    pty.wait_for_text(&format!("netwerk · {n} contacts"), TIMEOUT)
        .unwrap();
}

fn count<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    items.iter().filter(|x| pred(x)).count()
}

/// Tells the writer threads to stop when dropped, panics included.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// What one CLI writer saved.
#[derive(Default)]
struct Written {
    names: Vec<String>,
    urls: Vec<String>,
    touches: Vec<String>,
}

#[test]
fn four_cli_writers_and_the_tui_lose_nothing() {
    let run_for = Duration::from_secs(if long_mode() { 10 } else { 5 });
    let home = Home::new(&["Base Ada", "Base Grace", "Base Katherine"]);
    let mut tui = home.tui();
    let stop = AtomicBool::new(false);
    let start = Instant::now();
    let (written, tui_names) = std::thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (home, stop) = (&home, &stop);
                s.spawn(move || {
                    let mut done = Written::default();
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        match n % 3 {
                            0 => {
                                let name = format!("W{w} Person {n:04}");
                                home.cli(&["contact", "add", &name, "--interest", "load"]);
                                done.names.push(name);
                            }
                            1 => {
                                let url = format!("https://example.com/w{w}/{n}");
                                home.cli(&["queue", "add", &url, "--topic", "load"]);
                                done.urls.push(url);
                            }
                            _ => {
                                let who = home.base[n % home.base.len()].as_str();
                                let note = format!("w{w} touch {n:04}");
                                home.cli(&["log", who, "--kind", "touch", "--note", &note]);
                                done.touches.push(note);
                            }
                        }
                        n += 1;
                    }
                    done
                })
            })
            .collect();
        // Meanwhile a person adds contacts in the TUI and edits each one
        // they added, for at least the run time and at least four rounds.
        // If a step fails, the writers must still stop, or the scope would
        // wait for them forever instead of reporting the failure.
        let _stop_writers = StopOnDrop(&stop);
        let mut names = Vec::new();
        while names.len() < 4 || start.elapsed() < run_for {
            let name = format!("Tui Person {:02}", names.len());
            add_in_tui(&mut tui, &name);
            edit_in_tui(&mut tui, &name, 1, &format!("TuiCo {}", names.len()));
            clear_filter(&mut tui);
            names.push(name);
        }
        stop.store(true, Ordering::Relaxed);
        let written: Vec<Written> = writers
            .into_iter()
            .map(|w| w.join().expect("a writer failed"))
            .collect();
        (written, names)
    });
    let net = home.load();
    let (mut names, mut urls, mut touches) = (0, 0, 0);
    for w in &written {
        for name in &w.names {
            assert_eq!(count(&net.contacts, |c| &c.name == name), 1, "{name}");
        }
        for url in &w.urls {
            assert_eq!(count(&net.items, |i| &i.url == url), 1, "{url}");
        }
        for note in &w.touches {
            assert_eq!(count(&net.history, |e| e.note() == note), 1, "{note}");
        }
        names += w.names.len();
        urls += w.urls.len();
        touches += w.touches.len();
    }
    for (k, name) in tui_names.iter().enumerate() {
        let found: Vec<&Contact> = net.contacts.iter().filter(|c| &c.name == name).collect();
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(
            found[0].company.as_deref(),
            Some(format!("TuiCo {k}").as_str()),
            "{name}'s company as edited in the TUI"
        );
    }
    let total = home.base.len() + names + tui_names.len();
    assert_eq!(net.contacts.len(), total, "no contact appeared twice");
    assert_eq!(net.items.len(), urls);
    assert_eq!(net.history.len(), touches);
    eprintln!(
        "{:.1?}: {names} contacts, {urls} items, {touches} touches from {WRITERS} CLI writers; \
         {} contacts added and edited in the TUI",
        start.elapsed(),
        tui_names.len()
    );
    // Once the writers stop, the idle TUI picks up what they saved.
    wait_for_count(&tui, total);
    let newest = written[0].names.last().expect("writer 0 added someone");
    find_in_tui(&mut tui, newest);
    tui.wait_for_text(&format!("▶{newest}"), TIMEOUT).unwrap();
}

/// A form shows the record as it was when opened; saving it must change
/// only what was typed, not put back what another process changed since.
#[test]
fn an_edit_in_the_tui_keeps_what_another_process_saved_meanwhile() {
    let home = Home::new(&["Grace Hopper"]);
    let grace = home.base[0].as_str();
    let mut tui = home.tui();
    find_in_tui(&mut tui, "Grace Hopper");
    tui.send_text("e");
    tui.wait_for_text("Edit Grace Hopper", TIMEOUT).unwrap();
    // While the form is open, a script changes her company and interests.
    home.cli(&["contact", "edit", grace, "--company", "US Navy"]);
    home.cli(&["interest", "add", grace, "cobol"]);
    // The person changes only her role.
    tui.send_keys(&[Key::Tab, Key::Tab]);
    tui.send_text("Rear Admiral");
    tui.wait_for_text("Rear Admiral", TIMEOUT).unwrap();
    tui.send_key(Key::Ctrl('s'));
    wait_saved(&tui, "Saved Grace Hopper");
    let net = home.load();
    let g = &net.contacts[0];
    assert_eq!(g.role.as_deref(), Some("Rear Admiral"), "the TUI's edit");
    assert_eq!(g.company.as_deref(), Some("US Navy"), "the script's edit");
    assert_eq!(g.interests, ["cobol"], "the script's interest");

    // The same for a queue item: the TUI retitles it while a script
    // comments on it and gives it a topic.
    home.cli(&[
        "queue",
        "add",
        "https://example.com/compilers",
        "--title",
        "Compilers",
    ]);
    let item = home.load().items[0].id.clone();
    // The idle TUI notices the new item by itself.
    tui.wait_for_text("Compilers", TIMEOUT).unwrap();
    tui.send_text("3");
    find_in_tui(&mut tui, "Compilers");
    tui.send_text("e");
    tui.wait_for_text("Edit Compilers", TIMEOUT).unwrap();
    home.cli(&["queue", "edit", item.as_str(), "--comment", "for Grace"]);
    home.cli(&["queue", "edit", item.as_str(), "--topic", "cobol"]);
    tui.send_key(Key::Tab);
    tui.send_text(", 2nd ed.");
    tui.wait_for_text("2nd ed.", TIMEOUT).unwrap();
    tui.send_key(Key::Ctrl('s'));
    wait_saved(&tui, "Saved Compilers, 2nd ed.");
    let net = home.load();
    let i = &net.items[0];
    assert_eq!(i.title, "Compilers, 2nd ed.", "the TUI's edit");
    assert_eq!(i.comment.as_deref(), Some("for Grace"), "the script's edit");
    assert_eq!(i.topics, ["cobol"], "the script's topic");
}

#[test]
fn two_tuis_on_one_directory_keep_both_sets() {
    let home = Home::new(&["Grace Hopper"]);
    let mut left = home.tui();
    let mut right = home.tui();
    // Both open Grace's form before either saves.
    for tui in [&mut left, &mut right] {
        find_in_tui(tui, "Grace Hopper");
        tui.send_text("e");
        tui.wait_for_text("Edit Grace Hopper", TIMEOUT).unwrap();
    }
    let save_field = |tui: &mut Pty, tabs: usize, text: &str| {
        for _ in 0..tabs {
            tui.send_key(Key::Tab);
        }
        tui.send_text(text);
        tui.wait_for_text(text, TIMEOUT).unwrap();
        tui.send_key(Key::Ctrl('s'));
        wait_saved(tui, "Saved Grace Hopper");
    };
    save_field(&mut left, 1, "US Navy");
    save_field(&mut right, 2, "Rear Admiral");
    for tui in [&mut left, &mut right] {
        clear_filter(tui);
    }
    // Then each adds people, taking turns, neither waiting to reload.
    let mut added: HashMap<&str, Vec<String>> = HashMap::new();
    for k in 0..3 {
        for (side, tui) in [("Left", &mut left), ("Right", &mut right)] {
            let name = format!("{side} Person {k}");
            add_in_tui(tui, &name);
            added.entry(side).or_default().push(name);
        }
    }
    let net = home.load();
    for name in added.values().flatten() {
        assert_eq!(count(&net.contacts, |c| &c.name == name), 1, "{name}");
    }
    assert_eq!(net.contacts.len(), 7);
    let g = net
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    assert_eq!(g.company.as_deref(), Some("US Navy"), "the left TUI's edit");
    assert_eq!(
        g.role.as_deref(),
        Some("Rear Admiral"),
        "the right TUI's edit"
    );
    // Each comes to show the other's additions.
    wait_for_count(&left, 7);
    wait_for_count(&right, 7);
}

/// Two writers started at the same instant, many times over: every entry
/// gets its own id. (Ids once came from a generator seeded by the clock,
/// and about one pair in 200 minted the same one.)
#[test]
fn writers_started_together_never_mint_the_same_id() {
    let home = Home::new(&["Ada Lovelace", "Grace Hopper"]);
    let pairs = if long_mode() { 1000 } else { 200 };
    for n in 0..pairs {
        let started: Vec<_> = ["Ada", "Grace"]
            .map(|who| {
                let mut cmd = home.home.process();
                cmd.args([
                    "log",
                    who,
                    "--kind",
                    "touch",
                    "--note",
                    &format!("{who} {n}"),
                ]);
                cmd.stdout(std::process::Stdio::null());
                cmd.spawn().unwrap()
            })
            .into_iter()
            .collect();
        for mut child in started {
            assert!(child.wait().unwrap().success());
        }
    }
    let net = home.load();
    assert_eq!(net.history.len(), 2 * pairs);
    let mut ids: Vec<&str> = net.history.iter().map(|e| e.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2 * pairs, "ids minted twice");
}
