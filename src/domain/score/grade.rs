//! The overall grade (等级) of a total score.

use crate::domain::template::GradeBands;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Grade {
    /// 优
    Excellent,
    /// 良
    Good,
    /// 中
    Fair,
    /// 差
    Poor,
}

impl Grade {
    pub fn of(total: Decimal, bands: &GradeBands) -> Grade {
        if total >= bands.excellent {
            Grade::Excellent
        } else if total >= bands.good {
            Grade::Good
        } else if total >= bands.pass {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    pub fn from_label(label: &str) -> Option<Grade> {
        [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor].into_iter().find(|g| g.label() == label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::Template;

    #[test]
    fn bands_are_inclusive_at_their_lower_end() {
        let b = Template::national().grades;
        assert_eq!(Grade::of(Decimal::from(90), &b), Grade::Excellent);
        assert_eq!(Grade::of(Decimal::new(8999, 2), &b), Grade::Good);
        assert_eq!(Grade::of(Decimal::from(80), &b), Grade::Good);
        assert_eq!(Grade::of(Decimal::from(60), &b), Grade::Fair);
        assert_eq!(Grade::of(Decimal::new(5999, 2), &b), Grade::Poor);
        assert_eq!(Grade::from_label("良"), Some(Grade::Good));
    }
}
