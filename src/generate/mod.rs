//! Realistic generated networks of any size, for benchmarks and for trying
//! netwerk at LinkedIn scale. The output is a pure function of the sizes,
//! the seed and the anchor time, so a benchmark is repeatable.
//!
//! Used by `examples/generate.rs` and `examples/bench.rs`.

pub mod words;

use crate::disk::atomic;
use crate::domain::{
    Contact, ContactId, ContactState, Entry, EntryFields, EntryId, EntryKind, Item, ItemId,
    ItemKind, Link, LinkKind, Network,
};
use crate::format::tables;
use crate::store::{CONTACTS, HISTORY, QUEUE, Store, StoreError, history_log};
use chrono::{DateTime, Duration, FixedOffset};
use std::path::Path;
use words::{CULTURES, Culture};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Contacts.
    pub contacts: usize,
    /// Content items.
    pub items: usize,
    /// History entries.
    pub history: usize,
}

impl Sizes {
    /// The scale SPEC §9 sets the bars at.
    pub const LINKEDIN_CAP: Sizes = Sizes {
        contacts: 30_000,
        items: 5_000,
        history: 100_000,
    };
}

/// How long the generated history reaches back.
const YEARS: i64 = 3;

/// Builds a network. History entries are spread over the three years
/// before `now` and sorted by time, as an append-only log would be.
pub fn network(sizes: Sizes, seed: u64, now: DateTime<FixedOffset>) -> Network {
    let mut rng = fastrand::Rng::with_seed(seed);
    let contacts: Vec<Contact> = (0..sizes.contacts)
        .map(|n| contact(&mut rng, n, now))
        .collect();
    let items: Vec<Item> = (0..sizes.items).map(|n| item(&mut rng, n, now)).collect();
    let history = history(&mut rng, sizes.history, &contacts, &items, now);
    Network {
        contacts: contacts.into(),
        items: items.into(),
        history: history.into(),
    }
}

/// Writes a generated network into `dir`, which must not hold a network
/// already: generated data never overwrites anyone's real contacts. Like
/// a save in the full-screen program, it leaves the snapshot cache and
/// the history's digest beside the files (remove `.cache/` for a cold
/// first launch).
pub fn write(dir: &Path, network: &Network) -> Result<(), StoreError> {
    let store = Store::open(dir)?;
    for file in [CONTACTS, QUEUE, HISTORY] {
        let path = store.path(file);
        if path.exists() {
            return Err(StoreError::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "refusing to overwrite an existing network; choose an empty --out directory",
                ),
            ));
        }
    }
    let write = |file: &str, text: String| {
        let path = store.path(file);
        atomic::write_atomic(&path, text.as_bytes()).map_err(|e| StoreError::io(&path, e))
    };
    write(CONTACTS, tables::render_contacts(&network.contacts))?;
    write(QUEUE, tables::render_items(&network.items))?;
    history_log::append(&store.path(HISTORY), &network.history)?;
    // Leave the directory as the full-screen program's saves do,
    // snapshots and the history's digest included: read back through the
    // store, which also checks what was written.
    let loaded = store.load_stamped()?;
    let summaries = loaded.network.summaries();
    store.keep_summaries(&loaded.stamps, &loaded.network.history, &summaries);
    Ok(())
}

fn pick<'a, T>(rng: &mut fastrand::Rng, from: &'a [T]) -> &'a T {
    &from[rng.usize(..from.len())]
}

fn chance(rng: &mut fastrand::Rng, percent: u32) -> bool {
    rng.u32(..100) < percent
}

fn culture(rng: &mut fastrand::Rng) -> &'static Culture {
    let total: u32 = CULTURES.iter().map(|(w, _)| w).sum();
    let mut roll = rng.u32(..total);
    for (weight, culture) in CULTURES {
        if roll < *weight {
            return culture;
        }
        roll -= weight;
    }
    &CULTURES[0].1
}

fn name(rng: &mut fastrand::Rng) -> String {
    let c = culture(rng);
    let mut given = pick(rng, c.given).to_string();
    let mut family = pick(rng, c.family).to_string();
    // Double given or family names make the space of names realistically
    // large, so few people share one.
    if !c.family_first && chance(rng, 15) {
        let second = pick(rng, c.given);
        if *second != given {
            given = format!("{given} {second}");
        }
    }
    if !c.family_first && chance(rng, 15) {
        let second = pick(rng, c.family);
        if *second != family {
            family = format!("{family} {second}");
        }
    }
    match (c.family_first, c.no_space) {
        (true, true) => format!("{family}{given}"),
        (true, false) => format!("{family} {given}"),
        _ => format!("{given} {family}"),
    }
}

/// A URL slug from a name: ASCII letters kept, the rest dropped, so CJK
/// names get a numbered slug like LinkedIn gives them.
fn slug(name: &str, n: usize) -> String {
    let folded = crate::domain::fold::fold(name);
    let mut out = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(word);
        }
    }
    if out.is_empty() {
        out.push_str("member");
    }
    format!("{out}-{n:x}")
}

/// Topics with a skew: low indices are popular, like "rust" or "hiring"
/// in a tech network, and the tail is long.
fn topic(rng: &mut fastrand::Rng) -> &'static str {
    let n = words::TOPICS.len();
    let skewed = (rng.f64() * rng.f64() * n as f64) as usize;
    words::TOPICS[skewed.min(n - 1)]
}

fn topics(rng: &mut fastrand::Rng, count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(count);
    // A bounded number of tries: the skew makes repeats likely.
    for _ in 0..count * 4 {
        if out.len() == count {
            break;
        }
        let t = topic(rng);
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

fn days_before(
    rng: &mut fastrand::Rng,
    now: DateTime<FixedOffset>,
    max_days: i64,
) -> DateTime<FixedOffset> {
    now - Duration::seconds(rng.i64(0..max_days * 86_400))
}

fn contact(rng: &mut fastrand::Rng, n: usize, now: DateTime<FixedOffset>) -> Contact {
    let id = ContactId::from_rng(rng);
    let name = name(rng);
    // 0–8 interests, about five on average.
    let interest_count = *pick(rng, &[0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
    let interests = topics(rng, interest_count);
    let added = days_before(rng, now, YEARS * 365).date_naive();
    let slug = slug(&name, n);
    let mut links = Vec::new();
    if chance(rng, 85) {
        links.push(link(
            LinkKind::Linkedin,
            format!("https://www.linkedin.com/in/{slug}"),
        ));
    }
    if chance(rng, 15) {
        links.push(link(LinkKind::Github, format!("https://github.com/{slug}")));
    }
    if chance(rng, 10) {
        links.push(link(
            LinkKind::Website,
            format!("https://{slug}.example.com"),
        ));
    }
    if chance(rng, 5) {
        links.push(link(LinkKind::X, format!("https://x.com/{slug}")));
    }
    let degree = match rng.u32(..10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let notes = (chance(rng, 20) && !interests.is_empty()).then(|| {
        format!(
            "Ask about {}. Prefers {}.",
            pick(rng, &interests),
            pick(rng, &["short messages", "email", "a call", "voice notes"])
        )
    });
    Contact {
        id,
        email: chance(rng, 30).then(|| format!("{slug}@example.com")),
        company: chance(rng, 90).then(|| pick(rng, words::COMPANIES).to_string()),
        role: chance(rng, 85).then(|| pick(rng, words::ROLES).to_string()),
        degree,
        interests,
        met: chance(rng, 40).then(|| pick(rng, words::MET).to_string()),
        cadence_days: chance(rng, 10).then(|| *pick(rng, &[7, 14, 30, 60, 90, 180])),
        notes,
        added,
        connected: chance(rng, 70).then(|| added - Duration::days(rng.i64(0..2000))),
        state: match rng.u32(..100) {
            0..=9 => ContactState::Untriaged,
            10..=12 => ContactState::Dormant,
            _ => ContactState::Active,
        },
        links,
        name,
        merged: Vec::new(),
        conflicts: Vec::new(),
        given_name: None,
        family_name: None,
    }
}

fn link(kind: LinkKind, url: String) -> Link {
    Link { kind, url }
}

fn item(rng: &mut fastrand::Rng, n: usize, now: DateTime<FixedOffset>) -> Item {
    let kind = *pick(rng, &ItemKind::ALL);
    let hosts = match kind {
        ItemKind::Article => words::ARTICLE_HOSTS,
        ItemKind::Blog => words::BLOG_HOSTS,
        ItemKind::Video => words::VIDEO_HOSTS,
        ItemKind::Podcast => words::PODCAST_HOSTS,
        ItemKind::Paper => words::PAPER_HOSTS,
        ItemKind::Other => words::OTHER_HOSTS,
    };
    let count = 1 + rng.usize(..3);
    let topics = topics(rng, count);
    let t = topics.first().map_or("networking", String::as_str);
    let u = topic(rng);
    let year = now.date_naive().format("%Y").to_string();
    let title = pick(rng, words::TITLES)
        .replace("{t}", t)
        .replace("{u}", u)
        .replace("{y}", &year);
    let mut title_chars = title.chars();
    let title: String = title_chars
        .next()
        .map(|c| c.to_uppercase().chain(title_chars).collect())
        .unwrap_or_default();
    // The counter keeps URLs unique, as the queue requires.
    let path_slug = slug(&title, n);
    Item {
        id: ItemId::from_rng(rng),
        url: format!("https://{}/{path_slug}", pick(rng, hosts)),
        title,
        kind,
        topics,
        comment: chance(rng, 20).then(|| format!("for the {u} crowd")),
        added: days_before(rng, now, YEARS * 365).date_naive(),
        archived: chance(rng, 10),
        title_guessed: false,
        conflicts: Vec::new(),
    }
}

fn history(
    rng: &mut fastrand::Rng,
    count: usize,
    contacts: &[Contact],
    items: &[Item],
    now: DateTime<FixedOffset>,
) -> Vec<Entry> {
    if contacts.is_empty() {
        return Vec::new();
    }
    let offsets: Vec<FixedOffset> = [3600, 7200, 0, -5 * 3600, 9 * 3600]
        .iter()
        .filter_map(|s| FixedOffset::east_opt(*s))
        .collect();
    let mut entries: Vec<Entry> = (0..count)
        .map(|_| {
            // A core of close contacts gets most of the attention, as in
            // real networking.
            let who = if chance(rng, 70) {
                rng.usize(..contacts.len().div_ceil(10))
            } else {
                rng.usize(..contacts.len())
            };
            let contact = &contacts[who];
            let offset = *pick(rng, &offsets);
            let at = days_before(rng, now, YEARS * 365).with_timezone(&offset);
            let roll = rng.u32(..100);
            let (kind, item, note) = if roll < 55 && !items.is_empty() {
                let item = pick(rng, items);
                let note = format!(
                    "Hi {}, thought of you when I saw this: {}",
                    contact.first_name(),
                    item.title
                );
                (EntryKind::Share, Some(item), note)
            } else if roll < 90 {
                (
                    EntryKind::Touch,
                    None,
                    pick(rng, words::TOUCHES).to_string(),
                )
            } else {
                (EntryKind::Ask, None, pick(rng, words::ASKS).to_string())
            };
            Entry::from(EntryFields {
                id: EntryId::from_rng(rng),
                at,
                kind,
                contact: contact.id.clone(),
                contact_name: contact.name.clone(),
                item: item.map(|i| i.id.clone()),
                item_title: item.map(|i| i.title.clone()),
                url: item.map(|i| i.url.clone()),
                note,
                template: None,
                via: None,
                ..Default::default()
            })
        })
        .collect();
    entries.sort_by_key(|e| e.at);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
    }

    const SMALL: Sizes = Sizes {
        contacts: 300,
        items: 60,
        history: 500,
    };

    #[test]
    fn same_seed_same_network_other_seed_other_network() {
        assert_eq!(network(SMALL, 7, now()), network(SMALL, 7, now()));
        assert_ne!(network(SMALL, 7, now()), network(SMALL, 8, now()));
    }

    #[test]
    fn written_network_loads_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let net = network(SMALL, 1, now());
        write(dir.path(), &net).unwrap();
        let loaded = Store::open(dir.path()).unwrap().load().unwrap();
        let mut want = net.clone();
        want.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        want.items.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(loaded, want);
        assert!(
            write(dir.path(), &net).is_err(),
            "never overwrites a network"
        );
    }

    #[test]
    fn networks_are_varied() {
        let net = network(SMALL, 3, now());
        let non_ascii = net.contacts.iter().filter(|c| !c.name.is_ascii()).count();
        assert!(non_ascii > 30, "only {non_ascii} non-ASCII names");
        let interests: usize = net.contacts.iter().map(|c| c.interests.len()).sum();
        assert!((3..=6).contains(&(interests / net.contacts.len())));
        for kind in ItemKind::ALL {
            assert!(net.items.iter().any(|i| i.kind == kind), "no {kind}");
        }
        let oldest = net.history.first().unwrap().at;
        assert!(now() - oldest > Duration::days(365 * 2));
    }
}
