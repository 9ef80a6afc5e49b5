//! Trust in the terminal UI: a filed evaluation refuses every edit path, unlocking asks
//! for a reason, the history screen shows each change and jumps to it, a save that finds
//! the database busy waits visibly and can be given up, and text typed is in the history.

mod driver;

use crossterm::event::{Event, KeyCode};
use driver::*;
use jixiao::app::eval::{EvalState, Tab};
use jixiao::app::grid::GridCol;
use jixiao::app::{App, Screen};
use jixiao::store::{ChangeKind, Store};

fn eval(app: &App) -> &EvalState {
    match &app.screen {
        Screen::Eval(e) => e,
        _ => panic!("not in an evaluation"),
    }
}

fn id(app: &App) -> i64 {
    app.store.find(ORG, 2024).unwrap().unwrap()
}

/// Files the selected evaluation from the start screen (l, then y).
fn file_it(a: &mut App) {
    press(a, [key(KeyCode::Char('l'))]);
    assert!(a.question.is_some(), "l asks first");
    press(a, [key(KeyCode::Char('y'))]);
    assert!(a.status.text.starts_with("已提交"), "{:?}", a.status);
}

#[test]
fn a_filed_evaluation_refuses_every_edit_path_in_the_ui() {
    let mut a = app();
    file_it(&mut a);
    assert!(screen(&a, 80, 24).lines().any(|l| l.contains("已提交") && l.contains(ORG)), "the start screen shows it");
    // Deleting it from the start screen is refused too.
    press(&mut a, [key(KeyCode::Char('d'))]);
    press(&mut a, [key(KeyCode::Char('y'))]);
    assert!(a.status.error && a.status.text.contains("已提交"), "{:?}", a.status);
    assert_eq!(a.store.list().unwrap().len(), 1);
    let before = stored(&a);
    let history = a.store.changes(id(&a)).unwrap().len();
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("只读"), "{:?}", a.status);
    assert!(screen(&a, 80, 24).lines().next().unwrap().contains("［已提交］"));

    let refused = |a: &mut App, events: Vec<Event>, what: &str| {
        a.status = Default::default();
        press(a, events);
        assert!(eval(a).editor.is_none(), "{what}: no editor opens");
        assert!(a.question.is_none(), "{what}: nothing is asked (a paste is not previewed)");
        assert!(a.status.error && a.status.text.contains("已提交"), "{what}: {:?}", a.status);
    };
    // 单位信息: Enter, a typed character, Ins, Del, a paste.
    refused(&mut a, vec![key(KeyCode::Enter)], "form Enter");
    refused(&mut a, vec![key(KeyCode::Char('改'))], "form typing");
    refused(&mut a, vec![key(KeyCode::Insert)], "form Ins");
    refused(&mut a, vec![key(KeyCode::Delete)], "form Del");
    refused(&mut a, vec![Event::Paste("粘贴".into())], "form paste");
    // The grid: Enter, typing, Ins, Del, moving a row, a pasted block, the rule form.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(eval(&a).tab, Tab::Grid);
    refused(&mut a, vec![key(KeyCode::Enter)], "grid Enter");
    refused(&mut a, vec![key(KeyCode::Char('9'))], "grid typing");
    refused(&mut a, vec![key(KeyCode::Insert)], "grid Ins");
    refused(&mut a, vec![key(KeyCode::Delete)], "grid Del");
    refused(&mut a, vec![ctrl_key(KeyCode::Down)], "grid move");
    refused(&mut a, vec![Event::Paste("甲\t1家".into())], "grid paste");
    // The criterion's rule: taken (F3), opened in the form from the text (F4), the row
    // above's (Ctrl+R).
    keys(&mut a, &[KeyCode::Down]);
    refused(&mut a, vec![key(KeyCode::F(3))], "F3 accept");
    refused(&mut a, vec![key(KeyCode::F(4))], "F4 from the text");
    refused(&mut a, vec![ctrl('r')], "Ctrl+R same as above");
    refused(&mut a, vec![ctrl('z')], "undo");
    refused(&mut a, vec![ctrl('y')], "redo");
    // The narrative.
    keys(&mut a, &[KeyCode::Tab]);
    refused(&mut a, vec![key(KeyCode::Enter)], "narrative Enter");
    assert_eq!(stored(&a), before, "nothing changed");
    assert_eq!(a.store.changes(id(&a)).unwrap().len(), history, "and nothing was recorded");

    // F8 unlocks, asking the reason; an empty one is refused.
    press(&mut a, [key(KeyCode::F(8))]);
    assert!(a.prompt.is_some());
    press(&mut a, [key(KeyCode::Enter)]);
    assert!(a.prompt.is_some() && a.status.error, "a reason is required: {:?}", a.status);
    type_text(&mut a, "财政局退回补充");
    press(&mut a, [key(KeyCode::Enter)]);
    assert!(a.prompt.is_none() && a.status.text.contains("已解锁"), "{:?}", a.status);
    assert!(eval(&a).filing.is_none());
    keys(&mut a, &[KeyCode::Enter]);
    assert!(eval(&a).editor.is_some(), "editable again");
    let last = a.store.changes(id(&a)).unwrap().pop().unwrap();
    assert_eq!((last.kind, last.note.as_str()), (ChangeKind::Unlock, "财政局退回补充"));
}

#[test]
fn filed_elsewhere_while_open_the_next_save_is_refused_and_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut a = app_on(&path);
    open_tab(&mut a, 3);
    let mut other = Store::open(&path).unwrap();
    other.lock(other.find(ORG, 2024).unwrap().unwrap()).unwrap();
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Right, KeyCode::Right]);
    type_text(&mut a, "25家");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.error && a.status.text.contains("已提交"), "{:?}", a.status);
    assert_eq!(eval(&a).ev.indicators[2].actual.text(), "23家", "taken back on screen");
    assert_eq!(stored(&a).indicators[2].actual.text(), "23家");
    assert!(eval(&a).filing.is_some(), "and the screen now knows it is filed");
}

/// The screen with the times of day replaced, so that a snapshot does not depend on when
/// it was taken: `12-01 22:07` → `MM-DD hh:mm`, `2026-12-01 22:07:55` → `YYYY-MM-DD hh:mm:ss`.
fn without_times(screen: &str) -> String {
    let mut out = String::new();
    for line in screen.lines() {
        let chars: Vec<char> = line.chars().collect();
        let shape = |at: usize, pattern: &str| {
            let p: Vec<char> = pattern.chars().collect();
            at + p.len() <= chars.len()
                && p.iter().zip(&chars[at..]).all(|(p, c)| if *p == 'd' { c.is_ascii_digit() } else { p == c })
        };
        let mut i = 0;
        while i < chars.len() {
            if shape(i, "dddd-dd-dd dd:dd:dd") {
                out.push_str("YYYY-MM-DD hh:mm:ss");
                i += 19;
            } else if shape(i, "dd-dd dd:dd") {
                out.push_str("MM-DD hh:mm");
                i += 11;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_history_screen_lists_changes_filters_by_field_and_jumps_to_one() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_actor(jixiao::store::Actor { user: "张三".into(), client: String::new() });
    jixiao::cli::store_demo(&mut store).unwrap();
    let mut a = App::new(store, (80, 24));
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Right, KeyCode::Right]);
    for actual in ["24家", "25家"] {
        type_text(&mut a, actual);
        keys(&mut a, &[KeyCode::Enter, KeyCode::Up]);
    }
    keys(&mut a, &[KeyCode::Down, KeyCode::Right]);
    type_text(&mut a, "4");
    keys(&mut a, &[KeyCode::Enter]);
    keys(&mut a, &[KeyCode::Home]);
    press(&mut a, [key(KeyCode::F(7))]);
    let log = eval(&a).log.as_ref().expect("F7 shows the history");
    assert_eq!(log.records.len(), 4, "created, two actuals, a weight");
    let shown = without_times(&screen(&a, 80, 24));
    insta::assert_snapshot!("history_80x24", shown);
    assert!(shown.contains("新增规上企业：完成值") && shown.contains("24家 → 25家"), "{shown}");
    // f: only this field's changes (the newest is the weight).
    keys(&mut a, &[KeyCode::Down]);
    press(&mut a, [key(KeyCode::Char('f'))]);
    assert_eq!(eval(&a).log.as_ref().unwrap().shown.len(), 2);
    // Enter goes to it.
    keys(&mut a, &[KeyCode::Enter]);
    let e = eval(&a);
    assert!(e.log.is_none());
    assert_eq!((e.tab, e.grid.row, e.grid.col), (Tab::Grid, 2, Some(GridCol::Actual)));
}

#[test]
fn a_save_that_finds_the_database_busy_waits_visibly_and_esc_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut a = app_on(&path);
    a.store.set_busy_timeout(std::time::Duration::from_millis(20)).unwrap();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Right, KeyCode::Right]);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    type_text(&mut a, "25家");
    let started = std::time::Instant::now();
    keys(&mut a, &[KeyCode::Enter]);
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "no freeze for the whole busy timeout");
    assert!(a.waiting(), "the save waits");
    assert!(a.status.text.contains("正在等待") && a.status.text.contains("Esc"), "{:?}", a.status);
    assert!(eval(&a).editor.is_some(), "what was typed is still there");
    a.retry();
    assert!(a.waiting(), "still busy");
    other.execute_batch("COMMIT").unwrap();
    a.retry();
    assert!(!a.waiting());
    assert_eq!(stored(&a).indicators[2].actual.text(), "25家", "saved once the other program finished");

    // Esc gives up waiting; the typed text stays in the editor.
    keys(&mut a, &[KeyCode::Up]);
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    type_text(&mut a, "22家");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.waiting());
    keys(&mut a, &[KeyCode::Esc]);
    assert!(!a.waiting() && a.status.text.contains("未保存"), "{:?}", a.status);
    assert!(eval(&a).editor.is_some());
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(stored(&a).indicators[1].actual.text(), "32家", "nothing saved");
}

#[test]
fn text_typed_into_a_narrative_is_one_history_row_even_if_the_app_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut a = app_on(&path);
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::Enter, KeyCode::End]);
    for c in "补充说明".chars() {
        press(&mut a, [key(KeyCode::Char(c))]);
    }
    // Killed: the app is gone without closing the text area.
    drop(a);
    let store = Store::open(&path).unwrap();
    let id = store.find(ORG, 2024).unwrap().unwrap();
    let ev = store.load(id).unwrap().evaluation;
    assert!(ev.narrative.conclusion.ends_with("补充说明"), "every batch was saved");
    let rows = store.changes(id).unwrap();
    assert_eq!(rows.len(), 2, "created, then one row for the typing");
    let typing = &rows[1];
    assert_eq!(typing.place, "narrative:conclusion");
    assert_eq!(typing.new, ev.narrative.conclusion, "the history has the text as stored");
    assert!(typing.new.starts_with(&typing.old));

    // Closed normally, the row is complete and no longer open.
    let mut a = App::new(store, (80, 24));
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::Enter, KeyCode::End]);
    type_text(&mut a, "又一句");
    keys(&mut a, &[KeyCode::Esc]);
    let rows = a.store.changes(id).unwrap();
    assert!(rows.iter().all(|r| !r.open), "{rows:?}");
    assert!(rows.last().unwrap().new.ends_with("补充说明又一句"));
}

#[test]
fn a_filed_evaluation_offers_no_edit_keys_in_the_hint_line() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Enter]);
    let offered = |a: &App| a.hints().into_iter().map(|(_, what)| what).collect::<Vec<_>>();
    assert!(offered(&a).contains(&"编辑"), "editable: Enter 编辑 is offered: {:?}", offered(&a));
    keys(&mut a, &[KeyCode::Esc]);
    file_it(&mut a);
    keys(&mut a, &[KeyCode::Enter]);
    for tab in 0..4 {
        let words = offered(&a);
        for edit in ["编辑", "撤销", "插入行"] {
            assert!(!words.contains(&edit), "tab {tab}: {edit} offered on a filed evaluation: {words:?}");
        }
        let last = screen(&a, 80, 24).lines().last().unwrap().to_string();
        assert!(!last.contains("编辑"), "tab {tab}: {last}");
        keys(&mut a, &[KeyCode::Tab]);
    }
}
