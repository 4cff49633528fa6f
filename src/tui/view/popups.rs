//! Dialogs over the panes: forms, confirmations, help.

use crate::text;
use crate::tui::app::App;
use crate::tui::popup::{Form, Popup};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A centred rectangle of at most `width`×`height`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub fn frame_block<'a>(app: &App, title: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focused_border())
        .title(Span::styled(
            format!(" {} ", text::sanitize_line(title)),
            app.theme.focused_border(),
        ))
}

/// Draws every open dialog, bottom to top.
pub fn popups(app: &App, frame: &mut Frame, area: Rect) {
    for popup in &app.popups {
        match popup {
            Popup::Form(form) => draw_form(app, form, frame, area),
            Popup::Confirm(c) => {
                let width = (text::width(&c.question) as u16 + 6).clamp(30, 70);
                // The question wraps as it must; the answer keys always show.
                let cols = usize::from(width.min(area.width).saturating_sub(2));
                let mut lines: Vec<Line> = super::cells::wrap(&c.question, cols)
                    .into_iter()
                    .map(Line::from)
                    .collect();
                lines.push(Line::from(""));
                lines.push(Line::styled("y yes · n no", app.theme.dim()));
                let rect = centered(area, width, lines.len() as u16 + 2);
                frame.render_widget(Clear, rect);
                frame.render_widget(
                    Paragraph::new(lines).block(frame_block(app, "Confirm")),
                    rect,
                );
            }
            Popup::Help(help) => crate::tui::popup::help::draw(app, help, frame, area),
            Popup::Triage(t) => super::extras::triage(app, t, frame, area),
            Popup::Dashboard => super::extras::dashboard(app, frame, area),
            Popup::Notice(title, body) => {
                let lines: Vec<Line> = body
                    .lines()
                    .map(|l| Line::from(text::sanitize_line(l).into_owned()))
                    .collect();
                let rect = centered(area, 90, lines.len() as u16 + 4);
                frame.render_widget(Clear, rect);
                frame.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .block(frame_block(app, title)),
                    rect,
                );
            }
            Popup::Picker(picker) => super::share::picker(app, picker, frame, area),
            Popup::Composer(composer) => super::share::composer(app, composer, frame, area),
            Popup::Palette(p) => crate::tui::popup::palette::draw(app, p, frame, area),
        }
    }
}

/// A choice field: every choice in a row, the chosen one marked, scrolled
/// so it stays in view; the hint after them while the field is focused.
fn choice_line<'a>(
    app: &App,
    field: &'a crate::tui::popup::form::Field,
    focused: bool,
    width: u16,
) -> Line<'a> {
    let chosen = field.chosen().unwrap_or(0);
    // The chosen one is bracketed, so it shows without colour too.
    let cols = |c: &str| c.chars().count() + 3;
    // The first choice shown: as early as lets the chosen one fit.
    let mut first = 0;
    while first < chosen
        && field.choices[first..=chosen]
            .iter()
            .map(|c| cols(c))
            .sum::<usize>()
            > usize::from(width).saturating_sub(2)
    {
        first += 1;
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("‹", app.theme.dim()));
    }
    for (i, choice) in field.choices.iter().enumerate().skip(first) {
        let style = if i == chosen {
            app.theme.focused_border().add_modifier(Modifier::REVERSED)
        } else {
            app.theme.dim()
        };
        let shown = if i == chosen {
            format!("[{choice}]")
        } else {
            format!(" {choice} ")
        };
        spans.push(Span::styled(shown, style));
    }
    if focused {
        spans.push(Span::styled(field.hint, app.theme.dim()));
    }
    Line::from(spans)
}

fn draw_form(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let rows: u16 = form
        .fields
        .iter()
        .map(|f| if f.error.is_some() { 2 } else { 1 })
        .sum::<u16>()
        + 2
        + u16::from(form.message.is_some());
    let rect = centered(area, 76, rows + 2);
    frame.render_widget(Clear, rect);
    let block = frame_block(app, &form.title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label_cols: u16 = 16;
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in form.fields.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let focused = i == form.focus;
        let label_style = if field.error.is_some() {
            app.theme.error()
        } else if focused {
            app.theme.focused_border()
        } else {
            Style::default()
        };
        let marker = if field.error.is_some() {
            "✗"
        } else if focused {
            "›"
        } else {
            " "
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{:<w$}", field.label, w = label_cols as usize - 1),
                label_style,
            )),
            Rect::new(inner.x, y, label_cols.min(inner.width), 1),
        );
        let input_rect = Rect::new(
            inner.x + label_cols,
            y,
            inner.width.saturating_sub(label_cols),
            1,
        );
        let on_top = app
            .popups
            .last()
            .is_some_and(|p| matches!(p, Popup::Form(f) if std::ptr::eq(f, form)));
        if !field.choices.is_empty() {
            frame.render_widget(
                Paragraph::new(choice_line(app, field, focused, input_rect.width)),
                input_rect,
            );
        } else if field.input.lines().iter().all(|l| l.is_empty()) {
            // A hint, not a value: it is never typed into the field.
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text::truncate(field.hint, input_rect.width as usize).into_owned(),
                    app.theme.hint(),
                )),
                input_rect,
            );
            if focused && on_top {
                frame.set_cursor_position((input_rect.x, y));
            }
        } else {
            let shown = text::sanitize_line(&field.input.lines().join(" ")).into_owned();
            // Keep the cursor in view on long values by showing the tail.
            let cursor = field.input.cursor().1;
            let before: String = field
                .input
                .lines()
                .first()
                .map(|l| l.chars().take(cursor).collect())
                .unwrap_or_default();
            let before_cols = text::width(&text::sanitize_line(&before));
            let room = input_rect.width as usize;
            let skip_cols = before_cols.saturating_sub(room.saturating_sub(1));
            let mut skipped = 0;
            let visible: String = shown
                .chars()
                .skip_while(|c| {
                    let w = text::width(&c.to_string());
                    if skipped + w <= skip_cols && skip_cols > 0 {
                        skipped += w;
                        true
                    } else {
                        false
                    }
                })
                .collect();
            frame.render_widget(
                Paragraph::new(Line::from(text::truncate(&visible, room).into_owned())),
                input_rect,
            );
            if focused && on_top {
                let x = input_rect.x + (before_cols - skipped).min(room.saturating_sub(1)) as u16;
                frame.set_cursor_position((x, y));
            }
        }
        y += 1;
        if let Some(err) = &field.error
            && y < bottom
        {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text::truncate(&text::sanitize_line(err), input_rect.width as usize)
                        .into_owned(),
                    app.theme.error(),
                )),
                Rect::new(inner.x + label_cols, y, input_rect.width, 1),
            );
            y += 1;
        }
    }
    if let Some(message) = &form.message
        && y + 1 < bottom
    {
        y += 1;
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::sanitize_line(message).into_owned(),
                app.theme.error(),
            )),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
    let hints = "Tab next field · Enter/Ctrl-S save · Esc cancel";
    if bottom > inner.y {
        frame.render_widget(
            Paragraph::new(Line::styled(hints, app.theme.dim())),
            Rect::new(inner.x, bottom - 1, inner.width, 1),
        );
    }
}
