//! Shell completion that knows the data: contact names after commands
//! that take a contact, item titles after those that take an item, and
//! the values of `--kind` and `--state`. Built on clap_complete's dynamic
//! completion: the script `netwerk completions SHELL` prints calls
//! `COMPLETE=SHELL netwerk -- WORDS…` at each Tab, which [`if_asked`]
//! answers before anything else runs.
//!
//! The candidates themselves (names, titles, kinds) are in
//! `candidates.rs`, which the argument declarations name.

use super::args::Cli;
use super::candidates;
use super::out;
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{EnvCompleter, Shells};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
            candidates::read_source(&words);
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
            .map(|a| OsString::from(candidates::unquote(&a.to_string_lossy())))
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
