//! `m` on a contact: pick another record of the same person, confirm,
//! and the domain's merge folds it into the selected one (as `netwerk
//! contact merge` does).

use super::app::App;
use super::pane::Pane;
use super::popup::picker::{Candidate, PickFor, Picker};
use super::popup::{Confirm, OnYes, Popup};
use super::work::SaveError;
use super::work::{Done, Work};
use crate::domain::identity::kinship;
use crate::domain::{ContactId, Network};

impl App {
    /// Opens the picker of records to fold into the selected contact,
    /// likely twins (same profile, e-mail or name) first.
    pub fn open_merge(&mut self) {
        if self.screen.focus != Pane::Contacts {
            return self.error("Merge from Contacts (1): select the record that stays, then m");
        }
        let Some(ci) = self.screen.contacts.current() else {
            return self.error("Select the contact that stays first");
        };
        let keep = &self.model.net.contacts[ci];
        let mut candidates: Vec<(bool, Candidate)> = self
            .model
            .net
            .contacts
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != ci)
            .map(|(i, c)| {
                let why = kinship(keep, c);
                let detail = [c.role.as_deref(), c.company.as_deref(), Some(c.id.as_str())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let likely = why.is_some();
                let reason = match why {
                    Some(why) => format!("{why} · {detail}"),
                    None => detail,
                };
                (
                    likely,
                    Candidate {
                        index: i,
                        label: c.name.clone(),
                        reason,
                        matched: likely,
                        received: None,
                    },
                )
            })
            .collect();
        if candidates.is_empty() {
            return self.error("Nobody else to merge with");
        }
        // Likely twins first; otherwise by name. The sort is stable.
        candidates.sort_by(|(a, ca), (b, cb)| b.cmp(a).then_with(|| ca.label.cmp(&cb.label)));
        let title = format!(
            "Merge into {} — pick the other record (type to filter)",
            keep.name
        );
        self.screen.open(Popup::Picker(Box::new(Picker::new(
            PickFor::MergeInto(ci),
            title,
            candidates.into_iter().map(|(_, c)| c).collect(),
        ))));
    }

    /// Asks before folding contact `gone` into `keep` (indexes).
    pub fn confirm_merge(&mut self, keep: usize, gone: usize) {
        let (k, g) = (
            &self.model.net.contacts[keep],
            &self.model.net.contacts[gone],
        );
        self.screen.open(Popup::Confirm(Confirm {
            question: format!(
                "Merge {} ({}) into {} ({})? {} keeps its id and gains the other's \
                 interests, links and notes; the other's history counts for it.",
                g.name, g.id, k.name, k.id, k.name
            ),
            on_yes: OnYes::Merge(k.id.clone(), g.id.clone()),
        }));
    }
}

/// The write for a confirmed merge: done on the data as it is on disk.
pub fn merge(keep: ContactId, gone: ContactId) -> Work {
    Work::Modify(Box::new(move |net: &mut Network| {
        let merged = net
            .merge_contacts(&keep, &gone)
            .map_err(|e| SaveError::Fields(vec![("Name", format!("not merged: {e}"))]))?;
        Ok(Done {
            message: format!(
                "Merged {} into {}{}",
                merged.absorbed.name,
                merged.survivor.name,
                if merged.changes.is_empty() {
                    String::new()
                } else {
                    format!(": {}", merged.changes.join("; "))
                }
            ),
            select: Some(merged.survivor.id.to_string()),
            label: crate::ops::label::merged(&merged),
        })
    }))
}
