//! Queue imports: URL lists and Pocket exports.

use chrono::{DateTime, Utc};
use netwerk::import::{ImportedItem, Skipped, pocket, urls};

fn at(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

fn item(line: usize, url: &str, title: Option<&str>) -> ImportedItem {
    ImportedItem {
        line,
        url: url.into(),
        title: title.map(Into::into),
        topics: Vec::new(),
        added: None,
        archived: false,
    }
}

fn skipped(line: usize, reason: &str) -> Skipped {
    Skipped {
        line,
        reason: reason.into(),
    }
}

#[test]
fn url_list_with_titles_comments_and_junk() {
    let text = std::str::from_utf8(include_bytes!("fixtures/import/reading_list.txt")).unwrap();
    let parsed = urls::parse(text);
    assert_eq!(
        parsed.records,
        [
            item(
                2,
                "https://example.com/rust-async",
                Some("Rust async in depth")
            ),
            item(4, "https://example.com/knots", None),
        ]
    );
    assert_eq!(
        parsed.skipped,
        [
            skipped(5, "not an http(s) URL: `example.com/no-scheme`"),
            skipped(7, "duplicate of line 4"),
        ]
    );
}

#[test]
fn pocket_export_tags_times_status_and_bad_rows() {
    let parsed = pocket::parse(include_bytes!("fixtures/import/pocket_export.csv")).unwrap();
    assert_eq!(
        parsed.records,
        [
            ImportedItem {
                topics: vec!["rust".into(), "async".into()],
                added: at(1_700_000_000),
                ..item(
                    2,
                    "https://example.com/rust-async?utm_source=x",
                    Some("Rust async in depth")
                )
            },
            ImportedItem {
                topics: vec!["sailing".into()],
                added: at(1_700_003_600),
                archived: true,
                ..item(
                    3,
                    "https://example.com/knots",
                    Some("Sailing knots, illustrated")
                )
            },
            // Pocket repeats the URL as the title of untitled pages.
            ImportedItem {
                added: at(1_700_007_200),
                ..item(4, "https://example.com/untitled", None)
            },
        ]
    );
    assert_eq!(
        parsed.skipped,
        [
            skipped(5, "not an http(s) URL: `javascript:alert(1)`"),
            skipped(6, "duplicate of line 2"),
        ]
    );
}

#[test]
fn pocket_crlf_rows_keep_their_line_numbers() {
    let csv = "title,url,time_added,tags,status\r\nA,https://a.example,,,\r\nB,https://b.example,x,,\r\nC,https://c.example,,,later\r\n";
    let parsed = pocket::parse(csv.as_bytes()).unwrap();
    assert_eq!(parsed.records, [item(2, "https://a.example", Some("A"))]);
    assert_eq!(
        parsed.skipped,
        [
            skipped(3, "unreadable time_added `x`"),
            skipped(4, "unknown status `later`"),
        ]
    );
}

#[test]
fn pocket_wrong_header_and_unterminated_quote_are_refused() {
    let err = pocket::parse(b"url,title\nhttps://a.example,A\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: not a Pocket export header (no `time_added` column); \
         expected `title,url,time_added,tags,status`"
    );
    let err = pocket::parse(b"title,url,time_added,tags,status\n\"A,https://a.example,1,,unread\n")
        .unwrap_err();
    assert_eq!(err.line, 2);
}
