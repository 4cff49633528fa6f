//! `contacts.toml` and `queue.toml`: the hand-editable source of truth.
//! Output is deterministic — records sorted by id, fields in a fixed
//! order — so a data directory kept in git diffs and merges cleanly.

use crate::disk::error::StoreError;
use crate::domain::{Contact, FieldError, Item, validate};
use crate::format::toml_error;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The newest format version this build reads and writes.
pub const FORMAT: u32 = 1;

/// The file's shape. `R` is `Vec<Contact>` when parsing and borrowed
/// records when rendering, so a save of 30,000 contacts copies none.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactsFile<R> {
    format: u32,
    #[serde(default)]
    contact: R,
}

/// See [`ContactsFile`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueFile<R> {
    format: u32,
    #[serde(default)]
    item: R,
}

const CONTACTS_HEADER: &str =
    "# netwerk contacts. Hand edits are welcome; keep each [[contact]] id unique.\n";
const QUEUE_HEADER: &str =
    "# netwerk content queue. Hand edits are welcome; keep each [[item]] id unique.\n";

/// Reads the `format = N` line before the first table, so a file from a
/// newer netwerk is refused with a clear message instead of a confusing
/// "unknown field" error.
pub fn check_version(path: &Path, text: &str) -> Result<(), StoreError> {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            break;
        }
        if let Some(rest) = line.strip_prefix("format")
            && let Some(value) = rest.trim_start().strip_prefix('=')
            && let Ok(found) = value.trim().parse::<u32>()
            && found > FORMAT
        {
            return Err(StoreError::Version {
                path: path.to_path_buf(),
                line: i + 1,
                found,
                supported: FORMAT,
            });
        }
    }
    Ok(())
}

/// The line on which `id = "<id>"` occurs for the `nth` time (0-based),
/// to point at a bad record.
fn line_of_id(text: &str, id: &str, nth: usize) -> usize {
    let needle = format!("\"{id}\"");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("id") && l.contains(&needle))
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

/// Line and column of the `n`th (0-based) `[[table]]` record's id value,
/// found by the record's place in the file: a bad id may be written with
/// escapes, so its text cannot be searched for. The record's header line
/// if it has no `id = ` line of its own.
fn place_of_record_id(text: &str, table: &str, n: usize) -> (usize, usize) {
    let header = format!("[[{table}]]");
    let mut lines = text.lines().enumerate();
    let Some((at, _)) = lines.by_ref().filter(|(_, l)| l.trim() == header).nth(n) else {
        return (1, 1);
    };
    for (i, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix("id")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let value = value.trim_start();
            let col = line[..line.len() - value.len()].chars().count() + 1;
            return (i + 1, col);
        }
    }
    (at + 1, 1)
}

/// Checks every record's id against the rule in [`crate::domain::id`].
fn check_ids<'a>(
    path: &Path,
    text: &str,
    table: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<(), StoreError> {
    for (n, id) in ids.enumerate() {
        if let Err(message) = crate::domain::id::check(id) {
            let (line, col) = place_of_record_id(text, table, n);
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                col,
                message,
            });
        }
    }
    Ok(())
}

fn invalid(path: &Path, line: usize, message: String) -> StoreError {
    StoreError::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Parses `contacts.toml` text and checks what serde cannot: unique ids
/// and the same field rules the forms enforce.
pub fn parse_contacts(path: &Path, text: &str) -> Result<Vec<Contact>, StoreError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    check_version(path, text)?;
    // Record by record when the file has the shape netwerk writes: far
    // less memory than one document tree for the whole file.
    let contacts = match super::plain::chunked::records(text, "contact", |piece| {
        super::plain::contact::contact(piece)
            .or_else(|| super::plain::record::record(piece, "contact"))
    }) {
        Some(contacts) => contacts,
        None => {
            let file: ContactsFile<Vec<Contact>> =
                toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
            file.contact
        }
    };
    check_ids(
        path,
        text,
        "contact",
        contacts.iter().map(|c| c.id.as_str()),
    )?;
    let mut seen: FxHashMap<&str, ()> = FxHashMap::default();
    seen.reserve(contacts.len());
    for c in &contacts {
        let id = c.id.as_str();
        if seen.insert(id, ()).is_some() {
            return Err(invalid(
                path,
                line_of_id(text, id, 1),
                format!("duplicate contact id {id:?}"),
            ));
        }
        let problem = validate::check_required("name", &c.name)
            .err()
            .or_else(|| validate::degree(c.degree).err())
            .or_else(|| c.cadence_days.and_then(|d| validate::cadence(d).err()))
            .or_else(|| contact_lengths(c).err());
        if let Some(e) = problem {
            return Err(invalid(
                path,
                line_of_id(text, id, 0),
                format!("contact {id}: {e}"),
            ));
        }
    }
    Ok(contacts)
}

/// Parses `queue.toml` text and checks unique ids and unique URLs.
pub fn parse_items(path: &Path, text: &str) -> Result<Vec<Item>, StoreError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    check_version(path, text)?;
    let items = match super::plain::chunked::records(text, "item", |piece| {
        super::plain::record::record(piece, "item")
    }) {
        Some(items) => items,
        None => {
            let file: QueueFile<Vec<Item>> =
                toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
            file.item
        }
    };
    check_ids(path, text, "item", items.iter().map(|i| i.id.as_str()))?;
    let mut ids: FxHashMap<&str, ()> = FxHashMap::default();
    ids.reserve(items.len());
    let mut urls: FxHashMap<&str, &str> = FxHashMap::default();
    urls.reserve(items.len());
    for i in &items {
        let id = i.id.as_str();
        if ids.insert(id, ()).is_some() {
            return Err(invalid(
                path,
                line_of_id(text, id, 1),
                format!("duplicate item id {id:?}"),
            ));
        }
        if let Some(first) = urls.insert(&i.url, id) {
            return Err(invalid(
                path,
                line_of_id(text, id, 0),
                format!("item {id} has the same URL as item {first}: {}", i.url),
            ));
        }
        if let Err(e) = validate::web_url("url", &i.url).and_then(|_| item_lengths(i)) {
            return Err(invalid(
                path,
                line_of_id(text, id, 0),
                format!("item {id}: {e}"),
            ));
        }
    }
    Ok(items)
}

/// The length limits the forms enforce (lengths only, not shapes), so a
/// paste accident in a hand edit — a 50 MB note — is refused with its
/// line instead of being dragged through every screen and save.
fn contact_lengths(c: &Contact) -> Result<(), FieldError> {
    for (field, value) in [
        ("given_name", &c.given_name),
        ("family_name", &c.family_name),
        ("company", &c.company),
        ("role", &c.role),
        ("email", &c.email),
        ("met", &c.met),
    ] {
        validate::fits_length(field, value.as_deref().unwrap_or(""), false)?;
    }
    validate::fits_length("notes", c.notes.as_deref().unwrap_or(""), true)?;
    for interest in &c.interests {
        validate::fits_length("interest", interest, false)?;
    }
    match c.links.iter().find(|l| l.url.len() > 4096) {
        Some(_) => Err(FieldError::new("link", "is longer than 4096 bytes")),
        None => Ok(()),
    }
}

/// See [`contact_lengths`].
fn item_lengths(i: &Item) -> Result<(), FieldError> {
    validate::fits_length("title", &i.title, false)?;
    validate::fits_length("comment", i.comment.as_deref().unwrap_or(""), true)?;
    for topic in &i.topics {
        validate::fits_length("topic", topic, false)?;
    }
    Ok(())
}

fn render<T: Serialize>(header: &str, file: &T) -> String {
    // Serialising plain data into TOML cannot fail for these types (no
    // maps with non-string keys); an empty fallback would lose data, so
    // treat failure as the bug it would be.
    let body = toml::to_string(file).expect("contacts and items always serialise to TOML");
    format!("{header}{body}")
}

/// Records are rendered per chunk rather than as one document: the TOML
/// serialiser builds a document tree of everything it renders, which for
/// 30,000 contacts was tens of megabytes held at once during a save. The
/// text is byte for byte what rendering the whole file gives (a test
/// checks it).
const RENDER_CHUNK: usize = 256;

/// The file's text, piece by piece into `out`: `whole` renders the
/// header, the format line and the first chunk; the rest follow as bare
/// `[[key]]` tables.
fn render_chunked<T: Serialize>(
    records: &[&T],
    whole: impl Fn(&[&T]) -> String,
    key: &str,
    out: &mut dyn FnMut(&str),
) {
    let mut chunks = records.chunks(RENDER_CHUNK);
    out(&whole(chunks.next().unwrap_or_default()));
    for chunk in chunks {
        let mut table = std::collections::BTreeMap::new();
        table.insert(key, chunk);
        out("\n");
        out(&render("", &table));
    }
}

/// The whole text of what `render_to` renders.
fn collect(render_to: impl FnOnce(&mut dyn FnMut(&str))) -> String {
    let mut text = String::new();
    render_to(&mut |piece| text.push_str(piece));
    text
}

/// Renders contacts deterministically (sorted by id).
pub fn render_contacts(contacts: &[Contact]) -> String {
    collect(|out| render_contacts_to(contacts, out))
}

/// Renders contacts like [`render_contacts`], a few hundred at a time into
/// `out`, so a save never holds the whole file's text (10 MB at 30,000
/// contacts, at the peak of the save's memory).
pub fn render_contacts_to(contacts: &[Contact], out: &mut dyn FnMut(&str)) {
    render_contact_refs_to(contacts.iter().collect(), out);
}

fn render_contact_refs_to(mut contact: Vec<&Contact>, out: &mut dyn FnMut(&str)) {
    contact.sort_by(|a, b| a.id.cmp(&b.id));
    let whole = |c: &[&Contact]| {
        render(
            CONTACTS_HEADER,
            &ContactsFile {
                format: FORMAT,
                contact: c,
            },
        )
    };
    render_chunked(&contact, whole, "contact", out);
}

/// Renders contacts the simple way, as one document: what
/// [`render_contacts`] must equal.
#[cfg(test)]
fn render_contacts_whole(contacts: &[Contact]) -> String {
    let mut contact: Vec<&Contact> = contacts.iter().collect();
    contact.sort_by(|a, b| a.id.cmp(&b.id));
    render(
        CONTACTS_HEADER,
        &ContactsFile {
            format: FORMAT,
            contact,
        },
    )
}

/// Renders items deterministically (sorted by id).
pub fn render_items(items: &[Item]) -> String {
    collect(|out| render_items_to(items, out))
}

/// Renders items like [`render_items`], a few hundred at a time into
/// `out`.
pub fn render_items_to(items: &[Item], out: &mut dyn FnMut(&str)) {
    render_item_refs_to(items.iter().collect(), out);
}

fn render_item_refs_to(mut item: Vec<&Item>, out: &mut dyn FnMut(&str)) {
    item.sort_by(|a, b| a.id.cmp(&b.id));
    let whole = |i: &[&Item]| {
        render(
            QUEUE_HEADER,
            &QueueFile {
                format: FORMAT,
                item: i,
            },
        )
    };
    render_chunked(&item, whole, "item", out);
}

/// What saving, merging and resolving need to know of a kind of record
/// a table file holds (one `[[KEY]]` table each). A new table file is a
/// type implementing this and a line in `merge::TABLES`.
pub trait TableRecord:
    Serialize + serde::de::DeserializeOwned + Clone + PartialEq + 'static
{
    /// The file in the data directory.
    const FILE: &'static str;
    /// The `[[key]]` of its tables.
    const KEY: &'static str;
    /// The comment line(s) netwerk writes at the top of the file.
    const HEADER: &'static str;
    /// The record's id, unique in the file.
    fn id(&self) -> &str;
    /// What a listing calls it: a name or a title.
    fn label(&self) -> &str;
    /// Parses the file's text (see [`parse_contacts`]).
    fn parse(path: &Path, text: &str) -> Result<Vec<Self>, StoreError>;
    /// Renders a whole file of these records, in the file's order, into `out`.
    fn render_to(records: Vec<&Self>, out: &mut dyn FnMut(&str));
    /// The notes a merge left on it (see [`Contact::conflicts`]).
    fn conflicts(&self) -> &[String];
    /// The same, to add to or clear.
    fn conflicts_mut(&mut self) -> &mut Vec<String>;
    /// A second key no two records of the file may share, if there is
    /// one (an item's address).
    fn unique_key(&self) -> Option<&str> {
        None
    }
    /// Whether two different changes to `field` are settled for one
    /// side without a note: values a fetch rewrites, not the user.
    fn quiet(_field: &str) -> bool {
        false
    }
}

impl TableRecord for Contact {
    const FILE: &'static str = "contacts.toml";
    const KEY: &'static str = "contact";
    const HEADER: &'static str = CONTACTS_HEADER;
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn parse(path: &Path, text: &str) -> Result<Vec<Self>, StoreError> {
        parse_contacts(path, text)
    }
    fn render_to(records: Vec<&Self>, out: &mut dyn FnMut(&str)) {
        render_contact_refs_to(records, out)
    }
    fn conflicts(&self) -> &[String] {
        &self.conflicts
    }
    fn conflicts_mut(&mut self) -> &mut Vec<String> {
        &mut self.conflicts
    }
}

impl TableRecord for Item {
    const FILE: &'static str = "queue.toml";
    const KEY: &'static str = "item";
    const HEADER: &'static str = QUEUE_HEADER;
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn label(&self) -> &str {
        &self.title
    }
    fn parse(path: &Path, text: &str) -> Result<Vec<Self>, StoreError> {
        parse_items(path, text)
    }
    fn render_to(records: Vec<&Self>, out: &mut dyn FnMut(&str)) {
        render_item_refs_to(records, out)
    }
    fn conflicts(&self) -> &[String] {
        &self.conflicts
    }
    fn conflicts_mut(&mut self) -> &mut Vec<String> {
        &mut self.conflicts
    }
    fn unique_key(&self) -> Option<&str> {
        Some(&self.url)
    }
}

#[cfg(test)]
mod render_tests {
    use super::*;

    #[test]
    fn chunked_rendering_equals_rendering_the_whole_file() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
        for contacts in [0, 1, RENDER_CHUNK, RENDER_CHUNK + 1, 3 * RENDER_CHUNK + 17] {
            let sizes = crate::generate::Sizes {
                contacts,
                items: contacts,
                history: 0,
            };
            let net = crate::generate::network(sizes, 5, now);
            assert_eq!(
                render_contacts(&net.contacts),
                render_contacts_whole(&net.contacts),
                "{contacts} contacts"
            );
            let mut item: Vec<&Item> = net.items.iter().collect();
            item.sort_by(|a, b| a.id.cmp(&b.id));
            let whole = render(
                QUEUE_HEADER,
                &QueueFile {
                    format: FORMAT,
                    item,
                },
            );
            assert_eq!(render_items(&net.items), whole, "{contacts} items");
        }
    }
}
