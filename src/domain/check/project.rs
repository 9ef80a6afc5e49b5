//! Checks of a project's table: its funds by source against 年度资金总额 in each
//! column, and each source's 执行数 against its 预算数. And, seen from the department,
//! its 专项资金 rows against the year's project tables of the same name.

use super::figures::{amount, at_most, severity_of};
use super::{Finding, Place, Severity};
use crate::domain::field::{Field, source, source_filled};
use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::number::Plain;
use crate::domain::project::ProjectLine;
use crate::domain::template::{FundsDenominator, SourceKey};
use rust_decimal::Decimal;

/// The sources a project's table shows: the template's, then any other with figures
/// (so that a figure typed under a source the template does not print is not lost from
/// the sums), each with its label.
pub fn shown_sources(ev: &Evaluation) -> Vec<(SourceKey, String)> {
    let t = &ev.template;
    let mut out: Vec<(SourceKey, String)> = t.funds.sources.iter().map(|r| (r.key, r.heading().to_string())).collect();
    for key in SourceKey::ALL {
        if !t.funds.has_source(key) && source_filled(ev, key) {
            out.push((key, key.heading().to_string()));
        }
    }
    out
}

/// The sources should add up to 年度资金总额 in each column (年初预算数, the template's
/// budget, 全年执行数). A source left empty counts as nothing (most projects have no
/// 上年结转资金), but a column whose sources are all empty is not checked yet.
pub(super) fn funds(ev: &Evaluation, out: &mut Vec<Finding>) {
    let t = &ev.template;
    let budget_total = match t.funds_denominator {
        FundsDenominator::FullYear => Some(Field::FundsFullYear),
        FundsDenominator::Adjusted => Some(Field::FundsAdjusted),
        // The budget is the initial budget, already the first column.
        FundsDenominator::Initial => None,
    };
    let columns = [
        Some((Field::FundsInitial, 0, "年初预算数")),
        budget_total.map(|f| (f, 1, t.funds_denominator.label())),
        Some((Field::FundsExecuted, 2, "全年执行数")),
    ];
    let sources = shown_sources(ev);
    for (total, i, column) in columns.into_iter().flatten() {
        let Some(sum_of) = amount(ev, total) else { continue };
        let parts: Vec<Option<Amount>> = sources.iter().map(|(k, _)| amount(ev, source(*k).1[i])).collect();
        if parts.iter().all(Option::is_none) {
            continue;
        }
        let sum: Decimal = parts.iter().flatten().map(Amount::in_wan).sum();
        let diff = sum - sum_of.in_wan();
        if diff.is_zero() {
            continue;
        }
        let terms: Vec<String> = sources
            .iter()
            .zip(&parts)
            .map(|((_, label), a)| format!("{label} {}", a.map_or("未填".into(), |a| a.wan_plain())))
            .collect();
        out.push(Finding {
            severity: severity_of(diff),
            place: Place::Field(total),
            message: format!(
                "项目资金{column}：{} 合计 {} ≠ {} {}（差 {}）",
                terms.join(" + "),
                Plain(sum),
                t.funds.total_label,
                sum_of.wan_plain(),
                Plain(diff.abs())
            ),
        });
    }
    for (key, label) in sources {
        let (_, [_, full_year, executed]) = source(key);
        at_most(ev, out, &label, (executed, "全年执行数"), (full_year, "全年预算数"));
    }
}

/// The department's 专项资金 rows against the year's project tables: where a fund and a
/// project have the same name, the fund's 实际使用 should be the project's 全年执行数
/// and its 预算投入 the project's 全年预算数. A difference is a note: the two tables may
/// count a transfer differently, but a reader should know.
pub fn agreement(ev: &Evaluation, projects: &[ProjectLine]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, fund) in ev.special_funds.iter().enumerate() {
        let name = fund.name.trim();
        let Some(p) = projects.iter().find(|p| !name.is_empty() && p.name.trim() == name) else { continue };
        let pairs =
            [(fund.used, p.executed, "实际使用", "全年执行数"), (fund.budgeted, p.full_year, "预算投入", "全年预算数")];
        for (ours, theirs, our_name, their_name) in pairs {
            let (Some(a), Some(b)) = (ours, theirs) else { continue };
            if a.in_wan() != b.in_wan() {
                out.push(Finding {
                    severity: Severity::Note,
                    place: Place::SpecialFund(i),
                    message: format!(
                        "专项资金“{name}”{our_name} {}，与同名项目自评表的{their_name} {} 不一致",
                        a.wan_plain(),
                        b.wan_plain()
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::FieldValue;
    use crate::domain::model::SpecialFund;
    use crate::domain::project::Kind;

    fn wan(s: &str) -> Option<Amount> {
        Some(s.parse().unwrap())
    }

    fn project(fields: &[(Field, &str)]) -> Evaluation {
        let mut ev = Evaluation { kind: Kind::Project, year: 2024, ..Evaluation::default() };
        for (f, v) in fields {
            f.set(&mut ev, FieldValue::Money(wan(v)));
        }
        ev
    }

    fn findings(ev: &Evaluation) -> Vec<Finding> {
        let mut out = Vec::new();
        funds(ev, &mut out);
        out
    }

    #[test]
    fn sources_that_add_up_raise_nothing_and_an_empty_source_counts_as_nothing() {
        use Field::*;
        let ev = project(&[
            (FundsInitial, "200"),
            (FundsFullYear, "250"),
            (FundsExecuted, "240"),
            (CurrentInitial, "200"),
            (CurrentFullYear, "200"),
            (CurrentExecuted, "200"),
            (CarriedFullYear, "50"),
            (CarriedExecuted, "40"),
        ]);
        assert_eq!(findings(&ev), vec![]);
    }

    #[test]
    fn a_wrong_sum_is_found_in_its_column_with_the_figures() {
        use Field::*;
        let ev = project(&[
            (FundsFullYear, "250"),
            (CurrentFullYear, "200"),
            (OtherFullYear, "30"),
            (FundsExecuted, "200.01"),
            (CurrentExecuted, "200"),
        ]);
        let found = findings(&ev);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].place, Place::Field(FundsFullYear));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "项目资金全年预算数：当年财政拨款 200 + 上年结转资金 未填 + 其他资金 30 合计 230 ≠ 年度资金总额 250（差 20）"
        );
        assert_eq!(
            (found[1].place, found[1].severity),
            (Place::Field(FundsExecuted), Severity::Note),
            "0.01 is rounding"
        );
    }

    #[test]
    fn a_source_spending_more_than_its_budget_is_a_warning() {
        use Field::*;
        let ev = project(&[(CarriedFullYear, "10"), (CarriedExecuted, "12")]);
        let found = findings(&ev);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].place, Place::Field(CarriedExecuted));
        assert!(found[0].message.starts_with("上年结转资金：全年执行数 12"), "{}", found[0].message);
    }

    #[test]
    fn special_funds_and_projects_of_the_same_name_should_agree() {
        let mut dept = Evaluation { year: 2024, ..Evaluation::default() };
        dept.special_funds = vec![
            SpecialFund {
                name: "科技项目资金".into(),
                budgeted: wan("200"),
                used: wan("200"),
                ..SpecialFund::default()
            },
            SpecialFund { name: "无对应项目".into(), used: wan("5"), ..SpecialFund::default() },
        ];
        let line = |executed: &str| ProjectLine {
            name: "科技项目资金".into(),
            full_year: wan("200"),
            executed: wan(executed),
            total: "95.00".into(),
            grade: "优".into(),
        };
        assert_eq!(agreement(&dept, &[line("200")]), vec![]);
        let found = agreement(&dept, &[line("180")]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].severity, found[0].place), (Severity::Note, Place::SpecialFund(0)));
        assert_eq!(found[0].message, "专项资金“科技项目资金”实际使用 200，与同名项目自评表的全年执行数 180 不一致");
        assert_eq!(agreement(&dept, &[]), vec![]);
    }
}
