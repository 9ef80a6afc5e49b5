//! A county's review of one year: its lines, its summary, last year beside it and the
//! grade counts of every year. What the bureau's screen, `jixiao review` and its
//! workbook all show.

use super::{Line, Summary, YearOverYear};
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
}
