//! Drawing. Every function here reads the `App` and writes cells; none
//! changes state. One function per region, named for it.

pub mod cells;
mod chrome;
mod extras;
pub mod layout;
mod panes;
pub mod popups;
mod share;
pub mod theme;

use super::app::App;
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if !layout::fits((area.width, area.height)) {
        let message = format!(
            "Terminal too small: {}×{}. netwerk needs {}×{}.",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(
            Paragraph::new(Line::from(message))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let areas = layout::areas(area, app.focus);
    chrome::header(app, frame, areas.header);
    chrome::status(app, frame, areas.status);
    if let Some(tabs) = areas.tabs {
        chrome::tabs(app, frame, tabs);
    }
    let empty =
        app.net.contacts.is_empty() && app.net.items.is_empty() && app.net.history.is_empty();
    // A file that does not parse is not an empty network.
    if empty && app.broken.is_none() {
        let body = ratatui::layout::Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        panes::welcome(app, frame, body);
    } else {
        for (pane, rect) in super::pane::Pane::ALL.iter().zip(areas.panes) {
            if let Some(rect) = rect {
                panes::pane(app, app.in_slot(*pane), frame, rect);
            }
        }
    }
    popups::popups(app, frame, area);
}
