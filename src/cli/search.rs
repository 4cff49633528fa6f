//! `netwerk search QUERY`: fuzzy contact search from the command line,
//! the same matching as the full-screen program's `/`. Reads the contacts
//! through the search cache, so it answers without parsing the TOML.

use super::args::SearchArgs;
use super::context::Ctx;
use super::failure::{CliResult, io};
use super::out::{clean, say};
use super::view::{print_json, print_table};
use crate::search::{SearchIndex, Tier, cache, may_match, word_masks};
use serde::Serialize;

/// A match as `--json` shows it.
#[derive(Debug, Serialize)]
struct MatchView<'a> {
    id: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    score: i64,
}

/// Runs `search`.
pub fn run(ctx: &Ctx, args: SearchArgs) -> CliResult {
    let (lines, _) = cache::load(&ctx.store)?;
    // Keys are built only for contacts holding every character of the
    // query: the rest cannot match, and folding them is most of the work.
    let words = word_masks(&args.query);
    let pick = |slip: bool| -> (Vec<usize>, SearchIndex) {
        let candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| may_match(lines.get(i).mask(), &words, slip))
            .collect();
        let mut index = SearchIndex::new(candidates.iter().map(|&i| lines.get(i).fields()));
        index.search(&args.query);
        (candidates, index)
    };
    let (mut candidates, mut index) = pick(false);
    // Nothing matches as typed: a typo may, in a contact lacking one of
    // the letters typed.
    if index.hits().first().is_none_or(|h| h.tier != Tier::Match) {
        (candidates, index) = pick(true);
    }
    let hits = index.hits();
    let shown = match args.limit {
        0 => hits,
        n => &hits[..n.min(hits.len())],
    };
    if args.json.json {
        let views: Vec<MatchView> = shown
            .iter()
            .map(|h| {
                let l = lines.get(candidates[h.record as usize]);
                MatchView {
                    id: l.id(),
                    name: l.name(),
                    company: l.company(),
                    score: h.score,
                }
            })
            .collect();
        return print_json(&views).map_err(io);
    }
    if shown.is_empty() {
        say!("No contact matches {:?}.", clean(&args.query))?;
        return Ok(());
    }
    let mut rows = vec![vec!["NAME".into(), "COMPANY".into(), "ID".into()]];
    rows.extend(shown.iter().map(|h| {
        let l = lines.get(candidates[h.record as usize]);
        vec![
            clean(l.name()),
            clean(l.company().unwrap_or("")),
            l.id().to_string(),
        ]
    }));
    print_table(&rows).map_err(io)
}
