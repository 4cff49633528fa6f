//! The records' search keys: each record's fields folded once (accents
//! off, lower case) and joined, all in one contiguous string so a scan
//! reads memory in order; a bitmask per record of the characters it
//! contains, so most non-matching records are skipped before the matcher
//! runs; and a map back to the original characters for highlighting.

use crate::domain::fold::fold;

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
    origins: Vec<Origin>,
}

/// Where one record's key lies in [`Keys::text`], and what it contains.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
    mask: u64,
    ascii: bool,
}

/// Where each character of a key came from.
#[derive(Debug, Clone)]
enum Origin {
    /// Every field folded character for character (plain ASCII, the usual
    /// case), so only where each field starts in the key is kept, plus
    /// where a field after the last would start.
    Identity(Box<[u32]>),
    /// Per key character: field index in the top 8 bits, the character's
    /// index in the original field in the low 24; `u32::MAX` for
    /// separators. Needed when folding changed the length ("ß" → "ss",
    /// "é" written as "e" + combining accent).
    Mapped(Box<[u32]>),
}

const NO_ORIGIN: u32 = u32::MAX;
const CHAR_BITS: u32 = 24;

/// The mask bit of one character. Letters and digits get a bit each;
/// other characters share bits by a hash, which can only let a record
/// through to the matcher, never wrongly reject it.
pub fn char_bits(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        c if c.is_ascii() => 36 + c as u32 % 4,
        c => 40 + (c as u32).wrapping_mul(2_654_435_761) % 24,
    };
    1 << bit
}

/// The mask of every character in `text`.
pub fn mask_of(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | char_bits(c))
}

impl Keys {
    /// How many records there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Folds and joins a record's fields and appends the key.
    pub fn push<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        let start = self.text.len();
        let text = &mut self.text;
        let mut starts = Vec::new();
        let mut map: Option<Vec<u32>> = None;
        let mut key_chars: u32 = 0;
        for (f, field) in fields.into_iter().enumerate() {
            let field = field.as_ref();
            if f > 0 {
                text.push(SEPARATOR);
                key_chars += 1;
                if let Some(map) = &mut map {
                    map.push(NO_ORIGIN);
                }
            }
            starts.push(key_chars);
            if field.is_ascii() && map.is_none() {
                text.extend(field.chars().map(|c| c.to_ascii_lowercase()));
                key_chars += field.len() as u32;
                continue;
            }
            // The first field that does not fold one-to-one switches the
            // whole record to an explicit map, back-filling what came before.
            let map = map.get_or_insert_with(|| identity_map(&starts, key_chars));
            let field_index = (f.min(255) as u32) << CHAR_BITS;
            let mut buf = [0u8; 4];
            for (i, c) in field.chars().enumerate() {
                let origin = field_index | (i as u32).min((1 << CHAR_BITS) - 1);
                let before = text.len();
                if c.is_ascii() {
                    text.push(c.to_ascii_lowercase());
                } else {
                    text.push_str(&fold(c.encode_utf8(&mut buf)));
                }
                for _ in text[before..].chars() {
                    map.push(origin);
                    key_chars += 1;
                }
            }
        }
        let key = &self.text[start..];
        self.spans.push(Span {
            start: start as u32,
            len: key.len() as u32,
            mask: mask_of(key),
            ascii: key.is_ascii(),
        });
        self.origins.push(match map {
            Some(map) => Origin::Mapped(map.into()),
            None => {
                starts.push(key_chars + 1);
                Origin::Identity(starts.into())
            }
        });
    }

    /// Record `r`'s key.
    pub fn text(&self, r: usize) -> &str {
        let s = self.spans[r];
        &self.text[s.start as usize..(s.start + s.len) as usize]
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

    /// The original (field, character index) of the `k`-th character of
    /// record `r`'s key, or `None` for a separator.
    pub fn origin(&self, r: usize, k: usize) -> Option<(usize, usize)> {
        match self.origins.get(r)? {
            Origin::Mapped(map) => {
                let o = *map.get(k)?;
                (o != NO_ORIGIN).then_some(((o >> CHAR_BITS) as usize, (o & 0xFF_FFFF) as usize))
            }
            Origin::Identity(starts) => {
                let k = u32::try_from(k).ok()?;
                let field = starts.partition_point(|&s| s <= k).checked_sub(1)?;
                // A field ends one before the next starts: the separator.
                let end = starts.get(field + 1)? - 1;
                (k < end).then_some((field, (k - starts[field]) as usize))
            }
        }
    }
}

/// The explicit map for fields so far that folded one-to-one.
fn identity_map(starts: &[u32], key_chars: u32) -> Vec<u32> {
    let mut map = Vec::with_capacity(key_chars as usize * 2);
    for (f, &start) in starts.iter().enumerate() {
        if f > 0 {
            map.push(NO_ORIGIN);
        }
        let end = starts.get(f + 1).map_or(key_chars, |next| next - 1);
        let field_index = (f.min(255) as u32) << CHAR_BITS;
        map.extend((0..end - start).map(|i| field_index | i));
    }
    map
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
