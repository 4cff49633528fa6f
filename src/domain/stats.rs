//! The figures of the header and the dashboard: giga score, how many are
//! due or untriaged, gives and asks per week, the most-given and
//! longest-neglected contacts, and the topics shared most.

use super::contact::ContactState;
use super::fold::fold_label;
use super::history::{Entry, EntryKind, Tally};
use super::insight::Insight;
use super::matching::{LabelId, Matcher};
use super::network::Network;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use rustc_hash::FxHashMap;

/// How many weeks the per-week figures cover.
pub const WEEKS: usize = 12;

/// The giga score: of the active 1st-degree contacts, how many were
/// touched (shared with or touched, not asked) within their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Giga {
    /// Active 1st-degree contacts whose last touch is within their cadence.
    pub touched: usize,
    /// Active 1st-degree contacts.
    pub total: usize,
}

impl Giga {
    /// The score in whole percent, rounded half up; `None` with no active
    /// 1st-degree contacts, since 0% would blame the user for an empty list.
    pub fn percent(&self) -> Option<u32> {
        (self.total > 0).then(|| ((self.touched * 200 + self.total) / (self.total * 2)) as u32)
    }
}

/// One week of gestures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// First day of the week (inclusive).
    pub start: NaiveDate,
    /// Last day of the week (inclusive); the last week ends today.
    pub end: NaiveDate,
    /// Gifts: items shared, introductions made (one for each person).
    pub gives: u32,
    /// Asks made.
    pub asks: u32,
}

/// A contact and a number, for the dashboard's top lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactFigure {
    /// Index in `Network::contacts`.
    pub contact: usize,
    /// Gives for `most_given`; days since last touch for `most_neglected`.
    pub value: i64,
}

/// A topic and how often items about it were shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
    /// The topic as first spelled.
    pub label: String,
    /// Shares of items carrying it.
    pub shares: u32,
}

/// Everything the header and the dashboard show.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// All contacts.
    pub contacts: usize,
    /// Active contacts.
    pub active: usize,
    /// Contacts imported and never reviewed.
    pub untriaged: usize,
    /// Contacts kept but set aside.
    pub dormant: usize,
    /// Active contacts whose cadence has been reached.
    pub due: usize,
    /// The giga score.
    pub giga: Giga,
    /// The last [`WEEKS`] weeks, oldest first, the last ending today.
    pub weeks: Vec<Week>,
    /// Contacts given the most items, most first.
    pub most_given: Vec<ContactFigure>,
    /// Active contacts longest without a touch, longest first.
    pub most_neglected: Vec<ContactFigure>,
    /// Topics of the items shared, most shared first.
    pub top_topics: Vec<TopicCount>,
}

/// The figures that come from the history alone, not the due-ness:
/// worked out beside it (see [`Insight::derive`]).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryFigures {
    weeks: Vec<Week>,
    top_topics: Vec<TopicCount>,
}

impl HistoryFigures {
    /// Works them out as of `now`, with the network's interest index.
    pub fn new(
        network: &Network,
        now: DateTime<FixedOffset>,
        matcher: &Matcher,
        top: usize,
    ) -> Self {
        Self {
            weeks: weeks(weekly(&network.history), now),
            top_topics: top_topics(network, matcher, top),
        }
    }
}

impl Stats {
    /// Computes the figures; the top lists hold at most `top` entries.
    pub fn compute(network: &Network, insight: &Insight, top: usize) -> Self {
        let figures = HistoryFigures::new(network, insight.now, &insight.matcher, top);
        Self::with(network, insight, top, figures)
    }

    /// Computes the figures like [`Stats::compute`], with the history's
    /// already worked out for the same network and `top`.
    pub fn with(network: &Network, insight: &Insight, top: usize, figures: HistoryFigures) -> Self {
        let mut s = Stats {
            contacts: network.contacts.len(),
            active: 0,
            untriaged: 0,
            dormant: 0,
            due: 0,
            giga: Giga::default(),
            weeks: figures.weeks,
            most_given: Vec::new(),
            most_neglected: Vec::new(),
            top_topics: figures.top_topics,
        };
        for (i, c) in network.contacts.iter().enumerate() {
            match c.state {
                ContactState::Active => s.active += 1,
                ContactState::Untriaged => s.untriaged += 1,
                ContactState::Dormant => s.dormant += 1,
            }
            let Some(due) = insight.due(i) else { continue };
            if c.state != ContactState::Active {
                continue;
            }
            if due.is_due() {
                s.due += 1;
            }
            if c.degree == 1 {
                s.giga.total += 1;
                if due.touched && !due.is_due() {
                    s.giga.touched += 1;
                }
            }
        }
        s.most_given = most_given(network, insight, top);
        s.most_neglected = most_neglected(network, insight, top);
        s
    }

    /// Gives per week, oldest first, for a sparkline.
    pub fn gives_per_week(&self) -> Vec<u32> {
        self.weeks.iter().map(|w| w.gives).collect()
    }

    /// Asks per week, oldest first.
    pub fn asks_per_week(&self) -> Vec<u32> {
        self.weeks.iter().map(|w| w.asks).collect()
    }
}

/// Buckets gifts and asks (when, and which) into weeks ending today, on
/// the user's calendar.
pub fn weeks(
    gestures: impl IntoIterator<Item = (DateTime<FixedOffset>, Tally)>,
    now: DateTime<FixedOffset>,
) -> Vec<Week> {
    let today = now.date_naive();
    let mut out: Vec<Week> = (0..WEEKS)
        .map(|k| {
            let back = (7 * (WEEKS - k) - 1) as i64;
            let start = today - Duration::days(back);
            Week {
                start,
                end: start + Duration::days(6),
                gives: 0,
                asks: 0,
            }
        })
        .collect();
    for (at, tally) in gestures {
        let day = at.with_timezone(now.offset()).date_naive();
        let Ok(ago) = usize::try_from((today - day).num_days()) else {
            continue; // in the future of `now`
        };
        let Some(k) = (WEEKS - 1).checked_sub(ago / 7) else {
            continue; // older than the window
        };
        match tally {
            Tally::Give => out[k].gives += 1,
            Tally::Ask => out[k].asks += 1,
            Tally::Touch | Tally::Answered => {}
        }
    }
    out
}

fn most_given(network: &Network, insight: &Insight, top: usize) -> Vec<ContactFigure> {
    let given: Vec<ContactFigure> = (0..network.contacts.len())
        .filter_map(|i| {
            let gives = insight.summaries.get(i)?.gives;
            (gives > 0).then_some(ContactFigure {
                contact: i,
                value: i64::from(gives),
            })
        })
        .collect();
    top_by(given, top, insight)
}

fn most_neglected(network: &Network, insight: &Insight, top: usize) -> Vec<ContactFigure> {
    let neglected: Vec<ContactFigure> = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.state == ContactState::Active)
        .filter_map(|(i, _)| {
            Some(ContactFigure {
                contact: i,
                value: insight.due(i)?.days_since,
            })
        })
        .collect();
    top_by(neglected, top, insight)
}

/// The `top` figures, highest value first, ties most urgent first: picked
/// before sorting, as only a handful of 30,000 are shown.
fn top_by(mut figures: Vec<ContactFigure>, top: usize, insight: &Insight) -> Vec<ContactFigure> {
    let order = |a: &ContactFigure, b: &ContactFigure| {
        b.value
            .cmp(&a.value)
            .then_with(|| insight.cmp_urgency(a.contact, b.contact))
    };
    if top < figures.len() {
        figures.select_nth_unstable_by(top, order);
        figures.truncate(top);
    }
    figures.sort_by(order);
    figures
}

/// Counts each shared item's topics; items since deleted are not counted,
/// as their topics are gone. Counts by the matcher's label numbers, so
/// "Rust" and "rust" are one topic and nothing is folded again.
fn top_topics(network: &Network, matcher: &Matcher, top: usize) -> Vec<TopicCount> {
    let by_id: FxHashMap<&str, usize> = network
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut shares: FxHashMap<LabelId, u32> = FxHashMap::default();
    for e in &network.history {
        if e.kind != EntryKind::Share {
            continue;
        }
        let Some(&i) = e.item().and_then(|id| by_id.get(id)) else {
            continue;
        };
        for &label in matcher.item_topics(i) {
            *shares.entry(label).or_default() += 1;
        }
    }
    let mut counts: Vec<TopicCount> = shares
        .into_iter()
        .map(|(label, shares)| TopicCount {
            label: matcher.spelling(label).to_string(),
            shares,
        })
        .collect();
    counts.sort_by_cached_key(|t| (std::cmp::Reverse(t.shares), fold_label(&t.label)));
    counts.truncate(top);
    counts
}

/// Draws values as a line of block characters ▁▂▃▄▅▆▇█, scaled so the
/// largest is █. Zero is ▁ and any non-zero value at least ▂, so a quiet
/// week never looks like an empty one.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = u64::from(values.iter().copied().max().unwrap_or(0));
    values
        .iter()
        .map(|&v| {
            if max == 0 {
                BARS[0]
            } else {
                // ceil(v * 7 / max): 0 → 0, max → 7, anything else ≥ 1.
                BARS[(u64::from(v) * 7).div_ceil(max) as usize]
            }
        })
        .collect()
}

/// What the per-week figures count of `entries`: each gift and ask, once
/// per person it counts for (a made introduction gives to two).
pub fn weekly(entries: &[Entry]) -> impl Iterator<Item = (DateTime<FixedOffset>, Tally)> + '_ {
    entries.iter().flat_map(|e| {
        e.counts()
            .filter(|(_, t)| matches!(t, Tally::Give | Tally::Ask))
            .map(move |(_, t)| (e.at, t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::due::Cadences;
    use crate::domain::testnet::{TestNet, now};
    use crate::domain::{ContactState, EntryKind};

    fn stats(t: &TestNet) -> Stats {
        let insight = Insight::new(&t.net, &Cadences::default(), now());
        Stats::compute(&t.net, &insight, 3)
    }

    #[test]
    fn giga_score_counts_active_first_degree_contacts_touched_within_cadence() {
        let mut t = TestNet::default();
        for (name, touched) in [
            ("Cy", Some(5)),
            ("Eve", Some(29)),
            ("Fay", Some(30)), // due today: no longer within cadence
            ("Ada", Some(45)),
            ("Dee", None), // never touched
        ] {
            let c = t.contact(name, &[]);
            if let Some(days) = touched {
                t.touch(c, EntryKind::Touch, days);
            }
        }
        let asked = t.contact("Ask Only", &[]);
        t.touch(asked, EntryKind::Ask, 1);
        let bob = t.contact("Bob 2nd", &[]);
        t.with(|c| c.degree = 2);
        t.touch(bob, EntryKind::Touch, 100);
        let ivy = t.contact("Ivy", &[]);
        t.state(ivy, ContactState::Untriaged);
        let sue = t.contact("Sue", &[]);
        t.state(sue, ContactState::Dormant);
        let s = stats(&t);
        assert_eq!(
            s.giga,
            Giga {
                touched: 2,
                total: 6
            }
        );
        assert_eq!(s.giga.percent(), Some(33));
        // Fay, Ada, Dee, Ask Only (never touched), Bob (100 of 90 days).
        assert_eq!(s.due, 5);
        assert_eq!((s.contacts, s.active, s.untriaged, s.dormant), (9, 7, 1, 1));
    }

    #[test]
    fn giga_percent_rounds_half_up_and_is_absent_without_contacts() {
        let pct = |touched, total| Giga { touched, total }.percent();
        assert_eq!(pct(2, 3), Some(67));
        assert_eq!(pct(1, 8), Some(13));
        assert_eq!(pct(0, 4), Some(0));
        assert_eq!(pct(4, 4), Some(100));
        assert_eq!(pct(0, 0), None);
    }

    #[test]
    fn weeks_end_today_oldest_first() {
        let mut t = TestNet::default();
        let a = t.contact("Ada", &["rust"]);
        let item = t.item("Rust", &["rust"], 100);
        for days in [0, 6, 7, 83, 84, -1] {
            t.share(a, item, days);
        }
        t.touch(a, EntryKind::Ask, 13);
        t.touch(a, EntryKind::Ask, 14);
        t.touch(a, EntryKind::Touch, 1);
        let s = stats(&t);
        assert_eq!(s.weeks.len(), WEEKS);
        assert_eq!(s.gives_per_week(), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
        assert_eq!(s.asks_per_week(), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        assert_eq!(
            (s.weeks[0].start, s.weeks[0].end),
            (day("2026-09-04"), day("2026-09-10"))
        );
        assert_eq!(
            (s.weeks[11].start, s.weeks[11].end),
            (day("2026-11-20"), day("2026-11-26"))
        );
    }

    #[test]
    fn dashboard_lists_most_given_neglected_and_top_topics() {
        let mut t = TestNet::default();
        let ada = t.contact("Ada", &[]);
        let bob = t.contact("Bob", &[]);
        let cy = t.contact("Cy", &[]);
        let dee = t.contact("Dee", &[]);
        let rust = t.item("Rust", &["rust", "async"], 50);
        let sail = t.item("Sail", &["Sailing"], 50);
        let both = t.item("Both", &["sailing", "rust"], 50);
        t.share(ada, rust, 40);
        t.share(ada, sail, 30);
        t.share(bob, both, 2);
        t.share(cy, rust, 90);
        t.touch(dee, EntryKind::Touch, 1);
        let s = stats(&t);
        let given: Vec<(usize, i64)> = s.most_given.iter().map(|f| (f.contact, f.value)).collect();
        assert_eq!(given, [(ada, 2), (cy, 1), (bob, 1)]);
        let neglected: Vec<(usize, i64)> = s
            .most_neglected
            .iter()
            .map(|f| (f.contact, f.value))
            .collect();
        assert_eq!(neglected, [(cy, 90), (ada, 30), (bob, 2)]);
        let topics: Vec<(&str, u32)> = s
            .top_topics
            .iter()
            .map(|t| (t.label.as_str(), t.shares))
            .collect();
        assert_eq!(topics, [("rust", 3), ("async", 2), ("Sailing", 2)]);
    }

    #[test]
    fn sparkline_scales_to_the_largest_and_keeps_quiet_weeks_visible() {
        assert_eq!(sparkline(&[0, 1, 2, 7, 14]), "▁▂▂▅█");
        assert_eq!(sparkline(&[0, 0, 0]), "▁▁▁");
        assert_eq!(sparkline(&[3]), "█");
        assert_eq!(sparkline(&[1, 2, 3, 4, 5, 6, 7]), "▂▃▄▅▆▇█");
        assert_eq!(sparkline(&[]), "");
    }
}
