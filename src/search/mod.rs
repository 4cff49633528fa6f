//! Fuzzy search, shared by the TUI panes, the share pickers and
//! `netwerk search`.
//!
//! Records are a few text fields each. Their keys are folded once
//! (accents off, lower case — "jose" finds "José", "王" finds "王芳") and
//! matched word by word, each query word where it matches best: whole
//! words and word starts first, names before later fields, letters
//! scattered over a record last and only when nothing better matches,
//! one slip of a letter only when nothing matches as typed (see
//! `rank`). Searching is incremental, and matched characters map back to
//! the original, accented text for highlighting.
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

pub use index::{Hit, SearchIndex, Tier, best_tier, filter, highlight};

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

/// The [`char_mask`] of each word of `query`, for [`may_match`].
pub fn word_masks(query: &str) -> Vec<u64> {
    let folded = crate::domain::fold::fold(query);
    folded.split_whitespace().map(key::mask_of).collect()
}

/// Whether a record whose [`char_mask`] is `mask` may match a query
/// whose [`word_masks`] are `words`: it holds every character of the
/// query, or, with `slip`, all but one of each word's (what one typo
/// leaves out; see [`Tier::Typo`]).
pub fn may_match(mask: u64, words: &[u64], slip: bool) -> bool {
    let spare = u32::from(slip);
    words.iter().all(|w| (w & !mask).count_ones() <= spare)
}

#[cfg(test)]
mod tests;
