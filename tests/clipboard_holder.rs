//! A note copied to an X11 or Wayland clipboard still pastes after netwerk
//! has exited: given a desktop session, when `netwerk share` runs and
//! ends, then `xclip -o` / `wl-paste` gives the exact note.

mod support;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::{Home, TIMEOUT, Xvfb, poll, require_tool, xclip_read, xclip_write};

/// A contact and an item to share with them.
fn network(home: &Home) {
    home.run(&["contact", "add", "Ada Lovelace", "--interest", "rust"])
        .success();
    home.run(&[
        "queue",
        "add",
        "https://example.com/rust-async",
        "--title",
        "Rust async in depth",
        "--topic",
        "rust",
    ])
    .success();
}

/// The note of the newest history entry.
fn last_note(home: &Home) -> String {
    let history = home.json(&["history", "--json"]);
    history[0]["note"].as_str().unwrap().to_string()
}

#[test]
fn a_cli_share_pastes_under_x11_after_netwerk_exited() {
    if !require_tool("Xvfb") || !require_tool("xclip") {
        return;
    }
    let x = Xvfb::start().unwrap();
    let home = Home::new();
    network(&home);
    home.cmd()
        .env("DISPLAY", x.display())
        .args(["share", "ada", "rust async"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Note for Ada Lovelace copied to the X11 clipboard",
        ));
    let note = last_note(&home);
    assert!(note.contains("https://example.com/rust-async"), "{note}");
    assert_eq!(xclip_read(x.display()).as_deref(), Some(note.as_str()));
    // Another program's copy takes over; the holder steps aside.
    xclip_write(x.display(), "something else").unwrap();
    let taken = poll(TIMEOUT, Duration::from_millis(50), || {
        xclip_read(x.display()).filter(|t| t == "something else")
    });
    assert!(taken.is_some());
}

/// A headless sway for one test, run as `user` (sway refuses root), with
/// its runtime directory in `dir`.
struct Sway {
    child: std::process::Child,
    runtime: std::path::PathBuf,
    user: Option<(u32, u32)>,
}

impl Sway {
    fn start(dir: &Path, user: Option<(u32, u32)>) -> Result<Sway, String> {
        let runtime = dir.join("runtime");
        std::fs::create_dir(&runtime).unwrap();
        let mut cmd = Command::new("sway");
        cmd.args(["-c", "/dev/null"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", dir)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("WLR_BACKENDS", "headless")
            .env("WLR_RENDERER", "pixman")
            .env("WLR_LIBINPUT_NO_DEVICES", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(&runtime, Some(uid), Some(gid)).unwrap();
            cmd.uid(uid).gid(gid);
        }
        set_mode(&runtime, 0o700);
        let child = cmd.spawn().map_err(|e| format!("cannot start sway: {e}"))?;
        let sway = Sway {
            child,
            runtime,
            user,
        };
        let socket = poll(TIMEOUT, Duration::from_millis(50), || {
            std::fs::read_dir(&sway.runtime)
                .ok()?
                .flatten()
                .find_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    (name.starts_with("wayland-") && !name.ends_with(".lock")).then_some(name)
                })
        });
        socket
            .map(|_| sway)
            .ok_or_else(|| "sway made no Wayland socket".to_string())
    }

    fn display(&self) -> String {
        std::fs::read_dir(&self.runtime)
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .find(|n| n.starts_with("wayland-") && !n.ends_with(".lock"))
            .unwrap()
    }

    /// A command run as sway's user, in its session and nothing else's.
    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.runtime.parent().unwrap())
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env("WAYLAND_DISPLAY", self.display());
        if let Some((uid, gid)) = self.user {
            cmd.uid(uid).gid(gid);
        }
        cmd
    }
}

impl Drop for Sway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_cli_share_pastes_under_wayland_after_netwerk_exited() {
    if !require_tool("sway") || !require_tool("wl-paste") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // sway refuses to run as root: as root, sway, netwerk and wl-paste
    // run as `nobody`, with a copy of the binary that user can run.
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let user = root.then_some((65534, 65534));
    let netwerk = dir.path().join("netwerk");
    std::fs::copy(support::netwerk_bin(), &netwerk).unwrap();
    set_mode(dir.path(), 0o755);
    let sway = Sway::start(dir.path(), user).unwrap();
    let data = sway.runtime.join("data");
    let run = |args: &[&str]| {
        let out = sway
            .command(&netwerk)
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("NETWERK_NOW", support::home::NOW)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "netwerk {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["contact", "add", "Ada Lovelace", "--interest", "rust"]);
    run(&[
        "queue",
        "add",
        "https://example.com/rust-async",
        "--title",
        "Rust async in depth",
    ]);
    let said = run(&["share", "ada", "rust async"]);
    assert!(said.contains("copied to the Wayland clipboard"), "{said}");
    let history: serde_json::Value = serde_json::from_str(&run(&["history", "--json"])).unwrap();
    let note = history[0]["note"].as_str().unwrap().to_string();
    let pasted = poll(TIMEOUT, Duration::from_millis(100), || {
        let out = sway
            .command(Path::new("wl-paste"))
            .arg("--no-newline")
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    assert_eq!(pasted.as_deref(), Some(note.as_str()));
}
