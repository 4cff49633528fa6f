//! What every dialog's drawing shares: where it goes, its frame, and
//! what it may read of the screen's state ([`Context`]).

use super::theme::Theme;
use crate::domain::{Network, Stats};
use crate::text;
use crate::tui::keymap::Keymap;
use crate::tui::pane::{InterestsMode, Pane};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

/// What a dialog may read while it draws or handles a key.
pub struct Context<'a> {
    /// Colours and styles.
    pub theme: &'a Theme,
    /// The network on screen.
    pub net: &'a Network,
    /// Header and dashboard figures.
    pub stats: &'a Stats,
    /// Key bindings, for the keys a dialog names.
    pub keymap: &'a Keymap,
    /// The focused pane.
    pub focus: Pane,
    /// What the Interests pane shows.
    pub interests_mode: InterestsMode,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
}

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

/// A dialog's frame: a border and the title, in the focused colour.
pub fn frame_block<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border())
        .title(Span::styled(
            format!(" {} ", text::sanitize_line(title)),
            theme.focused_border(),
        ))
}
