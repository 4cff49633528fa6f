//! A y/n question before something that cannot be undone.

use crate::domain::{ContactId, ItemId};

/// What happens on "y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    /// Remove a contact (their history stays).
    DeleteContact(ContactId),
    /// Remove a queue item.
    DeleteItem(ItemId),
    /// Remove one interest from a contact.
    RemoveInterest(ContactId, String),
    /// Close the form or composer underneath without saving.
    DiscardForm,
    /// Share although the contact already received the item.
    ShareAgain,
    /// Log an ask although nothing was ever given to the contact.
    ForceAsk,
    /// Fold the second contact into the first (`contact merge`).
    Merge(ContactId, ContactId),
    /// Keep (or set aside) every contact of a triage walk still untriaged.
    TriageAll {
        /// The contacts.
        ids: Vec<ContactId>,
        /// Keep them; else set them aside.
        keep: bool,
    },
}

/// The question and what a yes does.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// Shown to the user, e.g. "Delete Ada Lovelace?".
    pub question: String,
    /// Done on "y".
    pub on_yes: OnYes,
}
