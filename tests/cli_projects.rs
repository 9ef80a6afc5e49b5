//! Projects on the command line: `--project` on score, check, export, new-year and
//! compare; `list` with kind and project; `new-year --all-projects`.

mod binary;

use binary::{ORG, fails, json, ok};
use std::path::Path;

const KEJI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024-keji.toml");
const P: &str = "科技项目资金";

/// The demo department and its 科技项目资金 project.
fn year_with_a_project(db: &Path) {
    ok(db, &["demo"]);
    let out = ok(db, &["import", KEJI]);
    assert_eq!(out, "已导入：衡阳县科技和工业信息化局 2024年 项目“科技项目资金”（总分 99.50，优）\n");
}

#[test]
fn list_score_check_and_export_take_the_project_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    year_with_a_project(&db);
    let list = ok(&db, &["list"]);
    let header = list.lines().next().unwrap();
    assert!(header.contains("类型") && header.contains("项目"), "{list}");
    assert!(list.lines().any(|l| l.contains("项目") && l.contains(P) && l.contains("99.50")), "{list}");
    assert!(list.lines().any(|l| l.contains("部门整体") && l.contains("98.76")), "{list}");
    let rows = json(&db, &["list", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!((rows[0]["kind"].as_str(), rows[0]["project"].is_null()), (Some("department"), true));
    assert_eq!((rows[1]["kind"].as_str(), rows[1]["project"].as_str()), (Some("project"), Some(P)));

    let score = json(&db, &["score", "--org", ORG, "--year", "2024", "--project", P, "--json"]);
    assert_eq!(
        (score["kind"].as_str(), score["project"].as_str(), score["total"].as_str()),
        (Some("project"), Some(P), Some("99.50"))
    );
    assert_eq!(score["items"].as_array().unwrap().len(), 13, "the funds row and 12 indicators");
    let dept = json(&db, &["score", "--org", ORG, "--year", "2024", "--json"]);
    assert_eq!(dept["total"], "98.76", "without --project: the department");
    let text = ok(&db, &["score", "--org", ORG, "--year", "2024", "--project", P]);
    assert!(text.starts_with("衡阳县科技和工业信息化局 2024年 项目“科技项目资金” 项目支出绩效自评表"), "{text}");

    let check = json(&db, &["check", "--org", ORG, "--year", "2024", "--project", P, "--json"]);
    assert_eq!(check["counts"]["errors"], 0);
    let file = ok(&db, &["export", "--org", ORG, "--year", "2024", "--project", P]);
    assert!(file.contains("kind = \"project\"") && file.contains("name = \"科技项目资金\""));
    let out = dir.path().join("p.docx");
    ok(&db, &["export", "--org", ORG, "--year", "2024", "--project", P, "-o", out.to_str().unwrap()]);
    assert!(std::fs::metadata(&out).unwrap().len() > 1000);

    let err = fails(&db, &["score", "--org", ORG, "--year", "2024", "--project", "没有的项目"]);
    assert!(err.contains("2024年没有名为“没有的项目”的项目自评"), "{err}");
    // The same project file again: refused, naming the project.
    let err = fails(&db, &["import", KEJI]);
    assert!(err.contains("项目“科技项目资金”的自评已存在：加 --replace 覆盖"), "{err}");
    assert!(ok(&db, &["import", KEJI, "--replace"]).starts_with("已覆盖"));
}

#[test]
fn new_year_drafts_one_project_or_the_department_with_all_its_projects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    year_with_a_project(&db);
    let out = ok(&db, &["new-year", "--org", ORG, "--from", "2024", "--project", P]);
    assert!(
        out.starts_with("已创建：衡阳县科技和工业信息化局 2025年 项目“科技项目资金”（由 2024年生成，评分模板："),
        "{out}"
    );
    assert!(
        out.contains("带入：项目信息、预期目标") && out.contains("项目完成及时性（2024-12-31 改为 2025-12-31）"),
        "{out}"
    );
    let err = fails(&db, &["new-year", "--org", ORG, "--from", "2024", "--project", P]);
    assert!(err.contains("项目“科技项目资金”的自评已存在，未作修改"), "{err}");
    // --all-projects: the department is new, the project's 2025 is there already.
    let out = ok(&db, &["new-year", "--org", ORG, "--from", "2024", "--all-projects"]);
    assert!(out.starts_with("已创建：衡阳县科技和工业信息化局 2025年（由 2024年生成，评分模板："), "{out}");
    assert!(out.contains("已存在，未作修改：衡阳县科技和工业信息化局 2025年 项目“科技项目资金”"), "{out}");
    let rows = json(&db, &["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 4);
    // From scratch: one command drafts both.
    let other = dir.path().join("k.db");
    year_with_a_project(&other);
    let out = ok(&other, &["new-year", "--org", ORG, "--from", "2024", "--all-projects"]);
    assert_eq!(out.matches("已创建：").count(), 2, "{out}");
    assert!(
        fails(&other, &["new-year", "--org", ORG, "--from", "2024", "--all-projects"]).contains("已存在，未作修改")
    );
}

#[test]
fn compare_follows_a_project_across_years_and_a_renamed_one_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    year_with_a_project(&db);
    ok(&db, &["new-year", "--org", ORG, "--from", "2024", "--project", P]);
    let c = json(&db, &["compare", "--org", ORG, "--years", "2024,2025", "--project", P, "--json"]);
    assert_eq!(c["project"], P);
    assert_eq!(c["total"]["values"][0], "99.50");
    let keys: Vec<&str> = c["figures"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["funds_full_year", "funds_executed", "execution_rate"]);
    let text = ok(&db, &["compare", "--org", ORG, "--years", "2024,2025", "--project", P]);
    assert!(
        text.starts_with("衡阳县科技和工业信息化局 项目“科技项目资金”：2024、2025年度比较")
            && text.contains("三、项目资金"),
        "{text}"
    );

    // Renamed in 2025: matched only with --pair-project.
    let file = ok(&db, &["export", "--org", ORG, "--year", "2025", "--project", P]);
    let renamed = dir.path().join("renamed.toml");
    std::fs::write(&renamed, file.replace("name = \"科技项目资金\"", "name = \"科技创新专项资金\"")).unwrap();
    let fresh = dir.path().join("r.db");
    year_with_a_project(&fresh);
    ok(&fresh, &["import", renamed.to_str().unwrap()]);
    let err = fails(&fresh, &["compare", "--org", ORG, "--years", "2024,2025", "--project", "科技创新专项资金"]);
    assert!(err.contains("2024年没有名为“科技创新专项资金”的项目自评"), "{err}");
    let args = ["compare", "--org", ORG, "--years", "2024,2025", "--project", "科技创新专项资金", "--json"];
    let mut paired = args.to_vec();
    paired.extend(["--pair-project", "2025:科技项目资金=科技创新专项资金"]);
    let c = json(&fresh, &paired);
    assert_eq!((c["project"].as_str(), c["years"].as_array().unwrap().len()), (Some("科技创新专项资金"), 2));
}
