//! Sharing an item with a contact: the note's draft and the entry that
//! records the share. Copying comes first and the entry only once the
//! note is out, in both front ends; how a note is copied is `clipboard/`.

use super::error::OpError;
use crate::domain::template::{NoteFacts, NoteTemplate, Templates};
use crate::domain::{Contact, Entry, Item, Network, validate};
use chrono::{DateTime, FixedOffset};

/// Which template a draft comes from.
#[derive(Debug, Clone, Copy)]
pub enum Pick<'a> {
    /// The next in this contact's rotation, so two notes running differ.
    Rotation,
    /// The suitable one after this one (the composer's Ctrl-T).
    After(&'a str),
    /// This one.
    Named(&'a NoteTemplate),
}

/// A note drafted from a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The note.
    pub note: String,
    /// The template's name; `None` when no template suits the item.
    pub template: Option<String>,
}

/// Drafts the note for sharing `item` with `contact`; with no template
/// suiting the item, the note is its title and address.
pub fn draft(
    net: &Network,
    contact: &Contact,
    item: &Item,
    templates: &Templates,
    signature: Option<&str>,
    now: DateTime<FixedOffset>,
    pick: Pick<'_>,
) -> Draft {
    let template = match pick {
        Pick::Rotation => templates.pick(item.kind, contact, &net.history),
        Pick::After(current) => templates.next_after(item.kind, Some(current)),
        Pick::Named(t) => Some(t),
    };
    match template {
        Some(t) => Draft {
            note: t.render(&NoteFacts::gather(net, contact, item, signature, now)),
            template: Some(t.name().to_string()),
        },
        None => Draft {
            note: format!("{} — {}", item.title, item.url),
            template: None,
        },
    }
}

/// The entry recording that `note` (from `template`, if any) went to
/// `contact` about `item`; refuses an empty or overlong note.
pub fn entry(
    contact: &Contact,
    item: &Item,
    note: &str,
    template: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    // Checked, but logged as it went out.
    validate::long_text("note", note)?
        .ok_or_else(|| validate::FieldError::new("note", "must not be empty"))?;
    Ok(Entry::share(contact, item, now, note, template))
}
