//! Safe, aligned terminal text: the one gate every piece of user data (names,
//! titles, notes, imported fields) passes before it reaches the screen.
//!
//! Two jobs, kept apart so each can be used alone:
//!
//! - **Safety** ([`sanitize`], [`sanitize_line`]): nothing a contact, an
//!   import or a pasted note contains may act on the terminal or hide or
//!   reorder text. Such characters become visible placeholders, so
//!   `"\x1b[31m"` shows as `␛[31m` and the escape byte itself is never sent.
//! - **Alignment** ([`width`], [`truncate`], [`pad`], [`fit`], [`fit_right`]):
//!   measure text exactly the way ratatui draws it (grapheme by grapheme,
//!   CJK and emoji two columns) so table columns line up.
//!
//! - **JSON** ([`json`]): `--json` output escapes the same characters, so
//!   it is safe on a terminal and still decodes to the exact data.
//!
//! A table cell usually wants both: [`cell`]`(name, 20)`.
//!
//! Folding for search (accents, case) is not here: it belongs to the domain.

mod columns;
pub mod json;
mod sanitize;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub use columns::{fit, fit_right, pad, truncate, width};
pub use sanitize::{is_unsafe, sanitize, sanitize_line};

/// One table cell: [`sanitize_line`] then [`fit`], so the result is safe to
/// draw and exactly `cols` columns wide. Borrows when `s` already is both.
pub fn cell(s: &str, cols: usize) -> Cow<'_, str> {
    match sanitize_line(s) {
        Cow::Borrowed(clean) => fit(clean, cols),
        Cow::Owned(clean) => Cow::Owned(fit(&clean, cols).into_owned()),
    }
}

/// `n` and the noun in the number it takes: "1 contact", "2 contacts",
/// "0 entries" (English plurals are irregular, so both forms are given).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
