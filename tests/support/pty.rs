//! Running a program in a real pseudo-terminal and reading its screen
//! through a vt100 emulator.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::env::base_env;
use super::keys::Key;
use super::poll;
use super::process::lock;
use super::terminal::{Modes, Terminal, cells, restoration_problems};

/// How often waits look at the screen again.
const POLL: Duration = Duration::from_millis(15);
/// How long after the program's exit its last output may still be in flight.
const DRAIN: Duration = Duration::from_secs(2);

/// A program running in a pseudo-terminal of a given size. Output is read on
/// a background thread into a vt100 screen and a raw byte log; queries the
/// program sends (cursor position, device attributes) are answered like a
/// real terminal would. The program is killed when this is dropped.
pub struct Pty {
    what: String,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    exit: Option<ExitStatus>,
    /// The terminal's settings before the program started.
    before: Modes,
    /// `HOME`, unless the test gave one.
    _home: tempfile::TempDir,
}

/// What the reader thread fills in.
struct Shared {
    parser: vt100::Parser<Terminal>,
    raw: Vec<u8>,
    eof: bool,
}

impl Pty {
    /// Starts `cmd args...` in a `cols`×`rows` pseudo-terminal, in the current
    /// directory. The environment is *not* inherited: only `PATH` is
    /// ([`super::env::base_env`]), with `TERM=xterm-256color`, `LANG=C.UTF-8`
    /// and `HOME` an empty temporary directory, then `env` on top — so a
    /// developer's `DISPLAY`, `TMUX`, `SSH_*` or home cannot change what the
    /// program does.
    pub fn spawn(
        cmd: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Result<Pty, String> {
        let what = std::iter::once(cmd.display().to_string())
            .chain(args.iter().map(|a| a.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        let fail = |step: &str, e: &dyn std::fmt::Display| format!("{what}: {step}: {e:#}");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| fail("cannot open a pty", &e))?;
        let before = master_modes(pair.master.as_ref()).map_err(|e| fail("no pty settings", &e))?;
        let mut builder = CommandBuilder::new(cmd);
        builder.args(args);
        builder.env_clear();
        let home = tempfile::tempdir().map_err(|e| fail("no temporary home", &e))?;
        for (key, value) in base_env(Some(home.path())) {
            builder.env(key, value);
        }
        builder.env("TERM", "xterm-256color");
        for (key, value) in env {
            builder.env(key, value);
        }
        if let Ok(dir) = std::env::current_dir() {
            builder.cwd(dir);
        }
        let child = pair
            .slave
            .spawn_command(builder)
            .map_err(|e| fail("cannot start", &e))?;
        // Our copy of the child's side must go, or reads never see the end
        // of output when the program exits.
        drop(pair.slave);
        let reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| fail("no pty reader", &e))?;
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| fail("no pty writer", &e))?;
        let writer = Arc::new(Mutex::new(writer));
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new_with_callbacks(
                cells(rows),
                cells(cols),
                0,
                Terminal::default(),
            ),
            raw: Vec::new(),
            eof: false,
        }));
        spawn_reader(reader, Arc::clone(&shared), Arc::clone(&writer));
        Ok(Pty {
            what,
            master: pair.master,
            writer,
            child,
            shared,
            exit: None,
            before,
            _home: home,
        })
    }

    /// The terminal's settings (termios) now — also after the program
    /// exited, as the next program in this terminal would find them.
    pub fn modes(&self) -> Modes {
        master_modes(self.master.as_ref())
            .unwrap_or_else(|e| panic!("cannot read the settings of {}: {e}", self.what))
    }

    /// The terminal's settings before the program started.
    pub fn modes_before(&self) -> Modes {
        self.before
    }

    /// Everything the program left changed in its terminal, one line per
    /// problem: the escape-sequence modes of [`restoration_problems`] in
    /// what it wrote, and every termios setting (echo, line editing,
    /// signal keys, output processing) that differs from before it
    /// started. Empty when the terminal was given back intact.
    pub fn restoration_problems(&self) -> Vec<String> {
        let mut problems = restoration_problems(&self.raw_output());
        problems.extend(self.modes().differences(&self.before));
        problems
    }

    /// Writes raw bytes to the program, as if typed. Panics (with the
    /// screen) if the terminal is gone.
    pub fn send(&mut self, bytes: &[u8]) {
        let result = {
            let mut w = lock(&self.writer);
            w.write_all(bytes).and_then(|()| w.flush())
        };
        if let Err(e) = result {
            panic!("cannot type into {}: {e}\n{}", self.what, self.describe());
        }
    }

    /// Types `text` character by character (no paste brackets).
    pub fn send_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Presses one key. After Esc it pauses briefly, because a terminal
    /// program tells a lone Esc from the start of an escape sequence by
    /// whether more bytes arrive at once.
    pub fn send_key(&mut self, key: Key) {
        self.send(&key.bytes());
        if key == Key::Esc {
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// On the sample network: selects Priya Raman, shares "Rust on
    /// microcontrollers" with her and waits for the composer to open.
    pub fn compose_for_priya(&mut self) {
        self.wait_for_text("Contacts · 40", super::TIMEOUT).unwrap();
        self.send_text("/priya");
        self.wait_for_text("[/priya", super::TIMEOUT).unwrap();
        self.send_key(Key::Enter);
        self.send_text("s");
        self.wait_for_text("Share with Priya Raman", super::TIMEOUT)
            .unwrap();
        self.send_text("micro");
        self.wait_for_text("1 of 20", super::TIMEOUT).unwrap();
        self.send_key(Key::Enter);
        self.wait_for_text("Note for Priya Raman", super::TIMEOUT)
            .unwrap();
    }

    /// Presses keys in order.
    pub fn send_keys(&mut self, keys: &[Key]) {
        for &key in keys {
            self.send_key(key);
        }
    }

    /// Pastes `text` as a terminal does with bracketed paste on
    /// (`\x1b[200~ … \x1b[201~`), so the program receives one paste event.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    /// The screen now (contents, cursor, modes, colours).
    pub fn screen(&self) -> vt100::Screen {
        lock(&self.shared).parser.screen().clone()
    }

    /// The screen's text now, rows joined by newlines.
    pub fn screen_text(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// Everything the program has written to the terminal so far, byte for
    /// byte — to check that no injected escape sequence got through.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Texts the program copied with OSC 52, decoded, oldest first.
    pub fn osc52_copies(&self) -> Vec<String> {
        lock(&self.shared).parser.callbacks().clipboard.clone()
    }

    /// The process id, e.g. to check it is gone.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits until `check` accepts the screen; `Err` describes `what` was
    /// awaited and shows the screen. Gives up early if the program exited
    /// and all its output has been read, since nothing can change then.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<vt100::Screen, String> {
        let start = std::time::Instant::now();
        let mut finished = false;
        let found = poll(timeout, POLL, || {
            let shared = lock(&self.shared);
            let screen = shared.parser.screen();
            if check(screen) {
                return Some(Some(screen.clone()));
            }
            finished = shared.eof;
            finished.then_some(None)
        });
        match found {
            Some(Some(screen)) => Ok(screen),
            _ => {
                let why = if finished {
                    "the program ended first"
                } else {
                    "timed out"
                };
                Err(format!(
                    "{why} after {:.1?} waiting for {what} in `{}`\n{}",
                    start.elapsed(),
                    self.what,
                    self.describe()
                ))
            }
        }
    }

    /// Waits until `needle` is on the screen.
    pub fn wait_for_text(&self, needle: &str, timeout: Duration) -> Result<vt100::Screen, String> {
        self.wait_until(&format!("{needle:?}"), timeout, |s| {
            s.contents().contains(needle)
        })
    }

    /// Waits for the next OSC 52 copy after the `seen` ones already known.
    pub fn wait_for_osc52(&self, seen: usize, timeout: Duration) -> Result<String, String> {
        let shared = Arc::clone(&self.shared);
        poll(timeout, POLL, || {
            lock(&shared)
                .parser
                .callbacks()
                .clipboard
                .get(seen)
                .cloned()
        })
        .ok_or_else(|| format!("no OSC 52 copy within {timeout:?}\n{}", self.describe()))
    }

    /// Resizes the terminal; the program gets SIGWINCH as with a real one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Screen first, under the lock, so output drawn for the new size is
        // parsed at the new size.
        let mut shared = lock(&self.shared);
        shared
            .parser
            .screen_mut()
            .set_size(cells(rows), cells(cols));
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        if let Err(e) = self.master.resize(size) {
            drop(shared);
            panic!("cannot resize {}: {e:#}\n{}", self.what, self.describe());
        }
    }

    /// Waits for the program to exit, then for its last output to be read.
    /// `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        if self.exit.is_none() {
            let child = &mut self.child;
            self.exit = poll(timeout, POLL, || child.try_wait().ok().flatten());
        }
        if self.exit.is_some() {
            let shared = Arc::clone(&self.shared);
            poll(DRAIN, POLL, || lock(&shared).eof.then_some(()));
        }
        self.exit.clone()
    }

    /// The program, whether it is still running, and the screen, framed —
    /// for failure messages.
    pub fn describe(&self) -> String {
        let shared = lock(&self.shared);
        let screen = shared.parser.screen();
        let (rows, cols) = screen.size();
        let state = match &self.exit {
            Some(status) => format!("exited: {status}"),
            None if shared.eof => "output closed".to_owned(),
            None => "running".to_owned(),
        };
        let mut out = format!(
            "--- screen of `{}` ({cols}x{rows}, {state}) ---\n",
            self.what
        );
        for line in screen.contents().lines() {
            out.push('|');
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("---");
        out
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.exit.is_none() && !matches!(self.child.try_wait(), Ok(Some(_))) {
            // SIGHUP, a short grace period, then SIGKILL (portable-pty).
            let _ = self.child.kill();
            let child = &mut self.child;
            poll(Duration::from_secs(2), POLL, || {
                child.try_wait().ok().flatten()
            });
        }
    }
}

/// The settings of the pty, read through its master side.
fn master_modes(master: &(dyn MasterPty + Send)) -> std::io::Result<Modes> {
    let fd = master
        .as_raw_fd()
        .ok_or_else(|| std::io::Error::other("the pty has no file descriptor"))?;
    Modes::of(fd)
}

/// Reads the program's output until the pty closes, feeding the emulator
/// and answering its queries.
fn spawn_reader(
    mut reader: Box<dyn Read + Send>,
    shared: Arc<Mutex<Shared>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
) {
    thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // Linux reports EIO once the program side is closed.
                Err(_) => break,
            };
            let replies = {
                let mut s = lock(&shared);
                s.raw.extend_from_slice(&buf[..n]);
                s.parser.process(&buf[..n]);
                std::mem::take(&mut s.parser.callbacks_mut().replies)
            };
            if !replies.is_empty() {
                let mut w = lock(&writer);
                let _ = w.write_all(&replies).and_then(|()| w.flush());
            }
        }
        lock(&shared).eof = true;
    });
}
