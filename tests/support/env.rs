//! The one environment every program a test starts gets: the machine's
//! `PATH` and nothing else of it. A developer's `DISPLAY`,
//! `WAYLAND_DISPLAY`, `TMUX`, `STY`, `SSH_*`, `EDITOR`, `NETWERK_*` or real
//! `HOME` would otherwise change which clipboard netwerk uses, which data
//! it opens — and could put test notes on the real clipboard. A test that
//! wants one of them (an X server of its own, tmux) sets it on top.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;

/// The variables a program under test starts with: `PATH` from the
/// machine, `LANG=C.UTF-8`, and `HOME` when given (a test's temp dir).
pub fn base_env(home: Option<&Path>) -> Vec<(&'static str, OsString)> {
    let mut env = vec![("LANG", OsString::from("C.UTF-8"))];
    if let Some(path) = std::env::var_os("PATH") {
        env.push(("PATH", path));
    }
    if let Some(home) = home {
        env.push(("HOME", home.as_os_str().to_owned()));
    }
    env
}

/// `program` with [`base_env`] and nothing else, `HOME` set to `home`.
pub fn command(program: impl AsRef<OsStr>, home: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear().envs(base_env(Some(home)));
    cmd
}

/// A helper tool (xclip, Xvfb) with [`base_env`] and no `HOME`.
pub fn tool(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear().envs(base_env(None));
    cmd
}

/// The `netwerk` under test with [`base_env`], `HOME` set to `home`.
pub fn netwerk(home: &Path) -> Command {
    command(super::netwerk_bin(), home)
}
