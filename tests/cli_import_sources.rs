//! Exports as other programs really write them: given a file from Outlook,
//! KDE, Evolution, Nextcloud, Google or an older LinkedIn, when
//! `netwerk import …` runs, then people come in under their own names,
//! with nothing real refused or lost, and importing again changes nothing.

mod support;

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use support::fixtures::import as fixture;
use support::home::Home;

/// A file next to the data directory, outside it.
fn scratch(env: &Home, name: &str, bytes: &[u8]) -> String {
    let path: PathBuf = env.data.with_file_name(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// Each contact as `(name, first_name, last_name)`, sorted by name.
fn names(env: &Home) -> Vec<(String, String, Option<String>)> {
    let mut out: Vec<_> = env
        .json(&["contact", "list", "--json"])
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["first_name"].as_str().unwrap().to_string(),
                c["last_name"].as_str().map(str::to_string),
            )
        })
        .collect();
    out.sort();
    out
}

fn contact(env: &Home, name: &str) -> Value {
    env.json(&["contact", "list", "--json"])
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no contact named {name}"))
}

fn name(n: &str, first: &str, last: Option<&str>) -> (String, String, Option<String>) {
    (n.into(), first.into(), last.map(str::to_string))
}

#[test]
fn names_come_from_n_or_are_read_sensibly_from_the_display_name() {
    let env = Home::new();
    env.ok(&["import", "vcard", &fixture("outlook_2_1.vcf")]);
    env.ok(&["import", "vcard", &fixture("kde_evolution_3_0.vcf")]);
    assert_eq!(
        names(&env),
        [
            // Named by their organisation or address (see below).
            name("Herr Heiko Mustermann", "Heiko", Some("Mustermann")),
            name("Mr. John Doe", "John", Some("Doe")),
            name("Mustermann, Heiko", "Heiko", Some("Mustermann")),
            name("Nextcloud GmbH", "Nextcloud GmbH", None),
            name("Wile E. Coyote", "Wile", Some("Coyote")),
            name("info@bakery.example", "info@bakery.example", None),
            name("山田 太郎", "太郎", Some("山田")),
            name("王芳", "芳", Some("王")),
        ]
    );
}

#[test]
fn a_note_greets_the_given_name_from_n() {
    let env = Home::new();
    // The display name is a title: only `N` knows what to call her.
    let card = scratch(
        &env,
        "ada.vcf",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Countess of Lovelace\r\n\
          N:King;Augusta Ada;;Countess;\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", "vcard", &card]);
    env.ok(&[
        "queue",
        "add",
        "https://example.com/post",
        "--title",
        "Post",
    ]);
    let note = env.ok(&["share", "Lovelace", "Post", "--print"]);
    assert!(note.starts_with("Hi Augusta Ada,"), "{note}");
}

#[test]
fn vcard_2_1_quirks_are_read_not_refused() {
    let env = Home::new();
    // An unindented photo up to a blank line, `X-messaging/twitter-All`,
    // `item1.BEGIN:VCARD`, a work URL without a scheme.
    assert_eq!(
        env.ok(&["import", "vcard", &fixture("outlook_2_1.vcf")]),
        "Added 2, updated 0, unchanged 0, skipped 0\n"
    );
    let heiko = contact(&env, "Herr Heiko Mustermann");
    assert_eq!(heiko["company"], "Beispiel AG");
    assert_eq!(heiko["role"], "Leiter Einkauf");
    assert_eq!(heiko["email"], "heiko@example.de");
    assert_eq!(
        heiko["links"],
        serde_json::json!([{"kind": "website", "url": "https://example.de/"}])
    );
    assert_eq!(
        contact(&env, "Wile E. Coyote")["links"][0]["url"],
        "https://www.acme.example/coyote"
    );
    assert_eq!(
        env.ok(&["import", "vcard", &fixture("outlook_2_1.vcf")]),
        "Added 0, updated 0, unchanged 2, skipped 0\n"
    );
}

#[test]
fn an_undeclared_legacy_code_page_is_detected() {
    let env = Home::new();
    env.ok(&["import", "vcard", &fixture("outlook_2_1_cp1251.vcf")]);
    let ivan = contact(&env, "Иван Петров");
    assert_eq!(ivan["first_name"], "Иван");
    assert_eq!(ivan["last_name"], "Петров");
    assert_eq!(ivan["company"], "Рога и копыта");
    assert_eq!(ivan["role"], "Генеральный директор");
    assert_eq!(ivan["notes"], "Познакомились на конференции в Москве");
}

#[test]
fn text_in_no_encoding_is_refused_and_nothing_is_written() {
    let env = Home::new();
    let file = scratch(
        &env,
        "broken.vcf",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Zo\xC3\xAB J\xF6rg\nEND:VCARD\n",
    );
    env.run(&["import", "vcard", &file])
        .failure()
        .stderr(predicates::str::contains(
            "broken.vcf:3: FN: text in an unknown encoding (not UTF-8, and no CHARSET given); \
             save the file as UTF-8",
        ));
    assert_eq!(
        env.json(&["contact", "list", "--json"]),
        Vec::<Value>::new()
    );
}

#[test]
fn nameless_cards_with_an_organisation_or_email_are_kept_and_reported() {
    let env = Home::new();
    assert_eq!(
        env.ok(&["import", "vcard", &fixture("kde_evolution_3_0.vcf")]),
        "Added 6, updated 0, unchanged 0, skipped 1\n\
         Kept, but note:\n\
         \x20 line 23: no name: named by its organisation, Nextcloud GmbH\n\
         \x20 line 30: no name: named by its e-mail address, info@bakery.example\n\
         Skipped:\n\
         \x20 line 34: no name, organisation or e-mail (FN and N are empty)\n"
    );
    assert_eq!(
        contact(&env, "Nextcloud GmbH")["links"][0]["url"],
        "https://nextcloud.example/"
    );
    assert_eq!(
        contact(&env, "info@bakery.example")["email"],
        "info@bakery.example"
    );
    assert!(
        env.ok(&["import", "vcard", &fixture("kde_evolution_3_0.vcf")])
            .starts_with("Added 0, updated 0, unchanged 6, skipped 1\n")
    );
}

#[test]
fn an_older_linkedin_export_without_urls_is_keyed_by_email_else_name_and_company() {
    let env = Home::new();
    let file = fixture("linkedin_2019.csv");
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        "Added 4, updated 0, unchanged 0, skipped 0\n"
    );
    let connected: Vec<(String, String, String)> = env
        .json(&["contact", "list", "--json"])
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["company"].as_str().unwrap_or("").into(),
                c["connected"].as_str().unwrap().into(),
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // Two people of one name at two employers stay two.
    assert_eq!(
        connected,
        [
            (
                "Ada Lovelace".into(),
                "Analytical Engines".into(),
                "2018-01-08".into()
            ),
            (
                "Grace Hopper".into(),
                "Harvard University".into(),
                "2024-03-12".into()
            ),
            ("Grace Hopper".into(), "US Navy".into(), "2026-01-05".into()),
            ("Linus Torvalds".into(), "".into(), "2021-06-30".into()),
        ]
    );
    assert_eq!(
        env.ok(&["import", "linkedin", &file]),
        "Added 0, updated 0, unchanged 4, skipped 0\n"
    );
}

/// `text` as a spreadsheet saves "Unicode text": UTF-16LE with a BOM.
fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn spreadsheet_resaves_in_utf16_windows_1252_or_mac_roman_are_decoded() {
    let env = Home::new();
    let tabs = "First Name\tLast Name\tURL\tEmail Address\tCompany\tPosition\tConnected On\r\n\
                Zoë\tÑúñez\thttps://www.linkedin.com/in/zoe\t\tCafé Ltd\tBarista\t03/12/2024\r\n";
    let semicolons = b"First Name;Last Name;Email Address;Company;Position;Connected On\r\n\
                       Jos\xe9;Garc\xeda;jose@example.es;Telef\xf3nica;Ingeniero;12.03.2024\r\n";
    env.ok(&[
        "import",
        "linkedin",
        &scratch(&env, "unicode.txt", &utf16le(tabs)),
    ]);
    env.ok(&[
        "import",
        "linkedin",
        &scratch(&env, "excel.csv", semicolons),
    ]);
    // Excel for Mac's plain "CSV" is Mac Roman.
    let mac = b"First Name,Last Name,Email Address,Company,Position,Connected On\r\n\
                Jos\x8e,Mu\x96oz,jmunoz@example.es,Caf\x8e M\x9fller,Barista,12 Mar 2024\r\n";
    env.ok(&["import", "linkedin", &scratch(&env, "mac.csv", mac)]);
    assert_eq!(contact(&env, "José Muñoz")["company"], "Café Müller");
    let zoe = contact(&env, "Zoë Ñúñez");
    assert_eq!(zoe["company"], "Café Ltd");
    assert_eq!(zoe["connected"], "2024-03-12");
    let jose = contact(&env, "José García");
    assert_eq!(jose["company"], "Telefónica");
    assert_eq!(jose["connected"], "2024-03-12");
}

/// A zip like LinkedIn's data archive: `Connections.csv` among others.
fn archive(connections: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("Profile.csv", &b"First Name,Last Name\r\nSam,Doe\r\n"[..]),
        ("Connections.csv", connections),
        ("messages.csv", b"CONVERSATION ID,FROM\r\n1,Ada\r\n"),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn linkedins_data_archive_is_read_directly() {
    let env = Home::new();
    let csv = std::fs::read(fixture("linkedin_connections.csv")).unwrap();
    let zip = scratch(
        &env,
        "Basic_LinkedInDataExport_12-07-2026.zip",
        &archive(&csv),
    );
    let from_zip = env.ok(&["import", "linkedin", &zip]);
    let plain = Home::new();
    assert_eq!(
        plain.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]),
        from_zip
    );
    assert_eq!(names(&env), names(&plain));
    assert!(from_zip.starts_with("Added 6,"), "{from_zip}");

    let other = scratch(&env, "photos.zip", &{
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap().into_inner()
    });
    env.run(&["import", "linkedin", &other])
        .code(1)
        .stderr(predicates::str::contains(
            "photos.zip:1: no Connections.csv in this zip archive (is it LinkedIn's data export?)",
        ));

    let workbook = scratch(&env, "Connections.xlsx", &{
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for name in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
        }
        zip.finish().unwrap().into_inner()
    });
    env.run(&["import", "linkedin", &workbook])
        .code(1)
        .stderr(predicates::str::contains(
            "Connections.xlsx:1: an Excel workbook, not CSV: save it as \"CSV UTF-8\" and import that",
        ));
}

#[test]
fn google_contacts_csv_in_the_current_and_the_older_header() {
    let env = Home::new();
    assert_eq!(
        env.ok(&["import", "google", &fixture("google_contacts.csv")]),
        "Added 3, updated 0, unchanged 0, skipped 0\n\
         Kept, but note:\n\
         \x20 line 3: no name: named by its organisation, Acme Corp\n\
         \x20 line 4: no name: named by its e-mail address, someone@example.net\n"
    );
    let ada = contact(&env, "Dr. Ada Augusta Lovelace");
    assert_eq!(
        (&ada["first_name"], &ada["last_name"]),
        (&"Ada".into(), &"Lovelace".into())
    );
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["role"], "Mathematician");
    // The starred label is the preferred address.
    assert_eq!(ada["email"], "ada@work.example");
    assert_eq!(ada["interests"], serde_json::json!(["Friends", "Rust"]));
    assert_eq!(ada["notes"], "Met at the Difference Engine demo");
    assert_eq!(
        ada["links"],
        serde_json::json!([
            {"kind": "linkedin", "url": "https://www.linkedin.com/in/ada"},
            {"kind": "website", "url": "https://ada.example/"},
        ])
    );

    assert_eq!(
        env.ok(&["import", "google", &fixture("google_contacts_legacy.csv")]),
        "Added 1, updated 0, unchanged 0, skipped 0\n"
    );
    let grace = contact(&env, "Grace Hopper");
    assert_eq!(grace["first_name"], "Grace");
    assert_eq!(grace["company"], "US Navy");
    assert_eq!(grace["role"], "Rear Admiral");
    assert_eq!(grace["email"], "grace@navy.example");
    assert_eq!(grace["interests"], serde_json::json!(["Navy"]));
    assert_eq!(grace["links"][0]["url"], "https://github.com/grace");

    for file in ["google_contacts.csv", "google_contacts_legacy.csv"] {
        assert!(
            env.ok(&["import", "google", &fixture(file)])
                .starts_with("Added 0, updated 0, unchanged "),
            "{file}"
        );
    }
    env.run(&["import", "google", &fixture("pocket_export.csv")])
        .code(1)
        .stderr(predicates::str::contains(
            "pocket_export.csv:1: not a Google Contacts CSV header",
        ));
}

#[test]
fn the_given_name_can_be_set_by_hand_and_a_new_name_forgets_it() {
    let env = Home::new();
    env.ok(&["contact", "add", "Countess of Lovelace"]);
    assert_eq!(
        contact(&env, "Countess of Lovelace")["first_name"],
        "Countess"
    );
    env.ok(&[
        "contact",
        "edit",
        "Lovelace",
        "--given-name",
        "Augusta Ada",
        "--family-name",
        "King",
    ]);
    let ada = contact(&env, "Countess of Lovelace");
    assert_eq!(
        (&ada["first_name"], &ada["last_name"]),
        (&"Augusta Ada".into(), &"King".into())
    );
    env.ok(&["contact", "edit", "Lovelace", "--name", "Ada Lovelace"]);
    let ada = contact(&env, "Ada Lovelace");
    assert_eq!(
        (&ada["first_name"], &ada["last_name"]),
        (&"Ada".into(), &"Lovelace".into())
    );
}

#[test]
fn a_home_page_that_is_no_web_address_is_reported_not_dropped_in_silence() {
    let env = Home::new();
    let card = scratch(
        &env,
        "kde.vcf",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nURL:ada.example\nURL:my homepage\nEND:VCARD\n",
    );
    assert_eq!(
        env.ok(&["import", "vcard", &card]),
        "Added 1, updated 0, unchanged 0, skipped 0\n\
         Kept, but note:\n\
         \x20 line 1: URL \"my homepage\" is not a web address; left out\n"
    );
    assert_eq!(
        contact(&env, "Ada Lovelace")["links"],
        serde_json::json!([{"kind": "website", "url": "https://ada.example/"}])
    );
}

#[test]
fn an_organisations_own_card_is_greeted_by_its_whole_name() {
    let env = Home::new();
    let card = scratch(
        &env,
        "apple.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Acme Corp\r\nORG:Acme Corp;\r\n\
          X-ABShowAs:COMPANY\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", "vcard", &card]);
    let kind = scratch(
        &env,
        "org.vcf",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Rust Foundation\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", "vcard", &kind]);
    assert_eq!(
        contact(&env, "Rust Foundation")["first_name"],
        "Rust Foundation"
    );
    let acme = contact(&env, "Acme Corp");
    assert_eq!(
        (&acme["first_name"], &acme["last_name"]),
        (&"Acme Corp".into(), &Value::Null)
    );
}
