//! Drawing. Every function here reads the `App` and writes cells; none
//! changes state. One function per region, named for it.

pub mod cells;
pub mod chrome;
pub mod dialog;
pub mod layout;
pub mod theme;
pub mod welcome;

use super::app::App;
use super::pane::{ListPlace, Pane, contacts, history, inbox, interests, queue};
use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
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
    let areas = layout::areas(area, app.screen.focus);
    chrome::header(app, frame, areas.header);
    chrome::status(app, frame, areas.status);
    if let Some(tabs) = areas.tabs {
        chrome::tabs(app, frame, tabs);
    }
    if welcomes(app) {
        let body = ratatui::layout::Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        welcome::draw(app, frame, body);
    } else {
        for (pane, rect) in super::pane::Pane::ALL.iter().zip(areas.panes) {
            if let Some(rect) = rect {
                draw_pane(app, app.in_slot(*pane), frame, rect);
            }
        }
    }
    let cx = app.dialog_context();
    let top = app.dialogs().len().saturating_sub(1);
    for (i, popup) in app.dialogs().iter().enumerate() {
        popup.draw(&cx, i == top, frame, area);
    }
}

/// Draws one pane (each pane's module draws it).
fn draw_pane(app: &App, pane: Pane, frame: &mut Frame, area: Rect) {
    match pane {
        Pane::Contacts => contacts::draw(app, frame, area),
        Pane::Interests => interests::draw(app, frame, area),
        Pane::Queue => queue::draw(app, frame, area),
        Pane::History => history::draw(app, frame, area),
        Pane::Inbox => inbox::draw(app, frame, area),
    }
}

/// Where `pane`, drawn in `area`, has its rows (see [`ListPlace`]).
fn list_place(app: &App, pane: Pane, area: Rect) -> Option<ListPlace> {
    match pane {
        Pane::Contacts => contacts::list_place(app, area),
        Pane::Interests => interests::list_place(app, area),
        Pane::Queue => queue::list_place(app, area),
        Pane::History => history::list_place(app, area),
        Pane::Inbox => inbox::list_place(app, area),
    }
}

/// Whether the screen teaches instead of drawing panes: nothing at all
/// yet (a file that does not parse is not an empty network).
fn welcomes(app: &App) -> bool {
    let net = &app.model.net;
    net.contacts.is_empty()
        && net.items.is_empty()
        && net.history.is_empty()
        && app.broken.is_none()
}

/// What the screen shows at a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// A tab of the narrow layout's tab line.
    Tab(Pane),
    /// A pane, and the position in its list of the row there, if any.
    Pane(Pane, Option<usize>),
}

/// What is drawn at column `x`, row `y` of the last frame, found with the
/// layout [`draw`] used (popups aside: they are the caller's to check).
pub fn spot(app: &App, x: u16, y: u16) -> Option<Spot> {
    let area = Rect::new(0, 0, app.screen.size.0, app.screen.size.1);
    let at = Position { x, y };
    if !layout::fits(app.screen.size) || welcomes(app) {
        return None;
    }
    let areas = layout::areas(area, app.screen.focus);
    if let Some(tabs) = areas.tabs.filter(|t| t.contains(at)) {
        return chrome::tab_places(app, tabs)
            .into_iter()
            .find(|(_, rect, _)| rect.contains(at))
            .map(|(pane, _, _)| Spot::Tab(pane));
    }
    let (pane, rect) = Pane::ALL.iter().zip(areas.panes).find_map(|(pane, rect)| {
        rect.filter(|r| r.contains(at))
            .map(|r| (app.in_slot(*pane), r))
    })?;
    let row = list_place(app, pane, rect)
        .filter(|place| place.rows.contains(at))
        .map(|place| place.offset + usize::from(y - place.rows.y))
        .filter(|&pos| pos < app.list(pane).rows.len());
    Some(Spot::Pane(pane, row))
}
