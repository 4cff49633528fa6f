//! Plain URL lists: one URL per line, an optional title after whitespace.
//!
//! ```text
//! # reading list
//! https://example.com/rust-async   Rust async in depth
//! https://example.com/knots
//! ```

use std::collections::HashMap;

use super::links::is_web_url;
use super::records::{ImportedItem, Parsed};

/// Reads a URL list. Blank lines and lines starting with `#` are ignored;
/// lines that are not http(s) URLs, and repeats of an earlier URL, are
/// skipped with a reason. Never fails: every line stands on its own.
pub fn parse(text: &str) -> Parsed<ImportedItem> {
    let mut parsed = Parsed::default();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let (url, title) = match content.split_once(char::is_whitespace) {
            Some((url, title)) => (url, Some(title.trim())),
            None => (content, None),
        };
        if !is_web_url(url) {
            parsed.skip(line, format!("not an http(s) URL: `{url}`"));
            continue;
        }
        if let Some(&earlier) = seen.get(url) {
            parsed.skip(line, format!("duplicate of line {earlier}"));
            continue;
        }
        seen.insert(url, line);
        parsed.records.push(ImportedItem {
            line,
            url: url.to_string(),
            title: title.filter(|t| !t.is_empty()).map(str::to_string),
            topics: Vec::new(),
            added: None,
            archived: false,
        });
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_titles_comments_and_junk() {
        let parsed = parse(
            "# list\n\nhttps://a.example/x  Title here \nftp://b.example\nhttps://a.example/x\n",
        );
        let got: Vec<_> = parsed
            .records
            .iter()
            .map(|i| (i.line, i.url.as_str(), i.title.as_deref()))
            .collect();
        assert_eq!(got, [(3, "https://a.example/x", Some("Title here"))]);
        let skipped: Vec<_> = parsed
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (4, "not an http(s) URL: `ftp://b.example`"),
                (5, "duplicate of line 3")
            ]
        );
    }
}
