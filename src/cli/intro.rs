//! `netwerk intro`: introduce two contacts, double opt-in. `intro A B`
//! drafts a private ask to each and copies (or prints) them like a share,
//! then records the introduction as `asked`; `intro mark` moves it on
//! (accepted drafts the bridge note); `intro list` and `intro suggest`
//! show where introductions stand and which are worth making.

use super::args::{IntroArgs, IntroCmd};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, note, say};
use super::share::{clipboard, deliver, print_note, report};
use super::view::{print_json, print_table};
use crate::clipboard::Copier;
use crate::domain::intro::pairs;
use crate::domain::intro::{self, Intro};
use crate::domain::template::Templates;
use crate::domain::{Contact, Insight, Network, Stage, validate};
use crate::ops;
use crate::ops::intro::Note;
use crate::text::count;
use serde::Serialize;

/// Runs `intro …`.
pub fn run(ctx: &Ctx, args: IntroArgs) -> CliResult {
    match args.cmd {
        Some(IntroCmd::Mark {
            id,
            stage,
            print,
            note,
        }) => mark(
            ctx,
            &id,
            &stage,
            print,
            note.as_deref(),
            &mut clipboard(ctx),
        ),
        Some(IntroCmd::List { all, json }) => list(ctx, all, json.json),
        Some(IntroCmd::Suggest {
            limit,
            for_contact,
            json,
        }) => suggest(ctx, limit, for_contact.as_deref(), json.json),
        None => introduce(ctx, &args, &mut clipboard(ctx)),
    }
}

/// The templates in force (checked when the config loaded).
fn templates(ctx: &Ctx) -> Result<Templates, Failure> {
    Templates::from_config(&ctx.config.templates).map_err(|e| Failure::new(e.to_string()))
}

/// Positions of two contacts resolved in `net`.
fn position(net: &Network, c: &Contact) -> usize {
    net.contacts.iter().position(|x| x.id == c.id).unwrap_or(0)
}

/// `intro A B`: ask both, copy or print the notes, record `asked`.
pub fn introduce(ctx: &Ctx, args: &IntroArgs, copier: &mut dyn Copier) -> CliResult {
    let (Some(qa), Some(qb)) = (&args.a, &args.b) else {
        return Err(Failure::usage(
            "name the two people to introduce: netwerk intro A B",
        ));
    };
    let mut loaded = ctx.store.load_stamped()?;
    let net = &loaded.network;
    let a = net.resolve_contact(qa)?;
    let b = net.resolve_contact(qb)?;
    let now = ctx.clock.now();
    if let Some(i) = ops::intro::between(&net.history, a, b)
        && !args.again
    {
        return Err(Failure::new(format!(
            "{} and {} were already introduced ({} {}, id {}); add --again to ask them again",
            clean(&a.name),
            clean(&b.name),
            i.stage,
            i.updated.format("%Y-%m-%d"),
            i.id
        )));
    }
    let insight = Insight::new(net, &ctx.config.cadence, now);
    let signature = ctx.config.signature.as_deref();
    let (pa, pb) = (position(net, a), position(net, b));
    let text = ops::intro::draft(
        Note::Asks,
        net,
        &insight,
        &templates(ctx)?,
        signature,
        (pa, pb),
    );
    // Checked before anything is copied.
    let entry = ops::intro::asked(a, b, &text, now)?;
    if args.dry_run {
        print_note(&text)?;
        note!("(dry run: nothing copied or recorded)");
        return Ok(());
    }
    let how = deliver(&text, args.print, copier)?;
    let (a_name, b_name) = (clean(&a.name), clean(&b.name));
    let label = ops::label::intro_asked(a, b);
    ctx.store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))
        .map_err(|e| {
            Failure::new(format!(
                "the notes went out but the introduction was not recorded: {e}"
            ))
        })?;
    let what = format!(
        "Introduction {} of {a_name} and {b_name}: asked. When both say yes: netwerk intro mark {} accepted",
        entry.id(),
        entry.id()
    );
    report(how, &format!("{a_name} and {b_name}"), &what, &text)
}

/// `intro mark ID STAGE`.
pub fn mark(
    ctx: &Ctx,
    id: &str,
    stage: &str,
    print: bool,
    text: Option<&str>,
    copier: &mut dyn Copier,
) -> CliResult {
    let to: Stage = stage.parse().map_err(|_| {
        Failure::usage(format!(
            "stage {:?}: use accepted, declined or made",
            clean(stage.trim())
        ))
    })?;
    let mut loaded = ctx.store.load_stamped()?;
    let net = &loaded.network;
    let (intro, pa, pb) = ops::intro::to_move(net, id, to)?;
    let (a, b) = (&net.contacts[pa], &net.contacts[pb]);
    let now = ctx.clock.now();
    let written = match text {
        Some(t) => validate::long_text("note", t)?,
        None => None,
    };
    let (note, how) = match to {
        Stage::Accepted => {
            let note = match written {
                Some(n) => n,
                None => {
                    let insight = Insight::new(net, &ctx.config.cadence, now);
                    let signature = ctx.config.signature.as_deref();
                    ops::intro::draft(
                        Note::Bridge,
                        net,
                        &insight,
                        &templates(ctx)?,
                        signature,
                        (pa, pb),
                    )
                }
            };
            let how = deliver(&note, print, copier)?;
            (note, Some(how))
        }
        _ => (written.unwrap_or_default(), None),
    };
    let entry = ops::intro::moved(&intro, a, b, to, &note, now)?;
    let (a_name, b_name) = (clean(&a.name), clean(&b.name));
    let label = ops::label::intro_moved(to, a, b);
    ctx.store
        .log_at(&mut loaded, &label, std::slice::from_ref(&entry))?;
    let what = match to {
        Stage::Accepted => format!(
            "Introduction {} of {a_name} and {b_name}: accepted. Once the note is sent: netwerk intro mark {} made",
            intro.id, intro.id
        ),
        Stage::Made => format!(
            "Introduction {} of {a_name} and {b_name}: made — a gift to both.",
            intro.id
        ),
        _ => format!("Introduction {} of {a_name} and {b_name}: {to}.", intro.id),
    };
    match how {
        Some(how) => report(how, &format!("{a_name} and {b_name}"), &what, &note),
        None => say!("{what}"),
    }
}

/// A person as the JSON names them.
#[derive(Debug, Serialize)]
struct PersonView<'a> {
    id: &'a str,
    name: &'a str,
}

/// An introduction as `intro list --json` shows it.
#[derive(Debug, Serialize)]
struct IntroView<'a> {
    id: &'a str,
    stage: Stage,
    a: PersonView<'a>,
    b: PersonView<'a>,
    asked: String,
    updated: String,
    stages: Vec<StageView>,
}

#[derive(Debug, Serialize)]
struct StageView {
    stage: Stage,
    at: String,
}

impl<'a> From<&'a Intro> for IntroView<'a> {
    fn from(i: &'a Intro) -> Self {
        IntroView {
            id: &i.id,
            stage: i.stage,
            a: PersonView {
                id: &i.a.0,
                name: &i.a.1,
            },
            b: PersonView {
                id: &i.b.0,
                name: &i.b.1,
            },
            asked: i.asked.to_rfc3339(),
            updated: i.updated.to_rfc3339(),
            stages: i
                .stages
                .iter()
                .map(|(stage, at)| StageView {
                    stage: *stage,
                    at: at.to_rfc3339(),
                })
                .collect(),
        }
    }
}

/// `intro list`.
fn list(ctx: &Ctx, all: bool, json: bool) -> CliResult {
    let history = ctx.store.load_history()?;
    let intros: Vec<Intro> = intro::all(&history)
        .into_iter()
        .filter(|i| all || i.is_open())
        .collect();
    if json {
        let views: Vec<IntroView> = intros.iter().map(IntroView::from).collect();
        return print_json(&views).map_err(io);
    }
    if intros.is_empty() {
        return say!(
            "No introductions {}. Find people worth introducing: netwerk intro suggest",
            if all { "yet" } else { "waiting" }
        );
    }
    let mut rows = vec![vec![
        "ID".into(),
        "STAGE".into(),
        "BETWEEN".into(),
        "ASKED".into(),
        "SINCE".into(),
    ]];
    for i in &intros {
        rows.push(vec![
            i.id.clone(),
            i.stage.to_string(),
            format!("{} ↔ {}", clean(&i.a.1), clean(&i.b.1)),
            i.asked.format("%Y-%m-%d").to_string(),
            i.updated.format("%Y-%m-%d").to_string(),
        ]);
    }
    print_table(&rows).map_err(io)
}

/// A pair as `intro suggest --json` shows it.
#[derive(Debug, Serialize)]
struct PairView<'a> {
    a: PersonView<'a>,
    b: PersonView<'a>,
    score: f64,
    shared: &'a [String],
    roles: Option<[&'static str; 2]>,
    reason: String,
}

/// `intro suggest`.
fn suggest(ctx: &Ctx, limit: usize, for_contact: Option<&str>, json: bool) -> CliResult {
    let net = ctx.store.load()?;
    let insight = Insight::new(&net, &ctx.config.cadence, ctx.clock.now());
    let found = match for_contact {
        Some(q) => {
            let c = net.resolve_contact(q)?;
            let at = net
                .contacts
                .iter()
                .position(|x| x.id == c.id)
                .ok_or_else(|| Failure::new("contact vanished"))?;
            let mut partners = pairs::partners(&net, &insight, at);
            partners.truncate(limit);
            partners
        }
        None => pairs::suggest(&net, &insight, limit),
    };
    let person = |i: usize| PersonView {
        id: net.contacts[i].id.as_str(),
        name: &net.contacts[i].name,
    };
    if json {
        let views: Vec<PairView> = found
            .iter()
            .map(|p| PairView {
                a: person(p.a),
                b: person(p.b),
                // Two decimals: enough to compare, stable to print.
                score: (p.score * 100.0).round() / 100.0,
                shared: &p.shared,
                roles: p.roles.map(|(x, y)| [x.noun(), y.noun()]),
                reason: p.reason(),
            })
            .collect();
        return print_json(&views).map_err(io);
    }
    if found.is_empty() {
        return say!(
            "No introductions to suggest: no two active contacts share an interest \
             (and are not colleagues or introduced already)."
        );
    }
    let mut rows = vec![vec!["INTRODUCE".into(), "TO".into(), "WHY".into()]];
    for p in &found {
        rows.push(vec![
            clean(&net.contacts[p.a].name),
            clean(&net.contacts[p.b].name),
            clean(&p.reason()),
        ]);
    }
    print_table(&rows).map_err(io)?;
    say!(
        "{}; draft the asks: netwerk intro A B",
        count(found.len(), "pair", "pairs")
    )
}
