//! The value behind a typed 年度指标值 (target) or 实际完成值 (actual).
//!
//! People write "120家", "12.4亿元", "98%", "≥90%", "不低于95%", "10家以上", "2024-12-31",
//! "2024年12月31日前", "9月前", "年底前", "效果明显", "预算内". jixiao keeps the text exactly
//! as typed and parses it into a [`Value`] for the row's rule. Text that looks like a
//! number or a date but is not a valid one ("12.3.4", "2024-13-40", "13月底前") is
//! refused; anything else that is not a number is a word.

use super::date::{Date, DateError, MonthDay, Written};
use super::money::MoneyUnit;
use super::number::{NumberError, parse_decimal, plain};
use rust_decimal::Decimal;

/// The unit written after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    None,
    Percent,
    Money(MoneyUnit),
    /// A counting word or other unit: 家, 个, 次, 项, 人, 天, 季度/次 …
    Other(String),
}

impl Unit {
    pub fn label(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Percent => "%",
            Unit::Money(m) => m.label(),
            Unit::Other(s) => s,
        }
    }
}

/// A bound written with the value: "≥90%", "90%以上", "不超过100%".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    pub unit: Unit,
    pub bound: Option<Bound>,
}

impl Number {
    /// `120家`, `98%`, `12.4亿元`.
    pub fn show(&self) -> String {
        format!("{}{}", plain(self.value), self.unit.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Empty,
    Number(Number),
    Date(Date),
    /// A date without its year (`9月前`, `12月底前`, `年底前`): the evaluation's year.
    MonthDay(MonthDay),
    Word(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{0}")]
    Number(#[from] NumberError),
    #[error("{0}")]
    Date(#[from] DateError),
}

const AT_LEAST_PREFIXES: [&str; 14] =
    ["≥", "≧", ">=", "＞＝", "＞=", "大于等于", "不低于", "不少于", "不小于", "至少", "高于", "大于", "＞", ">"];
const AT_MOST_PREFIXES: [&str; 14] =
    ["≤", "≦", "<=", "＜＝", "＜=", "小于等于", "不超过", "不高于", "不大于", "不多于", "低于", "小于", "＜", "<"];
const EQUAL_PREFIXES: [&str; 3] = ["=", "＝", "﹦"];
/// Words before a value that do not bound it: 达到95%, 控制在5%以内.
const PLAIN_PREFIXES: [&str; 5] = ["控制在", "达到", "完成", "实现", "约"];
const AT_LEAST_SUFFIXES: [&str; 3] = ["及以上", "以上", "（含）以上"];
const AT_MOST_SUFFIXES: [&str; 6] = ["及以下", "以下", "以内", "之内", "（含）以下", "（含）以内"];

fn strip_any<'a>(text: &'a str, list: &[&str], prefix: bool) -> Option<&'a str> {
    list.iter().find_map(|p| if prefix { text.strip_prefix(p) } else { text.strip_suffix(p) })
}

/// Separates a written bound from the rest: "≥90%" → (AtLeast, "90%"), "控制在5%以内" →
/// (AtMost, "5%"), "10家以上" → (AtLeast, "10家").
fn split_bound(text: &str) -> (Option<Bound>, &str) {
    let mut t = text.trim();
    let mut bound = None;
    while let Some(rest) = strip_any(t, &PLAIN_PREFIXES, true) {
        t = rest.trim_start();
    }
    if let Some(rest) = strip_any(t, &AT_LEAST_PREFIXES, true) {
        (bound, t) = (Some(Bound::AtLeast), rest.trim());
    } else if let Some(rest) = strip_any(t, &AT_MOST_PREFIXES, true) {
        (bound, t) = (Some(Bound::AtMost), rest.trim());
    } else if let Some(rest) = strip_any(t, &EQUAL_PREFIXES, true) {
        t = rest.trim();
    }
    if let Some(rest) = strip_any(t, &AT_LEAST_SUFFIXES, false) {
        (bound, t) = (bound.or(Some(Bound::AtLeast)), rest.trim());
    } else if let Some(rest) = strip_any(t, &AT_MOST_SUFFIXES, false) {
        (bound, t) = (bound.or(Some(Bound::AtMost)), rest.trim());
    }
    (bound, t)
}

fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '，' | '．' | '０'..='９')
}

/// A list of item numbers separated by commas (`1,2,3`, `1，3`): at least two, each of one
/// or two digits without a leading zero, so that no thousands grouping (`1,000`) and no
/// misplaced separator (`1,00`) reads as one.
fn is_item_list(digits: &str) -> bool {
    let items: Vec<&str> = digits.split([',', '，']).collect();
    items.len() >= 2
        && items
            .iter()
            .all(|i| (1..=2).contains(&i.len()) && i.chars().all(|c| c.is_ascii_digit()) && !i.starts_with('0'))
}

impl Value {
    pub fn parse(text: &str) -> Result<Value, ValueError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(Value::Empty);
        }
        match Written::recognise(t) {
            Some(Ok(Written::Date(d))) => return Ok(Value::Date(d)),
            Some(Ok(Written::MonthDay(md))) => return Ok(Value::MonthDay(md)),
            Some(Err(e)) => return Err(e.into()),
            None => {}
        }
        let (bound, body) = split_bound(t);
        let starts_numeric = body.starts_with(['-', '+']) || body.chars().next().is_some_and(is_numeric_char);
        if !starts_numeric {
            return Ok(Value::Word(t.to_string()));
        }
        let sign_len = usize::from(body.starts_with(['-', '+']));
        let split = body[sign_len..]
            .char_indices()
            .find(|(_, c)| !is_numeric_char(*c))
            .map_or(body.len(), |(i, _)| i + sign_len);
        let (digits, rest) = body.split_at(split);
        let rest = rest.trim();
        if rest.chars().any(|c| c.is_ascii_digit() || matches!(c, '０'..='９')) {
            // "7-8家", "1-12月": a range or a phrase, not one number.
            return Ok(Value::Word(t.to_string()));
        }
        if rest.is_empty() && bound.is_none() && is_item_list(digits) {
            // "1,2,3", "1,3": the items of a checklist met, not a number with its
            // separators misplaced (which is refused).
            return Ok(Value::Word(t.to_string()));
        }
        let value = parse_decimal(digits)?;
        let unit = match rest {
            "" => Unit::None,
            "%" | "％" | "百分比" | "个百分点" | "百分点" => Unit::Percent,
            r => MoneyUnit::from_word(r).map_or_else(|| Unit::Other(r.to_string()), Unit::Money),
        };
        Ok(Value::Number(Number { value, unit, bound }))
    }

    /// A date, resolving one written without its year (`9月前`) in `year`.
    pub fn date_in(&self, year: Option<i32>) -> Option<Result<Date, DateError>> {
        match (self, year) {
            (Value::Date(d), _) => Some(Ok(*d)),
            (Value::MonthDay(md), Some(y)) => Some(md.in_year(y)),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// Why two numbers cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("单位不一致：指标值为“{target}”，实际完成值为“{actual}”")]
pub struct UnitMismatch {
    pub target: String,
    pub actual: String,
}

/// Target and actual as plain numbers in one unit (the target's), ready for arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub target: Decimal,
    pub actual: Decimal,
    pub unit: Unit,
}

/// Brings target and actual into the same unit: money is converted (72890元 = 7.289万元);
/// a bare number takes the other side's unit; other different units cannot be compared.
pub fn comparable(target: &Number, actual: &Number) -> Result<Pair, UnitMismatch> {
    let mismatch = || UnitMismatch { target: target.show(), actual: actual.show() };
    match (&target.unit, &actual.unit) {
        (Unit::Money(t), Unit::Money(a)) => {
            Ok(Pair { target: target.value, actual: actual.value * a.in_wan() / t.in_wan(), unit: target.unit.clone() })
        }
        (t, a) if t == a => Ok(Pair { target: target.value, actual: actual.value, unit: t.clone() }),
        (Unit::None, a) => Ok(Pair { target: target.value, actual: actual.value, unit: a.clone() }),
        (t, Unit::None) => Ok(Pair { target: target.value, actual: actual.value, unit: t.clone() }),
        _ => Err(mismatch()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn num(text: &str) -> Number {
        Value::parse(text).unwrap().as_number().unwrap().clone()
    }

    #[test]
    fn parses_the_seed_values() {
        assert_eq!(num("120 家").value, Decimal::from(120));
        assert_eq!(num("120 家").unit, Unit::Other("家".into()));
        assert_eq!(num("12.4亿元").unit, Unit::Money(MoneyUnit::Yi));
        assert_eq!(num("98%").unit, Unit::Percent);
        assert_eq!(num("1").unit, Unit::None);
        assert!(matches!(Value::parse("2024-12-31"), Ok(Value::Date(_))));
        assert_eq!(Value::parse("效果明显"), Ok(Value::Word("效果明显".into())));
        assert_eq!(Value::parse("预算内"), Ok(Value::Word("预算内".into())));
        assert_eq!(Value::parse("  "), Ok(Value::Empty));
    }

    #[test]
    fn reads_written_bounds() {
        assert_eq!(num("≥90%").bound, Some(Bound::AtLeast));
        assert_eq!(num("90%以上").bound, Some(Bound::AtLeast));
        assert_eq!(num("90%以上").value, Decimal::from(90));
        assert_eq!(num("≤100%").bound, Some(Bound::AtMost));
        assert_eq!(num("不超过 5 万元").unit, Unit::Money(MoneyUnit::Wan));
        assert_eq!(num("≧95%").bound, Some(Bound::AtLeast));
        assert_eq!(num("≦100%").bound, Some(Bound::AtMost));
        assert_eq!(num("﹦100%").value, Decimal::from(100));
        assert_eq!(num("＝100%").bound, None);
        assert_eq!(num("不低于95%").bound, Some(Bound::AtLeast));
        assert_eq!(num("不高于5%").bound, Some(Bound::AtMost));
        assert_eq!(num("10家以上").bound, Some(Bound::AtLeast));
        assert_eq!(num("10家以上").unit, Unit::Other("家".into()));
        assert_eq!(num("控制在5%以内").bound, Some(Bound::AtMost));
        assert_eq!(num("控制在5%以内").value, Decimal::from(5));
        assert_eq!(num("达到95%以上").bound, Some(Bound::AtLeast));
        assert_eq!(num("≥100百分比").unit, Unit::Percent);
        assert_eq!(num("≥50个").value, Decimal::from(50));
        assert_eq!(num("≤90万元").unit, Unit::Money(MoneyUnit::Wan));
    }

    #[test]
    fn reads_deadlines_with_and_without_their_year() {
        let date = |s: &str| Date::recognise(s).unwrap().unwrap();
        assert_eq!(Value::parse("2024年12月31日前"), Ok(Value::Date(date("2024-12-31"))));
        assert_eq!(Value::parse("年底前"), Ok(Value::MonthDay(MonthDay { month: 12, day: None })));
        let nine = Value::parse("9月前").unwrap();
        assert_eq!(nine.date_in(Some(2024)), Some(Ok(date("2024-08-31"))));
        assert_eq!(nine.date_in(None), None, "no year, no date");
        assert!(matches!(Value::parse("13月底前"), Err(ValueError::Date(_))));
        assert_eq!(Value::parse("按期"), Ok(Value::Word("按期".into())));
        assert_eq!(Value::parse("达成预期指标"), Ok(Value::Word("达成预期指标".into())));
    }

    #[test]
    fn refuses_broken_numbers_and_dates_but_keeps_phrases() {
        assert!(matches!(Value::parse("12.3.4"), Err(ValueError::Number(NumberError::TwoPoints(_)))));
        // The items of a checklist are a list, not a number; a misplaced separator is refused.
        assert_eq!(Value::parse("1,2,3"), Ok(Value::Word("1,2,3".into())));
        assert_eq!(Value::parse("1，3"), Ok(Value::Word("1，3".into())));
        assert!(matches!(Value::parse("1,00"), Err(ValueError::Number(NumberError::Grouping(_)))));
        assert!(matches!(Value::parse("12,3456"), Err(ValueError::Number(NumberError::Grouping(_)))));
        assert!(matches!(Value::parse("1,000家"), Ok(Value::Number(_))));
        assert!(matches!(Value::parse("2024-13-40"), Err(ValueError::Date(_))));
        assert_eq!(Value::parse("7-8家"), Ok(Value::Word("7-8家".into())));
        assert_eq!(num("１２０家").value, Decimal::from(120));
    }

    #[test]
    fn converts_money_before_comparing() {
        let pair = comparable(&num("7.5万元"), &num("72890元")).unwrap();
        assert_eq!(pair.actual, Decimal::from_str("7.289").unwrap());
        let pair = comparable(&num("32亿元"), &num("426000万元")).unwrap();
        assert_eq!(pair.actual, Decimal::from_str("42.6").unwrap());
        assert!(comparable(&num("98%"), &num("98家")).is_err());
        assert!(comparable(&num("120家"), &num("166")).is_ok());
        assert_eq!(
            comparable(&num("120家"), &num("166个")).unwrap_err().to_string(),
            "单位不一致：指标值为“120家”，实际完成值为“166个”"
        );
    }
}
