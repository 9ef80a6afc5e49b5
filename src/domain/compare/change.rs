//! A change between two years' values, and how it reads without colour: the arrow and
//! the sign say the direction, so a NO_COLOR terminal or a printout loses nothing.

use crate::domain::number::{fixed, plain, round_half_up};
use rust_decimal::Decimal;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// From one year's value to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub from: Decimal,
    pub to: Decimal,
    /// `to − from`, exact.
    pub delta: Decimal,
    /// `delta ÷ |from|` in per cent, rounded to one place; `None` when `from` is zero
    /// (a change from nothing has no per cent, shown as “—”).
    pub percent: Option<Decimal>,
    /// Places the delta is shown with; `None` shows its shortest exact form (actuals,
    /// which keep whatever precision was typed).
    pub places: Option<u32>,
}

impl Change {
    pub fn between(from: Decimal, to: Decimal, places: Option<u32>) -> Change {
        let delta = to - from;
        let percent = (!from.is_zero()).then(|| round_half_up(delta / from.abs() * Decimal::ONE_HUNDRED, 1));
        Change { from, to, delta, percent, places }
    }

    pub fn direction(&self) -> Direction {
        if self.delta.is_zero() {
            Direction::Same
        } else if self.delta.is_sign_positive() {
            Direction::Up
        } else {
            Direction::Down
        }
    }

    pub fn arrow(&self) -> &'static str {
        match self.direction() {
            Direction::Up => "↑",
            Direction::Down => "↓",
            Direction::Same => "=",
        }
    }

    /// `↑ +0.16`, `↓ −1.20`, `= 0`.
    pub fn delta_text(&self) -> String {
        let magnitude = |d: Decimal| self.places.map_or_else(|| plain(d), |p| fixed(d, p));
        match self.direction() {
            Direction::Same => "= 0".into(),
            Direction::Up => format!("↑ +{}", magnitude(self.delta)),
            Direction::Down => format!("↓ −{}", magnitude(-self.delta)),
        }
    }

    /// `+3.5%`, `−1.2%`, `0%`, or `—` when there is no base.
    pub fn percent_text(&self) -> String {
        match self.percent {
            None => "—".into(),
            Some(p) if p.is_zero() => "0%".into(),
            Some(p) if p.is_sign_negative() => format!("−{}%", fixed(-p, 1)),
            Some(p) => format!("+{}%", fixed(p, 1)),
        }
    }

    /// `↑ +50.08（+0.7%）`: both, for figures where the relative size matters; just `= 0`
    /// when nothing changed.
    pub fn with_percent(&self) -> String {
        match self.direction() {
            Direction::Same => self.delta_text(),
            _ => format!("{}（{}）", self.delta_text(), self.percent_text()),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.delta_text())
    }
}

/// One quantity across the compared years (oldest first), with the change between each
/// pair of consecutive years where both have a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub values: Vec<Option<Decimal>>,
    /// `changes[i]` is from year `i` to year `i + 1`.
    pub changes: Vec<Option<Change>>,
}

impl Series {
    pub fn new(values: Vec<Option<Decimal>>, places: Option<u32>) -> Series {
        let changes =
            values.windows(2).map(|w| Some(Change::between(w[0]?, w[1]?, places))).collect::<Vec<Option<Change>>>();
        Series { values, changes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_without_colour() {
        let up = Change::between(d("2.84"), d("3"), Some(2));
        assert_eq!(up.to_string(), "↑ +0.16");
        assert_eq!(up.direction(), Direction::Up);
        assert_eq!(Change::between(d("9.66"), d("8.46"), Some(2)).to_string(), "↓ −1.20");
        assert_eq!(Change::between(d("3"), d("3.00"), Some(2)).to_string(), "= 0");
        assert_eq!(Change::between(d("166"), d("170"), None).to_string(), "↑ +4");
        assert_eq!(Change::between(d("42.6"), d("40.35"), None).to_string(), "↓ −2.25");
    }

    #[test]
    fn per_cent_of_the_earlier_value_and_none_from_zero() {
        let c = Change::between(d("200"), d("207"), Some(2));
        assert_eq!(c.percent, Some(d("3.5")));
        assert_eq!(c.percent_text(), "+3.5%");
        assert_eq!(c.with_percent(), "↑ +7.00（+3.5%）");
        assert_eq!(Change::between(d("200"), d("197.6"), Some(2)).percent_text(), "−1.2%");
        let same = Change::between(d("5"), d("5"), Some(2));
        assert_eq!((same.percent_text(), same.with_percent()), ("0%".to_string(), "= 0".to_string()));
        let from_zero = Change::between(Decimal::ZERO, d("158.46"), Some(2));
        assert_eq!(from_zero.percent, None);
        assert_eq!(from_zero.percent_text(), "—");
        assert_eq!(from_zero.with_percent(), "↑ +158.46（—）");
        // A negative base (a deficit shrinking) still reads as a rise.
        assert_eq!(Change::between(d("-10"), d("-5"), None).percent_text(), "+50.0%");
    }

    #[test]
    fn a_series_changes_only_between_years_that_both_have_a_value() {
        let s = Series::new(vec![Some(d("1")), None, Some(d("3")), Some(d("2"))], Some(2));
        assert_eq!(s.changes.len(), 3);
        assert!(s.changes[0].is_none() && s.changes[1].is_none());
        assert_eq!(s.changes[2].unwrap().to_string(), "↓ −1.00");
        assert!(Series::new(vec![Some(d("1"))], None).changes.is_empty());
    }
}
