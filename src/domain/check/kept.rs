//! What a check keeps for the next check of the same evaluation, so that an editor's check
//! after a confirmed edit redoes only what the edit can change (issue 14): the criterion
//! readings ([`Readings`]), and each row's findings.
//!
//! A row's findings depend on the row, its score, its criterion's reading, which level
//! columns the table has, the template and the year. A row's score depends on the same
//! (`domain::score::score_again`), so after a change to one row only that row's findings
//! are made again; the findings about the evaluation as a whole (figures, weights, the
//! template, the narrative) are cheap and made every time.

use super::criterion::{self, Readings};
use super::indicators::{self, Levels};
use super::{Finding, figures, narrative, project, template};
use crate::domain::change::{RowsChanged, Slot};
use crate::domain::model::Evaluation;
use crate::domain::project::Kind;
use crate::domain::score::ScoreSheet;

#[derive(Debug, Default)]
pub struct Kept {
    readings: Readings,
    /// Each row's findings at the last check, by row.
    rows: Vec<RowFindings>,
    /// The level columns the table had when the rows' findings were made (the template
    /// and year they were made under are the readings').
    levels: Option<Levels>,
}

#[derive(Debug, Default)]
struct RowFindings {
    /// The grid's checks of the row, and the checks of its criterion's reading: they are
    /// reported in two places, before and after the template's.
    grid: Vec<Finding>,
    criterion: Vec<Finding>,
}

/// Every check of `ev` ([`super::check`] gives the same findings), making again only the
/// rows' findings that `changed` can alter; `None`: anything may have changed.
pub fn check_after(ev: &Evaluation, sheet: &ScoreSheet, kept: &mut Kept, changed: Option<Slot>) -> Vec<Finding> {
    let mut out = Vec::new();
    match ev.kind {
        Kind::Department => figures::department(ev, &mut out),
        Kind::Project => project::funds(ev, &mut out),
    }
    figures::shared(ev, sheet, &mut out);
    indicators::weights(ev, sheet, &mut out);
    let (same_template_and_year, answers) = kept.readings.for_rows(ev);
    let levels = Levels::of(ev);
    let same_under = same_template_and_year && kept.rows.len() == ev.indicators.len() && kept.levels == Some(levels);
    if !same_under {
        kept.levels = Some(levels);
        kept.rows.clear();
        kept.rows.resize_with(ev.indicators.len(), RowFindings::default);
    }
    let redo = |i: usize| match changed.map(Slot::rows_changed) {
        _ if !same_under => true,
        None | Some(RowsChanged::All) => true,
        Some(RowsChanged::One(row)) => row == i,
        Some(RowsChanged::None) => false,
    };
    for (i, (found, answer)) in kept.rows.iter_mut().zip(&answers).enumerate() {
        if redo(i) {
            found.grid.clear();
            found.criterion.clear();
            let full_mark = answer.and_then(|a| a.full_mark);
            indicators::row(ev, sheet, levels, i, full_mark, &mut found.grid);
            criterion::row(i, &ev.indicators[i], *answer, &mut found.criterion);
        }
    }
    out.extend(kept.rows.iter().flat_map(|r| r.grid.iter().cloned()));
    template::check(ev, sheet, &mut out);
    out.extend(kept.rows.iter().flat_map(|r| r.criterion.iter().cloned()));
    narrative::check(ev, sheet, &mut out);
    // Every test that edits through the app checks what was kept against a check made
    // afresh (which keeps nothing from before, so does not come here again).
    if cfg!(debug_assertions) && same_under {
        assert_eq!(out, check_after(ev, sheet, &mut Kept::default(), None), "kept findings stale after {changed:?}");
    }
    out
}
