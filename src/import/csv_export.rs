//! Contacts as a spreadsheet: RFC 4180 CSV with a header row.

use super::records::{ImportedContact, LinkKind};

/// Column names, in order. Links get one column per kind so a spreadsheet
/// can sort and filter them.
/// Newer link kinds come last, so the columns older exports had keep their
/// places.
pub const HEADER: [&str; 17] = [
    "Name",
    "Company",
    "Role",
    "Email",
    "Other Emails",
    "LinkedIn",
    "Facebook",
    "Website",
    "GitHub",
    "X",
    "Other Links",
    "Interests",
    "Notes",
    "Connected",
    "Mastodon",
    "Bluesky",
    "YouTube",
];

/// Writes `contacts` as CSV: CRLF line ends, fields quoted only when they
/// must be, a UTF-8 BOM first because Excel otherwise reads the file in the
/// machine's legacy code page and garbles every accented name. Several values
/// in one cell (emails, links, interests) are joined with `; `.
///
/// Cells starting with `=`, `+`, `-`, `@`, tab or carriage return get a
/// leading `'`: spreadsheets run such cells as formulas, and these values come
/// from other people (a LinkedIn connection can name themselves
/// `=HYPERLINK("https://evil.example","Click")`), so opening the export must
/// not execute what they wrote (CSV injection, see OWASP).
pub fn write(contacts: &[ImportedContact]) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for contact in contacts {
        let links = |kind: LinkKind| {
            contact
                .links
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, url)| url.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        push_row(
            &mut out,
            [
                contact.name.clone(),
                contact.company.clone().unwrap_or_default(),
                contact.role.clone().unwrap_or_default(),
                contact.emails.first().cloned().unwrap_or_default(),
                contact.emails.get(1..).unwrap_or_default().join("; "),
                links(LinkKind::Linkedin),
                links(LinkKind::Facebook),
                links(LinkKind::Website),
                links(LinkKind::Github),
                links(LinkKind::X),
                links(LinkKind::Other),
                contact.interests.join("; "),
                contact.notes.clone().unwrap_or_default(),
                contact
                    .connected
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                links(LinkKind::Mastodon),
                links(LinkKind::Bluesky),
                links(LinkKind::Youtube),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, &cell);
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str) {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let mut out = String::new();
        push_row(
            &mut out,
            ["a,b", "say \"hi\"", "=1+1", "-x", "line\nbreak", "plain"].map(String::from),
        );
        assert_eq!(
            out,
            "\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-x,\"line\nbreak\",plain\r\n"
        );
    }
}
