//! What every pane's drawing shares: the bordered block and its title,
//! the search tag, the empty and broken-file notices, the rows in view
//! with the selection and search highlights, and where the rows are
//! (`ListPlace`, which the mouse goes by too).

use super::{ListPlace, Pane};
use crate::search::highlight;
use crate::text;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// Columns a labelled line's label takes, margin included (a contact's
/// profile, the Queue's detail).
pub(super) const LABEL_COLS: usize = 10;

/// The pane's border and title, highlighted while it has the focus.
pub(super) fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.screen.focus == pane;
    let style = if focused {
        app.screen.theme.focused_border()
    } else {
        Style::default()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(
            format!(" {} ", text::sanitize_line(&title)),
            style,
        ))
}

/// Title suffix showing the search query, e.g. " [/ada]".
pub(super) fn query_tag(app: &App, pane: Pane) -> String {
    let list = app.list(pane);
    if list.searching || !list.query.is_empty() {
        let cursor = if list.searching { "▏" } else { "" };
        format!(" [/{}{cursor}]", list.query)
    } else {
        String::new()
    }
}

/// See [`ListPlace`]; `area` is the pane's rectangle, border included,
/// and `below` the lines the pane draws under its rows.
pub(super) fn place(app: &App, pane: Pane, area: Rect, below: usize) -> ListPlace {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let width = inner.width as usize;
    let above = broken_notice(app, pane, width).len();
    let above = u16::try_from(above).unwrap_or(u16::MAX).min(inner.height);
    let below = u16::try_from(below).unwrap_or(u16::MAX);
    let rows = Rect {
        y: inner.y + above,
        height: inner.height.saturating_sub(above.saturating_add(below)),
        ..inner
    };
    // The list scrolls for the pane's whole height; when a notice takes
    // the top rows, look further down so the selection stays in view.
    let list = app.list(pane);
    let offset = list
        .offset
        .max((list.selected + 1).saturating_sub(usize::from(rows.height)))
        .min(list.selected);
    ListPlace { rows, offset }
}

/// No room: a list drawn nowhere.
pub(super) const EMPTY: ListPlace = ListPlace {
    rows: Rect::ZERO,
    offset: 0,
};

/// The rows of `pane` in `place`, each drawn by `row` (given the record
/// and whether it is selected), the selected one highlighted.
pub(super) fn rows_of<'a>(
    app: &App,
    pane: Pane,
    place: ListPlace,
    mut row: impl FnMut(usize, bool) -> Line<'a>,
) -> Vec<Line<'a>> {
    let list = app.list(pane);
    list.rows
        .iter()
        .enumerate()
        .skip(place.offset)
        .take(usize::from(place.rows.height))
        .map(|(pos, &record)| {
            let selected = pos == list.selected;
            let line = row(record, selected);
            if selected {
                line.style(app.screen.theme.selected(app.screen.focus == pane))
            } else {
                line
            }
        })
        .collect()
}

/// What an empty list says instead, dimmed.
pub(super) fn empty_line<'a>(app: &App, message: &str) -> Vec<Line<'a>> {
    vec![Line::styled(message.to_string(), app.screen.theme.dim())]
}

/// A data file that does not parse, shown where the list read from it
/// would start, above the last good rows (see `tui::broken`). Empty for
/// every other pane and while the files read cleanly.
pub(super) fn broken_notice<'a>(app: &App, pane: Pane, width: usize) -> Vec<Line<'a>> {
    let Some(broken) = app.broken.as_ref().filter(|b| b.pane() == pane) else {
        return Vec::new();
    };
    let cols = width.saturating_sub(1);
    let lines = |text: &str, style| {
        crate::tui::view::cells::wrap(text, cols)
            .into_iter()
            .map(move |l| Line::styled(format!(" {l}"), style))
    };
    let head = format!("{} {}.", broken.file_name(), broken.what());
    let mut notice: Vec<Line> = lines(&head, app.screen.theme.error()).collect();
    notice.extend(lines(&broken.detail(), Style::default()));
    notice.extend(lines(
        "Fix the file; netwerk will reload it. Until then, the last good copy, read-only:",
        app.screen.theme.dim(),
    ));
    notice.push(Line::styled("─".repeat(width), app.screen.theme.dim()));
    notice
}

/// " · 3 dormant hidden (. shows)", or " · dormant shown": what the `.`
/// toggle leaves out of a pane, in its title.
pub(super) fn hidden_tag(app: &App, hidden: usize, what: &str) -> String {
    let show = app.keymap.first_key(crate::tui::action::Action::ShowHidden);
    match (app.screen.show_hidden, hidden) {
        (true, _) => format!(" · {what} shown"),
        (false, 0) => String::new(),
        (false, n) => format!(" · {n} {what} hidden ({show} shows)"),
    }
}

/// The characters of `text` (field 0 of record `i` of search index
/// `which`) that ranked the record for `query`: where the index matched
/// the word, which may be another field, not stray letters here.
pub(super) fn matched(app: &App, which: usize, i: usize, text: &str, query: &str) -> Vec<usize> {
    match &app.model.search[which] {
        Some((index, _)) if index.query() == crate::domain::fold::fold(query) => {
            index.positions(i as u32, 0)
        }
        _ => highlight(text, query),
    }
}
