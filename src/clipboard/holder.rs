//! Keeping a copy pasteable after netwerk exits, on X11 and Wayland.
//!
//! There the clipboard is served by the program that owns it, so a note
//! copied by `netwerk share` would vanish with the process. Like `xclip`
//! and `wl-copy`, netwerk hands the note to a small holder: itself, run
//! again with [`HOLD_ARG`] in a process group of its own, which takes the
//! selection, says so, and serves it until another program takes the
//! clipboard.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::sink::Sink;

/// The first argument that makes `netwerk` a clipboard holder. Not a
/// subcommand: nobody types it, and it never shows in help or completions.
pub const HOLD_ARG: &str = "__hold-clipboard";

/// What the holder prints once the selection is its own.
const HELD: &str = "held";

/// How long a holder may take to own the selection before it is given up
/// (and killed): a display that does not answer within this is wedged.
const TAKE: Duration = Duration::from_secs(3);

/// Runs the holder: the note on stdin, one line on stdout (`held`, or what
/// went wrong), then serve the selection until it is taken.
pub fn hold() -> ExitCode {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        println!("cannot read the note: {e}");
        return ExitCode::FAILURE;
    }
    match take(&text) {
        Ok(serving) => {
            println!("{HELD}");
            // Nobody reads further; a closed stdout must not stop the serving.
            let _ = std::io::stdout().flush();
            let _ = serving.join();
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Takes the selection with `text` on a thread that serves it until
/// another program takes it, and returns that thread once the clipboard
/// reads back as `text`. One owner only: a second copy racing the first
/// could leave the display with neither (a Wayland compositor may see two
/// connections' requests in either order), and until the note reads back
/// the display may not have it yet.
#[cfg(target_os = "linux")]
fn take(text: &str) -> Result<std::thread::JoinHandle<Result<(), String>>, String> {
    use arboard::SetExtLinux;
    let mut reader = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    let note = text.to_owned();
    let serving = std::thread::spawn(move || {
        let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
        clipboard.set().wait().text(note).map_err(|e| e.to_string())
    });
    let deadline = std::time::Instant::now() + TAKE;
    loop {
        if reader.get_text().is_ok_and(|t| t == text) {
            return Ok(serving);
        }
        if serving.is_finished() {
            return Err(match serving.join() {
                Ok(Err(e)) => e,
                _ => "another program took the clipboard at once".to_owned(),
            });
        }
        if std::time::Instant::now() >= deadline {
            return Err(format!(
                "the display did not take the note within {} s",
                TAKE.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Elsewhere the system keeps the clipboard itself.
#[cfg(not(target_os = "linux"))]
fn take(text: &str) -> Result<std::thread::JoinHandle<Result<(), String>>, String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    clipboard.set_text(text).map_err(|e| e.to_string())?;
    Ok(std::thread::spawn(|| Ok(())))
}

/// A [`Sink`] that starts a holder for every copy.
pub(crate) struct Holder;

impl Sink for Holder {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find netwerk itself: {e}"))?;
        let mut child = Command::new(exe)
            .arg(HOLD_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .current_dir("/")
            // Not in the terminal's foreground group: closing the terminal
            // does not take the clipboard with it.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start the clipboard holder: {e}"))?;
        let answer = answer(&mut child, text);
        match answer {
            Ok(()) => {
                // Reap it whenever it ends, so a long TUI session leaves
                // no zombies behind.
                std::thread::spawn(move || child.wait());
                Ok(())
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(e)
            }
        }
    }
}

/// Gives the holder `text` and waits up to [`TAKE`] for its answer.
fn answer(child: &mut Child, text: &str) -> Result<(), String> {
    let mut stdin = child
        .stdin
        .take()
        .ok_or("the clipboard holder has no input")?;
    let stdout = child
        .stdout
        .take()
        .ok_or("the clipboard holder has no output")?;
    let (tx, rx) = mpsc::channel();
    // Read on a thread so a holder stuck on its display costs only TAKE.
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    stdin
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot hand the note to the clipboard holder: {e}"))?;
    drop(stdin);
    match rx.recv_timeout(TAKE) {
        Ok(line) if line.trim_end() == HELD => Ok(()),
        Ok(line) if line.trim().is_empty() => Err("the clipboard holder stopped".to_owned()),
        Ok(line) => Err(line.trim_end().to_owned()),
        Err(_) => Err(format!(
            "the display did not answer within {} s",
            TAKE.as_secs()
        )),
    }
}
