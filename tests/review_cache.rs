//! The review's stored lines (`migrations/0007_review_line.sql`): after every kind of
//! change, the county's review read from the store equals the review computed afresh
//! from the evaluations, one at a time, and unchanged evaluations are not scored again.

mod common;

use common::{keji, seed};
use jixiao::domain::change::{Change, Content, Slot};
use jixiao::domain::check::check;
use jixiao::domain::model::{Evaluation, Organisation, Section, Typed};
use jixiao::domain::review::{HandIn, Line, review};
use jixiao::domain::score::score;
use jixiao::store::{Cached, ChangeKind, EvalId, Store};
use std::path::{Path, PathBuf};

fn of(org: &str, year: i32, ev: Evaluation) -> Evaluation {
    Evaluation { organisation: Organisation { name: org.into(), ..ev.organisation }, year, ..ev }
}

fn project(org: &str, year: i32, name: &str) -> Evaluation {
    let mut p = of(org, year, keji());
    p.project.name = name.into();
    p
}

struct County {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    department: EvalId,
    project: EvalId,
}

/// Two organisations over two years, one with two projects.
fn county() -> County {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.db");
    let mut store = Store::open(&path).unwrap();
    let mut ids = Vec::new();
    for year in [2023, 2024] {
        ids.push(store.create(&of("甲局", year, seed())).unwrap());
        ids.push(store.create(&project("甲局", year, "项目一")).unwrap());
        ids.push(store.create(&project("甲局", year, "项目二")).unwrap());
        ids.push(store.create(&of("乙局", year, seed())).unwrap());
    }
    County { _dir: dir, path, store, department: ids[4], project: ids[5] }
}

/// The review of `year` computed afresh: every evaluation loaded and reviewed, with no
/// stored line in the way.
fn afresh(store: &Store, path: &Path, year: i32) -> Vec<Line> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let ids: Vec<EvalId> = conn
        .prepare(
            "SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
             WHERE e.year = ?1 ORDER BY o.name, e.kind, e.project_name",
        )
        .unwrap()
        .query_map([year], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let hand_ins: Vec<HandIn> = ids.iter().map(|&id| store.hand_in(id).unwrap()).collect();
    review(&hand_ins)
}

fn stored_lines(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM review_line", [], |r| r.get(0)).unwrap()
}

fn has_line(path: &Path, id: EvalId) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM review_line WHERE evaluation_id = ?1", [id], |r| r.get::<_, i64>(0)).unwrap()
        == 1
}

fn assert_fresh(c: &County, what: &str) {
    for year in [2023, 2024] {
        assert_eq!(c.store.review_lines(year).unwrap(), afresh(&c.store, &c.path, year), "{what}: {year}");
    }
}

/// Applies one change to a stored evaluation as the editor does.
fn apply(store: &mut Store, id: EvalId, slot: Slot, after: Content) {
    let stored = store.load(id).unwrap();
    let mut ev = stored.evaluation;
    let change = Change { slot, before: slot.get(&ev), after: after.clone() };
    slot.put(&mut ev, after);
    let sheet = score(&ev);
    let cached = Cached::of(&sheet, &check(&ev, &sheet));
    store.apply(id, stored.revision, &change, ChangeKind::Edit, "测试", false, &cached).unwrap();
}

#[test]
fn the_first_review_stores_every_line_and_the_next_reads_them() {
    let c = county();
    assert_eq!(stored_lines(&c.path), 0, "a new database has no lines");
    let first = c.store.review_lines(2024).unwrap();
    assert_eq!(first.len(), 4);
    assert_eq!(stored_lines(&c.path), 4, "the year's lines are kept");
    assert_eq!(first, afresh(&c.store, &c.path, 2024));
    // What is read back is what was computed, to the last digit of the 执行率.
    assert_eq!(c.store.review_lines(2024).unwrap(), first);
    let county =
        c.store.review_county(&c.store.years().unwrap(), 2024, jixiao::domain::review::DEFAULT_RATE_THRESHOLD).unwrap();
    assert_eq!(stored_lines(&c.path), 8, "last year's and the grade counts' lines too");
    assert_eq!(county.by_year.len(), 2);
    assert_eq!(county.by_year[1].1.iter().sum::<usize>(), 4);
}

#[test]
fn an_edited_project_makes_its_own_and_its_departments_line_stale_and_no_other() {
    let mut c = county();
    c.store.review_lines(2024).unwrap();
    let mut row = c.store.load(c.project).unwrap().evaluation.indicators[0].clone();
    row.actual = Typed::new("0").unwrap();
    apply(&mut c.store, c.project, Slot::Row(0), Content::Row(Box::new(row)));
    assert!(!has_line(&c.path, c.project));
    assert!(!has_line(&c.path, c.department), "the department's checks read its projects");
    assert_eq!(stored_lines(&c.path), 2, "the other project and the other organisation keep theirs");
    assert_fresh(&c, "after an edited row");
}

#[test]
fn typing_in_a_report_section_without_a_new_revision_still_makes_the_line_stale() {
    let mut c = county();
    c.store.review_lines(2024).unwrap();
    let stored = c.store.load(c.department).unwrap();
    let mut ev = stored.evaluation;
    ev.narrative.conclusion = "综合评价结论：自评得分 60 分，等级为差。".into();
    let sheet = score(&ev);
    let text = Content::Text(ev.narrative.conclusion.clone());
    let cached = Cached::of(&sheet, &check(&ev, &sheet));
    c.store.amend(c.department, stored.revision, Slot::Narrative(Section::Conclusion), &text, &cached).unwrap();
    assert!(!has_line(&c.path, c.department));
    let lines = c.store.review_lines(2024).unwrap();
    let line = lines.iter().find(|l| l.reference == c.department).unwrap();
    assert!(line.findings.iter().any(|f| f.message.contains("60")), "the stated total is checked: {:?}", line.findings);
    assert_fresh(&c, "after typing");
    // A keystroke that changes no total and no count writes only the section's row:
    // the line goes stale all the same.
    let stored = c.store.load(c.department).unwrap();
    let mut ev = stored.evaluation;
    ev.narrative.problems.push('。');
    let sheet = score(&ev);
    let text = Content::Text(ev.narrative.problems.clone());
    let cached = Cached::of(&sheet, &check(&ev, &sheet));
    c.store.amend(c.department, stored.revision, Slot::Narrative(Section::Problems), &text, &cached).unwrap();
    assert!(!has_line(&c.path, c.department), "typing alone makes the line stale");
    assert_fresh(&c, "after a keystroke");
}

#[test]
fn saving_deleting_and_adding_evaluations_and_renaming_an_organisation_keep_the_review_fresh() {
    let mut c = county();
    c.store.review_lines(2023).unwrap();
    c.store.review_lines(2024).unwrap();
    // A whole save (as a re-import does).
    let stored = c.store.load(c.department).unwrap();
    let mut ev = stored.evaluation;
    ev.indicators.truncate(3);
    c.store.save(c.department, stored.revision, &ev).unwrap();
    assert_fresh(&c, "after a whole save");
    // A project deleted: the department no longer lists it.
    c.store.delete(c.project).unwrap();
    assert_fresh(&c, "after a deletion");
    // A project added.
    let added = c.store.create(&project("甲局", 2024, "项目三")).unwrap();
    assert!(!has_line(&c.path, c.department), "a new project makes its department's line stale");
    assert_fresh(&c, "after an addition");
    assert!(c.store.review_lines(2024).unwrap().iter().any(|l| l.reference == added));
    // The organisation renamed (no command does it yet; the trigger must still hold).
    let conn = rusqlite::Connection::open(&c.path).unwrap();
    conn.execute("UPDATE organisation SET name = '丙局' WHERE name = '乙局'", []).unwrap();
    assert_fresh(&c, "after a rename");
    assert!(c.store.review_lines(2024).unwrap().iter().any(|l| l.organisation == "丙局"));
}

#[test]
fn lines_of_another_engine_or_that_cannot_be_read_are_computed_again() {
    let c = county();
    let before = c.store.review_lines(2024).unwrap();
    let conn = rusqlite::Connection::open(&c.path).unwrap();
    // An older release's line: its figures are not to be trusted.
    conn.execute("UPDATE review_line SET engine = '0.0.1/1', line = replace(line, '\"errors\":', '\"errors\":9')", [])
        .unwrap();
    assert_eq!(c.store.review_lines(2024).unwrap(), before);
    // A line damaged on disk.
    conn.execute("UPDATE review_line SET line = '{' WHERE evaluation_id = ?1", [c.department]).unwrap();
    assert_eq!(c.store.review_lines(2024).unwrap(), before);
    assert_eq!(stored_lines(&c.path), 4);
}

#[test]
fn a_line_computed_while_someone_else_writes_is_used_but_not_stored() {
    let c = county();
    // Another program holds the write lock: the review is still made, from the tables.
    let other = rusqlite::Connection::open(&c.path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // (The store waits five seconds for a write by default; for its cache, 100 ms.)
    let lines = c.store.review_lines(2024).unwrap();
    other.execute_batch("COMMIT").unwrap();
    assert_eq!(lines, afresh(&c.store, &c.path, 2024));
    assert_eq!(stored_lines(&c.path), 0, "nothing stored while the database was busy");
    assert_eq!(c.store.review_lines(2024).unwrap(), lines);
    assert_eq!(stored_lines(&c.path), 4, "stored the next time");
}
