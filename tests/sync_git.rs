//! Two machines, one network, through git: given two clones of one data
//! directory, each with `netwerk sync init`, when both change it and sync
//! through a shared remote with the registered merge driver, then every
//! change is on both, a field changed two ways keeps both values (one in
//! a note `doctor` lists), the history is whole with no entry twice, and
//! every command loads the result. Needs git: skipped without it, failing
//! under `CI=true`.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::Home;

/// One machine: a home of its own and a data directory in git.
struct Machine {
    home: Home,
}

impl Machine {
    fn new() -> Self {
        Machine { home: Home::new() }
    }

    /// `git ARGS` in this machine's clean environment, from `dir`.
    fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let out = self
            .home
            .command("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        self.home.ok(args)
    }

    /// `netwerk ARGS` that must fail; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.home.run(args).failure().get_output().stderr.clone();
        String::from_utf8(out).unwrap()
    }

    fn id_of(&self, name: &str) -> String {
        let all = self.home.json(&["contact", "list", "--json"]);
        let c = all.iter().find(|c| c["name"] == name).unwrap();
        c["id"].as_str().unwrap().to_owned()
    }

    fn contact(&self, name: &str) -> Option<Value> {
        let all = self.home.json(&["contact", "list", "--json"]);
        all.into_iter().find(|c| c["name"] == name)
    }

    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.home.file(name)).unwrap()
    }
}

/// A bare repository both machines push to, in `dir`.
fn remote(dir: &Path) -> PathBuf {
    let path = dir.join("remote.git");
    let m = Machine::new();
    std::fs::create_dir_all(&path).unwrap();
    m.git_in(&path, &["init", "--quiet", "--bare"]);
    path
}

/// Machine A with a network of five, synced to `remote`; machine B a
/// clone of it, set up too.
fn two_machines(remote: &Path) -> (Machine, Machine) {
    let a = Machine::new();
    for name in [
        "Ada Lovelace",
        "Bob Babbage",
        "Cy Young",
        "Dee Dee",
        "Eve Online",
    ] {
        a.ok(&["contact", "add", name, "--company", "Start"]);
    }
    a.ok(&[
        "queue",
        "add",
        "https://example.com/first",
        "--title",
        "First",
    ]);
    a.ok(&["log", "ada", "--note", "before the split"]);
    a.ok(&["sync", "init"]);
    a.git_in(
        &a.home.data,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    let first = a.ok(&["sync"]);
    assert!(first.contains("Pushed to origin/"), "{first}");
    let b = Machine::new();
    let parent = b.home.data.parent().unwrap().to_path_buf();
    b.git_in(
        &parent,
        &[
            "clone",
            "--quiet",
            remote.to_str().unwrap(),
            b.home.data.to_str().unwrap(),
        ],
    );
    let init = b.ok(&["sync", "init"]);
    assert!(init.contains("merge.netwerk.driver"), "{init}");
    (a, b)
}

fn git_ready() -> bool {
    support::require_tool("git")
}

#[test]
fn two_machines_that_changed_one_network_merge_record_by_record() {
    if !git_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = remote(tmp.path());
    let (a, b) = two_machines(&remote);

    // Different contacts, different fields of one contact, one field two
    // ways, a deletion, history and an item on each side.
    a.ok(&["contact", "edit", "bob", "--role", "Engineer"]);
    b.ok(&["contact", "edit", "cy", "--role", "Pitcher"]);
    a.ok(&["contact", "edit", "ada", "--role", "Mathematician"]);
    b.ok(&["contact", "edit", "ada", "--email", "ada@example.com"]);
    a.ok(&["contact", "edit", "dee", "--company", "Initech"]);
    b.ok(&["contact", "edit", "dee", "--company", "Globex"]);
    a.ok(&["contact", "rm", "eve"]);
    a.ok(&["log", "bob", "--note", "from A"]);
    b.ok(&["log", "cy", "--note", "from B", "--at", "2026-11-25"]);
    b.ok(&["log", "ada", "--note", "also from B"]);
    a.ok(&["queue", "add", "https://example.com/a", "--title", "From A"]);
    b.ok(&["queue", "add", "https://example.com/b", "--title", "From B"]);

    let out = a.ok(&["sync"]);
    assert!(
        out.contains("Committed: netwerk: 4 contacts, 1 item, 1 history entry changed on"),
        "{out}"
    );
    let out = b.ok(&["sync"]);
    assert!(out.contains("Merged origin/"), "{out}");
    assert!(out.contains("Pushed to origin/"), "{out}");
    assert!(out.contains("1 record was changed two ways"), "{out}");
    assert!(out.contains("Dee Dee"), "{out}");
    let out = a.ok(&["sync"]);
    assert!(out.contains("Merged origin/"), "{out}");

    for m in [&a, &b] {
        let ada = m.contact("Ada Lovelace").unwrap();
        assert_eq!(ada["role"], "Mathematician");
        assert_eq!(ada["email"], "ada@example.com");
        assert_eq!(m.contact("Bob Babbage").unwrap()["role"], "Engineer");
        assert_eq!(m.contact("Cy Young").unwrap()["role"], "Pitcher");
        assert!(
            m.contact("Eve Online").is_none(),
            "a deletion of an untouched record wins"
        );
        // B merged: B's value stays, A's is in the note.
        let contacts = m.file("contacts.toml");
        assert!(contacts.contains("company = \"Globex\""), "{contacts}");
        assert!(
            contacts
                .contains(r#"conflicts = ['company: kept "Globex"; the other side (merged on "#),
            "{contacts}"
        );
        assert!(contacts.contains(r#") had "Initech"']"#), "{contacts}");
        for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
            for file in ["contacts.toml", "queue.toml", "history.jsonl"] {
                assert!(!m.file(file).contains(marker), "{file} holds {marker}");
            }
        }
        let titles: Vec<String> = m
            .home
            .json(&["queue", "list", "--json"])
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        // The history holds every entry once, in time order for what was new.
        let history = m.home.json(&["history", "--json"]);
        let mut notes: Vec<&str> = history
            .iter()
            .map(|e| e["note"].as_str().unwrap())
            .collect();
        notes.sort();
        assert_eq!(
            notes,
            ["also from B", "before the split", "from A", "from B"]
        );
        let mut ids: Vec<&str> = history.iter().map(|e| e["id"].as_str().unwrap()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 4, "no entry twice");
        // Every command loads it; doctor lists the note and is content.
        let doctor = m.ok(&["doctor"]);
        assert!(
            doctor.contains("conflicts  1 record holds notes a merge left"),
            "{doctor}"
        );
        assert!(doctor.contains("Dee Dee"), "{doctor}");
        m.ok(&["contact", "list"]);
        m.ok(&["due"]);
        m.ok(&["stats"]);
    }
    // Both machines hold the same bytes, in the layout netwerk writes.
    for file in ["contacts.toml", "queue.toml", "history.jsonl"] {
        assert_eq!(a.file(file), b.file(file), "{file}");
    }
    let store = netwerk::store::Store::open(&a.home.data).unwrap();
    let net = store.load().unwrap();
    assert_eq!(
        a.file("contacts.toml"),
        netwerk::format::tables::render_contacts(&net.contacts)
    );
    assert_eq!(
        a.file("queue.toml"),
        netwerk::format::tables::render_items(&net.items)
    );
    // The record's notes are cleared once settled.
    let dee = a.id_of("Dee Dee");
    let out = a.ok(&["resolve", "--done", "dee"]);
    assert_eq!(out, format!("Settled Dee Dee ({dee}): 1 note removed.\n"));
    assert!(!a.ok(&["doctor"]).contains("conflicts"));
}

#[test]
fn a_record_deleted_on_one_machine_and_changed_on_the_other_is_kept_with_a_note() {
    if !git_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = remote(tmp.path());
    let (a, b) = two_machines(&remote);
    a.ok(&["contact", "rm", "cy"]);
    b.ok(&["contact", "edit", "cy", "--role", "Pitcher"]);
    a.ok(&["sync"]);
    let out = b.ok(&["sync"]);
    assert!(out.contains("Cy Young"), "{out}");
    let contacts = b.file("contacts.toml");
    assert!(
        contacts.contains("the other side (merged on")
            && contacts.contains("had deleted it; kept with the changes made here"),
        "{contacts}"
    );
    assert_eq!(b.contact("Cy Young").unwrap()["role"], "Pitcher");
}

#[test]
fn sync_says_what_is_missing_and_what_it_did() {
    if !git_ready() {
        return;
    }
    let m = Machine::new();
    m.ok(&["contact", "add", "Ada Lovelace"]);
    let err = m.fails(&["sync"]);
    assert!(
        err.contains("is not a git repository yet: run `netwerk sync init`"),
        "{err}"
    );
    // A repository without the driver: not initialised.
    m.git_in(&m.home.data, &["init", "--quiet"]);
    let err = m.fails(&["sync"]);
    assert!(
        err.contains("run `netwerk sync init` (once on each machine)"),
        "{err}"
    );

    let init = m.ok(&["sync", "init"]);
    assert!(init.contains("wrote .gitattributes"), "{init}");
    let attributes = m.file(".gitattributes");
    assert!(
        attributes.contains("/contacts.toml merge=netwerk\n"),
        "{attributes}"
    );
    assert!(
        attributes.contains("/history.jsonl merge=netwerk\n"),
        "{attributes}"
    );
    assert!(m.file(".gitignore").contains("/.cache/\n"));
    let driver = m.git_in(&m.home.data, &["config", "merge.netwerk.driver"]);
    let exe = std::fs::canonicalize(support::netwerk_bin()).unwrap();
    assert_eq!(
        driver.trim(),
        format!("{} merge-driver %O %A %B %P", exe.display())
    );
    // Again: nothing to do.
    assert!(m.ok(&["sync", "init"]).contains("is already set up"));
    assert_eq!(m.file(".gitattributes"), attributes);

    // No remote: committed here, and said so.
    let out = m.ok(&["sync"]);
    assert!(
        out.starts_with("Committed: netwerk: 1 contact changed on "),
        "{out}"
    );
    assert!(
        out.contains("No remote: the commit stays on this machine"),
        "{out}"
    );
    let log = m.git_in(&m.home.data, &["log", "--format=%s"]);
    assert!(log.starts_with("netwerk: 1 contact changed on "), "{log}");
    let tracked = m.git_in(&m.home.data, &["ls-files"]);
    assert!(
        !tracked.contains(".cache") && !tracked.contains(".lock"),
        "{tracked}"
    );
    assert!(m.ok(&["sync"]).starts_with("Nothing new to commit here."));

    // A file that does not parse is neither committed nor spread.
    let good = m.file("contacts.toml");
    std::fs::write(m.home.file("contacts.toml"), format!("{good}oops\n")).unwrap();
    let err = m.fails(&["sync"]);
    assert!(err.contains("contacts.toml:"), "{err}");
    assert!(
        err.contains("fix it first (nothing was committed or synced)"),
        "{err}"
    );
    assert!(
        m.git_in(&m.home.data, &["status", "--porcelain"])
            .contains("contacts.toml")
    );
    std::fs::write(m.home.file("contacts.toml"), good).unwrap();

    // A remote that cannot be reached: the commit stays, git's reason is said.
    m.git_in(
        &m.home.data,
        &["remote", "add", "origin", "/nowhere/remote.git"],
    );
    m.ok(&["log", "ada", "--note", "offline"]);
    let err = m.fails(&["sync"]);
    assert!(
        err.contains("committed here (netwerk: 1 history entry changed on"),
        "{err}"
    );
    assert!(err.contains("cannot reach origin: fatal:"), "{err}");
    assert_eq!(m.git_in(&m.home.data, &["status", "--porcelain"]), "");
}

#[test]
fn a_version_that_does_not_parse_stops_the_merge_and_changes_nothing() {
    if !git_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = remote(tmp.path());
    let (a, b) = two_machines(&remote);
    // B commits a hand edit that does not parse, and pushes it past netwerk.
    let broken = b
        .file("contacts.toml")
        .replace("name = \"Cy Young\"", "name = ");
    std::fs::write(b.home.file("contacts.toml"), broken).unwrap();
    b.git_in(
        &b.home.data,
        &[
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@b",
            "commit",
            "-qam",
            "oops",
        ],
    );
    b.git_in(&b.home.data, &["push", "--quiet"]);
    a.ok(&["contact", "edit", "cy", "--role", "Pitcher"]);
    let before = a.file("contacts.toml");
    let err = a.fails(&["sync"]);
    assert!(err.contains("could not merge origin/"), "{err}");
    assert!(err.contains("contacts.toml:"), "the file and line: {err}");
    assert!(err.contains("(in the other side's version)"), "{err}");
    assert_eq!(a.file("contacts.toml"), before);
    a.ok(&["contact", "list"]);
    let status = a.git_in(&a.home.data, &["status", "--porcelain"]);
    assert_eq!(status, "", "the merge was undone");
}

#[test]
fn the_merge_driver_writes_the_merge_over_ours_and_exits_zero_with_notes() {
    let home = Home::new();
    let dir = home.data.parent().unwrap().join("git-temp");
    std::fs::create_dir_all(&dir).unwrap();
    home.ok(&["contact", "add", "Ada Lovelace", "--company", "Start"]);
    let base = std::fs::read_to_string(home.file("contacts.toml")).unwrap();
    let ours = base.replace("company = \"Start\"", "company = \"Initech\"");
    let theirs = base.replace(
        "company = \"Start\"",
        "company = \"Globex\"\nrole = \"Poet\"",
    );
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let (o, a, b) = (write("o", &base), write("a", &ours), write("b", &theirs));
    let out = home
        .netwerk()
        .args(["merge-driver", &o, &a, &b, "contacts.toml"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("1 record changed two ways; both values kept"),
        "{stderr}"
    );
    let merged = std::fs::read_to_string(&a).unwrap();
    assert!(
        merged.contains("company = \"Initech\"\nrole = \"Poet\""),
        "{merged}"
    );
    assert!(merged.contains(r#"had "Globex"']"#), "{merged}");
    // A side that does not parse: exit 1, FILE:LINE, ours untouched.
    let bad = write("bad", "format = 1\n[[contact]\n");
    let out = home
        .netwerk()
        .args(["merge-driver", &o, &a, &bad, "data/contacts.toml"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("netwerk: data/contacts.toml:2:"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), merged);
}
