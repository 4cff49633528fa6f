//! Fuzzy search, shared by the TUI panes, the share pickers and
//! `netwerk search`.
//!
//! Records are a few text fields each. Their keys are folded once
//! (accents off, lower case — "jose" finds "José", "王" finds "王芳") and
//! matched with fuzzy-matcher's SkimMatcherV2, term by term. Searching is
//! incremental, and matched characters map back to the original, accented
//! text for highlighting.
//!
//! ```
//! use netwerk::search::SearchIndex;
//! let mut index = SearchIndex::new([
//!     vec!["Ada Lovelace", "Analytical Engines"],
//!     vec!["José Núñez", "Telefónica"],
//! ]);
//! let hits = index.search("jose");
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].record, 1);
//! assert_eq!(index.positions(1, 0), [0, 1, 2, 3]); // J, o, s, é
//! ```

pub mod cache;
mod index;
mod key;
mod rank;
mod skim;

pub use index::{Hit, SearchIndex, highlight, without_loose};

/// Which characters `text` holds once folded, whitespace aside, as a
/// bitmask. A record whose mask lacks any bit of a query's mask cannot
/// match that query, so a caller holding masks (like the search cache)
/// can skip building keys for it.
pub fn char_mask(text: &str) -> u64 {
    let folded = crate::domain::fold::fold(text);
    folded
        .split_whitespace()
        .fold(0, |m, word| m | key::mask_of(word))
}

#[cfg(test)]
mod tests;
