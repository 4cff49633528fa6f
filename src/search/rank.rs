//! How well one query word matches one record, as fzf's users expect:
//! a whole word before a word's start before the inside of a word, the
//! first field (a name) before the later ones, and letters scattered over
//! a field or across fields last — so loose they are hidden whenever a
//! better match exists (see [`Found::loose`]).
//!
//! A word is matched, best first, as:
//! 1. a contiguous run starting a word ("jose" in "José Núñez", "berg" in
//!    "Ingrid Berg"), a whole word above a prefix, a short word above a
//!    long one;
//! 2. a contiguous run inside a word ("son" in "Johnson", "芳" in "王芳"),
//!    or the starts of successive words of one field ("jnu" in "José
//!    Núñez", "dsys" in "distributed systems");
//! 3. letters in order within one word ("jhnsn" in "Johnson");
//! 4. loose: letters in order over one field, or across fields, ordered
//!    by SkimMatcherV2's score.
//!
//! Within a class the field decides, then how the run sits in its word.

use super::skim::{self, Scratch};

/// Points per class: each class outranks every lower one, whatever the
/// field (the field and fine points stay below `CLASS`).
const CLASS: i32 = 1_000;
/// The field's points: the first field (a name, a title) first.
const FIELD: [i32; 3] = [300, 200, 100];
/// A run that is a whole word, over one that only starts it.
const WHOLE: i32 = 60;
/// A run starting its field ("Ada" of "Ada Lovelace").
const FIELD_START: i32 = 20;

/// A query word's best match in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Higher is better; at least 0.
    pub points: i32,
    /// Letters scattered over a field or across fields: shown only when
    /// no record matches the query without such a word.
    pub loose: bool,
}

/// What the best match of a word was, to highlight the same characters
/// that ranked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// Byte offsets in the key of the matched characters.
    Bytes(Vec<usize>),
    /// Letters in order somewhere in the key: `skim::positions` aligns
    /// them.
    Loose,
}

/// The points of field `f`.
fn field_points(f: usize) -> i32 {
    FIELD.get(f).copied().unwrap_or(0)
}

/// Whether `c` is part of a word.
fn in_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The fields of a key as byte ranges, from [`super::key::Keys::starts`].
fn fields(starts: &[u32]) -> impl Iterator<Item = (usize, usize)> + '_ {
    starts
        .windows(2)
        .map(|w| (w[0] as usize, (w[1] as usize).saturating_sub(1)))
}

/// The best match of `term` (folded, no whitespace, not empty) in `text`
/// (a folded key whose fields start at `starts`), or `None` if its
/// letters do not occur in order. Loose matches are told apart by
/// SkimMatcherV2's score only with a `scratch` for it: without one they
/// score alike, which is cheap, and their order matters only when no
/// better match exists. With `spot`, also where it matched.
pub fn best(
    text: &str,
    ascii: bool,
    starts: &[u32],
    term: &str,
    scratch: Option<&mut Scratch>,
    spot: Option<&mut Spot>,
) -> Option<Found> {
    if let Some((points, at)) = contiguous(text, starts, term) {
        if let Some(spot) = spot {
            *spot = Spot::Bytes(
                text[at..at + term.len()]
                    .char_indices()
                    .map(|(i, _)| at + i)
                    .collect(),
            );
        }
        return Some(Found {
            points,
            loose: false,
        });
    }
    // Not a run anywhere: letters in order, in one field or across them.
    let (held, anywhere) = holding(term, text, ascii, starts);
    if !anywhere {
        return None;
    }
    let mut strict: Option<(i32, usize, Vec<usize>)> = None;
    let loose_field = (held != 0).then(|| held.trailing_zeros() as usize);
    for (f, (from, to)) in fields(starts).enumerate().take(64) {
        if held & (1 << f) == 0 {
            continue;
        }
        if let Some((points, at)) = within(&text[from..to], f, term)
            && strict.as_ref().is_none_or(|&(p, _, _)| points > p)
        {
            strict = Some((points, from, at));
        }
    }
    if let Some((points, from, at)) = strict {
        if let Some(spot) = spot {
            *spot = Spot::Bytes(at.into_iter().map(|b| b + from).collect());
        }
        return Some(Found {
            points,
            loose: false,
        });
    }
    let skim = match scratch {
        Some(scratch) => skim::score(text, ascii, term, scratch).unwrap_or(0),
        None => 0,
    };
    let points = match loose_field {
        Some(f) => 300 + field_points(f) / 2 + skim.clamp(0, 199),
        None => skim.clamp(0, 299),
    };
    if let Some(spot) = spot {
        *spot = Spot::Loose;
    }
    Some(Found {
        points,
        loose: true,
    })
}

/// `term`, no run of field `f`, as the starts of its words or letters
/// within one word: the points and the byte offsets in `field` matched.
fn within(field: &str, f: usize, term: &str) -> Option<(i32, Vec<usize>)> {
    if let Some(at) = initials(field, term) {
        Some((2 * CLASS + field_points(f) - WHOLE, at))
    } else {
        in_one_word(field, term).map(|at| (CLASS + field_points(f), at))
    }
}

/// The points of `term`'s best match in `text` as [`best`] finds it,
/// if it is not loose: no scattered letters are weighed, so it is cheap
/// enough to ask of every record.
pub fn exact(text: &str, ascii: bool, starts: &[u32], term: &str) -> Option<i32> {
    if let Some((points, _)) = contiguous(text, starts, term) {
        return Some(points);
    }
    let (held, _) = holding(term, text, ascii, starts);
    fields(starts)
        .enumerate()
        .take(64)
        .filter(|&(f, _)| held & (1 << f) != 0)
        .filter_map(|(f, (from, to))| within(&text[from..to], f, term).map(|(p, _)| p))
        .max()
}

/// Points for a query of several words found as typed, one after
/// another ("data eng" in "Data Engineer", "jose garcia" in "José
/// García"), on top of each word's own: 0 for one word or none such.
pub fn phrase(text: &str, starts: &[u32], joined: &str) -> i32 {
    if !joined.contains(' ') {
        return 0;
    }
    contiguous(text, starts, joined).map_or(0, |(points, _)| (points - 2 * CLASS).max(0))
}

/// The best contiguous occurrence of `term`: its points and byte offset.
fn contiguous(text: &str, starts: &[u32], term: &str) -> Option<(i32, usize)> {
    let mut best: Option<(i32, usize)> = None;
    for at in occurrences(text, term) {
        let end = at + term.len();
        // The field the run starts in (a phrase may run into the next).
        let f = starts
            .partition_point(|&s| s as usize <= at)
            .saturating_sub(1);
        let field_from = starts.get(f).map_or(0, |&s| s as usize);
        let before = text[field_from..at].chars().next_back();
        let after = text[end..].chars().next();
        let starts_word = before.is_none_or(|c| !in_word(c));
        let points = if starts_word {
            let word_len = text[at..]
                .char_indices()
                .find(|&(_, c)| !in_word(c))
                .map_or(text.len() - at, |(i, _)| i);
            let whole = if after.is_none_or(|c| !in_word(c)) {
                WHOLE
            } else {
                // A shorter word is closer to the one typed.
                40 - (word_len.saturating_sub(term.len()) as i32).min(40)
            };
            let first = if before.is_none() { FIELD_START } else { 0 };
            3 * CLASS + field_points(f) + whole + first
        } else {
            2 * CLASS + field_points(f)
        };
        if best.is_none_or(|(p, _)| points > p) {
            best = Some((points, at));
        }
        // The whole first word of the first field: nothing beats it.
        if points == 3 * CLASS + FIELD[0] + WHOLE + FIELD_START {
            break;
        }
    }
    best
}

/// Where `term` (not empty) occurs in `text`, overlaps included: found
/// by its first byte, quicker than a substring searcher on keys this
/// short.
fn occurrences<'a>(text: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (bytes, first) = (text.as_bytes(), term.as_bytes()[0]);
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memchr(first, &bytes[from..]) {
            let at = from + i;
            from = at + 1;
            if bytes[at..].starts_with(term.as_bytes()) {
                return Some(at);
            }
        }
        None
    })
}

/// Which of the first 64 fields hold the characters of `term` in order
/// (bit `f` for field `f`), and whether the whole key does: one pass
/// over the key (ASCII keys: one per field that might hold it).
fn holding(term: &str, text: &str, ascii: bool, starts: &[u32]) -> (u64, bool) {
    if ascii {
        // Jumping from letter to letter is quicker than a walk, and most
        // keys fail the first check.
        let (term, text) = (term.as_bytes(), text.as_bytes());
        if !term.is_ascii() || !bytes_in_order(term, text) {
            return (0, false);
        }
        let held = fields(starts)
            .take(64)
            .enumerate()
            .filter(|&(_, (from, to))| bytes_in_order(term, &text[from..to]))
            .fold(0u64, |held, (f, _)| held | 1 << f);
        (held, true)
    } else {
        let term: Vec<char> = term.chars().collect();
        held_in(&term, text.char_indices(), starts)
    }
}

/// Whether the bytes of `term` occur in order in `text`.
fn bytes_in_order(term: &[u8], text: &[u8]) -> bool {
    let mut from = 0;
    for &b in term {
        match text.get(from..).and_then(|rest| memchr::memchr(b, rest)) {
            Some(i) => from += i + 1,
            None => return false,
        }
    }
    true
}

/// [`holding`] over `text`'s units (bytes or chars) at their byte
/// offsets.
fn held_in<T: PartialEq + Copy>(
    term: &[T],
    text: impl Iterator<Item = (usize, T)>,
    starts: &[u32],
) -> (u64, bool) {
    let start = |f: usize| starts.get(f).map_or(usize::MAX, |&s| s as usize);
    let (mut anywhere, mut here, mut f, mut held) = (0, 0, 0, 0u64);
    let mut next = start(1);
    for (i, c) in text {
        while i >= next {
            f += 1;
            here = 0;
            next = start(f + 1);
        }
        if anywhere < term.len() && term[anywhere] == c {
            anywhere += 1;
        }
        if here < term.len() && term[here] == c {
            here += 1;
            if here == term.len() && f < 64 {
                held |= 1 << f;
            }
        }
    }
    (held, anywhere == term.len())
}

/// The words of `field` (runs of letters and digits): byte offset and
/// text.
fn words(field: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = field.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.peek().is_some_and(|&(_, c)| !in_word(c)) {
            rest.next();
        }
        let &(from, _) = rest.peek()?;
        let mut to = field.len();
        while let Some(&(i, c)) = rest.peek() {
            if !in_word(c) {
                to = i;
                break;
            }
            rest.next();
        }
        Some((from, &field[from..to]))
    })
}

/// `term` as the starts of successive words of `field` ("jnu" in "jose
/// nunez"): the byte offsets matched. Only asked when `term` is no run
/// of `field`, so it spans at least two words.
fn initials(field: &str, term: &str) -> Option<Vec<usize>> {
    let words: Vec<(usize, &str)> = words(field).collect();
    let term: Vec<char> = term.chars().collect();
    let mut failed = vec![false; (term.len() + 1) * (words.len() + 1)];
    let mut out = Vec::new();
    split(&term, 0, &words, 0, &mut failed, &mut out).then_some(out)
}

/// Whether `term[t..]` splits into non-empty starts of `words[w..]`, in
/// order; the matched offsets are left in `out`. `failed` remembers the
/// (t, w) that cannot, so a long field costs no more than its words
/// times the term's letters.
fn split(
    term: &[char],
    t: usize,
    words: &[(usize, &str)],
    w: usize,
    failed: &mut [bool],
    out: &mut Vec<usize>,
) -> bool {
    if t == term.len() {
        return true;
    }
    let state = t * (words.len() + 1) + w;
    if failed[state] {
        return false;
    }
    for (next, &(at, word)) in words.iter().enumerate().skip(w) {
        let common = word
            .chars()
            .zip(&term[t..])
            .take_while(|(c, t)| c == *t)
            .count();
        // Longest start first: fewer, longer pieces read best.
        for take in (1..=common).rev() {
            let mark = out.len();
            out.extend(word.char_indices().take(take).map(|(i, _)| at + i));
            if split(term, t + take, words, next + 1, failed, out) {
                return true;
            }
            out.truncate(mark);
        }
    }
    failed[state] = true;
    false
}

/// `term` as letters in order within one word of `field`: the byte
/// offsets matched.
fn in_one_word(field: &str, term: &str) -> Option<Vec<usize>> {
    words(field).find_map(|(at, word)| {
        let mut want = term.chars().peekable();
        let mut out = Vec::new();
        for (i, c) in word.char_indices() {
            if want.peek() == Some(&c) {
                want.next();
                out.push(at + i);
            }
        }
        want.peek().is_none().then_some(out)
    })
}

/// Query words shorter than this are never matched with a typo: a slip
/// in one of two letters leaves nothing of what was meant.
pub const TYPO_FROM: usize = 3;

/// A query word matched with one slip (a letter wrong, missing, extra or
/// swapped with the next) at the start of a word: its points and the
/// byte range matched. Asked only when nothing matches the query without
/// a slip, so it is never [`best`]'s business.
pub fn typo(text: &str, starts: &[u32], term: &[char]) -> Option<(i32, usize, usize)> {
    if term.len() < TYPO_FROM {
        return None;
    }
    let mut best: Option<(i32, usize, usize)> = None;
    let mut word = Vec::new();
    for (f, (from, to)) in fields(starts).enumerate() {
        for (at, w) in words(&text[from..to]) {
            // A slip keeps the first letter, or swaps it with the second.
            let first = w.chars().next();
            if first != Some(term[0]) && first != term.get(1).copied() {
                continue;
            }
            word.clear();
            word.extend(w.char_indices());
            let Some(len) = slip(term, &word) else {
                continue;
            };
            let whole = if len == word.len() { WHOLE } else { 0 };
            let first = if at == 0 { FIELD_START } else { 0 };
            let points = CLASS + field_points(f) + whole + first;
            let bytes = word.get(len).map_or(w.len(), |&(i, _)| i);
            if best.is_none_or(|(p, _, _)| points > p) {
                best = Some((points, from + at, bytes));
            }
        }
    }
    best
}

/// How many characters of `word` (chars with their byte offsets) `term`
/// matches with exactly one slip, as a prefix; `None` if it matches
/// without one or needs more.
fn slip(term: &[char], word: &[(usize, char)]) -> Option<usize> {
    let k = term
        .iter()
        .zip(word)
        .take_while(|(t, (_, w))| *t == w)
        .count();
    if k == term.len() {
        return None;
    }
    // `term[t..]` starts `word[w..]`: then the match ends at `w` + the rest.
    let rest = |t: usize, w: usize| -> Option<usize> {
        let tail = term.get(t..)?;
        let left = word.get(w..)?;
        (tail.len() <= left.len() && tail.iter().zip(left).all(|(a, (_, b))| a == b))
            .then_some(w + tail.len())
    };
    // The first letter typed right counts: a slip there reads as another
    // word altogether.
    let first = k > 0;
    let swapped = term.get(k + 1) == word.get(k).map(|(_, c)| c)
        && term.get(k) == word.get(k + 1).map(|(_, c)| c);
    (swapped.then(|| rest(k + 2, k + 2)).flatten())
        .or_else(|| first.then(|| rest(k + 1, k + 1)).flatten())
        .or_else(|| first.then(|| rest(k + 1, k)).flatten())
        .or_else(|| first.then(|| rest(k, k + 1)).flatten())
}
