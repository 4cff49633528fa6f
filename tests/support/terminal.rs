//! What a real terminal does besides drawing: answering queries, receiving
//! OSC 52 copies — and checking that a program gave the terminal back as it
//! found it.

use base64::Engine as _;

/// vt100 callbacks that make the emulated terminal behave like a real one.
#[derive(Default)]
pub(crate) struct Terminal {
    /// Answers to queries, to be written back to the program.
    pub(crate) replies: Vec<u8>,
    /// Every OSC 52 clipboard payload, decoded, oldest first.
    pub(crate) clipboard: Vec<String>,
    /// The last window title set.
    pub(crate) title: Option<String>,
    /// How many times the bell rang.
    pub(crate) bells: usize,
}

impl vt100::Callbacks for Terminal {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.title = Some(String::from_utf8_lossy(title).into_owned());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        let text = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_else(|e| format!("<invalid base64: {e}>"));
        self.clipboard.push(text);
    }

    // Programs probe the terminal and some wait for the answer (crossterm
    // asks for the cursor position, and sends DA1 after its keyboard
    // enhancement query); without replies they would stall for seconds.
    // Queries a plain xterm would not answer stay unanswered.
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied();
        match (i1, c, first) {
            (None, 'n', Some(6)) => {
                let (row, col) = screen.cursor_position();
                self.replies
                    .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
            }
            (None, 'n', Some(5)) => self.replies.extend_from_slice(b"\x1b[0n"),
            (None, 'c', None | Some(0)) => self.replies.extend_from_slice(b"\x1b[?62;22c"),
            _ => {}
        }
    }
}

/// Whether `raw` — everything a program wrote to its terminal — leaves the
/// terminal usable after the program is gone: it left the alternate screen
/// (`\x1b[?1049l`), disabled bracketed paste (`\x1b[?2004l`), and did not
/// leave mouse reporting on or the cursor hidden. Both sequences must be
/// present *and* be the last word: a replay through a terminal emulator
/// decides the final state, so enabling a mode again afterwards fails.
///
/// See [`restoration_problems`] for the reasons when this is `false`.
pub fn restored(raw: &[u8]) -> bool {
    restoration_problems(raw).is_empty()
}

/// What [`restored`] objects to, one line per problem, for failure messages.
pub fn restoration_problems(raw: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    for (seq, what) in [
        (
            &b"\x1b[?1049l"[..],
            "never left the alternate screen (\\x1b[?1049l)",
        ),
        (
            &b"\x1b[?2004l"[..],
            "never disabled bracketed paste (\\x1b[?2004l)",
        ),
    ] {
        if !contains_bytes(raw, seq) {
            problems.push(what.to_owned());
        }
    }
    let mut replay = vt100::Parser::new(cells(24), cells(80), 0);
    replay.process(raw);
    let end = replay.screen();
    if end.alternate_screen() {
        problems.push("ends on the alternate screen".to_owned());
    }
    if end.bracketed_paste() {
        problems.push("ends with bracketed paste on".to_owned());
    }
    if end.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
        problems.push(format!(
            "ends with mouse reporting on ({:?})",
            end.mouse_protocol_mode()
        ));
    }
    if end.hide_cursor() {
        problems.push("ends with the cursor hidden".to_owned());
    }
    problems
}

/// Whether `haystack` contains `needle` byte for byte, e.g. an escape
/// sequence planted in a contact's name that must never reach the terminal.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// A terminal dimension for vt100, which cannot be zero.
pub(crate) fn cells(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

/// A terminal's line settings (termios) — what raw mode changes and a
/// program must put back: echo, line editing, signal keys, output and
/// input translation. Escape sequences cannot show these; only the
/// terminal itself can.
#[derive(Clone, Copy)]
pub struct Modes(libc::termios);

/// The flags worth naming in a failure, by the field they live in.
const NAMED: [(&str, &[(libc::tcflag_t, &str)]); 4] = [
    (
        "lflag",
        &[
            (libc::ICANON, "ICANON (line editing)"),
            (libc::ECHO, "ECHO"),
            (libc::ISIG, "ISIG (Ctrl-C, Ctrl-Z)"),
            (libc::IEXTEN, "IEXTEN"),
            (libc::ECHOE, "ECHOE"),
            (libc::ECHOK, "ECHOK"),
            (libc::ECHONL, "ECHONL"),
        ],
    ),
    (
        "oflag",
        &[
            (libc::OPOST, "OPOST (output processing)"),
            (libc::ONLCR, "ONLCR"),
        ],
    ),
    (
        "iflag",
        &[
            (libc::ICRNL, "ICRNL (Enter as newline)"),
            (libc::IXON, "IXON (Ctrl-S, Ctrl-Q)"),
            (libc::BRKINT, "BRKINT"),
            (libc::INPCK, "INPCK"),
            (libc::ISTRIP, "ISTRIP"),
        ],
    ),
    ("cflag", &[(libc::CS8, "CS8"), (libc::PARENB, "PARENB")]),
];

impl Modes {
    /// The settings of the terminal behind `fd` (a pty's master side reads
    /// its slave's settings).
    pub fn of(fd: std::os::fd::RawFd) -> std::io::Result<Modes> {
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Modes(t))
    }

    /// Raw mode as a full-screen program sets it: no line editing, no
    /// echo, no signal keys.
    pub fn raw(&self) -> bool {
        self.0.c_lflag & (libc::ICANON | libc::ECHO | libc::ISIG) == 0
    }

    /// How these settings differ from `before`, one line each, naming the
    /// flags, e.g. "ECHO is off (was on)".
    pub fn differences(&self, before: &Modes) -> Vec<String> {
        let (now, was) = (&self.0, &before.0);
        let fields = |t: &libc::termios| [t.c_lflag, t.c_oflag, t.c_iflag, t.c_cflag];
        let mut out = Vec::new();
        for ((field, flags), (now, was)) in
            NAMED.iter().zip(fields(now).into_iter().zip(fields(was)))
        {
            let mut unnamed = now ^ was;
            for &(bit, name) in *flags {
                unnamed &= !bit;
                if now & bit != was & bit {
                    let state = |v: libc::tcflag_t| if v & bit == bit { "on" } else { "off" };
                    out.push(format!("{name} is {} (was {})", state(now), state(was)));
                }
            }
            if unnamed != 0 {
                out.push(format!("{field} is {now:#o} (was {was:#o})"));
            }
        }
        for (index, name) in [(libc::VMIN, "VMIN"), (libc::VTIME, "VTIME")] {
            if now.c_cc[index] != was.c_cc[index] {
                out.push(format!(
                    "{name} is {} (was {})",
                    now.c_cc[index], was.c_cc[index]
                ));
            }
        }
        out
    }
}

impl std::fmt::Debug for Modes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Modes {{ lflag: {:#o}, oflag: {:#o}, iflag: {:#o}, cflag: {:#o} }}",
            self.0.c_lflag, self.0.c_oflag, self.0.c_iflag, self.0.c_cflag
        )
    }
}
