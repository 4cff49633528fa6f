//! Walks a file card by card, enforcing the BEGIN/END structure.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::card::build;
use super::lines::{Logical, Property, logical_lines, parse_property};
use crate::import::records::{ImportedContact, ParseError, Parsed};
use crate::import::text::strip_bom;

/// Properties the importer reads; everything else (PHOTO's long base64,
/// TEL, ADR, vendor extensions) is dropped as soon as it is recognised.
const USED: [&str; 13] = [
    "VERSION",
    "FN",
    "N",
    "ORG",
    "TITLE",
    "EMAIL",
    "URL",
    "X-SOCIALPROFILE",
    "SOCIALPROFILE",
    "CATEGORIES",
    "NOTE",
    "X-ABLABEL",
    super::CONNECTED,
];

/// Reads every card in a vCard 2.1, 3.0 or 4.0 file (versions may mix).
///
/// Cards without a name are skipped with a reason. A card without
/// `END:VCARD`, a `BEGIN:VCARD` inside a card, a line that is not a property,
/// or anything but blank lines outside cards makes the whole file an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedContact>, ParseError> {
    // Windows tools may save UTF-16 with a byte-order mark; everything below
    // works on ASCII-compatible bytes, so re-encode first.
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && (encoding == UTF_16LE || encoding == UTF_16BE)
    {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return parse(text.as_bytes());
    }
    let mut parsed = Parsed::default();
    // The open card: the line of its BEGIN and its properties so far.
    let mut open: Option<(usize, Vec<Property>)> = None;
    for logical in logical_lines(strip_bom(bytes)) {
        if logical.bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Some((begin, props)) = open.as_mut() else {
            open = Some((expect_begin(&logical)?, Vec::new()));
            continue;
        };
        let prop = parse_property(&logical)?;
        let value = String::from_utf8_lossy(&prop.value);
        let value = value.trim();
        match prop.name.as_str() {
            "BEGIN" => {
                return Err(ParseError::new(
                    prop.line,
                    format!(
                        "BEGIN:{value} inside the card that began on line {begin} \
                         (is its END:VCARD missing?)"
                    ),
                ));
            }
            "END" if value.eq_ignore_ascii_case("VCARD") => {
                let line = *begin;
                match build(line, std::mem::take(props))? {
                    Ok(contact) => parsed.records.push(contact),
                    Err(reason) => parsed.skip(line, reason),
                }
                open = None;
            }
            "END" => {
                return Err(ParseError::new(
                    prop.line,
                    format!("END:{value} inside the card that began on line {begin}"),
                ));
            }
            name if USED.contains(&name) => props.push(prop),
            _ => {}
        }
    }
    match open {
        Some((begin, _)) => Err(ParseError::new(
            begin,
            "BEGIN:VCARD without END:VCARD (is the file cut short?)",
        )),
        None => Ok(parsed),
    }
}

/// The line of a `BEGIN:VCARD`, or an error for anything else outside a card.
fn expect_begin(logical: &Logical) -> Result<usize, ParseError> {
    let text = logical.bytes.trim_ascii();
    if text.eq_ignore_ascii_case(b"BEGIN:VCARD") {
        Ok(logical.line)
    } else if text.eq_ignore_ascii_case(b"END:VCARD") {
        Err(ParseError::new(
            logical.line,
            "END:VCARD without BEGIN:VCARD",
        ))
    } else {
        Err(ParseError::new(
            logical.line,
            "text outside a vCard (expected BEGIN:VCARD)",
        ))
    }
}
