//! `jixiao review`: a county collected from its hand-ins, reviewed as a table, JSON, the
//! bureau's workbook and its 复核报告; every figure as `score` and `check` give it for
//! one evaluation at a time.

mod common;

use calamine::{Reader, Xlsx};
use common::{keji, seed, zip_entry};
use jixiao::domain::model::{EnteredScore, Evaluation};
use jixiao::export::xlsx::export_xlsx;
use jixiao::file::to_toml;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn jixiao(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao")).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&jixiao(db, args)).unwrap()
}

fn of(org: &str, year: i32, ev: Evaluation) -> Evaluation {
    Evaluation { organisation: jixiao::domain::model::Organisation { name: org.into(), ..ev.organisation }, year, ..ev }
}

/// Two years of a small county, collected from workbooks and evaluation files.
fn county(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("county.db");
    let folder = dir.join("in");
    std::fs::create_dir(&folder).unwrap();
    for year in [2023, 2024] {
        let mut over = of("衡阳县农业农村局", year, seed());
        // Claims full marks on a row its rule scores lower: filed above rule.
        let weight = over.indicators[2].weight;
        over.indicators[2].actual = jixiao::domain::model::Typed::new("0").unwrap();
        over.indicators[2].entered = Some(EnteredScore { score: weight, reason: "按填报".into() });
        let files: Vec<(String, Vec<u8>)> = vec![
            (format!("科技局{year}.xlsx"), export_xlsx(&of("衡阳县科技和工业信息化局", year, seed()), &[]).unwrap()),
            (format!("科技项目{year}.toml"), to_toml(&of("衡阳县科技和工业信息化局", year, keji())).into_bytes()),
            (format!("农业局{year}.xlsx"), export_xlsx(&over, &[]).unwrap()),
        ];
        for (name, bytes) in files {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
    }
    let mut dropped = of("衡阳县农业农村局", 2023, keji());
    dropped.project.name = "旧项目".into();
    std::fs::write(folder.join("旧项目.toml"), to_toml(&dropped)).unwrap();
    jixiao(&db, &["collect", folder.to_str().unwrap()]);
    db
}

#[test]
fn every_line_of_the_review_is_what_score_and_check_give_one_evaluation_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = county(dir.path());
    // collect has made every evaluation's line for the review that follows it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM review_line"), count("SELECT count(*) FROM evaluation"));
    let review = json(&db, &["review", "--year", "2024", "--json"]);
    let lines = review["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    for l in lines {
        let org = l["organisation"].as_str().unwrap();
        let mut args = vec!["--org", org, "--year", "2024", "--json"];
        if let Some(p) = l["project"].as_str() {
            args.extend(["--project", p]);
        }
        let score = json(&db, &[&["score"][..], &args].concat());
        let check = json(&db, &[&["check"][..], &args].concat());
        assert_eq!(l["rule_total"], score["rule_total"], "{org}");
        assert_eq!(l["rule_grade"], score["rule_grade"]);
        // A collected workbook states its total; the evaluation file does not, and its
        // filed total is the sum of its filed scores.
        if l["filed_is_stated"] == true {
            assert_eq!(l["kind"], "department");
        }
        assert_eq!(l["filed"], score["total"], "{org}: the workbooks state what they sum to");
        assert_eq!(l["errors"], check["counts"]["errors"]);
        assert_eq!(l["warnings"], check["counts"]["warnings"]);
        let broken: Vec<&Value> =
            score["items"].as_array().unwrap().iter().filter(|i| !i["difference"].is_null()).collect();
        assert_eq!(l["broken_rows"].as_array().unwrap().len(), broken.len(), "{org}");
    }
    // Sorted by difference: the organisation claiming full marks first.
    assert_eq!(lines[0]["organisation"], "衡阳县农业农村局");
    assert!(lines[0]["difference"].as_str().unwrap().parse::<f64>().unwrap() > 0.0);
    let s = &review["summary"];
    assert_eq!(s["evaluations"], 3);
    assert_eq!(s["excess"][0]["organisation"], "衡阳县农业农村局");
    let y = &review["year_over_year"];
    assert_eq!(y["previous"], 2023);
    assert_eq!(y["dropped_projects"][0]["project"], "旧项目");
    assert_eq!(y["moves"].as_array().unwrap().len(), 3);
    let by_year = review["grades_by_year"].as_array().unwrap();
    assert_eq!(by_year.len(), 2);
    assert_eq!(by_year[0]["year"], 2023);

    let above = json(&db, &["review", "--year", "2024", "--json", "--filter", "above-rule"]);
    assert_eq!(above["lines"].as_array().unwrap().len(), 1);
    let text = jixiao(&db, &["review", "--org", "科技"]);
    assert!(text.contains("衡阳县科技和工业信息化局") && !text.contains("衡阳县农业农村局  "), "{text}");
}

#[test]
fn the_review_workbook_and_report_read_back_with_their_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let db = county(dir.path());
    let xlsx = dir.path().join("复核.xlsx");
    jixiao(&db, &["review", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let bytes = std::fs::read(&xlsx).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), vec!["总览", "全部问题", "复核意见", "历年等级", "年度变化"]);
    let review = json(&db, &["review", "--json"]);
    let findings = book.worksheet_range("全部问题").unwrap();
    let expected: u64 = review["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| ["errors", "warnings", "notes"].iter().map(|k| l[k].as_u64().unwrap()).sum::<u64>())
        .sum();
    // Title and header rows, then one row per finding.
    assert_eq!(findings.height() as u64, expected + 2);
    let opinions = book.worksheet_range("复核意见").unwrap();
    let agri = (0..opinions.height())
        .find(|&r| opinions.get_value((r as u32, 0)).is_some_and(|v| *v == "衡阳县农业农村局"))
        .unwrap();
    let text = opinions.get_value((agri as u32, 1)).unwrap().to_string();
    assert!(text.contains("按规则应为") && text.contains("请核实更正"), "{text}");
    let overview = book.worksheet_range("总览").unwrap();
    let cells: Vec<String> = overview.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "填报总分") && cells.iter().any(|c| c == "衡阳县农业农村局"));
    let grades = book.worksheet_range("历年等级").unwrap();
    assert_eq!(grades.get_value((2, 0)).unwrap().to_string(), "2023");
    assert!(zip_entry(&bytes, "xl/charts/chart1.xml").contains("历年自评等级"), "the workbook has its chart");

    let docx = dir.path().join("复核.docx");
    jixiao(&db, &["review", "--format", "docx", "--out", docx.to_str().unwrap()]);
    let doc = zip_entry(&std::fs::read(&docx).unwrap(), "word/document.xml");
    for part in [
        "复核报告",
        "一、复核范围",
        "二、等级分布",
        "三、填报高于评分规则的单位",
        "衡阳县农业农村局",
        "与2023年比较",
        "█",
    ] {
        assert!(doc.contains(part), "{part} missing from the report");
    }
    // Nothing is overwritten without --force.
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("--db")
        .arg(&db)
        .args(["review", "--format", "docx", "--out", docx.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
