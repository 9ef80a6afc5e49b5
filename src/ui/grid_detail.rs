//! The selected grid row's detail, under the grid: what the grid has no room for, in
//! full — the criterion, the rule, how the score came about (计分), the 偏差原因 and
//! what the checks say about the row — each wrapped, never cut.

use super::form::mark;
use super::text::{pad, wrap};
use super::theme::Theme;
use crate::app::eval::EvalState;
use crate::app::grid::GridCol;
use crate::domain::check::Place;
use ratatui::text::{Line, Span};

/// The fewest lines the detail takes (one per part, two for the criterion).
pub const LEAST: u16 = 6;
const LABEL: usize = 9;

pub struct Detail {
    pub lines: Vec<Line<'static>>,
    /// The line of each selectable part's label (where the cursor goes when it is selected).
    pub labels: Vec<(GridCol, usize)>,
}

fn label(text: &str, selected: bool, theme: Theme) -> Span<'static> {
    Span::styled(pad(text, LABEL - 1), if selected { theme.selected() } else { theme.heading() })
}

/// A labelled part: its text wrapped to the room beside the label, continuation lines
/// indented under the first.
fn part(out: &mut Vec<Line<'static>>, head: Span<'static>, text: &str, room: usize, style: ratatui::style::Style) {
    for (i, l) in wrap(text, room).into_iter().enumerate() {
        let lead = if i == 0 { head.clone() } else { Span::raw(" ".repeat(LABEL - 1)) };
        out.push(Line::from(vec![lead, Span::raw(" "), Span::styled(l, style)]));
    }
}

pub fn lines(e: &EvalState, width: usize, theme: Theme) -> Detail {
    let mut out = Vec::new();
    let mut labels = Vec::new();
    let Some(ind) = e.ev.indicators.get(e.grid.row) else { return Detail { lines: out, labels } };
    let item = e.sheet.indicator(e.grid.row);
    let col = e.grid.col();
    let room = width.saturating_sub(LABEL).max(2);
    let plain = theme.plain();

    labels.push((GridCol::Criterion, out.len()));
    let criterion = if ind.criterion.is_empty() { "（未填写）" } else { &ind.criterion };
    part(&mut out, label("评分标准", col == GridCol::Criterion, theme), criterion, room, plain);
    if out.len() < 2 {
        out.push(Line::raw(""));
    }
    labels.push((GridCol::Rule, out.len()));
    part(&mut out, label("评分规则", col == GridCol::Rule, theme), &ind.rule.describe(), room, plain);
    // The score is in the grid already; the part says how it came about.
    let why = item.map_or(String::new(), |it| it.explanation.clone());
    part(&mut out, label("计分", false, theme), &why, room, plain);
    labels.push((GridCol::Deviation, out.len()));
    let reason = if ind.deviation_reason.is_empty() { "—" } else { &ind.deviation_reason };
    part(&mut out, label("偏差原因", col == GridCol::Deviation, theme), reason, room, plain);
    let found: Vec<_> =
        e.findings.iter().filter(|f| matches!(f.place, Place::Indicator(r, _) if r == e.grid.row)).collect();
    if found.is_empty() {
        out.push(Line::from(vec![label("检查", false, theme), Span::styled(" 无问题", theme.dim())]));
    }
    for (i, f) in found.iter().enumerate() {
        let head = if i == 0 { label("检查", false, theme) } else { Span::raw(" ".repeat(LABEL - 1)) };
        let msg = f.message.split_once('：').map_or(f.message.as_str(), |(_, m)| m);
        // The mark takes four columns; the message wraps beside it.
        for (k, l) in wrap(msg, room.saturating_sub(4).max(2)).into_iter().enumerate() {
            let lead = if k == 0 { head.clone() } else { Span::raw(" ".repeat(LABEL - 1)) };
            let flag = if k == 0 { mark(f.severity, theme) } else { Span::raw("    ") };
            out.push(Line::from(vec![lead, Span::raw(" "), flag, Span::raw(l)]));
        }
    }
    Detail { lines: out, labels }
}
