//! Money: an exact amount with the unit it was written in.
//!
//! Every figure in a report is meant in 万元 (10,000 yuan), but reports do write other
//! units, sometimes by mistake (the seed's "三公经费决算数 5.59 元"). jixiao keeps the
//! unit as typed so that such a slip is shown by the checks rather than silently
//! "corrected", and converts to 万元 before comparing figures.

use super::number::{NumberError, parse_non_negative, plain};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A unit of money that jixiao converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MoneyUnit {
    Yuan,
    #[default]
    Wan,
    Yi,
}

impl MoneyUnit {
    pub const ALL: [MoneyUnit; 3] = [MoneyUnit::Yuan, MoneyUnit::Wan, MoneyUnit::Yi];

    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Wan => "万元",
            MoneyUnit::Yi => "亿元",
        }
    }

    /// How many 万元 one of this unit is.
    pub fn in_wan(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::new(1, 4),
            MoneyUnit::Wan => Decimal::ONE,
            MoneyUnit::Yi => Decimal::from(10_000),
        }
    }

    /// Recognises a unit word, including the common shorthand 亿 and 万.
    pub fn from_word(word: &str) -> Option<MoneyUnit> {
        match word.trim() {
            "元" => Some(MoneyUnit::Yuan),
            "万元" | "万" => Some(MoneyUnit::Wan),
            "亿元" | "亿" => Some(MoneyUnit::Yi),
            _ => None,
        }
    }
}

/// An amount of money as written: value and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    pub value: Decimal,
    pub unit: MoneyUnit,
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{0}")]
    Number(#[from] NumberError),
    #[error("单位“{0}”无法识别：金额的单位可用 元、万元、亿元")]
    Unit(String),
}

impl Amount {
    pub fn wan(value: Decimal) -> Amount {
        Amount { value, unit: MoneyUnit::Wan }
    }

    /// The amount converted to 万元, the unit every comparison is made in.
    pub fn in_wan(&self) -> Decimal {
        self.value * self.unit.in_wan()
    }

    /// Whether it was written in a unit other than 万元.
    pub fn is_unusual_unit(&self) -> bool {
        self.unit != MoneyUnit::Wan
    }
}

impl FromStr for Amount {
    type Err = AmountError;

    /// `7509.24`, `7,509.24万元`, `５.５９元`, `12.4亿元`. No unit means 万元.
    fn from_str(text: &str) -> Result<Amount, AmountError> {
        let t = text.trim();
        let split = t.char_indices().find(|(_, c)| matches!(c, '元' | '万' | '亿')).map_or(t.len(), |(i, _)| i);
        let (number, unit_word) = t.split_at(split);
        let unit = if unit_word.trim().is_empty() {
            MoneyUnit::Wan
        } else {
            MoneyUnit::from_word(unit_word).ok_or_else(|| AmountError::Unit(unit_word.trim().to_string()))?
        };
        Ok(Amount { value: parse_non_negative(number)?, unit })
    }
}

impl fmt::Display for Amount {
    /// 万元 amounts print bare (the report's default unit); others carry their unit.
    /// The scale typed is kept: `7256.10` stays `7256.10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            MoneyUnit::Wan => write!(f, "{}", self.value),
            unit => write!(f, "{}{}", self.value, unit.label()),
        }
    }
}

impl Amount {
    /// With its unit always written out, for sentences: `308.65万元`.
    pub fn with_unit(&self) -> String {
        format!("{}{}", self.value, self.unit.label())
    }

    /// The shortest exact value in 万元 for arithmetic messages.
    pub fn wan_plain(&self) -> String {
        plain(self.in_wan())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        let text = super::serde_decimal::exact_text(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_units_and_defaults_to_wan() {
        assert_eq!("7509.24".parse::<Amount>().unwrap(), Amount::wan(d("7509.24")));
        let yuan: Amount = "5.59 元".parse().unwrap();
        assert_eq!(yuan.unit, MoneyUnit::Yuan);
        assert_eq!(yuan.in_wan(), d("0.000559"));
        assert_eq!("12.4亿元".parse::<Amount>().unwrap().in_wan(), d("124000"));
        assert_eq!("72890元".parse::<Amount>().unwrap().in_wan(), d("7.289"));
        assert_eq!("１，２３４．５万".parse::<Amount>().unwrap(), Amount::wan(d("1234.5")));
    }

    #[test]
    fn refuses_bad_amounts_with_reasons() {
        assert!(matches!("12.3.4".parse::<Amount>(), Err(AmountError::Number(NumberError::TwoPoints(_)))));
        assert!(matches!("12美元".parse::<Amount>(), Err(AmountError::Number(_))));
        assert!(matches!("12万美元".parse::<Amount>(), Err(AmountError::Unit(_))));
        assert!(matches!("-5".parse::<Amount>(), Err(AmountError::Number(NumberError::Negative))));
    }

    #[test]
    fn prints_as_typed() {
        assert_eq!("7256.10".parse::<Amount>().unwrap().to_string(), "7256.10");
        assert_eq!("5.59元".parse::<Amount>().unwrap().to_string(), "5.59元");
        assert_eq!("0".parse::<Amount>().unwrap().with_unit(), "0万元");
    }
}
