//! The share pickers: items for a contact, or contacts for an item.
//! They filter as you type (no `/` needed) and ↑/↓ move.

use super::search_list::SearchList;
use crate::search::SearchIndex;
use crate::text;
use crate::tui::view::cells::{cell, highlighted};
use crate::tui::view::dialog::{centered, frame_block};
use crate::tui::view::theme::Theme;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// What is being picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Items to share with this contact (index into `net.contacts`).
    ItemsFor(usize),
    /// Contacts to share this item with (index into `net.items`).
    ContactsFor(usize),
    /// Another record to fold into this contact (index into
    /// `net.contacts`).
    MergeInto(usize),
    /// Someone to introduce this contact to (index into `net.contacts`).
    IntroFor(usize),
    /// A moment to congratulate on (or, with Delete, to dismiss); each
    /// candidate's index is its entry's position in `net.history`.
    Moments,
}

/// One choice, ranked by the caller.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into `net.items` or `net.contacts`.
    pub index: usize,
    /// The main text (title or name).
    pub label: String,
    /// Why it is suggested ("rust, async") when `matched`, else a detail
    /// (an item's kind, a contact's company).
    pub reason: String,
    /// Whether it meets the contact's interests (★).
    pub matched: bool,
    /// When it already went to this contact.
    pub received: Option<DateTime<FixedOffset>>,
}

/// A picker popup.
pub struct Picker {
    /// Items or contacts.
    pub pick: PickFor,
    /// Title, e.g. "Share with Ada".
    pub title: String,
    /// Everything that can be picked, best first.
    pub candidates: Vec<Candidate>,
    /// The candidates searched by label and reason: the same incremental
    /// search as the panes, so typing stays instant in a picker of 30,000
    /// contacts.
    list: SearchList,
}

/// What a key did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickOutcome {
    /// Still choosing.
    Choosing,
    /// Chose the candidate at this position.
    Chosen(usize),
    /// Asked to set the candidate at this position aside (a moment).
    Drop(usize),
    /// Closed.
    Cancel,
}

impl Picker {
    /// A picker over ranked candidates.
    pub fn new(pick: PickFor, title: String, candidates: Vec<Candidate>) -> Self {
        let list = SearchList::new(index(&candidates));
        Self {
            pick,
            title,
            candidates,
            list,
        }
    }

    /// The highlighted candidate.
    pub fn current(&self) -> Option<&Candidate> {
        self.list.current().and_then(|i| self.candidates.get(i))
    }

    /// Takes the candidate at position `i` out, keeping the query.
    pub fn remove(&mut self, i: usize) {
        if i < self.candidates.len() {
            self.candidates.remove(i);
            self.list.replace(index(&self.candidates));
        }
    }

    /// Typing filters; ↑/↓ (and Ctrl-p/Ctrl-n) move; Enter picks; Esc closes.
    pub fn key(&mut self, key: KeyEvent) -> PickOutcome {
        match key.code {
            KeyCode::Esc => PickOutcome::Cancel,
            KeyCode::Delete if self.pick == PickFor::Moments => match self.list.current() {
                Some(i) => PickOutcome::Drop(i),
                None => PickOutcome::Choosing,
            },
            KeyCode::Enter => match self.list.current() {
                Some(i) => PickOutcome::Chosen(i),
                None => PickOutcome::Choosing,
            },
            _ => {
                self.list.key(key);
                PickOutcome::Choosing
            }
        }
    }

    /// Pasted text joins the query.
    pub fn paste(&mut self, text: &str) {
        self.list.paste(text);
    }
}

/// Candidates searched by label and reason, in their order, so equal
/// scores keep the ranking.
fn index(candidates: &[Candidate]) -> SearchIndex {
    SearchIndex::new(
        candidates
            .iter()
            .map(|c| [c.label.as_str(), c.reason.as_str()]),
    )
}

impl Picker {
    /// Draws the query line, then the ranked candidates.
    pub fn draw(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let picker = self;
        let rect = centered(area, 90, area.height.saturating_sub(4).clamp(8, 24));
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &picker.title);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height == 0 {
            return;
        }
        let query = picker.list.query_line(theme, "› ", picker.candidates.len());
        // What the right-hand column holds, so a company is never read as a
        // reason: the interests a ★ row meets, else the kind or company.
        let explain = match picker.pick {
            PickFor::IntroFor(_) => [
                " worth meeting, and why; other rows show their company".to_owned(),
                " worth meeting, why at right; else company".to_owned(),
                " worth it · else company".to_owned(),
            ],
            PickFor::Moments => [
                " changed jobs: Enter drafts a congratulation, Delete dismisses".to_owned(),
                " Enter congratulates · Del dismisses".to_owned(),
                " Enter · Del".to_owned(),
            ],
            PickFor::MergeInto(_) => [
                " likely the same person, and why; other rows show role · company · id".to_owned(),
                " same person, and why; else role · company · id".to_owned(),
                " same person · else role, company".to_owned(),
            ],
            PickFor::ItemsFor(_) | PickFor::ContactsFor(_) => {
                let other = match picker.pick {
                    PickFor::ItemsFor(_) => "the kind",
                    _ => "their company",
                };
                [
                    format!(
                        " meets their interests, named at right; other rows show {other} · ✓ sent"
                    ),
                    format!(" match: interests at right; else {other} · ✓ sent"),
                    format!(" match · else {other}"),
                ]
            }
        };
        // The longest wording that fits, never cut mid-word.
        let room = (inner.width as usize).saturating_sub(1);
        let explain = explain
            .into_iter()
            .find(|t| text::width(t) <= room)
            .unwrap_or_default();
        let legend = Line::from(vec![
            Span::styled("★", theme.matched()),
            Span::styled(explain, theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(query), Rect { height: 1, ..inner });
        let legend_rows = u16::from(inner.height > 4);
        if legend_rows > 0 {
            frame.render_widget(
                Paragraph::new(legend),
                Rect {
                    y: inner.y + 1,
                    height: 1,
                    ..inner
                },
            );
        }
        let list = Rect {
            y: inner.y + 1 + legend_rows,
            height: inner.height.saturating_sub(1 + legend_rows),
            ..inner
        };
        picker
            .list
            .draw_rows(theme, frame, list, "No match.", |i, width| {
                let c = &picker.candidates[i];
                let (glyph, style, detail) = match c.received {
                    Some(at) => ("✓", theme.sent(), format!("sent {}", at.format("%Y-%m-%d"))),
                    None if c.matched => ("★", theme.matched(), c.reason.clone()),
                    None => (" ", Style::default(), c.reason.clone()),
                };
                let detail_style = if c.matched && c.received.is_none() {
                    theme.matched()
                } else {
                    theme.dim()
                };
                // Reasons for an introduction or a moment are the point: more room.
                let share = match picker.pick {
                    PickFor::IntroFor(_) | PickFor::Moments => 2,
                    _ => 3,
                };
                let detail_cols = (width / share).min(text::width(&detail) + 1);
                let label_cols = width.saturating_sub(2 + detail_cols);
                let mut spans = vec![Span::styled(format!("{glyph} "), style)];
                spans.extend(highlighted(
                    &c.label,
                    &picker.list.matched(i),
                    label_cols,
                    if c.received.is_some() {
                        theme.dim()
                    } else {
                        Style::default()
                    },
                    theme.highlight(),
                ));
                spans.push(cell(&format!(" {detail}"), detail_cols, detail_style));
                Some(Line::from(spans))
            });
    }
}
