//! Formulas and the whole-table 备注: 按完成比例计分 · 得分=分值×完成值÷指标值 · 备注：正向指标
//! （目标值≥X）得分=权重×B/A，反向指标（目标值≤X）得分=权重×A/B.

use super::text::Text;
use super::{CannotTell, Draft, Found, Modifier, Proposal, Reading, Span, facts};
use crate::domain::rule::{GradeRule, Rule};
use crate::domain::value::{Bound, Value};

/// Words for the actual and the target in a formula.
const ACTUAL: [&str; 8] = ["实际完成值", "完成值", "实际值", "实际完成", "完成数", "实际数", "执行数", "B"];
const TARGET: [&str; 8] = ["年度指标值", "指标值", "目标值", "计划值", "计划数", "年初目标值", "标准值", "A"];
const IN_PROPORTION: [&str; 9] = [
    "按完成比例",
    "按实际完成比例",
    "按比例计分",
    "按比例得分",
    "按比例记分",
    "按完成的比例",
    "按完成率计",
    "按实际完成率",
    "按完成进度",
];

/// The direction of a ratio written in `start..end`: Some(true) for actual ÷ target, read
/// from the words right before and right after the `/` (or 除以).
fn ratio(t: &Text, start: usize, end: usize) -> Option<bool> {
    let slash = (start..end).find(|&i| t.chars[i] == '/' || t.at(i, "除以"))?;
    let after = slash + if t.chars[slash] == '/' { 1 } else { 2 };
    let ends_at = |words: &[&str], at: usize| {
        words
            .iter()
            .filter_map(|w| {
                let n = w.chars().count();
                (start..at).rev().take(14).find(|&i| i + n <= at && t.at(i, w)).map(|i| i + n)
            })
            .max()
    };
    let starts_at =
        |words: &[&str], at: usize| words.iter().filter_map(|w| (at..end.min(at + 14)).find(|&i| t.at(i, w))).min();
    let (num_a, num_t) = (ends_at(&ACTUAL, slash), ends_at(&TARGET, slash));
    let (den_a, den_t) = (starts_at(&ACTUAL, after), starts_at(&TARGET, after));
    let numerator_actual = match (num_a, num_t) {
        (Some(a), Some(t)) => a > t,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => return None,
    };
    let denominator_target = match (den_a, den_t) {
        (Some(a), Some(t)) => t < a,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (None, None) => return None,
    };
    (numerator_actual == denominator_target).then_some(numerator_actual)
}

/// A formula or a 按比例 phrase in a row's criterion.
pub(super) fn formula(t: &Text) -> Option<Found> {
    let all = (0, t.len());
    let rule = if t.has("反向", all.0, all.1) {
        Rule::Reverse
    } else if t.has_any(&IN_PROPORTION, all.0, all.1)
        || (t.has("的比例", all.0, all.1) && t.has_any(&ACTUAL, all.0, all.1))
    {
        Rule::Proportional
    } else {
        match ratio(t, all.0, all.1) {
            Some(true) => Rule::Proportional,
            Some(false) => Rule::Reverse,
            None if t.has_any(&["完成率×", "×完成率", "执行率×", "×执行率", "完成率*"], all.0, all.1) => {
                Rule::Proportional
            }
            None => return None,
        }
    };
    Some(Found::Rule(Draft::of(rule)))
}

/// The 备注 of a table that states one rule for all its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNote {
    /// For targets written ≥X (正向指标).
    pub positive: Option<Rule>,
    /// For targets written ≤X (反向指标).
    pub negative: Option<Rule>,
    /// For words (定性指标): the template's scale.
    pub qualitative: Option<Rule>,
    pub modifiers: Vec<(Modifier, Span)>,
}

pub(super) fn is_table_note(t: &Text) -> bool {
    let all = (0, t.len());
    t.has("反向", all.0, all.1) && t.has_any(&["正向", "正常指标", "正指标"], all.0, all.1)
}

/// Reads a whole-table 备注; `None` when it states no rule for the rows.
pub fn read_note(text: &str) -> Option<TableNote> {
    let t = Text::new(text);
    if !is_table_note(&t) {
        return None;
    }
    let all = (0, t.len());
    let neg_at = t.find("反向", all.0, all.1)?;
    let pos_at = ["正向", "正常指标", "正指标"].iter().filter_map(|w| t.find(w, all.0, all.1)).min()?;
    // Each part runs to where the other starts (or the end).
    let (pos_end, neg_end) = if pos_at < neg_at { (neg_at, t.len()) } else { (t.len(), pos_at) };
    let positive = match ratio(&t, pos_at, pos_end) {
        Some(false) => Rule::Reverse,
        _ => Rule::Proportional,
    };
    let negative = match ratio(&t, neg_at, neg_end) {
        Some(true) => Rule::Proportional,
        _ => Rule::Reverse,
    };
    let qualitative = t.has_any(&["定性", "等级"], all.0, all.1).then(|| Rule::Grade(GradeRule::default()));
    Some(TableNote { positive: Some(positive), negative: Some(negative), qualitative, modifiers: facts::modifiers(&t) })
}

impl TableNote {
    /// The rule the note gives a row with this target.
    pub fn reading_for(&self, target: Option<&Value>) -> Reading {
        let no = |reason: String| Reading::CannotTell(CannotTell { reason, span: None });
        let rule = match target {
            None | Some(Value::Empty) => return no("备注按指标值的方向（≥ 或 ≤）计分：请先填写年度指标值".into()),
            Some(Value::Number(n)) => match n.bound {
                Some(Bound::AtLeast) => self.positive.clone(),
                Some(Bound::AtMost) => self.negative.clone(),
                None => return no(format!("指标值“{}”未写明 ≥ 或 ≤，备注的正向/反向规则用不上", n.show())),
            },
            Some(Value::Word(_)) => self.qualitative.clone(),
            Some(_) => None,
        };
        match rule {
            Some(rule) => Reading::Rule(Box::new(Proposal {
                rule,
                confident: true,
                params: Vec::new(),
                notes: vec!["按表格备注的规则".into()],
                alternatives: Vec::new(),
                modifiers: self.modifiers.clone(),
                full_mark: None,
                named_target: None,
            })),
            None => no("备注没有写这种指标值怎样计分".into()),
        }
    }
}
