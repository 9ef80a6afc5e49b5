//! The project (项目) side of a year: what a 项目支出绩效自评表 holds beyond the funds
//! block and the indicator grid it shares with the department's table (see
//! `docs/file-format.md`, "Project files").
//!
//! A department files one 部门整体 evaluation and one project evaluation per project
//! every year. A project evaluation is an [`Evaluation`](super::model::Evaluation) of
//! kind [`Kind::Project`]: its identity is its organisation, year and [`Project::name`];
//! its funds block (年度资金总额) is the evaluation's `funds`, split here by source.

use super::money::Amount;
use serde::{Deserialize, Serialize};

/// What an evaluation evaluates: the department's whole budget or one project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 部门整体支出绩效自评.
    #[default]
    Department,
    /// 项目支出绩效自评.
    Project,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Department, Kind::Project];

    /// `部门整体` / `项目`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Department => "部门整体",
            Kind::Project => "项目",
        }
    }

    /// The key in the evaluation file, the database and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Department => "department",
            Kind::Project => "project",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The name of the table filed: `部门整体支出绩效自评表` / `项目支出绩效自评表`.
    pub fn table_name(self) -> &'static str {
        match self {
            Kind::Department => "部门整体支出绩效自评表",
            Kind::Project => "项目支出绩效自评表",
        }
    }
}

/// One source of a project's funds: 年初预算数 / 全年预算数 / 全年执行数.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourceFunds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_year: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Amount>,
}

impl SourceFunds {
    pub fn is_empty(&self) -> bool {
        *self == SourceFunds::default()
    }
}

/// The funds block by source. Their sum in each column is 年度资金总额 (the
/// evaluation's `funds.initial`, `funds.full_year`, `funds.executed`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProjectFunds {
    /// 当年财政拨款.
    #[serde(skip_serializing_if = "SourceFunds::is_empty")]
    pub current: SourceFunds,
    /// 上年结转资金.
    #[serde(skip_serializing_if = "SourceFunds::is_empty")]
    pub carried: SourceFunds,
    /// 财政专户管理资金 (Sichuan).
    #[serde(skip_serializing_if = "SourceFunds::is_empty")]
    pub special: SourceFunds,
    /// 单位资金 (Sichuan).
    #[serde(skip_serializing_if = "SourceFunds::is_empty")]
    pub own: SourceFunds,
    /// 其他资金.
    #[serde(skip_serializing_if = "SourceFunds::is_empty")]
    pub other: SourceFunds,
}

/// 年度总体目标: what the project set out to do, and what it did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnnualGoal {
    /// 预期目标.
    pub expected: String,
    /// 实际完成情况.
    pub achieved: String,
}

/// A project's identity and the header of its table. Empty for a department.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Project {
    /// 项目名称: unique within its organisation and year, and how a project is
    /// recognised from one year to the next.
    pub name: String,
    /// 主管部门.
    pub supervisor: String,
    /// 实施单位.
    pub implementer: String,
    /// 项目负责人.
    pub manager: String,
    /// 联系电话.
    pub phone: String,
    /// 项目类别: 上级专项 / 本级专项.
    pub category: String,
    /// 项目属性: 持续性 / 新增性.
    pub attribute: String,
    /// 项目类型: 常年性 / 延续性 / 一次性.
    #[serde(rename = "type")]
    pub project_type: String,
    /// 填报日期, as typed (a real date when not empty).
    pub filed_on: String,
    pub funds: ProjectFunds,
    pub goal: AnnualGoal,
}

/// One of the year's projects as the department's report lists it under
/// 四、项目绩效目标完成情况, and as the 专项资金 agreement check reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLine {
    pub name: String,
    /// 全年预算数.
    pub full_year: Option<Amount>,
    /// 全年执行数.
    pub executed: Option<Amount>,
    /// 总分, with the places of the project's template.
    pub total: String,
    /// 等级.
    pub grade: String,
}

impl ProjectLine {
    /// The line of a project evaluation, scored.
    pub fn of(ev: &super::model::Evaluation) -> ProjectLine {
        ProjectLine::scored(ev, &super::score::score(ev))
    }

    /// The same, from the project's score sheet.
    pub fn scored(ev: &super::model::Evaluation, sheet: &super::score::ScoreSheet) -> ProjectLine {
        ProjectLine {
            name: ev.project.name.trim().to_string(),
            full_year: ev.funds.full_year,
            executed: ev.funds.executed,
            total: sheet.show(sheet.total),
            grade: sheet.grade.label().to_string(),
        }
    }

    /// 执行率 = 全年执行数 ÷ 全年预算数, when both are there.
    pub fn rate(&self) -> Option<rust_decimal::Decimal> {
        super::derived::ratio(self.executed, self.full_year)
    }
}
