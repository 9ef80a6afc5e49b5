//! Listing and finding: the stored evaluations as summaries, and an evaluation by its
//! key (organisation, year, kind, project name).

use super::read::{amount, bad, decimal};
use super::{EvalId, Result, Store};
use crate::domain::model::Evaluation;
use crate::domain::money::Amount;
use crate::domain::project::{Kind, ProjectLine};
use rusqlite::{OptionalExtension, Row, params};
use rust_decimal::Decimal;

/// One line of the start screen and of `jixiao list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: EvalId,
    pub organisation_id: i64,
    pub organisation: String,
    pub year: i32,
    pub kind: Kind,
    /// 项目名称; empty for the department.
    pub project: String,
    /// 全年预算数 and 全年执行数 of the funds block (a project's 年度资金总额).
    pub full_year: Option<Amount>,
    pub executed: Option<Amount>,
    pub total: Decimal,
    pub rule_total: Decimal,
    pub grade: String,
    pub errors: i64,
    pub warnings: i64,
    pub updated_at: String,
    /// Filed (已提交): when and by whom; `None` while editable.
    pub filing: Option<super::Filing>,
}

/// The columns a [`Summary`] is read from, after `FROM evaluation e JOIN organisation o`.
const SUMMARY_COLUMNS: &str = "e.id, o.id, o.name, e.year, e.kind, e.project_name, e.funds_full_year, e.funds_executed,
     e.total, e.rule_total, e.grade, e.errors, e.warnings, e.updated_at,
     strftime('%Y-%m-%d %H:%M', e.filed_at, 'localtime'), e.filed_by";

type SummaryRow = (
    i64,
    i64,
    String,
    i32,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
);

fn summary_row(r: &Row) -> rusqlite::Result<SummaryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
        r.get(14)?,
        r.get(15)?,
    ))
}

pub(super) fn kind(text: &str) -> Result<Kind> {
    Kind::from_key(text).ok_or_else(|| bad("自评类型", text))
}

fn summary(row: SummaryRow) -> Result<Summary> {
    let (
        id,
        organisation_id,
        organisation,
        year,
        k,
        project,
        full_year,
        executed,
        total,
        rule_total,
        grade,
        errors,
        warnings,
        updated_at,
        filed_at,
        filed_by,
    ) = row;
    Ok(Summary {
        id,
        organisation_id,
        organisation,
        year,
        kind: kind(&k)?,
        project,
        full_year: amount("全年预算数", full_year)?,
        executed: amount("全年执行数", executed)?,
        total: decimal("总分", &total)?,
        rule_total: decimal("按规则总分", &rule_total)?,
        grade,
        errors,
        warnings,
        updated_at,
        filing: filed_at.map(|at| super::Filing { at, by: filed_by.unwrap_or_default() }),
    })
}

impl Summary {
    /// A project's line for its department's report and the 专项资金 agreement check.
    pub fn project_line(&self) -> ProjectLine {
        ProjectLine {
            name: self.project.clone(),
            full_year: self.full_year,
            executed: self.executed,
            total: self.total.to_string(),
            grade: self.grade.clone(),
        }
    }

    /// `衡阳县科技和工业信息化局 2024年`, `… 2024年 项目“科技项目资金”`, as
    /// `Evaluation::label` says it.
    pub fn label(&self) -> String {
        match self.kind {
            Kind::Department => format!("{} {}年", self.organisation, self.year),
            Kind::Project => format!("{} {}年 项目“{}”", self.organisation, self.year, self.project),
        }
    }

    /// `部门整体` or the project's name, for lists.
    pub fn subject(&self) -> &str {
        if self.kind == Kind::Project { &self.project } else { Kind::Department.label() }
    }
}

/// A project's name as the key stores it: trimmed; empty for the department.
fn project_key(project: Option<&str>) -> (&'static str, String) {
    match project {
        Some(name) => (Kind::Project.key(), name.trim().to_string()),
        None => (Kind::Department.key(), String::new()),
    }
}

impl Store {
    fn summaries(&self, filter: &str, values: impl rusqlite::Params) -> Result<Vec<Summary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM evaluation e JOIN organisation o ON o.id = e.organisation_id {filter}
             ORDER BY o.name, e.year, e.kind, e.project_name"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt.query_map(values, summary_row).map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(summary(row.map_err(|e| self.sql(e))?)?);
        }
        Ok(out)
    }

    /// Every stored evaluation, by organisation, year, kind (the department first) and
    /// project name.
    pub fn list(&self) -> Result<Vec<Summary>> {
        self.summaries("", [])
    }

    /// The projects of an organisation (by name) in a year, by name.
    pub fn projects_of(&self, organisation: &str, year: i32) -> Result<Vec<Summary>> {
        self.summaries("WHERE o.name = ?1 AND e.year = ?2 AND e.kind = 'project'", params![organisation.trim(), year])
    }

    /// The department evaluation of an organisation (by name) for a year.
    pub fn find(&self, organisation: &str, year: i32) -> Result<Option<EvalId>> {
        self.find_in(organisation, year, None)
    }

    /// The department evaluation (`project` = `None`) or the named project of an
    /// organisation for a year.
    pub fn find_in(&self, organisation: &str, year: i32, project: Option<&str>) -> Result<Option<EvalId>> {
        let (kind, name) = project_key(project);
        self.conn
            .query_row(
                "SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
                 WHERE o.name = ?1 AND e.year = ?2 AND e.kind = ?3 AND e.project_name = ?4",
                params![organisation.trim(), year, kind, name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// The stored evaluation with the same key as `ev` (organisation, year, kind, project).
    pub fn find_of(&self, ev: &Evaluation) -> Result<Option<EvalId>> {
        self.find_in(&ev.organisation.name, ev.year, ev.is_project().then_some(ev.project.name.as_str()))
    }

    /// Every stored year of an organisation's department evaluation (by name) as
    /// (year, id), oldest first: what a comparison or a trend loads. Served by the
    /// organisation name's unique index and the evaluation's key.
    pub fn years_of(&self, organisation: &str) -> Result<Vec<(i32, EvalId)>> {
        self.years_in(organisation, None)
    }

    /// The same for the department (`None`) or a project by its name.
    pub fn years_in(&self, organisation: &str, project: Option<&str>) -> Result<Vec<(i32, EvalId)>> {
        let (kind, name) = project_key(project);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.year, e.id FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
                 WHERE o.name = ?1 AND e.kind = ?2 AND e.project_name = ?3 ORDER BY e.year",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![organisation.trim(), kind, name], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.sql(e))
    }

    /// Each year of an organisation that has projects, with their names (oldest year
    /// first, names in order): what [`crate::domain::compare::same_project`] matches on.
    pub fn project_names(&self, organisation: &str) -> Result<Vec<(i32, Vec<String>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.year, e.project_name FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
                 WHERE o.name = ?1 AND e.kind = 'project' ORDER BY e.year, e.project_name",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([organisation.trim()], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.sql(e))?;
        let mut out: Vec<(i32, Vec<String>)> = Vec::new();
        for row in rows {
            let (year, name) = row.map_err(|e| self.sql(e))?;
            match out.last_mut() {
                Some((y, names)) if *y == year => names.push(name),
                _ => out.push((year, vec![name])),
            }
        }
        Ok(out)
    }

    /// Organisations as (id, name), by name.
    pub fn organisations(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name FROM organisation ORDER BY name").map_err(|e| self.sql(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.sql(e))
    }
}
