//! The user's own copy command (`wl-copy`, `xclip -selection clipboard`,
//! `pbcopy`, …), configured as `[clipboard] command`.

use std::ffi::OsStr;
use std::time::Duration;

use super::outcome::StepError;
use super::process::run_fed;

/// Runs the command `line`, feeding it `text` on stdin.
///
/// The line is split into words like a shell would (quotes respected) but
/// never run by one, so no note or config value is ever shell-interpreted.
pub(crate) fn copy_with(line: &str, text: &str, timeout: Duration) -> Result<(), StepError> {
    let words = shlex::split(line).unwrap_or_default();
    let Some((program, args)) = words.split_first() else {
        return Err(StepError::BadCommand {
            line: line.to_owned(),
        });
    };
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_fed(OsStr::new(program), &args, text.as_bytes(), timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsplittable_lines_are_refused_before_running_anything() {
        for line in ["", "   ", "xclip -selection 'clipboard"] {
            let err = copy_with(line, "note", Duration::from_secs(1)).expect_err(line);
            assert!(matches!(err, StepError::BadCommand { .. }), "{line}: {err}");
        }
    }

    #[test]
    fn quoted_arguments_reach_the_program_as_one_word() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("a file with spaces.txt");
        let line = format!("tee '{}'", out.display());
        copy_with(&line, "hello", Duration::from_secs(5)).expect("tee copies");
        assert_eq!(std::fs::read_to_string(&out).expect("written"), "hello");
    }
}
