//! Editing a note in the user's own editor (`$VISUAL`, else `$EDITOR`,
//! else `vi`), on a private temp file that is removed afterwards.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

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

/// Writes `text` to a 0600 temp file, runs `command` on it, and returns
/// the file's new contents. The file is removed when this returns, even
/// if the editor failed.
pub fn edit(command: &[String], text: &str) -> Result<String, String> {
    let (program, args) = command.split_first().ok_or("the editor command is empty")?;
    let mut file = tempfile::Builder::new()
        .prefix("netwerk-note-")
        .suffix(".txt")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile()
        .map_err(|e| format!("cannot create a private temp file: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the temp file: {e}"))?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start the editor {program:?}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor {program:?} exited with {status}; note unchanged"
        ));
    }
    std::fs::read_to_string(file.path()).map_err(|e| format!("cannot read the edited note: {e}"))
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
        let out = edit(&[script.display().to_string()], "hello").unwrap();
        assert_eq!(out, "edited by hand\n");
        let seen = std::fs::read_to_string(&seen).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"), "the temp file is private");
        let path = lines.next().unwrap();
        assert!(
            !std::path::Path::new(path).exists(),
            "the temp file is removed"
        );
        let err = edit(&["false".into()], "hello").unwrap_err();
        assert!(err.contains("note unchanged"), "{err}");
        assert!(
            edit(&["/nonexistent/editor".into()], "x")
                .unwrap_err()
                .contains("cannot start")
        );
    }
}
