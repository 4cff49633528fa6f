//! `netwerk undo` and `netwerk redo`: the last change comes undone and
//! done again; a logged share is taken back by a void record that every
//! figure sees and `history --all` shows; a change edited since, or too
//! large to keep, is refused with nothing written.

use predicates::prelude::*;
use serde_json::Value;

mod support;
use support::Home as Env;

/// The data files' bytes, to show nothing was written.
fn files(env: &Env) -> Vec<Vec<u8>> {
    ["contacts.toml", "queue.toml", "history.jsonl"]
        .iter()
        .map(|f| std::fs::read(env.file(f)).unwrap_or_default())
        .collect()
}

fn names(env: &Env) -> Vec<String> {
    env.json(&["contact", "list", "--json"])
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

fn stats(env: &Env) -> Value {
    serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap()
}

#[test]
fn undo_removes_a_contact_just_added_and_redo_adds_it_back() {
    let env = Env::new();
    env.run(&["undo"])
        .failure()
        .code(1)
        .stderr("netwerk: nothing to undo\n");
    env.ok(&["contact", "add", "Ada Lovelace"]);
    env.ok(&["contact", "add", "Grace Hopper", "--company", "US Navy"]);
    let before = files(&env);
    env.run(&["undo", "--dry-run"])
        .success()
        .stdout("Would undo: added Grace Hopper (1 record).\nDry run: nothing was written.\n");
    assert_eq!(files(&env), before);
    env.run(&["undo"])
        .success()
        .stdout("Undone: added Grace Hopper (1 record).\n");
    assert_eq!(names(&env), ["Ada Lovelace"]);
    let redone: Value = serde_json::from_str(&env.ok(&["redo", "--json"])).unwrap();
    assert_eq!(redone["action"], "redo");
    assert_eq!(redone["change"], "added Grace Hopper");
    assert_eq!(redone["records"], 1);
    assert_eq!(files(&env), before, "exactly as it was");
    // Undo walks back; a new change forgets what could be redone.
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    assert!(names(&env).is_empty());
    env.ok(&["contact", "add", "Hedy Lamarr"]);
    env.run(&["redo"])
        .failure()
        .stderr("netwerk: nothing to redo\n");
}

#[test]
fn an_undone_share_no_longer_counts_and_history_all_shows_it_voided() {
    let env = Env::new();
    env.ok(&[
        "contact",
        "add",
        "Ada Lovelace",
        "--interest",
        "rust",
        "--cadence",
        "7",
    ]);
    env.ok(&[
        "queue",
        "add",
        "https://example.com/rust",
        "--title",
        "Rust async",
        "--topic",
        "rust",
    ]);
    env.run(&["log", "Ada", "--note", "coffee", "--at", "2026-11-10"])
        .success();
    let due_before = env.json(&["due", "--json"]).len();
    assert_eq!(due_before, 1, "last touched 16 days ago, every 7");
    env.ok(&["share", "Ada", "Rust async", "--print"]);
    assert_eq!(stats(&env)["weeks"][11]["gives"], 1);
    assert!(env.json(&["due", "--json"]).is_empty());

    env.run(&["undo"])
        .success()
        .stdout("Undone: shared Rust async with Ada Lovelace (1 history entry voided).\n");
    assert_eq!(stats(&env)["weeks"][11]["gives"], 0);
    assert_eq!(stats(&env)["most_given"], serde_json::json!([]));
    assert_eq!(env.json(&["due", "--json"]).len(), 1, "due again");
    let shown = env.json(&["contact", "show", "Ada", "--json"]);
    assert_eq!(shown[0]["gives"], 0);
    // The plain listing counts what counts; --all shows the whole log.
    env.run(&["history"])
        .success()
        .stdout(predicate::str::contains("Rust async").not());
    env.run(&["history", "--all"]).success().stdout(
        predicate::str::contains(
            "void   Ada Lovelace  takes back the share of 2026-11-26 09:00 (Rust async)",
        )
        .and(predicate::str::contains(
            "share  Ada Lovelace  [voided] Rust async",
        )),
    );
    let all = env.json(&["history", "--all", "--json"]);
    let share = all.iter().find(|e| e["kind"] == "share").unwrap();
    let void = all.iter().find(|e| e["kind"] == "void").unwrap();
    assert_eq!(share["voided"], true);
    assert_eq!(void["voids"], share["id"]);
    assert!(void.get("voided").is_none());
    // The log only grew: the share's line is still there.
    let log = std::fs::read_to_string(env.file("history.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 4, "header, touch, share, void");

    // Redo voids the void: the share counts again.
    env.run(&["redo"])
        .success()
        .stdout("Redone: shared Rust async with Ada Lovelace (1 history entry counted again).\n");
    assert_eq!(stats(&env)["weeks"][11]["gives"], 1);
    assert!(env.json(&["due", "--json"]).is_empty());
}

#[test]
fn a_backup_keeps_void_records_and_restores_them_exactly() {
    let env = Env::new();
    env.ok(&["contact", "add", "Ada Lovelace"]);
    env.ok(&["log", "Ada", "--note", "coffee"]);
    env.ok(&["log", "Ada", "--note", "call"]);
    env.ok(&["undo"]);
    let backup = env.ok(&["export", "json"]);
    assert!(backup.contains("\"kind\": \"void\""), "{backup}");
    let restored = Env::new();
    let path = env.home.join("backup.json");
    std::fs::create_dir_all(&env.home).unwrap();
    std::fs::write(&path, &backup).unwrap();
    restored.ok(&["import", "json", path.to_str().unwrap()]);
    assert_eq!(restored.ok(&["export", "json"]), backup);
    let history = restored.json(&["history", "--json"]);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["note"], "coffee");
    // A restore is not undone: it says how to go back instead.
    restored
        .run(&["undo"])
        .failure()
        .stderr(predicate::str::contains(
            "\u{201c}restored a backup\u{201d} replaced the data and cannot be undone",
        ));
}

#[test]
fn a_record_edited_since_makes_undo_refuse_and_write_nothing() {
    let env = Env::new();
    env.ok(&[
        "contact",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
    ]);
    env.ok(&["contact", "edit", "Ada", "--role", "Countess"]);
    // By hand, after the edit being undone.
    let path = env.file("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Countess", "Enchantress of Numbers")).unwrap();
    let before = files(&env);
    env.run(&["undo"])
        .failure()
        .code(1)
        .stderr("netwerk: Ada Lovelace changed since; not undone\n");
    env.run(&["undo", "--dry-run"])
        .failure()
        .stderr("netwerk: Ada Lovelace changed since; not undone\n");
    assert_eq!(files(&env), before);
    // Removed since: said so.
    let env = Env::new();
    env.ok(&["contact", "add", "Ada Lovelace"]);
    env.ok(&["contact", "edit", "Ada", "--role", "Countess"]);
    std::fs::write(env.file("contacts.toml"), "format = 1\n").unwrap();
    env.run(&["undo"])
        .failure()
        .stderr("netwerk: Ada Lovelace was removed since; not undone\n");
}

#[test]
fn a_bulk_change_is_one_step_and_one_too_large_to_keep_says_how_to_go_back() {
    let env = Env::new();
    std::fs::create_dir_all(&env.home).unwrap();
    let csv = |n: usize| {
        let mut text =
            String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for i in 0..n {
            text.push_str(&format!(
                "Person,Number{i},https://www.linkedin.com/in/person-{i},,Company {i},Engineer,12 Mar 2024\n"
            ));
        }
        text
    };
    let small = env.home.join("small.csv");
    std::fs::write(&small, csv(40)).unwrap();
    env.ok(&["import", "linkedin", small.to_str().unwrap()]);
    env.ok(&["triage", "keep", "--all"]);
    env.run(&["undo"])
        .success()
        .stdout("Undone: kept 40 contacts (40 records).\n");
    env.run(&["undo"])
        .success()
        .stdout("Undone: imported 40 new contacts from small.csv (40 records).\n");
    assert!(names(&env).is_empty());

    let large = env.home.join("Connections.csv");
    std::fs::write(&large, csv(6_000)).unwrap();
    let journal = || {
        std::fs::metadata(env.file(".cache/undo.jsonl"))
            .unwrap()
            .len()
    };
    let small_ones = journal();
    env.ok(&["import", "linkedin", large.to_str().unwrap()]);
    let grew = journal() - small_ones;
    assert!(grew < 1_000, "the journal grew {grew} bytes");
    let before = files(&env);
    env.run(&["undo"]).failure().stderr(
        "netwerk: \u{201c}imported 6000 new contacts from Connections.csv\u{201d} changed 6000 \
         records, too many to keep for undo; not undone. To go back, restore a backup \
         with `netwerk import json FILE --replace`\n",
    );
    assert_eq!(files(&env), before);
}
