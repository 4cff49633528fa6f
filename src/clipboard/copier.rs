//! [`Copier`], the seam a confirmed note is copied through: the real
//! [`Clipboard`] in the program, a recorder in tests.

use super::chain::Clipboard;

/// How a copy went, in words for the status line or terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// "copied via tmux buffer + clipboard", "saved to … — clipboard unavailable".
    pub how: String,
    /// Set when the note only reached the fallback file: the user must
    /// copy it by hand, so it is shown to them.
    pub file: Option<String>,
}

/// Where a confirmed note goes. The real chain is [`Clipboard`]; tests
/// substitute a recorder so they can see exactly what was copied.
pub trait Copier {
    /// Copies `text`, or says why it could not.
    fn copy(&mut self, text: &str) -> Result<CopyReport, String>;
    /// The route a copy would take ("tmux buffer + clipboard, then file").
    fn route(&self) -> String;
}

impl Copier for Clipboard {
    fn copy(&mut self, text: &str) -> Result<CopyReport, String> {
        match Clipboard::copy(self, text) {
            Ok(copied) => Ok(CopyReport {
                how: copied.message().to_string(),
                file: copied.file().map(|p| p.display().to_string()),
            }),
            Err(e) => Err(e.to_string()),
        }
    }

    fn route(&self) -> String {
        let steps: Vec<String> = Clipboard::route(self)
            .steps
            .iter()
            .map(|s| s.label())
            .collect();
        steps.join(", then ")
    }
}
