//! The contact, item and log forms: their fields, and the change on disk
//! saving one makes. Every field is checked by the domain rules first;
//! nothing is written while one is invalid.

use super::app::App;
use super::popup::{Form, FormKind};
use super::work::{Done, SaveError, Work};
use crate::domain::when::parse_when;
use crate::domain::{Contact, ContactPatch, FieldError, Item, ItemKind, Link, Network, validate};
use crate::ops::{
    self, ContactChange, Interests, ItemChange, NewItem, OpError, Topics, log::Logged,
};

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

/// The form that edits contact `c`.
pub fn edit_contact(c: &Contact) -> Form {
    Form::new(
        format!("Edit {}", c.name),
        FormKind::EditContact(c.id.clone()),
        contact_fields(Some(c)),
    )
}

/// The form that edits queue item `item`.
pub fn edit_item(item: &Item) -> Form {
    Form::new(
        format!("Edit {}", item.title),
        FormKind::EditItem(item.id.clone()),
        item_fields(Some(item)),
    )
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

/// The contact form as a change: every field the user edited (all of
/// them when adding), with every problem reported at once.
fn contact_change(form: &Form, editing: bool) -> Result<ContactChange, SaveError> {
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    fn take<T>(errors: &mut Vec<(&'static str, String)>, r: Result<T, SaveError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(SaveError::Fields(e)) => {
                errors.extend(e);
                None
            }
            Err(_) => None,
        }
    }
    let degree = take(
        &mut errors,
        parse_number::<u8>("Degree", &form.value("Degree"), "1, 2 or 3"),
    )
    .map(|d| d.or(Some(1)))
    .unwrap_or_default();
    let cadence = take(
        &mut errors,
        parse_number::<u32>(
            "Cadence (days)",
            &form.value("Cadence (days)"),
            "a number of days",
        ),
    );
    let links = take(
        &mut errors,
        parse_links(&form.value("Links")).map_err(SaveError::from),
    );
    // The form shows the contact as it was when opened; another process
    // may have saved other fields since. Write back only what the user
    // changed, so their save is never undone.
    let set = |label| !editing || form.changed(label);
    let text = |label| set(label).then(|| form.value(label));
    let change = ContactChange {
        patch: ContactPatch {
            name: text("Name"),
            company: text("Company"),
            role: text("Role"),
            email: text("Email"),
            degree: degree.filter(|_| set("Degree")),
            cadence_days: cadence.filter(|_| set("Cadence (days)")),
            notes: text("Notes"),
            met: text("Met"),
            links: links.filter(|_| set("Links")),
        },
        interests: match set("Interests") {
            true => Interests::Set(split_list(&form.value("Interests"))),
            false => Interests::Keep,
        },
        force: form.force,
        ..Default::default()
    };
    if let Err(SaveError::Fields(e)) = change.check().map_err(SaveError::from) {
        errors.extend(e);
    }
    match errors.is_empty() {
        true => Ok(change),
        false => Err(SaveError::Fields(errors)),
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
            let editing = match &form.kind {
                FormKind::EditContact(id) => Some(id.clone()),
                _ => None,
            };
            let change = contact_change(form, editing.is_some())?;
            let name = form.value("Name");
            Ok(Work::Modify(Box::new(move |net: &mut Network| {
                let (verb, label, contact) = match &editing {
                    Some(id) => {
                        let contact = ops::contact::edit(net, id, &change)?.contact;
                        ("Saved", ops::label::contact_edited(&contact), contact)
                    }
                    None => {
                        let contact = ops::contact::add(net, &name, &change, today)?;
                        ("Added", ops::label::contact_added(&contact), contact)
                    }
                };
                Ok(Done {
                    message: format!("{verb} {}", contact.name),
                    select: Some(contact.id.to_string()),
                    label,
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
                let (them, added) =
                    ops::contact::add_interests(net, &id, &labels).map_err(|e| match e {
                        OpError::Gone(_) => SaveError::Fields(vec![("Interests", e.to_string())]),
                        e => e.into(),
                    })?;
                Ok(Done {
                    message: format!("Saved interests of {}", them.name),
                    select: Some(id.to_string()),
                    label: ops::label::interests_added(&them, &added),
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
            let (url, title) = (form.value("URL"), form.value("Title"));
            let Some(id) = (match &form.kind {
                FormKind::EditItem(id) => Some(id.clone()),
                _ => None,
            }) else {
                return Ok(Work::Modify(Box::new(move |net: &mut Network| {
                    let new = NewItem {
                        url: &url,
                        title: Some(&title),
                        kind,
                        topics: &topics,
                        comment,
                    };
                    let item = ops::queue::add(net, new, today).map_err(OpError::from)?;
                    Ok(Done {
                        message: format!("Queued {}", item.title),
                        select: Some(item.id.to_string()),
                        label: ops::label::item_queued(&item),
                    })
                })));
            };
            // As for contacts: an edit writes back only what changed.
            let set = |label| form.changed(label);
            let change = ItemChange {
                url: set("URL").then_some(url),
                title: set("Title").then_some(title),
                kind: set("Kind").then_some(kind),
                comment: set("Comment").then_some(comment),
                topics: match set("Topics") {
                    true => Topics::Set(topics),
                    false => Topics::Keep,
                },
                unarchive: false,
            };
            Ok(Work::Modify(Box::new(move |net: &mut Network| {
                let item = ops::queue::edit(net, &id, &change)?;
                Ok(Done {
                    message: format!("Saved {}", item.title),
                    select: Some(item.id.to_string()),
                    label: ops::label::item_edited(&item),
                })
            })))
        }
        FormKind::TriageKeep(_) => Err(SaveError::Fields(vec![(
            "Interests",
            "triage saves through its own screen".into(),
        )])),
        FormKind::Log(id) => {
            let (kind, via) = crate::domain::log_kind(&form.value("Kind"))?;
            let note = validate::long_text("note", &form.value("Note"))?.unwrap_or_default();
            let when = form.value("When");
            let log = Logged {
                kind,
                via,
                at: match when.is_empty() {
                    true => now,
                    false => parse_when(&when, *now.offset())?,
                },
                note: &note,
                force: form.force,
            };
            let contact = app.model.net.contact(id).ok_or_else(|| {
                SaveError::Fields(vec![("Kind", "this contact was removed".into())])
            })?;
            let entry = ops::log::entry(contact, &log, &app.model.net.history, now)?;
            let name = contact.name.clone();
            let label = ops::label::logged(kind, contact);
            Ok(Work::Append(
                vec![entry],
                Done {
                    message: match via {
                        Some(via) => format!("Logged {kind} via {via} with {name}"),
                        None => format!("Logged {kind} with {name}"),
                    },
                    select: Some(id.to_string()),
                    label,
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
