//! The Contacts pane: people, most overdue first. Its rows are derived
//! in `app/lists.rs`; here is what its keys mean and how it is drawn.

use super::ListPlace;
use super::Pane;
use super::frame::{
    EMPTY, block, broken_notice, empty_line, hidden_tag, matched, place, query_tag, rows_of,
};
use crate::tui::app::App;
use crate::tui::popup::form::Form;
use crate::tui::popup::{Confirm, FormKind, OnYes, Popup};
use crate::tui::view::cells::{cell, count, highlighted};
use crate::tui::{action::Action, forms};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `a`: the form for a new contact.
pub(crate) fn add(app: &mut App) {
    let form = Form::new(
        "Add a contact",
        FormKind::AddContact,
        forms::contact_fields(None),
    );
    app.screen.open(Popup::Form(form));
}

/// `e`: the selected contact's form (from the Interests pane too).
pub(crate) fn edit(app: &mut App) {
    let form = match app.selected_contact() {
        Some(c) => forms::edit_contact(c),
        None => return app.error("No contact selected"),
    };
    app.screen.open(Popup::Form(form));
}

/// `d`: asks before deleting the selected contact (their history stays).
pub(crate) fn delete(app: &mut App) {
    let confirm = app.selected_contact().map(|c| Confirm {
        question: format!("Delete {}? Their history stays.", c.name),
        on_yes: OnYes::DeleteContact(c.id.clone()),
    });
    app.ask_to_delete(confirm);
}

/// Enter: on to the selected contact's interests.
pub(crate) fn select(app: &mut App) {
    app.screen.focus = Pane::Interests;
}

/// `o`: the next order (due, name, added).
pub(crate) fn sort(app: &mut App) {
    app.screen.sort = app.screen.sort.next();
    app.rebuild_contacts();
    app.rebuild_for_contact();
    app.info(format!("Contacts sorted by {}", app.screen.sort.label()));
}

/// See [`ListPlace`].
pub fn list_place(app: &App, area: Rect) -> Option<ListPlace> {
    Some(place(app, Pane::Contacts, area, 0))
}

/// Draws the pane: name, company, days since the last touch, due glyph.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let mut title = format!("Contacts · {}", app.screen.contacts.rows.len());
    if let Some(f) = &app.screen.interest_filter {
        title.push_str(&format!(" · {f}"));
    }
    title.push_str(&hidden_tag(app, app.screen.hidden_contacts, "dormant"));
    if !app.screen.sort.is_default() {
        title.push_str(&format!(" · by {}", app.screen.sort.label()));
    }
    title.push_str(&query_tag(app, Pane::Contacts));
    let block = block(app, Pane::Contacts, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    // "today", "12d", or "—602d" (never touched; days since added), then
    // the glyph.
    let time_cols = 7;
    let rest = width.saturating_sub(time_cols + 1);
    let name_cols = (rest * 11 / 20).max(rest.min(12));
    let company_cols = rest.saturating_sub(name_cols + 1);
    let query = &app.screen.contacts.query;
    let mut lines = broken_notice(app, Pane::Contacts, width);
    let place = list_place(app, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::Contacts, place, |i, selected| {
        let c = &app.model.net.contacts[i];
        let state = app.model.insight.due_state(&app.model.net, i);
        let style = app.screen.theme.due(state);
        let since = match app.due_of(i) {
            Some(d) if d.touched && d.days_since <= 0 => "today".into(),
            Some(d) if d.touched => format!("{}d", d.days_since),
            Some(d) => format!("—{}d", d.days_since),
            None => "—".into(),
        };
        let mut spans = vec![Span::styled(if selected { "▶" } else { " " }, style)];
        spans.extend(highlighted(
            &c.name,
            &matched(app, 0, i, &c.name, query),
            name_cols,
            style,
            app.screen.theme.highlight(),
        ));
        spans.push(Span::raw(" "));
        spans.push(cell(
            c.company.as_deref().unwrap_or(""),
            company_cols,
            app.screen.theme.dim(),
        ));
        spans.push(cell(&format!("{since:>6}"), time_cols - 1, style));
        spans.push(Span::styled(
            crate::tui::view::theme::due_glyph(state, c.state),
            style,
        ));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        let show = app.keymap.first_key(Action::ShowHidden);
        let dormant = match app.screen.hidden_contacts {
            0 => String::new(),
            n => format!(
                " {show} shows {} too.",
                count(n, "dormant contact", "dormant contacts")
            ),
        };
        let message = if app.screen.contacts.query.is_empty() {
            format!(" No contacts here. a adds one.{dormant}")
        } else {
            format!(" No match. Esc clears the search.{dormant}")
        };
        lines = empty_line(app, &message);
    }
    lines.extend(rows);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
