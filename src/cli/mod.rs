//! The command line: a thin front end on the core. `run` parses the
//! arguments, resolves the context and dispatches to one file per command
//! group. Everything it prints goes through [`out`].

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod args;
pub mod ask;
pub mod candidates;
pub mod complete;
pub mod contact;
pub mod context;
pub mod digest;
pub mod doctor;
pub mod export;
pub mod failure;
pub mod feed;
pub mod history;
pub mod import;
pub mod inbox;
pub mod insight;
pub mod intro;
pub mod manual;
pub mod moment;
pub mod out;
pub mod queue;
pub mod search;
pub mod share;
pub mod sync;
pub mod triage;
pub mod undo;
pub mod view;

use args::{Cli, Command};
use clap::{CommandFactory, Parser};
use context::Ctx;
use failure::{CliResult, Failure};
use std::process::ExitCode;

/// Parses the process arguments and runs the command; returns the exit
/// status (0 ok, 1 failure, 2 usage error).
pub fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == crate::clipboard::HOLD_ARG)
    {
        return crate::clipboard::hold();
    }
    if let Some(code) = complete::if_asked() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with status 0, and usage
            // errors to stderr with status 2; an error may quote an
            // argument, which a script may have taken from the data.
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            out::note_text(e.render().to_string().trim_end());
            return ExitCode::from(2);
        }
    };
    match failure::quiet_on_closed_pipe(|| run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                out::error(&f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> CliResult {
    let config = cli.config.as_deref();
    let Some(command) = cli.command else {
        return crate::tui::launch(cli.data.as_deref(), config, cli.demo)
            .map_err(|stop| Failure::new(stop.0));
    };
    // `--demo COMMAND` runs on a fresh copy of the sample network, so any
    // example can be tried without personal data; nothing is kept.
    let demo = match cli.demo {
        true => {
            let now = crate::clock::Clock::from_env().map_err(Failure::new)?.now();
            Some(crate::demo::throwaway(now)?)
        }
        false => None,
    };
    let data = match &demo {
        Some(dir) => Some(dir.path()),
        None => cli.data.as_deref(),
    };
    match command {
        Command::Doctor => doctor::run(data, config),
        // Run by git on temp files: no data directory, no config.
        Command::MergeDriver(args) => sync::merge_driver(args),
        Command::Sync(args) => sync::run(&Ctx::new(data, config)?, args),
        Command::Resolve(args) => sync::resolve(&Ctx::new(data, config)?, args),
        Command::Completions { shell } => complete::script(shell).map_err(failure::io),
        Command::Man { dir } => manual::run(Cli::command(), dir.as_deref()),
        Command::Contact(cmd) => contact::run(&Ctx::new(data, config)?, cmd),
        Command::Interest(cmd) => contact::run_interest(&Ctx::new(data, config)?, cmd),
        Command::Queue(cmd) => queue::run(&Ctx::new(data, config)?, cmd),
        Command::Feed(cmd) => feed::run(&Ctx::new(data, config)?, cmd),
        Command::Inbox(args) => inbox::run(&Ctx::new(data, config)?, args),
        Command::Log(args) => history::log(&Ctx::new(data, config)?, args),
        Command::History(args) => history::history(&Ctx::new(data, config)?, args),
        Command::Share(args) => share::run(&Ctx::new(data, config)?, args),
        Command::Intro(args) => intro::run(&Ctx::new(data, config)?, args),
        Command::Ask(cmd) => ask::run(&Ctx::new(data, config)?, cmd),
        Command::Moment(cmd) => moment::run(&Ctx::new(data, config)?, cmd),
        Command::Digest(args) => digest::run(&Ctx::new(data, config)?, args),
        Command::Due(args) => insight::due(&Ctx::new(data, config)?, args),
        Command::Suggest(args) => insight::suggest(&Ctx::new(data, config)?, args),
        Command::Triage(cmd) => triage::run(&Ctx::new(data, config)?, cmd),
        Command::Stats { json } => insight::stats(&Ctx::new(data, config)?, json.json),
        Command::Import(cmd) => import::run(&Ctx::new(data, config)?, cmd),
        Command::Export(args) => export::run(&Ctx::new(data, config)?, args),
        Command::Search(args) => search::run(&Ctx::new(data, config)?, args),
        Command::Undo(args) => undo::run(&Ctx::new(data, config)?, args, false),
        Command::Redo(args) => undo::run(&Ctx::new(data, config)?, args, true),
    }
}
