//! What holds text on a clipboard: the one trait the system clipboard's
//! worker and the holder process both write through.

/// Something that can hold text on a clipboard; arboard, or a test double.
pub(crate) trait Sink {
    /// Puts `text` on the clipboard.
    fn set_text(&mut self, text: &str) -> Result<(), String>;
}

impl Sink for arboard::Clipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        arboard::Clipboard::set_text(self, text).map_err(|e| e.to_string())
    }
}
