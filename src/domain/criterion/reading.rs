//! What the reader gives back: a proposal (the rule, its parameters with the words they
//! came from, whether it is confident) or "cannot tell" with the reason.

use crate::domain::rule::Rule;
use crate::domain::template::{CapRung, OverachievementPenalty};
use rust_decimal::Decimal;

/// A byte range of the criterion text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a parameter's value comes from the words at its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The number as written (`0.05分`, `一家`).
    Written,
    /// A percentage as a share of the weight: `80%` → 0.8.
    Share,
    /// Points as a share of the weight: `8分` of 10 → 0.8.
    PointsShare,
    /// Months as days: `1个月` → 30.
    Months,
    /// Weeks as days: `2周` → 14.
    Weeks,
    /// A period word as the number of periods in a year: 每月 → 12, 每季度 → 4.
    Periods,
    /// 满分, 不扣分: the row's weight.
    Weight,
    /// 满分 as a share of the weight: all of it (1).
    FullShare,
    /// 扣N分 as the points left: weight − N.
    WeightLess,
    /// 不得分, 0分: nothing.
    Nothing,
    /// 每家 (no number): one.
    One,
    /// A money amount in the target's unit: `1亿元` × 10000 for a target in 万元.
    Converted(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// What it is, in Chinese: 每少, 扣分, 第1档 …
    pub name: String,
    pub value: Decimal,
    pub span: Span,
    pub how: How,
}

/// Another rule the same words allow (每低于5%: whole steps only, or in proportion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub rule: Rule,
    pub why: String,
}

/// A setting of the whole table the text states (完成值超过指标值30%及以上的减2分).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modifier {
    Overachievement(OverachievementPenalty),
    ExecutionCap(Vec<CapRung>),
}

impl Modifier {
    pub fn describe(&self) -> String {
        use crate::domain::number::Plain;
        match self {
            Modifier::Overachievement(p) => {
                format!("完成值超过指标值{}%及以上的减{}分", Plain(p.over_percent), Plain(p.deduct))
            }
            Modifier::ExecutionCap(rungs) => rungs
                .iter()
                .map(|r| format!("执行率低于{}%时总分不超过{}分", Plain(r.below_percent), Plain(r.cap)))
                .collect::<Vec<_>>()
                .join("，"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub rule: Rule,
    /// Confident: the words give this rule and nothing else that would score the row differently.
    pub confident: bool,
    pub params: Vec<Param>,
    /// What to look at before accepting: assumptions, other readings, words not understood.
    pub notes: Vec<String>,
    pub alternatives: Vec<Alternative>,
    pub modifiers: Vec<(Modifier, Span)>,
    /// The full mark the text names (得3分), to compare with the weight.
    pub full_mark: Option<(Decimal, Span)>,
    /// The target the text names (完成120家得3分), to compare with the row's.
    pub named_target: Option<(String, Span)>,
}

impl Proposal {
    /// Whether a stored rule says what this text says: the proposed rule or another reading of it.
    pub fn admits(&self, rule: &Rule) -> bool {
        *rule == self.rule || self.alternatives.iter().any(|a| a.rule == *rule)
    }

    /// The spans to highlight, in text order, without repeats.
    pub fn spans(&self) -> Vec<Span> {
        let mut out: Vec<Span> = self.params.iter().map(|p| p.span).filter(|s| s.end > s.start).collect();
        out.sort_by_key(|s| (s.start, s.end));
        out.dedup();
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannotTell {
    /// Why, in Chinese: 评分标准含“酌情”：由评分人判断，应人工评分.
    pub reason: String,
    /// The words that decided it, when there are some.
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Rule(Box<Proposal>),
    CannotTell(CannotTell),
}

impl Reading {
    pub fn proposal(&self) -> Option<&Proposal> {
        match self {
            Reading::Rule(p) => Some(p),
            Reading::CannotTell(_) => None,
        }
    }

    /// The rule when the reading is confident.
    pub fn confident_rule(&self) -> Option<&Rule> {
        self.proposal().filter(|p| p.confident).map(|p| &p.rule)
    }
}
