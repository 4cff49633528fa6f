//! The small data files — `feeds.toml` and `inbox.toml` — read and written
//! whole (their text is `format::small`). They hold tens to a few
//! thousand records, so they skip the snapshot cache of the big files but
//! keep every other rule: a header and a format version, stable order,
//! atomic writes under the writer lock, and `path:line:col` errors.

use super::directory::Store;
use super::files::{FEEDS, INBOX};
use super::lock::WriteLock;
use super::stamp;
use super::utf8::text_of;
use crate::disk::atomic;
use crate::disk::error::StoreError;
use crate::domain::Feed;
use crate::domain::inbox::Entry;
use crate::format::tables::TableRecord;
use std::path::Path;

/// Reads a small file; a missing or empty one has no records. Returns the
/// records and the text as read, to tell later whether a save changes it.
fn read<T: TableRecord>(path: &Path) -> Result<(Vec<T>, String), StoreError> {
    let (bytes, _) = stamp::read_stamped(path).map_err(|e| StoreError::io(path, e))?;
    let text = text_of(path, bytes)?;
    Ok((T::parse(path, &text)?, text))
}

/// Read fresh under the lock, change, and write atomically if the text changed.
fn modify<T: TableRecord, R, E>(
    store: &Store,
    change: impl FnOnce(&mut Vec<T>) -> Result<R, E>,
) -> Result<R, E>
where
    E: From<StoreError>,
{
    let _lock = WriteLock::acquire(store.dir())?;
    let path = store.path(T::FILE);
    let (mut records, before) = read::<T>(&path)?;
    let result = change(&mut records)?;
    let mut after = String::new();
    T::render_to(records.iter().collect(), &mut |piece| after.push_str(piece));
    if after != before {
        atomic::write_atomic(&path, after.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
    }
    Ok(result)
}

impl Store {
    /// The feed subscriptions, sorted by address.
    pub fn load_feeds(&self) -> Result<Vec<Feed>, StoreError> {
        read::<Feed>(&self.path(FEEDS)).map(|(feeds, _)| feeds)
    }

    /// Changes the subscriptions safely (see [`Store::modify`]); they are
    /// written sorted by address.
    pub fn modify_feeds<R, E: From<StoreError>>(
        &self,
        change: impl FnOnce(&mut Vec<Feed>) -> Result<R, E>,
    ) -> Result<R, E> {
        modify(self, change)
    }

    /// The inbox, kept and skipped entries included.
    pub fn load_inbox(&self) -> Result<Vec<Entry>, StoreError> {
        read::<Entry>(&self.path(INBOX)).map(|(entries, _)| entries)
    }

    /// Changes the inbox safely; it is written sorted by arrival, then id.
    pub fn modify_inbox<R, E: From<StoreError>>(
        &self,
        change: impl FnOnce(&mut Vec<Entry>) -> Result<R, E>,
    ) -> Result<R, E> {
        modify(self, change)
    }
}
