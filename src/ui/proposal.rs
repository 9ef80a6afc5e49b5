//! The rule a criterion reads as, drawn under the grid and in the criterion's editor: the
//! criterion with the words each parameter came from marked, and the proposed rule with
//! the score it would give.

use super::text::{fit, width};
use super::theme::Theme;
use crate::app::eval::ProposalView;
use crate::domain::criterion::{Reading, Span as TextSpan};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The first two lines of `text` wrapped to `room` columns, the words at `marks` in the
/// proposal style; a cut third line is shown as `..` (ASCII, one column each).
pub fn marked_lines(text: &str, marks: &[TextSpan], room: usize, theme: Theme) -> [Line<'static>; 2] {
    let room = room.max(4);
    let mut lines: Vec<Vec<(char, bool)>> = vec![Vec::new()];
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let c = if c.is_whitespace() { ' ' } else { c };
        let w = c.width().unwrap_or(0);
        if used + w > room {
            if lines.len() == 3 {
                break;
            }
            lines.push(Vec::new());
            used = 0;
        }
        let marked = marks.iter().any(|m| m.start <= at && at < m.end);
        if let Some(line) = lines.last_mut() {
            line.push((c, marked));
        }
        used += w;
    }
    if lines.len() > 2 {
        // The second line makes room for "..".
        let second = &mut lines[1];
        let mut w: usize = second.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        while w + 2 > room {
            let Some((c, _)) = second.pop() else { break };
            w -= c.width().unwrap_or(0);
        }
        second.push(('.', false));
        second.push(('.', false));
    }
    let to_line = |chars: &[(char, bool)]| {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run = String::new();
        let mut run_marked = false;
        for &(c, marked) in chars {
            if marked != run_marked && !run.is_empty() {
                spans.push(styled(std::mem::take(&mut run), run_marked, theme));
            }
            run_marked = marked;
            run.push(c);
        }
        if !run.is_empty() {
            spans.push(styled(run, run_marked, theme));
        }
        Line::from(spans)
    };
    [to_line(&lines[0]), lines.get(1).map_or_else(Line::default, |l| to_line(l))]
}

fn styled(text: String, marked: bool, theme: Theme) -> Span<'static> {
    if marked { Span::styled(text, theme.proposal()) } else { Span::raw(text) }
}

/// The proposal in one line of `room` columns (with the keys when `keys`), or `None` when
/// the stored rule already says what the text says.
pub fn proposal_line(view: &ProposalView, manual: bool, room: usize, keys: bool, places: u32) -> Option<String> {
    match &view.reading {
        Reading::Rule(_) if view.matches && !manual => None,
        Reading::Rule(p) => {
            let unsure = if p.confident { "" } else { "（待核对）" };
            // The score first: a long rule is cut at its end.
            let score =
                view.score.map(|s| format!("得{}分　", crate::domain::number::fixed(s, places))).unwrap_or_default();
            let suffix = if keys { "  F3采用 F4调整" } else { "" };
            let body = format!("{score}{}{unsure}", p.rule.describe());
            Some(format!("{}{suffix}", fit(&body, room.saturating_sub(width(suffix)))))
        }
        Reading::CannotTell(c) if manual => Some(fit(&format!("读不出规则：{}", c.reason), room)),
        Reading::CannotTell(_) => None,
    }
}

/// `（与评分标准一致）` after a rule the text admits.
pub fn agreement(view: Option<&ProposalView>, manual: bool) -> &'static str {
    match view {
        Some(v) if v.matches && !manual => "（与评分标准一致）",
        _ => "",
    }
}

/// For the editor: what the text typed so far reads as, in one line.
pub fn live_line(view: Option<&ProposalView>, room: usize, places: u32) -> Line<'static> {
    let text = match view.map(|v| &v.reading) {
        None => "读作：（输入评分标准后显示读出的规则）".to_string(),
        Some(Reading::Rule(p)) => {
            let unsure = if p.confident { "" } else { "（待核对）" };
            let score = view
                .and_then(|v| v.score)
                .map(|s| format!("（得{}分）", crate::domain::number::fixed(s, places)))
                .unwrap_or_default();
            format!("读作{score}：{}{unsure}　完成后按 F3 采用", p.rule.describe())
        }
        Some(Reading::CannotTell(c)) => format!("读不出规则：{}", c.reason),
    };
    Line::styled(fit(&text, room), Style::default())
}
