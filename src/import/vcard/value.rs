//! From a raw property value to text: transfer encoding, charset, escapes.

use encoding_rs::Encoding;

use super::lines::Property;
use crate::import::records::ParseError;
use crate::import::text::legacy_decode;

/// Decodes the value of `prop` to text: quoted-printable if the parameters
/// say so, then the declared `CHARSET` (vCard 2.1), else UTF-8.
///
/// Undeclared bytes that are not UTF-8 are read in `legacy`, the code page
/// guessed for the whole file, and refused when they are not text in it
/// either, or mix UTF-8 with other bytes: better no import than mojibake.
/// Line breaks come out as `\n`. Escapes are left in place: splitting
/// compound values needs them.
pub fn decode(prop: &Property, legacy: Option<&'static Encoding>) -> Result<String, ParseError> {
    let bytes = transfer_decoded(prop)?;
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
            Err(e) => {
                let bytes = e.as_bytes();
                match legacy.and_then(|enc| legacy_decode(bytes, enc)) {
                    Some(text) => text,
                    None => {
                        return Err(ParseError::new(
                            prop.line,
                            format!(
                                "{}: text in an unknown encoding (not UTF-8, and no CHARSET \
                                 given); save the file as UTF-8",
                                prop.name
                            ),
                        ));
                    }
                }
            }
        },
    };
    Ok(normalize_newlines(text))
}

/// The value's bytes after quoted-printable decoding, when it declares it.
fn transfer_decoded(prop: &Property) -> Result<Vec<u8>, ParseError> {
    let quoted_printable = prop
        .param("ENCODING")
        .any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
    if !quoted_printable {
        return Ok(prop.value.clone());
    }
    quoted_printable::decode(&prop.value, quoted_printable::ParseMode::Robust).map_err(|e| {
        ParseError::new(
            prop.line,
            format!("{}: bad quoted-printable: {e}", prop.name),
        )
    })
}

/// The bytes of a value that declares no `CHARSET` and is not UTF-8: what
/// the file's legacy code page is guessed from.
pub fn undeclared_bytes(prop: &Property) -> Option<Vec<u8>> {
    if prop.param("CHARSET").next().is_some() {
        return None;
    }
    let bytes = transfer_decoded(prop).ok()?;
    std::str::from_utf8(&bytes).is_err().then_some(bytes)
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
        assert_eq!(decode(&p, None).unwrap(), "Müller;Jörg");
        let p = prop(b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab");
        assert_eq!(decode(&p, None).unwrap(), "a\nb");
    }

    #[test]
    fn undeclared_bytes_are_read_in_the_guessed_code_page_or_refused() {
        let p = prop(b"FN:J\xF6rg");
        assert_eq!(decode(&p, Some(encoding_rs::WINDOWS_1252)).unwrap(), "Jörg");
        assert!(decode(&p, None).is_err());
        let mixed = prop("FN:Zoë J\u{f6}rg".as_bytes());
        assert!(decode(&mixed, None).is_ok());
        let mixed = prop(b"FN:Zo\xc3\xab J\xF6rg");
        assert!(decode(&mixed, Some(encoding_rs::WINDOWS_1252)).is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(r"a\,b\;c\nd\\e\:f\x"), "a,b;c\nd\\e:f\\x");
        assert_eq!(split_unescaped(r"a\,b,c\\,d", ','), [r"a\,b", r"c\\", "d"]);
    }
}
