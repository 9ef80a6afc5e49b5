//! Year over year in the terminal UI: a year drafted from the last (`y`), the compare
//! screen (window of years, pairing a renamed row by hand), the trend screen, and the
//! start screen's sort and filter. Key sequences, storage, and snapshots at 80×24 and
//! 120×40.

mod driver;

use crossterm::event::{Event, KeyCode};
use driver::*;
use jixiao::app::compare::{CompareState, Item};
use jixiao::app::trend::TrendState;
use jixiao::app::{App, Screen};
use jixiao::domain::compare::{Figure, Metric, RowStatus, next_year};
use jixiao::domain::model::{Evaluation, Typed};
use jixiao::domain::money::Amount;
use jixiao::store::Store;
use rust_decimal::Decimal;

fn typed(text: &str) -> Typed {
    Typed::new(text).unwrap()
}

fn wan(cents: i64) -> Option<Amount> {
    Some(Amount::wan(Decimal::new(cents, 2)))
}

fn set_actual(ev: &mut Evaluation, name: &str, actual: &str) {
    let row = ev.indicators.iter_mut().find(|i| i.name == name).unwrap_or_else(|| panic!("{name}"));
    row.actual = typed(actual);
}

/// The demo's 2024, a 2023 before it, and a 2025 drafted by `next_year` with a few
/// actuals and figures filled in, one row renamed (党建活动 → 党建活动开展情况) and one
/// dropped (乡村振兴). Selected on the start screen: 2025.
fn three_years(size: (u16, u16)) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let (id, _) = jixiao::cli::store_demo(&mut store).unwrap();
    let demo = store.load(id).unwrap().evaluation;

    let mut before = demo.clone();
    before.year = 2023;
    for row in &mut before.indicators {
        for value in [&mut row.target, &mut row.actual] {
            if let Some(rest) = value.text().strip_prefix("2024-") {
                *value = typed(&format!("2023-{rest}"));
            }
        }
    }
    set_actual(&mut before, "科技型中小企业评价入库", "140家");
    set_actual(&mut before, "新增规上企业", "21家");
    before.budget.final_accounts.revenue = wan(690_012);
    before.budget.final_accounts.expenditure = wan(684_050);
    store.create(&before).unwrap();

    let mut next = next_year(&demo, 2025);
    set_actual(&mut next, "科技型中小企业评价入库", "150家");
    set_actual(&mut next, "新增规上企业", "24家");
    set_actual(&mut next, "技术合同交易额", "45亿元");
    set_actual(&mut next, "申报企业质量达标率", "99%");
    set_actual(&mut next, "党建活动", "1");
    next.indicators.iter_mut().find(|i| i.name == "党建活动").unwrap().name = "党建活动开展情况".into();
    next.indicators.retain(|i| i.name != "乡村振兴");
    next.budget.final_accounts.revenue = wan(730_683);
    next.budget.final_accounts.expenditure = wan(721_000);
    store.create(&next).unwrap();

    let mut app = App::new(store, size);
    keys(&mut app, &[KeyCode::End]);
    app
}

fn compare_state(app: &App) -> &CompareState {
    match &app.screen {
        Screen::Compare(c) => c,
        _ => panic!("not on the compare screen: {}", app.status.text),
    }
}

fn trend_state(app: &App) -> &TrendState {
    match &app.screen {
        Screen::Trend(t) => t,
        _ => panic!("not on the trend screen: {}", app.status.text),
    }
}

fn shown_years(app: &App) -> Vec<i32> {
    compare_state(app).comparison.year_numbers()
}

/// Moves the compare screen's selection to the indicator row named `name` (in any year).
fn select_row(app: &mut App, name: &str) {
    keys(app, &[KeyCode::Home]);
    for _ in 0..60 {
        let c = compare_state(app);
        if let Some(Item::Indicator(i)) = c.current()
            && c.comparison.rows[i].is_named(name)
        {
            return;
        }
        keys(app, &[KeyCode::Down]);
    }
    panic!("no row {name}");
}

fn selected_row_status(app: &App) -> RowStatus {
    let c = compare_state(app);
    let Some(Item::Indicator(i)) = c.current() else { panic!("no indicator selected") };
    c.comparison.rows[i].steps.last().unwrap().status.clone()
}

fn resize(app: &mut App, w: u16, h: u16) {
    press(app, [Event::Resize(w, h)]);
}

/// Snapshots at 80×24 and 120×40, telling the app its size first (the compare screen
/// shows as many years as fit).
fn both(name: &str, app: &mut App) {
    for (w, h) in [(80, 24), (120, 40)] {
        resize(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
    resize(app, 80, 24);
}

#[test]
fn y_drafts_the_next_year_stores_and_opens_it_with_last_years_text_at_hand() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('y')]);
    let Screen::Eval(e) = &a.screen else { panic!("not opened: {}", a.status.text) };
    assert_eq!(e.ev.year, 2025);
    assert!(a.status.text.contains("已由 2024年新建 2025年"), "{}", a.status.text);
    assert_eq!(e.reference.as_ref().map(|r| r.year), Some(2024), "last year loaded for F5");
    let id = a.store.find(ORG, 2025).unwrap().expect("stored");
    let stored = a.store.load(id).unwrap().evaluation;
    assert_eq!(stored.indicators.len(), 15);
    assert!(stored.indicators.iter().all(|i| i.actual.is_empty()));
    assert_eq!(stored.indicators[0].target.text(), "120家");

    // The narrative tab: F5 shows 2024's text, F5 again this year's (empty) one.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    assert!(screen(&a, 80, 24).contains("F5 对照上年文字"));
    keys(&mut a, &[KeyCode::F(5)]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("2024年：综合评价结论（上年，仅供参考）"), "{s}");
    assert!(s.contains("F5 回到本年文字"), "{s}");
    keys(&mut a, &[KeyCode::F(5)]);
    assert!(screen(&a, 80, 24).contains("（空）按 Enter 开始填写。"));
}

#[test]
fn y_is_refused_when_the_next_year_exists() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('y'), KeyCode::Esc, KeyCode::Home, KeyCode::Char('y')]);
    assert!(matches!(a.screen, Screen::Start(_)), "stays on the start screen");
    assert!(a.status.error && a.status.text.contains("已有 2025年"), "{:?}", a.status);
    assert_eq!(a.store.list().unwrap().len(), 2);
    // Without a year before it, F5 says so instead of showing nothing.
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::F(5)]);
    assert!(a.status.text.contains("没有 2023年的自评可对照"), "{}", a.status.text);
}

#[test]
fn compare_needs_two_years() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('c')]);
    assert!(matches!(a.screen, Screen::Start(_)));
    assert!(a.status.error && a.status.text.contains("无可比较"), "{:?}", a.status);
}

#[test]
fn the_window_of_years_moves_and_widens_with_the_terminal() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('c')]);
    assert_eq!(shown_years(&a), [2024, 2025], "the selected year and the one before");
    keys(&mut a, &[KeyCode::Left]);
    assert_eq!(shown_years(&a), [2023, 2024]);
    keys(&mut a, &[KeyCode::Left]);
    assert!(a.status.text.contains("已是最早的年度"), "{}", a.status.text);
    keys(&mut a, &[KeyCode::Right, KeyCode::Right]);
    assert_eq!(shown_years(&a), [2024, 2025]);
    assert!(a.status.text.contains("已是最新的年度"), "{}", a.status.text);
    keys(&mut a, &[KeyCode::Char('+')]);
    assert!(a.status.text.contains("终端宽度只够并排 2 个年度"), "{}", a.status.text);

    resize(&mut a, 120, 40);
    assert_eq!(shown_years(&a), [2023, 2024, 2025], "a wider terminal shows more");
    keys(&mut a, &[KeyCode::Char('-')]);
    assert_eq!(shown_years(&a), [2024, 2025], "fewer drops the oldest");
    keys(&mut a, &[KeyCode::Char('-')]);
    assert!(a.status.text.contains("至少比较两个年度"));
    keys(&mut a, &[KeyCode::Char('+')]);
    assert_eq!(shown_years(&a), [2023, 2024, 2025]);
    keys(&mut a, &[KeyCode::Char('+')]);
    assert!(a.status.text.contains("已比较全部 3 个年度"));
    keys(&mut a, &[KeyCode::Esc]);
    let Screen::Start(s) = &a.screen else { panic!("Esc goes back") };
    assert_eq!(s.selected().map(|r| r.year), Some(2025), "the selection is kept");
}

#[test]
fn a_renamed_row_is_paired_by_hand_and_unpaired() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('c')]);
    select_row(&mut a, "党建活动开展情况");
    assert_eq!(selected_row_status(&a), RowStatus::Added);
    let before = compare_state(&a).comparison.rows.len();
    keys(&mut a, &[KeyCode::Char('p')]);
    let pick = compare_state(&a).pick.clone().expect("the list of removed rows");
    assert_eq!((pick.year, pick.before), (2025, 2024));
    assert_eq!(pick.candidates, ["党建活动", "乡村振兴"]);
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(selected_row_status(&a), RowStatus::Renamed { from: "党建活动".into() });
    assert_eq!(compare_state(&a).comparison.rows.len(), before - 1, "two rows became one");
    assert!(a.status.text.contains("已配对"), "{}", a.status.text);
    assert!(screen(&a, 80, 24).contains("改名"));
    // The pairing holds when the window moves, and goes with the screen to the trend.
    keys(&mut a, &[KeyCode::Char('t')]);
    let t = trend_state(&a);
    assert_eq!(t.trend.metric, Metric::Indicator("党建活动开展情况".into()));
    assert!(t.trend.points.iter().all(|p| p.value.is_some()), "2023–2025 joined: {:?}", t.trend.points);
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(selected_row_status(&a), RowStatus::Renamed { from: "党建活动".into() }, "back on compare");
    // p on the paired row takes it back.
    keys(&mut a, &[KeyCode::Char('p')]);
    assert_eq!(selected_row_status(&a), RowStatus::Added);
    assert!(a.status.text.contains("已取消配对"));
    // From the removed side, and Esc leaves things as they were.
    select_row(&mut a, "乡村振兴");
    assert_eq!(selected_row_status(&a), RowStatus::Removed);
    keys(&mut a, &[KeyCode::Char('p')]);
    assert_eq!(compare_state(&a).pick.as_ref().unwrap().candidates, ["党建活动开展情况"]);
    keys(&mut a, &[KeyCode::Esc]);
    assert!(compare_state(&a).pick.is_none());
    assert_eq!(selected_row_status(&a), RowStatus::Removed);
    // p on a row kept under its name only explains.
    select_row(&mut a, "新增规上企业");
    keys(&mut a, &[KeyCode::Char('p')]);
    assert!(compare_state(&a).pick.is_none() && a.status.text.contains("无需配对"));
}

#[test]
fn the_trend_follows_the_selected_metric() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('t')]);
    let t = trend_state(&a);
    assert_eq!(t.trend.metric, Metric::Total);
    assert_eq!(t.trend.points.iter().map(|p| p.year).collect::<Vec<_>>(), [2023, 2024, 2025]);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down]);
    assert_eq!(trend_state(&a).trend.metric, Metric::Indicator("科技型中小企业评价入库".into()));
    let s = screen(&a, 80, 24);
    assert!(s.contains("科技型中小企业评价入库得分（分）") && s.contains("2024年 3.00"), "{s}");
    keys(&mut a, &[KeyCode::End]);
    assert_eq!(trend_state(&a).trend.metric, Metric::Figure(Figure::NetAssets));
    keys(&mut a, &[KeyCode::Esc]);
    assert!(matches!(a.screen, Screen::Start(_)), "opened from the start screen, back to it");
    // From the compare screen: the selected line's metric, and Esc back to compare.
    keys(&mut a, &[KeyCode::Char('c'), KeyCode::End, KeyCode::Char('t')]);
    assert_eq!(trend_state(&a).trend.metric, Metric::Figure(Figure::NetAssets));
    keys(&mut a, &[KeyCode::Esc]);
    compare_state(&a);
}

#[test]
fn the_start_screen_sorts_and_filters() {
    let mut a = three_years((80, 24));
    let mut other = jixiao::file::from_toml(jixiao::cli::DEMO_TOML).unwrap();
    other.organisation.name = "衡阳县教育局".into();
    other.indicators[0].actual = typed("100家");
    a.store.create(&other).unwrap();
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Esc]); // back to the start screen: reloads
    let order = |a: &App| -> Vec<(String, i32)> {
        let Screen::Start(s) = &a.screen else { panic!() };
        s.lines.iter().filter_map(|l| l.summary()).map(|r| (r.organisation.chars().take(4).collect(), r.year)).collect()
    };
    let selected = |a: &App| {
        let Screen::Start(s) = &a.screen else { panic!() };
        s.selected().map(|r| (r.organisation.clone(), r.year))
    };
    assert_eq!(selected(&a), Some((ORG.to_string(), 2025)));
    assert_eq!(order(&a)[0], ("衡阳县教".into(), 2024), "by organisation, then year");
    keys(&mut a, &[KeyCode::Char('s')]);
    assert_eq!(order(&a).iter().map(|r| r.1).collect::<Vec<_>>(), [2025, 2024, 2024, 2023], "newest year first");
    assert_eq!(selected(&a), Some((ORG.to_string(), 2025)), "the selection follows the evaluation");
    keys(&mut a, &[KeyCode::Char('s')]);
    assert!(a.status.text.contains("总分（高到低）"));
    keys(&mut a, &[KeyCode::Char('s')]);
    assert_eq!(order(&a)[0], ("衡阳县教".into(), 2024), "and round again");

    keys(&mut a, &[KeyCode::Char('/')]);
    type_text(&mut a, "科技 202");
    assert_eq!(order(&a).len(), 3, "every word must match: name or year");
    type_text(&mut a, "4");
    assert_eq!(order(&a), [("衡阳县科".into(), 2024)]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("筛选：科技 2024") && s.contains("1／4 份"), "{s}");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(order(&a).len(), 1, "Enter keeps the filter");
    assert!(screen(&a, 80, 24).contains("筛选：“科技 2024” 1／4 份（Esc 清除）"));
    keys(&mut a, &[KeyCode::Enter]);
    assert!(matches!(a.screen, Screen::Eval(_)), "Enter opens the one found");
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(order(&a).len(), 1, "the filter is still there coming back");
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(order(&a).len(), 4, "Esc clears it");
    assert!(!a.should_quit());
    keys(&mut a, &[KeyCode::Char('/')]);
    type_text(&mut a, "不存在");
    assert!(screen(&a, 80, 24).contains("没有符合筛选的自评"));
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(order(&a).len(), 4, "Esc while typing clears too");
    keys(&mut a, &[KeyCode::Esc]);
    assert!(!a.should_quit() && a.question.is_some(), "Esc without a filter asks whether to quit");
    keys(&mut a, &[KeyCode::Char('y')]);
    assert!(a.should_quit());
}

#[test]
fn snapshots_of_the_compare_screen() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('c')]);
    both("compare", &mut a);
    select_row(&mut a, "党建活动开展情况");
    keys(&mut a, &[KeyCode::Char('p')]);
    both("compare_pick", &mut a);
    keys(&mut a, &[KeyCode::Enter]);
    both("compare_paired", &mut a);
    keys(&mut a, &[KeyCode::End]);
    both("compare_figures", &mut a);
}

#[test]
fn snapshots_of_the_trend_screen() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('t')]);
    both("trend_total", &mut a);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Down]);
    both("trend_indicator", &mut a);
    keys(&mut a, &[KeyCode::End, KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Up]);
    both("trend_figure", &mut a);
}

#[test]
fn snapshot_of_the_start_screen_filtering() {
    let mut a = three_years((80, 24));
    keys(&mut a, &[KeyCode::Char('s'), KeyCode::Char('/')]);
    type_text(&mut a, "2024");
    both("start_filtering", &mut a);
}

#[test]
fn many_years_and_any_terminal_size() {
    let mut a = three_years((80, 24));
    let id = a.store.find(ORG, 2023).unwrap().unwrap();
    let base = a.store.load(id).unwrap().evaluation;
    for year in 2010..2023 {
        a.store.create(&Evaluation { year, ..base.clone() }).unwrap();
    }
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Esc, KeyCode::End, KeyCode::Char('c')]);
    assert_eq!(shown_years(&a), [2024, 2025]);
    let s = screen(&a, 80, 24);
    assert!(s.contains(" 年度：.. 2013 2014 ") && s.contains(" 2023 [2024 2025]\n"), "the latest years stay: {s}");
    for (w, h) in [(60, 16), (61, 17), (79, 24), (99, 30), (200, 60), (400, 20)] {
        resize(&mut a, w, h);
        let s = screen(&a, w, h);
        assert!(s.contains("[") && s.contains("2025"), "compare {w}x{h}: {s}");
        assert!(s.contains("总分"), "compare {w}x{h}: {s}");
    }
    assert_eq!(shown_years(&a).len(), 11, "400 columns fit eleven years");
    keys(&mut a, &[KeyCode::Char('t')]);
    for (w, h) in [(60, 16), (80, 24), (200, 60)] {
        resize(&mut a, w, h);
        let s = screen(&a, w, h);
        assert!(s.contains("2025年") && s.contains("总分"), "trend {w}x{h}: {s}");
    }
}
