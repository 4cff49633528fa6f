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
