//! The search index of each searchable pane: the fields a person would
//! search by.

use crate::domain::Network;
use crate::search::SearchIndex;
use std::borrow::Cow;

/// The search index for contacts (0), items (1) or history (2): the
/// fields a person would search by.
pub fn build_index(net: &Network, which: usize) -> SearchIndex {
    match which {
        0 => SearchIndex::of(&net.contacts, |c| {
            [
                Cow::Borrowed(c.name.as_str()),
                Cow::Borrowed(c.company.as_deref().unwrap_or_default()),
                Cow::Borrowed(c.role.as_deref().unwrap_or_default()),
                Cow::Owned(c.interests.join(" ")),
            ]
        }),
        1 => SearchIndex::new(
            net.items
                .iter()
                .map(|i| [i.title.clone(), i.topics.join(" "), i.host().to_string()]),
        ),
        _ => SearchIndex::new(net.history.iter().map(|e| {
            [
                e.contact_name(),
                e.item_title().unwrap_or_default(),
                e.note(),
            ]
        })),
    }
}
