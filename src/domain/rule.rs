//! The structured scoring rule held beside each indicator's criterion text.
//!
//! One variant per rule kind of `docs/domain.md`. The arithmetic lives in `score::kinds`;
//! this file is only the shape (what the user fills in the rule form and what the
//! evaluation file stores).

use super::serde_decimal as dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// 每少X扣Y分: full marks at or above target, Y per X short.
    Shortfall(StepRule),
    /// 每超出X扣Y分: full marks at or below target, Y per X over (absolute or relative).
    Excess(ExcessRule),
    /// 按完成比例: weight × actual / target.
    Proportional,
    /// 反向指标: weight × target / actual.
    Reverse,
    /// 正向/反向 by the row's 指标性质 (else its target's operator): a target written
    /// ≥X (or =X) is scored weight × B/A, one written ≤X weight × A/B (Hubei's 备注).
    Directional,
    /// 分档: the first band whose condition holds.
    Bands(BandsRule),
    /// 等级: a word (效果显著 …) → a fraction of the weight, or a range the typed score must lie in.
    Grade(GradeRule),
    /// 时限: days late → a deduction from an explicit ladder.
    Deadline(DeadlineRule),
    /// 次数: Y per missed period or per violation.
    Count(CountRule),
    /// 逐项: the points of the items met.
    Checklist(ChecklistRule),
    /// 完成与否: done → weight; not done → weight − deduction.
    Binary(BinaryRule),
    /// 人工: the score as typed, with a reason.
    Manual,
}

/// The kinds, for the rule form's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    Shortfall,
    Excess,
    Proportional,
    Reverse,
    Directional,
    Bands,
    Grade,
    Deadline,
    Count,
    Checklist,
    Binary,
    Manual,
}

impl RuleKind {
    pub const ALL: [RuleKind; 12] = [
        RuleKind::Shortfall,
        RuleKind::Excess,
        RuleKind::Proportional,
        RuleKind::Reverse,
        RuleKind::Bands,
        RuleKind::Grade,
        RuleKind::Deadline,
        RuleKind::Count,
        RuleKind::Checklist,
        RuleKind::Binary,
        // After the others, so that their keys (1–9, 0) stay what they were.
        RuleKind::Directional,
        RuleKind::Manual,
    ];

    /// The Chinese name shown in the grid and the rule form.
    pub fn label(self) -> &'static str {
        match self {
            RuleKind::Shortfall => "不足扣分",
            RuleKind::Excess => "超出扣分",
            RuleKind::Proportional => "按比例",
            RuleKind::Reverse => "反向比例",
            RuleKind::Directional => "正向/反向",
            RuleKind::Bands => "分档计分",
            RuleKind::Grade => "等级评价",
            RuleKind::Deadline => "时限扣分",
            RuleKind::Count => "次数扣分",
            RuleKind::Checklist => "逐项计分",
            RuleKind::Binary => "完成与否",
            RuleKind::Manual => "人工评分",
        }
    }

    /// A one-line example of the criterion this kind models.
    pub fn example(self) -> &'static str {
        match self {
            RuleKind::Shortfall => "完成120家得3分，每少一家扣0.05分",
            RuleKind::Excess => "每超出成本10%扣1分",
            RuleKind::Proportional => "得分 = 分值 × 完成值 ÷ 指标值",
            RuleKind::Reverse => "得分 = 分值 × 指标值 ÷ 完成值",
            RuleKind::Directional => "正向指标（≥）分值×B/A，反向指标（≤）分值×A/B",
            RuleKind::Bands => "满意度90%计10分，80%计8分，少于60%计0分",
            RuleKind::Grade => "效果显著100%，良好80%，一般60%，较差0分",
            RuleKind::Deadline => "按时完成得满分，超1个月内扣2分",
            RuleKind::Count => "每月一次，每月未完成扣0.5分",
            RuleKind::Checklist => "①已制定办法1分；②制度完整1分",
            RuleKind::Binary => "完成得满分，未完成扣2分",
            RuleKind::Manual => "按评分标准人工打分，需写明理由",
        }
    }
}

impl Rule {
    pub fn kind(&self) -> RuleKind {
        match self {
            Rule::Shortfall(_) => RuleKind::Shortfall,
            Rule::Excess(_) => RuleKind::Excess,
            Rule::Proportional => RuleKind::Proportional,
            Rule::Reverse => RuleKind::Reverse,
            Rule::Directional => RuleKind::Directional,
            Rule::Bands(_) => RuleKind::Bands,
            Rule::Grade(_) => RuleKind::Grade,
            Rule::Deadline(_) => RuleKind::Deadline,
            Rule::Count(_) => RuleKind::Count,
            Rule::Checklist(_) => RuleKind::Checklist,
            Rule::Binary(_) => RuleKind::Binary,
            Rule::Manual => RuleKind::Manual,
        }
    }

    /// A sensible starting rule of a kind, for the rule form.
    pub fn default_of(kind: RuleKind) -> Rule {
        let one = Decimal::ONE;
        match kind {
            RuleKind::Shortfall => Rule::Shortfall(StepRule { step: one, deduct: one, whole_steps: false }),
            RuleKind::Excess => {
                Rule::Excess(ExcessRule { step: Decimal::TEN, deduct: one, whole_steps: false, relative: true })
            }
            RuleKind::Proportional => Rule::Proportional,
            RuleKind::Reverse => Rule::Reverse,
            RuleKind::Directional => Rule::Directional,
            RuleKind::Bands => Rule::Bands(BandsRule::default()),
            RuleKind::Grade => Rule::Grade(GradeRule::default()),
            RuleKind::Deadline => Rule::Deadline(DeadlineRule::default()),
            RuleKind::Count => {
                Rule::Count(CountRule { per: Decimal::new(5, 1), periods: None, counts: CountKind::Missed })
            }
            RuleKind::Checklist => Rule::Checklist(ChecklistRule::default()),
            RuleKind::Binary => Rule::Binary(BinaryRule { deduct: None }),
            RuleKind::Manual => Rule::Manual,
        }
    }

    /// Whether the rule computes a score by itself (else the typed score is its input).
    pub fn needs_typed_score(&self) -> bool {
        match self {
            Rule::Manual => true,
            Rule::Grade(g) => g.levels.iter().any(GradeLevel::is_range),
            _ => false,
        }
    }
}

/// 每X扣Y分.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    /// X: the size of one step, in the target's unit (1 家, 1 percentage point, 5 %).
    #[serde(with = "dec")]
    pub step: Decimal,
    /// Y: points deducted per step.
    #[serde(with = "dec")]
    pub deduct: Decimal,
    /// Count whole steps only (每低于5%扣2分 with 99.27% is no whole step: full marks).
    #[serde(default)]
    pub whole_steps: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcessRule {
    #[serde(with = "dec")]
    pub step: Decimal,
    #[serde(with = "dec")]
    pub deduct: Decimal,
    #[serde(default)]
    pub whole_steps: bool,
    /// The overrun measured in per cent of the target (每超出成本10%) rather than in its unit.
    #[serde(default)]
    pub relative: bool,
}

/// What a band compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The actual value itself (满意度90%).
    #[default]
    Actual,
    /// Actual − target (偏差).
    Deviation,
    /// (Actual − target) ÷ target, in per cent (控制率在±10%以内).
    RelativeDeviation,
}

impl Measure {
    pub fn label(self) -> &'static str {
        match self {
            Measure::Actual => "完成值",
            Measure::Deviation => "偏差",
            Measure::RelativeDeviation => "偏差率",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandOp {
    /// x ≥ bound (or > when the end is not included).
    AtLeast,
    /// x ≤ bound (or <).
    AtMost,
    /// |x| ≤ bound (or <).
    Within,
}

impl BandOp {
    pub fn symbol(self, inclusive: bool) -> &'static str {
        match (self, inclusive) {
            (BandOp::AtLeast, true) => "≥",
            (BandOp::AtLeast, false) => ">",
            (BandOp::AtMost, true) => "≤",
            (BandOp::AtMost, false) => "<",
            (BandOp::Within, true) => "绝对值≤",
            (BandOp::Within, false) => "绝对值<",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub op: BandOp,
    #[serde(with = "dec")]
    pub bound: Decimal,
    /// Whether the bound itself belongs to the band (含).
    #[serde(default = "yes")]
    pub inclusive: bool,
    #[serde(with = "dec")]
    pub points: Decimal,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandsRule {
    #[serde(default)]
    pub measure: Measure,
    pub bands: Vec<Band>,
    /// Points when no band holds.
    #[serde(default, with = "dec")]
    pub otherwise: Decimal,
}

/// One level of a qualitative scale: the words that name it and the share of the weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeLevel {
    pub words: Vec<String>,
    /// Fraction of the weight (1 = 100 %); the lower end when `high` is set.
    #[serde(with = "dec")]
    pub low: Decimal,
    /// Upper end of a range the typed score must fall in (达成年度指标: 80 %–100 %).
    #[serde(default, with = "dec::option", skip_serializing_if = "Option::is_none")]
    pub high: Option<Decimal>,
}

impl GradeLevel {
    pub fn is_range(&self) -> bool {
        self.high.is_some_and(|h| h != self.low)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRule {
    /// The row's own scale; empty means the evaluation template's qualitative scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<GradeLevel>,
}

/// One rung of a deadline ladder: more than `over_days` late and at most `up_to_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    #[serde(default)]
    pub over_days: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to_days: Option<u32>,
    #[serde(with = "dec")]
    pub deduct: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    pub ladder: Vec<Rung>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountKind {
    /// Missed = target − actual (每月未完成扣0.5分).
    #[default]
    Missed,
    /// Violations = actual − target, the target usually 0 (每出现一例扣1分).
    Violations,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRule {
    /// Points per missed period or per violation.
    #[serde(with = "dec")]
    pub per: Decimal,
    /// How many periods the criterion covers (12 months, 4 quarters): periods × per should be the weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<u32>,
    #[serde(default)]
    pub counts: CountKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub label: String,
    #[serde(with = "dec")]
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRule {
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BinaryRule {
    /// Deducted when not done; none = the whole weight.
    #[serde(default, with = "dec::option", skip_serializing_if = "Option::is_none")]
    pub deduct: Option<Decimal>,
}

impl Rung {
    /// `逾期30天内`, `逾期31–90天`, `逾期超过90天`.
    pub fn describe(&self) -> String {
        match self.up_to_days {
            Some(up) if self.over_days == 0 => format!("逾期{up}天内"),
            Some(up) if up == self.over_days + 1 => format!("逾期{up}天"),
            Some(up) => format!("逾期{}–{up}天", self.over_days + 1),
            None => format!("逾期超过{}天", self.over_days),
        }
    }
}

impl DeadlineRule {
    /// `逾期30天内扣2分，逾期超过90天扣5分`.
    pub fn describe(&self) -> String {
        use super::number::Plain;
        self.ladder.iter().map(|r| format!("{}扣{}分", r.describe(), Plain(r.deduct))).collect::<Vec<_>>().join("，")
    }
}

impl Rule {
    /// The rule in one line of Chinese, for the grid and the exports.
    pub fn describe(&self) -> String {
        use super::number::Plain;
        let label = self.kind().label();
        let body = match self {
            Rule::Shortfall(r) => format!(
                "每少{}扣{}分{}",
                Plain(r.step),
                Plain(r.deduct),
                if r.whole_steps { "（只计整档）" } else { "" }
            ),
            Rule::Excess(r) => format!(
                "每超出{}{}扣{}分{}",
                Plain(r.step),
                if r.relative { "%" } else { "" },
                Plain(r.deduct),
                if r.whole_steps { "（只计整档）" } else { "" }
            ),
            Rule::Proportional => "分值 × 完成值 ÷ 指标值".into(),
            Rule::Reverse => "分值 × 指标值 ÷ 完成值".into(),
            Rule::Directional => "按指标性质，正向（≥）分值 × 完成值 ÷ 指标值，反向（≤）分值 × 指标值 ÷ 完成值".into(),
            Rule::Bands(b) => {
                let mut parts: Vec<String> = b
                    .bands
                    .iter()
                    .map(|x| {
                        format!(
                            "{}{}{}计{}分",
                            b.measure.label(),
                            x.op.symbol(x.inclusive),
                            Plain(x.bound),
                            Plain(x.points)
                        )
                    })
                    .collect();
                parts.push(format!("其余计{}分", Plain(b.otherwise)));
                parts.join("，")
            }
            Rule::Grade(g) if g.levels.is_empty() => "按模板的等级表".into(),
            Rule::Grade(g) => g
                .levels
                .iter()
                .map(|l| {
                    let word = l.words.first().cloned().unwrap_or_default();
                    match l.high.filter(|_| l.is_range()) {
                        Some(h) => format!(
                            "{word}{}–{}%",
                            Plain(l.low * Decimal::ONE_HUNDRED),
                            Plain(h * Decimal::ONE_HUNDRED)
                        ),
                        None => format!("{word}{}%", Plain(l.low * Decimal::ONE_HUNDRED)),
                    }
                })
                .collect::<Vec<_>>()
                .join("，"),
            Rule::Deadline(d) => format!("按时得满分，{}", d.describe()),
            Rule::Count(c) => {
                let what = match c.counts {
                    CountKind::Missed => "每未完成一次",
                    CountKind::Violations => "每出现一例",
                };
                let periods = c.periods.map(|p| format!("（共{p}期）")).unwrap_or_default();
                format!("{what}扣{}分{periods}", Plain(c.per))
            }
            Rule::Checklist(c) => c
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| format!("{}.{}{}分", i + 1, it.label, Plain(it.points)))
                .collect::<Vec<_>>()
                .join("；"),
            Rule::Binary(b) => match b.deduct {
                Some(d) => format!("完成得满分，未完成扣{}分", Plain(d)),
                None => "完成得满分，未完成不得分".into(),
            },
            Rule::Manual => "按填报得分，须说明理由".into(),
        };
        format!("{label}：{body}")
    }
}
