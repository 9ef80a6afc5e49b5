//! The report's sentences about the organisation and the budget, computed from the
//! figures rather than typed: differences, shares and rates are worked out here with
//! Decimal and rounded half away from zero, so the text always agrees with the table.

use crate::domain::derived::{asset_usage, ratio, revenue_change};
use crate::domain::field::{Field, FieldValue, Group};
use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::number::{fixed, percent};
use rust_decimal::Decimal;

/// Shown where a figure has not been entered, so the gap is visible in the draft.
pub const MISSING: &str = "（未填写）";

fn amount(a: Option<Amount>) -> String {
    a.map_or_else(|| MISSING.to_string(), |a| a.with_unit())
}

fn field_amount(ev: &Evaluation, field: Field) -> String {
    match field.get(ev) {
        FieldValue::Money(a) => amount(a),
        other => other.to_text(),
    }
}

fn wan(d: Decimal) -> String {
    format!("{}万元", fixed(d, 2))
}

/// `，占总支出的5.75%` when both figures are there and the whole is not zero.
fn share(part: Option<Amount>, whole: Option<Amount>) -> String {
    ratio(part, whole).map_or_else(String::new, |r| format!("，占总支出的{}", percent(r)))
}

/// `增加6948.10万元` / `减少…` / `持平`, chosen by the sign of a difference.
fn change(d: Decimal) -> String {
    if d.is_zero() {
        "持平".to_string()
    } else if d.is_sign_positive() {
        format!("增加{}", wan(d))
    } else {
        format!("减少{}", wan(-d))
    }
}

/// Ends a clause typed by the user with a full stop unless it has one.
fn sentence(text: &str) -> String {
    let t = text.trim().trim_end_matches(['。', '.', '；', ';', '，', ',']);
    format!("{t}。")
}

/// 机构设置情况: `…属正科级行政事业单位，内设股室8个：办公室、…。`
pub fn organisation(ev: &Evaluation) -> String {
    let o = &ev.organisation;
    let mut s = o.name.clone();
    if !o.rank.trim().is_empty() {
        s.push_str(&format!("属{}", o.rank.trim()));
    }
    if o.internal_units.is_empty() {
        s.push('。');
    } else {
        s.push_str(&format!("，内设股室{}个：{}。", o.internal_units.len(), o.internal_units.join("、")));
    }
    s
}

/// 人员编制情况: staff at year end, the change, and the subordinate units.
pub fn staffing(ev: &Evaluation) -> String {
    let o = &ev.organisation;
    let year = ev.year;
    let mut s = String::new();
    if let Some(n) = o.staff_count {
        s.push_str(&format!("{year}年末实有人数{n}人"));
        match o.staff_change {
            Some(c) if c > 0 => s.push_str(&format!("，比上年增加{c}人")),
            Some(c) if c < 0 => s.push_str(&format!("，比上年减少{}人", -c)),
            Some(_) => s.push_str("，与上年持平"),
            None => {}
        }
        s.push('。');
    }
    if o.subordinate_units.is_empty() {
        s.push_str("无所属事业单位。");
    } else {
        s.push_str(&format!(
            "所属事业单位{}个：{}均纳入{year}年部门决算编制范围。",
            o.subordinate_units.len(),
            o.subordinate_units.join("、")
        ));
    }
    s
}

/// 部门预算情况 (年初预算).
pub fn initial_budget(ev: &Evaluation) -> String {
    let i = &ev.budget.initial;
    format!(
        "{}年年初预算安排收入{}，其中一般公共财政拨款{}。安排支出{}，其中：基本支出{}，项目支出{}。",
        ev.year,
        amount(i.revenue),
        amount(i.revenue_general),
        amount(i.expenditure),
        amount(i.basic),
        amount(i.project)
    )
}

/// 部门决算情况: revenue against the initial budget, expenditure with shares, the
/// reason for the difference and the carry-forward.
pub fn final_accounts(ev: &Evaluation) -> String {
    let f = &ev.budget.final_accounts;
    let year = ev.year;
    let mut s = format!("{year}年决算总收入{}", amount(f.revenue));
    if let Some(d) = revenue_change(ev) {
        match change(d).as_str() {
            "持平" => s.push_str("，与年初预算持平"),
            c => s.push_str(&format!("，较年初预算{c}")),
        }
    }
    s.push_str(&format!(
        "。总支出{}，其中：基本支出{}{}；项目支出{}{}。",
        amount(f.expenditure),
        amount(f.basic),
        share(f.basic, f.expenditure),
        amount(f.project),
        share(f.project, f.expenditure)
    ));
    if !f.difference_reason.trim().is_empty() {
        s.push_str(&sentence(&format!("差异产生的主要原因是{}", f.difference_reason.trim())));
    }
    if let Some(carry) = f.carry_forward {
        s.push_str(&format!("{year}年末结转{}。", carry.with_unit()));
    }
    s
}

/// `{lead}{合计}，其中：{分项}{金额}，…。` for a group whose first field is its total.
fn total_and_parts(ev: &Evaluation, group: Group, lead: &str, part_label: impl Fn(Field) -> String) -> String {
    let mut fields = group.fields();
    let total = fields.next().map(|f| field_amount(ev, f)).unwrap_or_default();
    let parts: Vec<String> = fields.map(|f| format!("{}{}", part_label(f), field_amount(ev, f))).collect();
    format!("{lead}{total}，其中：{}。", parts.join("，"))
}

/// 三公经费执行情况: the budget and the actual, each with its three items.
pub fn sangong(ev: &Evaluation) -> String {
    let label = |f: Field| f.label().to_string();
    let budget = total_and_parts(ev, Group::SangongBudget, &format!("{}年“三公”经费预算数", ev.year), label);
    let actual = total_and_parts(ev, Group::SangongActual, "“三公”经费决算数", label);
    format!("{budget}{actual}")
}

/// 政府采购执行情况.
pub fn procurement(ev: &Evaluation) -> String {
    total_and_parts(ev, Group::Procurement, &format!("{}年度政府采购支出", ev.year), |f| f.label().to_string())
}

/// 资产管理情况, with 资产使用率 = 在用资产 ÷ 固定资产账面原值.
pub fn assets(ev: &Evaluation) -> String {
    let a = &ev.assets;
    let year = ev.year;
    let rate = asset_usage(ev).map_or_else(|| MISSING.to_string(), percent);
    format!(
        "{year}年年末资产总额{}，负债总额{}，净资产{}。截至{year}年12月31日，固定资产账面原值{}，在用资产{}，资产使用率{rate}。",
        amount(a.total),
        amount(a.liabilities),
        amount(a.net),
        amount(a.fixed_original),
        amount(a.fixed_in_use)
    )
}

/// The 综合评价结论 written for an evaluation whose conclusion has not been typed.
pub fn conclusion(ev: &Evaluation, total: &str, grade: &str) -> String {
    format!("{}年度部门整体支出绩效自评综合得分{total}分，评价结果为“{grade}”。", ev.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan_amount(s: &str) -> Option<Amount> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_direction_of_a_change_follows_its_sign() {
        let mut ev = Evaluation { year: 2024, ..Evaluation::default() };
        ev.budget.initial.revenue = wan_amount("500");
        ev.budget.final_accounts.revenue = wan_amount("420.5");
        assert!(final_accounts(&ev).starts_with("2024年决算总收入420.5万元，较年初预算减少79.50万元。"));
        ev.budget.final_accounts.revenue = wan_amount("500.00");
        assert!(final_accounts(&ev).contains("，与年初预算持平。"));
    }

    #[test]
    fn shares_round_half_away_from_zero() {
        let mut ev = Evaluation::default();
        // 0.0008 ÷ 16 = 0.005 % exactly: banker's rounding would print 0.00 %.
        ev.budget.final_accounts.expenditure = wan_amount("16");
        ev.budget.final_accounts.basic = wan_amount("0.0008");
        ev.budget.final_accounts.project = wan_amount("15.9992");
        let s = final_accounts(&ev);
        assert!(s.contains("基本支出0.0008万元，占总支出的0.01%；项目支出15.9992万元，占总支出的100.00%。"), "{s}");
    }

    #[test]
    fn missing_figures_show_as_gaps_not_zeros() {
        let ev = Evaluation { year: 2025, ..Evaluation::default() };
        let s = initial_budget(&ev);
        assert!(s.starts_with("2025年年初预算安排收入（未填写），"), "{s}");
        assert!(!final_accounts(&ev).contains("占总支出"));
        assert!(assets(&ev).ends_with("资产使用率（未填写）。"));
        assert_eq!(staffing(&ev), "无所属事业单位。");
    }

    #[test]
    fn staff_changes_read_naturally() {
        let mut ev = Evaluation { year: 2024, ..Evaluation::default() };
        ev.organisation.staff_count = Some(30);
        ev.organisation.staff_change = Some(-3);
        assert!(staffing(&ev).starts_with("2024年末实有人数30人，比上年减少3人。"));
        ev.organisation.staff_change = Some(0);
        assert!(staffing(&ev).starts_with("2024年末实有人数30人，与上年持平。"));
    }
}
