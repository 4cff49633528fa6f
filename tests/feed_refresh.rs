//! `feed refresh` against a server on 127.0.0.1: given feeds that answer,
//! redirect, compress, hang and break, when the user refreshes, then the
//! good ones arrive in the inbox, the bad ones are reported, and a second
//! refresh costs 304s and adds nothing.

mod support;

use serde_json::Value;
use support::Home;
use support::feed_server::FeedServer;

fn status_of<'a>(results: &'a [Value], url: &str) -> (&'a str, u64, u64) {
    let r = results
        .iter()
        .find(|r| r["url"] == url)
        .unwrap_or_else(|| panic!("no result for {url}: {results:?}"));
    (
        r["status"].as_str().unwrap(),
        r["entries"].as_u64().unwrap(),
        r["added"].as_u64().unwrap(),
    )
}

#[test]
fn refresh_fetches_every_feed_and_a_second_refresh_costs_304s() {
    let server = FeedServer::start();
    let home = Home::ada_and_alan();
    for path in [
        "/rss", "/atom", "/json", "/moved", "/gzip", "/slow", "/broken", "/gone",
    ] {
        home.ok(&["feed", "add", &server.url(path)]);
    }
    home.ok(&["feed", "add", &server.url("/atom"), "--topic", "sailing"]);

    let out = home.ok(&["feed", "refresh", "--timeout", "2", "--json"]);
    let results: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(status_of(&results, &server.url("/rss")), ("fetched", 2, 2));
    assert_eq!(status_of(&results, &server.url("/atom")), ("fetched", 1, 1));
    assert_eq!(status_of(&results, &server.url("/json")), ("fetched", 1, 1));
    assert_eq!(
        status_of(&results, &server.url("/moved")),
        ("fetched", 1, 1)
    );
    assert_eq!(status_of(&results, &server.url("/gzip")), ("fetched", 1, 1));
    let failed = |path: &str| {
        let r = results
            .iter()
            .find(|r| r["url"] == server.url(path))
            .unwrap();
        assert_eq!(r["status"], "failed", "{path}: {r}");
        r["error"].as_str().unwrap().to_string()
    };
    assert_eq!(failed("/slow"), "timed out");
    assert!(failed("/broken").starts_with("not a feed"));
    assert_eq!(failed("/gone"), "HTTP 404 Not Found");

    let inbox = home.json(&["inbox", "--json"]);
    let by_title = |t: &str| {
        inbox
            .iter()
            .find(|e| e["title"] == t)
            .unwrap_or_else(|| panic!("no {t}"))
    };
    assert_eq!(
        by_title("Writing compilers in Rust")["reason"],
        "Ada (rust)"
    );
    assert_eq!(by_title("Knots for sailors")["reason"], "Alan (sailing)");
    assert_eq!(by_title("Knots for sailors")["kind"], "podcast");
    assert_eq!(by_title("Knots for sailors")["feed"], "Sea Stories");
    assert_eq!(by_title("Sailing, compressed")["reason"], "Alan (sailing)");
    assert_eq!(by_title("Async Rust in depth")["kind"], "video");
    assert_eq!(inbox.len(), 6);
    // The feed's own title names a feed that had none; validators are kept.
    let feeds = home.json(&["feed", "list", "--json"]);
    let rss = feeds
        .iter()
        .find(|f| f["url"] == server.url("/rss"))
        .unwrap();
    assert_eq!(rss["name"], "Compiler Notes");
    assert_eq!(rss["etag"], "\"v1\"");

    // Again: the validators go back, the server says 304, nothing new.
    let before = server.seen().len();
    let out = home.ok(&["feed", "refresh", "--timeout", "2"]);
    assert!(out.contains("Compiler Notes: unchanged"), "{out}");
    assert!(out.contains("Sea Stories: unchanged"), "{out}");
    assert!(out.contains("Talks: 0 new of 1"), "{out}");
    assert!(
        out.ends_with("0 new in the inbox from 8 feeds; 3 failed.\n"),
        "{out}"
    );
    let second: Vec<_> = server.seen()[before..].to_vec();
    let rss_request = second.iter().find(|s| s.path == "/rss").unwrap();
    assert_eq!(rss_request.header("if-none-match"), Some("\"v1\""));
    let atom_request = second.iter().find(|s| s.path == "/atom").unwrap();
    assert_eq!(
        atom_request.header("if-modified-since"),
        Some("Fri, 20 Nov 2026 00:00:00 GMT")
    );
    assert!(server.seen().iter().all(|s| {
        s.header("accept-encoding")
            .is_some_and(|e| e.contains("gzip"))
    }));
    assert_eq!(home.json(&["inbox", "--json"]).len(), 6);
}

#[test]
fn when_every_feed_fails_the_refresh_fails() {
    let server = FeedServer::start();
    let home = Home::new();
    home.ok(&["feed", "add", &server.url("/gone")]);
    let assert = home.run(&["feed", "refresh"]).code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("failed: HTTP 404 Not Found"), "{out}");
    // No feeds: nothing to do, nothing fetched.
    let empty = Home::new();
    assert!(empty.ok(&["feed", "refresh"]).starts_with("No feeds yet."));
}
