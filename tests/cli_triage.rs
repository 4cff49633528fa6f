//! Triage at scale from the command line: given a LinkedIn import, when
//! `netwerk triage list|keep|dormant` runs with these filters, then this
//! is the ranking, these contacts changed and no others.

mod support;

use serde_json::Value;
use support::home::Home;

/// Five connections from a LinkedIn export (today is 2026-11-26), one
/// colleague you already keep up with at Stripe, and a queue about Rust.
///
/// | name      | company | role              | connected   |
/// |-----------|---------|-------------------|-------------|
/// | Ada Stripe| Stripe  | Payments Engineer | 6 days ago  |
/// | Bo Stripe | Stripe  | Rust Engineer     | 2025-01-01  |
/// | Cy Acme   | Acme    | Recruiter         | 42 days ago |
/// | Di Acme   | Acme    | Rust Developer    | 2020-03-03  |
/// | Ed Old    | Globex  | Sales             | 2019-05-05  |
fn imported() -> Home {
    let env = Home::new();
    let csv = env.home.join("Connections.csv");
    std::fs::create_dir_all(&env.home).unwrap();
    std::fs::write(
        &csv,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ada,Stripe,https://www.linkedin.com/in/ada-s,,Stripe,Payments Engineer,20 Nov 2026\n\
         Bo,Stripe,https://www.linkedin.com/in/bo-s,,Stripe,Rust Engineer,01 Jan 2025\n\
         Cy,Acme,https://www.linkedin.com/in/cy-a,,Acme,Recruiter,15 Oct 2026\n\
         Di,Acme,https://www.linkedin.com/in/di-a,,Acme,Rust Developer,03 Mar 2020\n\
         Ed,Old,https://www.linkedin.com/in/ed-o,,Globex,Sales,05 May 2019\n",
    )
    .unwrap();
    env.run(&["contact", "add", "Sam Known", "--company", "Stripe"])
        .success();
    env.run(&[
        "queue",
        "add",
        "https://example.com/rust",
        "--title",
        "Rust in payments",
        "--topic",
        "rust",
    ])
    .success();
    env.run(&["import", "linkedin", csv.to_str().unwrap()])
        .success();
    env
}

/// Every contact's name and state, by name.
fn states(env: &Home) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = env
        .json(&["contact", "list", "--json"])
        .iter()
        .chain(
            env.json(&["contact", "list", "--state", "dormant", "--json"])
                .iter(),
        )
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    rows.sort();
    rows.dedup();
    rows
}

fn names(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["name"].as_str().unwrap()).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn list_ranks_untriaged_contacts_with_the_reason() {
    let env = imported();
    let rows = env.json(&["triage", "list", "--json"]);
    assert_eq!(
        names(&rows),
        ["Ada Stripe", "Bo Stripe", "Cy Acme", "Di Acme", "Ed Old"]
    );
    let why: Vec<(u64, Vec<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r["score"].as_u64().unwrap(),
                r["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        why,
        [
            (
                5,
                vec![
                    "connected 6 days ago",
                    "works at Stripe, like 1 active contact"
                ]
            ),
            (
                4,
                vec!["works at Stripe, like 1 active contact", "role meets rust"]
            ),
            (2, vec!["connected 42 days ago"]),
            (2, vec!["role meets rust"]),
            (0, vec![]),
        ]
    );
    let text = env.ok(&["triage", "list", "--limit", "2"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("ID ") && lines[0].ends_with("WHY"),
        "{text}"
    );
    assert!(
        lines[1].contains("Ada Stripe")
            && lines[1].ends_with("connected 6 days ago; works at Stripe, like 1 active contact"),
        "{text}"
    );
    assert_eq!(
        lines[3],
        "5 await triage; showing the first 2 (--limit 0 shows all)."
    );
}

#[test]
fn list_filters_by_company_role_date_and_words() {
    let env = imported();
    let list = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["triage", "list", "--json"];
        all.extend_from_slice(args);
        names(&env.json(&all))
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(list(&["--company", "STRIPE"]), ["Ada Stripe", "Bo Stripe"]);
    assert_eq!(list(&["--role", "rust"]), ["Bo Stripe", "Di Acme"]);
    assert_eq!(
        list(&["--connected-since", "2026-10-01"]),
        ["Ada Stripe", "Cy Acme"]
    );
    assert_eq!(list(&["--query", "acme rust"]), ["Di Acme"]);
    assert_eq!(
        list(&["--company", "acme", "--role", "recruit"]),
        ["Cy Acme"]
    );
    assert_eq!(
        list(&["--limit", "0", "--company", "nobody"]),
        Vec::<String>::new()
    );
    let none = env.ok(&["triage", "list", "--company", "nobody"]);
    assert_eq!(
        none,
        "No untriaged contact matches company: nobody (5 await triage).\n"
    );
    env.run(&["triage", "list", "--connected-since", "last week"])
        .code(2);
}

#[test]
fn keep_changes_exactly_the_matching_contacts_in_one_save() {
    let env = imported();
    let out = env.ok(&[
        "triage",
        "keep",
        "--company",
        "stripe",
        "--interest",
        "payments",
        "--interest",
        "Rust",
        "--cadence",
        "14",
    ]);
    assert_eq!(
        out,
        "Kept 2 contacts matching company: stripe; 3 still await triage.\n\
         Who to reach out to now: netwerk due\n"
    );
    assert_eq!(
        states(&env),
        pairs(&[
            ("Ada Stripe", "active"),
            ("Bo Stripe", "active"),
            ("Cy Acme", "untriaged"),
            ("Di Acme", "untriaged"),
            ("Ed Old", "untriaged"),
            ("Sam Known", "active"),
        ])
    );
    let ada = &env.json(&["contact", "show", "Ada", "--json"])[0];
    assert_eq!(ada["cadence_days"], 14);
    // The queue's spelling of an interest is kept.
    assert_eq!(ada["interests"], serde_json::json!(["payments", "rust"]));
    // Triaged contacts are not matched again.
    let again = env.ok(&["triage", "keep", "--company", "stripe"]);
    assert!(again.starts_with("Kept 0 contacts"), "{again}");
}

#[test]
fn dry_run_counts_and_changes_nothing() {
    let env = imported();
    let before = std::fs::read(env.file("contacts.toml")).unwrap();
    let out = env.ok(&["triage", "dormant", "--role", "rust", "--dry-run"]);
    assert_eq!(
        out,
        "Would set aside 2 contacts matching role: rust; nothing changed (dry run).\n"
    );
    let out = env.ok(&["triage", "keep", "--all", "--dry-run"]);
    assert_eq!(out, "Would keep 5 contacts; nothing changed (dry run).\n");
    assert_eq!(std::fs::read(env.file("contacts.toml")).unwrap(), before);
}

#[test]
fn a_bulk_change_without_a_filter_or_all_is_refused() {
    let env = imported();
    let before = std::fs::read(env.file("contacts.toml")).unwrap();
    for verb in ["keep", "dormant"] {
        let out = env.run(&["triage", verb]).code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("or --all for every untriaged contact"),
            "{err}"
        );
        env.run(&["triage", verb, "--all", "--company", "stripe"])
            .code(2);
    }
    env.run(&["triage", "keep", "--company", "stripe", "--cadence", "0"])
        .code(1);
    assert_eq!(std::fs::read(env.file("contacts.toml")).unwrap(), before);
}

#[test]
fn the_first_day_keep_recent_set_the_rest_aside_and_a_list_is_due() {
    let env = imported();
    env.ok(&["triage", "keep", "--connected-since", "2026-01-01"]);
    let out = env.ok(&["triage", "dormant", "--all"]);
    assert_eq!(out, "Set aside 3 contacts; 0 still await triage.\n");
    assert_eq!(
        states(&env),
        pairs(&[
            ("Ada Stripe", "active"),
            ("Bo Stripe", "dormant"),
            ("Cy Acme", "active"),
            ("Di Acme", "dormant"),
            ("Ed Old", "dormant"),
            ("Sam Known", "active"),
        ])
    );
    // Cy connected 42 days ago, past the 30-day cadence: due at once;
    // Ada connected 6 days ago is not yet.
    assert_eq!(names(&env.json(&["due", "--json"])), ["Cy Acme"]);
    assert_eq!(env.ok(&["triage", "list"]), "Nobody awaits triage.\n");
}

#[test]
fn a_touch_or_share_makes_an_untriaged_contact_active_an_ask_does_not() {
    let env = imported();
    let out = env.ok(&["log", "Ed", "--kind", "touch", "--note", "coffee"]);
    assert_eq!(
        out,
        "Logged touch with Ed Old on 2026-11-26.\nEd Old was awaiting triage and is now active.\n"
    );
    env.run(&["log", "Di", "--kind", "ask", "--force"])
        .success();
    let shared = env
        .run(&["share", "Cy", "rust in payments", "--print"])
        .success();
    let err = String::from_utf8(shared.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("Cy Acme was awaiting triage and is now active."),
        "{err}"
    );
    assert_eq!(
        states(&env),
        pairs(&[
            ("Ada Stripe", "untriaged"),
            ("Bo Stripe", "untriaged"),
            ("Cy Acme", "active"),
            ("Di Acme", "untriaged"),
            ("Ed Old", "active"),
            ("Sam Known", "active"),
        ])
    );
    // A second touch says nothing more.
    let out = env.ok(&["log", "Ed", "--kind", "touch"]);
    assert_eq!(out, "Logged touch with Ed Old on 2026-11-26.\n");
}
