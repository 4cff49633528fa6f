//! Restoring a backup: what `netwerk export json` writes, `netwerk import
//! json` puts back — exactly into an empty data directory, over existing
//! data only when told to replace or merge, and never half.

mod support;

use chrono::{DateTime, Duration};
use netwerk::domain::{
    ContactId, ContactState, Entry, EntryFields, EntryId, EntryKind, ItemId, Network,
};
use netwerk::store::Store;
use std::path::{Path, PathBuf};
use support::home::{Home, NOW};

/// Text a terminal or a parser could trip over.
const HOSTILE: &str = "Zoë \"quoted\" \\ back\u{1b}[31mred\u{7}\r\nline two\t\u{202e}rtl\u{200b}zw 🎉 <b>&amp;</b> ${x} '; DROP";

/// The demo network with every field a record can have filled in, much of
/// it with hostile text.
fn network() -> Network {
    let now = DateTime::parse_from_rfc3339(NOW).unwrap();
    let mut net = netwerk::demo::sample(now);
    let c = &mut net.contacts[0];
    c.given_name = Some(format!("Ada {HOSTILE}"));
    c.family_name = Some("Lovelace-Byron".into());
    c.notes = Some(HOSTILE.into());
    c.met = Some(format!("met {HOSTILE}"));
    c.email = Some("ada+x@example.org".into());
    c.cadence_days = Some(45);
    c.degree = 3;
    c.connected = chrono::NaiveDate::from_ymd_opt(2019, 2, 28);
    c.merged = vec![
        ContactId("c-merged01".into()),
        ContactId("c-merged02".into()),
    ];
    c.interests.push(HOSTILE.into());
    net.contacts[1].state = ContactState::Dormant;
    net.contacts[2].state = ContactState::Untriaged;
    net.contacts[3].name = HOSTILE.into();
    let i = &mut net.items[0];
    i.title = "example.org/some-path".into();
    i.title_guessed = true;
    i.comment = Some(HOSTILE.into());
    i.topics.push(HOSTILE.into());
    net.items[1].archived = true;
    net.items[2].title = HOSTILE.into();
    let (contact, name) = (net.contacts[3].id.clone(), net.contacts[3].name.clone());
    let item = net.items[2].clone();
    let history = &mut net.history;
    history.push(Entry::from(EntryFields {
        id: EntryId("h-hostile1".into()),
        // Logged after the next one happened: the log is not in time order.
        at: now - Duration::hours(2),
        kind: EntryKind::Share,
        contact: contact.clone(),
        contact_name: name.clone(),
        item: Some(item.id.clone()),
        item_title: Some(item.title.clone()),
        url: Some(item.url.clone()),
        note: format!("Hi!\n{HOSTILE}"),
        template: Some("short".into()),
        via: None,
        voids: None,
    }));
    history.push(Entry::from(EntryFields {
        id: EntryId("h-hostile2".into()),
        at: now - Duration::hours(3),
        kind: EntryKind::Touch,
        contact,
        contact_name: name,
        item: None,
        item_title: None,
        url: None,
        note: HOSTILE.into(),
        template: None,
        via: Some("signal".into()),
        voids: None,
    }));
    net
}

/// A home whose data directory holds `net`.
fn home_with(net: &Network) -> Home {
    let home = Home::new();
    netwerk::demo::write(&Store::open(&home.data).unwrap(), net).unwrap();
    home
}

/// `export json` of the home, as bytes.
fn export(home: &Home) -> Vec<u8> {
    home.run(&["export", "json"])
        .success()
        .get_output()
        .stdout
        .clone()
}

/// The backup of `home`, written to a file outside any data directory.
fn backup_of(home: &Home, dir: &Path) -> PathBuf {
    let file = dir.join("backup.json");
    std::fs::write(&file, export(home)).unwrap();
    file
}

/// Every data file's bytes (None when absent).
fn data_files(home: &Home) -> Vec<Option<Vec<u8>>> {
    ["contacts.toml", "queue.toml", "history.jsonl"]
        .iter()
        .map(|f| std::fs::read(home.file(f)).ok())
        .collect()
}

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn export_restore_export_into_an_empty_directory_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let source = home_with(&network());
    let file = backup_of(&source, tmp.path());
    let target = Home::new();
    let out = target.run(&["import", "json", file.to_str().unwrap()]);
    let said = stdout(&out.success());
    let counts = network();
    assert_eq!(
        said,
        format!(
            "Restored {} contacts, {} items and {} history entries from {}.\n",
            counts.contacts.len(),
            counts.items.len(),
            counts.history.len(),
            file.display()
        )
    );
    let again = export(&target);
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&std::fs::read(&file).unwrap())
    );
    assert_eq!(again, std::fs::read(&file).unwrap());
    // And what was restored is what the source holds, file for file.
    assert_eq!(data_files(&target), data_files(&source));
}

#[test]
fn a_directory_holding_data_is_refused_without_replace_or_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let file = backup_of(&home_with(&network()), tmp.path());
    let target = Home::new();
    target.ok(&["contact", "add", "Someone Else"]);
    let before = data_files(&target);
    let out = target.run(&["import", "json", file.to_str().unwrap()]);
    let err = stderr(&out.code(1));
    assert!(
        err.contains("already holds 1 contact, 0 items and 0 history entries"),
        "{err}"
    );
    assert!(
        err.contains("--replace") && err.contains("--merge"),
        "{err}"
    );
    assert_eq!(data_files(&target), before);
}

#[test]
fn replace_replaces_everything_and_says_what_it_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let source = home_with(&network());
    let file = backup_of(&source, tmp.path());
    let target = Home::new();
    target.ok(&["contact", "add", "Someone Else"]);
    let out = target.run(&["import", "json", file.to_str().unwrap(), "--replace"]);
    let said = stdout(&out.success());
    assert!(
        said.contains("replacing 1 contact, 0 items and 0 history entries."),
        "{said}"
    );
    assert_eq!(export(&target), std::fs::read(&file).unwrap());
}

#[test]
fn merge_adds_unknown_records_and_leaves_known_ones_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let full = network();
    let file = backup_of(&home_with(&full), tmp.path());
    // A directory holding part of the network, one contact renamed since,
    // and history the backup does not have, logged after all of it.
    let mut part = full.clone();
    part.contacts.truncate(10);
    part.contacts[0].name = "Renamed Here".into();
    part.items.truncate(5);
    part.history.truncate(full.history.len() / 2);
    part.history.push(Entry::from(EntryFields {
        id: EntryId("h-ownentry".into()),
        at: DateTime::parse_from_rfc3339(NOW).unwrap(),
        kind: EntryKind::Touch,
        contact: part.contacts[0].id.clone(),
        contact_name: "Renamed Here".into(),
        item: None,
        item_title: None,
        url: None,
        note: String::new(),
        template: None,
        via: Some("call".into()),
        voids: None,
    }));
    let target = home_with(&part);
    let log_before = std::fs::read_to_string(target.file("history.jsonl")).unwrap();

    let out = target.run(&["import", "json", file.to_str().unwrap(), "--merge"]);
    let said = stdout(&out.success());
    let added = (
        full.contacts.len() - 10,
        full.items.len() - 5,
        full.history.len() - full.history.len() / 2,
    );
    assert_eq!(
        said,
        format!(
            "Restored {} contacts, {} items and {} history entries from {}.\n\
             Already here by id, left alone: 10 contacts, 5 items and {} history entries.\n",
            added.0,
            added.1,
            added.2,
            file.display(),
            full.history.len() / 2
        )
    );
    let net = Store::open(&target.data).unwrap().load().unwrap();
    assert_eq!(net.contacts.len(), full.contacts.len());
    assert_eq!(net.items.len(), full.items.len());
    let kept = net.contacts.iter().find(|c| c.id == full.contacts[0].id);
    assert_eq!(kept.unwrap().name, "Renamed Here");
    // The log only grew: every old line as it was, then the new entries
    // in time order.
    let log = std::fs::read_to_string(target.file("history.jsonl")).unwrap();
    assert!(log.starts_with(&log_before), "{log}");
    let appended = &net.history[part.history.len()..];
    assert_eq!(appended.len(), added.2);
    assert!(appended.windows(2).all(|w| w[0].at <= w[1].at));
    let mut ids: Vec<&str> = net.history.iter().map(Entry::id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), full.history.len() + 1);

    // Merging the same backup again adds nothing and writes nothing.
    let files = data_files(&target);
    let out = target.run(&["import", "json", file.to_str().unwrap(), "--merge"]);
    assert!(
        stdout(&out.success())
            .starts_with("Restored 0 contacts, 0 items and 0 history entries from")
    );
    assert_eq!(data_files(&target), files);
}

#[test]
fn merge_leaves_out_an_item_whose_url_is_queued_under_another_id() {
    let tmp = tempfile::tempdir().unwrap();
    let full = network();
    let file = backup_of(&home_with(&full), tmp.path());
    let mut part = Network::default();
    let mut twin = full.items[4].clone();
    twin.id = ItemId("i-twinitem".into());
    part.items = vec![twin].into();
    let target = home_with(&part);
    let out = target.run(&["import", "json", file.to_str().unwrap(), "--merge"]);
    let said = stdout(&out.success());
    assert!(
        said.contains(&format!(
            "  item {} left out: {} is queued under another id\n",
            full.items[4].id.as_str(),
            full.items[4].url
        )),
        "{said}"
    );
    let net = Store::open(&target.data).unwrap().load().unwrap();
    assert_eq!(net.items.len(), full.items.len());
}

#[test]
fn dry_run_prints_the_same_summary_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let full = network();
    let file = backup_of(&home_with(&full), tmp.path());
    let mut part = full.clone();
    part.contacts.truncate(3);
    part.history.truncate(7);
    let target = home_with(&part);
    let files = data_files(&target);
    let path = file.to_str().unwrap();
    let dry = stdout(
        &target
            .run(&["import", "json", path, "--merge", "--dry-run"])
            .success(),
    );
    assert_eq!(data_files(&target), files);
    let real = stdout(&target.run(&["import", "json", path, "--merge"]).success());
    assert_eq!(
        dry,
        format!(
            "{}Dry run: nothing was written.\n",
            real.replacen("Restored", "Would restore", 1)
        )
    );

    // Into an empty directory, too: nothing appears.
    let empty = Home::new();
    let dry = stdout(&empty.run(&["import", "json", path, "--dry-run"]).success());
    assert!(dry.starts_with("Would restore "), "{dry}");
    assert_eq!(data_files(&empty), vec![None, None, None]);
}

/// Runs a refused restore into a directory holding one contact and
/// returns its error; asserts nothing was written.
fn refused(text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("backup.json");
    std::fs::write(&file, text).unwrap();
    let target = Home::new();
    target.ok(&["contact", "add", "Someone Else"]);
    let before = data_files(&target);
    let out = target.run(&["import", "json", file.to_str().unwrap(), "--replace"]);
    let err = stderr(&out.code(1));
    assert_eq!(data_files(&target), before);
    err.replace(&file.display().to_string(), "FILE")
}

#[test]
fn a_backup_from_a_newer_netwerk_is_refused_where_it_says_so() {
    let text = "{\n  \"contacts\": [{\"notes\": \"\\\"format\\\"\"}],\n  \"format\": 2,\n  \"new\": []\n}\n";
    assert_eq!(
        refused(text),
        "netwerk: FILE:3:3: backup format 2 is newer than this netwerk reads (up to 1); upgrade netwerk\n"
    );
}

#[test]
fn malformed_json_is_refused_with_line_and_column() {
    let source = home_with(&network());
    let text = String::from_utf8(export(&source)).unwrap();
    // Cut off mid-way, as a copy that did not finish.
    let cut: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    let err = refused(&cut);
    assert!(err.starts_with("netwerk: FILE:5:"), "{err}");
    assert!(err.contains("EOF while parsing"), "{err}");
    // A field this build does not know.
    let err = refused(
        "{\"format\": 1, \"contacts\": [], \"queue\": [],\n \"history\": [], \"feeds\": []}",
    );
    assert!(err.starts_with("netwerk: FILE:2:"), "{err}");
    assert!(err.contains("unknown field `feeds`"), "{err}");
}

#[test]
fn a_record_the_data_files_would_refuse_is_pointed_at() {
    let source = home_with(&network());
    let text = String::from_utf8(export(&source)).unwrap();
    let net = network();
    let mut ids: Vec<&str> = net.contacts.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    // The second contact given the first one's id.
    let twice = text.replacen(
        &format!("\"id\": \"{}\"", ids[1]),
        &format!("\"id\": \"{}\"", ids[0]),
        1,
    );
    let second = twice
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&format!("\"id\": \"{}\"", ids[0])))
        .nth(1)
        .unwrap()
        .0;
    let err = refused(&twice);
    assert!(
        err.starts_with(&format!(
            "netwerk: FILE:{}:7: duplicate contact id",
            second + 1
        )),
        "{err}"
    );
}
