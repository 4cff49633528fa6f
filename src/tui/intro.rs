//! Introductions and moments in the full-screen program. `I` on a
//! contact opens the picker over people worth introducing them to, best
//! first with the reason; Enter drafts both asks in the composer, and
//! Ctrl-S copies them and records the introduction. `M` lists the open
//! moments: Enter drafts a congratulation (a touch once sent), Delete
//! dismisses one. The rules are in `domain::intro` and `domain::moment`.

use super::app::{App, Then};
use super::pane::Pane;
use super::popup::Popup;
use super::popup::composer::{Compose, Composer};
use super::popup::picker::{Candidate, PickFor, Picker};
use super::work::{Done, Work};
use crate::domain::ContactState;
use crate::domain::intro::pairs;
use crate::domain::moment::JobChange;
use crate::domain::template::Purpose;
use crate::ops;

impl App {
    /// `I`: pick someone to introduce the selected contact to.
    pub fn open_intro(&mut self) {
        if !matches!(self.screen.focus, Pane::Contacts | Pane::Interests) {
            return self.error("Introduce from Contacts (1): select someone, then press I again");
        }
        let Some(a) = self.screen.contacts.current() else {
            return self.error("Select a contact first");
        };
        let partners = pairs::partners(&self.model.net, &self.model.insight, a);
        let mut seen = vec![false; self.model.net.contacts.len()];
        seen[a] = true;
        let mut candidates: Vec<Candidate> = partners
            .iter()
            .map(|p| {
                seen[p.b] = true;
                Candidate {
                    index: p.b,
                    label: self.model.net.contacts[p.b].name.clone(),
                    reason: p.reason(),
                    matched: true,
                    received: None,
                }
            })
            .collect();
        // Everyone else after them, to pick by name: active first, most
        // urgent first; those introduced already say so.
        let a_id = self.model.net.contacts[a].id.as_str();
        let before: Vec<crate::domain::intro::Intro> =
            crate::domain::intro::all(&self.model.net.history)
                .into_iter()
                .filter(|i| i.a.0 == a_id || i.b.0 == a_id)
                .collect();
        let introduced = |c: &crate::domain::Contact| {
            before
                .iter()
                .rfind(|i| i.joins(a_id, c.id.as_str()))
                .map(|i| format!("introduced: {} {}", i.stage, i.updated.format("%Y-%m-%d")))
        };
        let rest = self
            .model
            .insight
            .urgency_order()
            .filter(|&i| !seen[i] && self.model.net.contacts[i].state != ContactState::Dormant);
        candidates.extend(rest.map(|i| {
            let c = &self.model.net.contacts[i];
            Candidate {
                index: i,
                label: c.name.clone(),
                reason: introduced(c).unwrap_or_else(|| c.company.clone().unwrap_or_default()),
                matched: false,
                received: None,
            }
        }));
        if candidates.is_empty() {
            return self.error("Nobody else to introduce them to yet");
        }
        let title = format!(
            "Introduce {} to — type to filter",
            self.model.net.contacts[a].name
        );
        self.screen.open(Popup::Picker(Box::new(Picker::new(
            PickFor::IntroFor(a),
            title,
            candidates,
        ))));
    }

    /// The composer holding the asks to `a` and `b`, one after the other.
    pub(super) fn open_intro_composer(&mut self, a: usize, b: usize) {
        let signature = self.config().signature.as_deref();
        let text = ops::intro::draft(
            ops::intro::Note::Asks,
            &self.model.net,
            &self.model.insight,
            &self.templates,
            signature,
            (a, b),
        );
        let composer = Composer::new(
            a,
            Compose::Intro(b),
            Some(Purpose::IntroAsk.name().to_owned()),
            &text,
            self.copier.route(),
        );
        self.screen.open(Popup::Composer(Box::new(composer)));
    }

    /// `M`: the open moments, newest first.
    pub fn open_moments(&mut self) {
        let candidates: Vec<Candidate> = self
            .model
            .moments
            .iter()
            .filter_map(|&at| {
                let e = self.model.net.history.get(at)?;
                let change = JobChange::of(e)?;
                Some(Candidate {
                    index: at,
                    label: e.contact_name().to_owned(),
                    reason: change.describe(),
                    matched: true,
                    received: None,
                })
            })
            .collect();
        if candidates.is_empty() {
            return self.info(
                "No moments: a newer LinkedIn export (netwerk import linkedin) shows who changed jobs",
            );
        }
        self.screen.open(Popup::Picker(Box::new(Picker::new(
            PickFor::Moments,
            "Moments — Enter congratulates · Del dismisses".into(),
            candidates,
        ))));
    }

    /// The composer holding a congratulation on the moment at `at` in
    /// the history.
    pub(super) fn open_congrats_composer(&mut self, at: usize) {
        let Some(moment) = self.model.net.history.get(at) else {
            return;
        };
        let Some(contact) = self
            .model
            .net
            .contacts
            .iter()
            .position(|c| c.answers_to(moment.contact()))
        else {
            return self.error(format!(
                "{} is no longer among your contacts",
                moment.contact_name()
            ));
        };
        let signature = self.config().signature.as_deref();
        let c = &self.model.net.contacts[contact];
        let text = match ops::moment::draft(&self.templates, signature, c, moment) {
            Ok(text) => text,
            Err(e) => return self.error(e.to_string()),
        };
        let composer = Composer::new(
            contact,
            Compose::Congrats(moment.id().to_owned()),
            Some(Purpose::Congrats.name().to_owned()),
            &text,
            self.copier.route(),
        );
        self.screen.open(Popup::Composer(Box::new(composer)));
    }

    /// Dismisses the moment at `at` in the history, and takes it out of
    /// the open picker.
    pub(super) fn dismiss_moment(&mut self, at: usize) {
        if self.save_refused().is_some() {
            return;
        }
        let Some(moment) = self.model.net.history.get(at) else {
            return;
        };
        let entry = ops::moment::dismissed(moment, self.clock.now());
        let name = moment.contact_name().to_owned();
        let label = ops::label::moment_dismissed(&name);
        if let Some(Popup::Picker(picker)) = self.screen.top_mut()
            && let Some(pos) = picker.candidates.iter().position(|c| c.index == at)
        {
            picker.remove(pos);
        }
        self.enqueue(
            Work::Append(
                vec![entry],
                Done {
                    message: format!("Dismissed the moment of {name}"),
                    select: None,
                    label,
                },
            ),
            Then::Report,
        );
    }
}
