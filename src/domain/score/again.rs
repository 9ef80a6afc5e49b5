//! Scoring again after one change, scoring only what the change can alter.
//!
//! A row's score depends on the template, the evaluation's year and that row alone; the
//! funds row (预算执行率) on the template and the funds figures; the totals on the items.
//! So after a change to one row, rescoring that row and summing up again gives the sheet
//! that [`score`] of the whole evaluation would: on a 1000-row table that is the
//! difference between one row and a thousand on every confirmed edit (issue 14).

use super::{ItemSource, ScoreSheet, funds, score, score_row, sum_up};
use crate::domain::change::{RowsChanged, Slot};
use crate::domain::model::Evaluation;

/// Makes `sheet`, the sheet of `ev` before the change of `slot`, the sheet of `ev`.
pub fn score_again(sheet: &mut ScoreSheet, ev: &Evaluation, slot: Slot) {
    let t = &ev.template;
    // The sheet must be of this grid: the funds row, then one item per row, in order.
    let fits = sheet.items.len() == ev.indicators.len() + 1 && sheet.items[0].source == ItemSource::Funds;
    match slot.rows_changed() {
        _ if !fits => *sheet = score(ev),
        RowsChanged::One(i) if sheet.items.get(i + 1).is_some_and(|item| item.source == ItemSource::Indicator(i)) => {
            let mut items = std::mem::take(&mut sheet.items);
            items[i + 1] = score_row(t, Some(ev.year), i, &ev.indicators[i]);
            *sheet = sum_up(items, sheet.execution_rate, t);
        }
        RowsChanged::One(_) | RowsChanged::All => *sheet = score(ev),
        // A form field: of what a score reads besides the rows, only the funds row reads one.
        RowsChanged::None if matches!(slot, Slot::Field(_)) => {
            let (funds_item, execution_rate) = funds::score_funds(ev);
            let mut items = std::mem::take(&mut sheet.items);
            items[0] = funds_item;
            *sheet = sum_up(items, execution_rate, t);
        }
        // Names, units, narrative, the 专项资金 list: nothing a score reads.
        RowsChanged::None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::{Field, FieldKind, FieldValue};
    use crate::domain::model::{Section, Typed};
    use rust_decimal::Decimal;

    fn department() -> Evaluation {
        crate::file::from_toml(include_str!("../../../docs/examples/hengyang-2024.toml")).unwrap()
    }

    fn project() -> Evaluation {
        crate::file::from_toml(include_str!("../../../docs/examples/hengyang-2024-keji.toml")).unwrap()
    }

    /// Applies `change` to `ev` and checks that scoring again gives the full score.
    fn agrees(ev: &Evaluation, slot: Slot, change: impl FnOnce(&mut Evaluation)) -> ScoreSheet {
        let mut again = score(ev);
        let mut after = ev.clone();
        change(&mut after);
        let full = score(&after);
        score_again(&mut again, &after, slot);
        assert_eq!(again, full, "{slot:?}");
        full
    }

    #[test]
    fn a_row_scored_again_gives_the_full_score_for_every_row_and_value() {
        for ev in [department(), project()] {
            for i in 0..ev.indicators.len() {
                for actual in ["0", "1家", "98%", "未完成", "", "2024-12-31", "12月底前"] {
                    let before = score(&ev);
                    let full = agrees(&ev, Slot::Row(i), |e| e.indicators[i].actual = Typed::new(actual).unwrap());
                    if actual == "0" && before.items[i + 1].score != full.items[i + 1].score {
                        assert_ne!(before.total, full.total, "a row's new score reaches the total");
                    }
                }
                agrees(&ev, Slot::Row(i), |e| e.indicators[i].weight += Decimal::ONE);
            }
        }
    }

    #[test]
    fn a_funds_figure_rescores_the_funds_row_and_the_cap() {
        let ev = department();
        let full = agrees(&ev, Slot::Field(Field::FundsExecuted), |e| {
            Field::FundsExecuted.set(e, FieldValue::Money(Some("1".parse().unwrap())));
        });
        assert_ne!(full.items[0].score, score(&ev).items[0].score, "the change must reach the funds row");
        for (ev, field) in [department(), project()].iter().flat_map(|ev| Field::ALL.iter().map(move |f| (ev, f))) {
            let value = match field.kind() {
                FieldKind::Money => FieldValue::Money(Some("1".parse().unwrap())),
                FieldKind::Int => FieldValue::Int(Some(1)),
                FieldKind::Text | FieldKind::LongText => FieldValue::Text("甲".into()),
                FieldKind::Date => FieldValue::Text("2024-06-30".into()),
            };
            agrees(ev, Slot::Field(*field), |e| {
                field.set(e, value);
            });
        }
    }

    #[test]
    fn changes_a_score_does_not_read_keep_the_sheet_and_others_score_it_all() {
        let ev = department();
        agrees(&ev, Slot::Narrative(Section::Conclusion), |e| e.narrative.conclusion.push('。'));
        agrees(&ev, Slot::Name, |e| e.organisation.name.push('局'));
        agrees(&ev, Slot::SpecialFunds, |e| e.special_funds.clear());
        agrees(&ev, Slot::Year, |e| e.year += 1);
        agrees(&ev, Slot::Rows, |e| {
            e.indicators.remove(2);
        });
        // A sheet of another grid (a row removed, then a row change reported) is scored anew.
        let mut shorter = ev.clone();
        shorter.indicators.pop();
        let mut again = score(&ev);
        score_again(&mut again, &shorter, Slot::Row(0));
        assert_eq!(again, score(&shorter));
        // A row that is not there changes nothing, and does not panic.
        let mut again = score(&ev);
        score_again(&mut again, &ev, Slot::Row(ev.indicators.len()));
        assert_eq!(again, score(&ev));
    }
}
