//! OSC 52 over SSH: the exact bytes the terminal receives, GNU screen's
//! wrapping, and the size limit that sends long notes to the file instead.

use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use netwerk::clipboard::osc52::MAX_TEXT_BYTES;
use netwerk::clipboard::{Clipboard, Env, Settings, Via};

/// Everything written to the "terminal".
#[derive(Clone, Default)]
struct Terminal(Arc<Mutex<Vec<u8>>>);

impl Write for Terminal {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Ok(mut seen) = self.0.lock() {
            seen.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Terminal {
    fn seen(&self) -> Vec<u8> {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// A terminal that has gone away (the SSH connection dropped).
struct Hangup;

impl Write for Hangup {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from_raw_os_error(5))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn ssh(home: &Path) -> Env {
    Env {
        ssh_connection: Some("10.0.0.2 51234 10.0.0.1 22".into()),
        term: Some("xterm-256color".into()),
        home: Some(home.to_path_buf()),
        terminal: true,
        ..Env::default()
    }
}

fn clipboard(env: Env, home: &Path, out: Box<dyn Write + Send>) -> Clipboard {
    Clipboard::new(Settings::default(), env, home.join(".local/state/netwerk")).with_writer(out)
}

#[test]
fn over_ssh_the_note_reaches_the_terminal_as_osc52() {
    let home = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::default();
    let mut clipboard = clipboard(ssh(home.path()), home.path(), Box::new(terminal.clone()));

    assert_eq!(
        clipboard.route().to_string(),
        "auto: over SSH, no display → OSC 52, then file"
    );
    let copied = clipboard
        .copy("Hi Ada!\nhttps://example.com")
        .expect("copied");

    assert_eq!(copied.message(), "copied via OSC 52");
    assert_eq!(copied.via(), &Via::Osc52);
    assert_eq!(
        terminal.seen(),
        b"\x1b]52;c;SGkgQWRhIQpodHRwczovL2V4YW1wbGUuY29t\x07".to_vec()
    );
    assert!(!clipboard.note_path().exists());
}

#[test]
fn inside_gnu_screen_the_sequence_is_wrapped_in_dcs() {
    let home = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::default();
    let env = Env {
        sty: Some("4242.pts-0.box".into()),
        term: Some("screen".into()),
        ..ssh(home.path())
    };
    let mut clipboard = clipboard(env, home.path(), Box::new(terminal.clone()));

    let copied = clipboard.copy("hello").expect("copied");

    assert_eq!(copied.message(), "copied via OSC 52");
    assert_eq!(
        terminal.seen(),
        b"\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\".to_vec()
    );
}

#[test]
fn a_note_too_long_for_osc52_is_saved_to_the_file_instead() {
    let home = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::default();
    let mut clipboard = clipboard(ssh(home.path()), home.path(), Box::new(terminal.clone()));
    let long = "x".repeat(MAX_TEXT_BYTES + 1);

    let copied = clipboard.copy(&long).expect("saved");

    assert_eq!(
        copied.message(),
        "saved to ~/.local/state/netwerk/last-note.txt — too long for OSC 52"
    );
    assert!(terminal.seen().is_empty(), "the terminal got nothing");
    let file = copied.file().expect("file route");
    assert_eq!(
        std::fs::read_to_string(file).expect("saved").len(),
        long.len()
    );
}

#[test]
fn a_note_at_the_limit_still_goes_through_osc52() {
    let home = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::default();
    let mut clipboard = clipboard(ssh(home.path()), home.path(), Box::new(terminal.clone()));

    let copied = clipboard.copy(&"x".repeat(MAX_TEXT_BYTES)).expect("copied");

    assert_eq!(copied.message(), "copied via OSC 52");
    assert_eq!(terminal.seen().len(), 100_000);
}

#[test]
fn a_terminal_that_went_away_falls_back_to_the_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut clipboard = clipboard(ssh(home.path()), home.path(), Box::new(Hangup));

    let copied = clipboard.copy("note").expect("saved");

    assert!(copied.message().ends_with("— clipboard unavailable"));
    assert!(
        copied.failures()[0]
            .to_string()
            .starts_with("OSC 52: could not write to the terminal:"),
        "{}",
        copied.failures()[0]
    );
}

#[test]
fn piped_output_never_gets_escape_sequences() {
    let home = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::default();
    let piped = Env {
        terminal: false,
        ..ssh(home.path())
    };
    let mut clipboard = clipboard(piped, home.path(), Box::new(terminal.clone()));

    let copied = clipboard.copy("note").expect("saved");

    assert!(copied.file().is_some());
    assert!(terminal.seen().is_empty());
}
