//! The history log is never poisoned by a failed or torn append: a write
//! the disk refuses part-way is undone, a last line cut at any byte is
//! trimmed by the next append however long it is, a complete entry that
//! only lacks its newline (a hand append) is kept, and after each of them
//! every command loads and every confirmed entry is there.

mod support;

use chrono::DateTime;
use netwerk::domain::{Contact, Entry, EntryKind};
use netwerk::format::history;
use netwerk::store::{HISTORY, Store};
use serde_json::Value;
use std::os::unix::process::CommandExt;
use std::process::Output;
use support::Home;
use support::home::NOW;

/// A note as long as a note may be (20,000 characters) in four-byte
/// characters: an 80 KB log line, longer than any fixed look-back.
fn long_note() -> String {
    "𝄞".repeat(20_000)
}

/// Runs `netwerk ARGS` in `home` as on a disk with room for `limit` bytes
/// per file: `RLIMIT_FSIZE` makes a write past it fail with EFBIG (the
/// signal the kernel would send is ignored), after writing what fits.
fn run_on_a_full_disk(home: &Home, limit: u64, args: &[&str]) -> Output {
    let like = home.cmd();
    let mut cmd = std::process::Command::new(like.get_program());
    cmd.args(like.get_args()).args(args);
    for (key, value) in like.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    // SAFETY: between fork and exec the child only calls `signal` and
    // `setrlimit`, both async-signal-safe, and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR
                || libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("netwerk runs")
}

/// The notes `history --json` lists, sorted.
fn notes(home: &Home) -> Vec<String> {
    let mut notes: Vec<String> = home
        .json(&["history", "--json"])
        .iter()
        .map(|e| e["note"].as_str().unwrap_or_default().to_string())
        .collect();
    notes.sort();
    notes
}

/// Every command that reads the history succeeds.
fn every_reader_loads(home: &Home) {
    for args in [
        &["history"][..],
        &["contact", "list"],
        &["due"],
        &["stats"],
        &["export", "json"],
    ] {
        home.run(args).success();
    }
}

/// A home with Ada Lovelace and one touch logged ("coffee").
fn ada_after_coffee() -> Home {
    let home = Home::new();
    home.run(&["contact", "add", "Ada Lovelace"]).success();
    home.run(&["log", "Ada", "--kind", "touch", "--note", "coffee"])
        .success();
    home
}

#[test]
fn an_append_the_full_disk_refuses_is_undone_and_the_next_one_is_read() {
    let home = Home::new();
    home.run(&["contact", "add", "Ada Lovelace"]).success();
    for note in ["coffee", "call"] {
        home.run(&["log", "Ada", "--kind", "touch", "--note", note])
            .success();
    }
    let path = home.file(HISTORY);
    let before = std::fs::read(&path).unwrap();

    // Room for 30 KB more: the 80 KB line is cut in the middle.
    let limit = before.len() as u64 + 30_000;
    let note = long_note();
    let out = run_on_a_full_disk(
        &home,
        limit,
        &["log", "Ada", "--kind", "touch", "--note", &note],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing claims it was logged");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&format!("{}: ", path.display()))
            && stderr.contains("File too large")
            && stderr.contains("nothing was saved"),
        "names the file, the cause and that nothing was saved: {stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the log is as it was before the failed append"
    );

    home.run(&["log", "Ada", "--kind", "touch", "--note", "after"])
        .success();
    assert_eq!(notes(&home), ["after", "call", "coffee"]);
    every_reader_loads(&home);
}

#[test]
fn a_first_append_the_full_disk_refuses_leaves_an_empty_log() {
    let home = Home::new();
    home.run(&["contact", "add", "Ada Lovelace"]).success();
    let note = long_note();
    let out = run_on_a_full_disk(
        &home,
        30_000,
        &["log", "Ada", "--kind", "touch", "--note", &note],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let path = home.file(HISTORY);
    let left = std::fs::metadata(&path).unwrap().len();
    assert_eq!(left, 0, "nothing half-written");
    home.run(&["log", "Ada", "--kind", "touch", "--note", "first"])
        .success();
    assert_eq!(notes(&home), ["first"]);
    every_reader_loads(&home);
}

/// An entry of the test log, with `note`.
fn entry(ada: &Contact, minute: u32, note: &str) -> Entry {
    let at = DateTime::parse_from_rfc3339(&format!("2026-11-20T09:{minute:02}:00+01:00")).unwrap();
    Entry::logged(ada, EntryKind::Touch, at, note)
}

/// Where to cut a line of `len` bytes: every offset, or for a line
/// longer than a few KB, every offset near either end, every 997th
/// between, and those around 64 KiB from the end (where a fixed window
/// would start).
fn cuts(len: usize) -> Vec<usize> {
    if len < 4096 {
        return (0..=len).collect();
    }
    let mut cuts: Vec<usize> = (0..64).chain(len - 64..=len).collect();
    cuts.extend((64..len - 64).step_by(997));
    cuts.extend([64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1].map(|w| len - w));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

#[test]
fn a_log_cut_at_any_byte_of_its_last_line_takes_the_next_append() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let path = store.path(HISTORY);
    let ada = Contact::new(
        "Ada Lovelace",
        DateTime::parse_from_rfc3339(NOW).unwrap().date_naive(),
    )
    .unwrap();
    let entries = [
        entry(&ada, 1, "coffee"),
        entry(&ada, 2, &long_note()),
        entry(&ada, 3, "call — λ 王"),
        entry(&ada, 4, "tea"),
    ];
    let header = "{\"netwerk_history\":1}\n";
    // The header is line 0 here, then each entry's line.
    let lines: Vec<String> = std::iter::once(header.to_string())
        .chain(entries.iter().map(history::line))
        .collect();
    let mut checked = 0;
    for (k, line) in lines.iter().enumerate() {
        let body = line.trim_end_matches('\n');
        for cut in cuts(body.len()) {
            let mut torn = lines[..k].concat().into_bytes();
            torn.extend_from_slice(&body.as_bytes()[..cut]);
            std::fs::write(&path, &torn).unwrap();

            let new = entry(&ada, 30, "confirmed");
            let at = format!("line {k} cut at byte {cut} of {}", body.len());
            store
                .append(std::slice::from_ref(&new))
                .unwrap_or_else(|e| panic!("{at}: {e}"));

            // What was whole is kept (a line cut only of its newline is
            // whole), the fragment is gone, the new entry follows.
            let whole = if cut == body.len() { k + 1 } else { k };
            let mut want: Vec<Entry> = entries[..whole.saturating_sub(1)].to_vec();
            want.push(new.clone());
            let mut want_text = if whole == 0 {
                header.to_string()
            } else {
                lines[..whole].concat()
            };
            want_text.push_str(&history::line(&new));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(
                text == want_text,
                "{at}: the log is not its whole lines and the new one"
            );
            let read = history::parse(&path, &text).unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(read == want, "{at}: a full parse");
            let loaded = store.load_history().unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(loaded == want, "{at}: a load through the cache");
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked} cut points");
}

#[test]
fn a_hand_appended_entry_without_its_newline_survives_the_next_append() {
    let home = ada_after_coffee();
    let path = home.file(HISTORY);
    let text = std::fs::read_to_string(&path).unwrap();
    // The user copies the last line, gives it a new id and note, and
    // saves without a final newline (as many editors do).
    let last = text.lines().last().unwrap();
    let mut by_hand: Value = serde_json::from_str(last).unwrap();
    by_hand["id"] = "hbyhand01".into();
    by_hand["note"] = "lunch, added by hand".into();
    let by_hand = serde_json::to_string(&by_hand).unwrap();
    std::fs::write(&path, format!("{text}{by_hand}")).unwrap();

    // A read leaves the file alone; the next append keeps the line.
    every_reader_loads(&home);
    home.run(&["log", "Ada", "--kind", "touch", "--note", "after"])
        .success();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.starts_with(&format!("{text}{by_hand}\n")),
        "the hand-added line is kept as typed and ended: {after}"
    );
    assert_eq!(notes(&home), ["after", "coffee", "lunch, added by hand"]);
    every_reader_loads(&home);
}

/// A complete JSON line without its newline that is not an entry (a
/// hand edit gone wrong) is neither deleted nor built upon: the append is
/// refused with its line, and the file left as it was.
#[test]
fn an_unended_last_line_that_is_not_an_entry_stops_the_append() {
    let home = ada_after_coffee();
    let path = home.file(HISTORY);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(r#"{"id":"hbyhand01","note":"no date"}"#);
    std::fs::write(&path, &text).unwrap();
    let out = home
        .run(&["log", "Ada", "--kind", "touch", "--note", "after"])
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(&format!("{}:3:", path.display())) && stderr.contains("missing field"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// An older netwerk could glue a confirmed entry to the fragment a failed
/// write left. That line is refused with a message saying what it is and
/// what to delete; nothing is deleted for the user.
#[test]
fn a_fragment_glued_to_an_entry_by_an_older_version_is_explained() {
    let home = ada_after_coffee();
    home.run(&["log", "Ada", "--kind", "touch", "--note", "confirmed"])
        .success();
    let path = home.file(HISTORY);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let fragment = &lines[1][..40];
    let glued = format!("{}\n{}\n{fragment}{}\n", lines[0], lines[1], lines[2]);
    std::fs::write(&path, &glued).unwrap();
    for args in [&["history"][..], &["contact", "list"], &["due"]] {
        let out = home.run(args).failure();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        let at = format!("{}:3:{}: ", path.display(), fragment.chars().count() + 1);
        assert!(
            stderr.contains(&at) && stderr.contains("cut-off write") && stderr.contains("delete"),
            "{args:?} names the line, the column the entry starts at and what to do: {stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), glued);
}

#[test]
fn loads_do_not_touch_a_log_with_a_torn_tail() {
    let home = ada_after_coffee();
    let path = home.file(HISTORY);
    let mut torn = std::fs::read(&path).unwrap();
    torn.extend_from_slice(
        &history::line(&entry(
            &Contact::new("X", chrono::NaiveDate::MIN).unwrap(),
            1,
            &long_note(),
        ))
        .as_bytes()[..70_000],
    );
    std::fs::write(&path, &torn).unwrap();
    every_reader_loads(&home);
    assert_eq!(notes(&home), ["coffee"]);
    assert!(
        std::fs::read(&path).unwrap() == torn,
        "reads leave the file alone"
    );
    home.run(&["log", "Ada", "--kind", "touch", "--note", "after"])
        .success();
    assert_eq!(notes(&home), ["after", "coffee"]);
    every_reader_loads(&home);
}
