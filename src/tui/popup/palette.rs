//! The command palette (`:` or Ctrl-P): every action of the focused
//! context with its key, as help lists them, filtered as you type by the
//! same fuzzy search as the panes. Enter runs the chosen action the way
//! its key would.

use super::search_list::SearchList;
use crate::search::SearchIndex;
use crate::text;
use crate::tui::action::Action;
use crate::tui::view::cells::{cell, highlighted};
use crate::tui::view::dialog::{Context, centered, frame_block};
use crate::tui::view::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
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
    list: SearchList,
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
        Self {
            entries,
            list: SearchList::new(index),
        }
    }

    /// Typing filters; ↑/↓ (and Ctrl-P/Ctrl-N) move; Enter runs; Esc
    /// (or Backspace with nothing typed) closes.
    pub fn key(&mut self, key: KeyEvent) -> PaletteOutcome {
        match key.code {
            KeyCode::Esc => PaletteOutcome::Cancel,
            KeyCode::Backspace if self.list.query().is_empty() => PaletteOutcome::Cancel,
            KeyCode::Enter => match self.list.current().and_then(|i| self.entries.get(i)) {
                Some(entry) => PaletteOutcome::Run(entry.action),
                None => PaletteOutcome::Choosing,
            },
            _ => {
                self.list.key(key);
                PaletteOutcome::Choosing
            }
        }
    }

    /// Pasted text joins the query.
    pub fn paste(&mut self, text: &str) {
        self.list.paste(text);
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
            height: full.height.min(rows(palette.list.rows().len().max(1))),
            ..full
        };
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Run an action");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height == 0 {
            return;
        }
        let query = palette.list.query_line(theme, ": ", palette.entries.len());
        frame.render_widget(Paragraph::new(query), Rect { height: 1, ..inner });
        let list = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        palette
            .list
            .draw_rows(theme, frame, list, " No action matches.", |i, width| {
                let entry = palette.entries.get(i)?;
                let key_cols = (text::width(&entry.keys) + 2).min(width / 3);
                let what_cols = width.saturating_sub(1 + key_cols);
                let mut spans = vec![Span::raw(" ")];
                spans.extend(highlighted(
                    entry.what,
                    &palette.list.matched(i),
                    what_cols,
                    Style::default(),
                    theme.highlight(),
                ));
                spans.push(cell(
                    &format!("{:>w$}", entry.keys, w = key_cols.saturating_sub(1)),
                    key_cols,
                    theme.focused_border(),
                ));
                Some(Line::from(spans))
            });
    }
}
