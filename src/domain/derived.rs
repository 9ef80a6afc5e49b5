//! Figures the report states but nobody should type: shares, differences, rates.
//! Computed from the evaluation, in 万元, rounded only for display.

use super::model::Evaluation;
use super::money::Amount;
use rust_decimal::Decimal;

/// `part ÷ whole` in 万元, when both are entered and the whole is not zero. A figure not
/// entered is not taken as zero: the report shows a gap, not a made-up 0 %.
pub fn ratio(part: Option<Amount>, whole: Option<Amount>) -> Option<Decimal> {
    let whole = whole?.in_wan();
    (!whole.is_zero()).then(|| part.map(|p| p.in_wan() / whole)).flatten()
}

/// 基本支出 and 项目支出 as shares of 决算总支出 (5.75 %, 94.25 %).
pub fn expenditure_shares(ev: &Evaluation) -> Option<(Decimal, Decimal)> {
    let f = &ev.budget.final_accounts;
    Some((ratio(f.basic, f.expenditure)?, ratio(f.project, f.expenditure)?))
}

/// 决算总收入 − 年初预算收入 (较年初预算增加 6948.10).
pub fn revenue_change(ev: &Evaluation) -> Option<Decimal> {
    Some(ev.budget.final_accounts.revenue?.in_wan() - ev.budget.initial.revenue?.in_wan())
}

/// 资产使用率: 在用资产 ÷ 固定资产账面原值.
pub fn asset_usage(ev: &Evaluation) -> Option<Decimal> {
    ratio(ev.assets.fixed_in_use, ev.assets.fixed_original)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn wan(s: &str) -> Option<Amount> {
        Some(Amount::from_str(s).unwrap())
    }

    #[test]
    fn a_ratio_needs_both_figures_and_a_whole_that_is_not_zero() {
        assert_eq!(ratio(wan("414.16"), wan("7206.67")).map(|r| r.round_dp(4)), Some(Decimal::new(575, 4)));
        assert_eq!(ratio(wan("1元"), wan("1")), Some(Decimal::new(1, 4)), "compared in 万元");
        assert_eq!(ratio(None, wan("7206.67")), None);
        assert_eq!(ratio(wan("1"), None), None);
        assert_eq!(ratio(wan("1"), wan("0")), None);
    }
}
