//! Hostile and broken input: the loaders, the history parser, URL
//! normalisation, field validation and the template renderer never panic,
//! and give either a valid result or an error a person can act on; a
//! corpus of broken data directories (`tests/fixtures/malformed/`) is
//! refused by every command with `path:line[:col]: what is wrong`, exit
//! status 1, and every file left byte for byte as it was.
//!
//! `NETWERK_LONG_TESTS=1` runs 16× more property cases.

mod support;

use netwerk::domain::template::{Field, NoteFacts, NoteTemplate};
use netwerk::domain::url::normalize;
use netwerk::domain::{ItemKind, Link, validate};
use netwerk::format::tables;
use netwerk::store::{StoreError, history_log};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-26T09:00:00+01:00";
const FILES: [&str; 3] = ["contacts.toml", "queue.toml", "history.jsonl"];

fn long_mode() -> bool {
    std::env::var("NETWERK_LONG_TESTS").is_ok_and(|v| v == "1")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

/// A copy of one fixture directory as a data directory, and a home.
struct Home(support::Home);

impl Home {
    fn from_fixture(case: &str) -> Self {
        let home = Home(support::Home::new());
        std::fs::create_dir(home.data()).unwrap();
        for file in FILES {
            std::fs::copy(fixtures().join(case).join(file), home.file(file))
                .unwrap_or_else(|e| panic!("{case}/{file}: {e}"));
        }
        home
    }

    fn data(&self) -> PathBuf {
        self.0.data.clone()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.file(name)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.0.process().args(args).output().unwrap()
    }

    /// Every file in the data directory with its bytes; the derived
    /// `.cache/` is not data and may be rebuilt by any reader.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(self.data())
            .unwrap()
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != ".cache"))
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().into_string().unwrap();
                let bytes = if e.path().is_file() {
                    std::fs::read(e.path()).unwrap()
                } else {
                    Vec::new()
                };
                (name, bytes)
            })
            .collect()
    }
}

// ---------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------

/// Commands that read `contacts.toml` and `queue.toml`: all of them.
const EVERY_COMMAND: &[&[&str]] = &[
    &["contact", "list"],
    &["contact", "show", "Ada"],
    &["queue", "list"],
    &["history"],
    &["contact", "add", "New Person"],
    &["contact", "edit", "Ada", "--role", "Countess"],
    &["interest", "add", "Ada", "poetry"],
    &["queue", "add", "https://example.com/new"],
    &["log", "Ada", "--kind", "touch", "--note", "tea"],
    &["share", "Ada", "COBOL", "--print"],
];

/// Commands that read the whole history. The others never parse it, so
/// a line broken somewhere after the header goes unnoticed by them:
/// `contact add`, `queue add|list` leave the log untouched, and `log`
/// (which checks only the header, to stay cheap at 100,000 entries)
/// appends a valid line after it. Every reader still reports the broken
/// line at the same place, so nothing is lost or made worse.
const HISTORY_READERS: &[&[&str]] = &[
    &["contact", "list"],
    &["contact", "show", "Ada"],
    &["history"],
    &["share", "Ada", "COBOL", "--print"],
];

/// A broken header is refused by `log` too: it never appends to a file
/// it could not read back (another program's, or a newer netwerk's).
const HISTORY_HEADER_READERS: &[&[&str]] = &[
    &["contact", "list"],
    &["history"],
    &["share", "Ada", "COBOL", "--print"],
    &["log", "Ada", "--kind", "touch", "--note", "tea"],
];

/// One broken data directory and how netwerk must refuse it.
struct Broken {
    /// Directory under `tests/fixtures/malformed/`.
    case: &'static str,
    /// The broken file.
    file: &'static str,
    /// `line` or `line:col`.
    at: &'static str,
    /// What is wrong, as the message says it.
    says: &'static str,
    /// The commands that must refuse it.
    commands: &'static [&'static [&'static str]],
}

const CORPUS: &[Broken] = &[
    Broken {
        case: "truncated-contacts",
        file: "contacts.toml",
        at: "12:23",
        says: "invalid basic string, expected `\"`",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "truncated-queue",
        file: "queue.toml",
        at: "14:13",
        says: "invalid basic string, expected `\"`",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "wrong-type-contacts",
        file: "contacts.toml",
        at: "7:10",
        says: "invalid type: string \"first\", expected u8",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "wrong-type-queue",
        file: "queue.toml",
        at: "9:10",
        says: "invalid type: string \"rust\", expected a sequence",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "unknown-field-contacts",
        file: "contacts.toml",
        at: "7:1",
        says: "unknown field `nickname`, expected one of `id`, `name`",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "bad-date-contacts",
        file: "contacts.toml",
        at: "7:9",
        says: "input contains invalid characters",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "duplicate-id-contacts",
        file: "contacts.toml",
        at: "10",
        says: "duplicate contact id \"cfwm8nukq\"",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "duplicate-id-queue",
        file: "queue.toml",
        at: "13",
        says: "duplicate item id \"itstzaqxt\"",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "duplicate-url-queue",
        file: "queue.toml",
        at: "13",
        says: "item iuj7irxcz has the same URL as item itstzaqxt: https://example.com/rust-async",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "bad-url-queue",
        file: "queue.toml",
        at: "13",
        says: "item iuj7irxcz: url: must start with http:// or https://, not ftp:",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "empty-name-contacts",
        file: "contacts.toml",
        at: "5",
        says: "contact cfwm8nukq: name: must not be empty",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "degree-out-of-range-contacts",
        file: "contacts.toml",
        at: "5",
        says: "contact cfwm8nukq: degree: must be 1, 2 or 3, not 7",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "future-version-contacts",
        file: "contacts.toml",
        at: "2",
        says: "format version 2 is newer than this netwerk understands (up to 1); upgrade netwerk",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "future-version-queue",
        file: "queue.toml",
        at: "2",
        says: "format version 3 is newer than this netwerk understands (up to 1); upgrade netwerk",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "invalid-utf8-contacts",
        file: "contacts.toml",
        at: "6:19",
        says: "the file is not valid UTF-8",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "nul-byte-contacts",
        file: "contacts.toml",
        at: "6:14",
        says: "invalid basic string",
        commands: EVERY_COMMAND,
    },
    Broken {
        case: "future-version-history",
        file: "history.jsonl",
        at: "1",
        says: "format version 2 is newer than this netwerk understands (up to 1); upgrade netwerk",
        commands: HISTORY_HEADER_READERS,
    },
    Broken {
        case: "history-missing-header",
        file: "history.jsonl",
        at: "1:5",
        says: "unknown field `id`, expected `netwerk_history`",
        commands: HISTORY_HEADER_READERS,
    },
    Broken {
        case: "history-not-json-midline",
        file: "history.jsonl",
        at: "3:2",
        says: "expected ident",
        commands: HISTORY_READERS,
    },
    Broken {
        case: "history-torn-middle-line",
        file: "history.jsonl",
        at: "2:129",
        says: "EOF while parsing a string",
        commands: HISTORY_READERS,
    },
    Broken {
        case: "history-unknown-kind",
        file: "history.jsonl",
        at: "2:64",
        says: "unknown variant `gift`, expected one of `share`, `touch`, `ask`",
        commands: HISTORY_READERS,
    },
    Broken {
        case: "invalid-utf8-history",
        file: "history.jsonl",
        at: "2:130",
        says: "the file is not valid UTF-8",
        commands: HISTORY_READERS,
    },
];

/// Runs `args` on `home` and checks it refuses with one line on stderr
/// that starts with `expected`, exit status 1, and writes nothing (a writer
/// may leave its empty `.lock` file).
fn assert_refused(home: &Home, args: &[&str], expected: &str) {
    let before = home.snapshot();
    let out = home.run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail: {stderr}");
    assert!(
        stderr.starts_with(&format!("netwerk: {expected}")) && stderr.lines().count() == 1,
        "{args:?}: want one line naming the file and line: netwerk: {expected}\ngot: {stderr}"
    );
    let mut after = home.snapshot();
    if let Some(lock) = after.remove(".lock") {
        assert!(lock.is_empty(), "the lock file holds nothing");
    }
    let mut before = before;
    before.remove(".lock");
    assert!(before == after, "{args:?} changed the data directory");
}

#[test]
fn every_broken_file_in_the_corpus_is_refused_by_path_and_line_and_left_alone() {
    let mut seen = HashSet::new();
    for case in CORPUS {
        let home = Home::from_fixture(case.case);
        let expected = format!(
            "{}:{}: {}",
            home.file(case.file).display(),
            case.at,
            case.says
        );
        for args in case.commands {
            assert_refused(&home, args, &expected);
        }
        seen.insert(case.case);
    }
    // Every fixture directory is in the table (apart from the torn last
    // line, which is not an error; see its own test).
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.path().is_dir() && name != "history-torn-last-line" {
            assert!(seen.contains(name.as_str()), "{name} is not in CORPUS");
        }
    }
}

/// A last history line without its newline is an append cut off before
/// it was acknowledged: every reader ignores it, and the next append
/// cuts it away before writing, so the log is whole again.
#[test]
fn a_torn_last_history_line_is_ignored_and_the_next_append_repairs_it() {
    let home = Home::from_fixture("history-torn-last-line");
    let torn = std::fs::read(home.file("history.jsonl")).unwrap();
    assert_ne!(torn.last(), Some(&b'\n'), "the fixture ends mid-line");
    let whole_lines = torn.iter().rposition(|&b| b == b'\n').unwrap() + 1;

    let out = home.run(&["history", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let shown: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown.len(), 2, "the two whole entries, not the fragment");
    assert_eq!(std::fs::read(home.file("history.jsonl")).unwrap(), torn);

    let out = home.run(&["log", "Grace", "--kind", "touch", "--note", "repaired"]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(home.file("history.jsonl")).unwrap();
    assert!(
        text.as_bytes().starts_with(&torn[..whole_lines]),
        "the whole lines are kept as they were"
    );
    let added: Vec<&str> = text[whole_lines..].lines().collect();
    assert_eq!(added.len(), 1, "the fragment is gone: {text}");
    assert!(added[0].contains("\"note\":\"repaired\""), "{text}");
    assert!(text.ends_with('\n'));
    let entries = netwerk::store::Store::open(&home.data())
        .unwrap()
        .load_history()
        .unwrap();
    assert_eq!(entries.len(), 3);
}

/// Even the header can be torn (power lost during the very first
/// append): the log holds nothing, and the next append starts it afresh
/// with a header rather than leaving a file no reader accepts.
#[test]
fn a_torn_header_is_replaced_by_the_next_append() {
    let home = Home::from_fixture("history-torn-last-line");
    std::fs::write(home.file("history.jsonl"), "{\"netwerk_hist").unwrap();
    let out = home.run(&["history", "--json"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let out = home.run(&["log", "Grace", "--kind", "touch", "--note", "first"]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(home.file("history.jsonl")).unwrap();
    assert!(text.starts_with("{\"netwerk_history\":1}\n"), "{text}");
    let out = home.run(&["history", "--json"]);
    let shown: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown.len(), 1, "{text}");
}

/// A 50 MB field (a paste accident in a hand edit) is refused like any
/// other invalid value — with its file, line and the limit — instead of
/// being dragged through every screen and save.
#[test]
fn a_50_mb_field_is_refused_with_its_line() {
    let big = "x".repeat(50 * 1024 * 1024);
    let cases = [
        (
            "contacts.toml",
            "name = \"Grace Hopper\"\n",
            format!("name = \"Grace Hopper\"\nnotes = \"{big}\"\n"),
            "5: contact cfwm8nukq: notes: is 52428800 characters long; at most 20000 fit",
        ),
        (
            "queue.toml",
            "title = \"COBOL\"",
            format!("title = \"{big}\""),
            "13: item iuj7irxcz: title: is 52428800 characters long; at most 200 fit",
        ),
    ];
    // Each parse of 50 MB takes seconds in a debug build: by default one
    // writer on one file; the long mode adds a reader and the queue.
    let (cases, commands): (&[_], &[&[&str]]) = if long_mode() {
        (
            &cases,
            &[&["contact", "add", "New Person"], &["contact", "list"]],
        )
    } else {
        (&cases[..1], &[&["contact", "add", "New Person"]])
    };
    for (file, old, new, at_says) in cases {
        let home = Home::from_fixture("history-torn-last-line");
        let path = home.file(file);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replacen(old, new, 1);
        std::fs::write(&path, text).unwrap();
        let expected = format!("{}:{at_says}", path.display());
        for args in commands {
            assert_refused(&home, args, &expected);
        }
    }
}

/// Not every failure has a line: a data file that cannot be read at all
/// is still named, and nothing is written.
#[test]
fn an_unreadable_data_file_is_named() {
    let home = Home::from_fixture("history-torn-last-line");
    let path = home.file("contacts.toml");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    let expected = format!("{}: is a directory, not a regular file", path.display());
    assert_refused(&home, &["contact", "list"], &expected);
    assert_refused(&home, &["contact", "add", "New Person"], &expected);
}

// ---------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------

fn config() -> Config {
    Config::with_cases(if long_mode() { 4096 } else { 256 })
}

fn sample() -> netwerk::domain::Network {
    netwerk::demo::sample(chrono::DateTime::parse_from_rfc3339(NOW).unwrap())
}

fn valid_history() -> String {
    let mut text = "{\"netwerk_history\":1}\n".to_string();
    let history = &sample().history;
    for e in history {
        text.push_str(&history_log::line(e));
    }
    // One entry whose text needs every kind of escape.
    let mut odd = history[0].fields();
    odd.note = "line\nbreak \"quoted\" back\\slash\ttab \u{1}\u{7f} é 王 😀 \u{2028}".into();
    odd.contact_name = "\"Q\" \\ N".into();
    text.push_str(&history_log::line(&odd.into()));
    text
}

/// The log read line by line with `serde_json` alone: what the parser's
/// fast path must agree with.
fn by_serde_json(text: &str) -> Result<Vec<netwerk::domain::Entry>, TestCaseError> {
    let complete = &text[..text.rfind('\n').map_or(0, |i| i + 1)];
    complete
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l)
                .map_err(|e| TestCaseError::fail(format!("accepted what serde_json refuses: {e}")))
        })
        .collect()
}

/// Text shaped enough like TOML to get past the first character.
fn toml_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\[\\]a-z_=\"'\\n #0-9.,{}:\\\\-]{0,300}",
        "(format = [0-9]{1,3}\n)?(\\[\\[(contact|item)\\]\\]\n(id|name|title|url|added|degree|kind) = (\"[a-z0-9:/. -]{0,20}\"|[0-9]{1,4}|true)\n){0,6}",
        any::<String>(),
    ]
}

/// A valid file with one edit: cut short, a span deleted, or a snippet
/// (some of them hostile) inserted.
fn mutated(valid: String) -> impl Strategy<Value = String> {
    let snippets = prop::sample::select(vec![
        "\"",
        "'''",
        "[[contact]]\n",
        "[[item]]\n",
        "id = \"c1\"\n",
        "format = 99\n",
        "degree = 0\n",
        "name = 3\n",
        "= =",
        "\n[",
        "\u{0}",
        "\u{feff}",
        "\\u0000",
        "url = \"javascript:alert(1)\"\n",
        "added = 2026-13-45\n",
        "\u{1b}[31m",
        "interests = [[]]\n",
        "x = 1e400\n",
        "{",
        "}",
        "#",
        "\r\n",
        // Corners only the full TOML parser knows.
        "\\e",
        "\\x41",
        "\\u00e9",
        "\\U0001F600",
        "\\uD800",
        "\t",
        "a.b = 1\n",
        "\"quoted\" = 1\n",
        "[contact.links]\n",
        "[[contact.links]]\n",
        "links = []\n",
        "degree = 0x2\n",
        "degree = +2\n",
        "degree = 02\n",
        "cadence_days = 1_0\n",
        "cadence_days = 4294967296\n",
        "degree = 300\n",
        "state = \"dormant\"\n",
        "state = \"Dormant\"\n",
        "kind = \"github\"\n",
        "kind = \"GitHub\"\n",
        "connected = \"2026-02-30\"\n",
        "connected = \"2026-2-3\"\n",
        "name = 'literal'\n",
        " # c\n",
        "\"\"\"\n",
        // Corners of the history's JSON.
        "\\n",
        "\\\"",
        "\\/",
        "\\ud83d\\ude00",
        "\\uDFFF",
        "\\u12",
        "null",
        ",\"note\":\"n\"",
        ",\"id\":\"x\"",
        ",\"extra\":1",
        ":",
        " ",
        "\"kind\":\"Share\",",
        "T",
        "Z",
        "+01:00",
        ".5",
        "\u{1}",
    ]);
    let len = valid.len();
    (0..=len, 0..=len, snippets, 0..3u8).prop_map(move |(a, b, snippet, how)| {
        let floor = |mut i: usize| {
            while !valid.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (a, b) = (floor(a.min(b)), floor(a.max(b)));
        match how {
            0 => valid[..a].to_string(),
            1 => format!("{}{}", &valid[..a], &valid[b..]),
            _ => format!("{}{snippet}{}", &valid[..a], &valid[a..]),
        }
    })
}

/// The files as the `toml` crate reads them in one piece: what the
/// loaders' record-by-record fast path must agree with.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactsFile {
    #[allow(dead_code)]
    format: u32,
    #[serde(default)]
    contact: Vec<netwerk::domain::Contact>,
}

/// See [`ContactsFile`].
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueFile {
    #[allow(dead_code)]
    format: u32,
    #[serde(default)]
    item: Vec<netwerk::domain::Item>,
}

/// `text` read by the `toml` crate in one piece (an empty file is no
/// file, as the loaders take it); refusing what a loader accepted fails
/// the test.
fn by_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, TestCaseError> {
    let text = if text.trim().is_empty() {
        "format = 1"
    } else {
        text
    };
    toml::from_str(text)
        .map_err(|e| TestCaseError::fail(format!("accepted what toml refuses: {e}")))
}

/// An error names the file and a line that exists.
fn check_error(e: &StoreError, path: &Path, text: &str) -> Result<(), TestCaseError> {
    let shown = e.to_string();
    prop_assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    let lines = text.lines().count().max(1) + 1;
    let line = match e {
        StoreError::Parse { line, col, .. } => {
            prop_assert!(*col >= 1);
            *line
        }
        StoreError::Invalid { line, .. } | StoreError::Version { line, .. } => *line,
        other => return Err(TestCaseError::fail(format!("unexpected error {other}"))),
    };
    prop_assert!(
        (1..=lines).contains(&line),
        "line {line} of {lines}: {shown}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_contacts_loader_accepts_only_valid_files(
        text in prop_oneof![toml_like(), mutated(tables::render_contacts(&sample().contacts))]
    ) {
        let path = Path::new("/data/contacts.toml");
        match tables::parse_contacts(path, &text) {
            Ok(contacts) => {
                // Exactly what the `toml` crate reads from the whole file.
                let whole: ContactsFile = by_toml(&text)?;
                prop_assert_eq!(&contacts, &whole.contact);
                let ids: HashSet<_> = contacts.iter().map(|c| &c.id).collect();
                prop_assert_eq!(ids.len(), contacts.len(), "ids are unique");
                for c in &contacts {
                    prop_assert!(validate::required("name", &c.name).is_ok());
                    prop_assert!(validate::degree(c.degree).is_ok());
                }
                // What loads, saves and loads again the same.
                let again = tables::parse_contacts(path, &tables::render_contacts(&contacts));
                prop_assert_eq!(again.ok().map(|c| c.len()), Some(contacts.len()));
            }
            Err(e) => check_error(&e, path, &text)?,
        }
    }

    #[test]
    fn the_queue_loader_accepts_only_valid_files(
        text in prop_oneof![toml_like(), mutated(tables::render_items(&sample().items))]
    ) {
        let path = Path::new("/data/queue.toml");
        match tables::parse_items(path, &text) {
            Ok(items) => {
                let whole: QueueFile = by_toml(&text)?;
                prop_assert_eq!(&items, &whole.item);
                let ids: HashSet<_> = items.iter().map(|i| &i.id).collect();
                let urls: HashSet<_> = items.iter().map(|i| &i.url).collect();
                prop_assert_eq!(ids.len(), items.len(), "ids are unique");
                prop_assert_eq!(urls.len(), items.len(), "URLs are unique");
                for i in &items {
                    prop_assert!(validate::web_url("url", &i.url).is_ok());
                }
                let again = tables::parse_items(path, &tables::render_items(&items));
                prop_assert_eq!(again.ok().map(|i| i.len()), Some(items.len()));
            }
            Err(e) => check_error(&e, path, &text)?,
        }
    }

    #[test]
    fn the_history_parser_never_panics(
        text in prop_oneof![any::<String>(), mutated(valid_history())]
    ) {
        let path = Path::new("/data/history.jsonl");
        match history_log::parse(path, &text) {
            Ok(entries) => prop_assert_eq!(entries, by_serde_json(&text)?),
            Err(e) => check_error(&e, path, &text)?,
        }
    }

    /// A crash can cut the log at any byte; whatever is left loads, and
    /// holds exactly the entries whose lines are complete.
    #[test]
    fn every_prefix_of_a_valid_log_loads(cut in 0usize..20_000) {
        let text = valid_history();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let prefix = &text[..cut];
        let entries = history_log::parse(Path::new("/h"), prefix)
            .map_err(|e| TestCaseError::fail(format!("cut at {cut}: {e}")))?;
        let complete = prefix.matches('\n').count().saturating_sub(1);
        prop_assert_eq!(entries.len(), complete);
    }

    #[test]
    fn url_normalisation_is_safe_and_idempotent(
        raw in prop_oneof![
            any::<String>(),
            "(https?|HTTPS?|ftp|javascript|)(://|:)[a-zA-Z0-9.\\-\\[\\]:@%]{0,30}(/[a-zA-Z0-9%._~\\-]{0,10}){0,3}(\\?([a-zA-Z_]{1,8}(=[a-zA-Z0-9%+]{0,6})?&?){0,4})?(#[a-z]{0,5})?",
        ]
    ) {
        if let Ok(url) = normalize("url", &raw) {
            prop_assert!(url.starts_with("http://") || url.starts_with("https://"), "{}", url);
            // A fragment is kept only when it says something.
            if let Some((_, fragment)) = url.split_once('#') {
                prop_assert!(!fragment.is_empty() && !fragment.eq_ignore_ascii_case("top"), "{}", url);
            }
            let query = url.split_once('?').map_or("", |(_, q)| q);
            let query = query.split('#').next().unwrap_or_default();
            for pair in query.split('&') {
                let key = pair.split('=').next().unwrap_or_default().to_ascii_lowercase();
                prop_assert!(!key.starts_with("utm_") && key != "fbclid" && key != "gclid", "{}", url);
            }
            prop_assert_eq!(normalize("url", &url), Ok(url.clone()), "normalising twice changes nothing");
        }
    }

    #[test]
    fn field_validation_gives_a_value_within_limits_or_a_reason(s in any::<String>(), n in any::<u32>()) {
        for result in [validate::required("name", &s), validate::optional("role", &s).map(Option::unwrap_or_default)] {
            match result {
                Ok(v) => prop_assert!(v.chars().count() <= validate::MAX_SHORT && v == v.trim()),
                Err(e) => prop_assert!(!e.reason.is_empty()),
            }
        }
        if let Ok(Some(v)) = validate::long_text("notes", &s) {
            prop_assert!(v.chars().count() <= validate::MAX_LONG);
        }
        if let Ok(Some(v)) = validate::email(&s) {
            prop_assert!(v.contains('@') && !v.contains(char::is_whitespace));
        }
        prop_assert_eq!(validate::degree(n as u8).is_ok(), (1..=3).contains(&(n as u8)));
        prop_assert_eq!(validate::cadence(n).is_ok(), (1..=3650).contains(&n));
        let offset = chrono::FixedOffset::east_opt(3600).unwrap();
        let _ = netwerk::domain::when::parse_when(&s, offset);
        if let Ok(link) = Link::parse(&s) {
            prop_assert!(link.url.starts_with("http"));
        }
        let _ = s.parse::<ItemKind>();
        let _ = s.parse::<netwerk::domain::EntryKind>();
    }

    #[test]
    fn templates_parse_or_say_why_and_always_render(
        text in prop_oneof![
            any::<String>(),
            "([a-z ,.!]{0,8}|\\{[a-z_]{0,12}\\}|\\[|\\]|\\{\\{|\\}\\}|\\[\\[|\\]\\]|\\{|\\}|\n){0,20}",
        ],
        value in any::<String>(),
        days in proptest::option::of(any::<i64>()),
    ) {
        match NoteTemplate::new("mine", &[], &text) {
            Err(e) => {
                prop_assert_eq!(&e.template, "mine");
                prop_assert!(!e.message.is_empty());
            }
            Ok(t) => {
                let facts = NoteFacts {
                    first_name: value.clone(),
                    name: value.clone(),
                    company: Some(value.clone()),
                    role: None,
                    title: value.clone(),
                    url: "https://example.com/x".into(),
                    kind: ItemKind::Video,
                    interest: Some(value.clone()),
                    signature: Some(value.clone()),
                    days_since: days,
                    other: Some(netwerk::domain::template::OtherFacts {
                        first_name: value.clone(),
                        name: value.clone(),
                        company: None,
                        role: Some(value.clone()),
                    }),
                    old_company: Some(value.clone()),
                    old_role: None,
                };
                let note = t.render(&facts);
                prop_assert_eq!(t.render(&facts), note, "rendering is deterministic");
                let empty = t.render(&NoteFacts::default());
                for field in Field::ALL {
                    let placeholder = format!("{{{}}}", field.name());
                    prop_assert!(!empty.contains(&placeholder), "{:?} keeps {}", empty, placeholder);
                }
            }
        }
    }
}
