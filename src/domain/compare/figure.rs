//! The budget figures compared year over year: a few totals that say how big the
//! department's (or the project's) money was and how well it was spent. Money is
//! compared in 万元 whatever unit it was typed in.

use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::number::{fixed, plain};
use crate::domain::project::Kind;
use crate::domain::score::ScoreSheet;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// 决算总收入.
    FinalRevenue,
    /// 决算总支出.
    FinalExpenditure,
    /// 预算执行率 (执行数 ÷ 预算数, the score sheet's), in per cent.
    ExecutionRate,
    /// 三公经费预算合计.
    SangongBudget,
    /// 三公经费决算合计.
    SangongActual,
    /// 政府采购合计.
    Procurement,
    /// 资产总额.
    AssetsTotal,
    /// 净资产.
    NetAssets,
    /// 全年预算数 of the funds block (a project's 年度资金总额).
    FundsFullYear,
    /// 全年执行数 of the funds block.
    FundsExecuted,
}

impl Figure {
    pub const ALL: [Figure; 10] = [
        Figure::FinalRevenue,
        Figure::FinalExpenditure,
        Figure::ExecutionRate,
        Figure::SangongBudget,
        Figure::SangongActual,
        Figure::Procurement,
        Figure::AssetsTotal,
        Figure::NetAssets,
        Figure::FundsFullYear,
        Figure::FundsExecuted,
    ];

    /// The figures compared for an evaluation of `kind`: the department's budget
    /// chapters, or a project's funds block.
    pub fn of_kind(kind: Kind) -> &'static [Figure] {
        match kind {
            Kind::Department => &Figure::ALL[..8],
            Kind::Project => &[Figure::FundsFullYear, Figure::FundsExecuted, Figure::ExecutionRate],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Figure::FinalRevenue => "决算收入",
            Figure::FinalExpenditure => "决算支出",
            Figure::ExecutionRate => "预算执行率",
            Figure::SangongBudget => "三公经费预算",
            Figure::SangongActual => "三公经费决算",
            Figure::Procurement => "政府采购",
            Figure::AssetsTotal => "资产总额",
            Figure::NetAssets => "净资产",
            Figure::FundsFullYear => "全年预算数",
            Figure::FundsExecuted => "全年执行数",
        }
    }

    /// The key in JSON output and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Figure::FinalRevenue => "final_revenue",
            Figure::FinalExpenditure => "final_expenditure",
            Figure::ExecutionRate => "execution_rate",
            Figure::SangongBudget => "sangong_budget",
            Figure::SangongActual => "sangong_actual",
            Figure::Procurement => "procurement",
            Figure::AssetsTotal => "assets_total",
            Figure::NetAssets => "net_assets",
            Figure::FundsFullYear => "funds_full_year",
            Figure::FundsExecuted => "funds_executed",
        }
    }

    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.key() == key)
    }

    /// `万元`, or `%` for the execution rate.
    pub fn unit(self) -> &'static str {
        match self {
            Figure::ExecutionRate => "%",
            _ => "万元",
        }
    }

    /// A value's number: the rate with two places (96.63), money in 万元 with two places
    /// unless that would hide it: "5.59元" is 0.000559 万元, and showing 0.00 would hide
    /// the slip the checks report.
    pub fn number(self, value: Decimal) -> String {
        if self != Figure::ExecutionRate && value.normalize().scale() > 2 { plain(value) } else { fixed(value, 2) }
    }

    /// A value as people read it: the number, with `%` for the rate (`96.63%`).
    pub fn show(self, value: Decimal) -> String {
        let number = self.number(value);
        if self == Figure::ExecutionRate { format!("{number}%") } else { number }
    }

    /// The figure of one year: money in 万元, the rate in per cent (96.63).
    pub fn value(self, ev: &Evaluation, sheet: &ScoreSheet) -> Option<Decimal> {
        let wan = |a: &Option<Amount>| a.as_ref().map(Amount::in_wan);
        let b = &ev.budget;
        match self {
            Figure::FinalRevenue => wan(&b.final_accounts.revenue),
            Figure::FinalExpenditure => wan(&b.final_accounts.expenditure),
            Figure::ExecutionRate => sheet.execution_rate.map(|r| r * Decimal::ONE_HUNDRED),
            Figure::SangongBudget => wan(&b.sangong_budget.total),
            Figure::SangongActual => wan(&b.sangong_actual.total),
            Figure::Procurement => wan(&b.procurement.total),
            Figure::AssetsTotal => wan(&ev.assets.total),
            Figure::NetAssets => wan(&ev.assets.net),
            Figure::FundsFullYear => wan(&ev.funds.full_year),
            Figure::FundsExecuted => wan(&ev.funds.executed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::score::score;

    #[test]
    fn reads_the_seed_in_wan_and_the_rate_in_per_cent() {
        let ev = crate::file::from_toml(include_str!("../../../docs/examples/hengyang-2024.toml")).unwrap();
        let sheet = score(&ev);
        let v = |f: Figure| Figure::value(f, &ev, &sheet).map(|d| d.normalize().to_string());
        assert_eq!(v(Figure::FinalRevenue).as_deref(), Some("7256.75"));
        let rate = Figure::ExecutionRate.value(&ev, &sheet).unwrap();
        assert_eq!(crate::domain::number::fixed(rate, 2), "96.63");
        // "5.59元" as typed: converted, not silently read as 万元.
        assert_eq!(v(Figure::SangongActual).as_deref(), Some("0.000559"));
        assert_eq!(v(Figure::NetAssets).as_deref(), Some("139.91"));
        assert_eq!(Figure::ExecutionRate.show(rate), "96.63%");
        assert_eq!(Figure::SangongActual.show(Decimal::new(559, 6)), "0.000559");
        assert_eq!(Figure::FinalRevenue.show(Decimal::new(7256, 0)), "7256.00");
        for f in Figure::ALL {
            assert_eq!(Figure::from_key(f.key()), Some(f));
        }
    }
}
