//! What `list`, `score` and `check` print: text for people, JSON for programs.
//! In JSON every decimal is a string ("98.76"), never a float.

use super::table::{Align, render};
use crate::domain::check::{Finding, counts};
use crate::domain::model::Evaluation;
use crate::domain::number::plain;
use crate::domain::project::Kind;
use crate::domain::score::{ItemSource, ScoreSheet, signed};
use crate::store::Summary;
use serde_json::{Value, json};

pub fn list_text(rows: &[Summary]) -> String {
    if rows.is_empty() {
        return "还没有自评。运行 jixiao demo 载入示例，或 jixiao import 文件（.toml 或 .xlsx）导入。\n".into();
    }
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                s.organisation_id.to_string(),
                s.organisation.clone(),
                s.year.to_string(),
                s.kind.label().to_string(),
                s.project.clone(),
                s.total.to_string(),
                s.grade.clone(),
                format!("{}错 {}警", s.errors, s.warnings),
                s.filing.as_ref().map_or(String::new(), |f| format!("已提交（{}，{}）", f.by, f.at)),
            ]
        })
        .collect();
    use Align::*;
    render(
        &["编号", "单位", "年度", "类型", "项目", "总分", "等级", "检查", "状态"],
        &[Right, Left, Right, Left, Left, Right, Left, Left, Left],
        &body,
    )
}

pub fn list_json(rows: &[Summary]) -> Value {
    Value::Array(
        rows.iter()
            .map(|s| {
                json!({
                    "organisation_id": s.organisation_id,
                    "organisation": s.organisation,
                    "year": s.year,
                    "kind": s.kind.key(),
                    "project": (s.kind == Kind::Project).then_some(&s.project),
                    "full_year": s.full_year.map(|a| a.to_string()),
                    "executed": s.executed.map(|a| a.to_string()),
                    "total": s.total.to_string(),
                    "rule_total": s.rule_total.to_string(),
                    "grade": s.grade,
                    "errors": s.errors,
                    "warnings": s.warnings,
                    "updated_at": s.updated_at,
                    "filed": s.filing.as_ref().map(|f| json!({ "at": f.at, "by": f.by })),
                })
            })
            .collect(),
    )
}

/// Target and actual as typed, for an item (the funds row shows its budget figures).
fn target_actual(ev: &Evaluation, source: ItemSource) -> (String, String) {
    match source {
        ItemSource::Funds => (
            ev.funds.rate_base(ev.template.funds_denominator).map(|a| a.to_string()).unwrap_or_default(),
            ev.funds.executed.map(|a| a.to_string()).unwrap_or_default(),
        ),
        ItemSource::Indicator(i) => (ev.indicators[i].target.text().into(), ev.indicators[i].actual.text().into()),
    }
}

pub fn score_text(ev: &Evaluation, sheet: &ScoreSheet) -> String {
    let rows: Vec<Vec<String>> = sheet
        .items
        .iter()
        .map(|item| {
            let (target, actual) = target_actual(ev, item.source);
            vec![
                item.name.clone(),
                target,
                actual,
                plain(item.weight),
                item.rule_score.map_or("—".into(), |s| sheet.show(s)),
                sheet.show(item.score),
                item.explanation.clone(),
            ]
        })
        .collect();
    use Align::*;
    let mut out = format!("{} {}\n\n", ev.label(), ev.kind.table_name());
    out.push_str(&render(
        &["三级指标", "指标值", "完成值", "分值", "规则得分", "得分", "说明"],
        &[Left, Left, Left, Right, Right, Right, Left],
        &rows,
    ));
    out.push('\n');
    out.push_str(&format!("总分 {}，等级 {}\n", sheet.show(sheet.total), sheet.grade.label()));
    if sheet.rule_total != sheet.total {
        out.push_str(&format!("按规则总分 {}，等级 {}\n", sheet.show(sheet.rule_total), sheet.rule_grade.label()));
    }
    if let Some(cap) = sheet.cap {
        out.push_str(&format!("执行率偏低，总分以 {} 分为限\n", plain(cap)));
    }
    for item in sheet.items.iter().filter(|i| i.difference().is_some()) {
        out.push_str(&format!(
            "差异：{} 填报 {}，按规则 {}（差 {}）\n",
            item.name,
            sheet.show(item.score),
            item.rule_score.map_or("—".into(), |s| sheet.show(s)),
            signed(item.difference().unwrap_or_default(), sheet.places)
        ));
    }
    out
}

pub fn score_json(ev: &Evaluation, sheet: &ScoreSheet) -> Value {
    let items: Vec<Value> = sheet
        .items
        .iter()
        .map(|item| {
            let (target, actual) = target_actual(ev, item.source);
            json!({
                "name": item.name,
                "level1": item.level1,
                "level2": item.level2,
                "target": target,
                "actual": actual,
                "weight": plain(item.weight),
                "score": sheet.show(item.score),
                "rule_score": item.rule_score.map(|s| sheet.show(s)),
                "entered": item.entered.map(plain),
                "difference": item.difference().map(|d| sheet.show(d)),
                "explanation": item.explanation,
                "error": item.rule_error.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    let subtotals: Vec<Value> = sheet
        .subtotals()
        .iter()
        .map(|s| json!({ "level1": s.level1, "weight": plain(s.weight), "score": sheet.show(s.score) }))
        .collect();
    json!({
        "organisation": ev.organisation.name,
        "year": ev.year,
        "kind": ev.kind.key(),
        "project": ev.is_project().then_some(&ev.project.name),
        "total": sheet.show(sheet.total),
        "rule_total": sheet.show(sheet.rule_total),
        "grade": sheet.grade.label(),
        "rule_grade": sheet.rule_grade.label(),
        "weight_total": plain(sheet.weight_total),
        "execution_rate": sheet.execution_rate.map(|r| crate::domain::number::fixed(r * rust_decimal::Decimal::ONE_HUNDRED, 2)),
        "cap": sheet.cap.map(plain),
        "subtotals": subtotals,
        "items": items,
    })
}

pub fn check_text(ev: &Evaluation, findings: &[Finding]) -> String {
    let (e, w, n) = counts(findings);
    let mut out = format!("{}：{e} 个错误，{w} 个警告，{n} 个提示\n", ev.label());
    for f in findings {
        out.push_str(&format!("[{}] {}\n", f.severity.label(), f.message));
    }
    out
}

pub fn check_json(ev: &Evaluation, findings: &[Finding]) -> Value {
    let (e, w, n) = counts(findings);
    json!({
        "organisation": ev.organisation.name,
        "year": ev.year,
        "kind": ev.kind.key(),
        "project": ev.is_project().then_some(&ev.project.name),
        "counts": { "errors": e, "warnings": w, "notes": n },
        "findings": findings.iter().map(|f| json!({
            "severity": f.severity.key(),
            "label": f.severity.label(),
            "place": f.place.key(),
            "message": f.message,
        })).collect::<Vec<_>>(),
    })
}
