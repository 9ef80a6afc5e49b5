//! The checks a careful reviewer makes (`docs/domain.md`, "What a careful reviewer checks").
//!
//! Pure: an evaluation and its score sheet in, findings out. Each finding has a
//! severity, the place it concerns (for the UI to jump to) and a Chinese message that
//! carries the numbers.

mod criterion;
mod figures;
mod indicators;
mod kept;
mod narrative;
mod project;
mod template;

pub use project::{agreement, shown_sources};

use super::field::Field;
pub use criterion::differences;
pub use kept::{Kept, check_after};

use super::model::{Evaluation, Section};
use super::project::{Kind, ProjectLine};
use super::score::ScoreSheet;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// 提示: worth a look (a rounding difference of 0.01, a target set low).
    Note,
    /// 警告: probably wrong.
    Warning,
    /// 错误: the table cannot be right as it stands.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }

    /// The key used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A column of the indicator grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Criterion,
    Weight,
    Score,
    Rule,
    DeviationReason,
}

impl Column {
    /// The column's heading in the printed 自评表 (the rule has none there).
    pub const fn heading(self) -> &'static str {
        match self {
            Column::Level1 => "一级指标",
            Column::Level2 => "二级指标",
            Column::Name => "三级指标",
            Column::Target => "年度指标值",
            Column::Actual => "实际完成值",
            Column::Criterion => "评（扣）分标准",
            Column::Weight => "分值",
            Column::Score => "得分",
            Column::DeviationReason => "偏差原因分析及改进措施",
            Column::Rule => "评分规则",
        }
    }

    /// The key used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Column::Level1 => "level1",
            Column::Level2 => "level2",
            Column::Name => "name",
            Column::Target => "target",
            Column::Actual => "actual",
            Column::Criterion => "criterion",
            Column::Weight => "weight",
            Column::Score => "score",
            Column::Rule => "rule",
            Column::DeviationReason => "deviation_reason",
        }
    }
}

/// What a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    Field(Field),
    /// A row of the indicator grid, and the cell.
    Indicator(usize, Column),
    /// The grid as a whole (the weights).
    Indicators,
    SpecialFund(usize),
    Narrative(Section),
}

impl Place {
    /// Where the place is in `ev`, in words a reader of the printed table can follow:
    /// `第9项指标「总成本」：得分`.
    pub fn describe(&self, ev: &Evaluation) -> String {
        match self {
            Place::Field(f) => f.place(),
            Place::Indicator(i, column) => {
                let name = ev.indicators.get(*i).map_or("", |ind| ind.name.as_str());
                format!("第{}项指标「{name}」：{}", i + 1, column.heading())
            }
            Place::Indicators => "绩效指标".to_string(),
            Place::SpecialFund(i) => {
                format!("专项资金「{}」", ev.special_funds.get(*i).map_or("", |f| f.name.as_str()))
            }
            Place::Narrative(section) => format!("报告：{}", section.title()),
        }
    }

    /// A short key for JSON output: `field:sangong_budget_total`, `indicator:3:score`.
    pub fn key(&self) -> String {
        match self {
            Place::Field(f) => format!("field:{}", f.column()),
            Place::Indicator(i, c) => format!("indicator:{}:{}", i + 1, c.key()),
            Place::Indicators => "indicators".into(),
            Place::SpecialFund(i) => format!("special_fund:{}", i + 1),
            Place::Narrative(s) => format!("narrative:{}", s.key()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
}

/// Every check of one evaluation, in the order of the report: figures, then the grid,
/// then the text.
pub fn check(ev: &Evaluation, sheet: &ScoreSheet) -> Vec<Finding> {
    check_after(ev, sheet, &mut Kept::default(), None)
}

/// Every check of an evaluation seen with the other evaluations of its year: for a
/// department, its 专项资金 rows against the year's `projects` ([`agreement`]).
pub fn check_in_year(ev: &Evaluation, sheet: &ScoreSheet, projects: &[ProjectLine]) -> Vec<Finding> {
    let mut out = check(ev, sheet);
    if ev.kind == Kind::Department {
        out.extend(agreement(ev, projects));
    }
    out
}

/// Counts by severity: (errors, warnings, notes).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_have_stable_keys_for_json() {
        assert_eq!(Place::Indicator(8, Column::DeviationReason).key(), "indicator:9:deviation_reason");
        assert_eq!(Place::Field(Field::SangongBudgetTotal).key(), "field:sangong_budget_total");
        assert_eq!(Place::Narrative(Section::Conclusion).key(), "narrative:conclusion");
        assert_eq!(Place::SpecialFund(0).key(), "special_fund:1");
    }
}
