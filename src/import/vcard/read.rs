//! Walks a file card by card, enforcing the BEGIN/END structure.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::card::{Card, build};
use super::lines::{Logical, Property, logical_lines, parse_property};
use super::netwerk_fields;
use super::value::undeclared_bytes;
use crate::import::records::{ImportedContact, ParseError, Parsed};
use crate::import::text::{legacy_encoding, strip_bom};

/// Properties the importer reads; everything else (PHOTO's long base64,
/// TEL, ADR, vendor extensions) is dropped as soon as it is recognised.
const USED: [&str; 22] = [
    "VERSION",
    "KIND",
    "X-ABSHOWAS",
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
    "UID",
    netwerk_fields::CONNECTED,
    netwerk_fields::DEGREE,
    netwerk_fields::CADENCE,
    netwerk_fields::MET,
    netwerk_fields::STATE,
    netwerk_fields::ADDED,
    netwerk_fields::MERGED,
];

/// Reads every card in a vCard 2.1, 3.0 or 4.0 file (versions may mix).
///
/// Cards with nothing to call a person by are skipped with a reason. A
/// card without `END:VCARD`, a `BEGIN:VCARD` inside a card, a line that is
/// not a property, or anything but blank lines outside cards makes the
/// whole file an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ImportedContact>, ParseError> {
    // Windows tools may save UTF-16 with a byte-order mark; everything below
    // works on ASCII-compatible bytes, so re-encode first.
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && (encoding == UTF_16LE || encoding == UTF_16BE)
    {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return parse(text.as_bytes());
    }
    let cards = cards(bytes)?;
    // Old phones and Outlook write their code page without saying which:
    // one guess for the whole file, from every such value at once.
    let undeclared: Vec<Vec<u8>> = cards
        .iter()
        .flat_map(|(_, props)| props.iter().filter_map(undeclared_bytes))
        .collect();
    let legacy =
        (!undeclared.is_empty()).then(|| legacy_encoding(undeclared.iter().map(Vec::as_slice)));
    let mut parsed = Parsed::default();
    for (line, props) in cards {
        match build(line, props, legacy)? {
            Card::Kept(contact, remarks) => {
                for remark in remarks {
                    parsed.remark(line, remark);
                }
                parsed.records.push(*contact);
            }
            Card::Skipped(reason) => parsed.skip(line, reason),
        }
    }
    Ok(parsed)
}

/// Each card's line and the properties the importer reads, in file order.
fn cards(bytes: &[u8]) -> Result<Vec<(usize, Vec<Property>)>, ParseError> {
    let mut cards = Vec::new();
    // The open card: the line of its BEGIN and its properties so far.
    let mut open: Option<(usize, Vec<Property>)> = None;
    // vCard 2.1 writes an `AGENT` (an assistant) as a whole card nested on
    // the lines after it: how deep in one we are, and whether one may start.
    let mut agent_depth = 0usize;
    let mut after_agent = false;
    for logical in logical_lines(strip_bom(bytes)) {
        if logical.bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Some((begin, props)) = open.as_mut() else {
            open = Some((expect_begin(&logical)?, Vec::new()));
            continue;
        };
        if agent_depth > 0 {
            let text = logical.bytes.trim_ascii();
            if text.eq_ignore_ascii_case(b"BEGIN:VCARD") {
                agent_depth += 1;
            } else if text.eq_ignore_ascii_case(b"END:VCARD") {
                agent_depth -= 1;
            }
            continue;
        }
        let prop = parse_property(&logical)?;
        let value = String::from_utf8_lossy(&prop.value);
        let value = value.trim();
        let agent_may_follow =
            std::mem::replace(&mut after_agent, prop.name == "AGENT" && value.is_empty());
        match prop.name.as_str() {
            "BEGIN" if agent_may_follow && value.eq_ignore_ascii_case("VCARD") => agent_depth = 1,
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
                cards.push((*begin, std::mem::take(props)));
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
        None => Ok(cards),
    }
}

/// The line of a `BEGIN:VCARD`, or an error for anything else outside a card.
fn expect_begin(logical: &Logical) -> Result<usize, ParseError> {
    let text = logical.bytes.trim_ascii();
    // A group prefix (`vcard1.BEGIN:VCARD`) says nothing here.
    let ungrouped = match text.iter().position(|&b| b == b'.') {
        Some(dot) if !text[..dot].contains(&b':') => &text[dot + 1..],
        _ => text,
    };
    if ungrouped.eq_ignore_ascii_case(b"BEGIN:VCARD") {
        Ok(logical.line)
    } else if ungrouped.eq_ignore_ascii_case(b"END:VCARD") {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &[u8]) -> Vec<String> {
        parse(text)
            .unwrap()
            .records
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    #[test]
    fn a_2_1_agent_card_nested_in_a_card_is_passed_over() {
        let text = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Friday;Fred\r\nAGENT:\r\n\
                     BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nEND:VCARD\r\n\
                     EMAIL;INTERNET:fred@example.com\r\nEND:VCARD\r\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.records[0].name, "Fred Friday");
        assert_eq!(parsed.records[0].emails, ["fred@example.com"]);
        // Anywhere else, a BEGIN inside a card still means a card cut short.
        let cut = b"BEGIN:VCARD\nFN:Ada\nNOTE:\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n";
        assert_eq!(parse(cut).unwrap_err().line, 4);
    }

    #[test]
    fn a_group_prefix_on_begin_and_end_is_ignored() {
        let text = b"vcard.BEGIN:VCARD\r\nFN:Ada\r\nvcard.END:VCARD\r\n\
                     BEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n";
        assert_eq!(names(text), ["Ada", "Bo"]);
    }

    #[test]
    fn undeclared_legacy_text_is_read_in_the_code_page_of_the_whole_file() {
        // Polish in Windows-1250: one short value alone could be any code page.
        let text = "BEGIN:VCARD\nVERSION:2.1\nFN:Łukasz Żółw\n\
                    NOTE:Spotkaliśmy się w Łodzi na konferencji\nEND:VCARD\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
        assert_eq!(names(&bytes), ["Łukasz Żółw"]);
        // Ukrainian in Windows-1251: "Ві" happens to be UTF-8 for "³".
        let text = "BEGIN:VCARD\nVERSION:2.1\nFN:Віталій Ковальчук\nEND:VCARD\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(names(&bytes), ["Віталій Ковальчук"]);
        // Japanese and Korean phones: a double-byte code page.
        for (name, org, encoding) in [
            ("安藤 ロイド", "株式会社テスト", encoding_rs::SHIFT_JIS),
            ("김민준", "삼성전자", encoding_rs::EUC_KR),
        ] {
            let text = format!("BEGIN:VCARD\nVERSION:2.1\nFN:{name}\nORG:{org}\nEND:VCARD\n");
            let (bytes, _, _) = encoding.encode(&text);
            let card = &parse(&bytes).unwrap().records[0];
            assert_eq!(
                (card.name.as_str(), card.company.as_deref()),
                (name, Some(org))
            );
        }
    }
}
