//! `netwerk queue …`.

use super::args::{QueueAdd, QueueCmd, QueueEdit};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{ItemView, print_json, print_table};
use crate::domain::fold::fold_label;
use crate::domain::inbox::hinted_topics;
use crate::domain::{Insight, Item, ItemKind, Network, validate};
use crate::ops::{self, ItemChange, NewItem, Topics};
use crate::text::count;

/// Runs `queue …`.
pub fn run(ctx: &Ctx, cmd: QueueCmd) -> CliResult {
    match cmd {
        QueueCmd::Add(args) => add(ctx, args),
        QueueCmd::List {
            all,
            topic,
            for_contact,
            json,
        } => list(
            ctx,
            all,
            topic.as_deref(),
            for_contact.as_deref(),
            json.json,
        ),
        QueueCmd::Edit(args) => edit(ctx, args),
        QueueCmd::Archive { item } => {
            let archived = ctx
                .store
                .modify(ops::label::item_archived, |net: &mut Network| {
                    let id = net.resolve_item(&item)?.id.clone();
                    Ok::<_, Failure>(ops::queue::archive(net, &id, true)?)
                })?;
            say!("Archived {}.", clean(&archived.title))?;
            Ok(())
        }
        QueueCmd::Rm { item } => {
            let gone = ctx
                .store
                .modify(ops::label::item_deleted, |net: &mut Network| {
                    let id = net.resolve_item(&item)?.id.clone();
                    Ok::<_, Failure>(ops::queue::remove(net, &id)?)
                })?;
            say!("Removed {}.", clean(&gone.title))?;
            Ok(())
        }
    }
}

fn add(ctx: &Ctx, args: QueueAdd) -> CliResult {
    let today = ctx.clock.today();
    let kind: Option<ItemKind> = args.kind.as_deref().map(str::parse).transpose()?;
    let comment = args
        .comment
        .as_deref()
        .map(|c| validate::long_text("comment", c))
        .transpose()?
        .flatten();
    let item = ctx
        .store
        .modify(ops::label::item_queued, |net: &mut Network| {
            // A feed reader's hook passes the feed title and description:
            // the interests they (and the title) name are topic hints.
            let mut topics = args.topics.clone();
            if args.feed.is_some() || args.description.is_some() {
                let texts = [&args.feed, &args.title, &args.description];
                let texts: Vec<&str> = texts.into_iter().flatten().map(String::as_str).collect();
                for t in hinted_topics(net, &texts) {
                    if !topics.iter().any(|x| fold_label(x) == fold_label(&t)) {
                        topics.push(t);
                    }
                }
            }
            let new = NewItem {
                url: &args.url,
                title: args.title.as_deref(),
                kind,
                topics: &topics,
                comment: comment.clone(),
            };
            ops::queue::add(net, new, today).map_err(Failure::from)
        })?;
    say!("Queued {} ({}).", clean(&item.title), item.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, args: QueueEdit) -> CliResult {
    let kind: Option<ItemKind> = args.kind.as_deref().map(str::parse).transpose()?;
    let change = ItemChange {
        title: args.title,
        kind: kind.map(Some),
        comment: args.comment.map(Some),
        topics: match args.clear_topics {
            true => Topics::Set(args.topics),
            false => Topics::Add(args.topics),
        },
        unarchive: args.unarchive,
        ..Default::default()
    };
    let item = ctx
        .store
        .modify(ops::label::item_edited, |net: &mut Network| {
            let id = net.resolve_item(&args.item)?.id.clone();
            Ok::<_, Failure>(ops::queue::edit(net, &id, &change)?)
        })?;
    say!("Updated {}.", clean(&item.title))?;
    Ok(())
}

fn list(
    ctx: &Ctx,
    all: bool,
    topic: Option<&str>,
    for_contact: Option<&str>,
    json: bool,
) -> CliResult {
    let topic_given = topic;
    let topic = topic.map(fold_label);
    let about = |i: &Item| {
        (all || !i.archived)
            && topic
                .as_ref()
                .is_none_or(|t| i.topics.iter().any(|x| &fold_label(x) == t))
    };
    // For a contact: the ranking the TUI's Queue and the share picker
    // use (needs the history); else newest first, as a reading list.
    let net = match for_contact {
        Some(_) => ctx.store.load()?,
        None => ctx.store.load_tables()?,
    };
    let mut reasons: Vec<Option<String>> = Vec::new();
    let items: Vec<&Item> = match for_contact {
        Some(query) => {
            let contact = net.resolve_contact(query)?;
            let c = net
                .contacts
                .iter()
                .position(|x| x.id == contact.id)
                .ok_or_else(|| Failure::new("contact vanished"))?;
            let insight = Insight::new(&net, &ctx.config.cadence, ctx.clock.now());
            let mut ranked: Vec<(&Item, Option<String>)> = insight
                .rank_items_for(&net, c)
                .into_iter()
                .map(|r| {
                    let why = match r.received {
                        Some(at) => Some(format!("sent {}", at.format("%Y-%m-%d"))),
                        None if !r.fit.matched.is_empty() => {
                            Some(format!("★ {}", r.fit.reason_for(contact.first_name())))
                        }
                        None => None,
                    };
                    (&net.items[r.item], why)
                })
                .filter(|(i, _)| about(i))
                .collect();
            // Archived items are never ranked: after the rest, newest first.
            if all {
                let mut archived: Vec<&Item> = net
                    .items
                    .iter()
                    .filter(|i| i.archived && about(i))
                    .collect();
                archived.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id)));
                ranked.extend(archived.into_iter().map(|i| (i, None)));
            }
            let (items, why): (Vec<_>, Vec<_>) = ranked.into_iter().unzip();
            reasons = why;
            items
        }
        None => {
            let mut items: Vec<&Item> = net.items.iter().filter(|i| about(i)).collect();
            items.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id)));
            items
        }
    };
    if json {
        let views: Vec<ItemView> = items;
        return print_json(&views).map_err(io);
    }
    if items.is_empty() {
        let archived = net.items.iter().filter(|i| i.archived).count();
        if net.items.is_empty() {
            say!(
                "The queue is empty. Add a link: netwerk queue add https://example.com/post --topic rust"
            )?;
        } else if let Some(t) = topic_given {
            let hidden = if all || archived == 0 {
                String::new()
            } else {
                " (--all includes archived ones)".to_string()
            };
            say!(
                "No items match --topic {} (of {} in the queue){hidden}.",
                clean(t),
                count(net.items.len(), "item", "items")
            )?;
        } else {
            let all = match archived {
                1 => "the only item is archived".to_string(),
                n => format!("all {n} items are archived"),
            };
            say!("Nothing left to share: {all}; --all lists them.")?;
        }
        return Ok(());
    }
    let mut head = vec![
        "ID".to_string(),
        "KIND".into(),
        "TITLE".into(),
        "TOPICS".into(),
    ];
    if for_contact.is_some() {
        // ★ and the interests it meets, or when it was already sent.
        head.push("FOR THEM".into());
    }
    head.push("URL".into());
    let mut rows = vec![head];
    for (n, i) in items.into_iter().enumerate() {
        let mut title = clean(&i.title);
        if i.title_guessed {
            title.push_str(" (title guessed)");
        }
        if i.archived {
            title.push_str(" (archived)");
        }
        let mut row = vec![
            i.id.to_string(),
            i.kind.to_string(),
            title,
            clean(&i.topics.join(", ")),
        ];
        if for_contact.is_some() {
            row.push(clean(
                reasons.get(n).and_then(Option::as_deref).unwrap_or(""),
            ));
        }
        row.push(clean(&i.url));
        rows.push(row);
    }
    print_table(&rows).map_err(io)
}
