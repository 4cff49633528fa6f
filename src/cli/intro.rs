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
use crate::domain::intro::pairs::{self, Pair};
use crate::domain::intro::{self, Intro};
use crate::domain::template::{NoteFacts, Purpose, Templates};
use crate::domain::{Contact, Entry, Insight, Network, Person, Stage, validate};
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

/// The note to one of them, asking whether they would like to meet the
/// other, who shares `interest` with them.
fn ask_note(
    ctx: &Ctx,
    t: &Templates,
    to: &Contact,
    other: &Contact,
    interest: Option<&str>,
) -> String {
    let facts = NoteFacts::intro(to, other, interest, ctx.config.signature.as_deref());
    t.for_purpose(Purpose::IntroAsk).render(&facts)
}

/// The notes to both, one after the other, each headed by whom it is for.
fn both(a: &Contact, note_a: &str, b: &Contact, note_b: &str) -> String {
    format!("To {}:\n{note_a}\n\nTo {}:\n{note_b}", a.name, b.name)
}

/// `intro A B`: ask both, copy or print the notes, record `asked`.
pub fn introduce(ctx: &Ctx, args: &IntroArgs, copier: &mut dyn Copier) -> CliResult {
    let (Some(qa), Some(qb)) = (&args.a, &args.b) else {
        return Err(Failure::usage(
            "name the two people to introduce: netwerk intro A B",
        ));
    };
    let mut loaded = ctx.store.load_fast()?;
    let net = &loaded.network;
    let a = net.resolve_contact(qa)?;
    let b = net.resolve_contact(qb)?;
    if a.id == b.id {
        return Err(Failure::new(format!(
            "{} and {} are one contact; introduce two different people",
            clean(qa),
            clean(qb)
        )));
    }
    let before = intro::all(&net.history)
        .into_iter()
        .rfind(|i| i.joins(a.id.as_str(), b.id.as_str()));
    if let Some(i) = &before
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
    let pair = pair_of(ctx, net, a, b);
    let interest = pair.shared.first().map(String::as_str);
    let t = templates(ctx)?;
    let text = both(
        a,
        &ask_note(ctx, &t, a, b, interest),
        b,
        &ask_note(ctx, &t, b, a, interest),
    );
    let (a_name, b_name) = (clean(&a.name), clean(&b.name));
    if args.dry_run {
        print_note(&text)?;
        note!("(dry run: nothing copied or recorded)");
        return Ok(());
    }
    let how = deliver(&text, args.print, copier)?;
    let entry = Entry::intro(
        Person::from(a),
        Person::from(b),
        Stage::Asked,
        None,
        ctx.clock.now(),
        &text,
    );
    ctx.store
        .log_at(&mut loaded, std::slice::from_ref(&entry))
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

/// The pair as scored for suggestions: their shared interests, rarest
/// first, and complementary roles.
fn pair_of(ctx: &Ctx, net: &Network, a: &Contact, b: &Contact) -> Pair {
    let insight = Insight::new(net, &ctx.config.cadence, ctx.clock.now());
    let at = |c: &Contact| net.contacts.iter().position(|x| x.id == c.id).unwrap_or(0);
    pairs::between(net, &insight, at(a), at(b))
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
    let mut loaded = ctx.store.load_fast()?;
    let net = &loaded.network;
    let intro = intro::find(&net.history, id).map_err(|e| Failure::new(clean(&e)))?;
    intro::advance(intro.stage, to).map_err(|why| {
        Failure::new(format!(
            "introduction {} of {} and {} cannot be marked {to}: {why}",
            intro.id,
            clean(&intro.a.1),
            clean(&intro.b.1)
        ))
    })?;
    let person = |(id, name): &(String, String)| -> Result<&Contact, Failure> {
        net.contacts
            .iter()
            .find(|c| c.answers_to(id))
            .ok_or_else(|| {
                Failure::new(format!("{} is no longer among your contacts", clean(name)))
            })
    };
    let (a, b) = (person(&intro.a)?, person(&intro.b)?);
    let written = match text {
        Some(t) => validate::long_text("note", t)?,
        None => None,
    };
    let (note, how) = match to {
        Stage::Accepted => {
            let note = match written {
                Some(n) => n,
                None => {
                    let pair = pair_of(ctx, net, a, b);
                    let facts = NoteFacts::intro(
                        a,
                        b,
                        pair.shared.first().map(String::as_str),
                        ctx.config.signature.as_deref(),
                    );
                    templates(ctx)?
                        .for_purpose(Purpose::IntroBridge)
                        .render(&facts)
                }
            };
            let how = deliver(&note, print, copier)?;
            (note, Some(how))
        }
        _ => (written.unwrap_or_default(), None),
    };
    let entry = Entry::intro(
        Person::from(a),
        Person::from(b),
        to,
        Some(&intro.id),
        ctx.clock.now(),
        &note,
    );
    let (a_name, b_name) = (clean(&a.name), clean(&b.name));
    ctx.store
        .log_at(&mut loaded, std::slice::from_ref(&entry))?;
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
