//! The whole network in memory, and the questions asked of it.

use super::contact::Contact;
use super::cow_vec::CowVec;
use super::fold::{fold, fold_label};
use super::history::{Entry, EntryKind, Tally};
use super::id::{ContactId, ItemId};
use super::item::Item;
use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Contacts, queue and history, as loaded from the data directory.
/// Cloning is cheap: the lists are shared until one side changes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// Every contact, in file order (sorted by id, unless a hand-kept
    /// file with comments orders them otherwise).
    pub contacts: CowVec<Contact>,
    /// Every content item, archived ones included.
    pub items: CowVec<Item>,
    /// Every history entry, in the order they were appended.
    pub history: CowVec<Entry>,
}

/// Why a query did not pick out exactly one record (the command line
/// words it, in `cli::failure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolve {
    /// Nothing matched.
    NotFound(String),
    /// Several matched, for the user to choose from.
    Ambiguous(String, Vec<Candidate>),
}

/// One of several records a query matched, with what tells namesakes
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its id, which always picks it out.
    pub id: String,
    /// Its display name (a contact's name, an item's title).
    pub name: String,
    /// Role and company of a contact, the address of an item; empty when
    /// there is nothing to tell.
    pub detail: String,
}

/// What the history says about one contact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// The latest gift or touch.
    pub last_touch: Option<DateTime<FixedOffset>>,
    /// How many gifts they were given: items shared, introductions made.
    pub gives: u32,
    /// How many touches (not gifts) were logged.
    pub touches: u32,
    /// How many times you asked them for something.
    pub asks: u32,
    /// How many of those asks were answered.
    pub answered: u32,
    /// Where the items they received are in [`Summaries`] (a range of its
    /// sends); ask it with [`Summaries::received_at`].
    pub received: (u32, u32),
}

/// How a kind of record is told apart: its id, its name, the other
/// fields a query may combine with the name, and the words that tell
/// namesakes apart in a candidate list.
struct Fields<T> {
    id: fn(&T) -> &str,
    name: fn(&T) -> &str,
    others: fn(&T) -> Vec<&str>,
    detail: fn(&T) -> String,
}

/// Picks exactly one record: an exact id, else an exact folded name, else
/// the only record whose folded name contains the query, else the only
/// record holding every word of the query in its name or other fields
/// ("josé garcía microsoft"), as `search` combines them.
fn resolve<'a, T>(
    what: &str,
    query: &str,
    records: &'a [T],
    f: Fields<T>,
) -> Result<&'a T, Resolve> {
    let query = query.trim();
    if let Some(r) = records.iter().find(|r| (f.id)(r) == query) {
        return Ok(r);
    }
    let folded = fold(query);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let folded = words.join(" ");
    if folded.is_empty() {
        return Err(Resolve::NotFound(format!("{what} matches an empty query")));
    }
    let exact: Vec<&T> = records
        .iter()
        .filter(|r| fold_label((f.name)(r)) == folded)
        .collect();
    let mut matches = if exact.is_empty() {
        records
            .iter()
            .filter(|r| fold_label((f.name)(r)).contains(&folded))
            .collect()
    } else {
        exact
    };
    if matches.is_empty() && words.len() > 1 {
        matches = records
            .iter()
            .filter(|r| {
                let all = std::iter::once((f.name)(r))
                    .chain((f.others)(r))
                    .map(fold_label)
                    .collect::<Vec<_>>()
                    .join(" ");
                words.iter().all(|w| all.contains(w))
            })
            .collect();
    }
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Resolve::NotFound(format!("{what} matches {query:?}"))),
        many => Err(Resolve::Ambiguous(
            format!("{query:?}"),
            many.iter()
                .map(|r| Candidate {
                    id: (f.id)(r).to_string(),
                    name: (f.name)(r).to_string(),
                    detail: (f.detail)(r),
                })
                .collect(),
        )),
    }
}

impl Network {
    /// The contact with this id.
    pub fn contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.iter().find(|c| &c.id == id)
    }

    /// The item with this id.
    pub fn item(&self, id: &ItemId) -> Option<&Item> {
        self.items.iter().find(|i| &i.id == id)
    }

    /// Resolves a contact given by id or by a name query.
    pub fn resolve_contact(&self, query: &str) -> Result<&Contact, Resolve> {
        resolve(
            "contact",
            query,
            &self.contacts,
            Fields {
                id: |c| c.id.as_str(),
                name: |c| c.name.as_str(),
                others: |c| {
                    [&c.company, &c.role]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect()
                },
                detail: |c| match (&c.role, &c.company) {
                    (Some(role), Some(company)) => format!("{role} at {company}"),
                    (Some(one), None) | (None, Some(one)) => one.clone(),
                    (None, None) => String::new(),
                },
            },
        )
    }

    /// Resolves an item given by id, URL, or a title query.
    pub fn resolve_item(&self, query: &str) -> Result<&Item, Resolve> {
        if let Ok(url) = super::url::normalize("url", query)
            && let Some(item) = self.item_by_url(&url)
        {
            return Ok(item);
        }
        resolve(
            "item",
            query,
            &self.items,
            Fields {
                id: |i| i.id.as_str(),
                name: |i| i.title.as_str(),
                others: |i| i.topics.iter().map(String::as_str).collect(),
                detail: |i| i.url.clone(),
            },
        )
    }

    /// The item with this normalised URL.
    pub fn item_by_url(&self, normalized: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.url == normalized)
    }

    /// The spelling the network already uses for an interest, so "RUST"
    /// typed today joins the "rust" typed last year; a new label is kept
    /// as typed, trimmed.
    pub fn canonical_label(&self, label: &str) -> String {
        let folded = fold_label(label);
        self.contacts
            .iter()
            .flat_map(|c| c.interests.iter())
            .chain(self.items.iter().flat_map(|i| i.topics.iter()))
            .find(|l| fold_label(l) == folded)
            .cloned()
            .unwrap_or_else(|| label.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Every interest with how many contacts and items carry it, most
    /// common first, then alphabetical.
    pub fn interest_counts(&self) -> Vec<InterestCount> {
        let mut by_fold: HashMap<String, InterestCount> = HashMap::new();
        for c in &self.contacts {
            for label in &c.interests {
                by_fold
                    .entry(fold_label(label))
                    .or_insert_with(|| InterestCount::new(label))
                    .contacts += 1;
            }
        }
        for i in &self.items {
            for label in &i.topics {
                by_fold
                    .entry(fold_label(label))
                    .or_insert_with(|| InterestCount::new(label))
                    .items += 1;
            }
        }
        let mut counts: Vec<(String, InterestCount)> = by_fold.into_iter().collect();
        counts.sort_by(|(fa, a), (fb, b)| {
            b.contacts
                .cmp(&a.contacts)
                .then(b.items.cmp(&a.items))
                .then(fa.cmp(fb))
        });
        counts.into_iter().map(|(_, c)| c).collect()
    }

    /// When `item` last went to `contact`, if ever: what the picker and
    /// composer warn about before a repeat share.
    pub fn sent_at(&self, contact: &Contact, item: &ItemId) -> Option<DateTime<FixedOffset>> {
        self.history
            .iter()
            .filter(|e| e.kind == EntryKind::Share && contact.answers_to(e.contact()))
            .filter(|e| e.item() == Some(item.as_str()))
            .map(|e| e.at)
            .max()
    }

    /// What the history says about each contact, built in one pass.
    pub fn summaries(&self) -> Summaries {
        Summaries::tally(self.contacts.len(), self.gestures(&self.history))
    }

    /// `entries` (this network's or some of them) as the summaries count
    /// them: by the positions of their contacts and items here.
    pub(crate) fn gestures<'a>(
        &'a self,
        entries: &'a [Entry],
    ) -> impl Iterator<Item = Gesture> + 'a {
        // Everything is by position, with no allocation per entry or per
        // contact: at LinkedIn scale id-keyed maps cost most of this in
        // the allocator.
        let mut contact_at: FxHashMap<&str, u32> = FxHashMap::default();
        contact_at.reserve(self.contacts.len());
        // History logged for records merged into a contact is theirs; a
        // contact's own id outranks an alias (hand edits may clash).
        for (i, c) in self.contacts.iter().enumerate() {
            for m in &c.merged {
                contact_at.insert(m.as_str(), i as u32);
            }
        }
        for (i, c) in self.contacts.iter().enumerate() {
            contact_at.insert(c.id.as_str(), i as u32);
        }
        let mut item_at: FxHashMap<&str, u32> = FxHashMap::default();
        item_at.reserve(self.items.len());
        for (i, it) in self.items.iter().enumerate() {
            item_at.insert(it.id.as_str(), i as u32);
        }
        // Entries about contacts that were deleted describe nobody here.
        // Each entry counts for its contact; a made introduction for the
        // other person too (see `Entry::counts`), in a second, rarer pass.
        let at = std::rc::Rc::new(Positions {
            contact: contact_at,
            item: item_at,
        });
        let first = std::rc::Rc::clone(&at);
        let contacts = entries
            .iter()
            .filter_map(move |e| first.gesture(e, e.contact(), e.tally()?));
        let others = entries.iter().filter_map(move |e| {
            if e.kind != EntryKind::Intro {
                return None;
            }
            let (who, tally) = e.counts().nth(1)?;
            at.gesture(e, who, tally)
        });
        contacts.chain(others)
    }
}

/// Contacts and items by id, as positions in a network (both passes of
/// [`Network::gestures`] look ids up in the one pair of maps).
struct Positions<'a> {
    contact: FxHashMap<&'a str, u32>,
    item: FxHashMap<&'a str, u32>,
}

impl Positions<'_> {
    /// Entry `e` counted as `tally` for the person with id `who`;
    /// `None` when they are not in the network.
    fn gesture(&self, e: &Entry, who: &str, tally: Tally) -> Option<Gesture> {
        let item = match e.kind {
            EntryKind::Share => e.item().and_then(|i| self.item.get(i)).copied(),
            _ => None,
        };
        Some(Gesture {
            contact: *self.contact.get(who)?,
            tally,
            at: e.at,
            item,
        })
    }
}

/// One history entry as the summaries count it for one person it names:
/// by the position of their contact and (for a share of an item still
/// in the queue) of its item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gesture {
    pub contact: u32,
    pub tally: Tally,
    pub at: DateTime<FixedOffset>,
    pub item: Option<u32>,
}

impl Summaries {
    /// The summaries of `contacts` contacts' gestures, in log order.
    pub(crate) fn tally(contacts: usize, gestures: impl IntoIterator<Item = Gesture>) -> Self {
        let mut by_contact: Vec<Option<Summary>> = vec![None; contacts];
        let mut sent = Vec::new();
        count(&mut by_contact, &mut sent, gestures);
        group(by_contact, sent)
    }

    /// These summaries with more gestures counted, logged after all those
    /// they were made of: exactly what [`Summaries::tally`] gives for all
    /// of them (the latest send of each item, each contact's last touch
    /// and counts).
    pub(crate) fn extended(self, gestures: impl IntoIterator<Item = Gesture>) -> Self {
        let Summaries {
            mut by_contact,
            sent: kept,
        } = self;
        let mut sent = Vec::with_capacity(kept.len());
        for (c, s) in by_contact.iter_mut().enumerate() {
            let Some(s) = s else { continue };
            let (from, to) = std::mem::take(&mut s.received);
            let each = kept.get(from as usize..to as usize).unwrap_or_default();
            sent.extend(each.iter().map(|&(item, at)| (c as u32, item, at)));
        }
        count(&mut by_contact, &mut sent, gestures);
        group(by_contact, sent)
    }
}

/// A send to a contact, by the positions of both, and when.
type Send = (u32, u32, DateTime<FixedOffset>);

/// Counts `gestures` into each contact's summary, and lists the sends.
fn count(
    by_contact: &mut [Option<Summary>],
    sent: &mut Vec<Send>,
    gestures: impl IntoIterator<Item = Gesture>,
) {
    for g in gestures {
        let Some(s) = by_contact.get_mut(g.contact as usize) else {
            continue;
        };
        let s = s.get_or_insert_with(Summary::default);
        if g.tally.keeps_in_touch() && s.last_touch.is_none_or(|t| g.at > t) {
            s.last_touch = Some(g.at);
        }
        match g.tally {
            Tally::Give => {
                s.gives += 1;
                if let Some(item) = g.item {
                    sent.push((g.contact, item, g.at));
                }
            }
            Tally::Touch => s.touches += 1,
            Tally::Ask => s.asks += 1,
            Tally::Answered => s.answered += 1,
        }
    }
}

/// The summaries of contacts counted so, with their sends grouped.
fn group(mut by_contact: Vec<Option<Summary>>, mut sent: Vec<Send>) -> Summaries {
    // Latest send per (contact, item): group them, keep the latest of
    // each. One integer key sorts several times quicker than the pair
    // and the time.
    sent.sort_unstable_by_key(|s| (u64::from(s.0) << 32) | u64::from(s.1));
    sent.dedup_by(|next, kept| {
        let same = (next.0, next.1) == (kept.0, kept.1);
        if same && next.2 > kept.2 {
            kept.2 = next.2;
        }
        same
    });
    let mut start = 0;
    while start < sent.len() {
        let c = sent[start].0;
        let end = start + sent[start..].partition_point(|s| s.0 == c);
        if let Some(s) = by_contact[c as usize].as_mut() {
            s.received = (start as u32, end as u32);
        }
        start = end;
    }
    Summaries {
        by_contact,
        sent: sent.into_iter().map(|(_, item, at)| (item, at)).collect(),
    }
}

/// Every contact's [`Summary`], by contact position in
/// [`Network::contacts`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summaries {
    by_contact: Vec<Option<Summary>>,
    /// (item position, latest send), grouped by contact and sorted by item
    /// within each group; a summary's `received` is a range of it.
    sent: Vec<Sent>,
}

/// An item's position and when it was last sent (to the contact whose
/// range of [`Summaries`] it is in).
pub(crate) type Sent = (u32, DateTime<FixedOffset>);

impl Summaries {
    /// What the summaries are made of: each contact's summary, and the
    /// sends the `received` ranges point into.
    pub(crate) fn parts(&self) -> (&[Option<Summary>], &[Sent]) {
        (&self.by_contact, &self.sent)
    }

    /// Summaries made of `parts`, if every `received` range lies within
    /// the sends.
    pub(crate) fn from_parts(by_contact: Vec<Option<Summary>>, sent: Vec<Sent>) -> Option<Self> {
        let ranges_fit = by_contact.iter().flatten().all(|s| {
            let (from, to) = s.received;
            from <= to && to as usize <= sent.len()
        });
        ranges_fit.then_some(Self { by_contact, sent })
    }

    /// Whether these can be the summaries of a network of `contacts`
    /// contacts and `items` items (what summaries read back from a cache
    /// must show before they are used).
    pub(crate) fn fit(&self, contacts: usize, items: usize) -> bool {
        self.by_contact.len() == contacts
            && self.sent.iter().all(|&(item, _)| (item as usize) < items)
    }

    /// The summary of the contact at `contact`, if they have any history.
    pub fn get(&self, contact: usize) -> Option<&Summary> {
        self.by_contact.get(contact)?.as_ref()
    }

    /// The positions of the items the contact at `contact` received.
    pub fn received(&self, contact: usize) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = self.get(contact).map_or((0, 0), |s| s.received);
        self.sent
            .get(from as usize..to as usize)
            .unwrap_or_default()
            .iter()
            .map(|&(item, _)| item as usize)
    }

    /// When the item at `item` last went to the contact at `contact`.
    pub fn received_at(&self, contact: usize, item: usize) -> Option<DateTime<FixedOffset>> {
        let (from, to) = self.get(contact)?.received;
        let group = self.sent.get(from as usize..to as usize)?;
        let item = u32::try_from(item).ok()?;
        group
            .binary_search_by(|(i, _)| i.cmp(&item))
            .ok()
            .map(|i| group[i].1)
    }
}

/// One interest across the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestCount {
    /// The label as first spelled.
    pub label: String,
    /// Contacts who have it.
    pub contacts: usize,
    /// Items about it.
    pub items: usize,
}

impl InterestCount {
    fn new(label: &str) -> Self {
        Self {
            label: label.to_string(),
            contacts: 0,
            items: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn summaries_extended_with_later_gestures_equal_those_of_all_of_them() {
        let mut rng = fastrand::Rng::with_seed(7);
        let base = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let tallies = [Tally::Give, Tally::Touch, Tally::Ask, Tally::Answered];
        // Gestures for 40 contacts (some for none of them) and 9 items,
        // logged out of date order, with repeated sends and equal times.
        let gestures: Vec<Gesture> = (0..3_000)
            .map(|_| {
                let tally = tallies[rng.usize(..4)];
                Gesture {
                    contact: rng.u32(..44),
                    tally,
                    at: base + chrono::Duration::hours(rng.i64(0..400)),
                    item: (tally == Tally::Give && rng.bool()).then(|| rng.u32(..9)),
                }
            })
            .collect();
        let all = Summaries::tally(40, gestures.iter().copied());
        for split in [0, 1, 17, 1_500, 2_999, 3_000] {
            let (before, after) = gestures.split_at(split);
            let extended =
                Summaries::tally(40, before.iter().copied()).extended(after.iter().copied());
            assert_eq!(extended, all, "split at {split}");
        }
    }

    fn net() -> Network {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut n = Network::default();
        for name in ["Ada Lovelace", "Ada Byron", "José Núñez", "Grace Hopper"] {
            n.contacts.push(Contact::new(name, day).unwrap());
        }
        n
    }

    #[test]
    fn resolves_by_id_name_and_unique_substring() {
        let n = net();
        let grace = n.contacts[3].id.clone();
        assert_eq!(
            n.resolve_contact(grace.as_str()).unwrap().name,
            "Grace Hopper"
        );
        assert_eq!(n.resolve_contact("hopper").unwrap().name, "Grace Hopper");
        assert_eq!(n.resolve_contact("jose").unwrap().name, "José Núñez");
        assert_eq!(
            n.resolve_contact("ada lovelace").unwrap().name,
            "Ada Lovelace"
        );
        match n.resolve_contact("ada") {
            Err(Resolve::Ambiguous(_, c)) => assert_eq!(c.len(), 2),
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert!(matches!(
            n.resolve_contact("zed"),
            Err(Resolve::NotFound(_))
        ));
    }

    #[test]
    fn namesakes_are_told_apart_and_a_query_may_add_their_company() {
        let mut n = net();
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for (company, role) in [("Microsoft", "Engineer"), ("Stripe", "Designer")] {
            let mut jose = Contact::new("José García", day).unwrap();
            jose.company = Some(company.into());
            jose.role = Some(role.into());
            n.contacts.push(jose);
        }
        match n.resolve_contact("jose garcia") {
            Err(Resolve::Ambiguous(_, c)) => {
                let details: Vec<&str> = c.iter().map(|c| c.detail.as_str()).collect();
                assert_eq!(details, ["Engineer at Microsoft", "Designer at Stripe"]);
            }
            other => panic!("expected ambiguity, got {other:?}"),
        }
        let at = |q| {
            n.resolve_contact(q)
                .map(|c| c.company.clone().unwrap_or_default())
        };
        assert_eq!(at("josé garcía microsoft").unwrap(), "Microsoft");
        assert_eq!(at("garcia designer").unwrap(), "Stripe");
        assert!(matches!(at("garcia google"), Err(Resolve::NotFound(_))));
    }

    #[test]
    fn labels_keep_the_first_spelling() {
        let mut n = net();
        n.contacts[0].add_interest("Café");
        assert_eq!(n.canonical_label("CAFE"), "Café");
        assert_eq!(n.canonical_label("  Sailing  boats "), "Sailing boats");
        let label = n.canonical_label("cafe");
        n.contacts[1].add_interest(&label);
        let counts = n.interest_counts();
        assert_eq!(counts.len(), 1);
        assert_eq!((counts[0].label.as_str(), counts[0].contacts), ("Café", 2));
    }
}
