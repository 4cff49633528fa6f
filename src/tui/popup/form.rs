//! Forms: labelled text fields with inline validation messages. Editing
//! within a field is ratatui-textarea's; the form only moves between
//! fields and decides when to save or cancel.

use crate::domain::{ContactId, ItemId};
use crate::text;
use crate::tui::view::dialog::{centered, frame_block};
use crate::tui::view::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;

/// What a form creates or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new contact.
    AddContact,
    /// An existing contact.
    EditContact(ContactId),
    /// New interests for a contact.
    AddInterest(ContactId),
    /// A new queue item.
    AddItem,
    /// An existing queue item.
    EditItem(ItemId),
    /// A touch or ask for a contact.
    Log(ContactId),
    /// Keep a contact during triage: interests and cadence.
    TriageKeep(ContactId),
}

/// One labelled input.
pub struct Field {
    /// Label, also the key used to read the value.
    pub label: &'static str,
    /// Shown dimmed when empty.
    pub hint: &'static str,
    /// The editor.
    pub input: TextArea<'static>,
    /// Why the value was refused, shown under the field.
    pub error: Option<String>,
    /// The value when the form opened, to tell what the user changed.
    pub initial: String,
    /// For a field that takes one of a few values, those values: ←/→ or
    /// Space step through them and a letter jumps to the next one
    /// starting with it; nothing else edits it. Empty for free text.
    pub choices: &'static [&'static str],
}

impl Field {
    /// A field with an initial value.
    pub fn new(label: &'static str, value: &str, hint: &'static str) -> Self {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        let mut field = Self {
            label,
            hint,
            input,
            error: None,
            initial: String::new(),
            choices: &[],
        };
        field.initial = field.value();
        field
    }

    /// A field taking one of `choices`, starting at `value`.
    pub fn choice(
        label: &'static str,
        choices: &'static [&'static str],
        value: &str,
        hint: &'static str,
    ) -> Self {
        Self {
            choices,
            ..Self::new(label, value, hint)
        }
    }

    /// Where the value is among the choices.
    pub fn chosen(&self) -> Option<usize> {
        let value = self.value();
        self.choices.iter().position(|c| *c == value)
    }

    /// Steps a choice field by a key; whether the key was one for it.
    fn choose(&mut self, key: KeyEvent) -> bool {
        let n = self.choices.len();
        let at = self.chosen().unwrap_or(0);
        let next = match key.code {
            KeyCode::Right | KeyCode::Char(' ') => (at + 1) % n,
            KeyCode::Left => (at + n - 1) % n,
            KeyCode::Char(c) => {
                let c = c.to_ascii_lowercase();
                match (1..=n)
                    .map(|step| (at + step) % n)
                    .find(|&i| self.choices[i].starts_with(c))
                {
                    Some(i) => i,
                    None => return true,
                }
            }
            _ => return false,
        };
        self.input = TextArea::new(vec![self.choices[next].to_string()]);
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
        true
    }

    /// The text typed, trimmed.
    pub fn value(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// Keep editing.
    Editing,
    /// Validate and save.
    Save,
    /// Close without saving.
    Cancel,
}

/// A popup form.
pub struct Form {
    /// Title of the popup.
    pub title: String,
    /// What saving does.
    pub kind: FormKind,
    /// The inputs, top to bottom.
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
    /// A form-wide message (e.g. a save that failed for another reason).
    pub message: Option<String>,
    /// Whether anything was typed, to ask before discarding.
    pub edited: bool,
    /// Set once the user confirmed a warning (an ask before any gift).
    pub force: bool,
}

impl Form {
    /// A form with the first field focused.
    pub fn new(title: impl Into<String>, kind: FormKind, fields: Vec<Field>) -> Self {
        Self {
            title: title.into(),
            kind,
            fields,
            focus: 0,
            message: None,
            edited: false,
            force: false,
        }
    }

    /// The value of the field labelled `label`.
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// Whether the field labelled `label` differs from when the form
    /// opened.
    pub fn changed(&self, label: &str) -> bool {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .is_some_and(|f| f.value() != f.initial)
    }

    /// Marks a field invalid; focuses the first invalid field.
    pub fn set_error(&mut self, label: &str, reason: String) {
        if let Some(pos) = self.fields.iter().position(|f| f.label == label) {
            if self.fields.iter().all(|f| f.error.is_none()) {
                self.focus = pos;
            }
            self.fields[pos].error = Some(reason);
        } else {
            self.message = Some(format!("{label}: {reason}"));
        }
    }

    /// Clears every error before a new validation.
    pub fn clear_errors(&mut self) {
        self.message = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Handles a key: Tab/Shift-Tab/↑/↓ move between fields, Enter or
    /// Ctrl-S save, Esc cancels, anything else edits the focused field.
    pub fn key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Save,
            KeyCode::Char('s') if ctrl => return FormOutcome::Save,
            KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % self.fields.len().max(1)
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1)
            }
            _ if self
                .fields
                .get(self.focus)
                .is_some_and(|f| !f.choices.is_empty()) =>
            {
                if let Some(field) = self.fields.get_mut(self.focus)
                    && field.choose(key)
                {
                    field.error = None;
                    self.edited = true;
                }
            }
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus)
                    && field.input.input(key)
                {
                    field.error = None;
                    self.edited = true;
                }
            }
        }
        FormOutcome::Editing
    }

    /// Inserts pasted text into the focused field as one edit. Fields are
    /// single-line, so line breaks become spaces.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && field.choices.is_empty()
        {
            let flat: String = text
                .chars()
                .map(|c| {
                    if c == '\n' || c == '\r' || c == '\t' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if field.input.insert_str(flat) {
                field.error = None;
                self.edited = true;
            }
        }
    }
}

impl Form {
    /// Draws the form; the cursor shows in its field when `on_top`.
    pub fn draw(&self, theme: &Theme, on_top: bool, frame: &mut Frame, area: Rect) {
        let form = self;
        let rows: u16 = form
            .fields
            .iter()
            .map(|f| if f.error.is_some() { 2 } else { 1 })
            .sum::<u16>()
            + 2
            + u16::from(form.message.is_some());
        let rect = centered(area, 76, rows + 2);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &form.title);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let label_cols: u16 = 16;
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        for (i, field) in form.fields.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let focused = i == form.focus;
            let label_style = if field.error.is_some() {
                theme.error()
            } else if focused {
                theme.focused_border()
            } else {
                Style::default()
            };
            let marker = if field.error.is_some() {
                "✗"
            } else if focused {
                "›"
            } else {
                " "
            };
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!("{marker}{:<w$}", field.label, w = label_cols as usize - 1),
                    label_style,
                )),
                Rect::new(inner.x, y, label_cols.min(inner.width), 1),
            );
            let input_rect = Rect::new(
                inner.x + label_cols,
                y,
                inner.width.saturating_sub(label_cols),
                1,
            );
            if !field.choices.is_empty() {
                frame.render_widget(
                    Paragraph::new(choice_line(theme, field, focused, input_rect.width)),
                    input_rect,
                );
            } else if field.input.lines().iter().all(|l| l.is_empty()) {
                // A hint, not a value: it is never typed into the field.
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        text::truncate(field.hint, input_rect.width as usize).into_owned(),
                        theme.hint(),
                    )),
                    input_rect,
                );
                if focused && on_top {
                    frame.set_cursor_position((input_rect.x, y));
                }
            } else {
                let shown = text::sanitize_line(&field.input.lines().join(" ")).into_owned();
                // Keep the cursor in view on long values by showing the tail.
                let cursor = field.input.cursor().1;
                let before: String = field
                    .input
                    .lines()
                    .first()
                    .map(|l| l.chars().take(cursor).collect())
                    .unwrap_or_default();
                let before_cols = text::width(&text::sanitize_line(&before));
                let room = input_rect.width as usize;
                let skip_cols = before_cols.saturating_sub(room.saturating_sub(1));
                let mut skipped = 0;
                let visible: String = shown
                    .chars()
                    .skip_while(|c| {
                        let w = text::width(&c.to_string());
                        if skipped + w <= skip_cols && skip_cols > 0 {
                            skipped += w;
                            true
                        } else {
                            false
                        }
                    })
                    .collect();
                frame.render_widget(
                    Paragraph::new(Line::from(text::truncate(&visible, room).into_owned())),
                    input_rect,
                );
                if focused && on_top {
                    let x =
                        input_rect.x + (before_cols - skipped).min(room.saturating_sub(1)) as u16;
                    frame.set_cursor_position((x, y));
                }
            }
            y += 1;
            if let Some(err) = &field.error
                && y < bottom
            {
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        text::truncate(&text::sanitize_line(err), input_rect.width as usize)
                            .into_owned(),
                        theme.error(),
                    )),
                    Rect::new(inner.x + label_cols, y, input_rect.width, 1),
                );
                y += 1;
            }
        }
        if let Some(message) = &form.message
            && y + 1 < bottom
        {
            y += 1;
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text::sanitize_line(message).into_owned(),
                    theme.error(),
                )),
                Rect::new(inner.x, y, inner.width, 1),
            );
        }
        let hints = "Tab next field · Enter/Ctrl-S save · Esc cancel";
        if bottom > inner.y {
            frame.render_widget(
                Paragraph::new(Line::styled(hints, theme.dim())),
                Rect::new(inner.x, bottom - 1, inner.width, 1),
            );
        }
    }
}

/// A choice field: every choice in a row, the chosen one marked, scrolled
/// so it stays in view; the hint after them while the field is focused.
fn choice_line<'a>(theme: &Theme, field: &'a Field, focused: bool, width: u16) -> Line<'a> {
    let chosen = field.chosen().unwrap_or(0);
    // The chosen one is bracketed, so it shows without colour too.
    let cols = |c: &str| c.chars().count() + 3;
    // The first choice shown: as early as lets the chosen one fit.
    let mut first = 0;
    while first < chosen
        && field.choices[first..=chosen]
            .iter()
            .map(|c| cols(c))
            .sum::<usize>()
            > usize::from(width).saturating_sub(2)
    {
        first += 1;
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("‹", theme.dim()));
    }
    for (i, choice) in field.choices.iter().enumerate().skip(first) {
        let style = if i == chosen {
            theme.focused_border().add_modifier(Modifier::REVERSED)
        } else {
            theme.dim()
        };
        let shown = if i == chosen {
            format!("[{choice}]")
        } else {
            format!(" {choice} ")
        };
        spans.push(Span::styled(shown, style));
    }
    if focused {
        spans.push(Span::styled(field.hint, theme.dim()));
    }
    Line::from(spans)
}
