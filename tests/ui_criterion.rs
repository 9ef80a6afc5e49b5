//! The rule read from a criterion in the grid: shown as it is typed, accepted with F3,
//! adjusted in the rule form (F4), and values the rule cannot read refused where typed.

mod driver;

use crossterm::event::{Event, KeyCode};
use driver::*;
use jixiao::app::Screen;
use jixiao::app::eval::{Editor, EvalState};
use jixiao::domain::rule::{Rule, StepRule};
use rust_decimal::Decimal;

fn eval(app: &jixiao::app::App) -> &EvalState {
    match &app.screen {
        Screen::Eval(e) => e,
        _ => panic!("not in an evaluation"),
    }
}

fn step(step: i64, deduct: &str) -> Rule {
    Rule::Shortfall(StepRule { step: Decimal::from(step), deduct: deduct.parse().unwrap(), whole_steps: false })
}

/// A new row after the last, with its name, target, actual and weight typed.
fn new_row(a: &mut jixiao::app::App) -> usize {
    open_tab(a, 3);
    keys(a, &[KeyCode::End]);
    keys(a, &[KeyCode::Down; 20]);
    keys(a, &[KeyCode::Insert]);
    type_text(a, "走访企业");
    keys(a, &[KeyCode::Tab]);
    type_text(a, "120家");
    keys(a, &[KeyCode::Tab]);
    type_text(a, "110家");
    keys(a, &[KeyCode::Tab]);
    type_text(a, "3");
    keys(a, &[KeyCode::Enter]);
    row_of(a, "走访企业")
}

/// The grid cursor on the row's 评分标准 (criterion) column.
fn to_criterion(a: &mut jixiao::app::App, row: usize) {
    keys(a, &[KeyCode::Up; 30]);
    keys(a, &vec![KeyCode::Down; row]);
    keys(a, &[KeyCode::End, KeyCode::Left, KeyCode::Left]);
}

/// A new row with `criterion` pasted into its 评分标准 editor (left open).
fn new_row_with(a: &mut jixiao::app::App, criterion: &str) -> usize {
    let row = new_row(a);
    to_criterion(a, row);
    keys(a, &[KeyCode::Enter]);
    press(a, [Event::Paste(criterion.into())]);
    row
}

#[test]
fn a_criterion_pasted_into_a_new_row_is_read_shown_and_accepted_with_f3() {
    let mut a = app();
    let row = new_row_with(&mut a, "完成120家得3分，每少一家扣0.05分");
    assert_eq!(stored(&a).indicators[row].rule, Rule::Manual, "a new row starts manual");
    // While typing, the editor says what the text reads as and what it would score.
    let typing = screen(&a, 80, 24);
    assert!(typing.contains("读作（得2.50分）：不足扣分：每少1扣0.05分"), "{typing}");
    keys(&mut a, &[KeyCode::Esc]);
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("建议     得2.50分　不足扣分：每少1扣0.05分  F3采用 F4调整"), "{shown}");
    assert!(shown.contains("评分规则 人工评分"), "{shown}");

    keys(&mut a, &[KeyCode::F(3)]);
    assert_eq!(stored(&a).indicators[row].rule, step(1, "0.05"), "saved at once");
    assert!(a.status.text.contains("已采用：不足扣分：每少1扣0.05分"), "{:?}", a.status);
    let after = screen(&a, 80, 24);
    assert!(after.contains("评分规则 不足扣分：每少1扣0.05分（与评分标准一致）"), "{after}");
    assert!(after.contains("计分     少10家 × 0.05 = 扣0.5分"), "{after}");
    // One undo takes it back.
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).indicators[row].rule, Rule::Manual);
}

#[test]
fn f4_opens_the_rule_form_filled_in_from_the_text() {
    let mut a = app();
    let row = new_row_with(&mut a, "完成120家得3分，每少一家扣0.1分");
    keys(&mut a, &[KeyCode::Esc, KeyCode::F(4)]);
    assert!(matches!(&eval(&a).editor, Some(Editor::Rule(f)) if f.prefilled));
    let form = screen(&a, 80, 24);
    assert!(form.contains("按评分标准预填") && form.contains("按此规则：得 2.00 分"), "{form}");
    keys(&mut a, &[KeyCode::F(10)]);
    assert_eq!(stored(&a).indicators[row].rule, step(1, "0.1"));
    // Enter on the rule of a manual row does the same.
    press(&mut a, [ctrl('z')]);
    keys(&mut a, &[KeyCode::Right, KeyCode::Enter]);
    assert!(matches!(&eval(&a).editor, Some(Editor::Rule(f)) if f.prefilled));
    keys(&mut a, &[KeyCode::Esc]);
}

#[test]
fn a_text_that_gives_no_rule_says_why_and_f3_changes_nothing() {
    let mut a = app();
    new_row_with(&mut a, "视完成情况酌情扣分");
    keys(&mut a, &[KeyCode::Esc]);
    assert!(screen(&a, 80, 24).contains("读不出规则：评分标准含“酌情”"), "{}", screen(&a, 80, 24));
    let before = stored(&a);
    keys(&mut a, &[KeyCode::F(3)]);
    assert!(a.status.error && a.status.text.contains("无法从评分标准读出规则"), "{:?}", a.status);
    assert_eq!(stored(&a), before);
}

#[test]
fn a_value_the_rule_cannot_read_is_refused_where_typed() {
    let mut a = app();
    open_tab(&mut a, 3);
    let row = row_of(&a, "新增规上企业");
    keys(&mut a, &vec![KeyCode::Down; row]);
    keys(&mut a, &[KeyCode::Home, KeyCode::Right, KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    keys(&mut a, &[KeyCode::Enter]);
    press(&mut a, vec![key(KeyCode::Backspace); 8]);
    type_text(&mut a, "达成预期指标");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.error, "{:?}", a.status);
    assert!(a.status.text.contains("实际完成值“达成预期指标”不是数字，无法按“不足扣分”计算"), "{:?}", a.status);
    assert_eq!(stored(&a).indicators[row].actual.text(), "23家", "nothing saved");
    assert!(eval(&a).editor.is_some(), "the editor stays open to fix it");
    // A deadline phrase in a deadline row is read, not refused.
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    let due = row_of(&a, "申报工作及时完成情况");
    keys(&mut a, &[KeyCode::Up; 30]);
    keys(&mut a, &vec![KeyCode::Down; due]);
    keys(&mut a, &[KeyCode::Home, KeyCode::Right, KeyCode::Right, KeyCode::Right, KeyCode::Enter]);
    press(&mut a, vec![key(KeyCode::Backspace); 12]);
    type_text(&mut a, "2024年12月31日前");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(!a.status.error, "{:?}", a.status);
    assert_eq!(stored(&a).indicators[due].target.text(), "2024年12月31日前");
    let e = eval(&a);
    assert_eq!(e.sheet.show(e.sheet.total), "98.76");
}

#[test]
fn the_proposal_under_the_grid_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app();
        press(&mut a, [Event::Resize(w, h)]);
        new_row_with(&mut a, "完成120家得3分，每少一家扣0.05分");
        insta::assert_snapshot!(format!("typing_{w}x{h}"), screen(&a, w, h));
        keys(&mut a, &[KeyCode::Esc]);
        insta::assert_snapshot!(format!("proposal_{w}x{h}"), screen(&a, w, h));
    }
}
