//! `netwerk log` and `netwerk history`.

use super::args::{HistoryArgs, LogArgs};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{EntryView, print_json, print_table};
use crate::domain::when::parse_when;
use crate::domain::{Entry, EntryKind, ask_warning, gives_to, validate};

/// Runs `log`.
pub fn log(ctx: &Ctx, args: LogArgs) -> CliResult {
    let kind: EntryKind = args.kind.parse()?;
    if kind == EntryKind::Share {
        return Err(Failure::usage(
            "log records touches and asks; use `netwerk share` to give an item",
        ));
    }
    let now = ctx.clock.now();
    let at = match &args.at {
        Some(v) => parse_when(v, *now.offset())?,
        None => now,
    };
    if at > now {
        return Err(Failure::new(format!(
            "{} is in the future; log what has happened",
            at.to_rfc3339()
        )));
    }
    let note = validate::long_text("note", args.note.as_deref().unwrap_or(""))?.unwrap_or_default();
    let mut loaded = ctx.store.load_tables_fast()?;
    let contact = loaded.network.resolve_contact(&args.contact)?;
    if kind == EntryKind::Ask && !args.force {
        // Only asks need the history, so touches stay as cheap as before.
        let gives = gives_to(&ctx.store.load_history()?, &contact.id);
        if let Some(warning) = ask_warning(contact, gives) {
            return Err(Failure::new(clean(&format!("{warning}, or pass --force."))));
        }
    }
    let entry = Entry::logged(contact, kind, at, &note);
    let name = clean(&contact.name);
    let woke = ctx
        .store
        .log_at(&mut loaded, std::slice::from_ref(&entry))?;
    say!(
        "Logged {} with {} on {}.",
        kind,
        name,
        at.format("%Y-%m-%d")
    )?;
    if woke > 0 {
        say!("{name} was awaiting triage and is now active.")?;
    }
    Ok(())
}

/// Prints entries as a table, in the order given.
pub fn print_entries(entries: &[&Entry]) -> std::io::Result<()> {
    let mut rows = vec![vec![
        "DATE".into(),
        "KIND".into(),
        "CONTACT".into(),
        "WHAT".into(),
    ]];
    for e in entries {
        let what = match (e.item_title(), e.note().is_empty()) {
            (Some(title), true) => clean(title),
            (Some(title), false) => format!("{} — {}", clean(title), clean(e.note())),
            (None, _) => clean(e.note()),
        };
        rows.push(vec![
            e.at.format("%Y-%m-%d %H:%M").to_string(),
            e.kind.to_string(),
            clean(e.contact_name()),
            what,
        ]);
    }
    print_table(&rows)
}

/// Runs `history`.
pub fn history(ctx: &Ctx, args: HistoryArgs) -> CliResult {
    let net = ctx.store.load()?;
    let contact = match &args.contact {
        Some(q) => Some(net.resolve_contact(q)?.id.clone()),
        None => None,
    };
    let since = match &args.since {
        Some(v) => Some(parse_when(v, *ctx.clock.now().offset())?.date_naive()),
        None => None,
    };
    let kind: Option<EntryKind> = args.kind.as_deref().map(str::parse).transpose()?;
    let mut entries: Vec<&Entry> = net
        .history
        .iter()
        .filter(|e| contact.as_ref().is_none_or(|c| e.contact() == *c))
        .filter(|e| since.is_none_or(|s| e.at.date_naive() >= s))
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .collect();
    // Newest first; entries logged with --at may arrive out of order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    if let Some(limit) = args.limit {
        entries.truncate(limit);
    }
    if args.json.json {
        let views: Vec<EntryView> = entries;
        return print_json(&views).map_err(io);
    }
    if entries.is_empty() {
        say!("No history yet. Log a touch: netwerk log CONTACT --kind touch --note \"coffee\"")?;
        return Ok(());
    }
    print_entries(&entries).map_err(io)
}
