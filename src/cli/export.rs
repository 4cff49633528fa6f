//! `netwerk export vcard|csv|json [--out FILE]`.

use super::args::{ExportArgs, ExportFormat};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::say;
use crate::import::backup::{self, Backup};
use crate::import::{csv_export, vcard};
use crate::store::atomic::write_atomic;

/// Runs `export`.
pub fn run(ctx: &Ctx, args: ExportArgs) -> CliResult {
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
        ExportFormat::Json => {
            let net = ctx.store.load()?;
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
    let Some(path) = args.out else {
        // Exact into a pipe, sanitised on a terminal.
        return super::out::document(&text).map_err(io);
    };
    // Atomic and owner-only like the data files: an export holds the same
    // personal data, and a half-written backup is worse than none.
    write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
    say!("Exported {what} to {}.", path.display())?;
    Ok(())
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "history entry") => format!("{n} history entries"),
        _ => format!("{n} {noun}s"),
    }
}
