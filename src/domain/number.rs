//! Parsing and formatting of exact decimals as people type them.
//!
//! Chinese input methods type full-width digits (１２３), full-width points (．) and
//! thousands separators (，). `Decimal::from_str` rejects those yet silently accepts
//! `1e3` and `1_234`, so every number typed into jixiao goes through [`parse_decimal`]:
//! normalise, check the shape strictly, then convert exactly. A separator is accepted
//! only between groups of three digits before the point (`7,509.24`, `７，５０９`): `1,00`
//! or `186.'1` is refused, not read as 100 or 186.1.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The largest magnitude accepted anywhere (a trillion 万元 is far beyond any county).
pub const MAX_ABS: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1_000_000_000_000
/// The most decimal places accepted (万元 to the fen is 6 places).
pub const MAX_SCALE: u32 = 6;

/// Why a typed number was refused. `Display` is the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("请输入数字")]
    Empty,
    #[error("“{}”不是数字：含有“{}”", .0, crate::domain::text::escape_controls(&.1.to_string()))]
    BadChar(String, char),
    #[error("“{0}”不是数字：小数点多于一个")]
    TwoPoints(String),
    #[error("“{0}”不是数字：千位分隔符只能每三位一个（如 7,509.24）")]
    Grouping(String),
    #[error("“{0}”不是数字")]
    Malformed(String),
    #[error("数值过大：最大为 1000000000000")]
    TooLarge,
    #[error("小数位数过多：最多 {MAX_SCALE} 位")]
    TooManyDecimals,
    #[error("不能为负数")]
    Negative,
}

/// A thousands separator as people type them: comma (half- or full-width), space,
/// ideographic space, apostrophe.
fn is_separator(c: char) -> bool {
    matches!(c, ',' | '，' | ' ' | '\u{3000}' | '\'')
}

/// Full-width forms mapped to what `Decimal` understands; separators kept (see
/// [`normalise_number`]).
fn map_full_width(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '—' | '−' => '-',
            '＋' => '+',
            other => other,
        })
        .collect()
}

/// Whether the separators of a mapped number stand between groups of three digits of
/// its whole part, and nowhere else.
fn grouped_well(mapped: &str) -> bool {
    let body = mapped.strip_prefix(['-', '+']).unwrap_or(mapped);
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    if frac.contains(is_separator) {
        return false;
    }
    if !whole.contains(is_separator) {
        return true;
    }
    let mut groups = whole.split(is_separator);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Full-width forms and separators mapped to what `Decimal` understands; the thousands
/// separators dropped (callers check their places with [`parse_decimal`]).
pub fn normalise_number(text: &str) -> String {
    map_full_width(text).chars().filter(|c| !is_separator(*c)).collect()
}

/// Parse a typed number strictly: optional sign, digits, at most one point.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let mapped = map_full_width(text);
    let s: String = mapped.chars().filter(|c| !is_separator(*c)).collect();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let quoted = || crate::domain::text::excerpt(text.trim());
    if !grouped_well(&mapped) {
        return Err(NumberError::Grouping(quoted()));
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(&s);
    if let Some(bad) = body.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(NumberError::BadChar(quoted(), bad));
    }
    if body.matches('.').count() > 1 {
        return Err(NumberError::TwoPoints(quoted()));
    }
    if !body.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::Malformed(quoted()));
    }
    let scale = body.split_once('.').map_or(0, |(_, frac)| frac.len());
    if scale > MAX_SCALE as usize {
        return Err(NumberError::TooManyDecimals);
    }
    let int_digits = body.split('.').next().unwrap_or("").trim_start_matches('0').len();
    if int_digits > 13 {
        return Err(NumberError::TooLarge);
    }
    let value = Decimal::from_str_exact(&s).map_err(|_| NumberError::Malformed(quoted()))?;
    if value.abs() > MAX_ABS {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

/// Like [`parse_decimal`], refusing negatives (money, weights, counts).
pub fn parse_non_negative(text: &str) -> Result<Decimal, NumberError> {
    let v = parse_decimal(text)?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(NumberError::Negative);
    }
    Ok(v)
}

/// 四舍五入: half away from zero (`round_dp` alone would be banker's rounding).
pub fn round_half_up(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// Shortest exact form: `0.160` → `0.16`, `3.00` → `3`.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Fixed number of places, half away from zero: `fixed(3, 2)` → `3.00`.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut v = round_half_up(value, places);
    v.rescale(places);
    v.to_string()
}

/// A ratio as a percentage with two places: `0.96629` → `96.63%`.
pub fn percent(ratio: Decimal) -> String {
    format!("{}%", fixed(ratio * Decimal::ONE_HUNDRED, 2))
}

/// Wraps a decimal so that `{}` prints it in its shortest exact form.
pub struct Plain(pub Decimal);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(self.0))
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
    fn accepts_what_input_methods_type() {
        assert_eq!(parse_decimal("１２３．４５"), Ok(d("123.45")));
        assert_eq!(parse_decimal("1,234.56"), Ok(d("1234.56")));
        assert_eq!(parse_decimal(" 7 509.24 "), Ok(d("7509.24")));
        assert_eq!(parse_decimal("-3"), Ok(d("-3")));
        assert_eq!(parse_decimal(".5"), Ok(d("0.5")));
    }

    #[test]
    fn refuses_what_decimal_would_silently_accept() {
        assert!(matches!(parse_decimal("1e3"), Err(NumberError::BadChar(_, 'e'))));
        assert!(matches!(parse_decimal("1_234"), Err(NumberError::BadChar(_, '_'))));
        assert!(matches!(parse_decimal("12.3.4"), Err(NumberError::TwoPoints(_))));
        assert!(matches!(parse_decimal("12a"), Err(NumberError::BadChar(_, 'a'))));
        assert_eq!(parse_decimal(""), Err(NumberError::Empty));
        assert!(matches!(parse_decimal("."), Err(NumberError::Malformed(_))));
        assert!(matches!(parse_decimal("-"), Err(NumberError::Malformed(_))));
    }

    #[test]
    fn separators_stand_only_between_groups_of_three() {
        assert_eq!(parse_decimal("7,509.24"), Ok(d("7509.24")));
        assert_eq!(parse_decimal("1,234,567"), Ok(d("1234567")));
        assert_eq!(parse_decimal("１２，３４５．６"), Ok(d("12345.6")));
        assert_eq!(parse_decimal("1'000"), Ok(d("1000")));
        for bad in ["1,00", "186.'1", "12,3456", ",123", "1,234.5,6", "1 23", "'186.1"] {
            assert!(matches!(parse_decimal(bad), Err(NumberError::Grouping(_))), "{bad}: {:?}", parse_decimal(bad));
        }
        assert_eq!(
            parse_decimal("1,00").unwrap_err().to_string(),
            "“1,00”不是数字：千位分隔符只能每三位一个（如 7,509.24）"
        );
    }

    #[test]
    fn a_refused_huge_value_is_quoted_short() {
        let long = format!("{}x", "1".repeat(300_000));
        let message = parse_decimal(&long).unwrap_err().to_string();
        assert!(message.chars().count() < 100, "{message}");
    }

    #[test]
    fn refuses_huge_and_overly_precise_numbers() {
        assert_eq!(parse_decimal("99999999999999999999999999999999"), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("1000000000001"), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("1000000000000"), Ok(d("1000000000000")));
        assert_eq!(parse_decimal("1.1234567"), Err(NumberError::TooManyDecimals));
        assert_eq!(parse_non_negative("-1"), Err(NumberError::Negative));
        assert_eq!(MAX_ABS, d("1000000000000"));
    }

    #[test]
    fn messages_are_chinese_and_name_the_input() {
        assert_eq!(parse_decimal("12.3.4").unwrap_err().to_string(), "“12.3.4”不是数字：小数点多于一个");
        assert_eq!(parse_decimal("12a").unwrap_err().to_string(), "“12a”不是数字：含有“a”");
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round_half_up(d("2.845"), 2), d("2.85"));
        assert_eq!(round_half_up(d("2.835"), 2), d("2.84"));
        assert_eq!(round_half_up(d("-0.125"), 2), d("-0.13"));
        assert_eq!(round_half_up(d("8.5"), 0), d("9"));
        assert_eq!(fixed(d("3"), 2), "3.00");
        assert_eq!(fixed(d("99.1"), 2), "99.10");
        assert_eq!(plain(d("0.160")), "0.16");
        assert_eq!(percent(d("0.966289")), "96.63%");
    }
}
