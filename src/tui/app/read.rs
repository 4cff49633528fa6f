//! What the screen shows, for tests and front ends: the only way past
//! `src/tui/` to `App`'s state. Each method answers a question a user
//! could answer by looking; the state itself stays private.

use super::{App, Popup, QueueMark, Status};
use crate::config::Config;
use crate::domain::{Contact, Insight, Network, Stats};
use crate::store::Store;
use crate::tui::pane::{ListView, Pane};
use crate::tui::view::theme::Theme;

impl App {
    /// The dialog on top, the one keys go to.
    pub fn popup(&self) -> Option<&Popup> {
        self.screen.top()
    }

    /// Every open dialog, the one on top last.
    pub fn dialogs(&self) -> &[Popup] {
        self.screen.dialogs()
    }

    /// The status line.
    pub fn status(&self) -> &Status {
        &self.screen.status
    }

    /// What the status line's badge says: the top dialog, a search, or
    /// the panes.
    pub fn mode(&self) -> &'static str {
        match self.screen.top() {
            Some(Popup::Form(_)) => "FORM",
            Some(Popup::Confirm(_)) => "CONFIRM",
            Some(Popup::Help(_)) => "HELP",
            Some(Popup::Notice(..)) => "NOTE",
            Some(Popup::Dashboard) => "DASHBOARD",
            Some(Popup::Triage(_)) => "TRIAGE",
            Some(Popup::Picker(_)) => "PICK",
            Some(Popup::Composer(_)) => "COMPOSE",
            Some(Popup::Palette(_)) => "COMMAND",
            None if self.list(self.screen.focus).searching => "SEARCH",
            None => "NORMAL",
        }
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.screen.focus
    }

    /// A pane's rows, selection and search.
    pub fn list(&self, pane: Pane) -> &ListView {
        match pane {
            Pane::Contacts => &self.screen.contacts,
            Pane::Interests => &self.screen.interests,
            Pane::Queue => &self.screen.queue,
            Pane::History => &self.screen.history,
            Pane::Inbox => &self.screen.inbox.list,
        }
    }

    /// The contact selected in the Contacts pane.
    pub fn selected_contact(&self) -> Option<&Contact> {
        self.screen
            .contacts
            .current()
            .and_then(|i| self.model.net.contacts.get(i))
    }

    /// Every interest with how many contacts and items hold it (label,
    /// contacts, items): the Interests pane's rows index it when it lists
    /// them all.
    pub fn all_interests(&self) -> &[(String, usize, usize)] {
        &self.screen.all_interests
    }

    /// The interest Contacts and Queue are filtered by, if any.
    pub fn interest_filter(&self) -> Option<&str> {
        self.screen.interest_filter.as_deref()
    }

    /// What the Queue pane says of an item (by index) for the selected
    /// contact: the interests it meets, why, when they got it.
    pub fn queue_mark(&self, item: usize) -> Option<&QueueMark> {
        self.screen.queue_marks.get(&item)
    }

    /// The network on screen: the panes' rows index it.
    pub fn network(&self) -> &Network {
        &self.model.net
    }

    /// The header's and the dashboard's figures.
    pub fn stats(&self) -> &Stats {
        &self.model.stats
    }

    /// Due-ness, history summaries and ranking, as the panes show them.
    pub fn insight(&self) -> &Insight {
        &self.model.insight
    }

    /// History positions in the History pane's order, newest first.
    pub fn history_order(&self) -> &[usize] {
        &self.model.history_order
    }

    /// Whether a pane's search index is built, so typing after `/`
    /// filters without building one first.
    pub fn search_ready(&self, pane: Pane) -> bool {
        pane.search_index()
            .is_some_and(|w| self.model.search[w].is_some())
    }

    /// Whether the first frame was drawn from the history's digest and
    /// its entries are still being read (keys that need them wait).
    pub fn launching(&self) -> bool {
        self.launching
    }

    /// The data directory.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The user's config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether the user quit, or the program had to stop.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// Why the program had to stop, for its exit message.
    pub fn fatal(&self) -> Option<&str> {
        self.fatal.as_deref()
    }

    /// Sends copies to `copier` from now on (the clipboard the front end
    /// chose, or a test's recorder).
    pub fn set_copier(&mut self, copier: Box<dyn crate::clipboard::Copier>) {
        self.copier = copier;
    }

    /// Draws in `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.screen.theme = theme;
    }
}
