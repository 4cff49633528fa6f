//! From bytes to content lines: unfolding, then `group.NAME;params:value`.

use crate::import::records::ParseError;

/// One logical line: folded continuations and quoted-printable soft line
/// breaks already joined.
pub struct Logical {
    /// 1-based physical line it starts on.
    pub line: usize,
    /// Its bytes, without line ending. Bytes, not text, because vCard 2.1
    /// allows each property its own CHARSET.
    pub bytes: Vec<u8>,
}

/// Splits `bytes` into logical lines.
///
/// A line starting with a space or tab continues the previous one (RFC 2425
/// folding; the one whitespace character is dropped). A vCard 2.1
/// quoted-printable value ending in `=` continues on the next line whatever
/// that line starts with, as Android writes long values. A vCard 2.1
/// base64 value (a photo) may run on over unindented lines up to a blank
/// line; such lines, all base64 letters, continue it too. Lines end in LF
/// or CRLF, or in a lone CR in a file with no LF at all.
pub fn logical_lines(bytes: &[u8]) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    // Classic Mac OS ended lines with a lone CR.
    let end = if bytes.contains(&b'\n') || !bytes.contains(&b'\r') {
        b'\n'
    } else {
        b'\r'
    };
    for (index, physical) in bytes.split(|&b| b == end).enumerate() {
        let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
        if let Some(current) = out.last_mut() {
            if matches!(physical.first(), Some(b' ' | b'\t')) && !current.bytes.is_empty() {
                current.bytes.extend_from_slice(&physical[1..]);
                continue;
            }
            if current.bytes.ends_with(b"=")
                && is_quoted_printable(&current.bytes)
                && !physical.eq_ignore_ascii_case(b"END:VCARD")
            {
                current.bytes.pop();
                current.bytes.extend_from_slice(physical);
                continue;
            }
            if is_base64_text(physical) && declares(&current.bytes, &[b"BASE64", b"ENCODING=B"]) {
                current.bytes.extend_from_slice(physical);
                continue;
            }
        }
        out.push(Logical {
            line: index + 1,
            bytes: physical.to_vec(),
        });
    }
    out
}

/// Whether the parameters (before the first `:`) declare quoted-printable.
fn is_quoted_printable(line: &[u8]) -> bool {
    declares(line, &[b"QUOTED-PRINTABLE"])
}

/// Whether the parameters (before the first `:`) contain any of `words`.
fn declares(line: &[u8], words: &[&[u8]]) -> bool {
    let head = line
        .iter()
        .position(|&b| b == b':')
        .map_or(line, |colon| &line[..colon])
        .to_ascii_uppercase();
    words
        .iter()
        .any(|word| head.windows(word.len()).any(|w| w == *word))
}

/// Whether `line` is a non-empty run of base64 letters (never a property:
/// it has no `:`).
fn is_base64_text(line: &[u8]) -> bool {
    !line.is_empty()
        && line
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A property parameter: `TYPE=work,pref` has name `TYPE`, values `work`, `pref`.
#[derive(Debug, PartialEq, Eq)]
pub struct Param {
    /// Upper-cased name.
    pub name: String,
    /// Values with surrounding quotes removed.
    pub values: Vec<String>,
}

/// One parsed content line.
#[derive(Debug)]
pub struct Property {
    /// 1-based line it starts on.
    pub line: usize,
    /// Lower-cased group (`item1` in `item1.URL`), which ties Apple's
    /// `X-ABLabel` to the property it labels.
    pub group: Option<String>,
    /// Upper-cased property name.
    pub name: String,
    /// Parameters in order.
    pub params: Vec<Param>,
    /// The raw value: still encoded and escaped.
    pub value: Vec<u8>,
}

impl Property {
    /// All values of parameter `name` (upper-case), across repeats: vCard 3.0
    /// writes `type=INTERNET;type=pref` as well as `TYPE=INTERNET,pref`.
    pub fn param(&self, name: &str) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(move |p| p.name == name)
            .flat_map(|p| p.values.iter().map(String::as_str))
    }

    /// Whether `TYPE` includes `value` (case-insensitive).
    pub fn has_type(&self, value: &str) -> bool {
        self.param("TYPE").any(|t| t.eq_ignore_ascii_case(value))
    }
}

/// Encodings vCard 2.1 allows as bare parameters (`EMAIL;QUOTED-PRINTABLE:`).
const BARE_ENCODINGS: [&str; 5] = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"];

/// Parses `group.NAME;param=value;...:value`.
pub fn parse_property(logical: &Logical) -> Result<Property, ParseError> {
    let bytes = &logical.bytes;
    let malformed = || {
        ParseError::new(
            logical.line,
            format!(
                "expected a vCard property like `NAME:value`, found `{}`",
                preview(bytes)
            ),
        )
    };
    let name_end = bytes
        .iter()
        .position(|&b| b == b';' || b == b':')
        .ok_or_else(malformed)?;
    let full_name = &bytes[..name_end];
    // RFC names are letters, digits and `-`; vendors write others
    // (`X-messaging/twitter-All`), which are skipped like any unknown one.
    let valid_name = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_graphic);
    let (group, name) = match full_name.iter().position(|&b| b == b'.') {
        Some(dot) => (Some(&full_name[..dot]), &full_name[dot + 1..]),
        None => (None, full_name),
    };
    if !valid_name(name) || group.is_some_and(|g| !valid_name(g)) {
        return Err(malformed());
    }

    let mut params = Vec::new();
    let mut pos = name_end;
    while bytes.get(pos) == Some(&b';') {
        let start = pos + 1;
        let end = end_of_param(bytes, start).ok_or_else(malformed)?;
        if let Some(param) = parse_param(&bytes[start..end]) {
            params.push(param);
        }
        pos = end;
    }
    // `pos` now holds the ':' that starts the value.
    Ok(Property {
        line: logical.line,
        group: group.map(|g| String::from_utf8_lossy(g).to_ascii_lowercase()),
        name: String::from_utf8_lossy(name).to_ascii_uppercase(),
        params,
        value: bytes[pos + 1..].to_vec(),
    })
}

/// Index of the `;` or `:` ending the parameter starting at `start`,
/// skipping over double-quoted text (`TYPE="work,voice"`).
fn end_of_param(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match b {
            b'"' => quoted = !quoted,
            b';' | b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn parse_param(raw: &[u8]) -> Option<Param> {
    let raw = String::from_utf8_lossy(raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let (name, values) = match raw.split_once('=') {
        Some((name, values)) => (name.trim().to_ascii_uppercase(), values),
        // vCard 2.1 writes bare values: `TEL;WORK;PREF:` or `NOTE;QUOTED-PRINTABLE:`.
        None if BARE_ENCODINGS.iter().any(|e| raw.eq_ignore_ascii_case(e)) => {
            ("ENCODING".to_string(), raw)
        }
        None => ("TYPE".to_string(), raw),
    };
    let values = split_param_values(values, name == "TYPE");
    Some(Param { name, values })
}

/// Splits on commas outside double quotes and drops the quotes. `TYPE` is
/// split inside quotes too: RFC 6350 itself writes `TYPE="voice,home"`.
fn split_param_values(values: &str, always_split: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in values.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted || always_split => out.push(String::new()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out.into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The start of a line, made safe to show in an error message.
fn preview(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text
        .chars()
        .take(40)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        logical_lines(text.as_bytes())
            .into_iter()
            .map(|l| (l.line, String::from_utf8(l.bytes).unwrap()))
            .collect()
    }

    #[test]
    fn folded_lines_are_joined_dropping_one_whitespace() {
        assert_eq!(
            lines("NOTE:a\r\n  b\r\n\tc\r\nFN:x"),
            [(1, "NOTE:a bc".to_string()), (4, "FN:x".to_string())]
        );
    }

    #[test]
    fn lone_cr_line_ends_are_line_ends() {
        assert_eq!(
            lines("BEGIN:VCARD\rFN:x\r y\r"),
            [
                (1, "BEGIN:VCARD".to_string()),
                (2, "FN:xy".to_string()),
                (4, String::new())
            ]
        );
    }

    #[test]
    fn quoted_printable_soft_breaks_are_joined() {
        assert_eq!(
            lines("NOTE;ENCODING=QUOTED-PRINTABLE:=41=\r\n=42\r\nFN:x="),
            [
                (1, "NOTE;ENCODING=QUOTED-PRINTABLE:=41=42".to_string()),
                (3, "FN:x=".to_string())
            ]
        );
    }

    #[test]
    fn a_2_1_base64_value_runs_on_over_unindented_lines_to_a_blank_line() {
        assert_eq!(
            lines("PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n/9j/4AA\r\nQSk+Zg==\r\n\r\nFN:x\r\nQSk"),
            [
                (
                    1,
                    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSk+Zg==".to_string()
                ),
                (4, String::new()),
                (5, "FN:x".to_string()),
                (6, "QSk".to_string()),
            ]
        );
    }

    #[test]
    fn vendor_property_names_outside_the_rfc_are_read() {
        let logical = Logical {
            line: 4,
            bytes: b"X-messaging/twitter-All:ada".to_vec(),
        };
        let prop = parse_property(&logical).unwrap();
        assert_eq!(prop.name, "X-MESSAGING/TWITTER-ALL");
        assert_eq!(prop.value, b"ada");
    }

    #[test]
    fn property_with_group_and_params() {
        let logical = Logical {
            line: 7,
            bytes: b"item1.EMAIL;type=INTERNET;TYPE=\"work,pref\";QUOTED-PRINTABLE:a:b".to_vec(),
        };
        let prop = parse_property(&logical).unwrap();
        assert_eq!(prop.group.as_deref(), Some("item1"));
        assert_eq!(prop.name, "EMAIL");
        assert_eq!(
            prop.param("TYPE").collect::<Vec<_>>(),
            ["INTERNET", "work", "pref"]
        );
        assert_eq!(
            prop.param("ENCODING").collect::<Vec<_>>(),
            ["QUOTED-PRINTABLE"]
        );
        assert_eq!(prop.value, b"a:b");
    }

    #[test]
    fn a_line_without_colon_is_an_error_on_its_line() {
        let logical = Logical {
            line: 3,
            bytes: b"hello world".to_vec(),
        };
        assert_eq!(parse_property(&logical).unwrap_err().line, 3);
    }
}
