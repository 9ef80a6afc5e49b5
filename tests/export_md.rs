//! The Markdown report: headings in order, computed sentences, narrative and the table.

mod common;

use common::seed;
use jixiao::domain::score::score;
use jixiao::export::markdown::export_markdown;

#[test]
fn headings_follow_the_seed_and_sentences_are_computed() {
    let ev = seed();
    let md = export_markdown(&ev, &[]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "**衡阳县科技和工业信息化局**");
    assert_eq!(lines[2], "# 2024年度部门整体支出绩效自评报告");
    let sections: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(sections, common::SECTIONS);
    assert!(lines.contains(&"#### 2、部门决算情况（含年中预算追加情况）"));
    assert!(md.contains(
        "\n2024年决算总收入7256.75万元，较年初预算增加6948.10万元。总支出7206.67万元，其中：基本支出414.16万元，占总支出的5.75%；项目支出6792.51万元，占总支出的94.25%。差异产生的主要原因是人员异动、科学技术支出项目增加和补交改制企业税金。2024年末结转50.08万元。\n"
    ));
    assert!(md.contains("\n2024年“三公”经费预算数8.15万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费1.88万元，公务接待费6.28万元。"));
    for line in ev.narrative.problems.lines().filter(|l| !l.trim().is_empty()) {
        assert!(lines.contains(&line.trim()), "{line}");
    }
    assert!(md.ends_with("|\n"), "the table closes the report");
}

#[test]
fn the_table_has_one_line_per_row_and_escapes_pipes() {
    let mut ev = seed();
    ev.indicators[0].criterion = "甲|乙\n丙".into();
    let md = export_markdown(&ev, &[]);
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    // The rows of the form plus the heading separator.
    assert_eq!(table.len(), 1 + 7 + 1 + ev.indicators.len() + 2 + 1);
    assert!(table.iter().all(|l| l.matches(" |").count() == 10), "ten columns on every line");
    assert_eq!(table[1], format!("|{}", " --- |".repeat(10)));
    assert!(md.contains("| 甲\\|乙<br>丙 |"));
    let total = table.iter().find(|l| l.starts_with("| 总分 |")).unwrap();
    assert!(total.contains(&format!("| {} |", score(&ev).show(score(&ev).total))), "{total}");
    let grid_row = table.iter().find(|l| l.contains("| 新增规上企业 |")).unwrap();
    assert!(grid_row.contains("| 25家 | 23家 |") && grid_row.contains("| 3.00 | 2.84 |"), "{grid_row}");
}
