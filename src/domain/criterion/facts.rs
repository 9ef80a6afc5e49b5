//! What a criterion states besides its rule: the full mark (得3分), the target it names
//! (完成120家), and settings of the whole table (完成值超过指标值30%及以上的减2分; 执行率70%–80%
//! 的，自评不超过89分).

use super::points::{Points, of_clause};
use super::text::{Num, Text, Unit};
use super::{Modifier, Span};
use crate::domain::rule::RuleKind;
use crate::domain::template::{CapRung, OverachievementPenalty};
use rust_decimal::Decimal;

/// The full mark a criterion names: the largest 得N分 / 计N分 outside clauses about each
/// period or each step (每月一次计0.5分 names a per-period amount, not the mark).
pub fn full_mark(criterion: &str) -> Option<Decimal> {
    let t = Text::new(criterion);
    full_mark_num(&t).map(|i| t.nums[i].value)
}

pub(super) fn full_mark_num(t: &Text) -> Option<usize> {
    let mut best: Option<usize> = None;
    for &(a, b) in t.clauses() {
        if t.has("每", a, b) {
            continue;
        }
        for (i, n) in t.nums_in(a, b) {
            let named = n.unit == Unit::Points && n.start > a && matches!(t.chars[n.start - 1], '得' | '计');
            if named && best.is_none_or(|j| t.nums[j].value < n.value) {
                best = Some(i);
            }
        }
    }
    best
}

/// The target a criterion names for rules that compare with one: 完成120家得3分, 控制率≤100%，计5分.
pub(super) fn named_target<'t>(t: &'t Text, kind: RuleKind) -> Option<&'t Num> {
    use RuleKind::*;
    if !matches!(kind, Shortfall | Excess | Binary | Proportional | Reverse | Count) {
        return None;
    }
    let clauses = t.clauses();
    for (k, &(a, b)) in clauses.iter().enumerate() {
        if t.has("每", a, b) {
            continue;
        }
        let Some((Points::Value(_) | Points::Full(..), at)) = of_clause(t, a, b) else { continue };
        // 在职人员控制率≤100%，计5分: the condition is the clause before.
        let (start, end) = if at == a && k > 0 { clauses[k - 1] } else { (a, at) };
        let candidate = t.nums_in(start, end).map(|(_, n)| n).filter(|n| {
            !matches!(
                n.unit,
                Unit::Points
                    | Unit::Days
                    | Unit::Weeks
                    | Unit::Months
                    | Unit::MonthOfYear
                    | Unit::Years
                    | Unit::Quarters
            )
        });
        return candidate.last();
    }
    None
}

fn points_after(t: &Text, from: usize, to: usize) -> Option<usize> {
    t.nums_in(from, to)
        .find(|(_, n)| n.unit == Unit::Points && n.start > 0 && "减扣".contains(t.chars[n.start - 1]))
        .map(|(i, _)| i)
}

/// Settings of the whole table the text states.
pub(super) fn modifiers(t: &Text) -> Vec<(Modifier, Span)> {
    let mut out = Vec::new();
    let clauses = t.clauses();
    for (k, &(a, b)) in clauses.iter().enumerate() {
        let next_end = clauses.get(k + 1).map_or(b, |c| c.1);
        // 完成值超过指标值30%及以上的，减2分
        if t.has_any(&["完成值", "实际完成", "完成数"], a, b)
            && !t.has("每", a, b)
            && let Some(over) = ["超过", "超出", "高于"].iter().find_map(|w| t.find(w, a, b))
            && let Some((_, pct)) = t.nums_in(over, b).find(|(_, n)| n.unit == Unit::Percent)
            && let Some(ded) = points_after(t, pct.unit_end, next_end)
        {
            let deduct = t.nums[ded].value;
            out.push((
                Modifier::Overachievement(OverachievementPenalty { over_percent: pct.value, deduct }),
                t.span(a, t.nums[ded].unit_end),
            ));
        }
        // 执行率70%–80%的，自评不超过89分 / 执行率低于60%的，不超过69分
        if t.has("执行率", a, b)
            && let Some(cap_at) =
                ["不超过", "不得超过", "不高于", "最高", "最多"].iter().find_map(|w| t.find(w, a, next_end))
            && let Some((_, cap)) = t.nums_in(cap_at, next_end).find(|(_, n)| n.unit == Unit::Points)
        {
            let pcts: Vec<&Num> = t
                .nums_in(a, cap_at)
                .map(|(_, n)| n)
                .filter(|n| n.unit == Unit::Percent || n.unit == Unit::None)
                .collect();
            let below = match pcts.as_slice() {
                [_, hi] => Some(hi.value),
                [one] if t.has_any(&["低于", "小于", "不足", "以下"], a, cap_at) => Some(one.value),
                _ => None,
            };
            if let Some(below_percent) = below {
                let rung = CapRung { below_percent, cap: cap.value };
                let span = t.span(a, cap.unit_end);
                match out.iter_mut().find(|(m, _)| matches!(m, Modifier::ExecutionCap(_))) {
                    Some((Modifier::ExecutionCap(rungs), _)) => rungs.push(rung),
                    _ => out.push((Modifier::ExecutionCap(vec![rung]), span)),
                }
            }
        }
    }
    out
}
