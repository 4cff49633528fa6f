//! `netwerk contact …` and `netwerk interest …`.

use super::args::{ContactAdd, ContactCmd, ContactEdit, InterestCmd};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{ContactView, InterestView, print_json, print_table};
use crate::domain::{Contact, ContactPatch, ContactState, Due, Link, Network};
use crate::ops::{self, ContactChange, Interests};
use crate::text::count;

/// Runs `contact …`.
pub fn run(ctx: &Ctx, cmd: ContactCmd) -> CliResult {
    match cmd {
        ContactCmd::Add(args) => add(ctx, args),
        ContactCmd::List {
            interest,
            state,
            json,
        } => {
            let state = state.as_deref().map(parse_state).transpose()?;
            list(ctx, interest.as_deref(), state, json.json)
        }
        ContactCmd::Show { contact, json } => show(ctx, &contact, json.json),
        ContactCmd::Edit(args) => edit(ctx, args),
        ContactCmd::Merge {
            survivor,
            other,
            dry_run,
        } => merge(ctx, &survivor, &other, dry_run),
        ContactCmd::Rm { contact } => {
            let gone = ctx
                .store
                .modify(ops::label::contact_deleted, |net: &mut Network| {
                    let id = net.resolve_contact(&contact)?.id.clone();
                    Ok::<_, Failure>(ops::contact::remove(net, &id)?)
                })?;
            say!("Removed {} (their history stays).", clean(&gone.name))?;
            Ok(())
        }
    }
}

/// A triage state as the command line writes it.
fn state_name(s: ContactState) -> &'static str {
    match s {
        ContactState::Active => "active",
        ContactState::Untriaged => "untriaged",
        ContactState::Dormant => "dormant",
    }
}

/// A triage state as typed on the command line.
fn parse_state(s: &str) -> Result<ContactState, Failure> {
    match s.trim().to_ascii_lowercase().as_str() {
        "active" => Ok(ContactState::Active),
        "untriaged" => Ok(ContactState::Untriaged),
        "dormant" => Ok(ContactState::Dormant),
        other => Err(Failure::new(format!(
            "state: unknown state {other:?}; use active, untriaged or dormant"
        ))),
    }
}

fn parse_links(specs: &[String]) -> Result<Vec<Link>, Failure> {
    specs
        .iter()
        .map(|s| Link::parse(s).map_err(Failure::from))
        .collect()
}

/// Runs `contact merge`.
fn merge(ctx: &Ctx, survivor: &str, other: &str, dry_run: bool) -> CliResult {
    let fold = |net: &mut Network| {
        let keep = net.resolve_contact(survivor)?.id.clone();
        let gone = net.resolve_contact(other)?.id.clone();
        net.merge_contacts(&keep, &gone)
            .map_err(|e| Failure::new(clean(&e.to_string())))
    };
    let merged = if dry_run {
        fold(&mut ctx.store.load_tables()?)?
    } else {
        ctx.store.modify(ops::label::merged, fold)?
    };
    let history = ctx.store.load_history()?;
    let theirs = history
        .iter()
        .filter(|e| merged.absorbed.answers_to(e.contact()))
        .count();
    let mut out = super::out::stdout();
    out.line(&format!(
        "{} {} ({}) into {} ({}){}",
        if dry_run { "Would merge" } else { "Merged" },
        clean(&merged.absorbed.name),
        merged.absorbed.id,
        clean(&merged.survivor.name),
        merged.survivor.id,
        if merged.changes.is_empty() && theirs == 0 {
            "; nothing new to take."
        } else {
            ":"
        }
    ))
    .map_err(io)?;
    for change in &merged.changes {
        out.line(&format!("  {}", clean(change))).map_err(io)?;
    }
    if theirs > 0 {
        out.line(&format!(
            "  history: {} now {} for {}",
            count(theirs, "entry", "entries"),
            if theirs == 1 { "counts" } else { "count" },
            clean(&merged.survivor.name)
        ))
        .map_err(io)?;
    }
    if dry_run {
        out.line("Dry run: nothing was written.").map_err(io)?;
    }
    out.finish().map_err(io)
}

fn add(ctx: &Ctx, args: ContactAdd) -> CliResult {
    let change = ContactChange {
        patch: ContactPatch {
            company: args.company,
            role: args.role,
            email: args.email,
            degree: args.degree,
            cadence_days: args.cadence.map(Some),
            notes: args.note,
            met: args.met,
            links: Some(parse_links(&args.links)?),
            ..Default::default()
        },
        interests: Interests::Add(args.interests),
        force: args.force,
        ..Default::default()
    };
    let today = ctx.clock.today();
    let contact = ctx
        .store
        .modify(ops::label::contact_added, |net: &mut Network| {
            ops::contact::add(net, &args.name, &change, today).map_err(Failure::from)
        })?;
    say!("Added {} ({}).", clean(&contact.name), contact.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, args: ContactEdit) -> CliResult {
    let new_links = parse_links(&args.links)?;
    let state = args.state.as_deref().map(parse_state).transpose()?;
    let asks_nothing = edit_asks_nothing(&args);
    let mut change = ContactChange {
        patch: ContactPatch {
            name: args.name,
            company: args.company,
            role: args.role,
            email: args.email,
            degree: args.degree,
            cadence_days: args.cadence.map(|d| (d > 0).then_some(d)),
            notes: args.note,
            met: args.met,
            links: None,
        },
        given_name: args.given_name,
        family_name: args.family_name,
        state,
        force: args.force,
        ..Default::default()
    };
    let label = |e: &ops::contact::Edited| ops::label::contact_edited(&e.contact);
    let edited = ctx.store.modify(label, |net: &mut Network| {
        let contact = net.resolve_contact(&args.contact)?;
        if args.clear_links || !new_links.is_empty() {
            let kept = if args.clear_links {
                &[][..]
            } else {
                &contact.links[..]
            };
            change.patch.links = Some(kept.iter().chain(&new_links).cloned().collect());
        }
        let id = contact.id.clone();
        Ok::<_, Failure>(ops::contact::edit(net, &id, &change)?)
    })?;
    let (name, changed) = (edited.contact.name, edited.changed);
    if changed {
        say!("Updated {}.", clean(&name))?;
    } else {
        // Exit 0: what was asked for already holds, as with `chmod` to
        // the mode a file has; nothing was written.
        say!(
            "Nothing to change: {} already reads so.{}",
            clean(&name),
            if asks_nothing {
                " Give a field to change, e.g. --company \"Analytical Engines\"."
            } else {
                ""
            }
        )?;
    }
    Ok(())
}

/// Whether `contact edit` was given no field to change at all.
fn edit_asks_nothing(a: &ContactEdit) -> bool {
    [
        &a.name, &a.company, &a.role, &a.email, &a.note, &a.met, &a.state,
    ]
    .iter()
    .all(|f| f.is_none())
        && a.degree.is_none()
        && a.cadence.is_none()
        && a.links.is_empty()
        && !a.clear_links
}

fn list(ctx: &Ctx, interest: Option<&str>, state: Option<ContactState>, json: bool) -> CliResult {
    let net = ctx.store.load()?;
    let summaries = net.summaries();
    let now = ctx.clock.now();
    let mut contacts: Vec<(usize, &Contact)> = net
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| interest.is_none_or(|i| c.has_interest(i)))
        .filter(|(_, c)| state.is_none_or(|s| c.state == s))
        .collect();
    contacts.sort_by(|(_, a), (_, b)| {
        crate::domain::fold::fold(&a.name)
            .cmp(&crate::domain::fold::fold(&b.name))
            .then(a.id.cmp(&b.id))
    });
    if json {
        let views: Vec<ContactView> = contacts
            .iter()
            .map(|&(i, c)| ContactView::new(c, summaries.get(i), &ctx.config.cadence))
            .collect();
        return print_json(&views).map_err(io);
    }
    if contacts.is_empty() {
        let filters = super::view::filters(&[
            ("--interest", interest.map(str::to_string)),
            ("--state", state.map(|s| state_name(s).to_string())),
        ]);
        if net.contacts.is_empty() {
            say!("No contacts yet. Add one: netwerk contact add \"Ada Lovelace\" --interest rust")?;
        } else {
            say!(
                "No contacts match {filters} (of {} in all); netwerk contact list shows everyone.",
                count(net.contacts.len(), "contact", "contacts")
            )?;
        }
        return Ok(());
    }
    let mut rows = vec![vec![
        "ID".into(),
        "NAME".into(),
        "COMPANY".into(),
        "STATE".into(),
        "LAST TOUCH".into(),
        "INTERESTS".into(),
    ]];
    for (i, c) in contacts {
        let due = Due::of(c, summaries.get(i), &ctx.config.cadence, now);
        let last = if due.touched {
            crate::domain::ago(due.days_since)
        } else {
            "never".into()
        };
        rows.push(vec![
            c.id.to_string(),
            clean(&c.name),
            clean(c.company.as_deref().unwrap_or("")),
            c.state.as_str().into(),
            last,
            clean(&c.interests.join(", ")),
        ]);
    }
    print_table(&rows).map_err(io)
}

/// "dormant (set aside, never due)", "active, overdue by 3 days": where a
/// contact stands, for `contact show`.
fn state_line(state: ContactState, due: &Due) -> String {
    let days = |n: i64| match n {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    match state {
        ContactState::Untriaged => "untriaged (imported, not reviewed yet)".into(),
        ContactState::Dormant => "dormant (set aside, never due)".into(),
        ContactState::Active => match due.overdue_days() {
            0 => "active, due today".into(),
            d if d > 0 => format!("active, overdue by {}", days(d)),
            d => format!("active, due in {}", days(-d)),
        },
    }
}

fn show(ctx: &Ctx, query: &str, json: bool) -> CliResult {
    let net = ctx.store.load()?;
    let c = net.resolve_contact(query)?;
    let summaries = net.summaries();
    let summary = net
        .contacts
        .iter()
        .position(|x| x.id == c.id)
        .and_then(|i| summaries.get(i));
    if json {
        return print_json(&[ContactView::new(c, summary, &ctx.config.cadence)]).map_err(io);
    }
    let due = Due::of(c, summary, &ctx.config.cadence, ctx.clock.now());
    let mut rows: Vec<Vec<String>> = vec![
        vec!["name".into(), clean(&c.name)],
        vec!["id".into(), c.id.to_string()],
    ];
    let mut field = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            rows.push(vec![k.to_string(), clean(v)]);
        }
    };
    field("company", c.company.as_deref());
    field("role", c.role.as_deref());
    field("email", c.email.as_deref());
    field("met", c.met.as_deref());
    let interests = c.interests.join(", ");
    field(
        "interests",
        (!interests.is_empty()).then_some(interests.as_str()),
    );
    // The records merged into this one, whose history counts here.
    let merged = c
        .merged
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    field("merged", (!merged.is_empty()).then_some(merged.as_str()));
    rows.push(vec!["state".into(), state_line(c.state, &due)]);
    rows.push(vec!["degree".into(), c.degree.to_string()]);
    rows.push(vec![
        "cadence".into(),
        format!(
            "every {}; last touch {}",
            count(due.cadence as usize, "day", "days"),
            if due.touched {
                crate::domain::ago(due.days_since)
            } else {
                "never".into()
            }
        ),
    ]);
    let s = summary.copied().unwrap_or_default();
    rows.push(vec![
        "gives : asks".into(),
        match s.answered {
            0 => format!("{} : {}", s.gives, s.asks),
            n => format!("{} : {} ({n} answered)", s.gives, s.asks),
        },
    ]);
    for l in &c.links {
        rows.push(vec![l.kind.to_string(), clean(&l.url)]);
    }
    if let Some(notes) = &c.notes {
        rows.push(vec!["notes".into(), clean(notes)]);
    }
    print_table(&rows).map_err(io)?;
    let entries: Vec<_> = net
        .history
        .iter()
        .rev()
        .filter(|e| e.involves(c))
        .take(10)
        .collect();
    if !entries.is_empty() {
        say!("")?;
        super::history::print_entries(&entries).map_err(io)?;
    }
    Ok(())
}

/// Runs `interest …`.
pub fn run_interest(ctx: &Ctx, cmd: InterestCmd) -> CliResult {
    match cmd {
        InterestCmd::Add { contact, interests } => {
            let label =
                |(them, added): &(Contact, Vec<String>)| ops::label::interests_added(them, added);
            let (them, added) = ctx.store.modify(label, |net: &mut Network| {
                let id = net.resolve_contact(&contact)?.id.clone();
                Ok::<_, Failure>(ops::contact::add_interests(net, &id, &interests)?)
            })?;
            if added.is_empty() {
                say!(
                    "{} already has {}.",
                    clean(&them.name),
                    clean(&interests.join(", "))
                )?;
            } else {
                say!("{}: added {}.", clean(&them.name), clean(&added.join(", ")))?;
            }
            Ok(())
        }
        InterestCmd::Rm { contact, interests } => {
            let label = |them: &Contact| ops::label::interests_removed(them, &interests);
            let them = ctx.store.modify(label, |net: &mut Network| {
                let id = net.resolve_contact(&contact)?.id.clone();
                Ok::<_, Failure>(ops::contact::remove_interests(net, &id, &interests)?)
            })?;
            say!(
                "{}: removed {}.",
                clean(&them.name),
                clean(&interests.join(", "))
            )?;
            Ok(())
        }
        InterestCmd::List { json } => {
            let net = ctx.store.load_tables()?;
            let counts = net.interest_counts();
            if json.json {
                let views: Vec<InterestView> = counts.iter().map(InterestView::from).collect();
                return print_json(&views).map_err(io);
            }
            if counts.is_empty() {
                say!("No interests yet. Add one: netwerk interest add CONTACT rust")?;
                return Ok(());
            }
            let mut rows = vec![vec!["INTEREST".into(), "CONTACTS".into(), "ITEMS".into()]];
            rows.extend(
                counts
                    .iter()
                    .map(|c| vec![clean(&c.label), c.contacts.to_string(), c.items.to_string()]),
            );
            print_table(&rows).map_err(io)
        }
    }
}
