//! A list searched as you type, shared by the dialogs that pick from one
//! (the share pickers, the palette): the query, the rows it finds, the
//! selection, the keys that move and type, and their drawing.

use crate::search::SearchIndex;
use crate::text;
use crate::tui::view::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Records searched by a query, best first, one selected.
pub struct SearchList {
    /// The search index over the records.
    index: SearchIndex,
    /// What the user typed.
    query: String,
    /// Records shown, best first.
    rows: Vec<usize>,
    /// Index into `rows`.
    selected: usize,
}

impl SearchList {
    /// Every record of `index`, in its order, nothing typed yet.
    pub fn new(index: SearchIndex) -> Self {
        let rows = (0..index.len()).collect();
        Self {
            index,
            query: String::new(),
            rows,
            selected: 0,
        }
    }

    /// Searches a new set of records with the query typed so far.
    pub fn replace(&mut self, index: SearchIndex) {
        self.index = index;
        self.refilter();
    }

    /// What the user typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Records shown, best first.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The selected record.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// The characters of record `i`'s first field the query matched.
    pub fn matched(&self, i: usize) -> Vec<usize> {
        self.index.positions(i as u32, 0)
    }

    fn refilter(&mut self) {
        self.rows = self
            .index
            .search(&self.query)
            .iter()
            .map(|h| h.record as usize)
            .collect();
        self.selected = 0;
    }

    fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    /// Moves the selection (↑/↓, Tab, Ctrl-p/Ctrl-n, PgUp/PgDn) or edits
    /// the query (letters, Backspace); false for a key it leaves to the
    /// dialog (Enter, Esc …).
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Char('n') if ctrl => self.step(1),
            KeyCode::Up | KeyCode::BackTab => self.step(-1),
            KeyCode::Char('p') if ctrl => self.step(-1),
            KeyCode::PageDown => self.step(10),
            KeyCode::PageUp => self.step(-10),
            KeyCode::Backspace => {
                self.query.pop();
                self.refilter();
            }
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.query.push(c);
                self.refilter();
            }
            _ => return false,
        }
        true
    }

    /// Pasted text joins the query.
    pub fn paste(&mut self, text: &str) {
        self.query.extend(text.chars().filter(|c| !c.is_control()));
        self.refilter();
    }

    /// The query line: `prompt`, what was typed, a cursor, and how many
    /// of `total` records are shown.
    pub fn query_line(&self, theme: &Theme, prompt: &'static str, total: usize) -> Line<'static> {
        Line::from(vec![
            Span::styled(prompt, theme.focused_border()),
            Span::raw(text::sanitize_line(&self.query).into_owned()),
            Span::styled("▏", theme.focused_border()),
            Span::styled(format!("  {} of {total}", self.rows.len()), theme.dim()),
        ])
    }

    /// Draws the rows shown into `area`, scrolled so the selection is in
    /// view and marked: `line` draws record `i` in `width` columns;
    /// `empty` stands in when nothing matched.
    pub fn draw_rows<'a>(
        &self,
        theme: &Theme,
        frame: &mut Frame,
        area: Rect,
        empty: &'static str,
        line: impl Fn(usize, usize) -> Option<Line<'a>>,
    ) {
        let height = usize::from(area.height);
        let offset = self.selected.saturating_sub(height.saturating_sub(1));
        let width = usize::from(area.width);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .filter_map(|(pos, &i)| {
                let drawn = line(i, width)?;
                Some(match pos == self.selected {
                    true => drawn.style(theme.selected(true)),
                    false => drawn,
                })
            })
            .collect();
        let lines = match lines.is_empty() {
            true => vec![Line::styled(empty, theme.dim())],
            false => lines,
        };
        frame.render_widget(Paragraph::new(lines), area);
    }
}
