//! Colours and styles in one place. With `NO_COLOR` set, only bold,
//! reverse and dim remain; glyphs carry the meaning.

use crate::domain::{ContactState, DueState};
use ratatui::style::{Color, Modifier, Style};

/// The styles the screen uses.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set.
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// A theme with colours on or off, for tests.
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// Matched search characters.
    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The selected row.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// Borders of the focused pane.
    pub fn focused_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// A placeholder in an empty field: dim and italic, so it never reads
    /// as a value (with or without colours).
    pub fn hint(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC)
    }

    /// Error messages.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Success and information.
    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A contact row by due state.
    pub fn due(&self, state: DueState) -> Style {
        match state {
            DueState::Overdue => self.fg(Color::Red),
            DueState::Soon => self.fg(Color::Yellow),
            DueState::Fine => Style::default(),
            DueState::Inactive => self.dim(),
        }
    }

    /// Items that match the selected contact.
    pub fn matched(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Mode badge on the status line.
    pub fn badge(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}

/// The glyph after a contact's time since last touch (the help's legend
/// explains each): `!` overdue, `~` due within a week, `?` not triaged
/// yet, `z` set aside as dormant.
pub fn due_glyph(state: DueState, contact: ContactState) -> &'static str {
    match (state, contact) {
        (_, ContactState::Dormant) => "z",
        (DueState::Overdue, _) => "!",
        (DueState::Soon, _) => "~",
        (DueState::Fine, _) => " ",
        (DueState::Inactive, _) => "?",
    }
}
