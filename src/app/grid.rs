//! The indicator grid: its columns, the cursor, and how typed text becomes an edit of a
//! row (a pasted block: `paste`).

use crate::domain::model::{EnteredScore, Evaluation, Indicator, Typed};
use crate::domain::nature::Nature;
use crate::domain::number::{parse_non_negative, plain};
use crate::domain::rule::Rule;
use crate::domain::template::ColumnKey;
use rust_decimal::Decimal;
use std::cell::Cell;

/// A column of the grid, in the order the cursor goes through them. The last ones (from
/// 评分标准) live in the detail area under the grid. The optional ones (指标性质 …
/// 是否核心指标) are there when the template prints them or a row has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GridCol {
    Level1,
    Level2,
    Name,
    Nature,
    Target,
    AdjustedTarget,
    Unit,
    Actual,
    Coefficient,
    Weight,
    Score,
    Core,
    Criterion,
    Method,
    Rule,
    Deviation,
}

impl GridCol {
    pub const ALL: [GridCol; 16] = [
        GridCol::Level1,
        GridCol::Level2,
        GridCol::Name,
        GridCol::Nature,
        GridCol::Target,
        GridCol::AdjustedTarget,
        GridCol::Unit,
        GridCol::Actual,
        GridCol::Coefficient,
        GridCol::Weight,
        GridCol::Score,
        GridCol::Core,
        GridCol::Criterion,
        GridCol::Method,
        GridCol::Rule,
        GridCol::Deviation,
    ];

    pub fn title(self) -> &'static str {
        match self {
            GridCol::Level1 => "一级指标",
            GridCol::Level2 => "二级指标",
            GridCol::Name => "三级指标",
            GridCol::Nature => "性质",
            GridCol::Target => "指标值",
            GridCol::AdjustedTarget => "调整指标值",
            GridCol::Unit => "单位",
            GridCol::Actual => "完成值",
            GridCol::Coefficient => "系数%",
            GridCol::Weight => "分值",
            GridCol::Score => "得分",
            GridCol::Core => "核心",
            GridCol::Criterion => "评分标准",
            GridCol::Method => "计算方法",
            GridCol::Rule => "评分规则",
            GridCol::Deviation => "偏差原因",
        }
    }

    /// The template's column this one is, for the optional ones.
    pub fn optional(self) -> Option<ColumnKey> {
        Some(match self {
            GridCol::Nature => ColumnKey::Nature,
            GridCol::AdjustedTarget => ColumnKey::AdjustedTarget,
            GridCol::Unit => ColumnKey::Unit,
            GridCol::Coefficient => ColumnKey::Coefficient,
            GridCol::Core => ColumnKey::Core,
            GridCol::Method => ColumnKey::Method,
            _ => return None,
        })
    }

    /// The grid column that holds a printed column.
    pub fn of_key(key: ColumnKey) -> Option<GridCol> {
        Some(match key {
            ColumnKey::Level1 => GridCol::Level1,
            ColumnKey::Level2 => GridCol::Level2,
            ColumnKey::Name => GridCol::Name,
            ColumnKey::Nature => GridCol::Nature,
            ColumnKey::Target => GridCol::Target,
            ColumnKey::AdjustedTarget => GridCol::AdjustedTarget,
            ColumnKey::Unit => GridCol::Unit,
            ColumnKey::Actual => GridCol::Actual,
            ColumnKey::Criterion => GridCol::Criterion,
            ColumnKey::Method => GridCol::Method,
            ColumnKey::Coefficient => GridCol::Coefficient,
            ColumnKey::Weight => GridCol::Weight,
            ColumnKey::Score => GridCol::Score,
            ColumnKey::Reason => GridCol::Deviation,
            ColumnKey::Core => GridCol::Core,
        })
    }

    /// Whether a row fills this optional column.
    fn filled(self, ind: &Indicator) -> bool {
        match self {
            GridCol::Nature => ind.nature.is_some(),
            GridCol::AdjustedTarget => !ind.adjusted_target.is_empty(),
            GridCol::Unit => !ind.unit.trim().is_empty(),
            GridCol::Coefficient => ind.coefficient.is_some(),
            GridCol::Core => ind.core.is_some(),
            GridCol::Method => !ind.method.trim().is_empty(),
            _ => true,
        }
    }

    /// The columns of an evaluation's grid: the national ones, and each optional one its
    /// template prints or a row fills (so that nothing typed is hidden).
    pub fn of(ev: &Evaluation) -> Vec<GridCol> {
        GridCol::ALL
            .into_iter()
            .filter(|c| match c.optional() {
                None => true,
                Some(key) => ev.template.has(key) || ev.indicators.iter().any(|i| c.filled(i)),
            })
            .collect()
    }

    /// The column `by` steps away among `cols`.
    pub fn step_in(self, cols: &[GridCol], by: isize) -> GridCol {
        let at = cols.iter().position(|c| *c == self).unwrap_or(0) as isize;
        cols[(at + by).clamp(0, cols.len() as isize - 1) as usize]
    }

    /// Edited in a multi-line text area.
    pub fn is_long_text(self) -> bool {
        matches!(self, GridCol::Criterion | GridCol::Deviation | GridCol::Method)
    }

    /// The text a one-line editor starts from.
    pub fn text(self, ind: &Indicator) -> String {
        match self {
            GridCol::Level1 => ind.level1.clone(),
            GridCol::Level2 => ind.level2.clone(),
            GridCol::Name => ind.name.clone(),
            GridCol::Nature => ind.nature.map_or(String::new(), |n| n.symbol().into()),
            GridCol::Target => ind.target.text().into(),
            GridCol::AdjustedTarget => ind.adjusted_target.text().into(),
            GridCol::Unit => ind.unit.clone(),
            GridCol::Actual => ind.actual.text().into(),
            GridCol::Coefficient => ind.coefficient.map(plain).unwrap_or_default(),
            GridCol::Weight => plain(ind.weight),
            GridCol::Score => ind.entered.as_ref().map(|e| plain(e.score)).unwrap_or_default(),
            GridCol::Core => match ind.core {
                Some(true) => "是".into(),
                Some(false) => "否".into(),
                None => String::new(),
            },
            GridCol::Criterion => ind.criterion.clone(),
            GridCol::Method => ind.method.clone(),
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
            GridCol::Nature => ind.nature = Nature::parse(t)?,
            GridCol::Target => ind.target = Typed::new(t).map_err(|e| e.to_string())?,
            GridCol::AdjustedTarget => ind.adjusted_target = Typed::new(t).map_err(|e| e.to_string())?,
            GridCol::Unit => ind.unit = t.into(),
            GridCol::Actual => ind.actual = Typed::new(t).map_err(|e| e.to_string())?,
            GridCol::Coefficient if t.is_empty() => ind.coefficient = None,
            GridCol::Coefficient => {
                let c = parse_non_negative(t.trim_end_matches(['%', '％'])).map_err(|e| e.to_string())?;
                if c > Decimal::ONE_HUNDRED {
                    return Err("得分系数不能超过 100%".into());
                }
                ind.coefficient = Some(c);
            }
            GridCol::Core => {
                ind.core = match t {
                    "" => None,
                    "是" | "y" | "Y" | "1" => Some(true),
                    "否" | "n" | "N" | "0" => Some(false),
                    _ => return Err(format!("是否核心指标应填“是”或“否”，不是“{t}”")),
                }
            }
            GridCol::Weight if t.is_empty() => return Err("请输入分值".into()),
            GridCol::Weight => {
                let w = parse_non_negative(t).map_err(|e| e.to_string())?;
                if w > Decimal::ONE_HUNDRED {
                    return Err("分值不能超过 100".into());
                }
                ind.weight = w;
            }
            GridCol::Criterion => ind.criterion = text.trim_end().into(),
            GridCol::Method => ind.method = text.trim_end().into(),
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
