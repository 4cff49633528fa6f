//! Google Contacts CSV (contacts.google.com → Export → Google CSV).
//!
//! Two headers are in use: the current one (`First Name`, `Last Name`,
//! `Organization Name`, `Labels`, `E-mail 1 - Value` …) and the one before
//! 2024 (`Name`, `Given Name`, `Family Name`, `Organization 1 - Name`,
//! `Group Membership` …). Columns are found by name, so either works, and
//! numbered columns (`E-mail 2 - Value`) may come in any number. A cell
//! holding several values separates them with ` ::: `.

use crate::domain::Link;

use super::csv_input::{LineIndex, check_quotes, delimiter, text_field};
use super::links::classify;
use super::records::{ImportedContact, LinkKind, ParseError, Parsed};
use super::text;

/// Groups Google puts contacts in by itself; they are not interests.
const SYSTEM_LABELS: [&str; 2] = ["myContacts", "starred"];

/// Where each field is in one of the two headers.
struct Columns {
    /// A display name column (older header only).
    name: Option<usize>,
    prefix: Option<usize>,
    given: Option<usize>,
    middle: Option<usize>,
    family: Option<usize>,
    suffix: Option<usize>,
    company: Option<usize>,
    role: Option<usize>,
    notes: Option<usize>,
    labels: Option<usize>,
    /// `E-mail N - Value` columns with their `- Label`/`- Type` column.
    emails: Vec<(Option<usize>, usize)>,
    /// `Website N - Value` columns with their label column.
    websites: Vec<(Option<usize>, usize)>,
}

impl Columns {
    fn find(headers: &csv::StringRecord) -> Option<Columns> {
        let at = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let numbered = |what: &str| {
            headers
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let h = h.trim();
                    h.starts_with(what) && h.ends_with(" - Value")
                })
                .map(|(value, h)| {
                    let stem = h.trim().trim_end_matches(" - Value");
                    let label = at(&[&format!("{stem} - Label"), &format!("{stem} - Type")]);
                    (label, value)
                })
                .collect::<Vec<_>>()
        };
        let columns = Columns {
            name: at(&["Name"]),
            prefix: at(&["Name Prefix"]),
            given: at(&["First Name", "Given Name"]),
            middle: at(&["Middle Name", "Additional Name"]),
            family: at(&["Last Name", "Family Name"]),
            suffix: at(&["Name Suffix"]),
            company: at(&["Organization Name", "Organization 1 - Name"]),
            role: at(&["Organization Title", "Organization 1 - Title"]),
            notes: at(&["Notes"]),
            labels: at(&["Labels", "Group Membership"]),
            emails: numbered("E-mail "),
            websites: numbered("Website "),
        };
        (columns.given.is_some() && columns.family.is_some()).then_some(columns)
    }
}

/// Reads a Google Contacts CSV export.
///
/// A row without a name is named by its organisation or e-mail address
/// and reported; one with none of them is skipped. A header that is not
/// Google's, a row with the wrong number of fields, an unterminated quote
/// or text in no encoding recognised make the whole file an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedContact>, ParseError> {
    let text = text::decode(bytes)?;
    let data = text.as_bytes();
    let delimiter = delimiter(data);
    check_quotes(data, 1, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(data);
    let mut lines = LineIndex::new(data, 1);
    let headers = reader.headers().map_err(|e| lines.error(&e))?.clone();
    let columns = Columns::find(&headers).ok_or_else(|| {
        ParseError::new(
            1,
            "not a Google Contacts CSV header (no `First Name` and `Last Name`, \
             nor `Given Name` and `Family Name` columns)",
        )
    })?;

    let mut parsed = Parsed::default();
    let mut record = csv::StringRecord::new();
    while let Some(line) = lines.next_record(&mut reader, &mut record)? {
        let cell = |at: Option<usize>| at.and_then(|at| text_field(&record, at));
        let mut contact = ImportedContact {
            line,
            given_name: cell(columns.given),
            family_name: cell(columns.family),
            company: cell(columns.company),
            role: cell(columns.role),
            notes: cell(columns.notes),
            ..ImportedContact::default()
        };
        contact.name = cell(columns.name).unwrap_or_else(|| {
            [
                columns.prefix,
                columns.given,
                columns.middle,
                columns.family,
                columns.suffix,
            ]
            .into_iter()
            .filter_map(cell)
            .collect::<Vec<_>>()
            .join(" ")
        });
        contact.emails = emails(&record, &columns.emails);
        contact.links = websites(&record, &columns.websites);
        // Said here; the merge leaves them out.
        let not_web: Vec<String> = contact
            .links
            .iter()
            .filter(|(kind, url)| Link::new(*kind, url).is_err())
            .map(|(_, url)| url.clone())
            .collect();
        for label in cell(columns.labels).iter().flat_map(|l| values(l)) {
            let label = label.trim_start_matches("* ").trim();
            let system = SYSTEM_LABELS.iter().any(|s| label.eq_ignore_ascii_case(s))
                || label.starts_with("Imported on ");
            if !label.is_empty() && !system && !contact.interests.iter().any(|i| i == label) {
                contact.interests.push(label.to_string());
            }
        }
        if contact.name.is_empty() {
            match contact.name_by_organisation_or_email() {
                Some(remark) => parsed.remark(line, remark),
                None => {
                    parsed.skip(line, "no name, organisation or e-mail");
                    continue;
                }
            }
        }
        for url in not_web {
            parsed.remark(
                line,
                format!("website {url:?} is not a web address; left out"),
            );
        }
        parsed.records.push(contact);
    }
    Ok(parsed)
}

/// The values of a cell that holds several (`a ::: b`).
fn values(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

/// Every address, those whose label Google starred (`* Work`) first.
fn emails(record: &csv::StringRecord, columns: &[(Option<usize>, usize)]) -> Vec<String> {
    let mut ranked: Vec<(bool, String)> = Vec::new();
    for &(label, value) in columns {
        let preferred = label
            .and_then(|at| record.get(at))
            .is_some_and(|l| l.trim_start().starts_with('*'));
        for email in record.get(value).into_iter().flat_map(values) {
            if !ranked.iter().any(|(_, e)| e.eq_ignore_ascii_case(email)) {
                ranked.push((!preferred, email.to_string()));
            }
        }
    }
    ranked.sort_by_key(|(later, _)| *later);
    ranked.into_iter().map(|(_, e)| e).collect()
}

/// Every web address, its kind from a label naming one (`LinkedIn`), else
/// from the host.
fn websites(
    record: &csv::StringRecord,
    columns: &[(Option<usize>, usize)],
) -> Vec<(LinkKind, String)> {
    let mut links: Vec<(LinkKind, String)> = Vec::new();
    for &(label, value) in columns {
        let named = label
            .and_then(|at| record.get(at))
            .and_then(|l| LinkKind::from_label(l.trim_start_matches("* ").trim()));
        for url in record.get(value).into_iter().flat_map(values) {
            if !links.iter().any(|(_, u)| u == url) {
                links.push((named.unwrap_or_else(|| classify(url)), url.to_string()));
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_values_in_a_cell_and_googles_own_groups() {
        let parsed = parse(
            "Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,\
             E-mail 2 - Type,E-mail 2 - Value\r\n\
             Ada,Lovelace,* myContacts ::: * starred ::: Imported on 5/1/19 ::: Poetry,\
             Home,ada@home.example ::: ADA@HOME.EXAMPLE,* Work,ada@work.example\r\n"
                .as_bytes(),
        )
        .unwrap();
        let ada = &parsed.records[0];
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.interests, ["Poetry"]);
        assert_eq!(ada.emails, ["ada@work.example", "ada@home.example"]);
    }

    #[test]
    fn a_website_that_is_no_web_address_is_reported() {
        let parsed = parse(
            b"First Name,Last Name,Website 1 - Label,Website 1 - Value\n\
              Ada,Lovelace,Home Page,ada.example ::: my blog\n",
        )
        .unwrap();
        assert_eq!(
            parsed.records[0].links,
            [
                (LinkKind::Website, "ada.example".to_string()),
                (LinkKind::Other, "my blog".to_string())
            ]
        );
        assert_eq!(
            parsed.remarks[0].reason,
            "website \"my blog\" is not a web address; left out"
        );
    }

    #[test]
    fn a_header_that_is_not_googles_is_refused() {
        let err = parse(b"url,title\nhttps://example.com,Example\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.starts_with("not a Google Contacts CSV header"));
    }
}
