//! Narrowing a pane's rows by a fuzzy query, and finding which characters
//! to highlight. Keys are folded once per record by the caller.

use crate::domain::fold::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Rows of `base` whose key matches every word of `query`, best first;
/// equal scores keep `base` order.
pub fn filter(base: &[usize], keys: &[String], query: &str) -> Vec<usize> {
    let terms: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    if terms.is_empty() {
        return base.to_vec();
    }
    let matcher = SkimMatcherV2::default();
    let mut hits: Vec<(i64, usize, usize)> = base
        .iter()
        .enumerate()
        .filter_map(|(order, &row)| {
            let key = keys.get(row)?;
            let mut total = 0;
            for t in &terms {
                total += matcher.fuzzy_match(key, t)?;
            }
            Some((total, order, row))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, _, row)| row).collect()
}

/// Char indices of `text` to highlight for `query`: folds `text` char by
/// char so each folded char maps back to the original (accented) one.
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let terms: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let mut buf = [0u8; 4];
        for f in fold(c.encode_utf8(&mut buf)).chars() {
            folded.push(f);
            origin.push(i);
        }
    }
    let matcher = SkimMatcherV2::default();
    let mut out: Vec<usize> = terms
        .iter()
        .filter_map(|t| matcher.fuzzy_indices(&folded, t))
        .flat_map(|(_, idx)| idx.into_iter().filter_map(|i| origin.get(i).copied()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_queries_find_and_highlight_accented_names() {
        let keys = vec![fold("Ada Lovelace"), fold("José Núñez"), fold("王芳")];
        assert_eq!(filter(&[0, 1, 2], &keys, "jose"), [1]);
        assert_eq!(filter(&[0, 1, 2], &keys, "王"), [2]);
        assert_eq!(filter(&[2, 1, 0], &keys, ""), [2, 1, 0]);
        assert_eq!(highlight("José Núñez", "jose"), [0, 1, 2, 3]);
        assert_eq!(highlight("José Núñez", "nu"), [5, 6]);
    }
}
