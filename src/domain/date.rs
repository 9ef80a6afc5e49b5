//! A calendar date, just enough for deadlines: parse, validate, count days between.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Why a date-shaped text is not a real date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("日期“{0}”无效：月份应为 1–12")]
    Month(String),
    #[error("日期“{0}”无效：该月没有第 {1} 日")]
    Day(String, u32),
    #[error("日期“{0}”无效：年份应在 1900–2200 之间")]
    Year(String),
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32, text: &str) -> Result<Date, DateError> {
        if !(1900..=2200).contains(&year) {
            return Err(DateError::Year(text.to_string()));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(text.to_string()));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day(text.to_string(), day));
        }
        Ok(Date { year, month, day })
    }

    /// Recognises `2024-12-31`, `2024/12/31`, `2024.12.31` and `2024年12月31日`.
    /// `None` when the text does not look like a date at all; `Some(Err)` when it
    /// looks like one but is impossible (2024-13-40).
    pub fn recognise(text: &str) -> Option<Result<Date, DateError>> {
        let t = text.trim();
        let parts: Vec<&str> = t.trim_end_matches('日').split(['-', '/', '.', '年', '月']).collect();
        if parts.len() != 3 || parts[0].len() != 4 {
            return None;
        }
        if !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let n = |p: &str| p.parse::<u32>().unwrap_or(0);
        Some(Date::new(n(parts[0]) as i32, n(parts[1]), n(parts[2]), t))
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `self − earlier` in days.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.ordinal() - earlier.ordinal()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::recognise(s).unwrap().unwrap()
    }

    #[test]
    fn recognises_the_usual_spellings() {
        assert_eq!(date("2024-12-31"), Date { year: 2024, month: 12, day: 31 });
        assert_eq!(date("2024年12月31日"), date("2024/12/31"));
        assert_eq!(date("2024.2.29").to_string(), "2024-02-29");
        assert!(Date::recognise("效果明显").is_none());
        assert!(Date::recognise("120家").is_none());
        assert!(Date::recognise("12.3.4").is_none(), "a year has four digits");
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(matches!(Date::recognise("2024-13-40"), Some(Err(DateError::Month(_)))));
        assert!(matches!(Date::recognise("2023-02-29"), Some(Err(DateError::Day(_, 29)))));
        assert!(matches!(Date::recognise("2024-04-31"), Some(Err(DateError::Day(_, 31)))));
        assert_eq!(
            Date::recognise("2024-13-40").unwrap().unwrap_err().to_string(),
            "日期“2024-13-40”无效：月份应为 1–12"
        );
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        assert_eq!(date("2025-01-30").days_since(date("2024-12-31")), 30);
        assert_eq!(date("2024-03-01").days_since(date("2024-02-28")), 2);
        assert_eq!(date("2023-03-01").days_since(date("2023-02-28")), 1);
        assert_eq!(date("2024-12-01").days_since(date("2024-12-31")), -30);
        assert_eq!(date("1970-01-01").ordinal(), 0);
    }
}
