//! The domain: contacts, interests, content, history and what they imply.
//! Knows nothing of terminals or files.

pub mod balance;
pub mod contact;
pub mod cow_vec;
pub mod due;
pub mod feed;
pub mod fold;
pub mod history;
pub mod id;
pub mod identity;
pub mod inbox;
pub mod insight;
pub mod intro;
pub mod item;
pub mod link;
pub mod matching;
pub mod merge;
pub mod moment;
pub mod network;
pub mod person_name;
pub mod ranking;
pub mod stats;
pub mod template;
#[cfg(test)]
pub(crate) mod testnet;
pub mod triage;
pub mod url;
pub mod validate;
pub mod void;
pub mod weekly;
pub mod when;

pub use balance::{AskWarning, ask_warning, gives_to, open_ask, open_asks};
pub use contact::{Contact, ContactPatch, ContactState, Link, LinkKind};
pub use cow_vec::CowVec;
pub use due::{Due, DueState, ago};
pub use feed::Feed;
pub use history::{
    CHANNELS, Entry, EntryFields, EntryKind, Person, Stage, Tally, channel, log_kind,
};
pub use id::{ChangeId, ContactId, EntryId, ItemId};
pub use insight::{Groundwork, Insight};
pub use item::{Item, ItemKind};
pub use matching::{Match, Matcher};
pub use network::{Candidate, InterestCount, Network, Resolve, Summaries, Summary};
pub use ranking::{RankedContact, RankedItem, Suggestion};
pub use stats::{ContactFigure, Giga, Stats, TopicCount, Week, sparkline};
pub use triage::Decision;
pub use validate::FieldError;
