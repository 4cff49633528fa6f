//! Note templates: parsed once, rendered so a note reads naturally when a
//! value is missing, and rotated so one person does not get the same
//! wording twice running.
//!
//! Syntax (documented for users in the README):
//!
//! - `{first_name}` `{name}` `{company}` `{role}` `{title}` `{url}`
//!   `{kind}` `{interest}` `{signature}` `{days_since}` are placeholders;
//! - `[…]` is an optional section, dropped whole when any placeholder in
//!   it is empty: `Hi {first_name}[, fan of {interest}]!`;
//! - `{{` `}}` `[[` `]]` are literal braces and brackets;
//! - where a missing value sits outside a section, the words and marks it
//!   leaves dangling ("at .", "()", double spaces) are tidied away.

mod builtin;
mod parse;
mod render;
mod tidy;

#[cfg(test)]
mod tests;

pub use parse::Field;
pub use render::{NoteFacts, OtherFacts, kind_noun, shared_interest};

use super::{Contact, Entry, EntryKind, ItemKind};
use parse::Segment;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A note template for sharing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Name used by `--template` and shown in the composer.
    pub name: String,
    /// Item kinds it suits; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<ItemKind>,
    /// The text, with `{placeholders}`.
    pub text: String,
}

/// A template that failed to parse, or a clash between templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's name.
    pub template: String,
    /// What is wrong, e.g. `unknown placeholder {frist_name}`.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template {:?}: {}", self.template, self.message)
    }
}

impl std::error::Error for TemplateError {}

/// A parsed template, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteTemplate {
    name: String,
    kinds: Vec<ItemKind>,
    text: String,
    segments: Vec<Segment>,
}

impl NoteTemplate {
    /// Parses a template.
    pub fn new(name: &str, kinds: &[ItemKind], text: &str) -> Result<Self, TemplateError> {
        let segments = parse::parse(text).map_err(|message| TemplateError {
            template: name.to_string(),
            message,
        })?;
        Ok(Self {
            name: name.to_string(),
            kinds: kinds.to_vec(),
            text: text.to_string(),
            segments,
        })
    }

    /// Its name, as `--template` and the composer know it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The item kinds it suits; empty means every kind.
    pub fn kinds(&self) -> &[ItemKind] {
        &self.kinds
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether it suits items of this kind.
    pub fn suits(&self, kind: ItemKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// The note for these facts.
    pub fn render(&self, facts: &NoteFacts) -> String {
        render::render(&self.segments, facts)
    }
}

/// A note that shares no item, written from the template of its name:
/// a user's `[[template]]` with that name replaces the built-in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `intro-ask`: asking one person whether they would like to meet
    /// the other.
    IntroAsk,
    /// `intro-bridge`: introducing the two, once both said yes.
    IntroBridge,
    /// `congrats`: a word on a new job.
    Congrats,
}

impl Purpose {
    /// Every purpose, in the order the docs list them.
    pub const ALL: [Purpose; 3] = [Purpose::IntroAsk, Purpose::IntroBridge, Purpose::Congrats];

    /// The template name that serves it.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::IntroAsk => "intro-ask",
            Purpose::IntroBridge => "intro-bridge",
            Purpose::Congrats => "congrats",
        }
    }

    fn of(name: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The templates in force: the user's, with the built-in ones behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    own: Vec<NoteTemplate>,
    builtin: Vec<NoteTemplate>,
    /// Templates of a [`Purpose`], the user's first; never used to share.
    purposes: Vec<NoteTemplate>,
}

impl Default for Templates {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Templates {
    /// Only the built-in templates.
    pub fn builtin() -> Self {
        // Constant text, parsed in a unit test: a failure here is a bug
        // in this file, not something a user can cause.
        let builtin = builtin::BUILTIN
            .iter()
            .map(|(name, kinds, text)| {
                NoteTemplate::new(name, kinds, text).expect("built-in templates parse")
            })
            .collect();
        let purposes = builtin::PURPOSES
            .iter()
            .map(|(name, text)| {
                NoteTemplate::new(name, &[], text).expect("built-in templates parse")
            })
            .collect();
        Self {
            own: Vec::new(),
            builtin,
            purposes,
        }
    }

    /// The config's templates, each parsed once; the first problem found
    /// is the error.
    pub fn from_config(templates: &[Template]) -> Result<Self, TemplateError> {
        let mut own: Vec<NoteTemplate> = Vec::with_capacity(templates.len());
        let mut purposes = Vec::new();
        for t in templates {
            if own.iter().chain(&purposes).any(|o| o.name == t.name) {
                return Err(TemplateError {
                    template: t.name.clone(),
                    message: "is defined twice; template names must be unique".into(),
                });
            }
            let parsed = NoteTemplate::new(&t.name, &t.kinds, &t.text)?;
            match Purpose::of(&t.name) {
                Some(_) => purposes.push(parsed),
                None => own.push(parsed),
            }
        }
        let builtin = Self::builtin();
        purposes.extend(builtin.purposes);
        Ok(Self {
            own,
            builtin: builtin.builtin,
            purposes,
        })
    }

    /// The template serving `purpose`: the user's, else the built-in one.
    pub fn for_purpose(&self, purpose: Purpose) -> &NoteTemplate {
        self.purposes
            .iter()
            .find(|t| t.name == purpose.name())
            // Every purpose has a built-in template (see `builtin`).
            .unwrap_or(&self.purposes[0])
    }

    /// Every template in order: the user's, then the built-in ones.
    pub fn all(&self) -> impl Iterator<Item = &NoteTemplate> {
        self.own.iter().chain(&self.builtin)
    }

    /// The template with this name; the user's win over built-in ones.
    pub fn get(&self, name: &str) -> Option<&NoteTemplate> {
        self.all().find(|t| t.name == name)
    }

    /// The names a user would choose from: their own when they have any.
    pub fn names(&self) -> Vec<&str> {
        let list = if self.own.is_empty() {
            &self.builtin
        } else {
            &self.own
        };
        list.iter().map(|t| t.name.as_str()).collect()
    }

    /// The templates that suit an item kind, in order. When none of the
    /// user's templates does, the built-in ones for that kind stand in, so
    /// a share never lacks a note.
    pub fn suitable(&self, kind: ItemKind) -> Vec<&NoteTemplate> {
        let own: Vec<&NoteTemplate> = self.own.iter().filter(|t| t.suits(kind)).collect();
        if !own.is_empty() {
            return own;
        }
        self.builtin.iter().filter(|t| t.suits(kind)).collect()
    }

    /// The suitable template after `current`, wrapping round: what Ctrl-T
    /// in the composer switches to. With no `current` (or an unknown one)
    /// it is the first suitable; with one that does not suit this kind, the
    /// first suitable one that comes after it in [`Templates::all`].
    pub fn next_after(&self, kind: ItemKind, current: Option<&str>) -> Option<&NoteTemplate> {
        let suitable = self.suitable(kind);
        let first = suitable.first().copied();
        let Some(current) = current else {
            return first;
        };
        if let Some(i) = suitable.iter().position(|t| t.name == current) {
            return Some(suitable[(i + 1) % suitable.len()]);
        }
        let order = |name: &str| self.all().position(|t| t.name == name);
        let Some(at) = order(current) else {
            return first;
        };
        suitable
            .iter()
            .find(|t| order(&t.name).is_some_and(|o| o > at))
            .copied()
            .or(first)
    }

    /// The template for a new note to `contact` about an item of `kind`:
    /// the suitable one after the template their last share used, so two
    /// notes running never share wording when two or more templates suit.
    pub fn pick(
        &self,
        kind: ItemKind,
        contact: &Contact,
        history: &[Entry],
    ) -> Option<&NoteTemplate> {
        self.next_after(kind, last_template(history, contact))
    }
}

/// The template of the latest share to `contact` that recorded one. Shares
/// written by hand (`--note`) or before templates were recorded are
/// skipped: they say nothing about which wording was used. Shares to
/// records merged into `contact` are theirs.
pub fn last_template<'a>(history: &'a [Entry], contact: &Contact) -> Option<&'a str> {
    history
        .iter()
        .filter(|e| e.kind == EntryKind::Share && contact.answers_to(e.contact()))
        .filter_map(|e| e.template().map(|t| (e.at, t)))
        // max_by_key keeps the last of equal times: the one appended later.
        .max_by_key(|(at, _)| *at)
        .map(|(_, t)| t)
}
