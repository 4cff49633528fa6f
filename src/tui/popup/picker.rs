//! The share pickers: items for a contact, or contacts for an item.
//! They filter as you type (no `/` needed) and ↑/↓ move.

use crate::search::SearchIndex;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// The search index over `candidates` (label and reason): the same
    /// incremental search as the panes, so typing stays instant in a
    /// picker of 30,000 contacts.
    index: SearchIndex,
    /// What the user typed.
    pub query: String,
    /// Candidate positions shown, best first.
    pub rows: Vec<usize>,
    /// Index into `rows`.
    pub selected: usize,
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
        // Records in candidate order, so equal scores keep the ranking.
        let index = SearchIndex::new(
            candidates
                .iter()
                .map(|c| [c.label.as_str(), c.reason.as_str()]),
        );
        let rows = (0..candidates.len()).collect();
        Self {
            pick,
            title,
            candidates,
            index,
            query: String::new(),
            rows,
            selected: 0,
        }
    }

    /// The highlighted candidate.
    pub fn current(&self) -> Option<&Candidate> {
        self.rows
            .get(self.selected)
            .and_then(|&i| self.candidates.get(i))
    }

    /// The characters of candidate `i`'s label that the query matched,
    /// for highlighting.
    pub fn matched(&self, i: usize) -> Vec<usize> {
        self.index.positions(i as u32, 0)
    }

    /// Takes the candidate at position `i` out, keeping the query.
    pub fn remove(&mut self, i: usize) {
        if i < self.candidates.len() {
            self.candidates.remove(i);
            self.index = SearchIndex::new(
                self.candidates
                    .iter()
                    .map(|c| [c.label.as_str(), c.reason.as_str()]),
            );
            self.refilter();
        }
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

    /// Typing filters; ↑/↓ (and Ctrl-p/Ctrl-n) move; Enter picks; Esc closes.
    pub fn key(&mut self, key: KeyEvent) -> PickOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return PickOutcome::Cancel,
            KeyCode::Delete if self.pick == PickFor::Moments => {
                return match self.rows.get(self.selected) {
                    Some(&i) => PickOutcome::Drop(i),
                    None => PickOutcome::Choosing,
                };
            }
            KeyCode::Enter => {
                return match self.rows.get(self.selected) {
                    Some(&i) => PickOutcome::Chosen(i),
                    None => PickOutcome::Choosing,
                };
            }
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            KeyCode::Char('n') if ctrl => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => {
                self.selected = (self.selected + 10).min(self.rows.len().saturating_sub(1))
            }
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
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
        PickOutcome::Choosing
    }

    /// Pasted text joins the query.
    pub fn paste(&mut self, text: &str) {
        self.query.extend(text.chars().filter(|c| !c.is_control()));
        self.refilter();
    }
}
