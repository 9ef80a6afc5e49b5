//! The template of a 自评表 typed by hand: the one asked for (`import --template`), else
//! the preset whose form the table looks like, with the table's own columns and
//! headings in its order, so that the table prints again the way it was laid out.

use super::form::Form;
use crate::domain::template::{Column, ColumnKey, FundsDenominator, SourceRow, Template};

/// The preset a table's columns and funds block point to, and why.
pub fn guess(form: &Form) -> (&'static str, &'static str) {
    let has = |k: ColumnKey| form.columns.iter().any(|(c, _)| *c == k);
    let budget = form.budget_heading.as_deref().unwrap_or("");
    if has(ColumnKey::Coefficient) || has(ColumnKey::Core) {
        ("chongqing", "表中有得分系数或是否核心指标")
    } else if budget.contains("调整后") || (has(ColumnKey::Nature) && has(ColumnKey::Unit)) {
        ("sichuan", "表中有调整后预算数或指标性质、度量单位")
    } else if has(ColumnKey::Method) {
        ("beijing", "表中有得分计算方法")
    } else if form.funds_weight == Some(rust_decimal::Decimal::from(20))
        || (!has(ColumnKey::Weight) && form.note.is_some())
    {
        ("hubei", "预算执行率分值为20，或不列分值而以备注计分")
    } else if form.has_criterion && form.has_split {
        ("hunan-county", "表中有评（扣）分标准，资金按收入、支出性质分列")
    } else if !has(ColumnKey::Target) && form.has_criterion {
        ("framework", "表中只有评分标准，没有指标值")
    } else if form.has_criterion {
        ("hunan-county", "表中有评（扣）分标准")
    } else {
        ("national", "表格为全国通用格式")
    }
}

/// The template for a table read without jixiao's hidden sheet.
pub fn for_table(form: &Form, chosen: Option<Template>, notes: &mut Vec<String>) -> Template {
    if let Some(t) = chosen {
        notes.push(format!("评分模板按指定的“{}”", t.name));
        return t;
    }
    let (preset, why) = guess(form);
    let mut t = Template::preset(preset).unwrap_or_default();
    let table_columns: Vec<Column> = form.columns.iter().map(|(k, h)| Column::named(*k, h)).collect();
    if table_columns.iter().any(|c| c.key == ColumnKey::Name) && table_columns.iter().any(|c| c.key == ColumnKey::Score)
    {
        t.columns = table_columns;
    }
    if let Some(budget) = &form.budget_heading {
        if budget.contains("调整") && t.funds_denominator == FundsDenominator::FullYear {
            t.funds_denominator = FundsDenominator::Adjusted;
        }
    } else if form.funds.iter().any(|(f, _)| *f == crate::domain::field::Field::FundsInitial) {
        // 年初预算数 the only budget: the rate is on it (Beijing).
        t.funds_denominator = FundsDenominator::Initial;
    }
    if !form.sources.is_empty() {
        t.funds.sources = form.sources.iter().map(|(k, label)| SourceRow::named(*k, label)).collect();
    }
    if let Some(w) = form.funds_weight.filter(|w| *w > rust_decimal::Decimal::ZERO) {
        t.funds_weight = w;
    }
    if t.validate().is_err() {
        t = Template::preset(preset).unwrap_or_default();
    }
    notes.push(format!("评分模板定为“{}”（{why}），各列按表格的顺序和表头；可在评分模板页修改", t.name));
    t
}
