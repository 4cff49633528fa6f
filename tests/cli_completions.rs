//! Shell completion that knows the data: given a data directory, when the
//! shell asks what may follow `netwerk share `, then the contact names are
//! listed — through the entry point the scripts call, and under real bash.

mod support;

use std::path::Path;
use support::Home;

/// A home with contacts (two of one name, one with an escape sequence in
/// it) and a few items.
fn home() -> Home {
    let home = Home::new();
    for (name, company) in [
        ("Ada Lovelace", "Analytical Engines"),
        ("Grace Hopper", "US Navy"),
        ("José Núñez", "Telefónica"),
        ("Sam Lee", "Acme"),
        ("Sam Lee", "Initech"),
    ] {
        home.run(&["contact", "add", name, "--company", company])
            .success();
    }
    for (url, title, kind) in [
        (
            "https://example.org/async",
            "Rust async in depth",
            "article",
        ),
        ("https://example.org/knots", "Sailing knots", "video"),
    ] {
        home.run(&["queue", "add", url, "--title", title, "--kind", kind])
            .success();
    }
    let store = netwerk::store::Store::open(&home.data).unwrap();
    store
        .modify("a test change", |net: &mut netwerk::domain::Network| {
            let c = netwerk::domain::Contact::new(
                "Mallory \x1b]0;owned\x07",
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            )?;
            net.contacts.push(c);
            Ok::<_, netwerk::cli::failure::Failure>(())
        })
        .unwrap();
    home
}

/// The id of the contact named `name` with `company`.
fn id_of(home: &Home, name: &str, company: &str) -> String {
    home.json(&["contact", "list", "--json"])
        .into_iter()
        .find(|c| c["name"] == name && c["company"] == company)
        .and_then(|c| c["id"].as_str().map(str::to_string))
        .expect("the contact")
}

/// What `COMPLETE=SHELL netwerk -- WORDS` prints, the way the scripts
/// call it, with the word at `index` being completed.
fn complete(home: &Home, shell: &str, words: &[&str], index: usize) -> String {
    let out = home
        .netwerk()
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .arg("--")
        .args(words)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The candidates bash would get for the last of `words`.
fn bash(home: &Home, words: &[&str]) -> Vec<String> {
    let out = complete(home, "bash", words, words.len() - 1);
    out.split('\x0b')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn share_lists_the_contact_names_of_the_data_directory() {
    let home = home();
    let data = home.data.display().to_string();
    let names = bash(&home, &["netwerk", "--data", &data, "share", ""]);
    // Namesakes and a name unsafe to show are offered by id.
    let sam_acme = id_of(&home, "Sam Lee", "Acme");
    let sam_initech = id_of(&home, "Sam Lee", "Initech");
    let mut expected = vec!["Ada Lovelace", "Grace Hopper", "José Núñez"];
    expected.extend([sam_acme.as_str(), sam_initech.as_str()]);
    for name in &expected {
        assert!(names.contains(&name.to_string()), "{name}: {names:?}");
    }
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(!names.iter().any(|n| n.contains('\x1b')), "{names:?}");
    assert!(!names.iter().any(|n| n == "Sam Lee"), "{names:?}");
}

#[test]
fn names_match_from_any_word_with_case_and_accents_aside() {
    let home = home();
    let data = home.data.display().to_string();
    let words = |typed: &'static str| vec!["netwerk", "--data", &data, "share", typed];
    assert_eq!(bash(&home, &words("love")), ["Ada Lovelace"]);
    assert_eq!(bash(&home, &words("jose")), ["José Núñez"]);
    assert_eq!(bash(&home, &words("NUN")), ["José Núñez"]);
    // Typed inside a quote, or with an escaped space, as bash passes it.
    assert_eq!(bash(&home, &words("\"Ada L")), ["Ada Lovelace"]);
    assert_eq!(bash(&home, &words("Grace\\ H")), ["Grace Hopper"]);
    assert_eq!(bash(&home, &words("zzz")), Vec::<String>::new());
}

#[test]
fn every_command_taking_a_contact_or_an_item_completes_it() {
    let home = home();
    let data = home.data.display().to_string();
    let with = |rest: &[&'static str]| {
        let mut words = vec!["netwerk", "--data", data.as_str()];
        words.extend(rest);
        bash(&home, &words)
    };
    for rest in [
        &["log", "ada"][..],
        &["contact", "show", "ada"],
        &["contact", "edit", "ada"],
        &["contact", "rm", "ada"],
        &["interest", "add", "ada"],
        &["history", "--contact", "ada"],
        &["queue", "list", "--for", "ada"],
    ] {
        assert_eq!(with(rest), ["Ada Lovelace"], "{rest:?}");
    }
    // An item after the contact, by title.
    assert_eq!(
        with(&["share", "\"Ada Lovelace\"", "rust"]),
        ["Rust async in depth"]
    );
    // Every item, in no promised order (the queue's is by id).
    let mut all = with(&["share", "Ada\\ Lovelace", ""]);
    all.sort();
    assert_eq!(all, ["Rust async in depth", "Sailing knots"]);
    for rest in [&["queue", "rm", "sail"][..], &["queue", "archive", "sail"]] {
        assert_eq!(with(rest), ["Sailing knots"], "{rest:?}");
    }
}

#[test]
fn kind_values_are_offered() {
    let home = Home::new();
    let kinds = |words: &[&str]| bash(&home, words).join(" ");
    assert_eq!(
        kinds(&["netwerk", "queue", "add", "URL", "--kind", ""]),
        "article blog video podcast paper other"
    );
    assert_eq!(
        kinds(&["netwerk", "log", "ada", "--kind", ""]),
        "touch ask call coffee message email meeting video comment event"
    );
    assert_eq!(kinds(&["netwerk", "history", "--kind", "s"]), "share");
    assert_eq!(
        kinds(&["netwerk", "contact", "list", "--state", ""]),
        "active untriaged dormant"
    );
}

#[test]
fn zsh_and_fish_get_names_with_what_they_are() {
    let home = home();
    let data = home.data.display().to_string();
    let words = ["netwerk", "--data", &data, "share", "ada"];
    // zsh counts the command's word as 1: the index is the last word's.
    assert_eq!(
        complete(&home, "zsh", &words, 4).trim_end(),
        "Ada Lovelace:Analytical Engines"
    );
    assert_eq!(
        complete(&home, "fish", &words, 4).trim_end(),
        "Ada Lovelace\tAnalytical Engines"
    );
}

#[test]
fn a_completion_creates_nothing_and_the_default_directory_is_used() {
    let home = home();
    let missing = home.data.with_file_name("nowhere");
    let names = bash(
        &home,
        &[
            "netwerk",
            "--data",
            &missing.display().to_string(),
            "share",
            "",
        ],
    );
    // No names; only the flags, as when nothing else fits.
    assert!(names.iter().all(|n| n.starts_with("--")), "{names:?}");
    assert!(!missing.exists(), "a Tab created {}", missing.display());
    // Without --data: $NETWERK_DATA, as for every command.
    let out = home
        .netwerk()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("NETWERK_DATA", &home.data)
        .args(["--", "netwerk", "log", "grace"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), "Grace Hopper");
}

#[test]
fn every_shell_gets_a_script_that_calls_back_into_netwerk() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = home.ok(&["completions", shell]);
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(
            script.contains(&support::netwerk_bin().display().to_string()),
            "{shell} calls this netwerk: {script}"
        );
    }
    home.run(&["completions", "tcsh"]).code(2);
}

/// Runs `script` under bash with the registration of `netwerk completions
/// bash` sourced, `NETWERK_DATA` set to `data`.
fn under_bash(home: &Home, data: &Path, script: &str) -> Option<String> {
    if !support::require_tool("bash") {
        return None;
    }
    let registration = home.ok(&["completions", "bash"]);
    let out = home
        .command("bash")
        .env("NETWERK_DATA", data)
        .args(["--norc", "--noprofile", "-c"])
        .arg(format!("{registration}\n{script}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn under_real_bash_tab_after_share_lists_the_contacts() {
    let home = home();
    // What bash does on Tab: COMP_WORDS and COMP_CWORD set, the function
    // complete named called with the command, the word and the one before.
    let Some(out) = under_bash(
        &home,
        &home.data,
        r#"
        complete -p netwerk
        COMP_WORDS=(netwerk share "")
        COMP_CWORD=2
        COMP_LINE="netwerk share "
        COMP_POINT=${#COMP_LINE}
        _clap_complete_netwerk netwerk "" share
        printf '<%s>\n' "${COMPREPLY[@]}"
        COMP_WORDS=(netwerk share 'Ada\ Lovelace' "sail")
        COMP_CWORD=3
        _clap_complete_netwerk netwerk sail 'Ada\ Lovelace'
        printf '<%s>\n' "${COMPREPLY[@]}"
        "#,
    ) else {
        return;
    };
    let mut lines = out.lines();
    assert!(
        lines.next().unwrap().ends_with(" netwerk"),
        "registered: {out}"
    );
    let names: Vec<&str> = lines.by_ref().take(6).collect();
    for name in ["<Ada Lovelace>", "<Grace Hopper>", "<José Núñez>"] {
        assert!(names.contains(&name), "{name}: {out}");
    }
    assert_eq!(lines.next(), Some("<Sailing knots>"), "{out}");
    // A name is one word to bash, never split or globbed.
    assert!(
        !out.contains("<Ada>") && !out.contains("<Lovelace>"),
        "{out}"
    );
}
