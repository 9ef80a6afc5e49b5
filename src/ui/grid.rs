//! The indicator grid: one row per indicator, the selected row's detail underneath
//! (criterion, rule, explanation, 偏差原因, findings), and the edit bar while editing.

use super::form::{mark, scroll};
use super::text::{fit, pad, pad_left, wrap};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, LineTarget};
use crate::app::grid::GridCol;
use crate::domain::check::{Column, Place, Severity};
use crate::domain::number::plain;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines under the grid for the selected row's detail.
pub const DETAIL: u16 = 6;
const LABEL: usize = 9;

/// Column widths for a content width; the level columns go when the room is short.
struct Widths {
    levels: bool,
    name: usize,
}

const GUTTER: usize = 2;
const TARGET: usize = 10;
const ACTUAL: usize = 10;
const WEIGHT: usize = 4;
const SCORE: usize = 6;
const LEVEL1: usize = 8;
const LEVEL2: usize = 10;

fn widths(total: usize) -> Widths {
    let fixed = GUTTER + TARGET + ACTUAL + WEIGHT + SCORE + 5;
    let levels = total >= fixed + LEVEL1 + LEVEL2 + 2 + 14;
    let name = total.saturating_sub(fixed + if levels { LEVEL1 + LEVEL2 + 2 } else { 0 });
    Widths { levels, name }
}

/// Draws the grid. The selected cell is marked by the terminal's cursor (`cursor`: when
/// the grid has the focus), its column by its heading and its row by `>`: moving the
/// selection then costs a cursor move, not the cell's text sent again in reverse video.
pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme, cursor: bool) {
    let w = widths(area.width as usize);
    let rows_h = area.height.saturating_sub(DETAIL + 1) as usize;
    let cur = e.grid.row;
    let col = e.grid.col();
    let top = scroll(&e.grid.top, cur, rows_h);
    let mut lines = Vec::with_capacity(rows_h + 1);
    let mut header = vec![Span::raw(" ".repeat(GUTTER))];
    let mut cols: Vec<(GridCol, usize, bool)> = Vec::new();
    if w.levels {
        cols.extend([(GridCol::Level1, LEVEL1, false), (GridCol::Level2, LEVEL2, false)]);
    }
    cols.extend([
        (GridCol::Name, w.name, false),
        (GridCol::Target, TARGET, false),
        (GridCol::Actual, ACTUAL, false),
        (GridCol::Weight, WEIGHT, true),
        (GridCol::Score, SCORE, true),
    ]);
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
        let missing = |column: Column| e.findings.iter().any(|f| f.place == Place::Indicator(i, column));
        for (c, width, right) in &cols {
            // Levels equal to the row above's are blank (the printed table's merged cells),
            // except on the cursor's row, where they show, grey, as carried over.
            let same = match c {
                GridCol::Level1 => prev.is_some_and(|p| p.level1 == ind.level1),
                GridCol::Level2 => prev.is_some_and(|p| p.level2 == ind.level2 && p.level1 == ind.level1),
                _ => false,
            };
            let (text, style) = match c {
                GridCol::Level1 | GridCol::Level2
                    if missing(if *c == GridCol::Level1 { Column::Level1 } else { Column::Level2 }) =>
                {
                    ("（未填）".to_string(), theme.warning())
                }
                GridCol::Level1 | GridCol::Level2 if same && sel => (c.text(ind), theme.copied()),
                GridCol::Level1 | GridCol::Level2 if same => (String::new(), Style::default()),
                GridCol::Weight => (plain(ind.weight), Style::default()),
                GridCol::Score => (
                    match item {
                        Some(it) if it.rule_score.is_none() && it.entered.is_none() => "?".into(),
                        Some(it) => e.sheet.show(it.score),
                        None => String::new(),
                    },
                    if ind.entered.is_some() { theme.entered() } else { Style::default() },
                ),
                other => (other.text(ind), Style::default()),
            };
            let cell = if *right { pad_left(&text, *width) } else { pad(&text, *width) };
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: rows_h as u16 + 1, ..area });
    let detail_area = Rect { y: area.y + area.height.saturating_sub(DETAIL), height: DETAIL.min(area.height), ..area };
    detail(frame, detail_area, e, theme);
    if cursor && e.editor.is_none() && !e.ev.indicators.is_empty() {
        // A detail column's cursor sits on its (reversed) label under the grid.
        let at = match (cell_x, col) {
            (Some(x), _) => Some((x, area.y + 1 + cur.saturating_sub(top) as u16)),
            (None, GridCol::Criterion) => Some((detail_area.x, detail_area.y)),
            (None, GridCol::Rule) => Some((detail_area.x, detail_area.y + 2)),
            (None, GridCol::Deviation) => Some((detail_area.x, detail_area.y + 4)),
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
    let criterion = wrap(if ind.criterion.is_empty() { "（未填写）" } else { &ind.criterion }, room);
    lines.push(Line::from(vec![
        label("评分标准", col == GridCol::Criterion, theme),
        Span::raw(" "),
        Span::raw(criterion[0].clone()),
    ]));
    // A third line would not fit: mark the cut with ".." (ASCII, one column each).
    let second = criterion
        .get(1)
        .map(|l| if criterion.len() > 2 { format!("{}..", super::text::take(l, room - 2)) } else { l.clone() });
    lines.push(Line::from(vec![Span::raw(" ".repeat(LABEL)), Span::raw(second.unwrap_or_default())]));
    lines.push(Line::from(vec![
        label("评分规则", col == GridCol::Rule, theme),
        Span::raw(" "),
        Span::raw(fit(&ind.rule.describe(), room)),
    ]));
    // The score is in the grid already; the line says how it came about.
    let why = item.map_or(String::new(), |it| it.explanation.clone());
    lines.push(Line::from(vec![label("计分", false, theme), Span::raw(" "), Span::raw(fit(&why, room))]));
    let reason =
        if ind.deviation_reason.is_empty() { "—".to_string() } else { ind.deviation_reason.replace('\n', " ") };
    lines.push(Line::from(vec![
        label("偏差原因", col == GridCol::Deviation, theme),
        Span::raw(" "),
        Span::raw(fit(&reason, room)),
    ]));
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
        LineTarget::Form(_) => return,
    };
    let bar = Rect { y: area.y + area.height.saturating_sub(1), height: 1, ..area };
    frame.render_widget(ratatui::widgets::Clear, bar);
    let head = format!("编辑 {title}：");
    let head_w = super::text::width(&head) as u16;
    frame.render_widget(Paragraph::new(Line::styled(head, theme.key())), bar);
    let field = Rect { x: bar.x + head_w, width: bar.width.saturating_sub(head_w + 1), ..bar };
    super::input::render(frame, field, input, theme);
    if let Some(err) = &input.error {
        let above = Rect { y: bar.y.saturating_sub(1), ..bar };
        frame.render_widget(ratatui::widgets::Clear, above);
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&format!("！{err}"), area.width as usize), theme.error())),
            above,
        );
    }
}
