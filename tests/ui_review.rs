//! The bureau's screen in the terminal UI: opened from the start screen (b), sorted (s),
//! filtered by kind of finding (f) and by organisation (/), and Enter opening an
//! evaluation at its finding, Esc coming back. Key sequences, storage and 80×24 snapshots.

mod driver;

use crossterm::event::KeyCode;
use driver::*;
use jixiao::app::eval::Tab;
use jixiao::app::{App, Screen};
use jixiao::domain::model::{EnteredScore, Evaluation, Typed};
use jixiao::domain::money::Amount;
use jixiao::domain::review::{FindingKind, Order};
use jixiao::store::Store;
use rust_decimal::Decimal;

fn keji() -> Evaluation {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024-keji.toml")).unwrap();
    jixiao::file::from_toml(&text).unwrap()
}

/// The demo and its project, a department claiming full marks on a row its rule scores
/// 0 (row 3), a project that spent half its money, for 2024; the demo again for 2023.
fn county() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let (id, _) = jixiao::cli::store_demo(&mut store).unwrap();
    let demo = store.load(id).unwrap().evaluation;
    store.create(&keji()).unwrap();
    let mut over = demo.clone();
    over.organisation.name = "衡阳县农业农村局".into();
    let weight = over.indicators[2].weight;
    over.indicators[2].actual = Typed::new("0").unwrap();
    over.indicators[2].entered = Some(EnteredScore { score: weight, reason: "按填报".into() });
    store.create(&over).unwrap();
    let mut low = keji();
    low.organisation.name = "衡阳县水利局".into();
    low.project.name = "山塘清淤".into();
    low.funds.executed = Some(Amount::wan(low.funds.full_year.unwrap().in_wan() / Decimal::from(2)));
    store.create(&low).unwrap();
    let mut before = demo;
    before.year = 2023;
    store.create(&before).unwrap();
    App::new(store, (80, 24))
}

fn review(app: &App) -> &jixiao::app::review::ReviewState {
    match &app.screen {
        Screen::Review(r) => r,
        _ => panic!("not on the review screen"),
    }
}

fn shown(app: &App) -> Vec<String> {
    let r = review(app);
    r.shown.iter().map(|&i| format!("{} {}", r.county.lines[i].organisation, r.county.lines[i].subject())).collect()
}

#[test]
fn b_opens_the_review_of_the_latest_year_and_s_sorts_by_difference() {
    let mut app = county();
    press(&mut app, [key(KeyCode::Char('b'))]);
    let r = review(&app);
    assert_eq!(r.county.year, 2024);
    assert_eq!(r.shown.len(), 4);
    assert_eq!(r.order, Order::Organisation);
    // From the last row: a new order starts at its top, not at the row that was selected.
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char('s'))]);
    assert_eq!(review(&app).order, Order::Difference);
    assert_eq!(review(&app).selected, 0);
    assert!(app.status.text.contains("差额"));
    let r = review(&app);
    let diffs: Vec<Decimal> = r.shown.iter().map(|&i| r.county.lines[i].difference()).collect();
    assert!(diffs.windows(2).all(|w| w[0] >= w[1]), "{diffs:?}");
    assert_eq!(shown(&app)[0], "衡阳县农业农村局 部门整体");
    // ← goes to 2023, → back.
    press(&mut app, [key(KeyCode::Left)]);
    assert_eq!(review(&app).county.year, 2023);
    assert_eq!(review(&app).order, Order::Difference, "the sort stays");
    press(&mut app, [key(KeyCode::Right)]);
    assert_eq!(review(&app).county.year, 2024);
}

#[test]
fn f_and_slash_filter_by_finding_and_by_organisation() {
    let mut app = county();
    press(&mut app, [key(KeyCode::Char('b')), key(KeyCode::Char('f'))]);
    assert_eq!(review(&app).filter.kind, Some(FindingKind::AboveRule));
    assert_eq!(shown(&app), vec!["衡阳县农业农村局 部门整体"]);
    // On to 得分与规则不符: the demo (总成本) and 农业农村局.
    press(&mut app, [key(KeyCode::Char('f'))]);
    assert_eq!(review(&app).filter.kind, Some(FindingKind::RuleBreak));
    assert_eq!(shown(&app).len(), 2);
    for _ in 0..FindingKind::ALL.len() - 1 {
        press(&mut app, [key(KeyCode::Char('f'))]);
    }
    assert_eq!(review(&app).filter.kind, None, "f cycles back to all");
    press(&mut app, [key(KeyCode::Char('/'))]);
    type_text(&mut app, "水利");
    assert_eq!(shown(&app), vec!["衡阳县水利局 山塘清淤"]);
    press(&mut app, [key(KeyCode::Enter)]);
    assert!(review(&app).filter_input.is_none());
    assert_eq!(review(&app).filter.text, "水利");
    press(&mut app, [key(KeyCode::Char('/')), key(KeyCode::Esc)]);
    assert_eq!(shown(&app).len(), 4);
}

#[test]
fn enter_opens_the_evaluation_at_its_finding_and_esc_comes_back() {
    let mut app = county();
    press(&mut app, [key(KeyCode::Char('b')), key(KeyCode::Char('s')), key(KeyCode::Enter)]);
    match &app.screen {
        Screen::Eval(e) => {
            assert_eq!(e.ev.organisation.name, "衡阳县农业农村局");
            assert_eq!(e.tab, Tab::Grid);
            assert_eq!(e.grid.row, 2, "at the row whose filed score breaks its rule");
        }
        _ => panic!("the evaluation is open"),
    }
    press(&mut app, [key(KeyCode::Esc)]);
    assert_eq!(review(&app).order, Order::Difference, "back to the review as it was left");
    assert_eq!(shown(&app)[review(&app).selected], "衡阳县农业农村局 部门整体");
    press(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.screen, Screen::Start(_)));
}

#[test]
fn a_filed_evaluation_opened_from_the_review_is_read_only_at_its_finding() {
    let mut app = county();
    let id = app.store.find("衡阳县农业农村局", 2024).unwrap().unwrap();
    app.store.lock(id).unwrap();
    let before = app.store.load(id).unwrap().evaluation;
    press(&mut app, [key(KeyCode::Char('b')), key(KeyCode::Char('s')), key(KeyCode::Enter)]);
    match &app.screen {
        Screen::Eval(e) => {
            assert_eq!(e.id, id);
            assert!(e.filing.is_some(), "opened as filed");
            assert_eq!((e.tab, e.grid.row), (Tab::Grid, 2), "still at its finding");
        }
        _ => panic!("the evaluation is open"),
    }
    assert!(app.status.text.contains("只读"), "{:?}", app.status);
    // Editing the row of the finding is refused, and nothing is written.
    press(&mut app, [key(KeyCode::Enter)]);
    press(&mut app, [key(KeyCode::Char('9'))]);
    match &app.screen {
        Screen::Eval(e) => assert!(e.editor.is_none(), "no editor opens on a filed evaluation"),
        _ => panic!("still in the evaluation"),
    }
    assert!(app.status.error && app.status.text.contains("已提交"), "{:?}", app.status);
    assert_eq!(app.store.load(id).unwrap().evaluation, before);
    press(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.screen, Screen::Review(_)), "Esc comes back to the review");
}

#[test]
fn snapshots_of_the_review_screen() {
    let mut app = county();
    press(&mut app, [key(KeyCode::Char('b')), key(KeyCode::Char('s'))]);
    insta::assert_snapshot!("review_by_difference_80x24", screen(&app, 80, 24));
    press(&mut app, [key(KeyCode::Char('f'))]);
    insta::assert_snapshot!("review_above_rule_80x24", screen(&app, 80, 24));
}

#[test]
fn the_review_screen_says_so_when_nothing_is_stored() {
    let mut app = App::new(Store::open_in_memory().unwrap(), (80, 24));
    press(&mut app, [key(KeyCode::Char('b'))]);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(app.status.error && app.status.text.contains("jixiao collect"), "{}", app.status.text);
}
