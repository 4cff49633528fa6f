//! `netwerk … | head -1`: every command that prints ends quietly when the
//! reader has gone, with no panic text and status 0.

use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};

mod support;
use support::Home;
use support::home::NOW;

/// A pipe whose reading end is already closed: every write to it fails
/// with EPIPE, with no race against a reader.
fn closed_pipe() -> OwnedFd {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors were just created and are owned here.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    write
}

#[test]
fn every_printing_command_ends_quietly_on_a_closed_pipe() {
    let home = Home::new();
    home.run(&["contact", "add", "Ada Lovelace", "--interest", "rust"])
        .success();
    home.run(&["queue", "add", "https://example.com/a", "--topic", "rust"])
        .success();
    home.run(&["log", "ada", "--kind", "touch", "--note", "coffee"])
        .success();
    let commands: &[&[&str]] = &[
        &["doctor"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["man"],
        &["--help"],
        &["contact", "list"],
        &["contact", "list", "--json"],
        &["contact", "show", "ada"],
        &["interest", "list"],
        &["queue", "list"],
        &["history"],
        &["history", "--json"],
        &["due"],
        &["stats"],
        &["suggest"],
        &["search", "ada"],
        &["export", "json"],
        &["export", "vcard"],
        &["export", "csv"],
        &["share", "ada", "example", "--print"],
    ];
    for args in commands {
        let out = Command::new(support::netwerk_bin())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home.config_home)
            .env("NETWERK_NOW", NOW)
            .env("XDG_CONFIG_HOME", &home.config_home)
            .env("XDG_STATE_HOME", &home.state_home)
            .arg("--data")
            .arg(&home.data)
            .args(*args)
            .stdin(Stdio::null())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "netwerk {}: {:?}\n{stderr}",
            args.join(" "),
            out.status
        );
    }
}
