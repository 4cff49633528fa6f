//! `netwerk man [--dir DIR]`: the manual pages, generated from the same
//! clap declaration as `--help`, so they never drift from it.

use super::failure::{self, CliResult, Failure};
use super::out::{self, say};
use std::path::Path;

/// Prints `netwerk(1)`, or with `dir` writes it and one page per command
/// (`netwerk-share.1`, `netwerk-contact-add.1` …) there, the layout git
/// and cargo use, so `man netwerk-share` finds its page.
pub fn run(command: clap::Command, dir: Option<&Path>) -> CliResult {
    let Some(dir) = dir else {
        return out::generated(&render(&command)?).map_err(failure::io);
    };
    std::fs::create_dir_all(dir).map_err(|e| Failure::new(format!("{}: {e}", dir.display())))?;
    let mut written = 0;
    write_pages(command, "netwerk", dir, &mut written)?;
    say!("Wrote {written} manual pages to {}", dir.display())
}

/// Writes the page of `command`, typed as `typed` (`netwerk contact add`),
/// as `netwerk-contact-add.1`, then its subcommands' pages.
fn write_pages(command: clap::Command, typed: &str, dir: &Path, written: &mut usize) -> CliResult {
    let name = typed.replace(' ', "-");
    let path = dir.join(format!("{name}.1"));
    let page = render(&command.clone().display_name(&name).bin_name(typed))?;
    std::fs::write(&path, page).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
    *written += 1;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let typed = format!("{typed} {}", sub.get_name());
        write_pages(sub.clone(), &typed, dir, written)?;
    }
    Ok(())
}

/// One page in roff.
fn render(command: &clap::Command) -> Result<Vec<u8>, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .source(concat!("netwerk ", env!("CARGO_PKG_VERSION")))
        .render(&mut page)
        .map_err(failure::io)?;
    Ok(page)
}
