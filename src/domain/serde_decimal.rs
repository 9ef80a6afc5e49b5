//! Exact decimals in files: written as strings ("7256.10"), read from strings or whole
//! numbers. A TOML/JSON float is refused, because it has already passed through `f64`
//! and may no longer be the number that was written.

use super::number::parse_decimal;
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

struct ExactText;

impl Visitor<'_> for ExactText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number written as a string, e.g. \"7256.10\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Err(E::custom(format!("小数请加引号写成字符串（例如 \"{v}\"）：不加引号的小数会被当作浮点数而失去精度")))
    }
}

/// The text of a decimal field, refusing floats.
pub fn exact_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(ExactText)
}

pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let text = exact_text(d)?;
    parse_decimal(&text).map_err(de::Error::custom)
}

/// The same for `Option<Decimal>` (absent or empty string = none).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let text = exact_text(d)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_decimal(&text).map(Some).map_err(de::Error::custom)
    }
}

/// A decimal jixiao computed itself (a ratio to 28 places, say), stored and read back
/// exactly: none of the limits on what a person may type into a file apply to it.
pub mod computed {
    use super::*;
    use std::str::FromStr;

    pub use super::serialize;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        Decimal::from_str(&exact_text(d)?).map_err(de::Error::custom)
    }

    /// The same for `Option<Decimal>`.
    pub mod option {
        use super::*;
        use serde::Deserialize;

        pub use crate::domain::serde_decimal::option::serialize;

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            let text: Option<String> = Option::deserialize(d)?;
            text.map(|t| Decimal::from_str(&t).map_err(de::Error::custom)).transpose()
        }
    }
}
