//! What the full-screen program's first frame needs of the history: the
//! per-contact summaries, when each share and ask happened (the per-week
//! figures), and the newest entries (the top of the History pane). The
//! store keeps it beside the snapshots, so a load can hand these over and
//! read the 100,000 entries themselves after the first frame.

use crate::domain::history::{Entry, Tally};
use crate::domain::network::Summary;
use crate::domain::network::{Network, Summaries};
use crate::domain::stats::weekly;
use crate::format::binary::{EntryMirror, Instant, Record, datetime, instant};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How many of the newest entries a digest keeps: more than a History
/// pane shows on any terminal.
pub const NEWEST: usize = 512;

/// The history, digested for a first frame (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryDigest {
    /// Every contact's summary.
    pub summaries: Summaries,
    /// When each gift and ask happened, and which it was, in log order
    /// (see [`weekly`]).
    pub gestures: Vec<(DateTime<FixedOffset>, Tally)>,
    /// The newest entries in the History pane's order (see
    /// [`newest_first`](crate::domain::history::newest_first)), kept in log order.
    pub newest: Vec<Entry>,
}

impl HistoryDigest {
    /// Digests `history`, whose summaries are `summaries`.
    pub fn of(history: &[Entry], summaries: Summaries) -> Self {
        let gestures = weekly(history).collect();
        Self {
            summaries,
            gestures,
            newest: newest(history.len(), |i| history[i].at)
                .into_iter()
                .map(|i| history[i].clone())
                .collect(),
        }
    }
}

impl HistoryDigest {
    /// This digest with `later` counted: entries appended to the log it
    /// was made of (from the command line, say), for `network`'s contacts
    /// and items, the very ones it was made for. Exactly the digest of
    /// the whole log: the newest of all entries are among the newest so
    /// far and the later ones.
    pub fn extended(self, network: &Network, later: &[Entry]) -> Self {
        let summaries = self.summaries.extended(network.gestures(later));
        let mut gestures = self.gestures;
        gestures.extend(weekly(later));
        let mut candidates = self.newest;
        candidates.extend_from_slice(later);
        let picked = newest(candidates.len(), |i| candidates[i].at);
        let newest = picked.into_iter().map(|i| candidates[i].clone()).collect();
        Self {
            summaries,
            gestures,
            newest,
        }
    }
}

/// The positions of the [`NEWEST`] newest of `len` entries, when entry
/// `i` happened at `at(i)`, in the History pane's order (see
/// [`newest_first`](crate::domain::history::newest_first)); returned in log order.
pub fn newest(len: usize, at: impl Fn(usize) -> DateTime<FixedOffset>) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..len).collect();
    if picked.len() > NEWEST {
        picked.select_nth_unstable_by(NEWEST, |&a, &b| at(b).cmp(&at(a)).then(b.cmp(&a)));
        picked.truncate(NEWEST);
    }
    picked.sort_unstable();
    picked
}

/// A contact's summary: last touch, gives, touches, asks, answered,
/// received.
type SummaryMirror = (Option<Instant>, u32, u32, u32, u32, (u32, u32));

/// A [`HistoryDigest`] as its snapshot holds it.
#[derive(Serialize, Deserialize)]
pub struct DigestMirror<'a> {
    by_contact: Vec<Option<SummaryMirror>>,
    sent: Vec<(u32, Instant)>,
    gestures: Vec<(Instant, Tally)>,
    #[serde(borrow)]
    newest: Vec<EntryMirror<'a>>,
}

impl Record for HistoryDigest {
    type Mirror<'a> = DigestMirror<'a>;

    fn mirror(&self) -> DigestMirror<'_> {
        let (by_contact, sent) = self.summaries.parts();
        DigestMirror {
            by_contact: by_contact
                .iter()
                .map(|s| {
                    s.as_ref().map(|s| {
                        let Summary {
                            last_touch,
                            gives,
                            touches,
                            asks,
                            answered,
                            received,
                        } = *s;
                        (
                            last_touch.map(instant),
                            gives,
                            touches,
                            asks,
                            answered,
                            received,
                        )
                    })
                })
                .collect(),
            sent: sent.iter().map(|&(i, at)| (i, instant(at))).collect(),
            gestures: self
                .gestures
                .iter()
                .map(|&(at, k)| (instant(at), k))
                .collect(),
            newest: self.newest.iter().map(Entry::mirror).collect(),
        }
    }

    fn from_mirror(m: DigestMirror<'_>) -> Option<Self> {
        let by_contact = m
            .by_contact
            .into_iter()
            .map(|s| match s {
                None => Some(None),
                Some((last, gives, touches, asks, answered, received)) => Some(Some(Summary {
                    last_touch: match last {
                        Some(at) => Some(datetime(at)?),
                        None => None,
                    },
                    gives,
                    touches,
                    asks,
                    answered,
                    received,
                })),
            })
            .collect::<Option<Vec<_>>>()?;
        let sent = m
            .sent
            .into_iter()
            .map(|(i, at)| Some((i, datetime(at)?)))
            .collect::<Option<Vec<_>>>()?;
        // Checked against the network by the caller, which knows its size.
        let summaries = Summaries::from_parts(by_contact, sent)?;
        let gestures = m
            .gestures
            .into_iter()
            .map(|(at, k)| Some((datetime(at)?, k)))
            .collect::<Option<Vec<_>>>()?;
        let newest = m
            .newest
            .into_iter()
            .map(Entry::from_mirror)
            .collect::<Option<Vec<_>>>()?;
        Some(HistoryDigest {
            summaries,
            gestures,
            newest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind;
    use crate::domain::history::newest_first;

    fn entry(n: usize, days: i64, kind: EntryKind) -> Entry {
        let at = DateTime::parse_from_rfc3339("2026-01-01T12:00:00+01:00").unwrap()
            + chrono::Duration::days(days);
        Entry::from(crate::domain::EntryFields {
            id: format!("e{n}").as_str().into(),
            at,
            kind,
            contact: format!("c{}", n % 7).as_str().into(),
            contact_name: format!("Contact {}", n % 7),
            item: None,
            item_title: None,
            url: None,
            note: format!("note {n}"),
            template: None,
            via: None,
            ..Default::default()
        })
    }

    #[test]
    fn keeps_the_newest_entries_in_log_order_and_every_gesture() {
        // Log order is not date order: entries can be logged for a past day.
        let kinds = [EntryKind::Touch, EntryKind::Share, EntryKind::Ask];
        let history: Vec<Entry> = (0..NEWEST + 300)
            .map(|n| entry(n, ((n * 7919) % 1000) as i64 - (n % 3) as i64, kinds[n % 3]))
            .collect();
        let digest = HistoryDigest::of(&history, Summaries::default());
        let mut order: Vec<usize> = (0..history.len()).collect();
        order.sort_by(|&a, &b| newest_first(&history, a, b));
        let mut expected: Vec<usize> = order[..NEWEST].to_vec();
        expected.sort_unstable();
        let expected: Vec<Entry> = expected.into_iter().map(|i| history[i].clone()).collect();
        assert_eq!(digest.newest, expected);
        let gestures: Vec<_> = history
            .iter()
            .filter(|e| e.kind != EntryKind::Touch)
            .map(|e| {
                let t = match e.kind {
                    EntryKind::Share => Tally::Give,
                    _ => Tally::Ask,
                };
                (e.at, t)
            })
            .collect();
        assert_eq!(digest.gestures, gestures);
        assert_eq!(digest.gestures.len(), (NEWEST + 300) * 2 / 3);
    }

    #[test]
    fn a_short_history_is_kept_whole() {
        let history: Vec<Entry> = (0..5)
            .map(|n| entry(n, -(n as i64), EntryKind::Touch))
            .collect();
        assert_eq!(
            HistoryDigest::of(&history, Summaries::default()).newest,
            history
        );
    }
}
