//! Trust on the command line: lock and unlock, history, backup and restore, the
//! automatic backup before `import --replace`, and the `--db` rules (`JIXIAO_DB`; a
//! command that only reads creates nothing).

mod binary;

use binary::{ORG, command, fails, json, ok, succeeds};
use std::path::Path;

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("j.db");
    ok(&db, &["demo"]);
    db
}

const WHICH: [&str; 4] = ["--org", ORG, "--year", "2024"];

fn args<'a>(first: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    first.iter().chain(rest).copied().collect()
}

#[test]
fn lock_makes_every_cli_edit_path_refuse_until_unlock_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("seed.toml");
    ok(&db, &args(&["export"], &args(&WHICH, &["-o", file.to_str().unwrap()])));
    let out = ok(&db, &args(&["lock"], &WHICH));
    assert!(out.starts_with(&format!("已提交：{ORG} 2024年")), "{out}");
    let list = ok(&db, &["list"]);
    assert!(list.lines().nth(1).unwrap().contains("已提交"), "{list}");
    assert!(json(&db, &["list", "--json"])[0]["filed"]["by"].is_string());

    // Every command that would change it is refused, saying it is filed.
    let err = fails(&db, &["import", "--replace", file.to_str().unwrap()]);
    assert!(err.contains("已提交") && err.contains("只读"), "{err}");
    assert!(!dir.path().join("backups").exists(), "refused before anything, the backup too");
    assert!(fails(&db, &args(&["lock"], &WHICH)).contains("已提交"));
    // new-year into a filed year: it exists, and is left as it is.
    ok(&db, &["new-year", "--org", ORG, "--from", "2024"]);
    let drafted = json(&db, &["history", "--org", ORG, "--year", "2025", "--json"]);
    assert_eq!(
        (&drafted["changes"][0]["action"], &drafted["changes"][0]["note"]),
        (&"new_year".into(), &"由 2024年生成".into())
    );
    ok(&db, &["lock", "--org", ORG, "--year", "2025"]);
    let err = fails(&db, &["new-year", "--org", ORG, "--from", "2024"]);
    assert!(err.contains("已存在，未作修改"), "{err}");

    assert!(fails(&db, &args(&["unlock"], &args(&WHICH, &["--reason", " "]))).contains("原因"));
    let out = ok(&db, &args(&["unlock"], &args(&WHICH, &["--reason", "财政局退回修改"])));
    assert!(out.contains("已解锁") && out.contains("财政局退回修改"), "{out}");
    let out = succeeds(&mut command(&db, &["import", "--replace", file.to_str().unwrap()]));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("覆盖前已备份数据库：") && stderr.contains("backups"), "{stderr}");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
    assert_eq!(backups.len(), 1);

    let history = json(&db, &args(&["history"], &args(&WHICH, &["--json"])));
    let actions: Vec<&str> =
        history["changes"].as_array().unwrap().iter().map(|c| c["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "lock", "unlock", "replace"]);
    assert_eq!(history["changes"][2]["note"], "财政局退回修改");
    let text = ok(&db, &args(&["history"], &WHICH));
    assert!(text.contains("修改记录 4 条") && text.contains("原因：财政局退回修改"), "{text}");
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let copy = dir.path().join("备份.db");
    let out = ok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(out.contains("已备份"), "{out}");
    assert!(fails(&db, &["backup", copy.to_str().unwrap()]).contains("已存在"), "never over a file");
    let out = ok(&db, &["backup"]);
    assert!(out.contains("backups") && out.contains("-manual.db"), "{out}");
    ok(&db, &["new-year", "--org", ORG, "--from", "2024"]);
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 2);
    let out = ok(&db, &["restore", copy.to_str().unwrap()]);
    assert!(out.contains("1 份自评") && out.contains("replaced"), "{out}");
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 1);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "x".repeat(100)).unwrap();
    assert!(fails(&db, &["restore", junk.to_str().unwrap()]).contains("不是数据库文件"));
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 1, "nothing replaced");
}

#[test]
fn jixiao_db_chooses_the_database_and_db_wins_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let bin = env!("CARGO_BIN_EXE_jixiao");
    let run =
        |args: &[&str], env: &Path| std::process::Command::new(bin).args(args).env("JIXIAO_DB", env).output().unwrap();
    let out = run(&["list", "--json"], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["organisation"], ORG);
    let elsewhere = dir.path().join("elsewhere.db");
    let out = run(&["--db", elsewhere.to_str().unwrap(), "list"], &db);
    assert!(!out.status.success() && !elsewhere.exists(), "--db wins, and a reading command creates nothing");
}

#[test]
fn commands_that_only_read_create_nothing_on_a_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("拼错的目录/j.db");
    let reading: [&[&str]; 7] = [
        &["list"],
        &["score", "--org", ORG, "--year", "2024"],
        &["check", "--org", ORG, "--year", "2024"],
        &["export", "--org", ORG, "--year", "2024"],
        &["compare", "--org", ORG, "--years", "2023,2024"],
        &["history", "--org", ORG, "--year", "2024"],
        &["lock", "--org", ORG, "--year", "2024"],
    ];
    for args in reading {
        let err = fails(&db, args);
        assert!(err.contains("不存在") && err.contains("--db"), "{args:?}: {err}");
        assert!(!dir.path().join("拼错的目录").exists(), "{args:?} created the directory");
    }
    // demo and import create it, and say so.
    let out = succeeds(&mut command(&db, &["demo"]));
    assert!(String::from_utf8(out.stderr).unwrap().contains("已新建数据库"));
    assert!(db.exists());
}
