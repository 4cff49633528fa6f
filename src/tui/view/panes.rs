//! The four panes and the first-run welcome.

use super::cells::{cell, count, highlighted};
use crate::domain::EntryKind;
use crate::search::highlight;
use crate::text;
use crate::tui::app::{App, InterestsMode};
use crate::tui::pane::Pane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.screen.focus == pane;
    let style = if focused {
        app.screen.theme.focused_border()
    } else {
        Style::default()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(
            format!(" {} ", text::sanitize_line(&title)),
            style,
        ))
}

/// Title suffix showing the search query, e.g. " [/ada]".
fn query_tag(app: &App, pane: Pane) -> String {
    let list = app.list(pane);
    if list.searching || !list.query.is_empty() {
        let cursor = if list.searching { "▏" } else { "" };
        format!(" [/{}{cursor}]", list.query)
    } else {
        String::new()
    }
}

/// Draws one pane.
pub fn pane(app: &App, pane: Pane, frame: &mut Frame, area: Rect) {
    match pane {
        Pane::Contacts => contacts(app, frame, area),
        Pane::Interests => interests(app, frame, area),
        Pane::Queue => queue(app, frame, area),
        Pane::History => history(app, frame, area),
        Pane::Inbox => inbox(app, frame, area),
    }
}

/// Where a pane draws its list: the rows' rectangle (inside the border,
/// below a broken file's notice, above the Queue's detail) and the first
/// row shown. Drawing and the mouse's hit-testing both go by it. `None`
/// for the Interests pane's profile, which is not a list of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPlace {
    /// Where the rows are drawn, one per line.
    pub rows: Rect,
    /// Position in the list of the first row drawn.
    pub offset: usize,
}

/// See [`ListPlace`]; `area` is the pane's rectangle, border included.
pub fn list_place(app: &App, pane: Pane, area: Rect) -> Option<ListPlace> {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let width = inner.width as usize;
    let (above, below) = match pane {
        Pane::Contacts | Pane::History => (broken_notice(app, pane, width).len(), 0),
        Pane::Queue => {
            let detail = match app.screen.focus == Pane::Queue {
                true => item_detail(app, width).len(),
                false => 0,
            };
            (broken_notice(app, pane, width).len(), detail)
        }
        Pane::Inbox => (0, 0),
        Pane::Interests if app.screen.interests_mode == InterestsMode::All => (0, 0),
        Pane::Interests => return None,
    };
    let above = u16::try_from(above).unwrap_or(u16::MAX).min(inner.height);
    let below = u16::try_from(below).unwrap_or(u16::MAX);
    let rows = Rect {
        y: inner.y + above,
        height: inner.height.saturating_sub(above.saturating_add(below)),
        ..inner
    };
    // The list scrolls for the pane's whole height; when a notice takes
    // the top rows, look further down so the selection stays in view.
    let list = app.list(pane);
    let offset = list
        .offset
        .max((list.selected + 1).saturating_sub(usize::from(rows.height)))
        .min(list.selected);
    Some(ListPlace { rows, offset })
}

/// No room: a list drawn nowhere.
const EMPTY: ListPlace = ListPlace {
    rows: Rect::ZERO,
    offset: 0,
};

fn rows_of<'a>(
    app: &App,
    pane: Pane,
    place: ListPlace,
    mut row: impl FnMut(usize, bool) -> Line<'a>,
) -> Vec<Line<'a>> {
    let list = app.list(pane);
    list.rows
        .iter()
        .enumerate()
        .skip(place.offset)
        .take(usize::from(place.rows.height))
        .map(|(pos, &record)| {
            let selected = pos == list.selected;
            let line = row(record, selected);
            if selected {
                line.style(app.screen.theme.selected(app.screen.focus == pane))
            } else {
                line
            }
        })
        .collect()
}

fn empty_line<'a>(app: &App, message: &str) -> Vec<Line<'a>> {
    vec![Line::styled(message.to_string(), app.screen.theme.dim())]
}

/// A data file that does not parse, shown where the list read from it
/// would start, above the last good rows (see `tui::broken`). Empty for
/// every other pane and while the files read cleanly.
fn broken_notice<'a>(app: &App, pane: Pane, width: usize) -> Vec<Line<'a>> {
    let Some(broken) = app.broken.as_ref().filter(|b| b.pane() == pane) else {
        return Vec::new();
    };
    let cols = width.saturating_sub(1);
    let lines = |text: &str, style| {
        super::cells::wrap(text, cols)
            .into_iter()
            .map(move |l| Line::styled(format!(" {l}"), style))
    };
    let head = format!("{} {}.", broken.file_name(), broken.what());
    let mut notice: Vec<Line> = lines(&head, app.screen.theme.error()).collect();
    notice.extend(lines(&broken.detail(), Style::default()));
    notice.extend(lines(
        "Fix the file; netwerk will reload it. Until then, the last good copy, read-only:",
        app.screen.theme.dim(),
    ));
    notice.push(Line::styled("─".repeat(width), app.screen.theme.dim()));
    notice
}

/// " · 3 dormant hidden (. shows)", or " · dormant shown": what the `.`
/// toggle leaves out of a pane, in its title.
fn hidden_tag(app: &App, hidden: usize, what: &str) -> String {
    let show = app.keymap.first_key(crate::tui::action::Action::ShowHidden);
    match (app.screen.show_hidden, hidden) {
        (true, _) => format!(" · {what} shown"),
        (false, 0) => String::new(),
        (false, n) => format!(" · {n} {what} hidden ({show} shows)"),
    }
}

fn contacts(app: &App, frame: &mut Frame, area: Rect) {
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
    let place = list_place(app, Pane::Contacts, area).unwrap_or(EMPTY);
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
        spans.push(Span::styled(super::theme::due_glyph(state, c.state), style));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        let show = app.keymap.first_key(crate::tui::action::Action::ShowHidden);
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

fn interests(app: &App, frame: &mut Frame, area: Rect) {
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
    let place = list_place(app, Pane::Interests, area).unwrap_or(EMPTY);
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

/// Columns a profile field's label takes, margin included.
const LABEL_COLS: usize = 10;

/// A labelled profile line; a long value wraps under itself, so every
/// line keeps the pane's margin.
fn field_lines<'a>(app: &App, label: &str, value: &str, width: usize) -> Vec<Line<'a>> {
    let indent = " ".repeat(LABEL_COLS);
    let mut parts = super::cells::wrap(value, width.saturating_sub(LABEL_COLS));
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
    use crate::tui::action::Action;
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
                super::cells::count(d as usize, "day", "days")
            ),
            Some(d) => format!(
                "active · due in {}",
                super::cells::count(d.unsigned_abs() as usize, "day", "days")
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
            for part in super::cells::wrap(l, width.saturating_sub(2)) {
                lines.push(Line::from(format!("  {part}")));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn queue(app: &App, frame: &mut Frame, area: Rect) {
    let mut title = match app.selected_contact() {
        Some(c) => format!("Queue · for {}", c.first_name()),
        None => "Queue".into(),
    };
    if let Some(f) = &app.screen.interest_filter {
        title.push_str(&format!(" · {f}"));
    }
    title.push_str(&hidden_tag(app, app.screen.hidden_items, "archived"));
    title.push_str(&query_tag(app, Pane::Queue));
    let block = block(app, Pane::Queue, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let kind_cols = 8;
    let query = &app.screen.queue.query;
    let mut lines = broken_notice(app, Pane::Queue, width);
    // While the Queue is focused, the selected item's address and comment
    // show below the list, in the wide and the narrow layout alike.
    let detail = match app.screen.focus == Pane::Queue {
        true => item_detail(app, width),
        false => Vec::new(),
    };
    let place = list_place(app, Pane::Queue, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::Queue, place, |i, _| {
        let item = &app.model.net.items[i];
        let mark = app.screen.queue_marks.get(&i);
        let (glyph, style) = match mark {
            Some(m) if m.received.is_some() => ("✓", app.screen.theme.sent()),
            Some(m) if !m.matched.is_empty() => ("★", app.screen.theme.matched()),
            _ if item.archived => (" ", app.screen.theme.dim()),
            _ => (" ", Style::default()),
        };
        let reason = match mark {
            _ if item.archived => " archived".to_string(),
            Some(m) if m.received.is_some() => m
                .received
                .map(|t| format!(" sent {}", t.format("%Y-%m-%d")))
                .unwrap_or_default(),
            Some(m) if !m.matched.is_empty() => format!(" {}", m.reason),
            _ => String::new(),
        };
        let reason_cols = text::width(&reason).min(width / 3);
        let title_cols = width.saturating_sub(2 + kind_cols + reason_cols);
        let title_style = match (item.archived, item.title_guessed) {
            (true, _) => app.screen.theme.dim(),
            // A guess from the address reads like a hint, not a title.
            (false, true) => app.screen.theme.hint(),
            (false, false) => Style::default(),
        };
        let mut spans = vec![Span::styled(format!("{glyph} "), style)];
        spans.extend(highlighted(
            &item.title,
            &matched(app, 1, i, &item.title, query),
            title_cols,
            title_style,
            app.screen.theme.highlight(),
        ));
        spans.push(cell(&reason, reason_cols, style));
        spans.push(cell(
            &format!(" {}", item.kind),
            kind_cols,
            app.screen.theme.dim(),
        ));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        lines = empty_line(app, " The queue is empty. a adds a link.");
    }
    lines.extend(rows);
    let pad = (inner.height as usize).saturating_sub(lines.len() + detail.len());
    lines.extend(std::iter::repeat_n(Line::from(""), pad));
    lines.extend(detail);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The selected item's address, comment, topics and dates, under a rule.
fn item_detail<'a>(app: &App, width: usize) -> Vec<Line<'a>> {
    let Some(item) = app
        .screen
        .queue
        .current()
        .and_then(|i| app.model.net.items.get(i))
    else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled("─".repeat(width), app.screen.theme.dim())];
    let line = |label: &str, value: &str, style: Style| {
        Line::from(vec![
            Span::styled(
                format!(" {label:<w$}", w = LABEL_COLS - 1),
                app.screen.theme.dim(),
            ),
            cell(value, width.saturating_sub(LABEL_COLS), style),
        ])
    };
    lines.push(line("url", &item.url, Style::default()));
    let edit = app.keymap.first_key(crate::tui::action::Action::Edit);
    lines.push(match item.comment.as_deref() {
        Some(c) if !c.trim().is_empty() => line("comment", c, Style::default()),
        _ => line(
            "comment",
            &format!("none — {edit} adds one"),
            app.screen.theme.dim(),
        ),
    });
    let mut about = String::new();
    if item.title_guessed {
        about.push_str(&format!(
            "title guessed from the address ({edit} sets one) · "
        ));
    }
    if item.archived {
        let key = app.keymap.first_key(crate::tui::action::Action::Archive);
        about.push_str(&format!("archived ({key} brings back) · "));
    }
    about.push_str(&format!("added {}", item.added.format("%Y-%m-%d")));
    if !item.topics.is_empty() {
        about.push_str(&format!(" · {}", item.topics.join(", ")));
    }
    lines.push(line(item.kind.as_str(), &about, Style::default()));
    lines
}

/// The Inbox in the Queue's place: each entry with the contacts it
/// suits ("→ Ada, Grace (rust)") and its kind.
fn inbox(app: &App, frame: &mut Frame, area: Rect) {
    let mut title = format!("Inbox · {} new", app.screen.inbox.rows.len());
    if app.screen.inbox.refreshing {
        title.push_str(" · fetching…");
    }
    title.push_str(&query_tag(app, Pane::Inbox));
    let block = block(app, Pane::Inbox, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let kind_cols = 8;
    let query = &app.screen.inbox.list.query;
    let place = list_place(app, Pane::Inbox, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::Inbox, place, |i, _| {
        let Some(row) = app.screen.inbox.rows.get(i) else {
            return Line::default();
        };
        let (glyph, style) = if row.reason.is_empty() {
            (" ", Style::default())
        } else {
            ("★", app.screen.theme.matched())
        };
        let reason = if row.reason.is_empty() {
            String::new()
        } else {
            format!(" → {}", row.reason)
        };
        let reason_cols = text::width(&reason).min(width / 2);
        let title_cols = width.saturating_sub(2 + kind_cols + reason_cols);
        let title = &row.entry.title;
        let mut spans = vec![Span::styled(format!("{glyph} "), style)];
        spans.extend(highlighted(
            title,
            &highlight(title, query),
            title_cols,
            Style::default(),
            app.screen.theme.highlight(),
        ));
        spans.push(cell(&reason, reason_cols, style));
        spans.push(cell(
            &format!(" {}", row.entry.kind),
            kind_cols,
            app.screen.theme.dim(),
        ));
        Line::from(spans)
    });
    let lines = if rows.is_empty() {
        let refresh = app.keymap.first_key(crate::tui::action::Action::Refresh);
        empty_line(
            app,
            &format!(" Nothing new. {refresh} fetches your feeds (netwerk feed add URL)."),
        )
    } else {
        rows
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn history(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!("History{}", query_tag(app, Pane::History));
    let block = block(app, Pane::History, title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let query = &app.screen.history.query;
    let mut lines = broken_notice(app, Pane::History, width);
    let place = list_place(app, Pane::History, area).unwrap_or(EMPTY);
    let rows = rows_of(app, Pane::History, place, |i, _| {
        let e = &app.model.net.history[i];
        let date = e.at.format("%m-%d").to_string();
        let first = e
            .contact_name()
            .split_whitespace()
            .next()
            .unwrap_or(e.contact_name())
            .to_string();
        let what = match (e.kind, e.item_title(), e.detail()) {
            (EntryKind::Share, Some(t), _) => format!("{first} ← {t}"),
            (_, _, Some(detail)) => format!("{first} ({detail})"),
            (_, _, None) if e.note().is_empty() => first,
            (_, _, None) => format!("{first} ({})", e.note()),
        };
        let kind_style = match e.tally() {
            Some(crate::domain::Tally::Give) => app.screen.theme.sent(),
            Some(crate::domain::Tally::Ask) => app.screen.theme.due(crate::domain::DueState::Soon),
            _ => Style::default(),
        };
        let what_cols = width.saturating_sub(13);
        let mut spans = vec![
            Span::styled(format!(" {date} "), app.screen.theme.dim()),
            // Five letters and a space each; a moment reads as who "moved".
            Span::styled(
                format!(
                    "{:<6}",
                    match e.kind {
                        EntryKind::Moment => "moved",
                        kind => kind.as_str(),
                    }
                ),
                kind_style,
            ),
        ];
        spans.extend(highlighted(
            &what,
            &highlight(&what, query),
            what_cols,
            Style::default(),
            app.screen.theme.highlight(),
        ));
        Line::from(spans)
    });
    if rows.is_empty() && lines.is_empty() {
        lines = empty_line(app, " Nothing yet. Share something (s) or log a touch (l).");
    }
    lines.extend(rows);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// First run: no data at all. Teach instead of drawing four empty boxes.
pub fn welcome(app: &App, frame: &mut Frame, area: Rect) {
    let k = |a| app.keymap.first_key(a);
    use crate::tui::action::Action;
    let lines = vec![
        Line::from(""),
        Line::styled("Welcome to netwerk", app.screen.theme.focused_border()),
        Line::from(""),
        Line::from("Your network is empty. Start with the people closest to you:"),
        Line::from(""),
        Line::from(format!(
            "  {}   add a contact, with what they care about",
            k(Action::Add)
        )),
        Line::from("  or import your LinkedIn connections from a shell:"),
        Line::styled(
            "      netwerk import linkedin Connections.csv",
            app.screen.theme.dim(),
        ),
        Line::from(""),
        Line::from(format!(
            "  {}   add an article or video to pass along (in the Queue, {})",
            k(Action::Add),
            k(Action::FocusQueue)
        )),
        Line::from(format!(
            "  {}   all keys      {}   quit",
            k(Action::Help),
            k(Action::Quit)
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The characters of `text` (field 0 of record `i` of search index
/// `which`) that ranked the record for `query`: where the index matched
/// the word, which may be another field, not stray letters here.
fn matched(app: &App, which: usize, i: usize, text: &str, query: &str) -> Vec<usize> {
    match &app.model.search[which] {
        Some((index, _)) if index.query() == crate::domain::fold::fold(query) => {
            index.positions(i as u32, 0)
        }
        _ => highlight(text, query),
    }
}
