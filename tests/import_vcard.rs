//! vCard import: given exports from Android, Apple, Google and RFC 6350
//! writers, these are the contacts the importer sees, or the line it refuses
//! the file at.

use netwerk::import::{ImportedContact, LinkKind, Skipped, vcard};

fn links(list: &[(LinkKind, &str)]) -> Vec<(LinkKind, String)> {
    list.iter().map(|(k, u)| (*k, u.to_string())).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn android_2_1_quoted_printable_and_charsets() {
    let parsed = vcard::parse(include_bytes!("fixtures/import/android_2_1.vcf")).unwrap();
    assert_eq!(
        parsed.records,
        [
            ImportedContact {
                line: 1,
                name: "Jörg Müller".into(),
                given_name: Some("Jörg".into()),
                family_name: Some("Müller".into()),
                company: Some("Straßenbau GmbH".into()),
                role: Some("Ingenieur".into()),
                // The bare PREF parameter puts the work address first.
                emails: strings(&["j.mueller@firma.example", "joerg@example.de"]),
                // Joined across the quoted-printable soft line break.
                notes: Some(
                    "Kennengelernt auf der RustFest, sprach über Embedded\nRust und Segeln.".into()
                ),
                ..Default::default()
            },
            ImportedContact {
                line: 17,
                // Raw ISO-8859-1 bytes, decoded through CHARSET.
                name: "José García".into(),
                given_name: Some("José".into()),
                family_name: Some("García".into()),
                links: links(&[(LinkKind::Website, "http://jose.example.es")]),
                ..Default::default()
            },
        ]
    );
    assert_eq!(
        parsed.skipped,
        [Skipped {
            line: 23,
            reason: "no name, organisation or e-mail (FN and N are empty)".into()
        }]
    );
}

#[test]
fn apple_3_0_folding_groups_social_profiles_and_categories() {
    let parsed = vcard::parse(include_bytes!("fixtures/import/apple_3_0.vcf")).unwrap();
    assert_eq!(
        parsed.records[..1],
        [ImportedContact {
            line: 1,
            name: "Ada Lovelace".into(),
            given_name: Some("Ada".into()),
            family_name: Some("Lovelace".into()),
            // ORG:Company;Unit keeps the company.
            company: Some("Analytical Engines Ltd.".into()),
            role: Some("Chief Mathematician".into()),
            emails: strings(&["ada@home.example", "ada@engines.example"]),
            links: links(&[
                (LinkKind::Website, "https://ada.example.org/blog"),
                // item2.X-ABLabel:GitHub names the kind the host doesn't.
                (LinkKind::Github, "https://code.ada.example.org"),
                (
                    LinkKind::Linkedin,
                    "https://www.linkedin.com/in/ada-lovelace"
                ),
                // x-apple:countess with x-user=countess becomes a profile URL.
                (LinkKind::X, "https://x.com/countess"),
            ]),
            interests: strings(&["mathematics", "poetry", "climate tech, policy"]),
            notes: Some(
                "Met at RustConf 2025, talked about\nBernoulli numbers; and sailing. \
                 Apple folds this line at 75 octets, and the fold may fall in a word."
                    .into()
            ),
            ..Default::default()
        }]
    );
    // Apple's company card: no person name at all, so the company names it.
    assert_eq!(
        parsed.records[1],
        ImportedContact {
            line: 29,
            name: "Acme Corp".into(),
            given_name: Some("Acme Corp".into()),
            company: Some("Acme Corp".into()),
            ..Default::default()
        }
    );
    assert!(parsed.skipped.is_empty());
    assert_eq!(
        parsed.remarks,
        [Skipped {
            line: 29,
            reason: "no name: named by its organisation, Acme Corp".into()
        }]
    );
}

#[test]
fn google_3_0_escaped_colons_system_group_and_name_from_n() {
    let parsed = vcard::parse(include_bytes!("fixtures/import/google_3_0.vcf")).unwrap();
    assert_eq!(
        parsed.records,
        [
            ImportedContact {
                line: 1,
                name: "Grace Hopper".into(),
                given_name: Some("Grace".into()),
                family_name: Some("Hopper".into()),
                company: Some("US Navy".into()),
                role: Some("Rear Admiral".into()),
                // The same address in capitals counts once.
                emails: strings(&["grace@navy.example"]),
                links: links(&[
                    (LinkKind::Website, "http://www.grace-hopper.example/"),
                    (LinkKind::Facebook, "https://www.facebook.com/grace.hopper"),
                ]),
                // "myContacts" is Google's system group, not an interest.
                interests: strings(&["compilers", "COBOL"]),
                notes: Some("Invented the first compiler.\nAsk about nanoseconds.".into()),
                ..Default::default()
            },
            ImportedContact {
                line: 18,
                name: "Linus Torvalds".into(),
                given_name: Some("Linus".into()),
                family_name: Some("Torvalds".into()),
                emails: strings(&["linus@kernel.example"]),
                ..Default::default()
            },
        ]
    );
    assert!(parsed.skipped.is_empty());
}

#[test]
fn rfc6350_4_0_pref_ranks_value_uri_and_service_type() {
    let parsed = vcard::parse(include_bytes!("fixtures/import/rfc6350_4_0.vcf")).unwrap();
    assert_eq!(
        parsed.records,
        [ImportedContact {
            line: 1,
            name: "Margaret Hamilton".into(),
            given_name: Some("Margaret".into()),
            family_name: Some("Hamilton".into()),
            company: Some("Hamilton Technologies, Inc.".into()),
            role: Some("Founder".into()),
            emails: strings(&[
                "mh@home.example",
                "m.hamilton@mit.example",
                "margaret@ht.example"
            ]),
            links: links(&[
                (LinkKind::Website, "https://ht.example"),
                (LinkKind::Github, "https://github.com/mhamilton"),
            ]),
            interests: strings(&["software engineering", "space"]),
            notes: Some("Coined \"software engineering\"; led Apollo flight software.".into()),
            ..Default::default()
        }]
    );
}

#[test]
fn truncated_file_is_refused_at_the_open_card() {
    let err = vcard::parse(include_bytes!("fixtures/import/vcard_truncated.vcf")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: BEGIN:VCARD without END:VCARD (is the file cut short?)"
    );
}

#[test]
fn nested_begin_is_refused_where_it_appears() {
    let err = vcard::parse(include_bytes!("fixtures/import/vcard_nested.vcf")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 4: BEGIN:VCARD inside the card that began on line 1 (is its END:VCARD missing?)"
    );
}

#[test]
fn junk_between_cards_is_refused_on_its_line() {
    let err = vcard::parse(include_bytes!("fixtures/import/vcard_junk.vcf")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: text outside a vCard (expected BEGIN:VCARD)"
    );
}

#[test]
fn other_structural_errors() {
    let err = vcard::parse(b"END:VCARD\n").unwrap_err();
    assert_eq!(err.to_string(), "line 1: END:VCARD without BEGIN:VCARD");

    let err = vcard::parse(b"BEGIN:VCARD\nFN:Ada\nnot a property\nEND:VCARD\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: expected a vCard property like `NAME:value`, found `not a property`"
    );

    // Text in no encoding at all (UTF-8 and a legacy byte in one value).
    let err =
        vcard::parse(b"BEGIN:VCARD\nVERSION:3.0\nFN:Zo\xC3\xAB J\xF6rg\nEND:VCARD\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: FN: text in an unknown encoding (not UTF-8, and no CHARSET given); \
         save the file as UTF-8"
    );

    let err = vcard::parse(b"BEGIN:VCARD\nFN;CHARSET=X-KLINGON:Worf\nEND:VCARD\n").unwrap_err();
    assert_eq!(err.to_string(), "line 2: FN: unknown CHARSET `X-KLINGON`");
}

#[test]
fn empty_file_and_blank_lines_hold_no_contacts() {
    assert_eq!(vcard::parse(b"").unwrap().records, []);
    assert_eq!(vcard::parse(b"\r\n\n  \n").unwrap().records, []);
}

#[test]
fn utf16_file_with_byte_order_mark_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let parsed = vcard::parse(&bytes).unwrap();
    assert_eq!(
        parsed.records,
        [ImportedContact {
            line: 1,
            name: "Zoë".into(),
            ..Default::default()
        }]
    );
}
