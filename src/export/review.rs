//! The bureau's hand-in (`jixiao review --format xlsx|docx`): the county's review as
//! tables — the overview, every finding, the 复核意见 per organisation, the grades by
//! year — built once here and written by `review_files` as a workbook or a 复核报告.
//! The county itself is `domain::review::County`.

use super::table::{Cell, Style, Table, Value};
use crate::domain::number::{Plain, fixed, percent};
use crate::domain::review::{County, GRADES, Line, YearOverYear};
use crate::domain::score::signed;
use rust_decimal::Decimal;

/// 总览: one row per evaluation.
pub fn overview_table(c: &County) -> Table {
    let heads = [
        "序号",
        "单位",
        "类型",
        "项目",
        "填报总分",
        "规则总分",
        "差额",
        "填报等级",
        "规则等级",
        "错误",
        "警告",
        "不符规则行",
        "缺偏差原因",
        "执行率",
    ];
    let mut t = Table::new(heads.len());
    t.push(heads.map(Cell::header).to_vec());
    t.repeat_row = Some(0);
    for (i, l) in c.lines.iter().enumerate() {
        let n = |v: usize| Cell::number(Some(Decimal::from(v)), 0);
        t.push(vec![
            n(i + 1),
            Cell::text(l.organisation.clone(), Style::Text),
            Cell::label(l.kind.label()),
            Cell::text(l.project.clone(), Style::Text),
            Cell::number(Some(l.filed), l.places),
            Cell::number(Some(l.rule_total), l.places),
            Cell::number(Some(l.difference()), l.places),
            Cell::label(l.grade.label()),
            Cell::label(l.rule_grade.label()),
            n(l.errors),
            n(l.warnings),
            n(l.broken.len()),
            n(l.missing_reasons.len()),
            match l.execution_rate {
                Some(r) => Cell::new(Value::Percent(r), Style::Number),
                None => Cell::empty(),
            },
        ]);
    }
    t.fit_widths(
        &[5.0, 16.0, 8.0, 14.0, 8.0, 8.0, 7.0, 6.0, 6.0, 5.0, 5.0, 7.0, 7.0, 8.0],
        &[6.0, 36.0, 8.0, 30.0, 9.0, 9.0, 8.0, 6.0, 6.0, 5.0, 5.0, 7.0, 7.0, 9.0],
    );
    t
}

/// The county's figures: counts, grades filed and by rule, the totals' distribution.
pub fn summary_table(c: &County) -> Table {
    let s = &c.summary;
    let mut t = Table::new(3);
    t.push(["项目", "按填报", "按规则"].map(Cell::header).to_vec());
    let n = |v: usize| Cell::number(Some(Decimal::from(v)), 0);
    let row = |t: &mut Table, label: String, a: usize, b: Option<usize>| {
        t.push(vec![Cell::text(label, Style::Text), n(a), b.map_or_else(Cell::empty, n)]);
    };
    row(&mut t, format!("自评份数（部门整体 {}，项目 {}）", s.departments, s.projects), s.evaluations, None);
    for (i, g) in GRADES.iter().enumerate() {
        row(&mut t, format!("等级“{}”", g.label()), s.filed_grades[i], Some(s.rule_grades[i]));
    }
    for b in &s.buckets {
        row(&mut t, format!("总分 {}", b.label), b.filed, Some(b.rule));
    }
    row(&mut t, "错误（条）".into(), s.errors, None);
    row(&mut t, "警告（条）".into(), s.warnings, None);
    row(&mut t, "有得分不符规则的行".into(), s.with_broken_rows, None);
    row(&mut t, "有失分未写偏差原因的行".into(), s.with_missing_reasons, None);
    row(&mut t, format!("执行率低于{}的项目", percent(s.threshold)), s.low_rate.len(), None);
    t.fit_widths(&[30.0, 8.0, 8.0], &[40.0, 8.0, 8.0]);
    t
}

/// 全部问题: organisation, evaluation, row, finding and its numbers.
pub fn findings_table(c: &County) -> Table {
    let mut t = Table::new(6);
    t.push(["序号", "单位", "项目", "级别", "位置", "问题"].map(Cell::header).to_vec());
    t.repeat_row = Some(0);
    let mut n = 0;
    for l in &c.lines {
        for (f, place) in l.findings.iter().zip(&l.finding_places) {
            n += 1;
            t.push(vec![
                Cell::number(Some(Decimal::from(n)), 0),
                Cell::text(l.organisation.clone(), Style::Text),
                Cell::text(l.subject().to_string(), Style::Text),
                Cell::label(f.severity.label()),
                Cell::text(place.clone(), Style::Text),
                Cell::text(f.message.clone(), Style::Text),
            ]);
        }
    }
    if n == 0 {
        t.push(vec![Cell::label("未发现问题").wide(6)]);
    }
    t.fit_widths(&[6.0, 16.0, 12.0, 6.0, 20.0, 40.0], &[7.0, 30.0, 24.0, 6.0, 36.0, 80.0]);
    t
}

/// The 复核意见 of one evaluation: what to correct, with the numbers.
pub fn opinion(l: &Line) -> String {
    let mut out = format!(
        "{}年度{}自评填报总分 {}，按评分规则为 {}（{}），填报等级“{}”，按规则“{}”。",
        l.year,
        if l.project.is_empty() { "部门整体".to_string() } else { format!("项目“{}”", l.project) },
        fixed(l.filed, l.places),
        fixed(l.rule_total, l.places),
        signed(l.difference(), l.places),
        l.grade.label(),
        l.rule_grade.label()
    );
    let mut items: Vec<String> = l
        .broken
        .iter()
        .map(|b| {
            format!("第{}项指标「{}」填报得分 {}，按规则应为 {}", b.index + 1, b.name, Plain(b.filed), Plain(b.rule))
        })
        .collect();
    for (f, place) in l.findings.iter().zip(&l.finding_places) {
        if f.severity != crate::domain::check::Severity::Note {
            items.push(format!("{}（{}）：{}", place, f.severity.label(), f.message));
        }
    }
    if items.is_empty() {
        out.push_str("未发现需更正之处。");
    } else {
        out.push_str("请核实更正：");
        for (i, item) in items.iter().enumerate() {
            out.push_str(&format!("{}. {item}；", i + 1));
        }
    }
    if let Some(r) = l.execution_rate {
        out.push_str(&format!("执行率 {}。", percent(r)));
    }
    out
}

/// 复核意见: one row per organisation, its evaluations' opinions together.
pub fn opinions_table(c: &County) -> Table {
    let mut t = Table::new(2);
    t.push(["单位", "复核意见"].map(Cell::header).to_vec());
    t.repeat_row = Some(0);
    let mut orgs: Vec<&str> = c.lines.iter().map(|l| l.organisation.as_str()).collect();
    orgs.sort();
    orgs.dedup();
    for org in orgs {
        let text: Vec<String> = c.lines.iter().filter(|l| l.organisation == org).map(opinion).collect();
        t.push(vec![Cell::text(org, Style::Text), Cell::text(text.join("\n"), Style::Text)]);
    }
    t.fit_widths(&[16.0, 60.0], &[30.0, 100.0]);
    t
}

/// 历年等级: grade counts per year, filed and by rule.
pub fn grades_table(c: &County) -> Table {
    let mut t = Table::new(9);
    let mut head = vec![Cell::header("年度")];
    head.extend(GRADES.iter().map(|g| Cell::header(&format!("填报“{}”", g.label()))));
    head.extend(GRADES.iter().map(|g| Cell::header(&format!("规则“{}”", g.label()))));
    t.push(head);
    for (year, filed, rule) in &c.by_year {
        let mut row = vec![Cell::label(&year.to_string())];
        row.extend(filed.iter().chain(rule).map(|n| Cell::number(Some(Decimal::from(*n)), 0)));
        t.push(row);
    }
    t.fit_widths(&[8.0; 9], &[8.0; 9]);
    t
}

/// 年度变化: the largest moves, then new and dropped projects.
pub fn moves_table(y: &YearOverYear, limit: usize) -> Table {
    let mut t = Table::new(5);
    t.push(["单位", "项目", &format!("{}年", y.previous), &format!("{}年", y.year), "变化"].map(Cell::header).to_vec());
    for m in y.moves.iter().take(limit) {
        t.push(vec![
            Cell::text(m.organisation.clone(), Style::Text),
            Cell::text(if m.project.is_empty() { "部门整体".into() } else { m.project.clone() }, Style::Text),
            Cell::number(Some(m.before), 2),
            Cell::number(Some(m.after), 2),
            Cell::label(&signed(m.change(), 2)),
        ]);
    }
    for (what, list) in [("新增项目", &y.new_projects), ("不再填报的项目", &y.dropped_projects)] {
        for (org, p) in list.iter().take(limit) {
            t.push(vec![
                Cell::text(org.clone(), Style::Text),
                Cell::text(p.clone(), Style::Text),
                Cell::label(what).wide(3),
            ]);
        }
    }
    t.fit_widths(&[16.0, 14.0, 8.0, 8.0, 8.0], &[30.0, 30.0, 8.0, 8.0, 8.0]);
    t
}
