//! The last-resort file: private, atomic, and where the message says.

use std::fs;
use std::path::Path;

use netwerk::clipboard::{Clipboard, Env, Method, Settings};

fn file_only() -> Settings {
    Settings {
        method: Method::File,
        ..Settings::default()
    }
}

fn env(home: &Path) -> Env {
    Env {
        home: Some(home.to_path_buf()),
        ..Env::default()
    }
}

#[test]
fn choosing_the_file_saves_there_without_calling_it_a_fallback() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join(".local/state/netwerk");
    let mut clipboard = Clipboard::new(file_only(), env(home.path()), dir.clone());

    let copied = clipboard.copy("Hi Grace").expect("saved");

    assert_eq!(
        copied.message(),
        "saved to ~/.local/state/netwerk/last-note.txt"
    );
    assert_eq!(copied.file(), Some(dir.join("last-note.txt").as_path()));
    assert_eq!(
        fs::read_to_string(dir.join("last-note.txt")).expect("read"),
        "Hi Grace"
    );
}

#[test]
fn outside_home_the_full_path_is_shown() {
    let home = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let mut clipboard = Clipboard::new(
        file_only(),
        env(home.path()),
        elsewhere.path().to_path_buf(),
    );

    let copied = clipboard.copy("x").expect("saved");

    let expected = format!(
        "saved to {}",
        elsewhere.path().join("last-note.txt").display()
    );
    assert_eq!(copied.message(), expected);
}

#[cfg(unix)]
#[test]
fn the_file_is_private_even_replacing_a_world_readable_one() {
    use std::os::unix::fs::PermissionsExt;

    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("state");
    let mut clipboard = Clipboard::new(file_only(), env(home.path()), dir.clone());
    clipboard.copy("first").expect("saved");
    let note = dir.join("last-note.txt");
    fs::set_permissions(&note, fs::Permissions::from_mode(0o644)).expect("chmod");

    clipboard.copy("second, private").expect("saved");

    let mode = fs::metadata(&note).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = fs::metadata(&dir).expect("stat").permissions().mode();
    assert_eq!(dir_mode & 0o777, 0o700);
    assert_eq!(fs::read_to_string(&note).expect("read"), "second, private");
}

#[test]
fn when_even_the_file_fails_the_error_says_where_and_why() {
    let home = tempfile::tempdir().expect("temp dir");
    // A regular file where the directory should be: fails even for root.
    let blocker = home.path().join("state");
    fs::write(&blocker, "").expect("blocker");
    let mut clipboard = Clipboard::new(file_only(), env(home.path()), blocker.join("netwerk"));

    let err = clipboard.copy("note").expect_err("nowhere to write");

    let shown = err.to_string();
    assert!(
        shown.starts_with(
            "could not copy or save the note: file: could not write ~/state/netwerk/last-note.txt:"
        ),
        "{shown}"
    );
}
