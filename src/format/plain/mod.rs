//! The one fast path for reading files with no snapshot yet: small
//! readers for the plain layout netwerk itself writes, each handing back
//! `None` for anything else, which then goes through the `toml` crate or
//! `serde_json` (and their error messages). Figures in
//! `docs/performance.md`, "Figures behind the store's fast paths".

pub mod chunked;
pub mod contact;
pub mod entry;
pub mod record;
mod run;
