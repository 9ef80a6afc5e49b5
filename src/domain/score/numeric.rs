//! Rules on two numbers, target A and actual B: shortfall, excess, proportional,
//! reverse, bands and count.

use super::error::RuleError;
use super::{Outcome, RuleInput};
use crate::domain::number::{Plain, plain};
use crate::domain::rule::{BandOp, BandsRule, CountKind, CountRule, ExcessRule, Measure, StepRule};
use crate::domain::value::{Pair, Unit, Value, comparable};
use rust_decimal::Decimal;

/// Target and actual as numbers in one unit, or why not. Two equal words (预算内 / 预算内)
/// are reported as `Ok(None)`: the actual states the target was met.
pub(super) fn pair(input: &RuleInput, rule: &'static str) -> Result<Option<Pair>, RuleError> {
    match (input.target, input.actual) {
        (_, Value::Empty) => Err(RuleError::MissingActual),
        (Value::Empty, _) => Err(RuleError::MissingTarget),
        (Value::Number(t), Value::Number(a)) => Ok(Some(comparable(t, a)?)),
        (Value::Word(t), Value::Word(a)) if t == a => Ok(None),
        (Value::Number(_), _) => {
            Err(RuleError::NotNumber { which: "实际完成值", text: input.actual_text.to_string(), rule })
        }
        _ => Err(RuleError::NotNumber { which: "年度指标值", text: input.target_text.to_string(), rule }),
    }
}

fn words_met(input: &RuleInput) -> Outcome {
    Outcome::full(input.weight, format!("实际完成值与指标值一致（{}）", input.actual_text))
}

/// A difference in the pair's unit: `2家`, `2个百分点`, `1.46亿元`.
pub(super) fn quantity(d: Decimal, unit: &Unit) -> String {
    match unit {
        Unit::Percent => format!("{}个百分点", plain(d)),
        u => format!("{}{}", plain(d), u.label()),
    }
}

fn value(d: Decimal, unit: &Unit) -> String {
    format!("{}{}", plain(d), unit.label())
}

/// The deduction for a gap under a step rule, and the words that show the sum.
fn stepped(
    gap: Decimal,
    step: Decimal,
    deduct: Decimal,
    whole: bool,
    gap_text: &str,
    step_text: &str,
) -> (Decimal, String) {
    if whole {
        let steps = (gap / step).floor();
        if steps.is_zero() {
            return (Decimal::ZERO, format!("{gap_text}，不足{step_text}一档，不扣分"));
        }
        let lost = steps * deduct;
        (lost, format!("{gap_text}，满{step_text}计{}档 × {} = 扣{}分", Plain(steps), Plain(deduct), Plain(lost)))
    } else if step == Decimal::ONE {
        let lost = gap * deduct;
        (lost, format!("{gap_text} × {} = 扣{}分", Plain(deduct), Plain(lost)))
    } else {
        let lost = gap / step * deduct;
        (
            lost,
            format!(
                "{gap_text}，每{step_text}扣{}分：{} ÷ {} × {} = 扣{}分",
                Plain(deduct),
                Plain(gap),
                Plain(step),
                Plain(deduct),
                Plain(lost.round_dp(4))
            ),
        )
    }
}

fn check_step(step: Decimal) -> Result<(), RuleError> {
    if step <= Decimal::ZERO {
        return Err(RuleError::BadParams("“每X”必须大于 0"));
    }
    Ok(())
}

pub(super) fn shortfall(r: &StepRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    check_step(r.step)?;
    let Some(p) = pair(input, "不足扣分")? else { return Ok(words_met(input)) };
    if p.actual >= p.target {
        return Ok(Outcome::full(
            input.weight,
            format!("完成{} ≥ 指标{}", value(p.actual, &p.unit), value(p.target, &p.unit)),
        ));
    }
    let gap = p.target - p.actual;
    let (lost, text) = stepped(
        gap,
        r.step,
        r.deduct,
        r.whole_steps,
        &format!("少{}", quantity(gap, &p.unit)),
        &quantity(r.step, &p.unit),
    );
    Ok(Outcome::lost(input.weight, lost, text))
}

pub(super) fn excess(r: &ExcessRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    check_step(r.step)?;
    let Some(p) = pair(input, "超出扣分")? else { return Ok(words_met(input)) };
    if p.actual <= p.target {
        return Ok(Outcome::full(
            input.weight,
            format!("实际{} ≤ 指标{}", value(p.actual, &p.unit), value(p.target, &p.unit)),
        ));
    }
    let over = p.actual - p.target;
    let (gap, gap_text, step_text) = if r.relative {
        if p.target.is_zero() {
            return Err(RuleError::ZeroTarget);
        }
        let pct = over / p.target * Decimal::ONE_HUNDRED;
        (
            pct,
            format!("超出{}%（{} 比 {}）", Plain(pct.round_dp(2)), value(p.actual, &p.unit), value(p.target, &p.unit)),
            format!("{}%", Plain(r.step)),
        )
    } else {
        (over, format!("超出{}", quantity(over, &p.unit)), quantity(r.step, &p.unit))
    };
    let (lost, text) = stepped(gap, r.step, r.deduct, r.whole_steps, &gap_text, &step_text);
    Ok(Outcome::lost(input.weight, lost, text))
}

pub(super) fn proportional(input: &RuleInput) -> Result<Outcome, RuleError> {
    let Some(p) = pair(input, "按比例")? else { return Ok(words_met(input)) };
    if p.actual >= p.target {
        return Ok(Outcome::full(
            input.weight,
            format!("完成{} ≥ 指标{}", value(p.actual, &p.unit), value(p.target, &p.unit)),
        ));
    }
    if p.target.is_zero() {
        return Err(RuleError::ZeroTarget);
    }
    let raw = input.weight * p.actual / p.target;
    Ok(Outcome::raw(
        raw,
        format!("{} × {} ÷ {} = {}分", Plain(input.weight), Plain(p.actual), Plain(p.target), Plain(raw.round_dp(4))),
    ))
}

pub(super) fn reverse(input: &RuleInput) -> Result<Outcome, RuleError> {
    let Some(p) = pair(input, "反向比例")? else { return Ok(words_met(input)) };
    if p.actual <= p.target {
        return Ok(Outcome::full(
            input.weight,
            format!("实际{} ≤ 指标{}", value(p.actual, &p.unit), value(p.target, &p.unit)),
        ));
    }
    if p.actual.is_zero() {
        return Err(RuleError::ZeroActual);
    }
    let raw = input.weight * p.target / p.actual;
    Ok(Outcome::raw(
        raw,
        format!("{} × {} ÷ {} = {}分", Plain(input.weight), Plain(p.target), Plain(p.actual), Plain(raw.round_dp(4))),
    ))
}

/// 正向 or 反向 by the row's 指标性质 (else by the target's operator): ≥ and = are scored
/// as 正向 (B/A), ≤ as 反向 (A/B).
pub(super) fn directional(input: &RuleInput) -> Result<Outcome, RuleError> {
    use crate::domain::nature::Nature;
    use crate::domain::value::Bound;
    let bound = input.target.as_number().and_then(|n| n.bound);
    let is_reverse = match (bound, input.nature) {
        (Some(Bound::AtMost), _) => true,
        (Some(Bound::AtLeast), _) | (None, Some(Nature::Equal)) => false,
        _ if matches!(input.target, Value::Word(_)) && matches!(input.actual, Value::Word(_)) => false,
        _ if matches!(input.target, Value::Number(_)) => {
            return Err(RuleError::NoDirection(input.target_text.to_string()));
        }
        _ => false,
    };
    let outcome = if is_reverse { reverse(input)? } else { proportional(input)? };
    let side = if is_reverse { "反向指标" } else { "正向指标" };
    Ok(Outcome { raw: outcome.raw, explanation: format!("{side}：{}", outcome.explanation) })
}

fn holds(op: BandOp, inclusive: bool, x: Decimal, bound: Decimal) -> bool {
    match (op, inclusive) {
        (BandOp::AtLeast, true) => x >= bound,
        (BandOp::AtLeast, false) => x > bound,
        (BandOp::AtMost, true) => x <= bound,
        (BandOp::AtMost, false) => x < bound,
        (BandOp::Within, true) => x.abs() <= bound,
        (BandOp::Within, false) => x.abs() < bound,
    }
}

pub(super) fn bands(r: &BandsRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    let (x, unit) = match r.measure {
        Measure::Actual => match input.actual {
            Value::Number(n) => (n.value, n.unit.clone()),
            Value::Empty => return Err(RuleError::MissingActual),
            _ => {
                return Err(RuleError::NotNumber {
                    which: "实际完成值",
                    text: input.actual_text.to_string(),
                    rule: "分档计分",
                });
            }
        },
        Measure::Deviation | Measure::RelativeDeviation => {
            let Some(p) = pair(input, "分档计分")? else { return Ok(words_met(input)) };
            let dev = p.actual - p.target;
            if r.measure == Measure::Deviation {
                (dev, p.unit)
            } else if p.target.is_zero() {
                return Err(RuleError::ZeroTarget);
            } else {
                (dev / p.target * Decimal::ONE_HUNDRED, Unit::Percent)
            }
        }
    };
    let shown = format!("{}{}", r.measure.label(), value(x.round_dp(2), &unit));
    match r.bands.iter().find(|b| holds(b.op, b.inclusive, x, b.bound)) {
        Some(b) => Ok(Outcome::raw(
            b.points,
            format!("{shown} {} {}{}，计{}分", b.op.symbol(b.inclusive), Plain(b.bound), unit.label(), Plain(b.points)),
        )),
        None => Ok(Outcome::raw(r.otherwise, format!("{shown} 不在任何一档，计{}分", Plain(r.otherwise)))),
    }
}

pub(super) fn count(r: &CountRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    let Some(p) = pair(input, "次数扣分")? else { return Ok(words_met(input)) };
    let (n, what) = match r.counts {
        CountKind::Missed => (p.target - p.actual, "未完成"),
        CountKind::Violations => (p.actual - p.target, "不符合要求"),
    };
    if n <= Decimal::ZERO {
        let text = match r.counts {
            CountKind::Missed => format!("完成{}，达到指标{}", value(p.actual, &p.unit), value(p.target, &p.unit)),
            CountKind::Violations => "未出现不符合要求的情况".to_string(),
        };
        return Ok(Outcome::full(input.weight, text));
    }
    let lost = n * r.per;
    let times = if p.unit == Unit::None { format!("{}次", Plain(n)) } else { quantity(n, &p.unit) };
    Ok(Outcome::lost(input.weight, lost, format!("{what}{times} × {} = 扣{}分", Plain(r.per), Plain(lost))))
}
