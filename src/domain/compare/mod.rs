//! Year over year (`docs/domain.md`, "Year over year"): last year's table copied forward as
//! this year's draft ([`next_year`]), two or more years side by side with the changes
//! ([`compare`]), and one quantity across every stored year ([`trend`]).
//!
//! Pure: evaluations in, plain data out. The score sheets come from
//! [`crate::domain::score::score`], so a comparison shows exactly what `score` shows.

mod change;
mod figure;
mod matching;
mod next_year;
mod projects;
mod trend;

pub use change::{Change, Direction, Series};
pub use figure::Figure;
pub use matching::Pairing;
pub use next_year::next_year;
pub use projects::same_project;
pub use trend::{Metric, Point, Trend, trend};

use crate::domain::model::{Evaluation, Indicator};
use crate::domain::project::Kind;
use crate::domain::score::{Grade, ScoreSheet, score};
use crate::domain::value::comparable;
use rust_decimal::Decimal;

/// One year's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSummary {
    pub year: i32,
    pub total: Decimal,
    pub rule_total: Decimal,
    pub grade: Grade,
    pub rule_grade: Grade,
    /// Decimal places of that year's template (to show its scores as its table does).
    pub places: u32,
}

/// A 一级指标's subtotal across the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubtotalRow {
    pub level1: String,
    /// The group's weight each year (`None`: the group is absent that year).
    pub weights: Vec<Option<Decimal>>,
    pub score: Series,
}

/// One indicator row as it stood in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Its place in that year's `Evaluation::indicators` (for a screen to jump to it).
    pub index: usize,
    pub name: String,
    pub level1: String,
    pub level2: String,
    /// 年度指标值 and 实际完成值 as typed.
    pub target: String,
    pub actual: String,
    pub weight: Decimal,
    /// The score that counts (typed or by rule), as in the score sheet.
    pub score: Decimal,
    /// Whether the row has been filled in that year: an actual, or a typed score. An
    /// unfilled row (a draft copied forward) scores 0 but has no score to compare.
    pub filled: bool,
    pub rule_score: Option<Decimal>,
}

/// How a row stands in a year against the year before.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RowStatus {
    /// In both years under the same name.
    Kept,
    /// In both years, joined by hand: the earlier year's name.
    Renamed { from: String },
    /// New this year.
    Added,
    /// Gone this year.
    Removed,
    /// In neither year (it exists in some other compared year).
    Absent,
}

impl RowStatus {
    pub fn key(&self) -> &'static str {
        match self {
            RowStatus::Kept => "kept",
            RowStatus::Renamed { .. } => "renamed",
            RowStatus::Added => "added",
            RowStatus::Removed => "removed",
            RowStatus::Absent => "absent",
        }
    }

    /// `新增`, `删除`, `改名（原为“…”）`; empty when kept.
    pub fn label(&self) -> String {
        match self {
            RowStatus::Kept => String::new(),
            RowStatus::Renamed { from } => format!("改名（原为“{from}”）"),
            RowStatus::Added => "新增".into(),
            RowStatus::Removed => "删除".into(),
            RowStatus::Absent => "无此指标".into(),
        }
    }
}

/// From one compared year to the next, for one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub status: RowStatus,
    /// Where the row is in both years.
    pub score: Option<Change>,
    /// Where both actuals are numbers in comparable units (money converted to the
    /// earlier year's unit).
    pub actual: Option<Change>,
}

/// One indicator across the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    /// One per compared year; `None` where the row is absent.
    pub cells: Vec<Option<Cell>>,
    /// `steps[i]` is from year `i` to year `i + 1`.
    pub steps: Vec<Step>,
}

impl IndicatorRow {
    /// The row's latest cell (every row has at least one).
    pub fn latest(&self) -> &Cell {
        self.cells.iter().rev().flatten().next().expect("a matched row is present in some year")
    }

    /// Its name in the latest year that has it.
    pub fn name(&self) -> &str {
        &self.latest().name
    }

    /// The last compared year against the first: added (absent in the first), removed
    /// (absent in the last), kept or renamed (in both), absent (only in between).
    pub fn overall(&self) -> RowStatus {
        status(self.cells.first().and_then(Option::as_ref), self.cells.last().and_then(Option::as_ref))
    }

    /// Whether the row has a cell under `name` in any year.
    pub fn is_named(&self, name: &str) -> bool {
        self.cells.iter().flatten().any(|c| c.name == name.trim())
    }
}

fn status(before: Option<&Cell>, after: Option<&Cell>) -> RowStatus {
    match (before, after) {
        (Some(b), Some(a)) if b.name == a.name => RowStatus::Kept,
        (Some(b), Some(_)) => RowStatus::Renamed { from: b.name.clone() },
        (None, Some(_)) => RowStatus::Added,
        (Some(_), None) => RowStatus::Removed,
        (None, None) => RowStatus::Absent,
    }
}

/// A budget figure across the years (money in 万元, the rate in per cent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    pub figure: Figure,
    pub series: Series,
}

/// Two or more years of one organisation (or of one of its projects) side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub organisation: String,
    /// The project compared, by its name in the latest year; `None` for the department.
    pub project: Option<String>,
    /// Oldest first; every other vector indexed by year follows this order.
    pub years: Vec<YearSummary>,
    pub total: Series,
    pub rule_total: Series,
    /// Per 一级指标 (the funds row is its own group), in table order.
    pub subtotals: Vec<SubtotalRow>,
    /// Every indicator of any year, matched across years, in table order.
    pub rows: Vec<IndicatorRow>,
    pub figures: Vec<FigureRow>,
    /// Hand pairings that did not apply (a name missing from its year or the year before).
    pub unused_pairings: Vec<Pairing>,
}

impl Comparison {
    pub fn year_numbers(&self) -> Vec<i32> {
        self.years.iter().map(|y| y.year).collect()
    }

    /// Rows present in the last year but not the first.
    pub fn added(&self) -> impl Iterator<Item = &IndicatorRow> {
        self.rows.iter().filter(|r| r.overall() == RowStatus::Added)
    }

    /// Rows present in the first year but not the last.
    pub fn removed(&self) -> impl Iterator<Item = &IndicatorRow> {
        self.rows.iter().filter(|r| r.overall() == RowStatus::Removed)
    }
}

fn cell(index: usize, ind: &Indicator, sheet: &ScoreSheet) -> Cell {
    let item = sheet.indicator(index);
    Cell {
        index,
        name: ind.name.trim().to_string(),
        level1: ind.level1.clone(),
        level2: ind.level2.clone(),
        target: ind.target.text().to_string(),
        actual: ind.actual.text().to_string(),
        weight: ind.weight,
        score: item.map_or(Decimal::ZERO, |i| i.score),
        filled: !ind.actual.is_empty() || ind.entered.is_some(),
        rule_score: item.and_then(|i| i.rule_score),
    }
}

/// The change of a numeric actual, in the earlier year's unit.
fn actual_change(before: &Indicator, after: &Indicator) -> Option<Change> {
    let pair = comparable(before.actual.value().as_number()?, after.actual.value().as_number()?).ok()?;
    Some(Change::between(pair.target, pair.actual, None))
}

/// Subtotals per 一级指标, the groups of every year in one table order.
fn subtotal_rows(sheets: &[ScoreSheet], places: Option<u32>) -> Vec<SubtotalRow> {
    let per_year: Vec<_> = sheets.iter().map(ScoreSheet::subtotals).collect();
    let groups: Vec<Vec<String>> =
        per_year.iter().map(|subs| subs.iter().map(|s| s.level1.clone()).collect()).collect();
    matching::merge_order(&groups)
        .into_iter()
        .map(|level1| {
            let found: Vec<_> = per_year.iter().map(|subs| subs.iter().find(|s| s.level1 == level1)).collect();
            SubtotalRow {
                weights: found.iter().map(|s| s.map(|s| s.weight)).collect(),
                score: Series::new(found.iter().map(|s| s.map(|s| s.score)).collect(), places),
                level1,
            }
        })
        .collect()
}

/// One matched row: `at[y]` is its index in year `y`'s indicators.
fn indicator_row(
    years: &[&Evaluation],
    sheets: &[ScoreSheet],
    at: &[Option<usize>],
    places: Option<u32>,
) -> IndicatorRow {
    let cells: Vec<Option<Cell>> =
        at.iter().enumerate().map(|(y, i)| i.map(|i| cell(i, &years[y].indicators[i], &sheets[y]))).collect();
    let steps = (1..years.len())
        .map(|y| {
            let (before, after) = (cells[y - 1].as_ref(), cells[y].as_ref());
            Step {
                status: status(before, after),
                score: before
                    .zip(after)
                    .filter(|(b, a)| b.filled && a.filled)
                    .map(|(b, a)| Change::between(b.score, a.score, places)),
                actual: at[y - 1]
                    .zip(at[y])
                    .and_then(|(b, a)| actual_change(&years[y - 1].indicators[b], &years[y].indicators[a])),
            }
        })
        .collect();
    IndicatorRow { cells, steps }
}

/// Compares the years of one organisation, or of one project (the years should be of
/// one kind). They are put in ascending order here, so the caller may pass them in any
/// order. `pairs` join renamed rows by hand.
pub fn compare(years: &[&Evaluation], pairs: &[Pairing]) -> Comparison {
    let mut years: Vec<&Evaluation> = years.to_vec();
    years.sort_by_key(|ev| ev.year);
    let sheets: Vec<ScoreSheet> = years.iter().map(|ev| score(ev)).collect();
    let places = Some(sheets.iter().map(|s| s.places).max().unwrap_or(2));

    let summaries = years
        .iter()
        .zip(&sheets)
        .map(|(ev, s)| YearSummary {
            year: ev.year,
            total: s.total,
            rule_total: s.rule_total,
            grade: s.grade,
            rule_grade: s.rule_grade,
            places: s.places,
        })
        .collect();

    let matched = matching::match_rows(&years, pairs);
    let rows = matched.rows.iter().map(|at| indicator_row(&years, &sheets, at, places)).collect();

    let kind = years.last().map_or(Kind::Department, |ev| ev.kind);
    let figures = Figure::of_kind(kind)
        .iter()
        .map(|&figure| FigureRow {
            figure,
            series: Series::new(years.iter().zip(&sheets).map(|(ev, s)| figure.value(ev, s)).collect(), Some(2)),
        })
        .collect();

    Comparison {
        organisation: years.last().map(|ev| ev.organisation.name.trim().to_string()).unwrap_or_default(),
        project: years.last().filter(|ev| ev.is_project()).map(|ev| ev.project.name.trim().to_string()),
        years: summaries,
        total: Series::new(sheets.iter().map(|s| Some(s.total)).collect(), places),
        rule_total: Series::new(sheets.iter().map(|s| Some(s.rule_total)).collect(), places),
        subtotals: subtotal_rows(&sheets, places),
        rows,
        figures,
        unused_pairings: matched.unused,
    }
}

#[cfg(test)]
mod tests;
