//! Editing a note in the user's own editor (`$VISUAL`, else `$EDITOR`,
//! else `vi`), on a private temp file that is removed afterwards — also
//! when netwerk is signalled meanwhile, and at the next start after a kill.

use crate::disk::temp;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The editor command from the environment, split into program and
/// arguments the way a shell would, but without running a shell.
pub fn command_from_env() -> Result<Vec<String>, String> {
    let raw = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let words =
        shlex::split(&raw).ok_or_else(|| format!("cannot parse the editor command {raw:?}"))?;
    if words.is_empty() {
        return Err("the editor command is empty".into());
    }
    Ok(words)
}

/// The temp directory's name stem: `.note.netwerk-PID-XXXXXX.tmp/`.
const NOTE: &str = "note";

/// The note being edited right now, so a signal can remove it.
static EDITING: Mutex<Option<Editing>> = Mutex::new(None);

struct Editing {
    dir: PathBuf,
    /// The editor's pid, once it runs.
    editor: Option<u32>,
}

/// Where notes are edited: netwerk's private state directory (created
/// 0700 all the way up), else the system temp directory.
pub fn notes_dir() -> PathBuf {
    crate::store::paths::state_dir()
        .filter(|dir| crate::disk::atomic::ensure_private_dir(dir).is_ok())
        .unwrap_or_else(std::env::temp_dir)
}

/// Removes the notes that a netwerk killed while editing (SIGKILL, power
/// loss) left in `dir`: those whose process is gone.
pub fn sweep_orphans(dir: &Path) {
    temp::sweep(dir, Some(NOTE));
}

/// Writes `text` to `note.txt` (0600) in a fresh private (0700) directory
/// under `dir`, runs `command` on it, and returns the file's new
/// contents. The directory — with any swap or backup file the editor put
/// beside the note — is removed when this returns, even if the editor
/// failed, and by [`abandon`] if netwerk is signalled meanwhile.
pub fn edit(command: &[String], text: &str, dir: &Path) -> Result<String, String> {
    let (program, args) = command.split_first().ok_or("the editor command is empty")?;
    sweep_orphans(dir);
    let private =
        temp::dir_in(dir, NOTE).map_err(|e| format!("cannot create a private temp file: {e}"))?;
    let path = private.path().join("note.txt");
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .and_then(|mut f| {
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            f.write_all(text.as_bytes())?;
            f.flush()
        })
        .map_err(|e| format!("cannot write the temp file: {e}"))?;
    // Known to a signal before the editor runs, so none can miss it.
    *editing() = Some(Editing {
        dir: private.path().to_path_buf(),
        editor: None,
    });
    let status = Command::new(program)
        .args(args)
        .arg(&path)
        .spawn()
        .and_then(|mut child| {
            if let Some(e) = editing().as_mut() {
                e.editor = Some(child.id());
            }
            child.wait()
        });
    *editing() = None;
    let status = status.map_err(|e| format!("cannot start the editor {program:?}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor {program:?} exited with {status}; note unchanged"
        ));
    }
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited note: {e}"))
}

fn editing() -> std::sync::MutexGuard<'static, Option<Editing>> {
    EDITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// netwerk is going away (a hangup, a kill): removes the note being
/// edited, if any, then hangs up the editor too, as a closed terminal
/// would. In that order, so an editor that saves on SIGHUP finds its
/// directory gone and leaves nothing behind.
pub fn abandon() {
    if let Some(e) = editing().take() {
        let _ = std::fs::remove_dir_all(&e.dir);
        if let Some(pid) = e.editor.and_then(|p| i32::try_from(p).ok()) {
            // SAFETY: sends a signal to the editor we started; no memory involved.
            unsafe { libc::kill(pid, libc::SIGHUP) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip_through_a_real_program_and_the_file_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("ed.sh");
        let seen = dir.path().join("seen");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c %a \"$1\" > {seen}\necho \"$1\" >> {seen}\nprintf 'edited by hand\\n' > \"$1\"\n",
                seen = seen.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
        let out = edit(&[script.display().to_string()], "hello", dir.path()).unwrap();
        assert_eq!(out, "edited by hand\n");
        let seen = std::fs::read_to_string(&seen).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"), "the temp file is private");
        let path = lines.next().unwrap();
        assert!(
            !std::path::Path::new(path).exists(),
            "the temp file is removed"
        );
        let err = edit(&["false".into()], "hello", dir.path()).unwrap_err();
        assert!(err.contains("note unchanged"), "{err}");
        assert!(
            edit(&["/nonexistent/editor".into()], "x", dir.path())
                .unwrap_err()
                .contains("cannot start")
        );
    }
}
