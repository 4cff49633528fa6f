//! SkimMatcherV2's score, computed the same way but fast enough to run
//! over 30,000 records per keystroke.
//!
//! Why not call fuzzy-matcher directly: measured on this project's keys
//! (about 100 characters: name, company, role, interests), its
//! `fuzzy_match` costs about 3 µs a call, so one keystroke over 30,000
//! contacts took 100–200 ms against a 5 ms bar. It also keeps its score
//! matrix between calls and reads stale cells from the previous call, so
//! a reused matcher scores about 1 in 3,000 pairs differently from a fresh
//! one — results would depend on what was searched before, and on which
//! thread scored which record. (`use_cache(false)` panics in 0.3.7.)
//!
//! This is the same affine-gap alignment with the default
//! `SkimScoreConfig`, case ignored, as a fresh matcher computes it — quirks
//! included (bonuses carried in neighbouring cells) — over bytes when the
//! text is ASCII, with reused rows and no allocation per call.
//! A property test checks it against fuzzy-matcher on random inputs.
//! fuzzy-matcher itself still computes highlight positions.

/// Points for a matched character.
const SCORE_MATCH: i32 = 16;
/// Penalty for opening a gap.
const GAP_START: i32 = -3;
/// Penalty per skipped character.
const GAP_EXTENSION: i32 = -1;
/// A match at a word start.
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
/// A match after punctuation.
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
/// A match at a camelCase hump.
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
/// Least bonus for continuing a run of matches.
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// The first character of the text counts double.
const FIRST_CHAR_MULTIPLIER: i32 = 2;
/// "Minus infinity" as fuzzy-matcher spells it.
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// A character the aligner can classify: bytes for ASCII text, chars
/// otherwise.
trait Sym: Copy + Eq {
    fn kind(self) -> CharType;
}

/// `char_type` of every byte, looked up rather than matched in the
/// innermost loop.
const BYTE_TYPES: [CharType; 256] = {
    let mut table = [CharType::Lower; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = char_type(b as u8 as char);
        b += 1;
    }
    table
};

impl Sym for u8 {
    #[inline]
    fn kind(self) -> CharType {
        BYTE_TYPES[self as usize]
    }
}

impl Sym for char {
    #[inline]
    fn kind(self) -> CharType {
        char_type(self)
    }
}

/// The bonus for matching `text[j]` where it stands (word start, after
/// punctuation…); the first character counts double. Only needed where a
/// character matches, so it is computed there rather than stored.
#[inline]
fn bonus_at<T: Sym>(text: &[T], j: usize) -> i32 {
    match j.checked_sub(1) {
        None => in_place_bonus(CharType::Empty, text[0].kind()) * FIRST_CHAR_MULTIPLIER,
        Some(before) => in_place_bonus(text[before].kind(), text[j].kind()),
    }
}

/// Reusable rows of the score matrix and decoding buffers: one per
/// thread doing a search, so scoring never allocates.
#[derive(Debug, Default)]
pub struct Scratch {
    m: [Vec<i32>; 2],
    p: [Vec<i32>; 2],
    bonus: [Vec<i32>; 2],
    first: Vec<usize>,
    ends: Vec<usize>,
    text: Vec<char>,
    pattern: Vec<char>,
}

/// The score SkimMatcherV2 (default config, case ignored, fresh) gives
/// `pattern` against `text`, or `None` if `pattern` is not a subsequence
/// of `text`. Both must already be lower-case, as folding makes them;
/// `ascii` says whether `text` is ASCII.
pub fn score(text: &str, ascii: bool, pattern: &str, s: &mut Scratch) -> Option<i32> {
    if pattern.is_empty() {
        return Some(0);
    }
    if ascii {
        if !pattern.is_ascii() {
            return None;
        }
        return align(text.as_bytes(), pattern.as_bytes(), s);
    }
    let mut text_chars = std::mem::take(&mut s.text);
    let mut pattern_chars = std::mem::take(&mut s.pattern);
    text_chars.clear();
    text_chars.extend(text.chars());
    pattern_chars.clear();
    pattern_chars.extend(pattern.chars());
    let result = align(&text_chars, &pattern_chars, s);
    s.text = text_chars;
    s.pattern = pattern_chars;
    result
}

/// The alignment proper, over bytes (ASCII) or chars.
fn align<T: Sym>(text: &[T], pattern: &[T], s: &mut Scratch) -> Option<i32> {
    // Where each pattern character first matches, greedily; no such
    // sequence means no match at all.
    s.first.clear();
    let mut next = 0;
    for (j, &c) in text.iter().enumerate() {
        if c == pattern[next] {
            s.first.push(j);
            next += 1;
            if next == pattern.len() {
                break;
            }
        }
    }
    if next < pattern.len() {
        return None;
    }
    if let [only] = pattern {
        // One row of the matrix: every match scores the gap into it plus
        // its bonus, so the best is the best-placed occurrence.
        let best = (s.first[0]..text.len())
            .filter(|&j| text[j] == *only)
            .map(|j| bonus_at(text, j))
            .max()
            .unwrap_or(0);
        return Some(SCORE_MATCH + GAP_EXTENSION + best);
    }
    let n = text.len();
    let k = pattern.len();
    // Row i only matters up to the last cell a later row reads: row
    // i + 1 reads it where pattern[i + 1] matches, row i + 2 (which
    // overwrites it) where pattern[i + 2] does, and the last row is
    // scanned up to its last match. Cells past that are left alone.
    s.ends.clear();
    s.ends.extend(
        pattern
            .iter()
            .map(|&c| text.iter().rposition(|&t| t == c).unwrap_or(n)),
    );
    // `ends` held each character's last match; turn it into each row's end
    // in place, reading only entries not yet overwritten.
    for i in 0..k {
        let end = if i + 1 == k {
            s.ends[i] + 1
        } else {
            let next = s.ends[i + 1];
            s.ends.get(i + 2).map_or(next, |&after| next.max(after + 1))
        };
        s.ends[i] = end.min(n);
    }
    for r in 0..2 {
        // Grown, never cleared: every cell is written before it is read.
        for row in [&mut s.m[r], &mut s.p[r], &mut s.bonus[r]] {
            if row.len() <= n {
                row.resize(n + 1, 0);
            }
        }
    }
    let [m0, m1] = &mut s.m;
    let [p0, p1] = &mut s.p;
    let [b0, b1] = &mut s.bonus;
    // The cells fuzzy-matcher's fresh matrix starts with, where they are
    // read: row 0 stands for "nothing matched yet" (skipping costs one
    // gap extension) under pattern row 0; row 1 starts at minus infinity.
    let (skip, end) = (s.first[0], s.ends[0]);
    m0[skip..=end].fill(NEG_INFINITY);
    p0[skip..=end].fill(GAP_EXTENSION);
    (m1[skip], p1[skip], b1[skip]) = (NEG_INFINITY, NEG_INFINITY, 0);
    b0[s.first[1]] = 0;
    for (i, &pc) in pattern.iter().enumerate() {
        // Two rows, alternating: row i + 1 is written over row i - 1.
        let (m_cur, p_cur, b_cur, m_prev, p_prev) = if i.is_multiple_of(2) {
            (&mut *m1, &mut *p1, &mut *b1, &*m0, &*p0)
        } else {
            (&mut *m0, &mut *p0, &mut *b0, &*m1, &*p1)
        };
        // A physical row's first pass: cells it does not write must read
        // as the fresh matrix's zero bonus when the pass after next comes.
        let fresh = i < 2;
        let (skip, end) = (s.first[i], s.ends[i]);
        let mut last_m = m_cur[skip];
        let mut last_p = p_cur[skip];
        for col in skip + 1..=end {
            let cur_m = if text[col - 1] == pc {
                let in_place = bonus_at(text, col - 1);
                // fuzzy-matcher keeps the run bonus in the previous cell
                // of this row; reproduced as is, since it shapes scores.
                let run = b_cur[col - 1].max(in_place.max(BONUS_CONSECUTIVE));
                b_cur[col - 1] = run;
                if fresh {
                    b_cur[col] = 0;
                }
                let from_match = m_prev[col - 1] + run;
                let from_skip = p_prev[col - 1] + in_place;
                from_match.max(from_skip) + SCORE_MATCH
            } else {
                b_cur[col] = 0;
                NEG_INFINITY
            };
            let cur_p = (GAP_START + GAP_EXTENSION + last_m).max(GAP_EXTENSION + last_p);
            m_cur[col] = cur_m;
            p_cur[col] = cur_p;
            last_m = cur_m;
            last_p = cur_p;
        }
    }
    let last_row = if k.is_multiple_of(2) { &*m0 } else { &*m1 };
    last_row[s.first[k - 1]..=s.ends[k - 1]]
        .iter()
        .max()
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    fn reference(text: &str, pattern: &str) -> Option<i64> {
        // A fresh matcher per call: a reused one reads stale cells.
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, pattern)
    }

    fn ours(text: &str, pattern: &str) -> Option<i64> {
        score(text, text.is_ascii(), pattern, &mut Scratch::default()).map(i64::from)
    }

    #[test]
    fn agrees_with_fuzzy_matcher_on_examples() {
        let cases = [
            ("ada lovelace analytical engines", "ada"),
            ("ada lovelace analytical engines", "ae"),
            ("jose nunez telefonica data engineer", "jnz"),
            ("王芳 alibaba cloud", "王"),
            ("王芳 alibaba cloud", "芳a"),
            ("c++ go-to-market a.b_c", "gtm"),
            ("aaaa", "aa"),
            ("abc", "abd"),
            ("", "a"),
            ("abc", ""),
        ];
        for (text, pattern) in cases {
            assert_eq!(
                ours(text, pattern),
                reference(text, pattern),
                "{text:?} / {pattern:?}"
            );
        }
    }

    /// Lower-case text over a small alphabet, so patterns often match and
    /// runs, gaps and word starts all occur.
    fn text(max: usize) -> impl Strategy<Value = String> {
        text_over(&['a', 'b', 'c', 'd', 'e'], max)
    }

    fn text_over(letters: &[char], max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                8 => proptest::sample::select(letters.to_vec()),
                2 => proptest::sample::select(vec![' ', '-', '.', '/', '_', '1']),
                1 => proptest::sample::select(vec!['王', 'é', 'ß']),
            ],
            0..max,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn scores_equal_fuzzy_matchers(t in text(40), p in text(7)) {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(ours(&t, &p), reference(&t, &p));
        }

        /// Key-sized texts and longer patterns, as real searches have.
        #[test]
        fn scores_equal_fuzzy_matchers_on_long_texts(
            t in text_over(&['a', 'e', 'i', 'n', 'r', 's', 't', 'o', 'l', 'u'], 160),
            p in text_over(&['a', 'e', 'i', 'n', 'r', 's', 't', 'o', 'l', 'u'], 10),
        ) {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(ours(&t, &p), reference(&t, &p));
        }
    }
}
