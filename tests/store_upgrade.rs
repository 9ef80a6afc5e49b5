//! A database written by an earlier release opens with nothing lost.
//!
//! `tests/data/schema1.db` was written by the schema-1 release, and
//! `tests/data/schema1-*.toml` are what that release exported of its three
//! evaluations; `tests/data/schema2.db` and `schema2-*.toml` the same for the schema-2
//! release, with projects, and `schema6.db` for the schema-6 release, with collected
//! hand-ins and its review (see `tests/data/README.md`). A copy of each database is opened
//! with this release's store (which applies every later migration), and each evaluation
//! is compared field by field with the file that release wrote; the raw rows of the old
//! tables are compared column by column too.

use jixiao::domain::field::Field;
use jixiao::domain::model::Evaluation;
use jixiao::domain::project::Kind;
use jixiao::file::from_toml;
use jixiao::store::{Store, migrate};
use rusqlite::Connection;
use rusqlite::types::Value;
use std::path::{Path, PathBuf};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const EXPORTS: [&str; 3] = ["schema1-seed-2024.toml", "schema1-seed-2025.toml", "schema1-other-2023.toml"];

/// A copy of the schema-1 database in a temporary directory (the original stays as it is).
fn copy_of_schema1(dir: &Path) -> PathBuf {
    let path = dir.join("schema1.db");
    std::fs::copy(Path::new(DATA).join("schema1.db"), &path).expect("tests/data/schema1.db is in the repository");
    path
}

fn exported(name: &str) -> Evaluation {
    from_toml(&std::fs::read_to_string(Path::new(DATA).join(name)).unwrap()).unwrap()
}

/// Every row of a table, every column, in a stable order.
fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
    let order = (1..=columns.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {} FROM {table} ORDER BY {order}", columns.join(", "));
    let mut stmt = conn.prepare(&sql).unwrap();
    let n = columns.len();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect()).unwrap().map(Result::unwrap).collect()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

const TABLES: [&str; 6] = ["organisation", "evaluation", "unit_name", "special_fund", "indicator", "narrative"];

#[test]
fn the_schema1_database_is_really_schema_1() {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(copy_of_schema1(dir.path())).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 1);
    assert!(migrate::latest() > 1, "this test is about opening an older schema");
    let count: i64 = conn.query_row("SELECT count(*) FROM evaluation", [], |r| r.get(0)).unwrap();
    assert_eq!(count, EXPORTS.len() as i64);
}

#[test]
fn every_evaluation_of_schema_1_reads_back_as_that_release_exported_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&copy_of_schema1(dir.path())).unwrap();
    store.verify().unwrap();
    assert_eq!(store.list().unwrap().len(), EXPORTS.len());
    for name in EXPORTS {
        let expected = exported(name);
        let id = store.find(&expected.organisation.name, expected.year).unwrap().unwrap_or_else(|| panic!("{name}"));
        let got = store.load(id).unwrap().evaluation;
        assert_eq!(got.kind, Kind::Department, "{name}: an old evaluation is the department's");
        // Part by part first, so that a failure says where; then the whole.
        for &f in Field::ALL {
            assert_eq!(f.get(&got), f.get(&expected), "{name}: {}", f.place());
        }
        assert_eq!(got.organisation, expected.organisation, "{name}: 单位基本情况");
        assert_eq!(got.template, expected.template, "{name}: 模板");
        assert_eq!(got.special_funds, expected.special_funds, "{name}: 专项资金");
        assert_eq!(got.indicators.len(), expected.indicators.len(), "{name}: 指标行数");
        for (g, e) in got.indicators.iter().zip(&expected.indicators) {
            assert_eq!(g, e, "{name}: 指标“{}”", e.name);
        }
        assert_eq!(got.narrative, expected.narrative, "{name}: 报告文字");
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn the_migration_keeps_every_old_row_and_column_and_the_cached_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_schema1(dir.path());
    let before: Vec<(String, Vec<String>, Vec<Vec<Value>>)> = {
        let conn = Connection::open(&path).unwrap();
        TABLES
            .iter()
            .map(|t| {
                let cols = columns(&conn, t);
                let data = rows(&conn, t, &cols);
                (t.to_string(), cols, data)
            })
            .collect()
    };
    let store = Store::open(&path).unwrap();
    let list = store.list().unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    for (table, cols, data) in &before {
        assert!(!data.is_empty(), "{table} has rows in schema 1");
        assert_eq!(&rows(&conn, table, cols), data, "{table}: every old column of every row");
    }
    let kinds: Vec<(String, String)> = conn
        .prepare("SELECT kind, project_name FROM evaluation")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(kinds.iter().all(|(k, p)| k == "department" && p.is_empty()), "{kinds:?}");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, migrate::latest());
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0);
    // The totals cached by the old release are what this one computes.
    for s in list {
        let ev = exported(
            EXPORTS
                .iter()
                .find(|n| exported(n).year == s.year && exported(n).organisation.name == s.organisation)
                .unwrap(),
        );
        let sheet = jixiao::domain::score::score(&ev);
        assert_eq!(s.total, sheet.total, "{} {}", s.organisation, s.year);
    }
}

#[test]
fn a_migrated_database_takes_projects_beside_its_departments() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&copy_of_schema1(dir.path())).unwrap();
    let dept = exported("schema1-seed-2024.toml");
    let mut project = Evaluation { kind: Kind::Project, year: 2024, ..Evaluation::default() };
    project.organisation.name = dept.organisation.name.clone();
    project.project.name = "科技项目资金".into();
    let id = store.create(&project).unwrap();
    assert_eq!(store.load(id).unwrap().evaluation, project);
    assert_eq!(store.projects_of(&dept.organisation.name, 2024).unwrap().len(), 1);
    // The department is still found, and still alone among the departments of 2024.
    let found = store.find(&dept.organisation.name, 2024).unwrap().unwrap();
    assert_eq!(store.load(found).unwrap().evaluation, dept);
    assert!(store.create(&dept).is_err(), "still one department a year");
}

#[test]
fn a_migrated_database_remembers_where_an_evaluation_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_schema1(dir.path());
    let mut store = Store::open(&path).unwrap();
    let id = store.list().unwrap()[0].id;
    assert_eq!(store.place(id).unwrap(), None, "nothing stored for evaluations of schema 1");
    let place = jixiao::store::Place { tab: 3, grid_row: 4, grid_col: 4, text_item: 0 };
    store.save_place(id, place).unwrap();
    drop(store);
    assert_eq!(Store::open(&path).unwrap().place(id).unwrap(), Some(place));
}

/// The schema-2 database: a department with a project, both drafted into the next year,
/// and another organisation's project (`tests/data/README.md`).
const SCHEMA2: [(&str, Option<&str>); 5] = [
    ("schema2-seed-2024.toml", None),
    ("schema2-keji-2024.toml", Some("科技项目资金")),
    ("schema2-seed-2025.toml", None),
    ("schema2-keji-2025.toml", Some("科技项目资金")),
    ("schema2-hubei-2024.toml", Some("重点传染病监测项目")),
];

fn copy_of(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new(DATA).join(name), &path).unwrap_or_else(|e| panic!("tests/data/{name}: {e}"));
    path
}

#[test]
fn the_schema2_database_is_really_schema_2_with_projects() {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(copy_of(dir.path(), "schema2.db")).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 2);
    assert!(migrate::latest() > 2, "this test is about opening an older schema");
    let projects: i64 =
        conn.query_row("SELECT count(*) FROM evaluation WHERE kind = 'project'", [], |r| r.get(0)).unwrap();
    assert_eq!(projects, 3);
    let count: i64 = conn.query_row("SELECT count(*) FROM evaluation", [], |r| r.get(0)).unwrap();
    assert_eq!(count, SCHEMA2.len() as i64);
}

#[test]
fn every_evaluation_of_schema_2_reads_back_as_that_release_exported_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&copy_of(dir.path(), "schema2.db")).unwrap();
    store.verify().unwrap();
    assert_eq!(store.list().unwrap().len(), SCHEMA2.len());
    for (name, project) in SCHEMA2 {
        let expected = exported(name);
        let id = store
            .find_in(&expected.organisation.name, expected.year, project)
            .unwrap()
            .unwrap_or_else(|| panic!("{name}"));
        let got = store.load(id).unwrap();
        assert_eq!(got.filing, None, "{name}: nothing old is filed");
        let got = got.evaluation;
        for &f in Field::ALL {
            assert_eq!(f.get(&got), f.get(&expected), "{name}: {}", f.place());
        }
        assert_eq!(got.project, expected.project, "{name}: 项目信息");
        assert_eq!(got.indicators, expected.indicators, "{name}: 指标");
        assert_eq!(got.narrative, expected.narrative, "{name}: 报告文字");
        assert_eq!(got, expected, "{name}");
        assert!(store.changes(id).unwrap().is_empty(), "{name}: no history from before there was one");
    }
}

#[test]
fn the_schema2_migration_keeps_every_row_and_backs_the_old_file_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of(dir.path(), "schema2.db");
    let before: Vec<(String, Vec<String>, Vec<Vec<Value>>)> = {
        let conn = Connection::open(&path).unwrap();
        TABLES
            .iter()
            .map(|t| {
                let cols = columns(&conn, t);
                let data = rows(&conn, t, &cols);
                (t.to_string(), cols, data)
            })
            .collect()
    };
    let store = Store::open(&path).unwrap();
    let backup = store.migrated_from().expect("a backup before migrating").to_path_buf();
    assert!(backup.starts_with(dir.path().join("backups")), "{}", backup.display());
    assert!(backup.file_name().unwrap().to_string_lossy().ends_with("-before-migration.db"), "{}", backup.display());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    for (table, cols, data) in &before {
        assert!(!data.is_empty(), "{table} has rows in schema 2");
        assert_eq!(&rows(&conn, table, cols), data, "{table}: every old column of every row");
    }
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0);
    // The backup is the old database as it was: schema 2, every row.
    let old = Connection::open(&backup).unwrap();
    let version: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 2);
    for (table, cols, data) in &before {
        assert_eq!(&rows(&old, table, cols), data, "backup: {table}");
    }
    // Opening again migrates nothing and backs nothing up.
    assert!(Store::open(&path).unwrap().migrated_from().is_none());
}

/// The schema-6 database: collected hand-ins (a workbook stating its total and an
/// evaluation file), both drafted into the next year (`tests/data/README.md`).
const SCHEMA6: [(&str, Option<&str>); 4] = [
    ("schema6-seed-2024.toml", None),
    ("schema6-keji-2024.toml", Some("科技项目资金")),
    ("schema6-seed-2025.toml", None),
    ("schema6-keji-2025.toml", Some("科技项目资金")),
];

#[test]
fn the_schema6_database_is_really_schema_6_with_collected_hand_ins() {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(copy_of(dir.path(), "schema6.db")).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 6);
    assert!(migrate::latest() > 6, "this test is about opening an older schema");
    let stated: Option<String> =
        conn.query_row("SELECT stated_total FROM collected WHERE source LIKE '%.xlsx'", [], |r| r.get(0)).unwrap();
    assert_eq!(stated.as_deref(), Some("98.76"));
}

#[test]
fn every_evaluation_and_collect_record_of_schema_6_survives_and_reviews_as_that_release_reviewed_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of(dir.path(), "schema6.db");
    let collected = {
        let conn = Connection::open(&path).unwrap();
        let cols = columns(&conn, "collected");
        rows(&conn, "collected", &cols)
    };
    let store = Store::open(&path).unwrap();
    store.verify().unwrap();
    for (name, project) in SCHEMA6 {
        let expected = exported(name);
        let id = store.find_in(&expected.organisation.name, expected.year, project).unwrap().expect(name);
        assert_eq!(store.load(id).unwrap().evaluation, expected, "{name}");
    }
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let cols = columns(&conn, "collected");
    assert_eq!(rows(&conn, "collected", &cols), collected, "every collect record as it was");
    // The review, now read from stored lines, says what the schema-6 release's review
    // (which scored every evaluation each time) said.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("--db")
        .arg(&path)
        .args(["review", "--year", "2025", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let now: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let then: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(DATA).join("schema6-review-2025.json")).unwrap())
            .unwrap();
    assert_eq!(now, then);
    let lines: i64 = conn.query_row("SELECT count(*) FROM review_line", [], |r| r.get(0)).unwrap();
    assert_eq!(lines, SCHEMA6.len() as i64, "both years' lines are stored by the first review");
}
