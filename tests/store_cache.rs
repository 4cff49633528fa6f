//! The snapshot cache and the fast save path never trade correctness for
//! speed: whatever the cache holds, a load gives exactly what parsing the
//! files gives, and a save never loses anyone's change.

mod support;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use netwerk::domain::{
    Contact, ContactId, ContactState, Entry, EntryFields, EntryId, EntryKind, Item, ItemId,
    ItemKind, Link, LinkKind, Network, Stage,
};
use netwerk::format::tables;
use netwerk::store::digest::HistoryDigest;
use netwerk::store::{self, Loaded, Store, StoreError, history_log, snapshot};
use proptest::prelude::*;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// What parsing the files directly gives, bypassing the cache entirely.
fn parsed(dir: &Path) -> Network {
    let read = |f: &str| fs::read_to_string(dir.join(f)).unwrap_or_default();
    Network {
        contacts: tables::parse_contacts(&dir.join(store::CONTACTS), &read(store::CONTACTS))
            .unwrap()
            .into(),
        items: tables::parse_items(&dir.join(store::QUEUE), &read(store::QUEUE))
            .unwrap()
            .into(),
        history: history_log::parse(&dir.join(store::HISTORY), &read(store::HISTORY))
            .unwrap()
            .into(),
    }
}

/// The files parsed as one TOML document each, the plain way: what the
/// record-by-record parse must always agree with.
fn parsed_whole(dir: &Path) -> (Vec<Contact>, Vec<Item>) {
    #[derive(serde::Deserialize)]
    struct Contacts {
        #[serde(default)]
        contact: Vec<Contact>,
    }
    #[derive(serde::Deserialize)]
    struct Queue {
        #[serde(default)]
        item: Vec<Item>,
    }
    let read = |f: &str| fs::read_to_string(dir.join(f)).unwrap_or_default();
    let contacts: Contacts = toml::from_str(&read(store::CONTACTS)).unwrap();
    let queue: Queue = toml::from_str(&read(store::QUEUE)).unwrap();
    (contacts.contact, queue.item)
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(n as u64)
}

fn contact(name: &str) -> Contact {
    Contact::new(name, day(3)).unwrap()
}

fn entry(n: usize, note: &str) -> Entry {
    Entry::from(EntryFields {
        id: EntryId(format!("h{n:08}")),
        at: FixedOffset::east_opt(3600)
            .unwrap()
            .timestamp_opt(1_700_000_000 + n as i64, 0)
            .unwrap(),
        kind: EntryKind::Touch,
        contact: ContactId::from("cabc"),
        contact_name: "Ada".into(),
        item: None,
        item_title: None,
        url: None,
        note: note.into(),
        template: None,
        via: None,
        ..Default::default()
    })
}

/// A data directory seeded with `net` the way netwerk writes it.
fn seeded(net: &Network) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let (contacts, items) = (net.contacts.clone(), net.items.clone());
    store
        .modify("a test change", |n: &mut Network| {
            n.contacts = contacts;
            n.items = items;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    if !net.history.is_empty() {
        store.append(&net.history).unwrap();
    }
    (tmp, store)
}

/// A note that, rendered, puts a record header line inside a string.
const TRICKY: &str = "first line\n[[contact]]\nid = \"c2\"\nsecond \"quoted\" line";

fn small_network() -> Network {
    let mut ada = contact("Ada Lovelace");
    ada.notes = Some(TRICKY.into());
    ada.interests = vec!["math".into(), "Café".into()];
    Network {
        contacts: vec![ada, contact("Grace Hopper"), contact("José Núñez")].into(),
        items: vec![Item::new("https://example.com/a", Some("A"), day(1)).unwrap()].into(),
        history: (0..5).map(|n| entry(n, "hello")).collect(),
    }
}

fn cache_file(store: &Store, source: &str) -> std::path::PathBuf {
    snapshot::dir(store.dir()).join(format!("{source}.bin"))
}

/// Replaces `path`'s content with `edit(content)` of the same length and
/// puts the old mtime back: invisible to a length-and-mtime check.
fn edit_keeping_size_and_mtime(path: &Path, edit: impl FnOnce(String) -> String) {
    let before = fs::metadata(path).unwrap();
    let text = edit(fs::read_to_string(path).unwrap());
    assert_eq!(text.len() as u64, before.len(), "the edit keeps the size");
    fs::write(path, text).unwrap();
    let f = fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    let after = fs::metadata(path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );
}

#[test]
fn a_warm_load_equals_a_fresh_parse_and_writes_a_private_cache() {
    let (_tmp, store) = seeded(&small_network());
    let cold = store.load_stamped().unwrap();
    let warm = store.load_stamped().unwrap();
    // The note puts a header line inside a multi-line string, which the
    // record-by-record parse must not cut at.
    let text = fs::read_to_string(store.path(store::CONTACTS)).unwrap();
    assert!(text.contains("\n[[contact]]\nid = \"c2\"\n"), "{text}");
    let ada = cold
        .network
        .contacts
        .iter()
        .find(|c| c.name == "Ada Lovelace");
    assert_eq!(ada.and_then(|c| c.notes.as_deref()), Some(TRICKY));
    let whole = parsed_whole(store.dir());
    assert_eq!(
        (&*cold.network.contacts, &*cold.network.items),
        (&whole.0, &whole.1)
    );
    assert_eq!(cold.network, parsed(store.dir()));
    assert_eq!(warm.network, parsed(store.dir()));
    assert_eq!(cold.stamps, warm.stamps);
    let dir = snapshot::dir(store.dir());
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    for f in fs::read_dir(&dir).unwrap() {
        let f = f.unwrap();
        let mode = f.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{:?}", f.file_name());
    }
    for source in [store::CONTACTS, store::QUEUE, store::HISTORY] {
        assert!(cache_file(&store, source).exists(), "{source}");
    }
    assert_eq!(fs::read_to_string(dir.join(".gitignore")).unwrap(), "*\n");
}

#[test]
fn a_launch_leaves_its_snapshots_for_later_and_never_writes_a_stale_one() {
    let (_tmp, store) = seeded(&small_network());
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    let (loaded, ()) = store.load_summarised(|_| ()).unwrap();
    let unsaved = loaded.cache;
    assert!(loaded.rest.is_none(), "a small log is read whole");
    assert_eq!(loaded.loaded.network, parsed(store.dir()));
    assert!(!unsaved.is_empty());
    for source in [store::CONTACTS, store::QUEUE, store::HISTORY] {
        assert!(!cache_file(&store, source).exists(), "{source} waits");
    }
    store.write_cache(unsaved);
    for source in [store::CONTACTS, store::QUEUE, store::HISTORY] {
        assert!(cache_file(&store, source).exists(), "{source} written");
    }
    let (warm, ()) = store.load_summarised(|_| ()).unwrap();
    assert!(warm.cache.is_empty(), "everything came from snapshots");
    assert_eq!(warm.loaded.network, parsed(store.dir()));

    // Contacts edited by hand between the load and the write: their
    // snapshot is not written (it would describe the old file), the
    // others are.
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    let unsaved = store.load_summarised(|_| ()).unwrap().0.cache;
    edit_keeping_size_and_mtime(&store.path(store::CONTACTS), |t| {
        t.replace("Grace Hopper", "Grace Harper")
    });
    store.write_cache(unsaved);
    assert!(!cache_file(&store, store::CONTACTS).exists());
    assert!(cache_file(&store, store::QUEUE).exists());
    let net = store.load().unwrap();
    assert!(net.contacts.iter().any(|c| c.name == "Grace Harper"));
    assert_eq!(net, parsed(store.dir()));
}

#[test]
fn a_save_streams_the_file_and_leaves_an_unchanged_one_alone() {
    let (_tmp, store) = seeded(&small_network());
    let contacts = store.path(store::CONTACTS);
    let queue = store.path(store::QUEUE);
    let mut base = store.load_stamped().unwrap();
    // Only the queue changes: the contacts file is not rewritten (same
    // inode, same mtime) and no temp file is left behind.
    let (ino, mtime) = {
        let m = fs::metadata(&contacts).unwrap();
        (m.ino(), m.modified().unwrap())
    };
    store
        .modify_at(&mut base, "a test change", |n: &mut Network| {
            n.items
                .push(Item::new("https://example.com/b", Some("B"), day(2)).unwrap());
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let m = fs::metadata(&contacts).unwrap();
    assert_eq!((m.ino(), m.modified().unwrap()), (ino, mtime));
    let written = fs::read_to_string(&queue).unwrap();
    assert_eq!(written, tables::render_items(&base.network.items));
    assert!(written.contains("https://example.com/b"));
    let leftovers: Vec<_> = fs::read_dir(store.dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(store.load().unwrap(), parsed(store.dir()));
}

#[test]
fn snapshot_temp_files_left_by_a_killed_write_are_swept() {
    let (_tmp, store) = seeded(&small_network());
    let dir = snapshot::dir(store.dir());
    let old = dir.join(".contacts.toml.abc123.tmp");
    let young = dir.join(".contacts.toml.def456.tmp");
    for f in [&old, &young] {
        fs::write(f, "half a snapshot").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    fs::remove_file(cache_file(&store, store::CONTACTS)).unwrap();
    store.load_stamped().unwrap();
    assert!(!old.exists(), "an hour-old temp file is an orphan");
    assert!(young.exists(), "a young one may be another process's write");
    assert!(cache_file(&store, store::CONTACTS).exists());
}

#[test]
fn a_hand_edit_that_keeps_size_and_mtime_is_picked_up() {
    let (_tmp, store) = seeded(&small_network());
    store.load_stamped().unwrap();
    edit_keeping_size_and_mtime(&store.path(store::CONTACTS), |t| {
        t.replace("Grace Hopper", "Grace Harper")
    });
    edit_keeping_size_and_mtime(&store.path(store::HISTORY), |t| {
        t.replacen("hello", "HELLO", 1)
    });
    let net = store.load().unwrap();
    assert!(net.contacts.iter().any(|c| c.name == "Grace Harper"));
    assert_eq!(net.history[0].note(), "HELLO");
    assert_eq!(net, parsed(store.dir()));
}

/// The history's summaries are kept for exactly the three files they
/// were worked out from: any change to any of them, even one that keeps
/// the size and modification time, and they are not used.
#[test]
fn kept_summaries_are_used_only_for_the_files_they_came_from() {
    let mut net = small_network();
    let at = |n: i64| {
        FixedOffset::east_opt(3600)
            .unwrap()
            .timestamp_opt(1_700_000_000 + n, 0)
            .unwrap()
    };
    net.history = vec![
        Entry::share(&net.contacts[0], &net.items[0], at(1), "for you", None),
        Entry::logged(&net.contacts[1], EntryKind::Touch, at(2), "coffee"),
        Entry::logged(&net.contacts[0], EntryKind::Ask, at(3), "an intro"),
    ]
    .into();
    let (_tmp, store) = seeded(&net);
    let loaded = store.load_stamped().unwrap();
    let fresh = loaded.network.summaries();
    let ada = loaded
        .network
        .contacts
        .iter()
        .position(|c| c.id == net.contacts[0].id)
        .unwrap();
    assert!(fresh.get(ada).is_some_and(|s| s.gives == 1 && s.asks == 1));
    assert_eq!(store.kept_digest(&loaded.stamps, &loaded.network), None);
    store.keep_summaries(&loaded.stamps, &loaded.network.history, &fresh);
    assert_eq!(
        store.kept_digest(&loaded.stamps, &loaded.network),
        Some(HistoryDigest::of(&loaded.network.history, fresh.clone()))
    );
    for (file, from, to) in [
        (store::CONTACTS, "Grace Hopper", "Grace Harper"),
        (
            store::QUEUE,
            "https://example.com/a",
            "https://example.com/b",
        ),
        (store::HISTORY, "coffee", "COFFEE"),
    ] {
        edit_keeping_size_and_mtime(&store.path(file), |t| t.replacen(from, to, 1));
        let edited = store.load_stamped().unwrap();
        assert_eq!(
            store.kept_digest(&edited.stamps, &edited.network),
            None,
            "after an edit of {file}"
        );
    }
    // Appending a line is a change too.
    let now = store.load_stamped().unwrap();
    store.keep_summaries(&now.stamps, &now.network.history, &now.network.summaries());
    assert!(store.kept_digest(&now.stamps, &now.network).is_some());
    store
        .append(&[Entry::logged(
            &net.contacts[2],
            EntryKind::Touch,
            at(4),
            "hi",
        )])
        .unwrap();
    let appended = store.load_stamped().unwrap();
    assert_eq!(store.kept_digest(&appended.stamps, &appended.network), None);
    // A damaged file is not used either.
    store.keep_summaries(
        &appended.stamps,
        &appended.network.history,
        &appended.network.summaries(),
    );
    let file = cache_file(&store, "digest");
    let mut bytes = fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    fs::write(&file, bytes).unwrap();
    assert_eq!(store.kept_digest(&appended.stamps, &appended.network), None);
}

/// Launches from `store`, which must draw its first frame from the
/// history's digest (`why` says why it should), and requires that digest
/// to be exactly the one of the log read whole. Returns the log read
/// whole, the launch, and the rest of the history left for later.
fn digested_launch(store: &Store, why: &str) -> (Network, Loaded, store::RestOfHistory) {
    let full = parsed(store.dir());
    let expected = HistoryDigest::of(&full.history, full.summaries());
    let (launched, ()) = store.load_summarised(|_| ()).unwrap();
    let store::Summarised {
        loaded,
        summaries,
        gestures: Some(gestures),
        rest: Some(rest),
        ..
    } = launched
    else {
        panic!("{why}");
    };
    assert_eq!(summaries, expected.summaries, "{why}");
    assert_eq!(gestures, expected.gestures, "{why}");
    assert_eq!(loaded.network.history, expected.newest, "{why}");
    (full, loaded, rest)
}

/// A first launch over a large log with no snapshot passes over it
/// lightly for its digest, and reads the entries themselves only when
/// asked: the digest is exactly the full read's, and so are the entries.
/// A log the light pass does not read in netwerk's plain shape is read
/// whole instead, and a broken one fails as a full read fails.
#[test]
fn a_first_launch_digests_a_large_log_exactly_as_a_full_read_would() {
    let now = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    let sizes = netwerk::generate::Sizes {
        contacts: 300,
        items: 40,
        history: 9_000,
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let net = netwerk::generate::network(sizes, 11, now);
    netwerk::generate::write(&dir, &net).unwrap();
    let store = Store::open(&dir).unwrap();
    // What the summaries must not count, what ties at the top of the
    // History pane, and a line logged late for an early day.
    let gone = contact("Gone Person");
    let unqueued = Item::new("https://example.com/unqueued", Some("Gone"), day(1)).unwrap();
    let ada = &net.contacts[0];
    let later = now + chrono::Duration::days(1);
    let mut extra = vec![
        Entry::logged(&gone, EntryKind::Touch, later, "not here any more"),
        Entry::share(
            ada,
            &unqueued,
            later,
            "a \"quoted\" note\twith\u{e9}scapes",
            None,
        ),
        Entry::share(
            ada,
            &net.items[3],
            now - chrono::Duration::days(900),
            "late",
            None,
        ),
    ];
    // Introductions (a made one counts for both people), a moment and
    // an answered ask: lines the light pass reads too.
    let (a, b) = (
        netwerk::domain::Person::from(&net.contacts[1]),
        netwerk::domain::Person::from(&net.contacts[2]),
    );
    let asked = Entry::intro(a, b, Stage::Asked, None, later, "would you like to meet?");
    let ask = Entry::logged(&net.contacts[4], EntryKind::Ask, later, "a referral");
    extra.extend([
        asked.clone(),
        Entry::intro(a, b, Stage::Made, Some(asked.id()), later, ""),
        Entry::intro(
            a,
            netwerk::domain::Person::from(&gone),
            Stage::Made,
            Some(asked.id()),
            later,
            "",
        ),
        Entry::moment(
            netwerk::domain::Person::from(&net.contacts[3]),
            (Some("Analytical Engines"), Some("Mathematician")),
            (Some("Babbage Labs"), Some("CTO")),
            later,
        ),
        ask.clone(),
        Entry::moved_on(&ask, Stage::Answered, later, "got it"),
    ]);
    extra.extend((0..600).map(|n| {
        let kind = [EntryKind::Touch, EntryKind::Ask, EntryKind::Share][n % 3];
        match kind {
            EntryKind::Share => {
                Entry::share(&net.contacts[n % 7], &net.items[n % 5], later, "tie", None)
            }
            _ => Entry::logged(&net.contacts[n % 11], kind, later, &format!("tie {n}")),
        }
    }));
    store.append(&extra).unwrap();
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    // Large enough to be passed over in two halves, on two threads.
    assert!(fs::metadata(store.path(store::HISTORY)).unwrap().len() > 2 << 20);

    let (full, loaded, rest) = digested_launch(
        &store,
        "a large log without a snapshot is digested in a light pass",
    );
    assert_eq!(loaded.network.contacts, full.contacts);
    assert!(!cache_file(&store, store::HISTORY).exists(), "not yet");
    let (entries, stamp, unsaved) = rest.read().unwrap();
    assert_eq!(*entries, *full.history);
    assert_eq!(Some(stamp), loaded.stamps.get(netwerk::store::HISTORY));
    assert!(
        !cache_file(&store, store::HISTORY).exists(),
        "left for later"
    );
    store.write_cache(unsaved);
    assert!(cache_file(&store, store::HISTORY).exists());
    assert_eq!(store.load_history().unwrap(), *full.history);

    // Valid JSON, but not as netwerk writes it: read whole.
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    let path = store.path(store::HISTORY);
    let mut text = fs::read_to_string(&path).unwrap();
    let spaced = history_log::line(&extra[1]).replacen("\":\"", "\": \"", 1);
    text.push_str(&spaced);
    fs::write(&path, &text).unwrap();
    let (launched, ()) = store.load_summarised(|_| ()).unwrap();
    assert!(launched.rest.is_none(), "read whole");
    let loaded = launched.loaded;
    assert_eq!(loaded.network.history, *parsed(store.dir()).history);
    assert_eq!(loaded.network.history.len(), full.history.len() + 1);

    // Broken: the same error, with its line, as any other load.
    text.push_str("{\"id\":\"h\",\n");
    fs::write(&path, &text).unwrap();
    let lines = text.lines().count();
    let launch = store
        .load_summarised(|_| ())
        .err()
        .expect("a broken log fails");
    assert_eq!(launch.to_string(), store.load().unwrap_err().to_string());
    assert!(
        launch.to_string().contains(&format!(":{lines}:")),
        "{launch}"
    );
}

/// Entries appended after the digest was kept (as `netwerk log` appends
/// them) are counted into it at launch: the launch still draws from the
/// digest, and what it draws is exactly the digest of the whole log. A
/// change to the contacts since means reading the history whole.
#[test]
fn a_launch_catches_the_kept_digest_up_with_entries_appended_since() {
    let now = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    let sizes = netwerk::generate::Sizes {
        contacts: 200,
        items: 30,
        history: 3_000,
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let net = netwerk::generate::network(sizes, 5, now);
    netwerk::generate::write(&dir, &net).unwrap();
    let store = Store::open(&dir).unwrap();
    let kept = store.load_stamped().unwrap();
    store.keep_summaries(
        &kept.stamps,
        &kept.network.history,
        &kept.network.summaries(),
    );
    let launched = store.load_summarised(|_| ()).unwrap().0;
    assert!(launched.rest.is_some(), "drawn from the digest");

    // What the summaries must get right when counted on top: an item
    // sent again (later, and logged late for an earlier day), a first
    // gesture for someone, a contact or item no longer there, and ties
    // with the newest entries already kept.
    let c = &kept.network.contacts;
    let items = &kept.network.items;
    let newest = kept.network.history.iter().map(|e| e.at).max().unwrap();
    let summaries = kept.network.summaries();
    let fresh = (0..c.len()).find(|&i| summaries.get(i).is_none()).unwrap();
    let gone = contact("Gone Person");
    let unqueued = Item::new("https://example.com/unqueued", Some("Gone"), day(1)).unwrap();
    let again = kept
        .network
        .history
        .iter()
        .find(|e| e.kind == EntryKind::Share && e.item().is_some())
        .unwrap();
    let (to, item) = (
        c.iter()
            .position(|x| x.id.as_str() == again.contact())
            .unwrap(),
        items
            .iter()
            .position(|x| Some(x.id.as_str()) == again.item())
            .unwrap(),
    );
    let later = [
        Entry::share(&c[to], &items[item], newest, "again", None),
        Entry::share(
            &c[to],
            &items[item],
            newest - chrono::Duration::days(2_000),
            "late",
            None,
        ),
        Entry::logged(&c[fresh], EntryKind::Touch, newest, "first coffee"),
        Entry::logged(&c[fresh], EntryKind::Ask, newest, "an intro"),
        Entry::logged(&gone, EntryKind::Touch, newest, "not here"),
        Entry::share(&c[3], &unqueued, newest, "unqueued", None),
        Entry::logged(&c[4], EntryKind::Touch, newest, "tie"),
    ];
    for entry in &later {
        // One at a time, as separate commands would.
        store.append(std::slice::from_ref(entry)).unwrap();
    }
    let (full, loaded, rest) = digested_launch(
        &store,
        "the kept digest is caught up, not the log read whole",
    );
    assert_eq!(full.history.len(), kept.network.history.len() + later.len());
    assert!(
        loaded.network.history.iter().any(|e| e.note() == "tie"),
        "the appended entries are among the newest"
    );
    let (entries, stamp, _) = rest.read().unwrap();
    assert_eq!(*entries, *full.history);
    assert_eq!(Some(stamp), loaded.stamps.get(netwerk::store::HISTORY));

    // The digest kept again for the log as it is now (as the launch's
    // worker keeps it), while the snapshot still covers less of it; then
    // one more line logged.
    store.keep_summaries(&loaded.stamps, &entries, &full.summaries());
    let more = Entry::logged(&c[5], EntryKind::Ask, newest, "one more");
    store.append(std::slice::from_ref(&more)).unwrap();
    digested_launch(&store, "a digest kept past the snapshot is caught up too");

    // A line the digest counted, edited by hand since (same length): the
    // log is no longer what the digest was kept for, so it is read whole.
    edit_keeping_size_and_mtime(&store.path(store::HISTORY), |t| {
        t.replacen("\"again\"", "\"AGAIN\"", 1)
    });
    let (launched, ()) = store.load_summarised(|_| ()).unwrap();
    assert!(launched.rest.is_none(), "read whole");
    let loaded = launched.loaded;
    let full = parsed(store.dir());
    assert_eq!(loaded.network.history, *full.history);
    assert!(full.history.iter().any(|e| e.note() == "AGAIN"));

    // A contact changed since the digest was kept: read whole.
    edit_keeping_size_and_mtime(&store.path(store::CONTACTS), |t| {
        t.replacen(&c[0].name, &c[0].name.to_uppercase(), 1)
    });
    let (launched, ()) = store.load_summarised(|_| ()).unwrap();
    assert!(launched.rest.is_none(), "read whole");
    let loaded = launched.loaded;
    assert_eq!(loaded.network.history, *full.history);
}

#[test]
fn a_fast_save_starts_from_a_hand_edit_it_did_not_see() {
    let (_tmp, store) = seeded(&small_network());
    let mut base = store.load_stamped().unwrap();
    edit_keeping_size_and_mtime(&store.path(store::CONTACTS), |t| {
        t.replace("Grace Hopper", "Grace Harper")
    });
    store
        .modify_at(&mut base, "a test change", |n: &mut Network| {
            n.contacts.push(contact("Alan Turing"));
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let disk = parsed(store.dir());
    let names: Vec<&str> = disk.contacts.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"Grace Harper") && names.contains(&"Alan Turing"));
    assert_eq!(base.network.contacts, disk.contacts);
    assert_eq!(base.network.items, disk.items);
}

#[test]
fn appended_history_is_read_from_the_tail_and_a_torn_line_is_ignored() {
    let (_tmp, store) = seeded(&small_network());
    store.load_stamped().unwrap();
    let snapshot_before = fs::read(cache_file(&store, store::HISTORY)).unwrap();
    store.append(&[entry(100, "later")]).unwrap();
    let net = store.load().unwrap();
    assert_eq!(net.history.last().unwrap().note(), "later");
    assert_eq!(net, parsed(store.dir()));
    // A small tail does not rewrite the snapshot.
    assert_eq!(
        fs::read(cache_file(&store, store::HISTORY)).unwrap(),
        snapshot_before
    );
    // A write cut off mid-line was never acknowledged: it is not history.
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(store.path(store::HISTORY))
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"id\":\"h9").unwrap();
    assert_eq!(store.load().unwrap(), parsed(store.dir()));
    // Once ended, that fragment is a bad line in the tail, reported with
    // its line number in the file, as a full parse would.
    std::io::Write::write_all(&mut f, b"\n").unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("history.jsonl:8:"), "{err}");
}

#[test]
fn a_line_cut_off_inside_a_character_is_not_history_either() {
    let (_tmp, store) = seeded(&small_network());
    let want = store.load().unwrap();
    let cut = |store: &Store| {
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(store.path(store::HISTORY))
            .unwrap();
        // "{"note":"é" cut after the first byte of "é".
        std::io::Write::write_all(&mut f, b"{\"note\":\"\xc3").unwrap();
    };
    cut(&store);
    assert_eq!(store.load().unwrap(), want, "through the snapshot");
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    assert_eq!(store.load().unwrap(), want, "without a snapshot");
}

#[test]
fn a_long_tail_brings_the_history_snapshot_up_to_date() {
    let (_tmp, store) = seeded(&small_network());
    store.load_stamped().unwrap();
    let before = fs::read(cache_file(&store, store::HISTORY)).unwrap();
    let note = "x".repeat(1000);
    let more: Vec<Entry> = (10..400).map(|n| entry(n, &note)).collect();
    store.append(&more).unwrap();
    assert_eq!(store.load().unwrap(), parsed(store.dir()));
    assert_ne!(
        fs::read(cache_file(&store, store::HISTORY)).unwrap(),
        before
    );
    assert_eq!(store.load().unwrap(), parsed(store.dir()));
}

#[test]
fn corrupt_or_foreign_cache_files_are_ignored_and_rebuilt() {
    let (_tmp, store) = seeded(&small_network());
    let want = parsed(store.dir());
    type Damage = fn(&Path);
    let damages: [(&str, Damage); 6] = [
        ("emptied", |p| fs::write(p, b"").unwrap()),
        ("truncated", |p| {
            let b = fs::read(p).unwrap();
            fs::write(p, &b[..b.len() / 2]).unwrap();
        }),
        ("a flipped byte", |p| {
            let mut b = fs::read(p).unwrap();
            let i = b.len() - 3;
            b[i] ^= 0x55;
            fs::write(p, b).unwrap();
        }),
        ("garbage", |p| {
            fs::write(p, b"nwsnap\r\n not a snapshot at all").unwrap()
        }),
        ("a directory", |p| {
            fs::remove_file(p).unwrap();
            fs::create_dir(p).unwrap();
        }),
        ("removed", |p| fs::remove_file(p).unwrap()),
    ];
    for (what, damage) in damages {
        store.load_stamped().unwrap();
        for source in [store::CONTACTS, store::QUEUE, store::HISTORY] {
            let p = cache_file(&store, source);
            if p.is_file() {
                damage(&p);
            }
        }
        assert_eq!(store.load().unwrap(), want, "cache {what}");
        for source in [store::CONTACTS, store::QUEUE, store::HISTORY] {
            let _ = fs::remove_dir(cache_file(&store, source));
        }
    }
    // A sound snapshot of other content (copied from another directory)
    // does not match this file's hash.
    let (_other_tmp, other) = seeded(&Network {
        contacts: vec![contact("Someone Else")].into(),
        ..Network::default()
    });
    other.load().unwrap();
    fs::copy(
        cache_file(&other, store::CONTACTS),
        cache_file(&store, store::CONTACTS),
    )
    .unwrap();
    assert_eq!(store.load().unwrap(), want);
}

#[test]
fn a_failed_change_writes_nothing_and_leaves_the_base_as_on_disk() {
    let (_tmp, store) = seeded(&small_network());
    let mut base = store.load_stamped().unwrap();
    let before = fs::read(store.path(store::CONTACTS)).unwrap();
    let err = store.modify_at(&mut base, "a test change", |n: &mut Network| {
        n.contacts.clear();
        Err::<(), _>(StoreError::Invalid {
            path: "x".into(),
            line: 1,
            message: "refused".into(),
        })
    });
    assert!(err.is_err());
    assert_eq!(fs::read(store.path(store::CONTACTS)).unwrap(), before);
    assert_eq!(base.network.contacts, parsed(store.dir()).contacts);
}

#[test]
fn writers_interleaving_fast_and_slow_saves_lose_nothing() {
    let (_tmp, store) = seeded(&small_network());
    let writer = |tag: &'static str, fast: bool| {
        let store = store.clone();
        std::thread::spawn(move || {
            let mut base: Loaded = store.load_stamped().unwrap().tables_only();
            for i in 0..25 {
                let url = format!("https://example.com/{tag}/{i}");
                let add = |n: &mut Network| {
                    n.items.push(Item::new(&url, None, day(2)).unwrap());
                    Ok::<_, StoreError>(())
                };
                if fast {
                    store.modify_at(&mut base, "a test change", add).unwrap();
                } else {
                    store.modify("a test change", add).unwrap();
                }
            }
            base
        })
    };
    let threads = [
        writer("one", true),
        writer("two", true),
        writer("three", false),
    ];
    let bases: Vec<Loaded> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let disk = parsed(store.dir());
    assert_eq!(disk.items.len(), 1 + 75);
    for tag in ["one", "two", "three"] {
        for i in 0..25 {
            let url = format!("https://example.com/{tag}/{i}");
            assert!(disk.items.iter().any(|it| it.url == url), "{url} lost");
        }
    }
    assert_eq!(store.load().unwrap(), disk);
    // Each fast writer's base is at least as new as its last save.
    assert!(bases[0].network.items.len() >= 26);
}

#[test]
fn cache_directory_and_files_are_private_whatever_the_umask() {
    let (_tmp, store) = seeded(&small_network());
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    let home = tempfile::tempdir().unwrap();
    let status = support::env::command("sh", home.path())
        .arg("-c")
        .arg("umask 000; exec \"$0\" --data \"$1\" contact list >/dev/null")
        .arg(support::netwerk_bin())
        .arg(store.dir())
        .status()
        .unwrap();
    assert!(status.success());
    let dir = snapshot::dir(store.dir());
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let mut seen = 0;
    for f in fs::read_dir(&dir).unwrap() {
        let f = f.unwrap();
        assert_eq!(
            f.metadata().unwrap().permissions().mode() & 0o777,
            0o600,
            "{:?}",
            f.file_name()
        );
        seen += 1;
    }
    assert!(seen >= 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A snapshot with a valid checksum around damaged bytes (something
    /// only a bug could write) still never makes a load panic or fail.
    #[test]
    fn decoding_damaged_snapshots_never_panics(at in any::<prop::sample::Index>(), byte: u8) {
        let (_tmp, store) = seeded(&small_network());
        let loaded = store.load_stamped().unwrap();
        store.keep_summaries(&loaded.stamps, &loaded.network.history, &loaded.network.summaries());
        for source in [store::CONTACTS, store::HISTORY, "digest"] {
            let p = cache_file(&store, source);
            let mut b = fs::read(&p).unwrap();
            // Everything but the magic and the trailing checksum.
            let body = snapshot::MAGIC.len()..b.len() - 16;
            let i = body.start + at.index(body.len());
            b[i] = byte;
            let sum = xxhash_rust::xxh3::xxh3_128(&b[..body.end]);
            b[body.end..].copy_from_slice(&sum.to_le_bytes());
            fs::write(&p, b).unwrap();
        }
        prop_assert!(store.load().is_ok());
        // Summaries read back from damage are either refused or fit.
        let loaded = store.load_stamped().unwrap();
        if let Some(digest) = store.kept_digest(&loaded.stamps, &loaded.network) {
            let s = digest.summaries;
            for c in 0..loaded.network.contacts.len() {
                for i in 0..loaded.network.items.len() {
                    let _ = s.received_at(c, i);
                }
            }
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 éüß김日\"'\\\\\n\t#=\\[\\]-]{0,12}",
        Just(TRICKY.to_string()),
        Just("x\n[[item]]\n".to_string()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-zéü김][a-zéü김 ]{0,10}"
}

prop_compose! {
    fn any_contact()(
        name in name(),
        given in proptest::option::of(name()),
        degree in 1u8..=3,
        company in proptest::option::of(text()),
        notes in proptest::option::of(text()),
        interests in proptest::collection::vec(name(), 0..4),
        cadence in proptest::option::of(1u32..=3650),
        added in 0i64..5000,
        connected in proptest::option::of(0i64..5000),
        state in 0usize..3,
        links in proptest::collection::vec((0usize..6, "[a-z]{1,8}"), 0..3),
    ) -> Contact {
        let mut c = contact(&name);
        c.given_name = given.filter(|s| !s.trim().is_empty());
        c.degree = degree;
        c.company = company.filter(|s| !s.trim().is_empty());
        c.notes = notes.filter(|s| !s.trim().is_empty());
        c.interests = interests;
        c.cadence_days = cadence;
        c.added = day(added);
        c.connected = connected.map(day);
        c.state = [ContactState::Active, ContactState::Untriaged, ContactState::Dormant][state];
        c.links = links
            .into_iter()
            .map(|(k, path)| Link::new(LinkKind::ALL[k], &format!("https://x.org/{path}")).unwrap())
            .collect();
        c
    }
}

prop_compose! {
    fn any_entry()(
        secs in 0i64..2_000_000_000,
        nanos in 0u32..1_000_000_000,
        offset in -50_000i32..50_000,
        kind in 0usize..5,
        note in text(),
        item in proptest::option::of("[a-z0-9]{1,8}"),
        template in proptest::option::of(text()),
        stage in proptest::option::of(0usize..6),
        other in proptest::option::of("[a-z0-9]{1,8}"),
        company in proptest::option::of(text()),
    ) -> Entry {
        let offset = FixedOffset::east_opt(offset / 60 * 60).unwrap();
        let at: DateTime<FixedOffset> = DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&offset);
        Entry::from(EntryFields {
            id: EntryId::new(),
            at,
            kind: [
                EntryKind::Share,
                EntryKind::Touch,
                EntryKind::Ask,
                EntryKind::Intro,
                EntryKind::Moment,
            ][kind],
            contact: ContactId::new(),
            contact_name: "Ada".into(),
            item: item.clone().map(|i| ItemId(format!("i{i}"))),
            item_title: item.map(|i| format!("Title {i}")),
            url: None,
            note,
            template,
            via: None,
            stage: stage.map(|s| Stage::ALL[s]),
            refers: other.clone().map(|o| EntryId(format!("h{o}"))),
            other: other.clone().map(|o| ContactId(format!("c{o}"))),
            other_name: other.map(|o| format!("Other {o}")),
            company_was: company.clone(),
            company,
            ..Default::default()
        })
    }
}

fn any_network() -> impl Strategy<Value = Network> {
    (
        proptest::collection::vec(any_contact(), 0..12),
        proptest::collection::vec((text(), 0usize..6, any::<bool>()), 0..6),
        proptest::collection::vec(any_entry(), 0..12),
    )
        .prop_map(|(contacts, items, history)| Network {
            contacts: contacts.into(),
            items: items
                .into_iter()
                .enumerate()
                .map(|(i, (title, kind, archived))| {
                    let mut it =
                        Item::new(&format!("https://example.com/{i}"), Some(&title), day(9))
                            .unwrap();
                    it.kind = ItemKind::ALL[kind];
                    it.archived = archived;
                    it
                })
                .collect(),
            history: history.into(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Cold, warm, after appends and after edits through both save paths:
    /// the cache never changes what a load returns.
    #[test]
    fn a_cached_load_always_equals_a_toml_load(
        net in any_network(),
        more in proptest::collection::vec(any_entry(), 0..5),
        extra in any_contact(),
    ) {
        let (_tmp, store) = seeded(&net);
        let whole = parsed_whole(store.dir());
        prop_assert_eq!(&parsed(store.dir()).contacts, &whole.0);
        prop_assert_eq!(&parsed(store.dir()).items, &whole.1);
        prop_assert_eq!(store.load().unwrap(), parsed(store.dir()));
        let mut base = store.load_stamped().unwrap();
        prop_assert_eq!(&base.network, &parsed(store.dir()));
        store.append(&more).unwrap();
        prop_assert_eq!(store.load().unwrap(), parsed(store.dir()));
        store.modify_at(&mut base, "a test change", |n: &mut Network| {
            n.contacts.push(extra.clone());
            if let Some(c) = n.contacts.first_mut() {
                c.notes = Some("edited".into());
            }
            n.items.pop();
            Ok::<_, StoreError>(())
        }).unwrap();
        let disk = parsed(store.dir());
        prop_assert_eq!(&base.network.contacts, &disk.contacts);
        prop_assert_eq!(&base.network.items, &disk.items);
        prop_assert_eq!(store.load().unwrap(), disk);
    }
}

// The sizes from which the store reads differently; mirrored here (they
// are private) so the generator below can cross each of them.
/// A log this large is passed over lightly for its digest at launch.
const LIGHT_FROM: u64 = 1 << 20;
/// A log this large is read in two halves, on two threads.
const SPLIT_FROM: u64 = 2 << 20;
/// A tail this long past the history snapshot has the snapshot rewritten.
const HISTORY_TAIL_LIMIT: u64 = 256 * 1024;
/// This many contacts are parsed in parallel chunks.
const PARALLEL_FROM: usize = 2_000;

/// The sizes a generated network crosses: of its log, whether it has
/// more contacts than are parsed in one piece, and whether the lines
/// appended after a launch are enough to rewrite the history snapshot.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    log: u64,
    contacts: usize,
    tail: u64,
}

/// Past every size at which the store changes how it reads, between them:
/// the light pass for a digest (a log ≥ 1 MiB), the log read in halves
/// (≥ 2 MiB), contacts parsed in parallel, a tail long enough to rewrite
/// the snapshot.
const PAST_THRESHOLDS: [Sizes; 2] = [
    Sizes {
        log: LIGHT_FROM + (64 << 10),
        contacts: PARALLEL_FROM + 50,
        tail: HISTORY_TAIL_LIMIT + (16 << 10),
    },
    Sizes {
        log: SPLIT_FROM + (64 << 10),
        contacts: 40,
        tail: 1,
    },
];

/// Entries about `net`'s contacts and items — touches, asks and shares,
/// with `notes` cycled and padded, some logged late for an earlier day —
/// until their lines take at least `bytes`.
fn entries_of(net: &Network, notes: &[(String, usize)], first: usize, bytes: u64) -> Vec<Entry> {
    let start = DateTime::parse_from_rfc3339("2025-01-01T09:00:00+01:00").unwrap();
    let (mut out, mut len, mut n) = (Vec::new(), 0u64, first);
    while len < bytes {
        let (note, pad) = &notes[n % notes.len()];
        let note = format!("{note} {}", "é".repeat(*pad));
        let contact = &net.contacts[(n * 7) % net.contacts.len()];
        // Every ninth entry is logged late, for a day long before.
        let minutes = if n % 9 == 4 { n / 3 } else { n * 5 };
        let at = start + chrono::Duration::minutes(minutes as i64);
        let entry = match (n % 3, net.items.is_empty()) {
            (0, false) => Entry::share(contact, &net.items[n % net.items.len()], at, &note, None),
            (1, _) => Entry::logged(contact, EntryKind::Ask, at, &note),
            _ => Entry::logged(contact, EntryKind::Touch, at, &note),
        };
        len += history_log::line(&entry).len() as u64;
        out.push(entry);
        n += 1;
    }
    out
}

/// Where `got` first differs from `want`, briefly: these networks are
/// megabytes, too large to print whole.
fn first_difference<T: PartialEq + std::fmt::Debug>(got: &[T], want: &[T]) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!("{} records, not {}", got.len(), want.len()));
    }
    let at = got.iter().zip(want).position(|(g, w)| g != w)?;
    Some(format!("record {at}: {:?}\nnot {:?}", got[at], want[at]))
}

/// [`first_difference`] of a whole network: contacts, items, history.
fn network_difference(got: &Network, want: &Network) -> Option<String> {
    first_difference(&got.contacts, &want.contacts)
        .map(|d| format!("contacts: {d}"))
        .or_else(|| first_difference(&got.items, &want.items).map(|d| format!("items: {d}")))
        .or_else(|| first_difference(&got.history, &want.history).map(|d| format!("history: {d}")))
}

/// A launch of `store` gives exactly `full` (the files parsed), whichever
/// way it went; returns whether it drew from a digest. What it read is
/// kept as the launch's worker keeps it.
fn launch_is_exact(store: &Store, full: &Network, why: &str) -> bool {
    let (launched, ()) = store.load_summarised(|_| ()).unwrap();
    let store::Summarised {
        loaded,
        summaries,
        gestures,
        rest,
        cache: unsaved,
    } = launched;
    let differs = |got: &[Entry], want: &[Entry]| {
        if let Some(d) = first_difference(got, want) {
            panic!("{why}: {d}");
        }
    };
    if let Some(d) = first_difference(&loaded.network.contacts, &full.contacts) {
        panic!("{why}: contacts: {d}");
    }
    let digested = match (gestures, rest) {
        (None, None) => {
            differs(&loaded.network.history, &full.history);
            false
        }
        (Some(gestures), Some(rest)) => {
            let expected = HistoryDigest::of(&full.history, full.summaries());
            assert_eq!(summaries, expected.summaries, "{why}");
            assert_eq!(gestures, expected.gestures, "{why}");
            differs(&loaded.network.history, &expected.newest);
            let (entries, stamp, more) = rest.read().unwrap();
            differs(&entries, &full.history);
            assert_eq!(
                Some(stamp),
                loaded.stamps.get(netwerk::store::HISTORY),
                "{why}"
            );
            store.write_cache(more);
            true
        }
        _ => panic!("{why}: figures for a partial history and its rest come together"),
    };
    store.write_cache(unsaved);
    digested
}

/// One network of `sizes` made of `people` and `notes`: cold, launched,
/// warm and after appends, a load is exactly the files parsed.
fn loads_exactly_as_parsed(
    sizes: Sizes,
    people: &[Contact],
    notes: &[(String, usize)],
) -> Result<(), TestCaseError> {
    let contacts: Vec<Contact> = (0..sizes.contacts)
        .map(|i| {
            let mut c = people[i % people.len()].clone();
            c.id = ContactId::new();
            c.name = format!("{} {i}", c.name);
            c
        })
        .collect();
    let mut net = Network {
        contacts: contacts.into(),
        items: (0..9)
            .map(|i| Item::new(&format!("https://example.com/{i}"), Some("T"), day(9)).unwrap())
            .collect(),
        history: Vec::new().into(),
    };
    net.history = entries_of(&net, notes, 0, sizes.log).into();
    let (_tmp, store) = seeded(&net);
    let len = fs::metadata(store.path(store::HISTORY)).unwrap().len();
    prop_assert!(len >= sizes.log, "{sizes:?}: {len} bytes");
    let full = parsed(store.dir());
    prop_assert_eq!(full.history.len(), net.history.len());

    // Cold, with no cache at all; then a first launch, which passes over
    // a large log lightly for its digest.
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    let same = |what: &str, got: &Network, full: &Network| match network_difference(got, full) {
        None => Ok(()),
        Some(d) => Err(TestCaseError::fail(format!("{what}: {d}"))),
    };
    same("cold load", &store.load().unwrap(), &full)?;
    fs::remove_dir_all(snapshot::dir(store.dir())).unwrap();
    prop_assert!(
        launch_is_exact(&store, &full, "first launch"),
        "{sizes:?}: not digested"
    );
    same("warm load", &store.load().unwrap(), &full)?;

    // Appended since, as `netwerk log` appends: a line, or a tail long
    // enough to have the history snapshot rewritten.
    let more = entries_of(&net, notes, net.history.len(), sizes.tail);
    store.append(&more).unwrap();
    let full = parsed(store.dir());
    prop_assert_eq!(full.history.len(), net.history.len() + more.len());
    launch_is_exact(&store, &full, "launch after appends");
    same("load after appends", &store.load().unwrap(), &full)?;
    if let Some(d) = first_difference(&store.load_history().unwrap(), &full.history) {
        return Err(TestCaseError::fail(format!("history after appends: {d}")));
    }
    Ok(())
}

/// [`loads_exactly_as_parsed`] for each of [`PAST_THRESHOLDS`], on a
/// generated network: one case each, as each writes megabytes.
#[test]
fn large_logs_and_networks_load_exactly_as_parsed() {
    let content = (
        proptest::collection::vec(any_contact(), 1..5),
        proptest::collection::vec((text(), 0usize..600), 1..5),
    );
    for sizes in PAST_THRESHOLDS {
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(1));
        runner
            .run(&content, |(people, notes)| {
                loads_exactly_as_parsed(sizes, &people, &notes)
            })
            .unwrap_or_else(|e| panic!("{sizes:?}: {e}"));
    }
}
