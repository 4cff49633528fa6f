//! What listings print: JSON views with stable field names, and aligned
//! plain-text tables. Cells are cleaned by the caller (`out::clean`) so
//! columns are measured on what is shown.

use crate::config::Cadences;
use crate::domain::{Contact, Entry, InterestCount, Item, Summary};
use serde::Serialize;

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
    answered: u32,
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
            answered: summary.map_or(0, |s| s.answered),
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

/// Prints one JSON array (see [`super::out::json`]).
pub fn print_json<T: Serialize>(rows: &[T]) -> std::io::Result<()> {
    super::out::json(rows)
}

/// The filters a listing was given, as typed (`--state untriaged and
/// --interest rust`), for an empty result to say it is the filter.
pub fn filters(given: &[(&str, Option<String>)]) -> String {
    let shown: Vec<String> = given
        .iter()
        .filter_map(|(flag, v)| {
            v.as_ref()
                .map(|v| format!("{flag} {}", super::out::clean(v)))
        })
        .collect();
    shown.join(" and ")
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
    let mut out = super::out::stdout();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - unicode_width::UnicodeWidthStr::width(cell.as_str());
                line.extend(std::iter::repeat_n(' ', pad + 2));
            }
        }
        out.line(line.trim_end())?;
    }
    out.finish()
}
