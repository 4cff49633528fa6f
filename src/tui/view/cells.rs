//! Table cells made safe and exact: every piece of user text goes through
//! `crate::text` (control characters shown as placeholders, widths
//! measured like the terminal does) before it becomes a span.

use crate::text::{self, width};
use ratatui::style::Style;
use ratatui::text::Span;

/// A cell of exactly `cols` columns: sanitised, truncated with `…`, padded.
pub fn cell(value: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(text::cell(value, cols).into_owned(), style)
}

/// Like [`cell`], with the characters at `positions` (char indices of
/// `value`) drawn in `highlight`.
pub fn highlighted(
    value: &str,
    positions: &[usize],
    cols: usize,
    style: Style,
    highlight: Style,
) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![cell(value, cols, style)];
    }
    let full = width(&text::sanitize_line(value));
    let room = if full > cols {
        cols.saturating_sub(1)
    } else {
        cols
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in value.chars().enumerate() {
        let mut buf = [0u8; 4];
        let shown = text::sanitize_line(c.encode_utf8(&mut buf)).into_owned();
        let w = width(&shown);
        if used + w > room {
            break;
        }
        let hl = positions.binary_search(&i).is_ok();
        if hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { highlight } else { style },
            ));
        }
        run_hl = hl;
        run.push_str(&shown);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { highlight } else { style }));
    }
    if full > cols && cols > 0 {
        spans.push(Span::styled("…", style));
        used += 1;
    }
    if used < cols {
        spans.push(Span::styled(" ".repeat(cols - used), style));
    }
    spans
}

/// "1 item", "2 items": a number with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `value`, sanitised and wrapped at spaces into lines of at most `cols`
/// columns; a word longer than a line (a path) is cut where it must be.
pub fn wrap(value: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let clean = text::sanitize_line(value);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean.split(' ') {
        let gap = usize::from(!line.is_empty());
        if !line.is_empty() && width(&line) + gap + width(word) > cols {
            lines.push(std::mem::take(&mut line));
        } else if gap == 1 {
            line.push(' ');
        }
        for c in word.chars() {
            let mut buf = [0u8; 4];
            let c = c.encode_utf8(&mut buf);
            if width(&line) + width(c) > cols {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_only_long_words() {
        assert_eq!(wrap("fix the file now", 8), ["fix the", "file now"]);
        assert_eq!(
            wrap("/a/b/contacts.toml:6:2: bad", 10),
            ["/a/b/conta", "cts.toml:6", ":2: bad"]
        );
        assert_eq!(wrap("a\x1b[31mb", 20), ["a␛[31mb"]);
        assert!(wrap("", 5).is_empty());
    }

    #[test]
    fn highlighted_cells_keep_their_width() {
        let hl = Style::default().bold();
        let s = highlighted("José Núñez", &[0, 1, 2, 3], 8, Style::default(), hl);
        assert_eq!(plain(&s), "José Nú…");
        assert_eq!(s[0].content, "José");
        let s = highlighted("王芳", &[0], 6, Style::default(), hl);
        assert_eq!(plain(&s), "王芳  ");
        let s = highlighted("a\x1b[31mb", &[0], 10, Style::default(), hl);
        assert!(!plain(&s).contains('\x1b'));
        assert_eq!(width(&plain(&s)), 10);
    }
}
