//! The user's copy command: fed the note, given a deadline, and never the
//! end of the road when it fails.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use netwerk::clipboard::{Clipboard, Env, Method, Settings, Via};

/// No display, no terminal, no multiplexer: only the command and the file.
fn headless(home: &Path) -> Env {
    Env {
        home: Some(home.to_path_buf()),
        ..Env::default()
    }
}

fn with_command(method: Method, line: &str, timeout_ms: u64) -> Settings {
    Settings {
        method,
        command: Some(line.to_owned()),
        timeout_ms,
    }
}

fn state_dir(home: &Path) -> std::path::PathBuf {
    home.join(".local/state/netwerk")
}

#[test]
fn the_configured_command_receives_the_note_on_stdin() {
    let home = tempfile::tempdir().expect("temp dir");
    let pasted = home.path().join("pasted.txt");
    let settings = with_command(Method::Auto, &format!("tee '{}'", pasted.display()), 5000);
    let mut clipboard = Clipboard::new(settings, headless(home.path()), state_dir(home.path()));

    let copied = clipboard
        .copy("Hi Ada — thought of you:\nhttps://example.com/rust")
        .expect("copied");

    assert_eq!(copied.message(), "copied via `tee`");
    assert_eq!(copied.via(), &Via::Command("tee".to_owned()));
    assert_eq!(copied.file(), None);
    assert_eq!(
        fs::read_to_string(&pasted).expect("tee wrote it"),
        "Hi Ada — thought of you:\nhttps://example.com/rust"
    );
    assert!(!clipboard.note_path().exists(), "no fallback file");
}

#[test]
fn a_failing_command_falls_back_to_the_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let settings = with_command(Method::Command, "false", 5000);
    let mut clipboard = Clipboard::new(settings, headless(home.path()), state_dir(home.path()));

    let copied = clipboard.copy("note for Grace").expect("saved");

    assert_eq!(
        copied.message(),
        "saved to ~/.local/state/netwerk/last-note.txt — clipboard unavailable"
    );
    let file = copied.file().expect("file route");
    assert_eq!(fs::read_to_string(file).expect("saved"), "note for Grace");
    assert_eq!(
        copied.failures()[0].to_string(),
        "`false`: failed (exit status: 1)"
    );
}

#[test]
fn a_hanging_command_is_killed_at_the_timeout_and_falls_back() {
    let home = tempfile::tempdir().expect("temp dir");
    let settings = with_command(Method::Command, "sleep 10", 300);
    let mut clipboard = Clipboard::new(settings, headless(home.path()), state_dir(home.path()));

    let started = Instant::now();
    let copied = clipboard.copy("note").expect("saved");

    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(copied.file().is_some());
    assert_eq!(
        copied.failures()[0].to_string(),
        "`sleep`: timed out after 300 ms"
    );
}

#[test]
fn a_missing_command_says_so_and_falls_back() {
    let home = tempfile::tempdir().expect("temp dir");
    let settings = with_command(Method::Command, "netwerk-test-no-such-copy --flag", 5000);
    let mut clipboard = Clipboard::new(settings, headless(home.path()), state_dir(home.path()));

    let copied = clipboard.copy("note").expect("saved");

    assert!(copied.file().is_some());
    assert_eq!(
        copied.failures()[0].to_string(),
        "`netwerk-test-no-such-copy`: not found"
    );
}

#[test]
fn under_auto_a_failing_command_gives_way_to_osc52_not_straight_to_the_file() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Terminal(Arc<Mutex<Vec<u8>>>);
    impl Write for Terminal {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut seen) = self.0.lock() {
                seen.extend_from_slice(buf);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let home = tempfile::tempdir().expect("temp dir");
    let ssh = Env {
        ssh_tty: Some("/dev/pts/1".into()),
        term: Some("xterm-256color".into()),
        terminal: true,
        ..headless(home.path())
    };
    let terminal = Terminal::default();
    let mut clipboard = Clipboard::new(
        with_command(Method::Auto, "false", 5000),
        ssh,
        state_dir(home.path()),
    )
    .with_writer(Box::new(terminal.clone()));

    let copied = clipboard.copy("hi").expect("copied");

    assert_eq!(copied.message(), "copied via OSC 52");
    assert_eq!(
        *terminal.0.lock().expect("lock"),
        b"\x1b]52;c;aGk=\x07".to_vec()
    );
    assert!(!clipboard.note_path().exists());
}
