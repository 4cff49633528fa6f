//! `netwerk triage list|keep|dormant`: imported contacts ranked by how
//! worth a look they are, and kept or set aside many at a time — the same
//! ranking and bulk change the full-screen program's `T` uses.

use super::args::{TriageBulk, TriageCmd, TriageFilter};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{print_json, print_table};
use crate::domain::triage::{self, Among, Filter, Ranked};
use crate::domain::when::parse_when;
use crate::domain::{ContactState, Decision, Network};
use serde::Serialize;

/// Runs a `triage` subcommand.
pub fn run(ctx: &Ctx, cmd: TriageCmd) -> CliResult {
    match cmd {
        TriageCmd::List {
            filter,
            limit,
            json,
        } => list(ctx, &filter_of(ctx, filter)?, limit, json.json),
        TriageCmd::Keep {
            bulk,
            interests,
            cadence,
        } => decide(ctx, bulk, Decision::Keep { interests, cadence }),
        TriageCmd::Dormant { bulk } => decide(ctx, bulk, Decision::Dormant),
    }
}

/// The domain filter for the arguments; a date that does not parse is a
/// usage error.
fn filter_of(ctx: &Ctx, args: TriageFilter) -> Result<Filter, Failure> {
    let connected_since = match &args.connected_since {
        Some(v) => Some(
            parse_when(v, *ctx.clock.now().offset())
                .map_err(|e| Failure::usage(format!("--connected-since: {}", e.reason)))?
                .date_naive(),
        ),
        None => None,
    };
    let text = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    Ok(Filter {
        company: text(args.company),
        role: text(args.role),
        connected_since,
        query: text(args.query),
    })
}

/// An untriaged contact as `triage list --json` shows it.
#[derive(Debug, Serialize)]
struct RankedView<'a> {
    id: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    role: Option<&'a str>,
    connected: Option<String>,
    score: u32,
    reasons: Vec<String>,
}

fn untriaged_count(net: &Network) -> usize {
    net.contacts
        .iter()
        .filter(|c| c.state == ContactState::Untriaged)
        .count()
}

fn list(ctx: &Ctx, filter: &Filter, limit: usize, json: bool) -> CliResult {
    let net = ctx.store.load_tables()?;
    let today = ctx.clock.now().date_naive();
    let mut ranked = triage::list(&net, filter, today);
    let matched = ranked.len();
    if limit > 0 {
        ranked.truncate(limit);
    }
    let contact = |r: &Ranked| &net.contacts[r.contact];
    if json {
        let views: Vec<RankedView> = ranked
            .iter()
            .map(|r| {
                let c = contact(r);
                RankedView {
                    id: c.id.as_str(),
                    name: &c.name,
                    company: c.company.as_deref(),
                    role: c.role.as_deref(),
                    connected: c.connected.map(|d| d.to_string()),
                    score: r.score,
                    reasons: r.reasons.iter().map(ToString::to_string).collect(),
                }
            })
            .collect();
        return print_json(&views).map_err(io);
    }
    let total = untriaged_count(&net);
    if matched == 0 {
        return match filter.is_empty() {
            true => say!("Nobody awaits triage."),
            false => say!(
                "No untriaged contact matches {} ({total} await triage).",
                clean(&filter.describe())
            ),
        };
    }
    let mut table = vec![vec![
        "ID".into(),
        "NAME".into(),
        "COMPANY".into(),
        "ROLE".into(),
        "CONNECTED".into(),
        "WHY".into(),
    ]];
    for r in &ranked {
        let c = contact(r);
        table.push(vec![
            c.id.to_string(),
            clean(&c.name),
            clean(c.company.as_deref().unwrap_or("")),
            clean(c.role.as_deref().unwrap_or("")),
            c.connected.map(|d| d.to_string()).unwrap_or_default(),
            clean(&r.why()),
        ]);
    }
    print_table(&table).map_err(io)?;
    let scope = match filter.is_empty() {
        true => format!("{total} await triage"),
        false => format!(
            "{matched} of {total} awaiting triage match {}",
            clean(&filter.describe())
        ),
    };
    match matched > ranked.len() {
        true => say!(
            "{scope}; showing the first {} (--limit 0 shows all).",
            ranked.len()
        ),
        false => say!("{scope}."),
    }
}

/// `triage keep` and `triage dormant`: one save for every match.
fn decide(ctx: &Ctx, bulk: TriageBulk, decision: Decision) -> CliResult {
    let TriageBulk {
        filter,
        all,
        dry_run,
    } = bulk;
    let filter = filter_of(ctx, filter)?;
    if filter.is_empty() && !all {
        return Err(Failure::usage(
            "say which contacts: --company, --role, --connected-since or --query, \
             or --all for every untriaged contact",
        ));
    }
    let among = Among::Matching(&filter);
    let change = |net: &mut Network| -> Result<(usize, usize), Failure> {
        let n = triage::apply_all(net, among, &decision)?;
        Ok((n, untriaged_count(net)))
    };
    let (n, left) = match dry_run {
        // The same change on a copy that is never saved.
        true => change(&mut ctx.store.load_tables()?)?,
        false => {
            let label = |(n, _): &(usize, usize)| crate::ops::label::triaged_all(&decision, *n);
            ctx.store.modify(label, change)?
        }
    };
    let which = match all {
        true => String::new(),
        false => format!(" matching {}", clean(&filter.describe())),
    };
    let noun = if n == 1 { "contact" } else { "contacts" };
    let verb = match (&decision, dry_run) {
        (Decision::Keep { .. }, false) => "Kept",
        (Decision::Keep { .. }, true) => "Would keep",
        (Decision::Dormant, false) => "Set aside",
        (Decision::Dormant, true) => "Would set aside",
    };
    if dry_run {
        return say!("{verb} {n} {noun}{which}; nothing changed (dry run).");
    }
    say!("{verb} {n} {noun}{which}; {left} still await triage.")?;
    if matches!(decision, Decision::Keep { .. }) && n > 0 {
        say!("Who to reach out to now: netwerk due")?;
    }
    Ok(())
}
