//! Parsing a table file one record at a time.
//!
//! The `toml` crate builds a document tree of the whole file before
//! deserialising it; for 30,000 contacts that tree alone would break the
//! memory bar. Files netwerk writes put each record under its own
//! `[[contact]]` (or `[[item]]`) header line, so they can be cut at those
//! lines and each piece parsed alone, with only one small tree alive —
//! or none: a piece in the plain shape netwerk writes is read by
//! [`super::record`], several times faster, and only other pieces go
//! through the `toml` crate.
//!
//! Cutting is safe because of what such a line can be. Outside a string it
//! always starts a new record at the top level, so every piece means what
//! it meant in the whole file. Inside a multi-line string (the only other
//! place it can sit) the cut leaves that string unterminated, so the piece
//! fails to parse. Any failure, or a file of another shape, returns `None`
//! and the caller parses the whole file, which gives the same records or
//! the precise `line:col` error.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// What may precede the first record: only the format line (and comments).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    #[serde(rename = "format")]
    _format: u32,
}

/// The records under `[[key]]` headers, or `None` if the file must be
/// parsed whole. `plain` reads a piece in the plain shape netwerk writes
/// (see [`super::record`]), or says `None` to leave it to the `toml`
/// crate.
pub fn records<T: DeserializeOwned + Send>(
    text: &str,
    key: &str,
    plain: fn(&str) -> Option<T>,
) -> Option<Vec<T>> {
    let header = format!("\n[[{key}]]\n");
    let mut starts: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), &header)
        .map(|i| i + 1)
        .collect();
    // The head, which also checks that no record hides before the first
    // header (an inline `contact = [...]` would make the file invalid).
    let first = *starts.first()?;
    toml::from_str::<Head>(&text[..first]).ok()?;
    starts.push(text.len());
    // `room` for as many records as will be added to the result.
    let parse = |bounds: &[usize], room: usize| -> Option<Vec<T>> {
        let mut out = Vec::with_capacity(room);
        for w in bounds.windows(2) {
            let piece = &text[w[0]..w[1]];
            if let Some(record) = plain(piece) {
                out.push(record);
                continue;
            }
            let mut parsed: HashMap<String, Vec<T>> = toml::from_str(piece).ok()?;
            if parsed.len() != 1 {
                return None;
            }
            out.append(parsed.get_mut(key)?);
        }
        Some(out)
    };
    // Pieces are independent, so a big file is parsed on two threads
    // (the first launch after the files changed waits for this).
    if starts.len() < PARALLEL_FROM {
        return parse(&starts, starts.len() - 1);
    }
    let mid = starts.len() / 2;
    // The halves share the boundary `starts[mid]`.
    let (first_half, second_half) = (&starts[..=mid], &starts[mid..]);
    std::thread::scope(|s| {
        let second = s.spawn(|| parse(second_half, second_half.len() - 1));
        // Room for both halves: appending the second moves no record twice.
        let mut out = parse(first_half, starts.len() - 1)?;
        // A panic there is a bug; surface it as one.
        let second = second
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        out.append(&mut second?);
        Some(out)
    })
}

/// Below this many records one thread is quicker than two.
const PARALLEL_FROM: usize = 2_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct R {
        id: String,
        #[serde(default)]
        notes: Option<String>,
        #[serde(default)]
        links: Vec<L>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct L {
        url: String,
    }

    fn plain(piece: &str) -> Option<R> {
        super::super::record::record(piece, "r")
    }

    #[test]
    fn splits_records_with_their_sub_tables() {
        let text = "# c\nformat = 1\n\n[[r]]\nid = \"a\"\n\n[[r.links]]\nurl = \"u\"\n\n[[r]]\nid = \"b\"\n";
        let got: Vec<R> = records(text, "r", plain).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].links, [L { url: "u".into() }]);
        assert_eq!(got[1].id, "b");
    }

    #[test]
    fn a_big_file_parsed_on_two_threads_keeps_order_and_refusals() {
        let mut text = String::from("format = 1\n");
        for i in 0..(PARALLEL_FROM + 7) {
            text.push_str(&format!("\n[[r]]\nid = \"{i}\"\n"));
        }
        let got: Vec<R> = records(&text, "r", plain).unwrap();
        let ids: Vec<String> = got.into_iter().map(|r| r.id).collect();
        let want: Vec<String> = (0..(PARALLEL_FROM + 7)).map(|i| i.to_string()).collect();
        assert_eq!(ids, want);
        // A bad record in the second half still sends the caller to a
        // whole parse.
        text.push_str("\n[[r]]\nid = 5\n");
        assert!(records::<R>(&text, "r", plain).is_none());
    }

    #[test]
    fn refuses_what_only_a_whole_parse_can_judge() {
        // A header line inside a multi-line string.
        let text = "format = 1\n\n[[r]]\nid = \"a\"\nnotes = \"\"\"\n[[r]]\nid = \"b\"\n\"\"\"\n";
        assert!(records::<R>(text, "r", plain).is_none());
        let whole: HashMap<String, Vec<R>> = toml::from_str(&text[11..]).unwrap();
        assert_eq!(whole["r"].len(), 1);
        // Records before the first header, other tables, no headers at all.
        assert!(records::<R>("format = 1\nr = []\n\n[[r]]\nid = \"a\"\n", "r", plain).is_none());
        assert!(records::<R>("format = 1\n\n[[r]]\nid = \"a\"\n[x]\n", "r", plain).is_none());
        assert!(records::<R>("format = 1\n", "r", plain).is_none());
    }
}
