//! `compare`: years side by side, and what it prints.

use super::table::{Align, render};
use super::{CliError, Result, resolve_org};
use crate::domain::compare::{
    Change, Comparison, Figure, IndicatorRow, Pairing, RowStatus, Series, compare, same_project,
};
use crate::domain::model::Evaluation;
use crate::domain::number::{fixed, plain};
use crate::store::Store;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// `--pair 2025:党建活动=党建活动开展情况`: in 2025 the row 党建活动开展情况 continues
/// 党建活动 of the year before. A full-width colon is accepted too.
pub fn parse_pairing(text: &str) -> std::result::Result<Pairing, String> {
    let bad = || format!("“{text}”应写作 年度:原名=新名，如 2025:党建活动=党建活动开展情况");
    let (year, names) = text.split_once([':', '：']).ok_or_else(bad)?;
    let (from, to) = names.split_once('=').ok_or_else(bad)?;
    let year = year.trim().parse().map_err(|_| bad())?;
    if from.trim().is_empty() || to.trim().is_empty() {
        return Err(bad());
    }
    Ok(Pairing { year, from: from.trim().into(), to: to.trim().into() })
}

/// Loads the years asked for (distinct, at least two) and compares them: the
/// department's, or with `project` (its name and the hand pairings of a renamed
/// project) that project's, matched by name across the years.
pub fn load_and_compare(
    store: &Store,
    org: &str,
    years: &[i32],
    pairs: &[Pairing],
    project: Option<&(String, Vec<Pairing>)>,
) -> Result<Comparison> {
    let (_, name) = resolve_org(store, org)?;
    let mut years = years.to_vec();
    years.sort_unstable();
    years.dedup();
    if years.len() < 2 {
        return Err(CliError::TooFewYears);
    }
    let names: Vec<(i32, Option<String>)> = match project {
        None => years.iter().map(|y| (*y, None)).collect(),
        Some((wanted, renamed)) => {
            let stored = store.project_names(&name)?;
            let wanted = wanted.trim();
            let anchor =
                years.iter().rev().find(|y| stored.iter().any(|(s, n)| s == *y && n.iter().any(|n| n == wanted)));
            let Some(&anchor) = anchor else {
                return Err(CliError::NoProject(name, *years.last().unwrap_or(&0), wanted.to_string()));
            };
            let found = same_project(&stored, anchor, wanted, renamed);
            years
                .iter()
                .map(|y| {
                    let n = found.iter().find(|(fy, _)| fy == y).map(|(_, n)| n.clone());
                    n.map(|n| (*y, Some(n))).ok_or_else(|| CliError::NoProject(name.clone(), *y, wanted.to_string()))
                })
                .collect::<Result<_>>()?
        }
    };
    let evaluations = names
        .iter()
        .map(|(y, project)| {
            let id = store.find_in(&name, *y, project.as_deref())?.ok_or_else(|| match project {
                Some(p) => CliError::NoProject(name.clone(), *y, p.clone()),
                None => CliError::NoYear(name.clone(), *y),
            })?;
            Ok(store.load(id)?.evaluation)
        })
        .collect::<Result<Vec<Evaluation>>>()?;
    Ok(compare(&evaluations.iter().collect::<Vec<_>>(), pairs))
}

fn show_score(c: &Comparison, d: Option<Decimal>) -> String {
    let places = c.years.iter().map(|y| y.places).max().unwrap_or(2);
    d.map_or_else(String::new, |d| fixed(d, places))
}

fn change_text(change: Option<&Change>, with_percent: bool) -> String {
    match change {
        Some(c) if with_percent => c.with_percent(),
        Some(c) => c.to_string(),
        None => String::new(),
    }
}

/// Header cells: 项目, each year, then `2025较2024` for each consecutive pair.
fn header(c: &Comparison, first: &str) -> (Vec<String>, Vec<Align>) {
    let years = c.year_numbers();
    let mut head = vec![first.to_string()];
    head.extend(years.iter().map(|y| y.to_string()));
    head.extend(years.windows(2).map(|w| format!("{}较{}", w[1], w[0])));
    let mut align = vec![Align::Left];
    align.extend(years.iter().map(|_| Align::Right));
    align.extend(years.windows(2).map(|_| Align::Left));
    (head, align)
}

fn series_line(label: &str, values: Vec<String>, series: &Series, with_percent: bool) -> Vec<String> {
    let mut line = vec![label.to_string()];
    line.extend(values);
    line.extend(series.changes.iter().map(|ch| change_text(ch.as_ref(), with_percent)));
    line
}

fn table(c: &Comparison, first: &str, rows: &[Vec<String>]) -> String {
    let (head, align) = header(c, first);
    render(&head.iter().map(String::as_str).collect::<Vec<_>>(), &align, rows)
}

fn totals_text(c: &Comparison) -> String {
    let scores = |s: &Series| s.values.iter().map(|v| show_score(c, *v)).collect::<Vec<_>>();
    let mut rows = vec![
        series_line("总分", scores(&c.total), &c.total, false),
        series_line("按规则总分", scores(&c.rule_total), &c.rule_total, false),
    ];
    let mut grades = vec!["等级".to_string()];
    grades.extend(c.years.iter().map(|y| y.grade.label().to_string()));
    rows.push(grades);
    for sub in &c.subtotals {
        let cells = sub
            .score
            .values
            .iter()
            .zip(&sub.weights)
            .map(|(s, w)| s.zip(*w).map_or(String::new(), |(s, w)| format!("{}/{}", show_score(c, Some(s)), plain(w))))
            .collect();
        rows.push(series_line(&sub.level1, cells, &sub.score, false));
    }
    table(c, "项目", &rows)
}

/// One line per row and year: target, actual, weight, score, the changes, and the status.
fn indicators_text(c: &Comparison) -> String {
    let years = c.year_numbers();
    let mut rows = Vec::new();
    for row in &c.rows {
        for (y, cell) in row.cells.iter().enumerate() {
            let step = y.checked_sub(1).map(|s| &row.steps[s]);
            let status = match (cell, step) {
                (None, Some(s)) => s.status.label(),
                (None, None) => RowStatus::Absent.label(),
                (Some(_), Some(s)) => s.status.label(),
                (Some(_), None) => String::new(),
            };
            let name = if y == 0 { row.name().to_string() } else { String::new() };
            let mut line = vec![name, years[y].to_string()];
            match cell {
                Some(cell) => line.extend([
                    cell.target.clone(),
                    cell.actual.clone(),
                    plain(cell.weight),
                    show_score(c, Some(cell.score)),
                ]),
                None => line.extend(std::iter::repeat_n(String::new(), 4)),
            }
            line.push(change_text(step.and_then(|s| s.score.as_ref()), false));
            line.push(change_text(step.and_then(|s| s.actual.as_ref()), true));
            line.push(status);
            rows.push(line);
        }
    }
    use Align::*;
    render(
        &["三级指标", "年度", "指标值", "完成值", "分值", "得分", "得分变化", "完成值变化", "说明"],
        &[Left, Right, Left, Left, Right, Right, Left, Left, Left],
        &rows,
    )
}

fn figure_value(figure: Figure, v: Option<Decimal>) -> String {
    v.map_or_else(String::new, |d| figure.show(d))
}

fn figures_text(c: &Comparison) -> String {
    let rows: Vec<Vec<String>> = c
        .figures
        .iter()
        .map(|f| {
            let values = f.series.values.iter().map(|v| figure_value(f.figure, *v)).collect();
            series_line(f.figure.label(), values, &f.series, true)
        })
        .collect();
    table(c, "项目", &rows)
}

fn names<'a>(rows: impl Iterator<Item = &'a IndicatorRow>) -> String {
    rows.map(|r| r.name().to_string()).collect::<Vec<_>>().join("，")
}

/// The comparison for people: four parts, each a table aligned by display width.
pub fn compare_text(c: &Comparison) -> String {
    let years = c.year_numbers().iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、");
    let who = match &c.project {
        Some(p) => format!("{} 项目“{p}”", c.organisation),
        None => c.organisation.clone(),
    };
    let mut out = format!("{who}：{years}年度比较\n\n一、总分与等级（一级指标为 得分/分值）\n");
    out.push_str(&totals_text(c));
    out.push_str("\n二、绩效指标\n");
    out.push_str(&indicators_text(c));
    let first = c.years.first().map_or(0, |y| y.year);
    let (added, removed) = (names(c.added()), names(c.removed()));
    if !added.is_empty() {
        out.push_str(&format!("较 {first}年新增：{added}\n"));
    }
    if !removed.is_empty() {
        out.push_str(&format!("较 {first}年删除：{removed}\n"));
    }
    for p in &c.unused_pairings {
        out.push_str(&format!(
            "未能配对：{}:{}={}（{}年或其前一年度没有此名称的指标）\n",
            p.year, p.from, p.to, p.year
        ));
    }
    out.push_str(if c.project.is_some() {
        "\n三、项目资金（金额单位：万元）\n"
    } else {
        "\n三、预算情况（金额单位：万元）\n"
    });
    out.push_str(&figures_text(c));
    out
}

fn change_json(change: &Option<Change>) -> Value {
    change.map_or(Value::Null, |c| {
        json!({
            "from": plain(c.from),
            "to": plain(c.to),
            "delta": plain(c.delta),
            "percent": c.percent.map(|p| fixed(p, 1)),
            "text": c.to_string(),
            "percent_text": c.percent_text(),
        })
    })
}

fn series_json(s: &Series, show: impl Fn(Decimal) -> String) -> Value {
    json!({
        "values": s.values.iter().map(|v| v.map(&show)).collect::<Vec<_>>(),
        "changes": s.changes.iter().map(change_json).collect::<Vec<_>>(),
    })
}

/// The comparison for programs. Every decimal is a string; a missing value is `null`.
/// Every array indexed by year follows `years` (oldest first); `changes` and `steps`
/// have one entry fewer, entry `i` being from year `i` to year `i + 1`.
///
/// - `organisation`: the name; `project`: the project's name in the latest year, or
///   `null` for the department's evaluation.
/// - `years`: `[{year, total, rule_total, grade, rule_grade}]`.
/// - `total`, `rule_total`: series `{values: [..], changes: [change | null]}`.
/// - `subtotals`: `[{level1, weights: [..], values, changes}]` per 一级指标 (预算执行率 first).
/// - `indicators`: `[{name, level1, level2, status, cells, steps}]` in table order. `name`
///   is the latest; `status` is the last year against the first (`kept`, `renamed`,
///   `added`, `removed`, `absent`); `cells[i]` is `{name, target, actual, weight, score,
///   rule_score}` or `null` where absent; `steps[i]` is `{status, renamed_from, score,
///   actual}` where `score` and `actual` are changes or `null` (`actual` only when both
///   actuals are numbers in comparable units).
/// - `figures`: `[{key, label, unit, values, changes}]` (the rate with two places; money with two, or
///   exact where rounding would hide it): 决算收入 `final_revenue`, 决算支出
///   `final_expenditure`, 执行率 `execution_rate` (per cent), 三公经费 `sangong_budget` /
///   `sangong_actual`, 政府采购 `procurement`, `assets_total`, `net_assets`; money in 万元.
/// - `unused_pairings`: `[{year, from, to}]` that matched nothing.
///
/// A change is `{from, to, delta, percent, text, percent_text}`: `delta` = `to − from`;
/// `percent` (one place) is `null` when `from` is zero; `text` reads `↑ +0.16`, `↓ −1.20`
/// or `= 0`; `percent_text` reads `+3.5%` or `—`.
pub fn compare_json(c: &Comparison) -> Value {
    let show = |d: Decimal| show_score(c, Some(d));
    let indicators: Vec<Value> = c
        .rows
        .iter()
        .map(|row| {
            let latest = row.latest();
            json!({
                "name": latest.name,
                "level1": latest.level1,
                "level2": latest.level2,
                "status": row.overall().key(),
                "cells": row.cells.iter().map(|cell| cell.as_ref().map_or(Value::Null, |cell| json!({
                    "name": cell.name,
                    "target": cell.target,
                    "actual": cell.actual,
                    "weight": plain(cell.weight),
                    "score": show(cell.score),
                    "rule_score": cell.rule_score.map(show),
                }))).collect::<Vec<_>>(),
                "steps": row.steps.iter().map(|s| json!({
                    "status": s.status.key(),
                    "renamed_from": match &s.status { RowStatus::Renamed { from } => Some(from), _ => None },
                    "score": change_json(&s.score),
                    "actual": change_json(&s.actual),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let subtotals: Vec<Value> = c
        .subtotals
        .iter()
        .map(|s| {
            let mut v = series_json(&s.score, show);
            v["level1"] = json!(s.level1);
            v["weights"] = json!(s.weights.iter().map(|w| w.map(plain)).collect::<Vec<_>>());
            v
        })
        .collect();
    let figures: Vec<Value> = c
        .figures
        .iter()
        .map(|f| {
            let mut v = series_json(&f.series, |d| f.figure.number(d));
            v["key"] = json!(f.figure.key());
            v["label"] = json!(f.figure.label());
            v["unit"] = json!(f.figure.unit());
            v
        })
        .collect();
    json!({
        "organisation": c.organisation,
        "project": c.project,
        "years": c.years.iter().map(|y| json!({
            "year": y.year,
            "total": show(y.total),
            "rule_total": show(y.rule_total),
            "grade": y.grade.label(),
            "rule_grade": y.rule_grade.label(),
        })).collect::<Vec<_>>(),
        "total": series_json(&c.total, show),
        "rule_total": series_json(&c.rule_total, show),
        "subtotals": subtotals,
        "indicators": indicators,
        "figures": figures,
        "unused_pairings": c.unused_pairings.iter().map(|p| json!({"year": p.year, "from": p.from, "to": p.to})).collect::<Vec<_>>(),
    })
}
