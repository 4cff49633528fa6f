//! `netwerk share`: compose a note from a template (or take the user's),
//! copy it, and log the share — in that order, so a note that never
//! reached the clipboard is never recorded as sent.

use super::args::ShareArgs;
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, note, say};
use crate::clipboard::{Clipboard, Copier, CopyReport as Copied};
use crate::domain::template::Templates;
use crate::domain::{Contact, Item, Network, validate};
use crate::ops::{self, share::Pick};

/// Runs `share` with the clipboard chain the config asks for.
pub fn run(ctx: &Ctx, args: ShareArgs) -> CliResult {
    run_with(ctx, args, &mut clipboard(ctx))
}

/// The clipboard chain the config asks for: what `share`, `intro` and
/// `moment congrats` copy through.
pub fn clipboard(ctx: &Ctx) -> Clipboard {
    match Clipboard::for_process(ctx.config.clipboard.clone()) {
        Ok(c) => c,
        // No home for the state directory: keep the fallback note in the
        // private data directory instead.
        Err(_) => Clipboard::new(
            ctx.config.clipboard.clone(),
            crate::clipboard::Env::from_process(),
            ctx.store.dir().to_path_buf(),
        ),
    }
}

/// Hands a drafted note over: with `print`, on stdout alone (for pipes);
/// else through `copier`, failing with "could not copy the note: …;
/// nothing was logged". `None` means it was printed.
pub fn deliver(
    note: &str,
    print: bool,
    copier: &mut dyn Copier,
) -> Result<Option<Copied>, Failure> {
    if print {
        print_note(note)?;
        return Ok(None);
    }
    copier.copy(note).map(Some).map_err(|why| {
        Failure::new(format!(
            "could not copy the note: {why}; nothing was logged"
        ))
    })
}

/// Says what was done once a note was delivered and logged: `what` on
/// stderr when the note went to stdout, else how it was copied to whom
/// and `what`, and the note itself when no clipboard took it.
pub fn report(how: Option<Copied>, whom: &str, what: &str, note: &str) -> CliResult {
    match how {
        // stdout holds the note alone, for pipes; the report goes aside.
        None => {
            note!("{what}");
            Ok(())
        }
        Some(report) => {
            say!("Note for {whom} {}.\n{what}", report.how)?;
            if report.file.is_some() {
                // No clipboard reached: show the note so it can be copied by hand.
                say!("\n{note}")?;
            }
            Ok(())
        }
    }
}

/// Runs `share`, copying through `copier`.
pub fn run_with(ctx: &Ctx, args: ShareArgs, copier: &mut dyn Copier) -> CliResult {
    let mut loaded = ctx.store.load_stamped()?;
    let net = &loaded.network;
    let contact = net.resolve_contact(&args.contact)?;
    let item = net.resolve_item(&args.item)?;
    let already = net.sent_at(contact, &item.id).map(|at| {
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
    let (note, template) = compose(ctx, net, contact, item, &args)?;
    if let Some(said) = &already {
        note!("netwerk: {said}; sending it again");
    }
    if args.dry_run {
        print_note(&note)?;
        let from = template
            .as_deref()
            .map_or(String::new(), |t| format!("template {t:?}; "));
        note!("({from}dry run: nothing copied or logged)");
        return Ok(());
    }
    let how = deliver(&note, args.print, copier)?;
    let entry = ops::share::entry(contact, item, &note, template.as_deref(), ctx.clock.now())?;
    let (item_title, contact_name) = (clean(&item.title), clean(&contact.name));
    let label = ops::label::shared(item, contact);
    let woke = ctx
        .store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))
        .map_err(|e| {
            Failure::new(format!(
                "the note went out but the share was not logged: {e}"
            ))
        })?;
    let mut what = format!("Logged “{item_title}” as shared with {contact_name}.");
    if woke > 0 {
        what.push_str(&format!(
            "\n{contact_name} was awaiting triage and is now active."
        ));
    }
    report(how, &contact_name, &what, entry.note())
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
    let pick = match &args.template {
        Some(name) => Pick::Named(templates.get(name).ok_or_else(|| {
            Failure::new(format!(
                "no template named {name:?}; there are {}",
                templates.names().join(", ")
            ))
        })?),
        None => Pick::Rotation,
    };
    let signature = ctx.config.signature.as_deref();
    let draft = ops::share::draft(
        net,
        contact,
        item,
        &templates,
        signature,
        ctx.clock.now(),
        pick,
    );
    Ok((draft.note, draft.template))
}

/// Prints a note on stdout: exactly as composed into a pipe (a script
/// may hand it to a clipboard tool), with control characters made visible
/// on a terminal.
pub fn print_note(note: &str) -> CliResult {
    super::out::document(&format!("{note}\n")).map_err(io)
}
