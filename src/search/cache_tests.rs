//! The search cache never changes an answer: it matches a fresh TOML load,
//! notices any edit (even one that keeps size and mtime), and shrugs off
//! damage by rebuilding.

use super::*;
use crate::generate::{self, Sizes};
use std::fs;
use std::os::unix::fs::PermissionsExt;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

/// A data directory with a generated network of `contacts` people.
fn data(contacts: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let net = generate::network(
        Sizes {
            contacts,
            items: 3,
            history: 0,
        },
        11,
        now(),
    );
    generate::write(dir.path(), &net).unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

/// What a fresh TOML load gives.
fn from_toml(store: &Store) -> ContactLines {
    ContactLines::from_contacts(&store.load_tables().unwrap().contacts)
}

#[test]
fn cached_load_equals_a_toml_load() {
    let (_dir, store) = data(300);
    let (first, source) = load(&store).unwrap();
    assert_eq!(source, Source::Toml);
    let (second, source) = load(&store).unwrap();
    assert_eq!(source, Source::Cache);
    assert_eq!(first, from_toml(&store));
    assert_eq!(second, first);
    assert_eq!(second.len(), 300);
}

#[test]
fn lines_are_in_name_order_with_every_searchable_field() {
    let mut ada = Contact::new("Ada Lovelace", now().date_naive()).unwrap();
    ada.company = Some("Analytical Engines".into());
    ada.interests = vec!["rust".into(), "poetry".into()];
    let jose = Contact::new("José Núñez", now().date_naive()).unwrap();
    let lines = ContactLines::from_contacts(&[jose.clone(), ada.clone()]);
    let ada_line = lines.get(0);
    assert_eq!(ada_line.id(), ada.id.as_str());
    assert_eq!(ada_line.name(), "Ada Lovelace");
    assert_eq!(ada_line.company(), Some("Analytical Engines"));
    assert_eq!(
        ada_line.fields().collect::<Vec<_>>(),
        ["Ada Lovelace", "Analytical Engines", "", "rust", "poetry"]
    );
    assert_eq!(lines.get(1).name(), "José Núñez");
    assert_eq!(lines.get(1).company(), None);
    let dir = tempfile::tempdir().unwrap();
    let built_from = stamp::FileStamp {
        len: 1,
        hash: 2,
        ..Default::default()
    };
    snapshot::write_derived(dir.path(), NAME, &built_from, &lines).unwrap();
    assert_eq!(
        snapshot::read_derived(dir.path(), NAME, &built_from),
        Some(lines)
    );
}

#[test]
fn a_hand_edit_that_keeps_size_and_mtime_is_picked_up() {
    let (_dir, store) = data(50);
    load(&store).unwrap();
    let path = store.path(CONTACTS);
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let (first, _) = load(&store).unwrap();
    let old = first.get(0).name().to_string();
    // Same length, so only the content differs.
    let new: String = old
        .chars()
        .map(|c| if c.is_ascii_lowercase() { 'x' } else { c })
        .collect();
    assert_ne!(old, new);
    let edited = text.replacen(
        &format!("name = \"{old}\""),
        &format!("name = \"{new}\""),
        1,
    );
    assert_eq!(edited.len(), text.len());
    fs::write(&path, edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), before.len());
    assert_eq!(
        fs::metadata(&path).unwrap().modified().unwrap(),
        before.modified().unwrap()
    );
    let (after, source) = load(&store).unwrap();
    assert_eq!(source, Source::Toml, "the stale cache was not used");
    assert!(after.iter().any(|l| l.name() == new));
    assert_eq!(after, from_toml(&store));
}

#[test]
fn damaged_caches_are_ignored_and_rebuilt() {
    let (_dir, store) = data(80);
    let (good, _) = load(&store).unwrap();
    let cache = path(store.dir());
    let bytes = fs::read(&cache).unwrap();
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x20;
    let damage: [Vec<u8>; 5] = [
        flipped,
        bytes[..bytes.len() / 3].to_vec(),
        Vec::new(),
        b"not a cache at all".to_vec(),
        [&bytes[..], b"trailing junk"].concat(),
    ];
    for broken in damage {
        fs::write(&cache, &broken).unwrap();
        let (lines, source) = load(&store).unwrap();
        assert_eq!(source, Source::Toml);
        assert_eq!(lines, good);
        assert_eq!(load(&store).unwrap().1, Source::Cache, "rebuilt");
    }
}

#[test]
fn decoding_refuses_inconsistent_offsets_even_with_a_valid_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let lines = ContactLines::from_contacts(&store_contacts());
    let built_from = |len, hash| stamp::FileStamp {
        len,
        hash,
        ..Default::default()
    };
    snapshot::write_derived(dir.path(), NAME, &built_from(7, 9), &lines).unwrap();
    let read = |len, hash| {
        snapshot::read_derived::<ContactLines>(dir.path(), NAME, &built_from(len, hash))
    };
    assert!(read(7, 9).is_some());
    assert!(read(8, 9).is_none(), "other length");
    assert!(read(7, 10).is_none(), "other hash");
    // Point a string end past the text: refused, because the offsets no
    // longer make sense (the cache's checksum is the store's, over
    // whatever it was given).
    let mut broken = lines.mirror();
    let mut ends = broken.ends.into_owned();
    ends[0] = u32::MAX;
    broken.ends = Cow::Owned(ends);
    assert!(ContactLines::from_mirror(broken).is_none());
}

fn store_contacts() -> Vec<Contact> {
    generate::network(
        Sizes {
            contacts: 20,
            items: 0,
            history: 0,
        },
        3,
        now(),
    )
    .contacts
    .to_vec()
}

#[test]
fn a_broken_contacts_file_is_reported_not_masked_by_the_cache() {
    let (_dir, store) = data(10);
    load(&store).unwrap();
    fs::write(store.path(CONTACTS), "format = 1\n[[contact]]\nid = \n").unwrap();
    let err = load(&store).unwrap_err().to_string();
    assert!(err.contains("contacts.toml:3:"), "{err}");
}

#[test]
fn no_contacts_file_means_no_lines() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (lines, _) = load(&store).unwrap();
    assert!(lines.is_empty());
    assert_eq!(load(&store).unwrap(), (lines, Source::Cache));
}

#[test]
fn the_cache_is_private_and_ignored_by_git() {
    let (_dir, store) = data(5);
    load(&store).unwrap();
    let dir = snapshot::dir(store.dir());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&path(store.dir())), 0o600);
    assert_eq!(fs::read_to_string(dir.join(".gitignore")).unwrap(), "*\n");
}

#[test]
fn searching_only_records_whose_mask_fits_finds_the_same() {
    let (_dir, store) = data(400);
    let (lines, _) = load(&store).unwrap();
    let mut all = crate::search::SearchIndex::new(lines.iter().map(|l| l.fields()));
    for query in [
        "a", "jose", "王", "data eng", "søren", "xq", "ada rust", "café",
    ] {
        let want: Vec<(String, i64)> = all
            .search(query)
            .iter()
            .map(|h| (lines.get(h.record as usize).id().to_string(), h.score))
            .collect();
        let need = crate::search::char_mask(query);
        let fit: Vec<usize> = (0..lines.len())
            .filter(|&i| lines.get(i).mask() & need == need)
            .collect();
        let mut some = crate::search::SearchIndex::new(fit.iter().map(|&i| lines.get(i).fields()));
        let got: Vec<(String, i64)> = some
            .search(query)
            .iter()
            .map(|h| (lines.get(fit[h.record as usize]).id().to_string(), h.score))
            .collect();
        assert_eq!(got, want, "{query}");
    }
}
