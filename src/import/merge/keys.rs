//! What makes two records "the same person" or "the same page": match keys
//! built once per import and looked up in hash maps, so merging 30,000 rows
//! into 30,000 contacts stays linear.

use std::collections::HashMap;

use crate::domain::fold::fold_label;
use crate::domain::identity::{PersonKey, person_keys};
pub use crate::domain::identity::{email_key, is_profile, link_key};
use crate::domain::{Contact, LinkKind, Network};
use crate::import::links::classify;

/// Whether a contact has a LinkedIn profile link, by kind or by host.
pub fn has_linkedin(contact: &Contact) -> bool {
    contact
        .links
        .iter()
        .any(|l| l.kind == LinkKind::Linkedin || classify(&l.url) == LinkKind::Linkedin)
}

/// Contacts by profile URL, e-mail and (for records with neither) folded
/// name, as positions in `Network::contacts`. Where hand edits left
/// two contacts with one key, the first keeps it, so matching is
/// deterministic.
#[derive(Debug, Default)]
pub struct ContactIndex {
    links: HashMap<String, usize>,
    emails: HashMap<String, usize>,
    names: HashMap<String, usize>,
    names_without_linkedin: HashMap<String, usize>,
    /// Folded "name\u{0}company" of contacts without a LinkedIn link: how
    /// a row of an export without profile URLs or e-mail is recognised.
    names_at_companies: HashMap<String, usize>,
}

impl ContactIndex {
    /// Indexes every contact of `net`.
    pub fn new(net: &Network) -> Self {
        let mut index = ContactIndex::default();
        for (at, contact) in net.contacts.iter().enumerate() {
            index.add(at, contact);
        }
        index
    }

    /// Registers (or re-registers after a merge) the contact at position
    /// `at`; keys already taken stay with their first contact.
    pub fn add(&mut self, at: usize, contact: &Contact) {
        // What makes a person one person is the domain's rule.
        for key in person_keys(contact) {
            let keys = match key {
                PersonKey::Profile(key) => self.links.entry(key),
                PersonKey::Email(key) => self.emails.entry(key),
            };
            keys.or_insert(at);
        }
        let name = fold_label(&contact.name);
        self.names.entry(name.clone()).or_insert(at);
        if !has_linkedin(contact) {
            let at_company = name_at_company(&contact.name, contact.company.as_deref());
            self.names_at_companies.entry(at_company).or_insert(at);
            self.names_without_linkedin.entry(name).or_insert(at);
        } else if self.names_without_linkedin.get(&name) == Some(&at) {
            // It just gained a LinkedIn link: from now on it is found by that.
            self.names_without_linkedin.remove(&name);
        }
    }

    /// The contact with this profile link key.
    pub fn by_link(&self, key: &str) -> Option<usize> {
        self.links.get(key).copied()
    }

    /// The contact with this e-mail address (any case).
    pub fn by_email(&self, email: &str) -> Option<usize> {
        self.emails.get(&email_key(email)).copied()
    }

    /// The contact with this exact (folded) name.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.names.get(&fold_label(name)).copied()
    }

    /// The contact with this name and company (both folded; no company
    /// matches no company) that has no LinkedIn link.
    pub fn by_name_at_company(&self, name: &str, company: Option<&str>) -> Option<usize> {
        self.names_at_companies
            .get(&name_at_company(name, company))
            .copied()
    }

    /// The contact with this exact (folded) name that has no LinkedIn link.
    pub fn by_name_without_linkedin(&self, name: &str) -> Option<usize> {
        self.names_without_linkedin.get(&fold_label(name)).copied()
    }
}

/// The key of a name at a company, both folded.
fn name_at_company(name: &str, company: Option<&str>) -> String {
    format!(
        "{}\u{0}{}",
        fold_label(name),
        fold_label(company.unwrap_or(""))
    )
}

/// The network's spelling of each interest, by folded label: the same
/// answer as `Network::canonical_label`, which scans every label per call,
/// built once so an import with thousands of labels stays fast.
#[derive(Debug, Default)]
pub struct Labels {
    by_fold: HashMap<String, String>,
}

impl Labels {
    /// Collects the first spelling of every label, contacts before items
    /// (the order `canonical_label` searches in).
    pub fn new(net: &Network) -> Self {
        let mut by_fold = HashMap::new();
        let labels = net
            .contacts
            .iter()
            .flat_map(|c| c.interests.iter())
            .chain(net.items.iter().flat_map(|i| i.topics.iter()));
        for label in labels {
            by_fold
                .entry(fold_label(label))
                .or_insert_with(|| label.clone());
        }
        Labels { by_fold }
    }

    /// The spelling to store for `label`; a new label is kept as written
    /// (whitespace squeezed) and becomes the spelling for later records.
    pub fn canonical(&mut self, label: &str) -> String {
        self.by_fold
            .entry(fold_label(label))
            .or_insert_with(|| label.split_whitespace().collect::<Vec<_>>().join(" "))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_urls_match_across_spellings() {
        let want = Some("linkedin.com/in/ada-lovelace".to_string());
        for url in [
            "https://www.linkedin.com/in/ada-lovelace",
            "http://linkedin.com/in/ada-lovelace/",
            "https://WWW.LinkedIn.com/in/Ada-Lovelace?trk=x#top",
            "https://de.linkedin.com/in/ada-lovelace",
        ] {
            assert_eq!(link_key(url), want, "{url}");
        }
        assert_ne!(link_key("https://www.linkedin.com/in/ada-lovelace-2"), want);
    }

    #[test]
    fn other_sites_keep_their_path_case() {
        assert_eq!(
            link_key("http://www.youtube.com/channel/UCab/").as_deref(),
            Some("youtube.com/channel/UCab")
        );
        assert_eq!(link_key("mailto:ada@example.com"), None);
        assert_eq!(link_key("not a url"), None);
    }

    #[test]
    fn profiles_are_told_from_shared_pages() {
        assert!(is_profile(LinkKind::Github, "https://code.example.org"));
        assert!(is_profile(LinkKind::Website, "https://github.com/ada"));
        assert!(!is_profile(LinkKind::Website, "https://engines.example"));
    }
}
