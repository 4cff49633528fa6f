//! Contacts → vCard 4.0 text (RFC 6350) that [`super::parse`] reads back
//! unchanged.

use super::netwerk_fields::{ADDED, CADENCE, CONNECTED, DEGREE, MERGED, MET, STATE};
use crate::import::links::classify;
use crate::import::records::{ImportedContact, LinkKind};

/// RFC 6350 §3.2: content lines should not be longer than 75 octets.
const MAX_LINE_OCTETS: usize = 75;

/// Writes `contacts` as vCard 4.0: CRLF line ends, text escaped, long lines
/// folded at 75 octets without splitting a UTF-8 character.
///
/// Social profiles become `X-SOCIALPROFILE;TYPE=kind` (what Apple Contacts
/// reads), web sites and other links `URL`, with `TYPE=kind` only where the
/// host alone would suggest another kind. The connection date goes in
/// `X-NETWERK-CONNECTED`, since vCard has no property for it. The `line`
/// field is not written.
pub fn write(contacts: &[ImportedContact]) -> String {
    let mut out = String::new();
    for contact in contacts {
        write_card(&mut out, contact, &[]);
    }
    out
}

/// Writes one card, as [`write`] does, with its `UID` and netwerk's own
/// fields (`X-NETWERK-*`) when the record has them, and then `kept`:
/// unfolded property lines of another program's, kept as they were.
pub fn write_card(out: &mut String, contact: &ImportedContact, kept: &[String]) {
    push(out, "BEGIN:VCARD");
    push(out, "VERSION:4.0");
    if let Some(uid) = &contact.uid {
        push(out, &format!("UID:{}", text(uid)));
    }
    push(out, &format!("FN:{}", text(&contact.name)));
    if contact.given_name.is_some() || contact.family_name.is_some() {
        let part = |p: &Option<String>| p.as_deref().map(text).unwrap_or_default();
        let (family, given) = (part(&contact.family_name), part(&contact.given_name));
        push(out, &format!("N:{family};{given};;;"));
    }
    if let Some(company) = &contact.company {
        push(out, &format!("ORG:{}", text(company)));
    }
    if let Some(role) = &contact.role {
        push(out, &format!("TITLE:{}", text(role)));
    }
    for (i, email) in contact.emails.iter().enumerate() {
        let pref = if i == 0 && contact.emails.len() > 1 {
            ";PREF=1"
        } else {
            ""
        };
        push(out, &format!("EMAIL{pref}:{}", text(email)));
    }
    for (kind, url) in &contact.links {
        let property = match kind {
            LinkKind::Website | LinkKind::Other if classify(url) == *kind => "URL".to_string(),
            LinkKind::Website | LinkKind::Other => format!("URL;TYPE={kind}"),
            _ => format!("X-SOCIALPROFILE;TYPE={kind}"),
        };
        push(out, &format!("{property}:{}", uri(url)));
    }
    if !contact.interests.is_empty() {
        let list: Vec<String> = contact.interests.iter().map(|i| text(i)).collect();
        push(out, &format!("CATEGORIES:{}", list.join(",")));
    }
    if let Some(notes) = &contact.notes {
        push(out, &format!("NOTE:{}", text(notes)));
    }
    if let Some(date) = contact.connected {
        push(out, &format!("{CONNECTED}:{}", date.format("%Y-%m-%d")));
    }
    let n = &contact.netwerk;
    if let Some(degree) = n.degree {
        push(out, &format!("{DEGREE}:{degree}"));
    }
    if let Some(days) = n.cadence_days {
        push(out, &format!("{CADENCE}:{days}"));
    }
    if let Some(met) = &n.met {
        push(out, &format!("{MET}:{}", text(met)));
    }
    if let Some(state) = n.state {
        push(out, &format!("{STATE}:{}", state.as_str()));
    }
    if let Some(date) = n.added {
        push(out, &format!("{ADDED}:{}", date.format("%Y-%m-%d")));
    }
    if !n.merged.is_empty() {
        let list: Vec<String> = n.merged.iter().map(|i| text(i)).collect();
        push(out, &format!("{MERGED}:{}", list.join(",")));
    }
    for line in kept {
        push(out, line);
    }
    push(out, "END:VCARD");
}

/// The properties of the card in `bytes` that [`write_card`] does not
/// write — a phone number, an address, a photo, another program's `X-`
/// properties — as unfolded lines, to keep when netwerk rewrites the
/// card. netwerk holds one e-mail address: the card's preferred one (and
/// any equal to `email`, netwerk's) is netwerk's, the others are kept.
pub fn foreign_lines(bytes: &[u8], email: Option<&str>) -> Vec<String> {
    use super::lines::{logical_lines, parse_property};
    let props: Vec<(String, super::lines::Property)> = logical_lines(bytes)
        .into_iter()
        .filter_map(|l| {
            let raw = String::from_utf8_lossy(&l.bytes).trim_end().to_owned();
            parse_property(&l).ok().map(|p| (raw, p))
        })
        .collect();
    let written = |name: &str| {
        matches!(
            name,
            "BEGIN"
                | "END"
                | "VERSION"
                | "UID"
                | "FN"
                | "N"
                | "ORG"
                | "TITLE"
                | "URL"
                | "X-SOCIALPROFILE"
                | "SOCIALPROFILE"
                | "CATEGORIES"
                | "NOTE"
        ) || name.starts_with("X-NETWERK-")
    };
    // The preferred address is the one an import takes (see `card.rs`).
    let preferred = props
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| p.name == "EMAIL")
        .min_by_key(|(i, (_, p))| (super::card::pref_rank(p), *i))
        .map(|(i, _)| i);
    let value = |p: &super::lines::Property| String::from_utf8_lossy(&p.value).trim().to_owned();
    // A label belongs to the property of its group: gone with it.
    let dropped_groups: Vec<&str> = props
        .iter()
        .filter(|(_, p)| written(&p.name))
        .filter_map(|(_, p)| p.group.as_deref())
        .collect();
    props
        .iter()
        .enumerate()
        .filter(|(i, (_, p))| {
            if written(&p.name) {
                return false;
            }
            if p.name == "EMAIL"
                && (Some(*i) == preferred
                    || email.is_some_and(|e| value(p).eq_ignore_ascii_case(e)))
            {
                return false;
            }
            !(p.name == "X-ABLABEL"
                && p.group
                    .as_deref()
                    .is_some_and(|g| dropped_groups.contains(&g)))
        })
        .map(|(_, (raw, _))| raw.clone())
        .collect()
}

/// Appends `line` folded: each physical line at most 75 octets, continuation
/// lines starting with one space (which counts toward the 75).
fn push(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A TEXT value: backslash, comma, semicolon and line breaks escaped.
fn text(value: &str) -> String {
    escape(value, true)
}

/// A URI value: commas and semicolons are legal in URIs and stay; backslash
/// and line breaks (never valid in a URI) are escaped so any string survives.
fn uri(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, separators: bool) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' | ';' if separators => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        push(&mut out, &format!("NOTE:{}", "é".repeat(80)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line:?}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("NOTE:{}\r\n", "é".repeat(80))
        );
    }

    #[test]
    fn text_escapes() {
        assert_eq!(text("a,b;c\\d\r\ne\rf\ng"), r"a\,b\;c\\d\ne\nf\ng");
        assert_eq!(
            uri("https://a.example/?x=1,2;3"),
            "https://a.example/?x=1,2;3"
        );
    }
}
