//! `netwerk doctor`: where things are and whether they are healthy.

use super::failure::{CliResult, Failure};
use super::out::{clean, say};
use crate::clock::Clock;
use crate::config::{Config, config_path};
use crate::store::{self, Store, paths};
use crate::sync::foreign::ForeignKind;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode_note(path: &Path, want: u32) -> String {
    match std::fs::metadata(path) {
        Ok(m) => {
            let mode = m.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                format!(
                    "mode {mode:o} — WARNING: readable by others; run chmod {want:o} {}",
                    path.display()
                )
            } else {
                format!("mode {mode:o}")
            }
        }
        Err(_) => "missing".into(),
    }
}

/// What other programs left to merge, and the notes merges left on
/// records: warnings, not problems (netwerk works on).
fn sync_report(store: &Store) -> Result<(), Failure> {
    let attributes = std::fs::read_to_string(store.path(".gitattributes")).unwrap_or_default();
    if attributes.contains("merge=netwerk") {
        say!("  sync       git merges the data files record by record (netwerk sync)")?;
    }
    for found in crate::sync::foreign::foreign(store) {
        let how = match found.kind {
            ForeignKind::Markers(_) => "netwerk resolve merges both sides",
            _ => "netwerk resolve merges it in and removes it",
        };
        say!(
            "  resolve    {}: {} — {how}",
            clean(&found.name()),
            found.describe()
        )?;
    }
    if let Ok(noted) = crate::sync::foreign::noted(store)
        && !noted.is_empty()
    {
        say!(
            "  conflicts  {} notes a merge left; settle each, then netwerk resolve --done RECORD:",
            crate::text::count(noted.len(), "record holds", "records hold")
        )?;
        for n in &noted {
            say!("    {} {} ({})", n.file, clean(&n.label), clean(&n.id))?;
            for line in &n.notes {
                say!("      {}", clean(line))?;
            }
        }
    }
    Ok(())
}

/// Runs `doctor`. Exits 1 if anything would stop netwerk from working.
pub fn run(data: Option<&Path>, config: Option<&Path>) -> CliResult {
    let mut problems = 0;
    say!("netwerk {}", env!("CARGO_PKG_VERSION"))?;
    match Clock::from_env() {
        Ok(Clock::Fixed(t)) => say!("clock      frozen at {} (NETWERK_NOW)", t.to_rfc3339())?,
        Ok(Clock::System) => say!("clock      system")?,
        Err(e) => {
            problems += 1;
            say!("clock      ERROR: {e}")?;
        }
    }
    let config_file = config_path(config);
    let settings = match &config_file {
        Some(path) => match Config::load(path) {
            Ok(c) => {
                let state = if path.exists() {
                    "ok"
                } else {
                    "absent, using defaults"
                };
                say!("config     {} ({state})", path.display())?;
                c
            }
            Err(e) => {
                problems += 1;
                say!("config     ERROR: {e}")?;
                Config::default()
            }
        },
        None => {
            say!("config     no config directory; using defaults")?;
            Config::default()
        }
    };
    match paths::data_dir(data) {
        Ok(dir) => {
            say!("data       {} ({})", dir.display(), mode_note(&dir, 0o700))?;
            let store = Store::open(&dir);
            for file in [store::CONTACTS, store::QUEUE, store::HISTORY] {
                let path = dir.join(file);
                if path.exists() {
                    say!("  {file:<14} {}", mode_note(&path, 0o600))?;
                } else {
                    say!("  {file:<14} not yet created")?;
                }
            }
            match store
                .map_err(Failure::from)
                .and_then(|s| s.load().map_err(Failure::from))
            {
                Ok(net) => say!(
                    "  loaded     {}, {}, {}",
                    crate::text::count(net.contacts.len(), "contact", "contacts"),
                    crate::text::count(net.items.len(), "item", "items"),
                    crate::text::count(net.history.len(), "history entry", "history entries")
                )?,
                Err(e) => {
                    problems += 1;
                    say!("  ERROR: {}", e.message)?;
                }
            }
            if let Ok(store) = Store::open(&dir) {
                sync_report(&store)?;
            }
        }
        Err(e) => {
            problems += 1;
            say!("data       ERROR: {e}")?;
        }
    }
    let route = crate::clipboard::plan(&settings.clipboard, &crate::clipboard::Env::from_process());
    say!("clipboard  {route}")?;
    if std::env::var_os("TMUX").is_some() {
        say!("  tmux       {}", crate::clipboard::tmux_clipboard_advice())?;
    }
    match crate::clipboard::default_state_dir() {
        Ok(dir) => say!(
            "  fallback   {}",
            dir.join(crate::clipboard::NOTE_FILE).display()
        )?,
        Err(e) => say!("  fallback   {e}")?,
    }
    let env = |k: &str| std::env::var(k).unwrap_or_else(|_| "-".into());
    say!(
        "terminal   TERM={} COLORTERM={} TMUX={} SSH={} NO_COLOR={}",
        env("TERM"),
        env("COLORTERM"),
        if std::env::var_os("TMUX").is_some() {
            "yes"
        } else {
            "no"
        },
        if std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some() {
            "yes"
        } else {
            "no"
        },
        if std::env::var_os("NO_COLOR").is_some() {
            "set"
        } else {
            "unset"
        },
    )?;
    if problems > 0 {
        return Err(Failure::new(format!("{problems} problem(s) found")));
    }
    Ok(())
}
