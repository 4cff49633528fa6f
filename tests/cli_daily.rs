//! What a new user trips over in the first hour at the command line:
//! empty listings that blame the filter, kinds and channels for logging,
//! edits that change nothing, one record per person, merging two records,
//! and namesakes told apart.

use predicates::prelude::*;

mod support;
use support::Home as Env;

/// Ada (rust) and Grace (sailing), both added by hand.
fn two() -> Env {
    let env = Env::new();
    env.ok(&["contact", "add", "Ada Lovelace", "--interest", "rust"]);
    env.ok(&["contact", "add", "Grace Hopper", "--interest", "sailing"]);
    env
}

#[test]
fn an_empty_filtered_listing_says_it_is_the_filter() {
    let env = two();
    env.run(&["contact", "list", "--state", "untriaged"])
        .success()
        .stdout("No contacts match --state untriaged (of 2 contacts in all); netwerk contact list shows everyone.\n");
    env.run(&["contact", "list", "--interest", "chess"])
        .success()
        .stdout(predicate::str::contains(
            "No contacts match --interest chess (of 2 contacts",
        ));
    env.ok(&["queue", "add", "https://example.com/a", "--topic", "rust"]);
    env.run(&["queue", "list", "--topic", "chess"])
        .success()
        .stdout("No items match --topic chess (of 1 item in the queue).\n");
    env.ok(&["queue", "archive", "https://example.com/a"]);
    env.run(&["queue", "list"])
        .success()
        .stdout("Nothing left to share: the only item is archived; --all lists them.\n");
    env.ok(&["log", "Ada", "--note", "coffee"]);
    env.run(&["history", "--kind", "ask"])
        .success()
        .stdout("No history matches --kind ask (of 1 entry in all).\n");
    env.run(&["history", "--contact", "Grace", "--since", "2026-01-01"])
        .success()
        .stdout(predicate::str::contains(
            "No history matches --contact Grace and --since 2026-01-01",
        ));
    env.run(&["due"]).success().stdout(predicate::str::contains(
        "Nobody is due: all 2 active contacts were touched within their cadence",
    ));
    env.run(&["suggest"])
        .success()
        .stdout(predicate::str::contains(
            "Nothing to suggest: the queue has nothing to share",
        ));
    // Without any filter, an empty network still teaches how to start.
    let empty = Env::new();
    empty
        .run(&["contact", "list"])
        .success()
        .stdout(predicate::str::starts_with("No contacts yet. Add one"));
    empty
        .run(&["due"])
        .success()
        .stdout(predicate::str::starts_with("No contacts yet. Add one"));
}

#[test]
fn only_untriaged_contacts_are_never_due_and_due_says_why() {
    let env = Env::new();
    std::fs::create_dir_all(&env.data).unwrap();
    let csv = env.data.join("Connections.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Mathematician,12 Mar 2024\n",
    )
    .unwrap();
    env.ok(&["import", "linkedin", csv.to_str().unwrap()]);
    env.run(&["due"]).success().stdout(predicate::str::contains(
        "Nobody is due: none of your 1 contact is active yet",
    ));
}

#[test]
fn history_kind_takes_every_kind_it_prints_and_lists_them_when_wrong() {
    let env = two();
    env.ok(&["queue", "add", "https://example.com/a", "--topic", "rust"]);
    env.ok(&["share", "Ada", "https://example.com/a", "--print"]);
    env.ok(&["log", "Grace", "--kind", "touch", "--note", "hello"]);
    let shares = env.json(&["history", "--kind", "share", "--json"]);
    assert_eq!(shares.len(), 1);
    assert_eq!(shares[0]["kind"], "share");
    env.run(&["history", "--kind", "gift"])
        .code(1)
        .stderr(predicate::str::contains(
            "unknown kind \"gift\"; use share, touch, ask, intro or moment, or a channel: call, coffee",
        ));
}

#[test]
fn an_edit_that_changes_nothing_says_so_and_writes_nothing() {
    let env = two();
    let before = std::fs::read(env.file("contacts.toml")).unwrap();
    env.run(&["contact", "edit", "Ada"])
        .success()
        .stdout(predicate::str::starts_with(
            "Nothing to change: Ada Lovelace already reads so. Give a field to change",
        ));
    env.run(&["contact", "edit", "Ada", "--degree", "1"])
        .success()
        .stdout("Nothing to change: Ada Lovelace already reads so.\n");
    assert_eq!(std::fs::read(env.file("contacts.toml")).unwrap(), before);
    env.run(&["contact", "edit", "Ada", "--degree", "2"])
        .success()
        .stdout("Updated Ada Lovelace.\n");
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let env = Env::new();
    env.ok(&["contact", "add", "Ada Lovelace", "--cadence", "1"]);
    env.ok(&["log", "Ada", "--at", "2026-11-25"]);
    let show = env.ok(&["contact", "show", "Ada"]);
    assert!(show.contains("every 1 day; last touch yesterday"), "{show}");
    let doctor = env.ok(&["doctor"]);
    assert!(
        doctor.contains("loaded     1 contact, 0 items, 1 history entry"),
        "{doctor}"
    );
}

#[test]
fn a_touch_is_the_default_and_a_channel_says_how() {
    let env = two();
    env.run(&["log", "Ada", "--note", "hello"])
        .success()
        .stdout("Logged touch with Ada Lovelace on 2026-11-26.\n");
    env.run(&["log", "Ada", "--kind", "call", "--note", "long call"])
        .success()
        .stdout("Logged touch via call with Ada Lovelace on 2026-11-26.\n");
    env.run(&["log", "Grace", "--via", "Coffee"])
        .success()
        .stdout("Logged touch via coffee with Grace Hopper on 2026-11-26.\n");
    // An ask says its id too: what `ask done` closes it with.
    env.run(&["log", "Ada", "--kind", "ask", "--via", "email", "--force"])
        .success()
        .stdout(predicate::str::starts_with(
            "Logged ask via email with Ada Lovelace on 2026-11-26.\nAsk h",
        ));
    env.run(&["log", "Ada", "--kind", "call", "--via", "email"])
        .code(2)
        .stderr(predicate::str::contains(
            "--kind call and --via email disagree",
        ));
    env.run(&["log", "Ada", "--via", "pigeon"])
        .code(1)
        .stderr(predicate::str::contains(
            "unknown channel \"pigeon\"; use call, coffee, message, email, meeting",
        ));
    env.run(&["log", "Ada", "--kind", "party"])
        .code(1)
        .stderr(predicate::str::contains(
            "unknown kind \"party\"; use touch, ask or how you were in touch: call, coffee",
        ));
    let calls = env.json(&["history", "--kind", "call", "--json"]);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["kind"], "touch");
    assert_eq!(calls[0]["via"], "call");
    let table = env.ok(&["history", "--contact", "Grace"]);
    assert!(table.contains("touch  Grace Hopper  (coffee)"), "{table}");
    let log = std::fs::read_to_string(env.file("history.jsonl")).unwrap();
    assert!(log.contains(r#""note":"long call","via":"call"}"#), "{log}");
    // Read back the same through the cache and without it.
    let again = env.json(&["history", "--json"]);
    assert_eq!(again.iter().filter(|e| e["via"].is_string()).count(), 3);
}

/// The id `contact list --json` gives the contact named `name`.
fn id_of(env: &Env, name: &str) -> String {
    let all = env.json(&["contact", "list", "--json"]);
    let c = all.iter().find(|c| c["name"] == name).unwrap();
    c["id"].as_str().unwrap().to_string()
}

#[test]
fn a_known_person_is_not_added_twice() {
    let env = two();
    env.ok(&[
        "contact",
        "add",
        "Ada King",
        "--link",
        "linkedin.com/in/ada-king",
        "--email",
        "ada@example.com",
    ]);
    let ada = id_of(&env, "Ada King");
    let before = std::fs::read(env.file("contacts.toml")).unwrap();
    // The same profile however it is written, or the same e-mail.
    env.run(&[
        "contact",
        "add",
        "Countess of Lovelace",
        "--link",
        "http://de.linkedin.com/in/Ada-King/?trk=x",
    ])
    .code(1)
    .stderr(format!(
        "netwerk: Ada King ({ada}) already has the profile linkedin.com/in/ada-king; add anyway with --force\n"
    ));
    env.run(&["contact", "add", "A. King", "--email", " ADA@example.com"])
        .code(1)
        .stderr(predicate::str::contains(format!(
            "Ada King ({ada}) already has the e-mail ada@example.com"
        )));
    assert_eq!(std::fs::read(env.file("contacts.toml")).unwrap(), before);
    // A shared company site says nothing about who someone is.
    env.ok(&[
        "contact",
        "edit",
        "Ada King",
        "--link",
        "https://engines.example",
    ]);
    env.ok(&[
        "contact",
        "add",
        "Charles",
        "--link",
        "https://engines.example",
    ]);
    // Forced, the second record is added and can be edited afterwards.
    env.ok(&[
        "contact",
        "add",
        "A. King",
        "--email",
        "ada@example.com",
        "--force",
    ]);
    env.ok(&["contact", "edit", "A. King", "--degree", "2"]);
    // An edit that makes someone a known person again is refused too.
    let grace = id_of(&env, "Grace Hopper");
    env.run(&["contact", "edit", "Grace", "--email", "ada@example.com"])
        .code(1)
        // Either record with the address may be named: both are Ada.
        .stderr(predicate::str::contains(
            "already has the e-mail ada@example.com; save anyway with --force, or merge the two: netwerk contact merge ",
        ))
        .stderr(predicate::str::ends_with(format!(" {grace}\n")));
}

#[test]
fn a_merge_keeps_both_histories_and_never_rewrites_the_log() {
    let env = two();
    env.ok(&[
        "contact",
        "add",
        "Ada L.",
        "--interest",
        "poetry",
        "--link",
        "https://github.com/ada",
        "--degree",
        "1",
    ]);
    let (ada, twin) = (id_of(&env, "Ada Lovelace"), id_of(&env, "Ada L."));
    env.ok(&["contact", "edit", &ada, "--degree", "2"]);
    env.ok(&["log", &ada, "--note", "coffee", "--at", "2026-11-20"]);
    env.ok(&["queue", "add", "https://example.com/a", "--topic", "poetry"]);
    env.ok(&["share", &twin, "https://example.com/a", "--print"]);
    env.ok(&["log", &twin, "--via", "call", "--at", "2026-11-24"]);
    let log = std::fs::read(env.file("history.jsonl")).unwrap();
    // A dry run shows what would happen and writes nothing.
    let dry = env.ok(&["contact", "merge", &ada, &twin, "--dry-run"]);
    assert!(dry.starts_with("Would merge Ada L."), "{dry}");
    assert_eq!(id_of(&env, "Ada L."), twin);
    env.run(&["contact", "merge", &ada, &twin])
        .success()
        .stdout(format!(
            "Merged Ada L. ({twin}) into Ada Lovelace ({ada}):\n  \
             interests + poetry\n  \
             link + github https://github.com/ada\n  \
             degree 2 → 1\n  \
             history: 2 entries now count for Ada Lovelace\n"
        ));
    assert_eq!(std::fs::read(env.file("history.jsonl")).unwrap(), log);
    assert_eq!(env.json(&["contact", "list", "--json"]).len(), 2);
    let theirs = env.json(&["history", "--contact", &ada, "--json"]);
    assert_eq!(theirs.len(), 3, "{theirs:?}");
    let show = env.ok(&["contact", "show", "Lovelace"]);
    assert!(show.contains("poetry"), "{show}");
    assert!(show.contains(&format!("merged        {twin}\n")), "{show}");
    assert!(show.contains("touch  Ada L.        (call)"), "{show}");
    // What went to the old record counts: no repeat share unasked, and
    // the share is the last touch and gift.
    env.run(&["share", &ada, "https://example.com/a", "--print"])
        .code(1)
        .stderr(predicate::str::contains("was already sent to Ada Lovelace"));
    let due = env.json(&["contact", "list", "--json"]);
    let merged = due.iter().find(|c| c["id"] == ada.as_str()).unwrap();
    assert_eq!(merged["gives"], 1, "{merged}");
    assert!(
        merged["last_touch"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-26"),
        "{merged}"
    );
    env.run(&["contact", "merge", &ada, &ada])
        .code(1)
        .stderr(predicate::str::contains("both name Ada Lovelace"));
}

#[test]
fn namesakes_are_told_apart_by_role_company_and_id() {
    let env = Env::new();
    env.ok(&[
        "contact",
        "add",
        "José García",
        "--company",
        "Microsoft",
        "--role",
        "Engineer",
    ]);
    env.ok(&["contact", "add", "José García", "--company", "Stripe"]);
    env.ok(&["contact", "add", "José Garcíaz"]);
    let ids: Vec<String> = ["Microsoft", "Stripe"]
        .iter()
        .map(|company| {
            let all = env.json(&["contact", "list", "--json"]);
            let c = all.iter().find(|c| c["company"] == *company).unwrap();
            c["id"].as_str().unwrap().to_string()
        })
        .collect();
    let out = env.run(&["contact", "show", "jose garcia"]).code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("\"jose garcia\" matches 2 records:"), "{err}");
    assert!(
        err.contains(&format!(
            "  {}  José García  Engineer at Microsoft\n",
            ids[0]
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("  {}  José García  Stripe", ids[1])),
        "{err}"
    );
    // A query may add the company, as search does.
    env.ok(&["log", "josé garcía microsoft", "--note", "lunch"]);
    let log = env.json(&["history", "--json"]);
    assert_eq!(log[0]["contact"], ids[0].as_str());
}

#[test]
fn an_import_finds_people_added_by_hand_by_profile_or_email() {
    let env = Env::new();
    env.ok(&["contact", "add", "Ada", "--link", "linkedin.com/in/ada-l"]);
    env.ok(&["contact", "add", "Grace", "--email", "Grace@Navy.example"]);
    std::fs::create_dir_all(&env.data).unwrap();
    let csv = env.data.join("Connections.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ada,Lovelace,https://de.linkedin.com/in/Ada-L/,,Engines,Mathematician,12 Mar 2024\n",
    )
    .unwrap();
    env.ok(&["import", "linkedin", csv.to_str().unwrap()]);
    let cards = env.data.join("cards.vcf");
    std::fs::write(
        &cards,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n\
         EMAIL:grace@navy.example\r\nORG:US Navy\r\nEND:VCARD\r\n",
    )
    .unwrap();
    env.ok(&["import", "vcard", cards.to_str().unwrap()]);
    let all = env.json(&["contact", "list", "--json"]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all.iter().any(|c| c["company"] == "Engines"), "{all:?}");
    assert!(all.iter().any(|c| c["company"] == "US Navy"), "{all:?}");
}
