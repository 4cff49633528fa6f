//! `netwerk queue …`.

use super::args::{QueueAdd, QueueCmd, QueueEdit};
use super::context::Ctx;
use super::failure::{CliResult, Failure, io};
use super::out::{clean, say};
use super::view::{ItemView, print_json, print_table};
use crate::domain::fold::fold_label;
use crate::domain::inbox::hinted_topics;
use crate::domain::{Item, ItemKind, Network, NewItem, validate};

/// Runs `queue …`.
pub fn run(ctx: &Ctx, cmd: QueueCmd) -> CliResult {
    match cmd {
        QueueCmd::Add(args) => add(ctx, args),
        QueueCmd::List { all, topic, json } => list(ctx, all, topic.as_deref(), json.json),
        QueueCmd::Edit(args) => edit(ctx, args),
        QueueCmd::Archive { item } => {
            let title = ctx.store.modify(|net: &mut Network| {
                let id = net.resolve_item(&item)?.id.clone();
                let item = net
                    .items
                    .iter_mut()
                    .find(|i| i.id == id)
                    .ok_or_else(|| Failure::new("item vanished"))?;
                item.archived = true;
                Ok::<_, Failure>(item.title.clone())
            })?;
            say!("Archived {}.", clean(&title))?;
            Ok(())
        }
        QueueCmd::Rm { item } => {
            let title = ctx.store.modify(|net: &mut Network| {
                let id = net.resolve_item(&item)?.id.clone();
                let pos = net
                    .items
                    .iter()
                    .position(|i| i.id == id)
                    .ok_or_else(|| Failure::new("item vanished"))?;
                Ok::<_, Failure>(net.items.remove(pos).title)
            })?;
            say!("Removed {}.", clean(&title))?;
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
    let item = ctx.store.modify(|net: &mut Network| {
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
        net.queue(new, today).map_err(Failure::from)
    })?;
    say!("Queued {} ({}).", clean(&item.title), item.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, args: QueueEdit) -> CliResult {
    let kind: Option<ItemKind> = args.kind.as_deref().map(str::parse).transpose()?;
    let title = ctx.store.modify(|net: &mut Network| {
        let id = net.resolve_item(&args.item)?.id.clone();
        let labels: Vec<String> = args
            .topics
            .iter()
            .map(|t| validate::required("topic", t).map(|_| net.canonical_label(t)))
            .collect::<Result<_, _>>()?;
        let item = net
            .items
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| Failure::new("item vanished"))?;
        if let Some(t) = &args.title {
            item.title = validate::required("title", t)?;
        }
        if let Some(k) = kind {
            item.kind = k;
        }
        if args.clear_topics {
            item.topics.clear();
        }
        for l in &labels {
            item.add_topic(l);
        }
        if let Some(c) = &args.comment {
            item.comment = validate::long_text("comment", c)?;
        }
        if args.unarchive {
            item.archived = false;
        }
        Ok::<_, Failure>(item.title.clone())
    })?;
    say!("Updated {}.", clean(&title))?;
    Ok(())
}

fn list(ctx: &Ctx, all: bool, topic: Option<&str>, json: bool) -> CliResult {
    let net = ctx.store.load_tables()?;
    let topic = topic.map(fold_label);
    let mut items: Vec<&Item> = net
        .items
        .iter()
        .filter(|i| all || !i.archived)
        .filter(|i| {
            topic
                .as_ref()
                .is_none_or(|t| i.topics.iter().any(|x| &fold_label(x) == t))
        })
        .collect();
    // Newest first: the queue is a reading list.
    items.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id)));
    if json {
        let views: Vec<ItemView> = items;
        return print_json(&views).map_err(io);
    }
    if items.is_empty() {
        say!(
            "The queue is empty. Add a link: netwerk queue add https://example.com/post --topic rust"
        )?;
        return Ok(());
    }
    let mut rows = vec![vec![
        "ID".into(),
        "KIND".into(),
        "TITLE".into(),
        "TOPICS".into(),
        "URL".into(),
    ]];
    for i in items {
        let mut title = clean(&i.title);
        if i.archived {
            title.push_str(" (archived)");
        }
        rows.push(vec![
            i.id.to_string(),
            i.kind.to_string(),
            title,
            clean(&i.topics.join(", ")),
            clean(&i.url),
        ]);
    }
    print_table(&rows).map_err(io)
}
