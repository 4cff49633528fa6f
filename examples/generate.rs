//! Writes a realistic generated network into a data directory:
//!
//! ```sh
//! cargo run --release --example generate -- --contacts 30000 --items 5000 \
//!     --history 100000 --seed 1 --out /tmp/netwerk-big
//! netwerk --data /tmp/netwerk-big contact list
//! ```
//!
//! The same sizes, seed and `--now` always give the same files.

use clap::Parser;
use netwerk::generate::{self, Sizes};
use std::path::PathBuf;
use std::process::ExitCode;

/// Generate a network of any size for benchmarks and demos.
#[derive(Debug, Parser)]
struct Args {
    /// Number of contacts.
    #[arg(long, default_value_t = 30_000)]
    contacts: usize,
    /// Number of content items.
    #[arg(long, default_value_t = 5_000)]
    items: usize,
    /// Number of history entries.
    #[arg(long, default_value_t = 100_000)]
    history: usize,
    /// Seed for the random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The time the history leads up to (RFC 3339); default: NETWERK_NOW,
    /// else now.
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
    /// The data directory to create; must not hold a network already.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let clock = match args.now.as_deref() {
        Some(t) => netwerk::clock::Clock::parse(t),
        None => netwerk::clock::Clock::from_env(),
    };
    let now = match clock {
        Ok(c) => c.now(),
        Err(e) => {
            eprintln!("generate: {e}");
            return ExitCode::from(2);
        }
    };
    let sizes = Sizes {
        contacts: args.contacts,
        items: args.items,
        history: args.history,
    };
    let network = generate::network(sizes, args.seed, now);
    if let Err(e) = generate::write(&args.out, &network) {
        eprintln!("generate: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {} contacts, {} items and {} history entries to {}",
        sizes.contacts,
        sizes.items,
        sizes.history,
        args.out.display()
    );
    ExitCode::SUCCESS
}
