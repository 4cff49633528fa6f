//! The small data files — `feeds.toml` and `inbox.toml` — read and written
//! whole with plain serde and the `toml` crate. They hold tens to a few
//! thousand records, so they skip the snapshot cache of the big files but
//! keep every other rule: a header and a format version, stable order,
//! atomic writes under the writer lock, and `path:line:col` errors.

use super::lock::WriteLock;
use super::{Store, stamp};
use crate::disk::atomic;
use crate::disk::error::StoreError;
use crate::domain::Feed;
use crate::domain::inbox::Entry;
use crate::format::tables;
use crate::format::tables::TableRecord;
use crate::format::toml_error;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// File holding the feed subscriptions.
pub const FEEDS: &str = "feeds.toml";
/// File holding the inbox of entries from feeds.
pub const INBOX: &str = "inbox.toml";

const FEEDS_HEADER: &str = "# netwerk feeds. Hand edits are welcome; one [[feed]] per address.\n\
# etag and last_modified are what the server said last time; delete them to fetch in full.\n";
const INBOX_HEADER: &str = "# netwerk inbox: new entries from your feeds. Hand edits are welcome.\n\
# Entries with state = \"skipped\" or \"kept\" are remembered so they do not come back.\n";

/// `feeds.toml`'s shape. `R` is `Vec<Feed>` when parsing and borrowed
/// records when rendering.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile<R> {
    format: u32,
    #[serde(default)]
    feed: R,
}

/// `inbox.toml`'s shape.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct InboxFile<R> {
    format: u32,
    #[serde(default)]
    entry: R,
}

/// Parses a small file's text; an empty one has no records.
fn parse<F: DeserializeOwned>(path: &Path, text: &str) -> Result<Option<F>, StoreError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    tables::check_version(path, text)?;
    toml::from_str(text)
        .map(Some)
        .map_err(|e| toml_error(path, text, &e))
}

/// Reads a small file; a missing or empty one has no records. Returns the
/// records and the text as read, to tell later whether a save changes it.
fn read<T: TableRecord>(path: &Path) -> Result<(Vec<T>, String), StoreError> {
    let (bytes, _) = stamp::read_stamped(path).map_err(|e| StoreError::io(path, e))?;
    let text = super::text_of(path, bytes)?;
    Ok((T::parse(path, &text)?, text))
}

/// The file's text: header, then the records as the `toml` crate writes them.
fn render<F: Serialize>(header: &str, file: &F) -> String {
    // Plain data with string keys: serialising cannot fail, and an empty
    // fallback would lose data, so failure is the bug it would be.
    let body = toml::to_string(file).expect("feeds and inbox entries always serialise to TOML");
    format!("{header}{body}")
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

impl TableRecord for Feed {
    const FILE: &'static str = FEEDS;
    const KEY: &'static str = "feed";
    const HEADER: &'static str = FEEDS_HEADER;
    fn id(&self) -> &str {
        &self.url
    }
    fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.url)
    }
    fn parse(path: &Path, text: &str) -> Result<Vec<Self>, StoreError> {
        Ok(parse::<FeedsFile<Vec<Feed>>>(path, text)?.map_or_else(Vec::new, |f| f.feed))
    }
    /// Sorted by address.
    fn render_to(mut feed: Vec<&Self>, out: &mut dyn FnMut(&str)) {
        feed.sort_by(|a, b| a.url.cmp(&b.url));
        let file = FeedsFile {
            format: tables::FORMAT,
            feed,
        };
        out(&render(FEEDS_HEADER, &file));
    }
    fn conflicts(&self) -> &[String] {
        &self.conflicts
    }
    fn conflicts_mut(&mut self) -> &mut Vec<String> {
        &mut self.conflicts
    }
    /// What the server said last: another fetch rewrites it.
    fn quiet(field: &str) -> bool {
        matches!(field, "etag" | "last_modified")
    }
}

impl TableRecord for Entry {
    const FILE: &'static str = INBOX;
    const KEY: &'static str = "entry";
    const HEADER: &'static str = INBOX_HEADER;
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.title
    }
    fn parse(path: &Path, text: &str) -> Result<Vec<Self>, StoreError> {
        Ok(parse::<InboxFile<Vec<Entry>>>(path, text)?.map_or_else(Vec::new, |f| f.entry))
    }
    /// Sorted by arrival, then id.
    fn render_to(mut entry: Vec<&Self>, out: &mut dyn FnMut(&str)) {
        entry.sort_by(|a, b| a.added.cmp(&b.added).then_with(|| a.id.cmp(&b.id)));
        let file = InboxFile {
            format: tables::FORMAT,
            entry,
        };
        out(&render(INBOX_HEADER, &file));
    }
    fn conflicts(&self) -> &[String] {
        &self.conflicts
    }
    fn conflicts_mut(&mut self) -> &mut Vec<String> {
        &mut self.conflicts
    }
    /// What two fetches of one entry say may differ a little; only what
    /// the user decided (kept, skipped) is worth a note.
    fn quiet(field: &str) -> bool {
        field != "state"
    }
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
