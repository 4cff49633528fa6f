//! `netwerk undo` and `netwerk redo`: the last change in the undo
//! journal, whether the command line or the full-screen program made it.
//! What may be undone is the store's to decide (`store/undo.rs`).

use super::args::UndoArgs;
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use crate::store::{Scope, Undo, UndoError};
use crate::text::count;
use serde::Serialize;

/// What `--json` prints.
#[derive(Serialize)]
struct JsonUndone<'a> {
    /// "undo" or "redo".
    action: &'static str,
    dry_run: bool,
    /// The change: "added Ada Lovelace".
    change: &'a str,
    /// Contacts and items put back.
    records: usize,
    /// History entries voided (or, by a redo, counted again).
    history_entries: usize,
}

/// Runs `undo`, or with `redo`, `redo`.
pub fn run(ctx: &Ctx, args: UndoArgs, redo: bool) -> CliResult {
    let how = Undo {
        redo,
        scope: Scope::Everyone,
        now: ctx.clock.now(),
        dry_run: args.dry_run,
    };
    let mut base = Default::default();
    let undone = ctx.store.undo(&mut base, &how).map_err(|e| match e {
        UndoError::Store(e) => Failure::from(e),
        UndoError::Nothing(what) => Failure::new(format!("nothing to {what}")),
        UndoError::Refused(why) => Failure::new(clean(&why)),
    })?;
    let action = if redo { "redo" } else { "undo" };
    if args.json {
        return super::out::json(&JsonUndone {
            action,
            dry_run: args.dry_run,
            change: &undone.label,
            records: undone.records,
            history_entries: undone.entries,
        })
        .map_err(io);
    }
    let done = match (args.dry_run, redo) {
        (true, _) => format!("Would {action}"),
        (false, false) => "Undone".into(),
        (false, true) => "Redone".into(),
    };
    let mut what = Vec::new();
    if undone.records > 0 {
        what.push(count(undone.records, "record", "records"));
    }
    if undone.entries > 0 {
        let entries = count(undone.entries, "history entry", "history entries");
        what.push(match redo {
            false => format!("{entries} voided"),
            true => format!("{entries} counted again"),
        });
    }
    say!("{done}: {} ({}).", clean(&undone.label), what.join(", "))?;
    if args.dry_run {
        say!("Dry run: nothing was written.")?;
    }
    Ok(())
}
