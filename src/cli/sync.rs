//! `netwerk sync [init]`, `netwerk resolve` and `netwerk merge-driver`:
//! two machines, one network.

use super::args::{MergeDriverArgs, ResolveArgs, SyncArgs, SyncCmd};
use super::context::Ctx;
use super::failure::{CliResult, Failure};
use super::out::{clean, note, say};
use crate::disk::atomic;
use crate::sync::foreign::{self, Foreign, ForeignKind, copy_of};
use crate::sync::merge::{self, Names, Noted};
use std::path::Path;

/// Runs `sync` or `sync init`.
pub fn run(ctx: &Ctx, args: SyncArgs) -> CliResult {
    let sync_error = |e: crate::sync::SyncError| Failure::new(clean(&e.to_string()));
    if let Some(SyncCmd::Init) = args.cmd {
        let exe = std::env::current_exe()
            .map_err(|e| Failure::new(format!("cannot tell where netwerk is installed: {e}")))?;
        let done = crate::sync::init(&ctx.store, &exe).map_err(sync_error)?;
        let dir = ctx.store.dir().display().to_string();
        if done.changes.is_empty() {
            say!("{} is already set up for netwerk sync.", clean(&dir))?;
        } else {
            say!("Set up {} for netwerk sync:", clean(&dir))?;
            for change in &done.changes {
                say!("  {}", clean(change))?;
            }
        }
        if done.remote {
            say!("Run netwerk sync to commit, merge what the remote has and push.")?;
        } else {
            say!(
                "Next: add a remote (git -C {} remote add origin URL) and run netwerk sync; \
                 on another machine, clone it as the data directory and run netwerk sync init there too.",
                clean(&shlex::try_quote(&dir).unwrap_or_default())
            )?;
        }
        return Ok(());
    }
    let synced = crate::sync::sync(&ctx.store).map_err(sync_error)?;
    match &synced.committed {
        Some(message) => say!("Committed: {}.", clean(message))?,
        None => say!("Nothing new to commit here.")?,
    }
    let Some(remote) = &synced.remote else {
        say!(
            "No remote: the commit stays on this machine. Add one with \
             git -C {} remote add origin URL, then run netwerk sync again.",
            clean(&shlex::try_quote(&ctx.store.dir().to_string_lossy()).unwrap_or_default())
        )?;
        return Ok(());
    };
    match &synced.received {
        Some(what) => say!("Merged {}: {}.", clean(remote), clean(what))?,
        None => say!("{} had nothing new.", clean(remote))?,
    }
    if synced.pushed {
        say!("Pushed to {}.", clean(remote))?;
    } else {
        say!("Nothing to push.")?;
    }
    if !synced.noted.is_empty() {
        say!(
            "{} changed two ways on two machines; one value is kept, the other noted on the record:",
            crate::text::count(synced.noted.len(), "record was", "records were")
        )?;
        list_noted(&synced.noted)?;
        say!(
            "Settle each (edit it as you like), then netwerk resolve --done RECORD; netwerk doctor lists what is left."
        )?;
    }
    Ok(())
}

/// Prints each noted record and its notes.
fn list_noted(noted: &[Noted]) -> CliResult {
    for n in noted {
        say!("  {} {} ({})", n.file, clean(&n.label), clean(&n.id))?;
        for line in &n.notes {
            say!("    {}", clean(line))?;
        }
    }
    Ok(())
}

/// `netwerk merge-driver %O %A %B %P`: merges the three versions git
/// hands over and writes the result over %A. Exit 0 when merged, notes
/// or not; 1 when a version does not parse (git then reports a conflict
/// and keeps this side's file as it was).
pub fn merge_driver(args: MergeDriverArgs) -> CliResult {
    let read = |path: &Path, side: &str| -> Result<String, Failure> {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::new(format!("cannot read {side} ({}): {e}", path.display())))?;
        String::from_utf8(bytes).map_err(|e| {
            let text =
                String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
            let (line, col) = crate::format::line_col(&text, text.len());
            Failure::new(format!(
                "{}:{line}:{col}: not valid UTF-8 (in {side})",
                args.path.display()
            ))
        })
    };
    let other = format!("the other side (merged on {})", crate::sync::host());
    let names = Names::git(&other);
    let base = read(&args.base, "the common ancestor")?;
    let ours = read(&args.ours, names.ours)?;
    let theirs = read(&args.theirs, names.theirs)?;
    let merged = merge::three_way(&args.path, &base, &ours, &theirs, names)
        .map_err(|e| Failure::new(clean(&e.to_string())))?;
    if merged.text != ours {
        atomic::write_atomic(&args.ours, merged.text.as_bytes()).map_err(|e| {
            Failure::new(format!(
                "cannot write the merge to {}: {e}",
                args.ours.display()
            ))
        })?;
    }
    if !merged.noted.is_empty() {
        note!(
            "netwerk: {}: {} changed two ways; both values kept (netwerk doctor lists them)",
            args.path.display(),
            crate::text::count(merged.noted.len(), "record", "records")
        );
    }
    Ok(())
}

/// Runs `resolve`.
pub fn resolve(ctx: &Ctx, args: ResolveArgs) -> CliResult {
    if let Some(query) = &args.done {
        return settle(ctx, query);
    }
    let store = &ctx.store;
    let found: Vec<Foreign> = match &args.file {
        Some(file) => vec![named(ctx, file)?],
        None => foreign::foreign(store),
    };
    if found.is_empty() {
        say!(
            "Nothing to resolve: no conflict copies or conflict markers in {}.",
            clean(&store.dir().display().to_string())
        )?;
        let noted = foreign::noted(store)?;
        if !noted.is_empty() {
            say!(
                "{} notes a merge left (netwerk doctor lists them).",
                crate::text::count(noted.len(), "record still holds", "records still hold")
            )?;
        }
        return Ok(());
    }
    for foreign in &found {
        let label = crate::ops::label::resolved(&foreign.name());
        let done = foreign::resolve(store, foreign, args.dry_run, &label)
            .map_err(|e| Failure::new(clean(&e.to_string())))?;
        let path = Path::new(foreign.file);
        let what = format!(
            "{} added, {} changed",
            merge::count(path, done.added),
            done.changed
        );
        let name = clean(&foreign.name());
        match (foreign.kind, args.dry_run) {
            (ForeignKind::Markers(_), true) => {
                say!("Would merge both sides of the git conflicts in {name}: {what}.")?
            }
            (ForeignKind::Markers(_), false) => {
                say!("Merged both sides of the git conflicts in {name}: {what}.")?
            }
            (_, true) => say!(
                "Would merge {name} into {}: {what}; then remove {name}.",
                foreign.file
            )?,
            (_, false) => say!(
                "Merged {name} into {}: {what}; removed {name}.",
                foreign.file
            )?,
        }
        if !done.noted.is_empty() {
            say!(
                "{} differed; the data file's value is kept and the other noted on the record:",
                crate::text::count(done.noted.len(), "record", "records")
            )?;
            list_noted(&done.noted)?;
        }
    }
    Ok(())
}

/// The thing to resolve `file` names: a conflict copy in the data
/// directory, or a data file holding conflict markers.
fn named(ctx: &Ctx, file: &Path) -> Result<Foreign, Failure> {
    let store = &ctx.store;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_data = |p: &Path| {
        let dir = std::fs::canonicalize(store.dir()).ok();
        let parent = std::fs::canonicalize(
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .ok();
        dir.is_some() && dir == parent
    };
    // A bare name is looked for in the data directory.
    let path = if file.exists() {
        file.to_path_buf()
    } else {
        store.dir().join(&name)
    };
    let not_one = || {
        Failure::new(format!(
            "{}: not a conflict copy in the data directory ({}), nor a data file holding git's conflict markers",
            clean(&file.display().to_string()),
            clean(&store.dir().display().to_string())
        ))
    };
    if !path.exists() || !in_data(&path) {
        return Err(not_one());
    }
    if let Some((live, kind)) = copy_of(&name) {
        return Ok(Foreign {
            path,
            file: live,
            kind,
        });
    }
    foreign::foreign(store)
        .into_iter()
        .find(|f| matches!(f.kind, ForeignKind::Markers(_)) && f.name() == name)
        .ok_or_else(not_one)
}

/// `resolve --done RECORD`: clears the notes of the one noted record
/// `query` names (its id, or words of its name or title).
fn settle(ctx: &Ctx, query: &str) -> CliResult {
    let noted = foreign::noted(&ctx.store)?;
    let folded = crate::domain::fold::fold_label(query);
    let exact: Vec<&Noted> = noted.iter().filter(|n| n.id == query).collect();
    let matches: Vec<&Noted> = if exact.is_empty() {
        noted
            .iter()
            .filter(|n| {
                let label = crate::domain::fold::fold_label(&n.label);
                folded.split_whitespace().all(|w| label.contains(w))
            })
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [] if noted.is_empty() => Err(Failure::new("no record holds notes from a merge")),
        [] => Err(Failure::new(format!(
            "no record holding notes from a merge matches {}",
            clean(query)
        ))),
        [one] => {
            let label = crate::ops::label::settled(&one.label);
            foreign::settle(&ctx.store, one.file, &one.id, &label)?;
            say!(
                "Settled {} ({}): {} removed.",
                clean(&one.label),
                clean(&one.id),
                crate::text::count(one.notes.len(), "note", "notes")
            )
        }
        many => {
            let mut message = format!(
                "{} matches {} records holding notes:",
                clean(query),
                many.len()
            );
            for n in many {
                message.push_str(&format!(
                    "\n  {}  {}  ({})",
                    clean(&n.id),
                    clean(&n.label),
                    n.file
                ));
            }
            Err(Failure::new(message))
        }
    }
}

impl From<foreign::ResolveError> for Failure {
    fn from(e: foreign::ResolveError) -> Self {
        Failure::new(clean(&e.to_string()))
    }
}
