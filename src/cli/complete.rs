//! Shell completion that knows the data: contact names after commands
//! that take a contact, item titles after those that take an item, and
//! the values of `--kind` and `--state`. Built on clap_complete's dynamic
//! completion: the script `netwerk completions SHELL` prints calls
//! `COMPLETE=SHELL netwerk -- WORDS…` at each Tab, which [`if_asked`]
//! answers before anything else runs.
//!
//! Candidates come from the search cache (contacts) and the snapshot
//! cache (queue), so a Tab at 30,000 contacts parses no TOML. Nothing is
//! ever created or written for a completion but those caches.

use super::args::Cli;
use super::out;
use crate::domain::fold::fold;
use crate::store::{Store, paths};
use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{EnvCompleter, Shells};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

/// The variable the completion scripts set.
const VAR: &str = "COMPLETE";

/// Every shell, bash by our own adapter (see [`Bash`]).
const SHELLS: Shells<'static> = Shells(&[
    &Bash,
    &clap_complete::env::Zsh,
    &clap_complete::env::Fish,
    &clap_complete::env::Elvish,
    &clap_complete::env::Powershell,
]);

/// Where the command line being completed keeps its data: `--data`,
/// `--demo`, else the default data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Dir(PathBuf),
    Demo,
}

/// Set by [`if_asked`] from the words being completed.
static SOURCE: OnceLock<Source> = OnceLock::new();

/// Answers a completion request (`COMPLETE=SHELL` in the environment):
/// the registration script without words, else the candidates for the
/// words after `--`. `None` when this is an ordinary run.
pub fn if_asked() -> Option<ExitCode> {
    let shell = std::env::var(VAR)
        .ok()
        .filter(|s| !s.is_empty() && s != "0")?;
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let completer = args.first().cloned().unwrap_or_else(|| "netwerk".into());
    let words = match args.iter().position(|a| a == "--") {
        Some(at) => args.split_off(at + 1),
        None => Vec::new(),
    };
    let mut buf = Vec::new();
    let result = match SHELLS.completer(&shell) {
        None => Err(std::io::Error::other(format!(
            "{VAR}={shell}: unknown shell; use bash, zsh, fish, elvish or powershell"
        ))),
        Some(shell) if words.is_empty() => registration(shell, &completer, &mut buf),
        Some(shell) => {
            let _ = SOURCE.set(source_of(&words));
            let mut cmd = Cli::command();
            cmd.build();
            let cwd = std::env::current_dir().ok();
            shell.write_complete(&mut cmd, words, cwd.as_deref(), &mut buf)
        }
    };
    let written = result.and_then(|()| out::generated(&buf));
    Some(match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out::error(&e.to_string());
            ExitCode::FAILURE
        }
    })
}

/// `netwerk completions SHELL`: the script to source or install.
pub fn script(shell: clap_complete::Shell) -> std::io::Result<()> {
    let name = shell.to_string();
    let shell = SHELLS
        .completer(&name)
        .ok_or_else(|| std::io::Error::other(format!("no completion for {name}")))?;
    let completer = std::env::args_os()
        .next()
        .unwrap_or_else(|| "netwerk".into());
    let mut buf = Vec::new();
    registration(shell, &completer, &mut buf)?;
    out::generated(&buf)
}

/// The script registering `completer` (this program, as it was called:
/// a bare name is found on `PATH` at each Tab) for `netwerk`.
fn registration(
    shell: &dyn EnvCompleter,
    completer: &OsStr,
    buf: &mut dyn Write,
) -> std::io::Result<()> {
    let mut path = PathBuf::from(completer);
    if path.components().count() > 1
        && let Ok(cwd) = std::env::current_dir()
    {
        path = cwd.join(path);
    }
    shell.write_registration(VAR, "netwerk", "netwerk", &path.to_string_lossy(), buf)
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
fn unquote(word: &str) -> String {
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

/// Bash, as clap_complete's adapter does it, but safe with names: the
/// words arrive as typed (quotes and all) and are unquoted here; the
/// candidates are read without globbing, and bash quotes what it
/// inserts (`Ada\ Lovelace`, or inside the quote the user opened).
/// Flags are offered once a `-` is typed.
struct Bash;

impl EnvCompleter for Bash {
    fn name(&self) -> &'static str {
        "bash"
    }

    fn is(&self, name: &str) -> bool {
        name == "bash"
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let completer = shlex::try_quote(completer).unwrap_or(completer.into());
        let script = BASH
            .replace("NAME", &name.replace('-', "_"))
            .replace("BIN", bin)
            .replace("COMPLETER", &completer)
            .replace("VAR", var);
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let index = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        let args: Vec<OsString> = args
            .iter()
            .map(|a| OsString::from(unquote(&a.to_string_lossy())))
            .collect();
        let typed_flag = args
            .get(index)
            .is_some_and(|a: &OsString| a.to_string_lossy().starts_with('-'));
        let mut found = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        // Flags only once a `-` asks for them, as git's completion does,
        // unless nothing else fits.
        let flag = |c: &CompletionCandidate| c.get_value().to_string_lossy().starts_with('-');
        if !typed_flag && found.iter().any(|c| !flag(c)) {
            found.retain(|c| !flag(c));
        }
        for (i, candidate) in found.iter().enumerate() {
            if i > 0 {
                buf.write_all(b"\x0b")?;
            }
            buf.write_all(candidate.get_value().to_string_lossy().as_bytes())?;
        }
        Ok(())
    }
}

/// The bash registration (see [`Bash`]).
const BASH: &str = r#"
_clap_complete_NAME() {
    local IFS=$'\013'
    local words=("${COMP_WORDS[@]}")
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        words[COMP_CWORD]="$2"
    fi
    local found
    found=$(_CLAP_COMPLETE_INDEX="$COMP_CWORD" VAR="bash" COMPLETER -- "${words[@]}" 2>/dev/null) || return
    COMPREPLY=()
    [[ -n "$found" ]] && read -r -d '' -a COMPREPLY < <(printf '%s' "$found")
    compopt -o filenames 2>/dev/null
    if [[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" =~ [=/:]$ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -o bashdefault -F _clap_complete_NAME BIN
"#;
