//! Bookmark exports, the format found from the content: Netscape bookmark
//! HTML (browsers, linkding, Raindrop, Karakeep), Raindrop CSV, Instapaper
//! CSV, wallabag JSON and Omnivore JSON. Tags become topics; what the
//! source marks read or archived is queued archived.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::csv_input::{LineIndex, check_quotes, columns, field, text_field};
use super::links::is_web_url;
use super::records::{ImportedItem, ParseError, Parsed};
use super::text::{self, line_at};

/// The formats `import bookmarks` recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `<!DOCTYPE NETSCAPE-Bookmark-file-1>`.
    Netscape,
    /// Raindrop.io's CSV export.
    RaindropCsv,
    /// Instapaper's CSV export.
    InstapaperCsv,
    /// wallabag's JSON export.
    Wallabag,
    /// Omnivore's JSON export.
    Omnivore,
}

impl Format {
    /// As the import report names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Netscape => "Netscape bookmark HTML",
            Format::RaindropCsv => "Raindrop CSV",
            Format::InstapaperCsv => "Instapaper CSV",
            Format::Wallabag => "wallabag JSON",
            Format::Omnivore => "Omnivore JSON",
        }
    }
}

/// Reads a bookmark export of any known format, or says which formats it
/// could have been.
pub fn parse(bytes: &[u8]) -> Result<(Format, Parsed<ImportedItem>), ParseError> {
    let text = text::utf8(bytes)?;
    let format = detect(text)?;
    let parsed = match format {
        Format::Netscape => netscape(text),
        Format::RaindropCsv => raindrop(text)?,
        Format::InstapaperCsv => instapaper(text)?,
        Format::Wallabag | Format::Omnivore => json(text, format)?,
    };
    Ok((format, parsed))
}

/// The format, from the file's first characters and header.
fn detect(text: &str) -> Result<Format, ParseError> {
    let start = text.trim_start();
    let head: String = start.chars().take(2048).collect::<String>();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype netscape-bookmark-file") || lower.contains("<dt><a ") {
        return Ok(Format::Netscape);
    }
    if start.starts_with('[') || start.starts_with('{') {
        // Omnivore's items have a `slug` and `savedAt`; wallabag's
        // `is_archived` and `reading_time`.
        return Ok(
            if lower.contains("\"savedat\"") || lower.contains("\"slug\"") {
                Format::Omnivore
            } else {
                Format::Wallabag
            },
        );
    }
    let header = lower.lines().next().unwrap_or_default();
    let has = |c: &str| header.split(',').any(|h| h.trim().trim_matches('"') == c);
    if has("url") && has("folder") && has("excerpt") {
        return Ok(Format::RaindropCsv);
    }
    if has("url") && has("selection") && has("folder") {
        return Ok(Format::InstapaperCsv);
    }
    Err(ParseError::new(
        1,
        "not a bookmark export netwerk knows: expected Netscape bookmark HTML, \
         Raindrop or Instapaper CSV, or wallabag or Omnivore JSON",
    ))
}

/// Skips a repeated or non-web address; true when the record may go on.
fn admit(
    parsed: &mut Parsed<ImportedItem>,
    seen: &mut HashMap<String, usize>,
    line: usize,
    url: &str,
) -> bool {
    if !is_web_url(url) {
        parsed.skip(line, format!("not an http(s) URL: `{url}`"));
        return false;
    }
    if let Some(&earlier) = seen.get(url) {
        parsed.skip(line, format!("duplicate of line {earlier}"));
        return false;
    }
    seen.insert(url.to_string(), line);
    true
}

/// Tags split on `sep`, trimmed, empty ones dropped.
fn tags(list: &str, sep: char) -> Vec<String> {
    list.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

// ---- Netscape bookmark HTML ------------------------------------------------

/// Every `<A HREF=…>title</A>`: `TAGS` (comma-separated) become topics,
/// `ADD_DATE` (Unix seconds) the day it was added; an explicit
/// `TOREAD="0"` (linkding, Karakeep) marks it read, so archived.
fn netscape(text: &str) -> Parsed<ImportedItem> {
    let mut parsed = Parsed::default();
    let mut seen = HashMap::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<a ").map(|i| from + i) {
        let Some(end_tag) = lower[at..].find('>').map(|i| at + i) else {
            break;
        };
        let line = line_at(text.as_bytes(), at);
        let attrs = attributes(&text[at + 3..end_tag]);
        let close = lower[end_tag..]
            .find("</a>")
            .map_or(text.len(), |i| end_tag + i);
        let title = decode(text[end_tag + 1..close].trim());
        from = close.max(end_tag + 1);
        let get = |name: &str| attrs.get(name).map(String::as_str);
        let Some(url) = get("href") else {
            continue;
        };
        let url = decode(url);
        if !admit(&mut parsed, &mut seen, line, &url) {
            continue;
        }
        parsed.records.push(ImportedItem {
            line,
            title: Some(title).filter(|t| !t.is_empty() && *t != url),
            topics: get("tags")
                .map(|t| tags(&decode(t), ','))
                .unwrap_or_default(),
            added: get("add_date").and_then(unix),
            archived: get("toread").map(str::trim) == Some("0"),
            url,
        });
    }
    parsed
}

/// `NAME="value"` pairs of a tag, names lower-cased.
fn attributes(tag: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        // Only the last word before `=` is the name (`A HREF` → `href`).
        let name = name.rsplit(char::is_whitespace).next().unwrap_or_default();
        out.insert(name.to_string(), value.to_string());
        rest = next;
    }
    out
}

/// The few HTML entities bookmark exports use.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn unix(secs: &str) -> Option<DateTime<Utc>> {
    let secs: i64 = secs.trim().parse().ok()?;
    // Some exports write milliseconds or microseconds.
    let secs = match secs {
        s if s > 100_000_000_000_000 => s / 1_000_000,
        s if s > 100_000_000_000 => s / 1_000,
        s => s,
    };
    DateTime::from_timestamp(secs, 0)
}

fn iso(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

// ---- CSV -------------------------------------------------------------------

/// Reads a CSV export, calling `row` for each record with its line.
fn csv_rows<const N: usize>(
    text: &str,
    header: [&'static str; N],
    what: &str,
    mut row: impl FnMut(&mut Parsed<ImportedItem>, usize, &csv::StringRecord, [usize; N]),
) -> Result<Parsed<ImportedItem>, ParseError> {
    let data = text.as_bytes();
    check_quotes(data, 1, b',')?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data);
    let mut lines = LineIndex::new(data, 1);
    let headers = reader.headers().map_err(|e| lines.error(&e))?.clone();
    let at = columns(&headers, header).map_err(|missing| {
        ParseError::new(1, format!("not a {what} header (no `{missing}` column)"))
    })?;
    let mut parsed = Parsed::default();
    let mut record = csv::StringRecord::new();
    while let Some(line) = lines.next_record(&mut reader, &mut record)? {
        row(&mut parsed, line, &record, at);
    }
    Ok(parsed)
}

/// Raindrop: `id,title,note,excerpt,url,folder,tags,created,…`; tags are
/// comma-separated, the folder (unless "Unsorted") is a topic too.
fn raindrop(text: &str) -> Result<Parsed<ImportedItem>, ParseError> {
    let mut seen = HashMap::new();
    csv_rows(
        text,
        ["url", "title", "folder", "tags", "created"],
        "Raindrop CSV",
        |parsed, line, r, [url, title, folder, tag_list, created]| {
            let link = field(r, url).unwrap_or_default().to_string();
            if !admit(parsed, &mut seen, line, &link) {
                return;
            }
            let mut topics = field(r, tag_list).map(|t| tags(t, ',')).unwrap_or_default();
            if let Some(f) = field(r, folder).filter(|f| !f.eq_ignore_ascii_case("unsorted")) {
                topics.insert(0, f.to_string());
            }
            parsed.records.push(ImportedItem {
                line,
                title: text_field(r, title).filter(|t| *t != link),
                topics,
                added: field(r, created).and_then(iso),
                archived: false,
                url: link,
            });
        },
    )
}

/// Instapaper: `URL,Title,Selection,Folder,Timestamp[,Tags]`; the folder
/// Archive means read, another folder than Unread or Starred is a topic,
/// and Tags (a JSON list in newer exports) are topics.
fn instapaper(text: &str) -> Result<Parsed<ImportedItem>, ParseError> {
    let mut seen = HashMap::new();
    let has_tags = text.lines().next().is_some_and(|h| {
        h.to_ascii_lowercase()
            .split(',')
            .any(|c| c.trim() == "tags")
    });
    csv_rows(
        text,
        ["url", "title", "folder", "timestamp"],
        "Instapaper CSV",
        |parsed, line, r, [url, title, folder, timestamp]| {
            let link = field(r, url).unwrap_or_default().to_string();
            if !admit(parsed, &mut seen, line, &link) {
                return;
            }
            let folder = field(r, folder).unwrap_or_default();
            let archived = folder.eq_ignore_ascii_case("archive");
            let mut topics = Vec::new();
            if !["", "unread", "starred", "archive"].contains(&folder.to_ascii_lowercase().as_str())
            {
                topics.push(folder.to_string());
            }
            if has_tags && let Some(list) = r.get(r.len().saturating_sub(1)) {
                let list = list.trim().trim_start_matches('[').trim_end_matches(']');
                topics.extend(
                    tags(list, ',')
                        .into_iter()
                        .map(|t| t.trim_matches('"').to_string()),
                );
            }
            topics.retain(|t| !t.is_empty());
            parsed.records.push(ImportedItem {
                line,
                title: text_field(r, title).filter(|t| *t != link),
                topics,
                added: field(r, timestamp).and_then(unix),
                archived,
                url: link,
            });
        },
    )
}

// ---- JSON ------------------------------------------------------------------

/// wallabag (`url`, `title`, `tags`, `is_archived`, `created_at`) or
/// Omnivore (`url`, `title`, `labels`, `state`, `savedAt`): an array of
/// objects, each reported on the line where it starts.
fn json(text: &str, format: Format) -> Result<Parsed<ImportedItem>, ParseError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ParseError::new(e.line().max(1), format!("unreadable JSON: {e}")))?;
    // wallabag may wrap the list; Omnivore writes a bare array.
    let items = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(o) => o
            .values()
            .find_map(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default(),
        _ => &[],
    };
    let starts = object_lines(text);
    let mut parsed = Parsed::default();
    let mut seen = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let line = starts.get(i).copied().unwrap_or(1);
        let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::trim);
        let link = s("url").unwrap_or_default().to_string();
        if !admit(&mut parsed, &mut seen, line, &link) {
            continue;
        }
        let labels = match format {
            Format::Omnivore => item.get("labels"),
            _ => item.get("tags"),
        };
        let topics = labels
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(|t| {
                        t.as_str()
                            .or_else(|| t.get("label").and_then(Value::as_str))
                            .or_else(|| t.get("name").and_then(Value::as_str))
                    })
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let (archived, added) = match format {
            Format::Omnivore => (
                s("state").is_some_and(|st| st.eq_ignore_ascii_case("archived")),
                s("savedAt").and_then(iso),
            ),
            _ => (
                match item.get("is_archived") {
                    Some(Value::Bool(b)) => *b,
                    Some(Value::Number(n)) => n.as_i64() == Some(1),
                    _ => false,
                },
                s("created_at").and_then(iso),
            ),
        };
        parsed.records.push(ImportedItem {
            line,
            title: s("title")
                .filter(|t| !t.is_empty() && *t != link)
                .map(str::to_string),
            topics,
            added,
            archived,
            url: link,
        });
    }
    Ok(parsed)
}

/// The line each object of the list starts on: the top-level array's
/// objects, or those of an array one level inside a top-level object.
fn object_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut open: Vec<char> = Vec::new();
    let mut line = 1usize;
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                if c == '{' && matches!(open.as_slice(), ['['] | ['{', '[']) {
                    lines.push(line);
                }
                open.push(c);
            }
            '}' | ']' => {
                open.pop();
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_attributes() {
        assert_eq!(
            decode("Tom &amp; Jerry &#8217;s &lt;b&gt; &bogus; &#x41;"),
            "Tom & Jerry ’s <b> &bogus; A"
        );
        let a = attributes(
            r#"HREF="https://a.example/?x=1&amp;y=2" ADD_DATE="1700000000" TAGS="rust,async" TOREAD=1"#,
        );
        assert_eq!(a["href"], "https://a.example/?x=1&amp;y=2");
        assert_eq!(a["tags"], "rust,async");
        assert_eq!(a["toread"], "1");
    }

    #[test]
    fn object_lines_count_nested_objects_once() {
        let text = "[\n {\"a\": {\"b\": 1}},\n {\"t\": \"}{\"}\n]";
        assert_eq!(object_lines(text), vec![2, 3]);
    }
}
