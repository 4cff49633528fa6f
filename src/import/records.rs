//! The plain records every import parser produces.
//!
//! They deliberately know nothing of the domain model or the store: a parser
//! turns bytes into these, and the import command merges them into the store.

/// The link kinds are the domain's own, so parsed links need no
/// translation on their way into the store.
pub use crate::domain::LinkKind;

/// One person read from an export (LinkedIn CSV or vCard).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedContact {
    /// 1-based line in the file where the record starts.
    pub line: usize,
    /// Full display name, trimmed, never empty.
    pub name: String,
    /// Given name, when the file says which part it is (vCard `N`, a
    /// "First Name" column).
    pub given_name: Option<String>,
    /// Family name, when the file says which part it is.
    pub family_name: Option<String>,
    /// Employer or organisation.
    pub company: Option<String>,
    /// Job title or position.
    pub role: Option<String>,
    /// E-mail addresses, the preferred one first, without duplicates.
    pub emails: Vec<String>,
    /// Profile and web links in file order.
    pub links: Vec<(LinkKind, String)>,
    /// Topic labels (vCard `CATEGORIES`), in file order, without duplicates.
    pub interests: Vec<String>,
    /// Free-text notes; line breaks are `\n`.
    pub notes: Option<String>,
    /// When the connection was made (LinkedIn's "Connected On").
    pub connected: Option<chrono::NaiveDate>,
    /// The card's `UID`: netwerk's id when netwerk wrote the card.
    pub uid: Option<String>,
    /// netwerk's own fields, when the file carries them (a vCard's
    /// `X-NETWERK-*` properties).
    pub netwerk: NetwerkFields,
}

/// The fields of a contact only netwerk has, as a vCard written for a
/// vdir carries them in `X-NETWERK-*` properties. One a card lacks is
/// left as it is by an import (an address book may drop properties it
/// does not know).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetwerkFields {
    /// `X-NETWERK-DEGREE`: 1, 2 or 3.
    pub degree: Option<u8>,
    /// `X-NETWERK-CADENCE`: the stay-in-touch cadence in days.
    pub cadence_days: Option<u32>,
    /// `X-NETWERK-MET`: how and where you met.
    pub met: Option<String>,
    /// `X-NETWERK-STATE`: active, untriaged or dormant.
    pub state: Option<crate::domain::ContactState>,
    /// `X-NETWERK-ADDED`: when the contact entered netwerk. Every card
    /// netwerk writes for a vdir has it: it marks the card as netwerk's.
    pub added: Option<chrono::NaiveDate>,
    /// `X-NETWERK-MERGED`: ids of records merged into this one.
    pub merged: Vec<String>,
}

impl ImportedContact {
    /// Names a record that has no name by its organisation, else by its
    /// first e-mail address, and says so; `None` when it has neither.
    pub(crate) fn name_by_organisation_or_email(&mut self) -> Option<String> {
        let (by, what) = match (&self.company, self.emails.first()) {
            (Some(company), _) => (company.clone(), "organisation"),
            (None, Some(email)) => (email.clone(), "e-mail address"),
            (None, None) => return None,
        };
        self.given_name = Some(by.clone());
        self.name = by.clone();
        Some(format!("no name: named by its {what}, {by}"))
    }
}

/// One content item read from a URL list or a Pocket export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    /// 1-based line in the file where the record starts.
    pub line: usize,
    /// The URL as written in the file (http or https), not normalised.
    pub url: String,
    /// Title, if the file gave one.
    pub title: Option<String>,
    /// Topic labels (Pocket tags).
    pub topics: Vec<String>,
    /// When it was saved, if the file says.
    pub added: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether it was already read/archived in the source.
    pub archived: bool,
}

/// A record that was left out, and why; shown to the user after an import.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// 1-based line where the skipped record starts.
    pub line: usize,
    /// Human-readable reason, e.g. "no name" or "duplicate of line 4".
    pub reason: String,
}

/// The outcome of parsing a whole file that was well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    /// Records to import, in file order.
    pub records: Vec<T>,
    /// Records left out, in file order.
    pub skipped: Vec<Skipped>,
    /// Records kept that the user should hear about (a card without a
    /// name, named by its organisation), in file order.
    pub remarks: Vec<Skipped>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            skipped: Vec::new(),
            remarks: Vec::new(),
        }
    }
}

impl<T> Parsed<T> {
    /// Notes that the record starting at `line` was left out.
    pub(crate) fn skip(&mut self, line: usize, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            line,
            reason: reason.into(),
        });
    }

    /// Notes something worth saying about the record kept from `line`.
    pub(crate) fn remark(&mut self, line: usize, what: impl Into<String>) {
        self.remarks.push(Skipped {
            line,
            reason: what.into(),
        });
    }
}

/// Whole-file error: the file is not what it claims to be, so nothing from it
/// may be imported (imports are all or nothing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line where the problem was found.
    pub line: usize,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl ParseError {
    /// An error at `line`.
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
        ParseError {
            line,
            message: message.into(),
        }
    }
}
