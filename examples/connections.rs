//! Writes a LinkedIn-shaped `Connections.csv` with N rows (default 30,000,
//! LinkedIn's connection cap) to stdout, for timing `netwerk import`:
//!
//! ```sh
//! cargo run --release --example connections -- 30000 > /tmp/Connections.csv
//! time target/release/netwerk --data /tmp/nw import linkedin /tmp/Connections.csv
//! ```
//!
//! Deterministic: the same N gives the same file. Rows carry the quirks of
//! real exports (BOM, `Notes:` preamble, CRLF, quoted commas, non-ASCII
//! names, mostly empty e-mails, repeated names with different profiles).

use std::io::{self, BufWriter, Write};

const FIRST: [&str; 8] = [
    "Ada", "Grace", "José", "Zoë", "Linus", "Margaret", "Wei", "Søren",
];
const LAST: [&str; 8] = [
    "Lovelace",
    "Hopper",
    "Núñez",
    "Müller",
    "Torvalds",
    "Hamilton",
    "Zhang",
    "Kierkegaard",
];
const COMPANIES: [&str; 5] = [
    "Analytical Engines",
    "\"Linux Foundation, Inc.\"",
    "US Navy",
    "Straßenbau GmbH",
    "",
];
const ROLES: [&str; 4] = ["Engineer", "\"Founder, CEO\"", "Rear Admiral", "Poet"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn main() -> io::Result<()> {
    let rows: usize = match std::env::args().nth(1) {
        Some(n) => n
            .parse()
            .map_err(|e| io::Error::other(format!("{n:?}: {e}")))?,
        None => 30_000,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all("\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\n".as_bytes())?;
    write!(
        out,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    )?;
    for i in 0..rows {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let email = if i % 10 == 0 {
            format!("person{i}@example.com")
        } else {
            String::new()
        };
        write!(
            out,
            "{first},{last},https://www.linkedin.com/in/person-{i:05},{email},{},{},{:02} {} {}\r\n",
            COMPANIES[i % COMPANIES.len()],
            ROLES[i % ROLES.len()],
            1 + i % 28,
            MONTHS[i % 12],
            2010 + i % 15,
        )?;
    }
    out.flush()
}
