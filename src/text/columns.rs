//! Measuring, cutting and padding text to terminal columns.
//!
//! Widths are measured the way ratatui draws: split into grapheme clusters,
//! each as wide as `unicode-width` says (CJK and emoji 2, combining accents
//! 0), control graphemes skipped. Going through ratatui's own segmentation
//! means a string fitted here occupies exactly that many cells once drawn,
//! and an accent or an emoji sequence is never cut in half.
//!
//! These functions expect text that went through [`super::sanitize`] or
//! [`super::sanitize_line`]; raw controls would be measured as zero wide.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::Span;

const ELLIPSIS: char = '…';

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    let span = Span::raw(s);
    span.styled_graphemes(Style::default())
        .map(|g| usize::from(g.symbol.cell_width()))
        .sum()
}

/// Cuts `s` to at most `max_cols` columns. When something is cut the result
/// ends with `…` and is exactly `max_cols` wide: if a two-column character
/// does not fit before the ellipsis, a space fills its place. Whitespace
/// left dangling before the ellipsis is dropped (`Ada…`, not `Ada …`).
/// Borrows `s` when it already fits.
pub fn truncate(s: &str, max_cols: usize) -> Cow<'_, str> {
    if width(s) <= max_cols {
        return Cow::Borrowed(s);
    }
    if max_cols == 0 {
        return Cow::Borrowed("");
    }
    let room = max_cols - 1;
    let mut out = String::with_capacity(s.len().min(4 * max_cols) + 8);
    let mut used = 0;
    let span = Span::raw(s);
    for g in span.styled_graphemes(Style::default()) {
        let w = usize::from(g.symbol.cell_width());
        if used + w > room {
            break;
        }
        out.push_str(g.symbol);
        used += w;
    }
    let kept = out.trim_end().len();
    used -= width(&out[kept..]);
    out.truncate(kept);
    out.push(ELLIPSIS);
    push_spaces(&mut out, room - used);
    Cow::Owned(out)
}

/// Pads `s` with spaces on the right to `cols` columns. Never cuts: text
/// already `cols` wide or wider is returned as is (use [`fit`] for that).
pub fn pad(s: &str, cols: usize) -> Cow<'_, str> {
    let w = width(s);
    if w >= cols {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + cols - w);
    out.push_str(s);
    push_spaces(&mut out, cols - w);
    Cow::Owned(out)
}

/// Exactly `cols` columns, left-aligned: [`truncate`] then [`pad`].
pub fn fit(s: &str, cols: usize) -> Cow<'_, str> {
    match truncate(s, cols) {
        Cow::Borrowed(t) => pad(t, cols),
        Cow::Owned(t) => Cow::Owned(pad(&t, cols).into_owned()),
    }
}

/// Exactly `cols` columns, right-aligned (numbers, "3d" ages):
/// [`truncate`] then spaces on the left.
pub fn fit_right(s: &str, cols: usize) -> Cow<'_, str> {
    let t = truncate(s, cols);
    let w = width(&t);
    if w >= cols {
        return t;
    }
    let mut out = String::with_capacity(t.len() + cols - w);
    push_spaces(&mut out, cols - w);
    out.push_str(&t);
    Cow::Owned(out)
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
