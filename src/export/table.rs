//! A table with merged cells, laid out once and rendered by every format.
//!
//! The 自评表 has to look the same in the workbook, the Word report and the Markdown
//! report, so its layout (which cell spans which rows and columns) is built once as a
//! [`Table`] and each renderer only maps cells to its own markup.

use crate::domain::number::{fixed, percent};
use rust_decimal::Decimal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a cell holds. Numbers stay numbers so that a spreadsheet gets real numeric cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Empty,
    Text(String),
    /// A figure shown with a fixed number of decimal places.
    Number {
        value: Decimal,
        places: u32,
    },
    /// A ratio shown as a percentage with two places (0.9663 → 96.63%).
    Percent(Decimal),
}

impl Value {
    /// The cell as text, the way the printed table shows it.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number { value, places } => fixed(*value, *places),
            Value::Percent(ratio) => percent(*ratio),
        }
    }
}

/// How a cell is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Column headings: bold, centred.
    Header,
    /// Row labels and short values: centred.
    Label,
    /// Running text (criteria, reasons): left-aligned, wrapped.
    Text,
    /// Figures: centred.
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    pub style: Style,
    /// Columns spanned (at least 1).
    pub cols: usize,
    /// Rows spanned (at least 1).
    pub rows: usize,
    /// A spreadsheet formula for the cell, `value` being its result as jixiao computed it
    /// (what a workbook shows until someone edits a cell the formula reads). Other cells
    /// are named `{row:col}` by their position in the table; see [`Table::cell_ref`].
    pub formula: Option<String>,
}

impl Cell {
    pub fn new(value: Value, style: Style) -> Cell {
        Cell { value, style, cols: 1, rows: 1, formula: None }
    }

    /// The cell computed by a formula (`value` is its result).
    pub fn with_formula(mut self, formula: impl Into<String>) -> Cell {
        self.formula = Some(formula.into());
        self
    }

    pub fn text(text: impl Into<String>, style: Style) -> Cell {
        let text = text.into();
        let value = if text.is_empty() { Value::Empty } else { Value::Text(text) };
        Cell::new(value, style)
    }

    pub fn header(text: &str) -> Cell {
        Cell::text(text, Style::Header)
    }

    pub fn label(text: &str) -> Cell {
        Cell::text(text, Style::Label)
    }

    pub fn empty() -> Cell {
        Cell::new(Value::Empty, Style::Label)
    }

    pub fn number(value: Option<Decimal>, places: u32) -> Cell {
        Cell::new(value.map_or(Value::Empty, |value| Value::Number { value, places }), Style::Number)
    }

    pub fn wide(mut self, cols: usize) -> Cell {
        self.cols = cols.max(1);
        self
    }

    pub fn tall(mut self, rows: usize) -> Cell {
        self.rows = rows.max(1);
        self
    }
}

impl Table {
    /// How a formula names the cell at (row, col) of this table.
    pub fn cell_ref(row: usize, col: usize) -> String {
        format!("{{{row}:{col}}}")
    }
}

/// A formula with its `{row:col}` names replaced by `name(row, col)` (an A1 reference).
pub fn resolve_formula(formula: &str, name: impl Fn(usize, usize) -> String) -> String {
    let mut out = String::with_capacity(formula.len());
    let mut rest = formula;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let inner = &rest[open + 1..open + close];
        match inner.split_once(':').and_then(|(r, c)| Some((r.parse().ok()?, c.parse().ok()?))) {
            Some((r, c)) => out.push_str(&name(r, c)),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// What sits at one position of the laid-out grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The top-left position of a cell.
    Anchor(&'a Cell),
    /// A position covered by the cell anchored at (row, col).
    Covered { row: usize, col: usize },
    /// A position no cell reached (a row with too few cells).
    Vacant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths in spreadsheet character units (one CJK character is 2).
    pub widths: Vec<f64>,
    /// Each row lists only the cells anchored in it, left to right; positions covered by
    /// a cell from an earlier row are skipped, as in HTML.
    pub rows: Vec<Vec<Cell>>,
    /// The row of column headings to repeat at the top of each printed page.
    pub repeat_row: Option<usize>,
}

impl Table {
    pub fn new(columns: usize) -> Table {
        Table { widths: vec![8.0; columns], rows: Vec::new(), repeat_row: None }
    }

    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Places every cell on the grid. Spans that would run off the grid are cut at its
    /// edge, so a layout mistake shows as a short cell rather than a panic.
    pub fn layout(&self) -> Vec<Vec<Slot<'_>>> {
        let width = self.columns();
        let height = self.rows.len();
        let mut grid = vec![vec![Slot::Vacant; width]; height];
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < width && grid[r][c] != Slot::Vacant {
                    c += 1;
                }
                if c >= width {
                    break;
                }
                let (rows, cols) = self.clamped_span(r, c, cell);
                for (dr, line) in grid.iter_mut().skip(r).take(rows).enumerate() {
                    for (dc, slot) in line.iter_mut().skip(c).take(cols).enumerate() {
                        *slot = if dr == 0 && dc == 0 { Slot::Anchor(cell) } else { Slot::Covered { row: r, col: c } };
                    }
                }
                c += cols;
            }
        }
        grid
    }

    /// The span of a cell anchored at (r, c), cut to the grid.
    pub fn clamped_span(&self, r: usize, c: usize, cell: &Cell) -> (usize, usize) {
        let rows = cell.rows.clamp(1, self.rows.len().saturating_sub(r).max(1));
        let cols = cell.cols.clamp(1, self.columns().saturating_sub(c).max(1));
        (rows, cols)
    }

    /// Sets each column's width to fit its single-column cells' longest line, within
    /// [min, max]; longer text wraps.
    pub fn fit_widths(&mut self, min: &[f64], max: &[f64]) {
        let mut wanted = vec![0.0_f64; self.columns()];
        for line in self.layout() {
            for (c, slot) in line.iter().enumerate() {
                if let Slot::Anchor(cell @ Cell { cols: 1, .. }) = slot {
                    let text = cell.value.display();
                    let longest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                    wanted[c] = wanted[c].max(longest as f64 + 2.0);
                }
            }
        }
        for (c, w) in self.widths.iter_mut().enumerate() {
            let lo = min.get(c).copied().unwrap_or(6.0);
            let hi = max.get(c).copied().unwrap_or(40.0).max(lo);
            *w = wanted[c].clamp(lo, hi);
        }
    }
}

/// How many lines a text takes in a column `width` units wide (one CJK character is
/// 2 units), wrapping character by character as Excel does for Chinese.
fn wrapped_lines(text: &str, width: f64) -> usize {
    // About one and a half units go to the cell's padding.
    let usable = (width - 1.5).max(2.0);
    text.split('\n')
        .map(|line| {
            let (mut lines, mut used) = (1, 0.0);
            for c in line.chars() {
                let w = c.width().unwrap_or(0) as f64;
                if used + w > usable && used > 0.0 {
                    lines += 1;
                    used = 0.0;
                }
                used += w;
            }
            lines
        })
        .sum()
}

impl Table {
    /// Lines of text each row needs for its wrapped cells to show whole. Spreadsheets
    /// do not size rows to wrapped text when a file is opened (LibreOffice and WPS keep
    /// one line), so the workbook sets each row's height from this.
    pub fn row_lines(&self) -> Vec<usize> {
        let mut lines = vec![1; self.rows.len()];
        let mut tall = Vec::new();
        for (r, line) in self.layout().iter().enumerate() {
            for (c, slot) in line.iter().enumerate() {
                if let Slot::Anchor(cell) = slot {
                    let (rows, cols) = self.clamped_span(r, c, cell);
                    let needed = wrapped_lines(&cell.value.display(), self.widths[c..c + cols].iter().sum());
                    if rows == 1 {
                        lines[r] = lines[r].max(needed);
                    } else {
                        tall.push((r, rows, needed));
                    }
                }
            }
        }
        // A cell spanning rows has their lines; what it lacks goes to its last row.
        for (r, rows, needed) in tall {
            let have: usize = lines[r..r + rows].iter().sum();
            lines[r + rows - 1] += needed.saturating_sub(have);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_positions_of_later_rows() {
        let mut t = Table::new(3);
        t.push(vec![Cell::label("a").tall(2), Cell::label("b").wide(2)]);
        t.push(vec![Cell::label("c"), Cell::label("d")]);
        let g = t.layout();
        assert!(matches!(g[0][0], Slot::Anchor(c) if c.value.display() == "a"));
        assert_eq!(g[0][2], Slot::Covered { row: 0, col: 1 });
        assert_eq!(g[1][0], Slot::Covered { row: 0, col: 0 });
        assert!(matches!(g[1][1], Slot::Anchor(c) if c.value.display() == "c"));
        assert!(matches!(g[1][2], Slot::Anchor(c) if c.value.display() == "d"));
    }

    #[test]
    fn a_span_past_the_edge_is_cut_not_a_panic() {
        let mut t = Table::new(2);
        t.push(vec![Cell::label("x").wide(5).tall(9), Cell::label("lost")]);
        let g = t.layout();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0][1], Slot::Covered { row: 0, col: 0 });
    }

    #[test]
    fn rows_get_the_lines_their_wrapped_text_needs() {
        let mut t = Table::new(2);
        t.widths = vec![5.5, 21.5];
        t.push(vec![Cell::label("一二三四").tall(2), Cell::label(&"字".repeat(20))]);
        t.push(vec![Cell::label("短")]);
        // 20 characters at 10 a line: 2 lines; 一二三四 at 2 a line needs 2, has 2 + 1.
        assert_eq!(t.row_lines(), vec![2, 1]);
        t.rows[0][0] = Cell::label(&"字".repeat(9)).tall(2);
        assert_eq!(t.row_lines(), vec![2, 3], "the shortfall goes to the last spanned row");
        assert_eq!(wrapped_lines("ab\ncd", 40.0), 2);
    }

    #[test]
    fn formulas_name_cells_by_position() {
        let a1 = |r: usize, c: usize| format!("{}{}", (b'A' + c as u8) as char, r + 1);
        assert_eq!(resolve_formula("SUM({1:2}:{3:2})+{0:0}", a1), "SUM(C2:C4)+A1");
        assert_eq!(resolve_formula("ROUND(x,2)", a1), "ROUND(x,2)");
    }

    #[test]
    fn widths_fit_the_longest_line_within_bounds() {
        let mut t = Table::new(2);
        t.push(vec![Cell::label("三级指标名称"), Cell::label("短")]);
        t.push(vec![Cell::label(&"很长的文字".repeat(20)).wide(2)]);
        t.fit_widths(&[4.0, 6.0], &[30.0, 30.0]);
        assert_eq!(t.widths, vec![14.0, 6.0]);
    }
}
