//! External tools the tests need: present, skipped, or (in CI) required.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

/// Whether the external `tool` (tmux, Xvfb, xclip...) can be used.
///
/// - Found on `PATH`: `true`.
/// - Missing while `CI=true`: panics, because a silently skipped test would
///   let CI pass without testing anything.
/// - Missing elsewhere: prints `skipped: <test> needs <tool>, not found` to
///   stderr and returns `false`; the test should `return` at once.
pub fn require_tool(tool: &str) -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    tool_policy(tool, find_on_path(tool).is_some(), ci, &test)
}

/// The first executable file called `tool` in `PATH`, if any.
pub fn find_on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|file| {
            file.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// The policy of [`require_tool`], apart from the environment so it can be
/// tested.
pub fn tool_policy(tool: &str, found: bool, ci: bool, test: &str) -> bool {
    if found {
        return true;
    }
    skip_policy(
        &format!("{test} needs {tool}, not found"),
        &format!(
            "{tool} is required in CI: install it in .ci/run (apt-get install -y {})",
            debian_package(tool)
        ),
        ci,
    );
    false
}

/// A test that cannot run here for `reason` (tracing blocked, no
/// unprivileged user...): prints `skipped: <test>: <reason>` so the test
/// can `return`, but panics while `CI=true`, where it must run.
pub fn cannot_run_here(reason: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    skip_policy(
        &format!("{test}: {reason}"),
        &format!("{test} must run in CI, but {reason}"),
        ci,
    );
}

/// Skips with `why` on stderr, or panics with `in_ci` while `ci`.
pub fn skip_policy(why: &str, in_ci: &str, ci: bool) {
    if ci {
        panic!("{in_ci}");
    }
    eprintln!("skipped: {why}");
}

fn debian_package(tool: &str) -> String {
    match tool {
        "Xvfb" => "xvfb".into(),
        other => other.to_lowercase(),
    }
}
