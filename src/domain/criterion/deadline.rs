//! 时限: 按时完成得满分，超1个月内扣2分，超3个月扣5分 · 逾期1个月以内扣1分，1-3个月扣2分，3个月以上
//! 不得分 · 每逾期1天扣2分 · 未按时完成不得分.

use super::points::{Points, of_clause};
use super::text::{Text, Unit};
use super::{Context, Draft, Found, How, cannot};
use crate::domain::rule::{DeadlineRule, Rule, Rung};
use crate::domain::value::Value;
use rust_decimal::Decimal;

const LATE: [&str; 11] = ["逾期", "超期", "延期", "推迟", "延迟", "滞后", "超时", "迟交", "迟报", "晚于", "拖延"];
const ON_TIME: [&str; 5] = ["按时", "按期", "如期", "及时", "规定时间内"];
const NOT_ON_TIME: [&str; 6] = ["未按时", "未按期", "未如期", "未及时", "不按时", "没有按时"];
/// The most rungs a per-day rule becomes before it is better scored by hand.
const MAX_RUNGS: u32 = 60;

fn is_time(u: Unit) -> bool {
    matches!(u, Unit::Days | Unit::Weeks | Unit::Months)
}

fn days(t: &Text, d: &mut Draft, i: usize, name: &str) -> u32 {
    let n = t.nums[i];
    let (per, how) = match n.unit {
        Unit::Months => (30, How::Months),
        Unit::Weeks => (7, How::Weeks),
        _ => (1, How::Written),
    };
    let v = n.value.trunc();
    let days = u32::try_from(v.mantissa()).unwrap_or(u32::MAX / 31).saturating_mul(per);
    d.param(t, name, i, Decimal::from(days), how);
    days
}

/// One rung as written: more than `lower`, at most `upper` (days), and the points lost.
struct Written {
    lower: Option<u32>,
    upper: Option<u32>,
    deduct: Decimal,
}

pub(super) fn read(t: &Text, ctx: &Context) -> Option<Found> {
    let whole = (0, t.len());
    let time_nums = t.nums.iter().any(|n| is_time(n.unit));
    let late = (t.has_any(&LATE, whole.0, whole.1) || t.has("超", whole.0, whole.1)) && time_nums
        || t.has_any(&LATE, whole.0, whole.1) && t.has_any(&["每天", "每日", "天", "个月", "每周"], whole.0, whole.1);
    let dated = matches!(ctx.target_value(), Some(Value::Date(_) | Value::MonthDay(_)));
    let on_time = t.has_any(&ON_TIME, whole.0, whole.1) && t.has("完成", whole.0, whole.1);
    let not_on_time = t.has_any(&NOT_ON_TIME, whole.0, whole.1) || t.has_any(&LATE, whole.0, whole.1);
    if !late && !(on_time && (dated || not_on_time)) && !(dated && not_on_time) {
        return None;
    }
    let mut d = Draft::default();
    let mut rungs: Vec<Written> = Vec::new();
    for &(a, b) in t.clauses() {
        let Some((points, at)) = of_clause(t, a, b) else { continue };
        let negative = t.has_any(&LATE, a, b) || t.has_any(&NOT_ON_TIME, a, b) || t.has("超", a, at);
        if !negative {
            continue;
        }
        let n = rungs.len() + 1;
        if t.has("每", a, at) {
            return Some(per_unit(t, ctx, &mut d, a, at, points));
        }
        let deduct = match points {
            Points::Less(i) => {
                d.param(t, format!("第{n}档扣分"), i, t.nums[i].value, How::Written);
                t.nums[i].value
            }
            Points::Zero(x, y) => match ctx.weight {
                Some(w) => {
                    super::points::mark_zero(t, &mut d, (x, y));
                    d.word_param(t, format!("第{n}档扣分"), (x, y), w, How::Weight);
                    w
                }
                None => return Some(cannot("“不得分”即扣去全部分值：需要先填写分值", Some(t.span(a, b)))),
            },
            Points::Full(..) => Decimal::ZERO,
            Points::Value(i) => match ctx.weight {
                Some(w) => {
                    let v = (w - t.nums[i].value).max(Decimal::ZERO);
                    d.param(t, format!("第{n}档扣分"), i, v, How::WeightLess);
                    v
                }
                None => return Some(cannot("逾期后的得分需要分值才能换算成扣分", Some(t.span(a, b)))),
            },
        };
        let times: Vec<usize> = t.nums_in(a, at).filter(|(_, n)| is_time(n.unit)).map(|(i, _)| i).collect();
        let rung = match times.as_slice() {
            [] => Written { lower: None, upper: None, deduct },
            [lo, hi] => {
                let lower = days(t, &mut d, *lo, &format!("第{n}档逾期超过"));
                let upper = days(t, &mut d, *hi, &format!("第{n}档至多"));
                Written { lower: Some(lower), upper: Some(upper), deduct }
            }
            [one, ..] => {
                let after = t.nums[*one].unit_end;
                let within = ["内", "以内", "之内", "(含)"].iter().any(|w| t.at(after, w));
                let over = ["以上", "及以上", "后"].iter().any(|w| t.at(after, w));
                if within && !over {
                    Written { lower: None, upper: Some(days(t, &mut d, *one, &format!("第{n}档至多"))), deduct }
                } else {
                    Written {
                        lower: Some(days(t, &mut d, *one, &format!("第{n}档逾期超过"))), upper: None, deduct
                    }
                }
            }
        };
        rungs.push(rung);
    }
    if rungs.is_empty() {
        return Some(cannot("写明了按时完成得满分，未写明逾期怎样扣分", None));
    }
    let mut ladder: Vec<Rung> = Vec::new();
    let mut prev_end = 0;
    for (k, r) in rungs.iter().enumerate() {
        let over = r.lower.unwrap_or(prev_end);
        let up_to = match (r.upper, r.lower) {
            (Some(u), _) => Some(u),
            (None, Some(_)) => rungs.get(k + 1).and_then(|n| n.lower),
            (None, None) => None,
        };
        if up_to.is_some_and(|u| u <= over) {
            return Some(cannot("逾期的档次前后不一致，需人工判断", None));
        }
        if over > prev_end {
            d.remarks.push(format!("逾期{}–{}天未写明扣分：该段逾期须人工评分", prev_end + 1, over));
        }
        prev_end = up_to.unwrap_or(over);
        ladder.push(Rung { over_days: over, up_to_days: up_to, deduct: r.deduct });
    }
    d.rule = Some(Rule::Deadline(DeadlineRule { ladder }));
    Some(Found::Rule(d))
}

/// 每逾期1天扣2分: a rung per day (or month) until the weight is gone.
fn per_unit(t: &Text, ctx: &Context, d: &mut Draft, a: usize, at: usize, points: Points) -> Found {
    let Points::Less(i) = points else {
        return cannot("“每逾期…”之后应为“扣N分”", Some(t.span(a, at)));
    };
    let per = t.nums[i].value;
    d.param(t, "每次扣分", i, per, How::Written);
    let unit = match t.nums_in(a, at).find(|(_, n)| is_time(n.unit)) {
        Some((j, _)) => days(t, d, j, "每逾期"),
        None => match ["天", "日", "个月", "月", "周"].iter().find_map(|w| t.find(w, a, at).map(|p| (w, p))) {
            Some((w, p)) => {
                let (unit, how) = match *w {
                    "个月" | "月" => (30, How::Months),
                    "周" => (7, How::Weeks),
                    _ => (1, How::One),
                };
                d.word_param(t, "每逾期", (p, p + w.chars().count()), Decimal::from(unit), how);
                unit
            }
            None => return cannot("“每逾期”之后未写明天数或月数", Some(t.span(a, at))),
        },
    };
    if unit > 1 {
        d.doubts.push("未写明不足一个月（或一周）怎样计：按开始的每一个月扣分".into());
    }
    let Some(weight) = ctx.weight.filter(|w| *w > Decimal::ZERO) else {
        return cannot("按逾期天数扣分：需要先填写分值，才知道扣到第几天为止", Some(t.span(a, at)));
    };
    if per <= Decimal::ZERO {
        return cannot("每次扣分为 0", Some(t.span(a, at)));
    }
    let steps = (weight / per).ceil();
    if steps > Decimal::from(MAX_RUNGS) {
        return cannot("按逾期天数扣分的档次太多，建议人工评分", Some(t.span(a, at)));
    }
    let steps = u32::try_from(steps.mantissa()).unwrap_or(MAX_RUNGS);
    let ladder = (1..=steps)
        .map(|k| Rung {
            over_days: (k - 1) * unit,
            up_to_days: (k < steps).then_some(k * unit),
            deduct: (per * Decimal::from(k)).min(weight),
        })
        .collect();
    d.rule = Some(Rule::Deadline(DeadlineRule { ladder }));
    Found::Rule(std::mem::take(d))
}
