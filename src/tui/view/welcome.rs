//! The first run's screen: no data at all, so it teaches the first keys
//! instead of drawing four empty panes.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// First run: no data at all. Teach instead of drawing four empty boxes.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let k = |a| app.keymap.first_key(a);
    use crate::tui::action::Action;
    let lines = vec![
        Line::from(""),
        Line::styled("Welcome to netwerk", app.screen.theme.focused_border()),
        Line::from(""),
        Line::from("Your network is empty. Start with the people closest to you:"),
        Line::from(""),
        Line::from(format!(
            "  {}   add a contact, with what they care about",
            k(Action::Add)
        )),
        Line::from("  or import your LinkedIn connections from a shell:"),
        Line::styled(
            "      netwerk import linkedin Connections.csv",
            app.screen.theme.dim(),
        ),
        Line::from(""),
        Line::from(format!(
            "  {}   add an article or video to pass along (in the Queue, {})",
            k(Action::Add),
            k(Action::FocusQueue)
        )),
        Line::from(format!(
            "  {}   all keys      {}   quit",
            k(Action::Help),
            k(Action::Quit)
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: false }),
        area,
    );
}
