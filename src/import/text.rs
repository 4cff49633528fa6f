//! Byte-level helpers shared by the parsers: BOM, UTF-8, line numbers.

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

#[cfg(test)]
mod tests {
    use super::*;

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
