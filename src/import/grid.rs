//! One worksheet as a grid of cells, with merged regions resolved: every position of a
//! merged 一级/二级 cell reads as the merged cell's value. Cell values are turned into
//! text or exact decimals here, at the edge.

use crate::domain::money::Amount;
use crate::domain::number::{parse_decimal, plain, round_half_up};
use calamine::{Data, Dimensions, Range};
use rust_decimal::Decimal;
use std::str::FromStr;

/// No real 自评表 is wider; a stray cell far away must not make the scan slow.
pub const MAX_COLS: u32 = 64;

pub struct Grid {
    range: Range<Data>,
    merges: Vec<Dimensions>,
}

const EMPTY: Data = Data::Empty;

impl Grid {
    pub fn new(range: Range<Data>, merges: Vec<Dimensions>) -> Grid {
        Grid { range, merges }
    }

    /// Rows and columns up to the last used cell (absolute positions start at 0).
    pub fn height(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r + 1)
    }

    pub fn width(&self) -> u32 {
        self.range.end().map_or(0, |(_, c)| c + 1)
    }

    /// The value at a position; inside a merged region, the region's value.
    pub fn data(&self, row: u32, col: u32) -> &Data {
        let (r, c) = self.merges.iter().find(|m| m.contains(row, col)).map_or((row, col), |m| m.start);
        self.range.get_value((r, c)).unwrap_or(&EMPTY)
    }

    pub fn text(&self, row: u32, col: u32) -> String {
        cell_text(self.data(row, col))
    }

    /// The first cell right of (row, col) with text other than this cell's own (a
    /// merged label reads the same across its width).
    pub fn value_right_of(&self, row: u32, col: u32) -> Option<&Data> {
        let own = self.text(row, col);
        (col + 1..self.width()).find_map(|c| {
            let t = self.text(row, c);
            (!t.is_empty() && t != own).then(|| self.data(row, c))
        })
    }
}

/// A float as the shortest exact decimal that prints the same (Rust's `{}` of an f64
/// never uses an exponent), so 7256.1 reads as 7256.1, not 7256.0999999….
pub fn decimal_from_float(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{f}")).ok()
}

/// A cell as text: numbers in their shortest form, dates as `2024-12-31`.
pub fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => decimal_from_float(*f).map(|d| plain(round_half_up(d, 6))).unwrap_or_default(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => decimal_from_float(dt.as_f64()).map(plain).unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-')).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// A weight or score: a number rounded to 2 places, or text such as `３`, `4.6分`.
/// `Ok(None)` for an empty cell; `Err` with the text that could not be read.
pub fn cell_number(data: &Data) -> Result<Option<Decimal>, String> {
    match data {
        Data::Float(f) => decimal_from_float(*f).map(|d| Some(round_half_up(d, 2))).ok_or_else(|| f.to_string()),
        Data::Int(i) => Ok(Some(Decimal::from(*i))),
        _ => {
            let text = cell_text(data);
            let bare = text.trim_end_matches('分').trim();
            if bare.is_empty() {
                return Ok(None);
            }
            parse_decimal(bare).map(|d| Some(round_half_up(d, 2))).map_err(|_| text)
        }
    }
}

/// An amount: a number is 万元 rounded to 2 places; text keeps its unit (`5.59元`).
pub fn cell_amount(data: &Data) -> Result<Option<Amount>, String> {
    match data {
        Data::Float(_) | Data::Int(_) => cell_number(data).map(|d| d.map(Amount::wan)),
        _ => {
            let text = cell_text(data);
            if text.is_empty() {
                return Ok(None);
            }
            text.parse::<Amount>().map(Some).map_err(|_| text)
        }
    }
}

/// Heading text compared loosely: no whitespace or line breaks, full-width brackets
/// and colons as half-width, no trailing colon.
pub fn normalise(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect();
    s.trim_end_matches(':').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_the_decimals_people_typed() {
        assert_eq!(cell_number(&Data::Float(7256.1)), Ok(Some(Decimal::new(72561, 1))));
        assert_eq!(cell_number(&Data::Float(0.1 + 0.2)), Ok(Some(Decimal::new(3, 1))));
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(120.0)), "120");
        assert_eq!(cell_number(&Data::Float(f64::NAN)), Err("NaN".into()));
    }

    #[test]
    fn numbers_stored_as_text_are_read() {
        assert_eq!(cell_number(&Data::String(" ４.６分 ".into())), Ok(Some(Decimal::new(46, 1))));
        assert_eq!(cell_number(&Data::String("".into())), Ok(None));
        assert_eq!(cell_number(&Data::String("三分".into())), Err("三分".into()));
        let a = cell_amount(&Data::String("7,509.24".into())).unwrap().unwrap();
        assert_eq!(a, Amount::wan(Decimal::new(750924, 2)));
    }

    #[test]
    fn headings_compare_loosely() {
        assert_eq!(normalise(" 评（扣）\n分标准 "), "评(扣)分标准");
        assert_eq!(normalise("预算部门："), "预算部门");
    }
}
