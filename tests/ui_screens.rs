//! Snapshots of every screen at 80×24 and 120×40 with the seed's Chinese data.

mod driver;

use crossterm::event::KeyCode;
use driver::*;

fn both(name: &str, app: &jixiao::app::App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn start_screen() {
    both("start", &app());
}

#[test]
fn each_tab_of_the_evaluation() {
    let mut a = app();
    open_tab(&mut a, 0);
    for name in ["org", "budget", "assets", "grid", "narrative"] {
        both(name, &a);
        keys(&mut a, &[KeyCode::Tab]);
    }
}

#[test]
fn the_budget_tab_scrolled_to_the_funds_block() {
    let mut a = app();
    open_tab(&mut a, 1);
    keys(&mut a, &[KeyCode::End]);
    both("budget_end", &a);
}

#[test]
fn editing_a_cell_with_a_refused_value() {
    let mut a = app();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Right, KeyCode::Right]);
    type_text(&mut a, "12.3.4");
    keys(&mut a, &[KeyCode::Enter]);
    both("grid_refused", &a);
}

#[test]
fn the_rule_form() {
    let mut a = app();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::End, KeyCode::Left, KeyCode::Enter]);
    both("rule_form", &a);
    // Up from the first kind goes round to the last: eight up is 分档计分.
    keys(&mut a, &[KeyCode::Up; 8]);
    both("rule_form_bands", &a);
}

#[test]
fn the_panel_overlay_and_help() {
    let mut a = app();
    open_tab(&mut a, 3);
    keys(&mut a, &[KeyCode::F(9), KeyCode::Down]);
    both("panel", &a);
    keys(&mut a, &[KeyCode::Esc, KeyCode::F(1)]);
    both("help", &a);
}

#[test]
fn the_narrative_being_edited() {
    let mut a = app();
    open_tab(&mut a, 4);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    both("narrative_editing", &a);
}

#[test]
fn the_new_evaluation_form_and_a_delete_question() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('n')]);
    both("new_form", &a);
    keys(&mut a, &[KeyCode::Esc, KeyCode::Char('d')]);
    both("delete_question", &a);
}

#[test]
fn a_terminal_too_small_gets_a_message_not_a_panic() {
    let mut a = app();
    for (w, h) in [(59, 24), (80, 15), (5, 3), (1, 1)] {
        let s = screen(&a, w, h);
        assert!(s.contains("终") || w < 4, "{w}x{h}: {s}");
    }
    insta::assert_snapshot!("too_small_40x10", screen(&a, 40, 10));
    open_tab(&mut a, 3);
    for (w, h) in [(60, 16), (61, 17), (99, 30), (100, 30), (200, 60)] {
        let s = screen(&a, w, h);
        assert!(s.contains("总分"), "{w}x{h}: {s}");
    }
}
