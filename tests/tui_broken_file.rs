//! A data file broken on disk while the full-screen program is open (a
//! slip in another editor, a merge conflict from `git pull`) is not an
//! empty network: given the sample network on screen, when another
//! process leaves `contacts.toml`, `queue.toml` or `history.jsonl` unable
//! to parse, then the error is shown with its path and line where that
//! file's list was, the last good copy stays browsable, every save is
//! refused with the reason on the status line and nothing is written;
//! once the file is fixed, it is read again and saving works.

mod support;

use crossterm::event::KeyCode;
use netwerk::tui::app::App;
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::app::{
    NOW, Recorder, ctrl, demo_network, key, open, screen, tick, typed, write_network,
};
use support::{Key, Pty, TIMEOUT, netwerk_bin};

struct Fixture {
    dir: tempfile::TempDir,
    app: App,
    clip: Recorder,
}

/// A data directory under `/tmp` whose path is always as long, so the
/// error's path wraps the same way on every machine and can be masked.
fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("nw")
        .rand_bytes(6)
        .tempdir_in("/tmp")
        .unwrap()
}

/// The sample network, open at 120×40.
fn fixture() -> Fixture {
    let dir = data_dir();
    write_network(dir.path(), &demo_network());
    let mut app = open(dir.path());
    let clip = Recorder::default();
    clip.attach(&mut app);
    Fixture { dir, app, clip }
}

impl Fixture {
    fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    /// Replaces a file the way an editor or git does: written beside it,
    /// renamed over it.
    fn replace(&self, file: &str, text: &str) {
        replace(&self.path(file), text);
    }

    /// The data files, byte for byte.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        files(self.dir.path())
    }

    /// The screen at `w`×`h`, the data directory's random part masked.
    fn shown(&mut self, w: u16, h: u16) -> String {
        self.app.update(Event::Resize(w, h));
        let dir = self.dir.path().display().to_string();
        let masked = format!("/tmp/nw{}", "_".repeat(dir.len() - "/tmp/nw".len()));
        screen(&self.app, w, h).replace(&dir, &masked)
    }

    fn form_value(&self, label: &str) -> String {
        match self.app.popup() {
            Some(Popup::Form(form)) => form.value(label),
            _ => panic!("no form open:\n{}", screen(&self.app, 120, 40)),
        }
    }
}

fn replace(path: &Path, text: &str) {
    let tmp = path.with_extension("edit");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    ["contacts.toml", "queue.toml", "history.jsonl"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(dir.join(f)).unwrap()))
        .collect()
}

/// `text` with the first line starting with `prefix` changed by `edit`,
/// and that line's number.
fn edit_line(text: &str, prefix: &str, edit: impl Fn(&str) -> String) -> (String, usize) {
    let mut number = 0;
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if number == 0 && l.starts_with(prefix) {
                number = i + 1;
                edit(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(number > 0, "no line starts with {prefix:?}");
    (lines.join("\n") + "\n", number)
}

/// The status line says a save was refused because `file` is broken at
/// `line`.
fn assert_refused(app: &App, file: &str, line: usize) {
    assert_eq!(
        app.status().text,
        format!("Not saved: {file} has an error at line {line}; fix it first")
    );
    assert!(app.status().error);
}

#[test]
fn a_syntax_error_in_contacts_shows_where_the_list_was_and_saves_wait_for_the_fix() {
    let mut f = fixture();
    let good = f.read("contacts.toml");
    // A closing quote lost in another editor.
    let (broken, line) = edit_line(&good, "name = ", |l| l.trim_end_matches('"').into());
    f.replace("contacts.toml", &broken);
    tick(&mut f.app);
    insta::assert_snapshot!("contacts_syntax_error", f.shown(120, 40));
    insta::assert_snapshot!("contacts_syntax_error_narrow", f.shown(80, 24));
    let shown = f.shown(120, 40);
    let at = format!("{}:{line}:", f.path("contacts.toml").display());
    assert!(screen(&f.app, 120, 40).contains(&at), "{shown}");
    assert!(shown.contains("Fix the file; netwerk will reload it."));
    // The last good copy stays browsable: the next contact's profile.
    assert_eq!(f.app.network().contacts.len(), 40);
    let second = f.app.network().contacts[f.app.list(Pane::Contacts).rows[1]]
        .name
        .clone();
    key(&mut f.app, KeyCode::Char('j'));
    assert!(
        f.shown(120, 40).contains(&format!("Interests · {second}")),
        "{}",
        f.shown(120, 40)
    );
    // Adding is refused; the form stays open as typed; nothing is written.
    let before = f.files();
    key(&mut f.app, KeyCode::Char('a'));
    typed(&mut f.app, "Zed Newman");
    ctrl(&mut f.app, 's');
    assert_refused(&f.app, "contacts.toml", line);
    assert_eq!(f.form_value("Name"), "Zed Newman");
    assert!(
        f.shown(120, 40)
            .contains("Not saved: contacts.toml has an error")
    );
    assert_eq!(f.files(), before, "nothing written");
    // Fixed (with a change of its own): read again, with the form still
    // open, and the save goes through next to the fix.
    let (fixed, _) = edit_line(&good, "name = ", |l| l.replace("Gómez", "Gómez-Ruiz"));
    f.replace("contacts.toml", &fixed);
    tick(&mut f.app);
    assert_eq!(
        f.app.status().text,
        "contacts.toml reads again; saving is back on"
    );
    ctrl(&mut f.app, 's');
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.status().text, "Added Zed Newman");
    let shown = f.shown(120, 40);
    assert!(!shown.contains("READ-ONLY") && !shown.contains("has an error"));
    assert!(shown.contains("Contacts · 41"), "{shown}");
    let names: Vec<String> = f
        .app
        .store()
        .load()
        .unwrap()
        .contacts
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert!(names.contains(&"Zed Newman".to_string()), "{names:?}");
    assert!(names.contains(&"Lucía Gómez-Ruiz".to_string()), "{names:?}");
    assert!(
        f.app
            .network()
            .contacts
            .iter()
            .any(|c| c.name == "Lucía Gómez-Ruiz")
    );
}

#[test]
fn a_duplicate_id_in_contacts_is_shown_and_edits_and_deletes_wait() {
    let mut f = fixture();
    let good = f.read("contacts.toml");
    // A merge that kept both sides of one record.
    let id = good
        .lines()
        .find_map(|l| l.strip_prefix("id = "))
        .unwrap()
        .to_string();
    let broken =
        format!("{good}\n[[contact]]\nid = {id}\nname = \"Their copy\"\nadded = \"2026-11-01\"\n");
    // Reported at the second record's id.
    let ids = broken.lines().enumerate().filter(|(_, l)| l.ends_with(&id));
    let line = ids.last().unwrap().0 + 1;
    f.replace("contacts.toml", &broken);
    tick(&mut f.app);
    insta::assert_snapshot!("contacts_duplicate_id", f.shown(120, 40));
    insta::assert_snapshot!("contacts_duplicate_id_narrow", f.shown(80, 24));
    let before = f.files();
    // Edit: refused, the form kept with what was typed.
    key(&mut f.app, KeyCode::Char('e'));
    typed(&mut f.app, " Jr");
    ctrl(&mut f.app, 's');
    assert_refused(&f.app, "contacts.toml", line);
    assert!(f.form_value("Name").ends_with(" Jr"));
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    // Delete: refused after the question.
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('y'));
    assert_refused(&f.app, "contacts.toml", line);
    assert_eq!(f.app.network().contacts.len(), 40);
    assert_eq!(f.files(), before, "nothing written");
    // Their copy removed again: back to normal.
    f.replace("contacts.toml", &good);
    tick(&mut f.app);
    let shown = f.shown(120, 40);
    assert!(
        !shown.contains("READ-ONLY") && !shown.contains("has an error"),
        "{shown}"
    );
    assert!(shown.contains("Contacts · 40"), "{shown}");
}

#[test]
fn a_broken_queue_is_shown_in_the_queue_and_adding_and_sharing_wait() {
    let mut f = fixture();
    let good = f.read("queue.toml");
    let (broken, line) = edit_line(&good, "title = ", |l| l.replace('"', ""));
    f.replace("queue.toml", &broken);
    tick(&mut f.app);
    insta::assert_snapshot!("queue_syntax_error", f.shown(120, 40));
    key(&mut f.app, KeyCode::Char('3'));
    insta::assert_snapshot!("queue_syntax_error_narrow", f.shown(80, 24));
    f.app.update(Event::Resize(120, 40));
    let before = f.files();
    key(&mut f.app, KeyCode::Char('a'));
    typed(&mut f.app, "https://example.com/new-thing");
    ctrl(&mut f.app, 's');
    assert_refused(&f.app, "queue.toml", line);
    assert_eq!(f.form_value("URL"), "https://example.com/new-thing");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    // A share is copied and logged as one: neither happens, and the
    // note stays in the composer.
    key(&mut f.app, KeyCode::Char('s'));
    key(&mut f.app, KeyCode::Enter);
    typed(&mut f.app, " Cheers");
    ctrl(&mut f.app, 's');
    assert_refused(&f.app, "queue.toml", line);
    assert!(matches!(f.app.popup(), Some(Popup::Composer(_))));
    assert!(f.clip.copied.lock().unwrap().is_empty(), "nothing copied");
    assert_eq!(f.files(), before, "nothing written");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    let (fixed, _) = edit_line(&good, "title = ", |l| l.replacen("= \"", "= \"Fixed: ", 1));
    f.replace("queue.toml", &fixed);
    tick(&mut f.app);
    let shown = f.shown(120, 40);
    assert!(
        !shown.contains("READ-ONLY") && !shown.contains("has an error"),
        "{shown}"
    );
    assert!(
        f.app
            .network()
            .items
            .iter()
            .any(|i| i.title.starts_with("Fixed: "))
    );
}

#[test]
fn a_bad_history_line_is_shown_in_history_and_logging_and_triage_wait() {
    let mut f = fixture();
    let good = f.read("history.jsonl");
    let line = good.lines().count() + 1;
    f.replace(
        "history.jsonl",
        &format!("{good}{{\"id\": \"hbroken\", \"at\": oops}}\n"),
    );
    tick(&mut f.app);
    insta::assert_snapshot!("history_bad_line", f.shown(120, 40));
    key(&mut f.app, KeyCode::Char('4'));
    insta::assert_snapshot!("history_bad_line_narrow", f.shown(80, 24));
    f.app.update(Event::Resize(120, 40));
    let entries = f.app.network().history.len();
    // The last good history stays browsable.
    key(&mut f.app, KeyCode::Char('G'));
    assert_eq!(f.app.list(Pane::History).selected, entries - 1);
    let before = f.files();
    key(&mut f.app, KeyCode::Char('1'));
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Tab);
    typed(&mut f.app, "coffee");
    ctrl(&mut f.app, 's');
    assert_refused(&f.app, "history.jsonl", line);
    assert_eq!(f.form_value("Note"), "coffee");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    // Triage: the walk stays on the contact it could not save.
    key(&mut f.app, KeyCode::Char('T'));
    key(&mut f.app, KeyCode::Char('d'));
    assert_refused(&f.app, "history.jsonl", line);
    match f.app.popup() {
        Some(Popup::Triage(t)) => assert_eq!((t.pos, t.dormant), (0, 0)),
        _ => panic!("the triage walk is still open"),
    }
    assert_eq!(f.files(), before, "nothing written");
    key(&mut f.app, KeyCode::Esc);
    f.replace("history.jsonl", &good);
    tick(&mut f.app);
    let shown = f.shown(120, 40);
    assert!(
        !shown.contains("READ-ONLY") && !shown.contains("has an error"),
        "{shown}"
    );
    assert_eq!(f.app.network().history.len(), entries);
    // Logging works again.
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Tab);
    typed(&mut f.app, "coffee");
    ctrl(&mut f.app, 's');
    assert_eq!(f.app.store().load_history().unwrap().len(), entries + 1);
}

/// The real program in a pseudo-terminal: the file broken by another
/// process shows as an error, the fix as data; a file already broken at
/// launch stops the program with `path:line:col:` and exit status 1.
#[test]
fn the_program_shows_a_broken_file_and_reloads_the_fix() {
    let dir = data_dir();
    let data = dir.path().join("data");
    write_network(&data, &demo_network());
    let home = |p: &str| dir.path().join(p).display().to_string();
    let env = [
        ("HOME", home("home")),
        ("XDG_CONFIG_HOME", home("config")),
        ("XDG_STATE_HOME", home("state")),
        ("NETWERK_NOW", NOW.to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let contacts = data.join("contacts.toml");
    let good = std::fs::read_to_string(&contacts).unwrap();
    let (broken, line) = edit_line(&good, "name = ", |l| l.trim_end_matches('"').into());
    let args = ["--data", data.to_str().unwrap()];

    let mut pty = Pty::spawn(netwerk_bin(), &args, &env, 120, 40).unwrap();
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    replace(&contacts, &broken);
    pty.wait_for_text(&format!("{}:{line}:", contacts.display()), TIMEOUT)
        .unwrap();
    pty.wait_for_text("Fix the file; netwerk will reload it.", TIMEOUT)
        .unwrap();
    let (fixed, _) = edit_line(&good, "name = ", |l| l.replace("Gómez", "Gómez-Ruiz"));
    replace(&contacts, &fixed);
    pty.wait_for_text("contacts.toml reads again", TIMEOUT)
        .unwrap();
    pty.send_text("/ruiz");
    pty.wait_for_text("Interests · Lucía Gómez-Ruiz", TIMEOUT)
        .unwrap();
    pty.send_key(Key::Esc);
    pty.send_text("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());

    // Broken before the launch, any of the three files: the program
    // does not start, says where, and leaves the file as it is.
    replace(&contacts, &good);
    let queue = std::fs::read_to_string(data.join("queue.toml")).unwrap();
    let history = std::fs::read_to_string(data.join("history.jsonl")).unwrap();
    let (queue_broken, queue_line) = edit_line(&queue, "title = ", |l| l.replace('"', ""));
    let cases = [
        ("contacts.toml", broken, line),
        ("queue.toml", queue_broken, queue_line),
        (
            "history.jsonl",
            format!("{history}{{\"id\": \"hbroken\", \"at\": oops}}\n"),
            history.lines().count() + 1,
        ),
    ];
    for (file, text, line) in cases {
        let path = data.join(file);
        let good = std::fs::read_to_string(&path).unwrap();
        replace(&path, &text);
        let before = files(&data);
        let mut pty = Pty::spawn(netwerk_bin(), &args, &env, 120, 40).unwrap();
        let status = pty.wait_exit(TIMEOUT).expect("the program stops");
        assert_eq!(status.exit_code(), 1, "{file}");
        let said = pty.screen_text();
        assert!(
            said.contains(&format!("netwerk: {}:{line}:", path.display())),
            "{said}"
        );
        assert_eq!(files(&data), before, "{file} is left untouched");
        replace(&path, &good);
    }
}
