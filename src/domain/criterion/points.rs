//! The points a clause gives: 计4分, 得满分, 不得分, 扣2分, 不扣分.

use super::text::{Text, Unit};
use super::{Draft, How};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Points {
    /// `计4分`, `得4分`, `4分`: the number at this index of `Text::nums`.
    Value(usize),
    /// `得满分`, `不扣分`: the weight (the characters of the words).
    Full(usize, usize),
    /// `不得分`, `计0分`.
    Zero(usize, usize),
    /// `扣2分`: the weight less the number.
    Less(usize),
}

const FULL: [&str; 6] = ["不扣分", "得满分", "计满分", "记满分", "满分", "全分"];
const ZERO: [&str; 5] = ["不得分", "不计分", "不给分", "不记分", "无分"];

/// The points a clause gives, and the character where the words for them start. A clause
/// about each step (每…扣) gives none: it is a deduction rule, not an outcome.
pub fn of_clause(t: &Text, start: usize, end: usize) -> Option<(Points, usize)> {
    for w in FULL {
        if let Some(i) = t.find(w, start, end) {
            return Some((Points::Full(i, i + w.chars().count()), i));
        }
    }
    for w in ZERO {
        if let Some(i) = t.find(w, start, end) {
            return Some((Points::Zero(i, i + w.chars().count()), i));
        }
    }
    let (idx, n) = t.nums_in(start, end).filter(|(_, n)| n.unit == Unit::Points).last()?;
    let before = |w: char| n.start > start && t.chars[n.start - 1] == w;
    let deduct = before('扣') || (n.start > start + 1 && t.at(n.start - 2, "扣除")) || before('减');
    let at =
        if n.start > start && "得计记给为扣减:".contains(t.chars[n.start - 1]) { n.start - 1 } else { n.start };
    if deduct {
        return Some((Points::Less(idx), if t.at(at.saturating_sub(1), "扣除") { at - 1 } else { at }));
    }
    if n.value.is_zero() {
        return Some((Points::Zero(n.start, n.unit_end), at));
    }
    Some((Points::Value(idx), at))
}

/// A 0分 written as a number is read, whatever it stands for.
pub fn mark_zero(t: &Text, d: &mut Draft, at: (usize, usize)) {
    d.used.extend(t.nums_in(at.0, at.1).filter(|(_, n)| n.unit == Unit::Points).map(|(i, _)| i));
}

impl Points {
    /// The points as a number, recorded as a parameter; `None` when the weight is needed
    /// and not known.
    pub fn value(self, t: &Text, d: &mut Draft, name: &str, weight: Option<Decimal>) -> Option<Decimal> {
        match self {
            Points::Value(i) => {
                let v = t.nums[i].value;
                d.param(t, name, i, v, How::Written);
                Some(v)
            }
            Points::Full(a, b) => {
                let w = weight?;
                d.word_param(t, name, (a, b), w, How::Weight);
                Some(w)
            }
            Points::Zero(a, b) => {
                match t.nums_in(a, b).find(|(_, n)| n.unit == Unit::Points) {
                    Some((i, _)) => d.param(t, name, i, Decimal::ZERO, How::Written),
                    None => d.word_param(t, name, (a, b), Decimal::ZERO, How::Nothing),
                }
                Some(Decimal::ZERO)
            }
            Points::Less(i) => {
                let w = weight?;
                let v = (w - t.nums[i].value).max(Decimal::ZERO);
                d.param(t, name, i, v, How::WeightLess);
                Some(v)
            }
        }
    }
}
