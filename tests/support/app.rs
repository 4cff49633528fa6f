//! Driving the TUI's `App` without a terminal: keys in, a `TestBackend`
//! screen out, at a frozen time.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use netwerk::tui::app::App;
use netwerk::tui::update::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The frozen "now" of the TUI tests.
pub const NOW: &str = "2026-11-26T09:00:00+01:00";

/// Presses one key, then waits for any save it started to be written
/// and shown (the event loop would apply it a moment later).
pub fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    app.settle();
}

/// Presses Ctrl and a letter, and waits like [`key`].
pub fn ctrl(app: &mut App, c: char) {
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
    app.settle();
}

/// A tick of the event loop (looking for other processes' saves), which
/// comes only when the worker is idle; then waits like [`key`].
pub fn tick(app: &mut App) {
    app.settle();
    app.update(Event::Tick);
    app.settle();
}

/// Types text one key at a time.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Draws the app into a `w`×`h` test terminal.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    term.draw(|f| netwerk::tui::view::draw(app, f))
        .expect("a frame");
    term
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let term = draw(app, w, h);
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too; skip it.
            x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
