//! Which untriaged contacts a bulk triage is about: by company, role,
//! connection date or words anywhere in the record.

use crate::domain::contact::Contact;
use crate::domain::fold::fold;
use chrono::NaiveDate;

/// What a contact must match. Empty fields match everything; text is
/// compared ignoring case and accents, as a part of the field
/// ("stripe" matches "Stripe Payments").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the company.
    pub company: Option<String>,
    /// Part of the role.
    pub role: Option<String>,
    /// Connected on or after this day (contacts with no date never match).
    pub connected_since: Option<NaiveDate>,
    /// Words that must all appear in the name, company, role or interests.
    pub query: Option<String>,
}

impl Filter {
    /// Whether no field is set: it would match every contact.
    pub fn is_empty(&self) -> bool {
        self.company.is_none()
            && self.role.is_none()
            && self.connected_since.is_none()
            && self.query.is_none()
    }

    /// "company: stripe · since 2026-01-01", for reports.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.company {
            parts.push(format!("company: {c}"));
        }
        if let Some(r) = &self.role {
            parts.push(format!("role: {r}"));
        }
        if let Some(d) = self.connected_since {
            parts.push(format!("connected since {d}"));
        }
        if let Some(q) = &self.query {
            parts.push(format!("query: {q}"));
        }
        parts.join(" · ")
    }

    /// The filter folded once, to test many contacts.
    pub fn matcher(&self) -> Matcher {
        let folded = |v: &Option<String>| v.as_deref().map(fold).filter(|s| !s.trim().is_empty());
        Matcher {
            company: folded(&self.company),
            role: folded(&self.role),
            connected_since: self.connected_since,
            words: self
                .query
                .as_deref()
                .map(|q| fold(q).split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
        }
    }
}

/// A [`Filter`] ready to test contacts.
#[derive(Debug, Clone)]
pub struct Matcher {
    company: Option<String>,
    role: Option<String>,
    connected_since: Option<NaiveDate>,
    words: Vec<String>,
}

impl Matcher {
    /// Whether `c` matches every field that is set.
    pub fn matches(&self, c: &Contact) -> bool {
        let part = |want: &Option<String>, have: &Option<String>| match want {
            None => true,
            Some(w) => have
                .as_deref()
                .is_some_and(|h| fold(h).contains(w.as_str())),
        };
        if !part(&self.company, &c.company) || !part(&self.role, &c.role) {
            return false;
        }
        if let Some(since) = self.connected_since
            && c.connected.is_none_or(|d| d < since)
        {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let mut text = fold(&c.name);
        for field in [&c.company, &c.role].into_iter().flatten() {
            text.push(' ');
            text.push_str(&fold(field));
        }
        for interest in &c.interests {
            text.push(' ');
            text.push_str(&fold(interest));
        }
        self.words.iter().all(|w| text.contains(w.as_str()))
    }
}
