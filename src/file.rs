//! The evaluation file: one whole evaluation as TOML (see `docs/file-format.md`).
//!
//! Import refuses a malformed file with the line and what is wrong, before anything is
//! written anywhere; export writes every field, so import ∘ export is the identity.

use crate::domain::model::{Assets, Budget, Evaluation, FundsBlock, Indicator, Narrative, Organisation, SpecialFund};
use crate::domain::rule::{GradeLevel, Rule};
use crate::domain::serde_decimal as dec;
use crate::domain::template::{
    CapRung, Columns, FundsDenominator, GradeBands, OverachievementPenalty, Rounding, Template,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The version written in `format = 1`; a newer file is refused rather than half-read.
pub const FORMAT: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("第 {line} 行第 {column} 列：{message}")]
    At { line: usize, column: usize, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error("文件格式版本为 {0}，本程序只能读取版本 {FORMAT}：请升级 jixiao")]
    NewerFormat(u32),
}

/// The template as written in a file: a preset, and any setting that differs from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateSpec {
    preset: String,
    name: Option<String>,
    #[serde(default, with = "dec::option")]
    funds_weight: Option<Decimal>,
    funds_denominator: Option<FundsDenominator>,
    rounding: Option<Rounding>,
    qualitative: Option<Vec<GradeLevel>>,
    grades: Option<GradeBands>,
    #[serde(default, with = "dec::option")]
    overachievement_flag_percent: Option<Decimal>,
    overachievement_penalty: Option<OverachievementPenalty>,
    execution_cap: Option<Vec<CapRung>>,
    columns: Option<Columns>,
    default_rule: Option<Rule>,
}

impl TemplateSpec {
    fn resolve(self) -> Result<Template, String> {
        let base = match Template::preset(&self.preset) {
            Some(t) => t,
            None if self.preset == "custom" => Template { preset: "custom".into(), ..Template::national() },
            None => {
                return Err(format!(
                    "模板 preset = \"{}\" 无法识别：可用 {} 或 custom",
                    self.preset,
                    Template::PRESETS.join("、")
                ));
            }
        };
        Ok(Template {
            preset: self.preset,
            name: self.name.unwrap_or(base.name),
            funds_weight: self.funds_weight.unwrap_or(base.funds_weight),
            funds_denominator: self.funds_denominator.unwrap_or(base.funds_denominator),
            rounding: self.rounding.unwrap_or(base.rounding),
            qualitative: self.qualitative.unwrap_or(base.qualitative),
            grades: self.grades.unwrap_or(base.grades),
            overachievement_flag_percent: self
                .overachievement_flag_percent
                .unwrap_or(base.overachievement_flag_percent),
            overachievement_penalty: self.overachievement_penalty.or(base.overachievement_penalty),
            execution_cap: self.execution_cap.unwrap_or(base.execution_cap),
            columns: self.columns.unwrap_or(base.columns),
            default_rule: self.default_rule.or(base.default_rule),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: u32,
    year: i32,
    organisation: Organisation,
    template: TemplateSpec,
    #[serde(default)]
    budget: Budget,
    #[serde(default)]
    special_funds: Vec<SpecialFund>,
    #[serde(default)]
    assets: Assets,
    #[serde(default)]
    funds: FundsBlock,
    #[serde(default)]
    indicators: Vec<Indicator>,
    #[serde(default)]
    narrative: Narrative,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    year: i32,
    organisation: &'a Organisation,
    template: &'a Template,
    budget: &'a Budget,
    special_funds: &'a [SpecialFund],
    assets: &'a Assets,
    funds: &'a FundsBlock,
    indicators: &'a [Indicator],
    narrative: &'a Narrative,
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The years jixiao accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// Reads an evaluation from TOML text.
pub fn from_toml(text: &str) -> Result<Evaluation, FileError> {
    let parsed: FileIn = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        FileError::At { line, column, message: e.message().trim().to_string() }
    })?;
    if parsed.format > FORMAT {
        return Err(FileError::NewerFormat(parsed.format));
    }
    if !YEARS.contains(&parsed.year) {
        return Err(FileError::Invalid(format!("年度 {} 不在 1990–2200 之间", parsed.year)));
    }
    if parsed.organisation.name.trim().is_empty() {
        return Err(FileError::Invalid("[organisation] 缺少单位名称 name".into()));
    }
    let template = parsed.template.resolve().map_err(FileError::Invalid)?;
    Ok(Evaluation {
        organisation: parsed.organisation,
        year: parsed.year,
        template,
        budget: parsed.budget,
        special_funds: parsed.special_funds,
        assets: parsed.assets,
        funds: parsed.funds,
        indicators: parsed.indicators,
        narrative: parsed.narrative,
    })
}

/// Writes an evaluation as TOML, every field included.
pub fn to_toml(ev: &Evaluation) -> String {
    let out = FileOut {
        format: FORMAT,
        year: ev.year,
        organisation: &ev.organisation,
        template: &ev.template,
        budget: &ev.budget,
        special_funds: &ev.special_funds,
        assets: &ev.assets,
        funds: &ev.funds,
        indicators: &ev.indicators,
        narrative: &ev.narrative,
    };
    let body =
        toml::to_string_pretty(&out).expect("an evaluation always serialises: it has no maps with non-string keys");
    format!("# jixiao 绩效自评文件 — {} {}年\n{body}", ev.organisation.name, ev.year)
}
