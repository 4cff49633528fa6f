//! The composer: the note, pre-filled from a template and fully editable,
//! with the contact, item and clipboard route shown around it.

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Splits text into lines with every other control character made
/// visible, so names, titles and pasted text can never act on the
/// terminal while the note is drawn.
fn clean_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|l| crate::text::sanitize_line(l).into_owned())
        .collect()
}

/// What a key did to the composer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeOutcome {
    /// Still writing.
    Writing,
    /// Ctrl-S: copy, log, close.
    Confirm,
    /// Ctrl-E: edit in $VISUAL/$EDITOR.
    External,
    /// Ctrl-T: next template.
    NextTemplate,
    /// Esc.
    Cancel,
}

/// What the note is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compose {
    /// Sharing this item (index into `net.items`).
    Share(usize),
    /// Asking the contact and this other one (index into `net.contacts`)
    /// whether they would like to meet.
    Intro(usize),
    /// Congratulating on this moment (its entry's id).
    Congrats(String),
}

/// A composer popup.
pub struct Composer {
    /// Index into `net.contacts`: whom the note is for.
    pub contact: usize,
    /// What it is for.
    pub purpose: Compose,
    /// The template the text came from.
    pub template: Option<String>,
    /// The editor.
    pub editor: TextArea<'static>,
    /// The text as generated, to tell whether the user edited it.
    pub generated: String,
    /// When this item already went to this contact.
    pub already: Option<DateTime<FixedOffset>>,
    /// How the copy will travel, e.g. "tmux buffer + clipboard".
    pub route: String,
}

impl Composer {
    /// A composer holding `text`.
    pub fn new(
        contact: usize,
        purpose: Compose,
        template: Option<String>,
        text: &str,
        route: String,
    ) -> Self {
        let mut c = Self {
            contact,
            purpose,
            template,
            editor: TextArea::default(),
            generated: String::new(),
            already: None,
            route,
        };
        c.set_text(text);
        c
    }

    /// Replaces the text (a new template, or the external editor's
    /// result). The cursor waits on an empty line of its own below it, so
    /// what the user types never runs on from the link that usually ends
    /// a note.
    pub fn set_text(&mut self, text: &str) {
        let mut lines = clean_lines(text.trim_end());
        lines.push(String::new());
        self.editor = TextArea::new(lines);
        self.editor
            .move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.generated = self.text();
    }

    /// The note as it stands, without the blank lines and spaces it ends
    /// with.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n").trim_end().to_string()
    }

    /// Whether the user changed the generated text.
    pub fn edited(&self) -> bool {
        self.text() != self.generated
    }

    /// Ctrl-S, Ctrl-E, Ctrl-T and Esc are the composer's; everything else
    /// edits the note (Enter is a newline).
    pub fn key(&mut self, key: KeyEvent) -> ComposeOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => ComposeOutcome::Cancel,
            KeyCode::Char('s') if ctrl => ComposeOutcome::Confirm,
            KeyCode::Char('e') if ctrl => ComposeOutcome::External,
            KeyCode::Char('t') if ctrl => ComposeOutcome::NextTemplate,
            _ => {
                self.editor.input(key);
                ComposeOutcome::Writing
            }
        }
    }

    /// Pasted text arrives as one edit, line breaks kept.
    pub fn paste(&mut self, text: &str) {
        self.editor.insert_str(clean_lines(text).join("\n"));
    }
}
