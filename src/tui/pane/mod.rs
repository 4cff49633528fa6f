//! The four panes (and the Inbox, shown in the Queue's place): the list
//! state they share here, and one module per pane holding what its keys
//! mean there and its drawing; `frame.rs` is the drawing they share.

pub mod contacts;
mod frame;
pub mod history;
pub mod inbox;
pub mod interests;
pub mod queue;

use crate::domain::fold::fold;
use crate::feed::intake::Row;
use ratatui::layout::Rect;

/// Where a pane draws its list: the rows' rectangle (inside the border,
/// below a broken file's notice, above the Queue's detail) and the first
/// row shown. Drawing and the mouse's hit-testing both go by it; each
/// pane's `list_place` says what it has below its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPlace {
    /// Where the rows are drawn, one per line.
    pub rows: Rect,
    /// Position in the list of the first row drawn.
    pub offset: usize,
}

/// How the Contacts pane is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSort {
    /// Most overdue first.
    Due,
    /// Alphabetical.
    Name,
    /// Recently added first.
    Added,
}

impl ContactSort {
    /// The next order (`o`).
    pub fn next(self) -> Self {
        match self {
            ContactSort::Due => ContactSort::Name,
            ContactSort::Name => ContactSort::Added,
            ContactSort::Added => ContactSort::Due,
        }
    }

    /// Whether this is the default order.
    pub fn is_default(self) -> bool {
        self == ContactSort::Due
    }

    /// Shown in the pane title.
    pub fn label(self) -> &'static str {
        match self {
            ContactSort::Due => "due",
            ContactSort::Name => "name",
            ContactSort::Added => "added",
        }
    }
}

/// What the Interests pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestsMode {
    /// The selected contact's interests and profile.
    Contact,
    /// Every interest with counts; Enter filters by one.
    All,
}

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// People, most overdue first.
    Contacts,
    /// The selected contact's interests and profile, or all interests.
    Interests,
    /// Content items, ranked for the selected contact.
    Queue,
    /// What went to whom, newest first.
    History,
    /// Entries from feeds with who they suit, in the Queue's place.
    Inbox,
}

impl Pane {
    /// All panes in Tab order.
    pub const ALL: [Pane; 4] = [Pane::Contacts, Pane::Interests, Pane::Queue, Pane::History];

    /// The pane after this one (Tab).
    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 4]
    }

    /// The pane before this one (Shift-Tab).
    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 3) % 4]
    }

    /// Which of `App::search`'s indexes the pane searches with: contacts
    /// (0), items (1), history (2); the Interests pane filters its short
    /// list without one.
    pub fn search_index(self) -> Option<usize> {
        match self {
            Pane::Contacts => Some(0),
            Pane::Queue => Some(1),
            Pane::History => Some(2),
            Pane::Interests | Pane::Inbox => None,
        }
    }

    /// Position in Tab order, 0–3.
    pub fn index(self) -> usize {
        let slot = if self == Pane::Inbox {
            Pane::Queue
        } else {
            self
        };
        Pane::ALL.iter().position(|p| *p == slot).unwrap_or(0)
    }

    /// The pane's title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Contacts => "Contacts",
            Pane::Interests => "Interests",
            Pane::Queue => "Queue",
            Pane::History => "History",
            Pane::Inbox => "Inbox",
        }
    }
}

/// A scrollable, searchable list of record indices.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    /// Rows in display order before the search filter.
    pub base: Vec<usize>,
    /// Rows shown: `base` narrowed by the search query.
    pub rows: Vec<usize>,
    /// Index into `rows` of the selected row.
    pub selected: usize,
    /// First row drawn.
    pub offset: usize,
    /// The search query ("" = none).
    pub query: String,
    /// Whether keystrokes currently go to the query.
    pub searching: bool,
}

impl ListView {
    /// The selected record, if any.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn step(&mut self, delta: isize) {
        if self.rows.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.rows.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    /// Selects the row showing `record`, else keeps the position clamped.
    pub fn select_record(&mut self, record: Option<usize>) {
        if let Some(pos) = record.and_then(|r| self.rows.iter().position(|x| *x == r)) {
            self.selected = pos;
        } else {
            self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        }
    }

    /// Adjusts `offset` so the selection is visible in `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}

/// The Inbox's state: its rows and the list over them (its keys and
/// drawing are `inbox.rs`).
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    /// Whether it holds the Queue's place.
    pub shown: bool,
    /// The unreviewed entries, newest first, as last read.
    pub rows: Vec<Row>,
    /// Rows shown (indices into `rows`) and the selection.
    pub list: ListView,
    /// Whether a refresh is under way.
    pub refreshing: bool,
}

impl Inbox {
    /// Takes the rows the worker read, keeping the selected entry (or
    /// the row where it was) and the search.
    pub fn replace(&mut self, rows: Vec<Row>) {
        let id = self.selected().map(|r| r.entry.id.clone());
        let at = self.list.selected;
        self.rows = rows;
        self.list.base = (0..self.rows.len()).collect();
        self.refilter();
        let pos = id.and_then(|id| self.rows.iter().position(|r| r.entry.id == id));
        match pos {
            Some(p) => self.list.select_record(Some(p)),
            None => self.list.selected = at.min(self.list.rows.len().saturating_sub(1)),
        }
    }

    /// Applies the search query to the titles, feeds and reasons.
    pub fn refilter(&mut self) {
        let current = self.list.current();
        let keys: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                fold(&format!(
                    "{} {} {}",
                    r.entry.title,
                    r.entry.feed.as_deref().unwrap_or_default(),
                    r.reason
                ))
            })
            .collect();
        self.list.rows = crate::search::filter(&self.list.base, &keys, &self.list.query);
        self.list.select_record(current);
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        self.list.current().and_then(|i| self.rows.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_and_scrolling_stay_in_bounds() {
        let mut l = ListView {
            rows: (0..10).collect(),
            ..Default::default()
        };
        l.step(-3);
        assert_eq!(l.selected, 0);
        l.step(7);
        l.scroll_into_view(4);
        assert_eq!((l.selected, l.offset), (7, 4));
        l.step(100);
        l.scroll_into_view(4);
        assert_eq!((l.selected, l.offset), (9, 6));
        l.step(-4);
        l.scroll_into_view(4);
        assert_eq!((l.selected, l.offset), (5, 5));
        l.rows.truncate(2);
        l.select_record(Some(42));
        assert_eq!(l.selected, 1);
    }
}
