//! The indicator grid: one row per indicator, the selected row's detail underneath
//! (criterion, rule, explanation, 偏差原因, findings), and the edit bar while editing.

use super::form::{mark, scroll};
use super::text::{fit, pad, pad_left};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, LineTarget};
use crate::app::grid::GridCol;
use crate::domain::check::{Place, Severity};
use crate::domain::number::plain;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines under the grid for the selected row's detail (one more when the row has
/// columns the grid has no room for).
pub const DETAIL: u16 = 6;
const LABEL: usize = 9;

/// Column widths for a content width; the level columns go when the room is short, and
/// an optional column stays in the grid only while the name keeps some room.
struct Widths {
    levels: bool,
    name: usize,
    /// The optional columns shown in the grid (the others go to the detail).
    optional: Vec<(GridCol, usize)>,
}

const GUTTER: usize = 2;
const TARGET: usize = 10;
const ACTUAL: usize = 10;
const WEIGHT: usize = 4;
const SCORE: usize = 6;
const LEVEL1: usize = 8;
const LEVEL2: usize = 10;
/// The narrowest the name may get for an optional column to be given room.
const NAME_MIN: usize = 12;

/// Widths of the optional columns a grid row can show.
fn optional_width(c: GridCol) -> Option<usize> {
    match c {
        GridCol::Nature | GridCol::Core => Some(4),
        GridCol::Unit | GridCol::Coefficient => Some(6),
        GridCol::AdjustedTarget => Some(10),
        _ => None,
    }
}

fn widths(total: usize, present: &[GridCol]) -> Widths {
    let mut fixed = GUTTER + TARGET + ACTUAL + WEIGHT + SCORE + 5;
    let mut optional = Vec::new();
    for c in present.iter().copied() {
        if let Some(w) = optional_width(c)
            && total >= fixed + w + 1 + NAME_MIN
        {
            fixed += w + 1;
            optional.push((c, w));
        }
    }
    let levels = total >= fixed + LEVEL1 + LEVEL2 + 2 + 14;
    let name = total.saturating_sub(fixed + if levels { LEVEL1 + LEVEL2 + 2 } else { 0 });
    Widths { levels, name, optional }
}

/// The detail's height for an evaluation.
pub fn detail_height(e: &EvalState) -> u16 {
    DETAIL + u16::from(!hidden(e).is_empty())
}

/// The optional columns present but without room in the grid: shown in the detail.
fn hidden(e: &EvalState) -> Vec<GridCol> {
    let present = GridCol::of(&e.ev);
    let shown: Vec<GridCol> = widths(e.grid_width.get(), &present).optional.iter().map(|(c, _)| *c).collect();
    present.into_iter().filter(|c| optional_width(*c).is_some() && !shown.contains(c)).collect()
}

/// Draws the grid. The selected cell is marked by the terminal's cursor (`cursor`: when
/// the grid has the focus), its column by its heading and its row by `>`: moving the
/// selection then costs a cursor move, not the cell's text sent again in reverse video.
pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme, cursor: bool) {
    e.grid_width.set(area.width as usize);
    let present = GridCol::of(&e.ev);
    let w = widths(area.width as usize, &present);
    let detail_h = detail_height(e);
    let rows_h = area.height.saturating_sub(detail_h + 1) as usize;
    let cur = e.grid.row;
    let col = e.grid.col();
    let top = scroll(&e.grid.top, cur, rows_h);
    let mut lines = Vec::with_capacity(rows_h + 1);
    let mut header = vec![Span::raw(" ".repeat(GUTTER))];
    let mut cols: Vec<(GridCol, usize, bool)> = Vec::new();
    if w.levels {
        cols.extend([(GridCol::Level1, LEVEL1, false), (GridCol::Level2, LEVEL2, false)]);
    }
    let opt = |c: GridCol| w.optional.iter().find(|(o, _)| *o == c).map(|(c, w)| (*c, *w, false));
    cols.push((GridCol::Name, w.name, false));
    cols.extend(opt(GridCol::Nature));
    cols.push((GridCol::Target, TARGET, false));
    cols.extend(opt(GridCol::AdjustedTarget));
    cols.extend(opt(GridCol::Unit));
    cols.push((GridCol::Actual, ACTUAL, false));
    cols.extend(opt(GridCol::Coefficient).map(|(c, w, _)| (c, w, true)));
    cols.extend([(GridCol::Weight, WEIGHT, true), (GridCol::Score, SCORE, true)]);
    cols.extend(opt(GridCol::Core));
    let mut cell_x = None;
    let mut x = area.x + GUTTER as u16;
    for (c, width, right) in &cols {
        if *c == col {
            cell_x = Some(x);
            let t = if *right { pad_left(c.title(), *width) } else { c.title().to_string() };
            let rest = width.saturating_sub(super::text::width(&t));
            header.push(Span::styled(t, theme.selected()));
            header.push(Span::raw(" ".repeat(rest + 1)));
        } else {
            let t = if *right { pad_left(c.title(), *width) } else { pad(c.title(), *width) };
            header.push(Span::styled(t + " ", theme.heading()));
        }
        x += *width as u16 + 1;
    }
    lines.push(Line::from(header));
    if e.ev.indicators.is_empty() {
        lines.push(Line::styled("  还没有绩效指标：按 Ins 插入一行，或从表格复制后粘贴。", theme.dim()));
    }
    for (i, ind) in e.ev.indicators.iter().enumerate().skip(top).take(rows_h) {
        let item = e.sheet.indicator(i);
        let worst =
            e.findings.iter().filter(|f| matches!(f.place, Place::Indicator(r, _) if r == i)).map(|f| f.severity).max();
        let flag = match (worst, ind.entered.is_some()) {
            (Some(Severity::Error), _) => "!",
            (Some(Severity::Warning), _) => "!",
            (_, true) => "*",
            _ => " ",
        };
        let sel = i == cur;
        let mut spans = vec![Span::raw(if sel { ">" } else { " " }), Span::styled(flag, theme.warning())];
        let prev = if i == top { None } else { e.ev.indicators.get(i - 1) };
        for (c, width, right) in &cols {
            let text = match c {
                GridCol::Level1 if prev.is_some_and(|p| p.level1 == ind.level1) => String::new(),
                GridCol::Level2 if prev.is_some_and(|p| p.level2 == ind.level2 && p.level1 == ind.level1) => {
                    String::new()
                }
                GridCol::Weight => plain(ind.weight),
                GridCol::Score => match item {
                    Some(it) if it.rule_score.is_none() && it.entered.is_none() => "?".into(),
                    Some(it) => e.sheet.show(it.score),
                    None => String::new(),
                },
                other => other.text(ind),
            };
            let style = if *c == GridCol::Score && ind.entered.is_some() { theme.entered() } else { Style::default() };
            let cell = if *right { pad_left(&text, *width) } else { pad(&text, *width) };
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: rows_h as u16 + 1, ..area });
    let detail_area =
        Rect { y: area.y + area.height.saturating_sub(detail_h), height: detail_h.min(area.height), ..area };
    detail(frame, detail_area, e, theme);
    if cursor && e.editor.is_none() && !e.ev.indicators.is_empty() {
        // A detail column's cursor sits on its (reversed) label under the grid.
        let at = match (cell_x, col) {
            (Some(x), _) => Some((x, area.y + 1 + cur.saturating_sub(top) as u16)),
            (None, GridCol::Criterion) => Some((detail_area.x, detail_area.y)),
            (None, GridCol::Method) => Some((detail_area.x, detail_area.y + 1)),
            (None, GridCol::Rule) => Some((detail_area.x, detail_area.y + 2)),
            (None, GridCol::Deviation) => Some((detail_area.x, detail_area.y + 4)),
            (None, c) if optional_width(c).is_some() => Some((detail_area.x, detail_area.y + 5)),
            (None, _) => None,
        };
        if let Some(p) = at {
            frame.set_cursor_position(p);
        }
    }
}

fn label(text: &str, selected: bool, theme: Theme) -> Span<'static> {
    Span::styled(pad(text, LABEL - 1), if selected { theme.selected() } else { theme.heading() })
}

/// The selected row's detail: what the grid has no room for.
fn detail(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let Some(ind) = e.ev.indicators.get(e.grid.row) else { return };
    let item = e.sheet.indicator(e.grid.row);
    let col = e.grid.col();
    let room = (area.width as usize).saturating_sub(LABEL);
    let mut lines: Vec<Line> = Vec::with_capacity(DETAIL as usize);
    // The criterion, the words each parameter of the proposed rule came from underlined.
    let view = e.proposal(e.grid.row);
    let marks = view.as_ref().and_then(|v| v.reading.proposal()).map(|p| p.spans()).unwrap_or_default();
    let text = view.as_ref().map_or(ind.criterion.as_str(), |v| v.text.as_str());
    let [first, second] =
        super::proposal::marked_lines(if text.is_empty() { "（未填写）" } else { text }, &marks, room, theme);
    let mut line1 = vec![label("评分标准", col == GridCol::Criterion, theme), Span::raw(" ")];
    line1.extend(first.spans);
    lines.push(Line::from(line1));
    // 得分计算方法, where the grid has one, takes the criterion's second line.
    if GridCol::of(&e.ev).contains(&GridCol::Method) {
        let method = if ind.method.trim().is_empty() { "—".to_string() } else { ind.method.replace('\n', " ") };
        lines.push(Line::from(vec![
            label("计算方法", col == GridCol::Method, theme),
            Span::raw(" "),
            Span::raw(fit(&method, room)),
        ]));
    } else {
        let mut line2 = vec![Span::raw(" ".repeat(LABEL))];
        line2.extend(second.spans);
        lines.push(Line::from(line2));
    }
    let manual = ind.rule == crate::domain::rule::Rule::Manual;
    let (described, agreed) = (ind.rule.describe(), super::proposal::agreement(view.as_ref(), manual));
    // The agreement is kept in view: before a rule too long for the line.
    let rule = if super::text::width(&described) + super::text::width(agreed) > room {
        format!("{agreed}{described}")
    } else {
        format!("{described}{agreed}")
    };
    lines.push(Line::from(vec![
        label("评分规则", col == GridCol::Rule, theme),
        Span::raw(" "),
        Span::raw(fit(&rule, room)),
    ]));
    // The proposal, where the stored rule does not say what the text says; else how the score came about.
    let places = e.ev.template.rounding.places();
    match view.as_ref().and_then(|v| super::proposal::proposal_line(v, manual, room, true, places)) {
        Some(text) => lines.push(Line::from(vec![
            Span::styled(super::text::pad("建议", LABEL - 1), theme.key()),
            Span::raw(" "),
            Span::styled(text, theme.proposal()),
        ])),
        None => {
            let why = item.map_or(String::new(), |it| it.explanation.clone());
            lines.push(Line::from(vec![label("计分", false, theme), Span::raw(" "), Span::raw(fit(&why, room))]));
        }
    }
    let reason =
        if ind.deviation_reason.is_empty() { "—".to_string() } else { ind.deviation_reason.replace('\n', " ") };
    lines.push(Line::from(vec![
        label("偏差原因", col == GridCol::Deviation, theme),
        Span::raw(" "),
        Span::raw(fit(&reason, room)),
    ]));
    let more = hidden(e);
    if !more.is_empty() {
        let mut spans = vec![label("本行", more.contains(&col), theme), Span::raw(" ")];
        let text: Vec<String> = more
            .iter()
            .map(|c| {
                let v = c.text(ind);
                format!("{} {}", c.title(), if v.is_empty() { "—".into() } else { v })
            })
            .collect();
        spans.push(Span::raw(fit(&text.join("  "), room)));
        lines.push(Line::from(spans));
    }
    let found: Vec<_> =
        e.findings.iter().filter(|f| matches!(f.place, Place::Indicator(r, _) if r == e.grid.row)).collect();
    let check = match found.first() {
        Some(f) => {
            let more = if found.len() > 1 { format!("（另有{}条）", found.len() - 1) } else { String::new() };
            let msg = f.message.split_once('：').map_or(f.message.as_str(), |(_, m)| m);
            vec![
                label("检查", false, theme),
                Span::raw(" "),
                mark(f.severity, theme),
                Span::raw(fit(&format!("{msg}{more}"), room.saturating_sub(4))),
            ]
        }
        None => vec![label("检查", false, theme), Span::styled(" 无问题", theme.dim())],
    };
    lines.push(Line::from(check));
    frame.render_widget(Paragraph::new(lines), area);
    edit_bar(frame, area, e, theme);
}

/// While a cell is edited, its editor takes the last detail line (the criterion stays
/// in view while the value is typed), and a complaint the line above it.
fn edit_bar(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let Some(Editor::Line { target, input }) = &e.editor else { return };
    let title = match target {
        LineTarget::Cell(_, c) => c.title().to_string(),
        LineTarget::Score(_) => "得分（空=按规则）".into(),
        LineTarget::Reason(_, s) => format!("得分{}的理由", plain(*s)),
        LineTarget::Form(_) | LineTarget::Setting(_) | LineTarget::ItemLabel(..) | LineTarget::TemplateName => return,
    };
    let bar = Rect { y: area.y + area.height.saturating_sub(1), height: 1, ..area };
    frame.render_widget(ratatui::widgets::Clear, bar);
    let head = format!("编辑 {title}：");
    let head_w = super::text::width(&head) as u16;
    frame.render_widget(Paragraph::new(Line::styled(head, theme.key())), bar);
    let field = Rect { x: bar.x + head_w, width: bar.width.saturating_sub(head_w + 1), ..bar };
    frame.render_widget(input.widget(), field);
    frame.set_cursor_position((field.x + input.caret_column().min(field.width.saturating_sub(1)), field.y));
    if let Some(err) = &input.error {
        let above = Rect { y: bar.y.saturating_sub(1), ..bar };
        frame.render_widget(ratatui::widgets::Clear, above);
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&format!("！{err}"), area.width as usize), theme.error())),
            above,
        );
    }
}
