//! Pocket's CSV export (`part_000000.csv`): `title,url,time_added,tags,status`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::csv_input::{LineIndex, check_quotes, columns, field, text_field};
use super::links::is_web_url;
use super::records::{ImportedItem, ParseError, Parsed};
use super::text;

/// The columns read, found by name (Pocket has added columns over time).
pub const HEADER: [&str; 5] = ["title", "url", "time_added", "tags", "status"];

/// Reads a Pocket export. `time_added` is Unix seconds, `tags` are separated
/// by `|`, and status `archive` marks the item archived.
///
/// Rows whose URL is not http(s), repeats an earlier row, or whose time or
/// status is unreadable are skipped with a reason; a file that is not UTF-8
/// CSV with those columns is an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedItem>, ParseError> {
    let data = text::utf8(bytes)?.as_bytes();
    check_quotes(data, 1, b',')?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(data);
    let mut lines = LineIndex::new(data, 1);
    let headers = reader.headers().map_err(|e| lines.error(&e))?.clone();
    let header_line = lines.line(headers.position());
    let [title, url, time_added, tags, status] = columns(&headers, HEADER).map_err(|missing| {
        ParseError::new(
            header_line,
            format!(
                "not a Pocket export header (no `{missing}` column); expected `{}`",
                HEADER.join(",")
            ),
        )
    })?;

    let mut parsed = Parsed::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = lines.next_record(&mut reader, &mut record)? {
        let Some(link) = field(&record, url).filter(|u| is_web_url(u)) else {
            let shown = field(&record, url).unwrap_or("");
            parsed.skip(line, format!("not an http(s) URL: `{shown}`"));
            continue;
        };
        if let Some(&earlier) = seen.get(link) {
            parsed.skip(line, format!("duplicate of line {earlier}"));
            continue;
        }
        seen.insert(link.to_string(), line);
        let added = match field(&record, time_added) {
            None => None,
            Some(secs) => match secs
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
            {
                Some(time) => Some(time),
                None => {
                    parsed.skip(line, format!("unreadable time_added `{secs}`"));
                    continue;
                }
            },
        };
        let archived = match field(&record, status)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("unread") => false,
            Some("archive") | Some("archived") => true,
            Some(other) => {
                parsed.skip(line, format!("unknown status `{other}`"));
                continue;
            }
        };
        parsed.records.push(ImportedItem {
            line,
            url: link.to_string(),
            // Pocket uses the URL as the title when a page had none.
            title: text_field(&record, title).filter(|t| t != link),
            topics: field(&record, tags)
                .into_iter()
                .flat_map(|t| t.split('|'))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            added,
            archived,
        });
    }
    Ok(parsed)
}
