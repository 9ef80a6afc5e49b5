//! The report's narrative sections: which there are, for each kind of evaluation, and
//! their texts.

use super::project::Kind;
use serde::{Deserialize, Serialize};

/// The narrative sections of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// 综合评价结论.
    Conclusion,
    /// 评价指标分析.
    Analysis,
    /// 项目绩效目标完成情况.
    ProjectPerformance,
    /// 存在问题及原因.
    Problems,
    /// 改进措施.
    Improvements,
    /// 其它需要说明的情况.
    Other,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Conclusion,
        Section::Analysis,
        Section::ProjectPerformance,
        Section::Problems,
        Section::Improvements,
        Section::Other,
    ];

    /// The sections an evaluation of `kind` has: a project has no 项目绩效目标完成情况
    /// (that chapter of the department's report is about its projects; a project's own
    /// goal is its 年度总体目标).
    pub fn of_kind(kind: Kind) -> &'static [Section] {
        const PROJECT: [Section; 5] =
            [Section::Conclusion, Section::Analysis, Section::Problems, Section::Improvements, Section::Other];
        match kind {
            Kind::Department => &Section::ALL,
            Kind::Project => &PROJECT,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Conclusion => "综合评价结论",
            Section::Analysis => "评价指标分析",
            Section::ProjectPerformance => "项目绩效目标完成情况",
            Section::Problems => "存在问题及原因",
            Section::Improvements => "改进措施",
            Section::Other => "其它需要说明的情况",
        }
    }

    /// The key in the evaluation file and the database.
    pub fn key(self) -> &'static str {
        match self {
            Section::Conclusion => "conclusion",
            Section::Analysis => "analysis",
            Section::ProjectPerformance => "project_performance",
            Section::Problems => "problems",
            Section::Improvements => "improvements",
            Section::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Narrative {
    pub conclusion: String,
    pub analysis: String,
    pub project_performance: String,
    pub problems: String,
    pub improvements: String,
    pub other: String,
}

impl Narrative {
    pub fn get(&self, section: Section) -> &str {
        match section {
            Section::Conclusion => &self.conclusion,
            Section::Analysis => &self.analysis,
            Section::ProjectPerformance => &self.project_performance,
            Section::Problems => &self.problems,
            Section::Improvements => &self.improvements,
            Section::Other => &self.other,
        }
    }

    pub fn get_mut(&mut self, section: Section) -> &mut String {
        match section {
            Section::Conclusion => &mut self.conclusion,
            Section::Analysis => &mut self.analysis,
            Section::ProjectPerformance => &mut self.project_performance,
            Section::Problems => &mut self.problems,
            Section::Improvements => &mut self.improvements,
            Section::Other => &mut self.other,
        }
    }
}
