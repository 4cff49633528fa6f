//! `netwerk moment`: job changes an import saw. Congratulating one
//! drafts a note from the `congrats` template, copies it like a share and
//! logs a touch that refers to the moment; dismissing sets it aside.

use super::args::MomentCmd;
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, note, say};
use super::share::{clipboard, deliver, print_note, report};
use super::view::{print_json, print_table};
use crate::clipboard::Copier;
use crate::domain::Entry;
use crate::domain::moment::{self, JobChange};
use crate::domain::template::Templates;
use crate::ops;
use serde::Serialize;

/// Runs `moment …`.
pub fn run(ctx: &Ctx, cmd: MomentCmd) -> CliResult {
    match cmd {
        MomentCmd::List { json } => list(ctx, json.json),
        MomentCmd::Dismiss { id } => dismiss(ctx, &id),
        MomentCmd::Congrats {
            id,
            note,
            print,
            dry_run,
        } => congrats(
            ctx,
            &id,
            note.as_deref(),
            print,
            dry_run,
            &mut clipboard(ctx),
        ),
    }
}

/// A moment as `moment list --json` (and the digest) shows it.
#[derive(Debug, Serialize)]
pub struct MomentView<'a> {
    /// The moment's id.
    pub id: &'a str,
    /// Whose.
    pub contact_id: &'a str,
    /// Their name when it was seen.
    pub name: &'a str,
    /// Before and after.
    pub company_was: Option<&'a str>,
    /// See `company_was`.
    pub company: Option<&'a str>,
    /// See `company_was`.
    pub role_was: Option<&'a str>,
    /// See `company_was`.
    pub role: Option<&'a str>,
    /// When the import saw it.
    pub at: String,
    /// "Ada Lovelace moved to Babbage Labs as CTO".
    pub text: String,
}

impl<'a> MomentView<'a> {
    /// The view of a moment entry; `None` for any other entry.
    pub fn of(e: &'a Entry) -> Option<Self> {
        let c = JobChange::of(e)?;
        Some(MomentView {
            id: e.id(),
            contact_id: e.contact(),
            name: e.contact_name(),
            company_was: c.company_was,
            company: c.company,
            role_was: c.role_was,
            role: c.role,
            at: e.at.to_rfc3339(),
            text: format!("{} {}", e.contact_name(), c.describe()),
        })
    }
}

/// "Ada Lovelace moved to Babbage Labs as CTO — congratulate? netwerk
/// moment congrats ID": how `due`, `suggest` and `moment list` offer one.
pub fn offer(e: &Entry) -> Option<String> {
    let c = JobChange::of(e)?;
    Some(format!(
        "{} {} — congratulate? netwerk moment congrats {}",
        clean(e.contact_name()),
        clean(&c.describe()),
        e.id()
    ))
}

fn list(ctx: &Ctx, json: bool) -> CliResult {
    let history = ctx.store.load_history()?;
    let open: Vec<&Entry> = moment::open(&history)
        .into_iter()
        .map(|i| &history[i])
        .collect();
    if json {
        let views: Vec<MomentView> = open.iter().filter_map(|e| MomentView::of(e)).collect();
        return print_json(&views).map_err(io);
    }
    if open.is_empty() {
        return say!(
            "No moments: a newer LinkedIn export (netwerk import linkedin) shows who changed jobs."
        );
    }
    let mut rows = vec![vec![
        "ID".into(),
        "SEEN".into(),
        "CONTACT".into(),
        "CHANGE".into(),
    ]];
    for e in open {
        let change = JobChange::of(e).map(|c| c.arrows()).unwrap_or_default();
        rows.push(vec![
            e.id().to_owned(),
            e.at.format("%Y-%m-%d").to_string(),
            clean(e.contact_name()),
            clean(&change),
        ]);
    }
    print_table(&rows).map_err(io)
}

fn dismiss(ctx: &Ctx, id: &str) -> CliResult {
    let mut loaded = ctx.store.load_stamped()?;
    let m = ops::moment::open(&loaded.network.history, id)?;
    let entry = ops::moment::dismissed(m, ctx.clock.now());
    let label = ops::label::moment_dismissed(m.contact_name());
    let name = clean(m.contact_name());
    ctx.store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))?;
    say!("Dismissed the moment of {name}.")
}

/// `moment congrats ID`: draft, copy or print, log a touch on the moment.
pub fn congrats(
    ctx: &Ctx,
    id: &str,
    written: Option<&str>,
    print: bool,
    dry_run: bool,
    copier: &mut dyn Copier,
) -> CliResult {
    let mut loaded = ctx.store.load_stamped()?;
    let net = &loaded.network;
    let m = ops::moment::open(&net.history, id)?;
    let contact = net
        .contacts
        .iter()
        .find(|c| c.answers_to(m.contact()))
        .ok_or_else(|| {
            Failure::new(format!(
                "{} is no longer among your contacts",
                clean(m.contact_name())
            ))
        })?;
    let note = match written {
        Some(t) => t.to_owned(),
        None => {
            let t = Templates::from_config(&ctx.config.templates)
                .map_err(|e| Failure::new(e.to_string()))?;
            ops::moment::draft(&t, ctx.config.signature.as_deref(), contact, m)?
        }
    };
    // Checked before anything is copied.
    let entry = ops::moment::congratulated(m, contact, &note, ctx.clock.now())?;
    if dry_run {
        print_note(&note)?;
        note!("(dry run: nothing copied or logged)");
        return Ok(());
    }
    let how = deliver(&note, print, copier)?;
    let name = clean(&contact.name);
    let label = ops::label::congratulated(contact);
    let woke = ctx
        .store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))?;
    let mut what = format!("Logged a touch with {name}: congratulated.");
    if woke > 0 {
        what.push_str(&format!("\n{name} was awaiting triage and is now active."));
    }
    report(how, &name, &what, &note)
}
