//! Saving contacts and queue without re-parsing what has not changed.
//!
//! Under the writer lock each table file is stamped; if its content is
//! still what the caller's [`Loaded`] was read from, the caller's records
//! are the truth and nothing is parsed. Otherwise (another process or a
//! hand edit changed it) the file is re-read — through the snapshot cache
//! when it can be — so nothing anyone saved is ever lost.

use super::directory::Store;
use super::files::{CONTACTS, HISTORY, QUEUE};
use super::load::{Loaded, Parse};
use super::lock::WriteLock;
use super::stamp::{FileStamp, Stamps, read_stamped, stamp_file_seeing};
use super::undo::{self, Label, Naming};
use super::utf8::text_of;
use super::{history_log, snapshot};
use crate::disk::atomic;
use crate::disk::error::StoreError;
use crate::domain::{CowVec, Entry, Network, triage};
use crate::format::binary::Record;
use crate::format::tables::TableRecord;
use crate::format::{keep, tables};
use std::os::unix::fs::MetadataExt;
use xxhash_rust::xxh3::Xxh3;

impl Store {
    /// Changes contacts and/or queue safely: takes the writer lock, reads
    /// the files fresh (so changes another process saved a moment ago are
    /// the starting point; through the snapshot cache when it was made
    /// from exactly the bytes on disk), lets `change` edit them, and atomically
    /// rewrites each file whose content changed. If `change` fails nothing
    /// is written. `history` is not loaded here; append entries with
    /// [`Store::append`]. A caller that keeps the network between saves
    /// should use [`Store::modify_at`], which skips the re-read when the
    /// files are unchanged.
    /// The change is journaled for undo under the name `label` gives it.
    pub fn modify<R, E>(
        &self,
        label: impl Label<R>,
        change: impl FnOnce(&mut Network) -> Result<R, E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        self.modify_at(&mut Loaded::default(), label, change)
    }

    /// Appends entries to the history log, durably, under the writer lock,
    /// and nothing else, not even the undo journal: for seeding a sample
    /// network. Gestures the user makes are logged with [`Store::log_at`],
    /// which also applies what they mean for triage.
    pub fn append(&self, entries: &[Entry]) -> Result<(), StoreError> {
        let _lock = WriteLock::acquire(self.dir())?;
        history_log::append(&self.path(HISTORY), entries)
    }

    /// Changes contacts and/or queue, starting from `base` when the files
    /// on disk are still the ones it was loaded (or last saved) from.
    ///
    /// Takes the writer lock; re-reads each table file whose content no
    /// longer matches `base.stamps` (so another writer's changes are
    /// the starting point), lets `change` edit `base.network`, and
    /// atomically rewrites each file whose rendered content changed. On
    /// success `base` is exactly what a fresh [`Store::load`] would give
    /// for the tables — records in file order: sorted by id, except in a
    /// file with comments, which keeps the user's order (see `keep`) — with
    /// updated stamps, and the snapshot cache is refreshed so the
    /// next launch is warm.
    ///
    /// If `change` fails nothing is written and the tables in `base` are
    /// put back as they were before it ran, so a half-applied change never
    /// lingers in memory.
    /// `base.network.history` is neither read nor written here: history is
    /// only ever appended, with [`Store::append`].
    ///
    /// # Saving off the UI thread
    ///
    /// Rendering and writing 30,000 contacts takes tens of milliseconds,
    /// so the TUI saves on a thread of its own (`tui::worker`). It hands
    /// over a clone of its network — cheap, the lists are
    /// [`CowVec`](crate::domain::CowVec) — with the stamps it was read
    /// with; only the list `change` touches is copied, and the UI swaps the
    /// result in when it arrives.
    ///
    /// # Undo
    ///
    /// The change is journaled under the name `label` gives it (see
    /// [`Label`]), with the records it changed, for `netwerk undo` and
    /// the full-screen program's `u`.
    pub fn modify_at<R, E>(
        &self,
        base: &mut Loaded,
        label: impl Label<R>,
        change: impl FnOnce(&mut Network) -> Result<R, E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        let _lock = WriteLock::acquire(self.dir())?;
        let marked = self.refresh_marked(base)?;
        self.change_locked(base, marked, label, |_| Vec::new(), change)
    }

    /// Logs shares, touches and asks: appends `entries` to the history
    /// and, under the same lock, makes active every untriaged contact a
    /// share or touch in them is with (see [`triage::wake`]) — the one
    /// place both front ends log a gesture. `base` is brought up to what
    /// is on disk first, like [`Store::modify_at`]; the contacts file is
    /// rewritten only when someone wakes. Returns how many woke. Journaled
    /// as one change called `label` (see [`Store::modify_at`]).
    pub fn log_at(
        &self,
        base: &mut Loaded,
        label: &str,
        entries: &[Entry],
    ) -> Result<usize, StoreError> {
        let _lock = WriteLock::acquire(self.dir())?;
        history_log::append(&self.path(HISTORY), entries)?;
        let marked = self.refresh_marked(base)?;
        if !triage::wakes(&base.network, entries) {
            self.record(
                Naming::Undoable(label.to_owned()),
                Default::default(),
                entries,
            );
            return Ok(0);
        }
        self.change_locked(
            base,
            marked,
            label,
            |_| entries.to_vec(),
            |net| Ok(triage::wake(net, entries)),
        )
    }

    /// Changes contacts and/or queue like [`Store::modify`], and appends
    /// the history entries `change` returns beside its result, under the
    /// same lock: an import and the moments it saw are written together.
    /// The entries are appended before the tables are rewritten; if the
    /// append fails, nothing is written.
    /// Journaled as one change called `label`, the entries with it.
    pub fn modify_logging<R, E>(
        &self,
        label: impl Label<R>,
        change: impl FnOnce(&mut Network) -> Result<(R, Vec<Entry>), E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        let mut base = Loaded::default();
        let _lock = WriteLock::acquire(self.dir())?;
        let marked = self.refresh_marked(&mut base)?;
        let history = self.path(HISTORY);
        let (result, _) = self.change_locked(
            &mut base,
            marked,
            OnResult(label),
            |(_, entries): &(R, Vec<Entry>)| entries.clone(),
            |net| -> Result<(R, Vec<Entry>), E> {
                let (result, entries) = change(net)?;
                if !entries.is_empty() {
                    history_log::append(&history, &entries)?;
                }
                Ok((result, entries))
            },
        )?;
        Ok(result)
    }

    /// [`Store::modify_at`] with the writer lock held and `base` already
    /// brought up to the disk; `marked` says which files may hold comments.
    /// `appended` are the history entries the change appended, for the
    /// journal.
    pub(super) fn change_locked<R, E>(
        &self,
        base: &mut Loaded,
        marked: [bool; 2],
        label: impl Label<R>,
        appended: impl FnOnce(&R) -> Vec<Entry>,
        change: impl FnOnce(&mut Network) -> Result<R, E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        // The lists are shared with whoever handed `base` over (the TUI):
        // keep the originals to put back if `change` fails halfway.
        let before = (base.network.contacts.clone(), base.network.items.clone());
        let result = match change(&mut base.network) {
            Ok(r) => r,
            Err(e) => {
                (base.network.contacts, base.network.items) = before;
                return Err(e);
            }
        };
        let naming = label.naming(&result);
        let net = &mut base.network;
        // The files hold records sorted by id; keeping memory in that
        // order makes `base` equal a fresh load and the snapshot valid.
        // Checked first, so a list nobody changed is not copied.
        if !net.contacts.is_sorted_by(|a, b| a.id <= b.id) {
            net.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        }
        if !net.items.is_sorted_by(|a, b| a.id <= b.id) {
            net.items.sort_by(|a, b| a.id.cmp(&b.id));
        }
        // What changed, for the journal: worked out before the old lists
        // are let go of.
        let images = match naming {
            Naming::Unrecorded => Default::default(),
            _ => undo::diff(&before, net),
        };
        drop(before);
        let stamps = &mut base.stamps;
        with_stamp(stamps, CONTACTS, |s| {
            self.write_table(CONTACTS, &mut net.contacts, s, marked[0])
        })?;
        with_stamp(stamps, QUEUE, |s| {
            self.write_table(QUEUE, &mut net.items, s, marked[1])
        })?;
        self.record(naming, images, &appended(&result));
        Ok(result)
    }

    /// Brings both tables in `base` up to what is on disk, re-reading only
    /// a file whose content differs from its stamp.
    pub(super) fn refresh_tables(&self, base: &mut Loaded) -> Result<(), StoreError> {
        self.refresh_marked(base).map(drop)
    }

    /// [`Store::refresh_tables`], saying for each file whether it may hold
    /// a comment (see [`keep::may_have_comment`]).
    pub(super) fn refresh_marked(&self, base: &mut Loaded) -> Result<[bool; 2], StoreError> {
        let net = &mut base.network;
        let stamps = &mut base.stamps;
        let contacts = with_stamp(stamps, CONTACTS, |s| {
            self.refresh(CONTACTS, &mut net.contacts, s, tables::parse_contacts)
        })?;
        let queue = with_stamp(stamps, QUEUE, |s| {
            self.refresh(QUEUE, &mut net.items, s, tables::parse_items)
        })?;
        Ok([contacts, queue])
    }

    /// Brings `records` up to `file`; returns whether the file may hold a
    /// comment, seen while it was hashed.
    fn refresh<T: TableRecord + Record>(
        &self,
        file: &str,
        records: &mut CowVec<T>,
        stamp: &mut Option<FileStamp>,
        parse: Parse<T>,
    ) -> Result<bool, StoreError> {
        let path = self.path(file);
        let mut marked = false;
        let disk = stamp_file_seeing(&path, &mut |offset, chunk| {
            marked = marked || keep::may_have_comment(offset, chunk, T::HEADER);
        })
        .map_err(|e| StoreError::io(&path, e))?;
        if stamp.is_some_and(|s| s.same_content(&disk)) {
            *stamp = Some(disk);
            return Ok(marked);
        }
        // Forget the old records first: no moment holds two copies (unless
        // someone else still shares them).
        *records = CowVec::default();
        *stamp = None;
        let (fresh, read, _) = self.read_table(file, Some(disk), parse, super::load::Snap::Now)?;
        *records = fresh.into();
        *stamp = Some(read);
        // Changed since it was hashed: it may hold anything.
        Ok(marked || !read.same_content(&disk))
    }

    /// Writes `records`, rendered, to `file` unless the file already
    /// holds exactly it, then records the new stamp and refreshes the
    /// snapshot. The text goes to the file as it is rendered, never held
    /// whole; when it turns out to be what the file holds, the temp file is
    /// dropped and the file left alone.
    ///
    /// When `marked` (the file may hold a comment) and it does, the file
    /// is edited in place instead (see [`Store::write_keeping`]).
    fn write_table<T: TableRecord + Record>(
        &self,
        file: &str,
        records: &mut CowVec<T>,
        stamp: &mut Option<FileStamp>,
        marked: bool,
    ) -> Result<(), StoreError> {
        let path = self.path(file);
        if marked {
            let (bytes, read) = read_stamped(&path).map_err(|e| StoreError::io(&path, e))?;
            let text = text_of(&path, bytes)?;
            if keep::has_comment(&text, T::HEADER) {
                return self.write_keeping(file, &text, read, records, stamp);
            }
        }
        let io = |e| StoreError::io(&path, e);
        let old = *stamp;
        // Unknown until the write is known to have happened (or not).
        *stamp = None;
        let mut hasher = Xxh3::new();
        let mut len = 0u64;
        let wrote = atomic::write_atomic_with(&path, |w| {
            let mut failed = None;
            T::render_to(records.iter().collect(), &mut |piece| {
                hasher.update(piece.as_bytes());
                len += piece.len() as u64;
                if failed.is_none() {
                    failed = w.write_all(piece.as_bytes()).err();
                }
            });
            match failed {
                Some(e) => Err(e),
                None => Ok(!old.is_some_and(|s| s.len == len && s.hash == hasher.digest128())),
            }
        })
        .map_err(io)?;
        let hash = hasher.digest128();
        if !wrote {
            *stamp = old;
            return Ok(());
        }
        let meta = std::fs::metadata(&path).map_err(io)?;
        let written = FileStamp {
            len,
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            hash,
        };
        *stamp = Some(written);
        let _ = snapshot::write(self.dir(), file, &written, 0, (records.len(), &records[..]));
        Ok(())
    }

    /// Writes `records` into `file`, whose `text` (stamped `read`) holds
    /// comments, editing it in place so they stay (see [`keep`]). The
    /// result is parsed back before it is written: if it does not read as
    /// exactly `records`, nothing is written and the save fails with the
    /// reason, never dropping a comment silently. `records` come out in
    /// the file's order, as a fresh load would give them.
    fn write_keeping<T: TableRecord + Record>(
        &self,
        file: &str,
        text: &str,
        read: FileStamp,
        records: &mut CowVec<T>,
        stamp: &mut Option<FileStamp>,
    ) -> Result<(), StoreError> {
        let path = self.path(file);
        let io = |e| StoreError::io(&path, e);
        let refuse = |why: String| StoreError::Invalid {
            path: path.clone(),
            line: 1,
            message: format!(
                "netwerk cannot save this file without losing its comments ({why}); \
                 nothing was written"
            ),
        };
        *stamp = None;
        let old = T::parse(&path, text)?;
        // The edited text is read back before anything is written.
        let check = |new_text: String| -> Result<(String, Vec<T>), String> {
            let written = T::parse(&path, &new_text)
                .map_err(|e| format!("the edited file would not read back: {e}"))?;
            let expected: rustc_hash::FxHashMap<&str, &T> =
                records.iter().map(|r| (r.id(), r)).collect();
            if written.len() != records.len()
                || written.iter().any(|w| expected.get(w.id()) != Some(&w))
            {
                return Err("the edited file would read back differently".into());
            }
            Ok((new_text, written))
        };
        let by_record = keep::rewrite(text, &old, records).map(check);
        let (new_text, written) = match by_record {
            Some(Ok(done)) => done,
            _ => keep::rewrite_doc(text, &old, records)
                .and_then(check)
                .map_err(refuse)?,
        };
        drop(old);
        *records = written.into();
        if new_text == text {
            *stamp = Some(read);
            return Ok(());
        }
        atomic::write_atomic(&path, new_text.as_bytes()).map_err(io)?;
        let meta = std::fs::metadata(&path).map_err(io)?;
        let written = FileStamp {
            len: new_text.len() as u64,
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            hash: xxhash_rust::xxh3::xxh3_128(new_text.as_bytes()),
        };
        *stamp = Some(written);
        let _ = snapshot::write(self.dir(), file, &written, 0, (records.len(), &records[..]));
        Ok(())
    }
}

/// Runs `f` on the stamp of `file` in `stamps`, keeping whatever it
/// leaves there, on failure too.
fn with_stamp<R>(
    stamps: &mut Stamps,
    file: &'static str,
    f: impl FnOnce(&mut Option<FileStamp>) -> R,
) -> R {
    let mut stamp = stamps.get(file);
    let result = f(&mut stamp);
    stamps.set(file, stamp);
    result
}

impl Loaded {
    /// A copy of the contacts and queue with their stamps and no history:
    /// what a save thread keeps (see [`Store::modify_at`]).
    pub fn tables_only(&self) -> Loaded {
        Loaded {
            network: Network {
                contacts: self.network.contacts.clone(),
                items: self.network.items.clone(),
                history: Vec::new().into(),
            },
            stamps: {
                let mut stamps = self.stamps.clone();
                stamps.set(HISTORY, None);
                stamps
            },
        }
    }
}

/// A label for a change that also returns the entries it appended: named
/// from the change's own result.
struct OnResult<L>(L);

impl<R, L: Label<R>> Label<(R, Vec<Entry>)> for OnResult<L> {
    fn naming(self, result: &(R, Vec<Entry>)) -> Naming {
        self.0.naming(&result.0)
    }
}
