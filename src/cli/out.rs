//! The one way the command line writes. Every line of text passes
//! [`sanitize`] on its way to stdout or stderr, so nothing from the data
//! (a name, a title, a path, a value quoted in an error) can act on the
//! terminal, whatever built the line. Table cells and names inside a
//! sentence are cleaned first as well ([`clean`]), so a line break in a
//! name cannot forge a line and columns are measured on what is shown.
//!
//! Two kinds of output keep their bytes, and they are the only ones:
//! - `--json` ([`json`]) escapes unsafe characters itself and decodes to
//!   the exact data;
//! - a document the user asked for — `export`, `share --print` — goes out
//!   byte for byte into a file or a pipe (a script may feed it to a
//!   clipboard tool) and is sanitised only when stdout is a terminal
//!   ([`document`]).
//!
//! The rest of `cli` may not use `println!`/`eprintln!` (a lint in
//! `cli/mod.rs` says so): it uses `say!` and `note!`.

use std::io::{self, BufWriter, IsTerminal, Write};

use serde::Serialize;

use super::failure::{Failure, io as io_failure};
use crate::text::{sanitize, sanitize_line};

/// User text for one line of output: controls become placeholders and a
/// line break becomes `⏎`.
pub fn clean(text: &str) -> String {
    sanitize_line(text).into_owned()
}

/// A writer of sanitised lines.
pub struct Lines<W: Write> {
    out: W,
}

impl<W: Write> Lines<W> {
    /// Writes `text` and a newline; each line of `text` is sanitised.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        for line in text.split('\n') {
            self.out.write_all(sanitize(line).as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Flushes what was written.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Sanitised lines to stdout, buffered (a long listing would otherwise be
/// a system call per line).
pub fn stdout() -> Lines<BufWriter<io::StdoutLock<'static>>> {
    Lines {
        out: BufWriter::new(io::stdout().lock()),
    }
}

/// Prints `text` (one or more lines) on stdout, sanitised.
pub fn say_text(text: &str) -> Result<(), Failure> {
    let mut out = stdout();
    out.line(text)
        .and_then(|()| out.finish())
        .map_err(io_failure)
}

/// Prints `text` on stderr, sanitised. A closed stderr is not worth
/// failing a command for.
pub fn note_text(text: &str) {
    let mut err = Lines {
        out: io::stderr().lock(),
    };
    let _ = err.line(text).and_then(|()| err.finish());
}

/// Reports a failed command on stderr: `netwerk: message`, sanitised.
pub fn error(message: &str) {
    note_text(&format!("netwerk: {message}"));
}

/// Prints `value` as one pretty JSON document on stdout, unsafe
/// characters escaped (see [`crate::text::json`]).
pub fn json<T: Serialize + ?Sized>(value: &T) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    crate::text::json::write_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}

/// Prints a document the user asked for: byte for byte into a file or a
/// pipe, each line sanitised on a terminal (a CRLF line ending becomes the
/// terminal's own newline, a leading byte-order mark is left out).
pub fn document(text: &str) -> io::Result<()> {
    document_to(io::stdout().lock(), text)
}

/// [`document`] into `out` — standard output, or a stream `--out` names.
pub fn document_to(out: impl Write + IsTerminal, text: &str) -> io::Result<()> {
    let terminal = out.is_terminal();
    let mut out = BufWriter::new(out);
    if !terminal {
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    // A byte-order mark (the CSV export's, for spreadsheets) means nothing
    // on a screen.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = body.strip_suffix('\n').unwrap_or(body);
    let mut lines = Lines { out };
    for line in body.split('\n') {
        lines.line(line.strip_suffix('\r').unwrap_or(line))?;
    }
    lines.finish()
}

/// Writes text netwerk generated itself, as it is: shell completion
/// scripts, and completion candidates (names with nothing unsafe in them;
/// see `complete.rs`).
pub fn generated(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// `say!("Added {}.", clean(&name))?`: formats, then [`say_text`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::out::say_text(&format!($($arg)*))
    };
}

/// `note!(...)`: formats, then [`note_text`] on stderr.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::cli::out::note_text(&format!($($arg)*))
    };
}

pub(crate) use {note, say};

/// Shows a one-line progress message on stderr, overwriting the last,
/// when stderr is a terminal (and nothing otherwise: a log gets only the
/// result). `None` clears the line.
pub fn progress(text: Option<&str>) {
    let mut err = io::stderr().lock();
    if !err.is_terminal() {
        return;
    }
    let _ = match text {
        Some(t) => write!(err, "\r\x1b[K{}", sanitize_line(t)),
        None => write!(err, "\r\x1b[K"),
    };
    let _ = err.flush();
}
