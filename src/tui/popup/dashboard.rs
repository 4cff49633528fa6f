//! The dashboard (`D`): gives and asks per week, most given, longest
//! neglected, top topics. Any key closes it.

use crate::text;
use crate::tui::view::cells::count;
use crate::tui::view::dialog::{Context, centered, frame_block};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph};

/// Gives and asks per week, most given, longest neglected, top topics.
pub fn draw(cx: &Context, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 100, 24);
    frame.render_widget(Clear, rect);
    let stats = &cx.stats;
    let giga = stats.giga.percent().map_or("—".into(), |p| format!("{p}%"));
    let title = format!(
        "Dashboard · giga {giga} ({} of {} 1st-degree in touch) · {} due · any key closes",
        stats.giga.touched, stats.giga.total, stats.due
    );
    let block = frame_block(cx.theme, &title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [chart, lists] = Layout::vertical([Constraint::Min(8), Constraint::Length(8)]).areas(inner);
    // Two 3-column bars and a 2-column gap per week; on a narrow screen
    // the oldest weeks give way, never the latest.
    let fit = (chart.width as usize + 2) / 8;
    let shown = stats.weeks.len().min(fit);
    let gives = cx.theme.matched();
    let asks = cx.theme.due(crate::domain::DueState::Soon);
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
        cx.net
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
            lines.push(Line::styled("nothing yet", cx.theme.dim()));
        }
        for (label, value) in rows {
            lines.push(Line::from(vec![
                Span::raw(text::truncate(&text::sanitize_line(&label), 22).into_owned()),
                Span::styled(format!("  {value}"), cx.theme.dim()),
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
