//! vCard 2.1, 3.0 and 4.0: reading address-book exports, writing 4.0.
//!
//! A small parser of our own: what we need (names, organisation, e-mail,
//! links, categories, notes) is a thin slice of the format, but it has to
//! survive what Android (2.1, quoted-printable, per-property charsets),
//! Apple and Google (3.0, folding, `item1.` groups, `X-SOCIALPROFILE`) and
//! RFC 6350 writers actually produce.

mod card;
mod lines;
mod read;
mod value;
mod write;

pub use read::parse;
pub use write::write;

/// netwerk's own property for the date a connection was made, which vCard
/// has no standard property for; other programs ignore `X-` properties.
const CONNECTED: &str = "X-NETWERK-CONNECTED";
