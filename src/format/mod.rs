//! What the data files look like, apart from where they live: text or
//! bytes to records and back, with no file opened here. `tables` reads,
//! checks and writes `contacts.toml` and `queue.toml`, `small` the feeds
//! and inbox files, `history` the log's lines; `keep` edits a table file
//! without losing a word of the user's; `plain` reads the layout netwerk
//! writes, fast; `binary` is the records as the store's cache holds them;
//! `markers` finds git's conflict markers. The store (`crate::store`)
//! decides which file is read when, under which lock, through which cache.

pub mod binary;
pub mod history;
pub mod keep;
pub mod markers;
pub mod plain;
pub mod small;
pub mod tables;

use crate::disk::error::StoreError;
use std::path::Path;

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Turns a TOML error into `path:line:col: message`.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> StoreError {
    // A merge git left half-way is the likelier story than a typo.
    if let Some(line) = markers::first_conflict(text) {
        return StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col: 1,
            message: markers::REFUSAL.into(),
        };
    }
    let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    StoreError::Parse {
        path: path.to_path_buf(),
        line,
        col,
        message: e.message().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 99), (3, 2));
    }
}
