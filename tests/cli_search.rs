//! Searching contacts from the command line: given a few people, when the
//! user runs `netwerk search`, then the best matches are printed, with the
//! same folding and scoring as the full-screen program — and edits made in
//! any way show up in the next search.

use predicates::prelude::*;

mod support;
use support::Home;

/// A home holding Ada, José, 王芳 and Grace, with companies and
/// interests.
fn people() -> Home {
    let env = Home::new();
    let people: [&[&str]; 4] = [
        &[
            "Ada Lovelace",
            "--company",
            "Analytical Engines",
            "--interest",
            "rust",
        ],
        &[
            "José Núñez",
            "--company",
            "Telefónica",
            "--interest",
            "football",
        ],
        &["王芳", "--company", "Alibaba Cloud", "--interest", "tea"],
        &[
            "Grace Hopper",
            "--company",
            "US Navy",
            "--interest",
            "compilers",
        ],
    ];
    for args in people {
        env.run(&[&["contact", "add"], args].concat()).success();
    }
    env
}

/// The names `netwerk search QUERY` finds, best first.
fn names(env: &Home, query: &str) -> Vec<String> {
    env.json(&["search", query, "--json"])
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_unaccented_query_finds_the_accented_name() {
    let env = people();
    let found = env.json(&["search", "jose", "--json"]);
    assert_eq!(found.len(), 1);
    let jose = &found[0];
    assert_eq!(jose["name"], "José Núñez");
    assert_eq!(jose["company"], "Telefónica");
    assert!(jose["id"].as_str().unwrap().starts_with('c'));
    assert!(jose["score"].as_i64().unwrap() > 0);
    assert_eq!(
        jose.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["company", "id", "name", "score"]
    );
    assert_eq!(names(&env, "王"), ["王芳"]);
}

#[test]
fn every_word_must_match_and_interests_count() {
    let env = people();
    assert_eq!(names(&env, "ada rust"), ["Ada Lovelace"]);
    assert_eq!(names(&env, "navy compilers"), ["Grace Hopper"]);
    assert_eq!(names(&env, "ada football"), Vec::<String>::new());
}

#[test]
fn the_table_shows_name_company_and_id_best_first() {
    let env = people();
    let ada = env.json(&["search", "lovelace", "--json"]);
    let id = ada[0]["id"].as_str().unwrap().to_string();
    env.run(&["search", "lovelace"]).success().stdout(
        predicate::str::starts_with("NAME          COMPANY             ID\n").and(
            predicate::str::contains(format!("Ada Lovelace  Analytical Engines  {id}\n")),
        ),
    );
    env.run(&["search", "zzz"])
        .success()
        .stdout("No contact matches \"zzz\".\n");
}

#[test]
fn the_limit_keeps_the_best_and_an_empty_query_lists_by_name() {
    let env = people();
    assert_eq!(
        names(&env, ""),
        ["Ada Lovelace", "Grace Hopper", "José Núñez", "王芳"]
    );
    let limited = env.json(&["search", "", "--json", "--limit", "2"]);
    assert_eq!(limited.len(), 2);
    let all = env.json(&["search", "a", "--json", "--limit", "0"]);
    assert!(all.len() >= 3);
    let scores: Vec<i64> = all.iter().map(|m| m["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn edits_show_up_in_the_next_search() {
    let env = people();
    assert_eq!(names(&env, "hopper"), ["Grace Hopper"]);
    env.run(&[
        "contact",
        "edit",
        "grace",
        "--name",
        "Grace Brewster Hopper",
    ])
    .success();
    assert_eq!(names(&env, "brewster"), ["Grace Brewster Hopper"]);
    // A hand edit of the file, same length, is seen too.
    let path = env.data.join("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Brewster", "Murrayyy")).unwrap();
    assert_eq!(names(&env, "murrayyy"), ["Grace Murrayyy Hopper"]);
    assert_eq!(names(&env, "brewster"), Vec::<String>::new());
}

#[test]
fn a_broken_contacts_file_is_reported_with_its_place() {
    let env = people();
    env.run(&["search", "ada"]).success();
    std::fs::write(env.data.join("contacts.toml"), "format = 1\n[[contact]\n").unwrap();
    env.run(&["search", "ada"])
        .code(1)
        .stderr(predicate::str::contains("contacts.toml:2:"));
}

#[test]
fn control_characters_in_names_are_not_printed_raw() {
    let env = people();
    env.run(&["contact", "add", "Eve\u{1b}[31mil"]).success();
    env.run(&["search", "eve"]).success().stdout(
        predicate::str::contains("Eve␛[31mil").and(predicate::str::contains("\u{1b}").not()),
    );
}

#[test]
fn names_and_whole_words_first_and_scattered_letters_hidden() {
    let env = Home::new();
    let people: [&[&str]; 6] = [
        &[
            "Björn Ålund",
            "--company",
            "Klarna",
            "--role",
            "Security Engineer",
            "--interest",
            "rust",
        ],
        &[
            "Marcus Johnson",
            "--company",
            "GitHub",
            "--role",
            "Open Source PM",
            "--interest",
            "rust",
        ],
        &[
            "José Núñez",
            "--company",
            "Telefónica",
            "--role",
            "Data Engineer",
        ],
        &[
            "Josefina Ortiz",
            "--company",
            "Mercado Libre",
            "--role",
            "Analyst",
        ],
        &[
            "Maria Santos",
            "--company",
            "Jose Cuervo",
            "--role",
            "Buyer",
        ],
        &["Ruth Stone", "--company", "Trust Bank", "--role", "Partner"],
    ];
    for args in people {
        env.run(&[&["contact", "add"], args].concat()).success();
    }
    // The whole name, a name starting with it, then a company; j…o…s…e
    // spread over a name and a role is not shown.
    assert_eq!(
        names(&env, "jose"),
        ["José Núñez", "Josefina Ortiz", "Maria Santos"]
    );
    // A word before the same letters inside a word.
    assert_eq!(
        names(&env, "rust"),
        ["Björn Ålund", "Marcus Johnson", "Ruth Stone"]
    );
    // Letters in order across fields still match when nothing else does.
    assert_eq!(names(&env, "bjkl"), ["Björn Ålund"]);
    // So does a word with one slip, a name before a company, even when
    // the letter typed by mistake is nowhere in the contact.
    assert_eq!(
        names(&env, "jsoe"),
        ["José Núñez", "Josefina Ortiz", "Maria Santos"]
    );
    assert_eq!(names(&env, "telefonika"), ["José Núñez"]);
}
