//! `import bookmarks`: given an export from a browser, linkding, Raindrop,
//! Instapaper, wallabag or Omnivore, the format is found from the file,
//! tags become topics, read items arrive archived, and a file netwerk
//! does not know is refused with nothing written. `import urls` gives
//! every link topics and a kind.

mod support;

use serde_json::Value;
use support::Home;
use support::fixtures::import as fixture;

/// The queue, every item, as `queue list --all --json` shows it.
fn queue(home: &Home) -> Vec<Value> {
    home.json(&["queue", "list", "--all", "--json"])
}

fn by_url<'a>(items: &'a [Value], url: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["url"] == url)
        .unwrap_or_else(|| panic!("no {url} in {items:#?}"))
}

#[test]
fn netscape_html_tags_become_topics_and_toread_0_is_archived() {
    let home = Home::new();
    let out = home.ok(&["import", "bookmarks", &fixture("bookmarks_netscape.html")]);
    assert_eq!(
        out,
        "Added 3, updated 0, unchanged 0, skipped 2\nSkipped:\n  \
         line 12: not an http(s) URL: `javascript:alert(1)`\n  \
         line 15: duplicate of line 9\n"
    );
    let items = queue(&home);
    let rust = by_url(&items, "https://blog.example/rust-async");
    assert_eq!(rust["title"], "Rust async & you");
    assert_eq!(rust["topics"], serde_json::json!(["rust", "async"]));
    assert_ne!(rust["archived"], true);
    assert_eq!(rust["added"], "2023-11-14");
    let knots = by_url(&items, "https://sea.example/knots");
    assert_eq!(knots["archived"], true);
    assert_eq!(knots["topics"], serde_json::json!(["sailing"]));
    let talk = by_url(&items, "https://www.youtube.com/watch?v=abc123");
    assert_eq!(talk["kind"], "video");
}

#[test]
fn raindrop_and_instapaper_csv() {
    let home = Home::new();
    let out = home.ok(&["import", "bookmarks", &fixture("raindrop.csv")]);
    assert!(
        out.starts_with("Added 2, updated 0, unchanged 0, skipped 1\n"),
        "{out}"
    );
    assert!(
        out.contains("line 4: not an http(s) URL: `notaurl`"),
        "{out}"
    );
    let out = home.ok(&["import", "bookmarks", &fixture("instapaper.csv")]);
    assert_eq!(out, "Added 3, updated 0, unchanged 0, skipped 0\n");
    let items = queue(&home);
    let design = by_url(&items, "https://design.example/systems");
    assert_eq!(design["title"], "Design systems, at scale");
    assert_eq!(design["topics"], serde_json::json!(["Design", "css"]));
    assert_eq!(design["added"], "2024-03-01");
    assert_eq!(
        by_url(&items, "https://poems.example/sonnet")["topics"],
        serde_json::json!(["poetry"])
    );
    let rust = by_url(&items, "https://essays.example/rust");
    assert_eq!(
        rust["topics"],
        serde_json::json!(["Programming", "rust", "notes"])
    );
    assert_eq!(
        by_url(&items, "https://essays.example/done")["archived"],
        true
    );
    assert_eq!(
        by_url(&items, "https://essays.example/writing")["topics"],
        serde_json::json!(["writing"])
    );
}

#[test]
fn wallabag_and_omnivore_json() {
    let home = Home::new();
    assert_eq!(
        home.ok(&["import", "bookmarks", &fixture("wallabag.json")]),
        "Added 2, updated 0, unchanged 0, skipped 0\n"
    );
    assert_eq!(
        home.ok(&["import", "bookmarks", &fixture("omnivore.json")]),
        "Added 2, updated 0, unchanged 0, skipped 0\n"
    );
    let items = queue(&home);
    let climate = by_url(&items, "https://climate.example/next");
    assert_eq!(climate["archived"], true);
    assert_eq!(climate["topics"], serde_json::json!(["climate"]));
    assert_eq!(
        by_url(&items, "https://embedded.example/rust")["topics"],
        serde_json::json!(["rust", "embedded"])
    );
    let k8s = by_url(&items, "https://k8s.example/operators");
    assert_eq!(k8s["archived"], true);
    assert_eq!(k8s["added"], "2024-06-01");
    assert_eq!(
        by_url(&items, "https://arxiv.org/abs/1706.03762")["kind"],
        "paper"
    );
}

#[test]
fn an_unknown_or_broken_file_is_refused_with_nothing_written() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "just some notes\n").unwrap();
    let out = home
        .run(&["import", "bookmarks", &notes.display().to_string()])
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("notes.txt:1: not a bookmark export netwerk knows"),
        "{err}"
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "[\n {\"url\": \"https://a.example\",\n").unwrap();
    let out = home
        .run(&["import", "bookmarks", &broken.display().to_string()])
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("broken.json:3: unreadable JSON"), "{err}");
    assert!(!home.data.join("queue.toml").exists());
}

#[test]
fn a_url_list_takes_topics_and_a_kind() {
    let home = Home::new();
    home.ok(&[
        "import",
        "urls",
        &fixture("reading_list.txt"),
        "--topic",
        "rust",
        "--topic",
        "reading",
        "--kind",
        "paper",
    ]);
    let items = queue(&home);
    assert_eq!(items.len(), 2);
    for i in &items {
        assert_eq!(i["kind"], "paper", "{i}");
        let topics = i["topics"].as_array().unwrap();
        assert!(
            topics.contains(&"rust".into()) && topics.contains(&"reading".into()),
            "{i}"
        );
    }
    let bad = home.run(&[
        "import",
        "urls",
        &fixture("reading_list.txt"),
        "--kind",
        "poem",
    ]);
    let err = String::from_utf8_lossy(&bad.code(1).get_output().stderr).into_owned();
    assert!(err.contains("unknown kind \"poem\""), "{err}");
}
