//! A private X server (Xvfb) for clipboard tests, and xclip to look at its
//! clipboard from outside the program under test.

use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::env::tool;
use super::poll;
use super::process::{kill, run};

/// How long Xvfb may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one xclip call may take.
const XCLIP_TIMEOUT: Duration = Duration::from_secs(5);

/// A running `Xvfb :N`, killed on drop (which also ends any xclip still
/// serving a selection on it).
pub struct Xvfb {
    display: String,
    child: Child,
}

impl Xvfb {
    /// Starts Xvfb on a free display number and waits until it accepts
    /// connections. Xvfb chooses the number itself (`-displayfd`), so tests
    /// running in parallel never race for one.
    pub fn start() -> Result<Xvfb, String> {
        let mut child = tool("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-noreset",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        // Xvfb writes the display number once it is ready; read it on a
        // thread so a silent Xvfb cannot hang the test.
        let stdout = child.stdout.take();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let Some(mut out) = stdout else { return };
            let mut number = String::new();
            let mut byte = [0u8; 1];
            while let Ok(1) = out.read(&mut byte) {
                if byte[0] == b'\n' {
                    break;
                }
                number.push(char::from(byte[0]));
            }
            let _ = tx.send(number);
            // Keep the pipe open: Xvfb would die of SIGPIPE if it wrote to a
            // closed one.
            let _ = std::io::copy(&mut out, &mut std::io::sink());
        });
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(number) if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Xvfb {
                    display: format!(":{number}"),
                    child,
                })
            }
            Ok(_) => {
                let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
                Err(format!("Xvfb exited before it was ready ({status})"))
            }
            Err(_) => {
                kill(&mut child);
                Err(format!("Xvfb was not ready within {START_TIMEOUT:?}"))
            }
        }
    }

    /// The display name for `DISPLAY`, like `:3`.
    pub fn display(&self) -> &str {
        &self.display
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}

/// The CLIPBOARD selection of `display` (`xclip -o -selection clipboard`),
/// or `None` if nobody owns it or xclip fails.
pub fn xclip_read(display: &str) -> Option<String> {
    let mut cmd = tool("xclip");
    cmd.args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display);
    let done = run(&mut cmd, None, XCLIP_TIMEOUT).ok()?;
    done.status.success().then_some(done.stdout)
}

/// Puts `text` on the CLIPBOARD selection of `display`, the way another
/// application would. xclip forks into the background to serve it until
/// someone else copies or the X server goes away.
pub fn xclip_write(display: &str, text: &str) -> Result<(), String> {
    // Not `run`: the background xclip would hold captured output pipes open.
    let mut child = tool("xclip")
        .args(["-i", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start xclip: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let text = text.as_bytes().to_vec();
        thread::spawn(move || {
            let _ = stdin.write_all(&text);
        });
    }
    match poll(XCLIP_TIMEOUT, Duration::from_millis(10), || {
        child.try_wait().ok().flatten()
    }) {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!("xclip -i failed ({status})")),
        None => {
            kill(&mut child);
            Err(format!("xclip -i did not finish within {XCLIP_TIMEOUT:?}"))
        }
    }
}
