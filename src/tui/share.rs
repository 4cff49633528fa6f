//! Sharing from the TUI: pick, compose, confirm — and `y` to copy.
//! Confirming copies first, then appends the history entry, then says on
//! the status line how the note was copied.

use super::app::{App, Then};
use super::pane::Pane;
use super::popup::composer::{Compose, ComposeOutcome, Composer};
use super::popup::picker::{Candidate, PickFor, PickOutcome, Picker};
use super::popup::{Confirm, OnYes, Popup};
use super::work::{Done, Work};
use crate::ops::{self, share::Pick};

impl App {
    /// `s`: from Contacts, pick an item for the selected contact; from
    /// Queue, pick a contact for the selected item.
    pub fn open_share(&mut self) {
        match self.screen.focus {
            // Shared items come from the queue: keep it, then pick.
            Pane::Inbox => self.keep_entry(true),
            Pane::Contacts | Pane::Interests => {
                let Some(ci) = self.screen.contacts.current() else {
                    return self.error("Select a contact first");
                };
                let candidates: Vec<Candidate> = self
                    .screen
                    .queue
                    .base
                    .iter()
                    .map(|&i| {
                        let mark = self.screen.queue_marks.get(&i).cloned().unwrap_or_default();
                        let item = &self.model.net.items[i];
                        Candidate {
                            index: i,
                            label: item.title.clone(),
                            reason: if mark.matched.is_empty() {
                                item.kind.to_string()
                            } else {
                                mark.reason
                            },
                            matched: !mark.matched.is_empty(),
                            received: mark.received,
                        }
                    })
                    .collect();
                if candidates.is_empty() {
                    return self
                        .error("The queue is empty: add something to share first (3, then a)");
                }
                let title = format!(
                    "Share with {} — type to filter",
                    self.model.net.contacts[ci].name
                );
                self.screen.open(Popup::Picker(Box::new(Picker::new(
                    PickFor::ItemsFor(ci),
                    title,
                    candidates,
                ))));
            }
            Pane::Queue => {
                let Some(ii) = self.screen.queue.current() else {
                    return self.error("Select an item first");
                };
                let item = &self.model.net.items[ii];
                let visible: std::collections::HashSet<usize> =
                    self.screen.contacts.base.iter().copied().collect();
                let candidates: Vec<Candidate> = self
                    .model
                    .insight
                    .rank_contacts_for(&self.model.net, ii)
                    .into_iter()
                    .filter(|r| visible.contains(&r.contact))
                    .map(|r| {
                        let c = &self.model.net.contacts[r.contact];
                        Candidate {
                            index: r.contact,
                            label: c.name.clone(),
                            reason: if r.fit.strength > 0 {
                                r.fit.reason_for(c.first_name())
                            } else {
                                c.company.clone().unwrap_or_default()
                            },
                            matched: r.fit.strength > 0,
                            received: r.received,
                        }
                    })
                    .collect();
                let title = format!("Share \"{}\" with — type to filter", item.title);
                self.screen.open(Popup::Picker(Box::new(Picker::new(
                    PickFor::ContactsFor(ii),
                    title,
                    candidates,
                ))));
            }
            Pane::History => self.error("Share from Contacts (1) or Queue (3)"),
        }
    }

    /// A key for the picker on top.
    pub fn picker_key(&mut self, key: crossterm::event::KeyEvent) {
        let Some(Popup::Picker(picker)) = self.screen.top_mut() else {
            return;
        };
        match picker.key(key) {
            PickOutcome::Choosing => {}
            PickOutcome::Cancel => {
                self.screen.close();
            }
            PickOutcome::Drop(pos) => {
                if let Some(cand) = picker.candidates.get(pos) {
                    let at = cand.index;
                    self.dismiss_moment(at);
                }
            }
            PickOutcome::Chosen(pos) => {
                let (contact, item) = match (&picker.pick, picker.candidates.get(pos)) {
                    (PickFor::ItemsFor(c), Some(cand)) => (*c, cand.index),
                    (PickFor::ContactsFor(i), Some(cand)) => (cand.index, *i),
                    (PickFor::MergeInto(c), Some(cand)) => {
                        let (keep, gone) = (*c, cand.index);
                        self.screen.close();
                        return self.confirm_merge(keep, gone);
                    }
                    (PickFor::IntroFor(a), Some(cand)) => {
                        let (a, b) = (*a, cand.index);
                        self.screen.close();
                        return self.open_intro_composer(a, b);
                    }
                    (PickFor::Moments, Some(cand)) => {
                        let at = cand.index;
                        self.screen.close();
                        return self.open_congrats_composer(at);
                    }
                    _ => return,
                };
                self.screen.close();
                self.open_composer(contact, item);
            }
        }
    }

    fn open_composer(&mut self, contact: usize, item: usize) {
        let (template, text) = self.note_for(contact, item, None);
        let route = self.copier.route();
        let mut composer = Composer::new(contact, Compose::Share(item), template, &text, route);
        let c = &self.model.net.contacts[contact];
        composer.already = self.model.net.sent_at(c, &self.model.net.items[item].id);
        self.screen.open(Popup::Composer(Box::new(composer)));
    }

    /// A key for the composer on top.
    pub fn composer_key(&mut self, key: crossterm::event::KeyEvent) {
        let Some(Popup::Composer(composer)) = self.screen.top_mut() else {
            return;
        };
        match composer.key(key) {
            ComposeOutcome::Writing => {}
            ComposeOutcome::Cancel if composer.edited() => {
                self.screen.open(Popup::Confirm(Confirm {
                    question: "Discard this note?".into(),
                    on_yes: OnYes::DiscardForm,
                }))
            }
            ComposeOutcome::Cancel => {
                self.screen.close();
            }
            ComposeOutcome::External => self.editor = Some(composer.text()),
            ComposeOutcome::NextTemplate => {
                let Compose::Share(item) = composer.purpose else {
                    let name = composer.template.clone().unwrap_or_default();
                    self.info(format!(
                        "One template writes this note: a [[template]] named {name} in the config replaces it"
                    ));
                    return;
                };
                if composer.edited() {
                    self.error("You edited the note; Ctrl-T would replace it. Esc to start over.");
                    return;
                }
                let (contact, current) = (composer.contact, composer.template.clone());
                let (template, text) = self.note_for(contact, item, current.as_deref());
                if let Some(Popup::Composer(composer)) = self.screen.top_mut() {
                    composer.set_text(&text);
                    composer.template = template.clone();
                }
                self.info(format!(
                    "Template: {}",
                    template.unwrap_or_else(|| "default".into())
                ));
            }
            ComposeOutcome::Confirm => {
                if let (Some(at), Compose::Share(_)) = (composer.already, &composer.purpose) {
                    let name = self.model.net.contacts[composer.contact]
                        .first_name()
                        .to_string();
                    self.screen.open(Popup::Confirm(Confirm {
                        question: format!(
                            "Already sent to {name} on {}. Send again?",
                            at.format("%Y-%m-%d")
                        ),
                        on_yes: OnYes::ShareAgain,
                    }));
                } else {
                    self.confirm_share();
                }
            }
        }
    }

    /// Copies the composer's note, then logs what it was for: the share,
    /// the introduction asked, the congratulation (a touch).
    pub fn confirm_share(&mut self) {
        // Copying and logging are one act: neither while the log cannot
        // be written. The composer stays open with the note.
        if self.save_refused().is_some() {
            return;
        }
        let Some(Popup::Composer(composer)) = self.screen.top() else {
            return;
        };
        let note = composer.text();
        let contact = &self.model.net.contacts[composer.contact];
        let now = self.clock.now();
        let entry = match &composer.purpose {
            Compose::Share(item) => {
                let item = &self.model.net.items[*item];
                let template = composer.template.as_deref();
                ops::share::entry(contact, item, &note, template, now)
                    .map(|e| (e, ops::label::shared(item, contact)))
            }
            Compose::Intro(other) => {
                let other = &self.model.net.contacts[*other];
                ops::intro::asked(contact, other, &note, now)
                    .map(|e| (e, ops::label::intro_asked(contact, other)))
            }
            Compose::Congrats(id) => ops::moment::open(&self.model.net.history, id)
                .and_then(|m| ops::moment::congratulated(m, contact, &note, now))
                .map(|e| (e, ops::label::congratulated(contact))),
        };
        let (entry, label) = match entry {
            Ok(done) => done,
            // Said the composer's way: the only field is the note.
            Err(_) if note.trim().is_empty() => {
                return self.error("The note is empty; write something personal first");
            }
            Err(e) => return self.error(e.to_string()),
        };
        let whom = match &composer.purpose {
            Compose::Intro(other) => format!(
                "{} and {}",
                contact.first_name(),
                self.model.net.contacts[*other].first_name()
            ),
            _ => contact.first_name().to_string(),
        };
        let copied = match self.copier.copy(&note) {
            Ok(copied) => copied,
            Err(e) => {
                let what = match composer.purpose {
                    Compose::Share(_) => "Not shared",
                    _ => "Not sent",
                };
                return self.error(format!("{what} — the note could not be copied: {e}"));
            }
        };
        let done = Done {
            label,
            ..Done::default()
        };
        self.screen.close();
        let message = format!("Note for {whom} {}", copied.how);
        // Said at once: the note is on the clipboard whatever happens next.
        self.info(message.clone());
        self.enqueue(
            Work::Append(vec![entry], done),
            Then::Share {
                message,
                file: copied.file,
                note,
            },
        );
    }

    /// No clipboard was reachable: show the note and where it was saved,
    /// so the user can copy it by hand.
    pub(super) fn show_note_file(&mut self, path: &str, text: &str) {
        self.screen.open(Popup::Notice(
            "No clipboard — copy the note by hand".into(),
            format!("Saved to {path}\n\n{text}"),
        ));
    }

    /// The external editor finished with `text` (or failed).
    pub fn editor_done(&mut self, result: Result<String, String>) {
        match (result, self.screen.top_mut()) {
            (Ok(text), Some(Popup::Composer(composer))) => {
                let generated = composer.generated.clone();
                composer.set_text(text.trim_end_matches('\n'));
                // Keep "edited" meaning "differs from the template".
                composer.generated = generated;
                self.info("Note updated from the editor");
            }
            (Err(e), _) => self.error(e),
            _ => {}
        }
    }

    /// `y`: the selected history entry's note, item URL or profile link.
    pub fn copy_selected(&mut self) {
        let (what, text) = match self.screen.focus {
            Pane::History => match self
                .screen
                .history
                .current()
                .and_then(|i| self.model.net.history.get(i))
            {
                Some(e) if !e.note().is_empty() => ("note".to_string(), e.note().to_owned()),
                Some(_) => return self.error("This entry has no note to copy"),
                None => return self.error("No history entry selected"),
            },
            Pane::Queue => match self
                .screen
                .queue
                .current()
                .and_then(|i| self.model.net.items.get(i))
            {
                Some(item) => ("URL".to_string(), item.url.clone()),
                None => return self.error("No item selected"),
            },
            Pane::Inbox => match self.screen.inbox.selected() {
                Some(row) => ("URL".to_string(), row.entry.url.clone()),
                None => return self.error("No entry selected"),
            },
            Pane::Contacts | Pane::Interests => match self.selected_contact() {
                Some(c) => match c.profile_link() {
                    Some(l) => (
                        format!("{} link of {}", l.kind, c.first_name()),
                        l.url.clone(),
                    ),
                    None => {
                        return self.error(format!("{} has no profile link; e adds one", c.name));
                    }
                },
                None => return self.error("No contact selected"),
            },
        };
        match self.copier.copy(&text) {
            Ok(copied) => {
                self.info(format!("The {what} {}", copied.how));
                if let Some(path) = copied.file {
                    self.show_note_file(&path, &text);
                }
            }
            Err(e) => self.error(format!("Could not copy the {what}: {e}")),
        }
    }

    /// The note for sharing `item` with `contact`: the template after
    /// `after` (Ctrl-T), else the next in this contact's rotation.
    fn note_for(
        &self,
        contact: usize,
        item: usize,
        after: Option<&str>,
    ) -> (Option<String>, String) {
        let pick = match after {
            Some(current) => Pick::After(current),
            None => Pick::Rotation,
        };
        let draft = ops::share::draft(
            &self.model.net,
            &self.model.net.contacts[contact],
            &self.model.net.items[item],
            &self.templates,
            self.config().signature.as_deref(),
            self.clock.now(),
            pick,
        );
        (draft.template, draft.note)
    }
}
