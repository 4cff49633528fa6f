//! What a person searching sees: folded matches, highlights on the
//! original text, every word required, ties in the pane's order, and the
//! same results however the query was typed.

use super::{Hit, SearchIndex};
use proptest::prelude::*;

fn people() -> SearchIndex {
    SearchIndex::new([
        vec![
            "Ada Lovelace",
            "Analytical Engines",
            "Mathematician",
            "rust",
            "poetry",
        ],
        vec![
            "José Núñez",
            "Telefónica",
            "Data Engineer",
            "football",
            "rust",
        ],
        vec!["王芳", "Alibaba Cloud", "SRE Lead", "tea"],
        vec!["Grace Hopper", "US Navy", "Rear Admiral", "compilers"],
        vec![
            "Søren Kierkegaard",
            "Copenhagen Uni",
            "Lecturer",
            "philosophy",
        ],
    ])
}

fn records(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.record).collect()
}

#[test]
fn unaccented_query_finds_accented_name_and_highlights_the_original() {
    let mut index = people();
    assert_eq!(records(index.search("jose")), [1]);
    // J, o, s, é of "José Núñez"; nothing in the other fields.
    assert_eq!(index.positions(1, 0), [0, 1, 2, 3]);
    assert_eq!(index.positions(1, 1), Vec::<usize>::new());
    assert_eq!(records(index.search("JOSÉ")), [1], "case and accents fold");
    assert_eq!(records(index.search("soren")), [4]);
    assert_eq!(index.positions(4, 0), [0, 1, 2, 3, 4], "ø is highlighted");
}

#[test]
fn cjk_matches_itself() {
    let mut index = people();
    assert_eq!(records(index.search("王")), [2]);
    assert_eq!(index.positions(2, 0), [0]);
    assert_eq!(records(index.search("王芳")), [2]);
    assert_eq!(index.positions(2, 0), [0, 1]);
}

#[test]
fn every_word_must_match_somewhere() {
    let mut index = people();
    let rust = records(index.search("rust"));
    assert_eq!(rust.len(), 2);
    assert!(rust.contains(&0) && rust.contains(&1));
    assert_eq!(records(index.search("rust love")), [0]);
    assert_eq!(records(index.search("rust love navy")), Vec::<u32>::new());
    // Highlights cover each word, in whichever field it matched.
    index.search("love rust");
    assert_eq!(index.positions(0, 0), [4, 5, 6, 7]);
    assert_eq!(index.positions(0, 3), [0, 1, 2, 3]);
}

#[test]
fn empty_query_lists_everything_in_the_callers_order() {
    let mut index = people();
    let all = index.search("").to_vec();
    assert_eq!(records(&all), [0, 1, 2, 3, 4]);
    assert!(all.iter().all(|h| h.score == 0));
    assert_eq!(index.positions(0, 0), Vec::<usize>::new());
    assert_eq!(records(index.search("   ")), [0, 1, 2, 3, 4]);
}

#[test]
fn equal_scores_keep_the_panes_order() {
    // Identical keys score identically: their order is the caller's.
    let mut index = SearchIndex::new([["Ana"], ["Bob"], ["Ana"], ["Ana"]]);
    assert_eq!(records(index.search("ana")), [0, 2, 3]);
    index.reorder(&[3, 1, 0, 2]);
    assert_eq!(records(index.hits()), [3, 0, 2], "kept results re-sorted");
    assert_eq!(records(index.search("")), [3, 1, 0, 2]);
    assert_eq!(records(index.search("an")), [3, 0, 2]);
    // Records left out of the order go last, in record order.
    index.reorder(&[2]);
    assert_eq!(records(index.search("")), [2, 0, 1, 3]);
}

#[test]
fn better_matches_come_first() {
    let mut index = SearchIndex::new([["xaxdxa"], ["ada lovelace"], ["adam"]]);
    let hits = index.search("ada").to_vec();
    assert_eq!(records(&hits), [1, 2, 0]);
    assert!(hits[0].score >= hits[1].score && hits[1].score > hits[2].score);
}

#[test]
fn deleting_steps_back_and_retyping_gives_the_same_hits() {
    let mut index = people();
    let typed: Vec<Vec<Hit>> = ["r", "ru", "rus"]
        .iter()
        .map(|q| index.search(q).to_vec())
        .collect();
    assert_eq!(index.search("ru"), typed[1]);
    assert_eq!(index.search("r"), typed[0]);
    assert_eq!(index.search("rus"), typed[2]);
    assert_eq!(index.query(), "rus");
}

/// Records drawn from a few short words, so queries match some and not
/// others, with accents, a CJK name and repeated records for ties.
fn record() -> impl Strategy<Value = Vec<String>> {
    let word = proptest::sample::select(vec![
        "ada",
        "lovelace",
        "José",
        "núñez",
        "王芳",
        "rust",
        "data",
        "sailing",
        "Søren",
        "tea",
        "analytical",
        "grace",
        "",
        "a-b",
        "Straße",
    ]);
    proptest::collection::vec(word.prop_map(str::to_string), 1..5)
}

/// A session at the keyboard: typing characters and deleting some.
#[derive(Debug, Clone)]
enum Key {
    Type(char),
    Delete,
    Clear,
}

fn keys() -> impl Strategy<Value = Vec<Key>> {
    let key = prop_oneof![
        6 => proptest::sample::select(vec![
            'a', 'd', 's', 't', 'e', 'r', 'n', 'o', 'l', ' ', 'é', '王', 'ß', 'u', 'z',
        ])
        .prop_map(Key::Type),
        2 => Just(Key::Delete),
        1 => Just(Key::Clear),
    ];
    proptest::collection::vec(key, 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Incremental results equal a fresh index's full rescan after every
    /// keystroke, however the query got there.
    #[test]
    fn incremental_search_equals_a_fresh_rescan(
        records in proptest::collection::vec(record(), 0..40),
        keys in keys(),
    ) {
        let mut index = SearchIndex::new(records.iter());
        let mut query = String::new();
        for key in keys {
            match key {
                Key::Type(c) => query.push(c),
                Key::Delete => {
                    query.pop();
                }
                Key::Clear => query.clear(),
            }
            let incremental = index.search(&query).to_vec();
            let fresh = SearchIndex::new(records.iter()).search(&query).to_vec();
            prop_assert_eq!(incremental, fresh, "query {:?}", query);
        }
    }
}

/// Enough records that scoring runs on two threads, with the same result.
#[test]
fn large_indexes_search_the_same_as_small_steps() {
    let words = [
        "ada", "lovelace", "rust", "sailing", "data", "engineer", "王芳",
    ];
    let records: Vec<Vec<String>> = (0..10_000)
        .map(|i| {
            (0..4)
                .map(|j| words[(i * 7 + j * 3 + i / 13) % words.len()].to_string())
                .collect()
        })
        .collect();
    let mut index = SearchIndex::new(records.iter());
    for q in ["a", "ad", "ada", "ada r", "ada ru", "ada r", "e", "en"] {
        let incremental = index.search(q).to_vec();
        let fresh = SearchIndex::new(records.iter()).search(q).to_vec();
        assert_eq!(incremental, fresh, "{q}");
    }
}

/// A large index built on two threads (its halves' keys appended) finds
/// and highlights exactly what one built in one pass does.
#[test]
fn an_index_built_in_two_halves_equals_one_built_in_one() {
    use std::borrow::Cow;
    let names = ["José Núñez", "Straße Ǆemal", "王芳", "Ada Lovelace", "Zoë"];
    let records: Vec<[String; 3]> = (0..5_000)
        .map(|i| {
            [
                format!("{} {i}", names[i % names.len()]),
                ["Telefónica", "", "Ørsted"][i % 3].to_string(),
                ["rust ß", "café au lait", "tea"][i % 3].to_string(),
            ]
        })
        .collect();
    let mut one = SearchIndex::new(records.iter().map(|r| r.iter().map(String::as_str)));
    let mut two = SearchIndex::of(&records, |r| {
        r.each_ref().map(|f| Cow::Borrowed(f.as_str()))
    });
    assert_eq!(two.len(), records.len());
    for query in [
        "jose",
        "strasse dz",
        "王",
        "zoe 49",
        "orsted tea",
        "telefonica rust",
        "ß",
        "",
    ] {
        let want = one.search(query).to_vec();
        assert!(query.is_empty() || !want.is_empty(), "{query}");
        assert_eq!(two.search(query), want.as_slice(), "{query}");
        for hit in want.iter().take(50) {
            for field in 0..3 {
                let (a, b) = (
                    two.positions(hit.record, field),
                    one.positions(hit.record, field),
                );
                assert_eq!(a, b, "{query}");
            }
        }
    }
}
