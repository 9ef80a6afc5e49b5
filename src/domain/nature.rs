//! 指标性质 and 度量单位 as their own columns (Sichuan, Chongqing): what they add to a
//! row's target and actual before it is scored.
//!
//! A Sichuan row reads `≥ | 90 | %` across three columns; scored, it is the target
//! `≥90%`. What is written in the target itself wins: `≥95%` in the target with `≤` as
//! its nature is a contradiction the checks point out, not something guessed away.

use super::value::{Bound, Number, Unit, Value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// 指标性质.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nature {
    /// ≥: 正向 (more is better).
    AtLeast,
    /// ≤: 反向 (less is better).
    AtMost,
    /// =.
    Equal,
    /// 定量指标 (Chongqing's 指标性质 says whether, not which way).
    Quantitative,
    /// 定性指标.
    Qualitative,
}

impl Nature {
    pub const ALL: [Nature; 5] =
        [Nature::AtLeast, Nature::AtMost, Nature::Equal, Nature::Quantitative, Nature::Qualitative];

    /// As the tables print it and the file writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            Nature::AtLeast => "≥",
            Nature::AtMost => "≤",
            Nature::Equal => "=",
            Nature::Quantitative => "定量",
            Nature::Qualitative => "定性",
        }
    }

    /// Reads what people write: `≥`, `>=`, `≧`, `＝`, `正向`, `定量指标` …; empty is none.
    pub fn parse(text: &str) -> Result<Option<Nature>, String> {
        let t = text.trim();
        Ok(Some(match t {
            "" => return Ok(None),
            "≥" | ">=" | "≧" | "＞＝" | "大于等于" | "正向" | "正向指标" => Nature::AtLeast,
            "≤" | "<=" | "≦" | "＜＝" | "小于等于" | "反向" | "反向指标" => Nature::AtMost,
            "=" | "＝" | "﹦" | "等于" => Nature::Equal,
            "定量" | "定量指标" => Nature::Quantitative,
            "定性" | "定性指标" => Nature::Qualitative,
            _ => return Err(format!("指标性质“{t}”无法识别：可填 ≥、≤、=、定量、定性")),
        }))
    }

    /// The bound it gives a target written without one.
    pub fn bound(self) -> Option<Bound> {
        match self {
            Nature::AtLeast => Some(Bound::AtLeast),
            Nature::AtMost => Some(Bound::AtMost),
            _ => None,
        }
    }
}

impl Serialize for Nature {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.symbol())
    }
}

impl<'de> Deserialize<'de> for Nature {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Nature, D::Error> {
        let text = String::deserialize(d)?;
        Nature::parse(&text)
            .map_err(serde::de::Error::custom)?
            .ok_or_else(|| serde::de::Error::custom("指标性质不能为空字符串：不填时请删去这一项"))
    }
}

/// A unit written in its own column, as the value parser reads it after a number.
pub fn unit_of(text: &str) -> Option<Unit> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match Value::parse(&format!("1{t}")) {
        Ok(Value::Number(n)) if n.unit != Unit::None => Some(n.unit),
        _ => Some(Unit::Other(t.to_string())),
    }
}

/// A value with the row's nature and unit added where the value itself has none.
pub fn completed(value: &Value, nature: Option<Nature>, unit: Option<&Unit>) -> Value {
    match value {
        Value::Number(n) => {
            let mut n: Number = n.clone();
            if n.bound.is_none() {
                n.bound = nature.and_then(Nature::bound);
            }
            if n.unit == Unit::None
                && let Some(u) = unit
            {
                n.unit = u.clone();
            }
            Value::Number(n)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::MoneyUnit;

    #[test]
    fn natures_are_read_as_people_write_them() {
        assert_eq!(Nature::parse("＞＝"), Ok(Some(Nature::AtLeast)));
        assert_eq!(Nature::parse(" ≤ "), Ok(Some(Nature::AtMost)));
        assert_eq!(Nature::parse("定性指标"), Ok(Some(Nature::Qualitative)));
        assert_eq!(Nature::parse(""), Ok(None));
        assert!(Nature::parse("大约").unwrap_err().contains("≥、≤、="));
    }

    #[test]
    fn a_sichuan_row_reads_as_one_target() {
        let target = Value::parse("90").unwrap();
        let v = completed(&target, Some(Nature::AtLeast), unit_of("%").as_ref());
        assert_eq!(v, Value::parse("≥90%").unwrap());
        let money = completed(&Value::parse("30").unwrap(), Some(Nature::AtMost), unit_of("万元").as_ref());
        assert_eq!(money.as_number().unwrap().unit, Unit::Money(MoneyUnit::Wan));
        // What the target says wins.
        let written = completed(&Value::parse("≤5%").unwrap(), Some(Nature::AtLeast), None);
        assert_eq!(written.as_number().unwrap().bound, Some(Bound::AtMost));
        assert_eq!(unit_of("篇"), Some(Unit::Other("篇".into())));
    }
}
