//! Where each region of the screen goes, as a pure function of the
//! terminal size and the focused pane, so key handling (page size,
//! scrolling) and drawing agree.

use crate::tui::pane::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the screen says it is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, the four panes share the screen as a 2×2 grid.
pub const GRID_WIDTH: u16 = 100;

/// The regions of the main screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    /// The one-line header.
    pub header: Rect,
    /// Pane tabs, in the narrow layout only.
    pub tabs: Option<Rect>,
    /// Each pane's rectangle, if visible, in `Pane::ALL` order.
    pub panes: [Option<Rect>; 4],
    /// The status line.
    pub status: Rect,
}

/// Whether the terminal is big enough to draw the panes.
pub fn fits(size: (u16, u16)) -> bool {
    size.0 >= MIN_WIDTH && size.1 >= MIN_HEIGHT
}

/// Splits the screen. Wide terminals get a 2×2 grid; narrow ones a tab
/// line and the focused pane with all the room.
pub fn areas(area: Rect, focus: Pane) -> Areas {
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    if area.width >= GRID_WIDTH {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        let [contacts, interests] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [queue, history] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        Areas {
            header,
            tabs: None,
            panes: [Some(contacts), Some(interests), Some(queue), Some(history)],
            status,
        }
    } else {
        let [tabs, main] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        let mut panes = [None; 4];
        panes[focus.index()] = Some(main);
        Areas {
            header,
            tabs: Some(tabs),
            panes,
            status,
        }
    }
}

/// Rows of list content a pane shows (inside its border). Panes hidden
/// in the narrow layout get the height they would have when focused.
pub fn list_height(size: (u16, u16), pane: Pane) -> usize {
    let area = Rect::new(0, 0, size.0, size.1);
    let rect = areas(area, pane).panes[pane.index()].unwrap_or_default();
    rect.height.saturating_sub(2) as usize
}
