//! What is kept but left out of the lists: dormant contacts and archived
//! items. `x` sets the selected one aside or brings it back; `.` shows or
//! hides them all.

use super::app::{App, Then};
use super::pane::Pane;
use super::work::{Done, Work};
use crate::domain::{ContactState, Decision, Network, triage};

impl App {
    /// `.`: list dormant contacts and archived items too, or leave them
    /// out again. The selection stays on the same records.
    pub fn toggle_hidden(&mut self) {
        self.screen.show_hidden = !self.screen.show_hidden;
        self.rebuild();
        let show = self.keymap.first_key(super::action::Action::ShowHidden);
        self.info(if self.screen.show_hidden {
            format!("Showing dormant contacts and archived items; {show} hides them")
        } else {
            "Dormant contacts and archived items hidden".to_string()
        });
    }

    /// `x`: in Contacts, set the contact aside as dormant or make a
    /// dormant one active again; in Queue, archive the item or bring it
    /// back. Saved like any change; the domain decides what each means.
    pub fn archive_selected(&mut self) {
        let show = self.keymap.first_key(super::action::Action::ShowHidden);
        let hint = move |set: bool, what: &str| match set {
            true => format!("; {show} shows {what}"),
            false => String::new(),
        };
        let work = match self.screen.focus {
            Pane::Contacts | Pane::Interests => {
                let Some(c) = self.selected_contact() else {
                    return self.error("No contact selected");
                };
                let (id, name) = (c.id.clone(), c.name.clone());
                let aside = c.state != ContactState::Dormant;
                let hint = hint(aside && !self.screen.show_hidden, "dormant contacts");
                Work::Modify(Box::new(move |net: &mut Network| {
                    let decision = match aside {
                        true => Decision::Dormant,
                        false => Decision::Keep {
                            interests: Vec::new(),
                            cadence: None,
                        },
                    };
                    triage::apply(net, &id, &decision)?;
                    Ok(Done {
                        message: match aside {
                            true => format!("Set {name} aside as dormant{hint}"),
                            false => format!("{name} is active again"),
                        },
                        select: None,
                        label: crate::ops::label::set_aside(&name, aside),
                    })
                }))
            }
            Pane::Queue => {
                let Some(item) = self
                    .screen
                    .queue
                    .current()
                    .and_then(|i| self.model.net.items.get(i))
                else {
                    return self.error("No item selected");
                };
                let (id, archive) = (item.id.clone(), !item.archived);
                let hint = hint(archive && !self.screen.show_hidden, "archived items");
                Work::Modify(Box::new(move |net: &mut Network| {
                    let item = crate::ops::queue::archive(net, &id, archive)?;
                    Ok(Done {
                        message: match archive {
                            true => format!("Archived {}{hint}", item.title),
                            false => format!("{} is back in the queue", item.title),
                        },
                        select: None,
                        label: crate::ops::label::item_archived(&item),
                    })
                }))
            }
            Pane::History => {
                return self.error("History is append-only: entries are never archived");
            }
            Pane::Inbox => {
                let skip = self.keymap.first_key(super::action::Action::Skip);
                return self.error(format!("Inbox entries are not archived: {skip} skips one"));
            }
        };
        self.enqueue(work, Then::Report);
    }
}
