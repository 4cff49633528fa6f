//! Turning a submitted form into a change on disk. Every field is checked
//! by the domain rules first; nothing is written while one is invalid.

use super::app::App;
use super::popup::{Form, FormKind};
use super::worker::{Done, Work};
use crate::domain::when::parse_when;
use crate::domain::{
    Contact, ContactPatch, Entry, EntryKind, FieldError, Item, ItemKind, Link, Network, validate,
};
use crate::store::StoreError;

/// Why a save did not happen.
pub enum SaveError {
    /// Fields the user must fix, by form label.
    Fields(Vec<(&'static str, String)>),
    /// The disk said no.
    Store(StoreError),
    /// A warning the user must confirm before saving.
    Confirm(String),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

impl From<FieldError> for SaveError {
    fn from(e: FieldError) -> Self {
        SaveError::Fields(vec![(label_for(e.field), e.reason)])
    }
}

impl From<Vec<FieldError>> for SaveError {
    fn from(errors: Vec<FieldError>) -> Self {
        SaveError::Fields(
            errors
                .into_iter()
                .map(|e| (label_for(e.field), e.reason))
                .collect(),
        )
    }
}

/// Maps a domain field name to the form label showing it.
fn label_for(field: &str) -> &'static str {
    match field {
        "name" => "Name",
        "company" => "Company",
        "role" => "Role",
        "email" => "Email",
        "degree" => "Degree",
        "cadence" => "Cadence (days)",
        "notes" => "Notes",
        "met" => "Met",
        "link" => "Links",
        "interest" => "Interests",
        "url" => "URL",
        "title" => "Title",
        "kind" => "Kind",
        "topic" => "Topics",
        "comment" => "Comment",
        "note" => "Note",
        "when" => "When",
        _ => "Name",
    }
}

/// Parses the Links field: space-separated `URL` or `kind=URL`.
fn parse_links(text: &str) -> Result<Vec<Link>, FieldError> {
    text.split_whitespace().map(Link::parse).collect()
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The contact form's fields, for adding (empty) or editing.
pub fn contact_fields(c: Option<&Contact>) -> Vec<super::popup::form::Field> {
    use super::popup::form::Field;
    let v = |f: Option<&String>| f.cloned().unwrap_or_default();
    let links = c
        .map(|c| {
            c.links
                .iter()
                .map(|l| format!("{}={}", l.kind, l.url))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    vec![
        Field::new(
            "Name",
            c.map_or("", |c| c.name.as_str()),
            "e.g. Ada Lovelace",
        ),
        Field::new(
            "Company",
            &v(c.and_then(|c| c.company.as_ref())),
            "e.g. Analytical Engines",
        ),
        Field::new(
            "Role",
            &v(c.and_then(|c| c.role.as_ref())),
            "e.g. Chief Mathematician",
        ),
        Field::new(
            "Email",
            &v(c.and_then(|c| c.email.as_ref())),
            "e.g. ada@example.com",
        ),
        Field::new(
            "Degree",
            &c.map_or("1".to_string(), |c| c.degree.to_string()),
            "1, 2 or 3",
        ),
        Field::new(
            "Cadence (days)",
            &c.and_then(|c| c.cadence_days)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            "(empty: the default for the degree)",
        ),
        Field::new(
            "Interests",
            &c.map(|c| c.interests.join(", ")).unwrap_or_default(),
            "e.g. rust, sailing, climate tech",
        ),
        Field::new(
            "Links",
            &links,
            "e.g. linkedin.com/in/ada website=https://ada.example",
        ),
        Field::new(
            "Met",
            &v(c.and_then(|c| c.met.as_ref())),
            "e.g. RustConf 2025",
        ),
        Field::new(
            "Notes",
            &v(c.and_then(|c| c.notes.as_ref())),
            "anything worth remembering",
        ),
    ]
}

/// The item form's fields.
pub fn item_fields(i: Option<&Item>) -> Vec<super::popup::form::Field> {
    use super::popup::form::Field;
    vec![
        Field::new(
            "URL",
            i.map_or("", |i| i.url.as_str()),
            "e.g. https://example.com/post",
        ),
        // A title guessed from the address is no value to edit: the field
        // stays empty (the hint says why) until someone types one.
        Field::new(
            "Title",
            i.filter(|i| !i.title_guessed)
                .map_or("", |i| i.title.as_str()),
            "(empty: guessed from the address, kept out of notes)",
        ),
        Field::new(
            "Kind",
            i.map_or("", |i| i.kind.as_str()),
            "(empty: from the address) article, blog, video, podcast, paper, other",
        ),
        Field::new(
            "Topics",
            &i.map(|i| i.topics.join(", ")).unwrap_or_default(),
            "e.g. rust, async",
        ),
        Field::new(
            "Comment",
            i.and_then(|i| i.comment.as_deref()).unwrap_or(""),
            "why you saved it",
        ),
    ]
}

/// What the log form's Kind offers: a touch, a touch via each channel
/// (see [`crate::domain::CHANNELS`]), or an ask.
pub const LOG_KINDS: &[&str] = &[
    "touch", "ask", "call", "coffee", "message", "email", "meeting", "video", "comment", "event",
];

/// The log form's fields.
pub fn log_fields() -> Vec<super::popup::form::Field> {
    use super::popup::form::Field;
    vec![
        Field::choice("Kind", LOG_KINDS, "touch", "←/→ choose"),
        Field::new("Note", "", "e.g. coffee at the conference"),
        Field::new("When", "", "(empty: now; or YYYY-MM-DD)"),
    ]
}

fn parse_number<T: std::str::FromStr>(
    label: &'static str,
    text: &str,
    what: &str,
) -> Result<Option<T>, SaveError> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| SaveError::Fields(vec![(label, format!("{text:?} is not {what}"))]))
}

fn contact_patch(form: &Form) -> Result<(ContactPatch, Vec<String>), SaveError> {
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let degree = match parse_number::<u8>("Degree", &form.value("Degree"), "1, 2 or 3") {
        Ok(d) => d.or(Some(1)),
        Err(SaveError::Fields(e)) => {
            errors.extend(e);
            None
        }
        Err(e) => return Err(e),
    };
    let cadence = match parse_number::<u32>(
        "Cadence (days)",
        &form.value("Cadence (days)"),
        "a number of days",
    ) {
        Ok(d) => Some(d),
        Err(SaveError::Fields(e)) => {
            errors.extend(e);
            None
        }
        Err(e) => return Err(e),
    };
    let links = match parse_links(&form.value("Links")) {
        Ok(l) => Some(l),
        Err(e) => {
            errors.push(("Links", e.reason));
            None
        }
    };
    let interests = split_list(&form.value("Interests"));
    for i in &interests {
        if let Err(e) = validate::required("interest", i) {
            errors.push(("Interests", e.reason));
        }
    }
    let patch = ContactPatch {
        name: Some(form.value("Name")),
        company: Some(form.value("Company")),
        role: Some(form.value("Role")),
        email: Some(form.value("Email")),
        degree,
        cadence_days: cadence,
        notes: Some(form.value("Notes")),
        met: Some(form.value("Met")),
        links,
    };
    // Run the domain rules on a scratch contact to collect their errors
    // alongside the form's own parsing errors.
    let mut scratch = Contact {
        name: "scratch".into(),
        ..Contact::new("scratch", chrono::NaiveDate::default()).map_err(SaveError::from)?
    };
    if let Err(domain) = patch.apply(&mut scratch) {
        errors.extend(domain.into_iter().map(|e| (label_for(e.field), e.reason)));
    }
    if errors.is_empty() {
        Ok((patch, interests))
    } else {
        Err(SaveError::Fields(errors))
    }
}

/// Validates a form and turns it into work for the worker: the checks
/// that need only the form happen here, at once; the ones that need the
/// data as it is on disk (a duplicate URL, a record removed meanwhile) run
/// in the change itself, under the writer lock.
pub fn save(app: &App, form: &Form) -> Result<Work, SaveError> {
    let today = app.clock.today();
    let now = app.clock.now();
    match &form.kind {
        FormKind::AddContact | FormKind::EditContact(_) => {
            let (mut patch, interests) = contact_patch(form)?;
            let editing = match &form.kind {
                FormKind::EditContact(id) => Some(id.clone()),
                _ => None,
            };
            // The form shows the contact as it was when opened; another
            // process may have saved other fields since. Write back only
            // what the user changed, so their save is never undone.
            let same = |label| editing.is_some() && !form.changed(label);
            let keep_interests = same("Interests");
            if same("Name") {
                patch.name = None;
            }
            if same("Company") {
                patch.company = None;
            }
            if same("Role") {
                patch.role = None;
            }
            if same("Email") {
                patch.email = None;
            }
            if same("Degree") {
                patch.degree = None;
            }
            if same("Cadence (days)") {
                patch.cadence_days = None;
            }
            if same("Notes") {
                patch.notes = None;
            }
            if same("Met") {
                patch.met = None;
            }
            if same("Links") {
                patch.links = None;
            }
            let name = form.value("Name");
            let force = form.force;
            Ok(Work::Modify(Box::new(move |net: &mut Network| {
                let labels: Vec<String> =
                    interests.iter().map(|i| net.canonical_label(i)).collect();
                let before = editing
                    .as_ref()
                    .and_then(|id| net.contacts.iter().find(|c| &c.id == id).cloned());
                let at = match &editing {
                    Some(id) => net
                        .contacts
                        .iter()
                        .position(|c| &c.id == id)
                        .ok_or_else(|| {
                            SaveError::Fields(vec![(
                                "Name",
                                "this contact was removed by another process".into(),
                            )])
                        })?,
                    None => {
                        net.contacts.push(Contact::new(&name, today)?);
                        net.contacts.len() - 1
                    }
                };
                let contact = &mut net.contacts[at];
                patch.apply(contact)?;
                if !keep_interests {
                    contact.interests.retain(|i| {
                        labels.iter().any(|l| {
                            crate::domain::fold::fold_label(l) == crate::domain::fold::fold_label(i)
                        })
                    });
                    for l in &labels {
                        contact.add_interest(l);
                    }
                }
                let contact = &net.contacts[at];
                // One person, one record: a second record of someone known
                // needs a yes first.
                if !force && let Some(twin) = net.twin_made(before.as_ref(), contact) {
                    let again = if editing.is_some() { "Save" } else { "Add" };
                    return Err(SaveError::Confirm(format!(
                        "{twin}. {again} a second record anyway?"
                    )));
                }
                let verb = if editing.is_some() { "Saved" } else { "Added" };
                let label = if editing.is_some() { "edited" } else { "added" };
                Ok(Done {
                    message: format!("{verb} {}", contact.name),
                    select: Some(contact.id.to_string()),
                    label: format!("{label} {}", contact.name),
                })
            })))
        }
        FormKind::AddInterest(id) => {
            let labels = split_list(&form.value("Interests"));
            if labels.is_empty() {
                return Err(SaveError::Fields(vec![(
                    "Interests",
                    "type at least one interest".into(),
                )]));
            }
            let id = id.clone();
            Ok(Work::Modify(Box::new(move |net: &mut Network| {
                let labels: Vec<String> = labels.iter().map(|l| net.canonical_label(l)).collect();
                let c = net
                    .contacts
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(|| {
                        SaveError::Fields(vec![(
                            "Interests",
                            "this contact was removed by another process".into(),
                        )])
                    })?;
                for l in &labels {
                    validate::required("interest", l)?;
                    c.add_interest(l);
                }
                Ok(Done {
                    message: format!("Saved interests of {}", c.name),
                    select: Some(id.to_string()),
                    label: format!("added {} to {}", labels.join(", "), c.name),
                })
            })))
        }
        FormKind::AddItem | FormKind::EditItem(_) => {
            // Empty: the kind the address says.
            let kind: Option<ItemKind> = match form.value("Kind").trim() {
                "" => None,
                kind => Some(kind.parse()?),
            };
            let comment = validate::long_text("comment", &form.value("Comment"))?;
            let topics = split_list(&form.value("Topics"));
            let editing = match &form.kind {
                FormKind::EditItem(id) => Some(id.clone()),
                _ => None,
            };
            let (url, title) = (form.value("URL"), form.value("Title"));
            // As for contacts: an edit writes back only what changed.
            let set = |label| editing.is_none() || form.changed(label);
            let set: [bool; 5] = ["URL", "Title", "Kind", "Comment", "Topics"].map(set);
            Ok(Work::Modify(Box::new(move |net: &mut Network| {
                let fresh = Item::new(&url, Some(&title), today)?;
                if let Some(other) = net.item_by_url(&fresh.url)
                    && Some(&other.id) != editing.as_ref()
                {
                    return Err(SaveError::Fields(vec![(
                        "URL",
                        format!("already in the queue as \"{}\"", other.title),
                    )]));
                }
                let labels: Vec<String> = topics.iter().map(|t| net.canonical_label(t)).collect();
                let item = match &editing {
                    Some(id) => net.items.iter_mut().find(|i| &i.id == id).ok_or_else(|| {
                        SaveError::Fields(vec![(
                            "URL",
                            "this item was removed by another process".into(),
                        )])
                    })?,
                    None => {
                        net.items.push(fresh.clone());
                        let last = net.items.len() - 1;
                        &mut net.items[last]
                    }
                };
                if set[0] {
                    item.url = fresh.url;
                }
                // A guess follows a new address; a chosen title stays.
                if set[1] || (set[0] && item.title_guessed && fresh.title_guessed) {
                    item.title = fresh.title;
                    item.title_guessed = fresh.title_guessed;
                }
                if set[2] {
                    item.kind = kind.unwrap_or(fresh.kind);
                }
                if set[3] {
                    item.comment = comment;
                }
                if set[4] {
                    item.topics.clear();
                    for l in &labels {
                        item.add_topic(l);
                    }
                }
                let verb = if editing.is_some() { "Saved" } else { "Queued" };
                let label = if editing.is_some() {
                    "edited"
                } else {
                    "queued"
                };
                Ok(Done {
                    message: format!("{verb} {}", item.title),
                    select: Some(item.id.to_string()),
                    label: format!("{label} {}", item.title),
                })
            })))
        }
        FormKind::TriageKeep(_) => Err(SaveError::Fields(vec![(
            "Interests",
            "triage saves through its own screen".into(),
        )])),
        FormKind::Log(id) => {
            let (kind, via) = crate::domain::log_kind(&form.value("Kind"))?;
            if kind == EntryKind::Share {
                return Err(SaveError::Fields(vec![(
                    "Kind",
                    "use s to share an item".into(),
                )]));
            }
            let note = validate::long_text("note", &form.value("Note"))?.unwrap_or_default();
            let when = form.value("When");
            let at = if when.is_empty() {
                now
            } else {
                parse_when(&when, *now.offset())?
            };
            if at > now {
                return Err(SaveError::Fields(vec![(
                    "When",
                    "is in the future; log what has happened".into(),
                )]));
            }
            let contact = app.net.contact(id).ok_or_else(|| {
                SaveError::Fields(vec![("Kind", "this contact was removed".into())])
            })?;
            let entry = Entry::logged_via(contact, kind, at, &note, via);
            let name = contact.name.clone();
            if kind == EntryKind::Ask
                && !form.force
                && let Some(warning) = crate::domain::ask_warning(
                    contact,
                    crate::domain::gives_to(&app.net.history, contact),
                )
            {
                return Err(SaveError::Confirm(format!(
                    "{warning}. Log the ask anyway?"
                )));
            }
            Ok(Work::Append(
                vec![entry],
                Done {
                    message: match via {
                        Some(via) => format!("Logged {kind} via {via} with {name}"),
                        None => format!("Logged {kind} with {name}"),
                    },
                    select: Some(id.to_string()),
                    label: format!("logged {kind} with {name}"),
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LinkKind;

    #[test]
    fn the_log_form_offers_every_channel_and_nothing_else() {
        for kind in LOG_KINDS {
            assert!(crate::domain::log_kind(kind).is_ok(), "{kind}");
        }
        for channel in crate::domain::CHANNELS {
            assert!(LOG_KINDS.contains(&channel), "{channel}");
        }
        assert_eq!(LOG_KINDS.len(), crate::domain::CHANNELS.len() + 2);
    }

    #[test]
    fn bare_links_get_their_kind_from_the_host() {
        let links = parse_links(
            "https://www.linkedin.com/in/ada github=https://github.com/ada https://ada.example",
        )
        .unwrap();
        let kinds: Vec<LinkKind> = links.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [LinkKind::Linkedin, LinkKind::Github, LinkKind::Website]
        );
        assert!(parse_links("not-a-url").is_err());
    }
}
