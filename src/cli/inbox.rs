//! `netwerk inbox …`.

use super::args::{InboxArgs, InboxCmd};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{self, clean, say};
use super::view::print_table;
use crate::domain::inbox::reason_line;
use crate::feed::intake::{self, Kept};
use serde::Serialize;

/// Contacts named per entry.
const SUITS_SHOWN: usize = 5;

/// Runs `inbox …`.
pub fn run(ctx: &Ctx, args: InboxArgs) -> CliResult {
    let today = ctx.clock.today();
    match args.cmd {
        None => list(ctx, args.limit, args.json.json),
        Some(InboxCmd::Keep { entry }) => match intake::keep(&ctx.store, &entry, today)? {
            Kept::Queued(item) => say!("Queued {} ({}).", clean(&item.title), item.id),
            Kept::AlreadyQueued(item) => say!(
                "Already in the queue as {} \"{}\"; taken out of the inbox.",
                item.id,
                clean(&item.title)
            ),
        },
        Some(InboxCmd::Skip { entry }) => {
            let e = intake::skip(&ctx.store, &entry)?;
            say!("Skipped {}.", clean(&e.title))
        }
        Some(InboxCmd::Clear { older_than }) => {
            let days = age_in_days(&older_than)?;
            let cutoff = today - chrono::Days::new(days);
            let n = intake::clear_before(&ctx.store, cutoff)?;
            say!("Skipped {n} entries from before {cutoff}.")
        }
    }
}

/// "30d", "8w", "6m" or "30" → days.
fn age_in_days(text: &str) -> Result<u64, Failure> {
    let t = text.trim();
    let (num, per) = match t.char_indices().last() {
        Some((i, 'd')) => (&t[..i], 1),
        Some((i, 'w')) => (&t[..i], 7),
        Some((i, 'm')) => (&t[..i], 30),
        Some((i, 'y')) => (&t[..i], 365),
        _ => (t, 1),
    };
    num.parse::<u64>().map(|n| n * per).map_err(|_| {
        Failure::usage(format!(
            "--older-than {text:?}: use a number of days, or 30d, 8w, 6m, 1y"
        ))
    })
}

/// An entry as `inbox --json` shows it.
#[derive(Serialize)]
struct EntryView<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    kind: crate::domain::ItemKind,
    topics: &'a [String],
    feed: Option<&'a str>,
    published: Option<String>,
    added: String,
    /// The best contacts, each with why.
    suits: Vec<SuitView<'a>>,
    /// How many contacts it suits in all.
    suits_total: usize,
    /// "Ada, Grace (rust)".
    reason: String,
}

#[derive(Serialize)]
struct SuitView<'a> {
    id: &'a str,
    name: &'a str,
    strength: u32,
    matched: Vec<String>,
}

fn list(ctx: &Ctx, limit: usize, json: bool) -> CliResult {
    let (network, mut entries) = intake::open_entries(&ctx.store, SUITS_SHOWN)?;
    if limit > 0 {
        entries.truncate(limit);
    }
    if json {
        let views: Vec<EntryView> = entries
            .iter()
            .map(|(e, s)| EntryView {
                id: &e.id,
                title: &e.title,
                url: &e.url,
                kind: e.kind,
                topics: &e.topics,
                feed: e.feed.as_deref(),
                published: e.published.map(|d| d.to_string()),
                added: e.added.to_string(),
                suits: s
                    .best
                    .iter()
                    .map(|(c, m)| SuitView {
                        id: network.contacts[*c].id.as_str(),
                        name: &network.contacts[*c].name,
                        strength: m.strength,
                        matched: m.matched.clone(),
                    })
                    .collect(),
                suits_total: s.total,
                reason: reason_line(&network, s),
            })
            .collect();
        return out::json(&views).map_err(io);
    }
    if entries.is_empty() {
        return say!(
            "The inbox is empty. Subscribe to feeds (netwerk feed add URL), then: netwerk feed refresh"
        );
    }
    let mut rows = vec![vec![
        "ID".into(),
        "KIND".into(),
        "TITLE".into(),
        "FOR".into(),
    ]];
    for (e, s) in &entries {
        let reason = reason_line(&network, s);
        rows.push(vec![
            e.id.clone(),
            e.kind.to_string(),
            clean(&e.title),
            if reason.is_empty() {
                String::new()
            } else {
                format!("→ {}", clean(&reason))
            },
        ]);
    }
    print_table(&rows).map_err(io)
}
