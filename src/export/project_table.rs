//! The 项目支出绩效自评表: 项目名称, 主管部门 and 实施单位 (and the optional header
//! fields), the funds block with the template's sources, the 年度总体目标 pair, the
//! indicator grid, the total and the 备注 (`form`). The national skeleton is the
//! 财预〔2020〕10号 annex; other templates print their own columns and labels.
//!
//! Rendered by the workbook, the Word report and the Markdown report like the
//! department's table; the workbook import reads it back by the labels named here.

use super::form::Form;
use super::self_table::SelfTable;
use super::table::{Cell, Style};
use crate::domain::model::Evaluation;
use crate::domain::score::ScoreSheet;

pub const NAME_LABEL: &str = "项目名称";
pub const SUPERVISOR_LABEL: &str = "主管部门";
pub const IMPLEMENTER_LABEL: &str = "实施单位";
pub const FUNDS_LABEL: &str = "项目资金（万元）";
pub const TOTAL_FUNDS_LABEL: &str = "年度资金总额";
pub const GOAL_LABEL: &str = "年度总体目标";
pub use super::form::AMONG;

pub fn title(year: i32) -> String {
    format!("项目支出绩效自评表（{year}年度）")
}

pub fn build(ev: &Evaluation, sheet: &ScoreSheet) -> SelfTable {
    let mut form = Form::new(ev, sheet, 7);
    header(&mut form);
    form.funds_block();
    goal(&mut form);
    form.grid();
    form.total();
    form.finish(title(ev.year))
}

/// 项目名称, 主管部门 / 实施单位, and the optional header fields in pairs (a pair left
/// out when both are empty).
fn header(form: &mut Form) {
    let (ev, n) = (form.ev, form.n);
    let p = &ev.project;
    form.table.push(vec![Cell::header(NAME_LABEL).wide(2), Cell::label(&p.name).wide(n - 2)]);
    let pairs = [
        ((SUPERVISOR_LABEL, &p.supervisor), (IMPLEMENTER_LABEL, &p.implementer)),
        (("项目类别", &p.category), ("项目属性", &p.attribute)),
        (("项目类型", &p.project_type), ("填报日期", &p.filed_on)),
        (("项目负责人", &p.manager), ("联系电话", &p.phone)),
    ];
    let first = (n - 4) / 2;
    for (i, ((l1, v1), (l2, v2))) in pairs.into_iter().enumerate() {
        if i > 0 && v1.trim().is_empty() && v2.trim().is_empty() {
            continue;
        }
        form.table.push(vec![
            Cell::header(l1).wide(2),
            Cell::label(v1).wide(first),
            Cell::header(l2).wide(2),
            Cell::label(v2).wide(n - 4 - first),
        ]);
    }
}

fn goal(form: &mut Form) {
    let (ev, n) = (form.ev, form.n);
    let half = (n - 1) / 2;
    let g = &ev.project.goal;
    form.table.push(vec![
        Cell::header(GOAL_LABEL).tall(2),
        Cell::header("预期目标").wide(half),
        Cell::header("实际完成情况").wide(n - 1 - half),
    ]);
    form.table.push(vec![
        Cell::text(g.expected.trim(), Style::Text).wide(half),
        Cell::text(g.achieved.trim(), Style::Text).wide(n - 1 - half),
    ]);
}
