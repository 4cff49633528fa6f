//! Triage (`T`): walk the contacts that arrived by import and were never
//! reviewed, one at a time — keep (with a few interests and a cadence),
//! skip for now, or mark dormant.

use super::app::App;
use super::app::Then;
use super::popup::form::Field;
use super::popup::{Form, FormKind, Popup};
use super::worker::{Done, Work};
use crate::domain::{ContactId, Decision, Network, triage};

/// Where a triage walk stands.
#[derive(Debug, Clone)]
pub struct Triage {
    /// The contacts to review, in walk order.
    pub queue: Vec<ContactId>,
    /// Index of the contact on screen.
    pub pos: usize,
    /// How many were kept, skipped and made dormant so far.
    pub kept: usize,
    /// See `kept`.
    pub skipped: usize,
    /// See `kept`.
    pub dormant: usize,
}

impl Triage {
    /// The contact on screen.
    pub fn current(&self) -> Option<&ContactId> {
        self.queue.get(self.pos)
    }
}

impl App {
    /// `T`: start walking the untriaged contacts.
    pub fn open_triage(&mut self) {
        let queue: Vec<ContactId> = triage::untriaged(&self.net)
            .into_iter()
            .map(|i| self.net.contacts[i].id.clone())
            .collect();
        if queue.is_empty() {
            return self.info("Nothing to triage: every contact has been reviewed");
        }
        self.popups.push(Popup::Triage(Triage {
            queue,
            pos: 0,
            kept: 0,
            skipped: 0,
            dormant: 0,
        }));
    }

    /// A key on the triage screen: k keep, s skip, d dormant, Esc stop.
    pub fn triage_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::KeyCode;
        let Some(Popup::Triage(t)) = self.popups.last_mut() else {
            return;
        };
        let Some(id) = t.current().cloned() else {
            self.popups.pop();
            return;
        };
        match key.code {
            KeyCode::Char('k') | KeyCode::Enter => {
                let name = self
                    .net
                    .contact(&id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let cadence = self
                    .net
                    .contact(&id)
                    .map(|c| self.config.cadence.for_degree(c.degree).to_string())
                    .unwrap_or_default();
                self.popups.push(Popup::Form(Form::new(
                    format!("Keep {name}: what do they care about?"),
                    FormKind::TriageKeep(id),
                    vec![
                        Field::new("Interests", "", "rust, sailing (comma-separated)"),
                        Field::new("Cadence (days)", &cadence, "how often to reach out"),
                    ],
                )));
            }
            KeyCode::Char('s') | KeyCode::Right | KeyCode::Char('j') => {
                t.skipped += 1;
                self.triage_next();
            }
            KeyCode::Char('d') => {
                self.triage_decide(&id, &Decision::Dormant);
            }
            KeyCode::Esc | KeyCode::Char('q') => self.triage_done(),
            _ => {}
        }
    }

    /// Applies a decision to the contact on screen and moves on; false
    /// if saving is refused (see `App::save_refused`): the walk stays.
    pub fn triage_decide(&mut self, id: &ContactId, decision: &Decision) -> bool {
        let kept = matches!(decision, Decision::Keep { .. });
        let (id, decision) = (id.clone(), decision.clone());
        // Saved in the background; the walk goes on at once. A failure
        // (the contact was removed meanwhile) lands on the status line.
        let queued = self.enqueue(
            Work::Modify(Box::new(move |net: &mut Network| {
                triage::apply(net, &id, &decision)
                    .map_err(|e| super::save::SaveError::Fields(vec![("Interests", e.reason)]))?;
                Ok(Done::default())
            })),
            Then::Quiet,
        );
        if !queued {
            return false;
        }
        if let Some(Popup::Triage(t)) = self.popups.last_mut() {
            if kept {
                t.kept += 1;
            } else {
                t.dormant += 1;
            }
        }
        self.triage_next();
        true
    }

    /// The keep form was submitted: check it, then keep the contact.
    pub fn triage_keep(&mut self, mut form: Form, id: ContactId) {
        let cadence_text = form.value("Cadence (days)");
        let cadence = if cadence_text.is_empty() {
            Ok(None)
        } else {
            cadence_text
                .parse::<u32>()
                .map_err(|_| format!("{cadence_text:?} is not a number of days"))
                .and_then(|d| {
                    crate::domain::validate::cadence(d)
                        .map(Some)
                        .map_err(|e| e.reason)
                })
        };
        let labels: Vec<String> = form
            .value("Interests")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|l| self.net.canonical_label(l))
            .collect();
        match cadence {
            Ok(cadence) => {
                let decision = Decision::Keep {
                    interests: labels,
                    cadence,
                };
                if !self.triage_decide(&id, &decision) {
                    // Refused: the form comes back as typed.
                    form.message = Some(self.status.text.clone());
                    self.popups.push(Popup::Form(form));
                }
            }
            Err(why) => {
                form.set_error("Cadence (days)", why);
                self.popups.push(Popup::Form(form));
            }
        }
    }

    fn triage_next(&mut self) {
        let Some(Popup::Triage(t)) = self.popups.last_mut() else {
            return;
        };
        t.pos += 1;
        if t.pos >= t.queue.len() {
            self.triage_done();
        }
    }

    fn triage_done(&mut self) {
        if let Some(Popup::Triage(t)) = self.popups.pop() {
            self.info(format!(
                "Triage: kept {}, skipped {}, dormant {}",
                t.kept, t.skipped, t.dormant
            ));
        }
    }
}
