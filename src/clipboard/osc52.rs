//! The OSC 52 escape sequence, which asks the terminal itself to set its
//! clipboard — the one route that works over plain SSH.
//!
//! Format (xterm ctlseqs, "Operating System Commands", Ps = 52):
//! `ESC ] 52 ; c ; <base64> BEL`, where `c` selects the clipboard and the
//! base64 is the standard alphabet with padding.
//!
//! It ends in BEL rather than ST (`ESC \`) because GNU screen ends its DCS
//! passthrough at the first `ESC \`: an ST inside the wrapped sequence
//! would cut it short. Every terminal that implements OSC 52 (xterm, tmux,
//! kitty, WezTerm, foot, iTerm2, alacritty, hterm) accepts BEL, so one
//! terminator serves both the plain and the wrapped form.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The longest note, in bytes before encoding, sent through OSC 52.
///
/// hterm's `osc52.sh` (Chromium OS libapps) refuses sequences whose base64
/// reaches 100,000 bytes, and that cap became the common one (tmux, vim
/// and neovim OSC 52 plugins follow it). 74,994 bytes of text encode to
/// 99,992 bytes of base64; with the 7-byte `ESC ] 52 ; c ;` and the BEL the
/// whole sequence is exactly 100,000 bytes. Terminals drop longer ones
/// silently, so refusing them is the only way to tell the user.
pub const MAX_TEXT_BYTES: usize = 74_994;

/// The most bytes GNU screen keeps of one string sequence is 767 (its
/// `MAXSTR` is 768 and it stops one short); beyond that it prints the rest
/// on screen. Like hterm's `osc52.sh` we count the 4 bytes of `ESC P` and
/// `ESC \` within the 768, so each wrapped piece is at most 768 bytes.
const SCREEN_PIECE: usize = 768 - 4;

/// How the sequence must be packaged for what sits between us and the
/// terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Straight to the terminal, or to tmux, which handles OSC 52 itself.
    Plain,
    /// Inside GNU screen, which passes DCS strings (`ESC P … ESC \`)
    /// through to the outer terminal untouched.
    Screen,
}

/// The note is longer than [`MAX_TEXT_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too long for OSC 52 ({bytes} bytes, limit {max})", max = MAX_TEXT_BYTES)]
pub struct TooLong {
    /// The note's length in bytes.
    pub bytes: usize,
}

/// The exact bytes that put `text` on the terminal's clipboard.
pub fn sequence(text: &str, wrap: Wrap) -> Result<Vec<u8>, TooLong> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(TooLong { bytes: text.len() });
    }
    let mut osc = b"\x1b]52;c;".to_vec();
    osc.extend_from_slice(STANDARD.encode(text).as_bytes());
    osc.push(0x07);
    Ok(match wrap {
        Wrap::Plain => osc,
        Wrap::Screen => screen_dcs(&osc),
    })
}

/// Cuts `osc` into pieces screen can hold, each in its own DCS; screen
/// forwards the pieces back to back, so the terminal sees `osc` whole.
fn screen_dcs(osc: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(osc.len() + osc.len().div_ceil(SCREEN_PIECE) * 4);
    for piece in osc.chunks(SCREEN_PIECE) {
        out.extend_from_slice(b"\x1bP");
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sequence_is_byte_exact() {
        assert_eq!(
            sequence("hello", Wrap::Plain).as_deref(),
            Ok(&b"\x1b]52;c;aGVsbG8=\x07"[..])
        );
        // Two padding characters, and UTF-8 encoded before base64.
        assert_eq!(
            sequence("é", Wrap::Plain).as_deref(),
            Ok(&b"\x1b]52;c;w6k=\x07"[..])
        );
        assert_eq!(
            sequence("", Wrap::Plain).as_deref(),
            Ok(&b"\x1b]52;c;\x07"[..])
        );
    }

    #[test]
    fn screen_wraps_a_short_sequence_in_one_dcs() {
        assert_eq!(
            sequence("hello", Wrap::Screen).as_deref(),
            Ok(&b"\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\"[..])
        );
    }

    #[test]
    fn screen_splits_a_long_sequence_into_pieces_it_can_hold() {
        let text = "x".repeat(3000);
        let plain = sequence(&text, Wrap::Plain).expect("under the limit");
        let wrapped = sequence(&text, Wrap::Screen).expect("under the limit");

        // Base64 has no backslash, so each `ESC \` ends one piece.
        let pieces: Vec<&[u8]> = wrapped.split_inclusive(|&b| b == b'\\').collect();
        // 8 + 4000 base64 bytes = 4008 = 764 × 5 + 188.
        assert_eq!(pieces.len(), 6);
        let mut rejoined = Vec::new();
        for piece in pieces {
            assert!(piece.len() <= 768, "piece of {} bytes", piece.len());
            assert!(piece.starts_with(b"\x1bP") && piece.ends_with(b"\x1b\\"));
            rejoined.extend_from_slice(&piece[2..piece.len() - 2]);
        }
        assert_eq!(rejoined, plain);
    }

    #[test]
    fn the_limit_is_exactly_a_100_000_byte_sequence() {
        let at_limit = "a".repeat(MAX_TEXT_BYTES);
        let seq = sequence(&at_limit, Wrap::Plain).expect("at the limit is allowed");
        assert_eq!(seq.len(), 100_000);

        let over = "a".repeat(MAX_TEXT_BYTES + 1);
        let err = sequence(&over, Wrap::Plain).expect_err("over the limit");
        assert_eq!(
            err.to_string(),
            "too long for OSC 52 (74995 bytes, limit 74994)"
        );
        assert!(sequence(&over, Wrap::Screen).is_err());
    }
}
