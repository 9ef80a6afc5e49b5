//! The real binary, run as a user would.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const ORG: &str = "衡阳县科技和工业信息化局";

fn jixiao(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = jixiao(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail, returning its stderr.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = jixiao(db, args);
    assert!(!out.status.success(), "{args:?} should have failed");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    String::from_utf8(out.stderr).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

#[test]
fn demo_then_score_shows_the_seed_as_filed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    assert!(ok(&db, &["demo"]).contains("已载入示例"));
    let text = ok(&db, &["score", "--org", ORG, "--year", "2024"]);
    assert!(text.contains("总分 98.76，等级 优"), "{text}");
    assert!(text.contains("按规则总分 99.10"), "{text}");
    assert!(text.contains("差异：总成本 填报 19.66，按规则 20.00（差 −0.34）"), "{text}");
    let row = text.lines().find(|l| l.starts_with("新增规上企业")).unwrap();
    assert!(row.contains("2.84") && row.contains("少2家 × 0.08 = 扣0.16分"), "{row}");
    // demo is idempotent.
    assert!(ok(&db, &["demo"]).contains("示例已存在"));
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn score_json_has_decimals_as_strings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    let v = json(&db, &["score", "--org", ORG, "--year", "2024", "--json"]);
    assert_eq!(v["total"], "98.76");
    assert_eq!(v["rule_total"], "99.10");
    assert_eq!(v["grade"], "优");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 16);
    let cost = items.iter().find(|i| i["name"] == "总成本").unwrap();
    assert_eq!(
        (&cost["weight"], &cost["score"], &cost["rule_score"]),
        (&"20".into(), &"19.66".into(), &"20.00".into())
    );
    assert_eq!(cost["difference"], "-0.34");
    for item in items {
        for key in ["name", "weight", "score", "explanation"] {
            assert!(item[key].is_string(), "{key} of {item}");
        }
        assert!(item["rule_score"].is_string(), "every seed rule computes: {item}");
    }
    // The organisation's id from `list` works as --org too.
    let id = json(&db, &["list", "--json"])[0]["organisation_id"].as_i64().unwrap().to_string();
    assert_eq!(json(&db, &["score", "--org", &id, "--year", "2024", "--json"])["total"], "98.76");
}

#[test]
fn check_lists_the_seeds_inconsistencies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    let v = json(&db, &["check", "--org", ORG, "--year", "2024", "--json"]);
    let messages: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    for expected in [
        "三公经费预算：分项合计 8.16 ≠ 合计 8.15",
        "净资产 139.91",
        "按收入性质",
        "评分标准写明满分 2 分，分值为 3 分",
        "单位应为万元",
    ] {
        assert!(messages.iter().any(|m| m.contains(expected)), "missing {expected}: {messages:#?}");
    }
    assert_eq!(v["counts"]["errors"], 0);
    let text = ok(&db, &["check", "--org", ORG, "--year", "2024"]);
    assert!(text.contains("[提示] 三公经费预算"), "{text}");
}

#[test]
fn export_and_import_round_trip_through_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let file = dir.path().join("导出.toml");
    ok(&a, &["demo"]);
    ok(&a, &["export", "--org", ORG, "--year", "2024", "-o", file.to_str().unwrap()]);
    // Refuses to overwrite unless asked.
    let err = fails(&a, &["export", "--org", ORG, "--year", "2024", "-o", file.to_str().unwrap()]);
    assert!(err.contains("已存在：加 --force 覆盖"), "{err}");
    ok(&a, &["export", "--org", ORG, "--year", "2024", "-o", file.to_str().unwrap(), "--force"]);
    assert!(ok(&b, &["import", file.to_str().unwrap()]).contains("已导入"));
    let again = ok(&b, &["export", "--org", ORG, "--year", "2024"]);
    assert_eq!(again, std::fs::read_to_string(&file).unwrap());
    // Importing the same year again needs --replace.
    let err = fails(&b, &["import", file.to_str().unwrap()]);
    assert!(err.contains("已存在：加 --replace 覆盖"), "{err}");
    assert!(ok(&b, &["import", file.to_str().unwrap(), "--replace"]).contains("已覆盖"));
    assert_eq!(json(&b, &["list", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_malformed_file_is_refused_with_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let file = dir.path().join("bad.toml");
    let text =
        include_str!("../docs/examples/hengyang-2024.toml").replace("executed = \"7256.10\"", "executed = 7256.10");
    std::fs::write(&file, &text).unwrap();
    let line = text.lines().position(|l| l == "executed = 7256.10").unwrap() + 1;
    let err = fails(&db, &["import", file.to_str().unwrap()]);
    assert!(err.contains(&format!("第 {line} 行")), "{err}");
    assert!(err.contains("小数请加引号"), "{err}");
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 0);
}

#[test]
fn errors_are_plain_words_with_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    assert!(fails(&db, &["score", "--org", "没有这个单位", "--year", "2024"]).contains("找不到单位“没有这个单位”"));
    assert!(fails(&db, &["score", "--org", ORG, "--year", "2023"]).contains("没有 2023 年的自评"));
    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "hello, not a database at all").unwrap();
    assert!(fails(&not_db, &["list"]).contains("不是数据库文件"));
    assert!(fails(&db, &["import", "/nonexistent/x.toml"]).contains("无法读取"));
    let stderr = fails(&db, &["score", "--org", ORG, "--year", "abc"]);
    assert!(stderr.contains("abc"), "clap names the bad value: {stderr}");
}

#[test]
fn without_db_the_platform_data_dir_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("jixiao/jixiao.db").exists());
}

#[test]
fn list_filters_by_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    let other = dir.path().join("other.toml");
    std::fs::write(
        &other,
        "format = 1\nyear = 2024\n[organisation]\nname = \"某某局\"\n[template]\npreset = \"national\"\n",
    )
    .unwrap();
    ok(&db, &["import", other.to_str().unwrap()]);
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 2);
    let only = json(&db, &["list", "--json", "--org", "某某局"]);
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["organisation"], "某某局");
    assert!(ok(&db, &["list"]).contains("某某局"));
}
