//! The small data files — `feeds.toml` and `inbox.toml` — read and written
//! whole with plain serde and the `toml` crate. They hold tens to a few
//! thousand records, so they skip the snapshot cache of the big files but
//! keep every other rule: a header and a format version, stable order,
//! atomic writes under the writer lock, and `path:line:col` errors.

use super::error::{StoreError, toml_error};
use super::lock::WriteLock;
use super::{Store, atomic, stamp, tables};
use crate::domain::Feed;
use crate::domain::inbox::Entry;
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

/// `feeds.toml`'s shape.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    format: u32,
    #[serde(default)]
    feed: Vec<Feed>,
}

/// `inbox.toml`'s shape.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct InboxFile {
    format: u32,
    #[serde(default)]
    entry: Vec<Entry>,
}

/// Reads a small file; a missing or empty one is the default. Returns the
/// parsed file and its text as read, to tell later whether a save changes it.
fn read<F: DeserializeOwned + Default>(path: &Path) -> Result<(F, String), StoreError> {
    let (bytes, _) = stamp::read_stamped(path).map_err(|e| StoreError::io(path, e))?;
    let text = super::text_of(path, bytes)?;
    if text.trim().is_empty() {
        return Ok((F::default(), text));
    }
    tables::check_version(path, &text)?;
    let file = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    Ok((file, text))
}

/// The file's text: header, then the records as the `toml` crate writes them.
fn render<F: Serialize>(path: &Path, header: &str, file: &F) -> Result<String, StoreError> {
    let body = toml::to_string(file).map_err(|e| StoreError::Invalid {
        path: path.to_path_buf(),
        line: 1,
        message: e.to_string(),
    })?;
    Ok(format!("{header}{body}"))
}

/// Read fresh under the lock, change, and write atomically if the text changed.
fn modify<F, R, E>(
    store: &Store,
    name: &str,
    header: &str,
    change: impl FnOnce(&mut F) -> Result<R, E>,
) -> Result<R, E>
where
    F: Serialize + DeserializeOwned + Default,
    E: From<StoreError>,
{
    let _lock = WriteLock::acquire(store.dir())?;
    let path = store.path(name);
    let (mut file, before) = read::<F>(&path)?;
    let result = change(&mut file)?;
    let after = render(&path, header, &file)?;
    if after != before {
        atomic::write_atomic(&path, after.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
    }
    Ok(result)
}

impl Store {
    /// The feed subscriptions, sorted by address.
    pub fn load_feeds(&self) -> Result<Vec<Feed>, StoreError> {
        read::<FeedsFile>(&self.path(FEEDS)).map(|(f, _)| f.feed)
    }

    /// Changes the subscriptions safely (see [`Store::modify`]); they are
    /// written sorted by address.
    pub fn modify_feeds<R, E: From<StoreError>>(
        &self,
        change: impl FnOnce(&mut Vec<Feed>) -> Result<R, E>,
    ) -> Result<R, E> {
        modify(self, FEEDS, FEEDS_HEADER, |file: &mut FeedsFile| {
            let r = change(&mut file.feed)?;
            file.format = tables::FORMAT;
            file.feed.sort_by(|a, b| a.url.cmp(&b.url));
            Ok(r)
        })
    }

    /// The inbox, kept and skipped entries included.
    pub fn load_inbox(&self) -> Result<Vec<Entry>, StoreError> {
        read::<InboxFile>(&self.path(INBOX)).map(|(f, _)| f.entry)
    }

    /// Changes the inbox safely; it is written sorted by arrival, then id.
    pub fn modify_inbox<R, E: From<StoreError>>(
        &self,
        change: impl FnOnce(&mut Vec<Entry>) -> Result<R, E>,
    ) -> Result<R, E> {
        modify(self, INBOX, INBOX_HEADER, |file: &mut InboxFile| {
            let r = change(&mut file.entry)?;
            file.format = tables::FORMAT;
            file.entry
                .sort_by(|a, b| a.added.cmp(&b.added).then_with(|| a.id.cmp(&b.id)));
            Ok(r)
        })
    }
}
