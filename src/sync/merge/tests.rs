//! Given copies of a data file changed apart, when they are merged, then
//! every change is there, once, in the layout netwerk writes.

use super::*;
use crate::domain::{Contact, ContactId, Entry, EntryKind};
use crate::format::tables;
use crate::store::history_log;
use chrono::NaiveDate;

fn person(id: &str, name: &str) -> Contact {
    let mut c = Contact::new(name, NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()).unwrap();
    c.id = ContactId(id.into());
    c
}

fn text(contacts: &[Contact]) -> String {
    tables::render_contacts(contacts)
}

#[test]
fn contacts_changed_apart_merge_into_what_netwerk_writes() {
    let base = [person("a", "Ada"), person("b", "Bob"), person("c", "Cy")];
    let mut ours = base.clone().to_vec();
    ours[0].company = Some("Initech".into());
    ours[1].role = Some("Poet".into());
    ours.push(person("d", "Dee"));
    let mut theirs = base.clone().to_vec();
    theirs[0].company = Some("Globex".into());
    theirs[1].email = Some("bob@example.com".into());
    theirs.remove(2);
    let path = Path::new("contacts.toml");
    let merged = three_way(
        path,
        &text(&base),
        &text(&ours),
        &text(&theirs),
        Names::git("the other side"),
    )
    .unwrap();
    let back = tables::parse_contacts(path, &merged.text).unwrap();
    assert_eq!(merged.text, text(&back), "the layout netwerk writes");
    let ids: Vec<&str> = back.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "d"]);
    assert_eq!(back[0].company.as_deref(), Some("Initech"));
    assert_eq!(
        back[0].conflicts,
        [r#"company: kept "Initech"; the other side had "Globex""#]
    );
    assert_eq!(back[1].role.as_deref(), Some("Poet"));
    assert_eq!(back[1].email.as_deref(), Some("bob@example.com"));
    assert_eq!(merged.noted.len(), 1);
    assert_eq!(merged.noted[0].label, "Ada");
    // Merging the result with either side again changes nothing more.
    let again = three_way(
        path,
        &text(&ours),
        &merged.text,
        &merged.text,
        Names::git("the other side"),
    )
    .unwrap();
    assert_eq!(again.text, merged.text);
}

#[test]
fn comments_on_this_side_are_kept() {
    let base = [person("a", "Ada"), person("b", "Bob")];
    let ours = format!(
        "{}# my favourite\n",
        text(&base).replace(
            "[[contact]]\nid = \"b\"",
            "# met at RustConf\n[[contact]]\nid = \"b\""
        )
    );
    let mut theirs = base.to_vec();
    theirs[0].role = Some("Poet".into());
    let path = Path::new("contacts.toml");
    let merged = three_way(
        path,
        &text(&base),
        &ours,
        &text(&theirs),
        Names::git("the other side"),
    )
    .unwrap();
    assert!(
        merged
            .text
            .contains("# met at RustConf\n[[contact]]\nid = \"b\"")
    );
    assert!(merged.text.contains("role = \"Poet\""));
    assert!(merged.text.ends_with("# my favourite\n"));
}

#[test]
fn a_side_that_does_not_parse_is_named_with_its_line() {
    let path = Path::new("contacts.toml");
    let good = text(&[person("a", "Ada")]);
    let err = three_way(
        path,
        &good,
        &good,
        "format = 1\n[[contact]]\nid = \n",
        Names::git("the other side"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("contacts.toml:3:"), "{err}");
    assert!(err.ends_with("(in the other side's version)"), "{err}");
    let err = two_way(Path::new("notes.txt"), "", "", Names::git("the other side")).unwrap_err();
    assert!(matches!(err, MergeError::Unknown(_)));
}

fn entry(contact: &Contact, at: &str, note: &str) -> Entry {
    let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
    Entry::logged(contact, EntryKind::Touch, at, note)
}

#[test]
fn histories_join_by_entry_id_in_time_order() {
    let ada = person("a", "Ada");
    let shared = entry(&ada, "2026-01-01T10:00:00Z", "shared");
    let mine = entry(&ada, "2026-01-03T10:00:00Z", "mine");
    let yours = entry(&ada, "2026-01-02T10:00:00Z", "yours");
    let base = history_log::render(std::slice::from_ref(&shared));
    let ours = history_log::render(&[shared.clone(), mine.clone()]);
    // Theirs ends in a torn line, which is left out.
    let theirs = format!(
        "{}{{\"id\":\"torn",
        history_log::render(&[shared.clone(), yours.clone()])
    );
    let path = Path::new("history.jsonl");
    let merged = three_way(path, &base, &ours, &theirs, Names::git("the other side")).unwrap();
    let back = history_log::parse(path, &merged.text).unwrap();
    let notes: Vec<&str> = back.iter().map(|e| e.note()).collect();
    assert_eq!(notes, ["shared", "yours", "mine"]);
    assert_eq!(merged.added, 1);
    // A whole entry missing only its newline is kept.
    let unended = history_log::render(std::slice::from_ref(&yours));
    let merged = two_way(
        path,
        &ours,
        unended.trim_end(),
        Names::git("the other side"),
    )
    .unwrap();
    assert_eq!(history_log::parse(path, &merged.text).unwrap().len(), 3);
}

#[test]
fn a_file_git_left_markers_in_merges_from_its_two_sides() {
    let base = [person("a", "Ada")];
    let mut ours = base.to_vec();
    ours[0].company = Some("Initech".into());
    let mut theirs = base.to_vec();
    theirs.push(person("b", "Bob"));
    let (o, t) = (text(&ours), text(&theirs));
    // What git's line merge would leave, roughly: both tails in conflict.
    let marked = format!("<<<<<<< HEAD\n{o}=======\n{t}>>>>>>> origin/main\n");
    let split = crate::format::markers::split(&marked).unwrap().unwrap();
    assert_eq!(
        (split.ours.as_str(), split.theirs.as_str()),
        (o.as_str(), t.as_str())
    );
    let merged = two_way(
        Path::new("contacts.toml"),
        &split.ours,
        &split.theirs,
        Names::git("the other side"),
    )
    .unwrap();
    let back = tables::parse_contacts(Path::new("contacts.toml"), &merged.text).unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].company.as_deref(), Some("Initech"));
}
