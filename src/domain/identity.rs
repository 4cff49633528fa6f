//! One person, one record: what says two records are the same person.
//! A social profile's address or an e-mail belongs to one person, so a
//! record sharing either with another is that other person again. The
//! command line, the forms and every import ask this module.

use super::contact::Contact;
use super::id::ContactId;
use super::link::LinkKind;
use super::network::Network;
use std::fmt;

/// The key a profile URL is recognised by, or `None` for anything that is
/// not an http(s) URL with a host (one without a scheme is read as https).
///
/// `http` and `https` are the same page, the host is compared without case
/// and without `www.`, and query, fragment and trailing slashes are
/// dropped. Any `*.linkedin.com` host is LinkedIn itself (`de.linkedin.com`
/// serves the same profile), and LinkedIn's `/in/` slugs are compared
/// without case because LinkedIn resolves them that way; other sites keep
/// their path's case, since some (YouTube channel ids) depend on it.
pub fn link_key(url: &str) -> Option<String> {
    // Written without a scheme (`linkedin.com/in/ada`), it is https.
    let parsed = super::validate::web_url_assuming_https(url)?;
    // The URL parser has already lower-cased and IDNA-encoded the host.
    let host = parsed.host_str().filter(|h| !h.is_empty())?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = parsed.path().trim_end_matches('/');
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        return Some(format!("linkedin.com{}", path.to_lowercase()));
    }
    Some(format!("{host}{path}"))
}

/// The key an e-mail address is recognised by: trimmed, without case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether a link identifies a person (a social profile) rather than a page
/// several people may share (a company web site), judged by its declared
/// kind or, for links filed as plain web sites, by its host.
pub fn is_profile(kind: LinkKind, url: &str) -> bool {
    let by_host = || !matches!(LinkKind::for_url(url), LinkKind::Website | LinkKind::Other);
    !matches!(kind, LinkKind::Website | LinkKind::Other) || by_host()
}

/// Something only one person has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PersonKey {
    /// A social profile, by [`link_key`].
    Profile(String),
    /// An e-mail address, by [`email_key`].
    Email(String),
}

impl PersonKey {
    /// The domain field it comes from ("link" or "email"), for a form to
    /// mark.
    pub fn field(&self) -> &'static str {
        match self {
            PersonKey::Profile(_) => "link",
            PersonKey::Email(_) => "email",
        }
    }
}

impl fmt::Display for PersonKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonKey::Profile(key) => write!(f, "the profile {key}"),
            PersonKey::Email(key) => write!(f, "the e-mail {key}"),
        }
    }
}

/// The keys that make `contact` who they are: each profile link, and
/// their e-mail.
pub fn person_keys(contact: &Contact) -> impl Iterator<Item = PersonKey> + '_ {
    let profiles = contact
        .links
        .iter()
        .filter(|l| is_profile(l.kind, &l.url))
        .filter_map(|l| link_key(&l.url))
        .map(PersonKey::Profile);
    let email = contact
        .email
        .as_deref()
        .map(|e| PersonKey::Email(email_key(e)));
    profiles.chain(email)
}

/// What `a` and `b` share that says they may be one person, strongest
/// first: a profile or e-mail (certain), else the same name; `None` when
/// nothing does. Offers the likely records first when merging.
pub fn kinship(a: &Contact, b: &Contact) -> Option<String> {
    let keys: Vec<PersonKey> = person_keys(a).collect();
    if let Some(key) = person_keys(b).find(|k| keys.contains(k)) {
        return Some(format!("same {}", key.field().replace("email", "e-mail")));
    }
    (super::fold::fold_label(&a.name) == super::fold::fold_label(&b.name))
        .then(|| "same name".to_string())
}

/// A contact already in the network who is the same person as a record
/// being added or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamePerson {
    /// Their id.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// What the two records share.
    pub key: PersonKey,
}

impl fmt::Display for SamePerson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}) already has {}", self.name, self.id, self.key)
    }
}

impl Network {
    /// The first other contact who is `contact` again: one sharing a
    /// profile link or an e-mail with them (see [`person_keys`]).
    pub fn same_person(&self, contact: &Contact) -> Option<SamePerson> {
        let keys: Vec<PersonKey> = person_keys(contact).collect();
        if keys.is_empty() {
            return None;
        }
        self.contacts
            .iter()
            .filter(|other| other.id != contact.id)
            .find_map(|other| {
                let key = person_keys(other).find(|k| keys.contains(k))?;
                Some(SamePerson {
                    id: other.id.clone(),
                    name: other.name.clone(),
                    key,
                })
            })
    }

    /// The contact a change makes `after` a second record of, if any:
    /// [`Network::same_person`], except that a twin the record already had
    /// (`before`; `None` for a new record), kept on purpose, does not block
    /// later edits of other fields.
    pub fn twin_made(&self, before: Option<&Contact>, after: &Contact) -> Option<SamePerson> {
        let twin = self.same_person(after)?;
        let had = before
            .and_then(|b| self.same_person(b))
            .is_some_and(|t| t.id == twin.id);
        (!had).then_some(twin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Link;
    use chrono::NaiveDate;

    fn person(name: &str) -> Contact {
        Contact::new(name, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap()
    }

    #[test]
    fn a_shared_profile_or_email_is_the_same_person_a_shared_site_is_not() {
        let mut net = Network::default();
        let mut ada = person("Ada Lovelace");
        ada.email = Some("Ada@Example.com".into());
        ada.links = vec![
            Link::parse("https://www.linkedin.com/in/ada").unwrap(),
            Link::parse("https://engines.example").unwrap(),
        ];
        net.contacts.push(ada.clone());
        let mut again = person("Ada L.");
        again.links = vec![Link::parse("linkedin=http://de.linkedin.com/in/ADA/").unwrap()];
        let same = net.same_person(&again).unwrap();
        assert_eq!(
            same.to_string(),
            format!(
                "Ada Lovelace ({}) already has the profile linkedin.com/in/ada",
                ada.id
            )
        );
        let mut by_mail = person("A. Lovelace");
        by_mail.email = Some(" ada@example.COM ".into());
        assert_eq!(net.same_person(&by_mail).unwrap().key.field(), "email");
        let mut colleague = person("Charles Babbage");
        colleague.links = vec![Link::parse("https://engines.example").unwrap()];
        assert_eq!(net.same_person(&colleague), None);
        assert_eq!(net.same_person(&ada), None, "a record is not its own twin");
    }
}
