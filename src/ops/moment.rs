//! Moments: a congratulation drafted from the `congrats` template and
//! logged as a touch that acts on the moment, or the moment dismissed —
//! once for both front ends. Which changes are moments is
//! `domain::moment`.

use super::error::OpError;
use crate::domain::moment::{self, JobChange};
use crate::domain::template::{NoteFacts, Purpose, Templates};
use crate::domain::{Contact, Entry, Person, Stage, validate};
use chrono::{DateTime, FixedOffset};

/// The open moment with id `id` in `history`.
pub fn open<'h>(history: &'h [Entry], id: &str) -> Result<&'h Entry, OpError> {
    moment::find(history, id.trim()).map_err(OpError::Refused)
}

/// The congratulation on `moment` to `contact`.
pub fn draft(
    templates: &Templates,
    signature: Option<&str>,
    contact: &Contact,
    moment: &Entry,
) -> Result<String, OpError> {
    let change = JobChange::of(moment)
        .ok_or_else(|| OpError::Refused(format!("{} is not a moment", moment.id())))?;
    let facts = NoteFacts::congrats(contact, &change, signature);
    Ok(templates.for_purpose(Purpose::Congrats).render(&facts))
}

/// The touch recording that `note` went to `contact` about `moment`: it
/// counts as keeping in touch and closes the moment.
pub fn congratulated(
    moment: &Entry,
    contact: &Contact,
    note: &str,
    now: DateTime<FixedOffset>,
) -> Result<Entry, OpError> {
    validate::long_text("note", note)?
        .ok_or_else(|| validate::FieldError::new("note", "must not be empty"))?;
    Ok(Entry::touch_on(moment, Person::from(contact), now, note))
}

/// The entry setting `moment` aside.
pub fn dismissed(moment: &Entry, now: DateTime<FixedOffset>) -> Entry {
    Entry::moved_on(moment, Stage::Dismissed, now, "")
}
