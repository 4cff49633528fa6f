//! vCard 2.1, 3.0 and 4.0: reading address-book exports, writing 4.0.
//!
//! A small parser of our own: what we need (names, organisation, e-mail,
//! links, categories, notes) is a thin slice of the format, but it has to
//! survive what Android (2.1, quoted-printable, per-property charsets),
//! Apple and Google (3.0, folding, `item1.` groups, `X-SOCIALPROFILE`) and
//! RFC 6350 writers actually produce.

mod card;
mod lines;
mod netwerk_fields;
mod read;
mod value;
mod write;

pub use read::parse;
pub use write::{foreign_lines, write, write_card};
