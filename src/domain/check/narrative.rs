//! Checks on the report text: the total and grade it states against the computed ones.

use super::{Finding, Place, Severity};
use crate::domain::model::{Evaluation, Section};
use crate::domain::number::parse_decimal;
use crate::domain::score::ScoreSheet;
use rust_decimal::Decimal;

/// The first score the text states as "得分98.76分" (spaces allowed).
fn stated_total(text: &str) -> Option<Decimal> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let at = compact.find("得分")? + "得分".len();
    let digits: String = compact[at..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    parse_decimal(&digits).ok()
}

/// The grade the text states as 评价结果为"优" / 等级为优.
fn stated_grade(text: &str) -> Option<char> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ["评价结果为", "评价等级为", "等级为", "等次为"].iter().find_map(|k| {
        let rest = &compact[compact.find(k)? + k.len()..];
        rest.chars().find(|c| !matches!(c, '"' | '“' | '”' | '「' | '」' | '\''))
    })
}

pub(super) fn check(ev: &Evaluation, sheet: &ScoreSheet, out: &mut Vec<Finding>) {
    let text = ev.narrative.get(Section::Conclusion);
    if let Some(stated) = stated_total(text)
        && stated != sheet.total
    {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Narrative(Section::Conclusion),
            message: format!("综合评价结论写明得分 {stated}，计算总分为 {}", sheet.show(sheet.total)),
        });
    }
    if let Some(g) = stated_grade(text)
        && ['优', '良', '中', '差'].contains(&g)
        && !sheet.grade.label().starts_with(g)
    {
        out.push(Finding {
            severity: Severity::Warning,
            place: Place::Narrative(Section::Conclusion),
            message: format!("综合评价结论写明评价结果为“{g}”，计算结果为“{}”", sheet.grade.label()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_stated_total_and_grade() {
        let t = "2024年度部门财政整体支出绩效自评综合得分98.76分,评价结果为\"优\"。";
        assert_eq!(stated_total(t), Some(Decimal::new(9876, 2)));
        assert_eq!(stated_grade(t), Some('优'));
        assert_eq!(stated_total("综合得分 95 分"), Some(Decimal::from(95)));
        assert_eq!(stated_total("无"), None);
        assert_eq!(stated_grade("评价等级为 良"), Some('良'));
    }
}
