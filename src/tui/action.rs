//! Everything a key can ask for, by name. The names are the keys of the
//! keymap file and of the `[keys]` table in the user's config.

/// A user intention, independent of which key produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Leave netwerk.
    Quit,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus Contacts.
    FocusContacts,
    /// Focus Interests.
    FocusInterests,
    /// Focus Queue.
    FocusQueue,
    /// Focus History.
    FocusHistory,
    /// Move down one row.
    Down,
    /// Move up one row.
    Up,
    /// Jump to the first row.
    First,
    /// Jump to the last row.
    Last,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Start a fuzzy search in the focused pane.
    Search,
    /// Choose the selected row.
    Select,
    /// Clear the filter.
    Clear,
    /// Add a record to the focused pane.
    Add,
    /// Edit the selected record.
    Edit,
    /// Delete the selected record.
    Delete,
    /// Share an item with a contact.
    Share,
    /// Log a touch or ask.
    Log,
    /// Copy a note, URL or profile link.
    Copy,
    /// Cycle the contact sort order.
    Sort,
    /// Toggle between the contact's interests and all interests.
    AllInterests,
    /// Set the selected contact aside as dormant or the item archived, or
    /// bring either back.
    Archive,
    /// Show or hide dormant contacts and archived items.
    ShowHidden,
    /// Review imported contacts.
    Triage,
    /// Fold another record of the same person into the selected contact.
    Merge,
    /// Introduce the selected contact to someone worth meeting.
    Intro,
    /// The moments: job changes to congratulate or dismiss.
    Moments,
    /// Open the dashboard.
    Dashboard,
    /// Show the Inbox in the Queue's place, or the Queue again.
    Inbox,
    /// Fetch every feed in the background.
    Refresh,
    /// Keep the selected inbox entry (into the queue).
    Keep,
    /// Skip the selected inbox entry.
    Skip,
    /// Undo the last change made since netwerk started.
    Undo,
    /// Make the last undone change again.
    Redo,
    /// Show the keys.
    Help,
    /// Find any action by name and run it.
    Palette,
}

impl Action {
    /// Every action with its config name, in help order.
    pub const ALL: [(Action, &'static str); 39] = [
        (Action::Quit, "quit"),
        (Action::NextPane, "next_pane"),
        (Action::PrevPane, "prev_pane"),
        (Action::FocusContacts, "focus_contacts"),
        (Action::FocusInterests, "focus_interests"),
        (Action::FocusQueue, "focus_queue"),
        (Action::FocusHistory, "focus_history"),
        (Action::Down, "down"),
        (Action::Up, "up"),
        (Action::First, "first"),
        (Action::Last, "last"),
        (Action::PageDown, "page_down"),
        (Action::PageUp, "page_up"),
        (Action::Search, "search"),
        (Action::Select, "select"),
        (Action::Clear, "clear"),
        (Action::Add, "add"),
        (Action::Edit, "edit"),
        (Action::Delete, "delete"),
        (Action::Share, "share"),
        (Action::Log, "log"),
        (Action::Copy, "copy"),
        (Action::Sort, "sort"),
        (Action::AllInterests, "all_interests"),
        (Action::Archive, "archive"),
        (Action::ShowHidden, "show_hidden"),
        (Action::Triage, "triage"),
        (Action::Merge, "merge"),
        (Action::Intro, "intro"),
        (Action::Moments, "moments"),
        (Action::Dashboard, "dashboard"),
        (Action::Inbox, "inbox"),
        (Action::Refresh, "refresh"),
        (Action::Keep, "keep"),
        (Action::Skip, "skip"),
        (Action::Undo, "undo"),
        (Action::Redo, "redo"),
        (Action::Help, "help"),
        (Action::Palette, "palette"),
    ];

    /// The action's config name.
    pub fn name(self) -> &'static str {
        Action::ALL
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("?", |(_, n)| n)
    }

    /// The action named `name`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| *a)
    }
}
