//! A tiny HTTP server on 127.0.0.1 for feed tests: serves RSS, Atom and
//! JSON feeds, answers conditional requests with 304, redirects, gzips,
//! hangs and breaks on purpose, and records every request it saw. Nothing
//! leaves the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the server saw: path and lower-cased headers.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request path.
    pub path: String,
    /// `(name, value)` with names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The running server; it lives as long as the test process.
pub struct FeedServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// An RSS 2.0 feed with the given `(title, link, guid, category)` items.
pub fn rss(title: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let mut s =
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>");
    for (t, link, guid, cat) in items {
        s.push_str(&format!(
            "<item><title>{t}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid><category>{cat}</category></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sea Stories</title><id>urn:sea</id>
<updated>2026-11-20T00:00:00Z</updated>
<entry><title>Knots for sailors</title><id>urn:sea:1</id><link rel="alternate" href="https://sea.example/knots"/>
<link rel="enclosure" type="audio/mpeg" href="https://sea.example/knots.mp3" length="1"/><updated>2026-11-20T00:00:00Z</updated></entry>
</feed>"#;

const JSON: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Talks","items":[
{"id":"t1","url":"https://www.youtube.com/watch?v=abc123","title":"Async Rust in depth","tags":["async"]}]}"#;

const LAST_MODIFIED: &str = "Fri, 20 Nov 2026 00:00:00 GMT";

impl FeedServer {
    /// Starts the server on a free loopback port. Paths: `/rss` (ETag),
    /// `/atom` (Last-Modified), `/json`, `/moved` (301 → `/rss2`),
    /// `/gzip` (gzip-encoded RSS), `/slow` (answers after a minute),
    /// `/broken` (HTML, no feed), `/gone` (404).
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || {
                    let _ = serve(stream, &log);
                });
            }
        });
        FeedServer { base, seen }
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let seen = Seen { path, headers };
    log.lock().unwrap().push(seen.clone());
    let mut out = stream;
    let respond = |out: &mut TcpStream, status: &str, extra: &[(&str, &str)], body: &[u8]| {
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (n, v) in extra {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        out.write_all(body)?;
        out.flush()
    };
    let blog = rss(
        "Compiler Notes",
        &[
            (
                "Writing compilers in Rust",
                "https://notes.example/rust-compilers",
                "notes-1",
                "Systems",
            ),
            (
                "A sonnet a day",
                "https://notes.example/sonnets",
                "notes-2",
                "poetry",
            ),
        ],
    );
    match seen.path.as_str() {
        "/rss" if seen.header("if-none-match") == Some("\"v1\"") => {
            respond(&mut out, "304 Not Modified", &[("ETag", "\"v1\"")], b"")
        }
        "/rss" => respond(
            &mut out,
            "200 OK",
            &[("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")],
            blog.as_bytes(),
        ),
        "/atom" if seen.header("if-modified-since") == Some(LAST_MODIFIED) => {
            respond(&mut out, "304 Not Modified", &[], b"")
        }
        "/atom" => respond(
            &mut out,
            "200 OK",
            &[("Last-Modified", LAST_MODIFIED)],
            ATOM.as_bytes(),
        ),
        "/json" => respond(
            &mut out,
            "200 OK",
            &[("Content-Type", "application/feed+json")],
            JSON.as_bytes(),
        ),
        "/moved" => respond(
            &mut out,
            "301 Moved Permanently",
            &[("Location", "/rss2")],
            b"",
        ),
        "/rss2" => {
            let body = rss(
                "Moved",
                &[("Moved here", "https://moved.example/post", "m-1", "rust")],
            );
            respond(&mut out, "200 OK", &[], body.as_bytes())
        }
        "/gzip" => {
            let body = rss(
                "Zipped",
                &[(
                    "Sailing, compressed",
                    "https://zip.example/sail",
                    "z-1",
                    "sailing",
                )],
            );
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(body.as_bytes())?;
            let gz = gz.finish()?;
            respond(&mut out, "200 OK", &[("Content-Encoding", "gzip")], &gz)
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(60));
            respond(&mut out, "200 OK", &[], blog.as_bytes())
        }
        "/broken" => respond(
            &mut out,
            "200 OK",
            &[("Content-Type", "text/html")],
            b"<html><body>Oops</body></html>",
        ),
        _ => respond(&mut out, "404 Not Found", &[], b"not here"),
    }
}
