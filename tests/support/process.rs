//! Running helper commands (tmux, xclip) with a deadline, so a wedged tool
//! fails the test instead of hanging it.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use super::poll;

/// A command that ran to completion.
#[derive(Debug)]
pub struct Finished {
    /// How it exited.
    pub status: ExitStatus,
    /// Its standard output, lossily decoded.
    pub stdout: String,
    /// Its standard error, lossily decoded.
    pub stderr: String,
}

/// Runs `cmd` with `input` on stdin (or none), capturing its output, and
/// kills it if it runs past `timeout`. `Err` says which command failed to
/// start or finish.
pub fn run(cmd: &mut Command, input: Option<&[u8]>, timeout: Duration) -> Result<Finished, String> {
    let what = format!("{cmd:?}");
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
        let input = input.to_vec();
        // A separate thread, so a child that writes before reading all its
        // input cannot deadlock against us.
        thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let Some(status) = poll(timeout, Duration::from_millis(10), || {
        child.try_wait().ok().flatten()
    }) else {
        kill(&mut child);
        return Err(format!("{what} did not finish within {timeout:?}"));
    };
    // Output pipes close when the child exits, unless it left a background
    // process holding them; don't wait long for those.
    let text = |buf: &Arc<Mutex<(Vec<u8>, bool)>>| {
        poll(Duration::from_millis(500), Duration::from_millis(5), || {
            lock(buf).1.then_some(())
        });
        String::from_utf8_lossy(&lock(buf).0).into_owned()
    };
    Ok(Finished {
        status,
        stdout: text(&stdout),
        stderr: text(&stderr),
    })
}

/// Kills a child we started and reaps it.
pub(crate) fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Collects a pipe on a background thread: (bytes so far, finished).
fn drain(pipe: Option<impl Read + Send + 'static>) -> Arc<Mutex<(Vec<u8>, bool)>> {
    let buf = Arc::new(Mutex::new((Vec::new(), pipe.is_none())));
    if let Some(mut pipe) = pipe {
        let sink = Arc::clone(&buf);
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                lock(&sink).0.extend_from_slice(&chunk[..n]);
            }
            lock(&sink).1 = true;
        });
    }
    buf
}

/// Locks, ignoring poisoning: a panicking test thread must not hide the
/// output that explains the panic.
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
