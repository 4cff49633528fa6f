//! The Queue pane: content items, ranked for the selected contact, with
//! the selected item's detail below while it has the focus.

use super::ListPlace;
use super::Pane;
use super::frame::{
    EMPTY, LABEL_COLS, block, broken_notice, empty_line, hidden_tag, matched, place, query_tag,
    rows_of,
};
use crate::domain::ItemId;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::forms;
use crate::tui::popup::form::Form;
use crate::tui::popup::{Confirm, FormKind, OnYes, Popup};
use crate::tui::view::cells::{cell, highlighted};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// `a`: the form for a new item.
pub(crate) fn add(app: &mut App) {
    let form = Form::new(
        "Add to the queue",
        FormKind::AddItem,
        forms::item_fields(None),
    );
    app.screen.open(Popup::Form(form));
}

/// `e`: the selected item's form.
pub(crate) fn edit(app: &mut App) {
    let form = match app
        .screen
        .queue
        .current()
        .and_then(|i| app.model.net.items.get(i))
    {
        Some(item) => forms::edit_item(item),
        None => return app.error("No item selected"),
    };
    app.screen.open(Popup::Form(form));
}

/// `d`: asks before deleting the selected item.
pub(crate) fn delete(app: &mut App) {
    let confirm = app
        .screen
        .queue
        .current()
        .and_then(|i| app.model.net.items.get(i))
        .map(|item| Confirm {
            question: format!("Delete {} from the queue?", item.title),
            on_yes: OnYes::DeleteItem(ItemId::from(item.id.as_str())),
        });
    app.ask_to_delete(confirm);
}

/// See [`ListPlace`]: above the selected item's detail while the Queue
/// has the focus.
pub fn list_place(app: &App, area: Rect) -> Option<ListPlace> {
    let detail = match app.screen.focus == Pane::Queue {
        true => {
            let width = Block::default().borders(Borders::ALL).inner(area).width;
            item_detail(app, width as usize).len()
        }
        false => 0,
    };
    Some(place(app, Pane::Queue, area, detail))
}

/// Draws the pane: each item with why it suits the selected contact (or
/// when it went to them) and its kind.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let mut title = match app.selected_contact() {
        Some(c) => format!("Queue · for {}", c.first_name()),
        None => "Queue".into(),
    };
    if let Some(f) = &app.screen.interest_filter {
        title.push_str(&format!(" · {f}"));
    }
    title.push_str(&hidden_tag(app, app.screen.hidden_items, "archived"));
    title.push_str(&query_tag(app, Pane::Queue));
    let block = block(app, Pane::Queue, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let kind_cols = 8;
    let query = &app.screen.queue.query;
    let mut lines = broken_notice(app, Pane::Queue, width);
    // While the Queue is focused, the selected item's address and comment
    // show below the list, in the wide and the narrow layout alike.
    let detail = match app.screen.focus == Pane::Queue {
        true => item_detail(app, width),
        false => Vec::new(),
    };
    let place = list_place(app, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::Queue, place, |i, _| {
        let item = &app.model.net.items[i];
        let mark = app.screen.queue_marks.get(&i);
        let (glyph, style) = match mark {
            Some(m) if m.received.is_some() => ("✓", app.screen.theme.sent()),
            Some(m) if !m.matched.is_empty() => ("★", app.screen.theme.matched()),
            _ if item.archived => (" ", app.screen.theme.dim()),
            _ => (" ", Style::default()),
        };
        let reason = match mark {
            _ if item.archived => " archived".to_string(),
            Some(m) if m.received.is_some() => m
                .received
                .map(|t| format!(" sent {}", t.format("%Y-%m-%d")))
                .unwrap_or_default(),
            Some(m) if !m.matched.is_empty() => format!(" {}", m.reason),
            _ => String::new(),
        };
        let reason_cols = text::width(&reason).min(width / 3);
        let title_cols = width.saturating_sub(2 + kind_cols + reason_cols);
        let title_style = match (item.archived, item.title_guessed) {
            (true, _) => app.screen.theme.dim(),
            // A guess from the address reads like a hint, not a title.
            (false, true) => app.screen.theme.hint(),
            (false, false) => Style::default(),
        };
        let mut spans = vec![Span::styled(format!("{glyph} "), style)];
        spans.extend(highlighted(
            &item.title,
            &matched(app, 1, i, &item.title, query),
            title_cols,
            title_style,
            app.screen.theme.highlight(),
        ));
        spans.push(cell(&reason, reason_cols, style));
        spans.push(cell(
            &format!(" {}", item.kind),
            kind_cols,
            app.screen.theme.dim(),
        ));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        lines = empty_line(app, " The queue is empty. a adds a link.");
    }
    lines.extend(rows);
    let pad = (inner.height as usize).saturating_sub(lines.len() + detail.len());
    lines.extend(std::iter::repeat_n(Line::from(""), pad));
    lines.extend(detail);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The selected item's address, comment, topics and dates, under a rule.
fn item_detail<'a>(app: &App, width: usize) -> Vec<Line<'a>> {
    let Some(item) = app
        .screen
        .queue
        .current()
        .and_then(|i| app.model.net.items.get(i))
    else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled("─".repeat(width), app.screen.theme.dim())];
    let line = |label: &str, value: &str, style: Style| {
        Line::from(vec![
            Span::styled(
                format!(" {label:<w$}", w = LABEL_COLS - 1),
                app.screen.theme.dim(),
            ),
            cell(value, width.saturating_sub(LABEL_COLS), style),
        ])
    };
    lines.push(line("url", &item.url, Style::default()));
    let edit = app.keymap.first_key(Action::Edit);
    lines.push(match item.comment.as_deref() {
        Some(c) if !c.trim().is_empty() => line("comment", c, Style::default()),
        _ => line(
            "comment",
            &format!("none — {edit} adds one"),
            app.screen.theme.dim(),
        ),
    });
    let mut about = String::new();
    if item.title_guessed {
        about.push_str(&format!(
            "title guessed from the address ({edit} sets one) · "
        ));
    }
    if item.archived {
        let key = app.keymap.first_key(Action::Archive);
        about.push_str(&format!("archived ({key} brings back) · "));
    }
    about.push_str(&format!("added {}", item.added.format("%Y-%m-%d")));
    if !item.topics.is_empty() {
        about.push_str(&format!(" · {}", item.topics.join(", ")));
    }
    lines.push(line(item.kind.as_str(), &about, Style::default()));
    lines
}
