//! Dialogs drawn over the panes. Keys go to the topmost one first.

pub mod composer;
pub mod confirm;
pub mod form;
pub mod help;
pub mod palette;
pub mod picker;

pub use composer::{Compose, Composer};
pub use confirm::{Confirm, OnYes};
pub use form::{Form, FormKind};
pub use picker::{PickFor, Picker};

/// A dialog.
pub enum Popup {
    /// Add or edit a record.
    Form(Form),
    /// A y/n question.
    Confirm(Confirm),
    /// The keys of the focused context.
    Help(help::Help),
    /// Choose what to share, or with whom.
    Picker(Box<Picker>),
    /// A message to read, with a title; any key closes it.
    Notice(String, String),
    /// Review imported contacts one by one.
    Triage(crate::tui::triage::Triage),
    /// Gives and asks per week and who needs attention.
    Dashboard,
    /// Write the note.
    Composer(Box<Composer>),
    /// Find an action by name and run it.
    Palette(Box<palette::Palette>),
}
