//! The trend screen: the metrics on the left, the selected one as a bar chart on the
//! right, one bar per stored year, with the year and the value written beside each bar
//! so that the chart reads without colour.
//!
//! The bars are drawn with `#`: the block characters ratatui uses by default (█ ▌) are
//! of ambiguous width and take two columns in terminals set up for CJK, which would
//! push the rest of the line out of place.

use super::text::{fit, pad, pad_left, width};
use super::theme::Theme;
use crate::app::trend::TrendState;
use crate::domain::compare::{Change, Metric, Trend};
use crate::domain::number::fixed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Bars of a character one column wide in every terminal.
const BARS: bar::Set = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: "#",
    one_quarter: "#",
    one_eighth: " ",
    empty: " ",
};

/// Lines under the chart: the highest and lowest year, the last change, the whole span.
const SUMMARY: u16 = 3;

pub fn title(frame: &mut Frame, area: Rect, t: &TrendState, theme: Theme) {
    let years = &t.comparison.years;
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!("（{}年至{}年，共 {} 个年度）", a.year, b.year, years.len()),
        (Some(a), _) => format!("（仅 {}年）", a.year),
        _ => String::new(),
    };
    let who = match &t.project {
        Some(p) => format!("{} 项目“{p}”", t.organisation),
        None => t.organisation.clone(),
    };
    let text = format!("趋势：{who}{span}");
    frame.render_widget(Paragraph::new(Line::styled(fit(&text, area.width as usize), theme.title())), area);
}

pub fn render(frame: &mut Frame, area: Rect, t: &TrendState, theme: Theme) {
    let list_width = if area.width >= 100 { 34 } else { 26 };
    let [list, chart] = Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
    metric_list(frame, list, t, theme);
    let block = Block::default()
        .borders(Borders::LEFT)
        .title(format!(" {}（{}） ", t.trend.label(), t.trend.unit()))
        .title_style(theme.heading())
        .border_style(theme.border());
    let inner = block.inner(chart);
    frame.render_widget(block, chart);
    if inner.height < SUMMARY + 2 || inner.width < 20 {
        return;
    }
    let bars = Rect { y: inner.y + 1, height: inner.height - 1 - SUMMARY, ..inner };
    bar_chart(frame, bars, t, theme);
    let summary = Rect { y: bars.y + bars.height, height: SUMMARY, ..inner };
    let lines: Vec<Line> =
        summary_lines(&t.trend, places(t)).into_iter().map(|l| Line::raw(fit(&l, inner.width as usize))).collect();
    frame.render_widget(Paragraph::new(lines), summary);
}

/// A metric's name in the list (the chart's title says what it measures).
fn short_label(m: &Metric) -> String {
    match m {
        Metric::Indicator(name) => name.clone(),
        other => other.label(),
    }
}

fn heading_before(metrics: &[Metric], i: usize) -> Option<&'static str> {
    let kind = |m: &Metric| match m {
        Metric::Total | Metric::RuleTotal => 0,
        Metric::Indicator(_) => 1,
        Metric::Figure(_) => 2,
    };
    let k = kind(&metrics[i]);
    (i == 0 || kind(&metrics[i - 1]) != k).then_some(["【总分】", "【指标得分】", "【预算情况】"][k])
}

fn metric_list(frame: &mut Frame, area: Rect, t: &TrendState, theme: Theme) {
    let w = area.width as usize;
    // Headings and metrics as lines; `at[i]` is metric i's line.
    let mut lines: Vec<Line> = Vec::with_capacity(t.metrics.len() + 3);
    let mut at = Vec::with_capacity(t.metrics.len());
    for (i, m) in t.metrics.iter().enumerate() {
        if let Some(h) = heading_before(&t.metrics, i) {
            lines.push(Line::styled(h, theme.heading()));
        }
        at.push(lines.len());
        let sel = i == t.selected;
        let text = format!("{}{}", if sel { ">" } else { " " }, short_label(m));
        lines.push(Line::styled(pad(&text, w.saturating_sub(1)), if sel { theme.selected() } else { theme.plain() }));
    }
    let cursor = at.get(t.selected).copied().unwrap_or(0);
    let mut top = super::form::scroll(&t.top, cursor, area.height as usize);
    // Show a group's heading with its first metric.
    if top == cursor && top > 0 && at.binary_search(&(top - 1)).is_err() {
        top -= 1;
    }
    top = top.min(lines.len().saturating_sub(area.height as usize));
    t.top.set(top);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(area.height as usize).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// Places to show values with: the templates' for scores, two for money and rates.
fn places(t: &TrendState) -> u32 {
    match t.trend.metric {
        Metric::Figure(_) => 2,
        _ => t.comparison.years.iter().map(|y| y.places).max().unwrap_or(2),
    }
}

fn show(t: &Trend, d: Decimal, places: u32) -> String {
    match &t.metric {
        Metric::Figure(f) => f.show(d),
        _ => fixed(d, places),
    }
}

/// The longest bar: full marks for scores (so 60 looks like 60 out of 100), the largest
/// value for money.
fn ceiling(t: &TrendState) -> Option<Decimal> {
    match &t.trend.metric {
        Metric::Total | Metric::RuleTotal => Some(Decimal::ONE_HUNDRED),
        Metric::Indicator(name) => {
            let row = t.comparison.rows.iter().find(|r| r.is_named(name))?;
            row.cells.iter().flatten().map(|c| c.weight).max().filter(|w| !w.is_zero())
        }
        Metric::Figure(_) => None,
    }
}

/// Decimal to the chart's whole units (hundredths), only for drawing; negatives draw as none.
fn ticks(d: Decimal) -> u64 {
    (d.to_f64().unwrap_or(0.0) * 100.0).round().max(0.0) as u64
}

/// Why year `i` has no value: the row is there but not filled in (未填), or not there.
fn missing(t: &TrendState, i: usize) -> &'static str {
    match &t.trend.metric {
        Metric::Indicator(name) => match t.comparison.rows.iter().find(|r| r.is_named(name)) {
            Some(row) if row.cells.get(i).is_some_and(Option::is_some) => "未填",
            _ => "无此项",
        },
        Metric::Figure(_) => "未填",
        Metric::Total | Metric::RuleTotal => "无",
    }
}

fn bar_chart(frame: &mut Frame, area: Rect, t: &TrendState, theme: Theme) {
    let places = places(t);
    let texts: Vec<String> = t
        .trend
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| p.value.map_or(missing(t, i).to_string(), |v| show(&t.trend, v, places)))
        .collect();
    let value_width = texts.iter().map(|s| width(s)).max().unwrap_or(0);
    let bars: Vec<Bar> = t
        .trend
        .points
        .iter()
        .zip(&texts)
        .map(|(p, text)| {
            Bar::default()
                .label(Line::raw(format!("{}年 {}", p.year, pad_left(text, value_width))))
                .value(p.value.map_or(0, ticks))
                .text_value(String::new())
        })
        .collect();
    let n = bars.len() as u16;
    let gap = u16::from(n * 2 <= area.height + 1);
    let bar_style = if theme.color { Style::default().fg(ratatui::style::Color::Cyan) } else { Style::default() };
    let mut chart = BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(gap)
        .bar_set(BARS)
        .bar_style(bar_style)
        .label_style(theme.plain());
    if let Some(max) = ceiling(t) {
        chart = chart.max(ticks(max));
    }
    frame.render_widget(chart, area);
}

/// The highest and lowest year, the change from the year before the last, and the
/// change over the whole span.
fn summary_lines(t: &Trend, places: u32) -> Vec<String> {
    let values: Vec<(i32, Decimal)> = t.values().collect();
    let mut out = Vec::new();
    if values.len() < 2 {
        out.push(match values.first() {
            Some((y, _)) => format!("只有 {y}年有数值"),
            None => "各年度均无数值".to_string(),
        });
        return out;
    }
    let max = values.iter().max_by_key(|(_, v)| *v).expect("two values");
    let min = values.iter().min_by_key(|(_, v)| *v).expect("two values");
    out.push(format!("最高 {}年 {}；最低 {}年 {}", max.0, show(t, max.1, places), min.0, show(t, min.1, places)));
    let [.., (y0, a), (y1, b)] = values.as_slice() else { unreachable!("two values") };
    out.push(format!("{y1}年较{y0}年 {}", Change::between(*a, *b, Some(places)).with_percent()));
    let ((first, a), (last, b)) = (values[0], values[values.len() - 1]);
    if values.len() > 2 {
        out.push(format!("{first}年至{last}年 {}", Change::between(a, b, Some(places)).with_percent()));
    }
    out
}
