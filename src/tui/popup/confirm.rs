//! A y/n question before something that cannot be undone.

use crate::domain::{ContactId, ItemId};
use crate::text;
use crate::tui::view::dialog::{centered, frame_block};
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// What happens on "y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    /// Remove a contact (their history stays).
    DeleteContact(ContactId),
    /// Remove a queue item.
    DeleteItem(ItemId),
    /// Remove one interest from a contact.
    RemoveInterest(ContactId, String),
    /// Close the form or composer underneath without saving.
    DiscardForm,
    /// Share although the contact already received the item.
    ShareAgain,
    /// Log an ask although nothing was ever given to the contact.
    ForceAsk,
    /// Fold the second contact into the first (`contact merge`).
    Merge(ContactId, ContactId),
    /// Keep (or set aside) every contact of a triage walk still untriaged.
    TriageAll {
        /// The contacts.
        ids: Vec<ContactId>,
        /// Keep them; else set them aside.
        keep: bool,
    },
}

/// The question and what a yes does.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// Shown to the user, e.g. "Delete Ada Lovelace?".
    pub question: String,
    /// Done on "y".
    pub on_yes: OnYes,
}

impl Confirm {
    /// Draws the question and the answer keys.
    pub fn draw(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let width = (text::width(&self.question) as u16 + 6).clamp(30, 70);
        // The question wraps as it must; the answer keys always show.
        let cols = usize::from(width.min(area.width).saturating_sub(2));
        let mut lines: Vec<Line> = crate::tui::view::cells::wrap(&self.question, cols)
            .into_iter()
            .map(Line::from)
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::styled("y yes · n no", theme.dim()));
        let rect = centered(area, width, lines.len() as u16 + 2);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(theme, "Confirm")),
            rect,
        );
    }
}
