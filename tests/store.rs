//! The store: reopening, concurrent use, and every kind of file it must refuse untouched.

mod common;

use common::seed;

use jixiao::domain::change::{Change, Content, Slot};
use jixiao::domain::check::check;
use jixiao::domain::field::Field;
use jixiao::domain::model::{Evaluation, Section, Typed};
use jixiao::domain::score::score;
use jixiao::store::{Cached, ChangeKind, Store, StoreError, migrate};
use std::path::Path;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn an_evaluation_survives_closing_and_reopening_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/j.db");
    let ev = seed();
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.create(&ev).unwrap()
    };
    let store = Store::open(&path).unwrap();
    let loaded = store.load(id).unwrap();
    assert_eq!(loaded.evaluation, ev);
    assert_eq!(loaded.revision, 1);
    let list = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].organisation.as_str(), list[0].year), ("衡阳县科技和工业信息化局", 2024));
    assert_eq!(list[0].total.to_string(), "98.76");
    assert_eq!(list[0].rule_total.to_string(), "99.10");
    assert_eq!(list[0].grade, "优");
    assert_eq!(store.find("衡阳县科技和工业信息化局", 2024).unwrap(), Some(id));
    store.verify().unwrap();
}

#[test]
fn money_is_stored_as_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    store.create(&seed()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (executed, unit_slip): (String, String) = conn
        .query_row("SELECT funds_executed, sangong_actual_total FROM evaluation", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(executed, "7256.10", "trailing zero kept: TEXT, not REAL");
    assert_eq!(unit_slip, "5.59元", "the unit typed is kept");
    let kind: String = conn.query_row("SELECT typeof(funds_executed) FROM evaluation", [], |r| r.get(0)).unwrap();
    assert_eq!(kind, "text");
}

#[test]
fn saves_replace_the_whole_evaluation_and_bump_the_revision() {
    let mut store = Store::open_in_memory().unwrap();
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    ev.indicators[2].actual = Typed::new("25家").unwrap();
    ev.indicators.remove(0);
    ev.organisation.internal_units.push("新股室".into());
    let rev = store.save(id, 1, &ev).unwrap();
    assert_eq!(rev, 2);
    let loaded = store.load(id).unwrap();
    assert_eq!(loaded.evaluation, ev);
    assert_eq!(loaded.revision, 2);
    // A save against the old revision is refused and changes nothing.
    let mut stale = ev.clone();
    stale.year = 2023;
    assert!(matches!(store.save(id, 1, &stale), Err(StoreError::Conflict)));
    assert_eq!(store.load(id).unwrap().evaluation, ev);
}

#[test]
fn one_organisation_year_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let ev = seed();
    let id = store.create(&ev).unwrap();
    assert!(matches!(store.create(&ev), Err(StoreError::Exists { year: 2024, .. })));
    let mut next = ev.clone();
    next.year = 2025;
    let id2 = store.create(&next).unwrap();
    // Moving 2025 onto 2024 by a save is refused too.
    assert!(matches!(store.save(id2, 1, &ev), Err(StoreError::Exists { .. })));
    // replace() overwrites the existing year.
    let mut changed = ev.clone();
    changed.organisation.rank = "改".into();
    assert_eq!(store.replace(&changed).unwrap(), id);
    assert_eq!(store.load(id).unwrap().evaluation.organisation.rank, "改");
    store.delete(id).unwrap();
    store.delete(id2).unwrap();
    assert!(store.list().unwrap().is_empty());
    assert!(store.organisations().unwrap().is_empty(), "organisations without evaluations are removed");
    assert!(matches!(store.delete(id), Err(StoreError::Missing(_))));
}

#[test]
fn two_processes_can_have_the_file_open_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let ev = seed();
    let id = a.create(&ev).unwrap();
    assert_eq!(b.load(id).unwrap().evaluation, ev, "b sees a's committed write");
    let mut edited = ev.clone();
    edited.narrative.other = "由 b 修改".into();
    b.save(id, 1, &edited).unwrap();
    assert!(matches!(a.save(id, 1, &ev), Err(StoreError::Conflict)), "a's stale save must not undo b's");
    assert_eq!(a.load(id).unwrap().evaluation.narrative.other, "由 b 修改");
}

#[cfg(unix)]
#[test]
fn a_new_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    Store::open(&path).unwrap().create(&seed()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(20)).unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err}");
    assert!(err.to_string().contains("不是数据库文件"));
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotJixiao(_)), "{err}");
    assert_eq!(bytes(&path), before, "not even the journal mode may change");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    Store::open(&path).unwrap().create(&seed()).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrate::latest() + 1).unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("请升级 jixiao"));
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_corrupt_file_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    for year in 2000..2040 {
        let mut ev = seed();
        ev.year = year;
        store.create(&ev).unwrap();
    }
    drop(store);
    // Scribble over every page after the first (the header stays valid).
    let mut data = bytes(&path);
    let page = 4096;
    for chunk in data[page..].chunks_mut(97) {
        chunk[0] = 0xA5;
        chunk[1] = 0x5A;
    }
    std::fs::write(&path, &data).unwrap();
    let result = Store::open(&path).and_then(|s| {
        s.verify()?;
        s.list()
    });
    let err = result.expect_err("a scribbled file must not open cleanly");
    assert!(matches!(err, StoreError::Corrupt(..) | StoreError::NotADatabase(_)), "{err:?}");
    assert!(err.to_string().contains("损坏") || err.to_string().contains("不是数据库"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    Store::open(&path).unwrap().create(&seed()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert!(err.to_string().contains("只读"));
    assert_eq!(bytes(&path), before);
}

#[test]
fn every_migration_file_is_applied_and_the_schema_has_every_field() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    let listed: Vec<String> = migrate::MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(files, listed, "migrations/ and MIGRATIONS must agree, in order");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('evaluation')").unwrap();
    let cols: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for f in Field::ALL {
        assert!(cols.iter().any(|c| c == f.column()), "no column for {f:?}");
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, migrate::latest());
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn years_of_lists_one_organisations_years_oldest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let ev = seed();
    let mut ids = Vec::new();
    for year in [2024, 2022, 2023] {
        ids.push((year, store.create(&Evaluation { year, ..ev.clone() }).unwrap()));
    }
    let mut other = ev.clone();
    other.organisation.name = "某某局".into();
    store.create(&other).unwrap();
    ids.sort();
    assert_eq!(store.years_of(" 衡阳县科技和工业信息化局 ").unwrap(), ids);
    assert_eq!(store.years_of("某某局").unwrap().len(), 1);
    assert!(store.years_of("没有这个单位").unwrap().is_empty());
}

#[test]
fn a_narrative_section_is_stored_in_parts_and_read_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    let mut ev = seed();
    ev.narrative.analysis = "第一段第一句。第二句！\r\n第二段\n\n  末尾有空格  ".into();
    let id = store.create(&ev).unwrap();
    assert_eq!(store.load(id).unwrap().evaluation, ev, "every character, line end and space");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let parts: Vec<String> = conn
        .prepare("SELECT body FROM narrative WHERE section = 'analysis' ORDER BY part")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(parts, ["第一段第一句。", "第二句！", "\r\n", "第二段\n", "\n", "  末尾有空格  "]);
    // A change inside one sentence rewrites that part only: the others keep their rows.
    let rowids = |conn: &rusqlite::Connection| -> Vec<i64> {
        conn.prepare("SELECT rowid FROM narrative WHERE section = 'analysis' ORDER BY part")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = rowids(&conn);
    let slot = Slot::Narrative(Section::Analysis);
    let text = ev.narrative.analysis.replace("第二句", "第二句改");
    let change = Change { slot, before: slot.get(&ev), after: Content::Text(text.clone()) };
    slot.put(&mut ev, Content::Text(text.clone()));
    let sheet = score(&ev);
    store
        .apply(id, 1, &change, ChangeKind::Edit, "评价指标分析", false, &Cached::of(&sheet, &check(&ev, &sheet)))
        .unwrap();
    assert_eq!(store.load(id).unwrap().evaluation.narrative.analysis, text);
    let mut body: Vec<String> = conn
        .prepare("SELECT body FROM narrative WHERE section = 'analysis' ORDER BY part")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(body.remove(1), "第二句改！");
    assert_eq!(rowids(&conn), before, "the same rows, one of them updated in place");
}
