//! Open where the work is: an evaluation reopens at the tab, row and column it was left
//! at, after going back to the start screen and after quitting, without its revision
//! moving (a place is not an edit).

mod driver;

use crossterm::event::KeyCode;
use driver::*;
use jixiao::app::eval::{EvalState, Tab};
use jixiao::app::grid::GridCol;
use jixiao::app::{App, Screen};
use jixiao::store::{Place, Store};

fn eval(app: &App) -> &EvalState {
    match &app.screen {
        Screen::Eval(e) => e,
        _ => panic!("not in an evaluation"),
    }
}

fn revision(app: &App) -> i64 {
    let id = app.store.find(ORG, 2024).unwrap().unwrap();
    app.store.load(id).unwrap().revision
}

#[test]
fn an_evaluation_reopens_where_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut a = app_on(&path);
    let before = revision(&a);
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(eval(&a).tab, Tab::Form(jixiao::app::form::FormTab::Organisation), "first time: the first tab");
    keys(&mut a, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Down, KeyCode::Down, KeyCode::Down]);
    keys(&mut a, &[KeyCode::Right, KeyCode::Right]);
    // Back to the start screen and in again: the grid, row 4, 完成值.
    keys(&mut a, &[KeyCode::Esc]);
    assert!(matches!(a.screen, Screen::Start(_)));
    keys(&mut a, &[KeyCode::Enter]);
    let e = eval(&a);
    assert_eq!((e.tab, e.grid.row, e.grid.col()), (Tab::Grid, 3, GridCol::Actual));
    // Then the narrative's third section, and quit: a new session opens there.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Down, KeyCode::Down]);
    press(&mut a, [ctrl('q')]);
    assert!(a.should_quit());
    assert_eq!(revision(&a), before, "moving about is not an edit");
    drop(a);
    let mut b = App::new(Store::open(&path).unwrap(), (80, 24));
    keys(&mut b, &[KeyCode::Enter]);
    let e = eval(&b);
    assert_eq!((e.tab, e.narrative.index, e.grid.row), (Tab::Narrative, 2, 3));
}

#[test]
fn a_place_that_no_longer_fits_is_ignored() {
    let mut a = app();
    let id = a.store.find(ORG, 2024).unwrap().unwrap();
    let rows = a.store.load(id).unwrap().evaluation.indicators.len();
    // A row deleted since, a tab and a column past the lists.
    a.store.save_place(id, Place { tab: 9, grid_row: rows + 5, grid_col: 99, text_item: 99 }).unwrap();
    keys(&mut a, &[KeyCode::Enter]);
    let e = eval(&a);
    assert_eq!(e.tab, e.tabs()[0]);
    assert_eq!((e.grid.row, e.grid.col(), e.narrative.index), (0, GridCol::Name, 0));
    // A place inside the lists is taken.
    keys(&mut a, &[KeyCode::Esc]);
    a.store.save_place(id, Place { tab: 3, grid_row: rows - 1, grid_col: 0, text_item: 1 }).unwrap();
    keys(&mut a, &[KeyCode::Enter]);
    let e = eval(&a);
    assert_eq!((e.tab, e.grid.row, e.grid.col(), e.narrative.index), (Tab::Grid, rows - 1, GridCol::Level1, 1));
}

#[test]
fn deleting_an_evaluation_deletes_its_place() {
    let mut a = app();
    let id = a.store.find(ORG, 2024).unwrap().unwrap();
    a.store.save_place(id, Place { tab: 3, ..Place::default() }).unwrap();
    assert!(a.store.place(id).unwrap().is_some());
    a.store.delete(id).unwrap();
    assert_eq!(a.store.place(id).unwrap(), None);
}

#[test]
fn g_opens_at_the_indicator_grid_keeping_the_row_it_was_left_at() {
    let mut a = app();
    let id = a.store.find(ORG, 2024).unwrap().unwrap();
    keys(&mut a, &[KeyCode::Char('g')]);
    let e = eval(&a);
    assert_eq!((e.tab, e.grid.row), (Tab::Grid, 0), "first time: straight to the grid");
    // Left on the narrative tab with the grid at row 3: g still goes to the grid, at row 3.
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Tab, KeyCode::Esc]);
    assert_eq!(a.store.place(id).unwrap().map(|p| p.grid_row), Some(3));
    keys(&mut a, &[KeyCode::Char('g')]);
    let e = eval(&a);
    assert_eq!((e.tab, e.grid.row), (Tab::Grid, 3));
    // Enter still opens where it was left.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Esc, KeyCode::Enter]);
    assert_eq!(eval(&a).tab, Tab::Narrative);
}
