//! Relationship intelligence on the command line: given a small network on
//! a fixed date, `due`, `suggest` and `stats` print exactly these people,
//! items and numbers, and an ask to someone never given anything is held
//! back until `--force`.

use serde_json::{Value, json};
use std::io::Write;

mod support;
use support::Home;
use support::home::NOW;

/// What these tests ask of a home beyond running commands.
trait Insight {
    /// The JSON a successful `netwerk ARGS --json` printed.
    fn value(&self, args: &[&str]) -> Value;
    /// The id of the contact or item (`what`) with this name or title.
    fn id_of(&self, what: &str, name: &str) -> String;
    /// Appends a share to the history log as `netwerk share` writes it.
    fn share(&self, contact: &str, item: &str, at: &str);
}

impl Insight for Home {
    fn value(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("JSON on stdout")
    }

    fn id_of(&self, what: &str, name: &str) -> String {
        let (list, field) = match what {
            "contact" => (["contact", "list", "--json"], "name"),
            _ => (["queue", "list", "--json"], "title"),
        };
        let all = self.value(&list);
        let found = all.as_array().unwrap().iter().find(|r| r[field] == name);
        found.unwrap()["id"].as_str().unwrap().to_string()
    }

    /// Appends a share to the history log as `netwerk share` writes it
    /// (the share command lives elsewhere; the log format is the contract).
    fn share(&self, contact: &str, item: &str, at: &str) {
        let entry = json!({
            "id": format!("h{}", at.replace([':', '-', '+', 'T'], "")),
            "at": at,
            "kind": "share",
            "contact": self.id_of("contact", contact),
            "contact_name": contact,
            "item": self.id_of("item", item),
            "item_title": item,
            "url": "https://example.com/",
            "note": "thought of you",
        });
        let mut log = std::fs::OpenOptions::new()
            .append(true)
            .open(self.data.join("history.jsonl"))
            .unwrap();
        writeln!(log, "{entry}").unwrap();
    }
}

/// Grace was last touched 60 days ago (ratio 2.0), Ada was given "Rust
/// async" 45 days ago (1.5), Bob is 2nd degree and touched 100 days ago
/// (100/90), Cy 5 days ago; Dee was added today; Ivy, untriaged, was
/// touched 200 days ago.
fn network() -> Home {
    let env = Home::new();
    for args in [
        &[
            "contact",
            "add",
            "Ada Lovelace",
            "--interest",
            "rust",
            "--interest",
            "poetry",
        ][..],
        &[
            "contact",
            "add",
            "Grace Hopper",
            "--interest",
            "Rust",
            "--interest",
            "compilers",
        ],
        &[
            "contact",
            "add",
            "Bob Byron",
            "--degree",
            "2",
            "--interest",
            "async",
        ],
        &["contact", "add", "Cy Sailor", "--interest", "sailing"],
        &["contact", "add", "Dee New"],
        &["contact", "add", "Ivy Import", "--interest", "rust"],
        &[
            "queue",
            "add",
            "https://example.com/rust-async",
            "--title",
            "Rust async",
            "--topic",
            "rust",
            "--topic",
            "async",
        ],
        &[
            "queue",
            "add",
            "https://example.com/compilers",
            "--title",
            "Compilers and Rust",
            "--topic",
            "rust",
            "--topic",
            "compilers",
        ],
        &[
            "queue",
            "add",
            "https://example.com/knots",
            "--title",
            "Sailing knots",
            "--topic",
            "sailing",
        ],
        &[
            "queue",
            "add",
            "https://example.com/poems",
            "--title",
            "Poems",
            "--topic",
            "poetry",
        ],
        &["queue", "archive", "Poems"],
        &["log", "Grace", "--kind", "touch", "--at", "2026-09-27"],
        &["log", "Bob", "--kind", "touch", "--at", "2026-08-18"],
        &["log", "Cy", "--kind", "touch", "--at", "2026-11-21"],
        &["log", "Ivy", "--kind", "touch", "--at", "2026-05-10"],
        // After the touch, which would have made her active.
        &["contact", "edit", "Ivy", "--state", "untriaged"],
    ] {
        env.run(args).success();
    }
    env.share("Ada Lovelace", "Rust async", "2026-10-12T10:00:00+01:00");
    env
}

fn names(rows: &Value, field: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn due_lists_exactly_the_overdue_active_contacts_most_overdue_first() {
    let env = network();
    let due = env.value(&["due", "--json"]);
    assert_eq!(
        names(&due, "name"),
        ["Grace Hopper", "Ada Lovelace", "Bob Byron"]
    );
    let grace = &due[0];
    assert_eq!(
        grace,
        &json!({
            "id": env.id_of("contact", "Grace Hopper"),
            "name": "Grace Hopper",
            "company": null,
            "degree": 1,
            "cadence_days": 30,
            "last_touch": "2026-09-27T12:00:00+01:00",
            "days_since": 60,
            "overdue_days": 30,
            "ratio": 2.0,
        })
    );
    assert_eq!(
        (due[1]["days_since"].clone(), due[1]["overdue_days"].clone()),
        (json!(45), json!(15))
    );
    assert_eq!(
        (due[2]["cadence_days"].clone(), due[2]["ratio"].clone()),
        (json!(90), json!(1.11))
    );
    assert_eq!(env.ok(&["due", "--count"]), "3\n");
    assert_eq!(
        names(&env.value(&["due", "--json", "--limit", "1"]), "name"),
        ["Grace Hopper"]
    );
    let table = env.ok(&["due", "--limit", "2"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(lines[0].starts_with("ID "), "{table}");
    assert!(
        lines[1].contains("Grace Hopper") && lines[1].ends_with("60d ago     30d    +30d"),
        "{table}"
    );
    assert_eq!(lines[3], "… and 1 more due");
    env.run(&["due", "--count", "--json"]).code(2);
}

#[test]
fn untriaged_contacts_are_not_due_until_kept() {
    let env = network();
    assert_eq!(
        names(
            &env.value(&["contact", "list", "--state", "untriaged", "--json"]),
            "name"
        ),
        ["Ivy Import"]
    );
    assert!(!names(&env.value(&["due", "--json"]), "name").contains(&"Ivy Import".to_string()));
    env.run(&["contact", "edit", "Ivy", "--state", "active"])
        .success();
    assert_eq!(
        names(&env.value(&["due", "--json"]), "name"),
        ["Ivy Import", "Grace Hopper", "Ada Lovelace", "Bob Byron"]
    );
    env.run(&["contact", "edit", "Ivy", "--state", "dormant"])
        .success();
    assert_eq!(env.ok(&["due", "--count"]), "3\n");
    assert_eq!(
        names(
            &env.value(&["contact", "list", "--state", "dormant", "--json"]),
            "name"
        ),
        ["Ivy Import"]
    );
    env.run(&["contact", "list", "--state", "asleep"])
        .code(1)
        .stderr("netwerk: state: unknown state \"asleep\"; use active, untriaged or dormant\n");
}

#[test]
fn suggest_pairs_the_most_overdue_with_their_best_item_and_never_repeats_a_share() {
    let env = network();
    let pairs = env.value(&["suggest", "--json"]);
    let summary: Vec<(String, String, String)> = pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["contact_name"].as_str().unwrap().into(),
                p["item_title"].as_str().unwrap().into(),
                p["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = |rows: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    // Ada already has "Rust async"; the archived "Poems" is never offered.
    assert_eq!(
        summary,
        want(&[
            ("Grace Hopper", "Compilers and Rust", "rust, compilers"),
            ("Ada Lovelace", "Compilers and Rust", "rust"),
            ("Bob Byron", "Rust async", "async"),
            ("Cy Sailor", "Sailing knots", "sailing"),
        ])
    );
    let first = &pairs[0];
    assert_eq!(first["matched"], json!(["rust", "compilers"]));
    assert_eq!(
        (
            first["strength"].clone(),
            first["due"].clone(),
            first["overdue_days"].clone()
        ),
        (json!(4), json!(true), json!(30))
    );
    assert_eq!(first["url"], "https://example.com/compilers");
    assert_eq!(first["kind"], "article");
    assert_eq!(
        env.value(&["suggest", "--json", "--limit", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    env.share("Grace Hopper", "Compilers and Rust", NOW);
    let after = env.value(&["suggest", "--json"]);
    assert_eq!(
        names(&after, "contact_name"),
        ["Ada Lovelace", "Bob Byron", "Cy Sailor", "Grace Hopper"]
    );
    assert_eq!(after[3]["item_title"], "Rust async");
    let table = env.ok(&["suggest", "--limit", "1"]);
    assert_eq!(
        table,
        "CONTACT       DUE   ITEM                WHY\n\
         Ada Lovelace  +15d  Compilers and Rust  rust\n"
    );
}

#[test]
fn stats_match_a_hand_count() {
    let env = network();
    env.share("Grace Hopper", "Compilers and Rust", NOW);
    env.run(&[
        "log",
        "Cy",
        "--kind",
        "ask",
        "--at",
        "2026-11-20",
        "--force",
    ])
    .success();
    let s = env.value(&["stats", "--json"]);
    // Active 1st degree: Ada (45 days), Grace (today), Cy (5 days), Dee
    // (never touched): Grace and Cy are within their cadence.
    assert_eq!(
        (
            s["giga_score"].clone(),
            s["giga_touched"].clone(),
            s["giga_total"].clone()
        ),
        (json!(50), json!(2), json!(4))
    );
    assert_eq!(
        (s["due"].clone(), s["untriaged"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(
        (
            s["contacts"].clone(),
            s["active"].clone(),
            s["dormant"].clone()
        ),
        (json!(6), json!(5), json!(0))
    );
    let weeks = s["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(
        weeks[0],
        json!({ "start": "2026-09-04", "end": "2026-09-10", "gives": 0, "asks": 0 })
    );
    assert_eq!(
        weeks[11],
        json!({ "start": "2026-11-20", "end": "2026-11-26", "gives": 1, "asks": 1 })
    );
    let gives: Vec<u64> = weeks.iter().map(|w| w["gives"].as_u64().unwrap()).collect();
    assert_eq!(gives, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(
        s["top_topics"],
        json!([
            { "label": "rust", "shares": 2 },
            { "label": "async", "shares": 1 },
            { "label": "compilers", "shares": 1 },
        ])
    );
    assert_eq!(s["most_given"][0]["name"], "Ada Lovelace");
    assert_eq!(
        s["most_neglected"][0],
        json!({
            "id": env.id_of("contact", "Bob Byron"), "name": "Bob Byron", "days_since": 100
        })
    );
    assert_eq!(
        env.ok(&["stats"]),
        "giga score  50%  (2 of 4 active 1st-degree contacts touched within their cadence)\n\
         due         2\n\
         untriaged   1\n\
         contacts    6 (5 active, 1 untriaged, 0 dormant)\n\
         gives/week  ▁▁▁▁▁█▁▁▁▁▁█  2 in 12 weeks\n\
         asks/week   ▁▁▁▁▁▁▁▁▁▁▁█  1 in 12 weeks\n\
         most given  Ada Lovelace (1), Grace Hopper (1)\n\
         neglected   Bob Byron (100d), Ada Lovelace (45d), Cy Sailor (5d), Dee New (0d), Grace Hopper (0d)\n\
         top topics  rust (2), async (1), compilers (1)\n"
    );
}

#[test]
fn asking_someone_never_given_anything_needs_force() {
    let env = network();
    env.run(&["log", "Cy", "--kind", "ask", "--note", "referral"])
        .code(1)
        .stderr(
            "netwerk: You have never given Cy anything. Give before you ask — \
             share something first, or pass --force.\n",
        );
    let asks = |env: &Home| {
        env.value(&["history", "--kind", "ask", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(asks(&env), 0, "nothing logged without --force");
    env.run(&["log", "Cy", "--kind", "ask", "--force"])
        .success();
    // Ada was given an item, so asking her needs no confirmation; a touch
    // alone (Grace) is not a gift.
    env.run(&["log", "Ada", "--kind", "ask"]).success();
    env.run(&["log", "Grace", "--kind", "ask"]).code(1);
    assert_eq!(asks(&env), 2);
}

#[test]
fn an_empty_network_says_what_to_do() {
    let env = Home::new();
    assert_eq!(
        env.ok(&["due"]),
        "No contacts yet. Add one: netwerk contact add \"Ada Lovelace\" --interest rust\n"
    );
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
    assert_eq!(env.value(&["due", "--json"]), json!([]));
    assert_eq!(env.value(&["suggest", "--json"]), json!([]));
    assert!(env.ok(&["suggest"]).starts_with("Nothing to suggest"));
    let s = env.value(&["stats", "--json"]);
    assert_eq!(
        (s["giga_score"].clone(), s["due"].clone()),
        (Value::Null, json!(0))
    );
    assert!(
        env.ok(&["stats"])
            .starts_with("giga score  –  (no active 1st-degree contacts yet)\n")
    );
}
