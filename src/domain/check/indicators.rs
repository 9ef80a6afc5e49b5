//! Checks on the indicator grid: weights, scores against rules, reasons, criteria.

use super::{Column, Finding, Place, Severity};
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::number::Plain;
use crate::domain::rule::Rule;
use crate::domain::score::{ItemScore, ScoreSheet, signed};
use crate::domain::template::Template;
use crate::domain::value::comparable;
use rust_decimal::Decimal;

pub(super) fn row_name(i: usize, ind: &Indicator) -> RowName<'_> {
    RowName(i, ind)
}

/// `第3行「总成本」`, written only when a finding's message is: a check of a 1000-row
/// table would otherwise format every row's name on every edit.
pub(super) struct RowName<'a>(usize, &'a Indicator);

impl std::fmt::Display for RowName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let RowName(i, ind) = self;
        if ind.name.is_empty() { write!(f, "第{}行", i + 1) } else { write!(f, "第{}行「{}」", i + 1, ind.name) }
    }
}

/// The grid as a whole: the weights add up to 100.
pub(super) fn weights(ev: &Evaluation, sheet: &ScoreSheet, out: &mut Vec<Finding>) {
    if sheet.weight_total != Decimal::ONE_HUNDRED {
        out.push(Finding {
            severity: Severity::Error,
            place: Place::Indicators,
            message: format!(
                "分值合计 {}（含预算执行率 {}）≠ 100",
                Plain(sheet.weight_total),
                Plain(ev.template.funds_row_weight())
            ),
        });
    }
}

/// Which level columns the table has: one that has no 一级 (or 二级) column at all is not
/// missing one on every row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Levels {
    level1: bool,
    level2: bool,
}

impl Levels {
    pub(super) fn of(ev: &Evaluation) -> Levels {
        Levels {
            level1: ev.indicators.iter().any(|i| !i.level1.trim().is_empty()),
            level2: ev.indicators.iter().any(|i| !i.level2.trim().is_empty()),
        }
    }
}

/// The checks of row `i`: what is missing, its score against its rule, its reason, its
/// criterion's full mark against its weight, its rule's implied full mark, its target.
pub(super) fn row(
    ev: &Evaluation,
    sheet: &ScoreSheet,
    levels: Levels,
    i: usize,
    full_mark: Option<Decimal>,
    out: &mut Vec<Finding>,
) {
    let (Some(ind), Some(item)) = (ev.indicators.get(i), sheet.indicator(i)) else { return };
    let name = row_name(i, ind);
    let mut push = |severity, column, message: String| {
        out.push(Finding { severity, place: Place::Indicator(i, column), message: format!("{name}：{message}") })
    };
    if levels.level1 && ind.level1.trim().is_empty() {
        push(Severity::Warning, Column::Level1, "未填写一级指标".into());
    }
    if levels.level2 && ind.level2.trim().is_empty() {
        push(Severity::Warning, Column::Level2, "未填写二级指标".into());
    }
    if ind.name.trim().is_empty() {
        push(Severity::Warning, Column::Name, "未填写三级指标名称".into());
    }
    if ind.weight <= Decimal::ZERO {
        push(Severity::Warning, Column::Weight, "分值为 0".into());
    }
    scores(ind, item, sheet, &mut push);
    // Below the template's line (every lost point, unless it says otherwise) a reason is due.
    let line = ind.weight * ev.template.deviation_reason_below / Decimal::ONE_HUNDRED;
    if item.lost() > Decimal::ZERO
        && item.score < line
        && ind.deviation_reason.trim().is_empty()
        && item.rule_error.is_none()
    {
        push(
            Severity::Warning,
            Column::DeviationReason,
            format!(
                "失分 {} 分，未填写{}",
                Plain(item.lost()),
                ev.template.heading(crate::domain::template::ColumnKey::Reason)
            ),
        );
    }
    if let Some(full) = full_mark
        && full != ind.weight
    {
        push(
            Severity::Warning,
            Column::Criterion,
            format!("评分标准写明满分 {} 分，分值为 {} 分", Plain(full), Plain(ind.weight)),
        );
    }
    rule_against_weight(ind, &mut push);
    target_set_low(&ev.template, ind, &mut push);
}

fn scores(ind: &Indicator, item: &ItemScore, sheet: &ScoreSheet, push: &mut impl FnMut(Severity, Column, String)) {
    if let Some(err) = &item.rule_error {
        match &ind.entered {
            Some(_) if !ind.rule.needs_typed_score() => push(
                Severity::Warning,
                Column::Rule,
                format!("评分规则无法计分（{err}），按填报得分 {} 计", sheet.show(item.score)),
            ),
            _ => push(Severity::Error, Column::Actual, format!("无法计分：{err}")),
        }
    }
    let Some(entered) = &ind.entered else { return };
    if entered.reason.trim().is_empty() && !matches!(ind.rule, Rule::Grade(_)) {
        push(Severity::Error, Column::Score, "填报得分须说明理由".into());
    }
    if entered.score > ind.weight || entered.score < Decimal::ZERO {
        push(
            Severity::Error,
            Column::Score,
            format!(
                "填报得分 {} 超出 0–{} 分的范围，按 {} 分计",
                Plain(entered.score),
                Plain(ind.weight),
                sheet.show(item.score)
            ),
        );
    }
    if let (Some(diff), Some(rule)) = (item.difference(), item.rule_score) {
        let what = if matches!(ind.rule, Rule::Grade(_)) {
            "得分不在等级范围内"
        } else {
            "得分与评分标准不符"
        };
        push(
            Severity::Warning,
            Column::Score,
            format!(
                "{what}：填报 {}，按规则 {}（差 {}）",
                sheet.show(item.score),
                sheet.show(rule),
                signed(diff, sheet.places)
            ),
        );
    }
}

/// Rules whose own numbers imply a full mark: count periods × points, checklist items, bands.
fn rule_against_weight(ind: &Indicator, push: &mut impl FnMut(Severity, Column, String)) {
    let implied = match &ind.rule {
        Rule::Count(c) => c.periods.map(|p| {
            let total = Decimal::from(p) * c.per;
            (total, format!("每期 {} 分 × {} 期 = {} 分", Plain(c.per), p, Plain(total)))
        }),
        Rule::Checklist(c) => {
            let total: Decimal = c.items.iter().map(|i| i.points).sum();
            Some((total, format!("各项分值合计 {} 分", Plain(total))))
        }
        Rule::Bands(b) => b.bands.iter().map(|b| b.points).max().map(|m| (m, format!("最高档 {} 分", Plain(m)))),
        _ => None,
    };
    if let Some((total, text)) = implied
        && total != ind.weight
    {
        push(Severity::Warning, Column::Rule, format!("评分规则{text}，与分值 {} 分不符", Plain(ind.weight)));
    }
}

/// An actual far above its target: the target was probably set too low.
fn target_set_low(t: &Template, ind: &Indicator, push: &mut impl FnMut(Severity, Column, String)) {
    if !matches!(ind.rule, Rule::Shortfall(_) | Rule::Proportional | Rule::Directional) {
        return;
    }
    let (target, actual) = (ind.scored_target(), ind.scored_actual());
    let (Some(target), Some(actual)) = (target.as_number(), actual.as_number()) else {
        return;
    };
    if target.bound == Some(crate::domain::value::Bound::AtMost) {
        return;
    }
    let Ok(p) = comparable(target, actual) else { return };
    if p.target <= Decimal::ZERO {
        return;
    }
    let ratio = p.actual / p.target * Decimal::ONE_HUNDRED;
    if ratio >= t.overachievement_flag_percent {
        push(
            Severity::Note,
            Column::Target,
            format!(
                "完成值为指标值的 {}%（≥ {}%）：指标值可能设置偏低",
                Plain(ratio.round_dp(0)),
                Plain(t.overachievement_flag_percent)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_level_is_flagged_unless_the_table_has_no_such_column() {
        let row = |l1: &str, l2: &str| Indicator {
            level1: l1.into(),
            level2: l2.into(),
            name: "甲".into(),
            weight: Decimal::TEN,
            ..Indicator::default()
        };
        let found = |rows: Vec<Indicator>| {
            let ev = Evaluation { indicators: rows, ..Evaluation::default() };
            let out = super::super::check(&ev, &crate::domain::score::score(&ev));
            out.into_iter()
                .filter_map(|f| match f.place {
                    Place::Indicator(i, c @ (Column::Level1 | Column::Level2)) => Some((i, c)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(found(vec![row("产出指标", "数量指标"), row("产出指标", "")]), vec![(1, Column::Level2)]);
        assert_eq!(found(vec![row("", "数量指标"), row("产出指标", "数量指标")]), vec![(0, Column::Level1)]);
        assert_eq!(found(vec![row("", ""), row("", "")]), vec![], "no level columns at all");
    }
}
