//! The Inbox: entries from your feeds, each with the contacts it suits,
//! shown in the Queue's place. Keep moves one to the queue, skip sets it
//! aside, share keeps it and opens the share picker; a refresh fetches
//! the feeds on the worker while keys go on working.

use super::app::{App, Then};
use super::pane::Pane;
use super::work::{InboxOp, Work};

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
    pub(super) fn share_kept(&mut self, item: &str) {
        self.screen.show_queue();
        self.select_id(item);
        self.open_share();
    }
}
