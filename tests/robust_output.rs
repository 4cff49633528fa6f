//! Hostile text on every path the command line writes. Given a network whose
//! names, companies, roles, titles, topics, interests and notes carry escape
//! sequences (OSC 52 clipboard writes, screen clears), C1 controls, bidi
//! overrides and zero-width characters, when any listing, candidate list,
//! show, JSON, import report or error runs, then none of those bytes reach
//! stdout or stderr — except byte-exact exports into a pipe, which must give
//! the data back exactly, and exports to a terminal, which are sanitised.

mod support;

use serde_json::Value;
use support::{Home, TIMEOUT, netwerk_bin};

/// An OSC 52 write of `rm -rf ~`, a screen clear, C1 CSI, a bidi override
/// and isolate, zero-width space and no-break space, BEL and DEL.
const H: &str = "\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J\u{9b}31m\u{202e}\u{2066}\u{200b}\u{feff}\x7f";

/// The first byte sequence in `bytes` that could act on a terminal or hide
/// text: a C0 control other than a newline, DEL, a C1 control, a bidi
/// control or a zero-width character.
fn unsafe_bytes(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .find(|&(_, c)| {
            (c < ' ' && c != '\n')
                || c == '\x7f'
                || ('\u{80}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ('\u{200b}'..='\u{200f}').contains(&c)
                || c == '\u{feff}'
                || c == '\u{61c}'
        })
        .map(|(at, c)| {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            format!("{c:?} after {:?}", &text[from..at])
        })
}

/// Runs `netwerk ARGS` and checks both streams; returns stdout.
fn safe(home: &Home, args: &[&str]) -> (String, Option<i32>) {
    let out = home.cmd().args(args).output().unwrap();
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(found) = unsafe_bytes(bytes) {
            panic!(
                "netwerk {}: {stream} carries {found}\n{}",
                args.join(" "),
                String::from_utf8_lossy(bytes)
            );
        }
    }
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    (text, out.status.code())
}

/// A LinkedIn export whose every field is hostile: two people named Eve
/// (so "eve" is ambiguous), one with a name across two lines, a row with
/// no name (skipped) and one with a bad e-mail address.
fn linkedin_csv(company: &str) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for (first, last, url, email) in [
        (
            format!("Eve{H}"),
            "One".to_string(),
            "https://www.linkedin.com/in/eve-one",
            "",
        ),
        (
            format!("Eve{H}"),
            "Two".to_string(),
            "https://www.linkedin.com/in/eve-two",
            "",
        ),
        (
            "Zed\r\nForged line".to_string(),
            format!("Z{H}"),
            "https://www.linkedin.com/in/zed",
            "",
        ),
        (
            String::new(),
            String::new(),
            "https://www.linkedin.com/in/nobody",
            "",
        ),
        (
            "Mal".to_string(),
            "Formed".to_string(),
            "https://www.linkedin.com/in/mal",
            "mal@",
        ),
    ] {
        csv.push_str(&format!(
            "{},{},{},{},{},{},12 Mar 2024\n",
            q(&first),
            q(&last),
            url,
            q(&format!("{email}{}", if email.is_empty() { "" } else { H })),
            q(&format!("{company}{H}")),
            q(&format!("Chief {H} officer")),
        ));
    }
    csv
}

/// A home holding the hostile network, built through the command line.
fn hostile() -> (Home, tempfile::TempDir) {
    let home = Home::new();
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("Connections.csv");
    std::fs::write(&csv, linkedin_csv("Acme")).unwrap();
    safe(&home, &["import", "linkedin", csv.to_str().unwrap()]);
    for (url, title) in [
        ("https://example.com/one", format!("Post{H} one")),
        ("https://example.com/two", format!("Post{H} two")),
    ] {
        let (_, code) = safe(
            &home,
            &[
                "queue",
                "add",
                url,
                "--title",
                &title,
                "--topic",
                &format!("rust{H}"),
            ],
        );
        assert_eq!(code, Some(0));
    }
    // One Eve is due: active, every day, never touched.
    let two = id_of(&home, "Eve", "Two");
    safe(
        &home,
        &[
            "contact",
            "edit",
            &two,
            "--state",
            "active",
            "--cadence",
            "1",
        ],
    );
    safe(&home, &["interest", "add", &two, &format!("rust{H}")]);
    safe(
        &home,
        &[
            "contact",
            "add",
            "Nina\nForged line",
            "--note",
            &format!("a\nb{H}"),
        ],
    );
    (home, files)
}

/// Whether a string somewhere in `value` contains `needle`.
fn holds(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(s) => s.contains(needle),
        Value::Array(a) => a.iter().any(|v| holds(v, needle)),
        Value::Object(o) => o.values().any(|v| holds(v, needle)),
        _ => false,
    }
}

fn id_of(home: &Home, name_prefix: &str, last: &str) -> String {
    let contacts = home.json(&["contact", "list", "--json"]);
    contacts
        .iter()
        .find(|c| {
            let name = c["name"].as_str().unwrap();
            name.starts_with(name_prefix) && name.ends_with(last)
        })
        .map(|c| c["id"].as_str().unwrap().to_string())
        .expect("the contact")
}

fn item_id(home: &Home, suffix: &str) -> String {
    let items = home.json(&["queue", "list", "--json"]);
    items
        .iter()
        .find(|i| i["title"].as_str().unwrap().ends_with(suffix))
        .map(|i| i["id"].as_str().unwrap().to_string())
        .expect("the item")
}

#[test]
fn every_listing_show_report_and_candidate_list_is_sanitised() {
    let (home, files) = hostile();
    let eve = id_of(&home, "Eve", "One");
    let post = item_id(&home, "one");
    for args in [
        vec!["interest", "add", &eve, &format!("sail{H}")],
        vec![
            "log",
            &eve,
            "--kind",
            "touch",
            "--note",
            &format!("coffee{H}\nsecond line"),
        ],
    ] {
        let (_, code) = safe(&home, &args);
        assert_eq!(code, Some(0), "{args:?}");
    }
    // The note goes out by the last-resort file, whose report shows it.
    home.write_config("[clipboard]\nmethod = \"file\"\n");
    let (shared, code) = safe(
        &home,
        &["share", &eve, &post, "--note", &format!("note {H}")],
    );
    assert_eq!(code, Some(0), "{shared}");
    assert!(shared.contains("note ␛]52;c;"), "{shared}");

    let listings: &[&[&str]] = &[
        &["contact", "list"],
        &["contact", "show", &eve],
        &["interest", "list"],
        &["queue", "list"],
        &["history"],
        &["due"],
        &["suggest"],
        &["stats"],
        &["search", "eve"],
    ];
    for args in listings {
        let (out, _) = safe(&home, args);
        assert!(out.contains('␛') || out.contains("⟨U+"), "{args:?}: {out}");
    }
    let (list, _) = safe(&home, &["contact", "list"]);
    assert!(
        list.contains("Eve␛]52;c;cm0gLXJmIH4K␇␛[2J⟨U+009B⟩31m⟨U+202E⟩"),
        "{list}"
    );
    assert!(
        list.contains("Nina⏎Forged line"),
        "a name cannot forge a line: {list}"
    );

    // Candidate lists of an ambiguous query, and a query that matches
    // nothing, on every command that resolves one.
    let ambiguous: &[&[&str]] = &[
        &["contact", "show", "eve"],
        &["contact", "edit", "eve", "--company", "X"],
        &["contact", "rm", "eve"],
        &["interest", "add", "eve", "x"],
        &["interest", "rm", "eve", "x"],
        &["log", "eve", "--kind", "touch"],
        &["share", "eve", &post, "--print"],
        &["share", &eve, "post", "--print"],
        &["queue", "rm", "post"],
        &["queue", "archive", "post"],
        &["queue", "edit", "post", "--kind", "video"],
        &["history", "--contact", "eve"],
    ];
    for args in ambiguous {
        let (out, code) = safe(&home, args);
        assert_eq!(code, Some(1), "{args:?}: {out}");
        assert!(out.contains("matches 2 records:"), "{args:?}: {out}");
        assert!(out.contains('␛'), "{args:?}: {out}");
    }
    let (out, code) = safe(&home, &["contact", "show", &format!("nobody{H}")]);
    assert_eq!(code, Some(1));
    assert!(out.contains("no contact matches"), "{out}");
    let (out, code) = safe(&home, &["interest", "rm", &eve, &format!("knitting{H}")]);
    assert_eq!(code, Some(1), "{out}");
    let (out, code) = safe(&home, &["queue", "add", "https://example.com/one"]);
    assert_eq!(code, Some(1), "an existing title is quoted: {out}");
    assert!(out.contains("Post␛"), "{out}");
    let (out, code) = safe(&home, &["share", &eve, &post, "--print"]);
    assert_eq!(code, Some(1), "already sent, quoting the title: {out}");

    // The import report: an update, a skipped row and a dry run.
    let csv = files.path().join("Connections-2.csv");
    std::fs::write(&csv, linkedin_csv("Initech")).unwrap();
    let (report, code) = safe(
        &home,
        &["import", "linkedin", csv.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("Updated:") && report.contains("Skipped:"),
        "{report}"
    );
    assert!(report.contains("Initech␛"), "{report}");
    // A malformed import file quotes nothing raw either.
    let bad = files.path().join(format!("bad{H}.vcf"));
    std::fs::write(&bad, format!("BEGIN:VCARD\nFN:{H}\n")).unwrap();
    let (out, code) = safe(&home, &["import", "vcard", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    // A usage error quoting an argument.
    let (_, code) = safe(&home, &["contact", "list", &format!("--state={H}")]);
    assert_eq!(code, Some(1));
    let (_, code) = safe(&home, &["contact", &format!("nonsense{H}")]);
    assert_eq!(code, Some(2));
}

#[test]
fn json_escapes_what_could_act_on_a_terminal_and_decodes_to_the_exact_data() {
    let (home, _files) = hostile();
    let eve = id_of(&home, "Eve", "One");
    let post = item_id(&home, "one");
    safe(
        &home,
        &[
            "log",
            &eve,
            "--kind",
            "touch",
            "--note",
            &format!("coffee{H}"),
        ],
    );
    home.run(&[
        "share",
        &eve,
        &post,
        "--note",
        &format!("hi {H}"),
        "--print",
    ])
    .success();
    let listings: &[&[&str]] = &[
        &["contact", "list", "--json"],
        &["contact", "show", &eve, "--json"],
        &["interest", "list", "--json"],
        &["queue", "list", "--json"],
        &["history", "--json"],
        &["due", "--json"],
        &["suggest", "--json"],
        &["stats", "--json"],
        &["search", "eve", "--json"],
    ];
    for args in listings {
        let (out, code) = safe(&home, args);
        assert_eq!(code, Some(0), "{args:?}: {out}");
        let value: Value = serde_json::from_str(&out).expect("valid JSON");
        assert!(out.contains("\\u009b"), "{args:?}: C1 is escaped: {out}");
        assert!(out.contains("\\u202e"), "{args:?}: bidi is escaped: {out}");
        assert!(holds(&value, H), "{args:?} decodes to the data: {out}");
    }
    let contacts = home.json(&["contact", "list", "--json"]);
    let eve = contacts.iter().find(|c| c["id"] == eve.as_str()).unwrap();
    assert_eq!(eve["name"], format!("Eve{H} One"));
    assert_eq!(eve["company"], format!("Acme{H}"));
    assert_eq!(eve["role"], format!("Chief {H} officer"));
    let csv = _files.path().join("Connections.csv");
    let out = home
        .cmd()
        .args([
            "import",
            "linkedin",
            csv.to_str().unwrap(),
            "--dry-run",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(unsafe_bytes(&out.stdout), None);
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(holds(&report, H), "{report}");
}

#[test]
fn doctor_and_load_errors_quote_paths_and_files_harmlessly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join(format!("data{H}"));
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("netwerk")
            .unwrap()
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("NETWERK_NOW", support::home::NOW)
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .env("XDG_STATE_HOME", tmp.path().join("state"))
            .output()
            .unwrap();
        for bytes in [&out.stdout, &out.stderr] {
            if let Some(found) = unsafe_bytes(bytes) {
                panic!(
                    "{args:?} carries {found}: {}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
        (String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr)).into_owned()
    };
    assert!(run(&["contact", "add", &format!("Ada{H}")]).contains("Added Ada␛"));
    assert!(run(&["doctor"]).contains("data␛]52"));
    // A hand edit that breaks the file, on a line full of escapes.
    let contacts = data.join("contacts.toml");
    let text = std::fs::read_to_string(&contacts).unwrap();
    std::fs::write(&contacts, format!("{text}\n{H} = [\n")).unwrap();
    for args in [&["doctor"][..], &["contact", "list"], &["search", "ada"]] {
        let out = run(args);
        assert!(out.contains("contacts.toml"), "{args:?}: {out}");
    }
}

#[test]
fn exports_and_printed_notes_into_a_pipe_are_byte_exact() {
    let (home, _files) = hostile();
    let eve = id_of(&home, "Eve", "One");
    let post = item_id(&home, "one");
    let note = format!("hi {H}\nline two\r\nend");
    // The dry run shows the note it would send, exactly too.
    let out = home
        .cmd()
        .args(["share", &eve, &post, "--note", &note, "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(
        out.stdout,
        format!("{note}\n").as_bytes(),
        "the note, exactly"
    );
    assert_eq!(unsafe_bytes(&out.stderr), None);

    let out = home
        .cmd()
        .args(["share", &eve, &post, "--note", &note, "--print"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        format!("{note}\n").as_bytes(),
        "the note, exactly"
    );
    assert_eq!(unsafe_bytes(&out.stderr), None);

    // vCard escapes `;` as its format says; nothing else changes.
    for (format, company) in [
        ("csv", format!("Acme{H}")),
        ("vcard", format!("Acme{}", H.replace(';', "\\;"))),
    ] {
        let out = home.cmd().args(["export", format]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(&company), "{format}: exact bytes: {text}");
    }
    let out = home.cmd().args(["export", "json"]).output().unwrap();
    let backup: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = backup["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&format!("Eve{H} One").as_str()), "{names:?}");
    assert_eq!(
        unsafe_bytes(&out.stdout),
        None,
        "JSON escapes even into a pipe"
    );
}

#[test]
fn exports_and_printed_notes_on_a_terminal_are_sanitised() {
    let (home, _files) = hostile();
    let eve = id_of(&home, "Eve", "One");
    let post = item_id(&home, "one");
    let data = home.data.to_str().unwrap().to_string();
    let note = format!("hi {H}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["--data", &data, "export", "csv"],
        vec!["--data", &data, "export", "vcard"],
        vec!["--data", &data, "export", "json"],
        vec![
            "--data", &data, "share", &eve, &post, "--note", &note, "--print",
        ],
    ];
    for args in runs {
        let mut pty = home.spawn(netwerk_bin(), &args, &[], 200, 50);
        let status = pty.wait_exit(TIMEOUT).expect("it finishes");
        assert!(status.success(), "{args:?}: {}", pty.describe());
        let raw = pty.raw_output();
        // The terminal turns each newline into CR LF; nothing else is a
        // control character.
        let raw: Vec<u8> = String::from_utf8_lossy(&raw).replace("\r\n", "\n").into();
        if let Some(found) = unsafe_bytes(&raw) {
            panic!("{args:?} on a terminal carries {found}");
        }
        let shown = String::from_utf8_lossy(&raw);
        assert!(
            shown.contains("␛]52") || shown.contains("\\u001b]52"),
            "{args:?}: {shown}"
        );
    }
}

#[test]
fn an_id_outside_the_rule_is_refused_with_its_place() {
    let home = Home::new();
    home.run(&["contact", "add", "Ada"]).success();
    let contacts = home.file("contacts.toml");
    let text = std::fs::read_to_string(&contacts).unwrap();
    let id = id_of(&home, "Ada", "Ada");
    for bad in [
        "c\\u001b]52;c;eA==\\u0007",
        "c\u{9b}31m",
        "c\u{202e}x",
        "a b",
        "",
        "-rf",
    ] {
        std::fs::write(&contacts, text.replace(&id, bad)).unwrap();
        let (out, code) = safe(&home, &["contact", "list"]);
        assert_eq!(code, Some(1), "{bad:?}: {out}");
        assert!(
            out.contains("contacts.toml:5:6: "),
            "{bad:?}: path:line:col: {out}"
        );
        let (_, code) = safe(&home, &["search", "ada"]);
        assert_eq!(code, Some(1), "the search cache reads the same file");
    }
    std::fs::write(&contacts, text.replace(&id, "ada-lovelace_1.x")).unwrap();
    home.run(&["contact", "show", "ada-lovelace_1.x"]).success();

    // History: the entry's own id and the contact it names.
    std::fs::write(&contacts, &text).unwrap();
    home.run(&["log", &id, "--kind", "touch"]).success();
    let history = home.file("history.jsonl");
    let log = std::fs::read_to_string(&history).unwrap();
    let entry = log.lines().nth(1).unwrap().to_string();
    let entry_id = serde_json::from_str::<Value>(&entry).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (from, to) in [
        (entry_id.as_str(), "h\\u009b1"),
        (id.as_str(), "c\u{202e}1"),
    ] {
        std::fs::write(&history, log.replacen(from, to, 1)).unwrap();
        let (out, code) = safe(&home, &["history"]);
        assert_eq!(code, Some(1), "{to:?}: {out}");
        assert!(out.contains("history.jsonl:2:"), "{to:?}: {out}");
    }
}
