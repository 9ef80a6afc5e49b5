//! The history (an audit trail) at the store: every kind of change recorded once, with its
//! old and new value, in the same transaction as the change; a text being typed recorded
//! once and completed even if the typing is killed; the history kept through an
//! `import --replace` and a deletion.

mod common;

use common::{keji, seed};
use jixiao::domain::change::{Change, Content, Slot, UnitList};
use jixiao::domain::check::check;
use jixiao::domain::field::{Field, FieldValue};
use jixiao::domain::model::{Evaluation, Section, Typed};
use jixiao::domain::score::score;
use jixiao::store::{Actor, Cached, ChangeKind, ChangeRecord, Store, StoreError};

fn cached(ev: &Evaluation) -> Cached {
    let sheet = score(ev);
    Cached::of(&sheet, &check(ev, &sheet))
}

/// Applies `slot := content` to the stored evaluation as the app does: returns the new
/// evaluation and revision.
fn edit(store: &mut Store, id: i64, rev: i64, ev: &mut Evaluation, slot: Slot, after: Content, label: &str) -> i64 {
    let before = slot.get(ev);
    slot.put(ev, after.clone());
    let change = Change { slot, before, after };
    store.apply(id, rev, &change, ChangeKind::Edit, label, false, &cached(ev)).unwrap().revision
}

fn last(store: &Store, id: i64) -> ChangeRecord {
    store.changes(id).unwrap().pop().unwrap()
}

fn as_someone(store: &mut Store) {
    store.set_actor(Actor { user: "张三".into(), client: "10.0.0.8".into() });
}

#[test]
fn each_kind_of_change_is_recorded_once_with_its_old_and_new_value() {
    let mut store = Store::open_in_memory().unwrap();
    as_someone(&mut store);
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    let mut rev = 1;
    let created = store.changes(id).unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(
        (created[0].kind, created[0].user.as_str(), created[0].client.as_str()),
        (ChangeKind::Create, "张三", "10.0.0.8")
    );

    let steps: Vec<(Slot, Content, &str, &str, &str)> = vec![
        (
            Slot::Field(Field::FundsExecuted),
            Content::Field(FieldValue::Money(Some("7300".parse().unwrap()))),
            "field:funds_executed",
            "7256.10",
            "7300",
        ),
        (Slot::Narrative(Section::Other), Content::Text("另有说明".into()), "narrative:other", "无", "另有说明"),
        (Slot::Units(UnitList::Internal), Content::Names(vec!["办公室".into()]), "units:internal", "", "办公室"),
        (Slot::Year, Content::Year(2023), "year", "2024", "2023"),
        (Slot::Name, Content::Text("衡阳县示例局".into()), "organisation", "衡阳县科技和工业信息化局", "衡阳县示例局"),
    ];
    for (slot, after, place, old, new) in steps {
        let before = store.changes(id).unwrap().len();
        let old = if place == "units:internal" { ev.organisation.internal_units.join("\n") } else { old.to_string() };
        rev = edit(&mut store, id, rev, &mut ev, slot, after, "测试");
        let all = store.changes(id).unwrap();
        assert_eq!(all.len(), before + 1, "{place}: one row per change");
        let r = all.last().unwrap();
        assert_eq!(
            (r.kind, r.place.as_str(), r.old.as_str(), r.new.as_str()),
            (ChangeKind::Edit, place, old.as_str(), new),
            "{place}"
        );
        assert_eq!(store.load(id).unwrap().evaluation, ev, "{place}: the change itself is stored");
    }
    // A row: the one column that changed.
    let mut row = ev.indicators[2].clone();
    row.actual = Typed::new("25家").unwrap();
    rev = edit(&mut store, id, rev, &mut ev, Slot::Row(2), Content::Row(Box::new(row)), "新增规上企业：实际完成值");
    let r = last(&store, id);
    assert_eq!((r.place.as_str(), r.old.as_str(), r.new.as_str()), ("indicator:3:actual", "23家", "25家"));
    assert_eq!(r.label, "新增规上企业：实际完成值");
    // The grid: a row deleted, listed in full.
    let mut rows = ev.indicators.clone();
    let gone = rows.remove(0);
    edit(&mut store, id, rev, &mut ev, Slot::Rows, Content::Rows(rows), "删除一行");
    let r = last(&store, id);
    assert_eq!(r.place, "indicator:1");
    assert!(r.old.starts_with(&format!("第1行：一级指标：{}", gone.level1)) && r.new.is_empty(), "{r:?}");
    assert_eq!(store.load(id).unwrap().evaluation, ev);
    // The list's cached total follows.
    let listed = &store.list().unwrap()[0];
    assert_eq!(listed.total, score(&ev).total);
}

#[test]
fn the_rule_new_rows_start_with_is_stored_and_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    let rule = ev.indicators[0].rule.clone();
    let template = jixiao::domain::template::Template { default_rule: Some(rule.clone()), ..ev.template.clone() };
    edit(&mut store, id, 1, &mut ev, Slot::Template, Content::Template(Box::new(template)), "新行的默认规则");
    let r = last(&store, id);
    assert_eq!((r.place.as_str(), r.new.as_str()), ("template:default_rule", rule.describe().as_str()));
    assert_eq!(store.load(id).unwrap().evaluation.template.default_rule, Some(rule), "the template itself is stored");
}

#[test]
fn a_change_and_its_history_row_are_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    // Make the history row's insert fail: the change must not be stored without it.
    let side = rusqlite::Connection::open(&path).unwrap();
    side.execute_batch("CREATE TRIGGER refuse BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'no'); END;")
        .unwrap();
    let before = Slot::Narrative(Section::Other).get(&ev);
    let after = Content::Text("不应保存".into());
    Slot::Narrative(Section::Other).put(&mut ev, after.clone());
    let change = Change { slot: Slot::Narrative(Section::Other), before, after };
    assert!(store.apply(id, 1, &change, ChangeKind::Edit, "x", false, &cached(&ev)).is_err());
    let stored = store.load(id).unwrap();
    assert_eq!(stored.evaluation.narrative.other, "无", "the change went with its history row");
    assert_eq!(stored.revision, 1);
    side.execute_batch("DROP TRIGGER refuse").unwrap();
    // And the other way round: a change that fails leaves no history row.
    let n = store.changes(id).unwrap().len();
    assert!(matches!(
        store.apply(id, 7, &change, ChangeKind::Edit, "x", false, &cached(&ev)),
        Err(StoreError::Conflict)
    ));
    assert_eq!(store.changes(id).unwrap().len(), n);
}

#[test]
fn typing_is_one_history_row_completed_even_when_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    let slot = Slot::Narrative(Section::Problems);
    let original = slot.get(&ev);
    // The first save of a text area opens a history row; later saves only write the text.
    slot.put(&mut ev, Content::Text("甲".into()));
    let change = Change { slot, before: original.clone(), after: Content::Text("甲".into()) };
    let applied = store.apply(id, 1, &change, ChangeKind::Edit, "报告文字：存在问题", true, &cached(&ev)).unwrap();
    for text in ["甲乙", "甲乙丙", "甲乙丙丁"] {
        store.amend(id, applied.revision, slot, &Content::Text(text.into()), &cached(&ev)).unwrap();
    }
    let rows = store.changes(id).unwrap();
    assert_eq!(rows.len(), 2, "created, and one row for the typing");
    let typing = rows.last().unwrap();
    assert!(typing.open);
    assert_eq!((typing.old.as_str(), typing.new.as_str()), (text(&original), "甲乙丙丁"), "new is the text as stored");
    // Killed here: another process (a new store) changes something else of it: the
    // typing's row is closed with the text as stored, in that change's transaction.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    let mut ev = store.load(id).unwrap().evaluation;
    assert_eq!(ev.narrative.problems, "甲乙丙丁", "every save of the typing is stored");
    edit(
        &mut store,
        id,
        applied.revision,
        &mut ev,
        Slot::Narrative(Section::Other),
        Content::Text("另".into()),
        "其它",
    );
    let raw: (i64, String) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT open, new FROM change_log WHERE id = ?1", [typing.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(raw, (0, "甲乙丙丁".to_string()));
    // Sealed normally, the row gets the whole change and the revision moves on.
    let r = store.load(id).unwrap().revision;
    slot.put(&mut ev, Content::Text("新".into()));
    let change = Change { slot, before: Content::Text("甲乙丙丁".into()), after: Content::Text("新".into()) };
    let a = store.apply(id, r, &change, ChangeKind::Edit, "报告文字：存在问题", true, &cached(&ev)).unwrap();
    store.amend(id, a.revision, slot, &Content::Text("新的".into()), &cached(&ev)).unwrap();
    let full = Change { slot, before: Content::Text("甲乙丙丁".into()), after: Content::Text("新的".into()) };
    assert_eq!(store.seal(id, a.revision, a.change, &full).unwrap(), a.revision + 1);
    let r = last(&store, id);
    assert_eq!((r.open, r.old.as_str(), r.new.as_str()), (false, "甲乙丙丁", "新的"));
}

fn text(c: &Content) -> &str {
    match c {
        Content::Text(t) => t,
        _ => unreachable!(),
    }
}

#[test]
fn the_history_survives_replace_and_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = Store::open(&path).unwrap();
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    edit(&mut store, id, 1, &mut ev, Slot::Narrative(Section::Other), Content::Text("改".into()), "其它");
    let mut file = seed();
    file.organisation.rank = "新级别".into();
    assert_eq!(store.replace_from(&file, "自评.toml").unwrap(), id, "the same evaluation, the same id");
    let rows = store.changes(id).unwrap();
    let kinds: Vec<ChangeKind> = rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ChangeKind::Create, ChangeKind::Edit, ChangeKind::Replace]);
    assert_eq!((rows[2].note.as_str(), rows[2].old.as_str()), ("自评.toml", "总分 98.76，优"));
    // An import that is new says it was imported.
    let project = store.replace_from(&keji(), "科技.toml").unwrap();
    assert_eq!(store.changes(project).unwrap()[0].kind, ChangeKind::Import);

    store.delete(id).unwrap();
    assert!(store.changes(id).unwrap().is_empty(), "a new evaluation given the same id starts afresh");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: Vec<(Option<i64>, String, String)> = conn
        .prepare("SELECT evaluation_id, organisation, action FROM change_log WHERE year = 2024 AND kind = 'department' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept.len(), 4, "{kept:?}");
    assert!(kept.iter().all(|(id, org, _)| id.is_none() && org == "衡阳县科技和工业信息化局"));
    assert_eq!(kept.last().unwrap().2, "delete");
}

#[test]
fn a_filed_evaluation_refuses_every_change_until_unlocked_with_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    as_someone(&mut store);
    let mut ev = seed();
    let id = store.create(&ev).unwrap();
    let project = store.create(&keji()).unwrap();
    let filing = store.lock(id).unwrap();
    assert_eq!(filing.by, "张三（来自 10.0.0.8）");
    assert_eq!(store.load(id).unwrap().filing, Some(filing.clone()));
    assert_eq!(
        store.list().unwrap().iter().find(|s| s.id == id).unwrap().filing.as_ref().map(|f| &f.by),
        Some(&filing.by)
    );
    let filed = |r: Result<(), StoreError>| matches!(r, Err(StoreError::Filed { .. }));

    assert!(filed(store.editable(id)));
    let after = Content::Text("不应保存".into());
    let change = Change {
        slot: Slot::Narrative(Section::Other),
        before: Slot::Narrative(Section::Other).get(&ev),
        after: after.clone(),
    };
    assert!(filed(store.apply(id, 1, &change, ChangeKind::Edit, "x", false, &cached(&ev)).map(drop)));
    assert!(filed(store.amend(id, 1, Slot::Narrative(Section::Other), &after, &cached(&ev))));
    assert!(filed(store.save(id, 1, &ev).map(drop)));
    assert!(filed(store.replace(&ev).map(drop)));
    assert!(filed(store.delete(id)));
    assert!(filed(store.delete_with_projects(id).map(drop)), "a department goes only with its projects");
    assert!(filed(store.lock(id).map(drop)), "already filed");
    assert_eq!(store.load(id).unwrap().evaluation, ev, "nothing changed");
    // A filed project keeps its department from being deleted with it.
    store.unlock(id, "财政局退回").unwrap();
    store.lock(project).unwrap();
    assert!(filed(store.delete_with_projects(id).map(drop)));
    assert_eq!(store.list().unwrap().len(), 2);

    assert!(matches!(store.unlock(id, "再次"), Err(StoreError::NotFiled)));
    store.lock(id).unwrap();
    assert!(matches!(store.unlock(id, "  "), Err(StoreError::NoReason)));
    store.unlock(id, "补充附件").unwrap();
    let rev = store.load(id).unwrap().revision;
    edit(&mut store, id, rev, &mut ev, Slot::Narrative(Section::Other), after, "其它");
    let kinds: Vec<(ChangeKind, String)> = store.changes(id).unwrap().into_iter().map(|r| (r.kind, r.note)).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Create, String::new()),
            (ChangeKind::Lock, String::new()),
            (ChangeKind::Unlock, "财政局退回".into()),
            (ChangeKind::Lock, String::new()),
            (ChangeKind::Unlock, "补充附件".into()),
            (ChangeKind::Edit, String::new()),
        ]
    );
}
