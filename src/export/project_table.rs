//! The 项目支出绩效自评表 in the national skeleton (财预〔2020〕10号 annex): 项目名称,
//! 主管部门 and 实施单位; the funds block (年度资金总额, then 其中 当年财政拨款 / 上年结转
//! 资金 / 其他资金, each with 年初预算数 / 全年预算数 / 全年执行数); the 年度总体目标
//! pair; the indicator grid; the total and grade.
//!
//! Rendered by the workbook, the Word report and the Markdown report like the
//! department's table; the workbook import reads it back by the labels named here.

use super::self_table::{GRADE_LABEL, SelfTable, TOTAL_LABEL, level_spans};
use super::table::{Cell, Style, Table, Value};
use crate::domain::derived::ratio;
use crate::domain::field::{Field, SOURCES};
use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::score::ScoreSheet;

pub const NAME_LABEL: &str = "项目名称";
pub const SUPERVISOR_LABEL: &str = "主管部门";
pub const IMPLEMENTER_LABEL: &str = "实施单位";
pub const FUNDS_LABEL: &str = "项目资金（万元）";
pub const TOTAL_FUNDS_LABEL: &str = "年度资金总额";
pub const GOAL_LABEL: &str = "年度总体目标";
/// Written before the first source: `其中：当年财政拨款`.
pub const AMONG: &str = "其中：";

/// The funds block's figure columns (the same headings as the department's table).
pub const FUNDS_COLUMNS: [(Field, &str); 3] =
    [(Field::FundsInitial, "年初预算数"), (Field::FundsFullYear, "全年预算数"), (Field::FundsExecuted, "全年执行数")];

pub fn title(year: i32) -> String {
    format!("项目支出绩效自评表（{year}年度）")
}

fn money(a: Option<Amount>) -> Cell {
    Cell::number(a.map(|a| a.in_wan()), 2)
}

fn rate(executed: Option<Amount>, base: Option<Amount>) -> Cell {
    Cell::new(ratio(executed, base).map_or(Value::Empty, Value::Percent), Style::Number)
}

/// The grid's headings: the national skeleton's, with 评（扣）分标准 when the template
/// prints it.
fn grid_headings(criterion: bool) -> Vec<&'static str> {
    let mut h = vec!["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"];
    if criterion {
        h.push("评（扣）分标准");
    }
    h.extend(["分值", "得分", "偏差原因分析及改进措施"]);
    h
}

pub fn build(ev: &Evaluation, sheet: &ScoreSheet) -> SelfTable {
    let criterion = ev.template.columns.criterion;
    let n = 1 + grid_headings(criterion).len();
    let mut t = Table::new(n);
    header(&mut t, ev, n);
    funds_block(&mut t, ev, sheet, n);
    goal(&mut t, ev, n);
    grid(&mut t, ev, sheet, criterion);
    t.push(vec![
        Cell::header(TOTAL_LABEL).wide(n - 3),
        Cell::number(Some(sheet.weight_total), 2),
        Cell::number(Some(sheet.total), sheet.places),
        Cell::empty(),
    ]);
    t.push(vec![Cell::header(GRADE_LABEL).wide(n - 3), Cell::label(sheet.grade.label()).wide(3)]);
    let (min, max): (&[f64], &[f64]) = if criterion {
        (
            &[6.0, 8.0, 8.0, 12.0, 12.0, 12.0, 24.0, 8.0, 8.0, 16.0],
            &[8.0, 10.0, 12.0, 20.0, 14.0, 14.0, 34.0, 10.0, 10.0, 24.0],
        )
    } else {
        (&[6.0, 10.0, 10.0, 14.0, 12.0, 12.0, 10.0, 10.0, 18.0], &[8.0, 14.0, 14.0, 24.0, 16.0, 16.0, 10.0, 12.0, 30.0])
    };
    t.fit_widths(min, max);
    SelfTable { title: title(ev.year), table: t }
}

/// 项目名称, 主管部门 / 实施单位, and the optional header fields in pairs (a pair left
/// out when both are empty).
fn header(t: &mut Table, ev: &Evaluation, n: usize) {
    let p = &ev.project;
    t.push(vec![Cell::header(NAME_LABEL).wide(2), Cell::label(&p.name).wide(n - 2)]);
    let pairs = [
        ((SUPERVISOR_LABEL, &p.supervisor), (IMPLEMENTER_LABEL, &p.implementer)),
        (("项目类别", &p.category), ("项目属性", &p.attribute)),
        (("项目类型", &p.project_type), ("填报日期", &p.filed_on)),
        (("项目负责人", &p.manager), ("联系电话", &p.phone)),
    ];
    for (i, ((l1, v1), (l2, v2))) in pairs.into_iter().enumerate() {
        if i > 0 && v1.trim().is_empty() && v2.trim().is_empty() {
            continue;
        }
        t.push(vec![
            Cell::header(l1).wide(2),
            Cell::label(v1).wide(3),
            Cell::header(l2).wide(2),
            Cell::label(v2).wide(n - 7),
        ]);
    }
}

fn funds_block(t: &mut Table, ev: &Evaluation, sheet: &ScoreSheet, n: usize) {
    let mut heading = vec![Cell::header(FUNDS_LABEL).tall(1 + 1 + SOURCES.len()), Cell::empty().wide(2)];
    heading.extend(FUNDS_COLUMNS.iter().map(|(_, h)| Cell::header(h)));
    heading.extend(["分值", "执行率"].map(Cell::header));
    heading.push(Cell::header("得分").wide(n - 8));
    t.push(heading);

    let mut totals = vec![Cell::label(TOTAL_FUNDS_LABEL).wide(2)];
    totals.extend(FUNDS_COLUMNS.iter().map(|(f, _)| money(f.amount(ev))));
    totals.push(Cell::number(Some(ev.template.funds_weight), 2));
    totals.push(Cell::new(sheet.execution_rate.map_or(Value::Empty, Value::Percent), Style::Number));
    totals.push(Cell::number(sheet.items.first().map(|i| i.score), sheet.places).wide(n - 8));
    t.push(totals);

    for (i, (group, fields)) in SOURCES.iter().enumerate() {
        let label = if i == 0 { format!("{AMONG}{}", group.title()) } else { group.title().to_string() };
        let mut row = vec![Cell::label(&label).wide(2)];
        row.extend(fields.iter().map(|f| money(f.amount(ev))));
        row.push(Cell::label("—"));
        row.push(rate(fields[2].amount(ev), fields[1].amount(ev)));
        row.push(Cell::label("—").wide(n - 8));
        t.push(row);
    }
}

fn goal(t: &mut Table, ev: &Evaluation, n: usize) {
    let half = (n - 1) / 2;
    let g = &ev.project.goal;
    t.push(vec![
        Cell::header(GOAL_LABEL).tall(2),
        Cell::header("预期目标").wide(half),
        Cell::header("实际完成情况").wide(n - 1 - half),
    ]);
    t.push(vec![
        Cell::text(g.expected.trim(), Style::Text).wide(half),
        Cell::text(g.achieved.trim(), Style::Text).wide(n - 1 - half),
    ]);
}

fn grid(t: &mut Table, ev: &Evaluation, sheet: &ScoreSheet, criterion: bool) {
    let inds = &ev.indicators;
    let (span1, span2) = level_spans(inds);
    t.repeat_row = Some(t.rows.len());
    let mut heading = vec![Cell::header("绩效指标").tall(inds.len() + 1)];
    heading.extend(grid_headings(criterion).into_iter().map(Cell::header));
    t.push(heading);
    for (i, ind) in inds.iter().enumerate() {
        let mut row = Vec::new();
        if span1[i] > 0 {
            row.push(Cell::label(&ind.level1).tall(span1[i]));
        }
        if span2[i] > 0 {
            row.push(Cell::label(&ind.level2).tall(span2[i]));
        }
        row.extend([Cell::label(&ind.name), Cell::label(ind.target.text()), Cell::label(ind.actual.text())]);
        if criterion {
            row.push(Cell::text(ind.criterion.clone(), Style::Text));
        }
        row.extend([
            Cell::number(Some(ind.weight), 2),
            Cell::number(sheet.indicator(i).map(|s| s.score), sheet.places),
            Cell::text(ind.deviation_reason.clone(), Style::Text),
        ]);
        t.push(row);
    }
}
