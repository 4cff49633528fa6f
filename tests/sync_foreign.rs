//! What other sync tools leave in the data directory: given Syncthing's
//! and Dropbox's conflict copies beside the data files, or conflict
//! markers git wrote into one, then `doctor` and the full-screen
//! program's status line say so, and `netwerk resolve` merges them record
//! by record (a record only the copy has is kept; a field that differs
//! keeps the data file's value and notes the copy's) and removes the copy,
//! or with `--dry-run` says so and changes nothing.

mod support;

use netwerk::tui::app::App;
use netwerk::tui::update::Event;
use std::collections::BTreeMap;
use std::path::Path;
use support::Home;
use support::app::{screen, tick};

const SYNCTHING: &str = "contacts.sync-conflict-20261126-101010-ABCDEFG.toml";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Every file in the data directory, byte for byte (the lock and cache
/// are not data).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file() && e.file_name() != ".lock")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Ada and Bob; then a copy of `contacts.toml` as another machine had it:
/// Ada at another company with an e-mail, and Cy, whom only it knows.
fn home_with_copy() -> Home {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--company", "Initech"]);
    home.ok(&["contact", "add", "Bob Babbage"]);
    let elsewhere = Home::new();
    std::fs::create_dir_all(&elsewhere.data).unwrap();
    std::fs::copy(home.file("contacts.toml"), elsewhere.file("contacts.toml")).unwrap();
    elsewhere.ok(&[
        "contact",
        "edit",
        "ada",
        "--company",
        "Globex",
        "--email",
        "ada@example.com",
    ]);
    elsewhere.ok(&["contact", "add", "Cy Young"]);
    std::fs::copy(elsewhere.file("contacts.toml"), home.file(SYNCTHING)).unwrap();
    home
}

#[test]
fn a_syncthing_copy_is_reported_by_doctor_and_merged_in_by_resolve() {
    let home = home_with_copy();
    let doctor = home.ok(&["doctor"]);
    assert!(
        doctor.contains(&format!(
            "  resolve    {SYNCTHING}: a Syncthing conflict copy of contacts.toml — netwerk resolve merges it in and removes it\n"
        )),
        "{doctor}"
    );

    // A dry run says what would happen and changes nothing.
    let before = files(&home.data);
    let dry = home.ok(&["resolve", "--dry-run"]);
    assert_eq!(
        dry,
        format!(
            "Would merge {SYNCTHING} into contacts.toml: 1 contact added, 1 changed; then remove {SYNCTHING}.\n\
             1 record differed; the data file's value is kept and the other noted on the record:\n  \
             contacts.toml Ada Lovelace ({})\n    \
             company: kept \"Initech\"; the copy {SYNCTHING} had \"Globex\"\n    \
             email: took \"ada@example.com\" from the copy {SYNCTHING}; here it had none\n",
            id_of(&home, "Ada Lovelace")
        )
    );
    assert_eq!(files(&home.data), before);

    let done = home.ok(&["resolve"]);
    assert!(done.starts_with(&format!("Merged {SYNCTHING} into contacts.toml: 1 contact added, 1 changed; removed {SYNCTHING}.\n")), "{done}");
    assert!(!home.file(SYNCTHING).exists());
    let contacts = home.json(&["contact", "list", "--json"]);
    let names: Vec<&str> = contacts
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"Cy Young"));
    let ada = contacts
        .iter()
        .find(|c| c["name"] == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada["company"], "Initech");
    assert_eq!(
        ada["email"], "ada@example.com",
        "a value only the copy had is taken"
    );
    let doctor = home.ok(&["doctor"]);
    assert!(!doctor.contains("resolve    "), "{doctor}");
    assert!(
        doctor.contains("conflicts  1 record holds notes a merge left"),
        "{doctor}"
    );
    assert_eq!(
        home.ok(&["resolve"]),
        format!(
            "Nothing to resolve: no conflict copies or conflict markers in {}.\n\
             1 record still holds notes a merge left (netwerk doctor lists them).\n",
            home.data.display()
        )
    );
}

fn id_of(home: &Home, name: &str) -> String {
    let all = home.json(&["contact", "list", "--json"]);
    let c = all.iter().find(|c| c["name"] == name).unwrap();
    c["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_copy_of_the_history_only_adds_the_entries_the_log_lacks() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace"]);
    home.ok(&["log", "ada", "--note", "shared"]);
    let copy = home.file("history (Bob's conflicted copy 2026-11-26).jsonl");
    std::fs::copy(home.file("history.jsonl"), &copy).unwrap();
    let shared = read(&home.file("history.jsonl"));
    home.ok(&["log", "ada", "--note", "here"]);
    // The copy gains an entry of its own, as its machine would log it.
    let elsewhere = Home::new();
    std::fs::create_dir_all(&elsewhere.data).unwrap();
    std::fs::copy(home.file("contacts.toml"), elsewhere.file("contacts.toml")).unwrap();
    std::fs::write(elsewhere.file("history.jsonl"), &shared).unwrap();
    elsewhere.ok(&["log", "ada", "--note", "there", "--at", "2026-11-20"]);
    std::fs::copy(elsewhere.file("history.jsonl"), &copy).unwrap();

    let before = read(&home.file("history.jsonl"));
    let out = home.ok(&["resolve"]);
    assert!(out.contains("1 history entry added"), "{out}");
    let after = read(&home.file("history.jsonl"));
    assert!(after.starts_with(&before), "the log is only appended to");
    assert!(
        after[before.len()..].contains("\"note\":\"there\""),
        "{after}"
    );
    let mut notes: Vec<String> = home
        .json(&["history", "--json"])
        .iter()
        .map(|e| e["note"].as_str().unwrap().to_owned())
        .collect();
    notes.sort();
    assert_eq!(notes, ["here", "shared", "there"]);
    assert!(!copy.exists());
    // Resolving again finds nothing, and adds nothing twice.
    assert!(home.ok(&["resolve"]).starts_with("Nothing to resolve"));
}

#[test]
fn git_conflict_markers_are_named_by_every_command_and_resolved_from_both_sides() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--company", "Initech"]);
    let ours = read(&home.file("contacts.toml"));
    let theirs = ours.replace(
        "company = \"Initech\"",
        "company = \"Globex\"\nrole = \"Poet\"",
    );
    let marked = ours.replace(
        "company = \"Initech\"\n",
        "<<<<<<< HEAD\ncompany = \"Initech\"\n=======\ncompany = \"Globex\"\nrole = \"Poet\"\n>>>>>>> origin/main\n",
    );
    assert_ne!(theirs, marked);
    std::fs::write(home.file("contacts.toml"), &marked).unwrap();
    let line = marked
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;

    let err = home.fails(&["contact", "list"]);
    assert!(
        err.contains(&format!(
            "contacts.toml:{line}:1: git left a conflict marker here (a merge stopped half-way); `netwerk resolve` merges both sides"
        )),
        "{err}"
    );
    let doctor = home.run(&["doctor"]).code(1).get_output().stdout.clone();
    let doctor = String::from_utf8(doctor).unwrap();
    assert!(
        doctor.contains(&format!(
            "  resolve    contacts.toml: git conflict markers from line {line}"
        )),
        "{doctor}"
    );

    let out = home.ok(&["resolve", "contacts.toml"]);
    assert_eq!(
        out,
        format!(
            "Merged both sides of the git conflicts in contacts.toml: 0 contacts added, 1 changed.\n\
             1 record differed; the data file's value is kept and the other noted on the record:\n  \
             contacts.toml Ada Lovelace ({})\n    \
             company: kept \"Initech\"; the other side of the git merge had \"Globex\"\n    \
             role: took \"Poet\" from the other side of the git merge; here it had none\n",
            id_of(&home, "Ada Lovelace")
        )
    );
    let ada = &home.json(&["contact", "list", "--json"])[0];
    assert_eq!(ada["company"], "Initech");
    assert_eq!(ada["role"], "Poet");
}

#[test]
fn what_is_not_a_copy_or_does_not_parse_is_refused_and_left_alone() {
    let home = home_with_copy();
    home.ok(&["contact", "list"]);
    let err = home.fails(&["resolve", "contacts.toml"]);
    assert!(
        err.contains("not a conflict copy in the data directory"),
        "{err}"
    );
    std::fs::write(
        home.file(SYNCTHING),
        "format = 1\n[[contact]]\nid = \"x\"\n",
    )
    .unwrap();
    let before = files(&home.data);
    let err = home.fails(&["resolve"]);
    assert!(
        err.contains(&format!("{SYNCTHING}:2:1: missing field `name`")),
        "FILE:LINE: {err}"
    );
    assert_eq!(files(&home.data), before, "nothing changed, the copy kept");
}

fn status_line(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h).lines().last().unwrap().to_owned()
}

#[test]
fn the_full_screen_program_says_when_a_copy_is_beside_the_data_files() {
    let home = home_with_copy();
    let mut app = support::app::open(&home.data);
    for (w, h) in [(120, 40), (80, 24)] {
        app.update(Event::Resize(w, h));
        let status = status_line(&app, w, h);
        assert!(
            status.contains("Syncthing conflict copy of contacts.toml found"),
            "{w}x{h}: {status}"
        );
    }
    app.update(Event::Resize(120, 40));
    assert!(status_line(&app, 120, 40).contains("run netwerk resolve"));
    // Resolved from the command line: the status line tells of the note.
    home.ok(&["resolve"]);
    tick(&mut app);
    let status = status_line(&app, 120, 40);
    assert!(
        status.contains("1 record holds notes a sync merge left"),
        "{status}"
    );
    // A Dropbox copy appears while it runs, with a change by another process.
    std::fs::copy(
        home.file("contacts.toml"),
        home.file("contacts (Bob's conflicted copy 2026-11-27).toml"),
    )
    .unwrap();
    home.ok(&["contact", "add", "Dee Dee"]);
    tick(&mut app);
    let status = status_line(&app, 120, 40);
    assert!(
        status.contains("Dropbox conflict copy of contacts.toml found: run netwerk resolve"),
        "{status}"
    );
}

#[test]
fn the_full_screen_program_names_conflict_markers_a_pull_left() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--company", "Initech"]);
    let mut app = support::app::open(&home.data);
    let text = read(&home.file("contacts.toml"));
    let marked = text.replace(
        "company = \"Initech\"\n",
        "<<<<<<< HEAD\ncompany = \"Initech\"\n=======\ncompany = \"Globex\"\n>>>>>>> origin/main\n",
    );
    let line = marked
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    // As git writes it: beside, then renamed over.
    let beside = home.file(".contacts.toml.new");
    std::fs::write(&beside, &marked).unwrap();
    std::fs::rename(&beside, home.file("contacts.toml")).unwrap();
    tick(&mut app);
    let status = status_line(&app, 120, 40);
    assert!(
        status.contains(&format!(
            "contacts.toml has git conflict markers from line {line}"
        )),
        "{status}"
    );
    home.ok(&["resolve"]);
    tick(&mut app);
    assert!(status_line(&app, 120, 40).contains("contacts.toml reads again"));
}
