//! The indicator grid: one row per indicator, the selected row's detail underneath
//! (criterion, rule, explanation, 偏差原因, findings), and the edit bar while editing.

use super::form::scroll;
use super::text::{pad, pad_left};
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

/// Column widths for a content width: the level columns go when the room is short;
/// an optional column (指标性质, 调整指标值 …) gets room only while the least of the others
/// is kept (else it is shown in the detail); room beyond that goes to the columns whose
/// text would be cut, the name first, then the levels, then target and actual, and what
/// is left to the name.
struct Widths {
    levels: bool,
    level1: usize,
    level2: usize,
    name: usize,
    target: usize,
    actual: usize,
    /// The optional columns shown in the grid, with their widths.
    optional: Vec<(GridCol, usize)>,
}

const GUTTER: usize = 2;
const WEIGHT: usize = 4;
const SCORE: usize = 6;
/// The least widths: what 80 columns allow.
const TARGET: usize = 10;
const ACTUAL: usize = 10;
const LEVEL1: usize = 8;
const LEVEL2: usize = 10;
const NAME: usize = 14;

/// The width of an optional column in the grid (none for the others).
fn optional_width(c: GridCol) -> Option<usize> {
    match c {
        GridCol::Nature | GridCol::Core => Some(4),
        GridCol::Unit | GridCol::Coefficient => Some(6),
        GridCol::AdjustedTarget => Some(10),
        _ => None,
    }
}

fn widths(total: usize, e: &EvalState) -> Widths {
    // Each column is followed by a space: five here, two more with the levels.
    let fixed = GUTTER + WEIGHT + SCORE + 5;
    let levels = total >= fixed + TARGET + ACTUAL + LEVEL1 + LEVEL2 + NAME;
    // The widest text of a column, clamped (measured once per change: `GridShape`).
    let needed = |col: GridCol, least: usize, most: usize| e.shape.widest(col).clamp(least, most);
    let mut w = Widths {
        levels,
        level1: LEVEL1,
        level2: LEVEL2,
        name: NAME,
        target: TARGET,
        actual: ACTUAL,
        optional: Vec::new(),
    };
    let mut used = fixed + TARGET + ACTUAL + NAME + if levels { LEVEL1 + LEVEL2 + 2 } else { 0 };
    for c in e.shape.cols.iter().copied() {
        if let Some(width) = optional_width(c)
            && used + width < total
        {
            used += width + 1;
            w.optional.push((c, width));
        }
    }
    let mut spare = total.saturating_sub(used);
    let mut grow = |width: &mut usize, col: GridCol, most: usize| {
        if spare == 0 {
            return;
        }
        let by = needed(col, *width, most).saturating_sub(*width).min(spare);
        *width += by;
        spare -= by;
    };
    grow(&mut w.name, GridCol::Name, 24);
    if levels {
        grow(&mut w.level1, GridCol::Level1, 12);
        grow(&mut w.level2, GridCol::Level2, 18);
    }
    grow(&mut w.target, GridCol::Target, 16);
    grow(&mut w.actual, GridCol::Actual, 16);
    w.name += spare;
    w
}

/// Rows of the grid kept in view however long the selected row's detail is.
const MIN_ROWS: u16 = 8;

/// Draws the grid. The selected cell is marked by the terminal's cursor (`cursor`: when
/// the grid has the focus), its column by its heading and its row by `>`: moving the
/// selection then costs a cursor move, not the cell's text sent again in reverse video.
pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme, cursor: bool) {
    let present = &e.shape.cols;
    let w = widths(area.width as usize, e);
    // The optional columns without room in the grid are shown in the detail.
    let hidden: Vec<GridCol> = present
        .iter()
        .copied()
        .filter(|c| optional_width(*c).is_some() && !w.optional.iter().any(|(o, _)| o == c))
        .collect();
    // The detail's height follows the terminal's, not the row (see grid_detail).
    let base = (area.height * 3 / 10).clamp(super::grid_detail::LEAST, 16);
    let most = area.height.saturating_sub(1 + MIN_ROWS);
    let method = present.contains(&GridCol::Method);
    let detail = super::grid_detail::lines(e, area.width as usize, base, most, &hidden, method, theme);
    let detail_h = (detail.lines.len() as u16).max(base).min(area.height);
    let rows_h = area.height.saturating_sub(detail_h + 1) as usize;
    let cur = e.grid.row;
    let col = e.grid.col();
    let top = scroll(&e.grid.top, cur, rows_h);
    let on_levels = matches!(col, GridCol::Level1 | GridCol::Level2);
    let mut lines = Vec::with_capacity(rows_h + 1);
    let mut header = vec![Span::raw(" ".repeat(GUTTER))];
    let mut cols: Vec<(GridCol, usize, bool)> = Vec::new();
    if w.levels {
        cols.extend([(GridCol::Level1, w.level1, false), (GridCol::Level2, w.level2, false)]);
    }
    // The optional columns where their printed tables have them.
    let opt = |c: GridCol, right: bool| w.optional.iter().find(|(o, _)| *o == c).map(|(c, w)| (*c, *w, right));
    cols.push((GridCol::Name, w.name, false));
    cols.extend(opt(GridCol::Nature, false));
    cols.push((GridCol::Target, w.target, false));
    cols.extend(opt(GridCol::AdjustedTarget, false));
    cols.extend(opt(GridCol::Unit, false));
    cols.push((GridCol::Actual, w.actual, false));
    cols.extend(opt(GridCol::Coefficient, true));
    cols.extend([(GridCol::Weight, WEIGHT, true), (GridCol::Score, SCORE, true)]);
    cols.extend(opt(GridCol::Core, false));
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
        // A blank flag unstyled: a coloured blank looks the same and costs a colour change.
        let flag = if flag == " " { Span::raw(flag) } else { Span::styled(flag, theme.warning()) };
        let mut spans = vec![Span::raw(if sel { ">" } else { " " }), flag];
        let prev = if i == top { None } else { e.ev.indicators.get(i - 1) };
        let missing = |column: Column| e.findings.iter().any(|f| f.place == Place::Indicator(i, column));
        for (c, width, right) in &cols {
            // Levels equal to the row above's are blank (the printed table's merged cells),
            // except under the cursor, where they show, grey, as carried over.
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
                GridCol::Level1 | GridCol::Level2 if same && sel && on_levels => (c.text(ind), theme.copied()),
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
    draw_lines(frame, Rect { height: rows_h as u16 + 1, ..area }, &lines);
    let detail_area = Rect { y: area.y + area.height - detail_h, height: detail_h, ..area };
    let at_label = |c: GridCol| detail.labels.iter().find(|(l, _)| *l == c).map(|(_, y)| detail_area.y + *y as u16);
    draw_lines(frame, detail_area, &detail.lines);
    edit_bar(frame, detail_area, e, theme);
    if cursor && e.editor.is_none() && !e.ev.indicators.is_empty() {
        // A detail column's cursor sits on its (reversed) label under the grid.
        let at = match cell_x {
            Some(x) => Some((x, area.y + 1 + cur.saturating_sub(top) as u16)),
            None => at_label(col).map(|y| (detail_area.x, y)),
        };
        if let Some(p) = at {
            frame.set_cursor_position(p);
        }
    }
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
    super::input::render(frame, field, input, theme);
    if let Some(err) = &input.error {
        // The refusal, wrapped, on the lines above the bar.
        let lines = super::text::wrap(&format!("！{err}"), area.width as usize);
        let h = (lines.len() as u16).min(area.height.saturating_sub(1));
        let above = Rect { y: bar.y.saturating_sub(h), height: h, ..bar };
        frame.render_widget(ratatui::widgets::Clear, above);
        let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, theme.error())).collect();
        frame.render_widget(Paragraph::new(lines), above);
    }
}

/// Draws `lines` one to a row of `area`, each cut at its width: what `Paragraph` draws
/// for lines that are not wrapped or aligned, without going through its reflow, which was
/// a third of drawing the grid on every key (issue 14).
fn draw_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        buf.set_line(area.x, y, line, area.width);
    }
}
