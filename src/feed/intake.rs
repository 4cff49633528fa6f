//! The operations behind `feed …` and `inbox …`, below both front ends:
//! they read and write the data directory through the store.

use super::fetch::{self, Outcome, Request};
use super::parse::{self, Parsed};
use crate::domain::inbox::{self, Entry, Incoming, Ingested, Source, State, Suits, Vocabulary};
use crate::domain::{Item, Network, Resolve};
use crate::ops::queue::{self, NewItem, QueueError};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use std::time::Duration;

/// Why an intake operation failed.
#[derive(Debug)]
pub enum IntakeError {
    /// Reading or writing the data directory.
    Store(StoreError),
    /// The query did not name exactly one entry.
    Resolve(Resolve),
    /// The item could not be queued.
    Queue(QueueError),
}

impl From<StoreError> for IntakeError {
    fn from(e: StoreError) -> Self {
        IntakeError::Store(e)
    }
}

/// Adds entries from feeds to the inbox (see [`inbox::ingest`]): loads
/// the network to match against, then changes the inbox under the lock.
pub fn ingest(
    store: &Store,
    incoming: Vec<(Source, Vec<Incoming>)>,
    today: NaiveDate,
) -> Result<Ingested, StoreError> {
    let network = store.load()?;
    let vocabulary = Vocabulary::new(&network);
    store.modify_inbox(|entries| {
        Ok::<_, StoreError>(inbox::ingest(
            entries,
            &network,
            &vocabulary,
            incoming,
            today,
        ))
    })
}

/// How one feed's refresh went.
#[derive(Debug, Clone, Serialize)]
pub struct FeedResult {
    /// The feed's address.
    pub url: String,
    /// Its name.
    pub name: Option<String>,
    /// "fetched", "unchanged" (a 304) or "failed".
    pub status: &'static str,
    /// Entries it had.
    pub entries: usize,
    /// Entries new to the inbox.
    pub added: usize,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Fetches every feed (see [`fetch::fetch_all`]), adds their new entries
/// to the inbox, then remembers each fetched feed's `ETag` and
/// `Last-Modified` (and its title, for a feed without a name). A feed
/// that fails is reported and changes nothing.
pub fn refresh(
    store: &Store,
    today: NaiveDate,
    timeout: Duration,
    progress: impl FnMut(usize, usize),
) -> Result<Vec<FeedResult>, StoreError> {
    let feeds = store.load_feeds()?;
    let requests: Vec<Request> = feeds
        .iter()
        .map(|f| Request {
            url: f.url.clone(),
            etag: f.etag.clone(),
            last_modified: f.last_modified.clone(),
        })
        .collect();
    let outcomes = fetch::fetch_all(&requests, timeout, fetch::PARALLEL, progress);
    let mut results = Vec::with_capacity(feeds.len());
    let mut incoming = Vec::new();
    // (feed index, etag, last-modified, title) to store after the inbox.
    let mut fresh = Vec::new();
    for (i, (feed, outcome)) in feeds.iter().zip(outcomes).enumerate() {
        let mut result = FeedResult {
            url: feed.url.clone(),
            name: feed.name.clone(),
            status: "unchanged",
            entries: 0,
            added: 0,
            error: None,
        };
        match outcome {
            Outcome::NotModified => {}
            Outcome::Failed(why) => {
                result.status = "failed";
                result.error = Some(why);
            }
            Outcome::Fetched {
                body,
                final_url,
                etag,
                last_modified,
            } => match parse::parse(&body, Some(&final_url)) {
                Ok(Parsed { title, entries }) => {
                    result.status = "fetched";
                    result.entries = entries.len();
                    let label = feed.name.clone().or_else(|| title.clone());
                    result.name = label.clone();
                    let source = Source {
                        label: Some(label.unwrap_or_else(|| feed.url.clone())),
                        topics: feed.topics.clone(),
                    };
                    incoming.push((i, source, entries));
                    fresh.push((i, etag, last_modified, title));
                }
                Err(why) => {
                    result.status = "failed";
                    result.error = Some(why);
                }
            },
        }
        results.push(result);
    }
    if !incoming.is_empty() {
        // One ingest for every feed: the addresses already known (the
        // queue's, the history's) are gathered once, not once per feed.
        let network = store.load()?;
        let vocabulary = Vocabulary::new(&network);
        let (order, sources): (Vec<usize>, Vec<(Source, Vec<Incoming>)>) = incoming
            .into_iter()
            .map(|(i, source, new)| (i, (source, new)))
            .unzip();
        let report = store.modify_inbox(|entries| {
            Ok::<_, StoreError>(inbox::ingest(
                entries,
                &network,
                &vocabulary,
                sources,
                today,
            ))
        })?;
        let added = order.into_iter().zip(report.per_source);
        for (i, n) in added {
            results[i].added = n;
        }
        store.modify_feeds(|stored| {
            for (i, etag, modified, title) in fresh {
                let url = &feeds[i].url;
                if let Some(f) = stored.iter_mut().find(|f| &f.url == url) {
                    f.etag = etag;
                    f.last_modified = modified;
                    if f.name.is_none() {
                        f.name = title;
                    }
                }
            }
            Ok::<_, StoreError>(())
        })?;
    }
    Ok(results)
}

/// The inbox as shown: entries not yet kept or skipped, newest first
/// (by publication, else arrival), each with the contacts it suits.
pub fn open_entries(
    store: &Store,
    limit: usize,
) -> Result<(Network, Vec<(Entry, Suits)>), StoreError> {
    let network = store.load_tables()?;
    let mut entries: Vec<Entry> = store
        .load_inbox()?
        .into_iter()
        .filter(|e| e.state == State::New)
        .collect();
    entries.sort_by(|a, b| b.day().cmp(&a.day()).then_with(|| a.id.cmp(&b.id)));
    let refs: Vec<&Entry> = entries.iter().collect();
    let suits = inbox::suits(&network, &refs, limit);
    Ok((network, entries.into_iter().zip(suits).collect()))
}

/// An unreviewed entry as a front end lists it, with who it suits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The entry.
    pub entry: Entry,
    /// "Ada, Grace (rust)", or empty when it suits no one.
    pub reason: String,
}

/// The unreviewed entries, newest first, each with its reason line
/// naming at most `limit` contacts.
pub fn rows(store: &Store, limit: usize) -> Result<Vec<Row>, StoreError> {
    let (network, entries) = open_entries(store, limit)?;
    Ok(entries
        .into_iter()
        .map(|(entry, suits)| Row {
            reason: inbox::reason_line(&network, &suits),
            entry,
        })
        .collect())
}

/// What keeping an entry did.
#[derive(Debug, Clone)]
pub enum Kept {
    /// Queued as this new item.
    Queued(Item),
    /// The address was already queued, as this item.
    AlreadyQueued(Item),
}

/// Moves an unreviewed entry to the queue with its title, topics and kind
/// (through [`queue::add`], as `queue add` does), then marks it kept.
pub fn keep(store: &Store, query: &str, today: NaiveDate) -> Result<Kept, IntakeError> {
    let entries = store.load_inbox()?;
    let entry = inbox::resolve(&entries, query)
        .map_err(IntakeError::Resolve)?
        .clone();
    let label = format!("kept {} from the inbox", entry.title);
    let queued = store.modify(label, |net: &mut Network| {
        let new = NewItem {
            url: &entry.url,
            title: Some(&entry.title),
            kind: Some(entry.kind),
            topics: &entry.topics,
            comment: None,
        };
        match queue::add(net, new, today) {
            Ok(item) => Ok(Kept::Queued(item)),
            Err(QueueError::Duplicate(item)) => Ok(Kept::AlreadyQueued(*item)),
            Err(e) => Err(IntakeError::Queue(e)),
        }
    })?;
    mark(store, &entry.id, State::Kept)?;
    Ok(queued)
}

/// Marks an unreviewed entry skipped: it leaves the inbox and does not
/// come back when the feed lists it again. Returns it.
pub fn skip(store: &Store, query: &str) -> Result<Entry, IntakeError> {
    store.modify_inbox(|entries| {
        let id = inbox::resolve(entries, query)
            .map_err(IntakeError::Resolve)?
            .id
            .clone();
        let e = entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or_else(|| IntakeError::Resolve(Resolve::NotFound(format!("entry {id}"))))?;
        e.state = State::Skipped;
        Ok(e.clone())
    })
}

/// Skips every unreviewed entry from before `cutoff` (by publication,
/// else arrival). Returns how many.
pub fn clear_before(store: &Store, cutoff: NaiveDate) -> Result<usize, StoreError> {
    store.modify_inbox(|entries| {
        let mut n = 0;
        for e in entries.iter_mut() {
            if e.state == State::New && e.day() < cutoff {
                e.state = State::Skipped;
                n += 1;
            }
        }
        Ok::<_, StoreError>(n)
    })
}

fn mark(store: &Store, id: &str, state: State) -> Result<(), StoreError> {
    store.modify_inbox(|entries| {
        if let Some(e) = entries.iter_mut().find(|e| e.id == id) {
            e.state = state;
        }
        Ok::<_, StoreError>(())
    })
}
