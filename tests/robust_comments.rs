//! Hand edits are kept: comments a user wrote in `contacts.toml` and
//! `queue.toml`, and the layout of every record no command changed,
//! survive every kind of save — a CLI edit, add, remove, queue add, an
//! import, a save from the full-screen program (through the store) and
//! random runs of them.

mod support;

use netwerk::domain::{Contact, Network};
use netwerk::format::tables;
use netwerk::store::{CONTACTS, QUEUE, Store, StoreError};
use proptest::prelude::*;
use std::fs;
use support::Home;
use support::fixtures::import as fixture;

/// Before the first record: a header of the user's own, the format line
/// and a section comment.
const HEAD: &str = "# My people, kept by hand.\n\
# Hand edits are welcome.\n\
format = 1 # do not change\n\
\n\
# ---- work ----\n\
\n";

/// The file's first lines: a new record sorting first goes below them.
const HEAD_TOP: &str = "# My people, kept by hand.\n\
# Hand edits are welcome.\n\
format = 1 # do not change\n";

/// A hand layout: keys out of order, an array over several lines with a
/// comment in it, a literal string, comments inside and on value lines.
const ANN: &str = r#"[[contact]]
# Ann: met at RustConf
name = "Ann Lee"   # her full name
id = "canna2222"
interests = [
    "rust",   # mostly async
    "go",
]
notes = 'C:\path\kept # literally'
added = "2026-01-01"
"#;

/// A record with comments of its own: right above its header, on a value
/// line and in its links.
const BOB: &str = r#"
# Bob: ask about the move
[[contact]]
id = "cbobb2222"
name = "Bob Stone"
company = "Acme" # acme corp
added = "2026-01-02"

[[contact.links]]
# his profile
kind = "linkedin"
url = "https://www.linkedin.com/in/bob"
"#;

/// A plain record after a section comment that is not its own (a blank
/// line between).
const CARL: &str = r#"
# ---- friends ----

[[contact]]
id = "ccarr2222"
name = "Carl Berg"
added = "2026-01-03"
"#;

const TAIL: &str = "\n# end of my people\n";

/// Comments that belong to no single record: they survive every save.
const SHARED_COMMENTS: &[&str] = &[
    "# My people, kept by hand.",
    "# Hand edits are welcome.",
    "# do not change",
    "# ---- work ----",
    "# ---- friends ----",
    "# end of my people",
];
const ANN_COMMENTS: &[&str] = &[
    "# Ann: met at RustConf",
    "# her full name",
    "# mostly async",
];
const BOB_COMMENTS: &[&str] = &["# Bob: ask about the move", "# acme corp", "# his profile"];

fn contacts_text() -> String {
    [HEAD, ANN, BOB, CARL, TAIL].concat()
}

const QUEUE_HEAD: &str = "# Reading to pass along.\nformat = 1\n";

const RUST_ITEM: &str = r#"
# for the Rust crowd
[[item]]
title = "Async in depth"   # a long one
id = "iaaaa2222"
url = "https://example.com/async#part-2"
kind = "article"
topics = [
    "rust",
]
added = "2026-01-05"
"#;

const PAPER_ITEM: &str = r#"
[[item]]
id = "ibbbb2222"
title = 'A "quoted" paper'
url = "https://example.com/paper"
kind = "paper"
added = "2026-01-06"
# read the appendix first
"#;

const QUEUE_TAIL: &str = "\n# that is all\n";

const QUEUE_COMMENTS: &[&str] = &[
    "# Reading to pass along.",
    "# for the Rust crowd",
    "# a long one",
    "# read the appendix first",
    "# that is all",
];

fn queue_text() -> String {
    [QUEUE_HEAD, RUST_ITEM, PAPER_ITEM, QUEUE_TAIL].concat()
}

/// A home whose data directory holds the commented files.
fn home() -> Home {
    let home = Home::new();
    fs::create_dir_all(&home.data).unwrap();
    fs::write(home.file(CONTACTS), contacts_text()).unwrap();
    fs::write(home.file(QUEUE), queue_text()).unwrap();
    // Loaded once, so the snapshot cache is warm as it is in real use.
    home.ok(&["contact", "list"]);
    home
}

fn read(home: &Home, file: &str) -> String {
    fs::read_to_string(home.file(file)).unwrap()
}

#[track_caller]
fn assert_kept(text: &str, comments: &[&str]) {
    for c in comments {
        assert!(text.contains(c), "{c:?} was dropped:\n{text}");
    }
}

#[track_caller]
fn assert_blocks(text: &str, blocks: &[&str]) {
    for b in blocks {
        assert!(text.contains(b), "this record changed:\n{b}\nin:\n{text}");
    }
}

/// The contacts as netwerk reads them, the cache left out.
fn contacts_on_disk(home: &Home) -> Vec<Contact> {
    let path = home.file(CONTACTS);
    tables::parse_contacts(&path, &read(home, CONTACTS)).unwrap()
}

fn names(contacts: &[Contact]) -> Vec<&str> {
    contacts.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn editing_another_record_keeps_every_comment_and_the_others_byte_for_byte() {
    let home = home();
    home.ok(&["contact", "edit", "Carl", "--company", "Foo"]);
    let text = read(&home, CONTACTS);
    assert_kept(&text, SHARED_COMMENTS);
    assert_kept(&text, ANN_COMMENTS);
    assert_kept(&text, BOB_COMMENTS);
    assert_blocks(&text, &[HEAD, ANN, BOB, TAIL]);
    let carl = &contacts_on_disk(&home)[2];
    assert_eq!(carl.company.as_deref(), Some("Foo"));
    // The queue was not touched at all.
    assert_eq!(read(&home, QUEUE), queue_text());
}

#[test]
fn an_interest_added_to_a_commented_record_keeps_its_comments_and_layout() {
    let home = home();
    home.ok(&["interest", "add", "Ann", "python"]);
    let text = read(&home, CONTACTS);
    assert_kept(&text, SHARED_COMMENTS);
    assert_kept(&text, ANN_COMMENTS);
    assert_kept(&text, BOB_COMMENTS);
    assert_blocks(&text, &[HEAD, BOB, CARL, TAIL]);
    // The array keeps its lines and comment; the new value takes a line
    // of its own; the literal string is left as written.
    assert!(
        text.contains(
            "interests = [\n    \"rust\",   # mostly async\n    \"go\",\n    \"python\",\n]"
        ),
        "{text}"
    );
    assert!(
        text.contains(r"notes = 'C:\path\kept # literally'"),
        "{text}"
    );
    let ann = &contacts_on_disk(&home)[0];
    assert_eq!(ann.interests, ["rust", "go", "python"]);
    assert_eq!(ann.notes.as_deref(), Some(r"C:\path\kept # literally"));
}

#[test]
fn an_added_contact_leaves_every_comment_and_record_as_it_was() {
    let home = home();
    home.ok(&["contact", "add", "Dee Ray", "--interest", "sailing"]);
    let text = read(&home, CONTACTS);
    assert_kept(&text, SHARED_COMMENTS);
    assert_kept(&text, ANN_COMMENTS);
    assert_kept(&text, BOB_COMMENTS);
    let work_ann = format!("# ---- work ----\n\n{ANN}");
    assert_blocks(&text, &[HEAD_TOP, &work_ann, BOB, CARL]);
    let contacts = contacts_on_disk(&home);
    assert_eq!(names(&contacts).len(), 4);
    assert!(names(&contacts).contains(&"Dee Ray"));
}

#[test]
fn a_removed_contact_takes_only_its_own_comments() {
    let home = home();
    home.ok(&["contact", "rm", "Bob"]);
    let text = read(&home, CONTACTS);
    assert_kept(&text, SHARED_COMMENTS);
    assert_kept(&text, ANN_COMMENTS);
    for c in BOB_COMMENTS {
        assert!(!text.contains(c), "{c:?} outlived its record:\n{text}");
    }
    assert_blocks(&text, &[HEAD, ANN, CARL, TAIL]);
    assert_eq!(names(&contacts_on_disk(&home)), ["Ann Lee", "Carl Berg"]);
}

#[test]
fn a_queue_add_keeps_the_queue_comments() {
    let home = home();
    home.ok(&["queue", "add", "https://example.com/new", "--title", "New"]);
    let text = read(&home, QUEUE);
    assert_kept(&text, QUEUE_COMMENTS);
    assert_blocks(&text, &[QUEUE_HEAD, RUST_ITEM, PAPER_ITEM.trim_end()]);
    let items = tables::parse_items(&home.file(QUEUE), &text).unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles.contains(&"New"));
    assert!(titles.contains(&"A \"quoted\" paper"));
}

#[test]
fn imports_keep_the_comments_of_both_files() {
    let home = home();
    home.ok(&["import", "linkedin", &fixture("linkedin_plain.csv")]);
    home.ok(&["import", "urls", &fixture("reading_list.txt")]);
    let contacts = read(&home, CONTACTS);
    assert_kept(&contacts, SHARED_COMMENTS);
    assert_kept(&contacts, ANN_COMMENTS);
    assert_kept(&contacts, BOB_COMMENTS);
    let work_ann = format!("# ---- work ----\n\n{ANN}");
    assert_blocks(&contacts, &[HEAD_TOP, &work_ann, BOB, CARL]);
    assert!(names(&contacts_on_disk(&home)).contains(&"Ken Thompson"));
    let queue = read(&home, QUEUE);
    assert_kept(&queue, QUEUE_COMMENTS);
    assert_blocks(&queue, &[QUEUE_HEAD, RUST_ITEM]);
    let items = tables::parse_items(&home.file(QUEUE), &queue).unwrap();
    assert!(items.len() > 2, "{queue}");
}

#[test]
fn a_save_from_the_full_screen_program_keeps_comments_and_reads_back_alike() {
    // The full-screen program keeps its network between saves and saves
    // through `Store::modify_at`, as here.
    let home = home();
    let store = Store::open(&home.data).unwrap();
    let mut base = store.load_stamped().unwrap();
    for word in ["one", "two"] {
        store
            .modify_at(&mut base, "a test change", |net: &mut Network| {
                let carl = net.contacts.iter_mut().find(|c| c.name == "Carl Berg");
                carl.unwrap().interests.push(word.into());
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }
    let text = read(&home, CONTACTS);
    assert_kept(&text, SHARED_COMMENTS);
    assert_kept(&text, ANN_COMMENTS);
    assert_kept(&text, BOB_COMMENTS);
    assert_blocks(&text, &[HEAD, ANN, BOB, TAIL]);
    // What the program holds is what any later load reads: through the
    // cache, and from the file alone.
    assert_eq!(
        *base.network.contacts,
        store.load().unwrap().contacts.to_vec()
    );
    assert_eq!(*base.network.contacts, contacts_on_disk(&home));
    assert_eq!(base.network.contacts[2].interests, ["one", "two"]);
}

#[test]
fn a_file_with_hashes_only_inside_strings_is_written_as_netwerk_writes_it() {
    // No comment to keep: the usual whole rewrite, in netwerk's layout.
    let home = Home::new();
    fs::create_dir_all(&home.data).unwrap();
    let text = "format = 1\n[[contact]]\nname = \"Ann # one\"\nid = \"canna2222\"\n\
                notes = \"\"\"\n# not a comment\n\"\"\"\nadded = \"2026-01-01\"\n";
    fs::write(home.file(CONTACTS), text).unwrap();
    home.ok(&["contact", "add", "Bob"]);
    let contacts = contacts_on_disk(&home);
    assert_eq!(read(&home, CONTACTS), tables::render_contacts(&contacts));
}

#[test]
fn records_netwerk_cannot_edit_in_place_are_refused_not_stripped() {
    // Records as one inline array: valid, but not tables to edit one by
    // one. The save is refused, saying why, and the file is left alone.
    let home = Home::new();
    fs::create_dir_all(&home.data).unwrap();
    let text = "# mine\nformat = 1\ncontact = [\n  # Ann\n  { id = \"canna2222\", name = \"Ann\", added = \"2026-01-01\" },\n]\n";
    fs::write(home.file(CONTACTS), text).unwrap();
    let out = home.run(&["contact", "add", "Bob"]).failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("contacts.toml"), "{err}");
    assert!(err.contains("comments"), "{err}");
    assert_eq!(read(&home, CONTACTS), text);
}

/// One change a user could make.
#[derive(Debug, Clone)]
enum Op {
    Add(String),
    Remove(usize),
    Rename(usize, String),
    Interest(usize, String),
}

fn op() -> impl Strategy<Value = Op> {
    let word = "[a-z]{1,8}";
    prop_oneof![
        word.prop_map(Op::Add),
        (0..8usize).prop_map(Op::Remove),
        (0..8usize, word).prop_map(|(i, w)| Op::Rename(i, w)),
        (0..8usize, word).prop_map(|(i, w)| Op::Interest(i, w)),
    ]
}

/// Applies `op` to `contacts`, adding `new` for [`Op::Add`]; returns the
/// id of a removed contact.
fn apply(op: &Op, contacts: &mut Vec<Contact>, new: &Contact) -> Option<String> {
    let n = contacts.len();
    // The `i`th contact by id, whatever the list's order.
    let nth = |contacts: &[Contact], i: usize| {
        let mut ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
        ids.sort();
        let id = ids[i % n];
        contacts.iter().position(|c| c.id.as_str() == id).unwrap()
    };
    match op {
        Op::Add(_) => contacts.push(new.clone()),
        Op::Remove(i) if n > 0 => {
            let at = nth(contacts, *i);
            return Some(contacts.remove(at).id.as_str().to_owned());
        }
        Op::Rename(i, name) if n > 0 => {
            let at = nth(contacts, *i);
            contacts[at].name = name.clone();
        }
        Op::Interest(i, w) if n > 0 => {
            let at = nth(contacts, *i);
            let c = &mut contacts[at];
            if !c.interests.contains(w) {
                c.interests.push(w.clone());
            }
        }
        _ => {}
    }
    None
}

fn by_id(mut contacts: Vec<Contact>) -> Vec<Contact> {
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    contacts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_to_a_commented_file_read_back_as_expected(
        ops in prop::collection::vec(op(), 1..8),
        keep_base in any::<bool>(),
        unsorted in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let text = match unsorted {
            false => contacts_text(),
            true => [HEAD, BOB, ANN, CARL, TAIL].concat(),
        };
        fs::write(data.join(CONTACTS), text).unwrap();
        let store = Store::open(data).unwrap();
        let mut model = store.load().unwrap().contacts.to_vec();
        let mut base = store.load_stamped().unwrap();
        let mut removed = Vec::new();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for op in &ops {
            let name = match op {
                Op::Add(name) => name.as_str(),
                _ => "unused",
            };
            let new = Contact::new(name, day).unwrap();
            let change = |net: &mut Network| {
                let mut list = net.contacts.to_vec();
                apply(op, &mut list, &new);
                *net.contacts = list;
                Ok::<_, StoreError>(())
            };
            // As the full-screen program saves, or as one command does.
            if keep_base {
                store.modify_at(&mut base, "a test change", change).unwrap();
            } else {
                store.modify("a test change", change).unwrap();
            }
            removed.extend(apply(op, &mut model, &new));
        }
        let text = fs::read_to_string(data.join(CONTACTS)).unwrap();
        let plain = tables::parse_contacts(&data.join(CONTACTS), &text).unwrap();
        prop_assert_eq!(by_id(plain.clone()), by_id(model));
        // The cache agrees with the file, order and all.
        prop_assert_eq!(store.load().unwrap().contacts.to_vec(), plain);
        assert_kept(&text, SHARED_COMMENTS);
        for (id, own) in [("canna2222", ANN_COMMENTS), ("cbobb2222", BOB_COMMENTS)] {
            if !removed.iter().any(|r| r == id) {
                assert_kept(&text, own);
            }
        }
    }
}

#[test]
fn the_config_file_is_only_ever_read() {
    // Comments in config.toml are safe because netwerk never writes it.
    let home = home();
    let text =
        "# my settings\nsignature = \"— Sam\" # how I sign\n\n[cadence]\nfirst = 20 # tight\n";
    let config = home.write_config(text);
    home.ok(&["contact", "add", "Eve"]);
    home.ok(&["contact", "edit", "Eve", "--company", "Co"]);
    home.ok(&["queue", "add", "https://example.com/c"]);
    home.ok(&["due"]);
    assert_eq!(fs::read_to_string(&config).unwrap(), text);
}
