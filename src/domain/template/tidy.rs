//! Mending the seams where a missing value or an optional section was
//! dropped, so "Hi Ada, hope all is well at ." becomes "Hi Ada, hope all
//! is well." Only literal template text next to a seam is touched: values
//! (names, titles, URLs) are never edited, and text where nothing was
//! dropped stays exactly as the user wrote it.

/// What lies beyond either end of a run of literal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// The start or end of the note.
    Note,
    /// A value that was filled in (a word, as far as spacing goes).
    Value,
}

/// Words that mean nothing once what followed them is gone: "at ." or
/// "your interest in ,".
const DANGLING: [&str; 22] = [
    "a", "about", "an", "and", "as", "at", "by", "for", "from", "in", "into", "like", "my", "of",
    "on", "or", "our", "the", "their", "to", "with", "your",
];
/// Separators that dangle the same way: "Title — ".
const DASHES: [&str; 5] = ["—", "–", "-", "|", "·"];
/// No space goes before these, and words before them may dangle.
const CLOSERS: &str = ".,;:!?)]}”’»";
/// Punctuation a dropped value can leave doubled (", ,") or leading.
const MARKS: &str = ",;:.!?";
const BRACKETS: [(char, char); 5] = [('(', ')'), ('[', ']'), ('“', '”'), ('"', '"'), ('«', '»')];

/// Joins the parts of one run of literal text (split where something was
/// dropped), mending each seam.
pub(super) fn join_run(parts: Vec<String>, before: Edge, after: Edge) -> String {
    let count = parts.len();
    // Spacing alone between two seams is one wider seam.
    let mut merged: Vec<String> = Vec::with_capacity(count);
    for (i, part) in parts.into_iter().enumerate() {
        match merged.last_mut() {
            Some(prev) if i + 1 < count && part.trim().is_empty() => prev.push_str(&part),
            _ => merged.push(part),
        }
    }
    let mut parts = merged.into_iter();
    let mut left = parts.next().unwrap_or_default();
    for right in parts {
        let rest = mend(&mut left, &right, before, after);
        left.push_str(&rest);
    }
    left
}

/// What follows a seam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Char(char),
    Word,
    End,
}

fn next_of(right: &str, after: Edge) -> Next {
    match (right.chars().next(), after) {
        (Some(c), _) => Next::Char(c),
        (None, Edge::Value) => Next::Word,
        (None, Edge::Note) => Next::End,
    }
}

fn is_stop(next: Next) -> bool {
    match next {
        Next::End => true,
        Next::Char(c) => c == '\n' || CLOSERS.contains(c),
        Next::Word => false,
    }
}

fn trim_spaces_end(s: &mut String) {
    let len = s.trim_end_matches([' ', '\t']).len();
    s.truncate(len);
}

/// Mends the seam between `left` and `right`; returns what remains of
/// `right` to append. `right` is never empty unless it is the last part
/// of the run, where `after` says what follows.
fn mend(left: &mut String, right: &str, before: Edge, after: Edge) -> String {
    let spaced = left.ends_with([' ', '\t']) || right.starts_with([' ', '\t']);
    trim_spaces_end(left);
    let mut right = right.trim_start_matches([' ', '\t']).to_string();
    if is_stop(next_of(&right, after)) {
        drop_dangling(left, before);
    }
    // "Ada ()" → "Ada": the brackets held only what was dropped.
    if let Some(open) = left.chars().next_back()
        && let Some(&(_, close)) = BRACKETS.iter().find(|(o, _)| *o == open)
        && right.starts_with(close)
    {
        left.pop();
        let rest = right[close.len_utf8()..].to_string();
        let space = if spaced { " " } else { "" };
        return mend(left, &format!("{space}{rest}"), before, after);
    }
    let at_line_start = left.ends_with('\n') || (left.is_empty() && before == Edge::Note);
    match next_of(&right, after) {
        Next::Char(c) if MARKS.contains(c) => {
            if at_line_start {
                // ", thanks" at the start of a line: the mark belonged to
                // what was dropped.
                right = right[c.len_utf8()..].trim_start_matches(' ').to_string();
            } else if left.ends_with([',', ';', ':']) {
                // "Ada, , thanks" or "Ada, ." : keep the second mark.
                left.pop();
            } else if left.ends_with(['.', '!', '?']) && ",;:".contains(c) {
                right = right[c.len_utf8()..].to_string();
                return mend(left, &format!(" {right}"), before, after);
            }
        }
        Next::End | Next::Char('\n') if left.ends_with([',', ';', ':']) => {
            left.pop();
        }
        _ => {}
    }
    let at_line_start = left.ends_with('\n') || (left.is_empty() && before == Edge::Note);
    let after_opener = left.ends_with(['(', '[', '“', '«']);
    if spaced && !at_line_start && !after_opener && !is_stop(next_of(&right, after)) {
        left.push(' ');
    }
    right
}

/// Drops up to three words left dangling before a stop: "interest in"
/// → "interest", "about the" → "about" → "".
fn drop_dangling(left: &mut String, before: Edge) {
    for _ in 0..3 {
        trim_spaces_end(left);
        let start = left
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || "([{“\"'«".contains(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        // A word at the very start of a run may be the tail of a value.
        if start == 0 && before == Edge::Value {
            return;
        }
        let word = left[start..].to_lowercase();
        if word.is_empty()
            || !(DANGLING.contains(&word.as_str()) || DASHES.contains(&word.as_str()))
        {
            return;
        }
        left.truncate(start);
    }
    trim_spaces_end(left);
}

/// Final whitespace tidy of a whole note: no trailing spaces on a line,
/// at most one blank line in a row, nothing blank at either end.
pub(super) fn finish(note: &str) -> String {
    let mut out = String::with_capacity(note.len());
    let mut blank_run = 0;
    for line in note.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `|` marks a seam in a run that starts and ends the note.
    fn mended(run: &str) -> String {
        let parts = run.split('|').map(str::to_string).collect();
        finish(&join_run(parts, Edge::Note, Edge::Note))
    }

    #[test]
    fn seams_read_naturally() {
        let cases = [
            ("hope all is well at |.", "hope all is well."),
            ("hope all is well at |!", "hope all is well!"),
            (
                "given your interest in |, I thought",
                "given your interest, I thought",
            ),
            ("Ada (|) says hi", "Ada says hi"),
            ("Ada (|)", "Ada"),
            ("Ada (at |), hi", "Ada, hi"),
            ("Ada (| at Babbage)", "Ada (at Babbage)"),
            ("one | two", "one two"),
            ("one | | two", "one two"),
            ("Hi Ada, |, thanks", "Hi Ada, thanks"),
            ("Hi Ada, |.", "Hi Ada."),
            ("Done. |, see you", "Done. see you"),
            ("|, welcome", "welcome"),
            ("Title — |", "Title"),
            ("Best, |", "Best"),
            ("Hi\n\n|\n\n|\n\nBye", "Hi\n\nBye"),
            ("Hi\n|\n", "Hi"),
            ("nothing dropped  here .", "nothing dropped  here ."),
        ];
        for (run, want) in cases {
            assert_eq!(mended(run), want, "{run:?}");
        }
    }

    #[test]
    fn values_beside_a_seam_are_not_edited() {
        // "… {title} at {company}." with the company missing: the run
        // after the title is " at |.", preceded by a value.
        let run = join_run(vec![" at ".into(), ".".into()], Edge::Value, Edge::Note);
        assert_eq!(run, ".");
        // A word glued to the value before it is left alone.
        let run = join_run(vec!["s at".into(), ".".into()], Edge::Value, Edge::Note);
        assert_eq!(run, "s.");
        let run = join_run(vec!["in".into(), ".".into()], Edge::Value, Edge::Note);
        assert_eq!(run, "in.");
    }
}
