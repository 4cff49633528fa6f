//! `netwerk import …`: read a whole file, refuse it if it is malformed,
//! merge it in one locked write (or none, for `--dry-run`), and say what
//! happened to every record.

use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::args::{ImportCmd, ImportFile, ImportJson};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, note};
use crate::domain::moment::{self, JobChange};
use crate::domain::{ItemKind, Network};
use crate::import::merge::{self, Report};
use crate::import::{
    ParseError, Skipped, bookmarks, google, linkedin, pocket, restore, text, urls, vcard,
};

/// Runs `import …`.
pub fn run(ctx: &Ctx, cmd: ImportCmd) -> CliResult {
    let today = ctx.clock.today();
    let (args, report, remarks) = match cmd {
        ImportCmd::Linkedin(args) => {
            let parsed = parse(&args, linkedin::parse)?;
            let report = apply(ctx, &args, CONTACTS, |net| {
                merge::linkedin(net, &parsed, today)
            })?;
            (args, report, parsed.remarks)
        }
        ImportCmd::Vcard(args) => {
            let parsed = parse(&args, vcard::parse)?;
            let report = apply(ctx, &args, CONTACTS, |net| {
                merge::vcard(net, &parsed, today)
            })?;
            (args, report, parsed.remarks)
        }
        // An address book like any other: the same rules as vCard cards.
        ImportCmd::Google(args) => {
            let parsed = parse(&args, google::parse)?;
            let report = apply(ctx, &args, CONTACTS, |net| {
                merge::vcard(net, &parsed, today)
            })?;
            (args, report, parsed.remarks)
        }
        ImportCmd::Urls(urls_args) => {
            let args = urls_args.file;
            let kind = urls_args
                .kind
                .as_deref()
                .map(str::parse::<ItemKind>)
                .transpose()
                .map_err(|e| Failure::new(e.to_string()))?;
            let mut parsed = parse(&args, |bytes| text::utf8(bytes).map(urls::parse))?;
            for record in &mut parsed.records {
                record.topics.extend(urls_args.topics.iter().cloned());
            }
            let report = apply(ctx, &args, ITEMS, |net| {
                merge::queue_as(net, &parsed, today, kind)
            })?;
            (args, report, parsed.remarks)
        }
        ImportCmd::Bookmarks(args) => {
            let (format, parsed) = parse(&args, bookmarks::parse)?;
            if !args.json {
                note!(
                    "Read {} as {}.",
                    clean(&args.file.display().to_string()),
                    format.name()
                );
            }
            let report = apply(ctx, &args, ITEMS, |net| merge::queue(net, &parsed, today))?;
            (args, report, parsed.remarks)
        }
        ImportCmd::Json(args) => return restore(ctx, args),
        ImportCmd::Vdir(args) => return vdir(ctx, args),
        ImportCmd::Pocket(args) => {
            let parsed = parse(&args, pocket::parse)?;
            let report = apply(ctx, &args, ITEMS, |net| merge::queue(net, &parsed, today))?;
            (args, report, parsed.remarks)
        }
    };
    print(&report, &remarks, args.dry_run, args.json, None).map_err(io)
}

/// `import vdir DIR`: every card file, all or nothing, merged by UID.
fn vdir(ctx: &Ctx, args: ImportFile) -> CliResult {
    let dir = crate::disk::safe_path::vdir(&args.file, ctx.store.dir())
        .map_err(crate::store::StoreError::from)?;
    let (parsed, files) =
        crate::import::vdir::read(&dir).map_err(|e| Failure::new(clean(&e.to_string())))?;
    let today = ctx.clock.today();
    let report = apply(ctx, &args, ("contact", "contacts"), |net| {
        merge::vdir(net, &parsed, today)
    })?;
    print(
        &report,
        &parsed.remarks,
        args.dry_run,
        args.json,
        Some(&files),
    )
    .map_err(io)
}

/// Reads and parses the whole input before anything is merged, so a
/// malformed file is refused (`FILE:LINE: message`) with nothing written.
fn parse<T>(
    args: &ImportFile,
    parser: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, Failure> {
    let (shown, bytes) = read(args)?;
    parser(&bytes).map_err(|e| Failure::new(format!("{shown}:{}: {}", e.line, e.message)))
}

/// The whole input, and the name to show for it (`stdin` for `-`).
fn read(args: &ImportFile) -> Result<(String, Vec<u8>), Failure> {
    let stdin = args.file == Path::new("-");
    let shown = if stdin {
        "stdin".to_string()
    } else {
        args.file.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(&args.file).map(|b| bytes = b)
    };
    read.map_err(|e| Failure::new(format!("cannot read {shown}: {e}")))?;
    Ok((shown, bytes))
}

/// `import json`: the backup is read and checked whole (refused as
/// `FILE:LINE:COL: what is wrong`), then restored in one locked write.
fn restore(ctx: &Ctx, args: ImportJson) -> CliResult {
    let (shown, bytes) = read(&args.file)?;
    let backup =
        restore::parse(&bytes).map_err(|e| Failure::new(format!("{}:{e}", clean(&shown))))?;
    let mode = match (args.replace, args.merge) {
        (true, _) => restore::Mode::Replace,
        (_, true) => restore::Mode::Merge,
        _ => restore::Mode::IntoEmpty,
    };
    let dry_run = args.file.dry_run;
    let outcome = restore::restore(&ctx.store, backup, mode, dry_run).map_err(|e| match e {
        restore::RestoreError::Store(e) => Failure::from(e),
        other => Failure::new(clean(&other.to_string())),
    })?;
    if args.file.json {
        #[derive(Serialize)]
        struct JsonOutcome<'a> {
            dry_run: bool,
            #[serde(flatten)]
            outcome: &'a restore::Outcome,
        }
        return super::out::json(&JsonOutcome {
            dry_run,
            outcome: &outcome,
        })
        .map_err(io);
    }
    let mut out = super::out::stdout();
    let from = clean(&shown);
    let would = if dry_run { "Would restore" } else { "Restored" };
    let added = restore::words(&outcome.added);
    if outcome.replaced {
        out.line(&format!(
            "{would} {added} from {from}, replacing {}.",
            restore::words(&outcome.before)
        ))
        .map_err(io)?;
    } else {
        out.line(&format!("{would} {added} from {from}."))
            .map_err(io)?;
    }
    if mode == restore::Mode::Merge {
        out.line(&format!(
            "Already here by id, left alone: {}.",
            restore::words(&outcome.kept)
        ))
        .map_err(io)?;
        for (id, url) in &outcome.same_url {
            out.line(&format!(
                "  item {} left out: {} is queued under another id",
                clean(id),
                clean(url)
            ))
            .map_err(io)?;
        }
    }
    if dry_run {
        out.line("Dry run: nothing was written.").map_err(io)?;
    }
    out.finish().map_err(io)
}

/// Merges under the writer lock into freshly read files, or into a copy
/// for a dry run. A contact whose company or role the import changed
/// gets a `moment` entry, appended under the same lock (and journaled
/// with the import).
/// `nouns` name what the file brings in, for the undo journal.
fn apply(
    ctx: &Ctx,
    args: &ImportFile,
    nouns: (&str, &str),
    merge: impl FnOnce(&mut Network) -> Report,
) -> Result<Report, Failure> {
    let now = ctx.clock.now();
    let run = |net: &mut Network| {
        let before = net.contacts.clone();
        let mut report = merge(net);
        report.moments = moment::seen(&before, &net.contacts, now);
        report
    };
    if args.dry_run {
        let mut net = ctx.store.load_tables()?;
        return Ok(run(&mut net));
    }
    let file = match args.file.file_name() {
        Some(name) if args.file != Path::new("-") => name.to_string_lossy().into_owned(),
        _ => "stdin".to_string(),
    };
    let label = |report: &Report| {
        crate::ops::label::imported(&file, report.added.len(), report.updated.len(), nouns)
    };
    ctx.store.modify_logging(label, |net| {
        let report = run(net);
        let moments = report.moments.clone();
        Ok::<_, Failure>((report, moments))
    })
}

/// What an import of contacts or of items brings in.
const CONTACTS: (&str, &str) = ("contact", "contacts");
const ITEMS: (&str, &str) = ("item", "items");

#[derive(Serialize)]
struct JsonReport<'a> {
    dry_run: bool,
    #[serde(flatten)]
    report: &'a Report,
    /// Records kept with something to say about them.
    #[serde(skip_serializing_if = "<[Skipped]>::is_empty")]
    remarks: &'a [Skipped],
    /// From a vdir: the card files, which each `line` counts (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<&'a [String]>,
    /// Job changes the import saw.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    moments: Vec<super::moment::MomentView<'a>>,
}

/// The headline, then one line per update, per remark and per skip.
/// Added and unchanged records are only counted: a first LinkedIn import
/// adds hundreds, and the list would bury what needs reading.
fn print(
    report: &Report,
    remarks: &[Skipped],
    dry_run: bool,
    json: bool,
    files: Option<&[String]>,
) -> std::io::Result<()> {
    if json {
        return super::out::json(&JsonReport {
            dry_run,
            report,
            remarks,
            files,
            moments: report
                .moments
                .iter()
                .filter_map(super::moment::MomentView::of)
                .collect(),
        });
    }
    // From a vdir, a record's `line` is its file's place in `files`.
    let place = |n: usize| match files {
        Some(files) => files.get(n.wrapping_sub(1)).cloned().unwrap_or_default(),
        None => format!("line {n}"),
    };
    let mut out = super::out::stdout();
    out.line(&report.headline())?;
    if !report.updated.is_empty() {
        out.line("Updated:")?;
        for o in &report.updated {
            let changes = o.changes.join("; ");
            out.line(&format!(
                "  {}: {}: {}",
                clean(&place(o.line)),
                clean(&o.name),
                clean(&changes)
            ))?;
        }
    }
    if !report.moments.is_empty() {
        out.line("Moments — a word now means more than any article:")?;
        for m in &report.moments {
            if let Some(c) = JobChange::of(m) {
                out.line(&format!(
                    "  {} {}",
                    clean(m.contact_name()),
                    clean(&c.describe())
                ))?;
            }
        }
        if !dry_run {
            out.line("  Congratulate: netwerk moment list")?;
        }
    }
    if !remarks.is_empty() {
        out.line("Kept, but note:")?;
        for r in remarks {
            out.line(&format!(
                "  {}: {}",
                clean(&place(r.line)),
                clean(&r.reason)
            ))?;
        }
    }
    if !report.skipped.is_empty() {
        out.line("Skipped:")?;
        for s in &report.skipped {
            out.line(&format!(
                "  {}: {}",
                clean(&place(s.line)),
                clean(&s.reason)
            ))?;
        }
    }
    if dry_run {
        out.line("Dry run: nothing was written.")?;
    }
    out.finish()
}
