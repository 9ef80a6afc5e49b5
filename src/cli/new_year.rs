//! `new-year`: next year's drafts from the last, a department's, a project's, or a
//! department's with all its projects, stored in one transaction.

use super::{CliError, Result, resolve_org};
use crate::domain::compare::next_year;
use crate::domain::model::Evaluation;
use crate::domain::template::Template;
use crate::file::YEARS;
use crate::store::Store;

/// What `new-year` drafts.
pub enum Drafts {
    /// The department's evaluation.
    Department,
    /// The department's and every project of the year (`--all-projects`).
    WithProjects,
    /// One project (`--project NAME`).
    Project(String),
}

/// What was carried into a draft and what is left to fill in, for one evaluation.
fn draft_report(prev: &Evaluation, draft: &Evaluation, from: i32) -> String {
    let year = draft.year;
    let mut out = if draft.is_project() {
        format!(
            "已创建：{}（由 {from}年生成，评分模板：{}）\n带入：项目信息、预期目标、{} 项指标及其分值、评分标准、规则和目标值\n待填写：完成值、偏差原因、项目资金、实际完成情况、报告正文\n",
            draft.label(),
            draft.template.name,
            draft.indicators.len()
        )
    } else {
        format!(
            "已创建：{}（由 {from}年生成，评分模板：{}）\n带入：单位信息、{} 项指标及其分值、评分标准、规则和目标值{}\n待填写：完成值、偏差原因、预算与决算、三公经费、政府采购、资产、自评表资金、报告正文\n",
            draft.label(),
            draft.template.name,
            draft.indicators.len(),
            if draft.special_funds.is_empty() { String::new() } else { "、专项资金名称".into() },
        )
    };
    let moved: Vec<String> = draft
        .indicators
        .iter()
        .zip(&prev.indicators)
        .filter(|(d, p)| d.target.text() != p.target.text())
        .map(|(d, p)| format!("{}（{} 改为 {}）", d.name, p.target.text(), d.target.text()))
        .collect();
    if !moved.is_empty() {
        out.push_str(&format!("完成时限已顺延至 {year}年：{}\n", moved.join("，")));
    }
    out
}

/// Drafts `year` (default `from + 1`) from `from` and stores the drafts in one
/// transaction; returns what to print. With projects, a draft whose evaluation exists
/// already is left out (and named); if nothing is left, nothing is written.
pub fn new_year(
    store: &mut Store,
    org: &str,
    from: i32,
    year: Option<i32>,
    which: &Drafts,
    template: Option<&Template>,
) -> Result<String> {
    let (_, name) = resolve_org(store, org)?;
    let year = year.unwrap_or(from + 1);
    if !YEARS.contains(&year) {
        return Err(CliError::BadYear(year));
    }
    let mut sources = Vec::new();
    match which {
        Drafts::Project(p) => {
            let p = p.trim();
            let id = store
                .find_in(&name, from, Some(p))?
                .ok_or_else(|| CliError::NoProject(name.clone(), from, p.into()))?;
            sources.push(id);
        }
        Drafts::Department | Drafts::WithProjects => {
            sources.push(store.find(&name, from)?.ok_or_else(|| CliError::NoYear(name.clone(), from))?);
            if matches!(which, Drafts::WithProjects) {
                sources.extend(store.projects_of(&name, from)?.iter().map(|s| s.id));
            }
        }
    }
    let (mut out, mut skipped, mut drafts) = (String::new(), Vec::new(), Vec::new());
    for id in sources {
        let prev = store.load(id)?.evaluation;
        let mut draft = next_year(&prev, year);
        if let Some(t) = template {
            draft.template = t.clone();
        }
        if store.find_of(&draft)?.is_some() {
            skipped.push(draft.label());
        } else {
            drafts.push((prev, draft));
        }
    }
    if drafts.is_empty() {
        return Err(CliError::YearExists(skipped.join("、")));
    }
    let drafted: Vec<Evaluation> = drafts.iter().map(|(_, d)| d.clone()).collect();
    store.create_as(&drafted, crate::store::ChangeKind::NewYear, &format!("由 {from}年生成"))?;
    for (prev, draft) in &drafts {
        out.push_str(&draft_report(prev, draft, from));
    }
    if !skipped.is_empty() {
        out.push_str(&format!("已存在，未作修改：{}\n", skipped.join("、")));
    }
    Ok(out)
}
