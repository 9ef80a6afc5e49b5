//! Checks on the budget figures: sums, differences, units, the execution rate.

use super::{Finding, Place, Severity};
use crate::domain::field::Field;
use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::number::{Plain, percent};
use crate::domain::score::ScoreSheet;
use rust_decimal::Decimal;

/// 0.01 万元: a difference this small is rounding, not a mistake.
const ROUNDING: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

pub(super) fn severity_of(diff: Decimal) -> Severity {
    if diff.abs() <= ROUNDING { Severity::Note } else { Severity::Warning }
}

pub(super) fn amount(ev: &Evaluation, f: Field) -> Option<Amount> {
    f.amount(ev)
}

/// Whether the figures only agree if one was written in the wrong unit: the same digits,
/// one of them in 元 or 亿元 while the others are in 万元.
fn unit_slip(parts: &[Amount], total: &Amount) -> bool {
    let values: Decimal = parts.iter().map(|a| a.value).sum();
    let all_wan = parts.iter().all(|a| !a.is_unusual_unit());
    all_wan && total.is_unusual_unit() && values == total.value
}

/// `parts` should add up to `total` (all present, or the check waits).
fn sum_check(ev: &Evaluation, out: &mut Vec<Finding>, title: &str, parts: &[Field], total: Field, total_name: &str) {
    let Some(t) = amount(ev, total) else { return };
    let Some(ps) = parts.iter().map(|f| amount(ev, *f)).collect::<Option<Vec<_>>>() else { return };
    let sum: Decimal = ps.iter().map(Amount::in_wan).sum();
    let diff = sum - t.in_wan();
    if diff.is_zero() {
        return;
    }
    if unit_slip(&ps, &t) {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Field(total),
            message: format!(
                "{title}：{total_name}写作“{}”，分项合计为 {} 万元，单位应为万元",
                t.with_unit(),
                Plain(sum)
            ),
        });
        return;
    }
    out.push(Finding {
        severity: severity_of(diff),
        place: Place::Field(total),
        message: format!(
            "{title}：分项合计 {} ≠ {total_name} {}（差 {}）",
            Plain(sum),
            t.wan_plain(),
            Plain(diff.abs())
        ),
    });
}

/// `minuend − subtrahend` should be `result`.
fn difference_check(ev: &Evaluation, out: &mut Vec<Finding>, title: &str, terms: [(Field, &str); 3]) {
    let [(a, an), (b, bn), (r, rn)] = terms;
    let (Some(x), Some(y), Some(z)) = (amount(ev, a), amount(ev, b), amount(ev, r)) else { return };
    let computed = x.in_wan() - y.in_wan();
    let diff = computed - z.in_wan();
    if !diff.is_zero() {
        out.push(Finding {
            severity: severity_of(diff),
            place: Place::Field(r),
            message: format!(
                "{title}：{an} {} − {bn} {} = {} ≠ {rn} {}（差 {}）",
                x.wan_plain(),
                y.wan_plain(),
                Plain(computed),
                z.wan_plain(),
                Plain(diff.abs())
            ),
        });
    }
}

/// `part` should not exceed `whole`.
pub(super) fn at_most(
    ev: &Evaluation,
    out: &mut Vec<Finding>,
    title: &str,
    (p, pn): (Field, &str),
    (w, wn): (Field, &str),
) {
    let (Some(x), Some(y)) = (amount(ev, p), amount(ev, w)) else { return };
    if x.in_wan() > y.in_wan() {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Field(p),
            message: format!("{title}：{pn} {} 超过{wn} {}", x.wan_plain(), y.wan_plain()),
        });
    }
}

/// The department's figures: its budget, 三公, procurement, assets and the funds block
/// by source and nature.
pub(super) fn department(ev: &Evaluation, out: &mut Vec<Finding>) {
    use Field::*;
    at_most(ev, out, "年初预算", (InitialRevenueGeneral, "一般公共财政拨款"), (InitialRevenue, "收入"));
    sum_check(ev, out, "年初预算", &[InitialBasic, InitialProject], InitialExpenditure, "支出");
    sum_check(ev, out, "决算", &[FinalBasic, FinalProject], FinalExpenditure, "总支出");
    difference_check(
        ev,
        out,
        "决算",
        [(FinalRevenue, "总收入"), (FinalExpenditure, "总支出"), (CarryForward, "年末结转")],
    );
    sum_check(
        ev,
        out,
        "三公经费预算",
        &[SangongBudgetAbroad, SangongBudgetVehicle, SangongBudgetReception],
        SangongBudgetTotal,
        "合计",
    );
    sum_check(
        ev,
        out,
        "三公经费决算",
        &[SangongActualAbroad, SangongActualVehicle, SangongActualReception],
        SangongActualTotal,
        "合计",
    );
    if !out.iter().any(|f| f.place == Place::Field(SangongActualTotal)) {
        at_most(ev, out, "三公经费", (SangongActualTotal, "决算数"), (SangongBudgetTotal, "预算数"));
    }
    sum_check(
        ev,
        out,
        "政府采购",
        &[ProcurementGoods, ProcurementWorks, ProcurementServices],
        ProcurementTotal,
        "合计",
    );
    difference_check(ev, out, "资产", [(AssetsTotal, "资产总额"), (Liabilities, "负债总额"), (NetAssets, "净资产")]);
    at_most(ev, out, "资产", (FixedInUse, "在用资产"), (FixedOriginal, "固定资产账面原值"));
    sum_check(
        ev,
        out,
        "自评表资金（按收入性质）",
        &[FundsGeneral, FundsGovFund, FundsSpecialAccount, FundsOther],
        FundsFullYear,
        "全年预算数",
    );
    sum_check(ev, out, "自评表资金（按支出性质）", &[FundsBasic, FundsProject], FundsFullYear, "全年预算数");
    if let (Some(f), Some(b)) = (amount(ev, FundsInitial), amount(ev, InitialExpenditure))
        && f.in_wan() != b.in_wan()
    {
        out.push(Finding {
            severity: Severity::Note,
            place: Place::Field(FundsInitial),
            message: format!("自评表年初预算数 {} 与年初预算支出 {} 不一致", f.wan_plain(), b.wan_plain()),
        });
    }
    special_funds(ev, out);
}

/// What both kinds are checked for: the execution rate, and money in an unusual unit.
pub(super) fn shared(ev: &Evaluation, sheet: &ScoreSheet, out: &mut Vec<Finding>) {
    use Field::*;
    if let Some(rate) = sheet.execution_rate
        && rate > Decimal::ONE
    {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Field(FundsExecuted),
            message: format!("执行率 {} 超过 100%：全年执行数大于预算数", percent(rate)),
        });
    }
    unusual_units(ev, out);
}

fn special_funds(ev: &Evaluation, out: &mut Vec<Finding>) {
    for (i, f) in ev.special_funds.iter().enumerate() {
        let name = if f.name.is_empty() { format!("专项资金第{}项", i + 1) } else { f.name.clone() };
        if let (Some(inv), Some(used), Some(bal)) = (f.invested, f.used, f.balance) {
            let diff = inv.in_wan() - used.in_wan() - bal.in_wan();
            if !diff.is_zero() {
                out.push(Finding {
                    severity: severity_of(diff),
                    place: Place::SpecialFund(i),
                    message: format!(
                        "{name}：实际投入 {} − 实际使用 {} ≠ 结余 {}（差 {}）",
                        inv.wan_plain(),
                        used.wan_plain(),
                        bal.wan_plain(),
                        Plain(diff.abs())
                    ),
                });
            }
        }
        if let (Some(b), Some(inv)) = (f.budgeted, f.invested)
            && inv.in_wan() > b.in_wan()
        {
            out.push(Finding {
                severity: Severity::Warning,
                place: Place::SpecialFund(i),
                message: format!("{name}：实际投入 {} 超过预算 {}", inv.wan_plain(), b.wan_plain()),
            });
        }
    }
}

/// Money written in 元 or 亿元 where reports use 万元 (unless a sum check already said so).
fn unusual_units(ev: &Evaluation, out: &mut Vec<Finding>) {
    for &f in Field::ALL {
        let Some(a) = amount(ev, f) else { continue };
        if a.is_unusual_unit() && !out.iter().any(|x| x.place == Place::Field(f)) {
            out.push(Finding {
                severity: Severity::Note,
                place: Place::Field(f),
                message: format!(
                    "{}写作“{}”（= {} 万元）：报告金额通常以万元计，请确认单位",
                    f.place(),
                    a.with_unit(),
                    a.wan_plain()
                ),
            });
        }
    }
}
