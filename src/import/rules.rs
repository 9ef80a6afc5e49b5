//! The rule of a row typed by hand in Excel or WPS, read from its criterion text (or from
//! the table's 备注 when the row has none), and what the import report says about it.

use crate::domain::criterion::{Context, Modifier, Reading, TableNote, read};
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::rule::Rule;
use rust_decimal::Decimal;

/// Sets the rule of a row that has none from its text when the reading is confident;
/// returns the line for the import report.
pub(super) fn read_rule(
    ev: &Evaluation,
    ind: &mut Indicator,
    filed: Option<Decimal>,
    note: Option<&TableNote>,
) -> String {
    let ctx = Context { filed, ..Context::of_row(&ev.template, ev.year, ind) };
    let from_text = (!ind.criterion.trim().is_empty()).then(|| read(&ind.criterion, &ctx));
    let from_note = || note.map(|n| n.reading_for(Some(ind.target.value())));
    let (reading, source) = match from_text {
        Some(Reading::CannotTell(_)) | None if note.is_some() => match (from_note(), from_text) {
            (Some(r @ Reading::Rule(_)), _) | (Some(r), None) => (Some(r), "表格备注"),
            (_, text) => (text, "评分标准"),
        },
        other => (other, "评分标准"),
    };
    match reading {
        None => "没有评分标准，评分规则设为人工评分".into(),
        Some(Reading::CannotTell(c)) => {
            format!("评分规则设为人工评分：{}{}", if source == "表格备注" { "表格备注：" } else { "" }, c.reason)
        }
        Some(Reading::Rule(p)) if p.confident => {
            let line = format!("评分规则由{source}读出：{}", p.rule.describe());
            ind.rule = p.rule;
            line
        }
        Some(Reading::Rule(p)) => format!(
            "评分规则设为人工评分：{source}可读作“{}”，但{}",
            p.rule.describe(),
            if p.notes.is_empty() { "有其他读法".to_string() } else { p.notes.join("；") }
        ),
    }
}

/// Settings of the whole table a 备注 states, applied to the template; the report's lines.
pub(super) fn apply_modifiers(ev: &mut Evaluation, note: &TableNote) -> Vec<String> {
    let mut out = Vec::new();
    for (m, _) in &note.modifiers {
        match m {
            Modifier::Overachievement(p) => ev.template.overachievement_penalty = Some(p.clone()),
            Modifier::ExecutionCap(rungs) => ev.template.execution_cap = rungs.clone(),
        }
        out.push(format!("表格备注的计分规定已设入评分模板：{}", m.describe()));
    }
    out
}

/// Whether a row's rule is one the import may replace: none was given for it.
pub(super) fn unset(ind: &Indicator) -> bool {
    ind.rule == Rule::Manual
}
