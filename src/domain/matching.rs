//! Which items suit which contacts: an item's topics meet a contact's
//! interests.
//!
//! Labels are compared folded (case, accents and spacing ignored), as whole
//! labels. Two labels that are not equal still *meet*, more weakly, when
//!
//! - one is a whole-word run inside the other: "rust" meets "async rust",
//!   "machine learning" meets "machine learning ops", but "data science"
//!   does not meet "data engineering" (one shared word is not enough);
//! - one is the initials of the other: "ml" meets "machine learning".
//!
//! A whole-label match scores 2 and a partial one 1; an item's strength for
//! a contact is the sum over its topics, each topic counted once, at its
//! best. Every match carries its reason, so the user can see *why*: "rust"
//! for a whole match, "async rust ~ rust" (item topic ~ interest) for a
//! partial one.
//!
//! Folding every label for every pair would be far too slow at 30,000
//! contacts × 5,000 items, so [`Matcher`] folds each distinct label once,
//! numbers it, relates partial matches once per distinct label, and indexes
//! contacts and items by label.

use super::fold::fold_label;
use super::network::Network;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Points for a topic equal to an interest.
pub const WHOLE: u32 = 2;
/// Points for a topic that partially meets an interest.
pub const PARTIAL: u32 = 1;

/// Why an item suits a contact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Match {
    /// The sum of the points of every matching topic: higher suits better.
    pub strength: u32,
    /// One reason per matching topic, whole matches first, each as shown
    /// to the user: "rust", or "async rust ~ rust" for a partial match.
    pub matched: Vec<String>,
    /// The matching topics the contact was never sent an item about
    /// (empty while they were sent nothing): what lifts this item above
    /// near-duplicates of what they already have.
    pub fresh: Vec<String>,
}

/// What each matching topic new for a contact adds to an item's rank.
pub const FRESH: u32 = 1;

impl Match {
    /// The reasons joined for display: "rust, async".
    pub fn reason(&self) -> String {
        self.matched.join(", ")
    }

    /// The reasons with what is new for the contact named `first_name`:
    /// "rust, sailing · new for Ada: sailing", or "new for Ada: sailing"
    /// when every matching topic is new.
    pub fn reason_for(&self, first_name: &str) -> String {
        let fresh = self.fresh.join(", ");
        match (
            self.fresh.is_empty(),
            self.fresh.len() == self.matched.len(),
        ) {
            (true, _) => self.reason(),
            (false, true) => format!("new for {first_name}: {fresh}"),
            (false, false) => format!("{} · new for {first_name}: {fresh}", self.reason()),
        }
    }

    /// What ranks items for one contact: the match strength, lifted by
    /// [`FRESH`] for each topic new for them.
    pub fn rank(&self) -> u32 {
        self.strength + FRESH * self.fresh.len() as u32
    }
}

/// A label's number in the [`Matcher`].
pub type LabelId = u32;

/// Topic positions a [`Scratch`] mask holds; an item with more topics
/// (absurd, but a hand-edited file allows it) is scored the slow way.
const MASK_BITS: usize = 64;

/// The interests and topics of one network, folded and indexed once.
/// Indices are positions in `Network::contacts` / `Network::items`; build a
/// new matcher whenever those change.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Display spelling per label: the first spelling met, contacts first,
    /// as `Network::canonical_label` picks it.
    spelling: Vec<String>,
    /// Labels that partially meet each label (a symmetric relation).
    related: Vec<Vec<LabelId>>,
    /// Each contact's interests, sorted, deduplicated.
    contact_labels: Vec<Vec<LabelId>>,
    /// Each item's topics, in the item's order, deduplicated.
    item_labels: Vec<Vec<LabelId>>,
    /// Contacts carrying each label.
    contacts_by_label: Vec<Vec<u32>>,
    /// Items carrying each label, with the topic's position in the item.
    items_by_label: Vec<Vec<(u32, u32)>>,
}

/// Reusable working memory for [`Matcher::score_items`], so scoring
/// thousands of contacts allocates nothing after the first.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// Per item: bit `p` set when its topic at position `p` equals an interest.
    whole: Vec<u64>,
    /// Per item: bit `p` set when its topic at position `p` meets one partially.
    partial: Vec<u64>,
    /// Items with a bit set, to score and then reset.
    touched: Vec<u32>,
}

/// Numbers folded labels, remembering each raw spelling so the thousands
/// of contacts sharing a few hundred spellings fold each spelling once.
struct Interner<'n> {
    ids: HashMap<String, LabelId>,
    raw: FxHashMap<&'n str, Option<LabelId>>,
    spelling: Vec<String>,
}

impl<'n> Interner<'n> {
    fn id(&mut self, label: &'n str) -> Option<LabelId> {
        if let Some(&id) = self.raw.get(label) {
            return id;
        }
        let folded = fold_label(label);
        let id = (!folded.is_empty()).then(|| {
            let next = self.spelling.len() as LabelId;
            let id = *self.ids.entry(folded).or_insert(next);
            if id == next {
                self.spelling
                    .push(label.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            id
        });
        self.raw.insert(label, id);
        id
    }
}

impl Matcher {
    /// Indexes a network's labels.
    pub fn new(network: &Network) -> Self {
        let mut names = Interner {
            ids: HashMap::new(),
            raw: FxHashMap::default(),
            spelling: Vec::new(),
        };
        let contact_labels: Vec<Vec<LabelId>> = network
            .contacts
            .iter()
            .map(|c| {
                let mut labels: Vec<LabelId> =
                    c.interests.iter().filter_map(|l| names.id(l)).collect();
                labels.sort_unstable();
                labels.dedup();
                labels
            })
            .collect();
        let item_labels: Vec<Vec<LabelId>> = network
            .items
            .iter()
            .map(|i| {
                let mut labels: Vec<LabelId> = Vec::with_capacity(i.topics.len());
                for l in i.topics.iter().filter_map(|l| names.id(l)) {
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
                labels
            })
            .collect();
        let count = names.spelling.len();
        let mut contacts_by_label = vec![Vec::new(); count];
        for (c, labels) in contact_labels.iter().enumerate() {
            for &l in labels {
                contacts_by_label[l as usize].push(c as u32);
            }
        }
        let mut items_by_label = vec![Vec::new(); count];
        for (i, labels) in item_labels.iter().enumerate() {
            for (pos, &l) in labels.iter().enumerate() {
                items_by_label[l as usize].push((i as u32, pos as u32));
            }
        }
        Matcher {
            related: relate(&names.ids, count),
            spelling: names.spelling,
            contact_labels,
            item_labels,
            contacts_by_label,
            items_by_label,
        }
    }

    /// How well item `item` suits contact `contact`; `None` when nothing
    /// meets.
    pub fn match_of(&self, contact: usize, item: usize) -> Option<Match> {
        let interests = self.contact_labels.get(contact)?;
        let topics = self.item_labels.get(item)?;
        let mut whole = Vec::new();
        let mut partial = Vec::new();
        for &t in topics {
            if interests.binary_search(&t).is_ok() {
                whole.push(self.spelling[t as usize].clone());
            } else if let Some(&i) = self.related[t as usize]
                .iter()
                .find(|r| interests.binary_search(r).is_ok())
            {
                partial.push(format!(
                    "{} ~ {}",
                    self.spelling[t as usize], self.spelling[i as usize]
                ));
            }
        }
        if whole.is_empty() && partial.is_empty() {
            return None;
        }
        let strength = WHOLE * whole.len() as u32 + PARTIAL * partial.len() as u32;
        whole.extend(partial);
        Some(Match {
            strength,
            matched: whole,
            fresh: Vec::new(),
        })
    }

    /// Just the strength of [`Matcher::match_of`], without the reasons.
    pub fn strength_of(&self, contact: usize, item: usize) -> u32 {
        let (Some(interests), Some(topics)) =
            (self.contact_labels.get(contact), self.item_labels.get(item))
        else {
            return 0;
        };
        topics
            .iter()
            .map(|&t| {
                if interests.binary_search(&t).is_ok() {
                    WHOLE
                } else if self.related[t as usize]
                    .iter()
                    .any(|r| interests.binary_search(r).is_ok())
                {
                    PARTIAL
                } else {
                    0
                }
            })
            .sum()
    }

    /// Calls `found(item, strength)` once for every item meeting the
    /// contact's interests, in no particular order. It walks the index
    /// from the contact's labels, marking which topic positions of each
    /// item meet whole or partially, so the work is proportional to the
    /// matches, not to the queue; `suggest` runs it for every contact.
    pub fn score_items(
        &self,
        contact: usize,
        scratch: &mut Scratch,
        mut found: impl FnMut(usize, u32),
    ) {
        let Some(labels) = self.contact_labels.get(contact) else {
            return;
        };
        let items = self.item_labels.len();
        scratch.whole.resize(items, 0);
        scratch.partial.resize(items, 0);
        let Scratch {
            whole,
            partial,
            touched,
        } = scratch;
        let mut mark = |masks: &mut Vec<u64>, other: &Vec<u64>, (item, pos): (u32, u32)| {
            let i = item as usize;
            if (masks[i] | other[i]) == 0 {
                touched.push(item);
            }
            if (pos as usize) < MASK_BITS {
                masks[i] |= 1 << pos;
            }
        };
        for &l in labels {
            for &hit in &self.items_by_label[l as usize] {
                mark(whole, partial, hit);
            }
            for &r in &self.related[l as usize] {
                for &hit in &self.items_by_label[r as usize] {
                    mark(partial, whole, hit);
                }
            }
        }
        for item in touched.drain(..) {
            let i = item as usize;
            let strength = if self.item_labels[i].len() > MASK_BITS {
                self.strength_of(contact, i)
            } else {
                WHOLE * whole[i].count_ones() + PARTIAL * (partial[i] & !whole[i]).count_ones()
            };
            whole[i] = 0;
            partial[i] = 0;
            found(i, strength);
        }
    }

    /// Items that meet at least one of the contact's interests, sorted,
    /// without repeats.
    pub fn candidate_items(&self, contact: usize) -> Vec<usize> {
        let Some(labels) = self.contact_labels.get(contact) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .with_related(labels)
            .flat_map(|l| {
                self.items_by_label[l as usize]
                    .iter()
                    .map(|&(i, _)| i as usize)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Contacts with at least one interest meeting the item's topics,
    /// sorted, without repeats.
    pub fn candidate_contacts(&self, item: usize) -> Vec<usize> {
        let Some(labels) = self.item_labels.get(item) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .with_related(labels)
            .flat_map(|l| {
                self.contacts_by_label[l as usize]
                    .iter()
                    .map(|&c| c as usize)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The item's topics as label numbers, for counting by topic.
    pub fn item_topics(&self, item: usize) -> &[LabelId] {
        self.item_labels.get(item).map_or(&[], Vec::as_slice)
    }

    /// The item's topics that meet the contact's interests (whole or
    /// partly) and that neither `seen` (sorted label numbers) nor any
    /// label partly meeting them is in: the topics new for them. "async
    /// rust" is not new for someone sent an item about "rust".
    pub fn fresh_topics<'s>(
        &'s self,
        contact: usize,
        item: usize,
        seen: &'s [LabelId],
    ) -> impl Iterator<Item = LabelId> + 's {
        let interests = self.contact_interests(contact);
        self.item_topics(item).iter().copied().filter(move |&t| {
            let meets = interests.binary_search(&t).is_ok()
                || self
                    .related(t)
                    .iter()
                    .any(|r| interests.binary_search(r).is_ok());
            let known = |l: &LabelId| seen.binary_search(l).is_ok();
            meets && !known(&t) && !self.related(t).iter().any(known)
        })
    }

    /// The contact's interests as label numbers, sorted.
    pub fn contact_interests(&self, contact: usize) -> &[LabelId] {
        self.contact_labels.get(contact).map_or(&[], Vec::as_slice)
    }

    /// The contacts carrying a label, in file order: the inverted index
    /// introductions are found through.
    pub fn contacts_with(&self, label: LabelId) -> &[u32] {
        self.contacts_by_label
            .get(label as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// How many distinct labels the network uses.
    pub fn labels(&self) -> usize {
        self.spelling.len()
    }

    /// The labels that partially meet `label` (see the module docs).
    pub fn related(&self, label: LabelId) -> &[LabelId] {
        self.related.get(label as usize).map_or(&[], Vec::as_slice)
    }

    /// How a label is shown: the network's first spelling of it.
    pub fn spelling(&self, label: LabelId) -> &str {
        self.spelling.get(label as usize).map_or("", String::as_str)
    }

    fn with_related<'s>(&'s self, labels: &'s [LabelId]) -> impl Iterator<Item = LabelId> + 's {
        labels
            .iter()
            .flat_map(|&l| std::iter::once(l).chain(self.related[l as usize].iter().copied()))
    }
}

/// For each label, the labels that partially meet it (see the module
/// docs). Work is per distinct label, not per contact or item.
fn relate(ids: &HashMap<String, LabelId>, count: usize) -> Vec<Vec<LabelId>> {
    let mut related: Vec<Vec<LabelId>> = vec![Vec::new(); count];
    let mut link = |a: LabelId, b: LabelId| {
        if a != b && !related[a as usize].contains(&b) {
            related[a as usize].push(b);
            related[b as usize].push(a);
        }
    };
    for (folded, &id) in ids {
        let words: Vec<&str> = folded.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        // Every shorter whole-word run that is itself a label.
        for len in 1..words.len() {
            for start in 0..=words.len() - len {
                let run = words[start..start + len].join(" ");
                if let Some(&other) = ids.get(&run) {
                    link(id, other);
                }
            }
        }
        // Initials ("ml" for "machine learning"); only short ones, since a
        // long string of initials is no longer an abbreviation anyone uses.
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        if words.len() <= 5
            && initials.chars().all(char::is_alphanumeric)
            && let Some(&other) = ids.get(&initials)
        {
            link(id, other);
        }
    }
    // Sorted, so every run over the same network yields the same order.
    for r in &mut related {
        r.sort_unstable();
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Contact, Item};
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    fn net(interests: &[&[&str]], topics: &[&[&str]]) -> Network {
        let mut n = Network::default();
        for (i, labels) in interests.iter().enumerate() {
            let mut c = Contact::new(&format!("C{i}"), day()).unwrap();
            c.interests = labels.iter().map(|s| s.to_string()).collect();
            n.contacts.push(c);
        }
        for (i, labels) in topics.iter().enumerate() {
            let mut it = Item::new(&format!("https://example.com/{i}"), None, day()).unwrap();
            it.topics = labels.iter().map(|s| s.to_string()).collect();
            n.items.push(it);
        }
        n
    }

    fn matched(interests: &[&str], topics: &[&str]) -> Option<(u32, Vec<String>)> {
        let n = net(&[interests], &[topics]);
        Matcher::new(&n)
            .match_of(0, 0)
            .map(|m| (m.strength, m.matched))
    }

    #[test]
    fn whole_labels_match_folded() {
        assert_eq!(
            matched(&["Rust", "Café"], &["rust", "cafe", "go"]),
            Some((4, vec!["Rust".into(), "Café".into()]))
        );
        assert_eq!(
            matched(&["climate  tech"], &["Climate Tech"]),
            Some((2, vec!["climate tech".into()]))
        );
        assert_eq!(matched(&["rust"], &["go"]), None);
        assert_eq!(matched(&[], &["go"]), None);
        assert_eq!(matched(&["go"], &[]), None);
    }

    #[test]
    fn whole_word_runs_and_initials_match_partially() {
        assert_eq!(
            matched(&["machine learning"], &["learning"]),
            Some((1, vec!["learning ~ machine learning".into()]))
        );
        assert_eq!(
            matched(&["rust"], &["async rust"]),
            Some((1, vec!["async rust ~ rust".into()]))
        );
        assert_eq!(
            matched(&["ML"], &["machine learning"]),
            Some((1, vec!["machine learning ~ ML".into()]))
        );
        assert_eq!(
            matched(&["machine learning ops"], &["machine learning"]),
            Some((1, vec!["machine learning ~ machine learning ops".into()]))
        );
    }

    #[test]
    fn loose_overlaps_do_not_match() {
        assert_eq!(matched(&["data science"], &["data engineering"]), None);
        assert_eq!(matched(&["rust"], &["trust"]), None);
        assert_eq!(matched(&["go"], &["good governance"]), None);
    }

    #[test]
    fn whole_matches_come_first_and_each_topic_counts_once() {
        assert_eq!(
            matched(&["rust", "async rust"], &["async rust", "rust", "tokio"]),
            Some((4, vec!["async rust".into(), "rust".into()]))
        );
        assert_eq!(
            matched(&["rust"], &["async rust", "rust"]),
            Some((3, vec!["rust".into(), "async rust ~ rust".into()]))
        );
    }

    #[test]
    fn candidates_follow_the_index() {
        let n = net(
            &[&["rust"], &["sailing"], &["machine learning"]],
            &[&["rust", "go"], &["sailing"], &["ml"], &["cooking"]],
        );
        let m = Matcher::new(&n);
        assert_eq!(m.candidate_items(0), [0]);
        assert_eq!(m.candidate_items(2), [2]);
        assert_eq!(m.candidate_contacts(1), [1]);
        assert!(m.candidate_contacts(3).is_empty());
        assert!(m.candidate_items(99).is_empty());
    }
}
