//! The help overlay: every key of the focused context, scrollable so it
//! fits any terminal netwerk runs in (80×24 included).

use crate::tui::action::Action;
use crate::tui::pane::{InterestsMode, Pane};
use crate::tui::view::dialog::{Context, centered, frame_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Widest the overlay gets.
const WIDTH: u16 = 72;

/// How far the help is scrolled.
#[derive(Debug, Default)]
pub struct Help {
    top: usize,
}

impl Help {
    /// Moves by a movement `action` (the user's own keys for moving in
    /// lists); returns whether the key closes help instead. Keys that
    /// neither move nor close are ignored, so a stray key does not
    /// dismiss what the user is reading.
    pub fn key(
        &mut self,
        cx: &Context,
        action: Option<Action>,
        code: crossterm::event::KeyCode,
    ) -> bool {
        use crossterm::event::KeyCode;
        let (total, visible) = fit(cx, Rect::new(0, 0, cx.size.0, cx.size.1));
        let last = total.saturating_sub(visible);
        let page = visible.saturating_sub(1).max(1);
        self.top = match action {
            Some(Action::Down) => self.top + 1,
            Some(Action::Up) => self.top.saturating_sub(1),
            Some(Action::PageDown) => self.top + page,
            Some(Action::PageUp) => self.top.saturating_sub(page),
            Some(Action::First) => 0,
            Some(Action::Last) => last,
            Some(Action::Help | Action::Quit) => return true,
            _ => return matches!(code, KeyCode::Esc | KeyCode::Enter),
        }
        .min(last);
        false
    }
}

/// What each action does in the focused context; `None` hides it there.
/// The command palette offers the same list.
pub(crate) fn describe(action: Action, focus: Pane, mode: InterestsMode) -> Option<&'static str> {
    use Action::*;
    Some(match action {
        Quit => "quit (everything is already saved)",
        NextPane => "next pane",
        PrevPane => "previous pane",
        FocusContacts => "jump to Contacts",
        FocusInterests => "jump to Interests",
        FocusQueue => "jump to Queue",
        FocusHistory => "jump to History",
        Down => "move down",
        Up => "move up",
        First => "first row",
        Last => "last row",
        PageDown => "page down",
        PageUp => "page up",
        Search => "fuzzy search this pane",
        Clear => "clear the search or interest filter",
        Help => "this help",
        Palette => "run any action by name",
        Select => match (focus, mode) {
            (Pane::Interests, InterestsMode::All) => "filter Contacts and Queue by this interest",
            (Pane::Contacts, _) => "open the contact's interests",
            (Pane::Inbox, _) => "keep the entry (into the queue)",
            _ => return None,
        },
        Add => match focus {
            Pane::Contacts => "add a contact",
            Pane::Interests => "add interests to the contact",
            Pane::Queue => "add a content item",
            Pane::History => "log a touch or ask",
            Pane::Inbox => "keep the entry (into the queue)",
        },
        Edit => match focus {
            Pane::Contacts | Pane::Interests => "edit the contact",
            Pane::Queue => "edit the item",
            Pane::History | Pane::Inbox => return None,
        },
        Delete => match focus {
            Pane::Contacts => "delete the contact (asks first)",
            Pane::Interests => "remove the selected interest (asks first)",
            Pane::Queue => "delete the item (asks first)",
            Pane::History => return None,
            Pane::Inbox => "skip the entry",
        },
        Share => match focus {
            Pane::Contacts => "share an item with this contact",
            Pane::Queue => "share this item with a contact",
            Pane::Inbox => "keep the entry and share it with a contact",
            _ => return None,
        },
        Log => "log a touch or ask with the contact",
        Copy => match focus {
            Pane::Contacts | Pane::Interests => "copy the contact's profile link",
            Pane::Queue => "copy the item's URL",
            Pane::Inbox => "copy the entry's URL",
            Pane::History => "copy the entry's note again",
        },
        Sort => match focus {
            Pane::Contacts => "sort by due, name or recently added",
            _ => return None,
        },
        AllInterests => "toggle all interests with counts",
        Archive => match focus {
            Pane::Contacts | Pane::Interests => "set the contact aside as dormant, or bring back",
            Pane::Queue => "archive the item, or bring it back",
            Pane::History | Pane::Inbox => return None,
        },
        ShowHidden => "show or hide dormant contacts and archived items",
        Triage => "triage imported contacts",
        Merge => match focus {
            Pane::Contacts => "merge another record of this person into it",
            _ => return None,
        },
        Intro => match focus {
            Pane::Contacts | Pane::Interests => "introduce the contact to someone worth meeting",
            _ => return None,
        },
        Moments => "moments: job changes to congratulate or dismiss",
        Dashboard => "dashboard",
        Inbox => match focus {
            Pane::Inbox => "back to the Queue",
            _ => "show the Inbox: entries from your feeds",
        },
        Refresh => "fetch your feeds in the background",
        Keep | Skip if focus != Pane::Inbox => return None,
        Keep => "keep the entry (into the queue)",
        Skip => "skip the entry: it does not come back",
        Undo => "undo the last change made since netwerk started",
        Redo => "redo the change just undone",
    })
}

/// The overlay's text: the focused context's keys, then the modes'.
fn lines(cx: &Context) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!("{} pane", cx.focus.title()),
        cx.theme.dim(),
    )];
    for (action, _) in Action::ALL {
        if let Some(what) = describe(action, cx.focus, cx.interests_mode) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {:<16}", cx.keymap.keys_label(action)),
                    cx.theme.focused_border(),
                ),
                Span::raw(what),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Signs", cx.theme.dim()));
    let key = |a| cx.keymap.first_key(a);
    let signs = [
        (
            "12d  today",
            "days since you last gave or touched base".to_string(),
        ),
        (
            "—30d",
            "never touched: days since added or connected".into(),
        ),
        ("!", "overdue: their cadence has been reached".into()),
        ("~", "due within a week".into()),
        (
            "?",
            format!(
                "imported, not triaged yet ({} triages)",
                key(Action::Triage)
            ),
        ),
        (
            "z",
            format!(
                "dormant: never due ({} brings back, {} shows)",
                key(Action::Archive),
                key(Action::ShowHidden)
            ),
        ),
        (
            "★",
            "a match: the interests it meets are named at right".into(),
        ),
        ("✓", "already sent to them (with the date)".into()),
    ];
    for (sign, what) in signs {
        lines.push(Line::from(vec![
            Span::styled(format!(" {sign:<16}"), cx.theme.focused_border()),
            Span::raw(what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        " In a search: type to narrow, Enter keeps the filter, Esc clears it.",
        cx.theme.dim(),
    ));
    lines.push(Line::styled(
        " In a form: Tab moves, Enter or Ctrl-S saves, Esc cancels.",
        cx.theme.dim(),
    ));
    lines
}

/// The overlay's rectangle in `area` for `total` lines.
fn rect(area: Rect, total: usize) -> Rect {
    centered(area, WIDTH, u16::try_from(total + 2).unwrap_or(u16::MAX))
}

/// How many lines the help has and how many fit in `area`.
fn fit(cx: &Context, area: Rect) -> (usize, usize) {
    let total = lines(cx).len();
    (
        total,
        usize::from(rect(area, total).height.saturating_sub(2)),
    )
}

impl Help {
    /// Draws the overlay, scrolled to `help`.
    pub fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let help = self;
        let lines = lines(cx);
        let total = lines.len();
        let rect = rect(area, total);
        let visible = usize::from(rect.height.saturating_sub(2));
        let top = help.top.min(total.saturating_sub(visible));
        let title = if visible < total {
            format!(
                "Help · {}–{} of {} · j/k PgDn/PgUp scroll · Esc closes",
                top + 1,
                (top + visible).min(total),
                total
            )
        } else {
            "Help · Esc closes".to_string()
        };
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(lines)
                .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
                .block(frame_block(cx.theme, &title)),
            rect,
        );
    }
}
