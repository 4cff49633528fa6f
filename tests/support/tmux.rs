//! Running a program inside a private tmux server: what users on a remote
//! box see, and the route `tmux load-buffer` copies take.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use super::env::command;
use super::poll;
use super::process::{Finished, run};

/// How long one tmux command may take before the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// The only session (and window, and pane) of the server.
const TARGET: &str = "netwerk-test";

/// A tmux server of its own (`tmux -L <unique socket>`, no user config)
/// running one program in one pane. It never touches the user's tmux
/// server, and is killed when this is dropped.
pub struct Tmux {
    socket: String,
    _config: tempfile::TempDir,
}

impl Tmux {
    /// Starts `cmd_line` (run by the shell) in a detached `cols`×`rows`
    /// pane, with `env` set for it. The status line is off, so the pane is
    /// the whole window, and the pane stays after the program exits so its
    /// last screen and exit status can be read.
    ///
    /// The server gets only `PATH`, `LANG=C.UTF-8` and a temporary `HOME`
    /// from us ([`super::env::base_env`]), so a developer's own environment
    /// cannot leak into the program; tmux itself sets `TMUX` in the pane.
    pub fn start(
        cmd_line: &str,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Result<Tmux, String> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let socket = format!(
            "netwerk-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let config = tempfile::tempdir().map_err(|e| format!("temp dir for tmux config: {e}"))?;
        let conf = config.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g remain-on-exit on\nset -g history-limit 1000\n",
        )
        .map_err(|e| format!("writing {}: {e}", conf.display()))?;
        let tmux = Tmux {
            socket,
            _config: config,
        };
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let mut args = vec!["new-session", "-d", "-s", TARGET, "-x", &cols, "-y", &rows];
        let vars: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for var in &vars {
            args.extend(["-e", var]);
        }
        args.push(cmd_line);
        tmux.run_with_config(&conf, &args)?;
        Ok(tmux)
    }

    /// Runs any tmux command on this server; `Err` has its stderr.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        self.exec(None, args)
    }

    /// Sends keys with tmux's names: `&["hello", "Enter", "C-s", "Escape"]`.
    /// Words that aren't key names are typed as text.
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", TARGET];
        args.extend_from_slice(keys);
        self.run(&args)
            .unwrap_or_else(|e| panic!("{e}\n{}", self.describe()));
    }

    /// Types `text` literally, even if it looks like a key name.
    pub fn send_text(&self, text: &str) {
        self.run(&["send-keys", "-t", TARGET, "-l", text])
            .unwrap_or_else(|e| panic!("{e}\n{}", self.describe()));
    }

    /// The pane's visible text (`capture-pane -p`).
    pub fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", TARGET])
            .unwrap_or_else(|e| format!("<capture failed: {e}>"))
    }

    /// Waits until `needle` is in the pane; `Err` shows the pane.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<String, String> {
        poll(timeout, Duration::from_millis(30), || {
            let screen = self.capture();
            screen.contains(needle).then_some(screen)
        })
        .ok_or_else(|| {
            format!(
                "timed out after {timeout:?} waiting for {needle:?}\n{}",
                self.describe()
            )
        })
    }

    /// The newest paste buffer, or `None` if there is none.
    pub fn show_buffer(&self) -> Option<String> {
        self.run(&["show-buffer"]).ok()
    }

    /// Sets a tmux option (`set-option -g`; tmux itself picks the server,
    /// session or window scope from the name, e.g. `set-clipboard`).
    pub fn set_option(&self, option: &str, value: &str) {
        self.run(&["set-option", "-g", option, value])
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Resizes the window (and so the pane) to `cols`×`rows`.
    pub fn resize(&self, cols: u16, rows: u16) {
        let (cols, rows) = (cols.to_string(), rows.to_string());
        self.run(&["resize-window", "-t", TARGET, "-x", &cols, "-y", &rows])
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// The program's exit status once it has exited, waiting up to
    /// `timeout`; `None` if it is still running.
    pub fn wait_exit(&self, timeout: Duration) -> Option<i32> {
        poll(timeout, Duration::from_millis(30), || {
            let out = self
                .run(&[
                    "display-message",
                    "-p",
                    "-t",
                    TARGET,
                    "#{pane_dead} #{pane_dead_status}",
                ])
                .ok()?;
            let status = out.trim().strip_prefix("1 ")?;
            status.parse().ok()
        })
    }

    /// The pane's text framed, for failure messages.
    pub fn describe(&self) -> String {
        let mut out = format!("--- tmux pane (socket {}) ---\n", self.socket);
        for line in self.capture().lines() {
            out.push('|');
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("---");
        out
    }

    fn run_with_config(&self, conf: &Path, args: &[&str]) -> Result<String, String> {
        self.exec(Some(conf), args)
    }

    fn exec(&self, conf: Option<&Path>, args: &[&str]) -> Result<String, String> {
        // The server's environment is the first client's: a clean one,
        // with the config's temp dir for a home.
        let mut cmd = command("tmux", self._config.path());
        cmd.arg("-L").arg(&self.socket);
        if let Some(conf) = conf {
            cmd.arg("-f").arg(conf);
        }
        cmd.args(args);
        match run(&mut cmd, None, COMMAND_TIMEOUT)? {
            Finished { status, stdout, .. } if status.success() => Ok(stdout),
            Finished { status, stderr, .. } => Err(format!(
                "tmux {} failed ({status}): {}",
                args.join(" "),
                stderr.trim()
            )),
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Ends the pane's program too (SIGHUP), and removes the socket.
        let _ = self.run(&["kill-server"]);
    }
}
