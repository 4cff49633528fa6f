//! The panes' rows, derived from the network: ordered, filtered by the
//! interest filter, the hidden toggle and each pane's search, keeping
//! what was selected.

use super::{App, InterestsMode, QueueMark, Selection};
use crate::domain::ContactState;
use crate::domain::fold::{fold, fold_label};
use crate::search;
use crate::tui::pane::{ContactSort, Pane};
use rustc_hash::FxHashMap;

impl App {
    /// Recomputes the panes from `net` and the derived views, keeping the
    /// selected contact, item and history entry where they still exist.
    /// Cheap (a few milliseconds at scale): the expensive part, due-ness
    /// and figures, comes from the worker.
    pub fn rebuild(&mut self) {
        let selection = self.selection();
        self.rebuild_keeping(selection);
    }

    /// The ids of the selected contact, item and entry: what a rebuild
    /// keeps selected wherever they move. Taken before the lists they
    /// point into are replaced.
    pub fn selection(&self) -> Selection {
        Selection {
            contact: self.selected_contact().map(|c| c.id.clone()),
            item: self
                .screen
                .queue
                .current()
                .and_then(|i| self.model.net.items.get(i))
                .map(|i| i.id.clone()),
            entry: self
                .screen
                .history
                .current()
                .and_then(|i| self.model.net.history.get(i))
                .map(|e| e.id().to_owned()),
        }
    }

    /// Rebuilds like [`App::rebuild`], selecting what `selection` names.
    pub fn rebuild_keeping(&mut self, selection: Selection) {
        let Selection {
            contact,
            item,
            entry,
        } = selection;
        // Counting every label costs tens of milliseconds at scale; only
        // the "all interests" view needs it.
        if self.screen.interests_mode == InterestsMode::All {
            self.count_interests();
        } else {
            self.screen.all_interests.clear();
        }
        // A pass over the history's kinds, a millisecond at scale.
        self.model.open_asks = crate::domain::open_asks(&self.model.net.history);
        self.model.moments = crate::domain::moment::open(&self.model.net.history);
        self.rebuild_contacts();
        if let Some(id) = contact {
            let pos = self.model.net.contacts.iter().position(|c| c.id == id);
            self.screen.contacts.select_record(pos);
        }
        self.rebuild_history();
        if let Some(id) = entry {
            let pos = self.model.net.history.iter().position(|e| e.id() == id);
            self.screen.history.select_record(pos);
        }
        self.rebuild_for_contact();
        if let Some(id) = item {
            let pos = self.model.net.items.iter().position(|i| i.id == id);
            self.screen.queue.select_record(pos);
        }
    }

    /// Counts every interest across contacts and items, for the "all
    /// interests" view.
    pub fn count_interests(&mut self) {
        self.screen.all_interests = self
            .model
            .net
            .interest_counts()
            .into_iter()
            .map(|c| (c.label, c.contacts, c.items))
            .collect();
    }

    /// Orders and filters the Contacts pane.
    pub fn rebuild_contacts(&mut self) {
        let filter = self.screen.interest_filter.as_deref().map(fold_label);
        let about = |i: usize| has_label(&self.model.net.contacts[i], filter.as_deref());
        let dormant = |i: usize| self.model.net.contacts[i].state == ContactState::Dormant;
        let shown = |i: usize| (self.screen.show_hidden || !dormant(i)) && about(i);
        let contacts = &self.model.net.contacts;
        let mut rows: Vec<usize> = match self.screen.sort {
            // Already in that order.
            ContactSort::Due => self
                .model
                .insight
                .urgency_order()
                .filter(|&i| shown(i))
                .collect(),
            _ => (0..contacts.len()).filter(|&i| shown(i)).collect(),
        };
        self.screen.hidden_contacts_all = match self.screen.show_hidden {
            true => 0,
            false => (0..contacts.len())
                .filter(|&i| dormant(i) && about(i))
                .count(),
        };
        self.screen.hidden_contacts = self.screen.hidden_contacts_all;
        match self.screen.sort {
            ContactSort::Due => {}
            ContactSort::Name => {
                rows.sort_by_cached_key(|&i| (fold(&contacts[i].name), contacts[i].id.clone()));
            }
            ContactSort::Added => {
                rows.sort_by(|&a, &b| {
                    contacts[b]
                        .added
                        .cmp(&contacts[a].added)
                        .then(contacts[a].id.cmp(&contacts[b].id))
                });
            }
        }
        self.screen.contacts.base = rows;
        self.refilter(Pane::Contacts);
    }

    /// Orders the History pane, newest first.
    pub fn rebuild_history(&mut self) {
        self.screen.history.base = self.model.history_order.clone();
        self.refilter(Pane::History);
    }

    /// Rebuilds what depends on the selected contact: the Interests pane
    /// and the queue ranking (matching items first, already sent last).
    pub fn rebuild_for_contact(&mut self) {
        let selected = self.screen.contacts.current();
        let interests = selected
            .and_then(|i| self.model.net.contacts.get(i))
            .map_or(0, |c| c.interests.len());
        self.screen.interests.base = match self.screen.interests_mode {
            InterestsMode::Contact => (0..interests).collect(),
            InterestsMode::All => (0..self.screen.all_interests.len()).collect(),
        };
        self.refilter(Pane::Interests);
        let filter = self.screen.interest_filter.as_deref().map(fold_label);
        let about_filter = |i: usize| {
            filter.as_ref().is_none_or(|f| {
                self.model.net.items[i]
                    .topics
                    .iter()
                    .any(|t| &fold_label(t) == f)
            })
        };
        // Re-ranked whenever the selected contact changes, while typing a
        // search too: 5,000 items at scale, so no hashing of its own.
        let mut marks = FxHashMap::default();
        marks.reserve(self.model.net.items.len());
        let first = selected
            .and_then(|c| self.model.net.contacts.get(c))
            .map(|c| c.first_name().to_owned())
            .unwrap_or_default();
        let mut rows: Vec<usize> = match selected {
            Some(c) => self
                .model
                .insight
                .rank_items_for(&self.model.net, c)
                .into_iter()
                .filter(|r| about_filter(r.item))
                .map(|r| {
                    let matched = r.fit.strength > 0;
                    marks.insert(
                        r.item,
                        QueueMark {
                            reason: if matched {
                                r.fit.reason_for(&first)
                            } else {
                                String::new()
                            },
                            matched: if matched { r.fit.matched } else { Vec::new() },
                            received: r.received,
                        },
                    );
                    r.item
                })
                .collect(),
            None => self.newest_items(|i| !self.model.net.items[i].archived && about_filter(i)),
        };
        // Archived items are never ranked: listed after the rest, newest
        // first, when asked for.
        let archived = self.newest_items(|i| self.model.net.items[i].archived && about_filter(i));
        self.screen.hidden_items = archived.len();
        if self.screen.show_hidden {
            self.screen.hidden_items = 0;
            if let Some(c) = selected {
                for &i in &archived {
                    let received = self.model.insight.received(c, i);
                    marks.insert(
                        i,
                        QueueMark {
                            matched: Vec::new(),
                            reason: String::new(),
                            received,
                        },
                    );
                }
            }
            rows.extend(archived);
        }
        self.screen.queue.base = rows;
        self.screen.queue_marks = marks;
        self.refilter(Pane::Queue);
    }

    /// Items that pass `keep`, newest first.
    fn newest_items(&self, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let items = &self.model.net.items;
        let mut rows: Vec<usize> = (0..items.len()).filter(|&i| keep(i)).collect();
        rows.sort_by(|&a, &b| {
            items[b]
                .added
                .cmp(&items[a].added)
                .then(items[a].id.cmp(&items[b].id))
        });
        rows
    }

    /// Applies a pane's search query to its base rows.
    pub fn refilter(&mut self, pane: Pane) {
        if pane == Pane::Inbox {
            return self.screen.inbox.refilter();
        }
        let current = self.list(pane).current();
        if let Some(which) = pane.search_index() {
            return self.refilter_with(pane, which, current);
        }
        // The Interests pane: a short list, filtered directly.
        let keys: Vec<String> = match self.screen.interests_mode {
            InterestsMode::All => self
                .screen
                .all_interests
                .iter()
                .map(|(l, _, _)| fold(l))
                .collect(),
            InterestsMode::Contact => self
                .selected_contact()
                .map(|c| c.interests.iter().map(|i| fold(i)).collect())
                .unwrap_or_default(),
        };
        let list = &mut self.screen.interests;
        list.rows = search::filter(&list.base, &keys, &list.query);
        list.select_record(current);
    }

    fn refilter_with(&mut self, pane: Pane, which: usize, current: Option<usize>) {
        let query = self.list(pane).query.clone();
        if pane == Pane::Contacts {
            self.screen.hidden_contacts = self.screen.hidden_contacts_all;
        }
        if query.trim().is_empty() {
            let list = self.list_mut(pane);
            list.rows = list.base.clone();
            list.select_record(current);
            return;
        }
        // The worker builds indexes ahead of need (after launch and after
        // each save). If one is not there yet, wait for it if the worker
        // is building it now, else build it here: one slow keystroke is
        // better than a list that silently does not filter, where Enter
        // and `e` would act on the wrong record.
        if self.model.search[which].is_none() {
            self.await_index(which);
        }
        if self.model.search[which].is_none() {
            self.model.search[which] = Some((
                crate::tui::work::build_index(&self.model.net, which),
                Vec::new(),
            ));
        }
        let base = self.list(pane).base.clone();
        let Some((index, order)) = &mut self.model.search[which] else {
            return;
        };
        // Equal scores keep the pane's order; tell the index when it changed.
        if *order != base {
            let ranked: Vec<u32> = base.iter().map(|&i| i as u32).collect();
            index.reorder(&ranked);
            *order = base.clone();
        }
        let mut in_base = vec![false; index.len()];
        for &i in &base {
            if let Some(slot) = in_base.get_mut(i) {
                *slot = true;
            }
        }
        // Loose matches are dropped among the pane's rows, not all records:
        // a better match the pane hides must not hide them.
        let found = index.search_all(&query);
        let hits: Vec<crate::search::Hit> = found
            .iter()
            .filter(|h| in_base.get(h.record as usize).copied().unwrap_or(false))
            .copied()
            .collect();
        let rows: Vec<usize> = crate::search::best_tier(hits)
            .iter()
            .map(|h| h.record as usize)
            .collect();
        // A search names the dormant contacts it would find, so nobody
        // is lost behind the `.` toggle.
        if pane == Pane::Contacts && self.screen.hidden_contacts_all > 0 {
            let filter = self.screen.interest_filter.as_deref().map(fold_label);
            let dormant: Vec<crate::search::Hit> = found
                .iter()
                .copied()
                .filter(|h| {
                    self.model
                        .net
                        .contacts
                        .get(h.record as usize)
                        .is_some_and(|c| {
                            c.state == ContactState::Dormant && has_label(c, filter.as_deref())
                        })
                })
                .collect();
            self.screen.hidden_contacts = crate::search::best_tier(dormant).len();
        }
        let list = self.list_mut(pane);
        list.rows = rows;
        list.select_record(current);
    }
}

/// Whether the contact has the interest `folded` (folded with
/// `fold_label`); any contact when there is no interest filter.
fn has_label(c: &crate::domain::Contact, folded: Option<&str>) -> bool {
    folded.is_none_or(|f| c.interests.iter().any(|x| fold_label(x) == f))
}
