//! Dialogs drawn over the panes. Keys go to the topmost one first.

pub mod confirm;
pub mod form;

pub use confirm::{Confirm, Pending};
pub use form::{Form, FormKind};

/// A dialog.
pub enum Popup {
    /// Add or edit a record.
    Form(Form),
    /// A y/n question.
    Confirm(Confirm),
    /// The keys of the focused context.
    Help,
}
