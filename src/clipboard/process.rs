//! Running a helper program (a copy command, `tmux`) that takes the note on
//! stdin, without ever waiting on it longer than allowed.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::outcome::StepError;

/// How often a running helper is checked on. Short enough that a quick
/// `wl-copy` costs no visible delay, long enough to cost no CPU.
const POLL: Duration = Duration::from_millis(5);

/// Runs `program args…`, writes `input` to its stdin and closes it, and
/// waits at most `timeout` for it to exit successfully. On timeout the
/// program is killed and reaped.
pub(crate) fn run_fed(
    program: &OsStr,
    args: &[&OsStr],
    input: &[u8],
    timeout: Duration,
) -> Result<(), StepError> {
    let deadline = Instant::now() + timeout;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        // Null, not the terminal: the TUI owns the screen and a helper's
        // chatter would corrupt it. Not pipes either: xclip and wl-copy
        // fork a process that keeps serving the selection and inherits
        // stdout/stderr, so reading them to EOF would wait as long as the
        // clipboard is owned.
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => StepError::NotFound,
            _ => StepError::Spawn(e),
        })?;

    // Fed from another thread: a program that never reads would otherwise
    // block us on a full pipe (64 KiB) before the deadline is ever checked.
    let (fed_tx, fed_rx) = mpsc::channel();
    let stdin = child.stdin.take();
    let input = input.to_vec();
    let feeder = thread::Builder::new()
        .name("netwerk-copy-feed".to_owned())
        .spawn(move || {
            let result = match stdin {
                Some(mut pipe) => pipe.write_all(&input),
                None => Err(io::Error::other("no stdin pipe")),
            };
            // Dropping `pipe` above closed stdin, so the program sees EOF.
            let _ = fed_tx.send(result);
        });
    if let Err(e) = feeder {
        let _ = child.kill();
        let _ = child.wait();
        return Err(StepError::Spawn(e));
    }

    let status = wait_until(&mut child, deadline, timeout).inspect_err(|_| {
        // Only the program itself is killed; a grandchild it left behind
        // is no longer our business, and holds no pipe we wait on.
        let _ = child.kill();
        let _ = child.wait();
    })?;
    if !status.success() {
        return Err(StepError::Exit(status));
    }
    // It exited successfully; make sure it also took the whole note. A
    // program that forked a reader might still be draining it.
    match fed_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(StepError::Stdin(e)),
        Err(_) => Err(StepError::Timeout(timeout)),
    }
}

/// Waits for `child` until `deadline`; `timeout` is only for the message.
fn wait_until(
    child: &mut Child,
    deadline: Instant,
    timeout: Duration,
) -> Result<ExitStatus, StepError> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                return Err(StepError::Timeout(timeout));
            }
            Ok(None) => thread::sleep(POLL),
            Err(e) => return Err(StepError::Wait(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(program: &str, args: &[&str], timeout_ms: u64) -> Result<(), StepError> {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        run_fed(
            OsStr::new(program),
            &args,
            b"note",
            Duration::from_millis(timeout_ms),
        )
    }

    #[test]
    fn a_missing_program_is_reported_as_not_found() {
        let err = run("netwerk-no-such-program", &[], 1000).expect_err("missing");
        assert_eq!(err.to_string(), "not found");
    }

    #[test]
    fn a_program_that_ignores_its_input_and_hangs_is_killed() {
        let started = Instant::now();
        // Bigger than a pipe buffer, so feeding it would block forever.
        let big = vec![b'x'; 1 << 20];
        let err = run_fed(
            OsStr::new("sleep"),
            &[OsStr::new("10")],
            &big,
            Duration::from_millis(200),
        )
        .expect_err("must time out");
        assert_eq!(err.to_string(), "timed out after 200 ms");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn a_non_zero_exit_is_a_failure() {
        let err = run("false", &[], 1000).expect_err("false fails");
        assert_eq!(err.to_string(), "failed (exit status: 1)");
    }
}
