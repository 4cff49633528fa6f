//! A vdir for CardDAV (vdirsyncer, pimsync): given a network, `export
//! vdir DIR` writes one vCard 4.0 file per contact named by its id; an
//! unchanged network exported again touches no file; a card edited
//! elsewhere and read back with `import vdir` changes exactly that
//! contact, and what netwerk does not hold (a phone number) stays on the
//! card.

mod support;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use support::Home;

/// Ada (with everything netwerk holds), Bob and Cy.
fn network() -> Home {
    let home = Home::new();
    home.ok(&[
        "contact",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
        "--role",
        "Mathematician",
        "--email",
        "ada@example.com",
        "--interest",
        "rust",
        "--interest",
        "poetry",
        "--link",
        "linkedin=https://www.linkedin.com/in/ada",
        "--note",
        "Loves Byron; met twice",
        "--met",
        "RustConf 2025",
        "--cadence",
        "30",
    ]);
    home.ok(&["contact", "add", "Bob Babbage", "--degree", "2"]);
    home.ok(&["contact", "add", "Cy Young", "--company", "Red Sox"]);
    home
}

fn vdir(home: &Home) -> PathBuf {
    home.data.parent().unwrap().join("contacts-vdir")
}

fn id_of(home: &Home, name: &str) -> String {
    contacts(home)[name]["id"].as_str().unwrap().to_owned()
}

/// Every contact as `contact list --json` gives it, by name.
fn contacts(home: &Home) -> BTreeMap<String, Value> {
    home.json(&["contact", "list", "--json"])
        .into_iter()
        .map(|c| (c["name"].as_str().unwrap().to_owned(), c))
        .collect()
}

/// Each card file with its bytes and modification time.
fn cards(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let modified = e.metadata().unwrap().modified().unwrap();
            (name, (std::fs::read(e.path()).unwrap(), modified))
        })
        .collect()
}

/// Sets every file's modification time to one long ago, so a rewrite
/// shows however fast it comes.
fn age(dir: &Path) -> SystemTime {
    let then = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let file = std::fs::File::options().write(true).open(e.path()).unwrap();
        file.set_modified(then).unwrap();
    }
    then
}

#[test]
fn export_writes_a_card_per_contact_and_an_unchanged_export_touches_nothing() {
    let home = network();
    let dir = vdir(&home);
    let out = home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    assert!(
        out.contains(": 3 new, 0 updated, 0 unchanged, 0 removed."),
        "{out}"
    );
    let ada = id_of(&home, "Ada Lovelace");
    let files = cards(&dir);
    let mut names: Vec<String> = files.keys().cloned().collect();
    names.sort();
    let mut want: Vec<String> = ["Ada Lovelace", "Bob Babbage", "Cy Young"]
        .iter()
        .map(|n| format!("{}.vcf", id_of(&home, n)))
        .collect();
    want.sort();
    assert_eq!(names, want);
    let card = String::from_utf8(files[&format!("{ada}.vcf")].0.clone()).unwrap();
    assert_eq!(
        card,
        format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{ada}\r\nFN:Ada Lovelace\r\n\
             ORG:Analytical Engines\r\nTITLE:Mathematician\r\nEMAIL:ada@example.com\r\n\
             X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada\r\n\
             CATEGORIES:rust,poetry\r\nNOTE:Loves Byron\\; met twice\r\n\
             X-NETWERK-DEGREE:1\r\nX-NETWERK-CADENCE:30\r\nX-NETWERK-MET:RustConf 2025\r\n\
             X-NETWERK-STATE:active\r\nX-NETWERK-ADDED:2026-11-26\r\nEND:VCARD\r\n"
        )
    );

    let then = age(&dir);
    let before = cards(&dir);
    let out = home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    assert!(
        out.contains(": 0 new, 0 updated, 3 unchanged, 0 removed."),
        "{out}"
    );
    let after = cards(&dir);
    assert_eq!(after, before, "bytes and times");
    assert!(after.values().all(|(_, t)| *t == then));
}

#[test]
fn an_edited_card_changes_exactly_its_contact_and_keeps_what_netwerk_does_not_hold() {
    let home = network();
    let dir = vdir(&home);
    home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    let before = contacts(&home);
    let cy = id_of(&home, "Cy Young");
    let card = dir.join(format!("{cy}.vcf"));
    // As a phone would: another team, a phone number, a new category.
    let edited = std::fs::read_to_string(&card)
        .unwrap()
        .replace("ORG:Red Sox", "ORG:Cleveland Naps")
        .replace(
            "END:VCARD",
            "TEL;TYPE=cell:+1 555 0100\r\nCATEGORIES:baseball\r\nEND:VCARD",
        );
    std::fs::write(&card, &edited).unwrap();
    let history = std::fs::read(home.file("history.jsonl")).ok();

    let out = home.ok(&["import", "vdir", dir.to_str().unwrap()]);
    assert_eq!(
        out,
        format!(
            "Added 0, updated 1, unchanged 2, skipped 0\nUpdated:\n  {cy}.vcf: Cy Young: \
             company Red Sox → Cleveland Naps; interests baseball\n\
             Moments — a word now means more than any article:\n  \
             Cy Young moved to Cleveland Naps\n  \
             Congratulate: netwerk moment list\n"
        )
    );
    let after = contacts(&home);
    for (name, contact) in &after {
        if name == "Cy Young" {
            assert_eq!(contact["company"], "Cleveland Naps");
            assert_eq!(contact["interests"], serde_json::json!(["baseball"]));
        } else {
            assert_eq!(contact, &before[name], "{name} changed");
        }
    }
    // The history only grew by the moment the new company is.
    let now = std::fs::read_to_string(home.file("history.jsonl")).unwrap();
    let was = String::from_utf8(history.unwrap_or_default()).unwrap();
    let added = now.strip_prefix(was.as_str()).expect("appended to");
    let entries = added.lines().filter(|l| !l.contains("netwerk_history"));
    assert_eq!(entries.count(), 1, "{added}");
    assert!(added.contains("\"kind\":\"moment\""), "{added}");
    assert!(added.contains("\"company\":\"Cleveland Naps\""), "{added}");
    // The card already says all this: exporting again leaves it be, phone
    // number and all.
    let then = age(&dir);
    let out = home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    assert!(
        out.contains(": 0 new, 0 updated, 3 unchanged, 0 removed."),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&card).unwrap(), edited);
    assert!(cards(&dir).values().all(|(_, t)| *t == then));
    // A change made in netwerk rewrites the card, keeping the number.
    home.ok(&["contact", "edit", "cy", "--role", "Pitcher"]);
    home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    let card_text = std::fs::read_to_string(&card).unwrap();
    assert!(card_text.contains("TITLE:Pitcher\r\n"), "{card_text}");
    assert!(
        card_text.contains("TEL;TYPE=cell:+1 555 0100\r\n"),
        "{card_text}"
    );
    let changed: Vec<String> = cards(&dir)
        .into_iter()
        .filter(|(_, (_, t))| *t != then)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(changed, [format!("{cy}.vcf")]);
}

#[test]
fn cards_of_contacts_gone_are_removed_and_others_cards_kept() {
    let home = network();
    let dir = vdir(&home);
    home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    let bob = id_of(&home, "Bob Babbage");
    // A card another program made, with a UID of its own.
    let phone = dir.join("from-phone.vcf");
    std::fs::write(
        &phone,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301\r\n\
         FN:Grace Hopper\r\nTEL:+1 555 0199\r\nEND:VCARD\r\n",
    )
    .unwrap();
    home.ok(&["contact", "rm", "bob"]);
    let out = home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    assert!(
        out.contains(": 0 new, 0 updated, 2 unchanged, 1 removed."),
        "{out}"
    );
    assert!(!dir.join(format!("{bob}.vcf")).exists());
    assert!(phone.exists(), "never another program's card");

    // Read in, the phone's card is a contact named by its UID; exported,
    // it goes back into the same file, UID as it was.
    let out = home.ok(&["import", "vdir", dir.to_str().unwrap()]);
    assert!(out.starts_with("Added 1, updated 0, unchanged 2"), "{out}");
    assert_eq!(
        id_of(&home, "Grace Hopper"),
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    );
    let out = home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    assert!(
        out.contains(": 0 new, 1 updated, 2 unchanged, 0 removed."),
        "{out}"
    );
    assert_eq!(cards(&dir).len(), 3);
    let text = std::fs::read_to_string(&phone).unwrap();
    assert!(
        text.contains("UID:urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301\r\n"),
        "{text}"
    );
    assert!(text.contains("TEL:+1 555 0199\r\n"), "{text}");
    assert!(text.contains("X-NETWERK-STATE:untriaged\r\n"), "{text}");
}

#[test]
fn a_vdir_inside_the_data_directory_or_a_broken_card_is_refused() {
    let home = network();
    let inside = home.file("cards");
    for args in [
        ["export", "vdir", inside.to_str().unwrap()],
        ["import", "vdir", home.data.to_str().unwrap()],
    ] {
        let err = home.fails(&args);
        assert!(
            err.contains("is inside the data directory"),
            "{args:?}: {err}"
        );
    }
    assert!(!inside.exists());

    let dir = vdir(&home);
    home.ok(&["export", "vdir", dir.to_str().unwrap()]);
    std::fs::write(dir.join("zz-broken.vcf"), "BEGIN:VCARD\r\nFN:Half\r\n").unwrap();
    let before = std::fs::read(home.file("contacts.toml")).unwrap();
    let err = home.fails(&["import", "vdir", dir.to_str().unwrap()]);
    assert!(
        err.contains("zz-broken.vcf:1: BEGIN:VCARD without END:VCARD"),
        "{err}"
    );
    assert_eq!(std::fs::read(home.file("contacts.toml")).unwrap(), before);
}
