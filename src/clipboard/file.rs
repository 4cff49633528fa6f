//! The last resort: the note in a private file the user can copy from by
//! hand, so a share never depends on a clipboard existing.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The fallback file's name inside the state directory.
pub const NOTE_FILE: &str = "last-note.txt";

/// The state directory could not be located.
#[derive(Debug, thiserror::Error)]
#[error("cannot locate the state directory: no home directory")]
pub struct StateDirError;

/// netwerk's state directory: `$XDG_STATE_HOME/netwerk`, by default
/// `~/.local/state/netwerk` (on Windows, the local data directory).
pub fn default_state_dir() -> Result<PathBuf, StateDirError> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|_| StateDirError)?;
    let root = base.state_dir().unwrap_or_else(|| base.data_dir());
    Ok(root.join("netwerk"))
}

/// Writes `text` to [`NOTE_FILE`] in `dir` and returns the file's path.
///
/// The note is personal, so the file is 0600 and a directory we create
/// 0700, both set explicitly because the umask could make them anything.
/// The write is atomic (temp file in the same directory, fsync, rename,
/// fsync of the directory): a crash leaves the previous note or this one,
/// never half of either.
pub(crate) fn save_note(dir: &Path, text: &str) -> io::Result<PathBuf> {
    ensure_private_dir(dir)?;
    let path = dir.join(NOTE_FILE);
    // Temps a killed netwerk left here hold a note each.
    crate::disk::temp::sweep(dir, Some(NOTE_FILE));
    let mut tmp = crate::disk::temp::file_in(dir, NOTE_FILE)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(path)
}

/// `path` for people: under the home directory it starts with `~`.
pub fn display_path(path: &Path, home: Option<&Path>) -> String {
    // A home of `/` (some service accounts) would turn every path into `~`.
    let home = home.filter(|home| home.parent().is_some());
    match home.and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_owned(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// Creates the state directory and its missing parents 0700; an existing
/// one is someone's choice (perhaps deliberately shared: the 0600 file is
/// private either way), so its mode is left alone.
fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    crate::disk::atomic::ensure_private_dir(dir)
}

/// Makes the rename itself durable; without it a power cut could bring
/// back the old directory entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_replaces_the_previous_one_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        save_note(dir.path(), "first").expect("saved");
        let path = save_note(dir.path(), "second").expect("saved");
        assert_eq!(path, dir.path().join("last-note.txt"));
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec!["last-note.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_state_dir_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("state").join("netwerk");
        save_note(&dir, "hi").expect("saved");
        let mode = fs::metadata(&dir).expect("dir").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }

    #[test]
    fn paths_under_home_start_with_a_tilde() {
        let home = Path::new("/home/ada");
        let note = Path::new("/home/ada/.local/state/netwerk/last-note.txt");
        assert_eq!(
            display_path(note, Some(home)),
            "~/.local/state/netwerk/last-note.txt"
        );
        assert_eq!(
            display_path(Path::new("/home/adam/x"), Some(home)),
            "/home/adam/x"
        );
        assert_eq!(display_path(note, None), note.display().to_string());
        assert_eq!(
            display_path(note, Some(Path::new("/"))),
            note.display().to_string()
        );
    }
}
