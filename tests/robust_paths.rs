//! Paths that are not what they seem: `export --out` aimed at the data
//! files, devices, pipes and links; data files that are symlinks, FIFOs,
//! sockets, devices, dangling or looped links; a cache directory linked
//! elsewhere; directories made under `umask 000`; and the temp files a
//! killed export or a hung-up editor would leave behind.
//!
//! Every command here runs under a deadline ([`PROMPTLY`]): a command
//! that blocks on a FIFO fails the test instead of hanging it.

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::home::NOW;
use support::{Finished, Home, Key, Pty, TIMEOUT, netwerk_bin};

/// How long an error case may take: a refusal is a few stats, so this
/// only trips on a command that blocks.
const PROMPTLY: Duration = Duration::from_secs(2);

/// The throwaway root holding the home's data, config and state.
fn root(home: &Home) -> PathBuf {
    home.data.parent().unwrap().to_path_buf()
}

/// `netwerk --data DATA ARGS` as a plain command, in the home's root,
/// with nothing of the developer's environment that could matter.
fn netwerk(home: &Home, args: &[&str]) -> Command {
    let mut cmd = Command::new(netwerk_bin());
    cmd.arg("--data")
        .arg(&home.data)
        .args(args)
        .current_dir(root(home))
        .env("NETWERK_NOW", NOW)
        .env("HOME", root(home).join("home"))
        .env("XDG_CONFIG_HOME", &home.config_home)
        .env("XDG_STATE_HOME", &home.state_home)
        .env_remove("NETWERK_DATA")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("TMUX");
    cmd
}

/// Runs `cmd` to the end within [`PROMPTLY`].
fn promptly(cmd: &mut Command) -> Finished {
    support::run(cmd, None, PROMPTLY).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `netwerk ARGS`, which must fail at once with one line on stderr
/// holding each of `says`.
fn refused(home: &Home, args: &[&str], says: &[&str]) -> String {
    let out = promptly(&mut netwerk(home, args));
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
    for s in says {
        assert!(
            out.stderr.contains(s),
            "{args:?}: want {s:?} in {}",
            out.stderr
        );
    }
    out.stderr
}

/// A home with two contacts and a history entry.
fn home_with_data() -> Home {
    let home = Home::new();
    home.run(&["contact", "add", "Ada Lovelace"]).success();
    home.run(&["contact", "add", "Grace Hopper"]).success();
    home.run(&["log", "--kind", "touch", "ada", "--note", "tea"])
        .success();
    home
}

/// Every entry of `dir` (not following links): its kind and bytes.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        let t = entry.file_type().unwrap();
        let what = if t.is_symlink() {
            format!("link -> {}", std::fs::read_link(&path).unwrap().display())
        } else if t.is_dir() {
            for (k, v) in tree(&path) {
                out.insert(format!("{name}/{k}"), v);
            }
            "dir".into()
        } else if t.is_file() {
            String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()
        } else {
            "special".into()
        };
        out.insert(name, what);
    }
    out
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The pid of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// A character device to aim at: a null device of the test's own where
/// it may make one (as root, who could also replace the real
/// `/dev/null`, were netwerk ever to rename over it), else `/dev/null`,
/// which nobody else can replace.
fn null_device(dir: &Path) -> PathBuf {
    let own = dir.join("null");
    let c = std::ffi::CString::new(own.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; makes (or fails to make) one device node.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        own
    } else {
        PathBuf::from("/dev/null")
    }
}

/// Entries of `dir` whose name holds `needle`.
fn named(dir: &Path, needle: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(needle))
                .collect()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------
// export --out
// ---------------------------------------------------------------------

#[test]
fn an_export_never_lands_in_the_data_directory() {
    let home = home_with_data();
    let root = root(&home);
    std::fs::create_dir(root.join("out")).unwrap();
    symlink(home.file("contacts.toml"), root.join("backup.csv")).unwrap();
    symlink(&home.data, root.join("data-link")).unwrap();
    let before = tree(&home.data);
    for target in [
        "out/../data/./contacts.toml",
        "data/queue.toml",
        "data/history.jsonl",
        "data/new.csv",
        "backup.csv",
        "data-link/contacts.toml",
    ] {
        for format in ["csv", "json"] {
            refused(
                &home,
                &["export", format, "--out", target],
                &[target, "inside the data directory"],
            );
        }
    }
    assert_eq!(tree(&home.data), before, "the data directory is untouched");
    assert!(
        std::fs::symlink_metadata(root.join("backup.csv"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
}

#[test]
fn an_export_writes_through_pipes_devices_and_links_without_replacing_them() {
    let home = home_with_data();
    let root = root(&home);
    let csv = home.ok(&["export", "csv"]);

    // A null device stays the device it is.
    let null = null_device(&root);
    let out = promptly(&mut netwerk(
        &home,
        &["export", "csv", "--out", &null.display().to_string()],
    ));
    assert!(out.status.success(), "{}", out.stderr);
    let meta = std::fs::symlink_metadata(&null).unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "{} replaced",
        null.display()
    );

    // A FIFO gets the export, read by whoever listens, and stays a FIFO.
    let fifo = root.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = promptly(&mut netwerk(&home, &["export", "csv", "--out", "pipe"]));
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(reader.join().unwrap(), csv);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // A descriptor the caller gave (`/dev/stdout` is a link to this):
    // the export and nothing else goes there, the summary to stderr.
    // `/dev/fd/1` rather than `/dev/stdout`, so that a netwerk that got
    // this wrong cannot replace the machine's `/dev/stdout`.
    let out = promptly(&mut netwerk(
        &home,
        &["export", "csv", "--out", "/dev/fd/1"],
    ));
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(out.stdout, csv);
    assert!(out.stderr.contains("Exported 2 contacts to /dev/fd/1."));

    // A link to a file elsewhere: the file gets the export, the link stays.
    std::fs::create_dir(root.join("elsewhere")).unwrap();
    std::fs::write(root.join("elsewhere/real.csv"), "old\n").unwrap();
    symlink("elsewhere/real.csv", root.join("link.csv")).unwrap();
    let out = promptly(&mut netwerk(&home, &["export", "csv", "--out", "link.csv"]));
    assert!(out.status.success(), "{}", out.stderr);
    let link = std::fs::symlink_metadata(root.join("link.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert_eq!(
        std::fs::read_to_string(root.join("elsewhere/real.csv")).unwrap(),
        csv
    );
    assert_eq!(mode(&root.join("elsewhere/real.csv")), 0o600);
}

#[test]
fn an_export_refuses_what_cannot_hold_it_and_creates_nothing() {
    let home = home_with_data();
    let root = root(&home);
    std::fs::create_dir(root.join("a-dir")).unwrap();
    symlink("missing/target.csv", root.join("dangling.csv")).unwrap();
    symlink("loop.csv", root.join("loop.csv")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(root.join("sock")).unwrap();
    let before = tree(&root);
    for (target, says) in [
        ("a-dir", "is a directory"),
        ("dangling.csv", "which does not exist"),
        ("loop.csv", "too many levels of symbolic links"),
        ("sock", "is a socket"),
        ("no-such-dir/x.csv", "No such file or directory"),
    ] {
        refused(&home, &["export", "json", "--out", target], &[target, says]);
    }
    assert_eq!(tree(&root), before, "nothing created or replaced");
}

#[test]
fn a_killed_export_leaves_its_temp_file_only_until_the_next_export_there() {
    // Large enough that the temp file exists for a while.
    let home = Home::new();
    let sizes = netwerk::generate::Sizes {
        contacts: 20_000,
        items: 10,
        history: 10,
    };
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    netwerk::generate::write(&home.data, &netwerk::generate::network(sizes, 7, now)).unwrap();
    let root = root(&home);
    let mut left = Vec::new();
    for _ in 0..50 {
        let mut child = netwerk(&home, &["export", "json", "--out", "backup.json"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let seen = support::poll(TIMEOUT, Duration::from_micros(200), || {
            let temps = named(&root, ".backup.json.");
            let done = child.try_wait().unwrap().is_some();
            (!temps.is_empty() || done).then_some(temps)
        });
        let _ = child.kill();
        child.wait().unwrap();
        left = named(&root, ".backup.json.");
        if !left.is_empty() && seen.is_some_and(|t| !t.is_empty()) {
            break;
        }
    }
    assert!(!left.is_empty(), "never caught an export mid-write");
    assert!(left.iter().all(|n| n.contains(".netwerk-")), "{left:?}");
    // Another process's temp in the same place, still running (this
    // test): not touched.
    let live = root.join(format!(
        ".backup.json.netwerk-{}-abcdef.tmp",
        std::process::id()
    ));
    std::fs::write(&live, "in progress").unwrap();
    let out = support::run(
        &mut netwerk(&home, &["export", "csv", "--out", "other.csv"]),
        None,
        TIMEOUT,
    )
    .unwrap();
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        !named(&root, ".backup.json.netwerk-").is_empty(),
        "an export elsewhere leaves backup.json's temps alone"
    );
    let out = support::run(
        &mut netwerk(&home, &["export", "json", "--out", "backup.json"]),
        None,
        TIMEOUT,
    )
    .unwrap();
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(
        named(&root, ".backup.json."),
        vec![live.file_name().unwrap().to_string_lossy().into_owned()],
        "the orphan is gone, the live one kept"
    );
}

#[test]
fn temps_of_killed_writers_in_the_data_and_cache_directories_are_swept() {
    let home = home_with_data();
    let dead = dead_pid();
    let orphans = [
        home.file(&format!(".contacts.toml.netwerk-{dead}-abcdef.tmp")),
        home.file(&format!(".history.jsonl.netwerk-{dead}-abcdef.tmp")),
        home.file(".queue.toml.Xy12Ab.tmp"),
        home.file(&format!(
            ".cache/.contacts.toml.bin.netwerk-{dead}-abcdef.tmp"
        )),
        home.file(&format!(".cache/.search-v1.bin.netwerk-{dead}-abcdef.tmp")),
    ];
    for path in &orphans {
        std::fs::write(path, "Ada Lovelace, a stale copy").unwrap();
    }
    let out = promptly(&mut netwerk(&home, &["contact", "add", "Alan Turing"]));
    assert!(out.status.success(), "{}", out.stderr);
    for path in &orphans {
        assert!(!path.exists(), "{} was left", path.display());
    }
}

// ---------------------------------------------------------------------
// Data files that are not regular files
// ---------------------------------------------------------------------

#[test]
fn symlinked_data_files_are_written_through() {
    let home = home_with_data();
    home.run(&["queue", "add", "https://example.com/a", "--title", "A"])
        .success();
    let real = root(&home).join("synced");
    std::fs::create_dir(&real).unwrap();
    for file in ["contacts.toml", "queue.toml", "history.jsonl"] {
        std::fs::rename(home.file(file), real.join(file)).unwrap();
        symlink(real.join(file), home.file(file)).unwrap();
    }
    for args in [
        &["contact", "add", "Alan Turing"][..],
        &["queue", "add", "https://example.com/b", "--title", "B"],
        &["log", "--kind", "touch", "grace", "--note", "coffee"],
    ] {
        let out = promptly(&mut netwerk(&home, args));
        assert!(out.status.success(), "{args:?}: {}", out.stderr);
    }
    for file in ["contacts.toml", "queue.toml", "history.jsonl"] {
        let meta = std::fs::symlink_metadata(home.file(file)).unwrap();
        assert!(meta.file_type().is_symlink(), "{file} is still a link");
    }
    let read = |f: &str| std::fs::read_to_string(real.join(f)).unwrap();
    assert!(read("contacts.toml").contains("Alan Turing"));
    assert!(read("contacts.toml").contains("Ada Lovelace"));
    assert!(read("queue.toml").contains("https://example.com/b"));
    assert!(read("history.jsonl").contains("coffee"));
    assert!(home.ok(&["contact", "list"]).contains("Alan Turing"));
}

/// What to put where a data file should be.
#[derive(Debug, Clone, Copy)]
enum Odd {
    Fifo,
    Dangling,
    Loop,
    Socket,
    Device,
    Directory,
}

impl Odd {
    fn plant(self, path: &Path, root: &Path) -> Option<std::os::unix::net::UnixListener> {
        let _ = std::fs::remove_file(path);
        match self {
            Odd::Fifo => assert!(Command::new("mkfifo").arg(path).status().unwrap().success()),
            Odd::Dangling => symlink(path.with_extension("gone"), path).unwrap(),
            Odd::Loop => symlink(path.file_name().unwrap(), path).unwrap(),
            Odd::Socket => return Some(std::os::unix::net::UnixListener::bind(path).unwrap()),
            // Making a device node needs root; a link to one is the same
            // to netwerk.
            Odd::Device => symlink(null_device(root), path).unwrap(),
            Odd::Directory => std::fs::create_dir(path).unwrap(),
        }
        None
    }

    fn says(self) -> &'static str {
        match self {
            Odd::Fifo => "is a named pipe (FIFO), not a regular file",
            Odd::Dangling => "which does not exist",
            Odd::Loop => "too many levels of symbolic links",
            Odd::Socket => "is a socket, not a regular file",
            Odd::Device => "is a character device, not a regular file",
            Odd::Directory => "is a directory, not a regular file",
        }
    }
}

#[test]
fn a_data_file_that_is_no_regular_file_is_named_at_once_by_every_command() {
    let odd = [
        Odd::Fifo,
        Odd::Dangling,
        Odd::Loop,
        Odd::Socket,
        Odd::Device,
        Odd::Directory,
    ];
    let commands: [&[&str]; 5] = [
        &["contact", "list"],
        &["contact", "add", "Alan Turing"],
        &["history"],
        &["log", "--kind", "touch", "ada"],
        &["export", "json"],
    ];
    for file in ["contacts.toml", "queue.toml", "history.jsonl", ".lock"] {
        for kind in odd {
            let home = home_with_data();
            let path = home.file(file);
            let _socket = kind.plant(&path, &root(&home));
            let before = tree(&home.data);
            for args in commands {
                refused(&home, args, &[&path.display().to_string(), kind.says()]);
            }
            assert_eq!(tree(&home.data), before, "{file} as {kind:?}");
            assert!(
                !path.with_extension("gone").exists(),
                "nothing created through the link"
            );
        }
    }
}

#[test]
fn a_data_directory_that_loops_or_dangles_is_named() {
    let home = Home::new();
    let root = root(&home);
    symlink("loop", root.join("loop")).unwrap();
    symlink("nowhere", root.join("dangling")).unwrap();
    for (dir, says) in [
        ("loop", "too many levels of symbolic links"),
        ("loop/data", "too many levels of symbolic links"),
        (
            "dangling",
            "is a symbolic link to nowhere, which does not exist",
        ),
    ] {
        let out = promptly(
            Command::new(netwerk_bin())
                .args(["--data", dir, "contact", "list"])
                .current_dir(&root)
                .env("NETWERK_NOW", NOW),
        );
        assert_eq!(out.status.code(), Some(1), "{dir}");
        assert!(
            out.stderr.contains(&format!("{dir}: {says}")),
            "{dir}: {}",
            out.stderr
        );
    }
    assert!(!root.join("nowhere").exists());
}

#[test]
fn the_cache_is_never_followed_out_of_the_data_directory() {
    let home = home_with_data();
    let outside = root(&home).join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::remove_dir_all(home.file(".cache")).unwrap();
    symlink(&outside, home.file(".cache")).unwrap();
    for args in [
        &["contact", "add", "Alan Turing"][..],
        &["contact", "list"],
        &["search", "alan"],
        &["history"],
    ] {
        let out = promptly(&mut netwerk(&home, args));
        assert!(out.status.success(), "{args:?}: {}", out.stderr);
    }
    assert!(home.ok(&["search", "alan"]).contains("Alan Turing"));
    assert_eq!(tree(&outside), BTreeMap::new(), "nothing written outside");

    // A real cache directory whose .gitignore links outside.
    std::fs::remove_file(home.file(".cache")).unwrap();
    std::fs::create_dir(home.file(".cache")).unwrap();
    let target = outside.join("ignore");
    symlink(&target, home.file(".cache/.gitignore")).unwrap();
    let out = promptly(&mut netwerk(&home, &["contact", "add", "Edsger Dijkstra"]));
    assert!(out.status.success(), "{}", out.stderr);
    assert!(!target.exists(), "nothing written through .gitignore");
}

// ---------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------

/// `cmd` run with umask 000.
fn with_open_umask(cmd: &mut Command) -> &mut Command {
    // SAFETY: umask is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        })
    }
}

#[test]
fn every_directory_netwerk_creates_is_private_under_umask_000() {
    let home = Home::new();
    let root = root(&home);
    // Parents of --data, a relative path.
    let out = promptly(with_open_umask(
        Command::new(netwerk_bin())
            .args(["--data", "a/b/data", "contact", "add", "Ada Lovelace"])
            .current_dir(&root)
            .env("NETWERK_NOW", NOW),
    ));
    assert!(out.status.success(), "{}", out.stderr);
    for dir in ["a", "a/b", "a/b/data", "a/b/data/.cache"] {
        assert_eq!(mode(&root.join(dir)), 0o700, "{dir}");
    }

    // The default data directory and the state directory under a fresh
    // home; the home itself (existing, 0755) is left as it is.
    let user = root.join("user");
    std::fs::create_dir(&user).unwrap();
    std::fs::set_permissions(&user, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = root.join("config/netwerk");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[clipboard]\nmethod = \"file\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = promptly(with_open_umask(
            Command::new(netwerk_bin())
                .args(args)
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", &user)
                .env("XDG_CONFIG_HOME", root.join("config"))
                .env("NETWERK_NOW", NOW),
        ));
        assert!(out.status.success(), "{args:?}: {}", out.stderr);
    };
    run(&["contact", "add", "Ada Lovelace", "--interest", "rust"]);
    run(&[
        "queue",
        "add",
        "https://example.com/a",
        "--title",
        "Async Rust",
        "--topic",
        "rust",
    ]);
    run(&["share", "ada", "async"]);
    assert!(user.join(".local/state/netwerk/last-note.txt").exists());
    assert_eq!(mode(&user), 0o755, "an existing directory is left alone");
    for dir in [
        ".local",
        ".local/share",
        ".local/share/netwerk",
        ".local/share/netwerk/.cache",
        ".local/state",
        ".local/state/netwerk",
    ] {
        assert_eq!(mode(&user.join(dir)), 0o700, "{dir}");
    }
}

// ---------------------------------------------------------------------
// The note open in $EDITOR
// ---------------------------------------------------------------------

/// A TUI home: the sample network, and an editor that writes the path
/// it was given and its pid to `editor.log`, then waits.
struct EditorHome {
    home: Home,
}

impl EditorHome {
    fn new() -> Self {
        let home = Home::sample();
        let editor = home.path("editor.sh");
        std::fs::write(
            &editor,
            format!(
                "#!/bin/sh\necho \"$$ $1\" > {}\nexec sleep 30\n",
                home.path("editor.log").display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o700)).unwrap();
        EditorHome { home }
    }

    fn path(&self, rel: &str) -> String {
        self.home.path(rel).display().to_string()
    }

    fn spawn(&self) -> Pty {
        let data = self.path("data");
        let editor = self.path("editor.sh");
        let env = [("VISUAL", editor.as_str())];
        self.home
            .spawn(netwerk_bin(), &["--data", &data], &env, 120, 40)
    }

    /// Opens the composer for Priya, presses Ctrl-E and returns the
    /// editor's pid and the note file it was handed.
    fn open_editor(&self, pty: &mut Pty) -> (i32, PathBuf) {
        pty.compose_for_priya();
        pty.send_key(Key::Ctrl('e'));
        let log = self.home.path("editor.log");
        let line = support::poll(TIMEOUT, Duration::from_millis(10), || {
            std::fs::read_to_string(&log)
                .ok()
                .filter(|l| l.ends_with('\n'))
        })
        .expect("the editor started");
        let (pid, path) = line.trim_end().split_once(' ').unwrap();
        (pid.parse().unwrap(), PathBuf::from(path))
    }

    /// Every note netwerk has in the state directory.
    fn notes(&self) -> Vec<String> {
        named(&self.home.state_home.join("netwerk"), ".note.")
    }
}

fn signal(pid: i32, sig: i32) {
    // SAFETY: a signal to a process this test started.
    unsafe { libc::kill(pid, sig) };
}

#[test]
fn a_hangup_while_the_editor_is_open_leaves_no_note_behind() {
    let home = EditorHome::new();
    let mut pty = home.spawn();
    let (editor, note) = home.open_editor(&mut pty);
    assert!(note.exists(), "the editor has the note");
    assert_eq!(mode(&note), 0o600);
    assert_eq!(mode(note.parent().unwrap()), 0o700);
    assert!(
        note.starts_with(home.path("state")),
        "edited in the private state directory, not /tmp: {}",
        note.display()
    );
    signal(pty.pid().unwrap() as i32, libc::SIGHUP);
    pty.wait_exit(TIMEOUT).expect("netwerk exits on SIGHUP");
    signal(editor, libc::SIGKILL);
    assert!(!note.exists(), "{} was left behind", note.display());
    assert_eq!(home.notes(), Vec::<String>::new());
}

#[test]
fn a_note_left_by_a_killed_netwerk_is_removed_at_the_next_start() {
    let home = EditorHome::new();
    let mut pty = home.spawn();
    let (editor, note) = home.open_editor(&mut pty);
    signal(pty.pid().unwrap() as i32, libc::SIGKILL);
    pty.wait_exit(TIMEOUT).expect("netwerk dies");
    signal(editor, libc::SIGKILL);
    assert!(note.exists(), "SIGKILL cannot clean up");
    let mut again = home.spawn();
    again.wait_for_text("Contacts · 40", TIMEOUT).unwrap();
    assert!(!note.exists(), "{} is still there", note.display());
    assert_eq!(home.notes(), Vec::<String>::new());
    again.send_text("q");
    again.wait_exit(TIMEOUT).unwrap();
}
