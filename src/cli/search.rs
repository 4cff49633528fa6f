//! `netwerk search QUERY`: fuzzy contact search from the command line,
//! the same matching as the full-screen program's `/`. Reads the contacts
//! through the search cache, so it answers without parsing the TOML.

use super::args::SearchArgs;
use super::context::Ctx;
use super::failure::{CliResult, io};
use super::out::{clean, say};
use super::view::{print_json, print_table};
use crate::search::{SearchIndex, cache, char_mask};
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
    let need = char_mask(&args.query);
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| lines.get(i).mask() & need == need)
        .collect();
    let mut index = SearchIndex::new(candidates.iter().map(|&i| lines.get(i).fields()));
    let hits = index.search(&args.query);
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
