//! Sharing from the command line: given a contact and an item, when the
//! user runs `netwerk share`, then this note is printed or saved, and this
//! one entry is in the history — or nothing is, and the reason is said.

use predicates::prelude::*;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

const URL: &str = "https://example.com/async";

mod support;
use support::Home;
use support::home::NOW;

/// A home holding Ada (interested in Rust, no company or role) and one
/// Rust article.
fn ada_and_an_article() -> Home {
    let env = Home::new();
    env.run(&["contact", "add", "Ada Lovelace", "--interest", "Rust"])
        .success();
    env.run(&[
        "queue",
        "add",
        URL,
        "--title",
        "Rust async in depth",
        "--topic",
        "rust",
    ])
    .success();
    env
}

/// What the share tests ask of a home.
trait Sharing {
    fn shares(&self) -> Vec<Value>;
    fn note_file(&self) -> PathBuf;
}

impl Sharing for Home {
    fn shares(&self) -> Vec<Value> {
        let out = self
            .run(&["history", "--kind", "share", "--json"])
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn note_file(&self) -> PathBuf {
        self.state_home.join("netwerk/last-note.txt")
    }
}

#[test]
fn print_shows_a_natural_note_and_logs_exactly_it() {
    let env = ada_and_an_article();
    let printed = env.ok(&["share", "ada", "async", "--print"]);
    let note = printed.strip_suffix('\n').unwrap();
    assert_eq!(
        note,
        "Hi Ada, I read this article and thought of you — with your interest in Rust, \
         I think you'll enjoy it:\n\nRust async in depth\nhttps://example.com/async"
    );
    let shares = env.shares();
    assert_eq!(shares.len(), 1);
    let entry = &shares[0];
    assert_eq!(entry["note"], note);
    assert_eq!(entry["contact_name"], "Ada Lovelace");
    assert_eq!(entry["item_title"], "Rust async in depth");
    assert_eq!(entry["url"], URL);
    assert_eq!(entry["at"], NOW);
    assert_eq!(entry["template"], "thought-of-you");
    assert!(!env.note_file().exists(), "--print copies nothing");
}

#[test]
fn dry_run_writes_nothing() {
    let env = ada_and_an_article();
    env.run(&["share", "ada", "async", "--dry-run"])
        .success()
        .stdout(predicate::str::starts_with("Hi Ada, ").and(predicate::str::contains(URL)))
        .stderr(predicate::str::contains(
            "dry run: nothing copied or logged",
        ));
    assert!(!env.data.join("history.jsonl").exists());
    assert!(!env.note_file().exists());
}

#[test]
fn sharing_saves_the_note_privately_then_logs_it() {
    let env = ada_and_an_article();
    let out = env.ok(&["share", "ada", "async"]);
    let file = env.note_file();
    assert!(out.contains(&file.display().to_string()), "{out}");
    assert!(out.contains("Logged “Rust async in depth” as shared with Ada Lovelace."));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(env.shares()[0]["note"], saved.as_str());
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_failed_copy_logs_nothing() {
    let env = ada_and_an_article();
    // A state "directory" that is a file: the note cannot be saved.
    std::fs::write(&env.state_home, "").unwrap();
    env.run(&["share", "ada", "async"])
        .code(1)
        .stderr(predicate::str::contains("could not copy the note: "))
        .stderr(predicate::str::contains("nothing was logged"));
    assert!(env.shares().is_empty());
}

#[test]
fn a_repeat_share_is_refused_without_again_and_rotates_with_it() {
    let env = ada_and_an_article();
    env.run(&["share", "ada", "async", "--print"]).success();
    for extra in [&[][..], &["--dry-run"], &["--print"]] {
        let mut args = vec!["share", "ada", "async"];
        args.extend(extra);
        env.run(&args).code(1).stderr(predicate::str::contains(
            "“Rust async in depth” was already sent to Ada Lovelace on 2026-11-26; \
             add --again to send it anyway",
        ));
    }
    assert_eq!(env.shares().len(), 1);
    env.run(&["share", "ada", "async", "--print", "--again"])
        .success()
        .stderr(predicate::str::contains(
            "already sent to Ada Lovelace on 2026-11-26",
        ));
    let mut templates: Vec<String> = env
        .shares()
        .iter()
        .map(|e| e["template"].as_str().unwrap_or_default().to_string())
        .collect();
    // The second note used the next template, not the same wording again.
    templates.sort();
    assert_eq!(templates, ["no-reply-needed", "thought-of-you"]);
}

#[test]
fn a_note_given_on_the_command_line_is_sent_as_written() {
    let env = ada_and_an_article();
    let note = "Ada — this one's for you.\n\nhttps://example.com/async";
    let printed = env.ok(&["share", "ada", "async", "--print", "--note", note]);
    assert_eq!(printed, format!("{note}\n"));
    let entry = &env.shares()[0];
    assert_eq!(entry["note"], note);
    assert_eq!(entry.get("template"), None);
}

#[test]
fn archived_items_can_still_be_shared() {
    let env = ada_and_an_article();
    env.run(&["queue", "archive", "async"]).success();
    env.run(&["share", "ada", "async", "--print"]).success();
    assert_eq!(env.shares().len(), 1);
}

#[test]
fn an_unknown_template_name_is_an_error() {
    let env = ada_and_an_article();
    env.run(&["share", "ada", "async", "--template", "nope", "--print"])
        .code(1)
        .stderr(predicate::str::contains(
            "no template named \"nope\"; there are thought-of-you, ",
        ));
    assert!(env.shares().is_empty());
    env.run(&["share", "ada", "async", "--template", "x", "--note", "hi"])
        .code(2);
}

#[test]
fn the_users_templates_and_signature_are_used() {
    let env = ada_and_an_article();
    env.write_config(
        "signature = \"— Sam\"\n\
         [[template]]\n\
         name = \"warm\"\n\
         text = \"Hi {first_name}, hope all is well at {company}! [Given your interest in \
         {interest}, ]{title} made me think of you: {url}[\\n\\n{signature}]\"\n",
    );
    let printed = env.ok(&["share", "ada", "async", "--print", "--template", "warm"]);
    assert_eq!(
        printed,
        "Hi Ada, hope all is well! Given your interest in Rust, Rust async in depth made me \
         think of you: https://example.com/async\n\n— Sam\n"
    );
    assert_eq!(env.shares()[0]["template"], "warm");
}

#[test]
fn an_unknown_placeholder_stops_netwerk_at_startup() {
    let env = ada_and_an_article();
    env.write_config("[[template]]\nname = \"warm\"\ntext = \"Hi {frist_name}: {url}\"\n");
    for args in [
        &["share", "ada", "async", "--print"][..],
        &["contact", "list"],
    ] {
        env.run(args).code(1).stderr(predicate::str::contains(
            "config.toml: template \"warm\": unknown placeholder {frist_name} \
                 (did you mean {first_name}?)",
        ));
    }
    assert!(!env.data.join("history.jsonl").exists());
}
