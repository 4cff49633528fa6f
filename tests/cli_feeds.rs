//! Feeds and the inbox as a user meets them from the command line: given
//! subscriptions and feed documents read offline, when the user imports,
//! ingests, keeps and skips, then this is listed and this is on disk.

mod support;

use serde_json::Value;
use support::Home;
use support::fixtures::feed as fixture;

/// Ada likes rust and poetry, Grace compilers and rust, Alan sailing;
/// Dora likes rust but is set aside (dormant).
fn network() -> Home {
    let home = Home::new();
    home.add_contact("Ada Lovelace", &["rust", "poetry"]);
    home.add_contact("Grace Hopper", &["compilers", "rust"]);
    home.ok(&[
        "contact",
        "add",
        "Alan Turing",
        "--interest",
        "sailing",
        "--degree",
        "2",
    ]);
    home.ok(&["contact", "add", "Dora Dormant", "--interest", "rust"]);
    home.ok(&["contact", "edit", "Dora", "--state", "dormant"]);
    home
}

fn titles(inbox: &[Value]) -> Vec<&str> {
    inbox.iter().map(|e| e["title"].as_str().unwrap()).collect()
}

#[test]
fn subscriptions_import_list_export_and_remove() {
    let home = Home::new();
    let out = home.ok(&["feed", "import", "opml", &fixture("subscriptions.opml")]);
    assert!(
        out.starts_with("Subscribed to 3 new feeds; 0 already subscribed; 1 skipped."),
        "{out}"
    );
    assert!(out.contains("gopher://old.example/feed"), "{out}");
    home.ok(&[
        "feed",
        "add",
        "https://notes.example/feed.xml?utm_source=x",
        "--topic",
        "compilers",
    ]);
    let feeds = home.json(&["feed", "list", "--json"]);
    let urls: Vec<&str> = feeds.iter().map(|f| f["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://notes.example/feed.xml",
            "https://sea.example/atom",
            "https://talks.example/feed.json"
        ]
    );
    assert_eq!(
        feeds[0]["topics"],
        serde_json::json!(["Programming", "compilers"])
    );
    assert_eq!(
        feeds[2]["topics"],
        serde_json::json!(["Programming", "async"])
    );
    let text = std::fs::read_to_string(home.file("feeds.toml")).unwrap();
    assert!(
        text.starts_with("# netwerk feeds.") && text.contains("\nformat = 1\n"),
        "{text}"
    );

    // Export and import into another home: the same subscriptions.
    let opml = home.ok(&["feed", "export", "opml"]);
    let other = Home::new();
    let file = other.home.join("out.opml");
    std::fs::create_dir_all(&other.home).unwrap();
    std::fs::write(&file, &opml).unwrap();
    other.ok(&["feed", "import", "opml", file.to_str().unwrap()]);
    let again = other.json(&["feed", "list", "--json"]);
    let strip = |v: &[Value]| -> Vec<(Value, Value)> {
        v.iter()
            .map(|f| (f["url"].clone(), f["topics"].clone()))
            .collect()
    };
    assert_eq!(strip(&again), strip(&feeds));

    home.ok(&["feed", "rm", "Sea Stories"]);
    assert_eq!(home.json(&["feed", "list", "--json"]).len(), 2);
    let err = home.fails(&["feed", "rm", "example"]);
    assert!(err.contains("matches 2 records"));
}

#[test]
fn newsboat_tags_become_topics() {
    let home = Home::new();
    let dir = home.home.join(".newsboat");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("urls"),
        "https://notes.example/feed.xml rust \"~Compiler Notes\" \"machine learning\"\n\
         query:Unread:unread = \"yes\"\n",
    )
    .unwrap();
    let out = home.ok(&["feed", "import", "newsboat"]);
    assert!(out.starts_with("Subscribed to 1 new feeds"), "{out}");
    let feeds = home.json(&["feed", "list", "--json"]);
    assert_eq!(feeds[0]["name"], "Compiler Notes");
    assert_eq!(
        feeds[0]["topics"],
        serde_json::json!(["rust", "machine learning"])
    );
}

#[test]
fn ingested_entries_are_matched_deduplicated_and_kept_into_the_queue() {
    let home = network();
    home.ok(&["queue", "add", "https://talks.example/already-queued"]);
    let out = home.ok(&["feed", "ingest", &fixture("blog.rss")]);
    assert_eq!(out, "3 new in the inbox; 0 already known.\n");
    // Same post under another address form, and a GUID seen before.
    let out = home.ok(&[
        "feed",
        "ingest",
        &fixture("podcast.atom"),
        "--topic",
        "sailing",
    ]);
    assert_eq!(out, "1 new in the inbox; 1 already known.\n");
    let out = home.ok(&["feed", "ingest", &fixture("videos.json")]);
    assert_eq!(out, "1 new in the inbox; 1 already known.\n");

    let inbox = home.json(&["inbox", "--json"]);
    assert_eq!(
        titles(&inbox),
        [
            "Async Rust in depth",
            "Knots for sailors",
            "Writing compilers in Rust",
            "Knitting patterns",
            "A sonnet a day"
        ]
    );
    let compilers = &inbox[2];
    assert_eq!(compilers["url"], "https://notes.example/rust-compilers");
    assert_eq!(
        compilers["topics"],
        serde_json::json!(["Systems", "compilers", "rust"])
    );
    assert_eq!(compilers["reason"], "Grace, Ada (compilers, rust)");
    assert_eq!(
        compilers["suits_total"], 2,
        "the dormant contact is left out"
    );
    assert_eq!(inbox[0]["kind"], "video");
    assert_eq!(inbox[0]["reason"], "Ada, Grace (rust)");
    assert_eq!(inbox[1]["kind"], "podcast");
    assert_eq!(inbox[1]["url"], "https://sea.example/episodes/knots");
    assert_eq!(inbox[1]["reason"], "Alan (sailing)");
    assert_eq!(inbox[3]["reason"], "");
    assert_eq!(inbox[4]["reason"], "Ada (poetry)");

    let table = home.ok(&["inbox"]);
    assert!(
        table.contains("Writing compilers in Rust  → Grace, Ada (compilers, rust)"),
        "{table}"
    );

    // Keep: into the queue with its topics and kind, out of the inbox.
    let out = home.ok(&["inbox", "keep", "async rust"]);
    assert!(out.starts_with("Queued Async Rust in depth"), "{out}");
    let queue = home.json(&["queue", "list", "--json"]);
    let kept = queue
        .iter()
        .find(|i| i["title"] == "Async Rust in depth")
        .unwrap();
    assert_eq!(kept["kind"], "video");
    assert_eq!(kept["topics"], serde_json::json!(["async", "rust"]));
    // Skip, then clear what is older than 30 days.
    home.ok(&["inbox", "skip", "knitting"]);
    assert_eq!(
        home.ok(&["inbox", "clear", "--older-than", "30d"]),
        "Skipped 1 entries from before 2026-10-27.\n"
    );
    assert_eq!(
        titles(&home.json(&["inbox", "--json"])),
        ["Knots for sailors", "Writing compilers in Rust"]
    );
    // Nothing kept or skipped comes back.
    for f in ["blog.rss", "podcast.atom", "videos.json"] {
        let out = home.ok(&["feed", "ingest", &fixture(f)]);
        assert!(out.starts_with("0 new in the inbox"), "{f}: {out}");
    }
    let text = std::fs::read_to_string(home.file("inbox.toml")).unwrap();
    assert!(text.contains("state = \"skipped\"") && text.contains("state = \"kept\""));
    let err = home.fails(&["inbox", "keep", "nothing like it"]);
    assert!(err.contains("no inbox entry matches"));
}

#[test]
fn a_broken_feed_or_inbox_file_is_refused_untouched() {
    let home = network();
    let bad = home.home.join("bad.xml");
    std::fs::create_dir_all(&home.home).unwrap();
    std::fs::write(&bad, "<html><body>not a feed</body></html>").unwrap();
    let err = home.fails(&["feed", "ingest", bad.to_str().unwrap()]);
    assert!(err.contains("bad.xml: not a feed"));
    std::fs::write(home.file("inbox.toml"), "format = 1\n[[entry]]\nid = 3\n").unwrap();
    let err = home.fails(&["inbox"]);
    assert!(err.contains("inbox.toml:3:"), "{}", err);
    std::fs::write(home.file("feeds.toml"), "format = 9\n").unwrap();
    let err = home.fails(&["feed", "add", "https://x.example/feed"]);
    assert!(err.contains("format version 9 is newer"));
    assert_eq!(
        std::fs::read_to_string(home.file("feeds.toml")).unwrap(),
        "format = 9\n"
    );
}

/// newsboat's bookmark hook passes URL, title, description and feed
/// title; the interests the feed title and description name become topics.
#[test]
fn the_newsboat_hook_fields_become_topic_hints() {
    let home = Home::new();
    home.ok(&["contact", "add", "Ada Lovelace", "--interest", "rust"]);
    home.ok(&["contact", "add", "Alan Turing", "--interest", "sailing"]);
    let out = home.ok(&[
        "queue",
        "add",
        "https://weekly.example/issue-12",
        "--title",
        "Issue 12",
        "--description",
        "This week: knots and sailing in the Solent",
        "--feed",
        "This Week in Rust",
    ]);
    assert!(out.starts_with("Queued Issue 12"), "{out}");
    let items = home.json(&["queue", "list", "--json"]);
    assert_eq!(items[0]["topics"], serde_json::json!(["rust", "sailing"]));
}
