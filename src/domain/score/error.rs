//! Why a rule could not compute a score. Each message says what to fix, in Chinese.

use crate::domain::value::UnitMismatch;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("未填写年度指标值")]
    MissingTarget,
    #[error("未填写实际完成值")]
    MissingActual,
    #[error("{which}“{text}”不是数字，无法按“{rule}”计算")]
    NotNumber { which: &'static str, text: String, rule: &'static str },
    #[error("{which}“{text}”不是日期，无法按“时限扣分”计算")]
    NotDate { which: &'static str, text: String },
    #[error("{0}")]
    Units(#[from] UnitMismatch),
    #[error("{0}")]
    Date(#[from] crate::domain::date::DateError),
    #[error("{which}“{text}”没有写年份，需要自评的年度才能计算")]
    NoYear { which: &'static str, text: String },
    #[error("指标值为 0，无法按比例计算")]
    ZeroTarget,
    #[error("实际完成值为 0，无法按反向比例计算")]
    ZeroActual,
    #[error("“{word}”不在等级表中（可用：{known}）")]
    UnknownGrade { word: String, known: String },
    #[error("该规则按填报得分计分：请在得分栏填写得分")]
    NeedsTypedScore,
    #[error("逾期 {days} 天，评分标准未规定这一档（{ladder}）：请补充规则或填写得分并说明理由")]
    DeadlineGap { days: i64, ladder: String },
    #[error("无法判断“{0}”是否完成（可填：完成/未完成、是/否、1/0）")]
    UnknownDone(String),
    #[error("无法识别达成的项目“{0}”：请填写序号，如 ①③ 或 1,3，或“全部”“无”")]
    ChecklistItems(String),
    #[error("指标值“{0}”未写明 ≥ 或 ≤，也没有填指标性质：正向/反向规则无从判断方向")]
    NoDirection(String),
    #[error("评分规则参数有误：{0}")]
    BadParams(&'static str),
}
