//! Giving more than links, on the command line, on a fixed date: an
//! introduction proposed for the pair sharing most interests, asked,
//! accepted and made (a gift to both: neither is due any more); moments
//! seen when a newer LinkedIn export changes two jobs; asks that close;
//! topics new for a person lifting an item; and the digest, every
//! section with the right people.

use serde_json::Value;

mod support;
use support::Home;
use support::fixtures::import as fixture;

/// The text of stdout and stderr of a successful `netwerk ARGS`.
fn both(home: &Home, args: &[&str]) -> (String, String) {
    let out = home.run(args).success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The JSON object (not array) a successful `netwerk ARGS` printed.
fn object(home: &Home, args: &[&str]) -> Value {
    serde_json::from_str(&home.ok(args)).expect("JSON on stdout")
}

/// Ada and Grace share three interests (compilers only they have), Bob
/// shares two with each, Cy only "navy" with Grace. Everyone was last
/// in touch on 1 September, so all four are due on 26 November.
fn network() -> Home {
    let home = Home::new();
    for (name, interests, role) in [
        (
            "Ada Lovelace",
            &["rust", "compilers", "poetry"][..],
            "Founder",
        ),
        (
            "Grace Hopper",
            &["Rust", "compilers", "poetry", "navy"][..],
            "Rear Admiral",
        ),
        ("Bob Byron", &["rust", "poetry"][..], "Poet"),
        ("Cy Sailor", &["sailing", "navy"][..], "Investor"),
    ] {
        let mut args = vec!["contact", "add", name, "--role", role];
        for i in interests {
            args.extend(["--interest", i]);
        }
        home.run(&args).success();
        home.run(&["log", name, "--via", "coffee", "--at", "2026-09-01"])
            .success();
    }
    home
}

fn names(v: &Value) -> Vec<String> {
    let mut n = vec![
        v["a"]["name"].as_str().unwrap().to_string(),
        v["b"]["name"].as_str().unwrap().to_string(),
    ];
    n.sort();
    n
}

#[test]
fn suggest_proposes_the_pair_sharing_the_most_interests_with_the_reason() {
    let home = network();
    let pairs = home.json(&["intro", "suggest", "--json"]);
    assert_eq!(names(&pairs[0]), ["Ada Lovelace", "Grace Hopper"]);
    assert_eq!(
        pairs[0]["shared"],
        serde_json::json!(["compilers", "poetry", "rust"])
    );
    assert_eq!(pairs[0]["reason"], "both into compilers, poetry, rust");
    // Bob shares two with each of them; Cy one with Grace.
    assert_eq!(pairs.len(), 4);
    assert_eq!(names(&pairs[3]), ["Cy Sailor", "Grace Hopper"]);
    let text = home.ok(&["intro", "suggest", "--limit", "1"]);
    let first = text.lines().nth(1).unwrap();
    for part in [
        "Ada Lovelace",
        "Grace Hopper",
        "both into compilers, poetry, rust",
    ] {
        assert!(first.contains(part), "{text}");
    }
    let for_cy = home.json(&["intro", "suggest", "--for", "cy", "--json"]);
    assert_eq!(for_cy.len(), 1);
    assert_eq!(for_cy[0]["b"]["name"], "Grace Hopper");
}

#[test]
fn an_introduction_is_asked_accepted_and_made_with_three_notes_naming_the_shared_interest() {
    let home = network();
    let (notes, report) = both(&home, &["intro", "ada", "grace", "--print"]);
    let (to_ada, to_grace) = notes.split_once("\n\nTo Grace Hopper:\n").unwrap();
    assert!(to_ada.starts_with("To Ada Lovelace:\nHi Ada, would you like to meet Grace Hopper"));
    assert!(to_grace.starts_with("Hi Grace, would you like to meet Ada Lovelace"));
    for note in [to_ada, to_grace] {
        assert!(note.contains("You both care about compilers"), "{note}");
    }
    let listed = home.json(&["intro", "list", "--json"]);
    assert_eq!(listed.len(), 1);
    let id = listed[0]["id"].as_str().unwrap().to_string();
    assert_eq!(listed[0]["stage"], "asked");
    assert!(report.contains(&format!(
        "Introduction {id} of Ada Lovelace and Grace Hopper: asked"
    )));
    // Both said yes: the bridge note.
    let (bridge, _) = both(&home, &["intro", "mark", &id, "accepted", "--print"]);
    assert!(
        bridge.starts_with("Ada, Founder, meet Grace, Rear Admiral! You both care about compilers"),
        "{bridge}"
    );
    assert_eq!(
        home.json(&["intro", "list", "--json"])[0]["stage"],
        "accepted"
    );
    home.run(&["intro", "mark", &id, "made"])
        .success()
        .stdout(predicates::str::contains("made — a gift to both"));
    assert!(home.json(&["intro", "list", "--json"]).is_empty());
    let all = home.json(&["intro", "list", "--all", "--json"]);
    let stages: Vec<&str> = all[0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["asked", "accepted", "made"]);
    // Each stage is its own entry in the history, referring to the first.
    let intros = home.json(&["history", "--kind", "intro", "--json"]);
    let mut seen: Vec<(String, Option<String>)> = intros
        .iter()
        .map(|e| {
            (
                e["stage"].as_str().unwrap().to_string(),
                e["refers"].as_str().map(str::to_string),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("accepted".to_string(), Some(id.clone())),
            ("asked".to_string(), None),
            ("made".to_string(), Some(id.clone())),
        ]
    );
    let history = home.ok(&["history", "--contact", "grace"]);
    for stage in ["asked", "accepted", "made"] {
        assert!(
            history.contains(&format!("{stage} · with Grace Hopper")),
            "{history}"
        );
    }
    // Closed: no stage after made, and never suggested again.
    home.run(&["intro", "mark", &id, "declined"])
        .code(1)
        .stderr(predicates::str::contains("it is closed: made already"));
    let pairs = home.json(&["intro", "suggest", "--json"]);
    assert!(
        pairs
            .iter()
            .all(|p| names(p) != ["Ada Lovelace", "Grace Hopper"])
    );
    home.run(&["intro", "ada", "grace", "--print"])
        .code(1)
        .stderr(predicates::str::contains("were already introduced"));
}

#[test]
fn a_made_introduction_is_a_gift_to_both_and_resets_their_due_ness() {
    let home = network();
    let due = |home: &Home| -> Vec<String> {
        home.json(&["due", "--json"])
            .iter()
            .map(|d| d["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(due(&home).len(), 4);
    home.run(&["intro", "ada", "grace", "--print"]).success();
    // Asking is not yet a gift.
    assert_eq!(due(&home).len(), 4);
    let id = home.json(&["intro", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    home.run(&["intro", "mark", &id, "made"]).success();
    assert_eq!(due(&home), ["Bob Byron", "Cy Sailor"]);
    for who in ["ada", "grace"] {
        let shown = home.json(&["contact", "show", who, "--json"]);
        assert_eq!(shown[0]["gives"], 1, "{who}");
        assert_eq!(shown[0]["last_touch"], support::home::NOW, "{who}");
    }
    let stats = object(&home, &["stats", "--json"]);
    assert_eq!(stats["weeks"][11]["gives"], 2);
    assert_eq!(stats["giga_touched"], 2);
}

#[test]
fn a_newer_linkedin_export_with_two_job_changes_yields_exactly_two_moments() {
    let home = Home::new();
    home.run(&["import", "linkedin", &fixture("linkedin_before.csv")])
        .success();
    assert!(home.json(&["moment", "list", "--json"]).is_empty());
    let report = home.ok(&["import", "linkedin", &fixture("linkedin_after.csv")]);
    assert!(
        report.contains("Ada Lovelace moved to Babbage Labs as CTO"),
        "{report}"
    );
    // Importing the same export again sees nothing new.
    home.run(&["import", "linkedin", &fixture("linkedin_after.csv")])
        .success();
    let entries = home.json(&["history", "--kind", "moment", "--json"]);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let moments = home.json(&["moment", "list", "--json"]);
    let mut changes: Vec<(&str, &str, &str, &str, &str)> = moments
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap();
            (
                s("name"),
                s("company_was"),
                s("company"),
                s("role_was"),
                s("role"),
            )
        })
        .collect();
    changes.sort();
    assert_eq!(
        changes,
        [
            (
                "Ada Lovelace",
                "Analytical Engines",
                "Babbage Labs",
                "Mathematician",
                "CTO"
            ),
            (
                "Grace Hopper",
                "US Navy",
                "US Navy",
                "Rear Admiral",
                "Commodore"
            ),
        ]
    );
    let suggest = home.ok(&["suggest"]);
    for line in [
        "Ada Lovelace moved to Babbage Labs as CTO — congratulate?",
        "Grace Hopper is now Commodore at US Navy — congratulate?",
    ] {
        assert!(suggest.contains(line), "{suggest}");
    }
    let digest = object(&home, &["digest", "--json"]);
    let mut in_digest: Vec<(&str, &str, &str)> = digest["moments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap();
            (s("name"), s("role_was"), s("role"))
        })
        .collect();
    in_digest.sort();
    assert_eq!(
        in_digest,
        [
            ("Ada Lovelace", "Mathematician", "CTO"),
            ("Grace Hopper", "Rear Admiral", "Commodore")
        ]
    );
    // Congratulating one is a touch (and wakes an untriaged contact);
    // dismissing the other sets it aside. Neither is offered again.
    let ada = moments
        .iter()
        .find(|m| m["name"] == "Ada Lovelace")
        .unwrap();
    let grace = moments
        .iter()
        .find(|m| m["name"] == "Grace Hopper")
        .unwrap();
    let (note, _) = both(
        &home,
        &["moment", "congrats", ada["id"].as_str().unwrap(), "--print"],
    );
    assert_eq!(
        note,
        "Hi Ada, congratulations on the new role as CTO at Babbage Labs! \
         I'd love to hear how the first weeks are going.\n"
    );
    home.run(&["moment", "dismiss", grace["id"].as_str().unwrap()])
        .success();
    assert!(home.json(&["moment", "list", "--json"]).is_empty());
    let shown = home.json(&["contact", "show", "ada", "--json"]);
    assert_eq!(shown[0]["state"], "active");
    assert_eq!(shown[0]["last_touch"], support::home::NOW);
    let touch = home.json(&["history", "--kind", "touch", "--json"]);
    assert_eq!(touch[0]["refers"], ada["id"]);
    home.run(&["moment", "dismiss", ada["id"].as_str().unwrap()])
        .code(1)
        .stderr(predicates::str::contains("already acted on"));
}

#[test]
fn an_answered_ask_leaves_the_open_list_and_counts_in_the_balance() {
    let home = network();
    let said = home.ok(&[
        "log",
        "ada",
        "--kind",
        "ask",
        "--note",
        "a referral",
        "--force",
    ]);
    let id = said
        .split_whitespace()
        .find(|w| w.len() == 9 && w.starts_with('h'))
        .map(|w| w.trim_end_matches(':').to_string())
        .expect("the ask's id is printed");
    assert!(said.contains(&format!("netwerk ask done {id}")), "{said}");
    let open = home.json(&["ask", "list", "--json"]);
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0]["id"].as_str(), open[0]["note"].as_str()),
        (Some(id.as_str()), Some("a referral"))
    );
    assert_eq!(
        object(&home, &["digest", "--json"])["open_asks"][0]["id"],
        id
    );
    home.run(&["ask", "done", &id, "--note", "got it"])
        .success();
    assert!(home.json(&["ask", "list", "--json"]).is_empty());
    assert!(
        object(&home, &["digest", "--json"])["open_asks"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let ada = home.json(&["contact", "show", "ada", "--json"]);
    assert_eq!(
        (ada[0]["asks"].as_u64(), ada[0]["answered"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        home.ok(&["contact", "show", "ada"])
            .contains("gives : asks  0 : 1 (1 answered)")
    );
    home.run(&["ask", "done", &id])
        .code(1)
        .stderr(predicates::str::contains("already answered"));
}

#[test]
fn topics_already_sent_to_someone_rank_below_topics_new_for_them() {
    let home = Home::new();
    home.add_contact("Ada Lovelace", &["rust", "sailing"]);
    for (url, title, topic) in [
        ("https://example.com/async", "Rust async", "rust"),
        ("https://example.com/knots", "Knots", "sailing"),
        ("https://example.com/tips", "Rust tips", "rust"),
    ] {
        home.run(&["queue", "add", url, "--title", title, "--topic", topic])
            .success();
    }
    home.run(&["share", "ada", "Rust async", "--print"])
        .success();
    let pairs = home.json(&["suggest", "--json"]);
    assert_eq!(pairs[0]["item_title"], "Knots");
    assert_eq!(pairs[0]["reason"], "new for Ada: sailing");
    assert_eq!(pairs[0]["fresh"], serde_json::json!(["sailing"]));
    let queue = home.ok(&["queue", "list", "--for", "ada"]);
    assert!(queue.contains("★ new for Ada: sailing"), "{queue}");
}

#[test]
fn the_digest_holds_every_section_with_the_right_people() {
    let home = network();
    // A gift this week: Bob and Cy introduced, and made.
    home.run(&["intro", "bob", "cy", "--print"]).success();
    let made = home.json(&["intro", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    home.run(&["intro", "mark", &made, "made"]).success();
    // Pending: Ada and Grace asked.
    home.run(&["intro", "ada", "grace", "--print"]).success();
    home.run(&[
        "log", "grace", "--kind", "ask", "--note", "advice", "--force",
    ])
    .success();
    home.run(&[
        "queue",
        "add",
        "https://example.com/poems",
        "--title",
        "Poems",
        "--topic",
        "poetry",
    ])
    .success();
    let feed = support::fixtures::feed("blog.rss");
    home.run(&["feed", "ingest", &feed]).success();
    // A moment: Ada's company changes in an import.
    let csv = home.data.with_file_name("Connections.csv");
    let row = |company: &str| {
        format!(
            "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
             First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,{company},Founder,12 Mar 2024\n"
        )
    };
    let ada_id = home.json(&["contact", "show", "ada", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    home.run(&[
        "contact",
        "edit",
        &ada_id,
        "--company",
        "Analytical Engines",
        "--link",
        "linkedin=https://www.linkedin.com/in/ada-lovelace",
    ])
    .success();
    std::fs::write(&csv, row("Babbage Labs")).unwrap();
    home.run(&["import", "linkedin", csv.to_str().unwrap()])
        .success();

    let d = object(&home, &["digest", "--format", "json"]);
    assert_eq!(
        d,
        object(&home, &["digest", "--json"]),
        "--json is short for it"
    );
    let people = |section: &str, key: &str| -> Vec<String> {
        let mut n: Vec<String> = d[section]
            .as_array()
            .unwrap_or_else(|| panic!("{section} is a list"))
            .iter()
            .map(|v| v[key].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    // Due: Ada and Grace (Bob and Cy got the introduction); Ada's best
    // item is the poems.
    assert_eq!(people("due", "name"), ["Ada Lovelace", "Grace Hopper"]);
    let ada = d["due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada["item"]["title"], "Poems");
    assert_eq!(d["due_total"], 2);
    // New in the inbox: the compilers post (Ada, Grace, and Bob for
    // rust), the sonnets (poetry); the knitting suits nobody.
    assert_eq!(
        people("inbox", "title"),
        ["A sonnet a day", "Writing compilers in Rust"]
    );
    let compilers = d["inbox"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Writing compilers in Rust")
        .unwrap();
    let mut suits: Vec<&str> = compilers["suits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    suits.sort();
    assert_eq!(suits, ["Ada Lovelace", "Bob Byron", "Grace Hopper"]);
    assert_eq!(people("moments", "name"), ["Ada Lovelace"]);
    assert_eq!(d["moments"][0]["company"], "Babbage Labs");
    assert_eq!(people("open_asks", "name"), ["Grace Hopper"]);
    assert_eq!(d["intros"].as_array().unwrap().len(), 1);
    assert_eq!(d["intros"][0]["stage"], "asked");
    assert_eq!(
        [
            d["intros"][0]["a"]["name"].as_str().unwrap(),
            d["intros"][0]["b"]["name"].as_str().unwrap()
        ],
        ["Ada Lovelace", "Grace Hopper"]
    );
    let gives = d["gives"].as_array().unwrap();
    assert_eq!(gives.len(), 1);
    let given: Vec<&str> = gives[0]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(given, ["Bob Byron", "Cy Sailor"]);

    let text = home.ok(&["digest"]);
    for heading in [
        "Due (2)",
        "New in the inbox (2)",
        "Moments (1)",
        "Open asks (1)",
        "Introductions waiting (1)",
        "You gave (1)",
    ] {
        assert!(text.contains(heading), "{heading} in:\n{text}");
    }
    assert!(
        text.contains("Ada Lovelace moved to Babbage Labs as Founder"),
        "{text}"
    );
    let md = home.ok(&["digest", "--format", "markdown"]);
    assert!(md.starts_with("# netwerk digest · 2026-11-26"), "{md}");
    assert!(
        md.contains(
            "## You gave (1)\n- 2026-11-26 Bob Byron and Cy Sailor ← introduced to each other"
        ),
        "{md}"
    );
    assert!(md.contains("[Poems](https://example.com/poems)"), "{md}");
}
