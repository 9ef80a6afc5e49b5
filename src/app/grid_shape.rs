//! What the grid's layout reads from every row: the columns shown and the widest text of
//! each column the layout may widen. Measured once per change of the evaluation, not on
//! every frame: on a 1000-row table, going through every row for each frame was a third
//! of drawing it (issue 14).

use super::grid::GridCol;
use crate::domain::model::{Evaluation, Indicator};
use unicode_width::UnicodeWidthStr;

/// The columns whose width follows their text.
const MEASURED: [GridCol; 5] = [GridCol::Name, GridCol::Level1, GridCol::Level2, GridCol::Target, GridCol::Actual];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridShape {
    /// The grid's columns ([`GridCol::of`]).
    pub cols: Vec<GridCol>,
    /// The widest text of each [`MEASURED`] column, in its order.
    widest: [usize; MEASURED.len()],
}

impl GridShape {
    pub fn of(ev: &Evaluation) -> GridShape {
        let mut widest = [0; MEASURED.len()];
        for ind in &ev.indicators {
            for (w, col) in widest.iter_mut().zip(MEASURED) {
                *w = (*w).max(text(col, ind).width());
            }
        }
        GridShape { cols: GridCol::of(ev), widest }
    }

    /// The widest text of `col` over the rows (0 for a column not measured).
    pub fn widest(&self, col: GridCol) -> usize {
        MEASURED.iter().position(|c| *c == col).map_or(0, |i| self.widest[i])
    }
}

/// The text of a measured column, borrowed.
fn text(col: GridCol, ind: &Indicator) -> &str {
    match col {
        GridCol::Name => &ind.name,
        GridCol::Level1 => &ind.level1,
        GridCol::Level2 => &ind.level2,
        GridCol::Target => ind.target.text(),
        GridCol::Actual => ind.actual.text(),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Typed;

    #[test]
    fn the_widest_text_of_each_measured_column_counts_double_width_characters_twice() {
        let row = |name: &str, actual: &str| Indicator {
            name: name.into(),
            actual: Typed::new(actual).unwrap(),
            ..Indicator::default()
        };
        let ev = Evaluation { indicators: vec![row("甲乙丙", "12家"), row("abcd", "1")], ..Evaluation::default() };
        let shape = GridShape::of(&ev);
        assert_eq!(shape.widest(GridCol::Name), 6);
        assert_eq!(shape.widest(GridCol::Actual), 4);
        assert_eq!(shape.widest(GridCol::Weight), 0, "not measured");
        assert_eq!(shape.cols, GridCol::of(&ev));
    }
}
