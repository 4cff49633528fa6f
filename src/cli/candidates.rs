//! The values shell completion offers for an argument: contact names
//! after commands that take a contact, item titles after those that take
//! an item, and the values of `--kind`, `--via` and `--state`. The
//! argument declarations (`args.rs`) name these; `complete.rs` answers
//! the shell.
//!
//! Candidates come from the search cache (contacts) and the snapshot
//! cache (queue), so a Tab at 30,000 contacts parses no TOML. Nothing is
//! ever created or written for a completion but those caches.

use crate::domain::fold::fold;
use crate::store::{Store, paths};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Where the command line being completed keeps its data: `--data`,
/// `--demo`, else the default data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Dir(PathBuf),
    Demo,
}

/// Set by [`read_source`] from the words being completed.
static SOURCE: OnceLock<Source> = OnceLock::new();

/// Notes where the command line being completed (`words`) keeps its
/// data, for the candidates to read from.
pub fn read_source(words: &[OsString]) {
    let _ = SOURCE.set(source_of(words));
}

/// Finds `--data DIR` (or `--data=DIR`) and `--demo` among the words.
fn source_of(words: &[OsString]) -> Source {
    let words: Vec<String> = words
        .iter()
        .map(|w| unquote(&w.to_string_lossy()))
        .collect();
    let mut dir = None;
    for (i, word) in words.iter().enumerate() {
        if word == "--demo" {
            return Source::Demo;
        }
        if word == "--data" {
            dir = words.get(i + 1).map(PathBuf::from);
        } else if let Some(d) = word.strip_prefix("--data=") {
            dir = Some(PathBuf::from(d));
        }
    }
    let dir = paths::data_dir(dir.as_deref()).unwrap_or_default();
    Source::Dir(dir)
}

/// A word as the shell will pass it: quotes and backslashes resolved, an
/// open quote (the word being typed) taken as closed.
pub(super) fn unquote(word: &str) -> String {
    for close in ["", "\"", "'"] {
        if let Some(parts) = shlex::split(&format!("{word}{close}")) {
            return parts.join(" ");
        }
    }
    word.to_string()
}

/// One record offered: what to type and what it is.
struct Offer {
    name: String,
    id: String,
    help: Option<String>,
}

/// The offers whose name (or a word of it) starts with `current`, case
/// and accents aside. A name is offered as typed when it is the only one
/// of its spelling and safe to show; else its id, with the name as help.
fn offers(list: Vec<Offer>, current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = fold(&unquote(&current.to_string_lossy()));
    let typed = typed.trim_start();
    let mut spellings = std::collections::HashMap::<String, usize>::new();
    for o in &list {
        *spellings.entry(fold(&o.name)).or_default() += 1;
    }
    list.into_iter()
        .filter_map(|o| {
            let folded = fold(&o.name);
            let hit = folded.starts_with(typed)
                || folded.split_whitespace().any(|w| w.starts_with(typed))
                || o.id.starts_with(typed);
            if !hit {
                return None;
            }
            let plain = !o.name.chars().any(crate::text::is_unsafe)
                && !o.name.starts_with('-')
                && !o.name.trim().is_empty()
                && spellings.get(&folded) == Some(&1);
            let (value, help) = match plain {
                true => (o.name, o.help),
                false => (o.id, Some(o.name)),
            };
            let help = help.map(|h| crate::text::sanitize_line(&h).into_owned());
            Some(CompletionCandidate::new(value).help(help.map(Into::into)))
        })
        .collect()
}

/// The data directory of the command line being completed, if it holds
/// data (a completion never creates one).
fn store() -> Option<Store> {
    match SOURCE.get()? {
        Source::Dir(dir)
            if dir.join(crate::store::CONTACTS).exists()
                || dir.join(crate::store::QUEUE).exists() =>
        {
            Store::open(dir).ok()
        }
        _ => None,
    }
}

/// The sample network of `--demo`.
fn demo() -> Option<crate::domain::Network> {
    let now = crate::clock::Clock::from_env().ok()?.now();
    Some(crate::demo::sample(now))
}

/// Contact names (or ids) for an argument taking a contact.
fn contacts(current: &OsStr) -> Vec<CompletionCandidate> {
    let list: Vec<Offer> = match SOURCE.get() {
        Some(Source::Demo) => demo()
            .map(|net| {
                net.contacts
                    .iter()
                    .map(|c| Offer {
                        name: c.name.clone(),
                        id: c.id.to_string(),
                        help: c.company.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => store()
            .and_then(|s| crate::search::cache::load(&s).ok())
            .map(|(lines, _)| {
                (0..lines.len())
                    .map(|i| {
                        let l = lines.get(i);
                        Offer {
                            name: l.name().to_string(),
                            id: l.id().to_string(),
                            help: l.company().map(str::to_string),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    offers(list, current)
}

/// Item titles (or ids) for an argument taking an item.
fn items(current: &OsStr) -> Vec<CompletionCandidate> {
    let net = match SOURCE.get() {
        Some(Source::Demo) => demo(),
        _ => store().and_then(|s| s.load_tables().ok()),
    };
    let list = net
        .map(|net| {
            net.items
                .iter()
                .map(|i| Offer {
                    name: i.title.clone(),
                    id: i.id.to_string(),
                    help: Some(i.kind.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    offers(list, current)
}

/// Completes a contact argument.
pub fn contact() -> ArgValueCompleter {
    ArgValueCompleter::new(contacts)
}

/// Completes an item argument.
pub fn item() -> ArgValueCompleter {
    ArgValueCompleter::new(items)
}

/// `--kind` of an item.
pub fn item_kind() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        crate::domain::ItemKind::ALL
            .iter()
            .map(|k| CompletionCandidate::new(k.as_str()))
            .collect()
    })
}

/// `--kind` of `log`: touch, ask, or a channel.
pub fn log_kind() -> ArgValueCandidates {
    ArgValueCandidates::new(|| entry_kinds(false))
}

/// `--kind` of `history`: share, touch, ask, or a channel.
pub fn history_kind() -> ArgValueCandidates {
    ArgValueCandidates::new(|| entry_kinds(true))
}

/// The kinds `history --kind` (`share`, or every kind) or `log --kind`
/// (`!share`: touches and asks) take, then the channels.
fn entry_kinds(share: bool) -> Vec<CompletionCandidate> {
    use crate::domain::EntryKind;
    let listed = [
        EntryKind::Share,
        EntryKind::Touch,
        EntryKind::Ask,
        EntryKind::Intro,
        EntryKind::Moment,
    ];
    let kinds = listed
        .into_iter()
        .filter(|k| share || matches!(k, EntryKind::Touch | EntryKind::Ask))
        .map(EntryKind::as_str);
    kinds
        .chain(crate::domain::CHANNELS)
        .map(CompletionCandidate::new)
        .collect()
}

/// `--via` of `log`.
pub fn channel() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        crate::domain::CHANNELS
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}

/// `--state` of a contact.
pub fn state() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        ["active", "untriaged", "dormant"]
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}
