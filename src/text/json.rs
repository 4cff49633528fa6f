//! JSON that is safe to land on a terminal and still decodes to the exact
//! data. serde_json escapes only C0 controls; this also escapes DEL and
//! every character [`is_unsafe`] names (C1 controls, bidi controls,
//! zero-width and other invisible characters) as `\uXXXX`, so
//! `netwerk contact list --json` in a terminal cannot be made to act on it.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::sanitize::is_unsafe;

/// Writes `value` as pretty-printed JSON with unsafe characters escaped.
pub fn write_pretty<W: io::Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    // `From` keeps the I/O error kind, so a closed pipe stays quiet.
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// [`write_pretty`] into a string.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut out = Vec::new();
    write_pretty(&mut out, value)?;
    // serde_json writes UTF-8, and every escape added here is ASCII.
    String::from_utf8(out).map_err(io::Error::other)
}

/// serde_json's pretty layout, with more characters escaped in strings.
#[derive(Default)]
struct SafeFormatter(PrettyFormatter<'static>);

/// Writes `c` as `\uXXXX`, or a surrogate pair past the BMP (the tag
/// characters).
fn escape<W: ?Sized + io::Write>(w: &mut W, c: char) -> io::Result<()> {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        write!(w, "\\u{unit:04x}")?;
    }
    Ok(())
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Nearly every fragment is printable ASCII: one byte scan.
        if fragment.bytes().all(|b| b < 0x7f) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                escape(w, c)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_decode_to_the_same_text() {
        let text =
            "A\u{1b}]52;c;eA==\u{7}\u{9b}31m\u{202e}\u{2066}\u{200b}\u{feff}\u{7f}\u{e0041}王😀 é";
        let json = to_string_pretty(&[text]).unwrap();
        for c in json.chars() {
            assert!(!is_unsafe(c) || c == '\n', "{c:?} in {json}");
        }
        assert!(json.contains("\\u009b"), "{json}");
        assert!(json.contains("\\u202e"), "{json}");
        assert!(json.contains("\\udb40\\udc41"), "{json}");
        assert!(json.contains("王😀 é"), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [text]);
    }

    #[test]
    fn layout_is_serde_jsons_pretty_layout() {
        let value = serde_json::json!({"a": [1, {"b": "c"}], "d": {}, "e": []});
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
