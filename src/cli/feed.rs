//! `netwerk feed …`.

use super::args::{FeedCmd, FeedExport, FeedImport};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{self, clean, say};
use super::view::{print_json, print_table};
use crate::domain::Feed;
use crate::domain::feed::{self, subscribe};
use crate::domain::inbox::Source;
use crate::feed::{Listed, intake, newsboat, opml, parse};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Runs `feed …`.
pub fn run(ctx: &Ctx, cmd: FeedCmd) -> CliResult {
    let today = ctx.clock.today();
    match cmd {
        FeedCmd::Add { url, topics, name } => {
            let new = Feed::new(&url, name.as_deref(), &topics, today)?;
            let report = ctx
                .store
                .modify_feeds(|feeds| Ok::<_, Failure>(subscribe(feeds, vec![new])))?;
            match report.added.first() {
                Some(url) => say!("Subscribed to {}.", clean(url)),
                None => say!(
                    "Already subscribed to {}; topics merged.",
                    clean(&report.existing.join(""))
                ),
            }
        }
        FeedCmd::List { json } => list(ctx, json.json),
        FeedCmd::Rm { feed: query } => {
            let gone = ctx.store.modify_feeds(|feeds| {
                let url = feed::resolve(feeds, &query)?.url.clone();
                feeds.retain(|f| f.url != url);
                Ok::<_, Failure>(url)
            })?;
            say!("Unsubscribed from {}.", clean(&gone))
        }
        FeedCmd::Import(FeedImport::Opml { file }) => {
            let (shown, bytes) = read(&file)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::new(format!("{shown}: not valid UTF-8 text")))?;
            let listed = opml::parse(&text).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
            import(ctx, &shown, listed)
        }
        FeedCmd::Import(FeedImport::Newsboat { file }) => {
            let path = match file {
                Some(f) => f,
                None => newsboat_urls()?,
            };
            let (shown, bytes) = read(&path)?;
            import(
                ctx,
                &shown,
                newsboat::parse(&String::from_utf8_lossy(&bytes)),
            )
        }
        FeedCmd::Export(FeedExport::Opml) => {
            let feeds = ctx.store.load_feeds()?;
            let xml = opml::export(&feeds).map_err(Failure::new)?;
            out::document(&xml).map_err(io)
        }
        FeedCmd::Refresh { timeout, json } => refresh(ctx, timeout, json.json),
        FeedCmd::Ingest {
            file,
            name,
            topics,
            json,
        } => {
            let (shown, bytes) = read(&file)?;
            let parsed =
                parse::parse(&bytes, None).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
            let source = Source {
                label: name.or(parsed.title),
                topics,
            };
            let report = intake::ingest(&ctx.store, vec![(source, parsed.entries)], today)?;
            if json {
                return out::json(&report).map_err(io);
            }
            say!(
                "{} new in the inbox; {} already known.",
                report.added.len(),
                report.known
            )?;
            for why in &report.refused {
                say!("  skipped {}", clean(why))?;
            }
            Ok(())
        }
    }
}

/// The whole input, and how to name it in messages.
fn read(file: &Path) -> Result<(String, Vec<u8>), Failure> {
    let stdin = file == Path::new("-");
    let shown = if stdin {
        "stdin".to_string()
    } else {
        file.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(file).map(|b| bytes = b)
    };
    read.map_err(|e| Failure::new(format!("cannot read {shown}: {e}")))?;
    Ok((shown, bytes))
}

/// newsboat's urls file: `~/.newsboat/urls`, else the XDG one.
fn newsboat_urls() -> Result<PathBuf, Failure> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| Failure::new("no HOME; name the urls file"))?;
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    let candidates = [home.join(".newsboat/urls"), xdg.join("newsboat/urls")];
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| {
            Failure::new(format!(
                "no newsboat urls file at {} or {}; name it: netwerk feed import newsboat FILE",
                candidates[0].display(),
                candidates[1].display()
            ))
        })
}

/// Subscribes to every listed feed with a web address, all in one write.
fn import(ctx: &Ctx, shown: &str, listed: Vec<Listed>) -> CliResult {
    let today = ctx.clock.today();
    let mut feeds = Vec::new();
    let mut skipped = Vec::new();
    for l in listed {
        match Feed::new(&l.url, l.name.as_deref(), &l.topics, today) {
            Ok(f) => feeds.push(f),
            Err(e) if l.line > 0 => skipped.push(format!("{shown}:{}: {e}", l.line)),
            Err(e) => skipped.push(format!("{}: {e}", l.url)),
        }
    }
    let report = ctx
        .store
        .modify_feeds(|stored| Ok::<_, Failure>(subscribe(stored, feeds)))?;
    say!(
        "Subscribed to {} new feeds; {} already subscribed; {} skipped.",
        report.added.len(),
        report.existing.len(),
        skipped.len()
    )?;
    for s in skipped {
        say!("  skipped {}", clean(&s))?;
    }
    Ok(())
}

fn list(ctx: &Ctx, json: bool) -> CliResult {
    let feeds = ctx.store.load_feeds()?;
    if json {
        return print_json(&feeds).map_err(io);
    }
    if feeds.is_empty() {
        return say!(
            "No feeds yet. Subscribe: netwerk feed add https://example.com/feed.xml --topic rust"
        );
    }
    let mut rows = vec![vec!["NAME".into(), "TOPICS".into(), "URL".into()]];
    for f in &feeds {
        rows.push(vec![
            clean(f.name.as_deref().unwrap_or("-")),
            clean(&f.topics.join(", ")),
            clean(&f.url),
        ]);
    }
    print_table(&rows).map_err(io)
}

fn refresh(ctx: &Ctx, timeout: u64, json: bool) -> CliResult {
    let today = ctx.clock.today();
    let results = intake::refresh(
        &ctx.store,
        today,
        Duration::from_secs(timeout.max(1)),
        |done, total| out::progress(Some(&format!("Fetching feeds… {done}/{total}"))),
    )?;
    out::progress(None);
    let failed = results.iter().filter(|r| r.status == "failed").count();
    if json {
        print_json(&results).map_err(io)?;
    } else if results.is_empty() {
        say!("No feeds yet. Subscribe: netwerk feed add URL, or netwerk feed import opml FILE")?;
    } else {
        let mut lines = out::stdout();
        for r in &results {
            let name = clean(r.name.as_deref().unwrap_or(&r.url));
            let line = match (r.status, &r.error) {
                ("failed", Some(e)) => format!("{name}: failed: {}", clean(e)),
                ("unchanged", _) => format!("{name}: unchanged"),
                _ => format!("{name}: {} new of {}", r.added, r.entries),
            };
            lines.line(&line).map_err(io)?;
        }
        let added: usize = results.iter().map(|r| r.added).sum();
        lines
            .line(&format!(
                "{added} new in the inbox from {} feeds; {failed} failed.",
                results.len()
            ))
            .map_err(io)?;
        lines.finish().map_err(io)?;
    }
    if failed > 0 && failed == results.len() {
        return Err(Failure::new(String::new()));
    }
    Ok(())
}
