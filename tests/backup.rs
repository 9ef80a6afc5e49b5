//! Backups: a consistent copy while another program writes, automatic copies kept to the
//! last few, and a restore that checks the file before replacing anything and keeps the
//! database it replaces.

mod common;

use common::seed;
use jixiao::domain::change::{Change, Content, Slot};
use jixiao::domain::check::check;
use jixiao::domain::model::{Evaluation, Section};
use jixiao::domain::score::score;
use jixiao::store::backup::{KEEP, Reason, backup_dir, check_backup};
use jixiao::store::{Cached, ChangeKind, Store, StoreError, migrate};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

fn cached(ev: &Evaluation) -> Cached {
    let sheet = score(ev);
    Cached::of(&sheet, &check(ev, &sheet))
}

fn years(n: i32) -> Vec<Evaluation> {
    (0..n).map(|k| Evaluation { year: 2000 + k, ..seed() }).collect()
}

#[test]
fn a_backup_taken_while_another_program_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let ids = Store::open(&path).unwrap().create_all(&years(20)).unwrap();
    let stop = AtomicBool::new(false);
    let written = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut store = Store::open(&path).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let id = ids[n % ids.len()];
                let stored = store.load(id).unwrap();
                let mut ev = stored.evaluation;
                let slot = Slot::Narrative(Section::Other);
                let before = slot.get(&ev);
                let after = Content::Text(format!("第 {n} 次修改"));
                slot.put(&mut ev, after.clone());
                let change = Change { slot, before, after };
                store.apply(id, stored.revision, &change, ChangeKind::Edit, "其它", false, &cached(&ev)).unwrap();
                n += 1;
            }
            n
        });
        let reader = Store::open(&path).unwrap();
        for k in 0..5 {
            let copy = dir.path().join(format!("copy-{k}.db"));
            reader.backup_to(&copy).unwrap();
            assert_eq!(check_backup(&copy).unwrap(), migrate::latest());
            let copied = Store::open(&copy).unwrap();
            copied.verify().unwrap();
            assert_eq!(copied.list().unwrap().len(), 20, "a whole snapshot");
            for id in &ids {
                let ev = copied.load(*id).unwrap().evaluation;
                let n = copied.changes(*id).unwrap().len();
                // The history has a row for each change the snapshot holds: one transaction.
                let edits = n - 1;
                let expected = if edits == 0 { "无".to_string() } else { "第 ".to_string() };
                assert!(ev.narrative.other.starts_with(&expected), "{} after {edits} edits", ev.narrative.other);
            }
        }
        stop.store(true, Ordering::Relaxed);
        writer.join().unwrap()
    });
    assert!(written > 0, "the writer went on writing meanwhile");
    // A backup never overwrites a file.
    let store = Store::open(&path).unwrap();
    assert!(matches!(store.backup_to(&dir.path().join("copy-0.db")), Err(StoreError::Backup(..))));
}

#[cfg(unix)]
#[test]
fn automatic_backups_are_private_named_by_date_and_only_the_last_few_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = Store::open(&path).unwrap();
    let mut made = Vec::new();
    for _ in 0..KEEP + 3 {
        made.push(store.backup_auto(Reason::BeforeImport).unwrap());
    }
    let manual = store.backup_auto(Reason::Manual).unwrap();
    let names: Vec<String> =
        std::fs::read_dir(backup_dir(&path)).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), KEEP + 1, "{names:?}");
    for kept in &made[3..] {
        assert!(kept.exists(), "the newest are kept: {}", kept.display());
        let name = kept.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("j-20") && name.ends_with("-before-import.db"), "{name}");
        assert_eq!(std::fs::metadata(kept).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(!made[0].exists() && manual.exists());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn restore_checks_the_file_before_replacing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    store.create(&seed()).unwrap();
    let before = store.list().unwrap();
    let refused = |store: &mut Store, file: &Path| {
        let err = store.restore(file).expect_err("refused");
        assert_eq!(store.list().unwrap(), before, "{err}: nothing replaced");
        assert!(!backup_dir(&path).exists(), "{err}: nothing kept aside either, as nothing was replaced");
        err.to_string()
    };
    let missing = refused(&mut store, &dir.path().join("没有.db"));
    assert!(missing.contains("不存在"), "{missing}");
    let text = dir.path().join("notes.db");
    write(&text, "不是数据库".repeat(50).as_bytes());
    assert!(refused(&mut store, &text).contains("不是数据库文件"));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    assert!(refused(&mut store, &other).contains("不是 jixiao 数据库"));
    let newer = dir.path().join("newer.db");
    Store::open(&newer).unwrap().create(&seed()).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", migrate::latest() + 1).unwrap();
    assert!(refused(&mut store, &newer).contains("请升级 jixiao"));
    let empty = dir.path().join("empty.db");
    write(&empty, b"");
    assert!(refused(&mut store, &empty).contains("空文件"));
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    store.create_all(&years(2)).unwrap();
    let copy = dir.path().join("备份.db");
    store.backup_to(&copy).unwrap();
    store.create(&Evaluation { year: 2030, ..seed() }).unwrap();
    assert_eq!(store.list().unwrap().len(), 3);
    // Another program has the database open meanwhile, and sees the restore.
    let other = Store::open(&path).unwrap();
    let kept = store.restore(&copy).unwrap();
    assert_eq!(store.list().unwrap().len(), 2, "the backup's evaluations");
    assert_eq!(other.list().unwrap().len(), 2, "seen by another connection too");
    let old = Store::open(&kept).unwrap();
    assert_eq!(old.list().unwrap().len(), 3, "the replaced database is kept whole");
    assert!(kept.file_name().unwrap().to_string_lossy().ends_with("-replaced.db"));
    let id = store.list().unwrap()[0].id;
    let last = store.changes(id).unwrap().pop().unwrap();
    assert_eq!((last.kind, last.note), (ChangeKind::Restore, copy.display().to_string()));
    store.verify().unwrap();
}

#[test]
fn restoring_an_older_schema_migrates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    let old = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema1.db");
    let copy = dir.path().join("schema1.db");
    std::fs::copy(old, &copy).unwrap();
    store.restore(&copy).unwrap();
    assert_eq!(store.list().unwrap().len(), 3);
    let version: i64 =
        rusqlite::Connection::open(&path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, migrate::latest());
    let mode: String =
        rusqlite::Connection::open(&path).unwrap().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}
