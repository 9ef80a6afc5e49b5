//! Checks that follow from the template: a low execution rate needs its reason, a
//! row's 指标性质 should agree with how its target is written, and a figure typed where
//! the template prints no column for it is pointed out (it counts, but the printed
//! table will not show it).

use super::{Column, Finding, Place, Severity};
use crate::domain::field::{self, Field};
use crate::domain::model::Evaluation;
use crate::domain::nature::Nature;
use crate::domain::number::{Plain, percent};
use crate::domain::project::Kind;
use crate::domain::score::ScoreSheet;
use crate::domain::template::{ColumnKey, FundsKey, SourceKey};
use crate::domain::value::Bound;
use rust_decimal::Decimal;

pub(super) fn check(ev: &Evaluation, sheet: &ScoreSheet, out: &mut Vec<Finding>) {
    let t = &ev.template;
    if let (Some(below), Some(rate)) = (t.execution_reason_below, sheet.execution_rate)
        && rate * Decimal::ONE_HUNDRED < below
        && ev.funds.reason.trim().is_empty()
    {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Field(Field::FundsReason),
            message: format!("执行率 {} 低于 {}%：须说明原因（执行率偏低原因）", percent(rate), Plain(below)),
        });
    }
    hidden_figures(ev, out);
    for (i, ind) in ev.indicators.iter().enumerate() {
        let name = super::indicators::row_name(i, ind);
        let written = ind.target.value().as_number().and_then(|n| n.bound);
        let clash = matches!(
            (ind.nature, written),
            (Some(Nature::AtLeast), Some(Bound::AtMost)) | (Some(Nature::AtMost), Some(Bound::AtLeast))
        );
        if clash {
            out.push(Finding {
                severity: Severity::Warning,
                place: Place::Indicator(i, Column::Target),
                message: format!(
                    "{name}：指标性质为“{}”，指标值却写作“{}”：计分按指标值的写法",
                    ind.nature.map_or("", |n| n.symbol()),
                    ind.target.text()
                ),
            });
        }
        let unprinted: Vec<&str> = [
            (ColumnKey::Nature, ind.nature.is_some()),
            (ColumnKey::Unit, !ind.unit.trim().is_empty()),
            (ColumnKey::AdjustedTarget, !ind.adjusted_target.is_empty()),
            (ColumnKey::Method, !ind.method.trim().is_empty()),
            (ColumnKey::Coefficient, ind.coefficient.is_some()),
            (ColumnKey::Core, ind.core.is_some()),
        ]
        .into_iter()
        .filter(|(k, filled)| *filled && !t.has(*k))
        .map(|(k, _)| k.heading())
        .collect();
        if !unprinted.is_empty() {
            out.push(Finding {
                severity: Severity::Note,
                place: Place::Indicator(i, Column::Name),
                message: format!("{name}：填有{}，但评分模板不印这些列", unprinted.join("、")),
            });
        }
        if ind.core == Some(true)
            && let Some(item) = sheet.indicator(i)
            && item.lost() > Decimal::ZERO
        {
            out.push(Finding {
                severity: Severity::Note,
                place: Place::Indicator(i, Column::Score),
                message: format!("{name}：核心指标失分 {} 分", Plain(item.lost())),
            });
        }
    }
}

/// Funds figures typed where the template prints nothing for them.
fn hidden_figures(ev: &Evaluation, out: &mut Vec<Finding>) {
    let t = &ev.template;
    let printed = !t.funds.columns.is_empty();
    let mut note = |field: Field, what: &str| {
        out.push(Finding {
            severity: Severity::Note,
            place: Place::Field(field),
            message: format!("已填{what}，但评分模板的自评表不印这一栏"),
        });
    };
    match ev.kind {
        Kind::Department => {
            let split = [
                Field::FundsGeneral,
                Field::FundsGovFund,
                Field::FundsSpecialAccount,
                Field::FundsOther,
                Field::FundsBasic,
                Field::FundsProject,
            ];
            if printed && !t.funds.split && split.iter().any(|f| f.amount(ev).is_some()) {
                note(Field::FundsGeneral, "按收入性质、支出性质分的资金");
            }
        }
        Kind::Project => {
            for key in SourceKey::ALL {
                if printed && !t.funds.has_source(key) && field::source_filled(ev, key) {
                    note(field::source(key).1[1], &format!("“{}”的资金", key.heading()));
                }
            }
        }
    }
    if printed
        && !ev.funds.reason.trim().is_empty()
        && !t.funds.has(FundsKey::Reason)
        && t.execution_reason_below.is_none()
    {
        note(Field::FundsReason, "执行率偏低原因");
    }
}
