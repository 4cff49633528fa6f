//! Driving the TUI's `App` without a terminal: a network given in a data
//! directory of its own, keys in, a `TestBackend` screen out, at a frozen
//! time.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use netwerk::clipboard::{Copier, CopyReport as Copied};
use netwerk::clock::Clock;
use netwerk::config::Config;
use netwerk::domain::Network;
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::keymap::Keymap;
use netwerk::tui::update::Event;
use netwerk::tui::view::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;

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

// --- giving a network and opening the program on it ----------------------

/// The clock of the TUI tests, frozen at [`NOW`].
pub fn clock() -> Clock {
    Clock::parse(NOW).expect("NOW parses")
}

/// The sample network as at [`NOW`], to change before it is written.
pub fn demo_network() -> Network {
    netwerk::demo::sample(clock().now())
}

/// Writes `net` (contacts, queue and history) into the data directory `dir`.
pub fn write_network(dir: &Path, net: &Network) {
    let store = Store::open(dir).expect("a data directory");
    netwerk::demo::write(&store, net).expect("the network written");
}

/// A fresh data directory holding `net`.
pub fn network_dir(net: &Network) -> TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    write_network(dir.path(), net);
    dir
}

/// The full-screen program on the data in `dir` as the TUI tests see it:
/// at [`NOW`], with the default config and keys, without colours (as the
/// snapshots are taken), at 120×40.
pub fn open(dir: &Path) -> App {
    let mut app = open_configured(dir, Config::default());
    app.set_theme(Theme::new(false));
    app
}

/// The full-screen program on `dir` at [`NOW`] and 120×40, with `config`
/// and the keys it binds, coloured as the config says.
pub fn open_configured(dir: &Path, config: Config) -> App {
    let store = Store::open(dir).expect("a data directory");
    let keymap = Keymap::new(&config.keys).expect("the config's keys");
    let mut app = App::new(store, config, clock(), keymap).expect("the program opens");
    app.update(Event::Resize(120, 40));
    app
}

/// A data directory of its own and the program open on it.
pub struct Fixture {
    /// The data directory; removed when the fixture is dropped.
    pub dir: TempDir,
    /// The program, as [`open`] leaves it.
    pub app: App,
}

impl Fixture {
    /// The program on `net`, written to a fresh data directory.
    pub fn network(net: &Network) -> Self {
        let dir = network_dir(net);
        let app = open(dir.path());
        Fixture { dir, app }
    }

    /// This fixture with `clip` as the program's clipboard.
    pub fn sharing(mut self, clip: Recorder) -> Sharing {
        clip.attach(&mut self.app);
        Sharing {
            _dir: self.dir,
            app: self.app,
            clip,
        }
    }
}

/// The program with a [`Recorder`] for its clipboard, to see what a share
/// copied.
pub struct Sharing {
    _dir: TempDir,
    /// The program.
    pub app: App,
    /// Its clipboard.
    pub clip: Recorder,
}

/// The program on the sample network as at [`NOW`] (see [`open`]).
pub fn demo() -> Fixture {
    Fixture::network(&demo_network())
}

/// The program on the sample network with `change` made to it first.
pub fn demo_with(change: impl FnOnce(&mut Network)) -> Fixture {
    let mut net = demo_network();
    change(&mut net);
    Fixture::network(&net)
}

/// A clipboard that records every note it is given, or refuses each one
/// when `fail` is set; it tells the user it copied "via test clipboard".
#[derive(Clone, Default)]
pub struct Recorder {
    /// Every note copied, in order.
    pub copied: Arc<Mutex<Vec<String>>>,
    /// Refuse every note, as a broken clipboard would.
    pub fail: bool,
}

impl Recorder {
    /// Puts a copy of this recorder in `app` as its clipboard.
    pub fn attach(&self, app: &mut App) {
        app.set_copier(Box::new(self.clone()));
    }
}

impl Copier for Recorder {
    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        if self.fail {
            return Err("the clipboard is on fire".into());
        }
        self.copied.lock().unwrap().push(text.to_string());
        Ok(Copied {
            how: "copied via test clipboard".into(),
            file: None,
        })
    }

    fn route(&self) -> String {
        "test clipboard".into()
    }
}

/// The program on an empty data directory, as at a first launch.
pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().expect("a temp dir");
    let app = open(dir.path());
    Fixture { dir, app }
}
