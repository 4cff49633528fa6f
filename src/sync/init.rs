//! `netwerk sync init`: the data directory as a git repository whose data
//! files git merges with netwerk's driver, and the check `sync` makes that
//! this was done.

use super::error::SyncError;
use super::git::Git;
use super::merge;
use crate::disk::atomic;
use crate::store::{Store, StoreError};
use std::path::Path;

/// The merge driver's name in `.gitattributes` and git's config.
const DRIVER: &str = "netwerk";

/// What `sync init` did.
#[derive(Debug)]
pub struct Initialised {
    /// Each change made, in words; empty when all was in place.
    pub changes: Vec<String>,
    /// Whether the repository has a remote to sync with.
    pub remote: bool,
}

/// The lines of `.gitattributes` that send the data files to the driver.
fn attributes() -> Vec<String> {
    merge::data_files()
        .map(|f| format!("/{f} merge={DRIVER}"))
        .collect()
}

/// The lines of `.gitignore`: what each machine keeps to itself.
const IGNORED: [&str; 4] = ["/.cache/", "/.lock", "/.*.tmp", "/last-note.txt"];

/// `netwerk sync init`: makes the data directory a git repository (if it
/// is in none), writes `.gitattributes` and `.gitignore`, and registers
/// the merge driver as `exe merge-driver %O %A %B %P` in the
/// repository's config. Changes only what is missing, so running it
/// again (on each machine, after a clone, after moving the binary) is
/// safe.
pub fn init(store: &Store, exe: &Path) -> Result<Initialised, SyncError> {
    let git = Git::new(store.dir())?;
    let mut changes = Vec::new();
    if !git.run(&["rev-parse", "--show-toplevel"])?.ok {
        git.ok(&["init", "--quiet"])?;
        changes.push(format!("made {} a git repository", store.dir().display()));
    }
    changes.extend(tighten(store)?);
    let header = "# netwerk: the data files merge record by record (netwerk sync init)";
    if add_lines(&store.path(".gitattributes"), header, &attributes())? {
        changes.push("wrote .gitattributes (the data files merge with netwerk's driver)".into());
    }
    let header = "# netwerk: what each machine keeps to itself";
    let ignored: Vec<String> = IGNORED.iter().map(|s| s.to_string()).collect();
    if add_lines(&store.path(".gitignore"), header, &ignored)? {
        changes.push("wrote .gitignore (the cache, the lock and temp files)".into());
    }
    let exe = exe.to_string_lossy();
    let quoted = shlex::try_quote(&exe).map_err(|_| SyncError::Git {
        what: "git config".into(),
        said: format!("the path {exe} cannot be written in git's config"),
    })?;
    let settings = [
        (
            "merge.netwerk.name",
            "netwerk: records merged by id".to_owned(),
        ),
        (
            "merge.netwerk.driver",
            format!("{quoted} merge-driver %O %A %B %P"),
        ),
    ];
    for (key, value) in settings {
        if git.config(key)?.as_deref() != Some(value.as_str()) {
            git.ok(&["config", key, &value])?;
            changes.push(format!("set {key} = {value}"));
        }
    }
    let remote = !git.ok(&["remote"])?.is_empty();
    Ok(Initialised { changes, remote })
}

/// Makes the data directory owner-only again, and its data files: `git
/// clone` makes them readable by all.
fn tighten(store: &Store) -> Result<Vec<String>, StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let mut changes = Vec::new();
    let files = merge::data_files().map(|f| (store.path(f), crate::disk::FILE_MODE));
    for (path, mode) in
        std::iter::once((store.dir().to_path_buf(), crate::disk::DIR_MODE)).chain(files)
    {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .map_err(|e| StoreError::io(&path, e))?;
            changes.push(format!("made {} owner-only ({mode:o})", path.display()));
        }
    }
    Ok(changes)
}

/// Adds to the file `path` those of `lines` it lacks, under `header` when
/// the file is new; returns whether it wrote.
fn add_lines(path: &Path, header: &str, lines: &[String]) -> Result<bool, StoreError> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let have: Vec<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !have.contains(&l.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !have.contains(&header) {
        text.push_str(header);
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    atomic::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(true)
}

/// Whether `sync init` has been run here: every data file is sent to the
/// driver, and the driver is a program that exists.
pub(super) fn check_initialised(store: &Store, git: &Git) -> Result<(), SyncError> {
    let have = std::fs::read_to_string(store.path(".gitattributes")).unwrap_or_default();
    let have: Vec<&str> = have.lines().map(str::trim).collect();
    if attributes().iter().any(|l| !have.contains(&l.as_str())) {
        return Err(SyncError::NotInitialised(
            ".gitattributes does not send the data files to netwerk's merge".into(),
        ));
    }
    let Some(driver) = git.config("merge.netwerk.driver")? else {
        return Err(SyncError::NotInitialised(
            "git on this machine does not know netwerk's merge".into(),
        ));
    };
    let program = shlex::split(&driver)
        .and_then(|words| words.into_iter().next())
        .unwrap_or_default();
    if !Path::new(&program).is_file() {
        return Err(SyncError::NotInitialised(format!(
            "git's merge driver is {program}, which is gone"
        )));
    }
    Ok(())
}
