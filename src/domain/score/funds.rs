//! The budget-execution row (预算执行率): 执行率 × 分值, proportional on the funds block.

use super::{ItemScore, ItemSource, settle};
use crate::domain::model::Evaluation;
use crate::domain::number::{Plain, percent};
use rust_decimal::Decimal;

pub const FUNDS_ROW: &str = "预算执行率";

/// The row's score and the execution rate (执行数 ÷ 预算数) when it can be computed.
pub(super) fn score_funds(ev: &Evaluation) -> (ItemScore, Option<Decimal>) {
    let t = &ev.template;
    let weight = t.funds_row_weight();
    let base_name = t.funds_denominator.label();
    let base_amount = ev.funds.rate_base(t.funds_denominator);
    let base = base_amount.map(|a| a.in_wan());
    let executed = ev.funds.executed.map(|a| a.in_wan());
    // Figures as typed (7256.10), converted only when written in another unit.
    let shown = |a: Option<&crate::domain::money::Amount>| a.map(|a| a.to_string()).unwrap_or_default();
    let (rule_score, explanation, rate) = match (base, executed) {
        // The older 部门整体 framework scores 预算执行 among its indicators; the rate is still shown.
        (Some(b), Some(e)) if !t.funds_row && b > Decimal::ZERO => {
            (Some(Decimal::ZERO), "本模板不单列预算执行率的得分".to_string(), Some(e / b))
        }
        _ if !t.funds_row => (Some(Decimal::ZERO), "本模板不单列预算执行率的得分".to_string(), None),
        (None, _) => (None, format!("未填写{base_name}"), None),
        (_, None) => (None, "未填写全年执行数".to_string(), None),
        (Some(b), Some(_)) if b <= Decimal::ZERO => (None, format!("{base_name}为 0，无法计算执行率"), None),
        (Some(b), Some(e)) => {
            let rate = e / b;
            let sum =
                format!("执行率 = {} ÷ {} = {}", shown(ev.funds.executed.as_ref()), shown(base_amount), percent(rate));
            let (score, text) = if rate >= Decimal::ONE {
                (weight, format!("{sum}，得满分{}分", Plain(weight)))
            } else {
                let raw = weight * rate;
                settle(
                    super::Outcome::raw(
                        raw,
                        format!("{sum}；{} × {} = {}分", percent(rate), Plain(weight), Plain(raw.round_dp(4))),
                    ),
                    weight,
                    t.rounding.places(),
                )
            };
            (Some(score), text, Some(rate))
        }
    };
    let item = ItemScore {
        source: ItemSource::Funds,
        level1: FUNDS_ROW.into(),
        level2: String::new(),
        name: FUNDS_ROW.into(),
        weight,
        rule_score,
        rule_error: None,
        entered: None,
        score: rule_score.unwrap_or(Decimal::ZERO),
        penalty: None,
        explanation,
    };
    (item, rate)
}
