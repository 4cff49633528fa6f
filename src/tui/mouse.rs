//! The mouse, when `[ui] mouse = true`: a click focuses the pane under it
//! and selects the row there, the wheel scrolls the list under it (or
//! moves in the dialog on top). Where things are comes from the layout
//! the last frame was drawn with (`view::spot`).

use super::app::App;
use super::pane::Pane;
use super::popup::Popup;
use super::view::{Spot, spot};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

impl App {
    /// Applies a mouse event; nothing happens unless the config turns
    /// the mouse on.
    pub(super) fn mouse(&mut self, event: MouseEvent) {
        if !self.config().ui.mouse {
            return;
        }
        let delta = match event.kind {
            MouseEventKind::Down(MouseButton::Left) => 0,
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            _ => return,
        };
        if self.screen.top().is_some() {
            // Dialogs that list things move with the wheel as with ↑↓;
            // clicks are for the panes only.
            let scrolls = matches!(
                self.screen.top(),
                Some(Popup::Help(_) | Popup::Picker(_) | Popup::Palette(_))
            );
            if delta != 0 && scrolls {
                let code = if delta > 0 {
                    KeyCode::Down
                } else {
                    KeyCode::Up
                };
                self.update(super::update::Event::Key(KeyEvent::new(
                    code,
                    KeyModifiers::NONE,
                )));
            }
            return;
        }
        match (spot(self, event.column, event.row), delta) {
            (Some(Spot::Tab(pane)), 0) => self.click_focus(pane),
            (Some(Spot::Pane(pane, row)), 0) => {
                self.click_focus(pane);
                if let Some(pos) = row {
                    let before = self.screen.contacts.current();
                    self.list_mut(pane).selected = pos;
                    self.moved(pane, before);
                }
            }
            (Some(Spot::Pane(pane, _)), delta) => {
                let before = self.screen.contacts.current();
                self.list_mut(pane).step(delta);
                self.moved(pane, before);
            }
            _ => {}
        }
        self.scroll_all();
    }

    /// Focuses `pane` as a click does: a search being typed in the pane
    /// left keeps its filter, as Enter would.
    fn click_focus(&mut self, pane: Pane) {
        if pane != self.screen.focus {
            self.list_mut(self.screen.focus).searching = false;
            self.screen.focus = pane;
        }
    }
}
