//! The triage dialog (`T`): where a walk through imported contacts
//! stands, what its keys mean, and its drawing. What a decision does is
//! in `tui/triage.rs`, as each one is a save.

use crate::domain::ContactId;
use crate::text;
use crate::tui::view::dialog::{Context, centered, frame_block};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// What a key on the triage dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriageOutcome {
    /// Nothing (a key triage does not use).
    Nothing,
    /// `k`, Enter: keep the contact on screen (asking its interests).
    Keep(ContactId),
    /// `s`, `j`, →: skip it for now (counted here).
    Skipped,
    /// `d`: set it aside as dormant.
    Dormant(ContactId),
    /// `K`: keep every undecided contact of the walk.
    KeepAll,
    /// `D`: set every undecided contact aside.
    SetAllAside,
    /// Esc, `q`: stop, saying what the walk did.
    Done,
    /// No contact left on screen: the dialog just closes.
    Empty,
}

/// Where a triage walk stands.
#[derive(Debug, Clone)]
pub struct Triage {
    /// The contacts to review, in walk order.
    pub queue: Vec<ContactId>,
    /// Why each is worth a look ("connected 3 days ago; role meets rust").
    pub why: Vec<String>,
    /// The view the walk was taken from: "filter: stripe", or empty.
    pub view: String,
    /// Which of `queue` were kept or set aside in this walk.
    pub decided: Vec<bool>,
    /// Index of the contact on screen.
    pub pos: usize,
    /// How many were kept, skipped and made dormant so far.
    pub kept: usize,
    /// See `kept`.
    pub skipped: usize,
    /// See `kept`.
    pub dormant: usize,
}

impl Triage {
    /// What `key` asks for, counting a skip.
    pub fn key(&mut self, key: KeyEvent) -> TriageOutcome {
        let Some(id) = self.current().cloned() else {
            return TriageOutcome::Empty;
        };
        match key.code {
            KeyCode::Char('k') | KeyCode::Enter => TriageOutcome::Keep(id),
            KeyCode::Char('s') | KeyCode::Right | KeyCode::Char('j') => {
                self.skipped += 1;
                TriageOutcome::Skipped
            }
            KeyCode::Char('d') => TriageOutcome::Dormant(id),
            KeyCode::Char('K') => TriageOutcome::KeepAll,
            KeyCode::Char('D') => TriageOutcome::SetAllAside,
            KeyCode::Esc | KeyCode::Char('q') => TriageOutcome::Done,
            _ => TriageOutcome::Nothing,
        }
    }

    /// The contact on screen.
    pub fn current(&self) -> Option<&ContactId> {
        self.queue.get(self.pos)
    }

    /// Why the contact on screen is worth a look, if anything stands out.
    pub fn current_why(&self) -> Option<&str> {
        self.why
            .get(self.pos)
            .map(String::as_str)
            .filter(|w| !w.is_empty())
    }

    /// How many [`Triage::undecided`] would return.
    pub fn undecided_count(&self) -> usize {
        self.decided.iter().filter(|d| !**d).count()
    }

    /// The contacts of the walk not yet kept or set aside in it (skipped
    /// ones included): what a bulk action is about.
    pub fn undecided(&self) -> Vec<ContactId> {
        self.queue
            .iter()
            .zip(&self.decided)
            .filter(|(_, done)| !**done)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

impl Triage {
    /// Draws one contact to triage, with what is known about them.
    pub fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let t = self;
        let rect = centered(area, 80, 16);
        frame.render_widget(Clear, rect);
        let mut title = format!("Triage · {} of {}", t.pos + 1, t.queue.len());
        if !t.view.is_empty() {
            title.push_str(&format!(" · {}", t.view));
        }
        let Some(c) = t.current().and_then(|id| cx.net.contact(id)) else {
            frame.render_widget(
                Paragraph::new("Done.").block(frame_block(cx.theme, &title)),
                rect,
            );
            return;
        };
        let dim = cx.theme.dim();
        let field = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<11}"), dim),
                Span::raw(text::sanitize_line(&value).into_owned()),
            ])
        };
        let mut lines = vec![
            Line::styled(
                text::sanitize_line(&c.name).into_owned(),
                cx.theme.focused_border(),
            ),
            Line::from(""),
        ];
        if let Some(role) = &c.role {
            lines.push(field("role", role.clone()));
        }
        if let Some(company) = &c.company {
            lines.push(field("company", company.clone()));
        }
        if let Some(d) = c.connected {
            lines.push(field("connected", d.format("%Y-%m-%d").to_string()));
        }
        if let Some(link) = c.profile_link() {
            lines.push(field(link.kind.as_str(), link.url.clone()));
        }
        if !c.interests.is_empty() {
            lines.push(field("interests", c.interests.join(", ")));
        }
        if let Some(why) = t.current_why() {
            lines.push(field("why", why.to_string()));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("k", cx.theme.focused_border()),
            Span::raw(" keep (add interests, cadence)   "),
            Span::styled("s", cx.theme.focused_border()),
            Span::raw(" skip for now   "),
            Span::styled("d", cx.theme.focused_border()),
            Span::raw(" dormant   "),
            Span::styled("Esc", cx.theme.focused_border()),
            Span::raw(" stop"),
        ]));
        let rest = t.undecided_count();
        lines.push(Line::from(vec![
            Span::styled("K", cx.theme.focused_border()),
            Span::raw(format!(" keep all {rest}   ")),
            Span::styled("D", cx.theme.focused_border()),
            Span::raw(format!(" set all {rest} aside")),
            Span::styled("  (asks first)", dim),
        ]));
        lines.push(Line::styled(
            format!(
                "so far: kept {} · skipped {} · dormant {}",
                t.kept, t.skipped, t.dormant
            ),
            dim,
        ));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(frame_block(cx.theme, &title)),
            rect,
        );
    }
}
