//! Templates: the scoring settings that vary by province, held by each evaluation.
//!
//! A stored evaluation keeps its whole template (not just a preset name), so that a
//! later change to a preset never changes a score already filed.

use super::rule::{GradeLevel, Rule};
use super::serde_decimal as dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the budget-execution rate (执行率) is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundsDenominator {
    /// 全年预算数 (the national form and the seed).
    FullYear,
    /// 调整后预算数 (Sichuan).
    Adjusted,
}

/// How item scores are rounded (always half away from zero, 四舍五入).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    TwoPlaces,
    Whole,
}

impl Rounding {
    pub fn places(self) -> u32 {
        match self {
            Rounding::TwoPlaces => 2,
            Rounding::Whole => 0,
        }
    }
}

/// Lower bounds of the grades 优 / 良 / 中 (below `pass` is 差).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBands {
    #[serde(with = "dec")]
    pub excellent: Decimal,
    #[serde(with = "dec")]
    pub good: Decimal,
    #[serde(with = "dec")]
    pub pass: Decimal,
}

/// 完成值超过指标值30%及以上的，减2分 (the target was set too low).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverachievementPenalty {
    /// Per cent above the target from which the penalty applies (30 = 130 % of target).
    #[serde(with = "dec")]
    pub over_percent: Decimal,
    #[serde(with = "dec")]
    pub deduct: Decimal,
}

/// 执行率低于 `below_percent` → 自评总分不超过 `cap`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapRung {
    #[serde(with = "dec")]
    pub below_percent: Decimal,
    #[serde(with = "dec")]
    pub cap: Decimal,
}

/// Optional columns some provinces' tables carry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Columns {
    /// 评(扣)分标准 column.
    pub criterion: bool,
    /// Funds block split by 收入性质 and 支出性质.
    pub funds_split: bool,
    /// 指标性质 (≥, ≤, =).
    pub nature: bool,
    /// 度量单位.
    pub unit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The preset it started from: `national`, `hunan-county`, or `custom`.
    pub preset: String,
    /// Its Chinese name, shown in the UI and the export.
    pub name: String,
    /// 分值 of the budget-execution row (10; 20 in Hubei).
    #[serde(with = "dec")]
    pub funds_weight: Decimal,
    pub funds_denominator: FundsDenominator,
    pub rounding: Rounding,
    /// The qualitative scale for grade rules without their own.
    pub qualitative: Vec<GradeLevel>,
    pub grades: GradeBands,
    /// A check flags an actual at or above this per cent of its target (target set too low).
    #[serde(with = "dec")]
    pub overachievement_flag_percent: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overachievement_penalty: Option<OverachievementPenalty>,
    /// Caps on the total by execution rate; empty = no cap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub execution_cap: Vec<CapRung>,
    #[serde(default)]
    pub columns: Columns,
    /// The rule a new indicator row starts with (none: 人工评分, scored by hand). Stored
    /// templates written before it existed read as none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rule: Option<Rule>,
}

fn level(words: &[&str], percent: i64) -> GradeLevel {
    GradeLevel { words: words.iter().map(|w| w.to_string()).collect(), low: Decimal::new(percent, 2), high: None }
}

/// 显著 100 %, 良好 80 %, 一般 60 %, 较差 0 % with the synonyms people write.
fn scale_100_80_60_0() -> Vec<GradeLevel> {
    vec![
        level(&["显著", "明显", "突出", "优秀", "很好", "好", "满意", "达到", "达成"], 100),
        level(&["良好", "较好", "较明显", "较显著", "比较明显", "较满意", "基本达到"], 80),
        level(&["一般", "基本", "有一定效果", "部分达到"], 60),
        level(&["较差", "差", "不明显", "无", "未达到", "不满意"], 0),
    ]
}

/// The same words on the older 100–80–50–0 % scale.
pub fn scale_100_80_50_0() -> Vec<GradeLevel> {
    let mut scale = scale_100_80_60_0();
    scale[2].low = Decimal::new(50, 2);
    scale
}

impl Template {
    /// Every preset a file may name.
    pub const PRESETS: [&'static str; 3] = ["national", "hunan-county", "hubei"];

    /// The presets offered for a new evaluation of a kind, the usual one first.
    pub fn presets_for(kind: super::project::Kind) -> &'static [&'static str] {
        match kind {
            super::project::Kind::Department => &["national", "hunan-county"],
            super::project::Kind::Project => &["national", "hubei"],
        }
    }

    /// 财预〔2020〕10号: 预算执行率 10, grades 90/80/60, two places.
    pub fn national() -> Template {
        Template {
            preset: "national".into(),
            name: "全国通用（财预〔2020〕10号）".into(),
            funds_weight: Decimal::TEN,
            funds_denominator: FundsDenominator::FullYear,
            rounding: Rounding::TwoPlaces,
            qualitative: scale_100_80_60_0(),
            grades: GradeBands { excellent: Decimal::from(90), good: Decimal::from(80), pass: Decimal::from(60) },
            overachievement_flag_percent: Decimal::from(120),
            overachievement_penalty: None,
            execution_cap: Vec::new(),
            columns: Columns::default(),
            default_rule: None,
        }
    }

    /// The seed's Hunan county form: the national skeleton with a 评(扣)分标准 column and
    /// the funds block split by source and nature.
    pub fn hunan_county() -> Template {
        Template {
            preset: "hunan-county".into(),
            name: "湖南省县级部门整体支出".into(),
            overachievement_flag_percent: Decimal::from(130),
            columns: Columns { criterion: true, funds_split: true, nature: false, unit: false },
            ..Template::national()
        }
    }

    /// Hubei's 项目支出 table: 得分 = 20 × 执行率, qualitative bands 100–80–50–0 %.
    pub fn hubei() -> Template {
        Template {
            preset: "hubei".into(),
            name: "湖北省项目支出（执行率20分）".into(),
            funds_weight: Decimal::from(20),
            qualitative: scale_100_80_50_0(),
            ..Template::national()
        }
    }

    pub fn preset(name: &str) -> Option<Template> {
        match name {
            "national" => Some(Template::national()),
            "hunan-county" => Some(Template::hunan_county()),
            "hubei" => Some(Template::hubei()),
            _ => None,
        }
    }

    /// The rule a new indicator row starts with.
    pub fn new_row_rule(&self) -> Rule {
        self.default_rule.clone().unwrap_or(Rule::Manual)
    }

    /// The cap the execution-rate ladder puts on the total, if any (the lowest that applies).
    pub fn cap_for_rate(&self, rate_percent: Decimal) -> Option<Decimal> {
        self.execution_cap.iter().filter(|r| rate_percent < r.below_percent).map(|r| r.cap).min()
    }

    /// The usual ladder: 执行率70%–80% → 89; 60%–70% → 79; 50%–60% → 69; <50% → 59.
    pub fn usual_execution_cap() -> Vec<CapRung> {
        [(80, 89), (70, 79), (60, 69), (50, 59)]
            .into_iter()
            .map(|(below, cap)| CapRung { below_percent: Decimal::from(below), cap: Decimal::from(cap) })
            .collect()
    }
}

impl Default for Template {
    fn default() -> Template {
        Template::national()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_cap_takes_the_lowest_rung_that_applies() {
        let t = Template { execution_cap: Template::usual_execution_cap(), ..Template::national() };
        assert_eq!(t.cap_for_rate(Decimal::from(85)), None);
        assert_eq!(t.cap_for_rate(Decimal::from(80)), None);
        assert_eq!(t.cap_for_rate(Decimal::new(7999, 2)), Some(Decimal::from(89)));
        assert_eq!(t.cap_for_rate(Decimal::from(65)), Some(Decimal::from(79)));
        assert_eq!(t.cap_for_rate(Decimal::from(49)), Some(Decimal::from(59)));
        assert_eq!(Template::national().cap_for_rate(Decimal::ZERO), None);
    }

    #[test]
    fn presets_differ_where_the_provinces_differ() {
        let n = Template::national();
        let h = Template::hunan_county();
        assert!(h.columns.criterion && !n.columns.criterion);
        assert_eq!(n.funds_weight, h.funds_weight);
        assert_eq!(Template::preset("hunan-county"), Some(h));
        assert_eq!(scale_100_80_50_0()[2].low, Decimal::new(5, 1));
        let hubei = Template::hubei();
        assert_eq!(hubei.funds_weight, Decimal::from(20));
        assert_eq!(hubei.qualitative[2].low, Decimal::new(5, 1));
        for kind in super::super::project::Kind::ALL {
            assert!(Template::presets_for(kind).iter().all(|p| Template::preset(p).is_some()));
        }
    }
}
