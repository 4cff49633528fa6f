//! `netwerk due`, `netwerk suggest` and `netwerk stats`: the relationship
//! intelligence of the core, printed for people and, with `--json`, for
//! scripts. Field names are documented in the README and stay stable.

use super::args::{DueArgs, SuggestArgs};
use super::context::Ctx;
use super::failure::{CliResult, io};
use super::out::{clean, say};
use super::view::{print_json, print_table};
use crate::domain::moment::{self, JobChange};
use crate::domain::{Contact, ContactState, Due, Entry, Insight, Network, Stats, sparkline};
use crate::text::count;
use serde::Serialize;

/// How many entries each dashboard list shows.
const TOP: usize = 5;

/// A due contact as `due --json` shows it.
#[derive(Debug, Serialize)]
struct DueView<'a> {
    id: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    degree: u8,
    cadence_days: u32,
    last_touch: Option<String>,
    days_since: i64,
    overdue_days: i64,
    ratio: f64,
}

impl<'a> DueView<'a> {
    fn new(c: &'a Contact, at: usize, due: &Due, insight: &Insight) -> Self {
        Self {
            id: c.id.as_str(),
            name: &c.name,
            company: c.company.as_deref(),
            degree: c.degree,
            cadence_days: due.cadence,
            last_touch: insight
                .summary(at)
                .and_then(|s| s.last_touch)
                .map(|t| t.to_rfc3339()),
            days_since: due.days_since,
            overdue_days: due.overdue_days(),
            // Two decimals are plenty to sort by eye and keep output stable.
            ratio: (due.ratio * 100.0).round() / 100.0,
        }
    }
}

/// A pair as `suggest --json` shows it.
#[derive(Debug, Serialize)]
struct SuggestionView<'a> {
    contact_id: &'a str,
    contact_name: &'a str,
    item_id: &'a str,
    item_title: &'a str,
    url: &'a str,
    kind: &'a str,
    reason: String,
    matched: &'a [String],
    fresh: &'a [String],
    strength: u32,
    due: bool,
    days_since: i64,
    overdue_days: i64,
}

/// A moment as `suggest --json` offers it: a congratulation to send.
#[derive(Debug, Serialize)]
struct MomentSuggestion<'a> {
    contact_id: &'a str,
    contact_name: &'a str,
    moment_id: &'a str,
    reason: String,
    company_was: Option<&'a str>,
    company: Option<&'a str>,
    role_was: Option<&'a str>,
    role: Option<&'a str>,
    due: bool,
    days_since: Option<i64>,
    overdue_days: Option<i64>,
}

/// One line of `suggest --json`: a congratulation, or an item to send.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum SuggestLine<'a> {
    Moment(MomentSuggestion<'a>),
    Pair(SuggestionView<'a>),
}

/// The open moments, newest first, as "Ada Lovelace moved to Babbage
/// Labs as CTO — congratulate? netwerk moment congrats ID" lines, with
/// their entries.
fn moments(net: &Network) -> Vec<(&Entry, String)> {
    moment::open(&net.history)
        .into_iter()
        .filter_map(|i| {
            let e = &net.history[i];
            super::moment::offer(e).map(|line| (e, line))
        })
        .collect()
}

/// Prints the moments under a heading, if there are any.
fn print_moments(moments: &[(&Entry, String)]) -> CliResult {
    if moments.is_empty() {
        return Ok(());
    }
    let mut text = String::from("Moments:");
    for (_, line) in moments {
        text.push_str(&format!("\n  {line}"));
    }
    say!("{text}")
}

/// Loads the whole network and derives its insight as of the command's now.
fn load(ctx: &Ctx) -> Result<(Network, Insight), super::failure::Failure> {
    let net = ctx.store.load()?;
    let insight = Insight::new(&net, &ctx.config.cadence, ctx.clock.now());
    Ok((net, insight))
}

/// "today", "15d" past the cadence, or "in 5d" before it.
fn overdue_text(due: &Due) -> String {
    match due.overdue_days() {
        0 => "today".into(),
        d if d > 0 => format!("+{d}d"),
        d => format!("in {}d", -d),
    }
}

fn last_touch_text(due: &Due) -> String {
    if due.touched {
        crate::domain::ago(due.days_since)
    } else {
        "never".into()
    }
}

/// Runs `due`.
pub fn due(ctx: &Ctx, args: DueArgs) -> CliResult {
    let (net, insight) = load(ctx)?;
    let mut due = insight.due_contacts(&net);
    if args.count {
        return say!("{}", due.len());
    }
    let total = due.len();
    if let Some(limit) = args.limit {
        due.truncate(limit);
    }
    let rows: Vec<(usize, &Contact, &Due)> = due
        .iter()
        .filter_map(|&i| Some((i, net.contacts.get(i)?, insight.due(i)?)))
        .collect();
    if args.json.json {
        let views: Vec<DueView> = rows
            .iter()
            .map(|&(i, c, d)| DueView::new(c, i, d, &insight))
            .collect();
        return print_json(&views).map_err(io);
    }
    if rows.is_empty() {
        print_moments(&moments(&net))?;
        let active = net
            .contacts
            .iter()
            .filter(|c| c.state == ContactState::Active)
            .count();
        if total > 0 {
            say!("--limit 0 shows nobody; {} due.", count(total, "is", "are"))?;
        } else if net.contacts.is_empty() {
            say!("No contacts yet. Add one: netwerk contact add \"Ada Lovelace\" --interest rust")?;
        } else if active == 0 {
            say!(
                "Nobody is due: none of your {} is active yet (only active contacts fall due). \
                 Review them: netwerk contact list --state untriaged",
                count(net.contacts.len(), "contact", "contacts")
            )?;
        } else {
            say!(
                "Nobody is due: {} touched within their cadence. See what to send next: netwerk suggest",
                if active == 1 {
                    "your 1 active contact was".to_string()
                } else {
                    format!("all {active} active contacts were")
                }
            )?;
        }
        return Ok(());
    }
    let mut table = vec![vec![
        "ID".into(),
        "NAME".into(),
        "COMPANY".into(),
        "LAST TOUCH".into(),
        "EVERY".into(),
        "DUE".into(),
    ]];
    for (_, c, d) in &rows {
        table.push(vec![
            c.id.to_string(),
            clean(&c.name),
            clean(c.company.as_deref().unwrap_or("")),
            last_touch_text(d),
            format!("{}d", d.cadence),
            overdue_text(d),
        ]);
    }
    print_table(&table).map_err(io)?;
    if total > rows.len() {
        say!("… and {} more due", total - rows.len())?;
    }
    let moments = moments(&net);
    if !moments.is_empty() {
        say!("")?;
    }
    print_moments(&moments)
}

/// Runs `suggest`.
pub fn suggest(ctx: &Ctx, args: SuggestArgs) -> CliResult {
    let (net, insight) = load(ctx)?;
    let mut moments = moments(&net);
    moments.truncate(args.limit);
    let pairs = insight.suggest(&net, args.limit - moments.len());
    let rows: Vec<_> = pairs
        .iter()
        .filter_map(|s| {
            Some((
                s,
                net.contacts.get(s.contact)?,
                net.items.get(s.item)?,
                insight.due(s.contact)?,
            ))
        })
        .collect();
    if args.json.json {
        let position = |id: &str| net.contacts.iter().position(|c| c.answers_to(id));
        let congrats = moments.iter().filter_map(|(e, _)| {
            let change = JobChange::of(e)?;
            let due = position(e.contact()).and_then(|i| insight.due(i));
            Some(SuggestLine::Moment(MomentSuggestion {
                contact_id: e.contact(),
                contact_name: e.contact_name(),
                moment_id: e.id(),
                reason: format!("{} — congratulate?", change.describe()),
                company_was: change.company_was,
                company: change.company,
                role_was: change.role_was,
                role: change.role,
                due: due.is_some_and(Due::is_due),
                days_since: due.map(|d| d.days_since),
                overdue_days: due.map(Due::overdue_days),
            }))
        });
        let views: Vec<SuggestLine> = congrats
            .collect::<Vec<_>>()
            .into_iter()
            .chain(rows.iter().map(|(s, c, it, d)| {
                SuggestLine::Pair(SuggestionView {
                    contact_id: c.id.as_str(),
                    contact_name: &c.name,
                    item_id: it.id.as_str(),
                    item_title: &it.title,
                    url: &it.url,
                    kind: it.kind.as_str(),
                    reason: s.fit.reason_for(c.first_name()),
                    matched: &s.fit.matched,
                    fresh: &s.fit.fresh,
                    strength: s.fit.strength,
                    due: d.is_due(),
                    days_since: d.days_since,
                    overdue_days: d.overdue_days(),
                })
            }))
            .collect();
        return print_json(&views).map_err(io);
    }
    print_moments(&moments)?;
    if rows.is_empty() && !moments.is_empty() {
        return Ok(());
    }
    if !moments.is_empty() {
        say!("")?;
    }
    if rows.is_empty() && args.limit == 0 {
        say!("--limit 0 shows no suggestions.")?;
        return Ok(());
    }
    if rows.is_empty() && !net.items.iter().any(|i| !i.archived) {
        say!(
            "Nothing to suggest: the queue has nothing to share. \
             Add a link: netwerk queue add https://example.com/post --topic rust"
        )?;
        return Ok(());
    }
    if rows.is_empty() {
        say!(
            "Nothing to suggest: no queued item meets an active contact's interests. \
             Add topics to items (netwerk queue edit ITEM --topic rust) or interests to \
             contacts (netwerk interest add CONTACT rust)."
        )?;
        return Ok(());
    }
    let mut table = vec![vec![
        "CONTACT".into(),
        "DUE".into(),
        "ITEM".into(),
        "WHY".into(),
    ]];
    for (s, c, it, d) in &rows {
        table.push(vec![
            clean(&c.name),
            overdue_text(d),
            clean(&it.title),
            clean(&s.fit.reason_for(c.first_name())),
        ]);
    }
    print_table(&table).map_err(io)
}

/// `stats --json`: one object with the header's and dashboard's figures.
#[derive(Debug, Serialize)]
struct StatsView<'a> {
    now: String,
    contacts: usize,
    active: usize,
    untriaged: usize,
    dormant: usize,
    due: usize,
    giga_score: Option<u32>,
    giga_touched: usize,
    giga_total: usize,
    weeks: Vec<WeekView>,
    most_given: Vec<Figure<'a>>,
    most_neglected: Vec<Figure<'a>>,
    top_topics: Vec<TopicView<'a>>,
}

#[derive(Debug, Serialize)]
struct WeekView {
    start: String,
    end: String,
    gives: u32,
    asks: u32,
}

#[derive(Debug, Serialize)]
struct Figure<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gives: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_since: Option<i64>,
}

#[derive(Debug, Serialize)]
struct TopicView<'a> {
    label: &'a str,
    shares: u32,
}

/// Runs `stats`.
pub fn stats(ctx: &Ctx, json: bool) -> CliResult {
    let (net, insight) = load(ctx)?;
    let s = Stats::compute(&net, &insight, TOP);
    let figures = |list: &[crate::domain::ContactFigure], gives: bool| -> Vec<Figure> {
        list.iter()
            .filter_map(|f| {
                let c = net.contacts.get(f.contact)?;
                Some(Figure {
                    id: c.id.as_str(),
                    name: &c.name,
                    gives: gives.then_some(f.value),
                    days_since: (!gives).then_some(f.value),
                })
            })
            .collect()
    };
    let view = StatsView {
        now: insight.now.to_rfc3339(),
        contacts: s.contacts,
        active: s.active,
        untriaged: s.untriaged,
        dormant: s.dormant,
        due: s.due,
        giga_score: s.giga.percent(),
        giga_touched: s.giga.touched,
        giga_total: s.giga.total,
        weeks: s
            .weeks
            .iter()
            .map(|w| WeekView {
                start: w.start.to_string(),
                end: w.end.to_string(),
                gives: w.gives,
                asks: w.asks,
            })
            .collect(),
        most_given: figures(&s.most_given, true),
        most_neglected: figures(&s.most_neglected, false),
        top_topics: s
            .top_topics
            .iter()
            .map(|t| TopicView {
                label: &t.label,
                shares: t.shares,
            })
            .collect(),
    };
    if json {
        return super::out::json(&view).map_err(io);
    }
    print_stats(&view, &s).map_err(io)
}

fn print_stats(v: &StatsView, s: &Stats) -> std::io::Result<()> {
    let giga = match v.giga_score {
        Some(pct) => format!(
            "{pct}%  ({} of {} active 1st-degree contacts touched within their cadence)",
            v.giga_touched, v.giga_total
        ),
        None => "–  (no active 1st-degree contacts yet)".into(),
    };
    let per_week = |values: Vec<u32>| {
        let total: u32 = values.iter().sum();
        format!(
            "{}  {total} in {}",
            sparkline(&values),
            count(values.len(), "week", "weeks")
        )
    };
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "–".to_string()
        } else {
            items.join(", ")
        }
    };
    let rows = vec![
        vec!["giga score".into(), giga],
        vec!["due".into(), v.due.to_string()],
        vec!["untriaged".into(), v.untriaged.to_string()],
        vec![
            "contacts".into(),
            format!(
                "{} ({} active, {} untriaged, {} dormant)",
                v.contacts, v.active, v.untriaged, v.dormant
            ),
        ],
        vec!["gives/week".into(), per_week(s.gives_per_week())],
        vec!["asks/week".into(), per_week(s.asks_per_week())],
        vec![
            "most given".into(),
            list(
                v.most_given
                    .iter()
                    .map(|f| format!("{} ({})", clean(f.name), f.gives.unwrap_or(0)))
                    .collect(),
            ),
        ],
        vec![
            "neglected".into(),
            list(
                v.most_neglected
                    .iter()
                    .map(|f| format!("{} ({}d)", clean(f.name), f.days_since.unwrap_or(0)))
                    .collect(),
            ),
        ],
        vec![
            "top topics".into(),
            list(
                v.top_topics
                    .iter()
                    .map(|t| format!("{} ({})", clean(t.label), t.shares))
                    .collect(),
            ),
        ],
    ];
    print_table(&rows)
}
