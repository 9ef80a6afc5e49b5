//! The template screen (F10, issue 9): every setting shown, a change rescored at once and
//! said, undone with Ctrl+Z, a value out of range refused where it was typed, another
//! template chosen, and this one saved under a name for new evaluations. Key sequences
//! through the app without a terminal, and snapshots of what is drawn.

mod driver;

use crossterm::event::KeyCode;
use driver::*;
use jixiao::app::{App, Screen};
use jixiao::domain::rule::Rule;
use jixiao::domain::template::Rounding;
use rust_decimal::Decimal;

fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// The demo open on tab `tab`, the template screen opened over it.
fn template_screen(tab: usize) -> App {
    let mut a = app();
    open_tab(&mut a, tab);
    keys(&mut a, &[KeyCode::F(10)]);
    a
}

/// Moves the cursor down `n` settings and opens the selected one's editor.
fn edit_setting(a: &mut App, n: usize, text: &str) {
    keys(a, &vec![KeyCode::Down; n]);
    keys(a, &[KeyCode::Enter]);
    type_text(a, text);
    keys(a, &[KeyCode::Enter]);
}

/// The total as the open evaluation's score sheet has it.
fn total(a: &App) -> String {
    match &a.screen {
        Screen::Eval(e) => e.sheet.show(e.sheet.total),
        _ => panic!("no evaluation open"),
    }
}

#[test]
fn f7_opens_the_template_screen_from_every_tab() {
    for tab in 0..5 {
        let a = template_screen(tab);
        let shown = screen(&a, 80, 24);
        assert!(shown.contains("评分模板：湖南省县级部门整体支出"), "tab {tab}: {shown}");
        assert!(shown.contains("出处：") && shown.contains("预算执行率分值"), "tab {tab}: {shown}");
    }
    // Esc goes back to the tab it came from.
    let mut a = template_screen(3);
    keys(&mut a, &[KeyCode::Esc]);
    assert!(screen(&a, 80, 24).contains("三级指标"));
}

#[test]
fn the_template_screen_at_both_sizes() {
    let a = template_screen(3);
    both("template", &a);
}

#[test]
fn every_setting_is_on_the_screen() {
    let mut a = template_screen(0);
    let mut seen = String::new();
    // Page through the whole list at 80×24.
    for _ in 0..4 {
        seen.push_str(&screen(&a, 80, 24));
        keys(&mut a, &[KeyCode::PageDown]);
    }
    for label in [
        "预算执行率分值",
        "执行率的分母",
        "得分取位",
        "定性等级（比例）",
        "评价等级",
        "超额完成扣分",
        "执行率封顶",
        "须填偏差原因",
        "新行的评分规则",
        "指标栏的列",
        "资金栏的列",
        "备注",
    ] {
        assert!(seen.contains(label), "{label} not shown: {seen}");
    }
}

#[test]
fn a_typed_setting_rescores_says_what_changed_and_undoes() {
    let mut a = template_screen(3);
    assert_eq!(total(&a), "98.76");
    edit_setting(&mut a, 1, "20");
    // 96.63% × 20 = 19.33 in place of 9.66.
    assert_eq!(total(&a), "108.43");
    assert!(a.status.text.contains("预算执行率分值：10 分 → 20 分"), "{}", a.status.text);
    assert!(a.status.text.contains("总分 98.76 → 108.43"), "{}", a.status.text);
    assert_eq!(stored(&a).template.funds_weight, Decimal::from(20), "saved at once");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("20 分") && shown.contains("改了 1 项"), "{shown}");
    both("template_changed", &a);
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).template.funds_weight, Decimal::TEN);
    assert_eq!(total(&a), "98.76");
    press(&mut a, [ctrl('y')]);
    assert_eq!(stored(&a).template.funds_weight, Decimal::from(20));
}

#[test]
fn a_setting_out_of_range_is_refused_where_it_was_typed() {
    let mut a = template_screen(3);
    let before = stored(&a);
    edit_setting(&mut a, 1, "0");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("必须大于 0"), "{shown}");
    assert_eq!(stored(&a), before, "nothing stored");
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    // 评价等级 is the sixth setting below 预算执行率分值.
    edit_setting(&mut a, 5, "120/80/60");
    assert!(screen(&a, 80, 24).contains("超过 100"), "{}", screen(&a, 80, 24));
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    keys(&mut a, &[KeyCode::Enter]);
    type_text(&mut a, "80/90/60");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(screen(&a, 80, 24).contains("从高到低"), "{}", screen(&a, 80, 24));
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    assert_eq!(stored(&a), before, "nothing stored");
}

#[test]
fn a_choice_changes_with_the_arrows_and_rescores() {
    let mut a = template_screen(3);
    // 得分取位 is the fourth setting below the name.
    keys(&mut a, &[KeyCode::Down; 4]);
    keys(&mut a, &[KeyCode::Right]);
    assert_eq!(stored(&a).template.rounding, Rounding::Whole);
    assert!(a.status.text.contains("得分取位：保留两位小数 → 取整数分"), "{}", a.status.text);
    // Whole points: 9.66 → 10, 2.84 → 3, 4.6 → 5 (the typed 19.66 stays as typed).
    assert!(a.status.text.contains("总分 98.76 → "), "{}", a.status.text);
    assert_ne!(total(&a), "98.76");
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).template.rounding, Rounding::TwoPlaces);
}

#[test]
fn the_default_rule_by_the_targets_operator_is_what_new_rows_get() {
    let mut a = template_screen(3);
    // 新行的评分规则 is the twelfth setting below the name.
    keys(&mut a, &[KeyCode::Down; 12]);
    keys(&mut a, &[KeyCode::Right]);
    assert_eq!(stored(&a).template.default_rule, Some(Rule::Directional));
    assert!(screen(&a, 80, 24).contains("正向/反向（按指标性质）"));
    keys(&mut a, &[KeyCode::Esc, KeyCode::Insert]);
    type_text(&mut a, "新指标");
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    let new = ev.indicators.iter().find(|i| i.name == "新指标").expect("row added");
    assert_eq!(new.rule, Rule::Directional);
}

#[test]
fn another_template_is_chosen_and_this_one_saved_for_new_evaluations() {
    let mut a = template_screen(3);
    keys(&mut a, &[KeyCode::Char('p')]);
    both("template_chooser", &a);
    // The presets in order: national, hunan-county, hubei, hebei …
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    let ev = stored(&a);
    assert_eq!(ev.template.preset, "hebei");
    assert!(a.status.text.contains("换用模板"), "{}", a.status.text);
    press(&mut a, [ctrl('z')]);
    assert_eq!(stored(&a).template.preset, "hunan-county", "undone");
    // Saved under a name: in the database, and offered for a new evaluation.
    edit_setting(&mut a, 1, "20");
    press(&mut a, [ctrl('s')]);
    type_text(&mut a, "某县模板");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.text.contains("本地模板“某县模板”"), "{}", a.status.text);
    let saved = a.store.saved_templates().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!((saved[0].name.as_str(), saved[0].funds_weight), ("某县模板", Decimal::from(20)));
    assert_eq!(stored(&a).template.name, "某县模板");
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('n')]);
    let Screen::Start(s) = &a.screen else { panic!("not at the start screen") };
    let form = s.new_form.as_ref().expect("the new-evaluation form");
    assert!(form.templates.iter().any(|t| t.name == "某县模板" && t.funds_weight == Decimal::from(20)));
}

#[test]
fn a_column_is_printed_or_not_from_the_list() {
    let mut a = template_screen(3);
    // 指标栏的列 is the first of the printed settings.
    keys(&mut a, &[KeyCode::Down; 13]);
    keys(&mut a, &[KeyCode::Enter]);
    let shown = screen(&a, 80, 24);
    assert!(shown.contains(">   [x] 一级指标"), "{shown}");
    // Down to 指标性质 (the first not printed, after the nine printed) and print it.
    keys(&mut a, &[KeyCode::Down; 9]);
    let shown = screen(&a, 80, 24);
    assert!(shown.contains(">   [ ] 指标性质"), "{shown}");
    press(&mut a, [key(KeyCode::Char(' '))]);
    let t = stored(&a).template;
    assert!(t.has(jixiao::domain::template::ColumnKey::Nature), "{:?}", t.columns);
    // The grid now has the column.
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc]);
    assert!(screen(&a, 120, 40).contains("性质"), "{}", screen(&a, 120, 40));
}

#[test]
fn the_template_of_a_filed_evaluation_is_not_changed() {
    let mut a = app();
    let id = a.store.find(ORG, 2024).unwrap().unwrap();
    a.store.lock(id).unwrap();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::F(10)]);
    let before = stored(&a);
    edit_setting(&mut a, 1, "20");
    assert_eq!(stored(&a).template, before.template, "refused by the store");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("已提交") || a.status.text.contains("已提交"), "{shown}\n{}", a.status.text);
    keys(&mut a, &[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('p'), KeyCode::Down, KeyCode::Enter]);
    assert_eq!(stored(&a).template, before.template, "nor another chosen");
}
