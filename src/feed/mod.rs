//! Content from outside: feed subscriptions read from OPML and newsboat,
//! feeds parsed into entries, and feeds fetched over HTTP. Knows nothing
//! of the screen; only `intake` touches the data directory.

pub mod fetch;
pub mod intake;
pub mod newsboat;
pub mod opml;
pub mod parse;

/// A subscription as an import file states it, before it is a [`crate::domain::Feed`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listed {
    /// 1-based line in the file, when known (for newsboat's `urls`).
    pub line: usize,
    /// The address as written.
    pub url: String,
    /// Its name, when the file gives one.
    pub name: Option<String>,
    /// Topics: OPML categories and enclosing folders, newsboat tags.
    pub topics: Vec<String>,
}
