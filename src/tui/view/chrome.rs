//! The header, the status line and the narrow layout's tab line.

use super::cells::cell;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::pane::Pane;
use crate::tui::popup::Popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// " netwerk · 312 contacts · 14 due …        ? help"
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let stats = &app.model.stats;
    // First, so it survives a narrow terminal.
    let read_only = if app.broken.is_some() {
        " · READ-ONLY"
    } else {
        ""
    };
    let mut left = format!(
        " netwerk{read_only} · {} · {} due",
        super::cells::count(app.model.net.contacts.len(), "contact", "contacts"),
        stats.due
    );
    // The figures go first when the line is short; what asks for action
    // (triage) and where you are (DEMO) stay.
    let mut figures = Vec::new();
    if let Some(p) = stats.giga.percent() {
        figures.push(format!(" · giga {p}%"));
    }
    figures.push(format!(
        " · gives/wk {}",
        crate::domain::sparkline(&stats.gives_per_week())
    ));
    let mut tail = String::new();
    if stats.untriaged > 0 {
        tail.push_str(&format!(" · {} to triage", stats.untriaged));
    }
    if app.demo_dir.is_some() {
        tail.push_str(" · DEMO");
    }
    let right = format!("{} help ", app.keymap.first_key(Action::Help));
    let room = (area.width as usize).saturating_sub(text::width(&right));
    let width = |parts: &[String]| parts.iter().map(|p| text::width(p)).sum::<usize>();
    while !figures.is_empty() && text::width(&left) + width(&figures) + text::width(&tail) > room {
        figures.pop();
    }
    left.push_str(&figures.concat());
    left.push_str(&tail);
    let line = Line::from(vec![
        cell(&left, room, Style::default().add_modifier(Modifier::BOLD)),
        Span::styled(right, app.screen.theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn hint(app: &App, action: Action, what: &str) -> String {
    format!("{} {what}", app.keymap.first_key(action))
}

/// Mode, key hints for the focused context, and the last result.
pub fn status(app: &App, frame: &mut Frame, area: Rect) {
    let hints: Vec<String> = match app.popup() {
        Some(Popup::Form(_)) => vec![
            "Tab next field".into(),
            "Enter save".into(),
            "Esc cancel".into(),
        ],
        Some(Popup::Confirm(_)) => vec!["y yes".into(), "n no".into()],
        Some(Popup::Help(_)) => vec![
            "j/k scroll".into(),
            "PgDn/PgUp page".into(),
            "Esc close".into(),
        ],
        Some(Popup::Notice(..)) | Some(Popup::Dashboard) => vec!["any key closes".into()],
        Some(Popup::Triage(_)) => vec![
            "k keep".into(),
            "s skip".into(),
            "d dormant".into(),
            "K/D all".into(),
            "Esc stop".into(),
        ],
        Some(Popup::Picker(_)) => vec![
            "type to filter".into(),
            "↑↓ move".into(),
            "Enter compose".into(),
            "Esc cancel".into(),
        ],
        Some(Popup::Palette(_)) => vec![
            "type to filter".into(),
            "↑↓ move".into(),
            "Enter run".into(),
            "Esc cancel".into(),
        ],
        Some(Popup::Composer(_)) => vec![
            "Ctrl-S copy & log".into(),
            "Ctrl-E editor".into(),
            "Ctrl-T template".into(),
            "Esc cancel".into(),
        ],
        None if app.list(app.screen.focus).searching => vec![
            "Enter keep filter".into(),
            "Esc clear".into(),
            "↑↓ move".into(),
        ],
        None => {
            let mut h = match app.screen.focus {
                Pane::Contacts => vec![
                    hint(app, Action::Share, "share"),
                    hint(app, Action::Add, "add"),
                    hint(app, Action::Log, "log"),
                ],
                Pane::Interests => vec![
                    hint(app, Action::Add, "add"),
                    hint(app, Action::AllInterests, "all"),
                ],
                Pane::Queue => vec![
                    hint(app, Action::Share, "share"),
                    hint(app, Action::Add, "add"),
                ],
                Pane::History => vec![
                    hint(app, Action::Log, "log"),
                    hint(app, Action::Copy, "copy note"),
                ],
                Pane::Inbox => vec![
                    hint(app, Action::Keep, "keep"),
                    hint(app, Action::Skip, "skip"),
                    hint(app, Action::Share, "keep & share"),
                    hint(app, Action::Refresh, "fetch"),
                ],
            };
            if app.screen.focus != Pane::Inbox {
                h.push(hint(app, Action::Edit, "edit"));
            }
            h.push(hint(app, Action::Search, "search"));
            h.push(hint(app, Action::NextPane, "pane"));
            h
        }
    };
    let mode = app.mode();
    let badge = format!(" {mode} ");
    let hints = format!("  {}", hints.join(" · "));
    // With no message of its own, the line keeps saying what lasts: a
    // data file that does not parse.
    let standing = app.broken.as_ref().map(|b| b.summary());
    let (message, error) = match (&app.status().text, &standing) {
        (text, Some(standing)) if text.is_empty() => (standing, true),
        (text, _) => (text, app.status().error),
    };
    let width = area.width as usize;
    let msg_style = if error {
        app.screen.theme.error()
    } else {
        app.screen.theme.info()
    };
    let used = text::width(&badge);
    // The message matters more than the hints: hints give way first.
    let msg_cols = text::width(&text::sanitize_line(message)).min(width.saturating_sub(used));
    let hint_cols = width.saturating_sub(used + msg_cols + if msg_cols > 0 { 2 } else { 0 });
    let mut spans = vec![
        Span::styled(badge, app.screen.theme.badge()),
        cell(&hints, hint_cols, app.screen.theme.dim()),
    ];
    if msg_cols > 0 {
        spans.push(Span::raw("  "));
        spans.push(cell(message, msg_cols, msg_style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Where each tab of the narrow layout's tab line lies, with its label;
/// drawing and the mouse's hit-testing both go by it.
pub fn tab_places(app: &App, area: Rect) -> Vec<(Pane, Rect, String)> {
    let mut x = area.x;
    let mut places = Vec::new();
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let pane = app.in_slot(*pane);
        let mut label = format!("{} {}", i + 1, pane.title());
        // Which pane holds the file that does not parse.
        if app.broken.as_ref().is_some_and(|b| b.pane() == pane) {
            label.push_str(" (!)");
        }
        if i > 0 {
            x = x.saturating_add(SEPARATOR_COLS);
        }
        let width = u16::try_from(text::width(&label)).unwrap_or(u16::MAX);
        let rect = Rect {
            x,
            width: width.min(area.right().saturating_sub(x)),
            height: 1,
            ..area
        };
        x = x.saturating_add(width);
        places.push((pane, rect, label));
    }
    places
}

/// Between two tabs.
const SEPARATOR: &str = " │ ";
/// See [`SEPARATOR`].
const SEPARATOR_COLS: u16 = 3;

/// "1 Contacts │ 2 Interests │ 3 Queue │ 4 History" with the focus marked.
pub fn tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (i, (pane, _, label)) in tab_places(app, area).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEPARATOR, app.screen.theme.dim()));
        }
        let style = if pane == app.screen.focus {
            app.screen.theme.selected(true)
        } else {
            app.screen.theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
