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
//! This gives the score of the same affine-gap alignment, with the
//! default `SkimScoreConfig`, case ignored, as a fresh matcher computes
//! it, quirks included — over bytes when the text is ASCII, and without
//! allocating once the buffers have grown. fuzzy-matcher fills a row of
//! cells per pattern character and a column per text character, keeping
//! two rows: a match score `m` (the pattern character matched here), a
//! gap score `p` (the text character skipped) and a bonus for runs of
//! matches. Most columns of a row do not match its character, and their
//! `m` is minus infinity, so here each row is computed only in the
//! columns where it matches:
//!
//! - Where each distinct pattern character occurs is found once per
//!   call, as a bitset over the text (eight bytes at a time in a
//!   `u64`). A row runs from its character's first match in the
//!   greedy left-to-right match of the pattern (where fuzzy-matcher
//!   starts it too) up to the last column a later row reads.
//! - A row starts from the scores the row two before left in its first
//!   column (fuzzy-matcher's two rows take turns), which does shape
//!   scores.
//! - Row `i` reads row `i - 1` only where `pattern[i]` matches. With a
//!   gap extension of -1, the gap score in column `c` is a running
//!   maximum minus `c`, the maximum being over the row's first column and
//!   its matching columns before `c` (see `Cells`). Each matching column
//!   keeps that maximum; a read takes it from the last match before it
//!   in the bitset.
//! - The non-matching columns would add `NEG_INFINITY - 2 + u - c` to
//!   that maximum (`u` a non-matching position before `c - 1`), at most
//!   `NEG_INFINITY - 4`. They are left out because such a term never
//!   decides a score, however long the text. Match scores are never below
//!   `NEG_INFINITY` (each adds a run bonus and 16 to another match score
//!   or to minus infinity), and a gap score `p` is used in two places: in
//!   a match score, `max(m + run, p + in_place) + 16`, where
//!   `in_place <= run`; and at a row's first column, as
//!   `max(p + start, m - 3 + start)`. Either way the `m` side beats
//!   anything a left-out term could make of `p`.
//! - fuzzy-matcher stores the run bonus for matching `text[j]` in the
//!   bonus cell of column `j` (one to the left) and reads it back the
//!   next time it matches `text[j]`, in a later row, taking the largest
//!   of it, the in-place bonus of `text[j]` and `BONUS_CONSECUTIVE`. So
//!   that cell only ever holds zero or that same largest value, and for
//!   a fresh matcher the run bonus is simply the larger of the in-place
//!   bonus and `BONUS_CONSECUTIVE`; nothing needs carrying.
//!
//! [`positions`] gives the characters fuzzy-matcher's `fuzzy_indices`
//! highlights, from its full matrix walked back. Property tests check
//! scores and positions against fuzzy-matcher (a dev-dependency) on random
//! inputs and on keys made of real words.

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

// The gap scores are kept in closed form, which relies on a gap costing
// one point per skipped character (see `gap_from`).
const _: () = assert!(GAP_EXTENSION == -1);

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

const fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// `in_place_bonus` by type index: `IN_PLACE[prev as usize][cur as
/// usize]`.
const IN_PLACE: [[i32; 6]; 6] = {
    let types = [
        CharType::Empty,
        CharType::Upper,
        CharType::Lower,
        CharType::Number,
        CharType::HardSep,
        CharType::SoftSep,
    ];
    let mut table = [[0; 6]; 6];
    let mut p = 0;
    while p < 6 {
        let mut c = 0;
        while c < 6 {
            table[types[p] as usize][types[c] as usize] = in_place_bonus(types[p], types[c]);
            c += 1;
        }
        p += 1;
    }
    table
};

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

/// A character the aligner can classify and find: bytes for ASCII text,
/// chars otherwise.
trait Sym: Copy + Eq {
    fn kind(self) -> CharType;

    /// For each `d`, sets bit `j % 64` of `bits[d * words + j / 64]`
    /// where `text[j] == pattern[distinct[d]]` and clears the word's
    /// other bits, `words` being `text.len().div_ceil(64)`.
    fn find_all(text: &[Self], pattern: &[Self], distinct: &[usize], bits: &mut [u64]);
}

impl Sym for u8 {
    #[inline]
    fn kind(self) -> CharType {
        BYTE_TYPES[self as usize]
    }

    fn find_all(text: &[u8], pattern: &[u8], distinct: &[usize], bits: &mut [u64]) {
        find_bytes(text, pattern, distinct, bits);
    }
}

impl Sym for char {
    #[inline]
    fn kind(self) -> CharType {
        char_type(self)
    }

    fn find_all(text: &[char], pattern: &[char], distinct: &[usize], bits: &mut [u64]) {
        let words = text.len().div_ceil(64);
        for (&i, bits) in distinct.iter().zip(bits.chunks_exact_mut(words.max(1))) {
            let c = pattern[i];
            for (word, chunk) in bits.iter_mut().zip(text.chunks(64)) {
                *word = chunk
                    .iter()
                    .enumerate()
                    .fold(0, |w, (j, &t)| w | (u64::from(t == c) << j));
            }
        }
    }
}

/// `Sym::find_all` for bytes, eight at a time in a `u64`.
fn find_bytes(text: &[u8], pattern: &[u8], distinct: &[usize], bits: &mut [u64]) {
    let words = text.len().div_ceil(64);
    for (&i, bits) in distinct.iter().zip(bits.chunks_exact_mut(words.max(1))) {
        let c = pattern[i];
        let spread = u64::from_le_bytes([c; 8]);
        for (word, chunk) in bits.iter_mut().zip(text.chunks(64)) {
            let mut found = 0;
            let groups = chunk.chunks_exact(8);
            let tail = groups.remainder();
            for (g, group) in groups.enumerate() {
                let bytes = u64::from_le_bytes(group.try_into().unwrap_or([0; 8]));
                found |= zero_bytes(bytes ^ spread) << (8 * g);
            }
            let at = chunk.len() - tail.len();
            for (j, &b) in tail.iter().enumerate() {
                found |= u64::from(b == c) << (at + j);
            }
            *word = found;
        }
    }
}

/// One bit per byte of `x` (bit `i` for byte `i`, little-endian): set
/// where that byte is zero.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // 0x80 in each zero byte and 0 elsewhere: a byte's low 7 bits plus
    // 0x7f reach its top bit unless they are all zero (no carry leaves
    // the byte), and its own top bit is or-ed in.
    let high = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
    // Gathers bit 7 of byte i into bit 56 + i: the multiplier's byte j is
    // 0x80 >> j, and no two products land on the same bit.
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The set bits of `bits` from bit `from` up to (not including) `to`,
/// in order.
struct Ones<'a> {
    bits: &'a [u64],
    word: usize,
    current: u64,
    to: usize,
}

impl<'a> Ones<'a> {
    fn new(bits: &'a [u64], from: usize, to: usize) -> Self {
        let word = from / 64;
        let current = match bits.get(word) {
            Some(w) if from < to => w & (u64::MAX << (from % 64)),
            _ => 0,
        };
        Ones {
            bits,
            word,
            current,
            to,
        }
    }
}

impl Iterator for Ones<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.current == 0 {
            self.word += 1;
            if self.word * 64 >= self.to {
                return None;
            }
            self.current = self.bits[self.word];
        }
        let j = self.word * 64 + self.current.trailing_zeros() as usize;
        self.current &= self.current - 1;
        (j < self.to).then_some(j)
    }
}

/// The bonus for matching `text[j]` where it stands (word start, after
/// punctuation…); the first character counts double.
#[inline]
fn bonus_at<T: Sym>(text: &[T], j: usize) -> i32 {
    match j.checked_sub(1) {
        None => in_place_bonus(CharType::Empty, text[0].kind()) * FIRST_CHAR_MULTIPLIER,
        Some(before) => IN_PLACE[text[before].kind() as usize][text[j].kind() as usize],
    }
}

/// A gap opened after column `col`, whose match score is `m`, scores
/// `gap_from(m, col) - c` in a later column `c` of the same row: the gap
/// start in column `col + 1`, then one extension per column.
#[inline]
fn gap_from(m: i32, col: usize) -> i32 {
    m + GAP_START + GAP_EXTENSION + 1 + col as i32
}

/// The rows of one parity, each computed only in the columns where its
/// pattern character matches, within its window (from column `start`,
/// the first column of the window); every other column there has match
/// score minus infinity. Each row overwrites the row two before it, as in
/// fuzzy-matcher, and only in its window.
///
/// The gap scores obey `p[c] = max(GAP_START + GAP_EXTENSION + m[c - 1],
/// GAP_EXTENSION + p[c - 1])`, so `p[c] = best - c`, `best` being the
/// largest of `p[start] + start` and `gap_from(m[c'], c')` over columns
/// `start <= c' < c` — where only `start` and matching columns count (see
/// the module docs).
///
/// Buffers are by text position: the match in column `t + 1` is the
/// row's character matching `text[t]`. They grow and are never cleared:
/// a row reads only positions that an earlier row of the same call wrote.
#[derive(Debug, Default)]
struct Cells {
    /// Where the row matches `text[t]`: its match score in column
    /// `t + 1`.
    m: Vec<i32>,
    /// Where the row matches `text[t]`: `best` over the columns up to
    /// `t + 1`.
    best: Vec<i32>,
    /// Per 64 positions, from the one holding `start` on: `best` over the
    /// columns before them.
    best_before: Vec<i32>,
}

impl Cells {
    /// Grows the buffers for a text of `n` characters.
    fn reserve(&mut self, n: usize) {
        for v in [&mut self.m, &mut self.best] {
            if v.len() < n {
                v.resize(n, 0);
            }
        }
        let words = n / 64 + 1;
        if self.best_before.len() < words {
            self.best_before.resize(words, 0);
        }
    }

    /// The match and gap scores in column `c` of the row whose window
    /// starts at column `start`: `c` is after `start` and within the
    /// window, and `bits` is where the row's character occurs.
    #[inline]
    fn read(&self, start: usize, bits: &[u64], c: usize) -> (i32, i32) {
        // Column c holds text[c - 1]; the gap into it comes from the
        // columns before, whose best is kept at the last match before
        // text[c - 1].
        let x = c - 1;
        let (w, b) = (x / 64, x % 64);
        let word = bits[w];
        let mut before = word & ((1 << b) - 1);
        if w == start / 64 {
            before &= u64::MAX << (start % 64);
        }
        let best = if before == 0 {
            self.best_before[w]
        } else {
            self.best[w * 64 + 63 - before.leading_zeros() as usize]
        };
        let m = if (word >> b) & 1 == 1 {
            self.m[x]
        } else {
            NEG_INFINITY
        };
        (m, best - c as i32)
    }
}

/// Reusable buffers: one per thread doing a search, so scoring does not
/// allocate once they have grown.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per pattern character, which distinct character it is.
    which: Vec<usize>,
    /// Per distinct character, its first index in the pattern.
    distinct: Vec<usize>,
    /// Where each distinct character occurs in the text: a bit per
    /// position, one character after another.
    bits: Vec<u64>,
    /// Per distinct character, its last position.
    last: Vec<usize>,
    /// Per row, the first column of its window: where its character
    /// first matches, greedily.
    first: Vec<usize>,
    /// Rows of even and odd index.
    cells: [Cells; 2],
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
    let n = text.len();
    let k = pattern.len();
    let words = n.div_ceil(64);
    // Where each distinct pattern character occurs.
    s.which.clear();
    s.distinct.clear();
    for (i, &c) in pattern.iter().enumerate() {
        match pattern[..i].iter().position(|&e| e == c) {
            Some(same) => s.which.push(s.which[same]),
            None => {
                s.which.push(s.distinct.len());
                s.distinct.push(i);
            }
        }
    }
    if s.bits.len() < s.distinct.len() * words {
        s.bits.resize(s.distinct.len() * words, 0);
    }
    T::find_all(text, pattern, &s.distinct, &mut s.bits);
    let (bits, which) = (&s.bits, &s.which);
    let occ = |i: usize| &bits[which[i] * words..(which[i] + 1) * words];
    // Where each pattern character first matches, greedily; no such
    // sequence means no match at all.
    s.first.clear();
    for i in 0..k {
        let from = s.first.last().map_or(0, |&j| j + 1);
        s.first.push(Ones::new(occ(i), from, n).next()?);
    }
    if k == 1 {
        // One row of the matrix: every match scores the gap into it plus
        // its bonus, so the best is the best-placed occurrence.
        let best = Ones::new(occ(0), 0, n)
            .map(|j| bonus_at(text, j))
            .max()
            .unwrap_or(0);
        return Some(SCORE_MATCH + GAP_EXTENSION + best);
    }
    s.last.clear();
    for bits in bits[..s.distinct.len() * words].chunks_exact(words) {
        // Every pattern character occurs: it matched above.
        let w = bits.iter().rposition(|&w| w != 0).unwrap_or(0);
        s.last.push(w * 64 + 63 - bits[w].leading_zeros() as usize);
    }
    let last = |i: usize| s.last[which[i]];
    for cells in &mut s.cells {
        cells.reserve(n);
    }
    let mut result = NEG_INFINITY;
    for (i, &pc) in pattern.iter().enumerate() {
        // Row i only matters up to the last cell a later row reads: row
        // i + 1 reads it where pattern[i + 1] matches, row i + 2 (which
        // overwrites it) where pattern[i + 2] does, and the last row is
        // scanned up to its last match.
        let end = if i + 1 == k {
            last(i) + 1
        } else if i + 2 == k {
            last(i + 1)
        } else {
            last(i + 1).max(last(i + 2) + 1)
        }
        .min(n);
        let start = s.first[i];
        let [even, odd] = &mut s.cells;
        let (here, before) = if i % 2 == 0 {
            (even, &*odd)
        } else {
            (odd, &*even)
        };
        // The cell the row starts from: fuzzy-matcher's fresh matrix for
        // the first two rows (the row before the first stands for
        // "nothing matched yet", and its gap scores sit in the second
        // row's cells), then whatever the row two before left there.
        let (start_m, start_p) = match i {
            0 => (NEG_INFINITY, NEG_INFINITY),
            1 => (NEG_INFINITY, GAP_EXTENSION),
            _ => here.read(s.first[i - 2], occ(i - 2), start),
        };
        let mut best = (start_p + start as i32).max(gap_from(start_m, start));
        let mut word = start / 64;
        here.best_before[word] = best;
        // The last row's best cell, from its first column on. Columns
        // that do not match score minus infinity, which the first
        // column's score already equals or beats.
        let mut best_m = start_m;
        // The row before: where it starts and where its character occurs.
        let (prev_start, prev_bits) = match i.checked_sub(1) {
            Some(prev) => (s.first[prev], occ(prev)),
            None => (0, &[][..]),
        };
        let after = IN_PLACE.map(|by_prev| by_prev[pc.kind() as usize]);
        for t in Ones::new(occ(i), start, end) {
            while word < t / 64 {
                word += 1;
                here.best_before[word] = best;
            }
            let m = if i == 0 {
                // Before the first row nothing has matched, and skipping
                // costs a gap extension.
                let in_place = bonus_at(text, t);
                let bonus = in_place.max(BONUS_CONSECUTIVE);
                (NEG_INFINITY + bonus).max(GAP_EXTENSION + in_place)
            } else {
                let in_place = after[text[t - 1].kind() as usize];
                // The run bonus fuzzy-matcher carries is never more than
                // this (see the module docs).
                let bonus = in_place.max(BONUS_CONSECUTIVE);
                // The row before, in column t: matched up to text[t - 1],
                // or skipping it.
                let (from_m, from_p) = before.read(prev_start, prev_bits, t);
                (from_m + bonus).max(from_p + in_place)
            };
            let m = m + SCORE_MATCH;
            here.m[t] = m;
            best = best.max(gap_from(m, t + 1));
            here.best[t] = best;
            best_m = best_m.max(m);
        }
        while word < end / 64 {
            word += 1;
            here.best_before[word] = best;
        }
        result = best_m;
    }
    Some(result)
}

/// One cell of the full matrix [`positions`] keeps: scores and which
/// move reached them, to walk back along.
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    /// The match score came from a match in the cell before (a run).
    m_run: bool,
    /// The gap score came from opening a gap after a match.
    p_open: bool,
    bonus: i32,
}

const BLANK: Cell = Cell {
    m: NEG_INFINITY,
    p: NEG_INFINITY,
    m_run: false,
    p_open: false,
    bonus: 0,
};

/// The characters of `text` (char indices, ascending) that
/// SkimMatcherV2's `fuzzy_indices` (default config, case ignored, fresh)
/// matches `pattern` to, or `None` if `pattern` is not a subsequence of
/// `text`; both already lower-case. It keeps every row of the matrix to
/// walk back through, so it costs the text's length times the pattern's:
/// for the few rows on screen, not for ranking.
pub fn positions(text: &str, pattern: &str) -> Option<Vec<usize>> {
    let text: Vec<char> = text.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let (n, k) = (text.len(), pattern.len());
    if k == 0 {
        return Some(Vec::new());
    }
    // Where each pattern character first matches, greedily.
    let mut first = Vec::with_capacity(k);
    for &p in &pattern {
        let from = first.last().map_or(0, |&j| j + 1);
        first.push(from + text.get(from..)?.iter().position(|&c| c == p)?);
    }
    let cols = n + 1;
    let at = |row: usize, col: usize| row * cols + col;
    let mut cells = vec![BLANK; (k + 1) * cols];
    // Row 0 is "nothing matched yet": skipping costs a gap extension.
    for cell in &mut cells[..cols] {
        cell.p = GAP_EXTENSION;
    }
    for (i, &pc) in pattern.iter().enumerate() {
        for col in first[i] + 1..=n {
            let (cur, last, prev) = (at(i + 1, col), at(i + 1, col - 1), at(i, col - 1));
            if text[col - 1] == pc {
                let in_place = bonus_at(&text, col - 1);
                let run = cells[last].bonus.max(in_place.max(BONUS_CONSECUTIVE));
                cells[last].bonus = run;
                let (by_run, by_gap) = (cells[prev].m + run, cells[prev].p + in_place);
                cells[cur].m_run = by_run >= by_gap;
                cells[cur].m = by_run.max(by_gap) + SCORE_MATCH;
            } else {
                cells[cur].m = NEG_INFINITY;
                cells[cur].m_run = false;
                cells[cur].bonus = 0;
            }
            let open = GAP_START + GAP_EXTENSION + cells[last].m;
            let extend = GAP_EXTENSION + cells[last].p;
            cells[cur].p_open = open >= extend;
            cells[cur].p = open.max(extend);
        }
    }
    // The best cell of the last row (the last of equals), then back.
    let from = first[k - 1];
    let mut j = (from..=n)
        .max_by_key(|&col| cells[at(k, col)].m)
        .unwrap_or(from);
    let (mut i, mut in_m, mut matched) = (k, true, true);
    let mut out = Vec::with_capacity(k);
    while i > 0 && j > first[0] {
        if matched {
            out.push(j - 1);
        }
        let cell = cells[at(i, j)];
        matched = if in_m { cell.m_run } else { cell.p_open };
        if in_m {
            i -= 1;
        }
        j -= 1;
        in_m = matched;
    }
    out.reverse();
    Some(out)
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

    fn reference_positions(text: &str, pattern: &str) -> Option<Vec<usize>> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_indices(text, pattern)
            .map(|(_, at)| at)
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
            assert_eq!(
                positions(text, pattern),
                reference_positions(text, pattern),
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

    /// `default` cases, or `PROPTEST_CASES` when set (for long local
    /// runs: `PROPTEST_CASES=100000 cargo test --release --lib search::skim`).
    fn cases(default: u32) -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default);
        ProptestConfig::with_cases(cases)
    }

    /// Words keys are made of: names, companies, roles and interests,
    /// with repeated letters ("aa", "ee", "nn") and punctuation.
    const WORDS: &[&str] = &[
        "ada",
        "lovelace",
        "soren",
        "kierkegaard",
        "jose",
        "nunez",
        "grace",
        "hopper",
        "aaron",
        "anna",
        "renee",
        "lee",
        "van",
        "der",
        "berg",
        "o'neill",
        "jean-luc",
        "analytical",
        "engines",
        "telefonica",
        "alibaba",
        "cloud",
        "copenhagen",
        "uni",
        "us",
        "navy",
        "engineering",
        "engineer",
        "senior",
        "software",
        "data",
        "sre",
        "lead",
        "manager",
        "lecturer",
        "rear",
        "admiral",
        "rust",
        "go-to-market",
        "c++",
        "tea",
        "philosophy",
        "football",
        "poetry",
        "compilers",
        "seed",
        "sneeze",
        "banana",
        "mississippi",
        "a.b_c",
        "e2e",
        "devops",
        "ml/ai",
        "(ex)",
        "eee",
        "aa",
        "ee",
        "nn",
        "ss",
    ];

    /// Patterns people type, with repeated letters (runs of matches, and
    /// rows two apart on the same character).
    const PATTERNS: &[&str] = &[
        "a", "aa", "aaa", "ee", "eee", "nn", "ss", "sss", "engineer", "enginee", "engi", "eng",
        "en", "soren", "sore", "sor", "so", "ada", "adarust", "rust", "data", "dat", "da", "lee",
        "renee", "ene", "nee", "anna", "ana", "banana", "issi", "sip", "gtm", "g-t", "c+",
    ];

    /// A key: a few words joined by spaces (as fields are).
    fn key() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(WORDS), 1..16)
            .prop_map(|words| words.join(" "))
    }

    /// A pattern for `text`: a piece of it, a subsequence of it, a listed
    /// pattern, or a listed pattern cut short.
    fn pattern_for(text: String) -> impl Strategy<Value = (String, String)> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let len = chars.len().max(1);
        let piece = (0..len, 1..10usize).prop_map({
            let chars = chars.clone();
            move |(from, n)| chars.iter().skip(from).take(n).collect::<String>()
        });
        let subsequence = proptest::collection::btree_set(0..len, 1..10).prop_map({
            let chars = chars.clone();
            move |picks| picks.into_iter().filter_map(|i| chars.get(i)).collect()
        });
        let listed = proptest::sample::select(PATTERNS).prop_map(str::to_string);
        let cut = (proptest::sample::select(PATTERNS), 0..8usize)
            .prop_map(|(p, n)| p.chars().skip(n).collect::<String>());
        (
            Just(text),
            prop_oneof![2 => piece, 3 => subsequence, 2 => listed, 1 => cut],
        )
    }

    /// Texts over 32,768 characters, where gap penalties take scores below
    /// fuzzy-matcher's "minus infinity" and its arithmetic on that value
    /// decides the result.
    #[test]
    fn agrees_with_fuzzy_matcher_on_very_long_texts() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for case in 0..40 {
            let mut text = String::new();
            while text.len() < 34_000 {
                for _ in 0..1 + next(4) {
                    text.push(['a', 'b', 'c', ' ', 'a', 'b'][next(6)]);
                }
                let filler = if case % 2 == 0 { 'x' } else { 'a' };
                text.extend(std::iter::repeat_n(filler, next(12_000)));
            }
            for _ in 0..6 {
                let pattern: String = (0..1 + next(5))
                    .map(|_| ['a', 'b', 'c', 'x'][next(4)])
                    .collect();
                assert_eq!(
                    ours(&text, &pattern),
                    reference(&text, &pattern),
                    "case {case} / {pattern:?}"
                );
                assert_eq!(
                    positions(&text, &pattern),
                    reference_positions(&text, &pattern),
                    "case {case} / {pattern:?}"
                );
            }
        }
        let gap = "x".repeat(40_000);
        for (text, pattern) in [
            (format!("a{gap}b"), "ab"),
            (format!("a{gap}ab"), "ab"),
            (format!("aa{gap}b{gap}bb"), "abb"),
            (format!("ab{gap}ab"), "aab"),
            (format!("a{gap}a"), "aa"),
        ] {
            assert_eq!(
                ours(&text, pattern),
                reference(&text, pattern),
                "{pattern:?}"
            );
            assert_eq!(
                positions(&text, pattern),
                reference_positions(&text, pattern),
                "{pattern:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(cases(2000))]

        #[test]
        fn scores_and_positions_equal_fuzzy_matchers(t in text(40), p in text(7)) {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(ours(&t, &p), reference(&t, &p));
            prop_assert_eq!(positions(&t, &p), reference_positions(&t, &p));
        }

        /// Key-sized texts and longer patterns, as real searches have.
        #[test]
        fn scores_and_positions_equal_fuzzy_matchers_on_long_texts(
            t in text_over(&['a', 'e', 'i', 'n', 'r', 's', 't', 'o', 'l', 'u'], 160),
            p in text_over(&['a', 'e', 'i', 'n', 'r', 's', 't', 'o', 'l', 'u'], 10),
        ) {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(ours(&t, &p), reference(&t, &p));
            prop_assert_eq!(positions(&t, &p), reference_positions(&t, &p));
        }

        /// Finding bytes eight at a time agrees with a plain scan,
        /// whatever the bytes and length.
        #[test]
        fn finds_every_occurrence(
            text in proptest::collection::vec(
                prop_oneof![
                    4 => proptest::sample::select(b"ab 0\x00\x7f\x80\xff".to_vec()),
                    1 => any::<u8>(),
                ],
                0..300,
            ),
            pattern in proptest::collection::vec(
                proptest::sample::select(b"ab 0\x00\x7f\x80\xff".to_vec()),
                1..5,
            ),
        ) {
            let words = text.len().div_ceil(64);
            let distinct: Vec<usize> = (0..pattern.len())
                .filter(|&i| !pattern[..i].contains(&pattern[i]))
                .collect();
            let mut expected = vec![0; distinct.len() * words];
            for (d, &i) in distinct.iter().enumerate() {
                for (j, &b) in text.iter().enumerate() {
                    if b == pattern[i] {
                        expected[d * words + j / 64] |= 1 << (j % 64);
                    }
                }
            }
            // Stale bits from an earlier text must not survive.
            let mut found = vec![u64::MAX; distinct.len() * words + 1];
            u8::find_all(&text, &pattern, &distinct, &mut found);
            prop_assert_eq!(&found[..expected.len()], &expected[..]);
        }

        /// Keys made of real words, patterns cut from them.
        #[test]
        fn scores_and_positions_equal_fuzzy_matchers_on_word_keys(
            (t, p) in key().prop_flat_map(pattern_for),
        ) {
            prop_assert_eq!(ours(&t, &p), reference(&t, &p));
            prop_assert_eq!(positions(&t, &p), reference_positions(&t, &p));
        }
    }
}
