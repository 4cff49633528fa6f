//! Key presses as the bytes a terminal (xterm, normal cursor mode) sends.

/// A key the user presses, for [`super::Pty::send_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A printable character, typed.
    Char(char),
    /// Ctrl plus a letter: `Ctrl('s')` is Ctrl-S.
    Ctrl(char),
    /// Alt plus a character (sent as ESC prefix).
    Alt(char),
    /// Function key F1–F12.
    F(u8),
}

impl Key {
    /// The bytes a terminal sends for this key.
    pub fn bytes(self) -> Vec<u8> {
        let fixed: &[u8] = match self {
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Backspace => b"\x7f",
            Key::Delete => b"\x1b[3~",
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::Home => b"\x1b[H",
            Key::End => b"\x1b[F",
            Key::PageUp => b"\x1b[5~",
            Key::PageDown => b"\x1b[6~",
            Key::Char(c) => return c.to_string().into_bytes(),
            Key::Ctrl(c) => return vec![(c.to_ascii_lowercase() as u8) & 0x1f],
            Key::Alt(c) => return format!("\x1b{c}").into_bytes(),
            Key::F(n) => return function_key(n),
        };
        fixed.to_vec()
    }
}

fn function_key(n: u8) -> Vec<u8> {
    match n {
        1..=4 => vec![0x1b, b'O', b'P' + (n - 1)],
        _ => {
            let code = match n {
                5 => 15,
                6..=10 => n + 11,
                11 => 23,
                _ => 24,
            };
            format!("\x1b[{code}~").into_bytes()
        }
    }
}
