//! A fast reader for the history lines netwerk itself writes.
//!
//! `serde_json` spends most of a large history's read in its general
//! machinery (field lookup through visitors, `Option` wrappers, escape
//! handling one string at a time; figures in `docs/performance.md`).
//! A cold launch waits for that read, so lines in the shape netwerk
//! writes — one compact object, string values only, known keys, each
//! once — are read here directly into an [`Entry`].
//!
//! Like `record`, it never decides anything on its own: whatever lies
//! outside that shape (whitespace between tokens, `null`, a key twice or
//! unknown, a lone surrogate, a timestamp neither parser reads) returns
//! `None`, and the caller hands the line to `serde_json`, which gives the
//! entry or the error with its column. So an entry read here is always
//! the one `serde_json` would read (a property test compares the two).

use crate::domain::history::{Extra, Stage, Texts};
use crate::domain::{Entry, EntryKind};
use chrono::{DateTime, FixedOffset};
use std::borrow::Cow;

/// The entry on `line`, or `None` to leave the line to `serde_json`.
pub fn entry(line: &str) -> Option<Entry> {
    fields(line).map(|f| f.entry())
}

/// A history line in the plain shape, read but not yet packed into an
/// [`Entry`]: what a launch's light pass over the log (see
/// `history_log::scan`) needs without building every entry.
pub(crate) struct Fields<'a> {
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// What kind of gesture.
    pub kind: EntryKind,
    /// The contact's id.
    pub contact: Cow<'a, str>,
    /// The item's id, for a share.
    pub item: Option<Cow<'a, str>>,
    /// The entry's own id.
    pub id: Cow<'a, str>,
    /// Where an introduction, moment or ask stands.
    pub stage: Option<Stage>,
    /// The second person of an introduction.
    pub other: Option<Cow<'a, str>>,
    /// The earlier entry this one moves on.
    pub refers: Option<Cow<'a, str>>,
    contact_name: Cow<'a, str>,
    item_title: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
    note: Option<Cow<'a, str>>,
    template: Option<Cow<'a, str>>,
    via: Option<Cow<'a, str>>,
    other_name: Option<Cow<'a, str>>,
    company_was: Option<Cow<'a, str>>,
    company: Option<Cow<'a, str>>,
    role_was: Option<Cow<'a, str>>,
    role: Option<Cow<'a, str>>,
}

impl Fields<'_> {
    /// The entry these fields make.
    pub fn entry(&self) -> Entry {
        Entry::new(
            self.at,
            self.kind,
            Texts {
                id: &self.id,
                contact: &self.contact,
                contact_name: &self.contact_name,
                item: self.item.as_deref(),
                item_title: self.item_title.as_deref(),
                url: self.url.as_deref(),
                note: self.note.as_deref().unwrap_or_default(),
                template: self.template.as_deref(),
                via: self.via.as_deref(),
                // Void records are left to serde_json.
                voids: None,
            },
        )
        .with_extra(self.extra())
    }

    fn extra(&self) -> Extra {
        let own = |v: &Option<Cow<'_, str>>| v.as_deref().map(str::to_owned);
        Extra {
            refers: own(&self.refers),
            stage: self.stage,
            other: own(&self.other),
            other_name: own(&self.other_name),
            company_was: own(&self.company_was),
            company: own(&self.company),
            role_was: own(&self.role_was),
            role: own(&self.role),
        }
    }
}

/// The keys of an entry's line, in the order netwerk writes them, each
/// with its quotes and the colon after it.
const KEYS: [&str; 19] = [
    "\"id\":",
    "\"at\":",
    "\"kind\":",
    "\"contact\":",
    "\"contact_name\":",
    "\"item\":",
    "\"item_title\":",
    "\"url\":",
    "\"note\":",
    "\"template\":",
    "\"via\":",
    "\"refers\":",
    "\"stage\":",
    "\"other\":",
    "\"other_name\":",
    "\"company_was\":",
    "\"company\":",
    "\"role_was\":",
    "\"role\":",
];

/// The key at the start of `s`: its place in [`KEYS`] and what follows
/// its colon. The keys netwerk writes after the one at `next` are
/// matched as they stand, which is what decoding them would give (they
/// hold no escapes); any other spelling of a key is decoded.
fn key(s: &str, next: usize) -> Option<(usize, &str)> {
    let ahead = KEYS.get(next..).unwrap_or_default();
    // Compared inline: a call to `memcmp` per key cost more than the
    // comparison.
    let starts = |k: &str| s.len() >= k.len() && s.bytes().zip(k.bytes()).all(|(a, b)| a == b);
    if let Some(i) = ahead.iter().position(|k| starts(k)) {
        let slot = next + i;
        return Some((slot, &s[KEYS[slot].len()..]));
    }
    let (name, after) = string(s)?;
    let slot = KEYS.iter().position(|k| k[1..k.len() - 2] == *name)?;
    Some((slot, after.strip_prefix(':')?))
}

/// The fields on `line`, every one checked as [`entry`] needs them, or
/// `None` to leave the line to `serde_json`.
pub(crate) fn fields(line: &str) -> Option<Fields<'_>> {
    let mut rest = line.strip_prefix('{')?.strip_suffix('}')?;
    let mut values: [Option<Cow<'_, str>>; 19] = Default::default();
    let mut next = 0;
    loop {
        let (slot, after) = key(rest, next)?;
        let (value, after) = string(after)?;
        if values[slot].replace(value).is_some() {
            return None;
        }
        next = slot + 1;
        if after.is_empty() {
            break;
        }
        rest = after.strip_prefix(',')?;
    }
    let [
        id,
        at,
        kind,
        contact,
        contact_name,
        item,
        item_title,
        url,
        note,
        template,
        via,
        refers,
        stage,
        other,
        other_name,
        company_was,
        company,
        role_was,
        role,
    ] = values;
    let at = crate::domain::history::timestamp_str(&at?).ok()?;
    let kind = match &*kind? {
        "share" => EntryKind::Share,
        "touch" => EntryKind::Touch,
        "ask" => EntryKind::Ask,
        "intro" => EntryKind::Intro,
        "moment" => EntryKind::Moment,
        _ => return None,
    };
    let stage = match stage {
        None => None,
        Some(s) => Some(Stage::ALL.into_iter().find(|st| st.as_str() == s)?),
    };
    Some(Fields {
        at,
        kind,
        contact: contact?,
        item,
        id: id?,
        contact_name: contact_name?,
        item_title,
        url,
        note,
        template,
        via,
        stage,
        other,
        refers,
        other_name,
        company_was,
        company,
        role_was,
        role,
    })
}

/// A JSON string at the start of `s`, decoded, and what follows it.
fn string(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = s.strip_prefix('"')?;
    let bytes = body.as_bytes();
    let end = special(bytes)?;
    if bytes[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    // Escapes: decoded into a copy.
    let mut out = String::with_capacity(body.len().min(256));
    let mut i = 0;
    loop {
        let stop = i + special(&bytes[i..])?;
        out.push_str(&body[i..stop]);
        match bytes[stop] {
            b'"' => return Some((Cow::Owned(out), &body[stop + 1..])),
            b'\\' => {
                let (c, len) = escape(&bytes[stop + 1..])?;
                out.push(c);
                i = stop + 1 + len;
            }
            // A control character, which JSON strings must escape.
            _ => return None,
        }
    }
}

/// Where the first quote, backslash or control character is: the bytes a
/// string cannot simply run on through.
fn special(bytes: &[u8]) -> Option<usize> {
    let at = super::run::ordinary(bytes, [b'"', b'\\', b'"']);
    (at < bytes.len()).then_some(at)
}

/// The character an escape after a backslash stands for, and how many
/// bytes it takes. A `\u` surrogate is left to `serde_json`.
fn escape(after: &[u8]) -> Option<(char, usize)> {
    let c = match after.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let digits = after.get(1..5)?;
            if !digits.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let code = u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()?;
            return char::from_u32(code).map(|c| (c, 5));
        }
        _ => return None,
    };
    Some((c, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_serde(line: &str) -> Option<Entry> {
        serde_json::from_str(line).ok()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for line in [
            r#"{"id":"h1","at":"2023-11-27T07:15:37Z","kind":"share","contact":"c1","contact_name":"Katrin Schmidt","item":"i1","item_title":"Cloud, explained","url":"https://x.example/a","note":"Hi Katrin, thought of you"}"#,
            r#"{"id":"h2","at":"2023-11-27T08:23:32+01:00","kind":"touch","contact":"c2","contact_name":"Liam","note":"beer after work"}"#,
            r#"{"kind":"ask","at":"2024-01-01T00:00:00-05:30","contact_name":"José 王 😀","contact":"c3","id":"h3"}"#,
            r#"{"id":"h4","at":"2024-01-01 10:00:00+00:00","kind":"touch","contact":"c","contact_name":"N","note":"a\"b\\c\/d\b\f\n\r\t\u00e9\u0000\u20AC end","template":"t"}"#,
            r#"{"id":"","at":"2024-02-29T23:59:59.123456789Z","kind":"share","contact":"","contact_name":"","note":""}"#,
            "{\"id\":\"h5\",\"at\":\"2024-01-01T00:00:00Z\",\"kind\":\"touch\",\"contact\":\"c\",\"contact_name\":\"del\u{7f}\"}",
            r#"{"i\u0064":"h6","at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c","contact_name":"N"}"#,
            r#"{"id":"h7","at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c","contact_name":"N","note":"n","via":"call"}"#,
            r#"{"id":"h8","at":"2024-01-01T00:00:00Z","kind":"intro","contact":"c","contact_name":"N","stage":"asked","other":"d","other_name":"M"}"#,
            r#"{"id":"h9","at":"2024-01-01T00:00:00Z","kind":"intro","contact":"c","contact_name":"N","refers":"h8","stage":"made","other":"d","other_name":"M"}"#,
            r#"{"id":"ha","at":"2024-01-01T00:00:00Z","kind":"moment","contact":"c","contact_name":"N","company_was":"A","company":"B","role_was":"x","role":"CTO"}"#,
            r#"{"id":"hb","at":"2024-01-01T00:00:00Z","kind":"ask","contact":"c","contact_name":"N","note":"yes","refers":"h3","stage":"answered"}"#,
            r#"{"id":"hc","at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c","contact_name":"N","note":"congrats","refers":"ha"}"#,
        ] {
            let fast = entry(line);
            assert!(fast.is_some(), "{line} is in the plain shape");
            assert_eq!(fast, by_serde(line), "{line}");
        }
    }

    #[test]
    fn leaves_everything_else_to_serde_json() {
        let base = r#""at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c","contact_name":"N""#;
        for line in [
            format!(r#"{{ "id":"h",{base}}}"#),
            format!(r#"{{"id": "h",{base}}}"#),
            format!(r#"{{"id":"h",{base}}} "#),
            format!(r#"{{"id":"h",{base},"item":null}}"#),
            format!(r#"{{"id":"h",{base},"id":"g"}}"#),
            format!(r#"{{"id":"h",{base},"i\u0064":"g"}}"#),
            format!(r#"{{"i\u0064":"h",{base},"id":"g"}}"#),
            format!(r#"{{"id":"h",{base},"note":"a","note":"b"}}"#),
            format!(r#"{{"id":"h",{base},"item_titles":"x"}}"#),
            format!(r#"{{"id":"h",{base},"item""#),
            format!(r#"{{"id":"h",{base},"extra":"x"}}"#),
            format!(r#"{{"id":"h",{base},"note":"\ud83d\ude00"}}"#),
            format!(r#"{{"id":"h",{base},"note":"\ud800"}}"#),
            format!(r#"{{"id":"h",{base},"note":"\x41"}}"#),
            format!("{{\"id\":\"h\",{base},\"note\":\"a\nb\"}}"),
            format!(r#"{{"id":"h",{base},"note":1}}"#),
            format!(r#"{{"id":"h",{base},"stage":"maybe"}}"#),
            format!(r#"{{"id":"h",{base},}}"#),
            format!("{{\"id\":\"h\",{base},\"note\":\"a\tb\"}}"),
            r#"{"id":"h","at":"yesterday","kind":"touch","contact":"c","contact_name":"N"}"#.into(),
            r#"{"id":"h","at":"2024-01-01T00:00:00Z","kind":"Touch","contact":"c","contact_name":"N"}"#.into(),
            r#"{"id":"h","at":"2024-01-01T00:00:00Z","kind":"touch","contact":"c"}"#.into(),
            "{}".into(),
            "[]".into(),
            String::new(),
        ] {
            assert!(entry(&line).is_none(), "{line}");
        }
    }
}
