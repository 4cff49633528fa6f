//! The Inbox's state: entries from your feeds, shown in the Queue's
//! place. Its keys are in `tui/inbox.rs`, its drawing in `view/panes.rs`.

use super::ListView;
use crate::domain::fold::fold;
use crate::feed::intake::Row;

/// The Inbox's state.
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
