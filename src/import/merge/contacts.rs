//! Contacts from LinkedIn and vCard files into the network (rules in the
//! module docs of `merge`).

use std::collections::HashMap;
use std::fmt::Display;

use chrono::NaiveDate;

use super::fields::Fields;
use super::keys::{ContactIndex, Labels, has_linkedin, is_profile, link_key};
use super::{Outcome, Report};
use crate::domain::fold::fold_label;
use crate::domain::{Contact, ContactId, ContactState, Network, id, validate};
use crate::import::records::{ImportedContact, NetwerkFields, Parsed};

/// Merges a LinkedIn connections export into `net`; new contacts are
/// added on `today`.
pub fn linkedin(net: &mut Network, parsed: &Parsed<ImportedContact>, today: NaiveDate) -> Report {
    merge(net, parsed, today, Source::Linkedin)
}

/// Merges vCard contacts into `net`; new contacts are added on `today`.
pub fn vcard(net: &mut Network, parsed: &Parsed<ImportedContact>, today: NaiveDate) -> Report {
    merge(net, parsed, today, Source::Vcard)
}

/// Merges the cards of a vdir (`import vdir`) into `net`; new contacts
/// are added on `today`. A card whose `UID` names a contact is that
/// contact as the card now says: the card's name, organisation, title,
/// e-mail, links, categories and note replace the contact's (one the card
/// lacks is cleared: an address book may have removed it), while
/// netwerk's own fields (`X-NETWERK-*`) change only where the card
/// carries them. A card with an unknown UID becomes a contact with the id
/// the UID stands for ([`id::from_uid`]), so the next export writes that
/// same card; a card without one is merged like any vCard.
pub fn vdir(net: &mut Network, parsed: &Parsed<ImportedContact>, today: NaiveDate) -> Report {
    merge(net, parsed, today, Source::Vdir)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Linkedin,
    Vcard,
    Vdir,
}

fn merge(
    net: &mut Network,
    parsed: &Parsed<ImportedContact>,
    today: NaiveDate,
    source: Source,
) -> Report {
    let mut report = Report::new(&parsed.skipped);
    let mut index = ContactIndex::new(net);
    let mut labels = Labels::new(net);
    // Contact position → the line of the first record in this file that
    // added or matched it.
    let mut seen: HashMap<usize, usize> = HashMap::new();
    // Cards name their contact by UID: netwerk's own exports do.
    let mut by_id: HashMap<String, usize> = match source {
        Source::Vdir | Source::Vcard => net
            .contacts
            .iter()
            .enumerate()
            .map(|(at, c)| (c.id.to_string(), at))
            .collect(),
        _ => HashMap::new(),
    };
    for record in &parsed.records {
        let line = record.line;
        let fields = match Fields::check(record) {
            Ok(fields) => fields,
            Err(reason) => {
                report.skip(line, reason);
                continue;
            }
        };
        if source == Source::Vdir
            && let Some(uid) = &record.uid
        {
            let card = Card {
                line,
                id: id::from_uid(uid),
                fields,
                netwerk: &record.netwerk,
            };
            by_uid(net, card, today, &mut by_id, &mut labels, &mut report);
            continue;
        }
        let by_uid_found = record
            .uid
            .as_deref()
            .and_then(|uid| by_id.get(&id::from_uid(uid)).copied());
        let found = match source {
            Source::Linkedin => find_linkedin(net, &index, &fields),
            Source::Vcard | Source::Vdir => by_uid_found.or_else(|| find_vcard(&index, &fields)),
        };
        let Some(at) = found else {
            let contact = match new_contact(fields, today, &mut labels) {
                Ok(contact) => contact,
                Err(reason) => {
                    report.skip(line, reason);
                    continue;
                }
            };
            let at = net.contacts.len();
            index.add(at, &contact);
            seen.insert(at, line);
            report.added.push(outcome(line, &contact, Vec::new()));
            net.contacts.push(contact);
            continue;
        };
        let earlier = seen.get(&at).copied();
        let contact = &mut net.contacts[at];
        let mut changes = match (source, earlier) {
            // LinkedIn rows are one person each: a second row for the same
            // profile says nothing new.
            (Source::Linkedin, Some(first)) => {
                report.skip(line, format!("duplicate of line {first}"));
                continue;
            }
            (Source::Linkedin, None) => update_from_linkedin(contact, &fields),
            // Address books often hold one person as several cards; each
            // adds what the others lack.
            (Source::Vcard | Source::Vdir, _) => fill_from_vcard(contact, &fields, &mut labels),
        };
        index.add(at, contact);
        match earlier {
            Some(first) if changes.is_empty() => {
                report.skip(line, format!("duplicate of line {first}"));
            }
            Some(first) => {
                changes.insert(0, format!("merged with line {first}"));
                report.updated.push(outcome(line, contact, changes));
            }
            None => {
                seen.insert(at, line);
                if changes.is_empty() {
                    report.unchanged.push(outcome(line, contact, changes));
                } else {
                    report.updated.push(outcome(line, contact, changes));
                }
            }
        }
    }
    report.finish()
}

/// A vdir's card with its UID: which contact it is, what it says.
struct Card<'a> {
    line: usize,
    id: String,
    fields: Fields,
    netwerk: &'a NetwerkFields,
}

/// A card with a UID: the contact it names takes what the card says, or
/// a new contact with that id is added (see [`vdir`]).
fn by_uid(
    net: &mut Network,
    card: Card,
    today: NaiveDate,
    by_id: &mut HashMap<String, usize>,
    labels: &mut Labels,
    report: &mut Report,
) {
    let Card {
        line,
        id,
        fields,
        netwerk,
    } = card;
    if let Err(reason) = check_netwerk(netwerk) {
        report.skip(line, reason);
        return;
    }
    if let Some(&at) = by_id.get(&id) {
        let contact = &mut net.contacts[at];
        let changes = take_card(contact, fields, netwerk, labels);
        let outcome = outcome(line, contact, changes);
        if outcome.changes.is_empty() {
            report.unchanged.push(outcome);
        } else {
            report.updated.push(outcome);
        }
        return;
    }
    if let Some(survivor) = net.contacts.iter().find(|c| c.answers_to(&id)) {
        report.skip(
            line,
            format!(
                "{id} was merged into {} ({}); the next export vdir removes its card",
                survivor.name, survivor.id
            ),
        );
        return;
    }
    let mut contact = match new_contact(fields, today, labels) {
        Ok(contact) => contact,
        Err(reason) => {
            report.skip(line, reason);
            return;
        }
    };
    contact.id = ContactId(id.clone());
    contact.degree = netwerk.degree.unwrap_or(contact.degree);
    contact.cadence_days = netwerk.cadence_days;
    contact.met = netwerk.met.clone();
    contact.state = netwerk.state.unwrap_or(contact.state);
    contact.added = netwerk.added.unwrap_or(contact.added);
    contact.merged = netwerk
        .merged
        .iter()
        .map(|m| ContactId(m.clone()))
        .collect();
    by_id.insert(id, net.contacts.len());
    report.added.push(outcome(line, &contact, Vec::new()));
    net.contacts.push(contact);
}

/// netwerk's fields on a card, by the rules the forms enforce.
fn check_netwerk(n: &NetwerkFields) -> Result<(), String> {
    let err = |e: validate::FieldError| e.to_string();
    if let Some(degree) = n.degree {
        validate::degree(degree).map_err(err)?;
    }
    if let Some(days) = n.cadence_days {
        validate::cadence(days).map_err(err)?;
    }
    if let Some(met) = &n.met {
        validate::fits_length("met", met, false).map_err(err)?;
    }
    for merged in &n.merged {
        id::check(merged)?;
    }
    Ok(())
}

/// Makes `contact` what the card says (see [`vdir`]); returns each
/// change in words.
fn take_card(
    contact: &mut Contact,
    fields: Fields,
    netwerk: &NetwerkFields,
    labels: &mut Labels,
) -> Vec<String> {
    let mut changes = Vec::new();
    if contact.name != fields.name {
        changes.push(format!("name {} → {}", contact.name, fields.name));
        contact.name = fields.name;
    }
    set(
        &mut contact.given_name,
        fields.given_name,
        "given name",
        &mut changes,
    );
    set(
        &mut contact.family_name,
        fields.family_name,
        "family name",
        &mut changes,
    );
    set(
        &mut contact.company,
        fields.company,
        "company",
        &mut changes,
    );
    set(&mut contact.role, fields.role, "role", &mut changes);
    set(
        &mut contact.email,
        fields.emails.into_iter().next(),
        "email",
        &mut changes,
    );
    set(&mut contact.notes, fields.notes, "notes", &mut changes);
    if contact.links != fields.links {
        changes.push("links".to_string());
        contact.links = fields.links;
    }
    let folded = |list: &[String]| -> Vec<String> { list.iter().map(|l| fold_label(l)).collect() };
    if folded(&contact.interests) != folded(&fields.interests) {
        let interests: Vec<String> = fields
            .interests
            .iter()
            .map(|l| labels.canonical(l))
            .collect();
        changes.push(format!("interests {}", interests.join(", ")));
        contact.interests = interests;
    }
    replace(
        &mut contact.connected,
        &fields.connected,
        "connected",
        &mut changes,
    );
    if let Some(degree) = netwerk.degree.filter(|d| *d != contact.degree) {
        changes.push(format!("degree {} → {degree}", contact.degree));
        contact.degree = degree;
    }
    replace(
        &mut contact.cadence_days,
        &netwerk.cadence_days,
        "cadence",
        &mut changes,
    );
    replace(&mut contact.met, &netwerk.met, "met", &mut changes);
    if let Some(state) = netwerk.state.filter(|s| *s != contact.state) {
        changes.push(format!("state {}", state.as_str()));
        contact.state = state;
    }
    if let Some(added) = netwerk.added.filter(|a| *a != contact.added) {
        changes.push(format!("added {added}"));
        contact.added = added;
    }
    let merged: Vec<ContactId> = netwerk
        .merged
        .iter()
        .map(|m| ContactId(m.clone()))
        .collect();
    if !merged.is_empty() && merged != contact.merged {
        changes.push("merged records".to_string());
        contact.merged = merged;
    }
    changes
}

/// Sets `slot` to `new`, clearing it when `new` is `None`.
fn set<T: PartialEq + Display>(
    slot: &mut Option<T>,
    new: Option<T>,
    what: &str,
    changes: &mut Vec<String>,
) {
    if *slot == new {
        return;
    }
    changes.push(match (&*slot, &new) {
        (Some(old), Some(new)) => format!("{what} {old} → {new}"),
        (None, Some(new)) => format!("{what} {new}"),
        (_, None) => format!("{what} cleared"),
    });
    *slot = new;
}

/// By profile URL; a row whose URL is unknown may still be a contact added
/// by hand with its e-mail and no LinkedIn link yet; a row without a URL
/// (exports before 2023 have none) is found by e-mail, else by name and
/// company, else by name alone where that contact has no company yet, so
/// re-importing it changes nothing and namesakes at two firms stay two.
fn find_linkedin(net: &Network, index: &ContactIndex, fields: &Fields) -> Option<usize> {
    let by_email = || {
        fields
            .emails
            .iter()
            .filter_map(|e| index.by_email(e))
            .find(|&at| !has_linkedin(&net.contacts[at]))
    };
    match fields.linkedin().and_then(|l| link_key(&l.url)) {
        Some(key) => index.by_link(&key).or_else(by_email),
        None => {
            let any_email = fields.emails.iter().find_map(|e| index.by_email(e));
            let no_company = |&at: &usize| net.contacts[at].company.is_none();
            any_email
                .or_else(|| index.by_name_at_company(&fields.name, fields.company.as_deref()))
                .or_else(|| {
                    index
                        .by_name_without_linkedin(&fields.name)
                        .filter(no_company)
                })
        }
    }
}

/// By social profile link, then by any e-mail. A card with neither (most
/// phone-book entries: a name and a number) is matched by exact name, or
/// every re-import of the same address book would add it again.
fn find_vcard(index: &ContactIndex, fields: &Fields) -> Option<usize> {
    let profiles: Vec<String> = fields
        .links
        .iter()
        .filter(|l| is_profile(l.kind, &l.url))
        .filter_map(|l| link_key(&l.url))
        .collect();
    if profiles.is_empty() && fields.emails.is_empty() {
        return index.by_name(&fields.name);
    }
    profiles
        .iter()
        .find_map(|key| index.by_link(key))
        .or_else(|| fields.emails.iter().find_map(|e| index.by_email(e)))
}

/// A 1st-degree contact that nobody has reviewed yet (triage finds it).
fn new_contact(fields: Fields, today: NaiveDate, labels: &mut Labels) -> Result<Contact, String> {
    let mut contact = Contact::new(&fields.name, today).map_err(|e| e.to_string())?;
    contact.state = ContactState::Untriaged;
    contact.given_name = fields.given_name;
    contact.family_name = fields.family_name;
    contact.company = fields.company;
    contact.role = fields.role;
    contact.email = fields.emails.into_iter().next();
    contact.links = fields.links;
    contact.notes = fields.notes;
    contact.connected = fields.connected;
    for label in &fields.interests {
        contact.add_interest(&labels.canonical(label));
    }
    Ok(contact)
}

/// A newer export knows the current job; the rest only fills gaps.
fn update_from_linkedin(contact: &mut Contact, fields: &Fields) -> Vec<String> {
    let mut changes = Vec::new();
    fill_name_parts(contact, fields, &mut changes);
    replace(
        &mut contact.company,
        &fields.company,
        "company",
        &mut changes,
    );
    replace(&mut contact.role, &fields.role, "role", &mut changes);
    fill_reach(contact, fields, &mut changes);
    if !has_linkedin(contact)
        && let Some(link) = fields.linkedin()
    {
        changes.push(format!("link linkedin {}", link.url));
        contact.links.push(link.clone());
    }
    changes
}

fn fill_from_vcard(contact: &mut Contact, fields: &Fields, labels: &mut Labels) -> Vec<String> {
    let mut changes = Vec::new();
    fill_name_parts(contact, fields, &mut changes);
    fill(
        &mut contact.company,
        fields.company.as_ref(),
        "company",
        &mut changes,
    );
    fill(
        &mut contact.role,
        fields.role.as_ref(),
        "role",
        &mut changes,
    );
    fill_reach(contact, fields, &mut changes);
    for link in &fields.links {
        let key = link_key(&link.url);
        let known = contact
            .links
            .iter()
            .any(|l| l.url == link.url || (key.is_some() && link_key(&l.url) == key));
        if !known {
            changes.push(format!("link {} {}", link.kind, link.url));
            contact.links.push(link.clone());
        }
    }
    for label in &fields.interests {
        let label = labels.canonical(label);
        if contact.add_interest(&label) {
            changes.push(format!("interest {label}"));
        }
    }
    if contact.notes.is_none() && fields.notes.is_some() {
        contact.notes = fields.notes.clone();
        changes.push("notes".to_string());
    }
    changes
}

/// Fills the e-mail and the date connected where the contact has none:
/// every format only fills these.
fn fill_reach(contact: &mut Contact, fields: &Fields, changes: &mut Vec<String>) {
    fill(&mut contact.email, fields.emails.first(), "email", changes);
    fill(
        &mut contact.connected,
        fields.connected.as_ref(),
        "connected",
        changes,
    );
}

/// Takes the record's given and family name when the contact has neither
/// and goes by the same name: parts of another spelling would mislead.
fn fill_name_parts(contact: &mut Contact, fields: &Fields, changes: &mut Vec<String>) {
    if contact.given_name.is_some() || contact.family_name.is_some() || contact.name != fields.name
    {
        return;
    }
    fill(
        &mut contact.given_name,
        fields.given_name.as_ref(),
        "given name",
        changes,
    );
    fill(
        &mut contact.family_name,
        fields.family_name.as_ref(),
        "family name",
        changes,
    );
}

/// Sets `slot` to `new` when they differ; an absent new value keeps the old.
fn replace<T: Clone + PartialEq + Display>(
    slot: &mut Option<T>,
    new: &Option<T>,
    what: &str,
    changes: &mut Vec<String>,
) {
    let Some(new) = new else { return };
    if slot.as_ref() == Some(new) {
        return;
    }
    changes.push(match slot.as_ref() {
        Some(old) => format!("{what} {old} → {new}"),
        None => format!("{what} {new}"),
    });
    *slot = Some(new.clone());
}

/// Sets `slot` to `new` only when it is empty.
fn fill<T: Clone + Display>(
    slot: &mut Option<T>,
    new: Option<&T>,
    what: &str,
    changes: &mut Vec<String>,
) {
    if slot.is_none()
        && let Some(new) = new
    {
        changes.push(format!("{what} {new}"));
        *slot = Some(new.clone());
    }
}

fn outcome(line: usize, contact: &Contact, changes: Vec<String>) -> Outcome {
    Outcome {
        line,
        id: contact.id.to_string(),
        name: contact.name.clone(),
        changes,
    }
}
