//! 每…扣…分: shortfall (每少一家扣0.05分, 每下降1%扣0.2分, 每低于5%扣2分), excess (每超过一个
//! 百分点扣0.5分, 每超出成本10%扣1分) and count (每月未完成扣0.5分, 每出现一例不符合要求的扣1分).

use super::points::{Points, of_clause};
use super::text::{Num, Text, Unit};
use super::{Alternative, Context, Draft, Found, How, cannot};
use crate::domain::rule::{CountKind, CountRule, ExcessRule, Rule, StepRule};
use crate::domain::value::{Unit as ValueUnit, Value};
use rust_decimal::Decimal;

const SHORT: [&str; 13] =
    ["少完成", "未完成", "减少", "下降", "降低", "低于", "不足", "少", "低", "差", "缺", "减", "欠"];
const OVER: [&str; 8] = ["超过", "超出", "超支", "高于", "增加", "增长", "超", "多"];
const EVENTS: [&str; 8] = ["出现", "发生", "发现", "查出", "存在", "有", "漏报", "违反"];
const EVENT_COUNTERS: &str = "例起次处项个条笔宗件种人";
const PERIODS: [(&str, u32); 7] =
    [("个月", 12), ("月", 12), ("个季度", 4), ("季度", 4), ("季", 4), ("半年", 2), ("周", 52)];
/// Words near a percentage that make it a share of the target (每超出成本10%).
const OF_TARGET: [&str; 8] = ["成本", "预算", "经费", "指标值的", "目标值的", "计划的", "标准的", "计划数"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Short,
    Over,
    Period(u32),
    Event,
}

/// One 每…扣N分 clause.
struct Step {
    way: Way,
    /// The step's number (`None`: 每家, one).
    step: Option<usize>,
    /// Characters of the word that stands for the step when there is no number.
    word: (usize, usize),
    deduct: usize,
    start: usize,
    end: usize,
}

fn starts_any(t: &Text, at: usize, words: &[&str]) -> Option<usize> {
    words.iter().find(|w| t.at(at, w)).map(|w| w.chars().count())
}

/// Reads one clause holding 每 … 扣N分.
fn step_in(t: &Text, start: usize, end: usize) -> Option<Result<Step, &'static str>> {
    let every = t.find("每", start, end)?;
    let (Points::Less(deduct), at) = of_clause(t, every, end)? else { return None };
    let window = (every + 1, at);
    if t.has("相差", start, end) {
        return Some(Err("“相差”：完成值高于或低于指标值都扣分，jixiao 的规则只在一个方向扣分"));
    }
    let mut i = window.0;
    // 每个月 / 每季度 未完成: periods.
    if let Some(n) = PERIODS.iter().find(|(w, _)| t.at(i, w)).filter(|(w, _)| {
        let after = i + w.chars().count();
        t.has_any(&["未", "没有", "不", "缺"], after, window.1)
    }) {
        let len = n.0.chars().count();
        return Some(Ok(Step { way: Way::Period(n.1), step: None, word: (i, i + len), deduct, start, end }));
    }
    // Words before the verb: 每比目标少一家.
    let mut way = None;
    while i < window.1 {
        if let Some(len) = starts_any(t, i, &EVENTS) {
            way = Some((Way::Event, i + len));
            break;
        }
        if let Some(len) = starts_any(t, i, &SHORT) {
            way = Some((Way::Short, i + len));
            break;
        }
        if let Some(len) = starts_any(t, i, &OVER) {
            way = Some((Way::Over, i + len));
            break;
        }
        if EVENT_COUNTERS.contains(t.chars[i]) && i == window.0 {
            // 每次扣1分, 每例扣1分: per occurrence.
            return Some(Ok(Step { way: Way::Event, step: None, word: (every, i + 1), deduct, start, end }));
        }
        i += 1;
    }
    let (mut way, verb_end) = match way {
        Some(w) => w,
        None if window.1 > window.0 && "家个项人次".contains(t.chars[window.0]) => {
            // 每家扣0.1分 after 少完成的: the verb is before 每.
            let before = t.slice(start.saturating_sub(12), every);
            let w = if OVER.iter().any(|v| before.contains(v)) { Way::Over } else { Way::Short };
            return Some(Ok(Step { way: w, step: None, word: (every, window.0 + 1), deduct, start, end }));
        }
        None => return None,
    };
    let step = t.nums_in(verb_end, window.1).map(|(i, _)| i).next();
    if way == Way::Event && step.is_some_and(|s| t.nums[s].unit == Unit::Points) {
        return None;
    }
    // 每发现一处记录不规范: an event; 每有一家未完成: still events.
    if way == Way::Short && t.has_any(&["不符合", "违规", "违反", "事故", "问题"], start, end) {
        way = Way::Event;
    }
    Some(Ok(Step { way, step, word: (every, verb_end), deduct, start, end }))
}

/// The target as a number, if it is one.
fn target_number<'a>(ctx: &Context<'a>) -> Option<&'a crate::domain::value::Number> {
    ctx.target_value().and_then(Value::as_number)
}

pub(super) fn read(t: &Text, ctx: &Context) -> Option<Found> {
    let mut found: Vec<Step> = Vec::new();
    let clauses = t.clauses();
    for (k, &(a, b)) in clauses.iter().enumerate() {
        // 每相差3%，扣1分: the deduction may be in the next clause.
        let b = match clauses.get(k + 1) {
            Some(&(_, next)) if t.has("每", a, b) && of_clause(t, a, b).is_none() => next,
            _ => b,
        };
        match step_in(t, a, b) {
            Some(Ok(s)) => found.push(s),
            Some(Err(why)) => return Some(cannot(why, Some(t.span(a, b)))),
            None => {}
        }
    }
    let s = found.first()?;
    if found.len() > 1 {
        let same = found.iter().all(|o| o.way == s.way && t.nums[o.deduct].value == t.nums[s.deduct].value);
        if !same {
            return Some(cannot("评分标准写了不止一种扣分办法，需人工判断或改用人工评分", None));
        }
    }
    let mut d = Draft::default();
    let deduct = t.nums[s.deduct].value;
    d.param(t, "扣分", s.deduct, deduct, How::Written);
    let rule = match s.way {
        Way::Period(periods) => {
            d.word_param(t, "期数", s.word, Decimal::from(periods), How::Periods);
            // 每月一次计0.5分: the per-period amount, said again.
            for (i, n) in t.nums.iter().enumerate() {
                if n.unit == Unit::Points && i != s.deduct && t.has("每", n.start.saturating_sub(12), n.start) {
                    d.used.push(i);
                    if n.value != deduct {
                        d.doubts.push(format!(
                            "每期计{}分，每期未完成扣{}分：两者不同",
                            n.value.normalize(),
                            deduct.normalize()
                        ));
                    }
                }
            }
            Rule::Count(CountRule { per: deduct, periods: Some(periods), counts: CountKind::Missed })
        }
        Way::Event => Rule::Count(CountRule { per: deduct, periods: None, counts: CountKind::Violations }),
        Way::Short | Way::Over => match step_rule(t, ctx, s, &mut d, deduct) {
            Ok(rule) => rule,
            Err(why) => return Some(cannot(why, Some(t.span(s.start, s.end)))),
        },
    };
    caps(t, ctx, &mut d);
    d.rule = Some(rule);
    Some(Found::Rule(d))
}

/// 扣满15分为止: at most that many points are lost.
fn caps(t: &Text, ctx: &Context, d: &mut Draft) {
    let Some(i) = t.find("扣满", 0, t.len()) else { return };
    let Some((idx, n)) = t.nums_in(i, t.len()).find(|(_, n)| n.unit == Unit::Points) else { return };
    d.used.push(idx);
    match ctx.weight {
        Some(w) if n.value < w => d.doubts.push(format!(
            "“扣满{}分为止”：最多扣{}分，而分值为{}分；jixiao 按扣完为止计",
            n.value.normalize(),
            n.value.normalize(),
            w.normalize()
        )),
        _ => {}
    }
}

fn step_rule(t: &Text, ctx: &Context, s: &Step, d: &mut Draft, deduct: Decimal) -> Result<Rule, &'static str> {
    let target = target_number(ctx);
    let (step, unit) = match s.step {
        Some(i) => {
            let n: Num = t.nums[i];
            let (value, how) = match (n.unit, target.map(|t| &t.unit)) {
                (Unit::Money(from), Some(&ValueUnit::Money(to))) if from != to => {
                    let factor = from.in_wan() / to.in_wan();
                    (n.value * factor, How::Converted(factor))
                }
                _ => (n.value, How::Written),
            };
            d.param(t, if s.way == Way::Short { "每少" } else { "每超出" }, i, value, how);
            (value, n.unit)
        }
        None => {
            d.word_param(t, if s.way == Way::Short { "每少" } else { "每超出" }, s.word, Decimal::ONE, How::One);
            (Decimal::ONE, Unit::Count)
        }
    };
    if step.is_zero() {
        return Err("“每X”为 0，无法计算");
    }
    let target_percent = target.map(|t| t.unit == ValueUnit::Percent);
    let whole = whole_steps(t, s, step, d);
    if s.way == Way::Short {
        if unit == Unit::Percent && target_percent == Some(false) {
            return Err(
                "“每低于X%”按指标值的百分比扣分，而指标值不是百分比；jixiao 的不足扣分按指标值的单位计：请把指标值和完成值写成完成率（如100%、96%）",
            );
        }
        let rule = |whole_steps| Rule::Shortfall(StepRule { step, deduct, whole_steps });
        alternatives(d, whole, &rule);
        return Ok(rule(whole.unwrap_or(false)));
    }
    let named = t.has_any(&OF_TARGET, s.start, s.end);
    let relative = match (unit, target_percent) {
        (Unit::PercentPoint, _) => false,
        (Unit::Percent, Some(false)) => true,
        (Unit::Percent, _) if named => true,
        (Unit::Percent, Some(true)) => {
            // A rate: points of it; per cent of it only if the target is not 100 % (then they differ).
            let t100 = target.is_some_and(|t| t.value == Decimal::ONE_HUNDRED || t.value.is_zero());
            if !t100 {
                d.alternatives.push(Alternative {
                    rule: Rule::Excess(ExcessRule {
                        step,
                        deduct,
                        whole_steps: whole.unwrap_or(false),
                        relative: true,
                    }),
                    why: "“%”也可读作指标值的百分比".into(),
                });
            }
            false
        }
        (Unit::Percent, None) => {
            d.alternatives.push(Alternative {
                rule: Rule::Excess(ExcessRule { step, deduct, whole_steps: whole.unwrap_or(false), relative: true }),
                why: "“%”也可读作指标值的百分比".into(),
            });
            false
        }
        _ => false,
    };
    let rule = |whole_steps| Rule::Excess(ExcessRule { step, deduct, whole_steps, relative });
    alternatives(d, whole, &rule);
    Ok(rule(whole.unwrap_or(false)))
}

/// Whether only whole steps count: said (不足5%的不扣分), said otherwise (按比例), or, for a
/// step of more than one unit, open (`None`: both readings are offered).
fn whole_steps(t: &Text, s: &Step, step: Decimal, d: &mut Draft) -> Option<bool> {
    let all = (0, t.len());
    if t.has_any(&["按比例扣", "按比例计扣", "按实际比例"], all.0, all.1) {
        return Some(false);
    }
    if let Some(i) = t.find("不足", all.0, all.1)
        && !(s.word.0 <= i && i < s.word.1)
    {
        let rest = t.slice(i, (i + 12).min(t.len()));
        if rest.contains("不扣") || rest.contains("不计") {
            return Some(true);
        }
        if rest.contains("按") && rest.contains("计") {
            d.doubts.push("“不足一档按一档计”：jixiao 只能按比例或只计整档，请核对".into());
            return Some(false);
        }
    }
    if t.has_any(&["整档", "满一档"], all.0, all.1) {
        return Some(true);
    }
    (step == Decimal::ONE).then_some(false)
}

fn alternatives(d: &mut Draft, whole: Option<bool>, rule: &dyn Fn(bool) -> Rule) {
    if whole.is_none() {
        d.alternatives
            .push(Alternative {
                rule: rule(true), why: "未写明不足一档时怎样扣：也可只计整档，不足一档不扣".into()
            });
    }
}
