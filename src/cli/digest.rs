//! `netwerk digest`: the week on one page, as text (a terminal, a mail, a
//! motd), markdown or JSON. What goes in it is `domain::weekly`; this
//! file only words it.

use super::args::{DigestArgs, DigestFormat};
use super::ask::AskView;
use super::context::Ctx;
use super::failure::{CliResult, io};
use super::moment::MomentView;
use super::out::{clean, say_text};
use crate::domain::inbox::{self, reason_line};
use crate::domain::intro::Intro;
use crate::domain::weekly::Weekly;
use crate::domain::{Contact, Entry, EntryKind, Insight, Network};
use serde::Serialize;

/// Runs `digest`.
pub fn run(ctx: &Ctx, args: DigestArgs) -> CliResult {
    let net = ctx.store.load()?;
    let entries = ctx.store.load_inbox()?;
    let insight = Insight::new(&net, &ctx.config.cadence, ctx.clock.now());
    let week = Weekly::new(&net, &insight, &entries, args.days, args.limit);
    let view = View::new(&net, &insight, &entries, &week, args.days);
    let format = if args.json {
        DigestFormat::Json
    } else {
        args.format
    };
    match format {
        DigestFormat::Json => super::out::json(&view).map_err(io),
        DigestFormat::Text => say_text(&text(&view, false)),
        DigestFormat::Markdown => say_text(&text(&view, true)),
    }
}

/// A contact as the digest names them.
#[derive(Debug, Serialize)]
struct PersonView<'a> {
    id: &'a str,
    name: &'a str,
}

impl<'a> From<&'a Contact> for PersonView<'a> {
    fn from(c: &'a Contact) -> Self {
        PersonView {
            id: c.id.as_str(),
            name: &c.name,
        }
    }
}

/// A due contact and the best item for them.
#[derive(Debug, Serialize)]
struct DueView<'a> {
    id: &'a str,
    name: &'a str,
    days_since: i64,
    overdue_days: i64,
    item: Option<ItemView<'a>>,
}

#[derive(Debug, Serialize)]
struct ItemView<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    reason: String,
}

#[derive(Debug, Serialize)]
struct InboxView<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    suits: Vec<PersonView<'a>>,
    reason: String,
}

#[derive(Debug, Serialize)]
struct IntroView<'a> {
    id: &'a str,
    stage: crate::domain::Stage,
    a: PersonView<'a>,
    b: PersonView<'a>,
    asked: String,
    updated: String,
}

#[derive(Debug, Serialize)]
struct GiveView<'a> {
    at: String,
    kind: EntryKind,
    people: Vec<PersonView<'a>>,
    what: String,
}

/// `digest --json`: every section, each a list (empty when nothing is
/// in it).
#[derive(Debug, Serialize)]
struct View<'a> {
    now: String,
    since: String,
    days: u32,
    due_total: usize,
    due: Vec<DueView<'a>>,
    inbox: Vec<InboxView<'a>>,
    moments: Vec<MomentView<'a>>,
    open_asks: Vec<AskView<'a>>,
    intros: Vec<IntroView<'a>>,
    gives: Vec<GiveView<'a>>,
}

impl<'a> View<'a> {
    fn new(
        net: &'a Network,
        insight: &'a Insight,
        entries: &'a [inbox::Entry],
        week: &'a Weekly,
        days: u32,
    ) -> Self {
        let history = &net.history;
        let due = week
            .due
            .iter()
            .filter_map(|line| {
                let c = net.contacts.get(line.contact)?;
                let due = insight.due(line.contact)?;
                Some(DueView {
                    id: c.id.as_str(),
                    name: &c.name,
                    days_since: due.days_since,
                    overdue_days: due.overdue_days(),
                    item: line.best.as_ref().and_then(|s| {
                        let it = net.items.get(s.item)?;
                        Some(ItemView {
                            id: it.id.as_str(),
                            title: &it.title,
                            url: &it.url,
                            reason: s.fit.reason_for(c.first_name()),
                        })
                    }),
                })
            })
            .collect();
        let inbox = week
            .inbox
            .iter()
            .map(|(i, suits)| {
                let e = &entries[*i];
                InboxView {
                    id: &e.id,
                    title: &e.title,
                    url: &e.url,
                    suits: suits
                        .best
                        .iter()
                        .map(|(c, _)| PersonView::from(&net.contacts[*c]))
                        .collect(),
                    reason: reason_line(net, suits),
                }
            })
            .collect();
        let person = |id: &'a str, name: &'a str| PersonView { id, name };
        let intro = |i: &'a Intro| IntroView {
            id: &i.id,
            stage: i.stage,
            a: person(&i.a.0, &i.a.1),
            b: person(&i.b.0, &i.b.1),
            asked: i.asked.to_rfc3339(),
            updated: i.updated.to_rfc3339(),
        };
        View {
            now: insight.now.to_rfc3339(),
            since: week.since.to_rfc3339(),
            days,
            due_total: week.due_total,
            due,
            inbox,
            moments: week
                .moments
                .iter()
                .filter_map(|&i| MomentView::of(&history[i]))
                .collect(),
            open_asks: week
                .asks
                .iter()
                .map(|&i| AskView::new(&history[i], insight.now))
                .collect(),
            intros: week.intros.iter().map(intro).collect(),
            gives: week.gives.iter().map(|&i| gift(&history[i])).collect(),
        }
    }
}

/// A gift as the digest lists it: when, to whom, what.
fn gift(e: &Entry) -> GiveView<'_> {
    let mut people = vec![PersonView {
        id: e.contact(),
        name: e.contact_name(),
    }];
    if let (EntryKind::Intro, Some(id)) = (e.kind, e.other()) {
        people.push(PersonView {
            id,
            name: e.other_name().unwrap_or_default(),
        });
    }
    let what = match e.kind {
        EntryKind::Intro => "introduced to each other".to_string(),
        _ => e.item_title().unwrap_or_default().to_string(),
    };
    GiveView {
        at: e.at.to_rfc3339(),
        kind: e.kind,
        people,
        what,
    }
}

/// The digest in words: plain text, or markdown with headings and
/// links. Sections with nothing in them are left out.
fn text(v: &View, markdown: bool) -> String {
    let mut out = Vec::new();
    let day = |at: &str| at.get(..10).unwrap_or(at).to_string();
    let title = format!(
        "netwerk digest · {} · the last {} days",
        day(&v.now),
        v.days
    );
    out.push(if markdown {
        format!("# {title}")
    } else {
        title
    });
    let mut section = |head: String, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push(String::new());
        out.push(if markdown { format!("## {head}") } else { head });
        for l in lines {
            out.push(if markdown {
                format!("- {l}")
            } else {
                format!("  {l}")
            });
        }
    };
    let link = |title: &str, url: &str| match markdown {
        true => format!("[{}]({url})", clean(title)),
        false => format!("{} {url}", clean(title)),
    };
    let due: Vec<String> = v
        .due
        .iter()
        .map(|d| {
            let when = match d.overdue_days {
                0 => "due today".to_string(),
                n => format!("{n}d overdue"),
            };
            match &d.item {
                Some(it) => format!(
                    "{} ({when}) → {} — {}",
                    clean(d.name),
                    link(it.title, it.url),
                    clean(&it.reason)
                ),
                None => format!(
                    "{} ({when}) → nothing queued suits them; a word will do",
                    clean(d.name)
                ),
            }
        })
        .collect();
    let shown = v.due.len();
    section(
        match v.due_total > shown {
            true => format!("Due ({shown} of {})", v.due_total),
            false => format!("Due ({shown})"),
        },
        due,
    );
    section(
        format!("New in the inbox ({})", v.inbox.len()),
        v.inbox
            .iter()
            .map(|e| format!("{} → {}", link(e.title, e.url), clean(&e.reason)))
            .collect(),
    );
    section(
        format!("Moments ({})", v.moments.len()),
        v.moments
            .iter()
            .map(|m| {
                format!(
                    "{} — congratulate? netwerk moment congrats {}",
                    clean(&m.text),
                    m.id
                )
            })
            .collect(),
    );
    section(
        format!("Open asks ({})", v.open_asks.len()),
        v.open_asks
            .iter()
            .map(|a| {
                let what = match a.note.is_empty() {
                    true => String::new(),
                    false => format!(": {}", clean(a.note)),
                };
                format!(
                    "{}, {}d ago{what} (netwerk ask done {})",
                    clean(a.name),
                    a.days,
                    a.id
                )
            })
            .collect(),
    );
    section(
        format!("Introductions waiting ({})", v.intros.len()),
        v.intros
            .iter()
            .map(|i| {
                format!(
                    "{} ↔ {}: {} since {} (id {})",
                    clean(i.a.name),
                    clean(i.b.name),
                    i.stage,
                    day(&i.updated),
                    i.id
                )
            })
            .collect(),
    );
    section(
        format!("You gave ({})", v.gives.len()),
        v.gives
            .iter()
            .map(|g| {
                let names: Vec<String> = g.people.iter().map(|p| clean(p.name)).collect();
                format!(
                    "{} {} ← {}",
                    day(&g.at),
                    names.join(" and "),
                    clean(&g.what)
                )
            })
            .collect(),
    );
    if out.len() == 1 {
        out.push(String::new());
        out.push("Nothing needs you this week.".into());
    }
    out.join("\n")
}
