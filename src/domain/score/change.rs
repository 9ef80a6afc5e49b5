//! What a change did to the score, in a few words: `总分 89.60 → 99.60（良 → 优）`.

use super::ScoreSheet;

/// The total before and after, with the grade when it moved; `总分不变（98.76）` when not.
pub fn total_change(before: &ScoreSheet, after: &ScoreSheet) -> String {
    let (a, b) = (before.show(before.total), after.show(after.total));
    if a == b && before.grade == after.grade {
        return format!("总分不变（{b}）");
    }
    let grade = if before.grade == after.grade {
        String::new()
    } else {
        format!("（{} → {}）", before.grade.label(), after.grade.label())
    };
    format!("总分 {a} → {b}{grade}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Evaluation;
    use crate::domain::score::score;
    use rust_decimal::Decimal;

    #[test]
    fn says_how_the_total_and_grade_moved() {
        let mut ev = Evaluation { year: 2024, ..Evaluation::default() };
        ev.funds.full_year = Some("100".parse().unwrap());
        ev.funds.executed = Some("100".parse().unwrap());
        let before = score(&ev);
        assert_eq!(total_change(&before, &before), "总分不变（10.00）");
        ev.template.funds_weight = Decimal::from(20);
        assert_eq!(total_change(&before, &score(&ev)), "总分 10.00 → 20.00");
    }
}
