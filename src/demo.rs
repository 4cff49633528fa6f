//! The bundled sample network behind `netwerk --demo`: about forty people,
//! twenty items and three months of history, relative to today so some
//! contacts are always overdue. Written into a throwaway directory; real
//! data is never touched.

use crate::domain::inbox::{Incoming, Source};
use crate::domain::{
    Contact, ContactId, ContactState, Entry, EntryFields, EntryId, EntryKind, Item, ItemId,
    ItemKind, Link, LinkKind, Network,
};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

/// (name, company, role, degree, interests, met)
type Person = (
    &'static str,
    &'static str,
    &'static str,
    u8,
    &'static [&'static str],
    &'static str,
);

#[rustfmt::skip]
const PEOPLE: &[Person] = &[
    ("Ada Lovelace", "Analytical Engines", "Chief Mathematician", 1, &["rust", "mathematics", "poetry"], "RustConf 2025"),
    ("Grace Hopper", "US Navy", "Rear Admiral", 1, &["compilers", "leadership", "cobol"], "Navy tech day"),
    ("José Núñez", "Telefónica", "Data Engineer", 1, &["data engineering", "football", "rust"], "Madrid meetup"),
    ("王芳", "Alibaba Cloud", "SRE Lead", 2, &["kubernetes", "observability", "tea"], "KubeCon Shanghai"),
    ("Søren Kierkegaard", "Copenhagen Uni", "Lecturer", 2, &["philosophy", "writing"], "a book club"),
    ("Amélie Laurent", "Doctolib", "Product Manager", 1, &["product management", "healthtech", "sailing"], "ex-colleague"),
    ("Mohammed Al-Farsi", "Careem", "Engineering Manager", 1, &["leadership", "hiring", "climate tech"], "LinkedIn"),
    ("Priya Raman", "Stripe", "Staff Engineer", 1, &["payments", "rust", "distributed systems"], "Strange Loop"),
    ("Lars Øberg", "Spotify", "Data Scientist", 2, &["machine learning", "music", "sailing"], "Stockholm ML night"),
    ("Chiara Bianchi", "Bending Spoons", "iOS Engineer", 2, &["swift", "design", "cycling"], "a hackathon"),
    ("Kwame Mensah", "Flutterwave", "CTO", 1, &["fintech", "startups", "leadership"], "Africa Tech Summit"),
    ("Yuki Tanaka", "Mercari", "Frontend Lead", 2, &["typescript", "design systems", "photography"], "JSConf JP"),
    ("Olga Petrova", "JetBrains", "Developer Advocate", 1, &["kotlin", "public speaking", "chess"], "KotlinConf"),
    ("Diego Fernández", "MercadoLibre", "Platform Engineer", 2, &["kubernetes", "go", "football"], "a Go meetup"),
    ("Fatima Zahra", "OCP Group", "Sustainability Lead", 3, &["climate tech", "agriculture"], "COP panel"),
    ("Hannah Schmidt", "SAP", "Recruiter", 1, &["hiring", "careers", "running"], "career fair"),
    ("Ngozi Okafor", "Andela", "Community Manager", 1, &["community", "education", "writing"], "a mentoring program"),
    ("Björn Ålund", "Klarna", "Security Engineer", 2, &["security", "rust", "climbing"], "BSides"),
    ("Isabela Costa", "Nubank", "Designer", 2, &["design", "accessibility", "illustration"], "Config"),
    ("Raj Patel", "Infosys", "VP Engineering", 3, &["leadership", "outsourcing", "cricket"], "LinkedIn"),
    ("Émile Dubois", "Mistral AI", "Research Scientist", 1, &["machine learning", "llms", "mathematics"], "NeurIPS"),
    ("Zoë Clarke", "BBC", "Producer", 2, &["podcasts", "journalism", "music"], "a podcast recording"),
    ("Tomasz Kowalski", "CD Projekt", "Game Designer", 3, &["games", "storytelling"], "Gamescom"),
    ("Aiko Suzuki", "Sony", "Hardware Engineer", 3, &["hardware", "robotics"], "Maker Faire"),
    ("Marcus Johnson", "GitHub", "Open Source PM", 1, &["open source", "rust", "community"], "FOSDEM"),
    ("Leila Haddad", "Datadog", "Solutions Architect", 2, &["observability", "cloud", "running"], "AWS Summit"),
    ("Sven Andersson", "Ericsson", "Network Architect", 3, &["5g", "networking"], "LinkedIn"),
    ("Ana Rodríguez", "Cabify", "Head of Data", 1, &["data engineering", "leadership", "sailing"], "ex-colleague"),
    ("Kenji Watanabe", "Rakuten", "Backend Engineer", 2, &["go", "distributed systems", "ramen"], "GopherCon"),
    ("Elena Popescu", "UiPath", "Automation Lead", 2, &["automation", "product management"], "a webinar"),
    ("Jamal Wright", "Figma", "Design Engineer", 1, &["design systems", "typescript", "jazz"], "Config"),
    ("Mei Lin", "ByteDance", "ML Engineer", 2, &["machine learning", "recommendation systems"], "KDD"),
    ("Pierre Martin", "Qonto", "Founder", 1, &["startups", "fintech", "cycling"], "Station F"),
    ("Sofia Rossi", "Ferrari", "Embedded Engineer", 3, &["embedded", "rust", "motorsport"], "Embedded World"),
    ("Oluwaseun Adeyemi", "Paystack", "Engineering Manager", 1, &["payments", "hiring", "music"], "LinkedIn"),
    ("Camille Moreau", "Ubisoft", "Producer", 3, &["games", "leadership"], "a game jam"),
    ("Noah Fischer", "Zalando", "Data Analyst", 2, &["data engineering", "football"], "a SQL workshop"),
    ("Ingrid Berg", "Equinor", "Energy Analyst", 2, &["climate tech", "energy", "skiing"], "a climate meetup"),
    ("Ravi Shankar", "Freshworks", "Support Lead", 3, &["customer success", "cricket"], "SaaSBoomi"),
    ("Lucía Gómez", "Glovo", "Recruiter", 1, &["hiring", "careers", "yoga"], "career fair"),
];

/// (title, url, kind, topics, days ago added)
type SampleItem = (
    &'static str,
    &'static str,
    ItemKind,
    &'static [&'static str],
    i64,
);

#[rustfmt::skip]
const ITEMS: &[SampleItem] = &[
    ("Rust async in depth", "https://example.org/rust-async-in-depth", ItemKind::Article, &["rust", "distributed systems"], 3),
    ("Sailing knots every sailor should know", "https://video.example.com/sailing-knots", ItemKind::Video, &["sailing"], 5),
    ("The hiring manager's field guide", "https://blog.example.net/hiring-field-guide", ItemKind::Blog, &["hiring", "leadership"], 8),
    ("Climate tech's next decade", "https://pod.example.com/climate-next-decade", ItemKind::Podcast, &["climate tech", "energy"], 10),
    ("Attention is all you need, annotated", "https://papers.example.org/attention-annotated", ItemKind::Paper, &["machine learning", "llms"], 12),
    ("Observability without the bill", "https://example.org/observability-costs", ItemKind::Article, &["observability", "cloud"], 14),
    ("Design systems at scale", "https://example.com/design-systems-scale", ItemKind::Blog, &["design systems", "design"], 15),
    ("Payments 101 for engineers", "https://example.com/payments-101", ItemKind::Article, &["payments", "fintech"], 18),
    ("Leading without authority", "https://pod.example.com/leading-without-authority", ItemKind::Podcast, &["leadership"], 20),
    ("Kubernetes operators, explained", "https://video.example.com/k8s-operators", ItemKind::Video, &["kubernetes", "go"], 22),
    ("Writing well for engineers", "https://example.net/writing-for-engineers", ItemKind::Blog, &["writing", "careers"], 25),
    ("A history of COBOL", "https://example.org/cobol-history", ItemKind::Article, &["cobol", "compilers"], 27),
    ("Accessible colour palettes", "https://example.com/accessible-colour", ItemKind::Article, &["accessibility", "design"], 30),
    ("Fintech in Africa: the next wave", "https://pod.example.com/fintech-africa", ItemKind::Podcast, &["fintech", "startups"], 33),
    ("Data contracts in practice", "https://example.org/data-contracts", ItemKind::Article, &["data engineering"], 36),
    ("Chess openings for busy people", "https://video.example.com/chess-openings", ItemKind::Video, &["chess"], 40),
    ("Rust on microcontrollers", "https://example.net/rust-embedded", ItemKind::Blog, &["rust", "embedded"], 44),
    ("Recommendation systems survey", "https://papers.example.org/recsys-survey", ItemKind::Paper, &["recommendation systems", "machine learning"], 50),
    ("Running your first marathon", "https://example.com/first-marathon", ItemKind::Article, &["running"], 55),
    ("Open source sustainability", "https://example.org/oss-sustainability", ItemKind::Other, &["open source", "community"], 60),
];

/// (contact index, kind, item index, days ago, note)
#[rustfmt::skip]
const HISTORY: &[(usize, EntryKind, Option<usize>, i64, &str)] = &[
    (0, EntryKind::Share, Some(0), 3, "Ada — thought of you when I saw this: Rust async in depth. https://example.org/rust-async-in-depth"),
    (1, EntryKind::Touch, None, 92, "coffee at the Navy yard"),
    (2, EntryKind::Share, Some(14), 40, "José, this made me think of your pipeline work: https://example.org/data-contracts"),
    (5, EntryKind::Share, Some(1), 4, "Amélie, for your next regatta: https://video.example.com/sailing-knots"),
    (6, EntryKind::Touch, None, 12, "call about his team's roadmap"),
    (6, EntryKind::Ask, None, 11, "asked for an intro to Careem's platform team"),
    (7, EntryKind::Share, Some(7), 17, "Priya — payments explained better than I could: https://example.com/payments-101"),
    (10, EntryKind::Share, Some(13), 30, "Kwame, you'll like this one: https://pod.example.com/fintech-africa"),
    (11, EntryKind::Touch, None, 70, "commented on his talk"),
    (12, EntryKind::Share, Some(15), 38, "Olga — for the next tournament: https://video.example.com/chess-openings"),
    (15, EntryKind::Touch, None, 20, "coffee; she's hiring backend engineers"),
    (15, EntryKind::Ask, None, 19, "asked about openings on her team"),
    (16, EntryKind::Share, Some(10), 24, "Ngozi, thought of your mentees: https://example.net/writing-for-engineers"),
    (20, EntryKind::Share, Some(4), 11, "Émile — an annotated classic: https://papers.example.org/attention-annotated"),
    (24, EntryKind::Share, Some(19), 58, "Marcus, this is your topic: https://example.org/oss-sustainability"),
    (24, EntryKind::Touch, None, 9, "message about FOSDEM plans"),
    (27, EntryKind::Share, Some(14), 35, "Ana, data contracts for your team: https://example.org/data-contracts"),
    (27, EntryKind::Touch, None, 33, "lunch"),
    (30, EntryKind::Share, Some(6), 14, "Jamal — design systems at scale: https://example.com/design-systems-scale"),
    (32, EntryKind::Touch, None, 45, "met at Station F demo day"),
    (34, EntryKind::Share, Some(7), 16, "Seun, payments 101: https://example.com/payments-101"),
    (34, EntryKind::Ask, None, 2, "asked for a referral to Paystack"),
    (39, EntryKind::Touch, None, 88, "coffee after the career fair"),
    (3, EntryKind::Share, Some(5), 13, "王芳, observability without the bill: https://example.org/observability-costs"),
    (8, EntryKind::Touch, None, 61, "commented on his ML post"),
    (17, EntryKind::Share, Some(16), 43, "Björn — Rust on microcontrollers: https://example.net/rust-embedded"),
    (21, EntryKind::Touch, None, 50, "listened to her new episode and wrote"),
    (25, EntryKind::Touch, None, 75, "call about observability tooling"),
    (28, EntryKind::Share, Some(9), 21, "Kenji, operators explained: https://video.example.com/k8s-operators"),
    (37, EntryKind::Share, Some(3), 9, "Ingrid — climate tech's next decade: https://pod.example.com/climate-next-decade"),
];

fn slug(name: &str) -> String {
    let folded = crate::domain::fold::fold(name);
    let slug: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "member".into()
    } else {
        slug
    }
}

/// Builds the sample network as of `now`. Deterministic: the same `now`
/// gives the same network, ids included.
pub fn sample(now: DateTime<FixedOffset>) -> Network {
    let mut rng = fastrand::Rng::with_seed(0x006e_6574_7765_726b);
    let today = now.date_naive();
    let mut contacts = Vec::new();
    for (i, (name, company, role, degree, interests, met)) in PEOPLE.iter().enumerate() {
        let added = today - Duration::days(120 + (i as i64 * 7) % 200);
        contacts.push(Contact {
            id: ContactId::from_rng(&mut rng),
            name: (*name).to_string(),
            given_name: None,
            family_name: None,
            degree: *degree,
            company: Some((*company).to_string()),
            role: Some((*role).to_string()),
            email: (i % 3 == 0).then(|| format!("{}@example.com", slug(name).replace('-', "."))),
            interests: interests.iter().map(|s| (*s).to_string()).collect(),
            met: Some((*met).to_string()),
            cadence_days: (i % 7 == 0).then_some(14),
            notes: (i % 4 == 0).then(|| {
                format!(
                    "Prefers short messages. Ask about {}.",
                    interests[interests.len() - 1]
                )
            }),
            added,
            connected: Some(added - Duration::days(300)),
            merged: Vec::new(),
            conflicts: Vec::new(),
            state: if i >= 36 {
                ContactState::Untriaged
            } else {
                ContactState::Active
            },
            links: vec![Link {
                kind: LinkKind::Linkedin,
                url: format!("https://www.linkedin.com/in/{}", slug(name)),
            }],
        });
    }
    let items: Vec<Item> = ITEMS
        .iter()
        .map(|(title, url, kind, topics, ago)| Item {
            id: ItemId::from_rng(&mut rng),
            title: (*title).to_string(),
            url: (*url).to_string(),
            kind: *kind,
            topics: topics.iter().map(|s| (*s).to_string()).collect(),
            comment: None,
            added: today - Duration::days(*ago),
            archived: false,
            title_guessed: false,
            conflicts: Vec::new(),
        })
        .collect();
    let mut history: Vec<Entry> = HISTORY
        .iter()
        .map(|(who, kind, item, ago, note)| {
            let contact = &contacts[*who];
            let item = item.map(|i| &items[i]);
            Entry::from(EntryFields {
                id: EntryId::from_rng(&mut rng),
                at: now - Duration::days(*ago) - Duration::minutes((*who as i64 * 37) % 600),
                kind: *kind,
                contact: contact.id.clone(),
                contact_name: contact.name.clone(),
                item: item.map(|i| i.id.clone()),
                item_title: item.map(|i| i.title.clone()),
                url: item.map(|i| i.url.clone()),
                note: (*note).to_string(),
                template: None,
                via: None,
                ..Default::default()
            })
        })
        .collect();
    history.sort_by_key(|e| e.at);
    Network {
        contacts: contacts.into(),
        items: items.into(),
        history: history.into(),
    }
}

/// Writes the sample network into an empty data directory.
pub fn write(store: &Store, network: &Network) -> Result<(), StoreError> {
    store.modify(crate::store::Unrecorded, |net: &mut Network| {
        net.contacts = network.contacts.clone();
        net.items = network.items.clone();
        Ok::<_, StoreError>(())
    })?;
    store.append(&network.history)?;
    Ok(())
}

/// A throwaway data directory holding a fresh copy of the sample network
/// as of `now`; removed when dropped, so a demo never touches real data.
pub fn throwaway(now: DateTime<FixedOffset>) -> Result<tempfile::TempDir, StoreError> {
    let dir = tempfile::Builder::new()
        .prefix("netwerk-demo-")
        .tempdir()
        .map_err(|e| StoreError::Io {
            path: std::env::temp_dir(),
            source: std::io::Error::new(e.kind(), format!("cannot create a demo directory: {e}")),
        })?;
    let store = Store::open(dir.path())?;
    write(&store, &sample(now))?;
    crate::feed::intake::ingest(&store, sample_inbox(now.date_naive()), now.date_naive())?;
    Ok(dir)
}

/// What two feeds might bring in, so the Inbox can be tried without
/// subscribing to anything: entries for the sample's interests.
fn sample_inbox(today: NaiveDate) -> Vec<(Source, Vec<Incoming>)> {
    let entry = |url: &str, title: &str, categories: &[&str], days: i64| Incoming {
        url: url.to_owned(),
        guid: None,
        title: Some(title.to_owned()),
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        published: today.checked_sub_days(chrono::Days::new(days as u64)),
        kind: None,
    };
    let blog = Source {
        label: Some("Engineering Weekly".to_owned()),
        topics: Vec::new(),
    };
    let podcast = Source {
        label: Some("The Green Stack".to_owned()),
        topics: vec!["climate tech".to_owned()],
    };
    let episode = |url: &str, title: &str, categories: &[&str], days: i64| Incoming {
        kind: Some(ItemKind::Podcast),
        ..entry(url, title, categories, days)
    };
    vec![
        (
            blog,
            vec![
                entry(
                    "https://weekly.example/rust-error-handling",
                    "Error handling in Rust, ten years on",
                    &["rust"],
                    1,
                ),
                entry(
                    "https://weekly.example/payments-idempotency",
                    "Idempotency keys: how payments stay correct",
                    &["payments"],
                    2,
                ),
                entry(
                    "https://weekly.example/data-contracts-2",
                    "Data contracts, one year later",
                    &["data engineering"],
                    3,
                ),
                entry(
                    "https://weekly.example/terminal-tools",
                    "The terminal tools we use every day",
                    &[],
                    4,
                ),
            ],
        ),
        (
            podcast,
            vec![
                episode(
                    "https://greenstack.example/ep-41",
                    "Ep. 41: Grid-scale batteries",
                    &["energy"],
                    2,
                ),
                episode(
                    "https://greenstack.example/ep-40",
                    "Ep. 40: Sailing cargo ships again",
                    &["sailing"],
                    9,
                ),
            ],
        ),
    ]
}
