//! The compare screen: the years strip, the comparison in four sections (totals, 一级指标
//! subtotals, indicators, budget figures) under a header that stays in view while the
//! list scrolls, and the selected line's detail at the bottom.
//!
//! Each year is a block of three columns (目标, 完成, 得分) and each pair of neighbouring
//! years a change column; the arrows and signs of `Change` say the direction, so the
//! screen reads the same without colour.

use super::popup::{centered, clear};
use super::text::{fit, pad, pad_left, width, wrap};
use super::theme::Theme;
use crate::app::compare::{CompareState, Item};
use crate::domain::compare::{Change, Comparison, Direction, IndicatorRow, RowStatus};
use crate::domain::number::{fixed, plain};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use rust_decimal::Decimal;

use crate::app::compare::columns::{
    ACTUAL, BLOCK, CHANGE, MARK, NAME_MIN, NARROW_BLOCK, SCORE, STATUS, TARGET, row_width,
};

/// Lines under the list for the selected line's detail.
const DETAIL: u16 = 3;

/// The indicator columns for a width and a number of years.
struct Columns {
    name: usize,
    targets: bool,
}

impl Columns {
    fn new(width: usize, years: usize) -> Columns {
        let targets = row_width(years, BLOCK) + NAME_MIN <= width;
        let fixed = row_width(years, if targets { BLOCK } else { NARROW_BLOCK });
        Columns { name: width.saturating_sub(fixed).max(4), targets }
    }

    fn block(&self) -> usize {
        if self.targets { BLOCK } else { NARROW_BLOCK }
    }

    /// The label area before the first block (mark excluded).
    fn label(&self) -> usize {
        STATUS + self.name
    }
}

/// A line of the list: a section's header, or a selectable item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Header(usize),
    Item(usize),
}

fn section(item: Item) -> usize {
    match item {
        Item::Total | Item::RuleTotal => 0,
        Item::Subtotal(_) => 1,
        Item::Indicator(_) => 2,
        Item::Figure(_) => 3,
    }
}

fn rows(items: &[Item]) -> Vec<Row> {
    let mut out = Vec::with_capacity(items.len() + 4);
    let mut current = None;
    for (i, item) in items.iter().enumerate() {
        let s = section(*item);
        if current != Some(s) {
            out.push(Row::Header(s));
            current = Some(s);
        }
        out.push(Row::Item(i));
    }
    out
}

pub fn title(frame: &mut Frame, area: Rect, c: &CompareState, theme: Theme) {
    let text = match &c.project {
        Some(p) => format!("年度比较：{} 项目“{p}”", c.organisation),
        None => format!("年度比较：{}", c.organisation),
    };
    frame.render_widget(Paragraph::new(Line::styled(fit(&text, area.width as usize), theme.title())), area);
}

pub fn render(frame: &mut Frame, area: Rect, c: &CompareState, theme: Theme) {
    if area.height < DETAIL + 3 {
        return;
    }
    let w = area.width as usize;
    let cols = Columns::new(w, c.comparison.years.len());
    frame.render_widget(Paragraph::new(years_strip(c, w, theme)), Rect { height: 1, ..area });

    let list = Rect { y: area.y + 1, height: area.height - 1 - DETAIL, ..area };
    let rows = rows(&c.items);
    let height = list.height as usize;
    let cursor = rows.iter().position(|r| *r == Row::Item(c.selected)).unwrap_or(0);
    let mut top = super::form::scroll(&c.top, cursor, height.saturating_sub(1));
    if top == cursor && cursor > 0 && matches!(rows[cursor - 1], Row::Header(_)) {
        top -= 1;
    }
    // No empty lines at the bottom while lines above are hidden (after the terminal grew).
    top = top.min(rows.len().saturating_sub(height.saturating_sub(1)));
    c.top.set(top);
    let mut lines = Vec::with_capacity(height);
    let mut shown = rows.iter().skip(top);
    if let Some(Row::Item(i)) = rows.get(top) {
        lines.push(header(section(c.items[*i]), c, &cols, w, theme));
    }
    while lines.len() < height {
        let Some(row) = shown.next() else { break };
        lines.push(match row {
            Row::Header(s) => header(*s, c, &cols, w, theme),
            Row::Item(i) => item_line(c, c.items[*i], *i == c.selected, &cols, w, theme),
        });
    }
    frame.render_widget(Paragraph::new(lines), list);

    let detail_area = Rect { y: list.y + list.height, height: DETAIL, ..area };
    let detail: Vec<Line> = super::compare_detail::lines(c, w)
        .into_iter()
        .take(DETAIL as usize)
        .enumerate()
        .map(|(i, l)| if i == 0 { Line::styled(l, theme.heading()) } else { Line::raw(l) })
        .collect();
    frame.render_widget(Paragraph::new(detail), detail_area);
    if c.pick.is_some() {
        pick(frame, area, c, theme);
    }
}

/// `年度：2015 2016 [2023 2024] 2025`: the stored years, the compared ones in brackets.
/// When they do not all fit, the years furthest from the window give way to `..`.
fn years_strip(c: &CompareState, w: usize, theme: Theme) -> Line<'static> {
    const LABEL: &str = " 年度：";
    let (first, last) = (c.first(), c.first() + c.shown() - 1);
    let (mut from, mut to) = (first, last);
    // Each year takes five columns, the brackets two, a `..` on either side three.
    let room = w.saturating_sub(width(LABEL) + 2 + 6) / 5;
    while to - from + 1 < room.min(c.years.len()) {
        let (before, after) = (first - from, to - last);
        if (before <= after && from > 0) || to + 1 == c.years.len() {
            from -= 1;
        } else {
            to += 1;
        }
    }
    let mut spans = vec![Span::styled(LABEL, theme.heading())];
    if from > 0 {
        spans.push(Span::styled("..", theme.dim()));
    }
    for i in from..=to {
        let inside = (first..=last).contains(&i);
        let gap = if i == from && from == 0 { "" } else { " " };
        spans.push(Span::raw(if i == first { format!("{gap}[") } else { gap.to_string() }));
        spans.push(Span::styled(c.years[i].year.to_string(), if inside { theme.title() } else { theme.dim() }));
        if i == last {
            spans.push(Span::raw("]"));
        }
    }
    if to + 1 < c.years.len() {
        spans.push(Span::styled(" ..", theme.dim()));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let note = format!("  共 {} 个年度，比较 {} 个", c.years.len(), c.shown());
    if used + width(&note) <= w {
        spans.push(Span::styled(note, theme.dim()));
    }
    Line::from(spans)
}

/// A score with the places of the compared years' templates.
pub(super) fn score_text(c: &Comparison, d: Decimal) -> String {
    fixed(d, c.years.iter().map(|y| y.places).max().unwrap_or(2))
}

fn change_style(change: &Change, theme: Theme) -> Style {
    match change.direction() {
        Direction::Up => theme.good(),
        Direction::Down => theme.error(),
        Direction::Same => theme.plain(),
    }
}

/// The change columns of a row: one per pair of neighbouring years.
fn change_spans(changes: impl Iterator<Item = Option<Change>>, theme: Theme, score: bool) -> Vec<Span<'static>> {
    changes
        .map(|ch| match ch {
            Some(ch) => {
                let style = if score { change_style(&ch, theme) } else { theme.plain() };
                Span::styled(pad(&format!(" {}", ch.delta_text()), CHANGE), style)
            }
            None => Span::raw(" ".repeat(CHANGE)),
        })
        .collect()
}

fn header(s: usize, c: &CompareState, cols: &Columns, w: usize, theme: Theme) -> Line<'static> {
    let years = c.comparison.year_numbers();
    let title = ["【总分】", "【一级指标】", "【绩效指标】", "【预算情况】"][s];
    let mut text = format!("{}{}", " ".repeat(MARK), pad(title, cols.label()));
    if s == 3 {
        return Line::styled(pad(&super::compare_detail::figures_header(c, cols.label(), w), w), theme.heading());
    }
    for y in &years {
        text.push(' ');
        text.push_str(&match s {
            0 => pad_left(&format!("{y}年"), cols.block() - 1),
            1 => pad_left(&format!("{y}年 得分/分值"), cols.block() - 1),
            _ if cols.targets => {
                format!("{} {} {}", pad(&format!("{y}目标"), TARGET), pad("完成", ACTUAL), pad_left("得分", SCORE))
            }
            _ => format!("{} {}", pad(&format!("{y}完成"), ACTUAL), pad_left("得分", SCORE)),
        });
    }
    for _ in 1..years.len() {
        text.push_str(&pad(if s == 2 { " 得分变化" } else { " 较上年" }, CHANGE));
    }
    Line::styled(pad(&text, w), theme.heading())
}

/// The status column of an indicator row: what happened to it across the years shown.
pub fn status_of(row: &IndicatorRow) -> RowStatus {
    if let Some(step) = row.steps.iter().find(|s| matches!(s.status, RowStatus::Renamed { .. })) {
        return step.status.clone();
    }
    match row.overall() {
        RowStatus::Kept if row.cells.iter().any(Option::is_none) => RowStatus::Absent,
        other => other,
    }
}

fn status_span(status: &RowStatus, theme: Theme) -> Span<'static> {
    let (text, style) = match status {
        RowStatus::Kept => ("", theme.plain()),
        RowStatus::Added => ("新增", theme.good()),
        RowStatus::Removed => ("删除", theme.error()),
        RowStatus::Renamed { .. } => ("改名", theme.note()),
        RowStatus::Absent => ("缺年", theme.warning()),
    };
    Span::styled(pad(text, STATUS), style)
}

fn item_line(c: &CompareState, item: Item, selected: bool, cols: &Columns, w: usize, theme: Theme) -> Line<'static> {
    let cmp = &c.comparison;
    let mark = Span::raw(if selected { ">" } else { " " });
    let mut spans = vec![mark];
    let block_text = |text: String| format!(" {}", pad_left(&text, cols.block() - 1));
    match item {
        Item::Total | Item::RuleTotal => {
            let (label, series, rule) = if item == Item::Total {
                ("总分", &cmp.total, false)
            } else {
                ("按规则总分", &cmp.rule_total, true)
            };
            spans.push(Span::raw(pad(label, cols.label())));
            for (y, v) in cmp.years.iter().zip(&series.values) {
                let grade = if rule { y.rule_grade } else { y.grade };
                let text = v.map_or(String::new(), |v| format!("{} {}", grade.label(), score_text(cmp, v)));
                spans.push(Span::raw(block_text(text)));
            }
            spans.extend(change_spans(series.changes.iter().copied(), theme, true));
        }
        Item::Subtotal(i) => {
            let sub = &cmp.subtotals[i];
            spans.push(Span::raw(pad(&sub.level1, cols.label())));
            for (v, weight) in sub.score.values.iter().zip(&sub.weights) {
                let text =
                    v.zip(*weight).map_or(String::new(), |(v, wt)| format!("{}/{}", score_text(cmp, v), plain(wt)));
                spans.push(Span::raw(block_text(text)));
            }
            spans.extend(change_spans(sub.score.changes.iter().copied(), theme, true));
        }
        Item::Indicator(i) => {
            let row = &cmp.rows[i];
            spans.push(status_span(&status_of(row), theme));
            spans.push(Span::raw(pad(row.name(), cols.name)));
            for (cell, year) in row.cells.iter().zip(&cmp.years) {
                // An unfilled actual is 未填, as an unfilled figure is, not a score of 0.
                let (actual, score) = match cell {
                    Some(c) if !c.filled => ("未填".to_string(), String::new()),
                    Some(c) => (short_actual(&c.actual, &c.target, year.year), score_text(cmp, c.score)),
                    None => (String::new(), String::new()),
                };
                let text = match cell {
                    Some(cell) if cols.targets => format!(
                        " {} {} {}",
                        pad(&short_date(&cell.target, year.year), TARGET),
                        pad(&actual, ACTUAL),
                        pad_left(&score, SCORE)
                    ),
                    Some(cell) => {
                        let actual = if cell.filled { short_date(&cell.actual, year.year) } else { actual };
                        format!(" {} {}", pad(&actual, ACTUAL), pad_left(&score, SCORE))
                    }
                    None => format!(" {}", pad_left("无此项", cols.block() - 1)),
                };
                let style = if cell.as_ref().is_none_or(|c| !c.filled) { theme.dim() } else { theme.plain() };
                spans.push(Span::styled(text, style));
            }
            spans.extend(change_spans(row.steps.iter().map(|s| s.score), theme, true));
        }
        Item::Figure(i) => return super::compare_detail::figure_line(c, i, selected, cols.label(), w, theme),
    }
    finish(spans, selected, w, theme)
}

/// A date in the column's own year without the year (`2024-12-31` under 2024 → `12-31`),
/// so that deadlines fit their column; anything else as typed.
fn short_date(text: &str, year: i32) -> String {
    let y = year.to_string();
    match text.strip_prefix(y.as_str()) {
        Some(rest) if rest.starts_with('-') => rest[1..].to_string(),
        Some(rest) if rest.starts_with('年') => rest['年'.len_utf8()..].to_string(),
        _ => text.to_string(),
    }
}

/// An actual without the unit its target already shows beside it (`13.86亿元` under a
/// target of `12.4亿元` → `13.86`), so that the number fits its column whole. A per cent
/// sign stays: it is one column, and `98` alone would read as a count.
fn short_actual(actual: &str, target: &str, year: i32) -> String {
    let unit_of = |t: &str| t.rfind(|c: char| c.is_ascii_digit()).map(|i| t[i + 1..].to_string());
    match (unit_of(actual), unit_of(target)) {
        (Some(a), Some(t))
            if !a.is_empty() && a == t && a != "%" && actual.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            actual[..actual.len() - a.len()].to_string()
        }
        _ => short_date(actual, year),
    }
}

/// Pads a line to the width and marks it when selected (reverse video, so it shows
/// without colour too).
pub(super) fn finish(spans: Vec<Span<'static>>, selected: bool, w: usize, theme: Theme) -> Line<'static> {
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut spans = spans;
    spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
    let line = Line::from(spans);
    if selected { line.patch_style(theme.selected()) } else { line }
}

/// The list of rows to pair the selected one with.
fn pick(frame: &mut Frame, area: Rect, c: &CompareState, theme: Theme) {
    let Some(p) = &c.pick else { return };
    let h = (p.candidates.len() as u16 + 4).min(area.height.saturating_sub(2)).max(5);
    let rect = centered(area, 60, h);
    clear(frame, rect);
    let (new_year, old_year) = (p.year, p.before);
    let question = if p.anchor_is_new {
        format!("{new_year}年新增的“{}”是 {old_year}年的哪一项改名而来？", p.anchor)
    } else {
        format!("{old_year}年的“{}”在 {new_year}年改名为哪一项？", p.anchor)
    };
    let block = Block::default().borders(Borders::ALL).title(" 配对改名的指标 ").border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let iw = inner.width as usize;
    let mut lines: Vec<Line> = wrap(&question, iw).into_iter().take(2).map(Line::raw).collect();
    let room = (inner.height as usize).saturating_sub(lines.len());
    let top = p.selected.saturating_sub(room.saturating_sub(1));
    for (i, name) in p.candidates.iter().enumerate().skip(top).take(room) {
        let sel = i == p.selected;
        let text = format!("{}{}", if sel { "> " } else { "  " }, name);
        lines.push(Line::styled(pad(&text, iw), if sel { theme.selected() } else { theme.plain() }));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
