//! `netwerk share`: compose a note from a template (or take the user's),
//! copy it, and log the share — in that order, so a note that never
//! reached the clipboard is never recorded as sent.

use super::args::ShareArgs;
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::view::clean;
use crate::domain::template::{NoteFacts, Templates};
use crate::domain::{Contact, Entry, EntryId, EntryKind, Item, Network, validate};
use crate::store::{atomic, paths};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Where a confirmed note goes. The seam lets tests (and, at merge, the
/// real clipboard chain) stand in for the stand-in below.
pub trait Copier {
    /// Copies `text`; says how ("copied via tmux buffer + OSC 52") or why
    /// it could not.
    fn copy(&mut self, text: &str) -> Result<String, String>;
}

/// Stand-in until the clipboard chain is wired in: the private note file
/// in the state directory, the chain's own last resort.
#[derive(Debug, Default)]
pub struct NoteFile;

/// The note file's name in the state directory.
pub const NOTE_FILE: &str = "last-note.txt";

impl Copier for NoteFile {
    fn copy(&mut self, text: &str) -> Result<String, String> {
        let dir: PathBuf =
            paths::state_dir().ok_or("there is no home directory to keep the note file in")?;
        let path = dir.join(NOTE_FILE);
        atomic::ensure_private_dir(&dir)
            .and_then(|()| atomic::write_atomic(&path, text.as_bytes()))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(format!(
            "saved to {} (clipboard support is not connected yet)",
            path.display()
        ))
    }
}

/// Runs `share` with the stand-in copier.
pub fn run(ctx: &Ctx, args: ShareArgs) -> CliResult {
    run_with(ctx, args, &mut NoteFile)
}

/// Runs `share`, copying through `copier`.
pub fn run_with(ctx: &Ctx, args: ShareArgs, copier: &mut dyn Copier) -> CliResult {
    let net = ctx.store.load()?;
    let contact = net.resolve_contact(&args.contact)?;
    let item = net.resolve_item(&args.item)?;
    let already = net.sent_at(&contact.id, &item.id).map(|at| {
        format!(
            "“{}” was already sent to {} on {}",
            clean(&item.title),
            clean(&contact.name),
            at.format("%Y-%m-%d")
        )
    });
    if let Some(said) = &already
        && !args.again
    {
        return Err(Failure::new(format!(
            "{said}; add --again to send it anyway"
        )));
    }
    let (note, template) = compose(ctx, &net, contact, item, &args)?;
    if let Some(said) = &already {
        eprintln!("netwerk: {said}; sending it again");
    }
    if args.dry_run {
        print_note(&note)?;
        let from = template
            .as_deref()
            .map_or(String::new(), |t| format!("template {t:?}; "));
        eprintln!("({from}dry run: nothing copied or logged)");
        return Ok(());
    }
    let how = if args.print {
        print_note(&note)?;
        None
    } else {
        let how = copier.copy(&note).map_err(|why| {
            Failure::new(format!(
                "could not copy the note: {why}; nothing was logged"
            ))
        })?;
        Some(how)
    };
    let entry = Entry {
        id: EntryId::new(),
        at: ctx.clock.now(),
        kind: EntryKind::Share,
        contact: contact.id.clone(),
        contact_name: contact.name.clone(),
        item: Some(item.id.clone()),
        item_title: Some(item.title.clone()),
        url: Some(item.url.clone()),
        note,
        template,
    };
    ctx.store
        .append(std::slice::from_ref(&entry))
        .map_err(|e| {
            Failure::new(format!(
                "the note went out but the share was not logged: {e}"
            ))
        })?;
    let what = format!(
        "Logged “{}” as shared with {}.",
        clean(&item.title),
        clean(&contact.name)
    );
    match how {
        // stdout holds the note alone, for pipes; the report goes aside.
        None => eprintln!("{what}"),
        Some(how) => println!("Note for {} {how}.\n{what}", clean(&contact.name)),
    }
    Ok(())
}

/// The note and the template it came from: `--note` as written, else the
/// named template, else the next one in rotation for this contact.
fn compose(
    ctx: &Ctx,
    net: &Network,
    contact: &Contact,
    item: &Item,
    args: &ShareArgs,
) -> Result<(String, Option<String>), Failure> {
    if let Some(text) = &args.note {
        let note = validate::long_text("note", text)?
            .ok_or_else(|| Failure::new("note: must not be empty"))?;
        return Ok((note, None));
    }
    // The config was checked when it was loaded; this cannot fail then,
    // but a message beats a panic if it ever does.
    let templates =
        Templates::from_config(&ctx.config.templates).map_err(|e| Failure::new(e.to_string()))?;
    let template = match &args.template {
        Some(name) => templates.get(name).ok_or_else(|| {
            Failure::new(format!(
                "no template named {name:?}; there are {}",
                templates.names().join(", ")
            ))
        })?,
        None => templates
            .pick(item.kind, &contact.id, &net.history)
            .ok_or_else(|| Failure::new(format!("no template suits a {}", item.kind)))?,
    };
    let facts = NoteFacts::gather(
        net,
        contact,
        item,
        ctx.config.signature.as_deref(),
        ctx.clock.now(),
    );
    Ok((template.render(&facts), Some(template.name().to_string())))
}

/// Prints a note on stdout: exactly as composed into a pipe, with control
/// characters made visible on a terminal.
fn print_note(note: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    if out.is_terminal() {
        for line in note.lines() {
            writeln!(out, "{}", crate::text::sanitize(line)).map_err(io)?;
        }
        Ok(())
    } else {
        writeln!(out, "{note}").map_err(io)
    }
}
