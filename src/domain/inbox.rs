//! The inbox: entries that arrived from feeds, each matched to the
//! contacts it suits, waiting to be kept (into the queue) or skipped.
//!
//! An entry is recognised again by its normalised address or its feed
//! GUID, across feeds, and against the queue and the history, so nothing
//! you already have, kept or skipped comes back.

use super::contact::ContactState;
use super::fold::fold_label;
use super::id::{ALPHABET, ItemId};
use super::item::{Item, ItemKind};
use super::matching::{Match, Matcher};
use super::network::{Candidate, Network};
use super::url::normalize;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Not looked at yet: shown in the inbox.
    #[default]
    New,
    /// Moved to the queue.
    Kept,
    /// Set aside; remembered so it does not come back.
    Skipped,
}

/// One entry of the inbox, as `inbox.toml` holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, made from the address (`e` and eight characters).
    pub id: String,
    /// The entry's title.
    pub title: String,
    /// Normalised address.
    pub url: String,
    /// The feed's own identifier for the entry, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// The feed it came from (its name, else its address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// What sort of content it is.
    #[serde(default)]
    pub kind: ItemKind,
    /// Feed topics, the entry's categories and the interests its title names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// When the feed says it was published.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::when::some_day"
    )]
    pub published: Option<NaiveDate>,
    /// When it arrived in the inbox.
    #[serde(deserialize_with = "super::when::day")]
    pub added: NaiveDate,
    /// New, kept or skipped.
    #[serde(default, skip_serializing_if = "is_new")]
    pub state: State,
    /// What a merge of two copies could not settle (see
    /// [`Contact::conflicts`](super::Contact::conflicts)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

fn is_new(s: &State) -> bool {
    *s == State::New
}

impl Entry {
    /// The day that counts for `inbox clear --older-than`: publication,
    /// else arrival.
    pub fn day(&self) -> NaiveDate {
        self.published.unwrap_or(self.added)
    }
}

/// An entry as a feed (or a hook) hands it in, before deduplication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The entry's address, as the feed wrote it.
    pub url: String,
    /// The feed's identifier for it.
    pub guid: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its categories or tags.
    pub categories: Vec<String>,
    /// When it was published.
    pub published: Option<NaiveDate>,
    /// The kind its media says (an audio enclosure is a podcast), if any.
    pub kind: Option<ItemKind>,
}

/// The feed an entry came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Shown as the entry's feed.
    pub label: Option<String>,
    /// Topics every entry of the feed carries.
    pub topics: Vec<String>,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ingested {
    /// Ids of the entries added.
    pub added: Vec<String>,
    /// Entries already in the inbox, the queue or the history.
    pub known: usize,
    /// Entries refused, with why ("no address").
    pub refused: Vec<String>,
    /// How many each source added, in the order given.
    #[serde(skip)]
    pub per_source: Vec<usize>,
}

/// Every interest label of the network, folded, with the network's
/// spelling: built once per ingest so titles are matched against all
/// contacts' interests by lookup, never pairwise.
pub struct Vocabulary {
    labels: FxHashMap<String, String>,
}

impl Vocabulary {
    /// Indexes the contacts' interests.
    pub fn new(network: &Network) -> Self {
        let mut labels: FxHashMap<String, String> = FxHashMap::default();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for label in network.contacts.iter().flat_map(|c| c.interests.iter()) {
            if seen.insert(label) {
                let folded = fold_label(label);
                if !folded.is_empty() {
                    labels.entry(folded).or_insert_with(|| squeeze(label));
                }
            }
        }
        Self { labels }
    }

    /// The network's spelling of a label, or the label tidied.
    fn spell(&self, label: &str) -> String {
        self.labels
            .get(&fold_label(label))
            .cloned()
            .unwrap_or_else(|| squeeze(label))
    }

    /// The interests a title names, as runs of one to three whole words.
    /// A one-word interest under three letters ("ai", "go") only counts
    /// when the title writes it in capitals, so "let's go" names no one's
    /// interest in Go but "AI" does.
    pub fn named_in(&self, title: &str) -> Vec<String> {
        let words: Vec<&str> = title
            .split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
            .filter(|w| !w.is_empty())
            .collect();
        let folded: Vec<String> = words.iter().map(|w| fold_label(w)).collect();
        let mut found = Vec::new();
        for len in (1..=3).rev() {
            for start in 0..folded.len().saturating_sub(len - 1) {
                let run = folded[start..start + len].join(" ");
                let Some(spelling) = self.labels.get(&run) else {
                    continue;
                };
                let short = len == 1 && run.chars().count() < 3;
                let shouted = words[start].chars().all(|c| !c.is_lowercase());
                if (!short || shouted) && !found.contains(spelling) {
                    found.push(spelling.clone());
                }
            }
        }
        found
    }
}

/// Topics a feed reader's hook suggests for an entry: your contacts'
/// interests its title, description or feed title name, each once.
pub fn hinted_topics(network: &Network, texts: &[&str]) -> Vec<String> {
    let vocabulary = Vocabulary::new(network);
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        for t in vocabulary.named_in(text) {
            if !found.contains(&t) {
                found.push(t);
            }
        }
    }
    found
}

fn squeeze(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The id an entry gets: `e` and eight characters of a hash of its
/// address, so the same entry has the same id on every machine; another
/// character of salt on the rare clash.
fn mint_id(url: &str, taken: &FxHashSet<String>) -> String {
    let mut salt = 0u64;
    loop {
        let mut h = xxhash_rust::xxh3::xxh3_64_with_seed(url.as_bytes(), salt);
        let mut id = String::from("e");
        for _ in 0..8 {
            id.push(ALPHABET[(h % ALPHABET.len() as u64) as usize] as char);
            h /= ALPHABET.len() as u64;
        }
        if !taken.contains(&id) {
            return id;
        }
        salt += 1;
    }
}

/// Adds the new entries among `incoming` to the inbox: each address and
/// GUID once, nothing the inbox (in any state), the queue or the history
/// already has. Topics are the feed's, the entry's categories and the
/// contacts' interests its title names, spelled as the network spells them.
pub fn ingest(
    inbox: &mut Vec<Entry>,
    network: &Network,
    vocabulary: &Vocabulary,
    incoming: Vec<(Source, Vec<Incoming>)>,
    today: NaiveDate,
) -> Ingested {
    let mut urls: FxHashSet<String> = inbox.iter().map(|e| e.url.clone()).collect();
    urls.extend(network.items.iter().map(|i| i.url.clone()));
    urls.extend(
        network
            .history
            .iter()
            .filter_map(|h| h.url().map(str::to_string)),
    );
    let mut guids: FxHashSet<String> = inbox.iter().filter_map(|e| e.guid.clone()).collect();
    let mut ids: FxHashSet<String> = inbox.iter().map(|e| e.id.clone()).collect();
    let mut report = Ingested::default();
    for (source, entries) in incoming {
        let before = report.added.len();
        for new in entries {
            let title = new
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty());
            let Ok(url) = normalize("url", &new.url) else {
                let what = title.unwrap_or("an entry");
                report.refused.push(format!("{what}: no web address"));
                continue;
            };
            let guid = new.guid.filter(|g| !g.trim().is_empty());
            if urls.contains(&url) || guid.as_ref().is_some_and(|g| guids.contains(g)) {
                report.known += 1;
                continue;
            }
            let mut item = Item::new(&url, title, today).unwrap_or_else(|_| Item {
                id: ItemId::from("x"),
                title: url.clone(),
                url: url.clone(),
                kind: ItemKind::Article,
                topics: Vec::new(),
                comment: None,
                added: today,
                archived: false,
                title_guessed: false,
                conflicts: Vec::new(),
            });
            let labels = source
                .topics
                .iter()
                .chain(&new.categories)
                .map(|l| vocabulary.spell(l))
                .chain(vocabulary.named_in(&item.title));
            for label in labels.collect::<Vec<_>>() {
                item.add_topic(&label);
            }
            let id = mint_id(&url, &ids);
            ids.insert(id.clone());
            urls.insert(url.clone());
            if let Some(g) = &guid {
                guids.insert(g.clone());
            }
            report.added.push(id.clone());
            inbox.push(Entry {
                id,
                title: item.title,
                url,
                guid,
                feed: source.label.clone(),
                kind: match (new.kind, item.kind) {
                    (Some(k), ItemKind::Article) => k,
                    (_, by_url) => by_url,
                },
                topics: item.topics,
                published: new.published,
                added: today,
                state: State::New,
                conflicts: Vec::new(),
            });
        }
        report.per_source.push(report.added.len() - before);
    }
    report
}

/// The contacts an entry suits, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suits {
    /// Up to the asked number: index in `Network::contacts` and why.
    pub best: Vec<(usize, Match)>,
    /// How many contacts it suits in all.
    pub total: usize,
}

/// For each entry, the contacts it suits: active before untriaged
/// (dormant ones never), strongest match, closest degree, then name; at most `limit` named. Uses the one [`Matcher`]: interests are
/// indexed once, each entry reaches only the contacts sharing a label,
/// and entries with the same topics are matched once.
pub fn suits(network: &Network, entries: &[&Entry], limit: usize) -> Vec<Suits> {
    let as_items: Vec<Item> = entries
        .iter()
        .map(|e| Item {
            id: ItemId::from(e.id.as_str()),
            title: String::new(),
            url: String::new(),
            kind: e.kind,
            topics: e.topics.clone(),
            comment: None,
            added: e.added,
            archived: false,
            title_guessed: false,
            conflicts: Vec::new(),
        })
        .collect();
    let view = Network {
        contacts: network.contacts.clone(),
        items: as_items.into(),
        history: Default::default(),
    };
    let matcher = Matcher::new(&view);
    let mut done: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    let mut results: Vec<Suits> = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for i in 0..entries.len() {
        let mut key = matcher.item_topics(i).to_vec();
        key.sort_unstable();
        if let Some(&at) = done.get(&key) {
            out.push(results[at].clone());
            continue;
        }
        let mut ranked: Vec<(u8, std::cmp::Reverse<u32>, u8, usize)> = matcher
            .candidate_contacts(i)
            .into_iter()
            .filter_map(|c| {
                let contact = &view.contacts[c];
                let state = match contact.state {
                    ContactState::Active => 0,
                    ContactState::Untriaged => 1,
                    ContactState::Dormant => return None,
                };
                let strength = matcher.strength_of(c, i);
                (strength > 0).then_some((state, std::cmp::Reverse(strength), contact.degree, c))
            })
            .collect();
        ranked.sort_unstable_by(|a, b| {
            let name = |r: &(u8, std::cmp::Reverse<u32>, u8, usize)| &view.contacts[r.3].name;
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| name(a).cmp(name(b)))
                .then(a.3.cmp(&b.3))
        });
        let best = ranked
            .iter()
            .take(limit)
            .filter_map(|&(.., c)| matcher.match_of(c, i).map(|m| (c, m)))
            .collect();
        let s = Suits {
            best,
            total: ranked.len(),
        };
        done.insert(key, results.len());
        results.push(s.clone());
        out.push(s);
    }
    out
}

/// "Ada, Grace (rust)": the names of the best contacts and the reasons
/// they share, with "+N" for the rest.
pub fn reason_line(network: &Network, suits: &Suits) -> String {
    if suits.best.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = suits
        .best
        .iter()
        .map(|(c, _)| network.contacts[*c].first_name())
        .collect();
    let mut reasons: Vec<&str> = Vec::new();
    for (_, m) in &suits.best {
        for r in &m.matched {
            if !reasons.contains(&r.as_str()) {
                reasons.push(r);
            }
        }
    }
    let more = suits.total.saturating_sub(suits.best.len());
    let more = if more > 0 {
        format!(" +{more}")
    } else {
        String::new()
    };
    format!("{}{more} ({})", names.join(", "), reasons.join(", "))
}

/// The one unreviewed entry a query names: its id, its address, else the
/// only title containing the query (folded).
pub fn resolve<'a>(entries: &'a [Entry], query: &str) -> Result<&'a Entry, super::Resolve> {
    use super::Resolve;
    let open = || entries.iter().filter(|e| e.state == State::New);
    let q = query.trim();
    if let Some(e) = open().find(|e| e.id == q) {
        return Ok(e);
    }
    if let Ok(url) = normalize("url", q)
        && let Some(e) = open().find(|e| e.url == url)
    {
        return Ok(e);
    }
    let folded = fold_label(q);
    if folded.is_empty() {
        return Err(Resolve::NotFound(
            "inbox entry matches an empty query".into(),
        ));
    }
    let found: Vec<&Entry> = open()
        .filter(|e| fold_label(&e.title).contains(&folded))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Resolve::NotFound(format!("inbox entry matches {q:?}"))),
        many => Err(Resolve::Ambiguous(
            format!("{q:?}"),
            many.iter()
                .map(|e| Candidate {
                    id: e.id.clone(),
                    name: e.title.clone(),
                    detail: e.url.clone(),
                })
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Contact;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    fn net() -> Network {
        let mut n = Network::default();
        for (name, interests) in [
            ("Ada Lovelace", &["rust", "poetry"][..]),
            ("Grace Hopper", &["Rust", "compilers"][..]),
            ("Alan Turing", &["AI", "go"][..]),
        ] {
            let mut c = Contact::new(name, day()).unwrap();
            c.interests = interests.iter().map(|s| s.to_string()).collect();
            n.contacts.push(c);
        }
        n
    }

    fn incoming(url: &str, title: &str, guid: Option<&str>) -> Incoming {
        Incoming {
            url: url.into(),
            title: Some(title.into()),
            guid: guid.map(str::to_string),
            ..Incoming::default()
        }
    }

    #[test]
    fn titles_name_interests_by_whole_words() {
        let v = Vocabulary::new(&net());
        assert_eq!(v.named_in("Writing Rust compilers"), ["rust", "compilers"]);
        assert_eq!(v.named_in("Let's go sailing"), Vec::<String>::new());
        assert_eq!(v.named_in("AI for poets; trust me"), ["AI"]);
    }

    #[test]
    fn the_same_entry_never_arrives_twice() {
        let n = net();
        let v = Vocabulary::new(&n);
        let mut inbox = Vec::new();
        let feed = Source {
            label: Some("Blog".into()),
            topics: vec!["RUST".into()],
        };
        let first = vec![
            incoming("https://a.example/1?utm_source=rss", "One", Some("g1")),
            incoming("https://a.example/1", "One again", None),
            incoming("https://a.example/2", "Two", Some("g1")),
            incoming("not a url", "Three", None),
        ];
        let r = ingest(&mut inbox, &n, &v, vec![(feed.clone(), first)], day());
        assert_eq!(r.added.len(), 1);
        assert_eq!((r.known, r.refused.len()), (2, 1));
        assert_eq!(inbox[0].topics, ["rust"]);
        inbox[0].state = State::Skipped;
        let again = vec![incoming("https://a.example/1", "One", Some("g1"))];
        let r = ingest(&mut inbox, &n, &v, vec![(feed, again)], day());
        assert_eq!((r.added.len(), r.known), (0, 1));
    }

    #[test]
    fn entries_suit_contacts_with_the_reason() {
        let n = net();
        let v = Vocabulary::new(&n);
        let mut inbox = Vec::new();
        let items = vec![
            incoming("https://a.example/1", "Rust in production", None),
            incoming("https://a.example/2", "Knitting", None),
        ];
        ingest(&mut inbox, &n, &v, vec![(Source::default(), items)], day());
        let refs: Vec<&Entry> = inbox.iter().collect();
        let s = suits(&n, &refs, 5);
        assert_eq!(reason_line(&n, &s[0]), "Ada, Grace (rust)");
        assert_eq!(s[1], Suits::default());
    }
}
