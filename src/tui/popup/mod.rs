//! Dialogs drawn over the panes, one module each: its state, its keys
//! (a `key` method saying what became of the key) and its drawing. Keys
//! go to the topmost one first (`tui/update.rs`).

pub mod composer;
pub mod confirm;
pub mod dashboard;
pub mod form;
pub mod help;
pub mod palette;
pub mod picker;
pub mod search_list;
pub mod triage;

use crate::text;
use crate::tui::view::dialog::{Context, centered, frame_block};
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub use composer::{Compose, Composer};
pub use confirm::{Confirm, OnYes};
pub use form::{Form, FormKind};
pub use picker::{PickFor, Picker};

/// A dialog.
pub enum Popup {
    /// Add or edit a record.
    Form(Form),
    /// A y/n question.
    Confirm(Confirm),
    /// The keys of the focused context.
    Help(help::Help),
    /// Choose what to share, or with whom.
    Picker(Box<Picker>),
    /// A message to read, with a title; any key closes it.
    Notice(String, String),
    /// Review imported contacts one by one.
    Triage(triage::Triage),
    /// Gives and asks per week and who needs attention.
    Dashboard,
    /// Write the note.
    Composer(Box<Composer>),
    /// Find an action by name and run it.
    Palette(Box<palette::Palette>),
}

impl Popup {
    /// Draws the dialog; `on_top` when no other covers it (the cursor
    /// shows only then).
    pub fn draw(&self, cx: &Context, on_top: bool, frame: &mut Frame, area: Rect) {
        match self {
            Popup::Form(form) => form.draw(cx.theme, on_top, frame, area),
            Popup::Confirm(confirm) => confirm.draw(cx.theme, frame, area),
            Popup::Help(help) => help.draw(cx, frame, area),
            Popup::Picker(picker) => picker.draw(cx.theme, frame, area),
            Popup::Notice(title, body) => notice(cx.theme, title, body, frame, area),
            Popup::Triage(triage) => triage.draw(cx, frame, area),
            Popup::Dashboard => dashboard::draw(cx, frame, area),
            Popup::Composer(composer) => composer.draw(cx, on_top, frame, area),
            Popup::Palette(palette) => palette.draw(cx.theme, frame, area),
        }
    }
}

/// A message to read, with a title.
fn notice(theme: &Theme, title: &str, body: &str, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = body
        .lines()
        .map(|l| Line::from(text::sanitize_line(l).into_owned()))
        .collect();
    let rect = centered(area, 90, lines.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block(theme, title)),
        rect,
    );
}
