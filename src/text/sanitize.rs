//! Replacing characters that could act on the terminal, or hide or reorder
//! text, with visible placeholders.
//!
//! # Placeholders
//!
//! - **C0 controls and DEL** become their Unicode *control picture*
//!   (`␛` for ESC, `␇` for BEL, `␊` for LF, `␡` for DEL): one column, in
//!   every common font, and it names the byte that was there.
//! - **Everything else invisible** — C1 controls, bidi overrides and
//!   isolates, marks, zero-width characters, other format (`Cf`)
//!   characters, Hangul fillers — becomes a code-point marker such as
//!   `⟨U+202E⟩`. Not `�`: that already means "bytes that were not valid
//!   UTF-8" after a lossy import, and it would hide *which* character
//!   arrived. The code point tells the user exactly what to fix in their
//!   file, and its length makes a planted override in a name stand out.
//!
//! # Joiners and emoji tags, kept where they are spelling
//!
//! - ZWJ (U+200D) stays between two emoji (`👩‍💻` is one picture) and
//!   between letters or marks of scripts that join (Sinhala `ශ්‍රී`).
//! - ZWNJ (U+200C) stays between letters of such scripts (Persian
//!   `می‌خواهم`).
//! - Tag characters (U+E0020–E007F) stay only in a well-formed emoji tag
//!   sequence after 🏴 (the flag of Scotland); stray ones are the "ASCII
//!   smuggling" trick for invisible text.
//!
//! Anywhere else a joiner is just an invisible character that would make
//! `Ada` and `A\u{200D}da` look identical, so it gets a marker. Latin, Greek
//! and Cyrillic never need joiners, hence the U+0590 threshold below.
//!
//! Kept emoji ZWJ sequences are measured as 2 columns (as ratatui and modern
//! terminals draw them); a terminal without ZWJ support draws each part
//! separately and that one row runs wider. Markers would be worse for
//! everyone else, so that is the accepted trade.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';
/// What a line break turns into in a one-line cell.
const LINE_BREAK: char = '⏎';
/// Longest emoji tag spec we accept (`gbsct` is 5; leave some room).
const MAX_TAG_SPEC: usize = 8;

/// Makes `s` safe to write to a terminal: every control, bidi, zero-width
/// or other invisible character becomes a visible placeholder (see the
/// module docs). Line breaks are controls too (`␊`): split multi-line text
/// on `'\n'` first, or use [`sanitize_line`] for a one-row cell.
///
/// Borrows `s` when nothing needs replacing, which is the common case; the
/// check is a byte scan for plain ASCII text.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Text)
}

/// Like [`sanitize`], for text that must fit on one row: a line break
/// (LF, CR, CRLF, NEL, U+2028, U+2029) becomes `⏎`, a tab a single space,
/// and trailing line breaks (the newline an editor leaves at the end of a
/// note) are dropped.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Line)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Line,
}

/// What happens to one character.
enum Fix {
    Keep,
    Drop,
    Put(char),
    Marker,
}

fn clean(s: &str, mode: Mode) -> Cow<'_, str> {
    // Hot path: nearly every name and title is printable ASCII, and nearly
    // all the rest has no character that could change. Both checks are
    // cheaper than the full pass below.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    full_pass(s, mode)
}

/// The character-by-character pass, with context for joiners and tags.
fn full_pass(s: &str, mode: Mode) -> Cow<'_, str> {
    let content_end = match mode {
        Mode::Text => s.len(),
        Mode::Line => s.trim_end_matches(is_line_break).len(),
    };
    // Built only from the first character that changes; until then `s` is
    // still clean and may be returned borrowed.
    let mut out: Option<String> = None;
    let mut prev = None;
    let mut tags_to_keep = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let fix = if tags_to_keep > 0 {
            tags_to_keep -= 1;
            Fix::Keep
        } else if c == BLACK_FLAG {
            tags_to_keep = emoji_tag_len(&s[i + c.len_utf8()..]);
            Fix::Keep
        } else if mode == Mode::Line && is_line_break(c) {
            let crlf = c == '\r' && next == Some('\n');
            if i >= content_end || crlf {
                Fix::Drop
            } else {
                Fix::Put(LINE_BREAK)
            }
        } else if mode == Mode::Line && c == '\t' {
            Fix::Put(' ')
        } else {
            fix_char(c, prev, next)
        };
        prev = Some(c);
        match (fix, &mut out) {
            (Fix::Keep, None) => {}
            (Fix::Keep, Some(o)) => o.push(c),
            (fix, o) => {
                let o = o.get_or_insert_with(|| {
                    let mut o = String::with_capacity(s.len() + 16);
                    o.push_str(&s[..i]);
                    o
                });
                match fix {
                    Fix::Keep | Fix::Drop => {}
                    Fix::Put(p) => o.push(p),
                    Fix::Marker => {
                        let _ = write!(o, "⟨U+{:04X}⟩", u32::from(c));
                    }
                }
            }
        }
    }
    out.map_or(Cow::Borrowed(s), Cow::Owned)
}

/// Whether `c` is a control, bidi, zero-width or other invisible
/// character: one that could act on a terminal or hide or reorder text.
/// Every character [`sanitize`] changes passes this test (it keeps only
/// the joiners that are spelling), and `--json` output escapes exactly
/// these.
pub fn is_unsafe(c: char) -> bool {
    c < ' ' || c == '\x7f' || (c >= '\u{80}' && is_invisible(c))
}

/// The rule for one character outside the line-mode and emoji-tag cases.
fn fix_char(c: char, prev: Option<char>, next: Option<char>) -> Fix {
    match c {
        '\0'..='\x1f' => Fix::Put(char::from_u32(0x2400 + u32::from(c)).unwrap_or('�')),
        '\x7f' => Fix::Put('␡'),
        ZWJ if joins(prev, next, true) => Fix::Keep,
        ZWNJ if joins(prev, next, false) => Fix::Keep,
        c if is_invisible(c) => Fix::Marker,
        _ => Fix::Keep,
    }
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether a joiner between `prev` and `next` is part of the spelling.
fn joins(prev: Option<char>, next: Option<char>, zwj: bool) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    let emoji = zwj && (is_pictographic(p) || is_emoji_modifier(p) || p == '\u{FE0F}');
    (emoji && is_pictographic(n)) || (in_joining_script(p) && in_joining_script(n))
}

/// A letter or combining mark of a script where joiners carry meaning
/// (Hebrew onwards: Arabic, Indic, South-East Asian...).
fn in_joining_script(c: char) -> bool {
    c >= '\u{590}'
        && !is_invisible(c)
        && !is_pictographic(c)
        && (c.is_alphabetic() || c.width() == Some(0) && c != ZWJ && c != ZWNJ)
}

/// Approximates `Extended_Pictographic`. Exactness is not a safety matter:
/// it only decides whether a zero-width ZWJ next to it is kept.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}' | '\u{231A}'..='\u{23FF}' | '\u{24C2}'
        | '\u{25AA}'..='\u{25FE}' | '\u{2600}'..='\u{27BF}' | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B55}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}' | '\u{1FC00}'..='\u{1FFFD}')
        && !is_emoji_modifier(c)
        && !('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Skin-tone modifiers, which may precede a ZWJ (`🧑🏽‍💻`).
fn is_emoji_modifier(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Length in chars of a well-formed emoji tag sequence at the start of
/// `rest` (tag letters then CANCEL TAG), or 0 if there is none.
fn emoji_tag_len(rest: &str) -> usize {
    let mut len = 0;
    for c in rest.chars().take(MAX_TAG_SPEC + 1) {
        match c {
            CANCEL_TAG if len > 0 => return len + 1,
            '\u{E0020}'..='\u{E007E}' => len += 1,
            _ => return 0,
        }
    }
    0
}

/// Characters with no visible glyph of their own (besides C0 and DEL,
/// handled before): C1 controls, format (`Cf`) characters including bidi
/// controls and zero-width characters, line and paragraph separators, and
/// the Hangul fillers that render as blank "letters" (a classic way to make
/// a name look empty). The soft hyphen is here too: invisible, and terminals
/// disagree on its width.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9F}'
        | '\u{AD}'
        | '\u{34F}'
        | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
        | '\u{890}'..='\u{891}' | '\u{8E2}'
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn the_fast_check_never_skips_a_change(s in crate::text::tests::nasty_string()) {
            let s: String = s.chars().filter(|&c| !is_unsafe(c)).collect();
            prop_assert!(matches!(full_pass(&s, Mode::Text), Cow::Borrowed(_)));
            prop_assert!(matches!(full_pass(&s, Mode::Line), Cow::Borrowed(_)));
        }
    }
}
