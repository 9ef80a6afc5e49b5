//! The indicator grid: its columns, the cursor, and how typed text becomes an edit of a
//! row (a pasted block: `paste`).

use crate::domain::model::{EnteredScore, Evaluation, Indicator, Typed};
use crate::domain::number::{parse_non_negative, plain};
use crate::domain::rule::Rule;
use rust_decimal::Decimal;
use std::cell::Cell;

/// A column of the grid. The last three live in the detail area under the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GridCol {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Score,
    Criterion,
    Rule,
    Deviation,
}

impl GridCol {
    pub const ALL: [GridCol; 10] = [
        GridCol::Level1,
        GridCol::Level2,
        GridCol::Name,
        GridCol::Target,
        GridCol::Actual,
        GridCol::Weight,
        GridCol::Score,
        GridCol::Criterion,
        GridCol::Rule,
        GridCol::Deviation,
    ];

    pub fn title(self) -> &'static str {
        match self {
            GridCol::Level1 => "一级指标",
            GridCol::Level2 => "二级指标",
            GridCol::Name => "三级指标",
            GridCol::Target => "指标值",
            GridCol::Actual => "完成值",
            GridCol::Weight => "分值",
            GridCol::Score => "得分",
            GridCol::Criterion => "评分标准",
            GridCol::Rule => "评分规则",
            GridCol::Deviation => "偏差原因",
        }
    }

    pub fn index(self) -> usize {
        GridCol::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    pub fn step(self, by: isize) -> GridCol {
        let i = (self.index() as isize + by).clamp(0, GridCol::ALL.len() as isize - 1);
        GridCol::ALL[i as usize]
    }

    /// Edited in a multi-line text area.
    pub fn is_long_text(self) -> bool {
        matches!(self, GridCol::Criterion | GridCol::Deviation)
    }

    /// The text a one-line editor starts from.
    pub fn text(self, ind: &Indicator) -> String {
        match self {
            GridCol::Level1 => ind.level1.clone(),
            GridCol::Level2 => ind.level2.clone(),
            GridCol::Name => ind.name.clone(),
            GridCol::Target => ind.target.text().into(),
            GridCol::Actual => ind.actual.text().into(),
            GridCol::Weight => plain(ind.weight),
            GridCol::Score => ind.entered.as_ref().map(|e| plain(e.score)).unwrap_or_default(),
            GridCol::Criterion => ind.criterion.clone(),
            GridCol::Rule => ind.rule.kind().label().into(),
            GridCol::Deviation => ind.deviation_reason.clone(),
        }
    }

    /// Sets this column of a row from typed text, or says why not. (Score and rule have
    /// their own editors: a score needs a reason, a rule a form.)
    pub fn set(self, ind: &mut Indicator, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            GridCol::Level1 => ind.level1 = t.into(),
            GridCol::Level2 => ind.level2 = t.into(),
            GridCol::Name => ind.name = t.into(),
            GridCol::Target => ind.target = Typed::new(t).map_err(|e| e.to_string())?,
            GridCol::Actual => ind.actual = Typed::new(t).map_err(|e| e.to_string())?,
            GridCol::Weight if t.is_empty() => return Err("请输入分值".into()),
            GridCol::Weight => {
                let w = parse_non_negative(t).map_err(|e| e.to_string())?;
                if w > Decimal::ONE_HUNDRED {
                    return Err("分值不能超过 100".into());
                }
                ind.weight = w;
            }
            GridCol::Criterion => ind.criterion = text.trim_end().into(),
            GridCol::Deviation => ind.deviation_reason = text.trim_end().into(),
            GridCol::Score | GridCol::Rule => return Err(format!("{}不能这样填写", self.title())),
        }
        Ok(())
    }
}

/// A target or actual the row's rule cannot read (a word where the rule needs a number or
/// a date, units that do not compare) is refused where it is typed, with the reason, rather
/// than scored as a silent 0 — unless the value was already so before the edit.
pub fn unreadable(ev: &Evaluation, i: usize, before: Option<&Indicator>, after: &Indicator) -> Result<(), String> {
    use crate::domain::score::{RuleError, score_row};
    let error = |ind: &Indicator| {
        score_row(&ev.template, Some(ev.year), i, ind).rule_error.filter(|e| {
            matches!(
                e,
                RuleError::NotNumber { .. }
                    | RuleError::NotDate { .. }
                    | RuleError::Units(_)
                    | RuleError::UnknownGrade { .. }
                    | RuleError::UnknownDone(_)
                    | RuleError::ChecklistItems(_)
                    | RuleError::NoYear { .. }
                    | RuleError::Date(_)
            )
        })
    };
    match (error(after), before.and_then(error)) {
        (Some(new), old) if old.as_ref() != Some(&new) => {
            Err(format!("{new}（请改写，或先在评分规则中选择合适的计分方式）"))
        }
        _ => Ok(()),
    }
}

/// The grid's cursor. `top` is the first row drawn; drawing keeps the cursor in view.
#[derive(Debug, Default)]
pub struct GridState {
    pub row: usize,
    pub col: Option<GridCol>,
    pub top: Cell<usize>,
    /// While the cursor is being moved up and down faster than the detail under the grid
    /// is worth sending (a held key), the row whose detail stays shown; the detail follows
    /// the cursor once the keyboard goes quiet (`App::idle`). Over a slow link a held Down
    /// then costs the scrolled lines, not a detail per row.
    pub shown: Option<usize>,
}

impl GridState {
    pub fn col(&self) -> GridCol {
        self.col.unwrap_or(GridCol::Name)
    }

    /// Whether the selected column is one of the detail's, under the grid.
    pub fn in_detail(&self) -> bool {
        matches!(self.col(), GridCol::Criterion | GridCol::Rule | GridCol::Deviation)
    }

    /// The row whose detail is shown under the grid.
    pub fn detail_row(&self) -> usize {
        self.shown.unwrap_or(self.row)
    }
}

/// Checks a typed (or pasted) score against a row: a number, `分` allowed after it,
/// within the weight; empty is none.
pub fn parse_score(ind: &Indicator, text: &str) -> Result<Option<Decimal>, String> {
    let t = text.trim().trim_end_matches('分').trim_end();
    if t.is_empty() {
        return Ok(None);
    }
    let s = parse_non_negative(t).map_err(|e| e.to_string())?;
    if s > ind.weight {
        return Err(format!("得分 {} 超过分值 {}", plain(s), plain(ind.weight)));
    }
    Ok(Some(s))
}

/// The row with an entered score (or none: back to the rule).
pub fn with_score(ind: &Indicator, score: Option<Decimal>, reason: &str) -> Result<Indicator, String> {
    let mut row = ind.clone();
    row.entered = match score {
        None => None,
        Some(s) => {
            let reason = reason.trim();
            let optional = matches!(row.rule, Rule::Grade(_));
            if reason.is_empty() && !optional {
                return Err("请填写理由：手填得分必须说明依据".into());
            }
            Some(EnteredScore { score: s, reason: reason.into() })
        }
    };
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> crate::domain::model::Evaluation {
        let mut ev = crate::domain::model::Evaluation::default();
        ev.indicators.push(Indicator { name: "甲".into(), weight: Decimal::TEN, ..Indicator::default() });
        ev
    }

    #[test]
    fn scores_need_a_reason_except_for_grades() {
        let row = &ev().indicators[0];
        assert_eq!(parse_score(row, "11"), Err("得分 11 超过分值 10".into()));
        assert_eq!(parse_score(row, ""), Ok(None));
        assert!(with_score(row, Some(Decimal::ONE), " ").is_err());
        assert!(with_score(row, Some(Decimal::ONE), "依据会议纪要").unwrap().entered.is_some());
        assert!(with_score(row, None, "").unwrap().entered.is_none());
    }
}
