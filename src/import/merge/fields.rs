//! An imported contact's fields, checked by the rules the forms enforce
//! and converted to domain types, before anything is merged.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::keys::{email_key, link_key};
use crate::domain::{Link, LinkKind, validate};
use crate::import::records::ImportedContact;

/// A record's usable fields.
#[derive(Debug)]
pub struct Fields {
    pub name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub company: Option<String>,
    pub role: Option<String>,
    /// Valid addresses, preferred first, without duplicates.
    pub emails: Vec<String>,
    /// Valid web links, without duplicates.
    pub links: Vec<Link>,
    /// Labels as written; the merge picks the network's spelling.
    pub interests: Vec<String>,
    pub notes: Option<String>,
    pub connected: Option<NaiveDate>,
}

impl Fields {
    /// Checks `record`; the error is the reason to skip it.
    pub fn check(record: &ImportedContact) -> Result<Fields, String> {
        let err = |e: validate::FieldError| e.to_string();
        let name = validate::required("name", &squeeze(&record.name)).map_err(err)?;
        let given_name = short("given_name", record.given_name.as_deref()).map_err(err)?;
        let family_name = short("family_name", record.family_name.as_deref()).map_err(err)?;
        let company = short("company", record.company.as_deref()).map_err(err)?;
        let role = short("role", record.role.as_deref()).map_err(err)?;
        let notes = match &record.notes {
            Some(n) => validate::long_text("notes", n).map_err(err)?,
            None => None,
        };
        let mut seen = HashSet::new();
        let emails = record
            .emails
            .iter()
            .filter_map(|e| validate::email(e).ok().flatten())
            .filter(|e| seen.insert(email_key(e)))
            .collect();
        let mut seen = HashSet::new();
        let links = record
            .links
            .iter()
            // Non-web URIs (mailto:, x-apple:) cannot be stored as links.
            .filter_map(|(kind, url)| Link::new(*kind, url).ok())
            .filter(|l| seen.insert(link_key(&l.url).unwrap_or_else(|| l.url.clone())))
            .collect();
        let interests = record
            .interests
            .iter()
            .filter_map(|i| validate::required("interest", i).ok())
            .collect();
        Ok(Fields {
            name,
            given_name,
            family_name,
            company,
            role,
            emails,
            links,
            interests,
            notes,
            connected: record.connected,
        })
    }

    /// The LinkedIn profile link, if the record has one.
    pub fn linkedin(&self) -> Option<&Link> {
        self.links.iter().find(|l| l.kind == LinkKind::Linkedin)
    }
}

/// Name, company and role are one-line fields everywhere they are shown;
/// exports break them across lines ("Founder\nCEO") or pad them.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(field: &'static str, value: Option<&str>) -> Result<Option<String>, validate::FieldError> {
    match value {
        Some(v) => validate::optional(field, &squeeze(v)),
        None => Ok(None),
    }
}
