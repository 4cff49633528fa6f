//! The session-long [`Clipboard`]: walks the planned route until a step
//! gets the note out.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::command;
use super::env::Env;
use super::file::{self, NOTE_FILE, StateDirError, display_path};
use super::osc52::{self, Wrap};
use super::outcome::{Copied, CopyError, Failure, StepError, Via};
use super::route::{Route, Step, command_name, plan};
use super::settings::{Method, Settings};
use super::system::SystemClipboard;
use super::tmux::{Loaded, Tmux};

/// The clipboard for the whole run of the program.
///
/// Create one at start-up and keep it: it owns the system clipboard handle,
/// which on X11 must outlive the copy for the note to stay pasteable.
pub struct Clipboard {
    settings: Settings,
    env: Env,
    route: Route,
    state_dir: PathBuf,
    out: Box<dyn Write + Send>,
    system: SystemClipboard,
    tmux: Tmux,
}

impl fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clipboard")
            .field("route", &self.route)
            .field("state_dir", &self.state_dir)
            .finish_non_exhaustive()
    }
}

impl Clipboard {
    /// A clipboard for `env`, configured by `settings`, whose fallback file
    /// lives in `state_dir`. OSC 52 goes to stdout, which is safe for the
    /// TUI between frames; nothing is opened until the first copy.
    pub fn new(settings: Settings, env: Env, state_dir: PathBuf) -> Self {
        let route = plan(&settings, &env);
        Self {
            settings,
            env,
            route,
            state_dir,
            out: Box::new(io::stdout()),
            system: SystemClipboard::default(),
            tmux: Tmux::default(),
        }
    }

    /// [`Clipboard::new`] for this process: its environment and the XDG
    /// state directory.
    pub fn for_process(settings: Settings) -> Result<Self, StateDirError> {
        let state_dir = file::default_state_dir()?;
        Ok(Self::new(settings, Env::from_process(), state_dir))
    }

    /// Sends OSC 52 to `out` instead of stdout (tests, or `/dev/tty` when
    /// stdout is a pipe).
    pub fn with_writer(mut self, out: Box<dyn Write + Send>) -> Self {
        self.out = out;
        self
    }

    /// The steps a copy will try, and why; for `netwerk doctor`.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// Where the fallback file is written.
    pub fn note_path(&self) -> PathBuf {
        self.state_dir.join(NOTE_FILE)
    }

    /// Copies `text` by the first step of the route that works.
    ///
    /// Never panics and never waits longer than the configured timeout per
    /// helper program. Fails only when even the fallback file cannot be
    /// written; the caller should then show the note for copying by hand.
    pub fn copy(&mut self, text: &str) -> Result<Copied, CopyError> {
        let mut failures = Vec::new();
        let steps = self.route.steps.clone();
        for step in &steps {
            if let Some(via) = self.attempt(step, text, &mut failures) {
                let file_chosen = self.settings.method == Method::File;
                let home = self.env.home.as_deref();
                return Ok(Copied::new(via, failures, file_chosen, home));
            }
        }
        Err(CopyError { failures })
    }

    fn attempt(&mut self, step: &Step, text: &str, failures: &mut Vec<Failure>) -> Option<Via> {
        let timeout = self.timeout();
        let result = match step {
            Step::Command(line) => {
                command::copy_with(line, text, timeout).map(|()| Via::Command(command_name(line)))
            }
            Step::System(kind) => self
                .system
                .set_text(text, timeout)
                .map(|()| Via::System(*kind)),
            Step::Tmux { osc52 } => return self.tmux(text, *osc52, failures),
            Step::Osc52(wrap) => self.osc52(text, *wrap).map(|()| Via::Osc52),
            Step::File => self.save(text),
        };
        result
            .map_err(|error| {
                failures.push(Failure {
                    what: step.label(),
                    error,
                })
            })
            .ok()
    }

    /// The tmux buffer first: it works with tmux's defaults, and tmux
    /// 3.2+ passes it on to the terminal's clipboard itself — unless its
    /// `set-clipboard` is off, which the copy reports. An older tmux (or
    /// none answering) gets OSC 52 as well, when the route allows it.
    fn tmux(&mut self, text: &str, osc52: bool, failures: &mut Vec<Failure>) -> Option<Via> {
        let buffered = match self.tmux.load_buffer(text, self.timeout()) {
            Ok(Loaded::Forwarded) => {
                // tmux forwards by OSC 52 too; a terminal refuses what is
                // too long for it.
                if let Err(too_long) = osc52::sequence(text, Wrap::Plain) {
                    failures.push(Failure {
                        what: "terminal clipboard".to_owned(),
                        error: too_long.into(),
                    });
                    return Some(Via::TmuxBuffer);
                }
                if self.tmux.set_clipboard(self.timeout()).as_deref() == Some("off") {
                    failures.push(Failure {
                        what: "terminal clipboard".to_owned(),
                        error: StepError::TmuxClipboardOff,
                    });
                    return Some(Via::TmuxBuffer);
                }
                return Some(Via::TmuxForwarded);
            }
            Ok(Loaded::BufferOnly) => true,
            Err(error) => {
                failures.push(Failure {
                    what: "tmux buffer".to_owned(),
                    error,
                });
                false
            }
        };
        let sent = osc52
            && match self.osc52(text, Wrap::Plain) {
                Ok(()) => true,
                Err(error) => {
                    failures.push(Failure {
                        what: "OSC 52".to_owned(),
                        error,
                    });
                    false
                }
            };
        match (buffered, sent) {
            (true, true) => Some(Via::TmuxAndOsc52),
            (true, false) => Some(Via::TmuxBuffer),
            (false, true) => Some(Via::Osc52),
            (false, false) => None,
        }
    }

    fn osc52(&mut self, text: &str, wrap: Wrap) -> Result<(), StepError> {
        let bytes = osc52::sequence(text, wrap)?;
        self.out
            .write_all(&bytes)
            .and_then(|()| self.out.flush())
            .map_err(StepError::Terminal)
    }

    fn save(&self, text: &str) -> Result<Via, StepError> {
        file::save_note(&self.state_dir, text)
            .map(Via::File)
            .map_err(|source| StepError::File {
                path: display_path(&self.note_path(), self.env.home.as_deref()),
                source,
            })
    }

    fn timeout(&self) -> Duration {
        Duration::from_millis(self.settings.timeout_ms)
    }
}

#[cfg(test)]
impl Clipboard {
    /// Replaces `tmux` with a stand-in.
    pub(crate) fn with_tmux(mut self, tmux: Tmux) -> Self {
        self.tmux = tmux;
        self
    }

    /// Replaces arboard with a stand-in.
    pub(crate) fn with_system(mut self, system: SystemClipboard) -> Self {
        self.system = system;
        self
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::atomic::Ordering;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::clipboard::system::tests::Recorder;

    /// What the "terminal" received.
    #[derive(Clone, Default)]
    struct Screen(Arc<Mutex<Vec<u8>>>);

    impl Write for Screen {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| io::Error::other("poisoned"))?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Screen {
        fn bytes(&self) -> Vec<u8> {
            self.0.lock().map(|b| b.clone()).unwrap_or_default()
        }
    }

    fn tmux_over_ssh() -> Env {
        Env {
            tmux: Some("/tmp/tmux-1000/default,4242,0".into()),
            ssh_connection: Some("10.0.0.2 51234 10.0.0.1 22".into()),
            term: Some("tmux-256color".into()),
            terminal: true,
            ..Env::default()
        }
    }

    /// A stand-in for tmux: a shell script run by `sh` (not executed
    /// directly, which can fail with ETXTBSY while other tests spawn).
    fn fake_tmux(dir: &Path, body: &str) -> Tmux {
        let script = dir.join("tmux.sh");
        std::fs::write(&script, body).expect("script written");
        let buffer = dir.join("buffer");
        Tmux::fake("sh", &[script.as_os_str(), buffer.as_os_str()])
    }

    const MODERN_TMUX: &str = r#"out=$1; shift
case "$*" in
"load-buffer -w -") cat > "$out" ;;
"show-options -gv set-clipboard") echo external ;;
*) exit 1 ;;
esac"#;

    const TMUX_CLIPBOARD_OFF: &str = r#"out=$1; shift
case "$*" in
"load-buffer -w -") cat > "$out" ;;
"show-options -gv set-clipboard") echo off ;;
*) exit 1 ;;
esac"#;

    const OLD_TMUX: &str = r#"out=$1; shift
[ "$*" = "load-buffer -" ] || exit 1
cat > "$out""#;

    fn clipboard(env: Env, dir: &Path, screen: &Screen) -> Clipboard {
        let settings = Settings {
            timeout_ms: 5000,
            ..Settings::default()
        };
        Clipboard::new(settings, env, dir.join("state")).with_writer(Box::new(screen.clone()))
    }

    #[test]
    fn inside_tmux_the_note_goes_to_one_buffer_that_tmux_passes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let mut clipboard = clipboard(tmux_over_ssh(), dir.path(), &screen)
            .with_tmux(fake_tmux(dir.path(), MODERN_TMUX));

        let copied = clipboard.copy("Thought of you, Ada").expect("copied");

        assert_eq!(copied.message(), "copied via tmux buffer + clipboard");
        let buffer = std::fs::read_to_string(dir.path().join("buffer")).expect("buffer");
        assert_eq!(buffer, "Thought of you, Ada");
        // No OSC 52 of netwerk's own: with `set-clipboard on` tmux would
        // keep it as a second buffer.
        assert_eq!(screen.bytes(), b"");
        assert!(!clipboard.note_path().exists(), "no fallback file");
    }

    #[test]
    fn tmux_with_set_clipboard_off_says_the_note_is_in_the_buffer_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let mut clipboard = clipboard(tmux_over_ssh(), dir.path(), &screen)
            .with_tmux(fake_tmux(dir.path(), TMUX_CLIPBOARD_OFF));

        let copied = clipboard.copy("note").expect("copied");

        assert_eq!(
            copied.message(),
            "copied to the tmux buffer only — tmux's set-clipboard is off (see netwerk doctor)"
        );
        let buffer = std::fs::read_to_string(dir.path().join("buffer")).expect("buffer");
        assert_eq!(buffer, "note");
        assert_eq!(screen.bytes(), b"");
    }

    #[test]
    fn tmux_without_load_buffer_w_still_gets_the_buffer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let mut clipboard = clipboard(tmux_over_ssh(), dir.path(), &screen)
            .with_tmux(fake_tmux(dir.path(), OLD_TMUX));

        let copied = clipboard.copy("note").expect("copied");

        assert_eq!(copied.message(), "copied via tmux buffer + OSC 52");
        let buffer = std::fs::read_to_string(dir.path().join("buffer")).expect("buffer");
        assert_eq!(buffer, "note");
    }

    #[test]
    fn a_broken_tmux_still_leaves_osc52() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let mut clipboard = clipboard(tmux_over_ssh(), dir.path(), &screen)
            .with_tmux(fake_tmux(dir.path(), "exit 1"));

        let copied = clipboard.copy("note").expect("copied");

        assert_eq!(copied.message(), "copied via OSC 52");
        assert_eq!(
            copied.failures()[0].to_string(),
            "tmux buffer: failed (exit status: 1)"
        );
    }

    #[test]
    fn a_note_too_long_for_osc52_still_reaches_the_tmux_buffer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let mut clipboard = clipboard(tmux_over_ssh(), dir.path(), &screen)
            .with_tmux(fake_tmux(dir.path(), MODERN_TMUX));
        let long = "a".repeat(osc52::MAX_TEXT_BYTES + 1);

        let copied = clipboard.copy(&long).expect("copied");

        assert_eq!(
            copied.message(),
            "copied to the tmux buffer (too long for OSC 52)"
        );
        assert!(screen.bytes().is_empty(), "nothing sent to the terminal");
        let buffer = std::fs::read_to_string(dir.path().join("buffer")).expect("buffer");
        assert_eq!(buffer.len(), long.len());
    }

    #[test]
    fn on_a_desktop_one_x11_handle_serves_the_whole_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let recorder = Recorder::default();
        let desktop = Env {
            display: Some(":0".into()),
            term: Some("xterm-256color".into()),
            terminal: true,
            ..Env::default()
        };
        let mut clipboard = clipboard(desktop, dir.path(), &screen)
            .with_system(SystemClipboard::with_opener(recorder.opener()));

        let first = clipboard.copy("for Ada").expect("copied");
        let second = clipboard.copy("for Grace").expect("copied");

        assert_eq!(first.message(), "copied to the X11 clipboard");
        assert_eq!(second.message(), "copied to the X11 clipboard");
        assert_eq!(recorder.opened.load(Ordering::SeqCst), 1);
        assert_eq!(
            *recorder.held.lock().expect("lock"),
            ["for Ada", "for Grace"]
        );
        assert!(
            screen.bytes().is_empty(),
            "no OSC 52 when the system copy worked"
        );
    }

    #[test]
    fn a_hanging_display_falls_back_without_freezing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let screen = Screen::default();
        let recorder = Recorder {
            hang: true,
            ..Recorder::default()
        };
        let wayland = Env {
            wayland_display: Some("wayland-0".into()),
            term: Some("foot".into()),
            terminal: true,
            ..Env::default()
        };
        let settings = Settings {
            timeout_ms: 150,
            ..Settings::default()
        };
        let mut clipboard = Clipboard::new(settings, wayland, dir.path().join("state"))
            .with_writer(Box::new(screen.clone()))
            .with_system(SystemClipboard::with_opener(recorder.opener()));

        let started = std::time::Instant::now();
        let copied = clipboard.copy("note").expect("copied");

        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(copied.message(), "copied via OSC 52");
        assert_eq!(
            copied.failures()[0].to_string(),
            "Wayland clipboard: did not answer within 150 ms"
        );
        assert_eq!(screen.bytes(), b"\x1b]52;c;bm90ZQ==\x07");
    }

    #[test]
    fn the_clipboard_can_live_in_an_app_shared_with_a_worker_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Clipboard>();
    }

    #[test]
    fn the_fake_tmux_is_run_with_its_script() {
        // Guards the helpers above: a typo in them would make the tmux
        // tests pass for the wrong reason.
        let dir = tempfile::tempdir().expect("temp dir");
        let tmux = fake_tmux(dir.path(), MODERN_TMUX);
        tmux.load_buffer("x", Duration::from_secs(5))
            .expect("loads");
        assert!(dir.path().join("buffer").exists());
    }
}
