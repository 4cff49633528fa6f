//! A data file's bytes as text: the one UTF-8 check every reader makes,
//! reporting where the first bad byte is.

use crate::disk::error::StoreError;
use std::path::Path;

/// A file's bytes as text, or a parse error pointing at the first byte
/// that is not UTF-8.
pub(crate) fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, col) = crate::format::line_col(&text, offset);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: "the file is not valid UTF-8".into(),
        }
    })
}
