//! Templates: the scoring settings and the printed layout that vary by province, held
//! by each evaluation (see `docs/templates.md`).
//!
//! A stored evaluation keeps its whole template (not just a preset name), so that a
//! later change to a preset never changes a score already filed. Every setting is read
//! somewhere: by the scoring engine, the checks, the UI or the exports.

mod layout;
mod presets;
mod repr;
pub mod setting;

pub use layout::{
    Column, ColumnKey, FundsColumn, FundsKey, FundsLayout, Heading, Labelled, SourceKey, SourceRow, columns,
};
pub use presets::{PRESETS, Preset, scale_100_80_50_0, scale_100_80_60_0};
pub use repr::TemplateRepr;

use super::number::Plain;
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
    /// 年初预算数 (Beijing's 执行率 = 全年执行数 ÷ 年初预算数).
    Initial,
}

impl FundsDenominator {
    pub const ALL: [FundsDenominator; 3] =
        [FundsDenominator::FullYear, FundsDenominator::Adjusted, FundsDenominator::Initial];

    pub fn label(self) -> &'static str {
        match self {
            FundsDenominator::FullYear => "全年预算数",
            FundsDenominator::Adjusted => "调整后预算数",
            FundsDenominator::Initial => "年初预算数",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FundsDenominator::FullYear => "full_year",
            FundsDenominator::Adjusted => "adjusted",
            FundsDenominator::Initial => "initial",
        }
    }
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

    pub fn label(self) -> &'static str {
        match self {
            Rounding::TwoPlaces => "保留两位小数",
            Rounding::Whole => "取整数分",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Rounding::TwoPlaces => "two_places",
            Rounding::Whole => "whole",
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TemplateRepr")]
pub struct Template {
    /// The preset it started from (`national`, `hunan-county` … see [`PRESETS`]), or `custom`.
    pub preset: String,
    /// Its Chinese name, shown in the UI and the export; a template saved in the
    /// database is found by it.
    pub name: String,
    /// 分值 of the budget-execution row (10; 20 in Hubei).
    #[serde(with = "dec")]
    pub funds_weight: Decimal,
    pub funds_denominator: FundsDenominator,
    /// Whether the budget-execution row is scored at all (the older 部门整体 framework
    /// scores 预算执行 among its indicators and has no funds block).
    pub funds_row: bool,
    pub rounding: Rounding,
    /// The qualitative scale for grade rules without their own.
    pub qualitative: Vec<GradeLevel>,
    pub grades: GradeBands,
    /// A check flags an actual at or above this per cent of its target (target set too low).
    #[serde(with = "dec")]
    pub overachievement_flag_percent: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overachievement_penalty: Option<OverachievementPenalty>,
    /// Caps on the total by execution rate; empty = no cap.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub execution_cap: Vec<CapRung>,
    /// A row scoring below this per cent of its weight needs its 偏差原因 (100: every
    /// lost point).
    #[serde(with = "dec")]
    pub deviation_reason_below: Decimal,
    /// An execution rate below this per cent needs its reason (Sichuan: 90); none: not asked.
    #[serde(with = "dec::option", skip_serializing_if = "Option::is_none")]
    pub execution_reason_below: Option<Decimal>,
    /// The rule a new indicator row starts with (none: 人工评分, scored by hand).
    /// [`Rule::Directional`] is Hubei's 正向 B/A, 反向 A/B by the target's operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_rule: Option<Rule>,
    /// The indicator grid's columns as printed, in order.
    pub columns: Vec<Column>,
    /// The heading beside the grid (绩效指标); `{指标分值}` is replaced by the sum of the
    /// indicators' weights.
    pub grid_heading: String,
    pub funds: FundsLayout,
    /// The label of the total line (总分, 合计, 自评总分).
    pub total_label: String,
    /// Whether the 评价等级 line is printed under the total.
    pub grade_line: bool,
    /// The 备注 printed under the table (several lines).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Default for Template {
    fn default() -> Template {
        Template::national()
    }
}

impl Template {
    /// The preset of this key (`national`, `hubei` …).
    pub fn preset(key: &str) -> Option<Template> {
        PRESETS.iter().find(|p| p.key == key.trim()).map(|p| (p.build)())
    }

    /// 财预〔2020〕10号: the default for a new evaluation.
    pub fn national() -> Template {
        presets::national()
    }

    pub fn hunan_county() -> Template {
        presets::hunan_county()
    }

    pub fn hubei() -> Template {
        presets::hubei()
    }

    /// Whether the grid prints a column.
    pub fn has(&self, key: ColumnKey) -> bool {
        self.columns.iter().any(|c| c.key == key)
    }

    /// The heading the grid prints for a column (or its usual one when not printed).
    pub fn heading(&self, key: ColumnKey) -> &str {
        self.columns.iter().find(|c| c.key == key).map_or(key.heading(), Column::heading)
    }

    /// The rule a new indicator row starts with.
    pub fn new_row_rule(&self) -> Rule {
        self.default_rule.clone().unwrap_or(Rule::Manual)
    }

    /// The weight the funds row carries (0 when the template scores no funds row).
    pub fn funds_row_weight(&self) -> Decimal {
        if self.funds_row { self.funds_weight } else { Decimal::ZERO }
    }

    /// A printed label with its placeholders filled: `{分值}` the funds weight,
    /// `{指标分值}` the indicators' weights.
    pub fn fill(&self, label: &str, indicator_weights: Decimal) -> String {
        label
            .replace("{分值}", &Plain(self.funds_weight).to_string())
            .replace("{指标分值}", &Plain(indicator_weights).to_string())
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

    /// Whether the settings make sense; the reason in Chinese when not. Every way in
    /// (the template screen, `template set`, a file, the database) goes through here.
    pub fn validate(&self) -> Result<(), String> {
        let hundred = Decimal::ONE_HUNDRED;
        let p = |d: Decimal| Plain(d).to_string();
        if self.funds_weight <= Decimal::ZERO {
            return Err("预算执行率分值必须大于 0（不单列预算执行率时请把“单列预算执行率”设为否）".into());
        }
        if self.funds_weight > hundred {
            return Err(format!("预算执行率分值 {} 超过 100", p(self.funds_weight)));
        }
        let g = &self.grades;
        if g.excellent > hundred {
            return Err(format!("“优”的下限 {} 超过 100", p(g.excellent)));
        }
        if !(g.excellent > g.good && g.good > g.pass && g.pass > Decimal::ZERO) {
            return Err(format!(
                "评价等级的下限须从高到低：优 {} > 良 {} > 中 {} > 0",
                p(g.excellent),
                p(g.good),
                p(g.pass)
            ));
        }
        if self.qualitative.is_empty() {
            return Err("定性等级至少要有一档".into());
        }
        for pair in self.qualitative.windows(2) {
            if pair[1].low > pair[0].low {
                return Err("定性等级的比例须从高到低排列".into());
            }
        }
        if self.qualitative.iter().any(|l| l.low < Decimal::ZERO || l.low > Decimal::ONE) {
            return Err("定性等级的比例须在 0%–100% 之间".into());
        }
        if self.overachievement_flag_percent <= hundred {
            return Err(format!(
                "完成值偏高的提示线 {}% 须高于 100%（即完成值超过指标值多少时提示）",
                p(self.overachievement_flag_percent)
            ));
        }
        if let Some(pen) = &self.overachievement_penalty
            && (pen.over_percent <= Decimal::ZERO || pen.deduct <= Decimal::ZERO)
        {
            return Err("超额完成扣分：超过的百分比和扣分都须大于 0".into());
        }
        let mut last = hundred + Decimal::ONE;
        for rung in &self.execution_cap {
            if rung.below_percent <= Decimal::ZERO || rung.below_percent > hundred {
                return Err(format!("执行率封顶：执行率 {}% 须在 0%–100% 之间", p(rung.below_percent)));
            }
            if rung.cap < Decimal::ZERO || rung.cap > hundred {
                return Err(format!("执行率封顶：总分上限 {} 须在 0–100 之间", p(rung.cap)));
            }
            if rung.below_percent >= last {
                return Err("执行率封顶的各档须按执行率从高到低排列".into());
            }
            last = rung.below_percent;
        }
        if self.deviation_reason_below <= Decimal::ZERO || self.deviation_reason_below > hundred {
            return Err(format!(
                "偏差原因的要求线 {}% 须在 0%–100% 之间（100% 即失分就须说明）",
                p(self.deviation_reason_below)
            ));
        }
        if let Some(r) = self.execution_reason_below
            && (r <= Decimal::ZERO || r > hundred)
        {
            return Err(format!("执行率原因的要求线 {}% 须在 0%–100% 之间", p(r)));
        }
        for key in ColumnKey::ALL.into_iter().filter(|k| k.required()) {
            if !self.has(key) {
                return Err(format!("指标栏必须有“{}”一列", key.heading()));
            }
        }
        if has_duplicates(self.columns.iter().map(|c| c.key)) {
            return Err("指标栏有重复的列".into());
        }
        if has_duplicates(self.funds.columns.iter().map(|c| c.key))
            || has_duplicates(self.funds.sources.iter().map(|s| s.key))
        {
            return Err("资金栏有重复的列或行".into());
        }
        if self.name.trim().is_empty() {
            return Err("模板名称不能为空".into());
        }
        Ok(())
    }
}

fn has_duplicates<T: PartialEq>(items: impl Iterator<Item = T>) -> bool {
    let items: Vec<T> = items.collect();
    items.iter().enumerate().any(|(i, a)| items[..i].contains(a))
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
    fn every_preset_is_valid_and_found_by_its_key() {
        for p in PRESETS {
            let t = (p.build)();
            assert_eq!(t.preset, p.key);
            assert_eq!(t.validate(), Ok(()), "{}", p.key);
            assert_eq!(Template::preset(p.key), Some(t));
        }
        assert_eq!(Template::preset("nowhere"), None);
    }

    #[test]
    fn settings_out_of_range_are_refused_with_the_reason() {
        let bad = |t: Template| t.validate().unwrap_err();
        assert!(bad(Template { funds_weight: Decimal::ZERO, ..Template::national() }).contains("必须大于 0"));
        let grades = GradeBands { excellent: Decimal::from(80), good: Decimal::from(90), pass: Decimal::from(60) };
        assert!(bad(Template { grades, ..Template::national() }).contains("从高到低"));
        let grades = GradeBands { excellent: Decimal::from(101), good: Decimal::from(90), pass: Decimal::from(60) };
        assert!(bad(Template { grades, ..Template::national() }).contains("超过 100"));
        let mut t = Template::national();
        t.columns.retain(|c| c.key != ColumnKey::Score);
        assert!(bad(t).contains("得分"));
        let mut cap = Template::usual_execution_cap();
        cap.reverse();
        assert!(bad(Template { execution_cap: cap, ..Template::national() }).contains("从高到低"));
    }

    #[test]
    fn labels_fill_in_the_weights() {
        let t = Template::hubei();
        assert_eq!(t.fill("得分（{分值}分×执行率）", Decimal::from(80)), "得分（20分×执行率）");
        assert_eq!(t.fill("绩效指标（{指标分值}分）", Decimal::from(80)), "绩效指标（80分）");
    }
}
