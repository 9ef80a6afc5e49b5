//! A template as written: a preset and the settings that differ from it. The evaluation
//! file's `[template]` and the database's stored JSON both read through here, so a
//! template written by an earlier release (before the layout settings existed, with
//! `columns` as four switches) reads as what it printed then.

use super::layout::{Column, ColumnKey, FundsLayout};
use super::{CapRung, FundsDenominator, GradeBands, OverachievementPenalty, PRESETS, Rounding, Template};
use crate::domain::rule::{GradeLevel, Rule};
use crate::domain::serde_decimal as dec;
use rust_decimal::Decimal;
use serde::Deserialize;

/// The optional columns as an earlier release stored them: four switches.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OldColumns {
    criterion: bool,
    funds_split: bool,
    nature: bool,
    unit: bool,
}

/// `columns`: the list this release writes, or an earlier release's switches.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ColumnsRepr {
    List(Vec<Column>),
    Old(OldColumns),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRepr {
    pub preset: String,
    pub name: Option<String>,
    #[serde(default, with = "dec::option")]
    pub funds_weight: Option<Decimal>,
    pub funds_denominator: Option<FundsDenominator>,
    pub funds_row: Option<bool>,
    pub rounding: Option<Rounding>,
    pub qualitative: Option<Vec<GradeLevel>>,
    pub grades: Option<GradeBands>,
    #[serde(default, with = "dec::option")]
    pub overachievement_flag_percent: Option<Decimal>,
    pub overachievement_penalty: Option<OverachievementPenalty>,
    pub execution_cap: Option<Vec<CapRung>>,
    #[serde(default, with = "dec::option")]
    pub deviation_reason_below: Option<Decimal>,
    #[serde(default, with = "dec::option")]
    pub execution_reason_below: Option<Decimal>,
    pub default_rule: Option<Rule>,
    pub columns: Option<ColumnsRepr>,
    pub grid_heading: Option<String>,
    pub funds: Option<FundsLayout>,
    pub total_label: Option<String>,
    pub grade_line: Option<bool>,
    pub note: Option<String>,
}

/// The national columns with an earlier release's optional ones where it had them on.
fn old_columns(old: &OldColumns) -> Vec<Column> {
    let mut keys = vec![ColumnKey::Level1, ColumnKey::Level2, ColumnKey::Name];
    if old.nature {
        keys.push(ColumnKey::Nature);
    }
    keys.push(ColumnKey::Target);
    if old.unit {
        keys.push(ColumnKey::Unit);
    }
    keys.push(ColumnKey::Actual);
    if old.criterion {
        keys.push(ColumnKey::Criterion);
    }
    keys.extend([ColumnKey::Weight, ColumnKey::Score, ColumnKey::Reason]);
    super::columns(&keys)
}

/// Why a written preset is refused: it names none of the presets.
pub fn unknown_preset(preset: &str) -> String {
    let known: Vec<String> = PRESETS.iter().map(|p| format!("{}（{}）", p.key, p.name)).collect();
    format!("模板 preset = \"{preset}\" 无法识别：可用的有 {}，或 custom（以全国通用为基础）", known.join("、"))
}

impl TemplateRepr {
    /// The template: the preset's settings with the written ones over them, checked.
    pub fn resolve(self) -> Result<Template, String> {
        let base = match Template::preset(&self.preset) {
            Some(t) => t,
            None if self.preset == "custom" => Template { preset: "custom".into(), ..Template::national() },
            None => return Err(unknown_preset(&self.preset)),
        };
        let mut funds = self.funds.unwrap_or(base.funds);
        let columns = match self.columns {
            None => base.columns,
            Some(ColumnsRepr::List(list)) => list,
            Some(ColumnsRepr::Old(old)) => {
                funds.split = old.funds_split;
                old_columns(&old)
            }
        };
        let t = Template {
            preset: self.preset,
            name: self.name.unwrap_or(base.name),
            funds_weight: self.funds_weight.unwrap_or(base.funds_weight),
            funds_denominator: self.funds_denominator.unwrap_or(base.funds_denominator),
            funds_row: self.funds_row.unwrap_or(base.funds_row),
            rounding: self.rounding.unwrap_or(base.rounding),
            qualitative: self.qualitative.unwrap_or(base.qualitative),
            grades: self.grades.unwrap_or(base.grades),
            overachievement_flag_percent: self
                .overachievement_flag_percent
                .unwrap_or(base.overachievement_flag_percent),
            overachievement_penalty: self.overachievement_penalty.or(base.overachievement_penalty),
            execution_cap: self.execution_cap.unwrap_or(base.execution_cap),
            deviation_reason_below: self.deviation_reason_below.unwrap_or(base.deviation_reason_below),
            execution_reason_below: self.execution_reason_below.or(base.execution_reason_below),
            default_rule: self.default_rule.or(base.default_rule),
            columns,
            grid_heading: self.grid_heading.unwrap_or(base.grid_heading),
            funds,
            total_label: self.total_label.unwrap_or(base.total_label),
            grade_line: self.grade_line.unwrap_or(base.grade_line),
            note: self.note.unwrap_or(base.note),
        };
        t.validate()?;
        Ok(t)
    }
}

impl TryFrom<TemplateRepr> for Template {
    type Error = String;

    fn try_from(repr: TemplateRepr) -> Result<Template, String> {
        repr.resolve()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_release_s_stored_template_reads_as_it_printed() {
        // What the schema-1 and schema-2 releases stored for the seed.
        let old = r#"{"preset":"hunan-county","name":"湖南省县级部门整体支出","funds_weight":"10","funds_denominator":"full_year","rounding":"two_places","qualitative":[{"words":["显著"],"low":"1"}],"grades":{"excellent":"90","good":"80","pass":"60"},"overachievement_flag_percent":"130","columns":{"criterion":true,"funds_split":true,"nature":false,"unit":false}}"#;
        let t: Template = serde_json::from_str(old).unwrap();
        assert!(t.has(ColumnKey::Criterion) && t.funds.split);
        assert_eq!(t.columns, Template::hunan_county().columns);
        assert_eq!(t.qualitative.len(), 1, "what was stored wins over the preset");
        let again: Template = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(again, t);
    }

    #[test]
    fn an_unknown_preset_lists_the_known_ones() {
        let err = serde_json::from_str::<Template>(r#"{"preset":"guangdong"}"#).unwrap_err().to_string();
        assert!(err.contains("guangdong") && err.contains("sichuan") && err.contains("custom"), "{err}");
    }
}
