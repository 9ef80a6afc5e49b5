//! The department's 自评表: 预算部门, then the funds block, the indicator grid, the
//! total and the 备注 as its template lays them out (`form`).
//!
//! The workbook, the Word report and the Markdown report all render this one layout;
//! the workbook import reads it back by the labels and headings named here.

use super::form::Form;
use super::table::{Cell, Table};
use crate::domain::check::Column;
use crate::domain::field::Field;
use crate::domain::model::Evaluation;
use crate::domain::score::ScoreSheet;

/// Column headings of the national grid, in the order of the printed table (for the CSV
/// and the import's heading match).
pub const GRID_HEADINGS: [&str; 9] = [
    Column::Level1.heading(),
    Column::Level2.heading(),
    Column::Name.heading(),
    Column::Target.heading(),
    Column::Actual.heading(),
    Column::Criterion.heading(),
    Column::Weight.heading(),
    Column::Score.heading(),
    Column::DeviationReason.heading(),
];

pub const DEPARTMENT_LABEL: &str = "预算部门";
pub const TOTAL_LABEL: &str = "总分";
pub use super::form::{BY_NATURE, BY_SOURCE, GRADE_LABEL};

/// The funds block's figure columns as the import looks for them: field and heading.
pub const FUNDS_COLUMNS: [(Field, &str); 3] =
    [(Field::FundsInitial, "年初预算数"), (Field::FundsFullYear, "全年预算数"), (Field::FundsExecuted, "全年执行数")];

/// The form with its title.
pub struct SelfTable {
    pub title: String,
    pub table: Table,
}

pub fn title(year: i32) -> String {
    format!("{year}年度部门整体支出绩效自评表")
}

/// The scored table of an evaluation: the department's form, or a project's
/// (`project_table`).
pub fn build(ev: &Evaluation, sheet: &ScoreSheet) -> SelfTable {
    if ev.is_project() {
        return super::project_table::build(ev, sheet);
    }
    let mut form = Form::new(ev, sheet, 4);
    let n = form.n;
    form.table.push(vec![Cell::header(DEPARTMENT_LABEL).wide(2), Cell::label(&ev.organisation.name).wide(n - 2)]);
    form.funds_block();
    form.grid();
    form.total();
    form.finish(title(ev.year))
}
