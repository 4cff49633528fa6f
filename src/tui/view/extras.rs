//! The triage screen and the dashboard.

use super::cells::count;
use super::popups::{centered, frame_block};
use crate::text;
use crate::tui::app::App;
use crate::tui::triage::Triage;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph, Wrap};

/// One contact to triage, with what is known about them.
pub fn triage(app: &App, t: &Triage, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 80, 16);
    frame.render_widget(Clear, rect);
    let mut title = format!("Triage · {} of {}", t.pos + 1, t.queue.len());
    if !t.view.is_empty() {
        title.push_str(&format!(" · {}", t.view));
    }
    let Some(c) = t.current().and_then(|id| app.net.contact(id)) else {
        frame.render_widget(
            Paragraph::new("Done.").block(frame_block(app, &title)),
            rect,
        );
        return;
    };
    let dim = app.theme.dim();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<11}"), dim),
            Span::raw(text::sanitize_line(&value).into_owned()),
        ])
    };
    let mut lines = vec![
        Line::styled(
            text::sanitize_line(&c.name).into_owned(),
            app.theme.focused_border(),
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
        Span::styled("k", app.theme.focused_border()),
        Span::raw(" keep (add interests, cadence)   "),
        Span::styled("s", app.theme.focused_border()),
        Span::raw(" skip for now   "),
        Span::styled("d", app.theme.focused_border()),
        Span::raw(" dormant   "),
        Span::styled("Esc", app.theme.focused_border()),
        Span::raw(" stop"),
    ]));
    let rest = t.undecided_count();
    lines.push(Line::from(vec![
        Span::styled("K", app.theme.focused_border()),
        Span::raw(format!(" keep all {rest}   ")),
        Span::styled("D", app.theme.focused_border()),
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
            .block(frame_block(app, &title)),
        rect,
    );
}

/// Gives and asks per week, most given, longest neglected, top topics.
pub fn dashboard(app: &App, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 100, 24);
    frame.render_widget(Clear, rect);
    let stats = &app.stats;
    let giga = stats.giga.percent().map_or("—".into(), |p| format!("{p}%"));
    let title = format!(
        "Dashboard · giga {giga} ({} of {} 1st-degree in touch) · {} due · any key closes",
        stats.giga.touched, stats.giga.total, stats.due
    );
    let block = frame_block(app, &title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [chart, lists] = Layout::vertical([Constraint::Min(8), Constraint::Length(8)]).areas(inner);
    // Two 3-column bars and a 2-column gap per week; on a narrow screen
    // the oldest weeks give way, never the latest.
    let fit = (chart.width as usize + 2) / 8;
    let shown = stats.weeks.len().min(fit);
    let gives = app.theme.matched();
    let asks = app.theme.due(crate::domain::DueState::Soon);
    let groups: Vec<BarGroup> = stats
        .weeks
        .iter()
        .skip(stats.weeks.len() - shown)
        .map(|w| {
            BarGroup::default()
                .label(Line::from(w.start.format("%m-%d").to_string()))
                .bars(&[
                    Bar::default().value(u64::from(w.gives)).style(gives),
                    Bar::default().value(u64::from(w.asks)).style(asks),
                ])
        })
        .collect();
    // The legend says which bar is which without colours too: each week
    // is a pair, gives on the left.
    let mut bars = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::BOTTOM)
                .title(Line::from(vec![
                    Span::styled("█ gives", gives),
                    Span::raw(" (left) and "),
                    Span::styled("█ asks", asks),
                    Span::raw(format!(
                        " (right) per week, {}",
                        match shown {
                            1 => "this week".to_string(),
                            n => format!("last {n} weeks"),
                        }
                    )),
                ])),
        )
        .bar_width(3)
        .bar_gap(0)
        .group_gap(2);
    for g in groups {
        bars = bars.data(g);
    }
    frame.render_widget(bars, chart);
    let [a, b, c] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(lists);
    let name = |i: usize| {
        app.net
            .contacts
            .get(i)
            .map_or(String::new(), |c| c.name.clone())
    };
    let list = |title: &str, rows: Vec<(String, String)>| {
        let mut lines = vec![Line::styled(
            title.to_string(),
            Style::default().add_modifier(ratatui::style::Modifier::BOLD),
        )];
        if rows.is_empty() {
            lines.push(Line::styled("nothing yet", app.theme.dim()));
        }
        for (label, value) in rows {
            lines.push(Line::from(vec![
                Span::raw(text::truncate(&text::sanitize_line(&label), 22).into_owned()),
                Span::styled(format!("  {value}"), app.theme.dim()),
            ]));
        }
        Paragraph::new(lines)
    };
    let given: Vec<(String, String)> = stats
        .most_given
        .iter()
        .map(|f| (name(f.contact), count(f.value as usize, "gift", "gifts")))
        .collect();
    let neglected: Vec<(String, String)> = stats
        .most_neglected
        .iter()
        .map(|f| (name(f.contact), format!("{}d", f.value)))
        .collect();
    let topics: Vec<(String, String)> = stats
        .top_topics
        .iter()
        .map(|t| (t.label.clone(), count(t.shares as usize, "share", "shares")))
        .collect();
    frame.render_widget(list("Most given", given), a);
    frame.render_widget(list("Longest without a touch", neglected), b);
    frame.render_widget(list("Topics you share most", topics), c);
}
