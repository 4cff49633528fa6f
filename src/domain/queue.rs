//! Putting a link in the queue: the one operation `queue add`, `inbox
//! keep` and the TUI's add form share.

use super::item::{Item, ItemKind};
use super::network::Network;
use super::validate::{self, FieldError};
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

impl Network {
    /// Adds a link to the queue, refusing an address already there (by
    /// its normalised form). Returns the new item.
    pub fn queue(&mut self, new: NewItem<'_>, today: NaiveDate) -> Result<Item, QueueError> {
        let mut item = Item::new(new.url, new.title, today)?;
        if let Some(existing) = self.item_by_url(&item.url) {
            return Err(QueueError::Duplicate(Box::new(existing.clone())));
        }
        if let Some(kind) = new.kind {
            item.kind = kind;
        }
        item.comment = new.comment;
        for t in new.topics {
            validate::required("topic", t)?;
            let label = self.canonical_label(t);
            item.add_topic(&label);
        }
        self.items.push(item.clone());
        Ok(item)
    }
}
