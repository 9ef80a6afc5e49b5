//! Key sequences driven through the app without a real terminal: state, storage and caret.

mod driver;

use crossterm::event::{Event, KeyCode};
use driver::*;
use jixiao::app::Screen;
use jixiao::app::eval::EvalState;
use jixiao::domain::field::Field;
use jixiao::domain::model::Section;
use rust_decimal::Decimal;
use std::str::FromStr;

fn eval(app: &jixiao::app::App) -> &EvalState {
    match &app.screen {
        Screen::Eval(e) => e,
        _ => panic!("not in an evaluation"),
    }
}

fn total(app: &jixiao::app::App) -> String {
    let e = eval(app);
    e.sheet.show(e.sheet.total)
}

/// Puts the grid cursor on a row (by name) and a column (by rightward steps from 三级指标).
fn select(app: &mut jixiao::app::App, name: &str, rights: usize) {
    let row = row_of(app, name);
    keys(app, &[KeyCode::Home]);
    keys(app, &[KeyCode::Up; 40]);
    keys(app, &vec![KeyCode::Down; row]);
    keys(app, &[KeyCode::Right, KeyCode::Right]);
    keys(app, &vec![KeyCode::Right; rights]);
}

#[test]
fn editing_an_actual_rescores_saves_and_undoes() {
    let mut a = app();
    open_tab(&mut a, 3);
    assert_eq!(total(&a), "98.76");
    select(&mut a, "新增规上企业", 2);
    type_text(&mut a, "25家");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(total(&a), "98.92");
    let row = row_of(&a, "新增规上企业");
    assert_eq!(stored(&a).indicators[row].actual.text(), "25家", "saved at once");
    assert!(a.status.text.contains("已保存"), "{:?}", a.status);
    press(&mut a, [ctrl('z')]);
    assert_eq!(total(&a), "98.76");
    assert_eq!(stored(&a).indicators[row].actual.text(), "23家", "undo is saved too");
    press(&mut a, [ctrl('y')]);
    assert_eq!(total(&a), "98.92");
    assert_eq!(stored(&a).indicators[row].actual.text(), "25家");
}

#[test]
fn bad_input_is_refused_where_it_was_typed_and_nothing_changes() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "新增规上企业", 2);
    let before = stored(&a);
    for bad in ["12.3.4", "99999999999999999家", "１２．３．４家"] {
        keys(&mut a, &[KeyCode::Enter]);
        press(&mut a, vec![key(KeyCode::Backspace); 10]);
        type_text(&mut a, bad);
        keys(&mut a, &[KeyCode::Enter]);
        assert!(a.status.error, "{bad} should be refused: {:?}", a.status);
        assert_eq!(stored(&a), before, "{bad} must not be stored");
        assert!(screen(&a, 80, 24).contains("！"), "the message is on screen");
        // The first Esc only warns, the second discards.
        keys(&mut a, &[KeyCode::Esc]);
        assert!(eval(&a).editor.is_some());
        keys(&mut a, &[KeyCode::Esc]);
        assert!(eval(&a).editor.is_none());
    }
    // An impossible date in a deadline row.
    select(&mut a, "申报工作及时完成情况", 2);
    type_text(&mut a, "2024-13-40");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("月份应为 1–12"), "{:?}", a.status);
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    // A letter in a money field.
    keys(&mut a, &[KeyCode::BackTab, KeyCode::BackTab]);
    let funds = eval(&a).form_rows(jixiao::app::form::FormTab::Budget);
    let executed = funds.iter().position(|r| *r == jixiao::app::form::FormRow::Field(Field::FundsExecuted)).unwrap();
    keys(&mut a, &[KeyCode::Home]);
    keys(&mut a, &[KeyCode::Down; 60]);
    keys(&mut a, &[KeyCode::Home]);
    let first = eval(&a).cursor_of(jixiao::app::form::FormTab::Budget);
    let editable_before = funds[first..executed].iter().filter(|r| r.editable()).count();
    keys(&mut a, &vec![KeyCode::Down; editable_before]);
    type_text(&mut a, "7256.1O");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("不是数字"), "{:?}", a.status);
    assert_eq!(stored(&a), before);
    assert_eq!(before.funds.executed.unwrap().to_string(), "7256.10");
}

#[test]
fn a_typed_score_asks_for_a_reason_and_clearing_it_returns_to_the_rule() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "申报企业质量达标率", 4);
    type_text(&mut a, "4.8");
    keys(&mut a, &[KeyCode::Enter]);
    // The reason is required.
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("请填写理由"), "{:?}", a.status);
    type_text(&mut a, "复核后认定");
    keys(&mut a, &[KeyCode::Enter]);
    let row = row_of(&a, "申报企业质量达标率");
    let entered = stored(&a).indicators[row].entered.clone().unwrap();
    assert_eq!((entered.score, entered.reason.as_str()), (Decimal::from_str("4.8").unwrap(), "复核后认定"));
    assert_eq!(total(&a), "98.96");
    // A score above the weight is refused.
    type_text(&mut a, "6");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("超过分值"), "{:?}", a.status);
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    // Clearing the cell returns the row to its rule.
    keys(&mut a, &[KeyCode::Enter]);
    press(&mut a, vec![key(KeyCode::Backspace); 5]);
    keys(&mut a, &[KeyCode::Enter]);
    assert!(stored(&a).indicators[row].entered.is_none());
    assert_eq!(total(&a), "98.76");
}

#[test]
fn rows_are_inserted_moved_and_deleted() {
    let mut a = app();
    open_tab(&mut a, 3);
    let n = stored(&a).indicators.len();
    select(&mut a, "党建活动", 0);
    keys(&mut a, &[KeyCode::Insert]);
    type_text(&mut a, "新指标");
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    assert_eq!(ev.indicators.len(), n + 1);
    let at = row_of(&a, "新指标");
    assert_eq!(at, row_of(&a, "党建活动") + 1);
    assert_eq!(ev.indicators[at].level1, "产出指标", "the new row takes its neighbour's levels");
    assert_eq!(eval(&a).grid.row, at + 1, "Enter confirms and moves down");
    keys(&mut a, &[KeyCode::Up]);
    press(&mut a, [ctrl_key(KeyCode::Up)]);
    assert_eq!(row_of(&a, "新指标") + 1, row_of(&a, "党建活动"));
    keys(&mut a, &[KeyCode::Delete]);
    assert!(a.question.is_some(), "deleting asks first");
    keys(&mut a, &[KeyCode::Char('n')]);
    assert_eq!(stored(&a).indicators.len(), n + 1);
    keys(&mut a, &[KeyCode::Delete, KeyCode::Char('y')]);
    assert_eq!(stored(&a).indicators.len(), n);
    assert!(stored(&a).indicators.iter().all(|i| i.name != "新指标"));
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).indicators.len(), n + 1, "a deleted row comes back with undo");
}

#[test]
fn a_block_pasted_from_a_spreadsheet_fills_the_grid() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "党建活动", 1);
    let before = stored(&a);
    press(&mut a, [Event::Paste("4\t4\n12\t11\n".into())]);
    assert_eq!(stored(&a), before, "nothing is pasted before the preview is accepted");
    assert!(screen(&a, 80, 24).contains("粘贴预览"));
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    let party = &ev.indicators[row_of(&a, "党建活动")];
    assert_eq!((party.target.text(), party.actual.text()), ("4", "4"));
    let safety = &ev.indicators[row_of(&a, "安全生产检查")];
    assert_eq!((safety.target.text(), safety.actual.text()), ("12", "11"));
    assert_eq!(total(&a), "98.26", "one missed month: −0.5");
    // A block with a bad cell changes nothing.
    press(&mut a, [Event::Paste("1\t2024-13-40\n".into())]);
    assert!(a.status.error);
    assert_eq!(stored(&a), ev);
}

#[test]
fn a_paste_into_a_one_line_field_submits_nothing() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "新增规上企业", 0);
    keys(&mut a, &[KeyCode::Enter]);
    press(&mut a, vec![key(KeyCode::Backspace); 10]);
    press(&mut a, [Event::Paste("新增\n规上\r\n企业\n".into())]);
    assert!(eval(&a).editor.is_some(), "still editing");
    assert_eq!(stored(&a).indicators[2].name, "新增规上企业");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).indicators[2].name, "新增 规上 企业");
}

#[test]
fn chinese_text_typed_into_a_narrative_is_saved_as_it_is_typed_with_the_caret_on_it() {
    let mut a = app();
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(stored(&a).narrative.other, "无");
    press(&mut a, [key(KeyCode::Backspace)]);
    type_text(&mut a, "测试文字");
    // Saved without leaving the editor: an SSH drop now loses nothing.
    assert_eq!(stored(&a).narrative.get(Section::Other), "测试文字");
    let mut term = terminal(80, 24);
    draw(&a, &mut term);
    // The text area starts after the 26-column list and its border.
    term.backend_mut().assert_cursor_position((27 + 8, 2));
    keys(&mut a, &[KeyCode::Enter]);
    type_text(&mut a, "第二行");
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(stored(&a).narrative.other, "测试文字\n第二行");
    // The whole session is one undo step.
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).narrative.other, "无");
}

#[test]
fn the_caret_sits_after_wide_characters_while_editing_a_cell() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "新增规上企业", 2);
    type_text(&mut a, "二十五家");
    let mut term = terminal(80, 24);
    draw(&a, &mut term);
    // Rows: tabs, 20 of content (the last of them the edit bar), summary, status, keys.
    let bar_y = 20;
    // "编辑 完成值：" is 13 columns; four wide characters are 8.
    term.backend_mut().assert_cursor_position((13 + 8, bar_y));
}

#[test]
fn the_terminal_cursor_marks_the_selected_cell() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "新增规上企业", 2);
    let mut term = terminal(80, 24);
    draw(&a, &mut term);
    // Row 3 of the grid (tabs, header, two rows above); 完成值 starts at column 57 at 80 wide.
    term.backend_mut().assert_cursor_position((57, 4));
    keys(&mut a, &[KeyCode::Down, KeyCode::Left]);
    draw(&a, &mut term);
    term.backend_mut().assert_cursor_position((46, 5));
    // A detail column: the cursor is on its label under the grid.
    keys(&mut a, &[KeyCode::End]);
    let shown = draw(&a, &mut term);
    let at = shown.lines().position(|l| l.starts_with("偏差原因")).unwrap() as u16;
    assert!(at >= 15, "under the grid:\n{shown}");
    term.backend_mut().assert_cursor_position((0, at));
}

#[test]
fn the_rule_form_changes_a_rule_without_typing_syntax() {
    let mut a = app();
    open_tab(&mut a, 3);
    select(&mut a, "新增规上企业", 0);
    keys(&mut a, &[KeyCode::End, KeyCode::Left, KeyCode::Enter]);
    // 不足扣分 → settings → 扣（Y分）→ 0.1.
    keys(&mut a, &[KeyCode::Right, KeyCode::Down, KeyCode::Enter]);
    press(&mut a, vec![key(KeyCode::Backspace); 6]);
    type_text(&mut a, "0.1");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(screen(&a, 80, 24).contains("按此规则：得 2.80 分"), "{}", screen(&a, 80, 24));
    keys(&mut a, &[KeyCode::F(10)]);
    let row = row_of(&a, "新增规上企业");
    assert_eq!(stored(&a).indicators[row].rule.describe(), "不足扣分：每少1扣0.1分");
    assert_eq!(total(&a), "98.72");
    // Esc leaves the form without a change.
    keys(&mut a, &[KeyCode::Enter, KeyCode::Down, KeyCode::Esc]);
    assert_eq!(stored(&a).indicators[row].rule.describe(), "不足扣分：每少1扣0.1分");
}

#[test]
fn a_finding_jumps_to_its_field() {
    let mut a = app();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::F(9)]);
    // The first finding is the 三公 budget sum.
    keys(&mut a, &[KeyCode::Enter]);
    let e = eval(&a);
    assert_eq!(e.tab, jixiao::app::eval::Tab::Form(jixiao::app::form::FormTab::Budget));
    let rows = e.form_rows(jixiao::app::form::FormTab::Budget);
    assert_eq!(
        rows[e.cursor_of(jixiao::app::form::FormTab::Budget)],
        jixiao::app::form::FormRow::Field(Field::SangongBudgetTotal)
    );
}

#[test]
fn organisation_lists_are_edited_in_place() {
    let mut a = app();
    open_tab(&mut a, 0);
    // Rows: 单位名称, 年度, 级别, 人数, 增减, then the 8 internal units.
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Down]);
    keys(&mut a, &[KeyCode::Delete]);
    assert_eq!(stored(&a).organisation.internal_units.len(), 7);
    assert_eq!(stored(&a).organisation.internal_units[0], "人事政工股");
    keys(&mut a, &[KeyCode::Insert]);
    type_text(&mut a, "综合股");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).organisation.internal_units.last().unwrap(), "综合股");
    assert!(screen(&a, 80, 24).contains("内设股室（8个）"));
}

#[test]
fn a_new_evaluation_is_created_from_the_start_screen_and_deleted_again() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('n')]);
    press(&mut a, vec![key(KeyCode::Backspace); 20]);
    type_text(&mut a, "某某局");
    keys(&mut a, &[KeyCode::Tab]);
    press(&mut a, vec![key(KeyCode::Backspace); 4]);
    type_text(&mut a, "2023");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(eval(&a).ev.organisation.name, "某某局");
    assert!(a.store.find("某某局", 2023).unwrap().is_some());
    keys(&mut a, &[KeyCode::Esc]);
    let Screen::Start(s) = &a.screen else { panic!() };
    let idx = s.lines.iter().position(|l| l.summary().is_some_and(|r| r.organisation == "某某局")).unwrap();
    keys(&mut a, &[KeyCode::Up; 5]);
    keys(&mut a, &vec![KeyCode::Down; idx]);
    keys(&mut a, &[KeyCode::Char('d'), KeyCode::Char('y')]);
    assert!(a.store.find("某某局", 2023).unwrap().is_none());
    assert!(a.store.find(ORG, 2024).unwrap().is_some());
}

#[test]
fn a_stale_window_cannot_overwrite_anothers_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut first = app_on(&path);
    let mut second = app_on(&path);
    open_tab(&mut first, 3);
    open_tab(&mut second, 3);
    select(&mut first, "新增规上企业", 2);
    type_text(&mut first, "25家");
    keys(&mut first, &[KeyCode::Enter]);
    select(&mut second, "新增规上企业", 2);
    type_text(&mut second, "24家");
    keys(&mut second, &[KeyCode::Enter]);
    assert!(second.status.text.contains("已在别处被修改"), "{:?}", second.status);
    assert_eq!(stored(&second).indicators[row_of(&second, "新增规上企业")].actual.text(), "25家");
}

#[test]
fn quitting_saves_a_text_being_typed() {
    let mut a = app();
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::Enter, KeyCode::End]);
    a.handle(key(KeyCode::Char('补')));
    press(&mut a, [ctrl('q')]);
    assert!(a.should_quit());
    assert!(stored(&a).narrative.conclusion.ends_with('补'));
}

#[test]
fn no_colour_still_shows_the_selection() {
    let mut a = app();
    a.color = false;
    open_tab(&mut a, 3);
    let mut term = terminal(80, 24);
    draw(&a, &mut term);
    let buf = term.backend().buffer();
    let reversed_in_row =
        |y: u16| (0..80).filter(|&x| buf[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED)).count();
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (ratatui::style::Color::Reset, ratatui::style::Color::Reset));
    }
    assert!(reversed_in_row(0) >= 4, "the active tab is reversed");
    assert!(reversed_in_row(1) >= 2, "the selected column's heading is reversed");
    term.backend_mut().assert_cursor_position((22, 2));
}

#[test]
fn f6_exports_a_file_and_asks_before_overwriting_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    open_tab(&mut a, 3);
    let into = |a: &mut jixiao::app::App| {
        keys(a, &[KeyCode::F(6)]);
        let Screen::Eval(e) = &mut a.screen else { panic!() };
        e.export.as_mut().expect("F6 opens the export menu").dir = dir.path().to_path_buf();
    };
    into(&mut a);
    assert!(screen(&a, 80, 24).contains("自评表（Excel）"));
    keys(&mut a, &[KeyCode::Enter]);
    let path = dir.path().join("衡阳县科技和工业信息化局-2024年度绩效自评表.xlsx");
    assert!(a.status.text.contains("已导出"), "{:?}", a.status);
    let first = std::fs::read(&path).unwrap();
    assert_eq!(&first[..2], b"PK", "an xlsx is a zip");
    // The same again: asked first; "n" leaves the file alone.
    std::fs::write(&path, b"mine").unwrap();
    into(&mut a);
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.question.is_some(), "overwriting asks first");
    keys(&mut a, &[KeyCode::Char('n')]);
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
    into(&mut a);
    keys(&mut a, &[KeyCode::Enter, KeyCode::Char('y')]);
    assert_eq!(&std::fs::read(&path).unwrap()[..2], b"PK");
    // The report as Word.
    into(&mut a);
    keys(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    assert!(dir.path().join("衡阳县科技和工业信息化局-2024年度绩效自评报告.docx").exists(), "{:?}", a.status);
}
