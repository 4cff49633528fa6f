//! Which data files there are: their names, in one list, so path checks,
//! locking, the temp-file sweep and `doctor` all follow from it.

use crate::format::tables::TableRecord;

/// File holding the contacts.
pub const CONTACTS: &str = <crate::domain::Contact as TableRecord>::FILE;
/// File holding the content queue.
pub const QUEUE: &str = <crate::domain::Item as TableRecord>::FILE;
/// File holding the history log.
pub const HISTORY: &str = "history.jsonl";
/// Every data file: a new one is one more entry here.
pub const FILES: [&str; 3] = [CONTACTS, QUEUE, HISTORY];

/// File holding the feed subscriptions.
pub const FEEDS: &str = <crate::domain::Feed as TableRecord>::FILE;
/// File holding the inbox of entries from feeds.
pub const INBOX: &str = <crate::domain::inbox::Entry as TableRecord>::FILE;
