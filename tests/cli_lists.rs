//! The command line in daily use: a contact's state in lists, the queue in
//! the order a user needs it, and titles guessed from an address kept out
//! of notes.

mod support;
use support::Home;

/// Queues `url` (with `--title` when given) on `day` of November 2026.
fn queue_on(home: &Home, day: u32, url: &str, title: Option<&str>, topic: &str) {
    let mut cmd = home.cmd();
    cmd.env("NETWERK_NOW", format!("2026-11-{day:02}T09:00:00+01:00"))
        .args(["queue", "add", url, "--topic", topic]);
    if let Some(t) = title {
        cmd.args(["--title", t]);
    }
    cmd.assert().success();
}

/// The titles of `queue list ARGS`, top to bottom.
fn titles(home: &Home, args: &[&str]) -> Vec<String> {
    let mut all = vec!["queue", "list", "--json"];
    all.extend(args);
    home.json(&all)
        .iter()
        .map(|i| i["title"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_contacts_state_shows_in_contact_list_and_show() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace"]);
    home.ok(&["contact", "add", "Bob Byte"]);
    home.ok(&["contact", "edit", "bob", "--state", "dormant"]);
    let list = home.ok(&["contact", "list"]);
    let head = list.lines().next().unwrap_or("");
    assert!(head.contains("STATE"), "{list}");
    let bob = list.lines().find(|l| l.contains("Bob Byte")).unwrap();
    assert!(bob.contains(" dormant "), "{list}");
    let ada = list.lines().find(|l| l.contains("Ada Lovelace")).unwrap();
    assert!(ada.contains(" active "), "{list}");
    let show = home.ok(&["contact", "show", "bob"]);
    assert!(
        show.contains("state         dormant (set aside, never due)"),
        "{show}"
    );
    let show = home.ok(&["contact", "show", "ada"]);
    assert!(
        show.contains("state         active, due in 30 days"),
        "{show}"
    );
}

#[test]
fn queue_list_is_newest_first_or_best_match_first_for_a_contact() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--interest", "sailing"]);
    queue_on(
        &home,
        20,
        "https://example.com/knots",
        Some("Knots"),
        "sailing",
    );
    queue_on(
        &home,
        22,
        "https://example.com/cook",
        Some("Cooking"),
        "food",
    );
    queue_on(&home, 24, "https://example.com/rust", Some("Rust"), "rust");
    assert_eq!(titles(&home, &[]), ["Rust", "Cooking", "Knots"]);
    assert_eq!(
        titles(&home, &["--for", "ada"]),
        ["Knots", "Rust", "Cooking"]
    );
    let table = home.ok(&["queue", "list", "--for", "ada"]);
    let knots = table.lines().nth(1).unwrap_or("");
    assert!(
        knots.contains("Knots") && knots.contains("★ sailing"),
        "{table}"
    );
    home.run(&["queue", "list", "--for", "nobody"])
        .failure()
        .stderr(predicates::str::contains("nobody"));
}

#[test]
fn a_title_guessed_from_the_address_is_marked_and_kept_out_of_notes_until_set() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--interest", "rust"]);
    let url = "https://example.com/rust-async-in-depth";
    queue_on(&home, 20, url, None, "rust");
    let items = home.json(&["queue", "list", "--json"]);
    assert_eq!(items[0]["title"], "rust async in depth (example.com)");
    assert_eq!(items[0]["title_guessed"], true);
    let list = home.ok(&["queue", "list"]);
    assert!(list.contains("(title guessed)"), "{list}");
    for template in ["thought-of-you", "no-reply-needed", "curious"] {
        let note = home.ok(&["share", "ada", url, "--template", template, "--dry-run"]);
        assert!(!note.contains("(example.com)"), "{note}");
        assert!(note.contains(url), "{note}");
    }
    home.ok(&["queue", "edit", url, "--title", "Rust async in depth"]);
    let items = home.json(&["queue", "list", "--json"]);
    assert!(items[0].get("title_guessed").is_none(), "{items:?}");
    let note = home.ok(&["share", "ada", url, "--template", "curious", "--dry-run"]);
    assert!(note.contains("“Rust async in depth”"), "{note}");
}

#[test]
fn a_touch_today_reads_today_not_0d_ago() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace"]);
    home.ok(&["log", "ada", "--kind", "touch", "--note", "coffee"]);
    let list = home.ok(&["contact", "list"]);
    let ada = list.lines().find(|l| l.contains("Ada Lovelace")).unwrap();
    assert!(ada.contains(" today") && !list.contains("0d ago"), "{list}");
    let show = home.ok(&["contact", "show", "ada"]);
    assert!(show.contains("last touch today"), "{show}");
}
