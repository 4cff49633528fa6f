//! The slice of the process environment that decides how a copy can reach
//! the user's clipboard.

use std::io::IsTerminal;
use std::path::PathBuf;

/// A snapshot of the environment the clipboard route depends on.
///
/// Taken once at start-up ([`Env::from_process`]) so the route is decided
/// from one consistent picture, and built by hand in tests so no test
/// depends on the machine it runs on. Empty variables count as unset, as
/// shells and tools treat them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `$DISPLAY`: an X11 server to talk to.
    pub display: Option<String>,
    /// `$WAYLAND_DISPLAY`: a Wayland compositor to talk to.
    pub wayland_display: Option<String>,
    /// `$SSH_CONNECTION`: set by sshd for a remote login.
    pub ssh_connection: Option<String>,
    /// `$SSH_TTY`: set by sshd when the remote login has a terminal.
    pub ssh_tty: Option<String>,
    /// `$TMUX`: the socket of the tmux server this program runs inside.
    pub tmux: Option<String>,
    /// `$STY`: the GNU screen session this program runs inside.
    pub sty: Option<String>,
    /// `$TERM`: the terminal type, used to skip OSC 52 where it can't work.
    pub term: Option<String>,
    /// The home directory, only to show paths as `~/…`.
    pub home: Option<PathBuf>,
    /// Whether standard output is a terminal. OSC 52 goes to stdout, and
    /// writing it into a pipe (`netwerk share … | less`) would corrupt the
    /// output instead of copying anything.
    pub terminal: bool,
    /// Whether the platform has a clipboard without any display server
    /// (macOS, Windows).
    pub native_clipboard: bool,
}

/// Which system clipboard arboard will reach, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemKind {
    /// An X11 server (`$DISPLAY`).
    X11,
    /// A Wayland compositor (`$WAYLAND_DISPLAY`).
    Wayland,
    /// The platform's own clipboard (macOS, Windows).
    Native,
}

impl SystemKind {
    /// "X11 clipboard", "Wayland clipboard" or "system clipboard".
    pub fn label(self) -> &'static str {
        match self {
            SystemKind::X11 => "X11 clipboard",
            SystemKind::Wayland => "Wayland clipboard",
            SystemKind::Native => "system clipboard",
        }
    }
}

impl Env {
    /// Reads the current process's environment and terminal.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Self {
            display: var("DISPLAY"),
            wayland_display: var("WAYLAND_DISPLAY"),
            ssh_connection: var("SSH_CONNECTION"),
            ssh_tty: var("SSH_TTY"),
            tmux: var("TMUX"),
            sty: var("STY"),
            term: var("TERM"),
            home: etcetera::home_dir().ok(),
            terminal: std::io::stdout().is_terminal(),
            native_clipboard: cfg!(any(target_os = "macos", windows)),
        }
    }

    /// The system clipboard arboard would use, if there is one at all.
    ///
    /// arboard tries Wayland first when `$WAYLAND_DISPLAY` is set; should
    /// the compositor lack the data-control protocol it falls back to
    /// XWayland, whose clipboard the compositor shares, so "Wayland" stays
    /// the right word for the user either way.
    pub fn system_kind(&self) -> Option<SystemKind> {
        if self.native_clipboard {
            Some(SystemKind::Native)
        } else if set(&self.wayland_display) {
            Some(SystemKind::Wayland)
        } else if set(&self.display) {
            Some(SystemKind::X11)
        } else {
            None
        }
    }

    /// Whether this is a remote SSH session. A display here is then usually
    /// X forwarding, which is slow, may hang, and copies to a clipboard the
    /// user is probably not looking at.
    pub fn is_remote(&self) -> bool {
        set(&self.ssh_connection) || set(&self.ssh_tty)
    }

    /// Whether this program runs inside tmux.
    pub fn in_tmux(&self) -> bool {
        set(&self.tmux)
    }

    /// Whether this program runs inside GNU screen (and not in a tmux
    /// started within it, where tmux is the nearer multiplexer).
    pub fn in_screen(&self) -> bool {
        set(&self.sty) && !self.in_tmux()
    }

    /// Why OSC 52 cannot reach a terminal, if it cannot.
    pub fn osc52_obstacle(&self) -> Option<String> {
        if !self.terminal {
            return Some("output is not a terminal".to_owned());
        }
        match self.term.as_deref() {
            // The Linux console and dumb terminals have no clipboard to set.
            Some(term @ ("dumb" | "linux")) => Some(format!("TERM={term} has no OSC 52")),
            _ => None,
        }
    }
}

fn set(var: &Option<String>) -> bool {
    var.as_deref().is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_variables_count_as_unset() {
        let env = Env {
            display: Some(String::new()),
            ssh_tty: Some(String::new()),
            tmux: Some(String::new()),
            ..Env::default()
        };
        assert_eq!(env.system_kind(), None);
        assert!(!env.is_remote());
        assert!(!env.in_tmux());
    }

    #[test]
    fn wayland_wins_over_xwayland() {
        let env = Env {
            display: Some(":0".into()),
            wayland_display: Some("wayland-0".into()),
            ..Env::default()
        };
        assert_eq!(env.system_kind(), Some(SystemKind::Wayland));
    }

    #[test]
    fn tmux_inside_screen_is_tmux() {
        let env = Env {
            sty: Some("123.pts-0.host".into()),
            tmux: Some("/tmp/tmux-1000/default,1,0".into()),
            ..Env::default()
        };
        assert!(env.in_tmux());
        assert!(!env.in_screen());
    }
}
