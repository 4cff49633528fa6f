//! Byte-level helpers shared by the parsers: BOM, UTF-8, line numbers.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, MACINTOSH, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::records::ParseError;

/// `bytes` without a leading UTF-8 byte-order mark (Excel and LinkedIn write one).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The 1-based line that byte `offset` of `bytes` falls on.
pub fn line_at(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    1 + bytes[..end].iter().filter(|&&b| b == b'\n').count()
}

/// `bytes` (BOM removed) as UTF-8 text, or an error naming the line of the
/// first invalid byte, so the user can find it in an editor.
pub fn utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = strip_bom(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        ParseError::new(
            line_at(bytes, e.valid_up_to()),
            "not valid UTF-8 text (was the file saved in another encoding?)",
        )
    })
}

/// `bytes` as text, whatever a spreadsheet saved them in: UTF-8 (BOM
/// removed), UTF-16 with a BOM, or the legacy code page
/// [`legacy_encoding`] recognises (Excel's "CSV" on Windows writes
/// Windows-1252). UTF-8 with a few other bytes in it
/// ([`is_damaged_utf8`]) is refused on the line of the first bad byte
/// rather than guessed at.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && (encoding == UTF_16LE || encoding == UTF_16BE)
    {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return Ok(Cow::Owned(text.into_owned()));
    }
    let bytes = strip_bom(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let refuse = || utf8(bytes).map(Cow::Borrowed);
    match legacy_decode(bytes, legacy_encoding([bytes])) {
        Some(text) => Ok(Cow::Owned(text)),
        None => refuse(),
    }
}

/// `bytes` read in `encoding`, unless they are not text in it or are
/// [`is_damaged_utf8`] (which a multi-byte code page's strict structure
/// already rules out).
pub fn legacy_decode(bytes: &[u8], encoding: &'static Encoding) -> Option<String> {
    if encoding.is_single_byte() && is_damaged_utf8(bytes) {
        return None;
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(Cow::into_owned)
}

/// Whether `bytes`, not UTF-8 as a whole, read as UTF-8 text with a few
/// bytes of another encoding in it rather than as text in that encoding:
/// at least as many characters beyond ASCII read as UTF-8 as bytes that
/// do not. Text in a legacy code page has few byte pairs that happen to
/// be UTF-8 (Ukrainian "Ві" is one), so it passes.
pub fn is_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid >= invalid
}

/// The legacy code page (never UTF-8) that the non-ASCII bytes of
/// `texts` are most likely in, by `chardetng`'s reading of them, or Mac
/// Roman (Excel for Mac's "CSV"), which `chardetng` does not know.
pub fn legacy_encoding<'a>(texts: impl IntoIterator<Item = &'a [u8]>) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // Bytes below 0xA0 inside a word ("Garc\x92a"), and bytes from 0xA0 on.
    let (mut low, mut high) = (0usize, 0usize);
    for text in texts {
        detector.feed(text, false);
        // Values are separate texts: keep their letters from running together.
        detector.feed(b"\n", false);
        low += text
            .windows(3)
            .filter(|w| {
                (0x80..0xA0).contains(&w[1])
                    && w[0].is_ascii_alphabetic()
                    && w[2].is_ascii_alphabetic()
            })
            .count();
        high += text.iter().filter(|&&b| b >= 0xA0).count();
    }
    detector.feed(b"", true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    // Windows-1252 keeps its letters from 0xC0 on and little but
    // punctuation below 0xA0, where Mac Roman keeps é, ü, ñ and the like:
    // such bytes inside words, and hardly any above, mean Mac Roman.
    if guess == WINDOWS_1252 && low > high {
        MACINTOSH
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_code_pages_are_recognised_and_mixed_bytes_refused() {
        assert_eq!(
            decode(b"Jos\xe9 Garc\xeda,Telef\xf3nica\n").unwrap(),
            "José García,Telefónica\n"
        );
        let cyrillic = b"\xc8\xe2\xe0\xed \xcf\xe5\xf2\xf0\xee\xe2,\xcc\xee\xf1\xea\xe2\xe0\n";
        assert_eq!(decode(cyrillic).unwrap(), "Иван Петров,Москва\n");
        assert_eq!(
            decode("Zoë\nJos\u{e9}\n".as_bytes()).unwrap(),
            "Zoë\nJosé\n"
        );
        assert_eq!(decode(b"Zo\xc3\xab\nJos\xe9\n").unwrap_err().line, 2);
        // Excel for Mac: Mac Roman, é and í below 0xA0.
        assert_eq!(
            decode(b"Jos\x8e Garc\x92a,M\x9fller,Nu\x96ez\n").unwrap(),
            "José García,Müller,Nuñez\n"
        );
        // Windows-1252 with its curly quotes and a euro sign stays that.
        assert_eq!(
            decode(b"\x93Ren\xe9e\x94 M\xfcller,\x80 5\n").unwrap(),
            "“Renée” Müller,€ 5\n"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Zoë".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "Zoë");
    }

    #[test]
    fn invalid_utf8_is_reported_on_its_line() {
        let err = utf8(b"\xEF\xBB\xBFa\nb\nc\xFF\n").unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(utf8(b"\xEF\xBB\xBFok").unwrap(), "ok");
    }
}
