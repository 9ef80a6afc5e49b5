//! Last year's evaluation copied forward as this year's draft.
//!
//! What describes the organisation and what it set out to do carries over (the
//! organisation, the template, the indicator rows with their targets and rules);
//! everything the new year has to report is left empty, so that nothing of last year
//! is filed again by mistake.

use crate::domain::model::{Evaluation, Indicator, Organisation, SpecialFund, Typed};
use crate::domain::project::{AnnualGoal, Project};
use crate::domain::value::Value;

/// A new evaluation for `year` drafted from `prev` (normally `year − 1`) of the same
/// organisation.
///
/// Carried: name, rank, internal and subordinate units, responsibilities; the template;
/// each indicator's levels, name, weight, criterion, rule and target; the special funds'
/// names. Emptied: staff figures, actuals, typed scores, 偏差原因, the budget, 三公,
/// procurement, the funds' amounts, assets, the funds block and the narrative.
///
/// A project carries its kind, its name and header (主管部门, 实施单位, 负责人, 类别 …)
/// and its 预期目标 (the year's goal, like the targets); its funds by source, 实际完成情况
/// and 填报日期 start empty.
///
/// A target that is a date in `prev`'s year (a deadline such as 2024-12-31) moves to the
/// same day of `year`: kept as it was, every deadline of the new year would score as a
/// year late.
pub fn next_year(prev: &Evaluation, year: i32) -> Evaluation {
    let o = &prev.organisation;
    let p = &prev.project;
    Evaluation {
        kind: prev.kind,
        project: Project {
            name: p.name.trim().to_string(),
            supervisor: p.supervisor.clone(),
            implementer: p.implementer.clone(),
            manager: p.manager.clone(),
            phone: p.phone.clone(),
            category: p.category.clone(),
            attribute: p.attribute.clone(),
            project_type: p.project_type.clone(),
            goal: AnnualGoal { expected: p.goal.expected.clone(), achieved: String::new() },
            ..Project::default()
        },
        organisation: Organisation {
            name: o.name.trim().to_string(),
            rank: o.rank.clone(),
            internal_units: o.internal_units.clone(),
            staff_count: None,
            staff_change: None,
            subordinate_units: o.subordinate_units.clone(),
            responsibilities: o.responsibilities.clone(),
        },
        year,
        template: prev.template.clone(),
        special_funds: prev
            .special_funds
            .iter()
            .map(|f| SpecialFund { name: f.name.clone(), ..SpecialFund::default() })
            .collect(),
        indicators: prev
            .indicators
            .iter()
            .map(|ind| Indicator {
                level1: ind.level1.clone(),
                level2: ind.level2.clone(),
                name: ind.name.clone(),
                target: move_deadline(&ind.target, prev.year, year),
                weight: ind.weight,
                criterion: ind.criterion.clone(),
                rule: ind.rule.clone(),
                ..Indicator::default()
            })
            .collect(),
        ..Evaluation::default()
    }
}

/// A date target in `from`'s year, written for `to`'s year; any other target as it is.
fn move_deadline(target: &Typed, from: i32, to: i32) -> Typed {
    let Value::Date(date) = target.value() else { return target.clone() };
    // A date is recognised only with its four-digit year first (2024-12-31, 2024年12月31日).
    let text = target.text();
    match text.get(4..) {
        Some(rest) if date.year == from && text.starts_with(&from.to_string()) => {
            // 2024-02-29 has no 2025 counterpart: keep it as typed and let the checks speak.
            Typed::new(&format!("{to}{rest}")).unwrap_or_else(|_| target.clone())
        }
        _ => target.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::EnteredScore;
    use crate::file::from_toml;
    use rust_decimal::Decimal;

    fn seed() -> Evaluation {
        from_toml(include_str!("../../../docs/examples/hengyang-2024.toml")).unwrap()
    }

    #[test]
    fn carries_the_organisation_template_and_rows_with_their_targets() {
        let prev = seed();
        let next = next_year(&prev, 2025);
        assert_eq!(next.year, 2025);
        let (o, p) = (&next.organisation, &prev.organisation);
        assert_eq!((&o.name, &o.rank, &o.responsibilities), (&p.name, &p.rank, &p.responsibilities));
        assert_eq!((&o.internal_units, &o.subordinate_units), (&p.internal_units, &p.subordinate_units));
        assert_eq!(next.template, prev.template);
        assert_eq!(next.indicators.len(), prev.indicators.len());
        for (n, p) in next.indicators.iter().zip(&prev.indicators) {
            assert_eq!((&n.level1, &n.level2, &n.name), (&p.level1, &p.level2, &p.name));
            assert_eq!((n.weight, &n.criterion, &n.rule), (p.weight, &p.criterion, &p.rule));
            if !matches!(p.target.value(), Value::Date(_)) {
                assert_eq!(n.target, p.target, "{}", p.name);
            }
        }
        let cost = next.indicators.iter().find(|i| i.name == "科技型中小企业评价入库").unwrap();
        assert_eq!(cost.target.text(), "120家");
        assert_eq!(next.special_funds.len(), 1);
        assert_eq!(next.special_funds[0].name, "科技项目资金");
    }

    #[test]
    fn empties_what_the_new_year_must_report() {
        let mut prev = seed();
        prev.indicators[0].entered = Some(EnteredScore { score: Decimal::ONE, reason: "理由".into() });
        let next = next_year(&prev, 2025);
        assert_eq!((next.organisation.staff_count, next.organisation.staff_change), (None, None));
        for ind in &next.indicators {
            assert!(ind.actual.is_empty() && ind.entered.is_none() && ind.deviation_reason.is_empty(), "{}", ind.name);
        }
        assert_eq!(next.budget, Default::default());
        assert_eq!(next.assets, Default::default());
        assert_eq!(next.funds, Default::default());
        assert_eq!(next.narrative, Default::default());
        let f = &next.special_funds[0];
        assert!(f.budgeted.is_none() && f.invested.is_none() && f.used.is_none() && f.balance.is_none());
        // The draft scores, with nothing to score yet.
        let sheet = crate::domain::score::score(&next);
        assert!(sheet.total < Decimal::from(60));
    }

    #[test]
    fn a_project_keeps_its_name_header_and_goal_but_not_its_funds() {
        use crate::domain::project::{Kind, SourceFunds};
        let mut prev = seed();
        prev.kind = Kind::Project;
        prev.project = Project {
            name: " 科技项目资金 ".into(),
            supervisor: "某局".into(),
            category: "本级专项".into(),
            filed_on: "2025-03-01".into(),
            goal: AnnualGoal { expected: "支持研发".into(), achieved: "已完成".into() },
            ..Project::default()
        };
        prev.project.funds.current =
            SourceFunds { full_year: Some(crate::domain::money::Amount::wan(Decimal::ONE)), ..SourceFunds::default() };
        let next = next_year(&prev, 2025);
        assert_eq!((next.kind, next.project.name.as_str()), (Kind::Project, "科技项目资金"));
        assert_eq!((next.project.supervisor.as_str(), next.project.category.as_str()), ("某局", "本级专项"));
        assert_eq!(next.project.goal, AnnualGoal { expected: "支持研发".into(), achieved: String::new() });
        assert!(next.project.filed_on.is_empty() && next.project.funds == Default::default());
    }

    #[test]
    fn deadlines_of_the_old_year_move_to_the_new_one() {
        let next = next_year(&seed(), 2025);
        let deadline = next.indicators.iter().find(|i| i.name == "申报工作及时完成情况").unwrap();
        assert_eq!(deadline.target.text(), "2025-12-31");
        let moved = |text: &str| move_deadline(&Typed::new(text).unwrap(), 2024, 2025).text().to_string();
        assert_eq!(moved("2024年6月30日"), "2025年6月30日");
        assert_eq!(moved("2026-06-30"), "2026-06-30", "a later deadline stays");
        assert_eq!(moved("2024-02-29"), "2024-02-29", "no such day in 2025");
        assert_eq!(moved("120家"), "120家");
    }
}
