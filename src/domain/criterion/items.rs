//! 逐项 and 完成与否: ①已制定管理办法1分；②制度合法合规完整1分 · 1、…1分；2、…1分 · 目标明确（1分），
//! 目标细化（1分） · 完成当年1个结对帮扶任务得2分，未帮扶扣2分 · 完成得满分，未完成不得分.

use super::points::{Points, of_clause};
use super::text::{Text, Unit};
use super::{Context, Draft, Found, How};
use crate::domain::rule::{BinaryRule, ChecklistItem, ChecklistRule, Rule};

fn circled(c: char) -> bool {
    ('①'..='⑳').contains(&c)
}

/// Where list items start: ①, (1), and 1、 or 1. at the start of a clause.
fn markers(t: &Text) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let c = t.chars[i];
        let clause_start = i == 0 || ",;。:\n".contains(t.chars[i - 1]);
        if circled(c) {
            out.push((i, i + 1));
        } else if c == '(' && t.chars.get(i + 1).is_some_and(char::is_ascii_digit) && t.chars.get(i + 2) == Some(&')') {
            out.push((i, i + 3));
            i += 2;
        } else if clause_start
            && c.is_ascii_digit()
            && matches!(t.chars.get(i + 1), Some('、') | Some('.'))
            && !t.chars.get(i + 2).is_some_and(char::is_ascii_digit)
        {
            out.push((i, i + 2));
            i += 1;
        }
        i += 1;
    }
    out
}

/// The label of an item: its words without the points and the punctuation around them.
fn label(t: &Text, start: usize, end: usize) -> String {
    // As written (quotes and all), without the punctuation around it.
    let s = t.span(start, end);
    t.original[s.start..s.end]
        .trim_matches(|c: char| ",;。、:()，；：（）".contains(c) || c.is_whitespace())
        .to_string()
}

/// Items the text numbers, each with its points.
pub(super) fn enumerated(t: &Text, _ctx: &Context) -> Option<Found> {
    let marks = markers(t);
    if marks.len() < 2 {
        return None;
    }
    let mut d = Draft::default();
    let mut items = Vec::new();
    for (k, (_, body)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(t.len(), |m| m.0);
        let first = t.nums_in(*body, end).find(|(_, n)| n.unit == Unit::Points);
        let Some((i, n)) = first else {
            // Items listed as requirements, scored by another clause (每出现一例…扣1分).
            return None;
        };
        if n.start > 0 && t.chars[n.start - 1] == '扣' {
            return None;
        }
        let cut = if n.start > *body && "得计记为".contains(t.chars[n.start - 1]) { n.start - 1 } else { n.start };
        let text = label(t, *body, cut);
        if text.is_empty() {
            return None;
        }
        d.param(t, format!("第{}项", k + 1), i, n.value, How::Written);
        items.push(ChecklistItem { label: text, points: n.value });
    }
    consistent_each(t, &mut d, &items);
    d.rule = Some(Rule::Checklist(ChecklistRule { items }));
    Some(Found::Rule(d))
}

/// 每少一项扣1分 after items of 1分 each says the same again.
fn consistent_each(t: &Text, d: &mut Draft, items: &[ChecklistItem]) {
    for (i, n) in t.nums.iter().enumerate() {
        if n.unit != Unit::Points || d.used.contains(&i) {
            continue;
        }
        let each = t.has("每", n.start.saturating_sub(8), n.start);
        if each && items.iter().all(|it| it.points == n.value) {
            d.used.push(i);
        }
    }
}

/// Items written one to a clause as 目标明确（1分）, with no numbers.
pub(super) fn labelled(t: &Text) -> Option<Found> {
    let mut d = Draft::default();
    let mut items = Vec::new();
    let mut pending: Option<usize> = None;
    for &(a, b) in t.clauses() {
        if t.has_any(&["每", "扣", "未", "不"], a, b) {
            return None;
        }
        let start = pending.unwrap_or(a);
        match of_clause(t, a, b) {
            Some((Points::Value(i), at)) => {
                let n = t.nums[i];
                if t.nums_in(start, at).any(|(j, _)| j != i) {
                    return None;
                }
                let text = label(t, start, at);
                if text.is_empty() {
                    return None;
                }
                d.param(t, format!("第{}项", items.len() + 1), i, n.value, How::Written);
                items.push(ChecklistItem { label: text, points: n.value });
                pending = None;
            }
            Some(_) => return None,
            None if t.nums_in(a, b).next().is_some() => return None,
            None => pending = Some(start),
        }
    }
    if items.len() < 2 {
        return None;
    }
    d.rule = Some(Rule::Checklist(ChecklistRule { items }));
    Some(Found::Rule(d))
}

const NEGATIVE: [&str; 10] = ["未", "没有", "无", "不", "否", "若未", "如未", "否则", "逾期未", "凡未"];

/// 完成…得2分，未…扣2分 / 不得分.
pub(super) fn binary(t: &Text, _ctx: &Context) -> Option<Found> {
    let mut positive = None;
    let mut negative = None;
    for &(a, b) in t.clauses() {
        let Some((points, at)) = of_clause(t, a, b) else { continue };
        let neg = NEGATIVE.iter().any(|w| t.at(a, w)) || t.has("否则", a, b);
        match (neg, points) {
            (false, Points::Value(_) | Points::Full(..)) if positive.is_none() => positive = Some((a, at)),
            (true, Points::Less(_) | Points::Zero(..)) if negative.is_none() => negative = Some(points),
            _ => return None,
        }
    }
    let (_, negative) = (positive?, negative?);
    let mut d = Draft::default();
    let deduct = match negative {
        Points::Less(i) => {
            d.param(t, "未完成扣分", i, t.nums[i].value, How::Written);
            Some(t.nums[i].value)
        }
        Points::Zero(x, y) => {
            super::points::mark_zero(t, &mut d, (x, y));
            d.word_param(t, "未完成得分", (x, y), rust_decimal::Decimal::ZERO, How::Nothing);
            None
        }
        _ => return None,
    };
    d.rule = Some(Rule::Binary(BinaryRule { deduct }));
    Some(Found::Rule(d))
}
