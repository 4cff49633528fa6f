//! Taking over the terminal and always giving it back: raw mode, the
//! alternate screen, bracketed paste and mouse capture (when asked for)
//! are undone on quit, on error and on panic (the panic message is
//! printed after restoring).

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// The terminal netwerk draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Set, under its lock, once a signal has given the terminal back for
/// good: drawing holds the lock, so a frame is never cut in half by the
/// restore, nor drawn after it.
static GIVEN_BACK: Mutex<bool> = Mutex::new(false);

/// Does `op` (a frame, a clear) on the terminal unless it was given
/// back for good (see [`give_back`]).
pub fn paint(term: &mut Term, op: impl FnOnce(&mut Term) -> io::Result<()>) -> io::Result<()> {
    let given_back = GIVEN_BACK.lock().unwrap_or_else(PoisonError::into_inner);
    if *given_back {
        return Ok(());
    }
    op(term)
}

/// Restores the terminal for a process about to exit from another
/// thread: waits for a frame being drawn, and no frame is drawn after.
pub fn give_back() {
    let mut given_back = GIVEN_BACK.lock().unwrap_or_else(PoisonError::into_inner);
    *given_back = true;
    restore();
}

/// Whether mouse capture is on, so restoring turns it off.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Restores the terminal; safe to call more than once.
pub fn restore() {
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Enters full-screen mode, capturing the mouse if `mouse`, and installs
/// a panic hook that restores the terminal before the panic message is
/// printed.
pub fn enter(mouse: bool) -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enable_raw_mode()?;
    if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        if let Err(e) = execute!(io::stdout(), EnableMouseCapture) {
            restore();
            return Err(e);
        }
    }
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())
}
