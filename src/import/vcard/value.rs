//! From a raw property value to text: transfer encoding, charset, escapes.

use encoding_rs::{Encoding, WINDOWS_1252};

use super::lines::Property;
use crate::import::records::ParseError;

/// Decodes the value of `prop` to text: quoted-printable if the parameters
/// say so, then the declared `CHARSET` (vCard 2.1), else UTF-8.
///
/// Undeclared bytes that are not UTF-8 are read as Windows-1252 in a vCard
/// 2.1 card (`legacy`), as old phones wrote them, and are an error in 3.0
/// and 4.0, which require UTF-8. Line breaks come out as `\n`. Escapes are
/// left in place: splitting compound values needs them.
pub fn decode(prop: &Property, legacy: bool) -> Result<String, ParseError> {
    let quoted_printable = prop
        .param("ENCODING")
        .any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
    let bytes = if quoted_printable {
        quoted_printable::decode(&prop.value, quoted_printable::ParseMode::Robust).map_err(|e| {
            ParseError::new(
                prop.line,
                format!("{}: bad quoted-printable: {e}", prop.name),
            )
        })?
    } else {
        prop.value.clone()
    };
    let text = match prop.param("CHARSET").next() {
        Some(label) => {
            let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                ParseError::new(
                    prop.line,
                    format!("{}: unknown CHARSET `{label}`", prop.name),
                )
            })?;
            encoding.decode_without_bom_handling(&bytes).0.into_owned()
        }
        None => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if legacy => WINDOWS_1252
                .decode_without_bom_handling(e.as_bytes())
                .0
                .into_owned(),
            Err(_) => {
                return Err(ParseError::new(
                    prop.line,
                    format!("{}: not valid UTF-8 and no CHARSET given", prop.name),
                ));
            }
        },
    };
    Ok(normalize_newlines(text))
}

fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Splits `text` on `separator` where it is not escaped with a backslash.
/// The parts keep their escapes; pass each to [`unescape`].
pub fn split_unescaped(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Resolves `\n` `\N` `\\` `\,` `\;` and `\:` (Google escapes the colon in
/// URLs). Any other backslash is kept: vCard 2.1 text such as `C:\temp` uses
/// it literally.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n' | 'N') => {
                out.push('\n');
                chars.next();
            }
            Some(&next @ ('\\' | ',' | ';' | ':')) => {
                out.push(next);
                chars.next();
            }
            _ => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::vcard::lines::{Logical, parse_property};

    fn prop(line: &[u8]) -> Property {
        parse_property(&Logical {
            line: 1,
            bytes: line.to_vec(),
        })
        .unwrap()
    }

    #[test]
    fn quoted_printable_in_a_declared_charset() {
        let p = prop(b"N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg");
        assert_eq!(decode(&p, true).unwrap(), "Müller;Jörg");
        let p = prop(b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab");
        assert_eq!(decode(&p, true).unwrap(), "a\nb");
    }

    #[test]
    fn undeclared_latin1_is_legacy_only() {
        let p = prop(b"FN:J\xF6rg");
        assert_eq!(decode(&p, true).unwrap(), "Jörg");
        assert!(decode(&p, false).is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(r"a\,b\;c\nd\\e\:f\x"), "a,b;c\nd\\e:f\\x");
        assert_eq!(split_unescaped(r"a\,b,c\\,d", ','), [r"a\,b", r"c\\", "d"]);
    }
}
