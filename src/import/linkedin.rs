//! LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
//!
//! The file may start with a UTF-8 BOM and a `Notes:` preamble (a quoted
//! paragraph, then a blank line) before the header row. Everything after the
//! header is RFC 4180 CSV, read with the `csv` crate in one streaming pass.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::csv_input::{LineIndex, check_quotes, columns, field, text_field};
use super::records::{ImportedContact, LinkKind, ParseError, Parsed};
use super::text;

/// The header LinkedIn writes; columns are found by these names.
pub const HEADER: [&str; 7] = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
];

/// Reads a LinkedIn connections export.
///
/// Rows without a name, rows repeating an earlier profile URL and rows with
/// an unreadable date are skipped with a reason. Bytes that are not UTF-8, a
/// missing or wrong header, a row with the wrong number of fields or an
/// unterminated quote make the whole file an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedContact>, ParseError> {
    let text = text::utf8(bytes)?;
    let (offset, header_line) = locate_header(text)?;
    let data = &text.as_bytes()[offset..];
    check_quotes(data, header_line)?;

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(data);
    let mut lines = LineIndex::new(data, header_line);
    let headers = reader.headers().map_err(|e| lines.error(&e))?.clone();
    let [first, last, url, email, company, position, connected] = columns(&headers, HEADER)
        .map_err(|missing| {
            ParseError::new(
                header_line,
                format!(
                    "not a LinkedIn Connections.csv header (no `{missing}` column); expected `{}`",
                    HEADER.join(",")
                ),
            )
        })?;

    let mut parsed = Parsed::default();
    // Profile URL (compared loosely) → line of its first row.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(lines.error(&e)),
        }
        let line = lines.line(record.position());

        let name = match (text_field(&record, first), text_field(&record, last)) {
            (Some(f), Some(l)) => format!("{f} {l}"),
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => {
                parsed.skip(line, "no name (First Name and Last Name are empty)");
                continue;
            }
        };
        let connected = match field(&record, connected) {
            None => None,
            Some(date) => match parse_date(date) {
                Some(date) => Some(date),
                None => {
                    parsed.skip(line, format!("unrecognised Connected On date `{date}`"));
                    continue;
                }
            },
        };
        // Checked last, so "duplicate of line N" always names an imported row.
        let profile = field(&record, url);
        if let Some(profile) = profile {
            let key = profile.trim_end_matches('/').to_lowercase();
            if let Some(&earlier) = seen.get(&key) {
                parsed.skip(line, format!("duplicate of line {earlier}"));
                continue;
            }
            seen.insert(key, line);
        }
        parsed.records.push(ImportedContact {
            line,
            name,
            company: text_field(&record, company),
            role: text_field(&record, position),
            emails: field(&record, email)
                .map(str::to_string)
                .into_iter()
                .collect(),
            links: profile
                .map(|p| (LinkKind::Linkedin, p.to_string()))
                .into_iter()
                .collect(),
            connected,
            ..ImportedContact::default()
        });
    }
    Ok(parsed)
}

/// LinkedIn writes `12 Mar 2024`; ISO dates appear once a file has been
/// through a spreadsheet.
fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d %b %Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// Byte offset and 1-based line number of the header row, after the BOM and
/// the optional `Notes:` preamble.
fn locate_header(text: &str) -> Result<(usize, usize), ParseError> {
    enum State {
        Start,
        // Inside the preamble; `Some(line)` while a quote opened on `line` is open.
        Preamble(Option<usize>),
        AfterPreamble,
    }
    let mut state = State::Start;
    let mut offset = 0;
    let mut last_line = 1;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line = index + 1;
        last_line = line;
        let start = offset;
        offset += raw.len();
        let content = raw.trim();
        state = match state {
            State::Start if content.is_empty() => State::Start,
            State::Start if starts_with_ignore_case(content, "Notes:") => {
                State::Preamble(toggle_quotes(None, content, line))
            }
            State::Preamble(None) if content.is_empty() => State::AfterPreamble,
            State::Preamble(None) if starts_with_ignore_case(content, "First Name") => {
                return Ok((start, line));
            }
            State::Preamble(open) => State::Preamble(toggle_quotes(open, content, line)),
            State::AfterPreamble if content.is_empty() => State::AfterPreamble,
            State::Start | State::AfterPreamble => return Ok((start, line)),
        };
    }
    Err(match state {
        State::Preamble(Some(quote_line)) => ParseError::new(
            quote_line,
            "quoted text in the Notes: preamble is never closed",
        ),
        _ => ParseError::new(
            last_line,
            format!(
                "no header row: expected `{}` (is this LinkedIn's Connections.csv?)",
                HEADER.join(",")
            ),
        ),
    })
}

/// Tracks whether a quote is open after `content`; doubled quotes cancel out,
/// so counting parity is enough.
fn toggle_quotes(mut open: Option<usize>, content: &str, line: usize) -> Option<usize> {
    for _ in content.matches('"') {
        open = match open {
            Some(_) => None,
            None => Some(line),
        };
    }
    open
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_date_styles_are_read() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 12);
        assert_eq!(parse_date("12 Mar 2024"), day);
        assert_eq!(parse_date("2024-03-12"), day);
        assert_eq!(parse_date("March 12"), None);
    }

    #[test]
    fn header_is_found_after_a_preamble_with_a_blank_line_inside_quotes() {
        let text = "Notes:\n\"a, b\n\nc\"\n\nFirst Name,Last Name\n";
        assert_eq!(
            locate_header(text).unwrap(),
            (text.find("First").unwrap(), 6)
        );
    }

    #[test]
    fn header_is_the_first_line_without_a_preamble() {
        assert_eq!(locate_header("\nFirst Name\n").unwrap(), (1, 2));
    }
}
