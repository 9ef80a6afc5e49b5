//! The workbook's second and third sheets as tables: the budget figures (预算情况) and
//! the check results (检查结果).

use super::table::{Cell, Style, Table, Value};
use crate::domain::check::Finding;
use crate::domain::derived::asset_usage;
use crate::domain::field::{FieldKind, FieldValue, Group};
use crate::domain::model::{Evaluation, SpecialFund};
use crate::domain::money::Amount;
use rust_decimal::Decimal;

/// The groups of budget figures, in the order of the report's 二、预算支出情况.
const BUDGET_GROUPS: [Group; 6] = [
    Group::InitialBudget,
    Group::FinalAccounts,
    Group::SangongBudget,
    Group::SangongActual,
    Group::Procurement,
    Group::Assets,
];

fn amount_cells(amount: Option<Amount>) -> [Cell; 2] {
    // The figure as typed with its unit beside it: "5.59 元" stays visible as written.
    [Cell::number(amount.map(|a| a.value), 2), Cell::label(amount.map_or("", |a| a.unit.label()))]
}

/// 预算情况: 类别 | 项目 | 金额 | 单位, one block per group, then each special fund.
pub fn budget_table(ev: &Evaluation) -> Table {
    let mut t = Table::new(4);
    t.push(["类别", "项目", "金额", "单位"].map(Cell::header).to_vec());
    t.repeat_row = Some(0);
    for group in BUDGET_GROUPS {
        let fields: Vec<_> = group.fields().collect();
        let extra = usize::from(group == Group::Assets);
        for (i, field) in fields.iter().enumerate() {
            let mut row = Vec::new();
            if i == 0 {
                row.push(Cell::header(group.title()).tall(fields.len() + extra));
            }
            row.push(Cell::label(field.label()));
            match (field.kind(), field.get(ev)) {
                (FieldKind::Money, FieldValue::Money(a)) => row.extend(amount_cells(a)),
                (_, value) => row.push(Cell::text(value.to_text(), Style::Text).wide(2)),
            }
            t.push(row);
        }
        if group == Group::Assets {
            t.push(vec![Cell::label("资产使用率"), usage_rate_cell(ev).wide(2)]);
        }
    }
    for fund in &ev.special_funds {
        special_fund_rows(&mut t, fund);
    }
    t.fit_widths(&[10.0, 16.0, 12.0, 6.0], &[14.0, 30.0, 40.0, 8.0]);
    t
}

/// 资产使用率 = 在用资产 ÷ 固定资产账面原值.
fn usage_rate_cell(ev: &Evaluation) -> Cell {
    Cell::new(asset_usage(ev).map_or(Value::Empty, Value::Percent), Style::Number)
}

fn special_fund_rows(t: &mut Table, fund: &SpecialFund) {
    let rows =
        [("预算投入", fund.budgeted), ("实际投入", fund.invested), ("实际使用", fund.used), ("结余", fund.balance)];
    for (i, (label, amount)) in rows.into_iter().enumerate() {
        let mut row = Vec::new();
        if i == 0 {
            row.push(Cell::header(&format!("专项资金：{}", fund.name)).tall(rows.len()));
        }
        row.push(Cell::label(label));
        row.extend(amount_cells(amount));
        t.push(row);
    }
}

/// 检查结果: 序号 | 级别 | 位置 | 说明.
pub fn findings_table(ev: &Evaluation, findings: &[Finding]) -> Table {
    let mut t = Table::new(4);
    t.push(["序号", "级别", "位置", "说明"].map(Cell::header).to_vec());
    t.repeat_row = Some(0);
    if findings.is_empty() {
        t.push(vec![Cell::label("未发现问题").wide(4)]);
    }
    for (i, f) in findings.iter().enumerate() {
        t.push(vec![
            Cell::number(Some(Decimal::from(i + 1)), 0),
            Cell::label(f.severity.label()),
            Cell::text(f.place.describe(ev), Style::Text),
            Cell::text(f.message.clone(), Style::Text),
        ]);
    }
    t.fit_widths(&[6.0, 6.0, 20.0, 40.0], &[6.0, 6.0, 36.0, 80.0]);
    t
}
