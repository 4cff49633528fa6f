//! The Inbox: entries from your feeds, each with the contacts it suits,
//! shown in the Queue's place (`i`). Keep (`K`, `a`, Enter) moves one to
//! the queue, skip (`X`, `d`) sets it aside, share keeps it and opens the
//! share picker; a refresh (`R`) fetches the feeds on the worker while
//! keys go on working. Its state, its keys and its drawing are here; the
//! worker's side is `work/inbox.rs`.

use super::ListPlace;
use super::Pane;
use super::frame::{EMPTY, block, empty_line, place, query_tag, rows_of};
use crate::search::highlight;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Then};
use crate::tui::view::cells::{cell, highlighted};
use crate::tui::work::{InboxOp, Work};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl App {
    /// The pane drawn in `pane`'s place: the Inbox holds the Queue's
    /// while it is shown.
    pub fn in_slot(&self, pane: Pane) -> Pane {
        match pane {
            Pane::Queue if self.screen.inbox.shown => Pane::Inbox,
            other => other,
        }
    }

    /// Shows the Inbox in the Queue's place (reading it afresh), or the
    /// Queue again.
    pub fn toggle_inbox(&mut self) {
        if self.screen.inbox.shown && self.screen.focus == Pane::Inbox {
            self.screen.show_queue();
            return;
        }
        self.screen.show_inbox();
        self.enqueue(Work::Inbox(InboxOp::Load), Then::Quiet);
    }

    /// Fetches every feed in the background; the Inbox shows what came.
    pub fn refresh_feeds(&mut self) {
        if self.screen.inbox.refreshing {
            return self.info("Already fetching your feeds…");
        }
        self.screen.show_inbox();
        if self.enqueue(Work::Inbox(InboxOp::Refresh), Then::Refresh) {
            self.screen.inbox.refreshing = true;
            self.info("Fetching your feeds…");
        }
    }

    /// Keeps the selected entry (into the queue); with `share`, then
    /// opens the share picker for the item it became.
    pub fn keep_entry(&mut self, share: bool) {
        let Some(id) = self.screen.inbox.selected().map(|r| r.entry.id.clone()) else {
            return self.error("The inbox is empty: press R to fetch your feeds");
        };
        let then = if share { Then::KeepShare } else { Then::Report };
        self.enqueue(Work::Inbox(InboxOp::Keep(id)), then);
    }

    /// Skips the selected entry: it leaves the inbox for good.
    pub fn skip_entry(&mut self) {
        let Some(id) = self.screen.inbox.selected().map(|r| r.entry.id.clone()) else {
            return self.error("The inbox is empty: press R to fetch your feeds");
        };
        self.enqueue(Work::Inbox(InboxOp::Skip(id)), Then::Report);
    }

    /// After "keep and share": the Queue again, the kept item selected,
    /// and the picker of contacts to share it with.
    pub(in crate::tui) fn share_kept(&mut self, item: &str) {
        self.screen.show_queue();
        self.select_id(item);
        self.open_share();
    }
}

/// `a`: keep the selected entry.
pub(crate) fn add(app: &mut App) {
    app.keep_entry(false);
}

/// Enter: keep the selected entry, as `a` does.
pub(crate) fn select(app: &mut App) {
    app.keep_entry(false);
}

/// `e`: refused; an entry is edited once kept, in the Queue.
pub(crate) fn edit(app: &mut App) {
    let keep = app.keymap.first_key(Action::Keep);
    app.error(format!("Keep it first ({keep}), then edit it in the Queue"));
}

/// `d`: skip the selected entry.
pub(crate) fn delete(app: &mut App) {
    app.skip_entry();
}

/// See [`ListPlace`].
pub fn list_place(app: &App, area: Rect) -> Option<ListPlace> {
    Some(place(app, Pane::Inbox, area, 0))
}

/// The Inbox in the Queue's place: each entry with the contacts it
/// suits ("→ Ada, Grace (rust)") and its kind.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let mut title = format!("Inbox · {} new", app.screen.inbox.rows.len());
    if app.screen.inbox.refreshing {
        title.push_str(" · fetching…");
    }
    title.push_str(&query_tag(app, Pane::Inbox));
    let block = block(app, Pane::Inbox, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let kind_cols = 8;
    let query = &app.screen.inbox.list.query;
    let place = list_place(app, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::Inbox, place, |i, _| {
        let Some(row) = app.screen.inbox.rows.get(i) else {
            return Line::default();
        };
        let (glyph, style) = if row.reason.is_empty() {
            (" ", Style::default())
        } else {
            ("★", app.screen.theme.matched())
        };
        let reason = if row.reason.is_empty() {
            String::new()
        } else {
            format!(" → {}", row.reason)
        };
        let reason_cols = text::width(&reason).min(width / 2);
        let title_cols = width.saturating_sub(2 + kind_cols + reason_cols);
        let title = &row.entry.title;
        let mut spans = vec![Span::styled(format!("{glyph} "), style)];
        spans.extend(highlighted(
            title,
            &highlight(title, query),
            title_cols,
            Style::default(),
            app.screen.theme.highlight(),
        ));
        spans.push(cell(&reason, reason_cols, style));
        spans.push(cell(
            &format!(" {}", row.entry.kind),
            kind_cols,
            app.screen.theme.dim(),
        ));
        Line::from(spans)
    });
    let lines = if rows.is_empty() {
        let refresh = app.keymap.first_key(Action::Refresh);
        empty_line(
            app,
            &format!(" Nothing new. {refresh} fetches your feeds (netwerk feed add URL)."),
        )
    } else {
        rows
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
