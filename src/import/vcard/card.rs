//! One card's properties → an [`ImportedContact`].

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::lines::Property;
use super::netwerk_fields;
use super::value::{decode, split_unescaped, unescape};
use crate::domain::{ContactState, Link};
use crate::import::links::{classify, is_web_url};
use crate::import::records::{ImportedContact, LinkKind, NetwerkFields, ParseError};

/// Google puts every contact in this system group; it is not an interest.
const SYSTEM_CATEGORIES: [&str; 1] = ["myContacts"];

/// `PREF` rank of a property without one (RFC 6350: 1 is most preferred, 100 least).
const UNRANKED: u32 = 101;

/// What became of one card.
pub enum Card {
    /// A contact, and what the user should hear about it (kept against
    /// the odds, a value left out).
    Kept(Box<ImportedContact>, Vec<String>),
    /// Nothing in the card to call a person by.
    Skipped(String),
}

/// Builds the contact that the card starting on `line` describes; `Err`
/// when a value cannot be decoded. `legacy` is the code page undeclared
/// non-UTF-8 text is in.
pub fn build(
    line: usize,
    props: Vec<Property>,
    legacy: Option<&'static Encoding>,
) -> Result<Card, ParseError> {
    let text = |p: &Property| decode(p, legacy);
    let first = |name: &str| props.iter().find(|p| p.name == name);

    let mut name = match first("FN") {
        Some(p) => clean(&unescape(&text(p)?)),
        None => String::new(),
    };
    let parts = match first("N") {
        Some(p) => NameParts::read(&text(p)?),
        None => NameParts::default(),
    };
    if name.is_empty() {
        name = parts.display();
    }
    // `N` says which part is which; a display name alone is left to the
    // domain's reading of it.
    let (given_name, family_name) = if parts.given.is_empty() && parts.family.is_empty() {
        (None, None)
    } else {
        let some = |s: &String| (!s.is_empty()).then(|| s.clone());
        (some(&parts.given), some(&parts.family))
    };

    let company = match first("ORG") {
        Some(p) => split_unescaped(&text(p)?, ';')
            .first()
            .map(|unit| clean(&unescape(unit)))
            .filter(|c| !c.is_empty()),
        None => None,
    };
    let role = match first("TITLE") {
        Some(p) => Some(clean(&unescape(&text(p)?))).filter(|r| !r.is_empty()),
        None => None,
    };

    let mut labels: HashMap<&str, String> = HashMap::new();
    for p in props.iter().filter(|p| p.name == "X-ABLABEL") {
        if let Some(group) = &p.group {
            labels.insert(group, clean(&unescape(&text(p)?)));
        }
    }

    let mut ranked_emails: Vec<(u32, String)> = Vec::new();
    let mut remarks: Vec<String> = Vec::new();
    let mut links: Vec<(LinkKind, String)> = Vec::new();
    let mut interests: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut connected = None;
    let mut uid = None;
    let mut netwerk = NetwerkFields::default();
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    for p in &props {
        match p.name.as_str() {
            "EMAIL" => {
                let email = clean(&unescape(&text(p)?));
                let duplicate = ranked_emails
                    .iter()
                    .any(|(_, e)| e.eq_ignore_ascii_case(&email));
                if !email.is_empty() && !duplicate {
                    ranked_emails.push((pref_rank(p), email));
                }
            }
            "URL" | "X-SOCIALPROFILE" | "SOCIALPROFILE" => {
                let label = p.group.as_deref().and_then(|g| labels.get(g));
                let Some(link) = link(p, &text(p)?, label.map(String::as_str)) else {
                    continue;
                };
                // A home page that is no web address even with https
                // assumed is said, not dropped in silence (the merge
                // leaves it out; the record keeps what the file says).
                if p.name == "URL" && Link::new(link.0, &link.1).is_err() {
                    remarks.push(format!("URL {:?} is not a web address; left out", link.1));
                }
                if !links.iter().any(|(_, url)| *url == link.1) {
                    links.push(link);
                }
            }
            "CATEGORIES" => {
                for raw in split_unescaped(&text(p)?, ',') {
                    let interest = clean(&unescape(raw));
                    let system = SYSTEM_CATEGORIES.iter().any(|s| interest == *s);
                    if !interest.is_empty() && !system && !interests.contains(&interest) {
                        interests.push(interest);
                    }
                }
            }
            "NOTE" => {
                let note = clean(&unescape(&text(p)?));
                if !note.is_empty() {
                    notes.push(note);
                }
            }
            netwerk_fields::CONNECTED => connected = day(&text(p)?),
            "UID" => uid = Some(clean(&unescape(&text(p)?))).filter(|u| !u.is_empty()),
            netwerk_fields::DEGREE => netwerk.degree = text(p)?.trim().parse().ok(),
            netwerk_fields::CADENCE => netwerk.cadence_days = text(p)?.trim().parse().ok(),
            netwerk_fields::MET => {
                netwerk.met = Some(clean(&unescape(&text(p)?))).filter(|m| !m.is_empty());
            }
            netwerk_fields::STATE => {
                netwerk.state = match text(p)?.trim() {
                    "active" => Some(ContactState::Active),
                    "untriaged" => Some(ContactState::Untriaged),
                    "dormant" => Some(ContactState::Dormant),
                    _ => None,
                };
            }
            netwerk_fields::ADDED => netwerk.added = day(&text(p)?),
            netwerk_fields::MERGED => {
                netwerk.merged = split_unescaped(&text(p)?, ',')
                    .into_iter()
                    .map(|id| clean(&unescape(id)))
                    .filter(|id| !id.is_empty())
                    .collect();
            }
            _ => {}
        }
    }
    // Stable, so addresses of equal rank keep file order.
    ranked_emails.sort_by_key(|(rank, _)| *rank);
    let emails: Vec<String> = ranked_emails.into_iter().map(|(_, e)| e).collect();

    // A card for a company, or only an address, is still someone to reach.
    let mut given_name = given_name;
    // An organisation's own card (4.0 `KIND:org`, Apple's
    // `X-ABShowAs:COMPANY`) is addressed by its whole name, not by its
    // first word.
    let marked = |prop: &str, kinds: &[&str]| {
        first(prop).is_some_and(|p| {
            let value = String::from_utf8_lossy(&p.value);
            kinds.iter().any(|k| value.trim().eq_ignore_ascii_case(k))
        })
    };
    let organisation = marked("KIND", &["org", "group", "location"])
        || marked("X-ABSHOWAS", &["COMPANY"])
        || company.as_ref() == Some(&name);
    if given_name.is_none() && family_name.is_none() && organisation {
        given_name = Some(name.clone());
    }
    let mut contact = ImportedContact {
        line,
        name,
        given_name,
        family_name,
        company,
        role,
        emails,
        links,
        interests,
        notes: (!notes.is_empty()).then(|| notes.join("\n")),
        connected,
        uid,
        netwerk,
    };
    if contact.name.is_empty() {
        match contact.name_by_organisation_or_email() {
            Some(remark) => remarks.insert(0, remark),
            None => {
                return Ok(Card::Skipped(
                    "no name, organisation or e-mail (FN and N are empty)".to_string(),
                ));
            }
        }
    }
    Ok(Card::Kept(Box::new(contact), remarks))
}

/// Trimmed text; line breaks were already normalised by [`decode`].
fn clean(text: &str) -> String {
    text.trim().to_string()
}

/// `N:Family;Given;Additional;Prefix;Suffix`, each part's values joined
/// by spaces.
#[derive(Default)]
struct NameParts {
    family: String,
    given: String,
    additional: String,
    prefix: String,
    suffix: String,
}

impl NameParts {
    fn read(value: &str) -> Self {
        let parts = split_unescaped(value, ';');
        let part = |i: usize| {
            parts
                .get(i)
                .map(|p| {
                    split_unescaped(p, ',')
                        .into_iter()
                        .map(|v| clean(&unescape(v)))
                        .filter(|v| !v.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
        };
        NameParts {
            family: part(0),
            given: part(1),
            additional: part(2),
            prefix: part(3),
            suffix: part(4),
        }
    }

    /// The name in the order people are addressed: "Dr. Ada Augusta
    /// Lovelace Jr.".
    fn display(&self) -> String {
        [
            &self.prefix,
            &self.given,
            &self.additional,
            &self.family,
            &self.suffix,
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// 4.0 `PREF=1`, 3.0 `TYPE=pref`, 2.1 bare `PREF`: lower ranks first.
pub(super) fn pref_rank(p: &Property) -> u32 {
    if let Some(rank) = p.param("PREF").find_map(|v| v.trim().parse::<u32>().ok()) {
        return rank;
    }
    if p.has_type("pref") { 1 } else { UNRANKED }
}

/// The link a `URL` or social-profile property holds, if any.
///
/// An explicit kind wins over the host: `TYPE` or `SERVICE-TYPE` (Apple writes
/// `X-SOCIALPROFILE;type=linkedin`, netwerk's own export `URL;TYPE=website`
/// when the host would say otherwise), then an Apple `X-ABLabel` naming a kind,
/// then the host. A social profile on an unknown site is `other`, not a website.
fn link(p: &Property, value: &str, label: Option<&str>) -> Option<(LinkKind, String)> {
    let mut url = clean(&unescape(value));
    // RFC 9554 names the service in SERVICE-TYPE, Apple in TYPE.
    let explicit = p
        .param("TYPE")
        .chain(p.param("SERVICE-TYPE"))
        .find_map(LinkKind::from_label)
        .or_else(|| label.and_then(LinkKind::from_label));
    let social = p.name != "URL";
    let kind = explicit.unwrap_or_else(|| match classify(&url) {
        LinkKind::Website if social => LinkKind::Other,
        kind => kind,
    });
    // Apple sometimes stores only the user name: `x-apple:ada;x-user=ada`.
    if social
        && !is_web_url(&url)
        && let Some(user) = p.param("X-USER").next()
        && let Some(profile) = profile_url(kind, user)
    {
        url = profile;
    }
    (!url.is_empty()).then_some((kind, url))
}

fn profile_url(kind: LinkKind, user: &str) -> Option<String> {
    let base = match kind {
        LinkKind::Linkedin => "https://www.linkedin.com/in/",
        LinkKind::Facebook => "https://www.facebook.com/",
        LinkKind::Github => "https://github.com/",
        LinkKind::X => "https://x.com/",
        LinkKind::Bluesky => "https://bsky.app/profile/",
        LinkKind::Youtube => "https://www.youtube.com/@",
        // A fediverse handle needs its server; a site has no user name.
        LinkKind::Mastodon | LinkKind::Website | LinkKind::Other => return None,
    };
    Some(format!("{base}{}", user.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_from_n_reads_in_address_order() {
        assert_eq!(
            NameParts::read(r"Lovelace;Ada;Augusta;Dr.;Jr\, FRS").display(),
            "Dr. Ada Augusta Lovelace Jr, FRS"
        );
        assert_eq!(NameParts::read("Hopper;Grace;;;").display(), "Grace Hopper");
        assert_eq!(NameParts::read(";;;;").display(), "");
    }
}
