//! Reading the criterion text (评分标准) into a proposed scoring rule.
//!
//! People say how a row is scored in words: 每少一家扣0.05分, 满意度90%以上得满分，80%（含）-90%
//! 计4分, 按时完成得满分，超1个月内扣2分. This reader turns such a text, with the row's weight,
//! target and actual when known, into a proposed [`Rule`]: every parameter with the span of the
//! text it came from, and whether the reading is confident. Where the text gives no rule
//! (视情况酌情扣分) or a rule jixiao cannot hold, it says it cannot tell, and why.
//!
//! Deterministic and pure: no model, no I/O. It never invents a number: each parameter is a
//! number written in the text (一 and 1 alike), a word that stands for one (每月 → 12 periods,
//! 满分 → the weight, 不得分 → 0), or such a number converted (1个月 → 30 days, 80% → 0.8,
//! 1亿元 → 10000 when the target is in 万元). `docs/criteria.md` lists the wordings read.

mod bands;
mod deadline;
mod facts;
mod grade;
mod items;
mod note;
mod points;
mod reading;
mod steps;
mod text;

pub use facts::full_mark;
pub use note::{TableNote, read_note};
pub use reading::{Alternative, CannotTell, How, Modifier, Param, Proposal, Reading, Span};

use crate::domain::model::{Indicator, Typed};
use crate::domain::rule::Rule;
use crate::domain::score::{ItemScore, score_row};
use crate::domain::template::Template;
use rust_decimal::Decimal;
use text::Text;

/// What is known about the row besides its criterion.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub template: &'a Template,
    pub weight: Option<Decimal>,
    pub target: Option<&'a Typed>,
    pub actual: Option<&'a Typed>,
    pub year: Option<i32>,
    /// A score already filed for the row (an imported table): settles a choice between readings.
    pub filed: Option<Decimal>,
}

impl<'a> Context<'a> {
    pub fn new(template: &'a Template) -> Context<'a> {
        Context { template, weight: None, target: None, actual: None, year: None, filed: None }
    }

    /// The row's weight, target and actual (those filled in) in the evaluation of `year`.
    pub fn of_row(template: &'a Template, year: i32, ind: &'a Indicator) -> Context<'a> {
        let filled = |t: &'a Typed| (!t.is_empty()).then_some(t);
        Context {
            template,
            weight: Some(ind.weight),
            target: filled(&ind.target),
            actual: filled(&ind.actual),
            year: Some(year),
            filed: None,
        }
    }

    fn target_value(&self) -> Option<&'a crate::domain::value::Value> {
        self.target.map(Typed::value)
    }

    /// The row scored under `rule`, when target and actual are known.
    pub fn score(&self, rule: &Rule) -> Option<ItemScore> {
        let (target, actual) = (self.target?, self.actual?);
        let ind = Indicator {
            weight: self.weight.unwrap_or_default(),
            target: target.clone(),
            actual: actual.clone(),
            rule: rule.clone(),
            ..Indicator::default()
        };
        Some(score_row(self.template, self.year, 0, &ind))
    }
}

/// A rule as a recognizer reads it, before its confidence is settled.
#[derive(Debug, Default)]
struct Draft {
    rule: Option<Rule>,
    params: Vec<Param>,
    /// Assumptions the text does not state: each makes the reading tentative.
    doubts: Vec<String>,
    /// Remarks that leave the reading confident (the seed's gap between 1 and 3 months).
    remarks: Vec<String>,
    alternatives: Vec<Alternative>,
    /// Numbers of the text the reading used (indices into `Text::nums`).
    used: Vec<usize>,
}

impl Draft {
    fn of(rule: Rule) -> Draft {
        Draft { rule: Some(rule), ..Draft::default() }
    }

    fn param(&mut self, t: &Text, name: impl Into<String>, num: usize, value: Decimal, how: How) {
        let n = t.nums[num];
        self.params.push(Param { name: name.into(), value, span: t.span(n.start, n.unit_end), how });
        self.used.push(num);
    }

    fn word_param(&mut self, t: &Text, name: impl Into<String>, at: (usize, usize), value: Decimal, how: How) {
        self.params.push(Param { name: name.into(), value, span: t.span(at.0, at.1), how });
    }
}

/// What a recognizer finds: nothing of its shape, a rule, or its shape with no rule jixiao holds.
enum Found {
    Rule(Draft),
    No(CannotTell),
}

fn cannot(reason: impl Into<String>, span: Option<Span>) -> Found {
    Found::No(CannotTell { reason: reason.into(), span })
}

/// Words that hand the score to the evaluator's judgement.
const DISCRETION: [&str; 14] = [
    "酌情",
    "视情况",
    "视情节",
    "视完成情况",
    "视其",
    "综合评定",
    "综合评价",
    "专家评分",
    "专家打分",
    "一票否决",
    "主观",
    "适当扣分",
    "酌减",
    "由评价组",
];

/// Words that override the score whatever the rule gives: the row is then scored by hand.
const OVERRIDES: [&str; 6] = ["考核不合格", "取消", "清零", "一票否决", "直接为0", "直接为零"];

/// Reads a criterion text.
pub fn read(criterion: &str, ctx: &Context) -> Reading {
    let t = Text::new(criterion);
    if t.len() == 0 {
        return Reading::CannotTell(CannotTell { reason: "评分标准为空".into(), span: None });
    }
    if note::is_table_note(&t) {
        return match read_note(criterion) {
            Some(n) => n.reading_for(ctx.target_value()),
            None => Reading::CannotTell(CannotTell {
                reason: "像是整张表的备注，但未能读出规则".into(), span: None
            }),
        };
    }
    if let Some((w, i)) = OVERRIDES.iter().find_map(|w| t.find(w, 0, t.len()).map(|i| (w, i))) {
        return Reading::CannotTell(CannotTell {
            reason: format!("评分标准另有“{w}”的情形，不按规则计分：应人工评分并写明理由"),
            span: Some(t.span(i, i + w.chars().count())),
        });
    }
    let found = recognise(&t, ctx);
    let discretion = DISCRETION.iter().find_map(|w| t.find(w, 0, t.len()).map(|i| (w, i)));
    let modifiers = facts::modifiers(&t);
    let mut draft = match found {
        Some(Found::Rule(d)) => d,
        Some(Found::No(c)) => return Reading::CannotTell(c),
        None => {
            let (reason, span) = match (discretion, modifiers.first()) {
                (Some((w, i)), _) => (
                    format!("评分标准含“{w}”：得分由评分人判断，应人工评分并写明理由"),
                    Some(t.span(i, i + w.chars().count())),
                ),
                (None, Some((m, span))) => (
                    format!("这是整张表的计分规定（{}），请在评分模板中设置，本行另需评分规则", m.describe()),
                    Some(*span),
                ),
                (None, None) => match one_sided(&t) {
                    Some(span) => {
                        ("只写了得分的条件，未写明达不到时怎样计分：应人工评分或补全评分标准".into(), Some(span))
                    }
                    None => ("未找到可以计算的规则（每…扣…分、分档、等级、时限、逐项或完成与否）".into(), None),
                },
            };
            return Reading::CannotTell(CannotTell { reason, span });
        }
    };
    if let Some((w, _)) = discretion {
        draft.doubts.push(format!("另含“{w}”的部分，由评分人判断"));
    }
    let full = facts::full_mark_num(&t);
    if let Some(i) = full {
        draft.used.push(i);
    }
    for (i, n) in t.nums.iter().enumerate() {
        if n.unit != text::Unit::Points
            || draft.used.contains(&i)
            || modifiers.iter().any(|(_, s)| contains(*s, t.span(n.start, n.end)))
        {
            continue;
        }
        let words = t.slice(clause_start(&t, n.start), n.unit_end);
        let before = t.slice(n.start.saturating_sub(2), n.start);
        if before.ends_with('扣') || before.ends_with("扣除") || before.ends_with('减') {
            return Reading::CannotTell(CannotTell {
                reason: format!("评分标准另有一条扣分规定（“{words}”），不能与其余部分合成一条规则：应人工评分"),
                span: Some(t.span(clause_start(&t, n.start), n.unit_end)),
            });
        }
        if before.ends_with('加') {
            return Reading::CannotTell(CannotTell {
                reason: format!("评分标准含加分（“{words}”）：jixiao 的得分以分值为限，应人工评分"),
                span: Some(t.span(clause_start(&t, n.start), n.unit_end)),
            });
        }
        draft.doubts.push(format!("未用到“{words}”"));
    }
    draft.params.sort_by_key(|p| (p.span.start, p.span.end));
    let rule = draft.rule.take().unwrap_or(Rule::Manual);
    let kind = rule.kind();
    let named_target =
        facts::named_target(&t, kind).map(|n| (t.slice(n.start, n.unit_end), t.span(n.start, n.unit_end)));
    let full_mark = full.map(|i| (t.nums[i].value, t.span(t.nums[i].start, t.nums[i].unit_end)));
    let mut proposal = Proposal {
        rule,
        confident: false,
        params: draft.params,
        notes: Vec::new(),
        alternatives: draft.alternatives,
        modifiers,
        full_mark,
        named_target,
    };
    proposal.confident = settle(&mut proposal, ctx) && draft.doubts.is_empty();
    proposal.notes = draft.doubts;
    proposal.notes.extend(draft.remarks);
    Reading::Rule(Box::new(proposal))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// A single clause that gives points with a condition and nothing for when it fails.
fn one_sided(t: &Text) -> Option<Span> {
    let outcomes: Vec<(usize, usize)> =
        t.clauses().iter().copied().filter(|(a, b)| points::of_clause(t, *a, *b).is_some()).collect();
    match outcomes.as_slice() {
        [(a, b)]
            if !matches!(
                points::of_clause(t, *a, *b),
                Some((points::Points::Less(_) | points::Points::Zero(..), _))
            ) =>
        {
            Some(t.span(*a, *b))
        }
        _ => None,
    }
}

/// The start of the clause holding character `i`.
fn clause_start(t: &Text, i: usize) -> usize {
    t.clause_of(i).map_or(i, |(a, _)| a)
}

/// The recognizers, most specific shape first.
fn recognise(t: &Text, ctx: &Context) -> Option<Found> {
    items::enumerated(t, ctx)
        .or_else(|| note::formula(t))
        .or_else(|| deadline::read(t, ctx))
        .or_else(|| grade::read(t, ctx))
        .or_else(|| bands::read(t, ctx))
        .or_else(|| items::labelled(t))
        .or_else(|| steps::read(t, ctx))
        .or_else(|| items::binary(t, ctx))
}

/// Settles the choice between readings where the row's figures make it: when every reading
/// scores the row alike the choice does not matter yet; a filed score that only one reading
/// gives picks it. Returns whether the reading may be confident.
fn settle(p: &mut Proposal, ctx: &Context) -> bool {
    if p.alternatives.is_empty() {
        return true;
    }
    let Some(first) = ctx.score(&p.rule).and_then(|s| s.rule_score) else { return false };
    let others: Vec<Option<Decimal>> =
        p.alternatives.iter().map(|a| ctx.score(&a.rule).and_then(|s| s.rule_score)).collect();
    if others.iter().all(|s| *s == Some(first)) {
        return true;
    }
    let Some(filed) = ctx.filed else { return false };
    let matching: Vec<usize> = others.iter().enumerate().filter(|(_, s)| **s == Some(filed)).map(|(i, _)| i).collect();
    match (first == filed, matching.as_slice()) {
        (true, []) => true,
        (false, [only]) => {
            let chosen = p.alternatives.remove(*only);
            let old = std::mem::replace(&mut p.rule, chosen.rule);
            p.alternatives.insert(0, Alternative { rule: old, why: "另一种读法".into() });
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
