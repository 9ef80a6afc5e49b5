//! The review's tables (`review`) as the bureau's workbook and its 复核报告.

use super::report::{Block, Report};
use super::review::{findings_table, grades_table, moves_table, opinions_table, overview_table, summary_table};
use super::xlsx::{write_sheet, write_table};
use super::{ExportError, docx};
use crate::domain::number::percent;
use crate::domain::review::County;
use crate::domain::review::GRADES;
use rust_xlsxwriter::{Chart, ChartType, Workbook};

pub const OVERVIEW_SHEET: &str = "总览";
pub const FINDINGS_SHEET: &str = "全部问题";
pub const OPINIONS_SHEET: &str = "复核意见";
pub const GRADES_SHEET: &str = "历年等级";
pub const MOVES_SHEET: &str = "年度变化";

/// The workbook: 总览 (the county's figures, then one row per evaluation), 全部问题,
/// 复核意见 per organisation, 历年等级 with its chart, and 年度变化 when last year is there.
pub fn review_xlsx(c: &County) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let summary = summary_table(c);
    write_sheet(ws, OVERVIEW_SHEET, &format!("{}年度绩效自评复核总览", c.year), &summary, true)?;
    // The evaluations below the figures, after a blank line.
    write_table(ws, &overview_table(c), summary.layout().len() as u32 + 2)?;
    write_sheet(
        book.add_worksheet(),
        FINDINGS_SHEET,
        &format!("{}年度自评复核发现的问题", c.year),
        &findings_table(c),
        true,
    )?;
    write_sheet(
        book.add_worksheet(),
        OPINIONS_SHEET,
        &format!("{}年度自评复核意见", c.year),
        &opinions_table(c),
        false,
    )?;
    let grades = grades_table(c);
    let ws = book.add_worksheet();
    write_sheet(ws, GRADES_SHEET, "历年自评等级（份数）", &grades, true)?;
    if !c.by_year.is_empty() {
        // Table rows start under the title (row 0) and the header (row 1).
        let (first, last) = (2, 1 + c.by_year.len() as u32);
        let mut chart = Chart::new(ChartType::Column);
        for (i, g) in GRADES.iter().enumerate() {
            chart
                .add_series()
                .set_name(&format!("填报“{}”", g.label()))
                .set_categories((GRADES_SHEET, first, 0, last, 0))
                .set_values((GRADES_SHEET, first, 1 + i as u16, last, 1 + i as u16));
        }
        chart.title().set_name("历年自评等级（按填报总分）");
        ws.insert_chart(last + 2, 0, &chart)?;
    }
    if let Some(y) = &c.previous {
        let title = format!("{}年与{}年比较", y.year, y.previous);
        write_sheet(book.add_worksheet(), MOVES_SHEET, &title, &moves_table(y, usize::MAX), false)?;
    }
    Ok(book.save_to_buffer()?)
}

/// A bar of `n` out of `max` in at most 20 blocks, for the report's text chart.
pub fn bar(n: usize, max: usize) -> String {
    let width = if max == 0 { 0 } else { (n * 20).div_ceil(max) };
    "█".repeat(width)
}

/// The short 复核报告: the county's figures, the grades by year (with a bar per grade),
/// who claims most above their rules, the low 执行率 projects, the year's moves.
pub fn review_report(c: &County) -> Report {
    let s = &c.summary;
    let mut blocks = vec![Block::Title(format!("{}年度部门和项目支出绩效自评复核报告", c.year))];
    let heading = |blocks: &mut Vec<Block>, text: &str| blocks.push(Block::Heading { level: 1, text: text.into() });
    heading(&mut blocks, "一、复核范围");
    blocks.push(Block::Paragraph(format!(
        "本次复核{}年度自评 {} 份，其中部门整体 {} 份、项目 {} 份。逐份按评分标准重新计分并检查，共发现错误 {} 条、警告 {} 条；{} 份有得分与评分规则不符的指标，{} 份有失分未写偏差原因的指标。",
        c.year, s.evaluations, s.departments, s.projects, s.errors, s.warnings, s.with_broken_rows, s.with_missing_reasons
    )));
    heading(&mut blocks, "二、等级分布");
    let grades: Vec<String> = GRADES
        .iter()
        .enumerate()
        .map(|(i, g)| format!("“{}”{} 份（按规则 {} 份）", g.label(), s.filed_grades[i], s.rule_grades[i]))
        .collect();
    blocks.push(Block::Paragraph(format!("按填报总分：{}。", grades.join("，"))));
    blocks.push(Block::Table { caption: "县级汇总".into(), table: summary_table(c), landscape: false });
    let max = c.by_year.iter().flat_map(|(_, f, _)| f.iter().copied()).max().unwrap_or(0);
    for (year, filed, _) in &c.by_year {
        let bars: Vec<String> = GRADES
            .iter()
            .enumerate()
            .map(|(i, g)| format!("{} {} {}", g.label(), bar(filed[i], max), filed[i]))
            .collect();
        blocks.push(Block::Paragraph(format!("{year}年：{}", bars.join("　"))));
    }
    blocks.push(Block::Table {
        caption: "历年自评等级（份数）".into(), table: grades_table(c), landscape: false
    });
    heading(&mut blocks, "三、填报高于评分规则的单位");
    if s.excess.is_empty() {
        blocks.push(Block::Paragraph("无填报总分高于按评分规则计算总分的单位。".into()));
    }
    for (i, e) in s.excess.iter().take(10).enumerate() {
        blocks.push(Block::Paragraph(format!(
            "{}. {}：{} 份自评填报总分高于规则，合计高出 {} 分，最多一份高出 {} 分。",
            i + 1,
            e.organisation,
            e.evaluations,
            e.total.round_dp(2),
            e.largest.round_dp(2)
        )));
    }
    heading(&mut blocks, &format!("四、执行率低于{}的项目", percent(s.threshold)));
    if s.low_rate.is_empty() {
        blocks.push(Block::Paragraph("无。".into()));
    }
    for &i in &s.low_rate {
        let l = &c.lines[i];
        blocks.push(Block::Paragraph(format!(
            "{}“{}”：执行率 {}。",
            l.organisation,
            l.project,
            l.execution_rate.map_or_else(String::new, percent)
        )));
    }
    if let Some(y) = &c.previous {
        heading(&mut blocks, &format!("五、与{}年比较", y.previous));
        blocks.push(Block::Paragraph(format!(
            "两年均有的自评 {} 份；新增项目 {} 个，不再填报的项目 {} 个。总分变化最大的如下表。",
            y.moves.len(),
            y.new_projects.len(),
            y.dropped_projects.len()
        )));
        blocks.push(Block::Table {
            caption: "总分变化最大的自评".into(), table: moves_table(y, 10), landscape: false
        });
    }
    Report { title: format!("{}年度绩效自评复核报告", c.year), blocks }
}

pub fn review_docx(c: &County) -> Result<Vec<u8>, ExportError> {
    docx::render(&review_report(c), "财政局")
}
