//! `jixiao review`: the bureau's review of a year (`docs/bureau.md`) as a table, JSON,
//! or the bureau's workbook or 复核报告.

use super::{CliError, Result, table};
use crate::domain::number::{fixed, parse_decimal};
use crate::domain::review::{County, DEFAULT_RATE_THRESHOLD, Filter, FindingKind, GRADES, Line, Order, compare};
use crate::store::Store;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::path::PathBuf;

/// What `review` was asked for.
pub struct Args {
    pub year: Option<i32>,
    pub json: bool,
    pub sort: Option<String>,
    pub filter: Option<String>,
    pub org: Option<String>,
    pub threshold: Option<String>,
    pub format: Option<String>,
    pub out: Option<PathBuf>,
    pub force: bool,
}

/// The county of `year` (default: the latest stored), every stored year counted for the
/// grades by year.
pub fn load(store: &Store, year: Option<i32>, threshold: Decimal) -> Result<County> {
    let years = store.years()?;
    let Some(year) = year.or_else(|| years.last().copied()) else {
        return Err(CliError::Value("数据库中没有自评：先用 jixiao collect 收集各单位报送的文件".into()));
    };
    if !years.contains(&year) {
        return Err(CliError::Value(format!("数据库中没有 {year} 年的自评")));
    }
    Ok(store.review_county(&years, year, threshold)?)
}

/// `--threshold 85` (percent) as a ratio.
fn threshold(text: Option<&str>) -> Result<Decimal> {
    let Some(t) = text else { return Ok(DEFAULT_RATE_THRESHOLD) };
    let value = parse_decimal(t.trim().trim_end_matches('%'))
        .map_err(|e| CliError::Value(format!("执行率门槛“{t}”有误：{e}")))?;
    Ok(value / Decimal::ONE_HUNDRED)
}

/// Sorts and filters the lines as asked.
fn select(c: &mut County, args: &Args) -> Result<()> {
    let order = match &args.sort {
        // The bureau's first question: who claims more than the rules give.
        None => Order::Difference,
        Some(k) => Order::from_key(k).ok_or_else(|| {
            let keys: Vec<&str> = Order::ALL.iter().map(|o| o.key()).collect();
            CliError::Value(format!("排序“{k}”无法识别：可选 {}", keys.join("、")))
        })?,
    };
    let kind = match &args.filter {
        None => None,
        Some(k) => Some(FindingKind::from_key(k).ok_or_else(|| {
            let keys: Vec<&str> = FindingKind::ALL.iter().map(|k| k.key()).collect();
            CliError::Value(format!("筛选“{k}”无法识别：可选 {}", keys.join("、")))
        })?),
    };
    let filter = Filter { text: args.org.clone().unwrap_or_default(), kind };
    let threshold = c.summary.threshold;
    let mut keep: Vec<usize> = (0..c.lines.len()).filter(|&i| filter.matches(&c.lines[i], threshold)).collect();
    keep.sort_by(|&a, &b| compare(&c.lines[a], &c.lines[b], order));
    let mut lines: Vec<Option<Line>> = std::mem::take(&mut c.lines).into_iter().map(Some).collect();
    c.lines = keep.iter().filter_map(|&i| lines[i].take()).collect();
    Ok(())
}

pub fn run(store: &Store, args: &Args) -> Result<String> {
    let mut county = load(store, args.year, threshold(args.threshold.as_deref())?)?;
    select(&mut county, args)?;
    if let Some(format) = &args.format {
        let bytes = match format.trim().to_ascii_lowercase().as_str() {
            "xlsx" => crate::export::review_files::review_xlsx(&county)?,
            "docx" => crate::export::review_files::review_docx(&county)?,
            other => return Err(CliError::Value(format!("复核结果可导出为 xlsx 或 docx，不能导出为“{other}”"))),
        };
        let ext = format.trim().to_ascii_lowercase();
        let path = args.out.clone().unwrap_or_else(|| PathBuf::from(format!("{}年度绩效自评复核.{ext}", county.year)));
        super::write_new(&path, &bytes, args.force)?;
        eprintln!("已导出：{}", path.display());
        return Ok(String::new());
    }
    if args.json {
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&json(&county)).expect("JSON values always serialise")
        ));
    }
    Ok(text(&county))
}

fn line_json(l: &Line) -> Value {
    json!({
        "reference": l.reference,
        "organisation": l.organisation,
        "year": l.year,
        "kind": l.kind.key(),
        "project": (!l.project.is_empty()).then_some(&l.project),
        "filed": fixed(l.filed, l.places),
        "filed_is_stated": l.stated,
        "rule_total": fixed(l.rule_total, l.places),
        "difference": fixed(l.difference(), l.places),
        "grade": l.grade.label(),
        "rule_grade": l.rule_grade.label(),
        "errors": l.errors,
        "warnings": l.warnings,
        "notes": l.notes,
        "broken_rows": l.broken.iter().map(|b| json!({
            "row": b.index + 1, "name": b.name, "filed": b.filed.to_string(), "rule": b.rule.to_string(),
        })).collect::<Vec<_>>(),
        "missing_reasons": l.missing_reasons.iter().map(|i| i + 1).collect::<Vec<_>>(),
        "execution_rate": l.execution_rate.map(|r| r.round_dp(4).to_string()),
        "first_place": l.first_place().map(|p| p.key()),
    })
}

pub fn json(c: &County) -> Value {
    let s = &c.summary;
    let grades = |counts: &[usize; 4]| -> Value {
        GRADES.iter().zip(counts).map(|(g, n)| (g.label().to_string(), json!(n))).collect()
    };
    json!({
        "year": c.year,
        "lines": c.lines.iter().map(line_json).collect::<Vec<_>>(),
        "summary": {
            "evaluations": s.evaluations,
            "departments": s.departments,
            "projects": s.projects,
            "filed_grades": grades(&s.filed_grades),
            "rule_grades": grades(&s.rule_grades),
            "buckets": s.buckets.iter().map(|b| json!({"label": b.label, "filed": b.filed, "rule": b.rule})).collect::<Vec<_>>(),
            "excess": s.excess.iter().map(|e| json!({
                "organisation": e.organisation, "total": e.total.to_string(),
                "evaluations": e.evaluations, "largest": e.largest.to_string(),
            })).collect::<Vec<_>>(),
            "low_rate": s.low_rate.iter().map(|&i| json!({
                "organisation": c.lines[i].organisation, "project": c.lines[i].project,
                "execution_rate": c.lines[i].execution_rate.map(|r| r.round_dp(4).to_string()),
            })).collect::<Vec<_>>(),
            "threshold": s.threshold.to_string(),
            "errors": s.errors,
            "warnings": s.warnings,
        },
        "year_over_year": c.previous.as_ref().map(|y| json!({
            "previous": y.previous,
            "moves": y.moves.iter().map(|m| json!({
                "organisation": m.organisation, "kind": m.kind.key(), "project": m.project,
                "before": m.before.to_string(), "after": m.after.to_string(), "change": m.change().to_string(),
            })).collect::<Vec<_>>(),
            "new_projects": y.new_projects.iter().map(|(o, p)| json!({"organisation": o, "project": p})).collect::<Vec<_>>(),
            "dropped_projects": y.dropped_projects.iter().map(|(o, p)| json!({"organisation": o, "project": p})).collect::<Vec<_>>(),
        })),
        "grades_by_year": c.by_year.iter().map(|(y, f, r)| json!({"year": y, "filed": grades(f), "rule": grades(r)})).collect::<Vec<_>>(),
    })
}

pub fn text(c: &County) -> String {
    let s = &c.summary;
    let mut out = format!(
        "{}年度自评复核：{} 份（部门整体 {}，项目 {}），错误 {} 条，警告 {} 条\n",
        c.year, s.evaluations, s.departments, s.projects, s.errors, s.warnings
    );
    let grades = |counts: &[usize; 4]| {
        GRADES.iter().zip(counts).map(|(g, n)| format!("{} {n}", g.label())).collect::<Vec<_>>().join("，")
    };
    out.push_str(&format!("等级（填报）：{}\n等级（规则）：{}\n\n", grades(&s.filed_grades), grades(&s.rule_grades)));
    let rows: Vec<Vec<String>> = c.lines.iter().map(|l| l.cells(" ").to_vec()).collect();
    use table::Align::*;
    out.push_str(&table::render(
        &["单位", "项目", "填报", "规则", "差额", "等级", "检查", "不符", "缺原因", "执行率"],
        &[Left, Left, Right, Right, Right, Left, Left, Right, Right, Right],
        &rows,
    ));
    if let Some(y) = &c.previous {
        out.push_str(&format!(
            "\n与{}年比较：两年均有 {} 份，新增项目 {} 个，不再填报 {} 个\n",
            y.previous,
            y.moves.len(),
            y.new_projects.len(),
            y.dropped_projects.len()
        ));
        for m in y.moves.iter().take(5) {
            out.push_str(&format!(
                "  {} {}：{} → {}\n",
                m.organisation,
                if m.project.is_empty() { "部门整体" } else { &m.project },
                m.before,
                m.after
            ));
        }
    }
    out
}
