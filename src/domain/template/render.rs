//! Filling a parsed template with what we know about a contact and an item.

use super::parse::{Field, Segment};
use super::tidy::{Edge, finish, join_run};
use crate::domain::fold::fold_label;
use crate::domain::{Contact, Item, ItemKind, Network};
use chrono::{DateTime, FixedOffset};

/// The values placeholders draw on. An empty or absent value is missing:
/// its optional section is dropped and the seam mended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFacts {
    /// `{first_name}`.
    pub first_name: String,
    /// `{name}`.
    pub name: String,
    /// `{company}`.
    pub company: Option<String>,
    /// `{role}`.
    pub role: Option<String>,
    /// `{title}`.
    pub title: String,
    /// `{url}`.
    pub url: String,
    /// `{kind}`, rendered by [`kind_noun`].
    pub kind: ItemKind,
    /// `{interest}`: see [`shared_interest`].
    pub interest: Option<String>,
    /// `{signature}`, from the config; may span lines.
    pub signature: Option<String>,
    /// `{days_since}`: whole days since the last share or touch; `None`
    /// when you have never been in touch, since days since *adding* them
    /// would read as a false claim in a note.
    pub days_since: Option<i64>,
    /// `{other_first_name}`, `{other_name}`, `{other_company}`,
    /// `{other_role}`: the other person of an introduction.
    pub other: Option<OtherFacts>,
    /// `{old_company}`: a moment's company before the change.
    pub old_company: Option<String>,
    /// `{old_role}`: a moment's role before the change.
    pub old_role: Option<String>,
}

/// What an introduction's note says about the other person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherFacts {
    /// `{other_first_name}`.
    pub first_name: String,
    /// `{other_name}`.
    pub name: String,
    /// `{other_company}`.
    pub company: Option<String>,
    /// `{other_role}`.
    pub role: Option<String>,
}

impl NoteFacts {
    /// The facts for a note from `contact` about `item`, without history.
    pub fn new(
        contact: &Contact,
        item: &Item,
        signature: Option<&str>,
        days_since: Option<i64>,
    ) -> Self {
        Self {
            first_name: contact.first_name().to_string(),
            name: contact.name.clone(),
            company: contact.company.clone(),
            role: contact.role.clone(),
            title: item.note_title().to_string(),
            url: item.url.clone(),
            kind: item.kind,
            interest: shared_interest(contact, item).map(str::to_string),
            signature: signature.map(str::to_string),
            days_since,
            ..Self::default()
        }
    }

    /// The facts for a note to `to` about meeting `other`, who share
    /// `interest` (the reason the introduction is worth making).
    pub fn intro(
        to: &Contact,
        other: &Contact,
        interest: Option<&str>,
        signature: Option<&str>,
    ) -> Self {
        Self {
            first_name: to.first_name().to_string(),
            name: to.name.clone(),
            company: to.company.clone(),
            role: to.role.clone(),
            interest: interest.map(str::to_string),
            signature: signature.map(str::to_string),
            other: Some(OtherFacts {
                first_name: other.first_name().to_string(),
                name: other.name.clone(),
                company: other.company.clone(),
                role: other.role.clone(),
            }),
            ..Self::default()
        }
    }

    /// The facts for congratulating `contact` on a change of job:
    /// `{company}` and `{role}` are the new ones.
    pub fn congrats(
        contact: &Contact,
        change: &crate::domain::moment::JobChange,
        signature: Option<&str>,
    ) -> Self {
        let own = |v: Option<&str>| v.map(str::to_string);
        Self {
            first_name: contact.first_name().to_string(),
            name: contact.name.clone(),
            company: own(change.company),
            role: own(change.role),
            old_company: own(change.company_was),
            old_role: own(change.role_was),
            signature: signature.map(str::to_string),
            ..Self::default()
        }
    }

    /// The facts with `{days_since}` worked out from the network's history
    /// at `now`.
    pub fn gather(
        net: &Network,
        contact: &Contact,
        item: &Item,
        signature: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let last = net
            .history
            .iter()
            .filter(|e| {
                e.counts()
                    .any(|(who, t)| t.keeps_in_touch() && contact.answers_to(who))
            })
            .map(|e| e.at)
            .max();
        let days = last.map(|t| (now.date_naive() - t.date_naive()).num_days().max(0));
        Self::new(contact, item, signature, days)
    }

    /// The value for a placeholder, cleaned; empty means missing.
    fn value(&self, field: Field) -> String {
        let opt = |v: &Option<String>| one_line(v.as_deref().unwrap_or(""));
        match field {
            Field::FirstName => one_line(&self.first_name),
            Field::Name => one_line(&self.name),
            Field::Company => opt(&self.company),
            Field::Role => opt(&self.role),
            Field::Title => one_line(&self.title),
            Field::Url => one_line(&self.url),
            Field::Kind => kind_noun(self.kind).to_string(),
            Field::Interest => opt(&self.interest),
            Field::Signature => multi_line(self.signature.as_deref().unwrap_or("")),
            Field::DaysSince => self.days_since.map(|d| d.to_string()).unwrap_or_default(),
            Field::OtherFirstName => self
                .other
                .as_ref()
                .map_or_else(String::new, |o| one_line(&o.first_name)),
            Field::OtherName => self
                .other
                .as_ref()
                .map_or_else(String::new, |o| one_line(&o.name)),
            Field::OtherCompany => self
                .other
                .as_ref()
                .map_or_else(String::new, |o| opt(&o.company)),
            Field::OtherRole => self
                .other
                .as_ref()
                .map_or_else(String::new, |o| opt(&o.role)),
            Field::OldCompany => opt(&self.old_company),
            Field::OldRole => opt(&self.old_role),
        }
    }
}

/// How `{kind}` reads in a sentence: "this blog post", "this podcast
/// episode", "this link".
pub fn kind_noun(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Article => "article",
        ItemKind::Blog => "blog post",
        ItemKind::Video => "video",
        ItemKind::Podcast => "podcast episode",
        ItemKind::Paper => "paper",
        ItemKind::Other => "link",
    }
}

/// The best interest the contact and the item share, in the contact's
/// spelling: the item's topics are taken in order (the first is what it is
/// most about), compared folded, so topic "cafe" finds interest "Café".
pub fn shared_interest<'a>(contact: &'a Contact, item: &Item) -> Option<&'a str> {
    item.topics.iter().find_map(|topic| {
        let folded = fold_label(topic);
        contact
            .interests
            .iter()
            .find(|i| fold_label(i) == folded)
            .map(String::as_str)
    })
}

/// A value inside a sentence: control characters (line breaks included)
/// become spaces, runs of whitespace one space.
fn one_line(value: &str) -> String {
    value
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A signature keeps its lines; other control characters go.
fn multi_line(value: &str) -> String {
    let lines: Vec<String> = value
        .lines()
        .map(|l| {
            l.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// Renders segments: values are filled in, missing ones and their optional
/// sections dropped, and the seams mended.
pub(super) fn render(segments: &[Segment], facts: &NoteFacts) -> String {
    // The note alternates runs of literal text (split into parts where
    // something was dropped) and filled-in values.
    let mut runs: Vec<Vec<String>> = vec![vec![String::new()]];
    let mut values: Vec<String> = Vec::new();
    let text = |runs: &mut Vec<Vec<String>>, t: &str| {
        if let Some(part) = runs.last_mut().and_then(|r| r.last_mut()) {
            part.push_str(t);
        }
    };
    let gap = |runs: &mut Vec<Vec<String>>| {
        if let Some(run) = runs.last_mut() {
            run.push(String::new());
        }
    };
    let mut value = |runs: &mut Vec<Vec<String>>, v: String| {
        values.push(v);
        runs.push(vec![String::new()]);
    };
    for segment in segments {
        match segment {
            Segment::Text(t) => text(&mut runs, t),
            Segment::Field(f) => match facts.value(*f) {
                v if v.is_empty() => gap(&mut runs),
                v => value(&mut runs, v),
            },
            Segment::Optional(inner) => {
                let filled: Vec<(Option<&str>, String)> = inner
                    .iter()
                    .map(|s| match s {
                        Segment::Text(t) => (Some(t.as_str()), String::new()),
                        Segment::Field(f) => (None, facts.value(*f)),
                        Segment::Optional(_) => (Some(""), String::new()),
                    })
                    .collect();
                if filled.iter().any(|(t, v)| t.is_none() && v.is_empty()) {
                    gap(&mut runs);
                    continue;
                }
                for (t, v) in filled {
                    match t {
                        Some(t) => text(&mut runs, t),
                        None => value(&mut runs, v),
                    }
                }
            }
        }
    }
    let last = runs.len().saturating_sub(1);
    let mut note = String::new();
    let mut values = values.into_iter();
    for (i, parts) in runs.into_iter().enumerate() {
        let before = if i == 0 { Edge::Note } else { Edge::Value };
        let after = if i == last { Edge::Note } else { Edge::Value };
        note.push_str(&join_run(parts, before, after));
        if let Some(v) = values.next() {
            note.push_str(&v);
        }
    }
    finish(&note)
}
