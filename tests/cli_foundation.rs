//! The command line as a user drives it: given a data directory, when
//! these commands run, then this is printed, this is the exit status and
//! this is on disk.

use predicates::prelude::*;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

mod support;
use support::Home as Env;
use support::home::NOW;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn adding_a_contact_shows_exactly_its_fields() {
    let env = Env::new();
    env.run(&[
        "contact",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
        "--interest",
        "rust",
        "--interest",
        "Poetry",
        "--link",
        "linkedin=https://www.linkedin.com/in/ada",
    ])
    .success()
    .stdout(predicate::str::starts_with("Added Ada Lovelace ("));
    let contacts = env.json(&["contact", "list", "--json"]);
    assert_eq!(contacts.len(), 1);
    let ada = &contacts[0];
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["first_name"], "Ada");
    assert_eq!(ada["last_name"], "Lovelace");
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["interests"], serde_json::json!(["rust", "Poetry"]));
    assert_eq!(
        ada["links"],
        serde_json::json!([{ "kind": "linkedin", "url": "https://www.linkedin.com/in/ada" }])
    );
    assert_eq!(ada["degree"], 1);
    assert_eq!(ada["cadence_days"], 30);
    assert_eq!(ada["added"], "2026-11-26");
    assert_eq!(ada["role"], Value::Null);
    let interests = env.json(&["interest", "list", "--json"]);
    assert_eq!(
        interests,
        vec![
            serde_json::json!({ "label": "Poetry", "count": 1, "items": 0 }),
            serde_json::json!({ "label": "rust", "count": 1, "items": 0 }),
        ]
    );
}

#[test]
fn invalid_fields_are_refused_with_reasons_and_nothing_saved() {
    let env = Env::new();
    let cases: &[(&[&str], &str)] = &[
        (&["contact", "add", "   "], "name: must not be empty"),
        (
            &["contact", "add", "Ada", "--email", "ada-at-home"],
            "email: \"ada-at-home\" is not an email address",
        ),
        (
            &["contact", "add", "Ada", "--degree", "4"],
            "degree: must be 1, 2 or 3, not 4",
        ),
        (
            &["contact", "add", "Ada", "--cadence", "0"],
            "cadence: must be between 1 and 3650 days, not 0",
        ),
        (
            &["contact", "add", "Ada", "--link", "linkedin=not a url"],
            "link: \"not a url\" is not a web address",
        ),
        (
            &[
                "contact",
                "add",
                "Ada",
                "--link",
                "myspace=https://myspace.com/ada",
            ],
            "unknown link kind \"myspace\"",
        ),
        (
            &["queue", "add", "example.com/post"],
            "url: \"example.com/post\" is not a web address",
        ),
        (
            &["queue", "add", "ftp://example.com/file"],
            "url: must start with http:// or https://, not ftp:",
        ),
        (
            &["queue", "add", "https://example.com/x", "--kind", "movie"],
            "kind: unknown kind \"movie\"",
        ),
    ];
    for (args, message) in cases {
        env.run(args)
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(*message));
    }
    assert!(
        !env.file("contacts.toml").exists(),
        "no contact was written"
    );
    assert!(!env.file("queue.toml").exists(), "no item was written");
}

#[test]
fn urls_that_differ_only_by_a_meaningful_fragment_are_two_items() {
    let env = Env::new();
    // A single-page app's routes and a page's sections are different reads.
    for url in [
        "https://app.example.com/#/posts/42",
        "https://app.example.com/#/posts/43",
        "https://en.wikipedia.org/wiki/Rust#History",
        "https://en.wikipedia.org/wiki/Rust",
    ] {
        env.run(&["queue", "add", url]).success();
    }
    // An empty anchor is the page itself.
    env.run(&["queue", "add", "https://en.wikipedia.org/wiki/Rust#"])
        .code(1)
        .stderr(predicate::str::contains("already in the queue"));
    let urls: Vec<String> = env
        .json(&["queue", "list", "--json"])
        .iter()
        .map(|i| i["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls.len(), 4, "{urls:?}");
    assert!(urls.contains(&"https://app.example.com/#/posts/43".to_string()));
    assert!(urls.contains(&"https://en.wikipedia.org/wiki/Rust#History".to_string()));
}

#[test]
fn the_address_gives_the_kind_unless_the_user_does_and_share_ids_are_dropped() {
    let env = Env::new();
    env.run(&["queue", "add", "https://youtu.be/abc?si=Xy12&t=42"])
        .success();
    env.run(&["queue", "add", "https://arxiv.org/abs/1706.03762"])
        .success();
    env.run(&["queue", "add", "https://vimeo.com/1", "--kind", "other"])
        .success();
    let items = env.json(&["queue", "list", "--json"]);
    let kind_of = |url: &str| {
        items
            .iter()
            .find(|i| i["url"] == url)
            .map(|i| i["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(
        kind_of("https://youtu.be/abc?t=42").as_deref(),
        Some("video")
    );
    assert_eq!(
        kind_of("https://arxiv.org/abs/1706.03762").as_deref(),
        Some("paper")
    );
    assert_eq!(kind_of("https://vimeo.com/1").as_deref(), Some("other"));
}

#[test]
fn links_take_their_kind_from_the_address_as_in_the_form_and_imports() {
    let env = Env::new();
    env.run(&[
        "contact",
        "add",
        "Ada Lovelace",
        "--link",
        "linkedin.com/in/ada",
        "--link",
        "https://lnkd.in/ada",
        "--link",
        "https://mastodon.social/@ada",
        "--link",
        "https://bsky.app/profile/ada.bsky.social",
        "--link",
        "website=https://github.com/ada-as-site",
    ])
    .success();
    let links = &env.json(&["contact", "list", "--json"])[0]["links"];
    let kinds: Vec<(&str, &str)> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["kind"].as_str().unwrap(), l["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("linkedin", "https://linkedin.com/in/ada"),
            ("linkedin", "https://lnkd.in/ada"),
            ("mastodon", "https://mastodon.social/@ada"),
            ("bluesky", "https://bsky.app/profile/ada.bsky.social"),
            ("website", "https://github.com/ada-as-site"),
        ]
    );
}

#[test]
fn a_duplicate_url_is_refused_after_normalisation() {
    let env = Env::new();
    env.run(&[
        "queue",
        "add",
        "https://Example.com/post?utm_source=x#top",
        "--title",
        "Post",
        "--topic",
        "rust",
    ])
    .success();
    let before = std::fs::read(env.file("queue.toml")).unwrap();
    env.run(&["queue", "add", "https://example.com/post"])
        .code(1)
        .stderr(predicate::str::contains("already in the queue"));
    assert_eq!(std::fs::read(env.file("queue.toml")).unwrap(), before);
    let items = env.json(&["queue", "list", "--json"]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["url"], "https://example.com/post");
    assert_eq!(items[0]["title"], "Post");
    assert_eq!(items[0]["topics"], serde_json::json!(["rust"]));
}

#[test]
fn logging_a_touch_appends_to_history() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada Lovelace"]).success();
    env.run(&["log", "Ada", "--kind", "touch", "--note", "coffee"])
        .success()
        .stdout("Logged touch with Ada Lovelace on 2026-11-26.\n");
    env.run(&[
        "log",
        "ada",
        "--kind",
        "ask",
        "--note",
        "intro to Babbage",
        "--at",
        "2026-11-20",
        "--force",
    ])
    .success();
    let history = env.json(&["history", "--json"]);
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["kind"], "touch");
    assert_eq!(history[0]["note"], "coffee");
    assert_eq!(history[0]["contact_name"], "Ada Lovelace");
    assert_eq!(history[0]["at"], NOW);
    assert_eq!(history[1]["kind"], "ask");
    assert_eq!(history[1]["at"], "2026-11-20T12:00:00+01:00");
    let contacts = env.json(&["contact", "list", "--json"]);
    assert_eq!(contacts[0]["last_touch"], NOW);
    assert_eq!(
        (contacts[0]["gives"].clone(), contacts[0]["asks"].clone()),
        (0.into(), 1.into())
    );
    let since = env.json(&["history", "--since", "2026-11-25", "--json"]);
    assert_eq!(since.len(), 1);
    env.run(&["log", "Ada", "--kind", "touch", "--at", "2027-01-01"])
        .code(1)
        .stderr(predicate::str::contains("is in the future"));
    env.run(&["log", "Ada", "--kind", "party"])
        .code(1)
        .stderr(predicate::str::contains("unknown kind \"party\""));
}

#[test]
fn history_is_appended_never_rewritten() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada Lovelace"]).success();
    env.run(&["log", "Ada", "--kind", "touch", "--note", "first"])
        .success();
    let first = std::fs::read(env.file("history.jsonl")).unwrap();
    env.run(&["log", "Ada", "--kind", "touch", "--note", "second"])
        .success();
    let second = std::fs::read(env.file("history.jsonl")).unwrap();
    assert!(second.starts_with(&first), "the old bytes are untouched");
    assert_eq!(
        String::from_utf8(second).unwrap().lines().count(),
        3,
        "header + 2 entries"
    );
}

#[test]
fn queries_must_match_exactly_one_contact() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada Lovelace"]).success();
    env.run(&["contact", "add", "Ada Byron"]).success();
    env.run(&["contact", "add", "José Núñez"]).success();
    env.run(&["contact", "show", "ada"])
        .code(1)
        .stderr(predicate::str::contains("\"ada\" matches 2 records:"))
        .stderr(predicate::str::contains("Ada Lovelace"))
        .stderr(predicate::str::contains("Ada Byron"));
    env.run(&["contact", "show", "zed"])
        .code(1)
        .stderr("netwerk: no contact matches \"zed\"\n");
    env.run(&["contact", "show", "jose"])
        .success()
        .stdout(predicate::str::contains("José Núñez"));
    env.run(&["log", "nobody", "--kind", "touch"])
        .code(1)
        .stderr(predicate::str::contains("no contact matches \"nobody\""));
    let id = env.json(&["contact", "show", "byron", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.run(&["contact", "show", &id])
        .success()
        .stdout(predicate::str::contains("Ada Byron"));
}

#[test]
fn ids_survive_edits() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada", "--company", "Engines"])
        .success();
    let before = env.json(&["contact", "list", "--json"])[0].clone();
    env.run(&[
        "contact",
        "edit",
        "Ada",
        "--name",
        "Ada Lovelace",
        "--company",
        "",
        "--role",
        "Mathematician",
        "--degree",
        "2",
        "--cadence",
        "45",
        "--link",
        "website=https://ada.example",
    ])
    .success();
    let after = env.json(&["contact", "list", "--json"])[0].clone();
    assert_eq!(after["id"], before["id"]);
    assert_eq!(after["name"], "Ada Lovelace");
    assert_eq!(after["company"], Value::Null);
    assert_eq!(after["role"], "Mathematician");
    assert_eq!(after["degree"], 2);
    assert_eq!(after["cadence_days"], 45);
    env.run(&["contact", "edit", "Ada", "--cadence", "0"])
        .success();
    assert_eq!(
        env.json(&["contact", "list", "--json"])[0]["cadence_days"],
        90,
        "back to the 2nd-degree default"
    );
    env.run(&["contact", "edit", "Ada", "--email", "nope"])
        .code(1);
    assert_eq!(
        env.json(&["contact", "list", "--json"])[0]["email"],
        Value::Null
    );
}

#[test]
fn interests_fold_case_and_accents_but_keep_the_first_spelling() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada", "--interest", "Café"])
        .success();
    env.run(&["contact", "add", "Grace"]).success();
    env.run(&["interest", "add", "Grace", "CAFE", "Rust"])
        .success();
    env.run(&["interest", "add", "Ada", "cafe"])
        .success()
        .stdout("Ada already has cafe.\n");
    let grace = &env.json(&["contact", "show", "Grace", "--json"])[0];
    assert_eq!(grace["interests"], serde_json::json!(["Café", "Rust"]));
    let interests = env.json(&["interest", "list", "--json"]);
    assert_eq!(
        interests[0],
        serde_json::json!({ "label": "Café", "count": 2, "items": 0 })
    );
    env.run(&["interest", "rm", "Grace", "café", "knitting"])
        .code(1)
        .stderr(predicate::str::contains(
            "has no interest knitting; nothing removed",
        ));
    env.run(&["interest", "rm", "Grace", "café"]).success();
    let grace = &env.json(&["contact", "show", "Grace", "--json"])[0];
    assert_eq!(grace["interests"], serde_json::json!(["Rust"]));
}

#[test]
fn queue_edit_archive_and_remove() {
    let env = Env::new();
    env.run(&[
        "queue",
        "add",
        "https://example.com/a",
        "--title",
        "Alpha",
        "--kind",
        "video",
        "--topic",
        "rust",
    ])
    .success();
    env.run(&["queue", "add", "https://example.com/b", "--title", "Beta"])
        .success();
    env.run(&[
        "queue",
        "edit",
        "alpha",
        "--topic",
        "sailing",
        "--comment",
        "for Ada",
    ])
    .success();
    let a = env.json(&["queue", "list", "--topic", "sailing", "--json"]);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["topics"], serde_json::json!(["rust", "sailing"]));
    assert_eq!(a[0]["kind"], "video");
    assert_eq!(a[0]["comment"], "for Ada");
    env.run(&["queue", "archive", "https://example.com/a?utm_medium=x"])
        .success();
    assert_eq!(env.json(&["queue", "list", "--json"]).len(), 1);
    assert_eq!(env.json(&["queue", "list", "--all", "--json"]).len(), 2);
    env.run(&["queue", "rm", "Beta"])
        .success()
        .stdout("Removed Beta.\n");
    env.run(&["queue", "rm", "Beta"])
        .code(1)
        .stderr(predicate::str::contains("no item matches"));
}

#[test]
fn removing_a_contact_keeps_their_history() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada Lovelace"]).success();
    env.run(&["log", "Ada", "--kind", "touch", "--note", "coffee"])
        .success();
    env.run(&["contact", "rm", "Ada"]).success();
    assert!(env.json(&["contact", "list", "--json"]).is_empty());
    let history = env.json(&["history", "--json"]);
    assert_eq!(history[0]["contact_name"], "Ada Lovelace");
}

#[test]
fn a_broken_data_file_stops_every_command_and_stays_untouched() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada Lovelace"]).success();
    let path = env.file("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "name = \"unterminated";
    let broken = lines.join("\n") + "\n";
    std::fs::write(&path, &broken).unwrap();
    let expected = format!("{}:3:", path.display());
    for args in [
        &["contact", "list"][..],
        &["contact", "add", "Grace"],
        &["queue", "add", "https://example.com/x"],
        &["interest", "list"],
        &["log", "Ada", "--kind", "touch"],
        &["history"],
        &["doctor"],
    ] {
        let assert = env.run(args).code(1);
        let out = assert.get_output();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            all.contains(&expected),
            "{args:?} should name {expected}: {all}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            broken,
            "{args:?} left the file alone"
        );
    }
}

#[test]
fn parse_errors_carry_line_and_column() {
    let env = Env::new();
    std::fs::create_dir_all(&env.data).unwrap();
    std::fs::write(
        env.file("queue.toml"),
        "format = 1\n\n[[item]]\nid = \"i1\"\ntitle = 3\n",
    )
    .unwrap();
    env.run(&["queue", "list"])
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:5:9: invalid type: integer `3`, expected a string",
            env.file("queue.toml").display()
        )));
    std::fs::write(env.file("queue.toml"), "format = 7\n").unwrap();
    env.run(&["queue", "list"])
        .code(1)
        .stderr(predicate::str::contains(
            "format version 7 is newer than this netwerk understands",
        ));
    std::fs::write(
        env.file("contacts.toml"),
        "format = 1\n[[contact]]\nid = \"c1\"\nname = \"A\"\nadded = \"2026-01-01\"\n[[contact]]\nid = \"c1\"\nname = \"B\"\nadded = \"2026-01-01\"\n",
    )
    .unwrap();
    env.run(&["contact", "list"])
        .code(1)
        .stderr(predicate::str::contains(
            "contacts.toml:7: duplicate contact id \"c1\"",
        ));
    std::fs::write(env.file("contacts.toml"), b"format = 1\n# caf\xe9\n").unwrap();
    env.run(&["contact", "list"])
        .code(1)
        .stderr(predicate::str::contains(
            "contacts.toml:2:6: the file is not valid UTF-8",
        ));
}

#[test]
fn a_bad_config_value_names_its_key() {
    let env = Env::new();
    env.write_config("[cadence]\nsecond = 0\n");
    env.run(&["contact", "list"])
        .code(1)
        .stderr(predicate::str::contains(
            "config.toml: cadence.second: must be between 1 and 3650 days",
        ));
    env.write_config("[theme]\nname = \"light\"\noverdue = \"reddd\"\n");
    env.run(&["contact", "list"])
        .code(1)
        .stderr(predicate::str::contains(
            "config.toml: theme.overdue: \"reddd\" is not a colour",
        ));
    env.write_config("[cadence]\nsecond = 60\n");
    env.run(&["contact", "add", "Bea", "--degree", "2"])
        .success();
    assert_eq!(
        env.json(&["contact", "list", "--json"])[0]["cadence_days"],
        60
    );
}

#[test]
fn an_unwritable_directory_is_a_clear_error() {
    let env = Env::new();
    std::fs::create_dir_all(&env.data).unwrap();
    std::fs::set_permissions(&env.data, std::fs::Permissions::from_mode(0o500)).unwrap();
    // root ignores permission bits: as root, netwerk runs as an
    // unprivileged user who owns the directory, as its real owner would.
    env.unprivileged_cmd()
        .args(["contact", "add", "Ada"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Permission denied"));
    assert!(!env.data.join("contacts.toml").exists());
    // A data "directory" that is a file cannot be written by anyone.
    let file_dir = env.data.join("not-a-dir");
    std::fs::set_permissions(&env.data, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::write(&file_dir, b"x").unwrap();
    env.netwerk()
        .args(["--data"])
        .arg(&file_dir)
        .args(["contact", "add", "Ada"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(file_dir.display().to_string()));
}

#[test]
fn demo_runs_any_command_on_a_fresh_sample_and_keeps_nothing() {
    let env = Env::new();
    let contacts = env.json(&["--demo", "contact", "list", "--json"]);
    assert_eq!(contacts.len(), 40);
    env.run(&["--demo", "contact", "add", "Zed Nobody"])
        .success();
    let again = env.json(&["--demo", "contact", "list", "--json"]);
    assert_eq!(again.len(), 40, "each --demo starts from the sample");
    let note = env.ok(&["--demo", "share", "priya", "micro", "--dry-run"]);
    assert!(note.contains("Hi Priya"), "{note}");
    assert!(!env.data.exists(), "--data is never touched by --demo");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    env.run(&["contact", "frobnicate"]).code(2);
    env.run(&["queue", "add"]).code(2);
    env.run(&["interest", "add", "Ada"]).code(2);
    env.run(&["log", "Ada", "--kind", "share"]).code(2);
}

#[test]
fn files_are_private_even_under_umask_000() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("netwerk");
    for args in [
        "contact add Ada",
        "queue add https://example.com/x",
        "log Ada --kind touch",
    ] {
        let status = support::env::command("sh", &env.home)
            .arg("-c")
            .arg(format!("umask 000; exec \"$0\" --data \"$1\" {args}"))
            .arg(&bin)
            .arg(&env.data)
            .env("NETWERK_NOW", NOW)
            .env("XDG_CONFIG_HOME", &env.config_home)
            .status()
            .unwrap();
        assert!(status.success(), "{args}");
    }
    assert_eq!(mode(&env.data), 0o700);
    for f in ["contacts.toml", "queue.toml", "history.jsonl", ".lock"] {
        assert_eq!(mode(&env.file(f)), 0o600, "{f}");
    }
}

#[test]
fn two_processes_adding_200_items_each_lose_nothing() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("netwerk");
    let writer = |tag: &'static str| {
        let bin = bin.clone();
        let data = env.data.clone();
        let home = env.home.clone();
        std::thread::spawn(move || {
            // One shell loop per writer: 200 separate processes, each a
            // full read-modify-write under the lock.
            let script = format!(
                "i=0; while [ $i -lt 200 ]; do \"$0\" --data \"$1\" queue add https://example.com/{tag}/$i >/dev/null || exit 1; i=$((i+1)); done"
            );
            support::env::command("sh", &home)
                .arg("-c")
                .arg(script)
                .arg(&bin)
                .arg(&data)
                .env("NETWERK_NOW", NOW)
                .status()
                .unwrap()
        })
    };
    let a = writer("a");
    let b = writer("b");
    assert!(a.join().unwrap().success());
    assert!(b.join().unwrap().success());
    let items = env.json(&["queue", "list", "--json"]);
    assert_eq!(items.len(), 400);
    let mut urls: Vec<&str> = items.iter().map(|i| i["url"].as_str().unwrap()).collect();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), 400, "no item duplicated");
}

#[test]
fn output_is_deterministic_for_git() {
    let env = Env::new();
    env.run(&["contact", "add", "Ada", "--interest", "rust"])
        .success();
    env.run(&["contact", "add", "Grace"]).success();
    let first = std::fs::read_to_string(env.file("contacts.toml")).unwrap();
    env.run(&["contact", "edit", "Grace", "--role", "Admiral"])
        .success();
    env.run(&["contact", "edit", "Grace", "--role", ""])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.file("contacts.toml")).unwrap(),
        first
    );
    assert!(first.starts_with("# netwerk contacts."));
    assert!(first.contains("\nformat = 1\n"));
}

#[test]
fn completions_and_doctor_work() {
    let env = Env::new();
    env.run(&["completions", "bash"])
        .success()
        .stdout(predicate::str::contains("netwerk"));
    env.run(&["contact", "add", "Ada"]).success();
    env.run(&["doctor"])
        .success()
        .stdout(predicate::str::contains(
            "loaded     1 contact, 0 items, 0 history entries",
        ))
        .stdout(predicate::str::contains(
            "frozen at 2026-11-26T09:00:00+01:00",
        ));
    std::fs::set_permissions(&env.data, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.run(&["doctor"])
        .success()
        .stdout(predicate::str::contains("WARNING: readable by others"));
}

#[test]
fn the_demo_has_an_inbox_to_try_keep_and_share_from() {
    let env = Env::new();
    let inbox = env.json(&["--demo", "inbox", "--json"]);
    assert!(inbox.len() >= 5, "{inbox:?}");
    // Matched to the sample's people, with the interest that matched.
    let rust = inbox
        .iter()
        .find(|e| e["topics"][0] == "rust")
        .expect("an entry about rust");
    assert!(
        rust["suits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "Ada Lovelace"),
        "{rust}"
    );
    assert!(inbox.iter().any(|e| e["kind"] == "podcast"), "{inbox:?}");
    // The throwaway copy is not the user's: their data directory is untouched.
    assert!(!env.data.exists());
}

#[test]
fn the_manual_covers_every_command() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.contains(".TH netwerk 1"), "{page}");
    assert!(page.contains("netwerk\\-share(1)"), "{page}");
    let dir = env.data.with_file_name("man1");
    let said = env.ok(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(said.starts_with("Wrote "), "{said}");
    // One page per command a user can type, named by its path.
    let share = std::fs::read_to_string(dir.join("netwerk-share.1")).unwrap();
    assert!(share.contains(".TH netwerk-share 1"), "{share}");
    assert!(share.contains("\\fBnetwerk share\\fR"), "{share}");
    assert!(share.contains("\\-\\-print"), "{share}");
    let add = std::fs::read_to_string(dir.join("netwerk-contact-add.1")).unwrap();
    assert!(add.contains("\\fBnetwerk contact add\\fR"), "{add}");
    assert!(!dir.join("netwerk-help.1").exists());
}

#[test]
fn the_full_screen_program_needs_a_terminal() {
    let env = Env::new();
    env.cmd()
        .arg("--demo")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
    assert!(!env.data.exists(), "the user's data directory is untouched");
}

#[test]
fn the_sample_network_is_varied_and_has_overdue_people() {
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let net = netwerk::demo::sample(now);
    assert_eq!(net.contacts.len(), 40);
    assert_eq!(net.items.len(), 20);
    assert_eq!(net.history.len(), 30);
    assert!(net.contacts.iter().any(|c| c.name == "José Núñez"));
    assert!(net.contacts.iter().any(|c| c.name == "王芳"));
    let kinds: std::collections::HashSet<_> = net.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.len(), 6, "every kind of item");
    assert_eq!(
        netwerk::demo::sample(now),
        net,
        "deterministic for a given time"
    );
}

#[test]
fn netwerk_now_must_be_valid() {
    let env = Env::new();
    env.cmd()
        .env("NETWERK_NOW", "tomorrow")
        .args(["contact", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "NETWERK_NOW=\"tomorrow\" is not an RFC 3339 time",
        ));
}
