//! The department's 自评表 laid out like the seed's form: 预算部门, the funds block split by source
//! and by nature, the indicator grid with 一级/二级 groups merged, the total and grade.
//!
//! The workbook, the Word report and the Markdown report all render this one layout;
//! the workbook import reads it back by the labels and headings named here.

use super::table::{Cell, Style, Table, Value};
use crate::domain::field::Field;
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::score::ScoreSheet;
use rust_decimal::Decimal;

/// Columns of the 10-column form.
pub mod col {
    /// 绩效指标 / 年度预算申请 side labels.
    pub const SIDE: usize = 0;
    pub const LEVEL1: usize = 1;
    pub const LEVEL2: usize = 2;
    pub const NAME: usize = 3;
    pub const TARGET: usize = 4;
    pub const ACTUAL: usize = 5;
    pub const CRITERION: usize = 6;
    pub const WEIGHT: usize = 7;
    pub const SCORE: usize = 8;
    pub const REASON: usize = 9;
    pub const COUNT: usize = 10;
}

/// Column headings of the indicator grid, columns 1 to 9.
pub const GRID_HEADINGS: [&str; 9] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "评（扣）分标准",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

pub const DEPARTMENT_LABEL: &str = "预算部门";
pub const TOTAL_LABEL: &str = "总分";
pub const GRADE_LABEL: &str = "评价等级";

/// The funds block's figure columns: field and heading (the heading also adds “（万元）”).
pub const FUNDS_COLUMNS: [(Field, &str); 3] =
    [(Field::FundsInitial, "年初预算数"), (Field::FundsFullYear, "全年预算数"), (Field::FundsExecuted, "全年执行数")];

/// 全年预算 by source of revenue (按收入性质分).
pub const BY_SOURCE: [(Field, &str); 4] = [
    (Field::FundsGeneral, "一般公共预算"),
    (Field::FundsGovFund, "政府性基金拨款"),
    (Field::FundsSpecialAccount, "纳入专户管理的非税收入"),
    (Field::FundsOther, "其他资金"),
];

/// 全年预算 by nature of expenditure (按支出性质分).
pub const BY_NATURE: [(Field, &str); 2] = [(Field::FundsBasic, "基本支出"), (Field::FundsProject, "项目支出")];

/// The form with its title.
pub struct SelfTable {
    pub title: String,
    pub table: Table,
}

pub fn title(year: i32) -> String {
    format!("{year}年度部门整体支出绩效自评表")
}

/// A money field in 万元, the unit the whole form is in.
fn money(ev: &Evaluation, field: Field) -> Cell {
    let value = match field.get(ev) {
        crate::domain::field::FieldValue::Money(a) => a.map(|a| a.in_wan()),
        _ => None,
    };
    Cell::number(value, 2)
}

/// The scored table of an evaluation: the department's form, or a project's
/// (`project_table`).
pub fn build(ev: &Evaluation, sheet: &ScoreSheet) -> SelfTable {
    if ev.is_project() {
        return super::project_table::build(ev, sheet);
    }
    let mut t = Table::new(col::COUNT);
    t.push(vec![Cell::header(DEPARTMENT_LABEL).wide(2), Cell::label(&ev.organisation.name).wide(8)]);
    funds_block(&mut t, ev, sheet);
    indicator_grid(&mut t, ev, sheet);
    t.push(vec![
        Cell::header(TOTAL_LABEL).wide(7),
        Cell::number(Some(sheet.weight_total), 2),
        Cell::number(Some(sheet.total), sheet.places),
        Cell::empty(),
    ]);
    t.push(vec![Cell::header(GRADE_LABEL).wide(7), Cell::label(sheet.grade.label()).wide(3)]);
    t.fit_widths(
        &[6.0, 8.0, 8.0, 12.0, 12.0, 12.0, 24.0, 10.0, 10.0, 16.0],
        &[6.0, 10.0, 12.0, 20.0, 14.0, 14.0, 34.0, 10.0, 10.0, 24.0],
    );
    SelfTable { title: title(ev.year), table: t }
}

fn funds_block(t: &mut Table, ev: &Evaluation, sheet: &ScoreSheet) {
    let funds_item = sheet.items.first();
    let mut heading = vec![Cell::header("年度预算申请（万元）").tall(7), Cell::empty().wide(3)];
    heading.extend(FUNDS_COLUMNS.iter().map(|(_, h)| Cell::header(&format!("{h}（万元）"))));
    heading.extend(["分值", "执行率", "得分"].map(Cell::header));
    t.push(heading);

    let mut totals = vec![Cell::label("年度资金总额：").wide(3)];
    totals.extend(FUNDS_COLUMNS.iter().map(|(f, _)| money(ev, *f)));
    totals.push(Cell::number(Some(ev.template.funds_weight), 2));
    totals.push(Cell::new(sheet.execution_rate.map_or(Value::Empty, Value::Percent), Style::Number));
    totals.push(Cell::number(funds_item.map(|i| i.score), sheet.places));
    t.push(totals);

    t.push(vec![Cell::label("按收入性质分：").wide(5), Cell::label("按支出性质分：").wide(4)]);
    for (i, (field, label)) in BY_SOURCE.iter().enumerate() {
        let mut row = vec![Cell::label(&format!("{label}：")).wide(3), money(ev, *field).wide(2)];
        match BY_NATURE.get(i) {
            Some((nature, nature_label)) => {
                row.push(Cell::label(&format!("{nature_label}：")).wide(2));
                row.push(money(ev, *nature).wide(2));
            }
            None => row.push(Cell::empty().wide(4)),
        }
        t.push(row);
    }
}

/// For each row, how many rows its group spans if the group starts there (0 inside a
/// group). Empty keys never group: a blank 一级指标 is not merged with the next blank.
fn group_spans(keys: &[Option<(&str, &str)>]) -> Vec<usize> {
    let mut spans = vec![0; keys.len()];
    let mut start = 0;
    while start < keys.len() {
        let mut end = start + 1;
        while keys[start].is_some() && end < keys.len() && keys[end] == keys[start] {
            end += 1;
        }
        spans[start] = end - start;
        start = end;
    }
    spans
}

/// How many rows each row's 一级指标 and 二级指标 cells span (0 inside a group).
pub(super) fn level_spans(inds: &[Indicator]) -> (Vec<usize>, Vec<usize>) {
    let nonempty = |s: &str| !s.trim().is_empty();
    let level1: Vec<_> = inds.iter().map(|i| nonempty(&i.level1).then_some((i.level1.as_str(), ""))).collect();
    let level2: Vec<_> =
        inds.iter().map(|i| nonempty(&i.level2).then_some((i.level1.as_str(), i.level2.as_str()))).collect();
    (group_spans(&level1), group_spans(&level2))
}

fn indicator_grid(t: &mut Table, ev: &Evaluation, sheet: &ScoreSheet) {
    let inds = &ev.indicators;
    let (span1, span2) = level_spans(inds);

    t.repeat_row = Some(t.rows.len());
    let mut heading = vec![Cell::header("绩效指标").tall(inds.len() + 1)];
    heading.extend(GRID_HEADINGS.map(Cell::header));
    t.push(heading);

    for (i, ind) in inds.iter().enumerate() {
        let mut row = Vec::with_capacity(col::COUNT);
        if span1[i] > 0 {
            row.push(Cell::label(&ind.level1).tall(span1[i]));
        }
        if span2[i] > 0 {
            row.push(Cell::label(&ind.level2).tall(span2[i]));
        }
        let score = sheet.indicator(i).map(|s| s.score);
        row.extend(indicator_cells(ind, score, sheet.places));
        t.push(row);
    }
}

fn indicator_cells(ind: &Indicator, score: Option<Decimal>, places: u32) -> [Cell; 7] {
    [
        Cell::label(&ind.name),
        Cell::label(ind.target.text()),
        Cell::label(ind.actual.text()),
        Cell::text(ind.criterion.clone(), Style::Text),
        Cell::number(Some(ind.weight), 2),
        Cell::number(score, places),
        Cell::text(ind.deviation_reason.clone(), Style::Text),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_runs_of_equal_nonempty_keys() {
        let k = |s: &'static str| (!s.is_empty()).then_some((s, ""));
        let keys = [k("产出"), k("产出"), k(""), k(""), k("效益"), k("产出")];
        assert_eq!(group_spans(&keys), vec![2, 0, 1, 1, 1, 1]);
        assert_eq!(group_spans(&[]), Vec::<usize>::new());
    }

    #[test]
    fn a_level2_group_ends_where_its_level1_group_ends() {
        let keys = [Some(("产出", "数量")), Some(("效益", "数量"))];
        assert_eq!(group_spans(&keys), vec![1, 1]);
    }
}
