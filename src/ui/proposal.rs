//! The rule a criterion reads as, drawn under the grid and in the criterion's editor: the
//! criterion with the words each parameter came from marked, and the proposed rule with
//! the score it would give.

use super::text::fit;
use super::theme::Theme;
use crate::app::eval::ProposalView;
use crate::domain::criterion::{Reading, Span as TextSpan};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `text` wrapped to `room` columns (as [`super::text::wrap`] does), the words at `marks`
/// in the proposal style.
pub fn marked_wrap(text: &str, marks: &[TextSpan], room: usize, theme: Theme) -> Vec<Vec<Span<'static>>> {
    // `wrap` keeps every character but the line breaks it splits at (a tab becomes a
    // space), so the wrapped characters follow the text's in order.
    let mut at = text.char_indices().filter(|(_, c)| *c != '\n').map(|(i, _)| i);
    super::text::wrap(text, room)
        .into_iter()
        .map(|line| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut run_marked = false;
            for c in line.chars() {
                let marked = at.next().is_some_and(|i| marks.iter().any(|m| m.start <= i && i < m.end));
                if marked != run_marked && !run.is_empty() {
                    spans.push(styled(std::mem::take(&mut run), run_marked, theme));
                }
                run_marked = marked;
                run.push(c);
            }
            if !run.is_empty() {
                spans.push(styled(run, run_marked, theme));
            }
            spans
        })
        .collect()
}

fn styled(text: String, marked: bool, theme: Theme) -> Span<'static> {
    if marked { Span::styled(text, theme.proposal()) } else { Span::raw(text) }
}

/// The proposal, score first, and whether F3/F4 can take it; `None` when the stored rule
/// already says what the text says.
pub fn proposal_text(view: &ProposalView, manual: bool, places: u32) -> Option<(String, bool)> {
    match &view.reading {
        Reading::Rule(_) if view.matches && !manual => None,
        Reading::Rule(p) => {
            let unsure = if p.confident { "" } else { "（待核对）" };
            let score =
                view.score.map(|s| format!("得{}分　", crate::domain::number::fixed(s, places))).unwrap_or_default();
            Some((format!("{score}{}{unsure}", p.rule.describe()), true))
        }
        Reading::CannotTell(c) if manual => Some((format!("读不出规则：{}", c.reason), false)),
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
