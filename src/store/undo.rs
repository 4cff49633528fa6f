//! Undo and redo, once for both front ends. Every change saved through
//! [`Store::modify_at`] or [`Store::log_at`] is journaled (see
//! `journal`) under the name its caller gives it: the records it changed,
//! by id, before and after, and the history entries it appended. Undo
//! puts the records back and voids those entries (the history is only
//! appended to); redo does the change again and voids the voids. Either
//! happens only while the records and entries on disk are still as the
//! change (or its undo) left them: otherwise it is refused and nothing is
//! written.

use super::directory::Store;
use super::files::HISTORY;
use super::history_log;
use super::journal::{self, Change, Event, Image, NotKept, Scope, Toggle};
use super::load::Loaded;
use super::lock::WriteLock;
use crate::disk::error::StoreError;
use crate::domain::{ChangeId, Contact, CowVec, Entry, Item, Network, void};
use crate::format::tables::TableRecord;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// What a change is called in the undo journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Naming {
    /// A change that can be undone, called this: "added Ada Lovelace".
    Undoable(String),
    /// A change that cannot be undone (a backup restored over the data).
    Final(String),
    /// Not journaled: writing a sample or generated network.
    Unrecorded,
}

/// The name a caller gives a change, made from its result when that
/// says more ("imported 312 contacts"): a string, a closure taking the
/// result, [`Final`] or [`Unrecorded`].
pub trait Label<R> {
    /// The change's name, given what it returned.
    fn naming(self, result: &R) -> Naming;
}

impl<R> Label<R> for &str {
    fn naming(self, _: &R) -> Naming {
        Naming::Undoable(self.to_owned())
    }
}

impl<R> Label<R> for String {
    fn naming(self, _: &R) -> Naming {
        Naming::Undoable(self)
    }
}

impl<R, F: FnOnce(&R) -> String> Label<R> for F {
    fn naming(self, result: &R) -> Naming {
        Naming::Undoable(self(result))
    }
}

/// A change journaled as one that cannot be undone.
#[derive(Debug, Clone)]
pub struct Final(pub String);

impl<R> Label<R> for Final {
    fn naming(self, _: &R) -> Naming {
        Naming::Final(self.0)
    }
}

/// A change left out of the journal: seeding a sample network.
#[derive(Debug, Clone, Copy)]
pub struct Unrecorded;

impl<R> Label<R> for Unrecorded {
    fn naming(self, _: &R) -> Naming {
        Naming::Unrecorded
    }
}

/// The records a change touched, as the journal keeps them.
#[derive(Debug, Default)]
pub(super) struct Images {
    records: Vec<Image>,
    /// How many records changed.
    changed: usize,
    /// The JSON the images take; past the budget they are dropped.
    size: usize,
}

impl Images {
    fn over(&self) -> bool {
        self.size > journal::CHANGE_BUDGET
    }
}

/// What changed between the tables `before` and `after`.
pub(super) fn diff(before: &(CowVec<Contact>, CowVec<Item>), after: &Network) -> Images {
    let mut images = Images::default();
    diff_table(&before.0, &after.contacts, &mut images);
    diff_table(&before.1, &after.items, &mut images);
    if images.over() {
        images.records = Vec::new();
    }
    images
}

/// Adds the records that differ between two versions of one table.
fn diff_table<T: TableRecord + Serialize>(before: &CowVec<T>, after: &CowVec<T>, out: &mut Images) {
    if before.same(after) {
        return;
    }
    let by_id = |a: &T, b: &T| a.id() <= b.id();
    if before.is_sorted_by(by_id) && after.is_sorted_by(by_id) {
        // Both in id order, as the files keep them: one walk.
        let (mut i, mut j) = (0, 0);
        while i < before.len() || j < after.len() {
            match (before.get(i), after.get(j)) {
                (Some(b), Some(a)) if b.id() == a.id() => {
                    if a != b {
                        image(Some(b), Some(a), out);
                    }
                    i += 1;
                    j += 1;
                }
                (Some(b), Some(a)) if b.id() < a.id() => {
                    image(Some(b), None, out);
                    i += 1;
                }
                (Some(b), None) => {
                    image(Some(b), None, out);
                    i += 1;
                }
                (_, Some(a)) => {
                    image(None, Some(a), out);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        return;
    }
    let mut old: rustc_hash::FxHashMap<&str, &T> = before.iter().map(|r| (r.id(), r)).collect();
    for a in after.iter() {
        match old.remove(a.id()) {
            Some(b) if b == a => {}
            b => image(b, Some(a), out),
        }
    }
    for b in before.iter().filter(|b| old.contains_key(b.id())) {
        image(Some(b), None, out);
    }
}

/// Adds one changed record, unless the images are over budget already
/// (then it is only counted).
fn image<T: TableRecord + Serialize>(before: Option<&T>, after: Option<&T>, out: &mut Images) {
    out.changed += 1;
    if out.over() {
        return;
    }
    let Some(id) = before.or(after).map(|r| r.id().to_owned()) else {
        return;
    };
    let before = before.map(json);
    let after = match (&before, after.map(json)) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => Some(Value::Object(changed(b, &a))),
        (_, a) => a,
    };
    let image = Image {
        table: T::KEY.to_owned(),
        id,
        before,
        after,
    };
    out.size += serde_json::to_string(&image).map_or(usize::MAX / 2, |s| s.len());
    out.records.push(image);
}

/// A record as JSON, its absent fields left out.
fn json<T: Serialize>(record: &T) -> Value {
    match serde_json::to_value(record) {
        Ok(Value::Object(mut fields)) => {
            fields.retain(|_, v| !v.is_null());
            Value::Object(fields)
        }
        Ok(other) => other,
        Err(_) => Value::Null,
    }
}

/// The fields of `after` that differ from `before`'s, `null` for those
/// it dropped.
fn changed(before: &Map<String, Value>, after: &Map<String, Value>) -> Map<String, Value> {
    let mut out: Map<String, Value> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for k in before.keys().filter(|k| !after.contains_key(*k)) {
        out.insert(k.clone(), Value::Null);
    }
    out
}

/// What an undo or redo did (or with `dry_run`, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The change's name: "added Ada Lovelace".
    pub label: String,
    /// Whether it was a redo.
    pub redo: bool,
    /// How many records were put back.
    pub records: usize,
    /// How many history entries were voided (or given back).
    pub entries: usize,
    /// The record brought back, when it was one: for the screen to select.
    pub select: Option<String>,
}

/// Why an undo or redo did not happen.
#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    /// The data files could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The journal holds nothing to undo (or redo) in scope.
    #[error("nothing to {0}")]
    Nothing(&'static str),
    /// The change cannot be undone, or not any more: why.
    #[error("{0}")]
    Refused(String),
}

/// How the store is asked to undo or redo.
#[derive(Debug, Clone)]
pub struct Undo {
    /// Redo instead.
    pub redo: bool,
    /// Whose changes.
    pub scope: Scope,
    /// When, for the void records.
    pub now: DateTime<FixedOffset>,
    /// Only say what would happen.
    pub dry_run: bool,
}

impl Store {
    /// Journals a change just saved under the lock: its name, its
    /// records' images and the entries it appended. A change that changed
    /// nothing is not journaled. Like the cache, a journal that cannot
    /// be written costs only the undo.
    pub(super) fn record(&self, naming: Naming, images: Images, appended: &[Entry]) {
        let (label, restore) = match naming {
            Naming::Unrecorded => return,
            Naming::Undoable(label) => (label, false),
            Naming::Final(label) => (label, true),
        };
        if images.changed == 0 && appended.is_empty() {
            return;
        }
        let not_kept = if restore {
            Some(NotKept::Restore)
        } else if images.over() {
            Some(NotKept::TooLarge {
                records: images.changed,
            })
        } else {
            None
        };
        let change = Change {
            id: ChangeId::new().to_string(),
            by: self.session().to_string(),
            label,
            records: if not_kept.is_some() {
                Vec::new()
            } else {
                images.records
            },
            history: appended.iter().map(|e| e.id().to_owned()).collect(),
            not_kept,
        };
        let _ = journal::append(self.dir(), &Event::Change(change));
    }

    /// Undoes (or redoes) the last change in `how.scope`, starting from
    /// `base`, brought up to the disk first like [`Store::modify_at`]:
    /// its records are put back and the entries it appended voided, if
    /// they are all still as it left them. Refused otherwise, with what
    /// changed, and nothing is written.
    pub fn undo(&self, base: &mut Loaded, how: &Undo) -> Result<Undone, UndoError> {
        let verb = if how.redo { "redo" } else { "undo" };
        let not = if how.redo { "not redone" } else { "not undone" };
        let _lock = WriteLock::acquire(self.dir())?;
        let state = journal::next(journal::read(self.dir()), &how.scope, how.redo)
            .ok_or(UndoError::Nothing(verb))?;
        let change = &state.change;
        let backup = "restore a backup with `netwerk import json FILE --replace`";
        match change.not_kept {
            Some(NotKept::TooLarge { records }) => {
                return Err(UndoError::Refused(format!(
                    "\u{201c}{}\u{201d} changed {} records, too many to keep for undo; \
                     {not}. To go back, {backup}",
                    change.label, records
                )));
            }
            Some(NotKept::Restore) => {
                return Err(UndoError::Refused(format!(
                    "\u{201c}{}\u{201d} replaced the data and cannot be undone; \
                     to go back, {backup}",
                    change.label
                )));
            }
            None => {}
        }
        let marked = self.refresh_marked(base)?;
        // Each record must be as the change (or its undo) left it.
        let mut targets = Vec::with_capacity(change.records.len());
        for image in &change.records {
            let (expected, target) = match how.redo {
                false => (image.after_whole(), image.before.clone()),
                true => (image.before.clone(), image.after_whole()),
            };
            let current = current(&base.network, image);
            if current != expected {
                let name = name(current.as_ref().or(expected.as_ref()), &image.id);
                let what = match current {
                    None => "was removed since",
                    Some(_) if expected.is_none() => "was added again since",
                    Some(_) => "changed since",
                };
                return Err(UndoError::Refused(format!("{name} {what}; {not}")));
            }
            targets.push((image, target));
        }
        // And each entry standing for it still counting.
        let voids = if state.front.is_empty() {
            Vec::new()
        } else {
            let log = self.load_log()?;
            let dead = void::taken_back(&log);
            let mut voids = Vec::new();
            for id in &state.front {
                let Some(entry) = log.iter().find(|e| e.id() == id) else {
                    return Err(UndoError::Refused(format!(
                        "history entry {id} is no longer in the log; {not}"
                    )));
                };
                if dead.contains(entry.id()) {
                    return Err(UndoError::Refused(format!(
                        "the history entry with {} was taken back since; {not}",
                        entry.contact_name()
                    )));
                }
                voids.push(Entry::void(entry, how.now));
            }
            voids
        };
        let select = match targets.as_slice() {
            [(image, Some(_))] => Some(image.id.clone()),
            _ => None,
        };
        let undone = Undone {
            label: change.label.clone(),
            redo: how.redo,
            records: targets.len(),
            entries: voids.len(),
            select,
        };
        if how.dry_run {
            return Ok(undone);
        }
        if !targets.is_empty() {
            self.change_locked(
                base,
                marked,
                Unrecorded,
                |_| Vec::new(),
                |net| {
                    for (image, target) in &targets {
                        put(net, image, target.clone())?;
                    }
                    Ok::<_, StoreError>(())
                },
            )?;
        }
        if !voids.is_empty() {
            history_log::append(&self.path(HISTORY), &voids)?;
        }
        let toggle = Toggle {
            of: change.id.clone(),
            by: self.session().to_string(),
            voids: voids.iter().map(|e| e.id().to_owned()).collect(),
        };
        let event = match how.redo {
            false => Event::Undo(toggle),
            true => Event::Redo(toggle),
        };
        let _ = journal::append(self.dir(), &event);
        Ok(undone)
    }
}

/// The record `image` is of, as it is in `net` now.
fn current(net: &Network, image: &Image) -> Option<Value> {
    fn find<T: TableRecord + Serialize>(records: &[T], id: &str) -> Option<Value> {
        records.iter().find(|r| r.id() == id).map(json)
    }
    match image.table.as_str() {
        "contact" => find(&net.contacts, &image.id),
        "item" => find(&net.items, &image.id),
        _ => None,
    }
}

/// A record's name for a message: a contact's name, an item's title.
fn name(record: Option<&Value>, id: &str) -> String {
    record
        .and_then(|r| r.get("name").or_else(|| r.get("title")))
        .and_then(Value::as_str)
        .map_or_else(|| id.to_owned(), str::to_owned)
}

/// Sets the record `image` is of to `target` in `net`: replaced, added,
/// or with `None` removed.
fn put(net: &mut Network, image: &Image, target: Option<Value>) -> Result<(), StoreError> {
    fn set<T: TableRecord + DeserializeOwned>(
        records: &mut CowVec<T>,
        id: &str,
        target: Option<Value>,
    ) -> Result<(), StoreError> {
        let at = records.iter().position(|r| r.id() == id);
        let record = target
            .map(serde_json::from_value::<T>)
            .transpose()
            .map_err(|e| StoreError::Journal(format!("record {id} does not read back: {e}")))?;
        match (at, record) {
            (Some(at), Some(r)) => records[at] = r,
            (None, Some(r)) => records.push(r),
            (Some(at), None) => {
                records.remove(at);
            }
            (None, None) => {}
        }
        Ok(())
    }
    match image.table.as_str() {
        "contact" => set(&mut net.contacts, &image.id, target),
        "item" => set(&mut net.items, &image.id, target),
        other => Err(StoreError::Journal(format!("unknown table {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testnet::now;

    fn contact(name: &str) -> Contact {
        Contact::new(name, now().date_naive()).unwrap()
    }

    /// Images as comparable text.
    fn shown(images: &Images) -> Vec<String> {
        let mut shown: Vec<String> = images
            .records
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect();
        shown.sort();
        shown
    }

    #[test]
    fn a_change_is_the_same_whether_the_file_was_in_id_order_or_not() {
        let (ada, grace, hedy) = (contact("Ada"), contact("Grace"), contact("Hedy"));
        let mut sorted = vec![ada.clone(), grace.clone(), hedy.clone()];
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let mut after = Network {
            contacts: sorted.clone().into(),
            ..Network::default()
        };
        after.contacts.retain(|c| c.id != grace.id);
        after.contacts.push(contact("Katherine"));
        after.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        let ada_at = after.contacts.iter().position(|c| c.id == ada.id).unwrap();
        after.contacts[ada_at].role = Some("Countess".into());
        let in_order = diff(&(sorted.clone().into(), CowVec::default()), &after);
        // A hand-kept file in its own order (see `keep`) takes the other path.
        let mut shuffled = sorted;
        shuffled.reverse();
        let by_map = diff(&(shuffled.into(), CowVec::default()), &after);
        assert_eq!(in_order.changed, 3);
        assert_eq!(shown(&in_order), shown(&by_map));
        let edit = in_order.records.iter().find(|i| i.id == ada.id.as_str());
        assert_eq!(
            edit.and_then(|i| i.after.clone()),
            Some(serde_json::json!({"role": "Countess"}))
        );
    }

    #[test]
    fn an_image_puts_the_record_back_as_it_was() {
        let ada = contact("Ada");
        let mut edited = ada.clone();
        edited.role = Some("Countess".into());
        edited.interests.push("poetry".into());
        let mut images = Images::default();
        image(Some(&ada), Some(&edited), &mut images);
        let image = &images.records[0];
        let mut net = Network {
            contacts: vec![edited.clone()].into(),
            ..Network::default()
        };
        assert_eq!(current(&net, image), image.after_whole());
        put(&mut net, image, image.before.clone()).unwrap();
        assert_eq!(*net.contacts, vec![ada]);
        put(&mut net, image, image.after_whole()).unwrap();
        assert_eq!(*net.contacts, vec![edited]);
        put(&mut net, image, None).unwrap();
        assert!(net.contacts.is_empty());
    }
}
