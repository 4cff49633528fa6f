//! The end-to-end harness in `tests/support` works: proven on small shell
//! programs, so a failing netwerk test means netwerk, not the harness.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{Key, Pty, TIMEOUT, Tmux, Xvfb, require_tool, restoration_problems, restored};

/// Runs a shell script in an 80×24 pseudo-terminal.
fn sh(script: &str) -> Pty {
    Pty::spawn(Path::new("/bin/sh"), &["-c", script], &[], 80, 24).expect("start sh")
}

// --- PTY runner -----------------------------------------------------------

#[test]
fn pty_shows_output_and_takes_typed_input() {
    let mut pty = sh(r#"printf hello; read x; printf "got $x"; exit 3"#);
    pty.wait_for_text("hello", TIMEOUT).unwrap();
    pty.send_text("world");
    pty.send_key(Key::Enter);
    let screen = pty.wait_for_text("got world", TIMEOUT).unwrap();
    assert_eq!(screen.contents().lines().next(), Some("helloworld"));
    let status = pty.wait_exit(TIMEOUT).expect("sh exits");
    assert_eq!(status.exit_code(), 3);
}

#[test]
fn pty_passes_environment_but_not_ours() {
    let env = [("NETWERK_NOW", "2026-03-12T09:00:00Z")];
    let pty = Pty::spawn(
        Path::new("/bin/sh"),
        &[
            "-c",
            r#"printf "[$NETWERK_NOW|$TERM|${CARGO_MANIFEST_DIR:-unset}]""#,
        ],
        &env,
        80,
        24,
    )
    .unwrap();
    pty.wait_for_text("[2026-03-12T09:00:00Z|xterm-256color|unset]", TIMEOUT)
        .unwrap();
}

#[test]
fn pty_resize_reaches_program_and_screen() {
    let mut pty = sh("stty size; read x; stty size; read x");
    pty.wait_for_text("24 80", TIMEOUT).unwrap();
    pty.resize(100, 30);
    pty.send_key(Key::Enter);
    let screen = pty.wait_for_text("30 100", TIMEOUT).unwrap();
    let (rows, cols) = screen.size();
    assert_eq!((rows.get(), cols.get()), (30, 100));
}

#[test]
fn pty_sends_keys_as_a_terminal_does() {
    let mut pty = sh("stty raw -echo; printf ready; dd bs=1 count=6 2>/dev/null | od -An -tx1");
    pty.wait_for_text("ready", TIMEOUT).unwrap();
    pty.send_keys(&[Key::Up, Key::Ctrl('s'), Key::Esc, Key::Enter]);
    pty.wait_for_text("1b 5b 41 13 1b 0d", TIMEOUT).unwrap();
}

#[test]
fn pty_answers_cursor_position_queries() {
    // crossterm asks where the cursor is and waits for the answer.
    let pty = sh(
        r"stty raw -echo; printf 'ready\033[3;5H\033[6n'; dd bs=1 count=6 2>/dev/null | od -An -tx1",
    );
    pty.wait_for_text("1b 5b 33 3b 35 52", TIMEOUT).unwrap();
}

#[test]
fn pty_records_raw_output_and_osc52_copies() {
    let mut pty = sh(r"printf '\033[31mred\033[0m \033]52;c;bm90ZSBmb3IgQWRh\007'");
    assert_eq!(pty.wait_for_osc52(0, TIMEOUT).unwrap(), "note for Ada");
    pty.wait_exit(TIMEOUT).expect("sh exits");
    let raw = pty.raw_output();
    assert!(support::contains_bytes(&raw, b"\x1b[31mred"));
    assert_eq!(pty.screen_text().trim(), "red");
}

#[test]
fn restored_accepts_a_program_that_cleans_up() {
    let mut pty = sh(
        r"printf '\033[?1049h\033[?2004h\033[?25lALT'; sleep 0.2; printf '\033[?25h\033[?2004l\033[?1049lbye'",
    );
    pty.wait_for_text("ALT", TIMEOUT).unwrap();
    assert!(pty.screen().alternate_screen());
    pty.wait_exit(TIMEOUT).expect("sh exits");
    let raw = pty.raw_output();
    assert!(restored(&raw), "{:?}", restoration_problems(&raw));
    assert_eq!(pty.screen_text().trim(), "bye");
}

#[test]
fn restored_names_what_was_left_behind() {
    assert!(restored(b"\x1b[?1049h\x1b[?2004hx\x1b[?2004l\x1b[?1049l"));
    assert_eq!(
        restoration_problems(b"\x1b[?1049h\x1b[?2004h\x1b[?25l"),
        [
            "never left the alternate screen (\\x1b[?1049l)",
            "never disabled bracketed paste (\\x1b[?2004l)",
            "ends on the alternate screen",
            "ends with bracketed paste on",
            "ends with the cursor hidden",
        ]
    );
    // Leaving and then entering again is not leaving.
    assert!(!restored(b"\x1b[?1049l\x1b[?2004l\x1b[?1049h"));
    assert!(!restored(b"\x1b[?1049l\x1b[?2004l\x1b[?1000h"));
}

#[test]
fn terminal_modes_left_raw_are_named_after_exit() {
    let mut pty = sh("stty raw -echo; printf raw; sleep 0.2");
    pty.wait_for_text("raw", TIMEOUT).unwrap();
    assert!(pty.modes().raw(), "{:?}", pty.modes());
    assert!(!pty.modes_before().raw(), "{:?}", pty.modes_before());
    pty.wait_exit(TIMEOUT).expect("sh exits");
    // The settings outlive the program: the next one in this terminal
    // would find them.
    let problems = pty.restoration_problems();
    for flag in ["ICANON", "ECHO is off", "ISIG", "OPOST", "ICRNL"] {
        assert!(
            problems.iter().any(|p| p.starts_with(flag)),
            "{flag} not named in {problems:#?}"
        );
    }
}

#[test]
fn terminal_modes_put_back_are_accepted() {
    let mut pty = sh(r#"saved=$(stty -g); stty raw -echo; printf raw; sleep 0.2; stty "$saved""#);
    pty.wait_for_text("raw", TIMEOUT).unwrap();
    assert!(pty.modes().raw());
    pty.wait_exit(TIMEOUT).expect("sh exits");
    assert_eq!(
        pty.modes().differences(&pty.modes_before()),
        Vec::<String>::new()
    );
}

#[test]
fn waiting_in_vain_fails_with_the_screen() {
    let pty = sh("printf 'visible text'; sleep 10");
    let err = pty
        .wait_for_text("absent", Duration::from_millis(300))
        .unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("|visible text"), "{err}");
}

#[test]
fn waiting_stops_early_when_the_program_is_gone() {
    let pty = sh("printf done");
    let start = Instant::now();
    let err = pty.wait_for_text("absent", TIMEOUT).unwrap_err();
    assert!(err.contains("ended first"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn dropping_the_pty_kills_the_program() {
    let pty = sh("sleep 30");
    let pid = pty.pid().expect("pid");
    assert!(Path::new(&format!("/proc/{pid}")).exists());
    drop(pty);
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "{pid} survived"
    );
}

#[test]
fn keys_are_xterm_bytes() {
    assert_eq!(Key::Ctrl('S').bytes(), [0x13]);
    assert_eq!(Key::BackTab.bytes(), b"\x1b[Z");
    assert_eq!(Key::F(1).bytes(), b"\x1bOP");
    assert_eq!(Key::F(5).bytes(), b"\x1b[15~");
    assert_eq!(Key::F(12).bytes(), b"\x1b[24~");
    assert_eq!(Key::Char('王').bytes(), "王".as_bytes());
}

// --- tool policy ----------------------------------------------------------

#[test]
fn a_present_tool_is_used() {
    assert!(require_tool("sh"));
    assert!(support::tool_policy("tmux", true, true, "t"));
}

#[test]
fn a_missing_tool_skips_outside_ci() {
    assert!(!support::tool_policy("no-such-tool", false, false, "t"));
}

#[test]
#[should_panic(expected = "tmux is required in CI: install it in .ci/run")]
fn a_missing_tool_fails_ci() {
    support::tool_policy("tmux", false, true, "t");
}

#[test]
#[should_panic(expected = "must run in CI, but tracing is blocked")]
fn a_test_that_cannot_run_fails_ci() {
    support::skip_policy(
        "t: tracing is blocked",
        "t must run in CI, but tracing is blocked",
        true,
    );
}

#[test]
fn a_test_that_cannot_run_skips_outside_ci() {
    support::skip_policy("t: tracing is blocked", "t must run in CI", false);
}

// --- tmux -----------------------------------------------------------------

#[test]
fn tmux_runs_a_program_in_a_private_server() {
    if !require_tool("tmux") {
        return;
    }
    let tmux = Tmux::start(
        r#"printf 'hello %s\n' "$WHO"; read x; printf 'got %s\n' "$x"; exit 4"#,
        80,
        24,
        &[("WHO", "tmux")],
    )
    .unwrap();
    tmux.wait_for("hello tmux", TIMEOUT).unwrap();
    tmux.send_keys(&["world", "Enter"]);
    tmux.wait_for("got world", TIMEOUT).unwrap();
    // Under heavy load tmux can mark the pane dead before it has reaped
    // the child, and then report no status; the pane being dead is what
    // matters, the status when tmux has one.
    match tmux.wait_exit(TIMEOUT) {
        Some(code) => assert_eq!(code, 4),
        None => {
            let dead = tmux
                .run(&[
                    "display-message",
                    "-p",
                    "-t",
                    "netwerk-test",
                    "#{pane_dead}",
                ])
                .unwrap();
            assert_eq!(dead.trim(), "1", "{}", tmux.describe());
        }
    }
    // The pane stays after exit, so its last screen can still be read.
    assert!(tmux.capture().contains("got world"));
}

#[test]
fn tmux_buffer_receives_copies_from_the_pane() {
    if !require_tool("tmux") {
        return;
    }
    let tmux = Tmux::start(
        "read x; printf 'from-pane' | tmux load-buffer -; echo loaded; sleep 10",
        80,
        24,
        &[],
    )
    .unwrap();
    assert_eq!(tmux.show_buffer(), None);
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("loaded", TIMEOUT).unwrap();
    assert_eq!(tmux.show_buffer().as_deref(), Some("from-pane"));
}

#[test]
fn tmux_resizes_and_sets_options() {
    if !require_tool("tmux") {
        return;
    }
    let tmux = Tmux::start("stty size; read x; stty size; sleep 10", 80, 24, &[]).unwrap();
    tmux.wait_for("24 80", TIMEOUT).unwrap();
    tmux.resize(100, 30);
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("30 100", TIMEOUT).unwrap();
    tmux.set_option("set-clipboard", "on");
    let shown = tmux.run(&["show-options", "-s", "set-clipboard"]).unwrap();
    assert_eq!(shown.trim(), "set-clipboard on");
}

#[test]
fn tmux_wait_failure_shows_the_pane() {
    if !require_tool("tmux") {
        return;
    }
    let tmux = Tmux::start("echo visible; sleep 10", 80, 24, &[]).unwrap();
    let err = tmux
        .wait_for("absent", Duration::from_millis(300))
        .unwrap_err();
    assert!(err.contains("|visible"), "{err}");
}

// --- Xvfb + xclip ---------------------------------------------------------

#[test]
fn xvfb_clipboard_round_trip() {
    if !require_tool("Xvfb") || !require_tool("xclip") {
        return;
    }
    let x = Xvfb::start().unwrap();
    assert_eq!(support::xclip_read(x.display()), None);
    support::xclip_write(x.display(), "note for 王芳 ✓").unwrap();
    assert_eq!(
        support::xclip_read(x.display()).as_deref(),
        Some("note for 王芳 ✓")
    );
}

#[test]
fn the_netwerk_binary_is_built_for_the_tests() {
    assert!(support::netwerk_bin().is_file());
}

// --- the machine's environment --------------------------------------------

/// What a developer's desktop, tmux or SSH session puts in the environment
/// of `cargo test`. None of it may reach a program a test starts.
const MACHINE: [(&str, &str); 17] = [
    ("DISPLAY", ":77"),
    ("WAYLAND_DISPLAY", "wayland-77"),
    ("TMUX", "/tmp/tmux-77/default,77,0"),
    ("TMUX_PANE", "%77"),
    ("STY", "77.pts-7.host"),
    ("SSH_CLIENT", "192.0.2.7 50000 22"),
    ("SSH_CONNECTION", "192.0.2.7 50000 192.0.2.8 22"),
    ("SSH_TTY", "/dev/pts/77"),
    ("SSH_AUTH_SOCK", "/tmp/ssh-77/agent.77"),
    ("EDITOR", "/bin/false"),
    ("VISUAL", "/bin/false"),
    ("NETWERK_DATA", "/nonexistent/netwerk-data"),
    ("NETWERK_NOW", "1999-01-01T00:00:00Z"),
    ("HOME", "/nonexistent/home"),
    ("XDG_CONFIG_HOME", "/nonexistent/config"),
    ("XDG_STATE_HOME", "/nonexistent/state"),
    ("XDG_DATA_HOME", "/nonexistent/data"),
];

/// Runs [`helpers_ignore_the_machines_environment`] in a copy of this test
/// binary whose environment holds all of [`MACHINE`]: the helpers must
/// give netwerk the same clipboard route, clock and data as on a bare CI
/// machine.
#[test]
fn tests_do_not_depend_on_the_machines_environment() {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = std::process::Command::new(exe);
    cmd.args([
        "--exact",
        "helpers_ignore_the_machines_environment",
        "--ignored",
        "--test-threads=1",
    ])
    .envs(MACHINE);
    let out = support::run(&mut cmd, None, Duration::from_secs(60)).unwrap();
    assert!(
        out.status.success() && out.stdout.contains("1 passed"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
}

#[test]
#[ignore = "run by tests_do_not_depend_on_the_machines_environment"]
fn helpers_ignore_the_machines_environment() {
    assert_eq!(std::env::var("DISPLAY").as_deref(), Ok(":77"));
    // The CLI: the route a share takes, the clock, the data directory.
    let home = support::Home::new();
    home.run(&["contact", "add", "Ada Lovelace"]).success();
    home.run(&[
        "queue",
        "add",
        "https://example.com/a",
        "--title",
        "Rust async",
    ])
    .success();
    let doctor = home.ok(&["doctor"]);
    for expected in [
        "clipboard  auto: no display, output is not a terminal → file",
        "TMUX=no SSH=no",
        "frozen at 2026-11-26T09:00:00+01:00",
    ] {
        assert!(doctor.contains(expected), "{expected:?} not in\n{doctor}");
    }
    let shared = home.ok(&["share", "ada", "rust"]);
    assert!(
        shared.starts_with("Note for Ada Lovelace saved to "),
        "{shared}"
    );
    assert!(home.state_home.join("netwerk/last-note.txt").is_file());
    assert!(home.data.join("history.jsonl").is_file());
    // Any other program a test starts, in a pty, in tmux, or plain.
    // tmux sets its own TMUX in the pane, on purpose; only there.
    let show = |vars: &str| {
        format!(
            r#"printf '[%s]' "{vars}"; case "$HOME" in /nonexistent*) echo ' machine home';; *) echo ' own home';; esac"#
        )
    };
    let all = "$DISPLAY$WAYLAND_DISPLAY$TMUX$TMUX_PANE$STY$SSH_CLIENT$SSH_CONNECTION$SSH_TTY$SSH_AUTH_SOCK$EDITOR$VISUAL$NETWERK_DATA$NETWERK_NOW$XDG_CONFIG_HOME$XDG_STATE_HOME$XDG_DATA_HOME";
    let (show_tmux, show) = (show(&all.replace("$TMUX$TMUX_PANE", "")), show(all));
    let expected = "[] own home";
    let pty = sh(&show);
    pty.wait_for_text(expected, TIMEOUT).unwrap();
    let plain = support::run(
        support::env::command("sh", Path::new("/tmp/own")).args(["-c", &show]),
        None,
        TIMEOUT,
    )
    .unwrap();
    assert_eq!(plain.stdout.trim(), expected);
    if require_tool("tmux") {
        let tmux = Tmux::start(&format!("{show_tmux}; sleep 10"), 80, 24, &[]).unwrap();
        tmux.wait_for(expected, TIMEOUT).unwrap();
    }
}
