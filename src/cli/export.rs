//! `netwerk export vcard|csv|json [--out FILE]`.

use super::args::{ExportArgs, ExportFormat};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::say;
use crate::disk::atomic::write_atomic;
use crate::disk::safe_path::{self, ExportTarget};
use crate::import::backup::{self, Backup};
use crate::import::{csv_export, vcard};
use crate::store::StoreError;

/// Runs `export`.
pub fn run(ctx: &Ctx, args: ExportArgs) -> CliResult {
    if args.format == ExportFormat::Vdir {
        return vdir(
            ctx,
            args.dir.as_deref().unwrap_or(std::path::Path::new(".")),
        );
    }
    if let Some(dir) = &args.dir {
        return Err(Failure::usage(format!(
            "{} is for export vdir; write a single file with --out FILE",
            super::out::clean(&dir.display().to_string())
        )));
    }
    // Decided before anything is read, so a refused target costs nothing.
    let target = match &args.out {
        Some(path) => {
            Some(safe_path::export_target(path, ctx.store.dir()).map_err(StoreError::from)?)
        }
        None => None,
    };
    let (text, what) = match args.format {
        ExportFormat::Vcard | ExportFormat::Csv => {
            let net = ctx.store.load_tables()?;
            let records = backup::contact_records(&net.contacts);
            let text = if args.format == ExportFormat::Vcard {
                vcard::write(&records)
            } else {
                csv_export::write(&records)
            };
            (text, count(records.len(), "contact"))
        }
        ExportFormat::Vdir => unreachable!("handled above"),
        ExportFormat::Json => {
            // The whole log, void records and what they take back
            // included: a backup restores the history exactly.
            let mut net = ctx.store.load_tables()?;
            net.history = ctx.store.load_log()?.into();
            let mut text = crate::text::json::to_string_pretty(&Backup::new(&net))
                .map_err(|e| Failure::new(format!("cannot write the backup: {e}")))?;
            text.push('\n');
            let what = format!(
                "{}, {} and {}",
                count(net.contacts.len(), "contact"),
                count(net.items.len(), "item"),
                count(net.history.len(), "history entry")
            );
            (text, what)
        }
    };
    let (Some(path), Some(target)) = (args.out, target) else {
        // Exact into a pipe, sanitised on a terminal.
        return super::out::document(&text).map_err(io);
    };
    let failed = |e: std::io::Error| Failure::new(format!("cannot write {}: {e}", path.display()));
    let done = format!("Exported {what} to {}.", path.display());
    match target {
        // Atomic and owner-only like the data files: an export holds the
        // same personal data, and a half-written backup is worse than none.
        ExportTarget::File(file) => {
            write_atomic(&file, text.as_bytes()).map_err(failed)?;
            say!("{done}")?;
        }
        // The stream may be standard output itself (`--out /dev/stdout`):
        // the summary goes to stderr so it never lands in the export.
        ExportTarget::Stream(stream) => {
            write_stream(&stream, &text).map_err(failed)?;
            super::out::note!("{done}");
        }
    }
    Ok(())
}

/// `export vdir DIR`: a card per contact, only changed ones rewritten.
fn vdir(ctx: &Ctx, dir: &std::path::Path) -> CliResult {
    let target = safe_path::vdir(dir, ctx.store.dir()).map_err(StoreError::from)?;
    let net = ctx.store.load_tables()?;
    let done = crate::import::vdir::export(&target, &net.contacts)
        .map_err(|e| Failure::new(super::out::clean(&e.to_string())))?;
    say!(
        "Exported {} to {}: {} new, {} updated, {} unchanged, {} removed.",
        count(net.contacts.len(), "contact"),
        super::out::clean(&dir.display().to_string()),
        done.added,
        done.updated,
        done.unchanged,
        done.removed
    )?;
    for why in &done.left {
        super::out::note!("{}", super::out::clean(why));
    }
    Ok(())
}

/// Writes to a pipe, a device or a descriptor the shell opened, in place:
/// appending (so `--out /dev/stdout >> log` keeps the log), never
/// creating, truncating or renaming over it. A terminal gets the text
/// sanitised line by line, as on standard output.
fn write_stream(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let out = std::fs::OpenOptions::new().append(true).open(path)?;
    super::out::document_to(out, text)
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "history entry") => format!("{n} history entries"),
        _ => format!("{n} {noun}s"),
    }
}
