//! A direct reader for the `[[contact]]` records netwerk writes.
//!
//! [`super::record`] reads a record through serde, line by line; for
//! 30,000 contacts the visitors, the per-line values and the field
//! lookups were a good part of a launch without snapshots. This reader
//! walks the same plain corner of TOML straight into a [`Contact`],
//! with the same value readers, and like them it never decides anything
//! on its own: whatever it does not expect — an unknown or repeated key,
//! a value of another type, a date it does not read, a table other than
//! `[[contact.links]]`, a carriage return — returns `None`, and the
//! record goes the old way (serde, then the `toml` crate, which reports
//! any error with its line). So a contact read here is always the one
//! the `toml` crate would read; a property test compares them.

use super::record::{blanks, comment_ok, integer, string};
use crate::domain::when::plain_day;
use crate::domain::{Contact, ContactId, ContactState, Link, LinkKind};
use chrono::NaiveDate;

/// The contact in `piece`, which starts with the line `[[contact]]` and
/// runs up to the next one; `None` to leave it to the general reader.
pub fn contact(piece: &str) -> Option<Contact> {
    let mut rest = piece.strip_prefix("[[contact]]\n")?;
    let mut c = Fields::default();
    // The `[[contact.links]]` table being read, once one has started:
    // from then on every key belongs to a link.
    let mut link: Option<(Option<LinkKind>, Option<String>)> = None;
    loop {
        let line = blanks(rest);
        match line.as_bytes().first() {
            None => break,
            Some(b'\n') => {
                rest = &line[1..];
                continue;
            }
            Some(b'#') => {
                let (comment, after) = split_line(line);
                if !comment_ok(comment) {
                    return None;
                }
                rest = after;
                continue;
            }
            Some(b'[') => {
                let (header, after) = split_line(line);
                if header.trim_end_matches([' ', '\t']) != "[[contact.links]]" {
                    return None;
                }
                if let Some(done) = link.take() {
                    c.links.push(finish_link(done)?);
                }
                link = Some((None, None));
                rest = after;
                continue;
            }
            Some(_) => {}
        }
        let end = line
            .bytes()
            .position(|b| !BARE_KEY[usize::from(b)])
            .unwrap_or(line.len());
        let (key, after) = line.split_at(end);
        let value = blanks(blanks(after).strip_prefix('=')?);
        let after = match &mut link {
            Some((kind, url)) => match key {
                "kind" => {
                    let (text, after) = string(value)?;
                    set(kind, link_kind(&text)?)?;
                    after
                }
                "url" => {
                    let (text, after) = string(value)?;
                    set(url, text.into_owned())?;
                    after
                }
                _ => return None,
            },
            None => c.field(key, value)?,
        };
        rest = line_end(after)?;
    }
    if let Some(done) = link {
        c.links.push(finish_link(done)?);
    }
    c.finish()
}

/// The bytes a bare key is made of.
const BARE_KEY: [bool; 256] = {
    let mut bare = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        bare[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    bare
};

/// The line at the start of `s` without its newline, and what follows.
fn split_line(s: &str) -> (&str, &str) {
    match memchr::memchr(b'\n', s.as_bytes()) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    }
}

/// What follows a value on its line: blanks and perhaps a comment, then
/// the newline. Returns the next line, or `None` if anything else does.
fn line_end(after: &str) -> Option<&str> {
    let after = blanks(after);
    match after.as_bytes().first() {
        None => Some(after),
        Some(b'\n') => Some(&after[1..]),
        Some(b'#') => {
            let (comment, next) = split_line(after);
            comment_ok(comment).then_some(next)
        }
        Some(_) => None,
    }
}

/// Fills an empty slot; a key given twice is not plain.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

fn finish_link((kind, url): (Option<LinkKind>, Option<String>)) -> Option<Link> {
    Some(Link {
        kind: kind?,
        url: url?,
    })
}

/// A kind exactly as netwerk writes it; anything else goes to `toml`.
fn link_kind(name: &str) -> Option<LinkKind> {
    LinkKind::ALL.into_iter().find(|k| k.as_str() == name)
}

/// A contact's fields as they are read.
#[derive(Default)]
struct Fields {
    id: Option<String>,
    name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    degree: Option<u8>,
    company: Option<String>,
    role: Option<String>,
    email: Option<String>,
    interests: Option<Vec<String>>,
    met: Option<String>,
    cadence_days: Option<u32>,
    notes: Option<String>,
    added: Option<NaiveDate>,
    connected: Option<NaiveDate>,
    state: Option<ContactState>,
    links: Vec<Link>,
}

impl Fields {
    /// Reads the value of `key` at the start of `value`; returns what
    /// follows it on the line.
    fn field<'a>(&mut self, key: &str, value: &'a str) -> Option<&'a str> {
        let text = |slot: &mut Option<String>| -> Option<&'a str> {
            let (text, after) = string(value)?;
            set(slot, text.into_owned())?;
            Some(after)
        };
        let day = |slot: &mut Option<NaiveDate>| -> Option<&'a str> {
            let (text, after) = string(value)?;
            set(slot, plain_day(&text)?)?;
            Some(after)
        };
        match key {
            "id" => text(&mut self.id),
            "name" => text(&mut self.name),
            "given_name" => text(&mut self.given_name),
            "family_name" => text(&mut self.family_name),
            "company" => text(&mut self.company),
            "role" => text(&mut self.role),
            "email" => text(&mut self.email),
            "met" => text(&mut self.met),
            "notes" => text(&mut self.notes),
            "added" => day(&mut self.added),
            "connected" => day(&mut self.connected),
            "degree" => {
                let (n, after) = number(value)?;
                set(&mut self.degree, u8::try_from(n).ok()?)?;
                Some(after)
            }
            "cadence_days" => {
                let (n, after) = number(value)?;
                set(&mut self.cadence_days, u32::try_from(n).ok()?)?;
                Some(after)
            }
            "state" => {
                let (text, after) = string(value)?;
                let state = match &*text {
                    "active" => ContactState::Active,
                    "untriaged" => ContactState::Untriaged,
                    "dormant" => ContactState::Dormant,
                    _ => return None,
                };
                set(&mut self.state, state)?;
                Some(after)
            }
            "interests" => {
                let (list, after) = strings(value)?;
                set(&mut self.interests, list)?;
                Some(after)
            }
            _ => None,
        }
    }

    fn finish(self) -> Option<Contact> {
        Some(Contact {
            id: ContactId(self.id?),
            name: self.name?,
            given_name: self.given_name,
            family_name: self.family_name,
            degree: self.degree.unwrap_or(1),
            company: self.company,
            role: self.role,
            email: self.email,
            interests: self.interests.unwrap_or_default(),
            met: self.met,
            cadence_days: self.cadence_days,
            notes: self.notes,
            added: self.added?,
            connected: self.connected,
            state: self.state.unwrap_or_default(),
            // A merged record is rare: its `merged` key is left to the
            // general reader.
            merged: Vec::new(),
            // Notes a merge left are rare too.
            conflicts: Vec::new(),
            links: self.links,
        })
    }
}

/// An integer as the general reader takes it: the run up to a blank, a
/// comment or the end of the line.
fn number(value: &str) -> Option<(i64, &str)> {
    let end = value
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t' | b'#' | b'\n'))
        .unwrap_or(value.len());
    let (digits, after) = value.split_at(end);
    Some((integer(digits)?, after))
}

/// A one-line array of strings, as the general reader takes it.
fn strings(value: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = blanks(value.strip_prefix('[')?);
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return Some((items, after));
    }
    loop {
        let (text, after) = string(rest)?;
        items.push(text.into_owned());
        let after = blanks(after);
        if let Some(after) = after.strip_prefix(']') {
            return Some((items, after));
        }
        rest = blanks(after.strip_prefix(',')?);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn by_toml(piece: &str) -> Option<Contact> {
        super::super::record::by_toml(piece, "contact")
    }

    #[test]
    fn reads_every_field_as_toml_does() {
        for piece in [
            "[[contact]]\nid = \"c1\"\nname = \"Ana\"\nadded = \"2026-01-02\"\n",
            concat!(
                "[[contact]]\n",
                "id = \"c2\"\n",
                "name = \"José \\\"Pepe\\\" Núñez \\u00e9\\U0001F600\"   # comment\n",
                "given_name = \"José\"\n",
                "family_name = 'Núñez'\n",
                "degree = 3\n",
                "company = 'Lit\\eral \"Co\"'\n",
                "role = \"\"\n",
                "email = \"j@example.com\"\n",
                "\n",
                "# a comment line\n",
                "interests = [ \"rust\" , 'go',\"王\"]\n",
                "met = \"RustConf\\tday two\"\n",
                "cadence_days = 4294967295\n",
                "notes = \"line\\nbreak back\\\\slash\"\n",
                "  added = \"2024-02-29\"\n",
                "connected = \"2023-12-31\"\n",
                "state = \"dormant\"\n",
                "\n",
                "[[contact.links]]\n",
                "kind = \"github\"\n",
                "url = \"https://github.com/jose\"\n",
                "\n",
                "  [[contact.links]]  \n",
                "url = \"https://x.com/jose\" # after\n",
                "kind = \"x\"\n",
            ),
            "[[contact]]\nid = \"c3\"\nname = \"N\"\ndegree = +0\ninterests = []\nadded = \"2026-01-02\"\nstate = \"untriaged\"\n",
        ] {
            let fast = contact(piece);
            assert!(fast.is_some(), "{piece:?} is in the plain corner");
            assert_eq!(fast, by_toml(piece), "{piece:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_the_general_readers() {
        let base = "[[contact]]\nid = \"c1\"\nname = \"Ana\"\nadded = \"2026-01-02\"\n";
        assert!(contact(base).is_some());
        for extra in [
            "name = \"again\"\n",
            "given_name = 1\n",
            "nickname = \"x\"\n",
            "degree = 300\n",
            "degree = -1\n",
            "degree = \"2\"\n",
            "cadence_days = -1\n",
            "cadence_days = 4294967296\n",
            "cadence_days = 1_0\n",
            "state = \"Dormant\"\n",
            "state = \"gone\"\n",
            "connected = \"2026-02-30\"\n",
            "connected = 2026-01-01\n",
            "connected = \"2026-1-1\"\n",
            "interests = [\n\"x\"]\n",
            "interests = [\"x\",]\n",
            "interests = [1]\n",
            "links = []\n",
            "email = \"a\" x\n",
            "email = \"a\"\r\n",
            "email = \"\"\"a\"\"\"\n",
            "email = \"a\\e\"\n",
            "email = \"a\u{1}\"\n",
            "# bad \u{1} comment\n",
            "a.b = 1\n",
            "\"email\" = \"a\"\n",
            "[contact.links]\nkind = \"x\"\nurl = \"u\"\n",
            "[[contact.other]]\nkind = \"x\"\n",
            "[[contact.links]]\nkind = \"x\"\n",
            "[[contact.links]]\nurl = \"u\"\n",
            "[[contact.links]]\nkind = \"LinkedIn\"\nurl = \"u\"\n",
            "[[contact.links]]\nkind = \"x\"\nurl = \"u\"\nlabel = \"l\"\n",
            "[[contact.links]]\nkind = \"x\"\nkind = \"x\"\nurl = \"u\"\n",
            "[[contact.links]]\nkind = \"x\"\nurl = \"u\"\nname = \"moved\"\n",
        ] {
            let piece = format!("{base}{extra}");
            assert_eq!(contact(&piece), None, "{piece:?}");
        }
        for missing in ["id", "name", "added"] {
            let piece: String = base
                .lines()
                .filter(|l| !l.starts_with(missing))
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(contact(&piece), None, "{piece:?}");
        }
        assert_eq!(contact("[[contacts]]\nid = \"c1\"\n"), None);
        assert_eq!(contact("[[contact]]"), None);
    }

    #[test]
    fn reads_a_generated_network_exactly_as_toml_does() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00+01:00").unwrap();
        let sizes = crate::generate::Sizes {
            contacts: 400,
            items: 0,
            history: 0,
        };
        let network = crate::generate::network(sizes, 7, now);
        let text = crate::format::tables::render_contacts(&network.contacts);
        let pieces: Vec<&str> = text.split("\n[[contact]]\n").skip(1).collect();
        assert_eq!(pieces.len(), network.contacts.len());
        let by_id: HashMap<&str, &Contact> = network
            .contacts
            .iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        for piece in pieces {
            let piece = format!("[[contact]]\n{piece}");
            let fast = contact(&piece).expect("a contact netwerk wrote is plain");
            assert_eq!(Some(&&fast), by_id.get(fast.id.as_str()), "{piece}");
            assert_eq!(Some(fast), by_toml(&piece));
        }
    }
}
