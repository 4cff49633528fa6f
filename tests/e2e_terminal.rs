//! The real binary in real terminals: a pseudo-terminal, tmux and an X
//! server. Given a data directory, when a person types these keys, then
//! this is on screen, on disk and on the clipboard — and the terminal is
//! given back intact.

mod support;

use base64::Engine;
use std::path::Path;
use support::{Key, Pty, TIMEOUT, Tmux, Xvfb, netwerk_bin, require_tool, xclip_read};

const NOW: &str = "2026-11-26T09:00:00+01:00";

/// A data directory holding the sample network, and a home for config
/// and state so nothing of the developer's leaks in or out.
struct Home(support::Home);

impl Home {
    fn new() -> Self {
        Home(support::Home::sample())
    }

    /// A home whose data directory holds a generated network of `sizes`
    /// instead, left as the generator leaves it (cache and digest too).
    fn generated(sizes: netwerk::generate::Sizes, seed: u64) -> Self {
        let home = support::Home::new();
        let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
        let network = netwerk::generate::network(sizes, seed, now);
        netwerk::generate::write(&home.data, &network).unwrap();
        Home(home)
    }

    fn data(&self) -> String {
        self.0.data.display().to_string()
    }

    fn path(&self, rel: &str) -> String {
        self.0.path(rel).display().to_string()
    }

    fn env(&self) -> Vec<(String, String)> {
        let vars = self.0.vars().into_iter();
        vars.map(|(k, v)| (k.to_string(), v)).collect()
    }

    fn write_config(&self, text: &str) {
        self.0.write_config(text);
    }

    fn history(&self) -> Vec<netwerk::domain::Entry> {
        netwerk::store::Store::open(Path::new(&self.data()))
            .unwrap()
            .load_history()
            .unwrap()
    }
}

fn spawn(home: &Home, extra_env: &[(&str, &str)]) -> Pty {
    let data = home.data();
    home.0
        .spawn(netwerk_bin(), &["--data", &data], extra_env, 120, 40)
}

/// Select Priya, share "Rust on microcontrollers", add a word, confirm,
/// and wait for the status line to start with `status`.
fn share_with_priya(pty: &mut Pty, status: &str) {
    pty.compose_for_priya();
    pty.send_text(" Cheers");
    pty.wait_for_text("Cheers", TIMEOUT).unwrap();
    pty.send_key(Key::Ctrl('s'));
    pty.wait_for_text(status, TIMEOUT).unwrap();
}

/// The note of the share just confirmed. The status line reports the copy
/// at once and the entry is appended by the background worker right
/// after, so wait for it to land.
fn last_share(home: &Home) -> String {
    let landed = support::poll(TIMEOUT, std::time::Duration::from_millis(20), || {
        let history = home.history();
        let share = history
            .last()
            .is_some_and(|e| e.kind == netwerk::domain::EntryKind::Share);
        share.then_some(history)
    });
    let history = landed.expect("the share reaches history.jsonl");
    let last = history.last().unwrap();
    assert_eq!(last.contact_name(), "Priya Raman");
    last.note().to_owned()
}

#[test]
fn search_add_a_contact_quit_and_the_terminal_is_restored() {
    let home = Home::new();
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    pty.send_text("/jose");
    let screen = pty.wait_for_text("[/jose", TIMEOUT).unwrap();
    assert!(
        screen.contents().contains("José Núñez"),
        "{}",
        pty.describe()
    );
    pty.send_key(Key::Esc);
    pty.wait_for_text("Contacts · 40 ─", TIMEOUT).unwrap();
    pty.send_text("a");
    pty.wait_for_text("Add a contact", TIMEOUT).unwrap();
    pty.send_text("Katherine Johnson");
    pty.send_key(Key::Tab);
    pty.send_text("NASA");
    pty.send_key(Key::Ctrl('s'));
    pty.wait_for_text("Added Katherine Johnson", TIMEOUT)
        .unwrap();
    pty.send_text("q");
    let status = pty.wait_exit(TIMEOUT).expect("netwerk exits on q");
    assert!(status.success());
    assert_eq!(pty.restoration_problems(), Vec::<String>::new());
    let net = netwerk::store::Store::open(Path::new(&home.data()))
        .unwrap()
        .load()
        .unwrap();
    let k = net
        .contacts
        .iter()
        .find(|c| c.name == "Katherine Johnson")
        .expect("on disk");
    assert_eq!(k.company.as_deref(), Some("NASA"));
}

#[test]
fn injected_escape_sequences_never_reach_the_terminal() {
    let home = Home::new();
    let store = netwerk::store::Store::open(Path::new(&home.data())).unwrap();
    let hostile = "Mallory \x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;title\x07\u{9b}31m\u{202e}evil";
    store
        .modify("a test change", |net: &mut netwerk::domain::Network| {
            let mut c = netwerk::domain::Contact::new(
                hostile,
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            )?;
            c.notes = Some("note \x1b[31mred\x1b[0m".into());
            c.cadence_days = Some(1);
            net.contacts.push(c);
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Mallory", TIMEOUT).unwrap();
    pty.send_text("/mallory");
    pty.wait_for_text("[/mallory", TIMEOUT).unwrap();
    pty.send_key(Key::Enter);
    pty.wait_for_text("␛[31mred", TIMEOUT).unwrap();
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).unwrap();
    let raw = pty.raw_output();
    for needle in [
        &b"\x1b]52;c;cHduZWQ="[..],
        b"\x1b]0;title",
        b"\x1b[31mred",
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
    ] {
        assert!(
            !support::contains_bytes(&raw, needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn resizing_down_to_one_cell_and_back_keeps_running() {
    let home = Home::new();
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    // A person dragging a window edge: sizes arrive a few ms apart.
    for (w, h) in [(30, 8), (1, 1), (80, 24), (2, 50), (400, 120), (120, 40)] {
        pty.resize(w, h);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    pty.resize(30, 8);
    pty.wait_for_text("Terminal too small", TIMEOUT).unwrap();
    pty.resize(120, 40);
    pty.wait_for_text("History", TIMEOUT).unwrap();
    pty.send_text("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(pty.restoration_problems(), Vec::<String>::new());
}

#[test]
fn with_no_display_and_no_tmux_the_note_travels_by_osc52() {
    let home = Home::new();
    let mut pty = spawn(&home, &[]);
    share_with_priya(&mut pty, "Note for Priya copied via OSC 52");
    let note = last_share(&home);
    assert!(note.ends_with(" Cheers"), "{note}");
    let copies = pty.osc52_copies();
    assert_eq!(
        copies,
        vec![note],
        "exactly one OSC 52 sequence, decoding to the note"
    );
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).unwrap();
    // Byte-exact: the sequence is ESC ] 52 ; c ; base64 BEL.
    let encoded = base64::engine::general_purpose::STANDARD.encode(last_share(&home));
    let expected = format!("\x1b]52;c;{encoded}\x07");
    assert!(support::contains_bytes(
        &pty.raw_output(),
        expected.as_bytes()
    ));
}

#[test]
fn clipboard_file_writes_a_private_file() {
    let home = Home::new();
    home.write_config("[clipboard]\nmethod = \"file\"\n");
    let mut pty = spawn(&home, &[]);
    share_with_priya(&mut pty, "Note for Priya saved to");
    pty.wait_for_text("last-note.txt", TIMEOUT).unwrap();
    pty.wait_for_text("copy the note by hand", TIMEOUT).unwrap();
    let note = last_share(&home);
    let file = home.0.state_home.join("netwerk/last-note.txt");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), note);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    pty.send_text("x");
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn inside_tmux_the_note_lands_in_the_tmux_buffer() {
    if !require_tool("tmux") {
        return;
    }
    let home = Home::new();
    let mut env = home.env();
    env.push(("TERM".into(), "tmux-256color".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let cmd = format!("{} --data {}", netwerk_bin().display(), home.data());
    let tmux = Tmux::start(&cmd, 120, 40, &env).unwrap();
    tmux.set_option("set-clipboard", "on");
    tmux.wait_for("Contacts · 40", TIMEOUT).unwrap();
    tmux.send_text("/priya");
    tmux.wait_for("[/priya", TIMEOUT).unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.send_text("s");
    tmux.wait_for("Share with Priya Raman", TIMEOUT).unwrap();
    tmux.send_text("micro");
    tmux.wait_for("1 of 20", TIMEOUT).unwrap();
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Note for Priya Raman", TIMEOUT).unwrap();
    tmux.send_text(" Cheers");
    tmux.wait_for("Cheers", TIMEOUT).unwrap();
    tmux.send_keys(&["C-s"]);
    tmux.wait_for("copied via tmux buffer + clipboard", TIMEOUT)
        .unwrap();
    let note = last_share(&home);
    assert_eq!(tmux.show_buffer().as_deref(), Some(note.as_str()));
    // One copy, one buffer: with `set-clipboard on` an OSC 52 of
    // netwerk's own would have made a second.
    let buffers = tmux.run(&["list-buffers"]).unwrap();
    assert_eq!(buffers.lines().count(), 1, "{buffers}");
    tmux.send_text("q");
}

#[test]
fn under_x11_the_clipboard_holds_the_note_while_netwerk_runs_and_after() {
    if !require_tool("Xvfb") || !require_tool("xclip") {
        return;
    }
    let x = Xvfb::start().unwrap();
    let home = Home::new();
    let mut pty = spawn(&home, &[("DISPLAY", x.display())]);
    share_with_priya(&mut pty, "Note for Priya copied to the X11 clipboard");
    let note = last_share(&home);
    let got = support::poll(TIMEOUT, std::time::Duration::from_millis(50), || {
        xclip_read(x.display()).filter(|t| *t == note)
    });
    assert_eq!(got.as_deref(), Some(note.as_str()), "{}", pty.describe());
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).unwrap();
    // The copy outlives netwerk, as xclip's does.
    assert_eq!(xclip_read(x.display()).as_deref(), Some(note.as_str()));
}

/// How a person leaves netwerk, or how it is made to leave.
#[derive(Debug, Clone, Copy)]
enum Exit {
    /// `q`.
    Quit,
    /// `kill -s NAME` from outside (a closed SSH connection is SIGHUP).
    Signal(&'static str, u32),
    /// A bug: a panic on the first key (`NETWERK_TEST_PANIC`, debug builds).
    Panic,
}

/// Launches netwerk on the sample network, checks the terminal is really
/// in raw mode, leaves it by `how`, and checks everything is as before the
/// launch: the terminal's own settings (echo, line editing, signal keys,
/// output processing) and the screen modes. Returns what netwerk wrote
/// after it left the alternate screen.
fn leave_and_check(how: Exit) -> String {
    let home = Home::new();
    let panic = [("NETWERK_TEST_PANIC", "1")];
    let mut pty = spawn(
        &home,
        if matches!(how, Exit::Panic) {
            &panic
        } else {
            &[]
        },
    );
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    // Raw mode is on while it runs, so the check below can tell.
    assert!(pty.modes().raw(), "not in raw mode: {:?}", pty.modes());
    let code = match how {
        Exit::Quit => {
            pty.send_text("q");
            0
        }
        Exit::Signal(name, number) => {
            let pid = pty.pid().unwrap().to_string();
            let killed = std::process::Command::new("kill")
                .args(["-s", name, &pid])
                .status()
                .unwrap();
            assert!(killed.success());
            128 + number
        }
        Exit::Panic => {
            pty.send_text("j");
            101
        }
    };
    let status = pty.wait_exit(TIMEOUT).expect("netwerk exits");
    assert_eq!(status.exit_code(), code, "{how:?}\n{}", pty.describe());
    assert_eq!(
        pty.restoration_problems(),
        Vec::<String>::new(),
        "{how:?} did not give the terminal back"
    );
    let raw = pty.raw_output();
    let leave = b"\x1b[?1049l";
    let after = raw
        .windows(leave.len())
        .rposition(|w| w == leave)
        .map_or(&raw[..], |at| &raw[at + leave.len()..]);
    String::from_utf8_lossy(after).into_owned()
}

#[test]
fn q_gives_the_terminal_back() {
    leave_and_check(Exit::Quit);
}

#[test]
fn sigterm_gives_the_terminal_back() {
    leave_and_check(Exit::Signal("TERM", 15));
}

#[test]
fn sighup_gives_the_terminal_back() {
    leave_and_check(Exit::Signal("HUP", 1));
}

#[test]
fn sigint_gives_the_terminal_back() {
    leave_and_check(Exit::Signal("INT", 2));
}

#[test]
fn sigquit_gives_the_terminal_back() {
    leave_and_check(Exit::Signal("QUIT", 3));
}

/// A bug that panics: the terminal is given back before the message is
/// printed, and the message names the bug, not the people in the network.
#[test]
fn a_panic_gives_the_terminal_back_and_prints_no_contact_data() {
    if !cfg!(debug_assertions) {
        // The switch that forces the panic exists in debug builds only.
        support::cannot_run_here("a release build cannot force a panic");
        return;
    }
    let message = leave_and_check(Exit::Panic);
    assert!(
        message.contains("panicked") && message.contains("forced by NETWERK_TEST_PANIC"),
        "{message:?}"
    );
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let sample = netwerk::demo::sample(now);
    for c in &sample.contacts {
        let fields = [
            Some(&c.name),
            c.company.as_ref(),
            c.notes.as_ref(),
            c.email.as_ref(),
        ];
        for field in fields.into_iter().flatten() {
            assert!(
                !message.contains(field.as_str()),
                "the panic message shows {field:?}: {message:?}"
            );
        }
    }
}

/// The connection drops right after two saves, the second still queued
/// behind the first (each rewrites 5,000 contacts): both reach the disk.
#[test]
fn saves_made_just_before_sighup_are_written() {
    let sizes = netwerk::generate::Sizes {
        contacts: 5_000,
        items: 50,
        history: 100,
    };
    let home = Home::generated(sizes, 3);
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Contacts · ", TIMEOUT).unwrap();
    let names = ["Hangup First", "Hangup Second"];
    for name in names {
        pty.send_text("a");
        pty.wait_for_text("Add a contact", TIMEOUT).unwrap();
        pty.send_text(name);
        pty.wait_for_text(name, TIMEOUT).unwrap();
        pty.send_key(Key::Ctrl('s'));
        pty.wait_until("the form closed", TIMEOUT, |s| {
            !s.contents().contains("Add a contact")
        })
        .unwrap();
    }
    let pid = pty.pid().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-s", "HUP", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    pty.wait_exit(TIMEOUT).expect("netwerk exits on the signal");
    let net = netwerk::store::Store::open(Path::new(&home.data()))
        .unwrap()
        .load()
        .unwrap();
    for name in names {
        assert!(
            net.contacts.iter().any(|c| c.name == name),
            "{name} was lost to the hangup"
        );
    }
}

#[test]
fn the_demo_opens_on_the_sample_network_and_cleans_up() {
    let home = Home::new();
    let env: Vec<(String, String)> = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let tmp = home.path("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut env = env;
    env.push(("TMPDIR", &tmp));
    let mut pty = Pty::spawn(netwerk_bin(), &["--demo"], &env, 120, 40).unwrap();
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    pty.wait_for_text("DEMO", TIMEOUT).unwrap();
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        1,
        "one demo directory while running"
    );
    pty.send_text("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the demo directory is removed"
    );
}

/// The end of the History pane after `4` `G`, typed as soon as the first
/// frame shows, on the data as it is in `home`.
fn history_end_typed_at_once(home: &Home) -> String {
    let mut pty = spawn(home, &[]);
    pty.wait_for_text("History", TIMEOUT).unwrap();
    pty.send_text("4G");
    let screen = pty
        .wait_until("the History pane at its end", TIMEOUT, |s| {
            s.contents().contains("y copy note")
        })
        .unwrap();
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).expect("netwerk quits");
    // The History pane is the lower right quarter.
    screen
        .rows(60, 60)
        .skip(20)
        .take(19)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keys typed the moment the first frame shows — drawn from the history's
/// digest, before its 30,000 entries are read — act on all of them: the
/// end of the History pane is what a launch that read them all first shows.
#[test]
fn keys_typed_at_launch_act_on_the_whole_history() {
    let sizes = netwerk::generate::Sizes {
        contacts: 1_000,
        items: 100,
        history: 30_000,
    };
    let home = Home::generated(sizes, 7);
    let digest = Path::new(&home.data()).join(".cache/digest.bin");
    assert!(digest.exists(), "the generator leaves the history's digest");
    let from_digest = history_end_typed_at_once(&home);
    std::fs::remove_dir_all(Path::new(&home.data()).join(".cache")).unwrap();
    let read_whole = history_end_typed_at_once(&home);
    assert!(
        read_whole.contains("touch") || read_whole.contains("share"),
        "{read_whole}"
    );
    assert_eq!(from_digest, read_whole);
}

/// The row whose Contacts cell starts with the selection mark.
fn selected_contact_row(screen: &vt100::Screen) -> Option<u16> {
    (0..40).find(|&row| screen.contents_between(row, 0, row, 2) == "│▶")
}

/// A left click at 0-based `x`, `y`, as an xterm reports it (SGR mode).
fn click_at(pty: &mut Pty, x: u16, y: u16) {
    let (col, row) = (x + 1, y + 1);
    pty.send(format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m").as_bytes());
}

#[test]
fn with_the_mouse_on_a_click_selects_the_row_under_it_and_the_mouse_is_given_back() {
    let home = Home::new();
    home.write_config("[ui]\nmouse = true\n");
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    // Capture is on (SGR reports), and the first contact is selected.
    assert!(support::contains_bytes(&pty.raw_output(), b"\x1b[?1006h"));
    assert_eq!(selected_contact_row(&pty.screen()), Some(2));
    click_at(&mut pty, 10, 5);
    pty.wait_until("the fourth contact selected", TIMEOUT, |s| {
        selected_contact_row(s) == Some(5)
    })
    .unwrap();
    // The wheel scrolls the list under the pointer.
    // SGR button 64: the wheel turned up.
    pty.send(b"\x1b[<64;11;6M");
    pty.wait_until("one row up", TIMEOUT, |s| {
        selected_contact_row(s) == Some(4)
    })
    .unwrap();
    pty.send_text("q");
    assert!(pty.wait_exit(TIMEOUT).expect("netwerk exits").success());
    assert_eq!(pty.restoration_problems(), Vec::<String>::new());
}

#[test]
fn with_the_mouse_off_it_is_never_captured_and_clicks_change_nothing() {
    let home = Home::new();
    let mut pty = spawn(&home, &[]);
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    click_at(&mut pty, 10, 5);
    // A key after the click: once its effect shows, the click was read.
    pty.send_text("j");
    pty.wait_until("j moves one row", TIMEOUT, |s| {
        selected_contact_row(s) == Some(3)
    })
    .unwrap();
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).expect("netwerk exits");
    let raw = pty.raw_output();
    for mode in [
        &b"\x1b[?1000h"[..],
        b"\x1b[?1002h",
        b"\x1b[?1003h",
        b"\x1b[?1006h",
    ] {
        assert!(!support::contains_bytes(&raw, mode), "mouse mode turned on");
    }
}

/// The colour the top-left corner of the focused Contacts pane shows in.
fn border_colour(home: &Home, env: &[(&str, &str)]) -> vt100::Color {
    let mut pty = spawn(home, env);
    let screen = pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    let colour = screen.cell(1, 0).expect("a cell").fgcolor();
    pty.send_text("q");
    pty.wait_exit(TIMEOUT).expect("netwerk exits");
    colour
}

#[test]
fn the_light_theme_and_no_color_change_the_colours_on_screen() {
    let home = Home::new();
    // Dark: cyan (6); light: blue (4); NO_COLOR: the terminal's own.
    assert_eq!(border_colour(&home, &[]), vt100::Color::Idx(6));
    home.write_config("[theme]\nname = \"light\"\n");
    assert_eq!(border_colour(&home, &[]), vt100::Color::Idx(4));
    assert_eq!(
        border_colour(&home, &[("NO_COLOR", "1")]),
        vt100::Color::Default
    );
    home.write_config("[theme]\nname = \"light\"\nborder = \"#ff8800\"\n");
    assert_eq!(
        border_colour(&home, &[]),
        vt100::Color::Rgb(0xff, 0x88, 0x00)
    );
}

#[test]
fn a_bad_colour_stops_netwerk_before_it_takes_the_terminal() {
    let home = Home::new();
    home.write_config("[theme]\noverdue = \"reddd\"\n");
    let mut pty = spawn(&home, &[]);
    let status = pty.wait_exit(TIMEOUT).expect("netwerk exits");
    assert_eq!(status.exit_code(), 1);
    let text = pty.screen().contents();
    assert!(
        text.contains("config.toml: theme.overdue: \"reddd\" is not a colour"),
        "{text}"
    );
    assert!(!support::contains_bytes(&pty.raw_output(), b"\x1b[?1049h"));
}

#[test]
fn a_panic_with_the_mouse_on_gives_the_mouse_back_too() {
    if !cfg!(debug_assertions) {
        support::cannot_run_here("a release build cannot force a panic");
        return;
    }
    let home = Home::new();
    home.write_config("[ui]\nmouse = true\n");
    let mut pty = spawn(&home, &[("NETWERK_TEST_PANIC", "1")]);
    pty.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    pty.send_text("j");
    let status = pty.wait_exit(TIMEOUT).expect("netwerk exits");
    assert_eq!(status.exit_code(), 101);
    assert_eq!(pty.restoration_problems(), Vec::<String>::new());
}
