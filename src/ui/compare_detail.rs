//! The compare screen's budget figures (their own columns: one number per year, and
//! the change with its per cent) and the detail lines of the selected line: what the
//! columns have no room for, in full.

use super::compare::{finish, score_text as score, status_of};
use super::text::{pad, pad_left, width, wrap};
use super::theme::Theme;
use crate::app::compare::{CompareState, Item};
use crate::domain::compare::{Comparison, RowStatus};
use crate::domain::number::plain;
use ratatui::text::{Line, Span};

const MARK: usize = 1;
const VALUE: usize = 12;
const CHANGE_MAX: usize = 22;

/// The width of each figure change column.
fn change_width(c: &Comparison, label: usize, w: usize) -> usize {
    let n = c.years.len();
    let rest = w.saturating_sub(MARK + label + n * VALUE);
    (rest / n.saturating_sub(1).max(1)).min(CHANGE_MAX)
}

pub fn figures_header(c: &CompareState, label: usize, w: usize) -> String {
    let cmp = &c.comparison;
    let mut text = format!("{}{}", " ".repeat(MARK), pad("【预算情况】万元", label));
    for y in cmp.year_numbers() {
        text.push_str(&pad_left(&format!("{y}年"), VALUE));
    }
    for _ in 1..cmp.years.len() {
        text.push_str(&pad(" 较上年（幅度）", change_width(cmp, label, w)));
    }
    text
}

pub fn figure_line(c: &CompareState, i: usize, selected: bool, label: usize, w: usize, theme: Theme) -> Line<'static> {
    let cmp = &c.comparison;
    let f = &cmp.figures[i];
    let mut spans = vec![Span::raw(if selected { ">" } else { " " }), Span::raw(pad(f.figure.label(), label))];
    for v in &f.series.values {
        spans.push(match v {
            Some(v) => Span::raw(pad_left(&f.figure.show(*v), VALUE)),
            None => Span::styled(pad_left("未填", VALUE), theme.dim()),
        });
    }
    let cw = change_width(cmp, label, w);
    for ch in &f.series.changes {
        spans.push(Span::raw(pad(&ch.map_or(String::new(), |ch| format!(" {}", ch.with_percent())), cw)));
    }
    finish(spans, selected, w, theme)
}

/// The selected line in full: a title line, then as many lines as its text needs.
pub fn lines(c: &CompareState, w: usize) -> Vec<String> {
    let cmp = &c.comparison;
    let years = cmp.year_numbers();
    let (title, parts): (String, Vec<String>) = match c.current() {
        None => return Vec::new(),
        Some(item @ (Item::Total | Item::RuleTotal)) => {
            let rule = item == Item::RuleTotal;
            let title = if rule {
                "按规则总分：各项按评分规则计得的总分"
            } else {
                "总分：各项得分之和（含手填得分）"
            };
            let parts = cmp
                .years
                .iter()
                .map(|y| {
                    let (t, g) = if rule { (y.rule_total, y.rule_grade) } else { (y.total, y.grade) };
                    format!("{}年 {} {}", y.year, score(cmp, t), g.label())
                })
                .collect();
            (title.to_string(), parts)
        }
        Some(Item::Subtotal(i)) => {
            let sub = &cmp.subtotals[i];
            let parts = years
                .iter()
                .zip(sub.score.values.iter().zip(&sub.weights))
                .map(|(y, (v, wt))| match v.zip(*wt) {
                    Some((v, wt)) => format!("{y}年 得分 {}，分值 {}", score(cmp, v), plain(wt)),
                    None => format!("{y}年 无此项"),
                })
                .collect();
            (format!("{}：各年得分与分值", sub.level1), parts)
        }
        Some(Item::Indicator(i)) => indicator(c, i),
        Some(Item::Figure(i)) => {
            let f = &cmp.figures[i];
            let mut parts: Vec<String> = years
                .iter()
                .zip(&f.series.values)
                .map(|(y, v)| format!("{y}年 {}", v.map_or("未填".to_string(), |v| f.figure.show(v))))
                .collect();
            for (k, ch) in f.series.changes.iter().enumerate() {
                if let Some(ch) = ch {
                    parts.push(format!("{}年较{}年 {}", years[k + 1], years[k], ch.with_percent()));
                }
            }
            (format!("{}（{}）", f.figure.label(), f.figure.unit()), parts)
        }
    };
    let mut out = vec![super::text::fit(&title, w)];
    out.extend(wrap_phrases(&parts, w));
    out
}

/// Joins the parts with `；` and wraps them to `w` columns, breaking after a `；` or a
/// `，` where it can, so that a figure and its label stay on one line.
fn wrap_phrases(parts: &[String], w: usize) -> Vec<String> {
    let text = parts.join("；");
    let mut phrases: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if ch == '；' || ch == '，' {
            let end = i + ch.len_utf8();
            phrases.push(&text[start..end]);
            start = end;
        }
    }
    phrases.push(&text[start..]);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for phrase in phrases {
        if width(&line) + width(phrase) <= w {
            line.push_str(phrase);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A phrase longer than a line is cut by columns; its last piece starts the next line.
        let mut pieces = wrap(phrase, w);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn indicator(c: &CompareState, i: usize) -> (String, Vec<String>) {
    let cmp = &c.comparison;
    let years = cmp.year_numbers();
    let row = &cmp.rows[i];
    let latest = row.latest();
    let status = status_of(row);
    let hint = match &status {
        RowStatus::Added | RowStatus::Removed => "，按 p 配对改名的指标",
        RowStatus::Renamed { .. } => "，按 p 取消配对",
        _ => "",
    };
    let label = match &status {
        RowStatus::Kept => String::new(),
        RowStatus::Absent => "：有的年度无此项".into(),
        other => format!("：{}", other.label()),
    };
    let title = format!("{}（{}／{}）{label}{hint}", latest.name, latest.level1, latest.level2);
    let mut parts = Vec::new();
    for (k, cell) in row.cells.iter().enumerate() {
        let Some(cell) = cell else {
            parts.push(format!("{}年 无此项", years[k]));
            continue;
        };
        if !cell.filled {
            parts.push(format!("{}年 目标 {}，完成值未填", years[k], cell.target));
            continue;
        }
        let mut text =
            format!("{}年 目标 {}，完成 {}，得分 {}", years[k], cell.target, cell.actual, score(cmp, cell.score));
        if let Some(rule) = cell.rule_score.filter(|r| *r != cell.score) {
            text.push_str(&format!("（按规则 {}）", score(cmp, rule)));
        }
        if let Some(ch) = k.checked_sub(1).and_then(|s| row.steps[s].actual) {
            text.push_str(&format!("，完成值较上年 {}", ch.with_percent()));
        }
        parts.push(text);
    }
    (title, parts)
}
