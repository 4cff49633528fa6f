//! The command palette (`:` or Ctrl-P): every action of the focused
//! context with its key, as help lists them, filtered as you type by the
//! same fuzzy search as the panes. Enter runs the chosen action the way
//! its key would.

use crate::search::SearchIndex;
use crate::text;
use crate::tui::action::Action;
use crate::tui::view::cells::{cell, highlighted};
use crate::tui::view::dialog::{Context, centered, frame_block};
use crate::tui::view::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Widest the palette gets.
const WIDTH: u16 = 64;

/// One action on offer.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What it runs.
    pub action: Action,
    /// What it does here, as help says it.
    pub what: &'static str,
    /// Its keys ("j ↓").
    pub keys: String,
}

/// The palette's state.
pub struct Palette {
    entries: Vec<Entry>,
    /// Searched by what an entry does, then by its action's name.
    index: SearchIndex,
    /// What the user typed.
    pub query: String,
    /// Entry positions shown, best first.
    rows: Vec<usize>,
    /// Index into `rows`.
    selected: usize,
}

/// What a key did to the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteOutcome {
    /// Still choosing.
    Choosing,
    /// Run this action.
    Run(Action),
    /// Closed.
    Cancel,
}

impl Palette {
    /// The actions of the focused context, in help's order.
    pub fn new(cx: &Context) -> Self {
        let entries: Vec<Entry> = Action::ALL
            .iter()
            .filter(|(a, _)| *a != Action::Palette)
            .filter_map(|&(action, _)| {
                let what = super::help::describe(action, cx.focus, cx.interests_mode)?;
                Some(Entry {
                    action,
                    what,
                    keys: cx.keymap.keys_label(action),
                })
            })
            .collect();
        let names: Vec<String> = entries
            .iter()
            .map(|e| e.action.name().replace('_', " "))
            .collect();
        let index = SearchIndex::new(
            entries
                .iter()
                .zip(&names)
                .map(|(e, name)| [e.what, name.as_str()]),
        );
        let rows = (0..entries.len()).collect();
        Self {
            entries,
            index,
            query: String::new(),
            rows,
            selected: 0,
        }
    }

    /// The entries shown, best first.
    pub fn shown(&self) -> impl Iterator<Item = &Entry> {
        self.rows.iter().filter_map(|&i| self.entries.get(i))
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

    /// Typing filters; ↑/↓ (and Ctrl-P/Ctrl-N) move; Enter runs; Esc closes.
    pub fn key(&mut self, key: KeyEvent) -> PaletteOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return PaletteOutcome::Cancel,
            KeyCode::Enter => {
                if let Some(entry) = self
                    .rows
                    .get(self.selected)
                    .and_then(|&i| self.entries.get(i))
                {
                    return PaletteOutcome::Run(entry.action);
                }
            }
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Char('n') if ctrl => self.step(1),
            KeyCode::Up | KeyCode::BackTab => self.step(-1),
            KeyCode::Char('p') if ctrl => self.step(-1),
            KeyCode::PageDown => self.step(10),
            KeyCode::PageUp => self.step(-10),
            KeyCode::Backspace if self.query.is_empty() => return PaletteOutcome::Cancel,
            KeyCode::Backspace => {
                self.query.pop();
                self.refilter();
            }
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.query.push(c);
                self.refilter();
            }
            _ => {}
        }
        PaletteOutcome::Choosing
    }

    /// Pasted text joins the query.
    pub fn paste(&mut self, text: &str) {
        self.query.extend(text.chars().filter(|c| !c.is_control()));
        self.refilter();
    }
}

impl Palette {
    /// Draws the palette: the query, then the actions with their keys.
    pub fn draw(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let palette = self;
        // Placed for every entry, shrunk to those shown: the query line stays
        // where it was while the list narrows under it.
        let rows = |n: usize| u16::try_from(n + 3).unwrap_or(u16::MAX);
        let full = centered(
            area,
            WIDTH,
            rows(palette.entries.len()).min(area.height.saturating_sub(4).max(6)),
        );
        let rect = Rect {
            height: full.height.min(rows(palette.rows.len().max(1))),
            ..full
        };
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Run an action");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height == 0 {
            return;
        }
        let query = Line::from(vec![
            Span::styled(": ", theme.focused_border()),
            Span::raw(text::sanitize_line(&palette.query).into_owned()),
            Span::styled("▏", theme.focused_border()),
            Span::styled(
                format!("  {} of {}", palette.rows.len(), palette.entries.len()),
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(query), Rect { height: 1, ..inner });
        let list = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let height = usize::from(list.height);
        let offset = palette.selected.saturating_sub(height.saturating_sub(1));
        let width = usize::from(list.width);
        let lines: Vec<Line> = palette
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .filter_map(|(pos, &i)| {
                let entry = palette.entries.get(i)?;
                let key_cols = (text::width(&entry.keys) + 2).min(width / 3);
                let what_cols = width.saturating_sub(1 + key_cols);
                let mut spans = vec![Span::raw(" ")];
                spans.extend(highlighted(
                    entry.what,
                    &palette.index.positions(i as u32, 0),
                    what_cols,
                    Style::default(),
                    theme.highlight(),
                ));
                spans.push(cell(
                    &format!("{:>w$}", entry.keys, w = key_cols.saturating_sub(1)),
                    key_cols,
                    theme.focused_border(),
                ));
                let line = Line::from(spans);
                Some(match pos == palette.selected {
                    true => line.style(theme.selected(true)),
                    false => line,
                })
            })
            .collect();
        let lines = match lines.is_empty() {
            true => vec![Line::styled(" No action matches.", theme.dim())],
            false => lines,
        };
        frame.render_widget(Paragraph::new(lines), list);
    }
}
