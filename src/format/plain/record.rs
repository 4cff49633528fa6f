//! A fast reader for the plain TOML netwerk itself writes.
//!
//! The `toml` crate alone would spend the whole launch budget on 30,000
//! contacts when there is no snapshot yet (first launch, a hand edit, a
//! `git pull`; figures in `docs/performance.md`).
//! The files netwerk writes use a small corner of TOML: one `[[key]]`
//! table per record, bare keys, one-line strings, integers, booleans,
//! one-line arrays of strings and `[[key.sub]]` tables for nested
//! records. This module reads exactly that corner, several times faster,
//! and hands the values to the same serde `Deserialize` the `toml` crate
//! would drive.
//!
//! It never decides anything on its own: whatever lies outside that
//! corner — multi-line strings, inline tables, dotted or quoted keys,
//! dates, floats, escapes it does not know, a repeated key — makes it
//! return `None`, and the caller parses that record with the `toml`
//! crate, which also reports any error with its line and column. So a
//! record read here is always the record the `toml` crate would read
//! (a property test compares the two on generated and mutated files).

use serde::de::value::{Error, SeqDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use std::borrow::Cow;

/// One value of a `key = value` line.
#[derive(Debug)]
enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    Array(Vec<Value<'a>>),
}

/// Reads one record: `piece` starts with the line `[[key]]` and runs up
/// to the next such line. `None` when the piece strays outside the plain
/// corner or does not deserialise into `T`.
///
/// The record is read as serde asks for it, line by line, with no tree in
/// between. A repeated key, or `[[key.sub]]` tables split by other ones,
/// arrive as a field given twice, which serde refuses; the `toml` crate
/// then sorts it out.
pub fn record<T: DeserializeOwned>(piece: &str, key: &str) -> Option<T> {
    let mut lines = piece.split('\n');
    let first = lines.next()?;
    if first.len() != key.len() + 4
        || !first.starts_with("[[")
        || !first.ends_with("]]")
        || &first[2..first.len() - 2] != key
    {
        return None;
    }
    let mut reader = Reader {
        lines,
        key,
        peeked: None,
    };
    let record = T::deserialize(Part {
        reader: &mut reader,
        shape: Shape::Table { top: true },
    })
    .ok()?;
    // Everything was read: nothing left over that serde did not ask for.
    reader.next().is_none().then_some(record)
}

/// A line that matters.
enum Line<'a> {
    KeyValue(&'a str, Value<'a>),
    /// `[[key.sub]]`.
    Sub(&'a str),
    /// Outside the plain corner.
    Other,
}

/// The lines of one record, blanks and comments skipped.
struct Reader<'a, 'k> {
    lines: std::str::Split<'a, char>,
    key: &'k str,
    peeked: Option<Line<'a>>,
}

impl<'a> Reader<'a, '_> {
    fn next(&mut self) -> Option<Line<'a>> {
        if let Some(line) = self.peeked.take() {
            return Some(line);
        }
        for line in self.lines.by_ref() {
            let line = blanks(line);
            if line.is_empty() || line.starts_with('#') {
                if !comment_ok(line) {
                    return Some(Line::Other);
                }
                continue;
            }
            if line.starts_with('[') {
                let sub = line
                    .trim_end_matches([' ', '\t'])
                    .strip_prefix("[[")
                    .and_then(|l| l.strip_suffix("]]"))
                    .and_then(|l| l.strip_prefix(self.key))
                    .and_then(|l| l.strip_prefix('.'))
                    .filter(|sub| is_bare_key(sub));
                return Some(sub.map_or(Line::Other, Line::Sub));
            }
            return Some(match key_value(line) {
                Some((k, v)) => Line::KeyValue(k, v),
                None => Line::Other,
            });
        }
        None
    }

    fn peek(&mut self) -> Option<&Line<'a>> {
        if self.peeked.is_none() {
            self.peeked = self.next();
        }
        self.peeked.as_ref()
    }
}

fn not_plain() -> Error {
    serde::de::Error::custom("not plain TOML")
}

/// A part of the record handed to serde: a table as a map, or a run of
/// `[[key.sub]]` tables as a sequence.
struct Part<'r, 'a, 'k> {
    reader: &'r mut Reader<'a, 'k>,
    shape: Shape<'a>,
}

enum Shape<'a> {
    /// The record's own table (`top`) or one `[[key.sub]]` table.
    Table { top: bool },
    /// The run of `[[key.sub]]` tables that starts at the current line.
    Tables { sub: &'a str },
}

impl<'de> serde::Deserializer<'de> for Part<'_, 'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.shape {
            Shape::Table { top } => visitor.visit_map(TableMap {
                reader: self.reader,
                top,
                next: None,
            }),
            Shape::Tables { sub } => visitor.visit_seq(TablesSeq {
                reader: self.reader,
                sub,
                first: true,
            }),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// What follows a key just handed out.
enum Next<'a> {
    Value(Value<'a>),
    Tables(&'a str),
}

struct TableMap<'r, 'a, 'k> {
    reader: &'r mut Reader<'a, 'k>,
    top: bool,
    next: Option<Next<'a>>,
}

impl<'de> serde::de::MapAccess<'de> for TableMap<'_, 'de, '_> {
    type Error = Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.reader.peek() {
            None => return Ok(None),
            // A nested table ends at the next header.
            Some(Line::Sub(_)) if !self.top => return Ok(None),
            Some(_) => match self.reader.next() {
                Some(Line::KeyValue(k, v)) => {
                    self.next = Some(Next::Value(v));
                    k
                }
                Some(Line::Sub(sub)) => {
                    self.next = Some(Next::Tables(sub));
                    sub
                }
                _ => return Err(not_plain()),
            },
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Error> {
        match self.next.take().ok_or_else(not_plain)? {
            Next::Value(v) => seed.deserialize(v),
            Next::Tables(sub) => seed.deserialize(Part {
                reader: self.reader,
                shape: Shape::Tables { sub },
            }),
        }
    }
}

struct TablesSeq<'r, 'a, 'k> {
    reader: &'r mut Reader<'a, 'k>,
    sub: &'a str,
    first: bool,
}

impl<'de> serde::de::SeqAccess<'de> for TablesSeq<'_, 'de, '_> {
    type Error = Error;

    fn next_element_seed<T: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        // The first table's header was read with the key; each further
        // one is read here, as long as it names the same tables.
        if !std::mem::take(&mut self.first) {
            match self.reader.peek() {
                Some(Line::Sub(sub)) if *sub == self.sub => {
                    self.reader.next();
                }
                _ => return Ok(None),
            }
        }
        seed.deserialize(Part {
            reader: self.reader,
            shape: Shape::Table { top: false },
        })
        .map(Some)
    }
}

/// A blank line or a comment with no control characters but tab.
pub(super) fn comment_ok(line: &str) -> bool {
    !line.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
}

fn is_bare_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `s` without the spaces and tabs it starts with.
pub(super) fn blanks(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &s[n..]
}

/// `key = value`, with optional blanks and a trailing comment.
fn key_value(line: &str) -> Option<(&str, Value<'_>)> {
    let end = line
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    let (key, rest) = line.split_at(end);
    if key.is_empty() {
        return None;
    }
    let rest = blanks(rest).strip_prefix('=')?;
    let (value, rest) = value(blanks(rest))?;
    let rest = blanks(rest);
    (rest.is_empty() || (rest.starts_with('#') && comment_ok(rest))).then_some((key, value))
}

/// One value at the start of `s`, and what follows it.
fn value(s: &str) -> Option<(Value<'_>, &str)> {
    match s.as_bytes().first()? {
        b'"' | b'\'' => {
            let (text, rest) = string(s)?;
            Some((Value::Str(text), rest))
        }
        b'[' => {
            let mut rest = blanks(&s[1..]);
            let mut items = Vec::new();
            if let Some(after) = rest.strip_prefix(']') {
                return Some((Value::Array(items), after));
            }
            loop {
                let (text, after) = string(rest)?;
                items.push(Value::Str(text));
                let after = blanks(after);
                if let Some(after) = after.strip_prefix(']') {
                    return Some((Value::Array(items), after));
                }
                rest = blanks(after.strip_prefix(',')?);
            }
        }
        b't' if s.starts_with("true") => Some((Value::Bool(true), &s[4..])),
        b'f' if s.starts_with("false") => Some((Value::Bool(false), &s[5..])),
        _ => {
            let end = s
                .bytes()
                .position(|b| b == b' ' || b == b'\t' || b == b'#')
                .unwrap_or(s.len());
            let (digits, rest) = s.split_at(end);
            Some((Value::Int(integer(digits)?), rest))
        }
    }
}

/// A decimal integer as TOML writes it: an optional sign, no leading
/// zeros, no underscores (those, and other bases, go to the full parser).
pub(super) fn integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if plain { s.parse().ok() } else { None }
}

/// The bytes that need a look inside a string, by what they are:
/// control characters (all but tab, and DEL), each quote, backslash.
const BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        if b != b'\t' as usize {
            class[b] = CONTROL;
        }
        b += 1;
    }
    class[0x7f] = CONTROL;
    class[b'"' as usize] = DOUBLE;
    class[b'\'' as usize] = SINGLE;
    class[b'\\' as usize] = BACKSLASH;
    class
};
const CONTROL: u8 = 1;
const DOUBLE: u8 = 2;
const SINGLE: u8 = 4;
const BACKSLASH: u8 = 8;
/// What a basic string stops at; a literal one knows no escapes.
const BASIC_STOP: u8 = CONTROL | DOUBLE | BACKSLASH;
const LITERAL_STOP: u8 = CONTROL | SINGLE;

/// A one-line basic (`"…"`) or literal (`'…'`) string at the start of
/// `s`, decoded, and what follows it.
pub(super) fn string(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let quote = *s.as_bytes().first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let body = &s[1..];
    if body.as_bytes().first() == Some(&quote) && body.as_bytes().get(1) == Some(&quote) {
        // `"""` or `'''`: a multi-line string.
        return None;
    }
    let bytes = body.as_bytes();
    // What ends the run of ordinary bytes in this kind of string.
    let stop = if quote == b'"' {
        BASIC_STOP
    } else {
        LITERAL_STOP
    };
    // The bytes worth a look: a superset of `stop`'s (tabs among them).
    let look = if quote == b'"' {
        [b'"', b'\\', 0x7f]
    } else {
        [b'\'', 0x7f, 0x7f]
    };
    let mut i = 0;
    let mut decoded: Option<String> = None;
    let mut copied = 0;
    loop {
        i += super::run::ordinary(&bytes[i..], look);
        let b = *bytes.get(i)?;
        if BYTE_CLASS[usize::from(b)] & stop == 0 {
            i += 1;
            continue;
        }
        if b == quote {
            let text = match decoded {
                None => Cow::Borrowed(&body[..i]),
                Some(mut d) => {
                    d.push_str(&body[copied..i]);
                    Cow::Owned(d)
                }
            };
            return Some((text, &body[i + 1..]));
        }
        if (b < 0x20 && b != b'\t') || b == 0x7f {
            return None;
        }
        if b == b'\\' && quote == b'"' {
            let d = decoded.get_or_insert_with(String::new);
            d.push_str(&body[copied..i]);
            let (c, len) = escape(&bytes[i + 1..])?;
            d.push(c);
            i += 1 + len;
            copied = i;
            continue;
        }
        i += 1;
    }
}

/// The character an escape after a backslash stands for, and how many
/// bytes it takes. Only the escapes every TOML version knows.
fn escape(after: &[u8]) -> Option<(char, usize)> {
    let simple = match after.first()? {
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'u' => return hex(after.get(1..5)?).map(|c| (c, 5)),
        b'U' => return hex(after.get(1..9)?).map(|c| (c, 9)),
        _ => return None,
    };
    Some((simple, 1))
}

fn hex(digits: &[u8]) -> Option<char> {
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let text = std::str::from_utf8(digits).ok()?;
    char::from_u32(u32::from_str_radix(text, 16).ok()?)
}

impl<'de> IntoDeserializer<'de, Error> for Value<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> serde::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
        }
    }

    // A value that is present is `Some`, as in the `toml` crate.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    // Unit variants are written as their names.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Str(Cow::Borrowed(s)) => s
                .into_deserializer()
                .deserialize_enum(name, variants, visitor),
            Value::Str(Cow::Owned(s)) => s
                .into_deserializer()
                .deserialize_enum(name, variants, visitor),
            other => other.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// The one record in `piece` as the `toml` crate reads it: what the
/// plain readers must agree with.
#[cfg(test)]
pub(super) fn by_toml<T: DeserializeOwned>(piece: &str, key: &str) -> Option<T> {
    let mut t: std::collections::HashMap<String, Vec<T>> = toml::from_str(piece).ok()?;
    t.remove(key)?.pop()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct R {
        id: String,
        #[serde(default)]
        n: Option<u8>,
        #[serde(default)]
        on: bool,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        links: Vec<L>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct L {
        url: String,
    }

    fn by_toml(piece: &str) -> Option<R> {
        super::by_toml(piece, "r")
    }

    #[test]
    fn reads_what_toml_reads() {
        for piece in [
            "[[r]]\nid = \"a\"\n",
            "[[r]]\nid = \"a\\\"b\\\\c\\n\\t\\u00e9\\U0001F600\"\nn = 7\non = true\n\n",
            "[[r]]\nid = 'lit\\eral \"q\"'   # comment\ntags = [ \"x\" , 'y',\"\"]\n",
            "[[r]]\n  id=\"a\"\ntags = []\n\n[[r.links]]\nurl = \"u\"\n\n[[r.links]]\nurl = \"v\"\n",
            "[[r]]\nid = \"José 王 😀\"\nn = +0\n# trailing comment\n",
        ] {
            let fast: Option<R> = record(piece, "r");
            assert!(fast.is_some(), "{piece:?} is in the plain corner");
            assert_eq!(fast, by_toml(piece), "{piece:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_toml() {
        for piece in [
            "[[r]]\nid = \"\"\"a\"\"\"\n",
            "[[r]]\nid = '''a'''\n",
            "[[r]]\nid = \"a\"\nid = \"b\"\n",
            "[[r]]\nid = \"a\\e\"\n",
            "[[r]]\nid = \"a\\x41\"\n",
            "[[r]]\nid = \"a\"\nn = 007\n",
            "[[r]]\nid = \"a\"\nn = 1_0\n",
            "[[r]]\nid = \"a\"\nn = 0x10\n",
            "[[r]]\nid = \"a\"\nn = 1.5\n",
            "[[r]]\nid = \"a\"\nx.y = 1\n",
            "[[r]]\n\"id\" = \"a\"\n",
            "[[r]]\nid = \"a\"\ntags = [\n\"x\"]\n",
            "[[r]]\nid = \"a\"\ntags = [\"x\",]\n",
            "[[r]]\nid = \"a\"\nlinks = []\n[[r.links]]\nurl = \"u\"\n",
            "[[r]]\nid = \"a\"\n[r.links]\nurl = \"u\"\n",
            "[[r]]\nid = \"a\tb\u{1}\"\n",
            "[[r]]\nid = \"a\"\r\n",
            "[[r]]\nid = \"a\" x\n",
            "[[r]]\nid = \"a\"\nwhen = 2026-01-01\n",
            "[[r]]\nid = \"\\uD800\"\n",
            "[[r]]\nid = \"a\"\nextra = 1\n",
            "[[other]]\nid = \"a\"\n",
        ] {
            assert!(record::<R>(piece, "r").is_none(), "{piece:?}");
        }
    }
}
