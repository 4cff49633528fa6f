//! `feeds.toml` and `inbox.toml`: small table files, read and written
//! whole with plain serde and the `toml` crate. They keep every rule of
//! the big ones but their cache: a header and a format version, stable
//! order, `path:line:col` errors.

use super::tables::{self, TableRecord};
use super::toml_error;
use crate::disk::error::StoreError;
use crate::domain::Feed;
use crate::domain::inbox::Entry;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::Path;

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

/// The file's text: header, then the records as the `toml` crate writes them.
fn render<F: Serialize>(header: &str, file: &F) -> String {
    // Plain data with string keys: serialising cannot fail, and an empty
    // fallback would lose data, so failure is the bug it would be.
    let body = toml::to_string(file).expect("feeds and inbox entries always serialise to TOML");
    format!("{header}{body}")
}

impl TableRecord for Feed {
    const FILE: &'static str = "feeds.toml";
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
    const FILE: &'static str = "inbox.toml";
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
