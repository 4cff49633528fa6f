//! The records' search keys: each record's fields folded once (accents
//! off, lower case) and joined, all in one contiguous string so a scan
//! reads memory in order; a bitmask per record of the characters it
//! contains, so most non-matching records are skipped before the matcher
//! runs; and a map back to the original characters for highlighting.

use crate::domain::fold::fold;
use std::sync::OnceLock;

/// Joins fields in a key. Query terms are split on whitespace, so a term
/// never matches the separator itself, and the matcher scores the first
/// character of each field as a word start.
pub const SEPARATOR: char = ' ';

/// Every record's key.
#[derive(Debug, Default)]
pub struct Keys {
    /// All keys, one after another.
    text: String,
    spans: Vec<Span>,
    /// Per record, per field: where the field starts in the key and where
    /// its character map starts in `maps` (`IDENTITY` when the field
    /// folded character for character, as plain ASCII does); then one
    /// more start, where a field after the last would begin.
    fields: Vec<[u32; 2]>,
    /// Per record, per field (and the one more start), where the field
    /// starts in the key in bytes: parallel to `fields`.
    bytes: Vec<u32>,
    /// For fields whose folding changed lengths ("ß" → "ss", "é" written
    /// as "e" + combining accent): the original character index of each
    /// key character.
    maps: Vec<u32>,
}

/// Where one record's key lies in [`Keys::text`], what it contains, and
/// where its fields are described in [`Keys::fields`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
    mask: u64,
    ascii: bool,
    fields_start: u32,
    fields_len: u32,
}

/// A field whose key characters are its original characters, one to one.
const IDENTITY: u32 = u32::MAX;

/// The mask bit of one character. Letters and digits get a bit each;
/// other characters share bits by a hash, which can only let a record
/// through to the matcher, never wrongly reject it.
pub const fn char_bits(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        c if c.is_ascii() => 36 + c as u32 % 4,
        c => 40 + (c as u32).wrapping_mul(2_654_435_761) % 24,
    };
    1 << bit
}

/// [`char_bits`] of every ASCII byte.
const BYTE_BITS: [u64; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = char_bits(b as u8 as char);
        b += 1;
    }
    table
};

/// The mask of every character in `text`.
pub fn mask_of(text: &str) -> u64 {
    if text.is_ascii() {
        return text.bytes().fold(0, |m, b| m | BYTE_BITS[b as usize]);
    }
    text.chars().fold(0, |m, c| m | char_bits(c))
}

impl Keys {
    /// Keys with room for `records` records like `sample` (some of them,
    /// pushed here first and taken out again): growing a large index's
    /// text by doubling moved it several times.
    pub fn with_room_like<S: AsRef<str>, F: IntoIterator<Item = S>>(
        records: usize,
        sample: impl IntoIterator<Item = F>,
    ) -> Self {
        let mut probe = Keys::default();
        for fields in sample {
            probe.push(fields);
        }
        let seen = probe.len().max(1);
        // A tenth more than the sample's average, for what it missed.
        let room = |n: usize| n * records / seen + n * records / seen / 10 + 64;
        Keys {
            text: String::with_capacity(room(probe.text.len())),
            spans: Vec::with_capacity(records),
            fields: Vec::with_capacity(room(probe.fields.len())),
            bytes: Vec::with_capacity(room(probe.fields.len())),
            maps: Vec::with_capacity(room(probe.maps.len())),
        }
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Folds and joins a record's fields and appends the key.
    pub fn push<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        let start = self.text.len();
        let fields_start = self.fields.len();
        let mut key_chars: u32 = 0;
        for (f, field) in fields.into_iter().enumerate() {
            let field = field.as_ref();
            if f > 0 {
                self.text.push(SEPARATOR);
                key_chars += 1;
            }
            self.bytes.push((self.text.len() - start) as u32);
            if field.is_ascii() {
                let at = self.text.len();
                self.text.push_str(field);
                self.text[at..].make_ascii_lowercase();
                self.fields.push([key_chars, IDENTITY]);
                key_chars += field.len() as u32;
                continue;
            }
            self.fields.push([key_chars, self.maps.len() as u32]);
            for (i, c) in field.chars().enumerate() {
                let before = self.text.len();
                fold_char(c, &mut self.text);
                for _ in self.text[before..].chars() {
                    self.maps.push(i as u32);
                    key_chars += 1;
                }
            }
        }
        self.fields.push([key_chars + 1, IDENTITY]);
        self.bytes.push((self.text.len() - start + 1) as u32);
        let key = &self.text[start..];
        self.spans.push(Span {
            start: start as u32,
            len: key.len() as u32,
            mask: mask_of(key),
            ascii: key.is_ascii(),
            fields_start: fields_start as u32,
            fields_len: (self.fields.len() - fields_start) as u32,
        });
    }

    /// Adds the records of `later` after these, as if pushed here.
    pub fn append(&mut self, later: Keys) {
        let at = |n: usize| u32::try_from(n).expect("keys are under 4 GiB");
        let (text, fields, maps) = (
            at(self.text.len()),
            at(self.fields.len()),
            at(self.maps.len()),
        );
        self.text.push_str(&later.text);
        self.fields.extend(
            later
                .fields
                .iter()
                .map(|&[start, map]| [start, if map == IDENTITY { map } else { map + maps }]),
        );
        self.maps.extend(later.maps);
        self.bytes.extend(later.bytes);
        self.spans.extend(later.spans.iter().map(|s| Span {
            start: s.start + text,
            fields_start: s.fields_start + fields,
            ..*s
        }));
    }

    /// Record `r`'s key.
    #[cfg(test)]
    pub fn text(&self, r: usize) -> &str {
        self.get(r).0
    }

    /// Record `r`'s key, whether it is ASCII, and its character mask.
    pub fn get(&self, r: usize) -> (&str, bool, u64) {
        let s = self.spans[r];
        (
            &self.text[s.start as usize..(s.start + s.len) as usize],
            s.ascii,
            s.mask,
        )
    }

    /// Where record `r`'s fields start in its key, in bytes, and one more
    /// start where a field after the last would begin: field `f` is
    /// `starts[f]..starts[f + 1] - 1`.
    pub fn starts(&self, r: usize) -> &[u32] {
        let s = self.spans[r];
        &self.bytes[s.fields_start as usize..(s.fields_start + s.fields_len) as usize]
    }

    /// The original (field, character index) of the `k`-th character of
    /// record `r`'s key, or `None` for a separator.
    pub fn origin(&self, r: usize, k: usize) -> Option<(usize, usize)> {
        let s = self.spans.get(r)?;
        let fields =
            &self.fields[s.fields_start as usize..(s.fields_start + s.fields_len) as usize];
        let k = u32::try_from(k).ok()?;
        let field = fields.partition_point(|f| f[0] <= k).checked_sub(1)?;
        let [start, map] = fields[field];
        // A field ends one before the next starts: the separator.
        let end = fields.get(field + 1)?[0] - 1;
        if k >= end {
            return None;
        }
        let at = if map == IDENTITY {
            k - start
        } else {
            *self.maps.get((map + k - start) as usize)?
        };
        Some((field, at as usize))
    }
}

/// Latin letters with accents and the like, folded once: most names'
/// non-ASCII characters are here, and `fold` of one character
/// (normalisation, an allocation) costs more than the rest of a key.
const LATIN_END: u32 = 0x250;

fn latin_table() -> &'static [Box<str>] {
    static TABLE: OnceLock<Vec<Box<str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut buf = [0u8; 4];
        (0..LATIN_END)
            .map(|c| {
                char::from_u32(c)
                    .map_or_else(Box::default, |c| fold(c.encode_utf8(&mut buf)).into())
            })
            .collect()
    })
}

/// Appends `fold(c)` to `out`, the same as folding it in a string: fold
/// works character by character (its decompositions' marks are dropped,
/// so their reordering never matters).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(folded) = latin_table().get(c as usize) {
        out.push_str(folded);
    } else {
        out.push_str(&fold(c.encode_utf8(&mut [0u8; 4])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<const N: usize>(fields: [&str; N]) -> Keys {
        let mut keys = Keys::default();
        keys.push(["something before"]);
        keys.push(fields);
        keys
    }

    fn origins(keys: &Keys) -> Vec<Option<(usize, usize)>> {
        (0..keys.text(1).chars().count())
            .map(|k| keys.origin(1, k))
            .collect()
    }

    #[test]
    fn ascii_fields_map_one_to_one() {
        let keys = key(["Ada", "", "Rust"]);
        assert_eq!(keys.text(1), "ada  rust");
        assert_eq!(
            origins(&keys),
            [
                Some((0, 0)),
                Some((0, 1)),
                Some((0, 2)),
                None,
                None,
                Some((2, 0)),
                Some((2, 1)),
                Some((2, 2)),
                Some((2, 3)),
            ]
        );
        assert_eq!(keys.origin(1, 99), None);
    }

    #[test]
    fn folded_characters_map_back_to_the_original() {
        // "Weiß" folds to "weiss": both s map to ß; the decomposed "é"
        // ("e" + U+0301) folds to one "e" that maps to the "e".
        let keys = key(["Ada", "Weiß", "Cafe\u{301} 王"]);
        assert_eq!(keys.text(1), "ada weiss cafe 王");
        let o = origins(&keys);
        assert_eq!(o[0], Some((0, 0)));
        assert_eq!(o[3], None);
        assert_eq!(&o[4..9], [0, 1, 2, 3, 3].map(|i| Some((1, i))));
        assert_eq!(o[13], Some((2, 3)), "e of Café");
        assert_eq!(o[15], Some((2, 6)), "王 after the dropped accent");
    }

    #[test]
    fn folding_character_by_character_equals_folding_the_text() {
        let text: String = (0x20..0x3000u32)
            .filter_map(char::from_u32)
            .chain("José Núñez Weiß Łódź Ørsted 王芳 ʿAbd al-Raḥmān Cafe\u{301}".chars())
            .collect();
        let mut folded = String::new();
        for c in text.chars() {
            fold_char(c, &mut folded);
        }
        assert_eq!(folded, fold(&text));
    }

    #[test]
    fn masks_cover_every_character_case_insensitively() {
        let keys = key(["José Núñez", "王芳"]);
        let (_, ascii, mask) = keys.get(1);
        assert!(!ascii);
        for c in "jose nunez王芳JOSE".chars() {
            assert_eq!(mask & char_bits(c), char_bits(c), "{c}");
        }
        assert_eq!(mask & char_bits('q'), 0);
    }
}
