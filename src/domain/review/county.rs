//! A county's review of one year: its lines, its summary, last year beside it and the
//! grade counts of every year. What the bureau's screen, `jixiao review` and its
//! workbook all show.

use super::{HandIn, Line, Summary, YearOverYear, grade_counts_by_year, review};
use rust_decimal::Decimal;

/// Grade counts of one year: (year, by filed totals, by rule totals).
pub type GradeCounts = (i32, [usize; 4], [usize; 4]);

/// The county's review of one year, with last year's beside it and every year's grades.
pub struct County {
    pub year: i32,
    pub lines: Vec<Line>,
    pub summary: Summary,
    pub previous: Option<YearOverYear>,
    /// Every year's grade counts, years ascending.
    pub by_year: Vec<GradeCounts>,
}

impl County {
    /// `lines` are the year's, `previous` the year before's when there is one.
    pub fn of(
        year: i32,
        lines: Vec<Line>,
        previous: Option<&[Line]>,
        mut by_year: Vec<GradeCounts>,
        threshold: Decimal,
    ) -> County {
        by_year.sort_by_key(|(y, ..)| *y);
        let previous = previous.map(|b| YearOverYear::of(&lines, b, year, year - 1));
        County { year, summary: Summary::of(&lines, threshold), lines, previous, by_year }
    }

    /// From every year's hand-ins in memory, each reviewed afresh.
    pub fn build(years: &[(i32, Vec<HandIn>)], year: i32, threshold: Decimal) -> County {
        let reviewed: Vec<(i32, Vec<Line>)> = years.iter().map(|(y, h)| (*y, review(h))).collect();
        let of_year = |y: i32| reviewed.iter().find(|(x, _)| *x == y).map(|(_, l)| l.as_slice());
        let by_year = reviewed.iter().flat_map(|(_, l)| grade_counts_by_year(l)).collect();
        County::of(year, of_year(year).unwrap_or_default().to_vec(), of_year(year - 1), by_year, threshold)
    }
}
