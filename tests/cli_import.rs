//! Imports and exports as a user runs them: given a data directory and an
//! export file, when `netwerk import …` or `netwerk export …` runs, then
//! this summary is printed, this is the exit status and this is on disk.

mod support;

use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use support::Home;
use support::fixtures::import as fixture;

/// What the import tests ask of a home beyond running commands.
trait Scratch {
    fn scratch(&self, name: &str, text: &str) -> String;
    fn snapshot(&self) -> Vec<(String, Vec<u8>)>;
}

impl Scratch for Home {
    /// A file in the scratch directory (outside the data directory).
    fn scratch(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }

    /// Every data file's bytes, to prove a command wrote nothing.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let Ok(dir) = std::fs::read_dir(&self.data) else {
            return Vec::new();
        };
        let mut files: Vec<_> = dir
            .map(|e| e.unwrap().path())
            // The lock and the derived cache are not data.
            .filter(|p| p.file_name().unwrap() != ".lock" && p.is_file())
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

const LINKEDIN_SKIPS: &str = "Skipped:\n  \
     line 7: no name (First Name and Last Name are empty)\n  \
     line 9: duplicate of line 5\n";

#[test]
fn a_linkedin_export_imports_once_and_reimports_unchanged() {
    let env = Home::new();
    let file = fixture("linkedin_connections.csv");
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        format!("Added 6, updated 0, unchanged 0, skipped 2\n{LINKEDIN_SKIPS}")
    );
    let contacts = env.json(&["contact", "list", "--json"]);
    assert_eq!(contacts.len(), 6);
    let ada = contacts
        .iter()
        .find(|c| c["name"] == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada["degree"], 1);
    assert_eq!(ada["state"], "untriaged");
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["role"], "Mathematician, Poet");
    assert_eq!(ada["email"], "ada@example.com");
    assert_eq!(ada["connected"], "2024-03-12");
    assert_eq!(ada["added"], "2026-11-26");
    assert_eq!(
        ada["links"],
        serde_json::json!([{"kind": "linkedin", "url": "https://www.linkedin.com/in/ada-lovelace"}])
    );
    let names: Vec<&str> = contacts
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Zoë Ñúñez") && names.contains(&"Cher"));

    let before = env.snapshot();
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        format!("Added 0, updated 0, unchanged 6, skipped 2\n{LINKEDIN_SKIPS}")
    );
    assert_eq!(env.snapshot(), before, "a re-import rewrites nothing");
}

#[test]
fn a_newer_export_updates_company_and_role_and_keeps_the_rest() {
    let env = Home::new();
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    let old = env.scratch(
        "old.csv",
        &format!(
            "{header}Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Poet,12 Mar 2024\n"
        ),
    );
    env.ok(&["import", "linkedin", &old]);
    env.ok(&["interest", "add", "Ada", "rust"]);
    env.ok(&[
        "contact",
        "edit",
        "Ada",
        "--note",
        "Likes sailing",
        "--cadence",
        "14",
    ]);
    env.ok(&["log", "Ada", "--kind", "touch", "--note", "coffee"]);
    let newer = env.scratch(
        "new.csv",
        &format!(
            "{header}Ada,Lovelace,http://linkedin.com/in/ada/,ada@example.com,\"Babbage & Co\",Poet,12 Mar 2024\n"
        ),
    );
    assert_eq!(
        env.ok(&["import", "linkedin", &newer]),
        "Added 0, updated 1, unchanged 0, skipped 0\nUpdated:\n  \
         line 2: Ada Lovelace: company Engines → Babbage & Co; email ada@example.com\n\
         Moments — a word now means more than any article:\n  \
         Ada Lovelace moved to Babbage & Co as Poet\n  \
         Congratulate: netwerk moment list\n"
    );
    let ada = &env.json(&["contact", "list", "--json"])[0];
    assert_eq!(ada["company"], "Babbage & Co");
    assert_eq!(ada["interests"], serde_json::json!(["rust"]));
    assert_eq!(ada["notes"], "Likes sailing");
    assert_eq!(ada["cadence_days"], 14);
    // The touch made her active; the import leaves that alone.
    assert_eq!(ada["state"], "active");
    // The history keeps the touch and gains the moment the import saw.
    let kinds: Vec<String> = env
        .json(&["history", "--json"])
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(kinds, ["touch", "moment"]);
}

#[test]
fn a_contact_added_by_hand_is_matched_not_duplicated() {
    let env = Home::new();
    env.ok(&[
        "contact",
        "add",
        "Ada",
        "--link",
        "linkedin=https://linkedin.com/in/ada-lovelace/",
    ]);
    let out = env.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    assert!(out.starts_with("Added 5, updated 1, unchanged 0, skipped 2\nUpdated:\n  line 5: Ada: company Analytical Engines; role Mathematician, Poet; email ada@example.com; connected 2024-03-12\n"), "{out}");
    assert_eq!(env.json(&["contact", "list", "--json"]).len(), 6);
}

#[test]
fn malformed_files_are_refused_with_their_line_and_nothing_is_written() {
    let env = Home::new();
    env.ok(&["import", "linkedin", &fixture("linkedin_plain.csv")]);
    env.ok(&["queue", "add", "https://example.com/kept"]);
    let before = env.snapshot();
    let cases = [
        (
            "linkedin",
            "linkedin_unterminated_quote.csv",
            "3: quoted field is never closed (missing `\"`)",
        ),
        (
            "linkedin",
            "linkedin_ragged_row.csv",
            "3: expected 7 fields like the header, found 4",
        ),
        (
            "linkedin",
            "linkedin_wrong_header.csv",
            "1: not a LinkedIn Connections.csv header (no `First Name` column); expected `First Name,Last Name,URL,Email Address,Company,Position,Connected On`",
        ),
        (
            "linkedin",
            "linkedin_mixed_encodings.csv",
            "3: not valid UTF-8 text (was the file saved in another encoding?)",
        ),
        (
            "vcard",
            "vcard_truncated.vcf",
            "5: BEGIN:VCARD without END:VCARD (is the file cut short?)",
        ),
        (
            "pocket",
            "linkedin_plain.csv",
            "1: not a Pocket export header (no `title` column); expected `title,url,time_added,tags,status`",
        ),
    ];
    for (kind, name, message) in cases {
        let file = fixture(name);
        env.run(&["import", kind, &file])
            .code(1)
            .stdout("")
            .stderr(format!("netwerk: {file}:{message}\n"));
        assert_eq!(env.snapshot(), before, "{name} changed the data files");
    }
    env.cmd()
        .args(["import", "urls", "-"])
        .write_stdin(b"https://example.com/a\n\xff\n".to_vec())
        .assert()
        .code(1)
        .stderr(
            "netwerk: stdin:2: not valid UTF-8 text (was the file saved in another encoding?)\n",
        );
    env.run(&["import", "vcard", "/nonexistent/cards.vcf"])
        .code(1)
        .stderr(
            "netwerk: cannot read /nonexistent/cards.vcf: No such file or directory (os error 2)\n",
        );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn dry_run_prints_the_summary_and_writes_nothing() {
    let env = Home::new();
    let file = fixture("linkedin_connections.csv");
    assert_eq!(
        env.ok(&["import", "linkedin", &file, "--dry-run"]),
        format!(
            "Added 6, updated 0, unchanged 0, skipped 2\n{LINKEDIN_SKIPS}Dry run: nothing was written.\n"
        )
    );
    assert!(!env.data.join("contacts.toml").exists());
    env.ok(&["import", "vcard", &fixture("google_3_0.vcf")]);
    let before = env.snapshot();
    let out = env.ok(&["import", "linkedin", &file, "--dry-run"]);
    assert!(out.starts_with("Added 6, "), "{out}");
    env.ok(&["import", "urls", &fixture("reading_list.txt"), "--dry-run"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn urls_come_from_stdin_and_pocket_keeps_topics_and_archive() {
    let env = Home::new();
    let out = env
        .cmd()
        .args(["import", "urls", "-"])
        .write_stdin(std::fs::read(fixture("reading_list.txt")).unwrap())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Added 2, updated 0, unchanged 0, skipped 2\nSkipped:\n  \
         line 5: not an http(s) URL: `example.com/no-scheme`\n  \
         line 7: duplicate of line 4\n"
    );
    assert_eq!(
        env.ok(&["import", "pocket", &fixture("pocket_export.csv")]),
        "Added 1, updated 0, unchanged 2, skipped 2\nSkipped:\n  \
         line 5: not an http(s) URL: `javascript:alert(1)`\n  \
         line 6: duplicate of line 2\n"
    );
    // Listed newest first; the two from stdin share a date, so sort them.
    let items = env.json(&["queue", "list", "--all", "--json"]);
    let mut titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    titles[..2].sort();
    assert_eq!(
        titles,
        [
            "Rust async in depth",
            "knots (example.com)",
            "untitled (example.com)"
        ]
    );
    let untitled = &items[2];
    assert_eq!(untitled["url"], "https://example.com/untitled");
    assert_eq!(untitled["added"], "2023-11-15");

    let fresh = Home::new();
    fresh.ok(&["import", "pocket", &fixture("pocket_export.csv")]);
    let items = fresh.json(&["queue", "list", "--all", "--json"]);
    let knots = items
        .iter()
        .find(|i| i["url"] == "https://example.com/knots")
        .unwrap();
    assert_eq!(knots["title"], "Sailing knots, illustrated");
    assert_eq!(knots["archived"], true);
    let rust = items
        .iter()
        .find(|i| i["title"] == "Rust async in depth")
        .unwrap();
    assert_eq!(rust["url"], "https://example.com/rust-async");
    assert_eq!(rust["topics"], serde_json::json!(["rust", "async"]));
}

#[test]
fn a_vcard_with_a_known_email_merges_into_the_contact() {
    let env = Home::new();
    env.ok(&[
        "contact",
        "add",
        "Grace",
        "--email",
        "Grace@Navy.example",
        "--interest",
        "cobol",
    ]);
    let out = env.ok(&["import", "vcard", &fixture("google_3_0.vcf")]);
    assert_eq!(
        out,
        "Added 1, updated 1, unchanged 0, skipped 0\nUpdated:\n  \
         line 1: Grace: company US Navy; role Rear Admiral; \
         link website http://www.grace-hopper.example/; \
         link facebook https://www.facebook.com/grace.hopper; interest compilers; notes\n"
    );
    let grace = env
        .json(&["contact", "list", "--json"])
        .into_iter()
        .find(|c| c["name"] == "Grace")
        .unwrap();
    assert_eq!(
        grace["interests"],
        serde_json::json!(["cobol", "compilers"])
    );
    assert_eq!(grace["state"], "active");
}

#[test]
fn summary_as_json() {
    let env = Home::new();
    let out = env.ok(&["import", "vcard", &fixture("apple_3_0.vcf"), "--json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["added"][0]["name"], "Ada Lovelace");
    assert_eq!(report["added"][0]["line"], 1);
    assert_eq!(report["added"][1]["name"], "Acme Corp");
    assert_eq!(report["skipped"], serde_json::json!([]));
    assert_eq!(
        report["remarks"],
        serde_json::json!([{"line": 29, "reason": "no name: named by its organisation, Acme Corp"}])
    );
}

/// The fields a round trip through vCard must keep, in a stable order.
fn portable(contacts: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = contacts
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "name": c["name"], "email": c["email"], "company": c["company"],
                "role": c["role"], "links": c["links"], "interests": c["interests"],
                "notes": c["notes"], "connected": c["connected"],
            })
        })
        .collect();
    // Same-named people (LinkedIn's Grace and Google's) sort by content.
    out.sort_by_key(|c| c.to_string());
    out
}

#[test]
fn exported_vcards_import_back_into_an_empty_directory_unchanged() {
    let env = Home::new();
    for (kind, name) in [
        ("linkedin", "linkedin_connections.csv"),
        ("vcard", "apple_3_0.vcf"),
        ("vcard", "google_3_0.vcf"),
        ("vcard", "android_2_1.vcf"),
        ("vcard", "rfc6350_4_0.vcf"),
    ] {
        env.ok(&["import", kind, &fixture(name)]);
    }
    // Matched on e-mail or profile only: LinkedIn's Grace has neither in
    // common with Google's, so they stay two contacts.
    env.ok(&["interest", "add", "Cher", "Café", "climate tech"]);
    env.ok(&[
        "contact",
        "edit",
        "Cher",
        "--note",
        "Line one\nline two; with, punctuation",
    ]);
    let out = env.path("all.vcf");
    let out = out.to_str().unwrap();
    assert_eq!(
        env.ok(&["export", "vcard", "--out", out]),
        format!("Exported 12 contacts to {out}.\n")
    );

    let copy = Home::new();
    assert_eq!(
        copy.ok(&["import", "vcard", out]),
        "Added 12, updated 0, unchanged 0, skipped 0\n"
    );
    let original = portable(env.json(&["contact", "list", "--json"]));
    assert_eq!(original.len(), 12);
    assert_eq!(
        portable(copy.json(&["contact", "list", "--json"])),
        original
    );
    assert_eq!(
        copy.ok(&["import", "vcard", out]),
        "Added 0, updated 0, unchanged 12, skipped 0\n"
    );
}

#[test]
fn exports_go_to_stdout_or_to_owner_only_files() {
    let env = Home::new();
    env.ok(&["import", "linkedin", &fixture("linkedin_plain.csv")]);
    env.ok(&[
        "queue",
        "add",
        "https://example.com/post",
        "--topic",
        "unix",
    ]);
    env.ok(&["log", "Ken", "--kind", "touch", "--note", "call"]);

    let vcf = env.ok(&["export", "vcard"]);
    // Every card names its contact by id: khard refuses a card without a UID.
    let contacts = env.json(&["contact", "list", "--json"]);
    let ken = contacts
        .iter()
        .find(|c| c["name"] == "Ken Thompson")
        .unwrap();
    let ken_id = ken["id"].as_str().unwrap();
    assert!(
        vcf.starts_with(&format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{ken_id}\r\nFN:Ken Thompson\r\n"
        )),
        "{vcf}"
    );
    assert_eq!(
        vcf.matches("\r\nUID:").count(),
        vcf.matches("BEGIN:VCARD").count()
    );
    let csv = env.ok(&["export", "csv"]);
    assert!(csv.starts_with("\u{feff}Name,Company,Role,"), "{csv}");
    assert!(
        csv.contains("\r\nKen Thompson,Google,Distinguished Engineer,"),
        "{csv}"
    );

    let backup: Value = serde_json::from_str(&env.ok(&["export", "json"])).unwrap();
    assert_eq!(backup["format"], 1);
    assert_eq!(backup["contacts"][0]["name"], "Ken Thompson");
    // The touch made Ken active, the default state, which is not written.
    assert_eq!(backup["contacts"][0]["state"], Value::Null);
    let states: Vec<&Value> = backup["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["state"])
        .collect();
    assert!(states[1..].iter().all(|s| *s == "untriaged"), "{states:?}");
    assert_eq!(backup["queue"][0]["topics"], serde_json::json!(["unix"]));
    assert_eq!(backup["history"][0]["note"], "call");

    for (format, name, what) in [
        ("vcard", "out.vcf", "1 contact"),
        ("csv", "out.csv", "1 contact"),
        ("json", "out.json", "1 contact, 1 item and 1 history entry"),
    ] {
        let path = env.path(name);
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let shown = path.to_str().unwrap();
        assert_eq!(
            env.ok(&["export", format, "--out", shown]),
            format!("Exported {what} to {shown}.\n")
        );
        assert_eq!(mode(&path), 0o600, "{name}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            env.ok(&["export", format])
        );
    }
    env.run(&["export", "xml"]).code(2);
}

/// LinkedIn's connection cap: the whole network arrives in one import. The
/// timing bar (seconds, in release) is measured with
/// `examples/connections.rs`; this guards the counts and idempotence at
/// that size, where a quadratic merge would also show up as a timeout.
#[test]
fn thirty_thousand_connections_import_and_reimport_unchanged() {
    let env = Home::new();
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
    for i in 0..30_000 {
        // Every 1000th person shares a name with the one before: different
        // URLs, so still two people.
        let n = if i % 1000 == 1 { i - 1 } else { i };
        csv.push_str(&format!(
            "Person {n},Núñez,https://www.linkedin.com/in/p-{i},,\"Acme, Inc.\",Engineer,12 Mar 2024\r\n"
        ));
    }
    let file = env.scratch("Connections.csv", &csv);
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        "Added 30000, updated 0, unchanged 0, skipped 0\n"
    );
    let before = env.snapshot();
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        "Added 0, updated 0, unchanged 30000, skipped 0\n"
    );
    assert_eq!(env.snapshot(), before);
}
