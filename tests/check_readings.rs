//! The criterion readings kept between checks (`check_with`) give the findings a fresh
//! check gives, whatever changed in between.

mod common;

use common::{d, hubei_monitoring, seed};
use jixiao::domain::check::{Readings, check, check_with};
use jixiao::domain::model::{Evaluation, Typed};
use jixiao::domain::score::score;

fn both(ev: &Evaluation, readings: &mut Readings) {
    let sheet = score(ev);
    assert_eq!(check_with(ev, &sheet, readings), check(ev, &sheet));
}

/// A change to the row at `i`, named.
type Edit = (&'static str, fn(&mut Evaluation, usize));

/// Changes to the row at `i` that a stale reading would get wrong.
fn edits() -> Vec<Edit> {
    vec![
        ("criterion", |ev, i| ev.indicators[i].criterion = "完成10家得3分，每少一家扣0.5分。".into()),
        ("weight", |ev, i| ev.indicators[i].weight = d("7")),
        ("target", |ev, i| ev.indicators[i].target = Typed::new("≥200家").unwrap()),
        ("actual", |ev, i| ev.indicators[i].actual = Typed::new("1家").unwrap()),
        ("year", |ev, _| ev.year += 1),
        ("template", |ev, _| ev.template.funds_weight = d("20")),
        ("row removed", |ev, i| {
            ev.indicators.remove(i);
        }),
        ("row copied", |ev, i| {
            let row = ev.indicators[i].clone();
            ev.indicators.insert(0, row);
        }),
        ("rows swapped", |ev, i| ev.indicators.swap(0, i)),
    ]
}

#[test]
fn a_kept_reading_never_outlives_what_it_was_read_from() {
    for start in [seed(), hubei_monitoring()] {
        for (what, edit) in edits() {
            for i in 0..start.indicators.len() {
                let mut ev = start.clone();
                let mut readings = Readings::default();
                both(&ev, &mut readings);
                edit(&mut ev, i);
                let sheet = score(&ev);
                assert_eq!(check_with(&ev, &sheet, &mut readings), check(&ev, &sheet), "{what} of row {i}");
            }
        }
    }
}

#[test]
fn an_edit_that_changes_the_findings_shows_through_the_kept_readings() {
    // The seed's 新增规上企业 names 25 in its text; a target of 40 is found by a fresh
    // check, and must be found by a check that kept the old reading of the row too.
    let mut ev = seed();
    let i = ev.indicators.iter().position(|r| r.name.contains("新增规上企业")).unwrap();
    let mut readings = Readings::default();
    let before = check_with(&ev, &score(&ev), &mut readings);
    ev.indicators[i].target = Typed::new("40家").unwrap();
    let after = check_with(&ev, &score(&ev), &mut readings);
    assert_ne!(before, after, "changing the target must change the findings");
}
