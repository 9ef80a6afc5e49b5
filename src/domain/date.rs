//! A calendar date, just enough for deadlines: parse, validate, count days between, and
//! read the deadline phrases people write (`2024年12月31日前`, `9月前`, `12月底前`, `年底前`).

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
    #[error("“{0}”早于年初，无法作为本年度的期限")]
    BeforeYear(String),
}

/// A date written without its year (`9月前`, `12月底前`, `年底前`, `6月30日`): the year is
/// the evaluation's, supplied when the row is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthDay {
    pub month: u32,
    /// `None`: the month's last day (`12月底`, `9月`).
    pub day: Option<u32>,
}

impl MonthDay {
    /// The date in a given year; `2月29日` in a year without one is refused.
    pub fn in_year(self, year: i32) -> Result<Date, DateError> {
        let day = self.day.unwrap_or_else(|| days_in_month(year, self.month));
        Date::new(year, self.month, day, &format!("{year}年{}", self.label()))
    }

    /// `9月30日`, `12月底`.
    pub fn label(self) -> String {
        match self.day {
            Some(d) => format!("{}月{d}日", self.month),
            None => format!("{}月底", self.month),
        }
    }
}

/// A deadline or completion date as written: with its year, or without.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Written {
    Date(Date),
    MonthDay(MonthDay),
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

/// Words before a date that do not change it: 截至2024年12月31日.
const DATE_PREFIXES: [&str; 5] = ["截止到", "截至", "截止", "于", "在"];
/// Words after a date that mean "by then": 2024年12月31日前, 9月底前完成.
const BY_SUFFIXES: [&str; 6] = ["之前完成", "以前完成", "前完成", "之前", "以前", "前"];
/// Words after a date that say nothing about it: 9月完成 (done in September).
const PLAIN_SUFFIXES: [&str; 3] = ["已完成", "完成", "止"];
/// Whole phrases for the end of a part of the year.
const PERIOD_ENDS: [(&str, u32); 14] = [
    ("年底", 12),
    ("年末", 12),
    ("年内", 12),
    ("本年度内", 12),
    ("年度内", 12),
    ("上半年", 6),
    ("下半年", 12),
    ("一季度", 3),
    ("二季度", 6),
    ("三季度", 9),
    ("四季度", 12),
    ("第一季度", 3),
    ("第二季度", 6),
    ("第三季度", 9),
];

fn strip_any<'a>(text: &'a str, list: &[&str], prefix: bool) -> Option<&'a str> {
    list.iter().find_map(|p| if prefix { text.strip_prefix(p) } else { text.strip_suffix(p) })
}

/// Digits (half- or full-width) or a Chinese month number (一 … 十二) as a number.
fn small_number(text: &str) -> Option<u32> {
    let ascii = super::number::normalise_number(text);
    if !ascii.is_empty() && ascii.len() <= 4 && ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|p| p as u32);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `9月`, `9月底`, `9月30日`, `9月30号` → (month, day, end-of-month); `None` if not that shape.
fn month_day(text: &str) -> Option<(u32, Option<u32>, bool)> {
    let (month, rest) = text.split_once('月')?;
    let month = small_number(month)?;
    let rest = rest.trim_end_matches(['日', '号']);
    match rest {
        "" | "份" => Some((month, None, false)),
        "底" | "末" | "份底" => Some((month, None, true)),
        day => Some((month, Some(small_number(day)?), false)),
    }
}

impl Written {
    /// Recognises a date or deadline phrase: `2024-12-31`, `2024年12月31日前`, `截至2024年9月底`,
    /// `2024年底前`, `9月前` (before September: by 31 August), `12月底前`, `年底前`, `6月30日`.
    /// `None` when the text is not a date at all; `Some(Err)` when it is one but impossible.
    pub fn recognise(text: &str) -> Option<Result<Written, DateError>> {
        let original = text.trim();
        let mut t = original;
        while let Some(rest) = strip_any(t, &DATE_PREFIXES, true) {
            t = rest;
        }
        let mut by = false;
        loop {
            if let Some(rest) = strip_any(t, &BY_SUFFIXES, false) {
                (t, by) = (rest, true);
            } else if let Some(rest) = strip_any(t, &PLAIN_SUFFIXES, false) {
                t = rest;
            } else {
                break;
            }
        }
        if let Some(full) = Date::recognise(t) {
            return Some(full.map(Written::Date));
        }
        let bad_month = || DateError::Month(original.to_string());
        // A year first: 2024年底, 2024年9月, 2024年9月底.
        let (year, rest) = match t.split_once('年') {
            Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => (y.parse::<i32>().ok(), rest),
            _ => (None, t),
        };
        let (month, day, end) = if let Some((_, m)) = PERIOD_ENDS.iter().find(|(w, _)| *w == rest) {
            (*m, None, true)
        } else if year.is_some() && matches!(rest, "底" | "末" | "内" | "度内") {
            (12, None, true)
        } else {
            month_day(rest)?
        };
        if !(1..=12).contains(&month) {
            return Some(Err(bad_month()));
        }
        // 9月前: before September begins, so by the last day of August.
        let (month, day) = if by && day.is_none() && !end {
            if month == 1 {
                return Some(Err(DateError::BeforeYear(original.to_string())));
            }
            (month - 1, None)
        } else {
            (month, day)
        };
        if let Some(d) = day
            && (d == 0 || d > days_in_month(2024, month))
        {
            return Some(Err(DateError::Day(original.to_string(), d)));
        }
        let md = MonthDay { month, day };
        Some(match year {
            Some(y) => md.in_year(y).map(Written::Date).map_err(|_| DateError::Year(original.to_string())),
            None => Ok(Written::MonthDay(md)),
        })
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

    fn written(s: &str) -> Written {
        Written::recognise(s).unwrap().unwrap()
    }

    fn md(month: u32, day: Option<u32>) -> Written {
        Written::MonthDay(MonthDay { month, day })
    }

    #[test]
    fn reads_deadline_phrases() {
        assert_eq!(written("2024年12月31日前"), Written::Date(date("2024-12-31")));
        assert_eq!(written("截至2024年12月31日"), Written::Date(date("2024-12-31")));
        assert_eq!(written("2024-12-31前完成"), Written::Date(date("2024-12-31")));
        assert_eq!(written("2024年底前"), Written::Date(date("2024-12-31")));
        assert_eq!(written("2024年9月底前"), Written::Date(date("2024-09-30")));
        assert_eq!(written("2024年9月前"), Written::Date(date("2024-08-31")));
        assert_eq!(written("9月前"), md(8, None), "before September: by the end of August");
        assert_eq!(written("9月底前"), md(9, None));
        assert_eq!(written("12月底前"), md(12, None));
        assert_eq!(written("十二月底前"), md(12, None));
        assert_eq!(written("年底前"), md(12, None));
        assert_eq!(written("年内完成"), md(12, None));
        assert_eq!(written("上半年"), md(6, None));
        assert_eq!(written("6月30日前"), md(6, Some(30)));
        assert_eq!(written("11月20日"), md(11, Some(20)));
        assert_eq!(written("9月完成"), md(9, None), "done in September, not before it");
        assert_eq!(written("９月底"), md(9, None));
        assert_eq!(md(2, None), md(2, None));
        let Written::MonthDay(feb) = written("2月底前") else { panic!() };
        assert_eq!(feb.in_year(2024).unwrap().to_string(), "2024-02-29");
        assert_eq!(feb.in_year(2025).unwrap().to_string(), "2025-02-28");
    }

    #[test]
    fn leaves_what_is_not_a_date_and_refuses_impossible_ones() {
        for word in ["按期", "效果明显", "12个月", "1-12月", "120家", "预算内", "12.3.4"] {
            assert!(Written::recognise(word).is_none(), "{word}");
        }
        assert!(matches!(Written::recognise("13月底前"), Some(Err(DateError::Month(_)))));
        assert!(matches!(Written::recognise("2月30日前"), Some(Err(DateError::Day(_, 30)))));
        assert!(matches!(Written::recognise("1月前"), Some(Err(DateError::BeforeYear(_)))));
        assert!(matches!(Written::recognise("2024年13月40日前"), Some(Err(DateError::Month(_)))));
        let Written::MonthDay(leap) = written("2月29日前") else { panic!() };
        assert!(leap.in_year(2025).is_err(), "2025 has no 29 February");
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
