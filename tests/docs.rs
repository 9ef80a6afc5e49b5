//! docs/keys.md is the key table written out: this test fails when they differ.
//! Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

use jixiao::app::keys::help;

fn keys_markdown() -> String {
    let mut out = String::from(
        "# Keys\n\n\
         Generated from the key table (`src/app/keys.rs`), which also produces the help overlay\n\
         (F1 or ?) and the hints on the last line of the screen. Regenerate with\n\
         `UPDATE_DOCS=1 cargo test --test docs`.\n\n\
         Everything is reachable without Alt: arrows, Tab, Enter, Esc, F-keys and Ctrl keys.\n\
         A confirmed edit is saved at once; Ctrl+Z and Ctrl+Y undo and redo confirmed edits.\n\
         Text typed into a multi-line area is saved as it is typed.\n",
    );
    for (title, rows) in help() {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## {title} ({})\n\n| key | does (as the help overlay says it) |\n|---|---|\n",
            gloss(title)
        ));
        for (keys, what) in rows {
            out.push_str(&format!("| `{}` | {what} |\n", keys.replace('|', "\\|")));
        }
    }
    out
}

/// English names of the contexts, for the document's headings.
fn gloss(title: &str) -> &'static str {
    match title {
        "开始页" => "start screen",
        "表单" => "form tabs: 单位信息 organisation, 预算执行 budget, 资产 assets; a project's 项目信息 and 项目资金",
        "绩效指标表" => "the indicator grid",
        "报告文字" => "narrative sections",
        "编辑单行" => "editing a field or cell",
        "编辑多行文字" => "editing a multi-line text",
        "评分规则" => "the rule form",
        "检查结果" => "the findings in the side panel",
        "移动" => "moving, wherever there is a list",
        "筛选" => "typing the start screen's filter",
        "新建自评" => "the new-evaluation dialog: 单位名称, 年度, 类型 (部门整体 or 项目), 项目名称, 评分模板",
        "年度比较" => "comparing years",
        "配对改名的指标或项目" => "pairing a renamed indicator, or a renamed project, by hand",
        "趋势" => "the trend of a total, an indicator or a figure",
        "导出" => "the export menu, F6",
        "复核" => "the finance bureau's review of every evaluation of a year (b on the start screen)",
        "评分模板" => "the template screen, F10 from every tab (docs/templates.md)",
        "评分模板：列" => "the template screen, in an opened list of columns or rows",
        "换用评分模板" => "choosing another template: a preset or the county's own",
        "修改记录" => "the history of an evaluation's changes, F7 (h on the start screen)",
        "写明原因" => "typing the reason to unlock a filed evaluation (l on the start screen, F8)",
        _ => "see the help overlay",
    }
}

#[test]
fn docs_keys_md_is_the_key_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    let expected = keys_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(actual == expected, "docs/keys.md is out of date: run UPDATE_DOCS=1 cargo test --test docs");
}
