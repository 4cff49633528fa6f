//! Narrowing a short list (the Interests pane) by a query, ranked and
//! highlighted by the same search as every other list.

use crate::search::{SearchIndex, best_tier};

pub use crate::search::highlight;

/// Rows of `base` whose key (one per row, indexed by row) matches every
/// word of `query`, best first; equal matches keep `base` order. Loose
/// matches are left out when better ones exist, as in every list.
pub fn filter(base: &[usize], keys: &[String], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return base.to_vec();
    }
    let rows: Vec<usize> = base.iter().copied().filter(|&r| r < keys.len()).collect();
    let mut index = SearchIndex::new(rows.iter().map(|&r| [keys[r].as_str()]));
    let hits = index.search_all(query).to_vec();
    best_tier(hits)
        .into_iter()
        .map(|h| rows[h.record as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fold::fold;

    #[test]
    fn folded_queries_find_and_highlight_accented_names() {
        let keys = vec![fold("Ada Lovelace"), fold("José Núñez"), fold("王芳")];
        assert_eq!(filter(&[0, 1, 2], &keys, "jose"), [1]);
        assert_eq!(filter(&[0, 1, 2], &keys, "王"), [2]);
        assert_eq!(filter(&[2, 1, 0], &keys, ""), [2, 1, 0]);
        assert_eq!(highlight("José Núñez", "jose"), [0, 1, 2, 3]);
        assert_eq!(highlight("José Núñez", "nu"), [5, 6]);
    }

    #[test]
    fn interests_rank_whole_words_first_and_drop_scattered_letters() {
        let keys: Vec<String> = ["distributed systems", "rust", "trust and safety", "running"]
            .iter()
            .map(|k| fold(k))
            .collect();
        // "rust" is a word, inside "trust"; "r…u…n" is not a match for
        // "rust" at all, and "running" is loose for "rug"-like queries.
        assert_eq!(filter(&[0, 1, 2, 3], &keys, "rust"), [1, 2]);
        assert_eq!(filter(&[0, 1, 2, 3], &keys, "dsys"), [0]);
    }
}
