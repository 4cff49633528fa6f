//! Triage (`T`): walk the contacts in the current view (search, interest
//! filter) that arrived by import and were never reviewed, most worth a
//! look first — keep (with a few interests and a cadence), skip for now,
//! or mark dormant, one at a time or all of them after a y/n.

use super::app::App;
use super::app::Then;
use super::popup::form::Field;
use super::popup::triage::{Triage, TriageOutcome};
use super::popup::{Confirm, Form, FormKind, OnYes, Popup};
use super::work::{Done, Work};
use crate::domain::triage::Among;
use crate::domain::{ContactId, Decision, Network, triage};

impl App {
    /// "filter: stripe · interest: rust": what narrows the Contacts pane.
    fn contacts_view_label(&self) -> String {
        let mut parts = Vec::new();
        let query = self.screen.contacts.query.trim();
        if !query.is_empty() {
            parts.push(format!("filter: {query}"));
        }
        if let Some(interest) = &self.screen.interest_filter {
            parts.push(format!("interest: {interest}"));
        }
        parts.join(" · ")
    }

    /// `T`: start walking the untriaged contacts in the Contacts pane as
    /// it is filtered now, most worth a look first.
    pub fn open_triage(&mut self) {
        let today = self.clock.now().date_naive();
        let ranked = triage::walk(&self.model.net, &self.screen.contacts.rows, today);
        let view = self.contacts_view_label();
        if ranked.is_empty() {
            return self.info(if view.is_empty() {
                "Nothing to triage: every contact has been reviewed".to_string()
            } else {
                format!(
                    "Nothing to triage in this view ({view}); {} in all await triage",
                    self.model.stats.untriaged
                )
            });
        }
        let queue: Vec<ContactId> = ranked
            .iter()
            .map(|r| self.model.net.contacts[r.contact].id.clone())
            .collect();
        self.screen.open(Popup::Triage(Triage {
            why: ranked.iter().map(triage::Ranked::why).collect(),
            decided: vec![false; queue.len()],
            queue,
            view,
            pos: 0,
            kept: 0,
            skipped: 0,
            dormant: 0,
        }));
    }

    /// `K` or `D` on the triage screen: ask before keeping or setting
    /// aside every contact of the walk not decided yet.
    fn ask_triage_all(&mut self, keep: bool) {
        let Some(Popup::Triage(t)) = self.screen.top() else {
            return;
        };
        let ids = t.undecided();
        let n = ids.len();
        let (verb, noun) = match n {
            1 => ("", "contact"),
            _ => ("all ", "contacts"),
        };
        let question = match keep {
            true => format!("Keep {verb}{n} {noun} in this view?"),
            false => format!("Set aside {verb}{n} {noun} in this view?"),
        };
        self.screen.open(Popup::Confirm(Confirm {
            question,
            on_yes: OnYes::TriageAll { ids, keep },
        }));
    }

    /// Yes to a bulk action: one save keeps or sets aside every contact
    /// named that is still untriaged, and the walk ends.
    pub fn triage_all(&mut self, ids: Vec<ContactId>, keep: bool) {
        let decision = match keep {
            true => Decision::Keep {
                interests: Vec::new(),
                cadence: None,
            },
            false => Decision::Dormant,
        };
        let queued = self.enqueue(
            Work::Modify(Box::new(move |net: &mut Network| {
                let n = triage::apply_all(net, Among::Ids(&ids), &decision)
                    .map_err(|e| super::work::SaveError::Fields(vec![("Triage", e.reason)]))?;
                let message = match keep {
                    true => format!("Kept {n} contacts: they fall due by their cadence"),
                    false => format!("Set aside {n} contacts: kept, never due"),
                };
                Ok(Done {
                    message,
                    select: None,
                    label: crate::ops::label::triaged_all(&decision, n),
                })
            })),
            Then::Report,
        );
        if queued && let Some(Popup::Triage(_)) = self.screen.top() {
            self.screen.close();
        }
    }

    /// A key on the triage screen (see [`Triage::key`]), applied.
    pub fn triage_key(&mut self, key: crossterm::event::KeyEvent) {
        let Some(Popup::Triage(t)) = self.screen.top_mut() else {
            return;
        };
        match t.key(key) {
            TriageOutcome::Nothing => {}
            TriageOutcome::Keep(id) => {
                let contact = self.model.net.contact(&id);
                let name = contact.map(|c| c.name.clone()).unwrap_or_default();
                let cadence = contact
                    .map(|c| self.config().cadence.for_degree(c.degree).to_string())
                    .unwrap_or_default();
                self.screen.open(Popup::Form(Form::new(
                    format!("Keep {name}: what do they care about?"),
                    FormKind::TriageKeep(id),
                    vec![
                        Field::new("Interests", "", "rust, sailing (comma-separated)"),
                        Field::new("Cadence (days)", &cadence, "how often to reach out"),
                    ],
                )));
            }
            TriageOutcome::Skipped => self.triage_next(),
            TriageOutcome::Dormant(id) => {
                self.triage_decide(&id, &Decision::Dormant);
            }
            TriageOutcome::KeepAll => self.ask_triage_all(true),
            TriageOutcome::SetAllAside => self.ask_triage_all(false),
            TriageOutcome::Done => self.triage_done(),
            TriageOutcome::Empty => {
                self.screen.close();
            }
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
                    .map_err(|e| super::work::SaveError::Fields(vec![("Interests", e.reason)]))?;
                let name = net.contact(&id).map(|c| c.name.clone()).unwrap_or_default();
                Ok(Done {
                    label: crate::ops::label::triaged(&decision, &name),
                    ..Done::default()
                })
            })),
            Then::Quiet,
        );
        if !queued {
            return false;
        }
        if let Some(Popup::Triage(t)) = self.screen.top_mut() {
            if let Some(done) = t.decided.get_mut(t.pos) {
                *done = true;
            }
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
            .map(|l| self.model.net.canonical_label(l))
            .collect();
        match cadence {
            Ok(cadence) => {
                let decision = Decision::Keep {
                    interests: labels,
                    cadence,
                };
                if !self.triage_decide(&id, &decision) {
                    // Refused: the form comes back as typed.
                    form.message = Some(self.status().text.clone());
                    self.screen.open(Popup::Form(form));
                }
            }
            Err(why) => {
                form.set_error("Cadence (days)", why);
                self.screen.open(Popup::Form(form));
            }
        }
    }

    fn triage_next(&mut self) {
        let Some(Popup::Triage(t)) = self.screen.top_mut() else {
            return;
        };
        t.pos += 1;
        if t.pos >= t.queue.len() {
            self.triage_done();
        }
    }

    fn triage_done(&mut self) {
        if let Some(Popup::Triage(t)) = self.screen.close() {
            self.info(format!(
                "Triage: kept {}, skipped {}, dormant {}",
                t.kept, t.skipped, t.dormant
            ));
        }
    }
}
