//! Projects in the terminal UI, by key sequences without a terminal: the start screen's
//! tree, `n` for a project, a project's tabs, `y` with the year's projects, deleting a
//! department with its projects, comparing a renamed project.

mod common;
mod driver;

use crossterm::event::KeyCode;
use driver::{ORG, app, key, keys, press, screen, type_text};
use jixiao::app::start::Line;
use jixiao::app::{App, Screen};
use jixiao::domain::project::Kind;

/// The demo department with `n` projects of its year (the example and copies of it).
fn with_projects(n: usize) -> App {
    let mut a = app();
    for i in 0..n {
        let mut p = common::keji();
        if i > 0 {
            p.project.name = format!("专项{i:02}");
        }
        a.store.create(&p).unwrap();
    }
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Esc]); // a screen and back: the list reloads
    a
}

fn start(a: &App) -> &jixiao::app::start::StartState {
    let Screen::Start(s) = &a.screen else { panic!("not on the start screen") };
    s
}

fn both(name: &str, a: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(a, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(a, 120, 40));
}

#[test]
fn the_start_screen_shows_each_department_with_its_projects_and_folds_many() {
    let a = with_projects(2);
    let s = screen(&a, 80, 24);
    let dept = s.lines().position(|l| l.contains(ORG)).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[dept + 1].contains("项目：专项01") && lines[dept + 2].contains("项目：科技项目资金"), "{s}");
    assert!(lines[dept + 2].contains("99.50") && lines[dept + 2].contains("无问题"), "{s}");
    assert!(s.contains("共 3 份（部门整体 1，项目 2）"), "{s}");
    both("start_projects", &a);

    let mut a = with_projects(6);
    let s = screen(&a, 80, 24);
    assert!(s.contains("项目 6 个（→ 展开）"), "{s}");
    assert!(!s.contains("专项01"), "folded");
    both("start_folded", &a);
    keys(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    assert!(screen(&a, 80, 24).contains("专项05"), "Enter on the folded line unfolds it");
    assert!(matches!(start(&a).line(), Some(Line::Eval { .. })), "the first project selected");
    keys(&mut a, &[KeyCode::Down, KeyCode::Left]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("项目 6 个") && a.status.text.contains("已折叠"), "{s}");
    keys(&mut a, &[KeyCode::Right]);
    assert!(screen(&a, 80, 24).contains("专项05"));
    // A filter shows the matching projects under their department, unfolded.
    keys(&mut a, &[KeyCode::Left, KeyCode::Char('/')]);
    type_text(&mut a, "专项03");
    let s = screen(&a, 80, 24);
    assert!(s.contains("专项03") && !s.contains("专项02") && s.contains(ORG), "{s}");
}

#[test]
fn n_offers_a_project_and_a_project_has_its_own_tabs() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('n'), KeyCode::Tab, KeyCode::Tab, KeyCode::Right]);
    let form = start(&a).new_form.as_ref().unwrap();
    assert_eq!(form.kind, Kind::Project);
    assert_eq!(form.year.text(), "2024", "a project of the selected year");
    both("new_project_form", &a);
    keys(&mut a, &[KeyCode::Tab]);
    type_text(&mut a, "农业科技推广项目");
    keys(&mut a, &[KeyCode::Enter]);
    let Screen::Eval(e) = &a.screen else { panic!("the new project is open: {:?}", a.status) };
    assert_eq!((e.ev.kind, e.ev.project.name.as_str(), e.ev.year), (Kind::Project, "农业科技推广项目", 2024));
    let s = screen(&a, 80, 24);
    assert!(s.starts_with(" 项目信息 | 项目资金 | 绩效指标 | 报告文字"), "{s}");
    assert!(!s.contains("单位信息") && !s.contains("资产"), "no department chapters");
    assert!(s.contains("主管部门                  衡阳县科技和工业信息化局"), "{s}");
    both("project_info", &a);
    keys(&mut a, &[KeyCode::Tab]);
    // 年初预算数, 全年预算数, 全年执行数 typed down the column (the national template's
    // rate is on 全年预算数: no 调整后预算数 line).
    for v in ["30", "30", "27"] {
        type_text(&mut a, v);
        keys(&mut a, &[KeyCode::Enter]);
    }
    for v in ["30", "25", "27"] {
        type_text(&mut a, v);
        keys(&mut a, &[KeyCode::Enter]);
    }
    let s = screen(&a, 80, 24);
    assert!(s.contains("执行率                    90.00%") && s.contains("[警]"), "{s}");
    both("project_funds", &a);
    keys(&mut a, &[KeyCode::Tab, KeyCode::Tab]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("【年度总体目标】") && s.contains("预期目标") && !s.contains("项目绩效目标完成情况"), "{s}");
    keys(&mut a, &[KeyCode::Enter]);
    type_text(&mut a, "推广新品种10个");
    press(&mut a, [key(KeyCode::Esc)]);
    let id = a.store.find_in(ORG, 2024, Some("农业科技推广项目")).unwrap().unwrap();
    let stored = a.store.load(id).unwrap().evaluation;
    assert_eq!(stored.project.goal.expected, "推广新品种10个");
    assert_eq!(stored.funds.executed.map(|x| x.to_string()).as_deref(), Some("27"));
    assert_eq!(stored.project.funds.current.executed.map(|x| x.to_string()).as_deref(), Some("27"));
}

#[test]
fn a_second_project_of_the_same_name_is_refused_in_the_form_and_on_rename() {
    let mut a = with_projects(2);
    let before = a.store.list().unwrap();
    keys(&mut a, &[KeyCode::Down, KeyCode::Char('n'), KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut a, "科技项目资金");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.error && a.status.text.contains("已有项目“科技项目资金”"), "{:?}", a.status);
    assert!(start(&a).new_form.is_some(), "the form stays for the name to be changed");
    assert_eq!(a.store.list().unwrap(), before, "nothing written");
    // Renaming 专项01 to 科技项目资金 on its 项目信息 tab.
    keys(&mut a, &[KeyCode::Esc, KeyCode::Enter, KeyCode::Down, KeyCode::Down]);
    type_text(&mut a, "科技项目资金");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.status.error && a.status.text.contains("项目名称不能重复"), "{:?}", a.status);
    let Screen::Eval(e) = &a.screen else { panic!() };
    assert_eq!(e.ev.project.name, "专项01", "taken back");
}

#[test]
fn y_on_a_department_asks_whether_to_draft_its_projects_too() {
    let mut a = with_projects(2);
    keys(&mut a, &[KeyCode::Home, KeyCode::Char('y')]);
    let q = a.question.as_ref().expect("asked").text();
    assert!(q.contains("是否同时由 2024年的 2 个项目新建 2025年的项目自评"), "{q}");
    both("new_year_projects_question", &a);
    keys(&mut a, &[KeyCode::Char('y')]);
    let Screen::Eval(e) = &a.screen else { panic!() };
    assert_eq!((e.ev.kind, e.ev.year), (Kind::Department, 2025));
    assert!(a.status.text.contains("及 2 个项目"), "{:?}", a.status);
    assert_eq!(a.store.projects_of(ORG, 2025).unwrap().len(), 2);
    // On a project, y drafts that project alone.
    let mut b = with_projects(2);
    keys(&mut b, &[KeyCode::Home, KeyCode::Down, KeyCode::Char('y')]);
    assert!(b.question.is_none());
    assert_eq!(b.store.projects_of(ORG, 2025).unwrap().len(), 1);
    assert!(b.store.find(ORG, 2025).unwrap().is_none());
    // Answering no drafts the department only.
    let mut c = with_projects(1);
    keys(&mut c, &[KeyCode::Home, KeyCode::Char('y'), KeyCode::Char('n')]);
    assert!(c.store.find(ORG, 2025).unwrap().is_some() && c.store.projects_of(ORG, 2025).unwrap().is_empty());
}

#[test]
fn deleting_a_department_asks_naming_its_projects_and_takes_them_along() {
    let mut a = with_projects(3);
    keys(&mut a, &[KeyCode::Home, KeyCode::Char('d')]);
    let q = a.question.as_ref().unwrap().text();
    assert!(q.contains("其下 3 个项目的自评将一并删除"), "{q}");
    both("delete_with_projects", &a);
    keys(&mut a, &[KeyCode::Char('n')]);
    assert_eq!(a.store.list().unwrap().len(), 4, "no: nothing deleted");
    keys(&mut a, &[KeyCode::Char('d'), KeyCode::Char('y')]);
    assert!(a.store.list().unwrap().is_empty(), "{:?}", a.status);
    assert!(a.status.text.contains("及其下 3 个项目"), "{:?}", a.status);
    // A project alone goes alone.
    let mut b = with_projects(2);
    keys(&mut b, &[KeyCode::Home, KeyCode::Down, KeyCode::Char('d')]);
    assert!(!b.question.as_ref().unwrap().text().contains("一并"));
    keys(&mut b, &[KeyCode::Char('y')]);
    assert_eq!(b.store.list().unwrap().len(), 2);
}

#[test]
fn the_departments_project_chapter_shows_the_years_projects() {
    let mut a = with_projects(2);
    keys(&mut a, &[KeyCode::Home, KeyCode::Enter]);
    for _ in 0..4 {
        keys(&mut a, &[KeyCode::Tab]);
    }
    keys(&mut a, &[KeyCode::Down, KeyCode::Down]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("【本年项目自评（2个）】"), "{s}");
    let row = s.lines().find(|l| l.contains("科技项目资金") && l.contains("99.50")).unwrap();
    assert!(row.contains("200.00") && row.contains("100.00%") && row.contains("优"), "{row}");
    both("department_projects", &a);
}

#[test]
fn comparing_a_renamed_project_pairs_it_with_last_years_by_hand() {
    let mut a = app();
    a.store.create(&common::keji()).unwrap();
    let mut renamed = jixiao::domain::compare::next_year(&common::keji(), 2025);
    renamed.project.name = "科技创新专项资金".into();
    a.store.create(&renamed).unwrap();
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Esc]);
    let at = start(&a).lines.iter().position(|l| l.summary().is_some_and(|s| s.project == "科技创新专项资金")).unwrap();
    keys(&mut a, &[KeyCode::Home]);
    keys(&mut a, &vec![KeyCode::Down; at]);
    keys(&mut a, &[KeyCode::Char('c')]);
    let pick = start(&a).pick.as_ref().expect("asked which of 2024's projects it continues");
    assert_eq!(pick.candidates, ["科技项目资金"]);
    both("pick_renamed_project", &a);
    keys(&mut a, &[KeyCode::Enter]);
    let Screen::Compare(c) = &a.screen else { panic!("{:?}", a.status) };
    assert_eq!(c.comparison.year_numbers(), [2024, 2025]);
    assert!(screen(&a, 80, 24).contains("年度比较：衡阳县科技和工业信息化局 项目“科技创新专项资金”"));
}

#[test]
fn a_year_of_projects_without_its_department_unfolds_onto_its_first_project() {
    let mut a = app();
    for i in 0..5 {
        let mut p = common::hubei_monitoring();
        p.project.name = format!("监测{i}");
        a.store.create(&p).unwrap();
    }
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Esc]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("项目 5 个（→ 展开）：十堰市") && !s.contains("监测0"), "whose projects: {s}");
    let at = start(&a).lines.iter().position(|l| matches!(l, Line::Folded { .. })).unwrap();
    keys(&mut a, &[KeyCode::Home]);
    keys(&mut a, &vec![KeyCode::Down; at]);
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(start(&a).selected().map(|s| s.project.as_str()), Some("监测0"));
    assert!(screen(&a, 80, 24).contains("十堰市疾病预防控制中心 项目：监测4"), "shown with its organisation");
}
