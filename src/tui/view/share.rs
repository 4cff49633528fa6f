//! The share picker and the composer.

use super::cells::{cell, highlighted};
use super::popups::{centered, frame_block};
use crate::text;
use crate::tui::app::App;
use crate::tui::popup::picker::{PickFor, Picker};
use crate::tui::popup::{Compose, Composer, Popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws a share picker: query line, then ranked candidates.
pub fn picker(app: &App, picker: &Picker, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 90, area.height.saturating_sub(4).clamp(8, 24));
    frame.render_widget(Clear, rect);
    let block = frame_block(app, &picker.title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let query = Line::from(vec![
        Span::styled("› ", app.theme.focused_border()),
        Span::raw(text::sanitize_line(&picker.query).into_owned()),
        Span::styled("▏", app.theme.focused_border()),
        Span::styled(
            format!("  {} of {}", picker.rows.len(), picker.candidates.len()),
            app.theme.dim(),
        ),
    ]);
    // What the right-hand column holds, so a company is never read as a
    // reason: the interests a ★ row meets, else the kind or company.
    let explain = match picker.pick {
        PickFor::IntroFor(_) => [
            " worth meeting, and why; other rows show their company".to_owned(),
            " worth meeting, why at right; else company".to_owned(),
            " worth it · else company".to_owned(),
        ],
        PickFor::Moments => [
            " changed jobs: Enter drafts a congratulation, Delete dismisses".to_owned(),
            " Enter congratulates · Del dismisses".to_owned(),
            " Enter · Del".to_owned(),
        ],
        PickFor::MergeInto(_) => [
            " likely the same person, and why; other rows show role · company · id".to_owned(),
            " same person, and why; else role · company · id".to_owned(),
            " same person · else role, company".to_owned(),
        ],
        PickFor::ItemsFor(_) | PickFor::ContactsFor(_) => {
            let other = match picker.pick {
                PickFor::ItemsFor(_) => "the kind",
                _ => "their company",
            };
            [
                format!(" meets their interests, named at right; other rows show {other} · ✓ sent"),
                format!(" match: interests at right; else {other} · ✓ sent"),
                format!(" match · else {other}"),
            ]
        }
    };
    // The longest wording that fits, never cut mid-word.
    let room = (inner.width as usize).saturating_sub(1);
    let explain = explain
        .into_iter()
        .find(|t| text::width(t) <= room)
        .unwrap_or_default();
    let legend = Line::from(vec![
        Span::styled("★", app.theme.matched()),
        Span::styled(explain, app.theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(query), Rect { height: 1, ..inner });
    let legend_rows = u16::from(inner.height > 4);
    if legend_rows > 0 {
        frame.render_widget(
            Paragraph::new(legend),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
    let list = Rect {
        y: inner.y + 1 + legend_rows,
        height: inner.height.saturating_sub(1 + legend_rows),
        ..inner
    };
    let height = list.height as usize;
    let offset = picker.selected.saturating_sub(height.saturating_sub(1));
    let width = list.width as usize;
    let lines: Vec<Line> = picker
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(pos, &i)| {
            let c = &picker.candidates[i];
            let (glyph, style, detail) = match c.received {
                Some(at) => (
                    "✓",
                    app.theme.sent(),
                    format!("sent {}", at.format("%Y-%m-%d")),
                ),
                None if c.matched => ("★", app.theme.matched(), c.reason.clone()),
                None => (" ", Style::default(), c.reason.clone()),
            };
            let detail_style = if c.matched && c.received.is_none() {
                app.theme.matched()
            } else {
                app.theme.dim()
            };
            // Reasons for an introduction or a moment are the point: more room.
            let share = match picker.pick {
                PickFor::IntroFor(_) | PickFor::Moments => 2,
                _ => 3,
            };
            let detail_cols = (width / share).min(text::width(&detail) + 1);
            let label_cols = width.saturating_sub(2 + detail_cols);
            let mut spans = vec![Span::styled(format!("{glyph} "), style)];
            spans.extend(highlighted(
                &c.label,
                &picker.matched(i),
                label_cols,
                if c.received.is_some() {
                    app.theme.dim()
                } else {
                    Style::default()
                },
                app.theme.highlight(),
            ));
            spans.push(cell(&format!(" {detail}"), detail_cols, detail_style));
            let line = Line::from(spans);
            if pos == picker.selected {
                line.style(app.theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled("No match.", app.theme.dim())]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(lines), list);
}

/// Draws the composer: who and what above, the note, the route below.
pub fn composer(app: &App, composer: &Composer, frame: &mut Frame, area: Rect) {
    let contact = &app.net.contacts[composer.contact];
    let rect = centered(area, 90, area.height.saturating_sub(2).clamp(10, 22));
    frame.render_widget(Clear, rect);
    let (title, label, about) = match &composer.purpose {
        Compose::Share(item) => {
            let item = &app.net.items[*item];
            (
                format!("Note for {}", contact.name),
                "item",
                format!("{} · {} · {}", item.title, item.kind, item.url),
            )
        }
        Compose::Intro(other) => {
            let other = &app.net.contacts[*other];
            (
                format!("Introduce {} and {}", contact.name, other.name),
                "intro",
                "a private ask to each; send both, then record their answers".to_owned(),
            )
        }
        Compose::Congrats(id) => {
            let change = app
                .net
                .history
                .iter()
                .find(|e| e.id() == id)
                .and_then(crate::domain::moment::JobChange::of)
                .map(|c| format!("{} {}", contact.first_name(), c.describe()))
                .unwrap_or_default();
            (format!("Congratulate {}", contact.name), "news", change)
        }
    };
    let block = frame_block(app, &title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 5 {
        return;
    }
    let width = inner.width as usize;
    let mut header = vec![Line::from(vec![
        Span::styled(format!("{label:<6}"), app.theme.dim()),
        cell(&about, width.saturating_sub(6), Style::default()),
    ])];
    match composer.already {
        Some(at) => header.push(Line::styled(
            format!(
                "Already sent to {} on {}",
                contact.first_name(),
                at.format("%Y-%m-%d")
            ),
            app.theme.error(),
        )),
        None => header.push(Line::styled(
            format!(
                "template {}",
                composer.template.as_deref().unwrap_or("default")
            ),
            app.theme.dim(),
        )),
    }
    frame.render_widget(Paragraph::new(header), Rect { height: 2, ..inner });
    let editor_area = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(4),
        ..inner
    };
    // The composer keeps its text sanitised (see `Composer::set_text`),
    // so the editor widget can draw it directly, cursor and scrolling
    // included.
    let mut editor = composer.editor.clone();
    editor.set_block(
        Block::default()
            .borders(Borders::TOP | Borders::BOTTOM)
            .border_style(app.theme.dim()),
    );
    editor.set_cursor_line_style(Style::default());
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    if !matches!(app.popups.last(), Some(Popup::Composer(_))) {
        editor.set_cursor_style(Style::default());
    }
    frame.render_widget(&editor, editor_area);
    // Two lines, so neither is cut at any width the composer opens at:
    // how the note will travel, then the keys.
    let route = Line::from(vec![
        Span::styled("copy via ", app.theme.dim()),
        cell(&composer.route, width.saturating_sub(9), app.theme.dim()),
    ]);
    // The full words when they fit, else the caret forms, never cut.
    let keys = [
        "Ctrl-S copy & log · Ctrl-E editor · Ctrl-T template · Esc cancel",
        "^S copy & log · ^E editor · ^T template · Esc cancel",
        "^S copy+log · ^E edit · ^T tmpl · Esc",
    ]
    .into_iter()
    .find(|k| text::width(k) <= width)
    .unwrap_or("^S · ^E · ^T · Esc");
    let keys = Line::styled(keys, app.theme.dim());
    frame.render_widget(
        Paragraph::new(vec![route, keys]),
        Rect {
            y: inner.y + inner.height - 2,
            height: 2,
            ..inner
        },
    );
}
