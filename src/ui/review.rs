//! The bureau's screen: the county's summary (counts, grades filed and by rule, who claims
//! most above the rules, the grades by year, the totals' histogram) above one row per
//! evaluation, sorted and filtered as chosen.

use super::text::{fit, pad, pad_left};
use super::theme::Theme;
use crate::app::review::ReviewState;
use crate::domain::number::percent;
use crate::domain::review::GRADES;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines of the summary above the list.
const SUMMARY: u16 = 6;
/// Widest histogram bar.
const BAR: usize = 10;

pub fn title(frame: &mut Frame, area: Rect, r: &ReviewState, theme: Theme) {
    let text = format!("复核 · {}年度全部自评（←→ 换年度）", r.county.year);
    frame.render_widget(Paragraph::new(Line::styled(fit(&text, area.width as usize), theme.title())), area);
}

fn counts(counts: &[usize; 4]) -> String {
    GRADES.iter().zip(counts).map(|(g, n)| format!("{}{n}", g.label())).collect::<Vec<_>>().join(" ")
}

fn summary(r: &ReviewState, theme: Theme) -> Vec<Line<'static>> {
    let c = &r.county;
    let s = &c.summary;
    let mut lines = vec![
        Line::raw(format!(
            "{} 份（部门 {}，项目 {}） 错误{} 警告{}",
            s.evaluations, s.departments, s.projects, s.errors, s.warnings
        )),
        Line::raw(format!("等级 填报：{}", counts(&s.filed_grades))),
        Line::raw(format!("     规则：{}", counts(&s.rule_grades))),
    ];
    lines.push(match s.excess.first() {
        Some(e) => Line::from(vec![
            Span::styled("高于规则最多：", theme.dim()),
            Span::raw(format!("{} +{}", e.organisation, e.total.round_dp(2))),
        ]),
        None => Line::styled("无填报高于规则的自评", theme.dim()),
    });
    lines.push(Line::raw(format!("执行率低于{}的项目：{} 个", percent(s.threshold), s.low_rate.len())));
    let years: Vec<String> = c
        .by_year
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(|(y, f, _)| format!("{y} {}", f.iter().map(usize::to_string).collect::<Vec<_>>().join("/")))
        .collect();
    lines.push(Line::raw(format!("历年优/良/中/差：{}", years.join("  "))));
    lines
}

/// The distribution of filed totals as bars, one bucket a line (rule totals in brackets).
fn histogram(r: &ReviewState, theme: Theme) -> Vec<Line<'static>> {
    let buckets = &r.county.summary.buckets;
    let max = buckets.iter().map(|b| b.filed).max().unwrap_or(0).max(1);
    buckets
        .iter()
        .rev()
        .map(|b| {
            let n = (b.filed * BAR).div_ceil(max);
            Line::from(vec![
                Span::styled(pad_left(&b.label, 6), theme.dim()),
                Span::raw(" "),
                Span::styled("█".repeat(n), theme.key()),
                Span::raw(format!("{} {}", " ".repeat(BAR - n), b.filed)),
                Span::styled(format!("（规则{}）", b.rule), theme.dim()),
            ])
        })
        .collect()
}

/// Column widths after the two names: 填报, 规则, 差额, 等级, 检查, 不符, 缺因, 执行率.
const FIGURES: [(&str, usize); 8] =
    [("填报", 6), ("规则", 6), ("差额", 6), ("等级", 5), ("检查", 7), ("不符", 4), ("缺因", 4), ("执行率", 7)];

fn row(cells: [String; 10], name: usize, project: usize) -> String {
    let mut out = pad(&fit(&cells[0], name), name);
    out.push(' ');
    out.push_str(&pad(&fit(&cells[1], project), project));
    for ((_, w), cell) in FIGURES.iter().zip(&cells[2..]) {
        out.push(' ');
        out.push_str(&pad_left(cell, *w));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, r: &ReviewState, theme: Theme) {
    let [top, view, head, list] = Layout::vertical([
        Constraint::Length(SUMMARY),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(34)]).areas(top);
    frame.render_widget(Paragraph::new(summary(r, theme)), left);
    frame.render_widget(Paragraph::new(histogram(r, theme)), right);

    let what = r.filter.kind.map_or("全部", |k| k.label());
    let mut spans = vec![
        Span::styled("排序：", theme.dim()),
        Span::raw(r.order.label()),
        Span::styled("  只看：", theme.dim()),
        Span::raw(what),
        Span::styled("  单位：", theme.dim()),
    ];
    match &r.filter_input {
        Some(input) => spans.push(Span::styled(format!("{}▏", input.as_str()), theme.key())),
        None if r.filter.text.is_empty() => spans.push(Span::styled("全部", theme.dim())),
        None => spans.push(Span::styled(format!("“{}”", r.filter.text), theme.key())),
    }
    spans.push(Span::styled(format!("  {}／{} 份", r.shown.len(), r.county.lines.len()), theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), view);

    let fixed_cols: usize = FIGURES.iter().map(|(_, w)| w + 1).sum();
    let names = (area.width as usize).saturating_sub(fixed_cols + 1).max(8);
    let (name, project) = (names * 11 / 20, names - names * 11 / 20);
    let heads = ["单位", "项目"].into_iter().chain(FIGURES.iter().map(|(h, _)| *h)).map(String::from);
    let heads: [String; 10] = heads.collect::<Vec<_>>().try_into().expect("ten columns");
    frame.render_widget(Paragraph::new(Line::styled(row(heads, name, project), theme.heading())), head);

    let height = list.height as usize;
    let first = r.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = r
        .shown
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(at, &i)| {
            let l = &r.county.lines[i];
            let cells = l.cells("");
            let text = row(cells, name, project);
            if at == r.selected {
                Line::styled(text, theme.selected())
            } else if l.difference() > rust_decimal::Decimal::ZERO {
                Line::styled(text, theme.warning())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("没有符合筛选的自评", theme.dim())), list);
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}
