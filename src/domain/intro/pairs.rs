//! Who is worth introducing to whom: two active contacts who share
//! interests — rare ones count for more — and whose roles complement
//! each other.
//!
//! At 30,000 contacts there are 450 million pairs, so pairs are never
//! compared all: each contact meets only the people who share one of its
//! interests, found through the interest index (label → contacts), and
//! their scores add up in one array reused for every contact.
//!
//! A shared interest scores between 1 (everyone has it) and 1.5 (the two
//! of them alone): the number of shared interests comes first, rarity
//! after. Complementary roles add [`ROLES`]. Never suggested: a pair
//! already introduced (at any stage, declined included), and colleagues
//! at one company, who know each other already.

use super::roles::{Role, complement};
use crate::domain::ContactState;
use crate::domain::fold::fold_label;
use crate::domain::history::Entry;
use crate::domain::insight::Insight;
use crate::domain::matching::{LabelId, Matcher};
use crate::domain::network::Network;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Ordering;

/// What complementary roles add to a pair's score: less than one shared
/// interest.
pub const ROLES: f64 = 0.5;

/// Two people worth introducing, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Index in `Network::contacts`.
    pub a: usize,
    /// Index in `Network::contacts`.
    pub b: usize,
    /// Higher is a better introduction.
    pub score: f64,
    /// The interests they share, rarest first, as the network spells them.
    pub shared: Vec<String>,
    /// Their complementary roles, `a`'s first.
    pub roles: Option<(Role, Role)>,
}

impl Pair {
    /// "both into compilers, rust · founder meets investor".
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if !self.shared.is_empty() {
            parts.push(format!("both into {}", self.shared.join(", ")));
        }
        if let Some((a, b)) = self.roles {
            parts.push(format!("{} meets {}", a.noun(), b.noun()));
        }
        parts.join(" · ")
    }
}

/// What scoring pairs needs, worked out once per network.
struct Scoring<'n> {
    matcher: &'n Matcher,
    /// Per label: what sharing it is worth (0 for labels fewer than two
    /// eligible people have).
    weight: Vec<f64>,
    /// Per label: how many eligible people have it (rarity, for the
    /// reason's order).
    df: Vec<u32>,
    /// Per contact: whether they may be introduced.
    eligible: Vec<bool>,
    roles: Vec<Option<Role>>,
    companies: Vec<Option<String>>,
    /// Pairs already introduced, by contact positions, lower first.
    introduced: FxHashSet<(u32, u32)>,
}

impl<'n> Scoring<'n> {
    fn new(network: &'n Network, insight: &'n Insight) -> Self {
        let matcher = &insight.matcher;
        let contacts = &network.contacts;
        let eligible: Vec<bool> = contacts
            .iter()
            .map(|c| c.state == ContactState::Active)
            .collect();
        let mut df = vec![0u32; matcher.labels()];
        for (c, _) in eligible.iter().enumerate().filter(|(_, e)| **e) {
            for &l in matcher.contact_interests(c) {
                df[l as usize] += 1;
            }
        }
        let people = eligible.iter().filter(|e| **e).count().max(2) as f64;
        let weight = df
            .iter()
            .map(|&n| match n {
                0 | 1 => 0.0,
                n => 1.0 + 0.5 * (people / f64::from(n)).ln() / people.ln(),
            })
            .collect();
        Self {
            matcher,
            weight,
            df,
            roles: contacts
                .iter()
                .map(|c| c.role.as_deref().and_then(Role::of))
                .collect(),
            companies: contacts
                .iter()
                .map(|c| c.company.as_deref().map(fold_label))
                .collect(),
            introduced: introduced(network),
            eligible,
        }
    }

    fn roles(&self, a: usize, b: usize) -> Option<(Role, Role)> {
        let (ra, rb) = (self.roles[a]?, self.roles[b]?);
        complement(ra, rb).then_some((ra, rb))
    }

    /// Whether `a` and `b` may be suggested at all.
    fn allowed(&self, a: usize, b: usize) -> bool {
        let key = (a.min(b) as u32, a.max(b) as u32);
        let colleagues = matches!(
            (&self.companies[a], &self.companies[b]),
            (Some(x), Some(y)) if x == y
        );
        a != b && !colleagues && !self.introduced.contains(&key)
    }

    /// Adds up, in `acc`, what `a` shares with every eligible contact
    /// `keep` accepts; `touched` lists who got anything.
    fn accumulate(
        &self,
        a: usize,
        keep: impl Fn(usize) -> bool,
        acc: &mut [f64],
        touched: &mut Vec<u32>,
    ) {
        for &l in self.matcher.contact_interests(a) {
            let w = self.weight[l as usize];
            if w == 0.0 {
                continue;
            }
            for &b in self.matcher.contacts_with(l) {
                let bi = b as usize;
                if !keep(bi) || !self.eligible[bi] {
                    continue;
                }
                if acc[bi] == 0.0 {
                    touched.push(b);
                }
                acc[bi] += w;
            }
        }
    }

    /// The pair as shown, with its shared interests rarest first.
    fn pair(&self, a: usize, b: usize, score: f64) -> Pair {
        let theirs = self.matcher.contact_interests(b);
        let mut shared: Vec<LabelId> = self
            .matcher
            .contact_interests(a)
            .iter()
            .copied()
            .filter(|l| theirs.binary_search(l).is_ok())
            .collect();
        shared.sort_by_cached_key(|&l| (self.df[l as usize], fold_label(self.matcher.spelling(l))));
        Pair {
            a,
            b,
            score,
            shared: shared
                .into_iter()
                .map(|l| self.matcher.spelling(l).to_owned())
                .collect(),
            roles: self.roles(a, b),
        }
    }
}

/// The pairs already introduced (at any stage), by contact positions,
/// lower first; history for records merged into a contact is theirs.
fn introduced(network: &Network) -> FxHashSet<(u32, u32)> {
    let mut at: FxHashMap<&str, u32> = FxHashMap::default();
    for (i, c) in network.contacts.iter().enumerate() {
        for m in &c.merged {
            at.insert(m.as_str(), i as u32);
        }
    }
    for (i, c) in network.contacts.iter().enumerate() {
        at.insert(c.id.as_str(), i as u32);
    }
    network
        .history
        .iter()
        .filter(|e| e.kind == crate::domain::EntryKind::Intro && e.refers().is_none())
        .filter_map(|e: &Entry| {
            let (a, b) = (*at.get(e.contact())?, *at.get(e.other()?)?);
            Some((a.min(b), a.max(b)))
        })
        .collect()
}

/// A candidate pair in the running best list: ordered so the worst is
/// the greatest (the top of a max-heap, dropped first).
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: f64,
    /// The pair's places in the urgency order, the more urgent first:
    /// among equals, the pair whose people are due sooner (a made
    /// introduction is a gift to both), and a stable order.
    urgency: (u32, u32),
    a: u32,
    b: u32,
}

impl Ranked {
    /// `a` and `b`, the more urgent first.
    fn new(insight: &Insight, score: f64, a: usize, b: usize) -> Self {
        let (ra, rb) = (insight.urgency_rank(a), insight.urgency_rank(b));
        let ((a, ra), (b, rb)) = match ra <= rb {
            true => ((a, ra), (b, rb)),
            false => ((b, rb), (a, ra)),
        };
        Ranked {
            score,
            urgency: (ra, rb),
            a: a as u32,
            b: b as u32,
        }
    }

    /// Better first: higher score, then more urgent people.
    fn better(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.urgency.cmp(&other.urgency))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.better(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.better(other)
    }
}

/// The `limit` best introductions in the network, best first.
///
/// Contacts are taken richest in interests first, so good pairs are
/// found early and the bar (the worst score still in the list) rises
/// quickly. Each contact then looks for partners only through its rarer
/// interests: the most common ones, as long as together they stay below
/// the bar (less what roles can add), cannot make a pair good enough on
/// their own, so their long lists of people are never walked; a pair
/// found through a rarer one has them added back before it is scored.
/// Each pair is met once, from whichever of the two comes first.
pub fn suggest(network: &Network, insight: &Insight, limit: usize) -> Vec<Pair> {
    if limit == 0 {
        return Vec::new();
    }
    let s = Scoring::new(network, insight);
    let n = network.contacts.len();
    // Each eligible contact's weighted interests, rarest first.
    let labels: Vec<Vec<(LabelId, f64)>> = (0..n)
        .map(|c| {
            if !s.eligible[c] {
                return Vec::new();
            }
            let mut l: Vec<(LabelId, f64)> = s
                .matcher
                .contact_interests(c)
                .iter()
                .map(|&l| (l, s.weight[l as usize]))
                .filter(|&(_, w)| w > 0.0)
                .collect();
            l.sort_by_key(|&(l, _)| (s.df[l as usize], l));
            l
        })
        .collect();
    let total: Vec<f64> = labels
        .iter()
        .map(|l| l.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut order: Vec<usize> = (0..n).filter(|&c| !labels[c].is_empty()).collect();
    order.sort_by(|&a, &b| total[b].total_cmp(&total[a]).then(a.cmp(&b)));
    let mut place = vec![u32::MAX; n];
    for (i, &c) in order.iter().enumerate() {
        place[c] = i as u32;
    }
    let common = Common::new(&s, &labels);
    let mut acc = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut best: std::collections::BinaryHeap<Ranked> = std::collections::BinaryHeap::new();
    for &a in &order {
        // What a pair must beat to enter the list (none until it is full).
        let bar = match best.len() < limit {
            true => f64::NEG_INFINITY,
            false => best.peek().map_or(f64::NEG_INFINITY, |w| w.score),
        };
        // The common tail of a's interests that cannot carry a pair.
        let mine = &labels[a];
        let mut cut = mine.len();
        let mut tail = 0.0;
        while cut > 0 && tail + mine[cut - 1].1 + ROLES < bar {
            cut -= 1;
            tail += mine[cut].1;
        }
        // The tail as bits of the commonest labels, and the rest of it.
        let mut tail_bits = 0u64;
        let mut tail_rest: Vec<(LabelId, f64)> = Vec::new();
        for &(l, w) in &mine[cut..] {
            match common.bit[l as usize] {
                Some(bit) => tail_bits |= 1 << bit,
                None => tail_rest.push((l, w)),
            }
        }
        for &(l, w) in &mine[..cut] {
            for &b in s.matcher.contacts_with(l) {
                let bi = b as usize;
                // Met already from b's side, or not to be introduced.
                if place[bi] <= place[a] || place[bi] == u32::MAX {
                    continue;
                }
                if acc[bi] == 0.0 {
                    touched.push(b);
                }
                acc[bi] += w;
            }
        }
        for b in touched.drain(..) {
            let bi = b as usize;
            let found = std::mem::take(&mut acc[bi]);
            // What b could still share with a's tail: no more than the
            // tail, nor than the rest of b's own interests.
            if found + tail.min(total[bi] - found) + ROLES < bar {
                continue;
            }
            let theirs = s.matcher.contact_interests(bi);
            let shared = found
                + common.sum(tail_bits & common.mask[bi])
                + tail_rest
                    .iter()
                    .filter(|(l, _)| theirs.binary_search(l).is_ok())
                    .map(|&(_, w)| w)
                    .sum::<f64>();
            if shared + ROLES < bar {
                continue;
            }
            let score = shared + if s.roles(a, bi).is_some() { ROLES } else { 0.0 };
            let cand = Ranked::new(insight, score, a, bi);
            let room = best.len() < limit || best.peek().is_some_and(|w| cand < *w);
            if room && s.allowed(a, bi) {
                best.push(cand);
                if best.len() > limit {
                    best.pop();
                }
            }
        }
    }
    best.into_sorted_vec()
        .into_iter()
        .map(|r| s.pair(r.a as usize, r.b as usize, r.score))
        .collect()
}

/// The 64 commonest interests as bits, and each contact's as a mask: the
/// common tail a pair shares is then an AND and a few additions, where
/// searching lists took most of the time at 30,000 contacts.
struct Common {
    /// Each label's bit, if it is among the commonest.
    bit: Vec<Option<u8>>,
    /// Each bit's weight.
    weight: [f64; 64],
    /// Each contact's commonest interests.
    mask: Vec<u64>,
}

impl Common {
    fn new(s: &Scoring, labels: &[Vec<(LabelId, f64)>]) -> Self {
        let mut by_df: Vec<LabelId> = (0..s.df.len() as LabelId)
            .filter(|&l| s.weight[l as usize] > 0.0)
            .collect();
        by_df.sort_by_key(|&l| (std::cmp::Reverse(s.df[l as usize]), l));
        by_df.truncate(64);
        let mut bit = vec![None; s.df.len()];
        let mut weight = [0.0; 64];
        for (i, &l) in by_df.iter().enumerate() {
            bit[l as usize] = Some(i as u8);
            weight[i] = s.weight[l as usize];
        }
        let mask = labels
            .iter()
            .map(|mine| {
                mine.iter()
                    .filter_map(|&(l, _)| bit[l as usize])
                    .fold(0u64, |m, b| m | 1 << b)
            })
            .collect();
        Common { bit, weight, mask }
    }

    /// The weights of the labels whose bits are set.
    fn sum(&self, mut bits: u64) -> f64 {
        let mut total = 0.0;
        while bits != 0 {
            total += self.weight[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        total
    }
}

/// Contacts `a` and `b` as a pair, chosen by hand: whatever their state,
/// what they share and whether their roles complement each other.
pub fn between(network: &Network, insight: &Insight, a: usize, b: usize) -> Pair {
    let s = Scoring::new(network, insight);
    let mut pair = s.pair(a, b, 0.0);
    let shared: f64 = s
        .matcher
        .contact_interests(a)
        .iter()
        .filter(|l| s.matcher.contact_interests(b).binary_search(l).is_ok())
        .map(|&l| s.weight[l as usize].max(1.0))
        .sum();
    pair.score = shared + if pair.roles.is_some() { ROLES } else { 0.0 };
    pair
}

/// Everyone worth introducing to contact `a`, best first: the people
/// who share an interest with them and may be introduced to them.
pub fn partners(network: &Network, insight: &Insight, a: usize) -> Vec<Pair> {
    if a >= network.contacts.len() {
        return Vec::new();
    }
    let s = Scoring::new(network, insight);
    let mut acc = vec![0.0; network.contacts.len()];
    let mut touched = Vec::new();
    s.accumulate(a, |b| b != a, &mut acc, &mut touched);
    let mut found: Vec<Ranked> = touched
        .into_iter()
        .filter(|&b| s.allowed(a, b as usize))
        .map(|b| {
            let bi = b as usize;
            let bonus = if s.roles(a, bi).is_some() { ROLES } else { 0.0 };
            Ranked::new(insight, acc[bi] + bonus, a, bi)
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|r| {
            let b = if r.a as usize == a { r.b } else { r.a };
            s.pair(a, b as usize, r.score)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::due::Cadences;
    use crate::domain::history::{Person, Stage};
    use crate::domain::testnet::{TestNet, now};

    fn insight(net: &Network) -> Insight {
        Insight::new(net, &Cadences::default(), now())
    }

    fn names(net: &Network, pairs: &[Pair]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|p| {
                (
                    net.contacts[p.a].first_name().to_owned(),
                    net.contacts[p.b].first_name().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn the_pair_sharing_most_interests_comes_first_with_the_reason() {
        let mut t = TestNet::default();
        t.contact("Ada Lovelace", &["rust", "compilers", "poetry"]);
        t.contact("Grace Hopper", &["Rust", "compilers", "poetry", "navy"]);
        t.contact("Bob Byron", &["rust", "poetry"]);
        t.contact("Cy Sailor", &["sailing", "navy"]);
        t.contact("Dee Dormant", &["rust", "compilers", "poetry"]);
        t.state(4, ContactState::Dormant);
        let net = &t.net;
        let pairs = suggest(net, &insight(net), 10);
        assert_eq!(
            names(net, &pairs),
            [
                ("Ada".into(), "Grace".into()),
                ("Ada".into(), "Bob".into()),
                // Equal scores: the more urgent pair first (all equally
                // due here, so by name), the more urgent person first.
                ("Bob".into(), "Grace".into()),
                ("Cy".into(), "Grace".into()),
            ]
        );
        assert_eq!(pairs[0].reason(), "both into compilers, poetry, rust");
        assert_eq!(suggest(net, &insight(net), 1).len(), 1);
    }

    #[test]
    fn the_index_and_the_pruning_find_what_comparing_every_pair_finds() {
        let mut rng = fastrand::Rng::with_seed(23);
        let mut t = TestNet::default();
        let roles = [
            "Founder",
            "Investor",
            "Engineer",
            "Recruiter",
            "Poet",
            "Designer",
        ];
        for n in 0..300 {
            let count = rng.usize(0..7);
            // Skewed: low labels are common.
            let interests: Vec<String> = (0..count)
                .map(|_| format!("topic {}", (rng.f64() * rng.f64() * 30.0) as usize))
                .collect();
            let refs: Vec<&str> = interests.iter().map(String::as_str).collect();
            let c = t.contact(&format!("P{n:03}"), &refs);
            t.with(|c| {
                c.role = Some(roles[rng.usize(..roles.len())].into());
                c.company = rng.bool().then(|| format!("Co {}", rng.usize(..20)));
            });
            if rng.usize(..10) == 0 {
                t.state(c, ContactState::Dormant);
            }
        }
        let net = &t.net;
        let insight = insight(net);
        let s = Scoring::new(net, &insight);
        let mut all: Vec<Ranked> = Vec::new();
        for a in 0..net.contacts.len() {
            for b in a + 1..net.contacts.len() {
                if !(s.eligible[a] && s.eligible[b] && s.allowed(a, b)) {
                    continue;
                }
                let theirs = s.matcher.contact_interests(b);
                let shared: f64 = s
                    .matcher
                    .contact_interests(a)
                    .iter()
                    .filter(|l| theirs.binary_search(l).is_ok())
                    .map(|&l| s.weight[l as usize])
                    .sum();
                if shared > 0.0 {
                    let roles = if s.roles(a, b).is_some() { ROLES } else { 0.0 };
                    all.push(Ranked::new(&insight, shared + roles, a, b));
                }
            }
        }
        all.sort();
        for limit in [1, 10, 50] {
            let want: Vec<(usize, usize, String)> = all[..limit]
                .iter()
                .map(|r| (r.a as usize, r.b as usize, format!("{:.9}", r.score)))
                .collect();
            let got: Vec<(usize, usize, String)> = suggest(net, &insight, limit)
                .iter()
                .map(|p| (p.a, p.b, format!("{:.9}", p.score)))
                .collect();
            assert_eq!(got, want, "top {limit}");
        }
    }

    #[test]
    fn rare_interests_and_complementary_roles_count_for_more() {
        let mut t = TestNet::default();
        for name in ["A", "B", "C", "D", "E", "F"] {
            t.contact(name, &["rust"]);
        }
        t.net.contacts[0].interests.push("knots".into());
        t.net.contacts[1].interests.push("knots".into());
        t.net.contacts[2].role = Some("Founder".into());
        t.net.contacts[3].role = Some("Investor".into());
        let net = &t.net;
        let pairs = suggest(net, &insight(net), 2);
        assert_eq!(pairs[0].reason(), "both into knots, rust");
        assert_eq!(pairs[1].reason(), "both into rust · founder meets investor");
        assert!(pairs[0].score > pairs[1].score);
    }

    #[test]
    fn introduced_pairs_and_colleagues_are_never_suggested() {
        let mut t = TestNet::default();
        let ada = t.contact("Ada", &["rust"]);
        let bob = t.contact("Bob", &["rust"]);
        let cy = t.contact("Cy", &["rust"]);
        t.with(|c| c.company = Some("Babbage".into()));
        t.contact("Dee", &["rust"]);
        t.with(|c| c.company = Some("babbage".into()));
        let (a, b) = (&t.net.contacts[ada], &t.net.contacts[bob]);
        let declined = Entry::intro(
            Person::from(b),
            Person::from(a),
            Stage::Asked,
            None,
            now(),
            "",
        );
        t.net.history.push(declined);
        let net = &t.net;
        let pairs = suggest(net, &insight(net), 10);
        let got = names(net, &pairs);
        assert_eq!(got.len(), 4);
        assert!(!got.contains(&("Ada".into(), "Bob".into())));
        assert!(!got.contains(&("Cy".into(), "Dee".into())));
        let for_ada = partners(net, &insight(net), ada);
        assert_eq!(
            for_ada
                .iter()
                .map(|p| net.contacts[p.b].name.as_str())
                .collect::<Vec<_>>(),
            ["Cy", "Dee"]
        );
        assert_eq!(names(net, &partners(net, &insight(net), cy)).len(), 2);
    }
}
