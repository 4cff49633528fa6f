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

/// What a search shows, by the first field of each hit (a name, a title).
fn shown(index: &mut SearchIndex, names: &[String], query: &str) -> Vec<String> {
    index
        .search(query)
        .iter()
        .map(|h| names[h.record as usize].clone())
        .collect()
}

/// The demo network, as `netwerk --demo` shows it.
fn demo() -> crate::domain::Network {
    let now = chrono::DateTime::parse_from_rfc3339("2025-06-01T12:00:00+02:00").expect("a date");
    crate::demo::sample(now)
}

#[test]
fn demo_jose_finds_jose_not_scattered_letters() {
    let net = demo();
    let names: Vec<String> = net.contacts.iter().map(|c| c.name.clone()).collect();
    let mut index = crate::tui::work::build_index(&net, 0);
    // Before: "Björn Ålund" (j…o in the name, s…e in the role) and
    // "Marcus Johnson" (jo…s in the name, e in the role) came along.
    assert_eq!(shown(&mut index, &names, "jose"), ["José Núñez"]);
    assert_eq!(shown(&mut index, &names, "josé"), ["José Núñez"]);
    assert_eq!(shown(&mut index, &names, "JOSE nunez"), ["José Núñez"]);
}

#[test]
fn demo_history_rust_finds_what_is_about_rust() {
    let net = demo();
    let what: Vec<String> = net
        .history
        .iter()
        .map(|e| format!("{} | {}", e.contact_name(), e.note()))
        .collect();
    let mut index = crate::tui::work::build_index(&net, 2);
    let hits = shown(&mut index, &what, "rust");
    // The two entries about Rust, and nothing whose note merely holds an
    // r, a u, an s and a t in that order.
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert!(
        hits.iter().all(|h| h.to_lowercase().contains("rust")),
        "{hits:#?}"
    );
}

/// A network of realistic people: namesakes, accents, CJK, companies and
/// interests containing what is searched for.
fn realistic() -> (SearchIndex, Vec<String>) {
    let people: &[[&str; 4]] = &[
        ["Åsa Berg", "Volvo", "Engineer", "sailing"],
        ["Asaf Bergman", "Wix", "Designer", "music"],
        ["Lars Øberg", "Spotify", "Data Scientist", "sailing"],
        ["Ingrid Berg", "Equinor", "Energy Analyst", "skiing"],
        ["Anna Svensson", "Bergen Kommune", "Planner", "hiking"],
        ["José García", "Microsoft", "Engineer", "football"],
        ["José García", "Google", "Manager", "chess"],
        ["Josefina Ortiz", "Telefónica", "Analyst", "rust"],
        [
            "Marcus Johnson",
            "GitHub",
            "Open Source PM",
            "rust community",
        ],
        [
            "Björn Ålund",
            "Klarna",
            "Security Engineer",
            "security rust",
        ],
        ["Maria Josephs", "Josephs & Co", "Owner", "tea"],
        ["王芳", "Alibaba Cloud", "SRE Lead", "tea"],
        ["王伟", "Tencent", "Engineer", "go"],
        [
            "Ada Lovelace",
            "Analytical Engines",
            "Mathematician",
            "poetry",
        ],
        ["Adam Smith", "Adaptive Labs", "CEO", "economics"],
        [
            "Priya Raman",
            "Stripe",
            "Staff Engineer",
            "rust distributed systems",
        ],
        ["Ruth Stone", "Rust Belt Ventures", "Partner", "poetry"],
        ["Trust Okafor", "Andela", "Recruiter", "hiring"],
        ["Rune Stavang", "Equinor", "Geologist", "trail running"],
        ["Chiara Bianchi", "Bending Spoons", "iOS Engineer", "swift"],
        ["Ulla Ruiz", "Sweco", "Architect", "tennis"],
        ["Tariq Nasser", "Analytical Engines", "Data Scientist", "go"],
        ["Begoña Sánchez", "Klarna", "Data Engineer", "negotiation"],
        ["José Lucía García", "Baidu", "CTO", "travel"],
    ];
    let names = people.iter().map(|p| p[0].to_string()).collect();
    (SearchIndex::new(people.iter().map(|p| p.to_vec())), names)
}

#[test]
fn whole_words_and_prefixes_rank_above_looser_matches() {
    let (mut index, names) = realistic();
    // (query, what must come first in this order, what must not show)
    let table: &[(&str, &[&str], &[&str])] = &[
        // Accent-folded whole name first, then a name starting with it,
        // then the company that starts with it; letters across fields
        // are gone.
        (
            "jose",
            &[
                "José García",
                "José García",
                "José Lucía García",
                "Josefina Ortiz",
            ],
            &["Marcus Johnson", "Björn Ålund"],
        ),
        // Whole surname, then a surname starting with it, then a company
        // starting with it, then inside a word.
        (
            "berg",
            &[
                "Åsa Berg",
                "Ingrid Berg",
                "Asaf Bergman",
                "Anna Svensson",
                "Lars Øberg",
            ],
            &[],
        ),
        // Each word matched on its own, both at word starts: Åsa Berg
        // before Asaf Bergman (prefixes only).
        ("asa berg", &["Åsa Berg", "Asaf Bergman"], &["Ingrid Berg"]),
        // A namesake told apart by company.
        ("jose garcia google", &["José García"], &["Josefina Ortiz"]),
        // Nobody is called Rust: the company "Rust Belt Ventures" first
        // (a company before interests); r…u in a name, s in a company
        // and t in a role are gone.
        ("rust", &["Ruth Stone"], &["Ulla Ruiz"]),
        ("王", &["王芳", "王伟"], &[]),
        ("芳", &["王芳"], &["王伟"]),
        // Words typed one after another as they stand in a field: the
        // role "Data Engineer" before "Data" in a role and "Engines" in
        // a company, the full name before a longer one.
        ("data eng", &["Begoña Sánchez", "Tariq Nasser"], &[]),
        (
            "jose garcia",
            &["José García", "José García", "José Lucía García"],
            &[],
        ),
        // Initials of a name's words.
        ("jg", &["José García", "José García"], &["Björn Ålund"]),
        // A prefix of a first name before the same letters in a company.
        ("ada", &["Ada Lovelace", "Adam Smith"], &["Chiara Bianchi"]),
    ];
    for (query, first, absent) in table {
        let hits = shown(&mut index, &names, query);
        assert!(
            hits.len() >= first.len()
                && hits[..first.len()]
                    == first.iter().map(|s| s.to_string()).collect::<Vec<_>>()[..],
            "{query:?}: expected {first:?} first, got {hits:?}"
        );
        for name in *absent {
            assert!(
                !hits.iter().any(|h| h == name),
                "{query:?}: {name} shown in {hits:?}"
            );
        }
    }
}

#[test]
fn rust_ranks_word_matches_before_words_containing_it() {
    let (mut index, names) = realistic();
    let hits = shown(&mut index, &names, "rust");
    let at = |n: &str| hits.iter().position(|h| h == n).unwrap_or(usize::MAX);
    // The company "Rust Belt Ventures" and the interest "rust" start a
    // word; "Trust Okafor" only holds it inside a word.
    assert!(at("Ruth Stone") < at("Trust Okafor"), "{hits:?}");
    assert!(at("Priya Raman") < at("Trust Okafor"), "{hits:?}");
    // The starts of two words ("RUne STavang") after a run inside one.
    assert!(at("Trust Okafor") < at("Rune Stavang"), "{hits:?}");
    assert!(at("Rune Stavang") < usize::MAX, "{hits:?}");
    // r, u in a name, s in the company, t in the role: gone while real
    // matches exist.
    assert_eq!(at("Ulla Ruiz"), usize::MAX, "{hits:?}");
}

#[test]
fn scattered_letters_still_match_when_nothing_better_does() {
    let (mut index, names) = realistic();
    // Letters in order within one word: a typo's worth of recall.
    assert_eq!(shown(&mut index, &names, "jhnsn"), ["Marcus Johnson"]);
    // Letters across fields, when that is all there is.
    let hits = shown(&mut index, &names, "bjkl");
    assert_eq!(hits, ["Björn Ålund"]);
}

#[test]
fn one_slip_is_found_when_nothing_matches_as_typed() {
    let (mut index, names) = realistic();
    // Swapped, missing, wrong and extra letters, each word on its own
    // field: what matches with the slip comes, scattered letters do not.
    assert_eq!(
        shown(&mut index, &names, "jsoe garcia"),
        ["José García", "José García", "José Lucía García"]
    );
    assert_eq!(shown(&mut index, &names, "lovelaze"), ["Ada Lovelace"]);
    assert_eq!(
        shown(&mut index, &names, "jose garcia gogle"),
        ["José García"]
    );
    assert_eq!(index.hits()[0].record, 6, "the one at Google");
    assert_eq!(shown(&mut index, &names, "micorsoft"), ["José García"]);
    assert_eq!(shown(&mut index, &names, "lovelacee"), ["Ada Lovelace"]);
    // The slipped word is highlighted where it was meant.
    index.search("lovelaze");
    assert_eq!(index.positions(13, 0), [4, 5, 6, 7, 8, 9, 10, 11]);
    // Nothing with a slip while something matches as typed: "rust" is
    // one letter from "ruth", "rune" and "trust"'s neighbours.
    let hits = shown(&mut index, &names, "ruth");
    assert_eq!(hits, ["Ruth Stone"]);
    // Nor for a word of two letters, where one slip leaves too little.
    assert!(shown(&mut index, &names, "qz").is_empty());
}

#[test]
fn highlights_show_the_match_that_ranked_the_record() {
    let (mut index, _) = realistic();
    index.search("berg");
    // Whole "Berg" of "Åsa Berg", not the letters b, e, r, g elsewhere.
    assert_eq!(index.positions(0, 0), [4, 5, 6, 7]);
    index.search("ber");
    // "Bergman" starts a word; the "ber" would also be in no other place.
    assert_eq!(index.positions(1, 0), [5, 6, 7]);
    index.search("jg");
    assert_eq!(index.positions(5, 0), [0, 5]);
    // A word matched in the company highlights nothing in the name.
    index.search("google");
    assert_eq!(index.positions(6, 0), Vec::<usize>::new());
    assert_eq!(index.positions(6, 1), [0, 1, 2, 3, 4, 5]);
    assert_eq!(super::highlight("Lars Øberg", "berg"), [6, 7, 8, 9]);
}

/// Words to build records from, and to cut queries out of.
fn word() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "ada",
        "lovelace",
        "josé",
        "garcía",
        "berg",
        "øberg",
        "bergman",
        "rust",
        "trust",
        "data",
        "engineer",
        "王芳",
        "sailing",
        "analytical",
        "johnson",
        "søren",
        "tea",
        "team",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A record holding the query as a run of letters always ranks above
    /// one holding its letters only scattered, and a record holding it
    /// as a whole word in its first field at least as high as any other.
    #[test]
    fn a_contiguous_match_outranks_a_scattered_one(
        run_fields in proptest::collection::vec(word(), 1..4),
        other_fields in proptest::collection::vec(word(), 1..4),
        at in 0usize..4,
        query in word(),
    ) {
        let folded = crate::domain::fold::fold(&query);
        // A record with the query's letters spread one per field (so no
        // run of two); it must not also hold the query as a run.
        let scattered: Vec<String> = folded.chars().map(|c| format!("{c}x")).collect();
        let mut with_run = run_fields.clone();
        with_run.insert(at.min(with_run.len()), query.clone());
        let mut whole_first = vec![query.clone()];
        whole_first.extend(other_fields.clone());
        let records = [scattered, with_run, whole_first, other_fields];
        let mut index = SearchIndex::new(records.iter());
        let hits = index.search_all(&query).to_vec();
        let rank = |r: u32| hits.iter().position(|h| h.record == r);
        let (scattered_at, run_at, first_at) = (rank(0), rank(1), rank(2));
        prop_assert!(run_at.is_some() && first_at.is_some());
        if folded.chars().count() > 1 {
            prop_assert!(scattered_at.is_some(), "{:?}", hits);
            prop_assert!(run_at < scattered_at, "{:?}", hits);
            // And the scattered one is not shown next to them.
            prop_assert!(!index.hits().iter().any(|h| h.record == 0));
        }
        let best = hits[0].score;
        prop_assert_eq!(hits[first_at.unwrap_or(0)].score, best);
    }
}

#[test]
fn folded_queries_find_and_highlight_accented_names() {
    use crate::domain::fold::fold;
    use crate::search::{filter, highlight};
    let keys = vec![fold("Ada Lovelace"), fold("José Núñez"), fold("王芳")];
    assert_eq!(filter(&[0, 1, 2], &keys, "jose"), [1]);
    assert_eq!(filter(&[0, 1, 2], &keys, "王"), [2]);
    assert_eq!(filter(&[2, 1, 0], &keys, ""), [2, 1, 0]);
    assert_eq!(highlight("José Núñez", "jose"), [0, 1, 2, 3]);
    assert_eq!(highlight("José Núñez", "nu"), [5, 6]);
}

#[test]
fn interests_rank_whole_words_first_and_drop_scattered_letters() {
    use crate::domain::fold::fold;
    use crate::search::filter;
    let keys: Vec<String> = ["distributed systems", "rust", "trust and safety", "running"]
        .iter()
        .map(|k| fold(k))
        .collect();
    // "rust" is a word, inside "trust"; "r…u…n" is not a match for
    // "rust" at all, and "running" is loose for "rug"-like queries.
    assert_eq!(filter(&[0, 1, 2, 3], &keys, "rust"), [1, 2]);
    assert_eq!(filter(&[0, 1, 2, 3], &keys, "dsys"), [0]);
}
