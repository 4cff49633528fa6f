//! `netwerk contact …` and `netwerk interest …`.

use super::args::{ContactAdd, ContactCmd, ContactEdit, InterestCmd};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{ContactView, InterestView, print_json, print_table};
use crate::domain::{Contact, ContactPatch, ContactState, Due, Link, Network, validate};

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
        ContactCmd::Rm { contact } => {
            let name = ctx.store.modify(|net: &mut Network| {
                let id = net.resolve_contact(&contact)?.id.clone();
                let pos = net
                    .contacts
                    .iter()
                    .position(|c| c.id == id)
                    .unwrap_or_default();
                Ok::<_, Failure>(net.contacts.remove(pos).name)
            })?;
            say!("Removed {} (their history stays).", clean(&name))?;
            Ok(())
        }
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

fn add(ctx: &Ctx, args: ContactAdd) -> CliResult {
    let links = parse_links(&args.links)?;
    let today = ctx.clock.today();
    let contact = ctx.store.modify(|net: &mut Network| {
        let mut contact = Contact::new(&args.name, today)?;
        ContactPatch {
            company: args.company.clone(),
            role: args.role.clone(),
            email: args.email.clone(),
            degree: args.degree,
            cadence_days: args.cadence.map(Some),
            notes: args.note.clone(),
            met: args.met.clone(),
            links: Some(links),
            ..Default::default()
        }
        .apply(&mut contact)?;
        for interest in &args.interests {
            crate::domain::validate::required("interest", interest)?;
            let label = net.canonical_label(interest);
            contact.add_interest(&label);
        }
        net.contacts.push(contact.clone());
        Ok::<_, Failure>(contact)
    })?;
    say!("Added {} ({}).", clean(&contact.name), contact.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, args: ContactEdit) -> CliResult {
    let new_links = parse_links(&args.links)?;
    let state = args.state.as_deref().map(parse_state).transpose()?;
    let name = ctx.store.modify(|net: &mut Network| {
        let id = net.resolve_contact(&args.contact)?.id.clone();
        let Some(contact) = net.contacts.iter_mut().find(|c| c.id == id) else {
            return Err(Failure::new("contact vanished while editing"));
        };
        let links = if args.clear_links || !new_links.is_empty() {
            let mut links = if args.clear_links {
                Vec::new()
            } else {
                contact.links.clone()
            };
            links.extend(new_links.iter().cloned());
            Some(links)
        } else {
            None
        };
        ContactPatch {
            name: args.name.clone(),
            company: args.company.clone(),
            role: args.role.clone(),
            email: args.email.clone(),
            degree: args.degree,
            cadence_days: args.cadence.map(|d| (d > 0).then_some(d)),
            notes: args.note.clone(),
            met: args.met.clone(),
            links,
        }
        .apply(contact)?;
        if let Some(given) = &args.given_name {
            contact.given_name = validate::optional("given_name", given)?;
        }
        if let Some(family) = &args.family_name {
            contact.family_name = validate::optional("family_name", family)?;
        }
        if let Some(state) = state {
            contact.state = state;
        }
        Ok(contact.name.clone())
    })?;
    say!("Updated {}.", clean(&name))?;
    Ok(())
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
        say!("No contacts yet. Add one: netwerk contact add \"Ada Lovelace\" --interest rust")?;
        return Ok(());
    }
    let mut rows = vec![vec![
        "ID".into(),
        "NAME".into(),
        "COMPANY".into(),
        "LAST TOUCH".into(),
        "INTERESTS".into(),
    ]];
    for (i, c) in contacts {
        let due = Due::of(c, summaries.get(i), &ctx.config.cadence, now);
        let last = if due.touched {
            format!("{}d ago", due.days_since)
        } else {
            "never".into()
        };
        rows.push(vec![
            c.id.to_string(),
            clean(&c.name),
            clean(c.company.as_deref().unwrap_or("")),
            last,
            clean(&c.interests.join(", ")),
        ]);
    }
    print_table(&rows).map_err(io)
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
    rows.push(vec!["degree".into(), c.degree.to_string()]);
    rows.push(vec![
        "cadence".into(),
        format!(
            "every {} days; last touch {}",
            due.cadence,
            if due.touched {
                format!("{} days ago", due.days_since)
            } else {
                "never".into()
            }
        ),
    ]);
    rows.push(vec![
        "gives : asks".into(),
        format!(
            "{} : {}",
            summary.map_or(0, |s| s.gives),
            summary.map_or(0, |s| s.asks)
        ),
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
        .filter(|e| e.contact() == c.id)
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
            let (name, added) = ctx.store.modify(|net: &mut Network| {
                let id = net.resolve_contact(&contact)?.id.clone();
                let labels: Vec<String> = interests
                    .iter()
                    .map(|i| {
                        crate::domain::validate::required("interest", i)
                            .map(|_| net.canonical_label(i))
                    })
                    .collect::<Result<_, _>>()?;
                let Some(c) = net.contacts.iter_mut().find(|c| c.id == id) else {
                    return Err(Failure::new("contact vanished while editing"));
                };
                let added: Vec<String> = labels.into_iter().filter(|l| c.add_interest(l)).collect();
                Ok((c.name.clone(), added))
            })?;
            if added.is_empty() {
                say!(
                    "{} already has {}.",
                    clean(&name),
                    clean(&interests.join(", "))
                )?;
            } else {
                say!("{}: added {}.", clean(&name), clean(&added.join(", ")))?;
            }
            Ok(())
        }
        InterestCmd::Rm { contact, interests } => {
            let name = ctx.store.modify(|net: &mut Network| {
                let id = net.resolve_contact(&contact)?.id.clone();
                let Some(c) = net.contacts.iter_mut().find(|c| c.id == id) else {
                    return Err(Failure::new("contact vanished while editing"));
                };
                let missing: Vec<&str> = interests
                    .iter()
                    .filter(|i| !c.has_interest(i))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    return Err(Failure::new(format!(
                        "{} has no interest {}; nothing removed",
                        clean(&c.name),
                        clean(&missing.join(", "))
                    )));
                }
                for i in &interests {
                    c.remove_interest(i);
                }
                Ok(c.name.clone())
            })?;
            say!(
                "{}: removed {}.",
                clean(&name),
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
