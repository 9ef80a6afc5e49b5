//! The selected grid row's detail, under the grid: what the grid has no room for — the
//! criterion (the words the proposed rule was read from marked), the rule, how the score
//! came about (计分) or, where the stored rule is not what the criterion says, the rule it
//! reads as (建议, F3 takes it), the 偏差原因 and what the checks say about the row —
//! each wrapped.
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
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The fewest lines the detail takes (at 80×24).
pub const LEAST: u16 = 6;
const LABEL: usize = 9;

pub struct Detail {
    pub lines: Vec<Line<'static>>,
    /// The line of each selectable part's label (where the cursor goes when it is selected).
    pub labels: Vec<(GridCol, usize)>,
}

/// One labelled part: its label (drawn in `style` unless it is selected), its text's
/// lines, the lines it must have, and what to say when it is cut.
struct Part {
    /// The columns whose cursor is on this part's label.
    columns: Vec<GridCol>,
    label: &'static str,
    style: Style,
    lines: Vec<Vec<Span<'static>>>,
    least: usize,
    more: String,
}

fn wrapped(text: &str, room: usize) -> Vec<Vec<Span<'static>>> {
    wrap(text, room).into_iter().map(|l| vec![Span::raw(l)]).collect()
}

/// The detail of the selected row in `height` lines (more if its rule and 计分 need
/// them, up to `most`); with a 计算方法 part when `method`, and a 本行 part for the
/// optional columns the grid had no room for (`hidden`).
pub fn lines(
    e: &EvalState,
    width_: usize,
    height: u16,
    most: u16,
    hidden: &[GridCol],
    method: bool,
    theme: Theme,
) -> Detail {
    let mut out = Vec::new();
    let mut labels = Vec::new();
    // While a held key moves the cursor, the row the detail was last drawn for (see GridState::shown).
    let row = e.grid.detail_row();
    let Some(ind) = e.ev.indicators.get(row) else { return Detail { lines: out, labels } };
    let item = e.sheet.indicator(row);
    let col = e.grid.col();
    let room = width_.saturating_sub(LABEL).max(2);

    // The criterion (as typed, while it is), the words each parameter of the proposed
    // rule came from marked.
    let view = e.proposal(row);
    let marks = view.as_ref().and_then(|v| v.reading.proposal()).map(|p| p.spans()).unwrap_or_default();
    let text = view.as_ref().map_or(ind.criterion.as_str(), |v| v.text.as_str());
    let criterion = if text.is_empty() {
        wrapped("（未填写）", room)
    } else {
        super::proposal::marked_wrap(text, &marks, room, theme)
    };
    let manual = ind.rule == crate::domain::rule::Rule::Manual;
    let (described, agreed) = (ind.rule.describe(), super::proposal::agreement(view.as_ref(), manual));
    // The agreement stays in view: before a rule too long for its line.
    let rule = if width(&described) + width(agreed) > room {
        format!("{agreed}{described}")
    } else {
        format!("{described}{agreed}")
    };
    // Where the stored rule is not what the text says: the rule it reads as, in place of
    // how the score came about.
    let places = e.ev.template.rounding.places();
    let score_part = match view.as_ref().and_then(|v| super::proposal::proposal_text(v, manual, places)) {
        Some((text, keys)) => {
            let mut lines: Vec<Vec<Span<'static>>> =
                wrap(&text, room).into_iter().map(|l| vec![Span::styled(l, theme.proposal())]).collect();
            let suffix = "  F3采用 F4调整";
            if keys && let Some(last) = lines.last_mut() {
                let used: usize = last.iter().map(|s| width(&s.content)).sum();
                if used + width(suffix) <= room {
                    last.push(Span::styled(suffix, theme.key()));
                } else {
                    lines.push(vec![Span::styled(suffix.trim_start(), theme.key())]);
                }
            }
            Part {
                columns: Vec::new(),
                label: "建议",
                style: theme.key(),
                lines,
                least: usize::MAX,
                more: String::new(),
            }
        }
        None => {
            let why = item.map_or(String::new(), |it| it.explanation.clone());
            Part {
                columns: Vec::new(),
                label: "计分",
                style: theme.heading(),
                lines: wrapped(&why, room),
                least: usize::MAX,
                more: String::new(),
            }
        }
    };
    let reason = if ind.deviation_reason.is_empty() { "—" } else { &ind.deviation_reason };
    let found: Vec<_> = e.findings.iter().filter(|f| matches!(f.place, Place::Indicator(r, _) if r == row)).collect();
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
    let mut parts = vec![
        Part {
            columns: vec![GridCol::Criterion],
            label: "评分标准",
            style: theme.heading(),
            lines: criterion,
            least: 1,
            more: "（未完，Enter 看全文）".into(),
        },
        Part {
            columns: vec![GridCol::Rule],
            label: "评分规则",
            style: theme.heading(),
            lines: wrapped(&rule, room),
            least: usize::MAX,
            more: String::new(),
        },
        score_part,
        Part {
            columns: vec![GridCol::Deviation],
            label: "偏差原因",
            style: theme.heading(),
            lines: wrapped(reason, room),
            least: 1,
            more: "（未完，Enter 看全文）".into(),
        },
    ];
    // 得分计算方法 and the optional columns without room in the grid, before the findings.
    if method {
        let text = if ind.method.trim().is_empty() { "—" } else { &ind.method };
        parts.push(Part {
            columns: vec![GridCol::Method],
            label: "计算方法",
            style: theme.heading(),
            lines: wrapped(text, room),
            least: 1,
            more: "（未完，Enter 看全文）".into(),
        });
    }
    if !hidden.is_empty() {
        let text: Vec<String> = hidden
            .iter()
            .map(|c| {
                let v = c.text(ind);
                format!("{} {}", c.title(), if v.is_empty() { "—".into() } else { v })
            })
            .collect();
        parts.push(Part {
            columns: hidden.to_vec(),
            label: "本行",
            style: theme.heading(),
            lines: wrapped(&text.join("  "), room),
            least: 1,
            more: String::new(),
        });
    }
    parts.push(Part {
        columns: Vec::new(),
        label: "检查",
        style: theme.heading(),
        lines: checks,
        least: 1,
        more: format!("（共{}条，F9 查看）", found.len()),
    });
    // What each part gets: its least (all of the rule and the 计分), then what is left
    // in order, criterion, reason, findings.
    let least: Vec<usize> = parts.iter().map(|p| p.lines.len().min(p.least).max(1)).collect();
    let needed: usize = least.iter().sum();
    let total = (height as usize).max(needed).min((most as usize).max(LEAST as usize));
    let mut shown = least.clone();
    let mut spare = total.saturating_sub(needed);
    // The criterion, the reason, then the parts after it (计算方法, 本行, the findings).
    let fill: Vec<usize> = [0].into_iter().chain(3..parts.len()).collect();
    for i in fill {
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
            let mut kept = take_spans(last, room.saturating_sub(width(&note)));
            kept.push(Span::styled(note, theme.dim()));
            *last = kept;
        }
    }
    for part in parts {
        labels.extend(part.columns.iter().map(|c| (*c, out.len())));
        let selected = part.columns.contains(&col);
        let style = if selected { theme.selected() } else { part.style };
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

/// The spans of a line that fit in `room` columns, each keeping its style (a finding's
/// mark, the marked words of a criterion).
fn take_spans(spans: &[Span<'static>], room: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut left = room;
    for span in spans {
        let w = width(&span.content);
        if w <= left {
            out.push(span.clone());
            left -= w;
        } else {
            out.push(Span::styled(take(&span.content, left), span.style));
            break;
        }
    }
    out
}
