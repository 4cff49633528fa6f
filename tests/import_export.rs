//! Exports: vCard 4.0 that our own importer reads back unchanged, and a
//! spreadsheet-safe CSV.

use chrono::NaiveDate;
use netwerk::domain::ContactState;
use netwerk::import::{ImportedContact, LinkKind, NetwerkFields, csv_export, vcard};
use proptest::prelude::*;

fn ada() -> ImportedContact {
    ImportedContact {
        line: 0,
        name: "Ada Lovelace".into(),
        given_name: Some("Ada".into()),
        family_name: Some("Lovelace".into()),
        company: Some("Analytical Engines, Ltd.".into()),
        role: Some("=Chief; Mathematician".into()),
        emails: vec!["ada@home.example".into(), "ada@work.example".into()],
        links: vec![
            (LinkKind::Linkedin, "https://www.linkedin.com/in/ada".into()),
            (LinkKind::Website, "https://ada.example/blog?a=1,2".into()),
            (LinkKind::Website, "https://github.com/ada-as-site".into()),
            (LinkKind::Other, "mailto:ada@example.com".into()),
        ],
        interests: vec!["rust".into(), "climate tech, policy".into()],
        notes: Some("Met at RustConf.\nLikes C:\\paths; and \"quotes\".".into()),
        connected: NaiveDate::from_ymd_opt(2024, 3, 12),
        uid: Some("ckada2026".into()),
        netwerk: Default::default(),
    }
}

#[test]
fn vcard_export_looks_like_rfc6350() {
    let text = vcard::write(&[ada()]);
    assert_eq!(
        text,
        "BEGIN:VCARD\r\n\
         VERSION:4.0\r\n\
         UID:ckada2026\r\n\
         FN:Ada Lovelace\r\n\
         N:Lovelace;Ada;;;\r\n\
         ORG:Analytical Engines\\, Ltd.\r\n\
         TITLE:=Chief\\; Mathematician\r\n\
         EMAIL;PREF=1:ada@home.example\r\n\
         EMAIL:ada@work.example\r\n\
         X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada\r\n\
         URL:https://ada.example/blog?a=1,2\r\n\
         URL;TYPE=website:https://github.com/ada-as-site\r\n\
         URL:mailto:ada@example.com\r\n\
         CATEGORIES:rust,climate tech\\, policy\r\n\
         NOTE:Met at RustConf.\\nLikes C:\\\\paths\\; and \"quotes\".\r\n\
         X-NETWERK-CONNECTED:2024-03-12\r\n\
         END:VCARD\r\n"
    );
    let back = vcard::parse(text.as_bytes()).unwrap();
    assert_eq!(back.records, [ImportedContact { line: 1, ..ada() }]);
}

#[test]
fn csv_export_is_rfc4180_with_formula_guard() {
    let text = csv_export::write(&[ada()]);
    assert_eq!(
        text,
        "\u{feff}Name,Company,Role,Email,Other Emails,LinkedIn,Facebook,Website,GitHub,X,Other Links,Interests,Notes,Connected,Mastodon,Bluesky,YouTube\r\n\
         Ada Lovelace,\"Analytical Engines, Ltd.\",'=Chief; Mathematician,ada@home.example,ada@work.example,\
         https://www.linkedin.com/in/ada,,\"https://ada.example/blog?a=1,2; https://github.com/ada-as-site\",,,\
         mailto:ada@example.com,\"rust; climate tech, policy\",\
         \"Met at RustConf.\nLikes C:\\paths; and \"\"quotes\"\".\",2024-03-12,,,\r\n"
    );
}

/// Text the importer can produce: trimmed, non-empty, line breaks as `\n`.
/// Weighted toward the characters vCard escaping and folding must survive.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => any::<char>(),
        1 => prop::sample::select(vec![',', ';', ':', '\\', '\n', '"', '=', ' ', '\t', 'é', '😀', '中']),
    ];
    prop::collection::vec(ch, 1..90).prop_filter_map("blank", |chars| {
        let s: String = chars.into_iter().filter(|&c| c != '\r').collect();
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    })
}

fn distinct(list: Vec<String>, key: impl Fn(&str) -> String) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    list.into_iter().filter(|s| seen.insert(key(s))).collect()
}

fn day(days: Option<i64>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .zip(days)
        .map(|(epoch, days)| epoch + chrono::Days::new(days as u64))
}

/// netwerk's own fields, as a vdir's cards carry them.
fn netwerk_fields() -> impl Strategy<Value = NetwerkFields> {
    let state = prop::sample::select(vec![
        ContactState::Active,
        ContactState::Untriaged,
        ContactState::Dormant,
    ]);
    (
        prop::option::of(1u8..=3),
        prop::option::of(1u32..=3650),
        prop::option::of(text()),
        prop::option::of(state),
        prop::option::of(0i64..40_000),
        prop::collection::vec("[a-z0-9][a-z0-9._-]{0,12}", 0..3),
    )
        .prop_map(
            |(degree, cadence_days, met, state, added, merged)| NetwerkFields {
                degree,
                cadence_days,
                met,
                state,
                added: day(added),
                merged,
            },
        )
}

fn contact() -> impl Strategy<Value = ImportedContact> {
    let kind = prop::sample::select(LinkKind::ALL.to_vec());
    let url = prop_oneof![
        text(),
        "(https?://)?(www\\.)?(linkedin|github|example|x|twitter|facebook)\\.(com|org)/[a-z,;]{0,8}",
    ];
    (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec((kind, url), 0..5),
        prop::collection::vec(text(), 0..5),
        prop::option::of(text()),
        prop::option::of(0i64..40_000),
        prop::option::of(text()),
        netwerk_fields(),
    )
        .prop_map(
            |(name, company, role, emails, links, interests, notes, connected, uid, netwerk)| {
                let mut urls = std::collections::HashSet::new();
                ImportedContact {
                    line: 0,
                    name,
                    given_name: None,
                    family_name: None,
                    company,
                    role,
                    emails: distinct(emails, |e| e.to_ascii_lowercase()),
                    links: links
                        .into_iter()
                        .filter(|(_, url)| urls.insert(url.clone()))
                        .collect(),
                    interests: distinct(interests, str::to_string)
                        .into_iter()
                        .filter(|i| i != "myContacts")
                        .collect(),
                    notes,
                    connected: day(connected),
                    uid,
                    netwerk,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn vcard_round_trips_exactly(contacts in prop::collection::vec(contact(), 0..4)) {
        let text = vcard::write(&contacts);
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "line of {} octets: {:?}", line.len(), line);
        }
        let begins: Vec<usize> = text
            .split("\r\n")
            .enumerate()
            .filter(|(_, l)| *l == "BEGIN:VCARD")
            .map(|(i, _)| i + 1)
            .collect();
        let expected: Vec<ImportedContact> = contacts
            .into_iter()
            .zip(begins)
            .map(|(c, line)| ImportedContact { line, ..c })
            .collect();
        let parsed = vcard::parse(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed.records, expected);
        prop_assert!(parsed.skipped.is_empty());
    }
}
