//! The queue: putting a link in it (`queue add`, `inbox keep`, the TUI's
//! form), editing, archiving and removing items.

use super::error::OpError;
use crate::domain::validate::{self, FieldError};
use crate::domain::{Item, ItemId, ItemKind, Network};
use chrono::NaiveDate;

/// What to queue.
#[derive(Debug, Clone, Default)]
pub struct NewItem<'a> {
    /// The address (normalised here).
    pub url: &'a str,
    /// Title; made from the address when absent.
    pub title: Option<&'a str>,
    /// Kind; said by the address when absent.
    pub kind: Option<ItemKind>,
    /// Topics, spelled as the network already spells them.
    pub topics: &'a [String],
    /// Why you saved it.
    pub comment: Option<String>,
}

/// Why a link was not queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueError {
    /// A field is unusable.
    Field(FieldError),
    /// The address is already queued, as this item.
    Duplicate(Box<Item>),
}

impl From<FieldError> for QueueError {
    fn from(e: FieldError) -> Self {
        QueueError::Field(e)
    }
}

/// A link not queued is a change not made.
impl From<QueueError> for OpError {
    fn from(e: QueueError) -> Self {
        match e {
            QueueError::Field(e) => e.into(),
            QueueError::Duplicate(item) => OpError::Duplicate(item),
        }
    }
}

/// Adds a link to the queue, refusing an address already there (by its
/// normalised form). Returns the new item.
pub fn add(net: &mut Network, new: NewItem<'_>, today: NaiveDate) -> Result<Item, QueueError> {
    let mut item = Item::new(new.url, new.title, today)?;
    if let Some(existing) = net.item_by_url(&item.url) {
        return Err(QueueError::Duplicate(Box::new(existing.clone())));
    }
    if let Some(kind) = new.kind {
        item.kind = kind;
    }
    item.comment = new.comment;
    for t in new.topics {
        validate::required("topic", t)?;
        let label = net.canonical_label(t);
        item.add_topic(&label);
    }
    net.items.push(item.clone());
    Ok(item)
}

/// What happens to an item's topics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Topics {
    /// Left as they are.
    #[default]
    Keep,
    /// These are added.
    Add(Vec<String>),
    /// They become exactly these.
    Set(Vec<String>),
}

/// A change to an item; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ItemChange {
    /// A new address (normalised here).
    pub url: Option<String>,
    /// A title someone chose; empty goes back to a guess from the address.
    pub title: Option<String>,
    /// A kind; `Some(None)` goes back to the kind the address says.
    pub kind: Option<Option<ItemKind>>,
    /// A comment; `Some(None)` clears it.
    pub comment: Option<Option<String>>,
    /// What happens to the topics.
    pub topics: Topics,
    /// Bring an archived item back to the queue.
    pub unarchive: bool,
}

/// Changes the item `id`, refusing an address another item already has.
pub fn edit(net: &mut Network, id: &ItemId, change: &ItemChange) -> Result<Item, OpError> {
    let at = position(net, id)?;
    let mut item = net.items[at].clone();
    if let Some(url) = &change.url {
        let fresh = Item::new(url, None, item.added)?;
        if let Some(other) = net.item_by_url(&fresh.url)
            && &other.id != id
        {
            return Err(OpError::Duplicate(Box::new(other.clone())));
        }
        if fresh.url != item.url {
            // A guessed title follows a new address; a chosen one stays.
            if item.title_guessed {
                item.title = fresh.title;
            }
            item.url = fresh.url;
        }
    }
    if let Some(title) = &change.title {
        match title.trim() {
            "" => {
                item.title = Item::new(&item.url, None, item.added)?.title;
                item.title_guessed = true;
            }
            chosen => item.set_title(chosen)?,
        }
    }
    if let Some(kind) = change.kind {
        item.kind = kind.unwrap_or_else(|| ItemKind::for_url(&item.url));
    }
    if let Some(comment) = &change.comment {
        item.comment = match comment {
            Some(c) => validate::long_text("comment", c)?,
            None => None,
        };
    }
    let labels = |labels: &[String]| -> Result<Vec<String>, FieldError> {
        labels
            .iter()
            .map(|t| validate::required("topic", t).map(|_| net.canonical_label(t)))
            .collect()
    };
    match &change.topics {
        Topics::Keep => {}
        Topics::Add(add) => {
            for l in labels(add)? {
                item.add_topic(&l);
            }
        }
        Topics::Set(set) => {
            let set = labels(set)?;
            item.topics.clear();
            for l in &set {
                item.add_topic(l);
            }
        }
    }
    if change.unarchive {
        item.archived = false;
    }
    net.items[at] = item.clone();
    Ok(item)
}

/// Archives the item `id`, or brings it back.
pub fn archive(net: &mut Network, id: &ItemId, archived: bool) -> Result<Item, OpError> {
    let at = position(net, id)?;
    net.items[at].archived = archived;
    Ok(net.items[at].clone())
}

/// Removes the item `id`; history that names it stays.
pub fn remove(net: &mut Network, id: &ItemId) -> Result<Item, OpError> {
    let at = position(net, id)?;
    Ok(net.items.remove(at))
}

fn position(net: &Network, id: &ItemId) -> Result<usize, OpError> {
    net.items
        .iter()
        .position(|i| &i.id == id)
        .ok_or(OpError::Gone("item"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn queued(net: &mut Network, url: &str) -> Item {
        let new = NewItem {
            url,
            ..Default::default()
        };
        add(net, new, day()).unwrap()
    }

    #[test]
    fn an_address_is_queued_once() {
        let mut net = Network::default();
        let first = queued(&mut net, "https://example.org/a?utm_source=x");
        let again = NewItem {
            url: "https://EXAMPLE.org/a",
            ..Default::default()
        };
        assert_eq!(
            add(&mut net, again, day()),
            Err(QueueError::Duplicate(Box::new(first.clone())))
        );
        let other = queued(&mut net, "https://example.org/b");
        let change = ItemChange {
            url: Some("https://example.org/a".into()),
            ..Default::default()
        };
        assert_eq!(
            edit(&mut net, &other.id, &change),
            Err(OpError::Duplicate(Box::new(first)))
        );
    }

    #[test]
    fn a_guessed_title_follows_the_address_and_a_chosen_one_stays() {
        let mut net = Network::default();
        let item = queued(&mut net, "https://example.org/rust-tips");
        assert!(item.title_guessed);
        let moved = ItemChange {
            url: Some("https://example.org/sailing-knots".into()),
            ..Default::default()
        };
        let item = edit(&mut net, &item.id, &moved).unwrap();
        assert!(
            item.title.to_lowercase().contains("sailing"),
            "{}",
            item.title
        );
        let titled = ItemChange {
            title: Some("Knots".into()),
            ..Default::default()
        };
        let item = edit(&mut net, &item.id, &titled).unwrap();
        let back = ItemChange {
            url: Some("https://example.org/rust-tips".into()),
            ..Default::default()
        };
        let item = edit(&mut net, &item.id, &back).unwrap();
        assert_eq!(item.title, "Knots");
        assert!(!item.title_guessed);
    }

    #[test]
    fn topics_are_added_or_set_and_archive_round_trips() {
        let mut net = Network::default();
        let item = queued(&mut net, "https://example.org/a");
        let add_topics = ItemChange {
            topics: Topics::Add(vec!["rust".into(), "RUST".into(), "sailing".into()]),
            ..Default::default()
        };
        assert_eq!(
            edit(&mut net, &item.id, &add_topics).unwrap().topics,
            ["rust", "sailing"]
        );
        let set = ItemChange {
            topics: Topics::Set(vec!["chess".into()]),
            ..Default::default()
        };
        assert_eq!(edit(&mut net, &item.id, &set).unwrap().topics, ["chess"]);
        assert!(archive(&mut net, &item.id, true).unwrap().archived);
        let back = ItemChange {
            unarchive: true,
            ..Default::default()
        };
        assert!(!edit(&mut net, &item.id, &back).unwrap().archived);
        remove(&mut net, &item.id).unwrap();
        assert_eq!(
            archive(&mut net, &item.id, true),
            Err(OpError::Gone("item"))
        );
    }
}
