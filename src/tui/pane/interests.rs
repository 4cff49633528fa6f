//! The Interests pane, in both of its modes: the selected contact's
//! interests and profile, or every interest with its counts (`t`), where
//! Enter filters Contacts and the Queue by one.

use super::ListPlace;
use super::frame::{EMPTY, LABEL_COLS, block, empty_line, place, query_tag, rows_of};
use super::{InterestsMode, Pane};
use crate::search::highlight;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::popup::form::{Field, Form};
use crate::tui::popup::{Confirm, FormKind, OnYes, Popup};
use crate::tui::view::cells::{self, highlighted};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `a`: the form for more interests of the selected contact.
pub(crate) fn add(app: &mut App) {
    let Some((id, name)) = app.contact_or_complain() else {
        return;
    };
    let form = Form::new(
        format!("Add interests for {name}"),
        FormKind::AddInterest(id),
        vec![Field::new(
            "Interests",
            "",
            "e.g. rust, sailing (comma-separated)",
        )],
    );
    app.screen.open(Popup::Form(form));
}

/// `e`: the selected contact's form, as in Contacts.
pub(crate) fn edit(app: &mut App) {
    super::contacts::edit(app);
}

/// `d`: in the profile, asks before removing the selected interest; the
/// list of all interests has nothing to delete.
pub(crate) fn delete(app: &mut App) {
    let confirm = match app.screen.interests_mode {
        InterestsMode::Contact => {
            let c = app.selected_contact();
            let label = c.and_then(|c| {
                app.screen
                    .interests
                    .current()
                    .and_then(|i| c.interests.get(i))
            });
            match (c, label) {
                (Some(c), Some(label)) => Some(Confirm {
                    question: format!("Remove {label} from {}?", c.name),
                    on_yes: OnYes::RemoveInterest(c.id.clone(), label.clone()),
                }),
                _ => None,
            }
        }
        InterestsMode::All => None,
    };
    app.ask_to_delete(confirm);
}

/// Enter: in the list of all interests, filter Contacts and the Queue by
/// the selected one and go back to the profile.
pub(crate) fn select(app: &mut App) {
    if app.screen.interests_mode != InterestsMode::All {
        return;
    }
    let Some((label, _, _)) = app
        .screen
        .interests
        .current()
        .and_then(|i| app.screen.all_interests.get(i))
        .cloned()
    else {
        return;
    };
    app.screen.interest_filter = Some(label.clone());
    // Back to the profile view: the filter is in the titles now.
    app.screen.interests_mode = InterestsMode::Contact;
    app.screen.interests.query.clear();
    app.screen.contacts.query.clear();
    app.screen.contacts.selected = 0;
    app.rebuild_contacts();
    app.rebuild_for_contact();
    app.screen.focus = Pane::Contacts;
    app.info(format!(
        "Showing contacts and items about {label}; Esc removes the filter"
    ));
}

/// Esc, with no search and no filter left to clear: the list of all
/// interests goes back to the profile.
pub(crate) fn clear(app: &mut App) {
    if app.screen.interests_mode == InterestsMode::All {
        toggle_all(app);
    }
}

/// `t`: every interest with its counts, or the selected contact's
/// profile again; either way the pane gets the focus.
pub(crate) fn toggle_all(app: &mut App) {
    app.screen.interests_mode = match app.screen.interests_mode {
        InterestsMode::Contact => InterestsMode::All,
        InterestsMode::All => InterestsMode::Contact,
    };
    if app.screen.interests_mode == InterestsMode::All {
        app.count_interests();
    }
    app.screen.interests.query.clear();
    app.screen.interests.selected = 0;
    app.screen.focus = Pane::Interests;
    app.rebuild_for_contact();
}

/// See [`ListPlace`]: `None` for the profile, which is not a list of
/// rows.
pub fn list_place(app: &App, area: Rect) -> Option<ListPlace> {
    match app.screen.interests_mode {
        InterestsMode::All => Some(place(app, Pane::Interests, area, 0)),
        InterestsMode::Contact => None,
    }
}

/// Draws the pane in its mode.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    match app.screen.interests_mode {
        InterestsMode::All => all_interests(app, frame, area),
        InterestsMode::Contact => contact_profile(app, frame, area),
    }
}

fn all_interests(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(
        "Interests · all {}{}",
        app.screen.all_interests.len(),
        query_tag(app, Pane::Interests)
    );
    let block = block(app, Pane::Interests, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let query = &app.screen.interests.query;
    let place = list_place(app, area).unwrap_or(EMPTY);
    let mut lines = rows_of(app, Pane::Interests, place, |i, _| {
        let (label, contacts, items) = &app.screen.all_interests[i];
        let people = if *contacts == 1 { "person" } else { "people" };
        let things = if *items == 1 { "item" } else { "items" };
        let counts = format!("{contacts:>5} {people:<6} {items:>4} {things:<5}");
        let label_cols = width.saturating_sub(text::width(&counts) + 1);
        let mut spans = highlighted(
            label,
            &highlight(label, query),
            label_cols,
            Style::default(),
            app.screen.theme.highlight(),
        );
        spans.push(Span::raw(" "));
        spans.push(Span::styled(counts, app.screen.theme.dim()));
        Line::from(spans)
    });
    if lines.is_empty() {
        lines = empty_line(app, " No interests yet.");
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A labelled profile line; a long value wraps under itself, so every
/// line keeps the pane's margin.
fn field_lines<'a>(app: &App, label: &str, value: &str, width: usize) -> Vec<Line<'a>> {
    let indent = " ".repeat(LABEL_COLS);
    let mut parts = cells::wrap(value, width.saturating_sub(LABEL_COLS));
    if parts.is_empty() {
        // An empty value still shows its label.
        parts.push(String::new());
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let head = match n {
                0 => Span::styled(
                    format!(" {label:<w$}", w = LABEL_COLS - 1),
                    app.screen.theme.dim(),
                ),
                _ => Span::raw(indent.clone()),
            };
            Line::from(vec![head, Span::raw(part)])
        })
        .collect()
}

/// Interest chips separated by " · ", wrapped at whole chips with the
/// pane's margin on every line.
fn chip_lines<'a>(chips: Vec<(String, Style)>, sep: Style, width: usize) -> Vec<Line<'a>> {
    let room = width.saturating_sub(1).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut spans: Vec<Span> = vec![Span::raw(" ")];
    let mut used = 0;
    for (label, style) in chips {
        let label = text::truncate(&label, room).into_owned();
        let w = text::width(&label);
        if used > 0 && used + 3 + w > room {
            lines.push(Line::from(std::mem::replace(
                &mut spans,
                vec![Span::raw(" ")],
            )));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::styled(" · ", sep));
            used += 3;
        }
        spans.push(Span::styled(label, style));
        used += w;
    }
    lines.push(Line::from(spans));
    lines
}

/// Where the contact stands: active (and how due), untriaged or dormant,
/// with the key that changes it.
fn state_text(app: &App, c: &crate::domain::Contact, due: Option<&crate::domain::Due>) -> String {
    use crate::domain::ContactState;
    let key = |a| app.keymap.first_key(a);
    match c.state {
        ContactState::Untriaged => format!(
            "untriaged: imported, not reviewed yet ({} triages)",
            key(Action::Triage)
        ),
        ContactState::Dormant => format!(
            "dormant: set aside, never due ({} brings back)",
            key(Action::Archive)
        ),
        ContactState::Active => match due.map(|d| d.overdue_days()) {
            Some(0) => "active · due today".into(),
            Some(d) if d > 0 => format!(
                "active · overdue by {}",
                cells::count(d as usize, "day", "days")
            ),
            Some(d) => format!(
                "active · due in {}",
                cells::count(d.unsigned_abs() as usize, "day", "days")
            ),
            None => "active".into(),
        },
    }
}

fn contact_profile(app: &App, frame: &mut Frame, area: Rect) {
    let Some(c) = app.selected_contact() else {
        let block = block(app, Pane::Interests, "Interests".into());
        frame.render_widget(
            Paragraph::new(empty_line(app, " Select a contact to see their interests."))
                .block(block),
            area,
        );
        return;
    };
    let block = block(
        app,
        Pane::Interests,
        format!("Interests · {}{}", c.name, query_tag(app, Pane::Interests)),
    );
    let width = block.inner(area).width as usize;
    let focused = app.screen.focus == Pane::Interests;
    let chips: Vec<(String, Style)> = app
        .screen
        .interests
        .rows
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let style = if focused && pos == app.screen.interests.selected {
                app.screen.theme.selected(true)
            } else {
                app.screen.theme.matched()
            };
            (text::sanitize_line(&c.interests[i]).into_owned(), style)
        })
        .collect();
    let mut lines = if c.interests.is_empty() {
        vec![Line::from(vec![
            Span::raw(" "),
            Span::styled("no interests yet — a adds some", app.screen.theme.dim()),
        ])]
    } else {
        chip_lines(chips, app.screen.theme.dim(), width)
    };
    let mut field = |label: &str, value: String| {
        lines.extend(field_lines(app, label, &value, width));
    };
    let role = match (&c.role, &c.company) {
        (Some(r), Some(co)) => format!("{r} at {co}"),
        (Some(r), None) => r.clone(),
        (None, Some(co)) => co.clone(),
        (None, None) => String::new(),
    };
    if !role.is_empty() {
        field("work", role);
    }
    for link in &c.links {
        field(link.kind.as_str(), link.url.clone());
    }
    if let Some(e) = &c.email {
        field("email", e.clone());
    }
    if let Some(m) = &c.met {
        field("met", m.clone());
    }
    let idx = app.screen.contacts.current().unwrap_or(0);
    let due = app.due_of(idx).copied();
    let summary = app.model.insight.summary(idx);
    field("state", state_text(app, c, due.as_ref()));
    if let Some(due) = due {
        field(
            "cadence",
            format!("every {} days · degree {}", due.cadence, c.degree),
        );
        let since = if c.connected.is_some() {
            "connected"
        } else {
            "added"
        };
        field(
            "touched",
            match due.touched {
                true => crate::domain::ago(due.days_since),
                false => format!("never · {since} {}", crate::domain::ago(due.days_since)),
            },
        );
    }
    field("balance", crate::domain::balance::words(summary));
    // Open asks, newest first: what you still wait on from them.
    let asks: Vec<&crate::domain::Entry> = app
        .model
        .open_asks
        .iter()
        .filter_map(|&i| app.model.net.history.get(i))
        .filter(|e| c.answers_to(e.contact()))
        .take(3)
        .collect();
    for e in asks {
        let what = match e.note() {
            "" => "(no note)",
            n => n,
        };
        field("open ask", format!("{} {what}", e.at.format("%Y-%m-%d")));
    }
    if let Some(n) = &c.notes {
        lines.push(Line::from(Span::styled(" notes", app.screen.theme.dim())));
        for l in n.lines() {
            for part in cells::wrap(l, width.saturating_sub(2)) {
                lines.push(Line::from(format!("  {part}")));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
