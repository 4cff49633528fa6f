//! LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
//!
//! The file may start with a UTF-8 BOM and a `Notes:` preamble (a quoted
//! paragraph, then a blank line) before the header row. Everything after the
//! header is RFC 4180 CSV, read with the `csv` crate in one streaming pass.
//! Exports before 2023 have no `URL` column; a spreadsheet may have saved
//! the file as UTF-16 or Windows-1252, with `;` or tabs between fields;
//! and the whole data archive (a zip)
//! is read for the `Connections.csv` inside it.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use chrono::NaiveDate;

use super::csv_input::{LineIndex, check_quotes, columns, delimiter, field, text_field};
use super::records::{ImportedContact, LinkKind, ParseError, Parsed};
use super::text;

/// The columns every export has; the rest of [`HEADER`] may be missing.
const REQUIRED: [&str; 2] = ["First Name", "Last Name"];

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

/// Reads a LinkedIn connections export, or the data archive holding one.
///
/// Rows without a name, rows repeating an earlier profile URL and rows with
/// an unreadable date are skipped with a reason. Text in no encoding
/// recognised, a missing or wrong header, a row with the wrong number of
/// fields or an unterminated quote make the whole file an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedContact>, ParseError> {
    if bytes.starts_with(ZIP_MAGIC) {
        let csv = connections_in_archive(bytes)?;
        return parse(&csv)
            .map_err(|e| ParseError::new(e.line, format!("{CONNECTIONS}: {}", e.message)));
    }
    let text = text::decode(bytes)?;
    let text = text.as_ref();
    let (offset, header_line) = locate_header(text)?;
    let data = &text.as_bytes()[offset..];
    let delimiter = delimiter(data);
    check_quotes(data, header_line, delimiter)?;

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(data);
    let mut lines = LineIndex::new(data, header_line);
    let headers = reader.headers().map_err(|e| lines.error(&e))?.clone();
    let [first, last] = columns(&headers, REQUIRED).map_err(|missing| {
        ParseError::new(
            header_line,
            format!(
                "not a LinkedIn Connections.csv header (no `{missing}` column); expected `{}`",
                HEADER.join(",")
            ),
        )
    })?;
    // Older exports and spreadsheet re-saves name some columns otherwise.
    let optional = |names: &[&'static str]| {
        names
            .iter()
            .find_map(|&name| columns(&headers, [name]).ok().map(|[at]| at))
    };
    let [url, email, company, position, connected] = [
        &["URL", "Profile URL"][..],
        &["Email Address", "E-mail Address", "Email"],
        &["Company", "Current Company"],
        &["Position", "Current Position", "Job Title"],
        &["Connected On", "Connected"],
    ]
    .map(optional);

    let mut parsed = Parsed::default();
    // Profile URL (compared loosely) → line of its first row.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = lines.next_record(&mut reader, &mut record)? {
        let given_name = text_field(&record, first);
        let family_name = text_field(&record, last);
        let name = match (&given_name, &family_name) {
            (Some(f), Some(l)) => format!("{f} {l}"),
            (Some(n), None) | (None, Some(n)) => n.clone(),
            (None, None) => {
                parsed.skip(line, "no name (First Name and Last Name are empty)");
                continue;
            }
        };
        let cell = |at: Option<usize>| at.and_then(|at| field(&record, at));
        let text_cell = |at: Option<usize>| at.and_then(|at| text_field(&record, at));
        let connected = match cell(connected) {
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
        let profile = cell(url);
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
            given_name,
            family_name,
            company: text_cell(company),
            role: text_cell(position),
            emails: cell(email).map(str::to_string).into_iter().collect(),
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

/// Date forms seen in `Connected On`: LinkedIn's own over the years
/// (`12 Mar 2024`, `1/8/18, 6:14 PM`, `5-Jan-26`) and what spreadsheets
/// write back (ISO, `03/12/2024`, `12.03.2024`, `Mar 12, 2024`). A
/// slashed date is read month first, as LinkedIn writes it, and day first
/// only when it cannot be a month (`13/03/2024`).
const DATE_FORMATS: [&str; 14] = [
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%d/%m/%y",
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%b %d, %Y",
    "%B %d, %Y",
];

/// A `Connected On` date in any of [`DATE_FORMATS`], any time of day after
/// it (`, 6:14 PM`, `T10:00:00`, ` 18:14`) ignored.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let day = if text.contains('/') || text.contains('.') {
        text.split([',', ' ']).next().unwrap_or(text)
    } else if text.len() > 10 && text.as_bytes()[4] == b'-' {
        text.get(..10).unwrap_or(text)
    } else {
        text
    };
    DATE_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(day, format).ok())
}

/// How a zip archive starts.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The file LinkedIn's data archive keeps the connections in.
const CONNECTIONS: &str = "Connections.csv";

/// More than any real export holds (30,000 connections are 3 MB); a bigger
/// entry is not read, so a crafted archive cannot fill the memory.
const MAX_CONNECTIONS_BYTES: u64 = 256 << 20;

/// The bytes of `Connections.csv` in a LinkedIn data archive, wherever in
/// it the file sits.
fn connections_in_archive(bytes: &[u8]) -> Result<Vec<u8>, ParseError> {
    let unreadable =
        |e: zip::result::ZipError| ParseError::new(1, format!("unreadable zip archive: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let found = (0..archive.len()).find(|&i| {
        archive.name_for_index(i).is_some_and(|name| {
            name.is_ok_and(|name| {
                let file = name.rsplit(['/', '\\']).next().unwrap_or(&name);
                file.eq_ignore_ascii_case(CONNECTIONS)
            })
        })
    });
    let Some(index) = found else {
        // A spreadsheet saved in its own format is a zip too.
        let workbook = archive.index_for_name("xl/workbook.xml").is_some();
        let message = if workbook {
            "an Excel workbook, not CSV: save it as \"CSV UTF-8\" and import that".to_string()
        } else {
            format!("no {CONNECTIONS} in this zip archive (is it LinkedIn's data export?)")
        };
        return Err(ParseError::new(1, message));
    };
    let entry = archive.by_index(index).map_err(unreadable)?;
    let mut csv = Vec::new();
    entry
        .take(MAX_CONNECTIONS_BYTES + 1)
        .read_to_end(&mut csv)
        .map_err(|e| ParseError::new(1, format!("unreadable {CONNECTIONS} in the archive: {e}")))?;
    if csv.len() as u64 > MAX_CONNECTIONS_BYTES {
        return Err(ParseError::new(
            1,
            format!("{CONNECTIONS} in the archive is larger than 256 MB"),
        ));
    }
    Ok(csv)
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
        for text in [
            "12 Mar 2024",
            "2024-03-12",
            "3/12/24, 6:14 PM",
            "03/12/2024",
            "12-Mar-24",
            "12-Mar-2024",
            "2024-03-12T18:14:00Z",
            "12.03.2024",
            "Mar 12, 2024",
            "12 March 2024",
        ] {
            assert_eq!(parse_date(text), day, "{text}");
        }
        assert_eq!(
            parse_date("1/8/18, 6:14 PM"),
            NaiveDate::from_ymd_opt(2018, 1, 8)
        );
        assert_eq!(parse_date("5-Jan-26"), NaiveDate::from_ymd_opt(2026, 1, 5));
        assert_eq!(
            parse_date("13/03/2024"),
            NaiveDate::from_ymd_opt(2024, 3, 13)
        );
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
