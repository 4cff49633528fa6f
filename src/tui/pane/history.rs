//! The History pane: what went to whom, newest first. History is
//! append-only: `a` logs a new entry, and nothing edits or deletes one.

use super::ListPlace;
use super::Pane;
use super::frame::{EMPTY, block, broken_notice, empty_line, place, query_tag, rows_of};
use crate::domain::EntryKind;
use crate::search::highlight;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::view::cells::highlighted;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `a`: log a touch or ask with the selected contact, as `l` does.
pub(crate) fn add(app: &mut App) {
    app.open_log();
}

/// `e`: refused; entries are never changed.
pub(crate) fn edit(app: &mut App) {
    let log = app.keymap.first_key(Action::Log);
    app.error(format!(
        "History is append-only; press {log} to log a new entry"
    ));
}

/// `d`: refused; entries are never deleted.
pub(crate) fn delete(app: &mut App) {
    app.error("History is append-only: entries are never deleted");
}

/// See [`ListPlace`].
pub fn list_place(app: &App, area: Rect) -> Option<ListPlace> {
    Some(place(app, Pane::History, area, 0))
}

/// Draws the pane: date, kind, who and what.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!("History{}", query_tag(app, Pane::History));
    let block = block(app, Pane::History, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let query = &app.screen.history.query;
    let mut lines = broken_notice(app, Pane::History, width);
    let place = list_place(app, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::History, place, |i, _| {
        let e = &app.model.net.history[i];
        let date = e.at.format("%m-%d").to_string();
        let first = e
            .contact_name()
            .split_whitespace()
            .next()
            .unwrap_or(e.contact_name())
            .to_string();
        let what = match (e.kind, e.item_title(), e.detail()) {
            (EntryKind::Share, Some(t), _) => format!("{first} ← {t}"),
            (_, _, Some(detail)) => format!("{first} ({detail})"),
            (_, _, None) if e.note().is_empty() => first,
            (_, _, None) => format!("{first} ({})", e.note()),
        };
        let kind_style = match e.tally() {
            Some(crate::domain::Tally::Give) => app.screen.theme.sent(),
            Some(crate::domain::Tally::Ask) => app.screen.theme.due(crate::domain::DueState::Soon),
            _ => Style::default(),
        };
        let what_cols = width.saturating_sub(13);
        let mut spans = vec![
            Span::styled(format!(" {date} "), app.screen.theme.dim()),
            // Five letters and a space each; a moment reads as who "moved".
            Span::styled(
                format!(
                    "{:<6}",
                    match e.kind {
                        EntryKind::Moment => "moved",
                        kind => kind.as_str(),
                    }
                ),
                kind_style,
            ),
        ];
        spans.extend(highlighted(
            &what,
            &highlight(&what, query),
            what_cols,
            Style::default(),
            app.screen.theme.highlight(),
        ));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        lines = empty_line(app, " Nothing yet. Share something (s) or log a touch (l).");
    }
    lines.extend(rows);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
