//! `netwerk log` and `netwerk history`.

use super::args::{HistoryArgs, LogArgs};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{EntryView, print_json, print_table};
use crate::domain::when::parse_when;
use crate::domain::{CHANNELS, Entry, EntryKind, channel, log_kind, validate, void};
use crate::ops::{self, OpError, log::Logged};
use crate::text::count;

/// Runs `log`.
pub fn log(ctx: &Ctx, args: LogArgs) -> CliResult {
    let (kind, implied) = log_kind(&args.kind)?;
    let via = match (implied, args.via.as_deref().map(channel).transpose()?) {
        (Some(a), Some(b)) if a != b => {
            return Err(Failure::usage(format!(
                "--kind {a} and --via {b} disagree; say one"
            )));
        }
        (a, b) => a.or(b),
    };
    let now = ctx.clock.now();
    let note = validate::long_text("note", args.note.as_deref().unwrap_or(""))?.unwrap_or_default();
    let log = Logged {
        kind,
        via,
        at: match &args.at {
            Some(v) => parse_when(v, *now.offset())?,
            None => now,
        },
        note: &note,
        force: args.force,
    };
    ops::log::check(&log, now).map_err(|e| match e {
        OpError::ShareNotLogged => {
            Failure::usage("log records touches and asks; use `netwerk share` to give an item")
        }
        e => e.into(),
    })?;
    let mut loaded = ctx.store.load_tables_stamped()?;
    let contact = loaded.network.resolve_contact(&args.contact)?;
    let history = match ops::log::needs_history(&log) {
        true => ctx.store.load_history()?,
        false => Default::default(),
    };
    let entry = ops::log::entry(contact, &log, &history, now)?;
    let at = log.at;
    let name = clean(&contact.name);
    let label = ops::label::logged(kind, contact);
    let woke = ctx
        .store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))?;
    say!(
        "Logged {}{} with {} on {}.",
        kind,
        via.map(|v| format!(" via {v}")).unwrap_or_default(),
        name,
        at.format("%Y-%m-%d")
    )?;
    if kind == EntryKind::Ask {
        // The id is what closes it later.
        say!(
            "Ask {}: when {} answers, netwerk ask done {}",
            entry.id(),
            name,
            entry.id()
        )?;
    }
    if woke > 0 {
        say!("{name} was awaiting triage and is now active.")?;
    }
    Ok(())
}

/// Prints entries as a table, in the order given.
pub fn print_entries(entries: &[&Entry]) -> std::io::Result<()> {
    print_marked(entries, &Voided::default())
}

/// What `history --all` shows beside the entries: which were taken back,
/// and the entries void records name.
#[derive(Default)]
struct Voided<'a> {
    /// Ids of entries (void records too) taken back.
    dead: rustc_hash::FxHashSet<&'a str>,
    /// Every entry of the log by id.
    by_id: rustc_hash::FxHashMap<&'a str, &'a Entry>,
}

impl<'a> Voided<'a> {
    fn of(log: &'a [Entry]) -> Self {
        Self {
            dead: void::taken_back(log),
            by_id: log.iter().map(|e| (e.id(), e)).collect(),
        }
    }

    fn voided(&self, e: &Entry) -> bool {
        self.dead.contains(e.id())
    }
}

/// An entry as `history --all --json` writes it: its line, and whether it
/// was taken back.
#[derive(serde::Serialize)]
struct MarkedView<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    voided: bool,
}

/// Prints entries as a table, those in `voided` marked.
fn print_marked(entries: &[&Entry], voided: &Voided) -> std::io::Result<()> {
    let mut rows = vec![vec![
        "DATE".into(),
        "KIND".into(),
        "CONTACT".into(),
        "WHAT".into(),
    ]];
    for e in entries {
        let head = e.item_title().map(str::to_owned).or_else(|| e.detail());
        let mut what = match (head, e.note().is_empty()) {
            (Some(head), true) => clean(&head),
            (Some(head), false) => format!("{} — {}", clean(&head), clean(e.note())),
            (None, _) => clean(e.note()),
        };
        if let Some(via) = e.via() {
            what = format!("({}) {what}", clean(via)).trim_end().to_string();
        }
        if let Some(target) = e.voids() {
            what = match voided.by_id.get(target) {
                Some(t) => format!(
                    "takes back the {} of {}{}",
                    t.kind,
                    t.at.format("%Y-%m-%d %H:%M"),
                    t.item_title()
                        .map(|title| format!(" ({})", clean(title)))
                        .unwrap_or_default()
                ),
                None => format!("takes back entry {}", clean(target)),
            };
        }
        if voided.voided(e) {
            what = format!("[voided] {what}");
        }
        rows.push(vec![
            e.at.format("%Y-%m-%d %H:%M").to_string(),
            e.kind.to_string(),
            clean(e.contact_name()),
            what,
        ]);
    }
    print_table(&rows)
}

/// What `history --kind` keeps: entries of a kind, or made via a channel.
#[derive(Clone, Copy)]
enum KindFilter {
    Kind(EntryKind),
    Via(&'static str),
}

impl KindFilter {
    fn holds(self, e: &Entry) -> bool {
        match self {
            KindFilter::Kind(k) => e.kind == k,
            KindFilter::Via(v) => e.via() == Some(v),
        }
    }
}

/// `--kind` as typed: every kind the listing prints, or a channel.
fn history_kind(text: &str) -> Result<KindFilter, Failure> {
    if let Ok(kind) = text.parse() {
        return Ok(KindFilter::Kind(kind));
    }
    channel(text).map(KindFilter::Via).map_err(|_| {
        Failure::new(format!(
            "kind: unknown kind {:?}; use share, touch, ask, intro or moment, or a channel: {}",
            clean(text.trim()),
            CHANNELS.join(", ")
        ))
    })
}

/// Runs `history`.
pub fn history(ctx: &Ctx, args: HistoryArgs) -> CliResult {
    let net = match args.all {
        // The whole log: void records and what they take back too.
        true => {
            let mut net = ctx.store.load_tables()?;
            net.history = ctx.store.load_log()?.into();
            net
        }
        false => ctx.store.load()?,
    };
    let voided = match args.all {
        true => Voided::of(&net.history),
        false => Voided::default(),
    };
    let contact = match &args.contact {
        Some(q) => Some(net.resolve_contact(q)?),
        None => None,
    };
    let since = match &args.since {
        Some(v) => Some(parse_when(v, *ctx.clock.now().offset())?.date_naive()),
        None => None,
    };
    let kind = args.kind.as_deref().map(history_kind).transpose()?;
    let mut entries: Vec<&Entry> = net
        .history
        .iter()
        .filter(|e| contact.is_none_or(|c| e.involves(c)))
        .filter(|e| since.is_none_or(|s| e.at.date_naive() >= s))
        .filter(|e| kind.is_none_or(|k| k.holds(e)))
        .collect();
    // Newest first; entries logged with --at may arrive out of order.
    if args.all {
        // At one moment too, so an undo's void reads above what it voids.
        entries.reverse();
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    if let Some(limit) = args.limit {
        entries.truncate(limit);
    }
    if args.json.json && args.all {
        let views: Vec<MarkedView> = entries
            .iter()
            .map(|e| MarkedView {
                entry: e,
                voided: voided.voided(e),
            })
            .collect();
        return print_json(&views).map_err(io);
    }
    if args.json.json {
        let views: Vec<EntryView> = entries;
        return print_json(&views).map_err(io);
    }
    if entries.is_empty() {
        let filters = super::view::filters(&[
            ("--contact", args.contact.clone()),
            ("--since", args.since.clone()),
            ("--kind", args.kind.clone()),
            ("--limit", args.limit.map(|n| n.to_string())),
        ]);
        if net.history.is_empty() {
            say!(
                "No history yet. Log a touch: netwerk log CONTACT --via coffee --note \"at the conference\""
            )?;
        } else {
            say!(
                "No history matches {filters} (of {} in all).",
                count(net.history.len(), "entry", "entries")
            )?;
        }
        return Ok(());
    }
    print_marked(&entries, &voided).map_err(io)
}
