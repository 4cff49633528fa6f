//! Saving a table file the user has annotated without losing a word.
//!
//! A file holding no comment of the user's is rewritten whole, in
//! netwerk's own layout (see [`crate::format::tables`]). A file holding one is
//! edited in place instead, record by record (a changed record through
//! `toml_edit`; the whole file through it only for a layout that cannot
//! be cut at its `[[key]]` lines): a record nobody changed
//! keeps its bytes exactly; a changed one has only its changed values
//! replaced, each keeping the comment on its line; a removed record's
//! table goes, with the comments inside it and those directly above its
//! header (no blank line between) or right below its last line; new
//! records are written as netwerk writes them, where their ids sort when
//! the file's records are sorted by id, else at the end.

use crate::format::tables::TableRecord;
use memchr::{memchr, memchr2, memchr3};
use rustc_hash::{FxHashMap, FxHashSet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// The ids of `fresh` records not among `old`, reversed: popped from the
/// end, the smallest id comes first.
fn added_ids<'a>(fresh: impl Iterator<Item = &'a str>, old: &FxHashSet<&str>) -> Vec<&'a str> {
    let mut added: Vec<&str> = fresh.filter(|id| !old.contains(id)).collect();
    added.reverse();
    added
}

/// Whether `chunk`, the bytes of a file from `offset`, holds a `#` past
/// netwerk's own `header`: the cheap first look, done while the file is
/// hashed. Only when it says yes is the file read for [`has_comment`].
pub fn may_have_comment(offset: u64, chunk: &[u8], header: &str) -> bool {
    let skip = if offset == 0 && chunk.starts_with(header.as_bytes()) {
        header.len()
    } else {
        0
    };
    memchr(b'#', &chunk[skip..]).is_some()
}

/// Whether the TOML `text` holds a comment other than netwerk's `header`
/// line at its top: a `#` outside every string.
pub fn has_comment(text: &str, header: &str) -> bool {
    let b = text.as_bytes();
    let mut at = if text.starts_with(header) {
        header.len()
    } else {
        0
    };
    while let Some(off) = memchr3(b'#', b'"', b'\'', &b[at..]) {
        let i = at + off;
        if b[i] == b'#' {
            return true;
        }
        match string_end(b, i) {
            Some(end) => at = end,
            // Not valid TOML: say yes, so the careful path looks at it.
            None => return true,
        }
    }
    false
}

/// Where the string starting with the quote at `start` ends (one past
/// its closing quote).
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let q = b[start];
    let multi = b[start..].starts_with(&[q, q, q]);
    let mut at = start + if multi { 3 } else { 1 };
    loop {
        let rest = b.get(at..)?;
        let off = if q == b'"' {
            memchr2(b'"', b'\\', rest)?
        } else {
            memchr(b'\'', rest)?
        };
        let i = at + off;
        if b[i] == b'\\' {
            at = i + 2;
            continue;
        }
        if !multi {
            return Some(i + 1);
        }
        // `"""` closes; up to two more quotes before it belong to the text.
        let run = b[i..].iter().take_while(|&&c| c == q).count();
        if run >= 3 {
            return Some(i + run);
        }
        at = i + run;
    }
}

/// A table file cut at its record headers: `head` up to the last line
/// of the part before the first record, then for each record the gap
/// before it (blank and comment lines) and its body (header line to last
/// line), then the gap after the last.
struct Layout<'a> {
    head: &'a str,
    records: Vec<(&'a str, &'a str)>,
    tail: &'a str,
}

/// Cuts `text` at its `[[key]]` lines outside strings, or `None` if a
/// string never ends.
fn layout<'a>(text: &'a str, key: &str) -> Option<Layout<'a>> {
    let b = text.as_bytes();
    // Where each record's header line starts, and where the gap before
    // it starts (just past the last line holding something other than
    // a comment).
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut content_end = 0;
    let mut pos = 0;
    while pos < b.len() {
        let start = pos;
        let j = start
            + b[start..]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t' | b'\r'))
                .count();
        let line_end = |from: usize| memchr(b'\n', &b[from..]).map_or(b.len(), |i| from + i + 1);
        match b.get(j) {
            None => break,
            Some(b'\n') | Some(b'#') => {
                pos = line_end(j);
                continue;
            }
            _ => {}
        }
        if is_header(&b[j..], key) {
            cuts.push((content_end, start));
        }
        // A line with content: to its end, past strings (which may run
        // over several lines), up to a comment.
        let mut k = j;
        pos = loop {
            let nl = line_end(k);
            match memchr3(b'#', b'"', b'\'', &b[k..nl]).map(|i| k + i) {
                Some(q) if b[q] != b'#' => k = string_end(b, q)?,
                _ => break nl,
            }
        };
        content_end = pos;
    }
    let mut records = Vec::with_capacity(cuts.len());
    let ends = cuts.iter().skip(1).map(|c| c.0).chain([content_end]);
    for (&(gap, header), end) in cuts.iter().zip(ends) {
        records.push((&text[gap..header], &text[header..end]));
    }
    let head_end = cuts.first().map_or(content_end, |c| c.0);
    Some(Layout {
        head: &text[..head_end],
        records,
        tail: &text[content_end..],
    })
}

/// Whether `line` starts with a `[[key]]` header.
fn is_header(line: &[u8], key: &str) -> bool {
    let ws = |b: &[u8]| b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    let Some(rest) = line.strip_prefix(b"[[") else {
        return false;
    };
    let rest = &rest[ws(rest)..];
    let Some(rest) = rest.strip_prefix(key.as_bytes()) else {
        return false;
    };
    let rest = &rest[ws(rest)..];
    let Some(rest) = rest.strip_prefix(b"]]") else {
        return false;
    };
    let rest = &rest[ws(rest)..];
    matches!(rest.first(), None | Some(b'\n' | b'\r' | b'#'))
}

/// The text of the file `text` once its records are `new`, edited as the
/// module docs say, record by record as text: a record nobody changed is
/// copied, only a changed one goes through `toml_edit`. `old` are its
/// records as parsed, in file order. `None` when the file cannot be cut
/// into exactly those records ([`rewrite_doc`] then edits it whole).
pub fn rewrite<T: TableRecord>(text: &str, old: &[T], new: &[T]) -> Option<String> {
    let file = layout(text, T::KEY)?;
    if file.records.len() != old.len() {
        return None;
    }
    let old_ids: FxHashSet<&str> = old.iter().map(T::id).collect();
    let new_by_id: FxHashMap<&str, &T> = new.iter().map(|r| (r.id(), r)).collect();
    let mut fresh: Vec<&T> = new.iter().filter(|r| !old_ids.contains(r.id())).collect();
    let changed: Vec<&T> = old
        .iter()
        .filter_map(|o| new_by_id.get(o.id()).copied().filter(|n| *n != o))
        .collect();
    fresh.extend(changed.iter().copied());
    fresh.sort_by(|a, b| a.id().cmp(b.id()));
    let mut rendered_text = String::new();
    if !fresh.is_empty() {
        T::render_to(fresh.clone(), &mut |piece| rendered_text.push_str(piece));
    }
    let rendered = layout(&rendered_text, T::KEY)?;
    if rendered.records.len() != fresh.len() {
        return None;
    }
    let mut bodies: FxHashMap<&str, &str> = fresh
        .iter()
        .zip(&rendered.records)
        .map(|(r, (_, body))| (r.id(), *body))
        .collect();
    let mut added = added_ids(fresh.iter().map(|r| r.id()), &old_ids);
    let sorted = old.is_sorted_by(|a, b| a.id() <= b.id());

    let mut out = String::with_capacity(text.len() + rendered_text.len());
    out.push_str(file.head);
    let mut carry = String::new();
    let mut removed = false;
    for (&(gap, body), rec) in file.records.iter().zip(old) {
        let mut inserted = Vec::new();
        while let Some(id) = added.last().filter(|id| sorted && **id < rec.id()) {
            inserted.push(bodies.remove(*id)?);
            added.pop();
        }
        let gap = settle_text(&mut out, gap, removed, &mut carry, &inserted);
        match new_by_id.get(rec.id()) {
            None => {
                carry.push_str(kept_part(&gap));
                removed = true;
            }
            Some(n) => {
                line_break(&mut out);
                out.push_str(&gap);
                if *n == rec {
                    out.push_str(body);
                } else {
                    out.push_str(&merge_body::<T>(body, bodies.get(rec.id())?)?);
                }
                removed = false;
            }
        }
    }
    let mut inserted = Vec::new();
    while let Some(id) = added.pop() {
        inserted.push(bodies.remove(id)?);
    }
    let tail = settle_text(&mut out, file.tail, removed, &mut carry, &inserted);
    if !tail.is_empty() {
        line_break(&mut out);
    }
    out.push_str(&tail);
    Some(out)
}

/// Ends `out` with a line break if it has text and none.
fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// [`settle`] for text: writes the `inserted` record bodies (with the
/// comments that end the record before them) to `out`, and returns what
/// is left of `gap`.
fn settle_text(
    out: &mut String,
    gap: &str,
    removed: bool,
    carry: &mut String,
    inserted: &[&str],
) -> String {
    let (head, rest) = split_head(gap);
    let lead = format!("{carry}{}", if removed { "" } else { head });
    carry.clear();
    if inserted.is_empty() {
        return join_blank(&lead, rest);
    }
    line_break(out);
    out.push_str(&join_blank(&lead, "\n"));
    for (i, body) in inserted.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(body);
    }
    rest.to_owned()
}

/// A changed record's `body`, edited to hold what netwerk's `rendered`
/// body for it holds (see [`merge_table`]).
fn merge_body<T: TableRecord>(body: &str, rendered: &str) -> Option<String> {
    let first = |text: &str| -> Option<(DocumentMut, Table)> {
        let mut doc: DocumentMut = text.parse().ok()?;
        let mut tables = match doc.as_table_mut().remove(T::KEY)? {
            Item::ArrayOfTables(a) => a,
            _ => return None,
        };
        (tables.len() == 1)
            .then(|| tables.remove(0))
            .map(|t| (doc, t))
    };
    let (mut doc, mut table) = first(body)?;
    let (_, new) = first(rendered)?;
    merge_table(&mut table, &new);
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    renumber(&mut tables);
    doc.as_table_mut()
        .insert(T::KEY, Item::ArrayOfTables(tables));
    Some(doc.to_string())
}

/// The text of the file `text` once its records are `new`, like
/// [`rewrite`], through one `toml_edit` document of the whole file: for
/// a layout [`rewrite`] cannot cut. An `Err` says why the file cannot be
/// edited in place.
pub fn rewrite_doc<T: TableRecord>(text: &str, old: &[T], new: &[T]) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let old_ids: FxHashSet<&str> = old.iter().map(T::id).collect();
    let new_by_id: FxHashMap<&str, &T> = new.iter().map(|r| (r.id(), r)).collect();
    let changed: FxHashSet<&str> = old
        .iter()
        .filter(|o| new_by_id.get(o.id()).is_some_and(|n| *n != *o))
        .map(T::id)
        .collect();
    // Rendered as netwerk writes them: every new record, and every changed one.
    let mut fresh: Vec<&T> = new
        .iter()
        .filter(|r| !old_ids.contains(r.id()) || changed.contains(r.id()))
        .collect();
    fresh.sort_by(|a, b| a.id().cmp(b.id()));
    let mut rendered: FxHashMap<&str, Table> = render_tables(&fresh)?
        .into_iter()
        .zip(fresh.iter().map(|r| r.id()))
        .map(|(t, id)| (id, t))
        .collect();
    let mut added = added_ids(fresh.iter().map(|r| r.id()), &old_ids);

    let root = doc.as_table_mut();
    let tables = match root.remove(T::KEY) {
        None => ArrayOfTables::new(),
        Some(Item::ArrayOfTables(a)) => a,
        Some(_) => {
            return Err(format!(
                "its records are not written as [[{}]] tables",
                T::KEY
            ));
        }
    };
    if tables.len() != old.len() {
        return Err(format!("its [[{}]] tables could not be told apart", T::KEY));
    }
    // New records go where their ids sort when the records are sorted
    // (as netwerk writes them), else after the last.
    let sorted = old.is_sorted_by(|a, b| a.id() <= b.id());
    let mut out = ArrayOfTables::new();
    // Comments of removed records' tables kept for the next table.
    let mut carry = String::new();
    let mut removed = false;
    for (mut table, rec) in tables.into_iter().zip(old) {
        let mut inserted = Vec::new();
        while let Some(id) = added.last().filter(|id| sorted && **id < rec.id()) {
            inserted.push(
                rendered
                    .remove(*id)
                    .ok_or("a new record was not rendered")?,
            );
            added.pop();
        }
        let gap = settle(prefix_of(&table), removed, &mut carry, &mut inserted);
        inserted.into_iter().for_each(|t| out.push(t));
        match new_by_id.get(rec.id()) {
            None => {
                carry.push_str(kept_part(&gap));
                removed = true;
            }
            Some(n) => {
                if *n != rec {
                    let new_table = rendered
                        .get(rec.id())
                        .ok_or("a changed record was not rendered")?;
                    merge_table(&mut table, new_table);
                }
                table.decor_mut().set_prefix(gap);
                out.push(table);
                removed = false;
            }
        }
    }
    let mut inserted = Vec::new();
    while let Some(id) = added.pop() {
        inserted.push(rendered.remove(id).ok_or("a new record was not rendered")?);
    }
    let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
    let trailing = settle(&trailing, removed, &mut carry, &mut inserted);
    inserted.into_iter().for_each(|t| out.push(t));
    doc.set_trailing(trailing);
    renumber(&mut out);
    if !out.is_empty() {
        doc.as_table_mut().insert(T::KEY, Item::ArrayOfTables(out));
    }
    Ok(doc.to_string())
}

/// `records` (sorted by id) rendered as netwerk writes them, as tables.
fn render_tables<T: TableRecord>(records: &[&T]) -> Result<Vec<Table>, String> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let mut text = String::new();
    T::render_to(records.to_vec(), &mut |piece| text.push_str(piece));
    let doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let tables = doc
        .as_table()
        .get(T::KEY)
        .and_then(Item::as_array_of_tables)
        .ok_or("netwerk's own rendering did not read back")?;
    Ok(tables.iter().cloned().collect())
}

fn prefix_of(table: &Table) -> &str {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("\n")
}

/// The new text of a gap between records — the prefix of a table, or
/// the end of the file. Its first lines, up to a blank line, are
/// comments that end the record before it: dropped if that record was
/// `removed`, else kept right after it, ahead of any `inserted` tables.
/// `carry` goes first, and is emptied.
fn settle(gap: &str, removed: bool, carry: &mut String, inserted: &mut [Table]) -> String {
    let (head, rest) = split_head(gap);
    let lead = format!("{carry}{}", if removed { "" } else { head });
    carry.clear();
    match inserted.first_mut() {
        Some(first) => {
            let own = prefix_of(first).to_owned();
            first.decor_mut().set_prefix(join_blank(&lead, &own));
            rest.to_owned()
        }
        None => join_blank(&lead, rest),
    }
}

/// `gap` cut after its first lines when a blank line follows them.
fn split_head(gap: &str) -> (&str, &str) {
    let mut start = 0;
    while let Some(end) = gap[start..].find('\n').map(|i| start + i + 1) {
        if gap[start..end].trim().is_empty() {
            return gap.split_at(start);
        }
        start = end;
    }
    ("", gap)
}

/// The part of a removed table's prefix that is not its own: everything
/// up to its last blank line. Comment lines right above the header, with
/// no blank line between, belong to the record and go with it.
fn kept_part(gap: &str) -> &str {
    let mut end = 0;
    let mut start = 0;
    while let Some(next) = gap[start..].find('\n').map(|i| start + i + 1) {
        if gap[start..next].trim().is_empty() {
            end = next;
        }
        start = next;
    }
    let kept = &gap[..end];
    if kept.contains('#') { kept } else { "" }
}

/// `a` then `b`, with the blank line where they meet written once.
fn join_blank(a: &str, b: &str) -> String {
    let a_ends_blank = a.ends_with("\n\n") || a == "\n";
    let b = match b.split_once('\n') {
        Some((first, rest)) if a_ends_blank && first.trim().is_empty() => rest,
        _ => b,
    };
    format!("{a}{b}")
}

/// Gives every table its place in the output in the order of `tables`
/// (tables taken from netwerk's rendering carry places of their own).
fn renumber(tables: &mut ArrayOfTables) {
    fn number(table: &mut Table, next: &mut isize) {
        table.set_position(Some(*next));
        *next += 1;
        for (_, item) in table.iter_mut() {
            match item {
                Item::Table(t) => number(t, next),
                Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| number(t, next)),
                _ => {}
            }
        }
    }
    let mut next = 1;
    tables.iter_mut().for_each(|t| number(t, &mut next));
}

/// Makes `old` hold what `new` holds, leaving every key whose value did
/// not change as it was. New keys go at the end.
fn merge_table(old: &mut Table, new: &Table) {
    let gone: Vec<String> = old
        .iter()
        .filter(|(k, _)| !new.contains_key(k))
        .map(|(k, _)| k.to_owned())
        .collect();
    for key in gone {
        old.remove(&key);
    }
    for (key, item) in new.iter() {
        match old.get_mut(key) {
            Some(o) => merge_item(o, item),
            None => {
                old.insert(key, item.clone());
            }
        }
    }
}

fn merge_item(old: &mut Item, new: &Item) {
    if same_item(old, new) {
        return;
    }
    match (old, new) {
        (Item::Value(o), Item::Value(n)) => merge_value(o, n),
        (Item::Table(o), Item::Table(n)) => merge_table(o, n),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => {
            for (i, t) in n.iter().enumerate() {
                match o.get_mut(i) {
                    Some(ot) => merge_table(ot, t),
                    None => o.push(t.clone()),
                }
            }
            while o.len() > n.len() {
                o.remove(o.len() - 1);
            }
        }
        (o, n) => *o = n.clone(),
    }
}

/// Replaces a value, keeping the spacing and comment around it; an array
/// keeps the elements that stayed, with their layout.
fn merge_value(old: &mut Value, new: &Value) {
    if let (Value::Array(o), Value::Array(n)) = (&mut *old, new) {
        merge_array(o, n);
        return;
    }
    let decor = old.decor().clone();
    *old = new.clone();
    *old.decor_mut() = decor;
}

fn merge_array(old: &mut toml_edit::Array, new: &toml_edit::Array) {
    let before: Vec<Value> = old.iter().cloned().collect();
    let matched = common(&before, &new.iter().collect::<Vec<_>>());
    // The spacing of an element the user's layout would give it.
    let first = before.first().map_or(String::new(), |v| bare(v, ""));
    let later = match before.get(1) {
        Some(v) => bare(v, " "),
        None if first.contains('\n') => first.clone(),
        None => " ".to_owned(),
    };
    old.clear();
    for (i, value) in new.iter().enumerate() {
        let v = match matched[i] {
            Some(j) => {
                let mut v = before[j].clone();
                let own = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
                if (i == 0) != (j == 0) && !own.contains('#') {
                    v.decor_mut()
                        .set_prefix(if i == 0 { first.clone() } else { later.clone() });
                }
                v
            }
            None => {
                let mut v = value.clone();
                v.decor_mut()
                    .set_prefix(if i == 0 { first.clone() } else { later.clone() });
                v.decor_mut().set_suffix("");
                v
            }
        };
        old.push_formatted(v);
    }
}

/// The whitespace before `v` without any comment: a newline and the
/// indent when it starts a line, else `inline`.
fn bare(v: &Value, inline: &str) -> String {
    let prefix = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
    match prefix.rfind('\n') {
        Some(i) if prefix[i + 1..].trim().is_empty() => format!("\n{}", &prefix[i + 1..]),
        Some(_) => "\n".to_owned(),
        None if prefix.is_empty() => String::new(),
        None => inline.to_owned(),
    }
}

/// For each of `new`, the element of `old` it is kept as: a longest
/// common subsequence of equal values. Past a few thousand pairs nothing
/// is matched (the array is written anew).
fn common(old: &[Value], new: &[&Value]) -> Vec<Option<usize>> {
    let (n, m) = (old.len(), new.len());
    let mut matched = vec![None; m];
    if n == 0 || m == 0 || n * m > 1 << 20 {
        return matched;
    }
    // lengths[i][j]: LCS of old[i..] and new[j..].
    let mut lengths = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if same_value(&old[i], new[j]) {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same_value(&old[i], new[j]) {
            matched[j] = Some(i);
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    matched
}

/// Whether two items hold the same data, however each is written.
fn same_item(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::None, Item::None) => true,
        (Item::Value(a), Item::Value(b)) => same_value(a, b),
        (Item::Table(a), Item::Table(b)) => same_table(a, b),
        (Item::ArrayOfTables(a), Item::ArrayOfTables(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_table(a, b))
        }
        _ => false,
    }
}

fn same_table(a: &Table, b: &Table) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| same_item(v, w)))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Float(a), Value::Float(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
        }
        (Value::InlineTable(a), Value::InlineTable(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "# header\n";

    #[test]
    fn a_hash_is_a_comment_only_outside_strings() {
        for text in [
            "# header\nformat = 1\n",
            "format = 1\nname = \"a # b\"\n",
            "name = 'C:\\ # x'\n",
            "notes = \"\"\"\n# line\n\"two\"\"\"\"\nx = 1\n",
            "notes = '''\n# line\n'it'''''\nx = 1\n",
            "name = \"q\\\" # still inside\"\n",
            "name = \"\\\\\"\n",
        ] {
            assert!(!has_comment(text, H), "{text}");
        }
        for text in [
            "format = 1 # one\n",
            "# header\n# mine\n",
            "notes = \"\"\"\nx\"\"\"\" # after\n",
            "a = \"\\\\\" # after an escaped backslash\n",
            "a = '''x''' # after\n",
            "format = 1\n# header\n",
        ] {
            assert!(has_comment(text, H), "{text}");
        }
    }

    #[test]
    fn the_quick_look_skips_only_netwerks_own_header() {
        assert!(!may_have_comment(0, b"# header\nformat = 1\n", H));
        assert!(may_have_comment(0, b"# other\nformat = 1\n", H));
        assert!(may_have_comment(9, b"# header\n", H));
    }

    #[test]
    fn gaps_split_at_blank_lines() {
        assert_eq!(split_head("# tail\n\n# next\n"), ("# tail\n", "\n# next\n"));
        assert_eq!(split_head("\n# next\n"), ("", "\n# next\n"));
        assert_eq!(split_head("# own\n"), ("", "# own\n"));
        assert_eq!(kept_part("\n# section\n\n# own\n"), "\n# section\n\n");
        assert_eq!(kept_part("\n# own\n"), "");
    }

    #[test]
    fn a_file_is_cut_at_record_headers_outside_strings_only() {
        let text = "# mine\nformat = 1\n\n# a\n[[contact]]  # first\nid = \"x\"\n\
                    notes = \"\"\"\n[[contact]]\n\"\"\"\n# ends x\n\n[[contact.links]]\nkind = 'a'\n\n\
                    # b\n[[contact]]\nid = \"y\"\n# end\n";
        let file = layout(text, "contact").unwrap();
        assert_eq!(file.head, "# mine\nformat = 1\n");
        assert_eq!(file.records.len(), 2);
        assert_eq!(file.records[0].0, "\n# a\n");
        assert!(file.records[0].1.ends_with("kind = 'a'\n"));
        assert_eq!(file.records[1], ("\n# b\n", "[[contact]]\nid = \"y\"\n"));
        assert_eq!(file.tail, "# end\n");
        assert!(layout("a = \"\"\"\nnever closed\n", "contact").is_none());
    }
}
