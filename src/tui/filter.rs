//! The Interests pane and the Inbox narrow their lists with the one
//! search (`crate::search`), like every other list.

pub use crate::search::{filter, highlight};
