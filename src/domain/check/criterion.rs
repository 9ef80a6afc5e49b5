//! Checks of a row's rule against its criterion text: the text read by
//! `domain::criterion` must admit the stored rule, and name the row's target.

use super::{Column, Finding, Place, Severity};
use crate::domain::criterion::{Context, Proposal, Reading, full_mark, read};
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::number::Plain;
use crate::domain::rule::Rule;
use crate::domain::template::Template;
use crate::domain::value::{Unit, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::rc::Rc;

/// The reader's answers for the rows of one evaluation, kept from one check to the next.
///
/// Reading a criterion is the costliest part of a check (tens of microseconds a row), and a
/// confirmed edit changes one row: with 1000 rows, reading them all again took most of the
/// confirm's time. An answer is reused only while everything it was read from — the
/// criterion, the row's weight, target and actual, the evaluation's template and year — is
/// unchanged, so the findings are those a fresh reading would give. Answers of rows no longer
/// in the evaluation are dropped at each check.
#[derive(Debug, Default)]
pub(super) struct Readings {
    /// The template and year the answers were read under; a change empties the memo.
    under: Option<(Template, i32)>,
    /// Each row's answer at the last check, by row (`None` without criterion text); rows
    /// with the same key share one answer.
    rows: Vec<Option<(RowKey, Rc<Answer>)>>,
}

/// What the reader says of one row's criterion text.
#[derive(Debug)]
pub(super) struct Answer {
    /// The rule the text reads as, or `None` when it cannot tell.
    pub proposal: Option<Box<Proposal>>,
    /// The full mark the text names (得3分).
    pub full_mark: Option<Decimal>,
    /// The target the text names (完成120家得3分), parsed once with the reading: parsing
    /// it at every check was most of a warm check's time.
    named_target: Option<Value>,
}

impl Answer {
    fn read(ev: &Evaluation, ind: &Indicator) -> Answer {
        let proposal = match read(&ind.criterion, &Context::of_row(&ev.template, ev.year, ind)) {
            Reading::Rule(p) => Some(p),
            Reading::CannotTell(_) => None,
        };
        let named_target =
            proposal.as_ref().and_then(|p| p.named_target.as_ref()).and_then(|(named, _)| Value::parse(named).ok());
        Answer { proposal, full_mark: full_mark(&ind.criterion), named_target }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowKey {
    criterion: String,
    weight: Decimal,
    target: String,
    actual: String,
}

impl RowKey {
    fn of(ind: &Indicator) -> RowKey {
        RowKey {
            criterion: ind.criterion.clone(),
            weight: ind.weight,
            target: ind.target.text().to_string(),
            actual: ind.actual.text().to_string(),
        }
    }

    /// Whether `ind` has this key (compared in place: no copy, no hash).
    fn fits(&self, ind: &Indicator) -> bool {
        self.weight == ind.weight
            && self.criterion == ind.criterion
            && self.target == ind.target.text()
            && self.actual == ind.actual.text()
    }
}

impl Readings {
    /// The memo's answers for `ev`'s rows (`None` for a row without criterion text),
    /// reading those it does not hold. A row where it was at the last check, unchanged,
    /// takes its answer back directly; only the others are looked up by key (rows moved
    /// or inserted) or read.
    ///
    /// Also says whether the memo was kept: whether `ev` has the template and year of the
    /// last check (what the rows' kept findings were made under too).
    pub(super) fn for_rows(&mut self, ev: &Evaluation) -> (bool, Vec<Option<&Answer>>) {
        let same_under = self.under.as_ref().is_some_and(|(t, y)| *t == ev.template && *y == ev.year);
        if !same_under {
            self.rows.clear();
            self.under = Some((ev.template.clone(), ev.year));
        }
        let mut old = std::mem::take(&mut self.rows);
        // Built at the second row that is not where it was, from what is left of `old`, and
        // grown with what is read, so that equal rows are read once. The first such row is
        // read without it: a confirmed edit changes one row, and indexing the others for it
        // cost more than reading it (issue 14).
        let mut by_key: Option<HashMap<RowKey, Rc<Answer>>> = None;
        let mut read_alone: Option<(RowKey, Rc<Answer>)> = None;
        let mut rows = Vec::with_capacity(ev.indicators.len());
        for (i, ind) in ev.indicators.iter().enumerate() {
            if ind.criterion.trim().is_empty() {
                rows.push(None);
                continue;
            }
            if let Some(slot) = old.get_mut(i)
                && slot.as_ref().is_some_and(|(key, _)| key.fits(ind))
            {
                rows.push(slot.take());
                continue;
            }
            let key = RowKey::of(ind);
            if by_key.is_none() && read_alone.is_none() {
                let answer = Rc::new(Answer::read(ev, ind));
                read_alone = Some((key.clone(), answer.clone()));
                rows.push(Some((key, answer)));
                continue;
            }
            let map = by_key.get_or_insert_with(|| old.iter().flatten().cloned().chain(read_alone.take()).collect());
            let answer = map.entry(key.clone()).or_insert_with(|| Rc::new(Answer::read(ev, ind))).clone();
            rows.push(Some((key, answer)));
        }
        drop(old);
        self.rows = rows;
        (same_under, self.rows.iter().map(|r| r.as_ref().map(|(_, a)| &**a)).collect())
    }
}

/// The checks of row `i` against its criterion's reading: the rule it reads as, the
/// target it names.
pub(super) fn row(i: usize, ind: &Indicator, answer: Option<&Answer>, out: &mut Vec<Finding>) {
    let Some(p) = answer.and_then(|a| a.proposal.as_deref()) else { return };
    let name = super::indicators::row_name(i, ind);
    let mut push = |severity, column, message: String| {
        out.push(Finding { severity, place: Place::Indicator(i, column), message: format!("{name}：{message}") })
    };
    if let Some(message) = rule_against_text(ind, p) {
        let severity = if p.confident && ind.rule != Rule::Manual { Severity::Warning } else { Severity::Note };
        push(severity, Column::Rule, message);
    }
    if let Some(message) = target_against_text(ind, p, answer.and_then(|a| a.named_target.as_ref())) {
        push(Severity::Warning, Column::Target, message);
    }
}

/// What is different between the stored rule and the rule the text reads as.
pub fn differences(stored: &Rule, read: &Rule) -> Vec<String> {
    let v = |d: Decimal| Plain(d).to_string();
    let yes = |b: bool| if b { "是" } else { "否" };
    let mut out = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}：规则为{a}，评分标准为{b}"));
        }
    };
    match (stored, read) {
        (Rule::Shortfall(a), Rule::Shortfall(b)) => {
            diff("每X", v(a.step), v(b.step));
            diff("扣分", v(a.deduct), v(b.deduct));
            diff("只计整档", yes(a.whole_steps).into(), yes(b.whole_steps).into());
        }
        (Rule::Excess(a), Rule::Excess(b)) => {
            diff("每X", v(a.step), v(b.step));
            diff("扣分", v(a.deduct), v(b.deduct));
            diff("只计整档", yes(a.whole_steps).into(), yes(b.whole_steps).into());
            diff("按指标值的百分比", yes(a.relative).into(), yes(b.relative).into());
        }
        (Rule::Count(a), Rule::Count(b)) => {
            diff("每次扣分", v(a.per), v(b.per));
            let periods = |p: Option<u32>| p.map_or("未写".to_string(), |p| p.to_string());
            diff("期数", periods(a.periods), periods(b.periods));
            diff("计数方式", format!("{:?}", a.counts), format!("{:?}", b.counts));
        }
        (Rule::Binary(a), Rule::Binary(b)) => {
            let d = |x: Option<Decimal>| x.map_or("全部分值".to_string(), v);
            diff("未完成扣分", d(a.deduct), d(b.deduct));
        }
        (a, b) if a.kind() != b.kind() => {
            diff("计分方式", a.kind().label().into(), b.kind().label().into());
        }
        (a, b) => {
            if a != b {
                out.push(format!("{}的各档不同", a.kind().label()));
            }
        }
    }
    out
}

fn rule_against_text(ind: &Indicator, p: &Proposal) -> Option<String> {
    if p.admits(&ind.rule) {
        return None;
    }
    let read = p.rule.describe();
    if ind.rule == Rule::Manual {
        // Only worth saying when the text gives a rule for sure.
        return p.confident.then(|| format!("评分标准可读作“{read}”，而评分规则为人工评分：可在绩效指标表按 F3 采用"));
    }
    let hedge = if p.confident { "" } else { "（评分标准的读法有待核对）" };
    Some(format!(
        "评分规则与评分标准不符{hedge}：规则为“{}”，评分标准读作“{read}”（{}）",
        ind.rule.describe(),
        differences(&ind.rule, &p.rule).join("；")
    ))
}

/// The text's target (完成120家得3分) against the row's (100家), units aside for counts.
/// `parsed`: the named target, parsed.
fn target_against_text(ind: &Indicator, p: &Proposal, parsed: Option<&Value>) -> Option<String> {
    let (named, _) = p.named_target.as_ref()?;
    let Value::Number(row) = ind.target.value() else { return None };
    let Some(Value::Number(text)) = parsed else { return None };
    let same = match (&text.unit, &row.unit) {
        (Unit::Money(a), Unit::Money(b)) => text.value * a.in_wan() == row.value * b.in_wan(),
        (Unit::Percent, Unit::Percent) | (Unit::None, _) | (_, Unit::None) => text.value == row.value,
        (Unit::Percent, _) | (_, Unit::Percent) => false,
        _ => text.value == row.value,
    };
    (!same).then(|| format!("评分标准写明指标值“{named}”，年度指标值为“{}”", ind.target.text()))
}
