//! What listings print: JSON views with stable field names, and aligned
//! plain-text tables. User text is sanitised before it reaches a terminal.

use crate::config::Cadences;
use crate::domain::{Contact, Entry, InterestCount, Item, Summary};
use serde::Serialize;
use std::io::Write;

/// A contact as `--json` shows it.
#[derive(Debug, Serialize)]
pub struct ContactView<'a> {
    id: &'a str,
    name: &'a str,
    first_name: &'a str,
    last_name: Option<&'a str>,
    degree: u8,
    company: Option<&'a str>,
    role: Option<&'a str>,
    email: Option<&'a str>,
    links: &'a [crate::domain::Link],
    interests: &'a [String],
    met: Option<&'a str>,
    notes: Option<&'a str>,
    cadence_days: u32,
    added: String,
    connected: Option<String>,
    state: crate::domain::ContactState,
    last_touch: Option<String>,
    gives: u32,
    asks: u32,
}

impl<'a> ContactView<'a> {
    /// Builds the view with derived fields from the history summary.
    pub fn new(c: &'a Contact, summary: Option<&Summary>, cadences: &Cadences) -> Self {
        Self {
            id: c.id.as_str(),
            name: &c.name,
            first_name: c.first_name(),
            last_name: c.last_name(),
            degree: c.degree,
            company: c.company.as_deref(),
            role: c.role.as_deref(),
            email: c.email.as_deref(),
            links: &c.links,
            interests: &c.interests,
            met: c.met.as_deref(),
            notes: c.notes.as_deref(),
            cadence_days: c
                .cadence_days
                .unwrap_or_else(|| cadences.for_degree(c.degree)),
            added: c.added.to_string(),
            connected: c.connected.map(|d| d.to_string()),
            state: c.state,
            last_touch: summary.and_then(|s| s.last_touch).map(|t| t.to_rfc3339()),
            gives: summary.map_or(0, |s| s.gives),
            asks: summary.map_or(0, |s| s.asks),
        }
    }
}

/// An interest as `interest list --json` shows it.
#[derive(Debug, Serialize)]
pub struct InterestView<'a> {
    label: &'a str,
    count: usize,
    items: usize,
}

impl<'a> From<&'a InterestCount> for InterestView<'a> {
    fn from(c: &'a InterestCount) -> Self {
        Self {
            label: &c.label,
            count: c.contacts,
            items: c.items,
        }
    }
}

/// Items and history entries serialise as they are stored; their field
/// names are the file format's and just as stable.
pub type ItemView<'a> = &'a Item;
/// See [`ItemView`].
pub type EntryView<'a> = &'a Entry;

/// Prints one JSON array.
pub fn print_json<T: Serialize>(rows: &[T]) -> std::io::Result<()> {
    // Stdout is line-buffered: without this, every line of pretty JSON is
    // a system call (200,000 of them for 17,000 due contacts).
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // `From` keeps the I/O error kind, so a closed pipe stays quiet.
    serde_json::to_writer_pretty(&mut out, rows).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()
}

/// Makes user text safe for a terminal on one line: control characters
/// (escape sequences included) become visible placeholders.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                '\u{FFFD}'
            }
            c => c,
        })
        .collect()
}

/// Prints rows as columns separated by two spaces, the last column ragged.
pub fn print_table(rows: &[Vec<String>]) -> std::io::Result<()> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - unicode_width::UnicodeWidthStr::width(cell.as_str());
                line.extend(std::iter::repeat_n(' ', pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()
}
