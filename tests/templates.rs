//! The presets of docs/templates.md, each scoring a small table the way its source says,
//! and the optional columns (指标性质, 度量单位, 调整指标值, 得分计算方法, 得分系数,
//! 是否核心指标) as real fields: scored, stored, in the file, printed and read back.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{d, seed, with_template, zip_entry};
use jixiao::domain::model::Evaluation;
use jixiao::domain::nature::Nature;
use jixiao::domain::score::score;
use jixiao::export::docx::export_docx;
use jixiao::export::xlsx::export_xlsx;
use jixiao::file::{FileError, from_toml, to_toml};
use jixiao::store::Store;
use std::io::Cursor;

/// A department's table: its funds block and rows written as `rows` (TOML), under `preset`.
fn table(preset: &str, funds: &str, rows: &str) -> Evaluation {
    let text = format!(
        "format = 2\nyear = 2024\n[organisation]\nname = \"某局\"\n[template]\npreset = \"{preset}\"\n[funds]\n{funds}\n{rows}"
    );
    from_toml(&text).unwrap_or_else(|e| panic!("{preset}: {e}"))
}

/// Two rows worth 40 each, both met.
const TWO_ROWS: &str = r#"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "完成数"
target = "≥100个"
actual = "100个"
weight = "40"
rule = { kind = "proportional" }

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "效果"
target = "效果明显"
actual = "效果明显"
weight = "40"
rule = { kind = "grade" }
"#;

fn total(ev: &Evaluation) -> String {
    let s = score(ev);
    s.show(s.total)
}

fn funds_score(ev: &Evaluation) -> String {
    let s = score(ev);
    s.show(s.items[0].score)
}

#[test]
fn hubei_weighs_the_funds_row_20() {
    // 执行率 98 %: 9.80 of 10 on the national form, 19.60 of 20 on Hubei's.
    let funds = "full_year = \"50\"\nexecuted = \"49\"";
    assert_eq!(total(&table("national", funds, TWO_ROWS)), "89.80");
    let hubei = table("hubei", funds, TWO_ROWS);
    assert_eq!(total(&hubei), "99.60");
    assert_eq!(score(&hubei).grade.label(), "优");
}

#[test]
fn hebei_files_whole_points() {
    // 86.2 % × 10 = 8.62, filed as 9.
    let funds = "full_year = \"100\"\nexecuted = \"86.2\"";
    assert_eq!(funds_score(&table("national", funds, TWO_ROWS)), "8.62");
    assert_eq!(funds_score(&table("hebei", funds, TWO_ROWS)), "9");
}

#[test]
fn sichuan_measures_the_rate_on_the_adjusted_budget() {
    // 76 ÷ 80 (调整后预算数) = 95 %, not 76 ÷ 100 (全年预算数).
    let funds = "full_year = \"100\"\nadjusted = \"80\"\nexecuted = \"76\"";
    assert_eq!(funds_score(&table("national", funds, TWO_ROWS)), "7.60");
    assert_eq!(funds_score(&table("sichuan", funds, TWO_ROWS)), "9.50");
}

#[test]
fn beijing_measures_the_rate_on_the_initial_budget() {
    let funds = "initial = \"50\"\nfull_year = \"60\"\nexecuted = \"45\"";
    assert_eq!(funds_score(&table("beijing", funds, TWO_ROWS)), "9.00");
}

#[test]
fn the_older_framework_has_no_funds_row() {
    let funds = "full_year = \"100\"\nexecuted = \"50\"";
    let ev = table("framework", funds, TWO_ROWS);
    assert_eq!(total(&ev), "80.00", "the indicators only");
}

/// Chongqing's rows: 得分系数 × 权重, 指标性质 choosing 正向/反向, 调整指标值.
const CHONGQING_ROWS: &str = r#"
[[indicators]]
name = "新闻发稿量"
unit = "篇"
nature = "≥"
target = "1000"
adjusted_target = "1100"
actual = "1050"
weight = "40"
core = true
rule = { kind = "directional" }

[[indicators]]
name = "差错率"
unit = "%"
nature = "≤"
target = "1"
actual = "2"
coefficient = "60"
weight = "50"
core = false
method = "得分系数×指标权重"
rule = { kind = "directional" }
"#;

fn chongqing() -> Evaluation {
    table("chongqing", "full_year = \"100\"\nexecuted = \"100\"", CHONGQING_ROWS)
}

#[test]
fn chongqing_scores_by_coefficient_times_weight_and_the_nature_chooses_the_direction() {
    let ev = chongqing();
    let s = score(&ev);
    // 正向 (≥) on the adjusted target: 40 × 1050 ÷ 1100 = 38.18.
    assert_eq!(s.show(s.items[1].score), "38.18");
    // 反向 (≤) would be 50 × 1 ÷ 2 = 25; the 得分系数 60 % × 50 is what is filed.
    assert_eq!(s.items[2].rule_score, Some(d("25")));
    assert_eq!(s.show(s.items[2].score), "30.00");
    assert!(s.items[2].explanation.contains("得分系数60%"), "{}", s.items[2].explanation);
}

#[test]
fn the_optional_columns_round_trip_through_the_file_and_the_database() {
    let ev = chongqing();
    let back = from_toml(&to_toml(&ev)).unwrap();
    assert_eq!(back, ev);
    let r = &back.indicators[1];
    assert_eq!(
        (r.nature, r.unit.as_str(), r.coefficient, r.core),
        (Some(Nature::AtMost), "%", Some(d("60")), Some(false))
    );
    assert_eq!(r.method, "得分系数×指标权重");
    assert_eq!(back.indicators[0].adjusted_target.text(), "1100");
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create(&ev).unwrap();
    assert_eq!(store.load(id).unwrap().evaluation, ev);
}

#[test]
fn a_file_naming_an_unknown_preset_is_refused_with_the_line_and_the_known_ones() {
    let text = "format = 2\nyear = 2024\n[organisation]\nname = \"某局\"\n\n[template]\npreset = \"guangdong\"\n";
    match from_toml(text) {
        Err(FileError::At { line, message, .. }) => {
            assert_eq!(line, 7, "{message}");
            assert!(
                message.contains("guangdong") && message.contains("hubei") && message.contains("chongqing"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The 自评表 sheet's text cells, in reading order.
fn form_texts(bytes: Vec<u8>) -> Vec<String> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    range.used_cells().filter_map(|(_, _, v)| if let Data::String(s) = v { Some(s.clone()) } else { None }).collect()
}

#[test]
fn the_workbook_prints_each_templates_own_columns() {
    let hunan = form_texts(export_xlsx(&seed(), &[]).unwrap());
    let sichuan = form_texts(export_xlsx(&with_template(seed(), "sichuan"), &[]).unwrap());
    let has = |cells: &[String], t: &str| cells.iter().any(|c| c == t);
    for t in ["评（扣）分标准", "分值", "偏差原因分析及改进措施", "全年预算数"] {
        assert!(has(&hunan, t), "hunan lacks {t}: {hunan:?}");
    }
    for t in ["指标性质", "度量单位", "权重", "未完成原因分析", "调整后预算数", "预算执行数"]
    {
        assert!(has(&sichuan, t), "sichuan lacks {t}: {sichuan:?}");
    }
    assert!(!has(&sichuan, "评（扣）分标准") && !has(&hunan, "指标性质"));
    // The columns in the template's order: 指标性质 between 三级指标 and 指标值.
    let at = |t: &str| sichuan.iter().position(|c| c == t).unwrap();
    assert!(at("三级指标") < at("指标性质") && at("指标性质") < at("指标值"));
}

#[test]
fn the_report_prints_each_templates_own_columns() {
    let texts = |ev: &Evaluation| zip_entry(&export_docx(ev, &[]).unwrap(), "word/document.xml");
    let hunan = texts(&seed());
    let chongqing = texts(&with_template(seed(), "chongqing"));
    assert!(hunan.contains("评（扣）分标准") && !hunan.contains("得分系数"));
    for t in ["得分系数（%）", "是否核心指标", "调整指标值", "计量单位", "自评总分"] {
        assert!(chongqing.contains(t), "chongqing lacks {t}");
    }
}

/// A workbook holding only what a reader sees of jixiao's 自评表 (no hidden data): as
/// if the table had been copied into a new workbook by hand.
fn values_only(bytes: Vec<u8>) -> Vec<u8> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (r, c, v) in range.used_cells() {
        let (r, c) = (r as u32, c as u16);
        match v {
            Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
            Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
            Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
            _ => Ok(()),
        }
        .unwrap();
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn a_printed_chongqing_table_is_read_back_with_its_columns() {
    let ev = chongqing();
    let (back, notes) = jixiao::import::import_xlsx(&values_only(export_xlsx(&ev, &[]).unwrap())).unwrap();
    assert_eq!(back.template.preset, "chongqing", "{notes:?}");
    assert_eq!(back.indicators.len(), 2, "{notes:?}");
    let sheet = score(&ev);
    for (i, (a, b)) in ev.indicators.iter().zip(&back.indicators).enumerate() {
        assert_eq!(
            (a.name.as_str(), a.nature, &a.unit, a.adjusted_target.text(), a.core),
            (b.name.as_str(), b.nature, &b.unit, b.adjusted_target.text(), b.core),
            "{notes:?}"
        );
        // A row without a stored 得分系数 is printed with the one its score implies;
        // read back, it gives the same score.
        match a.coefficient {
            Some(c) => assert_eq!(b.coefficient, Some(c)),
            None => {
                let c = b.coefficient.expect("the printed coefficient");
                assert_eq!((c * a.weight / d("100")).round_dp(2), sheet.items[i + 1].score);
            }
        }
    }
}
