//! What the network implies at one moment, computed once and asked many
//! times: each contact's history summary and due-ness, folded name keys
//! for stable ordering, and the interest index for matching.
//!
//! An [`Insight`] owns everything it derives and refers to contacts and
//! items by their index in `Network::contacts` / `Network::items`, so a
//! front end can keep it next to the network without borrowing it. Build a
//! new one whenever the network changes or the day turns over; pass the
//! same network it was built from to its methods.
//!
//! Ranking for the queue, the pickers and `suggest` lives in `ranking.rs`;
//! the header and dashboard figures in `stats.rs`.

use super::contact::ContactState;
use super::due::Cadences;
use super::due::{Due, DueState};
use super::fold::fold;
use super::matching::Matcher;
use super::network::{Network, Summaries, Summary};
use chrono::{DateTime, FixedOffset};
use std::cmp::Ordering;

/// Derived facts about one network at one instant.
#[derive(Debug, Clone)]
pub struct Insight {
    /// The instant everything was computed for.
    pub now: DateTime<FixedOffset>,
    /// What the history says about each contact (contacts without history
    /// are absent).
    pub summaries: Summaries,
    /// Due-ness per contact, parallel to `Network::contacts`.
    dues: Vec<Due>,
    /// Contact indices, most urgent first (see [`Insight::cmp_urgency`]).
    order: Vec<u32>,
    /// Each contact's position in `order`, parallel to `Network::contacts`.
    rank: Vec<u32>,
    /// Each item's position among all items newest first (see
    /// `ranking::newest_first`), parallel to `Network::items`: the queue's
    /// tie-break as one number.
    pub(super) recency: Vec<u32>,
    /// The interest index.
    pub(super) matcher: Matcher,
}

/// What an [`Insight`] needs of the contacts and items alone: the interest
/// index and the folded names that break ties in the urgency order. A
/// launch works it out while the history is still being read.
#[derive(Debug)]
pub struct Groundwork {
    matcher: Matcher,
    names: Vec<String>,
}

impl Groundwork {
    /// Works it out for `network`'s contacts and items (its history is
    /// not looked at), on two threads.
    pub fn new(network: &Network) -> Self {
        std::thread::scope(|s| {
            let matcher = s.spawn(|| Matcher::new(network));
            let names = fold_names(network);
            Self {
                matcher: join(matcher),
                names,
            }
        })
    }
}

/// Contacts' folded names, in file order: three times quicker than
/// folding them when the urgency sort asks for them, scattered.
fn fold_names(network: &Network) -> Vec<String> {
    network.contacts.iter().map(|c| fold(&c.name)).collect()
}

impl Insight {
    /// Derives everything from `network` as of `now`.
    pub fn new(network: &Network, cadences: &Cadences, now: DateTime<FixedOffset>) -> Self {
        Self::derive(network, cadences, now, None, |_| ()).0
    }

    /// Derives everything from `network` as of `now`, with the
    /// [`Groundwork`] already done for its contacts and items.
    pub fn with(
        network: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        groundwork: Groundwork,
    ) -> Self {
        Self::derive(network, cadences, now, Some((groundwork, None)), |_| ()).0
    }

    /// Derives everything like [`Insight::new`] (or [`Insight::with`],
    /// given the groundwork, and perhaps the summaries of the history:
    /// [`Network::summaries`]), and meanwhile runs `beside` on a second
    /// thread with the interest index: room for other work over the
    /// network that does not need the due-ness, such as
    /// the history's figures (`stats.rs`).
    pub fn derive<R: Send>(
        network: &Network,
        cadences: &Cadences,
        now: DateTime<FixedOffset>,
        prepared: Option<(Groundwork, Option<Summaries>)>,
        beside: impl FnOnce(&Matcher) -> R + Send,
    ) -> (Self, R) {
        // This thread goes through the history; the second one does the
        // groundwork if it is not done yet, then `beside`.
        let (groundwork, summaries) = match prepared {
            Some((g, s)) => (Some(g), s),
            None => (None, None),
        };
        let summarise = || {
            let summaries = summaries.unwrap_or_else(|| network.summaries());
            let dues: Vec<Due> = network
                .contacts
                .iter()
                .enumerate()
                .map(|(i, c)| Due::of(c, summaries.get(i), cadences, now))
                .collect();
            (summaries, dues)
        };
        let (groundwork, (summaries, dues), (order, rank), beside) = match groundwork {
            Some(groundwork) => {
                let (derived, order, beside) = std::thread::scope(|s| {
                    let beside = s.spawn(|| beside(&groundwork.matcher));
                    let (summaries, dues) = summarise();
                    let order = urgency(network, &dues, &groundwork.names);
                    ((summaries, dues), order, join(beside))
                });
                (groundwork, derived, order, beside)
            }
            None => std::thread::scope(|s| {
                let pending = s.spawn(|| {
                    let groundwork = Groundwork::new(network);
                    let beside = beside(&groundwork.matcher);
                    (groundwork, beside)
                });
                let (summaries, dues) = summarise();
                let (groundwork, beside) = join(pending);
                let order = urgency(network, &dues, &groundwork.names);
                (groundwork, (summaries, dues), order, beside)
            }),
        };
        let insight = Self {
            now,
            summaries,
            dues,
            order,
            rank,
            recency: recency(network),
            matcher: groundwork.matcher,
        };
        (insight, beside)
    }

    /// The due-ness of the contact at `contact`.
    pub fn due(&self, contact: usize) -> Option<&Due> {
        self.dues.get(contact)
    }

    /// The contact's history summary, if they have any history.
    pub fn summary(&self, contact: usize) -> Option<&Summary> {
        self.summaries.get(contact)
    }

    /// The contact's state for colours and glyphs; untriaged and dormant
    /// contacts are [`DueState::Inactive`].
    pub fn due_state(&self, network: &Network, contact: usize) -> DueState {
        match (network.contacts.get(contact), self.dues.get(contact)) {
            (Some(c), Some(d)) => d.state(c.state),
            _ => DueState::Inactive,
        }
    }

    /// Compares two contacts by urgency: active before untriaged before
    /// dormant; then most overdue first (days since ÷ cadence); then closer
    /// degree; then name and id, so the order never depends on file order.
    /// Sorted once when the insight is built, so this is one comparison.
    pub fn cmp_urgency(&self, a: usize, b: usize) -> Ordering {
        let rank = |i: usize| self.rank.get(i).copied().unwrap_or(u32::MAX);
        rank(a).cmp(&rank(b)).then(a.cmp(&b))
    }

    /// The contact's place in the urgency order (0 is the most urgent).
    pub fn urgency_rank(&self, contact: usize) -> u32 {
        self.rank.get(contact).copied().unwrap_or(u32::MAX)
    }

    /// Every contact, most urgent first (the Contacts pane's default sort).
    /// Untriaged and dormant contacts come last; filter them out for a
    /// view that hides them.
    pub fn urgency_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.order.iter().map(|&i| i as usize)
    }

    /// Active contacts whose cadence has been reached, most overdue first.
    /// Untriaged and dormant contacts are never due.
    pub fn due_contacts(&self, network: &Network) -> Vec<usize> {
        self.urgency_order()
            .take_while(|&i| is_active(network, i))
            .filter(|&i| self.dues[i].is_due())
            .collect()
    }

    /// Active contacts, most urgent first.
    pub fn active_by_urgency<'s>(
        &'s self,
        network: &'s Network,
    ) -> impl Iterator<Item = usize> + 's {
        self.urgency_order().take_while(|&i| is_active(network, i))
    }
}

fn is_active(network: &Network, contact: usize) -> bool {
    network
        .contacts
        .get(contact)
        .is_some_and(|c| c.state == ContactState::Active)
}

/// What a scoped thread returned; a panic there is a bug, surfaced as one.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Sorts contacts by urgency once; returns the order and each contact's
/// rank in it.
fn urgency(network: &Network, dues: &[Due], names: &[String]) -> (Vec<u32>, Vec<u32>) {
    // Sorted on small copied keys rather than through the contacts (a
    // cache miss per comparison at 30,000); names and ids are compared
    // only within runs where everything before them ties.
    let mut keys: Vec<(u8, i64, u32, u8, u32)> = network
        .contacts
        .iter()
        .zip(dues)
        .enumerate()
        .map(|(i, (c, d))| {
            (
                state_rank(c.state),
                d.days_since,
                d.cadence,
                c.degree,
                i as u32,
            )
        })
        .collect();
    let ahead = |a: &(u8, i64, u32, u8, u32), b: &(u8, i64, u32, u8, u32)| {
        // Most overdue first, compared exactly as `Due::cmp_urgency`.
        let overdue = (i128::from(b.1) * i128::from(a.2)).cmp(&(i128::from(a.1) * i128::from(b.2)));
        a.0.cmp(&b.0).then(overdue).then(a.3.cmp(&b.3))
    };
    keys.sort_unstable_by(|a, b| ahead(a, b).then(a.4.cmp(&b.4)));
    let mut order: Vec<u32> = keys.iter().map(|k| k.4).collect();
    let mut start = 0;
    while start < keys.len() {
        let end = start + keys[start..].partition_point(|k| ahead(&keys[start], k).is_eq());
        if end - start > 1 {
            let contact = |i: u32| &network.contacts[i as usize];
            order[start..end].sort_unstable_by(|&a, &b| {
                (&names[a as usize], &contact(a).id, a).cmp(&(
                    &names[b as usize],
                    &contact(b).id,
                    b,
                ))
            });
        }
        start = end;
    }
    let mut rank = vec![0; order.len()];
    for (pos, &c) in order.iter().enumerate() {
        rank[c as usize] = pos as u32;
    }
    (order, rank)
}

/// Active first: those are the people the user has chosen to keep up with.
pub(super) fn state_rank(state: ContactState) -> u8 {
    match state {
        ContactState::Active => 0,
        ContactState::Untriaged => 1,
        ContactState::Dormant => 2,
    }
}

/// Each item's position when all are sorted [`newest_first`].
fn recency(network: &Network) -> Vec<u32> {
    let mut order: Vec<usize> = (0..network.items.len()).collect();
    order.sort_unstable_by(|&a, &b| newest_first(network, a, b).then(a.cmp(&b)));
    let mut recency = vec![0; order.len()];
    for (position, item) in order.into_iter().enumerate() {
        recency[item] = u32::try_from(position).unwrap_or(u32::MAX);
    }
    recency
}

/// Newest added first, then by id so equal dates order the same way every
/// run.
pub(super) fn newest_first(network: &Network, a: usize, b: usize) -> Ordering {
    let (ia, ib) = (&network.items[a], &network.items[b]);
    ib.added.cmp(&ia.added).then_with(|| ia.id.cmp(&ib.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind;
    use crate::domain::testnet::{TestNet, now};
    use ContactState::{Active, Dormant, Untriaged};

    /// One contact per row: name, degree, own cadence, days since a touch
    /// (None: never touched; added 2026-01-01), state.
    type Row<'a> = (&'a str, u8, Option<u32>, Option<i64>, ContactState);

    fn network(rows: &[Row]) -> Network {
        let mut t = TestNet::default();
        for (name, degree, cadence, touched, state) in rows {
            let c = t.contact(name, &[]);
            t.with(|c| {
                c.degree = *degree;
                c.cadence_days = *cadence;
                c.state = *state;
            });
            if let Some(days) = touched {
                t.touch(c, EntryKind::Touch, *days);
            }
        }
        t.net
    }

    fn insight(n: &Network) -> Insight {
        Insight::new(n, &Cadences::default(), now())
    }

    fn names(n: &Network, order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| n.contacts[i].name.clone()).collect()
    }

    #[test]
    fn groundwork_done_early_gives_the_same_insight() {
        let n = crate::demo::sample(now());
        let cadences = Cadences::default();
        let early = Insight::with(&n, &cadences, now(), Groundwork::new(&n));
        let late = Insight::new(&n, &cadences, now());
        assert_eq!(format!("{early:?}"), format!("{late:?}"));
        // With the history summarised elsewhere too, and work beside it.
        let prepared = Some((Groundwork::new(&n), Some(n.summaries())));
        let (both, beside) =
            Insight::derive(&n, &cadences, now(), prepared, |m| m.item_topics(0).len());
        assert_eq!(format!("{both:?}"), format!("{late:?}"));
        assert_eq!(beside, late.matcher.item_topics(0).len());
    }

    #[test]
    fn due_lists_only_active_contacts_at_or_past_cadence_most_overdue_first() {
        let n = network(&[
            ("Fine Fay", 1, None, Some(5), Active),
            ("Today Tom", 1, None, Some(30), Active),
            ("Soon Sam", 1, None, Some(29), Active),
            ("Far Fred", 2, None, Some(180), Active),
            ("Late Liz", 1, None, Some(45), Active),
            ("Never Ned", 1, None, None, Active),
            ("Import Ivy", 1, None, None, Untriaged),
            ("Sleepy Sue", 1, None, Some(400), Dormant),
        ]);
        let insight = insight(&n);
        // Never Ned counts from 2026-01-01: 329 days, ratio ~11; Far Fred
        // 180 / 90 = 2; Late Liz 1.5; Today Tom 1.
        assert_eq!(
            names(&n, &insight.due_contacts(&n)),
            ["Never Ned", "Far Fred", "Late Liz", "Today Tom"]
        );
        assert_eq!(insight.due(5).map(|d| d.days_since), Some(329));
    }

    #[test]
    fn the_urgency_order_is_a_plain_sort_by_urgency_degree_name_and_id() {
        // Many ties, and names alike in their first eight bytes or shorter.
        let names = [
            "Anna",
            "Anna Maria",
            "Anna María",
            "Annabelle",
            "Ann",
            "Anna-Lena",
            "Zoë",
            "Žofia",
            "Anna Marie",
            "A",
            "王芳",
            "王芳芳",
        ];
        let mut rows: Vec<Row> = Vec::new();
        for i in 0..240usize {
            let touched = (i % 5 != 0).then_some((i % 4) as i64 * 30);
            let state = [Active, Active, Untriaged, Dormant][i % 7 % 4];
            rows.push((
                names[i % names.len()],
                (i % 3 + 1) as u8,
                None,
                touched,
                state,
            ));
        }
        let n = network(&rows);
        let insight = insight(&n);
        let mut expected: Vec<usize> = (0..n.contacts.len()).collect();
        expected.sort_by(|&a, &b| {
            let (ca, cb) = (&n.contacts[a], &n.contacts[b]);
            state_rank(ca.state)
                .cmp(&state_rank(cb.state))
                .then(insight.dues[a].cmp_urgency(&insight.dues[b]))
                .then(ca.degree.cmp(&cb.degree))
                .then((fold(&ca.name), &ca.id, a).cmp(&(fold(&cb.name), &cb.id, b)))
        });
        assert_eq!(insight.urgency_order().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn ties_break_on_degree_then_name() {
        let n = network(&[
            ("Zed Second", 2, Some(30), Some(60), Active),
            ("Bea First", 1, Some(30), Some(60), Active),
            ("Al First", 1, Some(30), Some(60), Active),
            ("Ratio Two", 3, Some(90), Some(180), Active),
        ]);
        assert_eq!(
            names(&n, &insight(&n).due_contacts(&n)),
            ["Al First", "Bea First", "Zed Second", "Ratio Two"]
        );
    }

    #[test]
    fn an_ask_does_not_reset_the_clock() {
        let mut t = TestNet {
            net: network(&[("Asked Al", 1, None, Some(40), Active)]),
        };
        t.touch(0, EntryKind::Ask, 1);
        let insight = insight(&t.net);
        assert_eq!(insight.due(0).map(|d| d.days_since), Some(40));
        assert_eq!(insight.due_contacts(&t.net), [0]);
    }

    #[test]
    fn urgency_order_puts_inactive_contacts_last() {
        let n = network(&[
            ("Sleepy Sue", 1, None, Some(400), Dormant),
            ("Import Ivy", 1, None, None, Untriaged),
            ("Fine Fay", 1, None, Some(5), Active),
            ("Late Liz", 1, None, Some(45), Active),
        ]);
        let insight = insight(&n);
        assert_eq!(
            names(&n, &insight.urgency_order().collect::<Vec<_>>()),
            ["Late Liz", "Fine Fay", "Import Ivy", "Sleepy Sue"]
        );
        assert_eq!(insight.due_state(&n, 0), DueState::Inactive);
        assert_eq!(insight.due_state(&n, 3), DueState::Overdue);
        assert_eq!(insight.due_state(&n, 2), DueState::Fine);
    }
}
