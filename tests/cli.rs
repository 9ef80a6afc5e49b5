//! The real binary, run as a user would.

mod binary;

use binary::{ORG, fails, json, ok};
use std::path::Path;
use std::process::Command;

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

/// Fills the stored 2025 draft as its year would: the seed's actuals and funds, with
/// 新增规上企业 now met, more revenue, 乡村振兴 dropped and 党建活动 renamed.
fn fill_2025(db: &Path) {
    use jixiao::domain::model::Typed;
    use jixiao::domain::money::Amount;
    let mut store = jixiao::store::Store::open(db).unwrap();
    let seed = store.load(store.find(ORG, 2024).unwrap().unwrap()).unwrap().evaluation;
    let draft = store.load(store.find(ORG, 2025).unwrap().unwrap()).unwrap();
    let mut ev = draft.evaluation;
    for (ind, before) in ev.indicators.iter_mut().zip(&seed.indicators) {
        ind.actual = if before.target.text().starts_with("2024-") { ind.target.clone() } else { before.actual.clone() };
        if ind.name == "新增规上企业" {
            ind.actual = Typed::new("25家").unwrap();
        }
        if ind.name == "党建活动" {
            ind.name = "党建活动开展情况".into();
        }
    }
    ev.indicators.retain(|i| i.name != "乡村振兴");
    ev.funds = seed.funds.clone();
    ev.budget = seed.budget.clone();
    ev.budget.final_accounts.revenue = Some(Amount::wan("7500.00".parse().unwrap()));
    ev.assets = seed.assets.clone();
    store.save(draft.id, draft.revision, &ev).unwrap();
}

#[test]
fn new_year_drafts_the_next_year_from_the_last_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    let out = ok(&db, &["new-year", "--org", ORG, "--from", "2024", "--year", "2025"]);
    assert!(
        out.contains("已创建：衡阳县科技和工业信息化局 2025年（由 2024年生成，评分模板：湖南省县级部门整体支出）"),
        "{out}"
    );
    assert!(out.contains("15 项指标"), "{out}");
    assert!(out.contains("申报工作及时完成情况（2024-12-31 改为 2025-12-31）"), "{out}");
    let list = json(&db, &["list", "--json", "--org", ORG]);
    assert_eq!(list.as_array().unwrap().iter().map(|r| r["year"].as_i64().unwrap()).collect::<Vec<_>>(), [2024, 2025]);
    // The draft keeps the targets and leaves the actuals to fill in.
    let draft = json(&db, &["score", "--org", ORG, "--year", "2025", "--json"]);
    let row = draft["items"].as_array().unwrap().iter().find(|i| i["name"] == "科技型中小企业评价入库").unwrap();
    assert_eq!((&row["target"], &row["actual"]), (&"120家".into(), &"".into()));

    let err = fails(&db, &["new-year", "--org", ORG, "--from", "2024", "--year", "2025"]);
    assert!(err.contains("2025年的自评已存在，未作修改"), "{err}");
    assert!(fails(&db, &["new-year", "--org", ORG, "--from", "2023"]).contains("没有 2023 年的自评"));
    assert!(fails(&db, &["new-year", "--org", ORG, "--from", "2024", "--year", "3000"]).contains("不在 1990–2200"));
    // --year defaults to the year after --from.
    assert!(ok(&db, &["new-year", "--org", ORG, "--from", "2025"]).contains("2026年（由 2025年生成，评分模板："));
}

#[test]
fn compare_json_shows_both_years_and_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    ok(&db, &["new-year", "--org", ORG, "--from", "2024"]);
    fill_2025(&db);
    let args = ["compare", "--org", ORG, "--years", "2025,2024", "--pair", "2025:党建活动=党建活动开展情况", "--json"];
    let v = json(&db, &args);
    assert_eq!(v["years"][0]["year"], 2024);
    assert_eq!((&v["years"][0]["total"], &v["years"][0]["grade"]), (&"98.76".into(), &"优".into()));
    // 新增规上企业 +0.16 and 总成本 +0.34 (no typed 19.66 in the new year); 乡村振兴's 3 gone.
    assert_eq!(v["years"][1]["total"], "96.26");
    assert_eq!(v["total"]["values"], serde_json::json!(["98.76", "96.26"]));
    assert_eq!(v["total"]["changes"][0]["text"], "↓ −2.50");
    assert_eq!(v["total"]["changes"][0]["delta"], "-2.5", "exact");

    let rows = v["indicators"].as_array().unwrap();
    let row = |name: &str| rows.iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{name}"));
    let up = row("新增规上企业");
    assert_eq!((&up["cells"][0]["actual"], &up["cells"][1]["actual"]), (&"23家".into(), &"25家".into()));
    assert_eq!(up["steps"][0]["score"]["text"], "↑ +0.16");
    assert_eq!(up["steps"][0]["actual"]["text"], "↑ +2");
    assert_eq!(up["steps"][0]["actual"]["percent"], "8.7");
    assert_eq!(row("乡村振兴")["status"], "removed");
    assert!(row("乡村振兴")["cells"][1].is_null());
    let renamed = row("党建活动开展情况");
    assert_eq!((&renamed["status"], &renamed["steps"][0]["renamed_from"]), (&"renamed".into(), &"党建活动".into()));
    assert_eq!(v["unused_pairings"], serde_json::json!([]));

    let figures = v["figures"].as_array().unwrap();
    let revenue = figures.iter().find(|f| f["key"] == "final_revenue").unwrap();
    assert_eq!(revenue["values"], serde_json::json!(["7256.75", "7500.00"]));
    assert_eq!(revenue["changes"][0]["text"], "↑ +243.25");
    assert_eq!(revenue["changes"][0]["percent_text"], "+3.4%");
    let sangong = figures.iter().find(|f| f["key"] == "sangong_actual").unwrap();
    assert_eq!(sangong["values"][0], "0.000559", "5.59元 in 万元, not rounded away");

    let text = ok(&db, &args[..args.len() - 1]);
    for expected in ["2024、2025年度比较", "2025较2024", "↑ +0.16", "较 2024年删除：乡村振兴", "改名（原为“党建活动”）"]
    {
        assert!(text.contains(expected), "missing {expected}:\n{text}");
    }
    // Without the pairing the renamed row is one removed and one added.
    let unpaired = json(&db, &["compare", "--org", ORG, "--years", "2024,2025", "--json"]);
    assert_eq!(unpaired["indicators"].as_array().unwrap().len(), rows.len() + 1);
}

#[test]
fn compare_refuses_what_it_cannot_compare() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    assert!(fails(&db, &["compare", "--org", ORG, "--years", "2024"]).contains("至少两个不同的年度"));
    assert!(fails(&db, &["compare", "--org", ORG, "--years", "2024,2024"]).contains("至少两个不同的年度"));
    assert!(fails(&db, &["compare", "--org", ORG, "--years", "2023,2024"]).contains("没有 2023 年的自评"));
    let err = fails(&db, &["compare", "--org", ORG, "--years", "2023,2024", "--pair", "党建活动"]);
    assert!(err.contains("年度:原名=新名"), "{err}");
}

#[test]
fn demo_again_reports_what_is_stored_not_the_bundled_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    let file = dir.path().join("edited.toml");
    let edited = ok(&db, &["export", "--org", ORG, "--year", "2024"]).replace("actual = \"23家\"", "actual = \"25家\"");
    std::fs::write(&file, edited).unwrap();
    ok(&db, &["import", file.to_str().unwrap(), "--replace"]);
    let again = ok(&db, &["demo"]);
    assert!(again.contains("示例已存在") && again.contains("总分 98.92"), "{again}");
}

#[test]
fn rule_reads_a_criterion_and_needs_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never.db");
    let text = ok(
        &db,
        &["rule", "完成120家得3分，每少一家扣0.05分", "--weight", "3", "--target", "120家", "--actual", "110家"],
    );
    assert!(text.contains("读作：不足扣分：每少1扣0.05分"), "{text}");
    assert!(text.contains("每少 = 1　← “一家”"), "{text}");
    assert!(text.contains("扣分 = 0.05　← “0.05分”"), "{text}");
    assert!(text.contains("得分：2.5（少10家 × 0.05 = 扣0.5分）"), "{text}");
    assert!(text.ends_with("rule = { kind = \"shortfall\", step = \"1\", deduct = \"0.05\" }\n"), "{text}");
    assert!(!db.exists(), "reading a criterion opens no database");

    let v = json(&db, &["rule", "每超过一个百分点扣0.5分", "--weight", "5", "--target", "≤100%", "--json"]);
    assert_eq!(v["confident"], true);
    assert_eq!(v["rule"]["kind"], "excess");
    assert_eq!(v["rule"]["step"], "1");
    assert_eq!(v["params"][0]["text"], "一个百分点");
    assert_eq!(v["file"], "rule = { kind = \"excess\", step = \"1\", deduct = \"0.5\" }");

    let manual = ok(&db, &["rule", "视完成情况酌情扣分"]);
    assert!(manual.contains("无法读出规则：评分标准含“酌情”"), "{manual}");
    assert_eq!(
        json(&db, &["rule", "视完成情况酌情扣分", "--json"])["cannot_tell"].as_str().map(|s| s.contains("酌情")),
        Some(true)
    );

    let err = fails(&db, &["rule", "每少一家扣0.05分", "--weight", "三分"]);
    assert!(err.contains("--weight"), "{err}");
    let err = fails(&db, &["rule", "每少一家扣0.05分", "--target", "12.3.4"]);
    assert!(err.contains("小数点多于一个"), "{err}");
}
