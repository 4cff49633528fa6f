//! Links from URL lists and Pocket into the content queue.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::keys::Labels;
use super::{Outcome, Report};
use crate::domain::{Item, ItemKind, Network, validate};
use crate::import::records::{ImportedItem, Parsed};

/// Merges queue items into `net`: a URL the queue already holds (after
/// normalisation: tracking parameters and empty fragments dropped) is left as it
/// is; items without a date of their own are added on `today`.
pub fn queue(net: &mut Network, parsed: &Parsed<ImportedItem>, today: NaiveDate) -> Report {
    queue_as(net, parsed, today, None)
}

/// Merges like [`queue`], every new item of `kind` when one is given
/// (`import urls --kind`) instead of the kind its address suggests.
pub fn queue_as(
    net: &mut Network,
    parsed: &Parsed<ImportedItem>,
    today: NaiveDate,
    kind: Option<ItemKind>,
) -> Report {
    let mut report = Report::new(&parsed.skipped);
    let mut labels = Labels::new(net);
    let queued: HashMap<String, usize> = net
        .items
        .iter()
        .enumerate()
        .map(|(at, item)| (item.url.clone(), at))
        .collect();
    // Normalised URL → the first line of this file that had it, so a
    // repeat is reported the same way on the first import and on later ones.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for record in &parsed.records {
        let line = record.line;
        let added = record.added.map_or(today, |t| t.date_naive());
        let title = record.title.as_deref().map(title);
        let mut item = match Item::new(&record.url, title.as_deref(), added) {
            Ok(item) => item,
            Err(e) => {
                report.skip(line, e.to_string());
                continue;
            }
        };
        if let Some(first) = first_line.get(&item.url) {
            report.skip(line, format!("duplicate of line {first}"));
            continue;
        }
        first_line.insert(item.url.clone(), line);
        if let Some(&at) = queued.get(&item.url) {
            let queued = &net.items[at];
            report.unchanged.push(Outcome {
                line,
                id: queued.id.to_string(),
                name: queued.title.clone(),
                changes: Vec::new(),
            });
            continue;
        }
        for topic in &record.topics {
            if validate::required("topic", topic).is_ok() {
                item.add_topic(&labels.canonical(topic));
            }
        }
        item.archived = record.archived;
        if let Some(kind) = kind {
            item.kind = kind;
        }
        report.added.push(Outcome {
            line,
            id: item.id.to_string(),
            name: item.title.clone(),
            changes: Vec::new(),
        });
        net.items.push(item);
    }
    report.finish()
}

/// A title fit for a one-line list: whitespace squeezed, and cut (with an
/// ellipsis) to the length the forms accept rather than losing the item.
fn title(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= validate::MAX_SHORT {
        return text;
    }
    let mut cut: String = text.chars().take(validate::MAX_SHORT - 1).collect();
    cut.push('…');
    cut
}
