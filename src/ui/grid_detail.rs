//! The selected grid row's detail, under the grid: what the grid has no room for — the
//! criterion, the rule, how the score came about (计分), the 偏差原因 and what the checks
//! say about the row — each wrapped.
//!
//! Its height depends on the terminal, not on the row, so that moving from row to row
//! does not move the grid (which would cost a redraw of it over a slow link). The rule
//! and the 计分 are shown whole: a row that needs more lines for them gets them. The
//! criterion, the reason and the findings share what is left; one that does not fit
//! ends with （未完…）, saying where the rest is.

use super::form::mark;
use super::text::{pad, take, width, wrap};
use super::theme::Theme;
use crate::app::eval::EvalState;
use crate::app::grid::GridCol;
use crate::domain::check::Place;
use ratatui::text::{Line, Span};

/// The fewest lines the detail takes (at 80×24).
pub const LEAST: u16 = 6;
const LABEL: usize = 9;

pub struct Detail {
    pub lines: Vec<Line<'static>>,
    /// The line of each selectable part's label (where the cursor goes when it is selected).
    pub labels: Vec<(GridCol, usize)>,
}

/// One labelled part: its label, its text's lines, the lines it must have, and what
/// to say when it is cut.
struct Part {
    column: Option<GridCol>,
    label: &'static str,
    lines: Vec<Vec<Span<'static>>>,
    least: usize,
    more: String,
}

fn wrapped(text: &str, room: usize) -> Vec<Vec<Span<'static>>> {
    wrap(text, room).into_iter().map(|l| vec![Span::raw(l)]).collect()
}

/// The detail of the selected row in `height` lines (more if its rule and 计分 need
/// them, up to `most`).
pub fn lines(e: &EvalState, width_: usize, height: u16, most: u16, theme: Theme) -> Detail {
    let mut out = Vec::new();
    let mut labels = Vec::new();
    let Some(ind) = e.ev.indicators.get(e.grid.row) else { return Detail { lines: out, labels } };
    let item = e.sheet.indicator(e.grid.row);
    let col = e.grid.col();
    let room = width_.saturating_sub(LABEL).max(2);

    let criterion = if ind.criterion.is_empty() { "（未填写）" } else { &ind.criterion };
    let why = item.map_or(String::new(), |it| it.explanation.clone());
    let reason = if ind.deviation_reason.is_empty() { "—" } else { &ind.deviation_reason };
    let found: Vec<_> =
        e.findings.iter().filter(|f| matches!(f.place, Place::Indicator(r, _) if r == e.grid.row)).collect();
    let mut checks: Vec<Vec<Span<'static>>> = Vec::new();
    for f in &found {
        let msg = f.message.split_once('：').map_or(f.message.as_str(), |(_, m)| m);
        for (k, l) in wrap(msg, room.saturating_sub(4).max(2)).into_iter().enumerate() {
            let flag = if k == 0 { mark(f.severity, theme) } else { Span::raw("    ") };
            checks.push(vec![flag, Span::raw(l)]);
        }
    }
    if checks.is_empty() {
        checks.push(vec![Span::styled("无问题", theme.dim())]);
    }
    let mut parts = [
        Part {
            column: Some(GridCol::Criterion),
            label: "评分标准",
            lines: wrapped(criterion, room),
            least: 1,
            more: "（未完，Enter 看全文）".into(),
        },
        Part {
            column: Some(GridCol::Rule),
            label: "评分规则",
            lines: wrapped(&ind.rule.describe(), room),
            least: usize::MAX,
            more: String::new(),
        },
        Part { column: None, label: "计分", lines: wrapped(&why, room), least: usize::MAX, more: String::new() },
        Part {
            column: Some(GridCol::Deviation),
            label: "偏差原因",
            lines: wrapped(reason, room),
            least: 1,
            more: "（未完，Enter 看全文）".into(),
        },
        Part {
            column: None,
            label: "检查",
            lines: checks,
            least: 1,
            more: format!("（共{}条，F9 查看）", found.len()),
        },
    ];
    // What each part gets: its least (all of the rule and the 计分), then what is left
    // in order, criterion, reason, findings.
    let least: Vec<usize> = parts.iter().map(|p| p.lines.len().min(p.least).max(1)).collect();
    let needed: usize = least.iter().sum();
    let total = (height as usize).max(needed).min((most as usize).max(LEAST as usize));
    let mut shown = least.clone();
    let mut spare = total.saturating_sub(needed);
    for i in [0, 3, 4] {
        let more = parts[i].lines.len().saturating_sub(shown[i]).min(spare);
        shown[i] += more;
        spare -= more;
    }
    // Over the most there is room for: the rule and the 计分 give way too.
    let mut over = needed.saturating_sub(total);
    for i in [2, 1] {
        let less = over.min(shown[i].saturating_sub(1));
        shown[i] -= less;
        over -= less;
    }
    for (part, n) in parts.iter_mut().zip(&shown) {
        let cut = part.lines.len() > *n;
        part.lines.truncate(*n);
        if cut && let Some(last) = part.lines.last_mut() {
            let note = if part.more.is_empty() { "（未完）".to_string() } else { part.more.clone() };
            let text: String = last.iter().map(|s| s.content.as_ref()).collect::<String>();
            let keep = take(&text, room.saturating_sub(width(&note)));
            let lead = if matches!(part.label, "检查") { last.first().cloned() } else { None };
            *last = match lead {
                Some(flag) if flag.content.trim().len() > 1 => {
                    let body = take(&text[flag.content.len()..], room.saturating_sub(width(&note) + 4));
                    vec![flag, Span::raw(body), Span::styled(note, theme.dim())]
                }
                _ => vec![Span::raw(keep), Span::styled(note, theme.dim())],
            };
        }
    }
    for part in parts {
        if let Some(c) = part.column {
            labels.push((c, out.len()));
        }
        let selected = part.column.is_some_and(|c| c == col);
        let style = if selected { theme.selected() } else { theme.heading() };
        for (i, spans) in part.lines.into_iter().enumerate() {
            let lead =
                if i == 0 { Span::styled(pad(part.label, LABEL - 1), style) } else { Span::raw(" ".repeat(LABEL - 1)) };
            let mut line = vec![lead, Span::raw(" ")];
            line.extend(spans);
            out.push(Line::from(line));
        }
    }
    Detail { lines: out, labels }
}
