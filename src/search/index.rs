//! The incremental fuzzy index behind every search box.

use super::key::{Keys, mask_of};
use super::rank::{self, Spot};
use super::skim::{self, Scratch};
use crate::domain::fold::fold;
use std::borrow::Cow;

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The record's index, in the order records were given to
    /// [`SearchIndex::new`].
    pub record: u32,
    /// The sum of each query word's points (see `rank`); higher is
    /// better. 0 for every record when the query is empty.
    pub score: i64,
    /// How closely it matched: hits come in tiers, and
    /// [`SearchIndex::search`] shows only the best tier there is.
    pub tier: Tier,
}

/// How closely a record matched a query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Every word as typed: a run, a word's start, the initials of words,
    /// letters within one word.
    Match,
    /// Some word only with one slip (a letter wrong, missing, extra or
    /// swapped) at the start of a word; found only when no record
    /// matches as typed.
    Typo,
    /// Some word only as letters scattered over a field or across
    /// fields.
    Loose,
}

/// A record matching one query, with its score split so the next query
/// can reuse it: `base` is the sum over every term but the last, `score`
/// over all of them, and `phrase` what the words as typed one after
/// another add (see `rank::phrase`).
#[derive(Debug, Clone, Copy)]
struct Member {
    record: u32,
    base: i32,
    score: i32,
    phrase: i32,
    base_loose: bool,
    loose: bool,
}

/// Results for one query, kept so a shorter query is a step back rather
/// than a rescan.
#[derive(Debug)]
struct Level {
    /// The folded query.
    query: String,
    /// The matches in record order: narrowing scans them in the order
    /// the keys lie in memory.
    members: Vec<Member>,
    /// Records matching only with a slip, when no member matches as
    /// typed; not narrowed further (a longer query is searched afresh).
    typos: Vec<Member>,
    /// When only loose matches were found: they, scored finely (see
    /// `rank::best`), to be shown in that order.
    fine: Option<Vec<Member>>,
    /// The matches best first, by tier; typos only when nothing matched
    /// as typed.
    hits: Vec<Hit>,
}

/// The hits (best first, by tier) of the best tier there is: letters
/// scattered over a record, or a slip, are noise next to a real match,
/// and recall when nothing else matches.
fn shown(hits: &[Hit]) -> &[Hit] {
    let best = hits.first().map(|h| h.tier);
    let n = hits.iter().take_while(|h| Some(h.tier) == best).count();
    &hits[..n]
}

/// What a narrowing keeps of a member's match: its points and whether it
/// is loose, over the terms left as they were.
type Known = fn(&Member) -> (i32, bool);

/// The highest score a hit can have: the sort key has 30 bits for it.
const MAX_SCORE: i32 = (1 << 30) - 1;

/// How many narrowed result sets are kept. Deleting further back than
/// this rescans from the longest kept query that still applies.
const MAX_LEVELS: usize = 8;

/// Below this many candidates one thread is quicker than two.
const PARALLEL_FROM: usize = 4_096;

/// A fuzzy index over records of a few text fields each.
///
/// Keys are folded once, when the index is built. [`search`](Self::search)
/// is incremental: a query that extends the previous one only re-checks
/// the previous hits (and re-scores only the terms that changed), and a
/// shorter one returns a kept result set. Hits are ordered by score, best
/// first, then by the caller's record order (see [`reorder`](Self::reorder)).
/// Scores are SkimMatcherV2's (see `skim`), summed over the terms.
pub struct SearchIndex {
    keys: Keys,
    /// Position of each record in the caller's order.
    rank: Vec<u32>,
    /// Records in the caller's order: the inverse of `rank`.
    order: Vec<u32>,
    /// The empty query's result: every record, in the caller's order.
    all: Level,
    /// Results of the current query and of the queries it extends, the
    /// shortest first.
    levels: Vec<Level>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("records", &self.keys.len())
            .field("query", &self.query())
            .finish()
    }
}

/// A query's whitespace-separated terms, each of which must match.
fn terms(folded: &str) -> Vec<&str> {
    folded.split_whitespace().collect()
}

impl SearchIndex {
    /// Builds the index. Each record is its searchable fields (for a
    /// contact: name, company, role, then one field per interest); records
    /// are numbered in the order given, which is also the initial order
    /// among equal scores.
    pub fn new<R, F, S>(records: R) -> Self
    where
        R: IntoIterator<Item = F>,
        F: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut keys = Keys::default();
        for fields in records {
            keys.push(fields);
        }
        Self::of_keys(keys)
    }

    /// Builds the index like [`SearchIndex::new`], the fields of record
    /// `r` being `fields(&records[r])`: a large one on two threads (the
    /// contacts' index is the first thing a search after a launch or a
    /// save waits for).
    pub fn of<T: Sync, const N: usize>(
        records: &[T],
        fields: impl for<'a> Fn(&'a T) -> [Cow<'a, str>; N] + Sync,
    ) -> Self {
        // Room for all records in the first part's keys, so appending
        // the second's moves nothing twice.
        let keys_of = |part: &[T], room: usize| {
            let sample = part.iter().step_by(part.len() / 64 + 1).map(&fields);
            let mut keys = Keys::with_room_like(room, sample);
            for r in part {
                keys.push(fields(r));
            }
            keys
        };
        if records.len() < PARALLEL_FROM {
            return Self::of_keys(keys_of(records, records.len()));
        }
        let (first, second) = records.split_at(records.len() / 2);
        let keys = std::thread::scope(|s| {
            let second = s.spawn(|| keys_of(second, second.len()));
            let mut keys = keys_of(first, records.len());
            // A panic there is a bug; surface it as one.
            keys.append(
                second
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
            keys
        });
        Self::of_keys(keys)
    }

    fn of_keys(keys: Keys) -> Self {
        let n = keys.len() as u32;
        let all = Level {
            query: String::new(),
            members: (0..n)
                .map(|record| Member {
                    record,
                    base: 0,
                    score: 0,
                    phrase: 0,
                    base_loose: false,
                    loose: false,
                })
                .collect(),
            typos: Vec::new(),
            fine: None,
            hits: (0..n)
                .map(|record| Hit {
                    record,
                    score: 0,
                    tier: Tier::Match,
                })
                .collect(),
        };
        Self {
            keys,
            rank: (0..n).collect(),
            order: (0..n).collect(),
            all,
            levels: Vec::new(),
        }
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the index holds no records.
    pub fn is_empty(&self) -> bool {
        self.keys.len() == 0
    }

    /// The current query, folded.
    pub fn query(&self) -> &str {
        &self.current().query
    }

    /// The hits of the current query, best first, of the best tier there
    /// is.
    pub fn hits(&self) -> &[Hit] {
        shown(&self.current().hits)
    }

    fn current(&self) -> &Level {
        self.levels.last().unwrap_or(&self.all)
    }

    /// Searches, narrowing or stepping back from the previous query when
    /// it can. The query is folded like the keys ("José" = "jose"); every
    /// whitespace-separated word must match, each where it matches best,
    /// and a record's score is the sum of its words' points (see
    /// `rank`). Only the best [`Tier`] there is is shown: records some
    /// word matches with a slip only when none matches as typed, and
    /// those some word matches only loosely (letters scattered over a
    /// field or across fields) only when nothing else does. An empty
    /// query gives every record in the caller's order.
    pub fn search(&mut self, query: &str) -> &[Hit] {
        self.search_all(query);
        self.hits()
    }

    /// Every record [`search`](Self::search) would weigh, by tier: for a
    /// caller that shows only some records, and then keeps the best tier
    /// among them with [`best_tier`].
    pub fn search_all(&mut self, query: &str) -> &[Hit] {
        let folded = fold(query);
        // Step back to the longest kept query that the new one extends:
        // every term of the new query then contains (as a subsequence) a
        // term of that one, so its hits are a superset of the new hits.
        while self
            .levels
            .last()
            .is_some_and(|l| !folded.starts_with(l.query.as_str()))
        {
            self.levels.pop();
        }
        if self.query() != folded {
            let mut level = self.narrow(self.current(), folded);
            if level.hits.first().is_none_or(|h| h.tier != Tier::Match) {
                level.typos = self.typos(&level.query);
                if level.typos.is_empty() && !level.members.is_empty() {
                    level.fine = Some(self.finely(&level));
                }
                level.hits = self.hits_of(&level);
            }
            if self.levels.len() == MAX_LEVELS {
                self.levels.remove(0);
            }
            self.levels.push(level);
        }
        &self.current().hits
    }

    /// The result of `query`, which extends `from`'s query, computed from
    /// `from`'s matches.
    fn narrow(&self, from: &Level, query: String) -> Level {
        let old = terms(&from.query);
        let new = terms(&query);
        // Extending a query leaves all its terms but the last as they
        // were, so their scores are reused: all of `from`'s score when its
        // terms are all still there, its base when its last term grew.
        let same = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let (known, fresh): (Known, &[&str]) = if same == old.len() {
            (|m| (m.score, m.loose), &new[same..])
        } else if same + 1 == old.len() {
            (|m| (m.base, m.base_loose), &new[same..])
        } else {
            (|_| (0, false), &new[..])
        };
        let need = fresh.iter().fold(0, |m, t| m | mask_of(t));
        let joined = new.join(" ");
        let score_all = |candidates: &[Member]| -> Vec<Member> {
            let mut out = Vec::with_capacity(candidates.len());
            'records: for m in candidates {
                let r = m.record as usize;
                let (text, ascii, mask) = self.keys.get(r);
                // Cheap check first: a record lacking any query character
                // cannot match, whatever the matcher would say.
                if mask & need != need {
                    continue;
                }
                let starts = self.keys.starts(r);
                let (mut base, mut base_loose) = known(m);
                let (mut score, mut loose) = (base, base_loose);
                for (i, term) in fresh.iter().enumerate() {
                    let Some(found) = rank::best(text, ascii, starts, term, None, None) else {
                        continue 'records;
                    };
                    if i + 1 < fresh.len() {
                        base = base.saturating_add(found.points);
                        base_loose |= found.loose;
                    }
                    score = score.saturating_add(found.points);
                    loose |= found.loose;
                }
                out.push(if fresh.is_empty() {
                    Member { score, loose, ..*m }
                } else {
                    Member {
                        record: m.record,
                        base,
                        score,
                        phrase: rank::phrase(text, starts, &joined),
                        base_loose,
                        loose,
                    }
                });
            }
            out
        };
        let candidates = &from.members;
        let members = if candidates.len() >= PARALLEL_FROM {
            // Two halves on two threads: the bar is set on a 2-core machine.
            let (a, b) = candidates.split_at(candidates.len() / 2);
            std::thread::scope(|s| {
                let other = s.spawn(|| score_all(b));
                let mut members = score_all(a);
                // Joining fails only if scoring panicked; score that half
                // here instead, so the result is still complete.
                members.extend(other.join().unwrap_or_else(|_| score_all(b)));
                members
            })
        } else {
            score_all(candidates)
        };
        let hits = self.ranked(&members, &[]);
        Level {
            query,
            members,
            typos: Vec::new(),
            fine: None,
            hits,
        }
    }

    /// Records matching every word of `query` (folded) as typed or with
    /// one slip, some with a slip: a scan of every record, asked only
    /// when none matches as typed.
    fn typos(&self, query: &str) -> Vec<Member> {
        let words: Vec<(&str, Vec<char>, u64)> = terms(query)
            .into_iter()
            .map(|t| (t, t.chars().collect(), mask_of(t)))
            .collect();
        if words.iter().all(|(_, w, _)| w.len() < rank::TYPO_FROM) {
            return Vec::new();
        }
        let scan = |records: std::ops::Range<usize>| -> Vec<Member> {
            let mut out = Vec::new();
            'records: for r in records {
                let (text, ascii, mask) = self.keys.get(r);
                let starts = self.keys.starts(r);
                let (mut score, mut slipped) = (0i32, false);
                for (term, word, need) in &words {
                    // A slip leaves at most one of the word's letters out.
                    if (need & !mask).count_ones() > 1 {
                        continue 'records;
                    }
                    // One word matches no record as typed, or there would
                    // be hits as typed.
                    let exact = if words.len() > 1 {
                        rank::exact(text, ascii, starts, term)
                    } else {
                        None
                    };
                    let points = match exact {
                        Some(points) => points,
                        None => match rank::typo(text, starts, word) {
                            Some((points, _, _)) => {
                                slipped = true;
                                points
                            }
                            None => continue 'records,
                        },
                    };
                    score = score.saturating_add(points);
                }
                if slipped {
                    out.push(Member {
                        record: r as u32,
                        base: 0,
                        score,
                        phrase: 0,
                        base_loose: false,
                        loose: false,
                    });
                }
            }
            out
        };
        let n = self.keys.len();
        if n < PARALLEL_FROM {
            return scan(0..n);
        }
        std::thread::scope(|s| {
            let other = s.spawn(|| scan(n / 2..n));
            let mut out = scan(0..n / 2);
            out.extend(other.join().unwrap_or_else(|_| scan(n / 2..n)));
            out
        })
    }

    /// `level`'s hits, from its fine scores if it has them.
    fn hits_of(&self, level: &Level) -> Vec<Hit> {
        match &level.fine {
            Some(fine) => self.ranked(fine, &[]),
            None => self.ranked(&level.members, &level.typos),
        }
    }

    /// `level`'s members (all loose) scored finely, to be shown.
    fn finely(&self, level: &Level) -> Vec<Member> {
        let mut scratch = Scratch::default();
        let words = terms(&level.query);
        level
            .members
            .iter()
            .map(|m| {
                let r = m.record as usize;
                let (text, ascii, _) = self.keys.get(r);
                let starts = self.keys.starts(r);
                let score = words
                    .iter()
                    .filter_map(|t| rank::best(text, ascii, starts, t, Some(&mut scratch), None))
                    .fold(0i32, |s, f| s.saturating_add(f.points));
                Member { score, ..*m }
            })
            .collect()
    }

    /// Members and typos best first, by tier, ties in the caller's order.
    fn ranked(&self, members: &[Member], typos: &[Member]) -> Vec<Hit> {
        // One u64 per hit sorts much faster than comparing pairs: the
        // tier, then the score (never negative), flipped so higher sorts
        // first, then the rank. Ranks are unique, so the order is total.
        let key = |m: &Member, tier: Tier| {
            let score = m.score.saturating_add(m.phrase);
            let descending = (MAX_SCORE - score.clamp(0, MAX_SCORE)) as u64;
            ((tier as u64) << 62) | (descending << 32) | u64::from(self.rank[m.record as usize])
        };
        let mut keys: Vec<u64> = members
            .iter()
            .map(|m| key(m, if m.loose { Tier::Loose } else { Tier::Match }))
            .chain(typos.iter().map(|m| key(m, Tier::Typo)))
            .collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|k| Hit {
                record: self.order[(k & 0xFFFF_FFFF) as usize],
                score: i64::from(MAX_SCORE - ((k >> 32) & 0x3FFF_FFFF) as i32),
                tier: match k >> 62 {
                    0 => Tier::Match,
                    1 => Tier::Typo,
                    _ => Tier::Loose,
                },
            })
            .collect()
    }

    /// Changes the order among equal scores (and of the empty query's
    /// result) to `order`, the records in the pane's new sort order.
    /// Records missing from `order` go last, in record order. Kept
    /// results are re-sorted, not recomputed.
    pub fn reorder(&mut self, order: &[u32]) {
        let n = self.keys.len();
        let mut rank = vec![u32::MAX; n];
        let mut next = 0;
        for &record in order {
            if let Some(r) = rank.get_mut(record as usize)
                && *r == u32::MAX
            {
                *r = next;
                next += 1;
            }
        }
        for r in rank.iter_mut().filter(|r| **r == u32::MAX) {
            *r = next;
            next += 1;
        }
        let mut order = vec![0; n];
        for (record, &r) in rank.iter().enumerate() {
            order[r as usize] = record as u32;
        }
        self.rank = rank;
        self.order = order;
        self.all.hits = self.hits_of(&self.all);
        let mut levels = std::mem::take(&mut self.levels);
        for level in &mut levels {
            level.hits = self.hits_of(level);
        }
        self.levels = levels;
    }

    /// The character indices of `field` of `record` that the current
    /// query matched, as indices into the original (unfolded) field text,
    /// ascending — for highlighting. Each word is highlighted where it
    /// ranked the record (a whole word, a word's start…). Empty for an
    /// empty query or a record that does not match. Costs a match per
    /// word, so call it for the visible rows only.
    pub fn positions(&self, record: u32, field: usize) -> Vec<usize> {
        let r = record as usize;
        if r >= self.keys.len() {
            return Vec::new();
        }
        let (text, ascii, _) = self.keys.get(r);
        let starts = self.keys.starts(r);
        let mut out = Vec::new();
        for term in terms(self.query()) {
            let mut spot = Spot::Loose;
            let found = rank::best(text, ascii, starts, term, None, Some(&mut spot));
            if found.is_none_or(|f| f.loose) {
                // A word typed with a slip is shown where it was meant.
                let word: Vec<char> = term.chars().collect();
                if let Some((_, at, len)) = rank::typo(text, starts, &word) {
                    spot = Spot::Bytes(
                        text[at..at + len]
                            .char_indices()
                            .map(|(i, _)| at + i)
                            .collect(),
                    );
                } else if found.is_none() {
                    return Vec::new();
                }
            }
            let chars: Vec<usize> = match spot {
                Spot::Bytes(bytes) if ascii => bytes,
                Spot::Bytes(bytes) => bytes
                    .into_iter()
                    .map(|b| text[..b].chars().count())
                    .collect(),
                Spot::Loose => match skim::positions(text, term) {
                    Some(indices) => indices,
                    None => return Vec::new(),
                },
            };
            out.extend(
                chars
                    .into_iter()
                    .filter_map(|k| self.keys.origin(r, k))
                    .filter(|&(f, _)| f == field)
                    .map(|(_, c)| c),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `hits` (from [`SearchIndex::search_all`], perhaps with some records
/// taken out), keeping only the best tier left.
pub fn best_tier(mut hits: Vec<Hit>) -> Vec<Hit> {
    let keep = shown(&hits).len();
    hits.truncate(keep);
    hits
}

/// Rows of `base` whose key (one per row, indexed by row) matches every
/// word of `query`, best first; equal matches keep `base` order. Loose
/// matches are left out when better ones exist, as in every list: for
/// short lists (the Interests pane, the Inbox) searched without a kept
/// index.
pub fn filter(base: &[usize], keys: &[String], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return base.to_vec();
    }
    let rows: Vec<usize> = base.iter().copied().filter(|&r| r < keys.len()).collect();
    let mut index = SearchIndex::new(rows.iter().map(|&r| [keys[r].as_str()]));
    let hits = index.search_all(query).to_vec();
    best_tier(hits)
        .into_iter()
        .map(|h| rows[h.record as usize])
        .collect()
}

/// Char indices of `text` to highlight for `query`, matched as a record
/// of one field: for lists searched without an index.
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let mut index = SearchIndex::new([[text]]);
    index.search_all(query);
    index.positions(0, 0)
}
