//! Contacts: the people behind the connections.

use super::fold::fold_label;
use super::id::ContactId;
pub use super::link::{Link, LinkKind};
use super::person_name;
use super::validate::{self, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a contact has been looked at since it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactState {
    /// Reviewed, or added by hand: counts and can fall due.
    #[default]
    Active,
    /// Arrived by import and never reviewed.
    Untriaged,
    /// Kept, but never due and hidden unless asked for.
    Dormant,
}

impl ContactState {
    /// The state's name as the CLI takes and prints it.
    pub fn as_str(&self) -> &'static str {
        match self {
            ContactState::Active => "active",
            ContactState::Untriaged => "untriaged",
            ContactState::Dormant => "dormant",
        }
    }

    fn is_active(&self) -> bool {
        *self == ContactState::Active
    }
}

fn first_degree() -> u8 {
    1
}

fn is_first_degree(d: &u8) -> bool {
    *d == 1
}

/// A person in the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Stable id.
    pub id: ContactId,
    /// Full name as the user writes it.
    pub name: String,
    /// Given name, when a file or the user said it; else read from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name, when a file or the user said it; else read from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// 1st, 2nd or 3rd degree connection.
    #[serde(default = "first_degree", skip_serializing_if = "is_first_degree")]
    pub degree: u8,
    /// Employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Topic labels, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<String>,
    /// How and where you met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<String>,
    /// Stay-in-touch cadence; absent means the default for the degree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// When the contact entered netwerk.
    #[serde(deserialize_with = "super::when::day")]
    pub added: NaiveDate,
    /// When you connected (from imports).
    #[serde(
        default,
        deserialize_with = "super::when::some_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub connected: Option<NaiveDate>,
    /// Triage state.
    #[serde(default, skip_serializing_if = "ContactState::is_active")]
    pub state: ContactState,
    /// The ids of records merged into this one (`contact merge`): history
    /// logged for them counts as this contact's, so the log is never
    /// rewritten. A version that predates it stops at the unknown field
    /// rather than lose it by saving over it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<ContactId>,
    /// What a merge of two copies could not settle (`netwerk sync`,
    /// `resolve`): the field changed two ways, the kept value is in the
    /// field and the other in the note. Listed by `doctor` until cleared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Profile links, any number of each kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl Contact {
    /// A new contact with a validated name and nothing else.
    pub fn new(name: &str, added: NaiveDate) -> Result<Self, FieldError> {
        Ok(Self {
            id: ContactId::new(),
            name: validate::required("name", name)?,
            given_name: None,
            family_name: None,
            degree: 1,
            company: None,
            role: None,
            email: None,
            interests: Vec::new(),
            met: None,
            cadence_days: None,
            notes: None,
            added,
            connected: None,
            state: ContactState::Active,
            merged: Vec::new(),
            conflicts: Vec::new(),
            links: Vec::new(),
        })
    }

    /// Whether a history entry about the contact with id `id` is about
    /// this person: it is theirs, or logged for a record merged into them.
    pub fn answers_to(&self, id: &str) -> bool {
        self.id.as_str() == id || self.merged.iter().any(|m| m.as_str() == id)
    }

    /// The given name: as stored, else read from the name by
    /// [`person_name::split`] ("Ada" for "Dr. Ada Lovelace").
    pub fn first_name(&self) -> &str {
        match &self.given_name {
            Some(given) => given,
            None => person_name::split(&self.name).0,
        }
    }

    /// The family name: as stored, else read from the name, if it has one.
    pub fn last_name(&self) -> Option<&str> {
        match &self.family_name {
            Some(family) => Some(family),
            None if self.given_name.is_some() => None,
            None => person_name::split(&self.name).1,
        }
    }

    /// The link `y` copies: LinkedIn first, else the first link.
    pub fn profile_link(&self) -> Option<&Link> {
        self.links
            .iter()
            .find(|l| l.kind == LinkKind::Linkedin)
            .or_else(|| self.links.first())
    }

    /// Whether the contact already has this interest (folded comparison).
    pub fn has_interest(&self, label: &str) -> bool {
        let folded = fold_label(label);
        self.interests.iter().any(|i| fold_label(i) == folded)
    }

    /// Adds an interest unless an equivalent one is there; returns whether
    /// it was added. `label` should already carry the network's canonical
    /// spelling (see `Network::canonical_label`).
    pub fn add_interest(&mut self, label: &str) -> bool {
        if self.has_interest(label) {
            return false;
        }
        self.interests.push(label.trim().to_string());
        true
    }

    /// Removes an interest (folded comparison); returns whether it was there.
    pub fn remove_interest(&mut self, label: &str) -> bool {
        let folded = fold_label(label);
        let before = self.interests.len();
        self.interests.retain(|i| fold_label(i) != folded);
        before != self.interests.len()
    }
}

/// A set of changes to a contact, as typed in a form or on the command
/// line. `None` leaves a field alone; `Some("")` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct ContactPatch {
    /// New name.
    pub name: Option<String>,
    /// New company.
    pub company: Option<String>,
    /// New role.
    pub role: Option<String>,
    /// New email.
    pub email: Option<String>,
    /// New degree.
    pub degree: Option<u8>,
    /// New cadence; `Some(None)` returns to the degree's default.
    pub cadence_days: Option<Option<u32>>,
    /// New notes.
    pub notes: Option<String>,
    /// New how/where met.
    pub met: Option<String>,
    /// Replacement links.
    pub links: Option<Vec<Link>>,
}

impl ContactPatch {
    /// Applies every change or none: all fields are validated first and
    /// every problem is reported, so a form can mark each bad field.
    pub fn apply(&self, contact: &mut Contact) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut next = contact.clone();
        let mut check = |r: Result<(), FieldError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        if let Some(name) = &self.name {
            check(validate::required("name", name).map(|v| {
                // Parts read from a file for the old name would now mislead.
                if v != next.name {
                    next.given_name = None;
                    next.family_name = None;
                }
                next.name = v;
            }));
        }
        if let Some(v) = &self.company {
            check(validate::optional("company", v).map(|v| next.company = v));
        }
        if let Some(v) = &self.role {
            check(validate::optional("role", v).map(|v| next.role = v));
        }
        if let Some(v) = &self.email {
            check(validate::email(v).map(|v| next.email = v));
        }
        if let Some(v) = self.degree {
            check(validate::degree(v).map(|v| next.degree = v));
        }
        if let Some(v) = self.cadence_days {
            check(match v {
                Some(days) => validate::cadence(days).map(|d| next.cadence_days = Some(d)),
                None => {
                    next.cadence_days = None;
                    Ok(())
                }
            });
        }
        if let Some(v) = &self.notes {
            check(validate::long_text("notes", v).map(|v| next.notes = v));
        }
        if let Some(v) = &self.met {
            check(validate::optional("met", v).map(|v| next.met = v));
        }
        if let Some(links) = &self.links {
            next.links = links.clone();
        }
        if errors.is_empty() {
            *contact = next;
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn names_split_into_first_and_last() {
        let mut c = Contact::new("  Ada   King Lovelace ", day()).unwrap();
        assert_eq!(c.name, "Ada   King Lovelace");
        assert_eq!(c.first_name(), "Ada");
        assert_eq!(c.last_name(), Some("Lovelace"));
        let solo = Contact::new("Cher", day()).unwrap();
        assert_eq!(solo.last_name(), None);
        // Stored parts win over the name.
        c.given_name = Some("Augusta Ada".into());
        c.family_name = Some("King".into());
        assert_eq!(
            (c.first_name(), c.last_name()),
            ("Augusta Ada", Some("King"))
        );
    }

    #[test]
    fn empty_name_is_refused() {
        let err = Contact::new("   ", day()).unwrap_err();
        assert_eq!(err.to_string(), "name: must not be empty");
    }

    #[test]
    fn patch_is_all_or_nothing_and_keeps_id() {
        let mut c = Contact::new("Ada", day()).unwrap();
        let id = c.id.clone();
        let bad = ContactPatch {
            company: Some("Analytical Engines".into()),
            email: Some("not-an-email".into()),
            degree: Some(4),
            ..Default::default()
        };
        let errors = bad.apply(&mut c).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["email", "degree"]
        );
        assert_eq!(c.company, None, "nothing applied when a field is invalid");
        let good = ContactPatch {
            name: Some("Ada Lovelace".into()),
            company: Some("Analytical Engines".into()),
            ..Default::default()
        };
        good.apply(&mut c).unwrap();
        assert_eq!(c.id, id);
        assert_eq!(c.name, "Ada Lovelace");
    }

    #[test]
    fn interests_compare_folded_and_keep_first_spelling() {
        let mut c = Contact::new("Ada", day()).unwrap();
        assert!(c.add_interest("Café"));
        assert!(!c.add_interest("cafe"));
        assert!(!c.add_interest("CAFÉ"));
        assert_eq!(c.interests, ["Café"]);
        assert!(c.remove_interest("cafe"));
        assert!(c.interests.is_empty());
    }

    #[test]
    fn links_parse_from_the_command_line_form() {
        let l = Link::parse("linkedin=https://www.linkedin.com/in/ada").unwrap();
        assert_eq!(l.kind, LinkKind::Linkedin);
        assert!(Link::parse("myspace=https://x.y").is_err());
        assert!(Link::parse("website=not a url").is_err());
        // A bare address is a link too, its kind from the host.
        assert_eq!(Link::parse("https://x.y").unwrap().kind, LinkKind::Website);
    }
}
