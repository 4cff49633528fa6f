//! The one ranking the Queue pane, the share pickers and `netwerk suggest`
//! all use: match strength, then due-ness, then degree. Items a contact
//! already received are never suggested, and sort last (marked) where a
//! full list is shown.
//!
//! A contact's reading history counts too: each matching topic they were
//! never sent an item about lifts an item by [`FRESH`], so an item on a
//! topic they already have ranks below one as strong on something new
//! for them ("new for Ada: sailing").

use super::insight::{Insight, newest_first, state_rank};
use super::matching::{FRESH, LabelId, Match, Scratch};
use super::network::Network;
use chrono::{DateTime, FixedOffset};

/// An item as ranked for one contact.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedItem {
    /// Index in `Network::items`.
    pub item: usize,
    /// Why it suits the contact; strength 0 and no reasons when it doesn't.
    pub fit: Match,
    /// When the contact was last sent it, if ever.
    pub received: Option<DateTime<FixedOffset>>,
}

/// A contact as ranked for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedContact {
    /// Index in `Network::contacts`.
    pub contact: usize,
    /// Why the item suits them; strength 0 and no reasons when it doesn't.
    pub fit: Match,
    /// When they were last sent the item, if ever.
    pub received: Option<DateTime<FixedOffset>>,
}

/// A contact and the item to send them next.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Index in `Network::contacts`.
    pub contact: usize,
    /// Index in `Network::items`.
    pub item: usize,
    /// Why the item suits them.
    pub fit: Match,
}

impl Insight {
    /// When contact `contact` was last sent item `item`, if ever.
    pub fn received(&self, contact: usize, item: usize) -> Option<DateTime<FixedOffset>> {
        self.summaries.received_at(contact, item)
    }

    /// The topics of every item `contact` received, as sorted label
    /// numbers: their reading history, as far as ranking cares.
    fn seen_topics(&self, contact: usize) -> Vec<LabelId> {
        let mut seen: Vec<LabelId> = self
            .summaries
            .received(contact)
            .flat_map(|item| self.matcher.item_topics(item).iter().copied())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    }

    /// How item `item` suits `contact`, whose reading history is `seen`
    /// (see [`Insight::seen_topics`]), with the topics new for them.
    fn fit(&self, contact: usize, item: usize, seen: &[LabelId]) -> Option<Match> {
        let mut fit = self.matcher.match_of(contact, item)?;
        if !seen.is_empty() {
            fit.fresh = self
                .matcher
                .fresh_topics(contact, item, seen)
                .map(|l| self.matcher.spelling(l).to_owned())
                .collect();
        }
        Some(fit)
    }

    /// The queue as one contact should see it: every item that is not
    /// archived; items they have not received first, best ranked first
    /// (see [`Match::rank`]), then newest; items they already received
    /// last, in the same order.
    pub fn rank_items_for(&self, network: &Network, contact: usize) -> Vec<RankedItem> {
        let mut ranked: Vec<RankedItem> = network
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.archived)
            .map(|(i, _)| RankedItem {
                item: i,
                fit: Match::default(),
                received: self.received(contact, i),
            })
            .collect();
        let candidates = self.matcher.candidate_items(contact);
        let seen = self.seen_topics(contact);
        for r in &mut ranked {
            if candidates.binary_search(&r.item).is_ok() {
                r.fit = self.fit(contact, r.item, &seen).unwrap_or_default();
            }
        }
        // Not received first, then best ranked, then newest: one number
        // each, as the item's recency is unique.
        let recency = |item: usize| self.recency.get(item).copied().unwrap_or(u32::MAX);
        ranked.sort_unstable_by_key(|r| {
            (
                r.received.is_some(),
                std::cmp::Reverse(r.fit.rank()),
                recency(r.item),
            )
        });
        ranked
    }

    /// Every contact as the picker for one item shows them: those who have
    /// not received it first; active before untriaged before dormant; then
    /// strongest match, most overdue, closest degree, name.
    pub fn rank_contacts_for(&self, network: &Network, item: usize) -> Vec<RankedContact> {
        let mut ranked: Vec<RankedContact> = (0..network.contacts.len())
            .map(|c| RankedContact {
                contact: c,
                fit: Match::default(),
                received: self.received(c, item),
            })
            .collect();
        for c in self.matcher.candidate_contacts(item) {
            if let Some(r) = ranked.get_mut(c) {
                r.fit = self.fit(c, item, &self.seen_topics(c)).unwrap_or_default();
            }
        }
        ranked.sort_by(|a, b| {
            let state = |r: &RankedContact| state_rank(network.contacts[r.contact].state);
            a.received
                .is_some()
                .cmp(&b.received.is_some())
                .then(state(a).cmp(&state(b)))
                .then(b.fit.rank().cmp(&a.fit.rank()))
                .then_with(|| self.cmp_urgency(a.contact, b.contact))
        });
        ranked
    }

    /// Who to send what, now: active contacts in urgency order (most
    /// overdue first), each paired with the best matching item that is not
    /// archived and that they have not received. Contacts with no such
    /// item are skipped; at most `limit` pairs, one per contact, so the
    /// list spreads gestures across people.
    pub fn suggest(&self, network: &Network, limit: usize) -> Vec<Suggestion> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for contact in self.active_by_urgency(network) {
            if out.len() >= limit {
                break;
            }
            if let Some(s) = self.best_item(network, contact, &mut scratch) {
                out.push(s);
            }
        }
        out
    }

    /// The item to send `contact` next, if any suits them: what `suggest`
    /// pairs them with.
    pub fn best_for(&self, network: &Network, contact: usize) -> Option<Suggestion> {
        self.best_item(network, contact, &mut Scratch::default())
    }

    /// The best ranked unreceived, unarchived match for a contact (see
    /// [`Match::rank`]); among equals the newest item, so fresh finds go
    /// out while they are fresh.
    fn best_item(
        &self,
        network: &Network,
        contact: usize,
        scratch: &mut Scratch,
    ) -> Option<Suggestion> {
        let mut best: Option<(u32, usize)> = None;
        let seen = self.seen_topics(contact);
        self.matcher
            .score_items(contact, scratch, |item, strength| {
                let Some(it) = network.items.get(item) else {
                    return;
                };
                let strength = match seen.is_empty() {
                    true => strength,
                    false => {
                        let fresh = self.matcher.fresh_topics(contact, item, &seen).count();
                        strength + FRESH * fresh as u32
                    }
                };
                let better = match best {
                    None => true,
                    Some((s, b)) => {
                        strength > s || (strength == s && newest_first(network, item, b).is_lt())
                    }
                };
                // Checked only for would-be winners: the received lookup
                // searches ids, the comparison above does not.
                if better && !it.archived && self.summaries.received_at(contact, item).is_none() {
                    best = Some((strength, item));
                }
            });
        let (_, item) = best?;
        Some(Suggestion {
            contact,
            item,
            fit: self.fit(contact, item, &seen)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::due::Cadences;
    use crate::domain::testnet::{TestNet, now};
    use crate::domain::{ContactState, EntryKind};

    struct World {
        t: TestNet,
        ada: usize,
        grace: usize,
        bob: usize,
        cy: usize,
        ivy: usize,
    }

    /// Grace is most overdue (60 days / 30), then Ada (45 / 30, after a
    /// share of "Rust async"), Bob (2nd degree, 100 / 90); Cy is fine and
    /// Ivy untriaged.
    fn world() -> World {
        let mut t = TestNet::default();
        let ada = t.contact("Ada Lovelace", &["rust", "poetry"]);
        let grace = t.contact("Grace Hopper", &["Rust", "compilers"]);
        let bob = t.contact("Bob Byron", &["rust"]);
        t.with(|c| c.degree = 2);
        let cy = t.contact("Cy Sailor", &["sailing"]);
        let ivy = t.contact("Ivy Import", &["rust"]);
        t.state(ivy, ContactState::Untriaged);
        t.item("Rust async", &["rust", "async"], 3);
        t.item("Compilers and Rust", &["rust", "compilers"], 10);
        t.item("Sailing knots", &["sailing"], 20);
        let poems = t.item("Poems", &["poetry"], 2);
        t.net.items[poems].archived = true;
        t.item("Cooking", &["cooking"], 30);
        t.item("Async Rust patterns", &["async rust"], 1);
        t.share(ada, 0, 45);
        t.touch(grace, EntryKind::Touch, 60);
        t.touch(bob, EntryKind::Touch, 100);
        t.touch(cy, EntryKind::Touch, 5);
        World {
            t,
            ada,
            grace,
            bob,
            cy,
            ivy,
        }
    }

    fn insight(net: &Network) -> Insight {
        Insight::new(net, &Cadences::default(), now())
    }

    fn titles(net: &Network, items: impl Iterator<Item = usize>) -> Vec<&str> {
        items.map(|i| net.items[i].title.as_str()).collect()
    }

    #[test]
    fn items_rank_by_strength_then_newest_with_received_last_and_archived_gone() {
        let w = world();
        let net = &w.t.net;
        let ranked = insight(net).rank_items_for(net, w.ada);
        assert_eq!(
            titles(net, ranked.iter().map(|r| r.item)),
            [
                "Compilers and Rust",
                "Async Rust patterns",
                "Sailing knots",
                "Cooking",
                "Rust async"
            ]
        );
        let reasons: Vec<String> = ranked.iter().map(|r| r.fit.reason()).collect();
        assert_eq!(reasons, ["rust", "async rust ~ rust", "", "", "rust"]);
        let strengths: Vec<u32> = ranked.iter().map(|r| r.fit.strength).collect();
        assert_eq!(strengths, [2, 1, 0, 0, 2]);
        assert_eq!(ranked[4].received, Some(now() - chrono::Duration::days(45)));
        assert!(ranked[..4].iter().all(|r| r.received.is_none()));
    }

    #[test]
    fn contacts_rank_by_strength_then_due_ness_then_degree() {
        let w = world();
        let net = &w.t.net;
        let ranked = insight(net).rank_contacts_for(net, 1);
        let order: Vec<usize> = ranked.iter().map(|r| r.contact).collect();
        assert_eq!(order, [w.grace, w.ada, w.bob, w.cy, w.ivy]);
        assert_eq!(ranked[0].fit.matched, ["rust", "compilers"]);
        assert_eq!(ranked[0].fit.strength, 4);
        // Ada and Bob match equally; Ada is more overdue (1.5 against 1.1).
        assert_eq!((ranked[1].fit.strength, ranked[2].fit.strength), (2, 2));
        // The one who already has it goes last.
        let ranked = insight(net).rank_contacts_for(net, 0);
        assert_eq!(ranked.last().map(|r| r.contact), Some(w.ada));
        assert!(ranked.last().is_some_and(|r| r.received.is_some()));
    }

    #[test]
    fn suggest_pairs_the_most_overdue_with_their_best_item() {
        let w = world();
        let net = &w.t.net;
        let pairs: Vec<(usize, &str, String)> = insight(net)
            .suggest(net, 10)
            .into_iter()
            .map(|s| (s.contact, net.items[s.item].title.as_str(), s.fit.reason()))
            .collect();
        // Grace typed "Rust", but reasons use the network's first spelling.
        assert_eq!(
            pairs,
            [
                (w.grace, "Compilers and Rust", "rust, compilers".to_string()),
                (w.ada, "Compilers and Rust", "rust".to_string()),
                (w.bob, "Rust async", "rust".to_string()),
                (w.cy, "Sailing knots", "sailing".to_string()),
            ]
        );
        assert_eq!(insight(net).suggest(net, 2).len(), 2);
        assert!(insight(net).suggest(net, 0).is_empty());
    }

    #[test]
    fn a_shared_item_is_never_suggested_to_that_contact_again() {
        let mut w = world();
        w.t.share(w.grace, 1, 0);
        let net = &w.t.net;
        let suggestions = insight(net).suggest(net, 10);
        let grace: Vec<&str> = suggestions
            .iter()
            .filter(|s| s.contact == w.grace)
            .map(|s| net.items[s.item].title.as_str())
            .collect();
        assert_eq!(grace, ["Rust async"]);
        // Just touched, Grace is now the least urgent.
        assert_eq!(suggestions.last().map(|s| s.contact), Some(w.grace));
        assert_eq!(suggestions[0].contact, w.ada);
    }

    #[test]
    fn topics_already_sent_rank_below_topics_new_for_the_person() {
        let mut t = TestNet::default();
        let ada = t.contact("Ada Lovelace", &["rust", "sailing"]);
        let tips = t.item("Rust tips", &["rust"], 1);
        let knots = t.item("Knots", &["sailing"], 5);
        let titles_for = |net: &Network| -> Vec<String> {
            insight(net)
                .rank_items_for(net, ada)
                .iter()
                .map(|r| net.items[r.item].title.clone())
                .collect()
        };
        // Sent nothing yet: equal matches, newest first, nothing "new".
        assert_eq!(titles_for(&t.net), ["Rust tips", "Knots"]);
        let sent = t.item("Rust async", &["Rust", "async"], 30);
        t.share(ada, sent, 10);
        let net = &t.net;
        assert_eq!(titles_for(net), ["Knots", "Rust tips", "Rust async"]);
        let ranked = insight(net).rank_items_for(net, ada);
        assert_eq!(ranked[0].fit.reason_for("Ada"), "new for Ada: sailing");
        assert_eq!(ranked[1].fit.reason_for("Ada"), "rust");
        let best = insight(net).suggest(net, 1);
        assert_eq!(
            (best[0].item, best[0].fit.fresh.clone()),
            (knots, vec!["sailing".to_string()])
        );
        assert_ne!(best[0].item, tips);
    }

    #[test]
    fn the_fast_scores_agree_with_match_of() {
        let w = world();
        let m = &insight(&w.t.net).matcher;
        let mut scratch = crate::domain::matching::Scratch::default();
        for c in 0..w.t.net.contacts.len() {
            let mut scored = vec![0; w.t.net.items.len()];
            m.score_items(c, &mut scratch, |i, s| scored[i] = s);
            for (i, fast) in scored.into_iter().enumerate() {
                let full = m.match_of(c, i).map_or(0, |f| f.strength);
                assert_eq!(m.strength_of(c, i), full, "contact {c}, item {i}");
                assert_eq!(fast, full, "contact {c}, item {i}");
            }
        }
    }
}
