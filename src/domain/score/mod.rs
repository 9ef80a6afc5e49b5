//! The scoring engine: every item's score from its rule, the total and the grade.
//!
//! Pure: it reads an [`Evaluation`] and returns a [`ScoreSheet`]. Item scores are
//! clamped to [0, weight] and rounded half away from zero to the template's places;
//! the total is the sum of the rounded item scores, then capped by the execution rate
//! if the template says so.

mod again;
mod change;
mod error;
mod funds;
mod grade;
mod numeric;
mod qualitative;

pub use again::score_again;
pub use change::total_change;
pub use error::RuleError;
pub use grade::Grade;
pub use qualitative::find_level;

use crate::domain::model::{Evaluation, Indicator};
use crate::domain::number::{Plain, fixed, round_half_up};
use crate::domain::rule::{GradeLevel, Rule};
use crate::domain::template::Template;
use crate::domain::value::{Value, comparable};
use rust_decimal::Decimal;

/// What one rule needs to score one row.
pub struct RuleInput<'a> {
    pub weight: Decimal,
    pub target: &'a Value,
    pub target_text: &'a str,
    pub actual: &'a Value,
    pub actual_text: &'a str,
    /// A score typed by hand: the input of manual and range-grade rules.
    pub typed_score: Option<Decimal>,
    /// The template's qualitative scale, for grade rules without their own.
    pub qualitative: &'a [GradeLevel],
    /// The evaluation's year: a deadline written without one (`9月前`, `年底前`) is in it.
    pub year: Option<i32>,
    /// The row's 指标性质, for the rule that goes by it.
    pub nature: Option<crate::domain::nature::Nature>,
}

/// A rule's unrounded, unclamped result and the sum that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub raw: Decimal,
    pub explanation: String,
}

impl Outcome {
    fn full(weight: Decimal, why: String) -> Outcome {
        Outcome { raw: weight, explanation: format!("{why}，得满分{}分", Plain(weight)) }
    }

    fn lost(weight: Decimal, lost: Decimal, explanation: String) -> Outcome {
        Outcome { raw: weight - lost, explanation }
    }

    fn raw(raw: Decimal, explanation: String) -> Outcome {
        Outcome { raw, explanation }
    }
}

/// Applies one rule. The result is not yet clamped or rounded.
pub fn apply(rule: &Rule, input: &RuleInput) -> Result<Outcome, RuleError> {
    match rule {
        Rule::Shortfall(r) => numeric::shortfall(r, input),
        Rule::Excess(r) => numeric::excess(r, input),
        Rule::Proportional => numeric::proportional(input),
        Rule::Reverse => numeric::reverse(input),
        Rule::Directional => numeric::directional(input),
        Rule::Bands(r) => numeric::bands(r, input),
        Rule::Count(r) => numeric::count(r, input),
        Rule::Grade(r) => qualitative::grade(r, input),
        Rule::Deadline(r) => qualitative::deadline(r, input),
        Rule::Checklist(r) => qualitative::checklist(r, input),
        Rule::Binary(r) => qualitative::binary(r, input),
        Rule::Manual => qualitative::manual(input),
    }
}

/// Clamps to [0, weight] and rounds, saying so when the clamp bit.
pub fn settle(outcome: Outcome, weight: Decimal, places: u32) -> (Decimal, String) {
    let Outcome { raw, mut explanation } = outcome;
    if raw < Decimal::ZERO {
        explanation.push_str("，扣完为止");
    } else if raw > weight {
        explanation.push_str(&format!("，以分值{}分为限", Plain(weight)));
    }
    (round_half_up(raw.clamp(Decimal::ZERO, weight.max(Decimal::ZERO)), places), explanation)
}

/// Where a scored item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemSource {
    /// The budget-execution row of the funds block.
    Funds,
    /// The indicator at this index of `Evaluation::indicators`.
    Indicator(usize),
}

/// One scored row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    pub source: ItemSource,
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub weight: Decimal,
    /// The rule's score (rounded, clamped, penalty applied); `None` when the rule cannot compute.
    pub rule_score: Option<Decimal>,
    pub rule_error: Option<RuleError>,
    /// A score typed by hand, as typed.
    pub entered: Option<Decimal>,
    /// The score that counts: the typed one where there is one, else the rule's (0 if none).
    pub score: Decimal,
    /// The over-achievement penalty taken, if any.
    pub penalty: Option<Decimal>,
    pub explanation: String,
}

impl ItemScore {
    /// Points lost against the weight.
    pub fn lost(&self) -> Decimal {
        (self.weight - self.score).max(Decimal::ZERO)
    }

    /// Typed score − rule score, where both exist and differ.
    pub fn difference(&self) -> Option<Decimal> {
        let d = self.entered? - self.rule_score?;
        (!d.is_zero()).then_some(d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtotal {
    pub level1: String,
    pub weight: Decimal,
    pub score: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreSheet {
    /// The funds row first, then the indicators in table order.
    pub items: Vec<ItemScore>,
    /// 执行率 as a ratio (0.9663), when it can be computed.
    pub execution_rate: Option<Decimal>,
    /// The cap the execution rate put on the total, when it bit.
    pub cap: Option<Decimal>,
    /// 总分: sum of item scores, capped.
    pub total: Decimal,
    /// The total by rules alone (typed overrides replaced by their rules' scores).
    pub rule_total: Decimal,
    pub grade: Grade,
    pub rule_grade: Grade,
    /// Sum of all weights, funds row included (should be 100).
    pub weight_total: Decimal,
    /// Decimal places of the template's rounding.
    pub places: u32,
}

impl ScoreSheet {
    /// A score as the table prints it: `2.84`, `3.00`, or `9` when rounding to whole points.
    pub fn show(&self, d: Decimal) -> String {
        fixed(d, self.places)
    }

    /// Subtotals per 一级指标 in table order (the funds row is its own group).
    pub fn subtotals(&self) -> Vec<Subtotal> {
        let mut out: Vec<Subtotal> = Vec::new();
        for item in &self.items {
            match out.iter_mut().find(|s| s.level1 == item.level1) {
                Some(s) => {
                    s.weight += item.weight;
                    s.score += item.score;
                }
                None => out.push(Subtotal { level1: item.level1.clone(), weight: item.weight, score: item.score }),
            }
        }
        out
    }

    pub fn indicator(&self, index: usize) -> Option<&ItemScore> {
        // Items are the funds row (if any) then the rows in order: look there first, so
        // that going through every row stays linear (a 1000-row grid is checked per edit).
        let wanted = |i: &&ItemScore| i.source == ItemSource::Indicator(index);
        [index + 1, index]
            .into_iter()
            .filter_map(|at| self.items.get(at))
            .find(wanted)
            .or_else(|| self.items.iter().find(wanted))
    }
}

/// The 完成值超过指标值X%及以上 penalty for a row, if the template has one and it applies.
fn overachievement(template: &Template, ind: &Indicator) -> Option<(Decimal, Decimal)> {
    let pen = template.overachievement_penalty.as_ref()?;
    if !matches!(ind.rule, Rule::Shortfall(_) | Rule::Proportional | Rule::Directional) {
        return None;
    }
    let p = comparable(ind.scored_target().as_number()?, ind.scored_actual().as_number()?).ok()?;
    if p.target <= Decimal::ZERO {
        return None;
    }
    let over = (p.actual - p.target) / p.target * Decimal::ONE_HUNDRED;
    (over >= pen.over_percent).then_some((over, pen.deduct))
}

/// Scores one indicator row without knowing the evaluation's year (a deadline written
/// without its year, such as `9月前`, then cannot be scored). See [`score_row`].
pub fn score_indicator(template: &Template, index: usize, ind: &Indicator) -> ItemScore {
    score_row(template, None, index, ind)
}

/// Scores one indicator row of the evaluation of `year`.
pub fn score_row(template: &Template, year: Option<i32>, index: usize, ind: &Indicator) -> ItemScore {
    let places = template.rounding.places();
    // A 得分系数 is the score the row was given, as a share of its weight (系数 × 权重).
    let by_coefficient = ind.coefficient.map(|c| ind.weight * c / Decimal::ONE_HUNDRED);
    let typed = ind.entered.as_ref().map(|e| e.score).or(by_coefficient);
    let (target, actual) = (ind.scored_target(), ind.scored_actual());
    let target_text = if ind.adjusted_target.is_empty() { ind.target.text() } else { ind.adjusted_target.text() };
    let input = RuleInput {
        weight: ind.weight,
        target: &target,
        target_text,
        actual: &actual,
        actual_text: ind.actual.text(),
        typed_score: typed,
        qualitative: &template.qualitative,
        year,
        nature: ind.nature,
    };
    let (mut rule_score, rule_error, mut explanation) = match apply(&ind.rule, &input) {
        Ok(outcome) => {
            let (s, e) = settle(outcome, ind.weight, places);
            (Some(s), None, e)
        }
        Err(err) => (None, Some(err.clone()), err.to_string()),
    };
    let mut penalty = None;
    if let (Some(s), Some((over, deduct))) = (rule_score, overachievement(template, ind)) {
        let after = round_half_up((s - deduct).max(Decimal::ZERO), places);
        explanation.push_str(&format!("；完成值超过指标值{}%，减{}分", Plain(over.round_dp(2)), Plain(deduct)));
        penalty = Some(s - after);
        rule_score = Some(after);
    }
    let entered = ind.entered.as_ref();
    let clamp = |s: Decimal| round_half_up(s.clamp(Decimal::ZERO, ind.weight.max(Decimal::ZERO)), places);
    let score = match (entered, by_coefficient, rule_score) {
        (Some(e), _, _) => clamp(e.score),
        (None, Some(c), _) => clamp(c),
        (None, None, Some(s)) => s,
        (None, None, None) => Decimal::ZERO,
    };
    if let (None, Some(c), Some(coefficient)) = (entered, by_coefficient, ind.coefficient) {
        let shown = fixed(clamp(c), places);
        match rule_score {
            Some(r) if ind.rule.needs_typed_score() || r == clamp(c) => explanation.push_str(&format!(
                "；得分系数{}% × 分值{} = {shown}分",
                Plain(coefficient),
                Plain(ind.weight)
            )),
            Some(r) => explanation.push_str(&format!(
                "；按得分系数{}% × 分值{} = {shown}分（按规则{}，差{}）",
                Plain(coefficient),
                Plain(ind.weight),
                fixed(r, places),
                signed(clamp(c) - r, places)
            )),
            None => explanation = format!("得分系数{}% × 分值{} = {shown}分", Plain(coefficient), Plain(ind.weight)),
        }
    }
    if let Some(e) = entered {
        let reason =
            if e.reason.trim().is_empty() { "未说明理由".to_string() } else { e.reason.trim().to_string() };
        match rule_score {
            Some(r) if ind.rule.needs_typed_score() || r == score => explanation.push_str(&format!("；理由：{reason}")),
            Some(r) => explanation.push_str(&format!(
                "；填报得分{}（按规则{}，差{}）：{reason}",
                fixed(score, places),
                fixed(r, places),
                signed(score - r, places)
            )),
            None => explanation.push_str(&format!("；填报得分{}：{reason}", fixed(score, places))),
        }
    }
    ItemScore {
        source: ItemSource::Indicator(index),
        level1: ind.level1.clone(),
        level2: ind.level2.clone(),
        name: ind.name.clone(),
        weight: ind.weight,
        rule_score,
        rule_error,
        entered: typed,
        score,
        penalty,
        explanation,
    }
}

/// `+0.16` / `−0.34` with the template's places.
pub fn signed(d: Decimal, places: u32) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{}", fixed(-d, places))
    } else {
        format!("+{}", fixed(d, places))
    }
}

/// Scores a whole evaluation.
pub fn score(ev: &Evaluation) -> ScoreSheet {
    let t = &ev.template;
    let (funds_item, execution_rate) = funds::score_funds(ev);
    let mut items = vec![funds_item];
    items.extend(ev.indicators.iter().enumerate().map(|(i, ind)| score_row(t, Some(ev.year), i, ind)));
    sum_up(items, execution_rate, t)
}

/// The sheet of scored items: the sums, the execution-rate cap and the grades.
fn sum_up(items: Vec<ItemScore>, execution_rate: Option<Decimal>, t: &Template) -> ScoreSheet {
    let sum: Decimal = items.iter().map(|i| i.score).sum();
    let rule_sum: Decimal = items
        .iter()
        .map(|i| {
            if i.source != ItemSource::Funds && i.rule_score.is_none() {
                Decimal::ZERO
            } else {
                i.rule_score.unwrap_or(i.score)
            }
        })
        .sum();
    let cap = execution_rate.and_then(|r| t.cap_for_rate(r * Decimal::ONE_HUNDRED)).filter(|c| *c < sum.max(rule_sum));
    let total = cap.map_or(sum, |c| sum.min(c));
    let rule_total = cap.map_or(rule_sum, |c| rule_sum.min(c));
    ScoreSheet {
        weight_total: items.iter().map(|i| i.weight).sum(),
        grade: Grade::of(total, &t.grades),
        rule_grade: Grade::of(rule_total, &t.grades),
        items,
        execution_rate,
        cap,
        total,
        rule_total,
        places: t.rounding.places(),
    }
}
