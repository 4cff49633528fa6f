//! `netwerk ask`: asks that close. An ask logged with `log --kind ask`
//! stays open until `ask done` records its answer; the open ones show in
//! the contact's pane and the digest.

use super::args::AskCmd;
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{print_json, print_table};
use crate::domain::{Entry, open_ask, open_asks};
use crate::ops;
use serde::Serialize;

/// Runs `ask …`.
pub fn run(ctx: &Ctx, cmd: AskCmd) -> CliResult {
    match cmd {
        AskCmd::Done { id, note } => done(ctx, &id, note.as_deref()),
        AskCmd::List { contact, json } => list(ctx, contact.as_deref(), json.json),
    }
}

fn done(ctx: &Ctx, id: &str, note: Option<&str>) -> CliResult {
    let mut loaded = ctx.store.load_stamped()?;
    let history = &loaded.network.history;
    let entry = ops::log::answered(history, id, note.unwrap_or(""), ctx.clock.now())?;
    let ask = open_ask(history, id).map_err(|e| Failure::new(clean(&e)))?;
    let (name, asked) = (clean(ask.contact_name()), ask.at.format("%Y-%m-%d"));
    let label = ops::label::ask_answered(ask.contact_name());
    ctx.store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))?;
    say!("Marked the ask of {asked} to {name} answered.")
}

/// An open ask as `ask list --json` shows it.
#[derive(Debug, Serialize)]
pub struct AskView<'a> {
    /// The ask's id.
    pub id: &'a str,
    /// Whom it went to.
    pub contact_id: &'a str,
    /// Their name when asked.
    pub name: &'a str,
    /// What was asked.
    pub note: &'a str,
    /// When.
    pub at: String,
    /// Whole days since.
    pub days: i64,
}

impl<'a> AskView<'a> {
    /// The view of an ask, as of `ctx`'s now.
    pub fn new(e: &'a Entry, now: chrono::DateTime<chrono::FixedOffset>) -> Self {
        AskView {
            id: e.id(),
            contact_id: e.contact(),
            name: e.contact_name(),
            note: e.note(),
            at: e.at.to_rfc3339(),
            days: (now.date_naive() - e.at.with_timezone(now.offset()).date_naive()).num_days(),
        }
    }
}

fn list(ctx: &Ctx, contact: Option<&str>, json: bool) -> CliResult {
    let net = ctx.store.load()?;
    let who = contact.map(|q| net.resolve_contact(q)).transpose()?;
    let now = ctx.clock.now();
    let asks: Vec<&Entry> = open_asks(&net.history)
        .into_iter()
        .map(|i| &net.history[i])
        .filter(|e| who.is_none_or(|c| c.answers_to(e.contact())))
        .collect();
    if json {
        let views: Vec<AskView> = asks.iter().map(|e| AskView::new(e, now)).collect();
        return print_json(&views).map_err(io);
    }
    if asks.is_empty() {
        return say!("No open asks.");
    }
    let mut rows = vec![vec![
        "ID".into(),
        "ASKED".into(),
        "CONTACT".into(),
        "WHAT".into(),
    ]];
    for e in asks {
        rows.push(vec![
            e.id().to_owned(),
            e.at.format("%Y-%m-%d").to_string(),
            clean(e.contact_name()),
            clean(e.note()),
        ]);
    }
    print_table(&rows).map_err(io)
}
