//! 分档: 重点支出安排率≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分 · 预算调整率=0，计3分；
//! 0-10%（含），计2分 · 满意度90%计10分，80%计8分 · 控制在±10%以内得5分.

use super::points::{Points, of_clause};
use super::text::{Text, Unit};
use super::{Context, Draft, Found, How, cannot};
use crate::domain::rule::{Band, BandOp, BandsRule, Measure, Rule};
use crate::domain::value::{Unit as ValueUnit, Value};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cond {
    AtLeast(usize, bool),
    AtMost(usize, bool),
    Equal(usize),
    Range { lo: usize, hi: usize, lo_incl: Option<bool>, hi_incl: Option<bool> },
    Within(usize, bool),
    Bare(usize),
}

const AT_LEAST: [(&str, bool); 7] = [
    ("大于等于", true),
    ("不低于", true),
    ("不少于", true),
    ("达到", true),
    ("高于", false),
    ("大于", false),
    ("超过", false),
];
const AT_MOST: [(&str, bool); 8] = [
    ("小于等于", true),
    ("不高于", true),
    ("不超过", true),
    ("不大于", true),
    ("低于", false),
    ("少于", false),
    ("小于", false),
    ("不足", false),
];

/// The inclusion marker written right after a number: (含) or (不含).
fn marker(t: &Text, at: usize) -> Option<bool> {
    if t.at(at, "(含)") || t.at(at, "含") {
        Some(true)
    } else if t.at(at, "(不含)") || t.at(at, "不含") {
        Some(false)
    } else {
        None
    }
}

fn marker_len(t: &Text, at: usize) -> usize {
    ["(不含)", "(含)", "不含", "含"].iter().find(|w| t.at(at, w)).map_or(0, |w| w.chars().count())
}

/// The operator written just before character `at` (skipping nothing but the words themselves).
fn op_before(t: &Text, start: usize, at: usize) -> Option<(bool, bool)> {
    // (at_least, inclusive)
    let c = (at > start).then(|| t.chars[at - 1]);
    match c {
        Some('≥') => return Some((true, true)),
        Some('>') => return Some((true, false)),
        Some('≤') => return Some((false, true)),
        Some('<') => return Some((false, false)),
        _ => {}
    }
    for (w, incl) in AT_LEAST {
        let n = w.chars().count();
        if at >= start + n && t.at(at - n, w) {
            return Some((true, incl));
        }
    }
    for (w, incl) in AT_MOST {
        let n = w.chars().count();
        if at >= start + n && t.at(at - n, w) {
            return Some((false, incl));
        }
    }
    None
}

/// The condition of a clause, in its part before the points.
fn condition(t: &Text, start: usize, end: usize) -> Option<Cond> {
    // A list number (1. 2、) is no bound.
    let listed = |n: &super::text::Num| n.start == start && matches!(t.chars.get(n.end), Some('.' | '、'));
    let nums: Vec<usize> =
        t.nums_in(start, end).filter(|(_, n)| n.unit != Unit::Points && !listed(n)).map(|(i, _)| i).collect();
    let first = *nums.first()?;
    let n1 = t.nums[first];
    // Bounds are written in digits; 少一个部门 is a step, not a bound.
    if nums.iter().any(|&i| !t.chars[t.nums[i].start].is_ascii_digit())
        || (n1.start > start && "少多缺差超".contains(t.chars[n1.start - 1]))
    {
        return None;
    }
    if t.has("±", start, n1.start + 1) {
        return Some(Cond::Within(first, !t.has("不含", start, end)));
    }
    if let Some(&second) = nums.get(1) {
        let n2 = t.nums[second];
        let m1 = marker(t, n1.unit_end);
        let between = n1.unit_end + marker_len(t, n1.unit_end);
        let gap = t.slice(between, n2.start);
        if matches!(gap.as_str(), "-" | "至" | "到" | "—" | "-至") {
            return Some(Cond::Range { lo: first, hi: second, lo_incl: m1, hi_incl: marker(t, n2.unit_end) });
        }
        // 80%≤满意度<90%
        if let (Some((false, lo_incl)), Some((false, hi_incl))) =
            (op_after(t, n1.unit_end, n2.start), op_before(t, n1.unit_end, n2.start))
        {
            return Some(Cond::Range { lo: first, hi: second, lo_incl: Some(lo_incl), hi_incl: Some(hi_incl) });
        }
        return None;
    }
    if let Some((least, incl)) = op_before(t, start, n1.start) {
        let incl = marker(t, n1.unit_end).unwrap_or(incl);
        return Some(if least { Cond::AtLeast(first, incl) } else { Cond::AtMost(first, incl) });
    }
    if n1.start > start && matches!(t.chars[n1.start - 1], '=' | '为') {
        return Some(Cond::Equal(first));
    }
    let after = n1.unit_end + marker_len(t, n1.unit_end);
    let incl = marker(t, n1.unit_end).unwrap_or(true);
    if t.at(after, "以上") || t.at(after, "及以上") {
        return Some(Cond::AtLeast(first, incl));
    }
    if t.at(after, "以下") || t.at(after, "及以下") || t.at(after, "以内") || t.at(after, "之内") {
        return Some(Cond::AtMost(first, incl));
    }
    Some(Cond::Bare(first))
}

/// `≤` or `<` written after a number and before a word: the lower end of 80%≤x<90%.
fn op_after(t: &Text, at: usize, limit: usize) -> Option<(bool, bool)> {
    match t.chars.get(at) {
        Some('≤') if at < limit => Some((false, true)),
        Some('<') if at < limit => Some((false, false)),
        _ => None,
    }
}

fn key(t: &Text, c: Cond) -> Decimal {
    let v = |i: usize| t.nums[i].value;
    match c {
        Cond::AtLeast(i, _) | Cond::AtMost(i, _) | Cond::Equal(i) | Cond::Within(i, _) | Cond::Bare(i) => v(i),
        Cond::Range { lo, hi, .. } => (v(lo) + v(hi)) / Decimal::TWO,
    }
}

pub(super) fn read(t: &Text, ctx: &Context) -> Option<Found> {
    let mut rows: Vec<(Cond, Points, (usize, usize))> = Vec::new();
    // A clause without points may hold the condition of the next: 预算调整率=0，计3分.
    let mut pending: Option<(usize, usize)> = None;
    for &(a, b) in t.clauses() {
        if t.has("每", a, b) {
            return None;
        }
        let Some((points, at)) = of_clause(t, a, b) else {
            pending = Some((a, b));
            continue;
        };
        let (ca, cb) = match pending.take() {
            Some(p) if t.nums_in(a, at).next().is_none() => p,
            _ => (a, at),
        };
        if super::grade::has_grade_word(t, ca, cb) {
            return None;
        }
        match condition(t, ca, cb) {
            Some(c) => rows.push((c, points, (ca, b))),
            None if rows.is_empty() => continue,
            None => return None,
        }
    }
    if rows.len() < 2 {
        return None;
    }
    let within = rows.iter().all(|(c, ..)| matches!(c, Cond::Within(..)))
        || rows[..rows.len() - 1].iter().all(|(c, ..)| matches!(c, Cond::Within(..)));
    let keys: Vec<Decimal> = rows.iter().map(|(c, ..)| key(t, *c)).collect();
    let explicit = rows.iter().find_map(|(c, ..)| match c {
        Cond::AtLeast(..) => Some(true),
        Cond::AtMost(..) => Some(false),
        _ => None,
    });
    // Higher is better when the bounds fall as the points fall (≥90 计5分, 80–90 计4分).
    let descending = if within {
        false
    } else if keys[0] != keys[1] {
        keys[0] > keys[1]
    } else {
        explicit.unwrap_or(true)
    };
    let mut d = Draft::default();
    let mut bands = Vec::new();
    let mut otherwise = None;
    let last = rows.len() - 1;
    for (n, (cond, points, span)) in rows.iter().enumerate() {
        let closing = n == last
            && n > 0
            && match cond {
                Cond::AtMost(..) => descending,
                Cond::AtLeast(..) => !descending,
                Cond::Within(..) => t.has_any(&["超过", "超出", "大于", "以上", "以外"], span.0, span.1),
                _ => t.has_any(&["其他", "其余", "否则"], span.0, span.1),
            };
        let name = if closing { "其余".to_string() } else { format!("第{}档", n + 1) };
        let Some(value) = points.value(t, &mut d, &format!("{name}计分"), ctx.weight) else {
            return Some(cannot("分档中写有“满分”或“扣N分”，需要先填写分值", Some(t.span(span.0, span.1))));
        };
        if closing {
            let prev = bands.last().map(|b: &Band| b.bound);
            let x = key(t, *cond);
            if prev.is_some_and(|p| p != x) {
                d.doubts.push(format!(
                    "{}与{}之间未写明得分",
                    crate::domain::number::plain(x),
                    crate::domain::number::plain(prev.unwrap_or_default())
                ));
            }
            mark_bound(t, &mut d, *cond);
            otherwise = Some(value);
            continue;
        }
        let (op, idx, incl) = match *cond {
            Cond::Within(i, incl) => (BandOp::Within, i, incl),
            Cond::AtLeast(i, incl) => (BandOp::AtLeast, i, incl),
            Cond::AtMost(i, incl) => (BandOp::AtMost, i, incl),
            Cond::Equal(i) | Cond::Bare(i) => (if descending { BandOp::AtLeast } else { BandOp::AtMost }, i, true),
            Cond::Range { lo, hi, lo_incl, hi_incl } => {
                if descending {
                    (BandOp::AtLeast, lo, lo_incl.unwrap_or(hi_incl != Some(true)))
                } else {
                    (BandOp::AtMost, hi, hi_incl.unwrap_or(lo_incl != Some(true)))
                }
            }
        };
        if (op == BandOp::AtLeast && !descending) || (op == BandOp::AtMost && descending) {
            return Some(cannot("分档的方向前后不一致，需人工判断", Some(t.span(span.0, span.1))));
        }
        let bound = t.nums[idx].value;
        d.param(t, format!("{name}界值"), idx, bound, How::Written);
        bands.push(Band { op, bound, inclusive: incl, points: value });
    }
    let otherwise = otherwise.unwrap_or_else(|| {
        d.doubts.push("未写明最低一档以外的得分，按0分计".into());
        Decimal::ZERO
    });
    let measure = measure(t, ctx, within, &mut d);
    d.rule = Some(Rule::Bands(BandsRule { measure, bands, otherwise }));
    Some(Found::Rule(d))
}

/// The closing clause's bound is consistent with the bands: record it as read.
fn mark_bound(t: &Text, d: &mut Draft, cond: Cond) {
    if let Cond::AtLeast(i, _) | Cond::AtMost(i, _) | Cond::Bare(i) = cond {
        d.used.push(i);
    }
    let _ = t;
}

/// What the bands compare: the actual itself, or its deviation from the target (±10%).
fn measure(t: &Text, ctx: &Context, within: bool, d: &mut Draft) -> Measure {
    let percent = t.nums.iter().any(|n| n.unit.is_percent());
    let target = ctx.target_value().and_then(Value::as_number);
    let deviation = t.has_any(&["偏差", "偏离", "差异", "增减"], 0, t.len());
    match (within || deviation, target) {
        (true, Some(n)) if n.unit != ValueUnit::Percent && percent => Measure::RelativeDeviation,
        (true, _) if deviation && !percent => Measure::Deviation,
        (true, None) if deviation => {
            d.doubts.push("按偏差率分档：请核对完成值是偏差率本身还是要与指标值比较".into());
            Measure::Actual
        }
        _ => {
            if percent && target.is_some_and(|n| n.unit != ValueUnit::Percent) {
                d.doubts.push("各档按百分比，而指标值不是百分比：请把完成值写成比率".into());
            }
            Measure::Actual
        }
    }
}
