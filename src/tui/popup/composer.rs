//! The composer: the note, pre-filled from a template and fully editable,
//! with the contact, item and clipboard route shown around it.

use crate::text;
use crate::tui::view::cells::cell;
use crate::tui::view::dialog::{Context, centered, frame_block};
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
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

impl Composer {
    /// Draws who and what above, the note, the route below; the cursor
    /// shows when `on_top`.
    pub fn draw(&self, cx: &Context, on_top: bool, frame: &mut Frame, area: Rect) {
        let composer = self;
        let contact = &cx.net.contacts[composer.contact];
        let rect = centered(area, 90, area.height.saturating_sub(2).clamp(10, 22));
        frame.render_widget(Clear, rect);
        let (title, label, about) = match &composer.purpose {
            Compose::Share(item) => {
                let item = &cx.net.items[*item];
                (
                    format!("Note for {}", contact.name),
                    "item",
                    format!("{} · {} · {}", item.title, item.kind, item.url),
                )
            }
            Compose::Intro(other) => {
                let other = &cx.net.contacts[*other];
                (
                    format!("Introduce {} and {}", contact.name, other.name),
                    "intro",
                    "a private ask to each; send both, then record their answers".to_owned(),
                )
            }
            Compose::Congrats(id) => {
                let change = cx
                    .net
                    .history
                    .iter()
                    .find(|e| e.id() == id)
                    .and_then(crate::domain::moment::JobChange::of)
                    .map(|c| format!("{} {}", contact.first_name(), c.describe()))
                    .unwrap_or_default();
                (format!("Congratulate {}", contact.name), "news", change)
            }
        };
        let block = frame_block(cx.theme, &title);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height < 5 {
            return;
        }
        let width = inner.width as usize;
        let mut header = vec![Line::from(vec![
            Span::styled(format!("{label:<6}"), cx.theme.dim()),
            cell(&about, width.saturating_sub(6), Style::default()),
        ])];
        match composer.already {
            Some(at) => header.push(Line::styled(
                format!(
                    "Already sent to {} on {}",
                    contact.first_name(),
                    at.format("%Y-%m-%d")
                ),
                cx.theme.error(),
            )),
            None => header.push(Line::styled(
                format!(
                    "template {}",
                    composer.template.as_deref().unwrap_or("default")
                ),
                cx.theme.dim(),
            )),
        }
        frame.render_widget(Paragraph::new(header), Rect { height: 2, ..inner });
        let editor_area = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(4),
            ..inner
        };
        // The composer keeps its text sanitised (see `Composer::set_text`),
        // so the editor widget can draw it directly, cursor and scrolling
        // included.
        let mut editor = composer.editor.clone();
        editor.set_block(
            Block::default()
                .borders(Borders::TOP | Borders::BOTTOM)
                .border_style(cx.theme.dim()),
        );
        editor.set_cursor_line_style(Style::default());
        editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        if !on_top {
            editor.set_cursor_style(Style::default());
        }
        frame.render_widget(&editor, editor_area);
        // Two lines, so neither is cut at any width the composer opens at:
        // how the note will travel, then the keys.
        let route = Line::from(vec![
            Span::styled("copy via ", cx.theme.dim()),
            cell(&composer.route, width.saturating_sub(9), cx.theme.dim()),
        ]);
        // The full words when they fit, else the caret forms, never cut.
        let keys = [
            "Ctrl-S copy & log · Ctrl-E editor · Ctrl-T template · Esc cancel",
            "^S copy & log · ^E editor · ^T template · Esc cancel",
            "^S copy+log · ^E edit · ^T tmpl · Esc",
        ]
        .into_iter()
        .find(|k| text::width(k) <= width)
        .unwrap_or("^S · ^E · ^T · Esc");
        let keys = Line::styled(keys, cx.theme.dim());
        frame.render_widget(
            Paragraph::new(vec![route, keys]),
            Rect {
                y: inner.y + inner.height - 2,
                height: 2,
                ..inner
            },
        );
    }
}
