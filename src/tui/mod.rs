//! The full-screen program: a synchronous event loop. A terminal event
//! becomes an `Event`, `App::update` changes state, `view::draw` reads it.
//!
//! - `app/`: the state (private), the panes' rows, applying background
//!   replies; `app/read.rs`: what the screen shows, for tests and front ends
//! - `update.rs`: where a key goes; `keymap.rs` + `keymap.toml`: keys
//! - `pane/`: one module per pane (its state, what its keys mean there,
//!   its drawing; `frame.rs` what they share); `popup/`: one module per
//!   dialog (state, keys, drawing)
//! - `forms.rs`, `share.rs`, `triage.rs`, `merge.rs`, `intro.rs`,
//!   `hidden.rs`, `undo.rs`: what a feature's keys do
//! - `broken.rs`: a data file that stopped parsing while open: the last
//!   good copy shown read-only, saves refused until it is fixed
//! - `mouse.rs`: clicks and the wheel, when the config turns them on
//! - `work/`: the thread that saves and derives, and the queue of its jobs
//! - `view/`: drawing, one function per region

pub mod action;
pub mod app;
pub mod broken;
pub mod editor;
mod foreign;
pub mod forms;
pub mod hidden;
pub mod intro;
pub mod keymap;
pub mod merge;
pub mod mouse;
pub mod pane;
pub mod popup;
pub mod share;
pub mod signals;
pub mod terminal;
pub mod triage;
pub mod undo;
pub mod update;
pub mod view;
pub mod work;

use crate::clock::Clock;
use crate::config::{Config, config_path};
use crate::store::{Store, StoreError, paths};
use app::App;
use crossterm::event::{self, Event as TermEvent};
use keymap::Keymap;
use std::path::Path;
use std::time::Duration;
use update::Event;

/// How often an idle netwerk looks for changes saved by other processes.
/// A stat of three files per second costs nothing measurable.
const TICK: Duration = Duration::from_secs(1);

/// How often the loop looks for the worker's reply while it has a job: a
/// reply shows within this, and a key is still handled at once.
const WORKER_POLL: Duration = Duration::from_millis(4);

/// Why the full-screen program did not start, or had to stop: one line
/// for stderr (the command line adds the exit status).
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Self(e.to_string())
    }
}

/// Opens the full-screen program on the data directory, or on a fresh
/// copy of the sample network with `demo`.
pub fn launch(data: Option<&Path>, config: Option<&Path>, demo: bool) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::new(
            "the full-screen program needs a terminal; for scripts use a subcommand (see netwerk --help)",
        ));
    }
    let clock = Clock::from_env().map_err(Failure::new)?;
    let config = match config_path(config) {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    let keymap = Keymap::new(&config.keys).map_err(|e| Failure::new(format!("config: {e}")))?;
    let demo_dir = match demo {
        true => Some(crate::demo::throwaway(clock.now())?),
        false => None,
    };
    let dir = match &demo_dir {
        Some(d) => d.path().to_path_buf(),
        None => paths::data_dir(data).map_err(Failure::new)?,
    };
    let store = Store::open(&dir)?;
    // Load before touching the terminal, so a broken file is reported
    // on a normal screen with its path and line.
    // Without a state directory (no home), the private data directory
    // is the next best place for the last-resort note file.
    let clipboard = crate::clipboard::Clipboard::for_process(config.clipboard.clone())
        .unwrap_or_else(|_| {
            crate::clipboard::Clipboard::new(
                config.clipboard.clone(),
                crate::clipboard::Env::from_process(),
                store.dir().to_path_buf(),
            )
        });
    let mut app = App::new(store, config, clock, keymap)?;
    app.set_copier(Box::new(clipboard));
    editor::sweep_orphans(&editor::notes_dir());
    signals::install(app.store().dir().to_path_buf(), demo)
        .map_err(|e| Failure::new(format!("signals: {e}")))?;
    app.demo_dir = demo_dir.as_ref().map(|d| d.path().to_path_buf());
    run(&mut app).map_err(|e| Failure::new(format!("terminal: {e}")))?;
    match app.fatal.take() {
        Some(why) => Err(Failure::new(why)),
        None => Ok(()),
    }
}

/// Runs the event loop until the user quits.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut terminal = terminal::enter(app.config().ui.mouse)?;
    let result = event_loop(app, &mut terminal);
    // Also when the terminal failed (an SSH connection gone): saves the
    // user already made are written before the program ends.
    app.finish();
    terminal::restore();
    result
}

fn event_loop(app: &mut App, terminal: &mut terminal::Term) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Event::Resize(size.width, size.height));
    let mut dirty = true;
    let mut settle = false;
    loop {
        if app.poll_worker() {
            dirty = true;
        }
        if dirty {
            terminal::paint(terminal, |t| {
                t.draw(|frame| view::draw(app, frame)).map(drop)
            })?;
            dirty = false;
            app.started();
        }
        if app.has_quit() {
            if app.busy() {
                // Everything the user saw confirmed is written before the
                // terminal is given back.
                app.info("Saving…");
                terminal::paint(terminal, |t| {
                    t.draw(|frame| view::draw(app, frame)).map(drop)
                })?;
                app.finish();
            }
            return Ok(());
        }
        // While the worker has a job, look for its reply often; otherwise
        // sleep until a key or the next tick (no CPU used while idle).
        let wait = if app.busy() { WORKER_POLL } else { TICK };
        if event::poll(wait)? {
            // Drain everything pending before the next frame, so a burst
            // of keys (or a paste without bracketed paste) draws once.
            loop {
                if let Some(e) = translate(event::read()?) {
                    forced_panic(&e);
                    // After a resize the terminal may have reflowed or
                    // wiped what it showed; the diff against the last
                    // frame would then be wrong, so redraw everything.
                    if matches!(e, Event::Resize(..)) {
                        terminal::paint(terminal, |t| t.clear())?;
                        settle = true;
                    }
                    app.update(e);
                    dirty = true;
                }
                if let Some(text) = app.editor.take() {
                    let result = suspend_for_editor(terminal, &text, app.config().ui.mouse)?;
                    app.editor_done(result);
                }
                if app.has_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else if !app.busy() {
            let before = (app.seen.clone(), app.status().text.clone());
            app.update(Event::Tick);
            // A reload to show, or a message that faded.
            dirty = (&app.seen, &app.status().text) != (&before.0, &before.1);
            // Output drawn during a storm of resizes can land on the
            // screen after the terminal changed size again. Once things
            // are quiet, repaint everything once so the screen heals.
            if settle {
                terminal::paint(terminal, |t| t.clear())?;
                settle = false;
                dirty = true;
            }
        }
    }
}

/// Gives the terminal to the editor and takes it back intact.
fn suspend_for_editor(
    terminal: &mut terminal::Term,
    text: &str,
    mouse: bool,
) -> std::io::Result<Result<String, String>> {
    let command = match editor::command_from_env() {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    terminal::restore();
    let result = editor::edit(&command, text, &editor::notes_dir());
    *terminal = terminal::enter(mouse)?;
    terminal::paint(terminal, |t| t.clear())?;
    Ok(result)
}

/// Debug builds only: with `NETWERK_TEST_PANIC` set, the first key panics,
/// so the suite can check a panic gives the terminal back and prints no
/// contact data. Release builds have no such switch.
fn forced_panic(event: &Event) {
    if cfg!(debug_assertions)
        && matches!(event, Event::Key(_))
        && std::env::var_os("NETWERK_TEST_PANIC").is_some()
    {
        panic!("forced by NETWERK_TEST_PANIC");
    }
}

fn translate(event: TermEvent) -> Option<Event> {
    match event {
        TermEvent::Key(k) => Some(Event::Key(k)),
        TermEvent::Paste(text) => Some(Event::Paste(text)),
        TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        TermEvent::Mouse(m) => Some(Event::Mouse(m)),
        _ => None,
    }
}
