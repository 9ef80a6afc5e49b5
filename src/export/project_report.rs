//! A project's 自评报告: the project, its funds, its 年度总体目标, the conclusion, the
//! problems and improvements, then its 项目支出绩效自评表. The sentences about the
//! project and its funds are computed from the figures, as the department's are.

use super::report::{Block, Builder, Report, report_title};
use super::sentences::MISSING;
use crate::domain::derived::ratio;
use crate::domain::field::{source, source_filled};
use crate::domain::model::{Evaluation, Section};
use crate::domain::money::Amount;
use crate::domain::number::percent;
use crate::domain::score::score;
use crate::domain::template::{FundsDenominator, SourceKey};

fn amount(a: Option<Amount>) -> String {
    a.map_or_else(|| MISSING.to_string(), |a| a.with_unit())
}

/// 一、项目基本情况: `科技项目资金由…主管，…实施，为本级专项、持续性、常年性项目。`
pub fn header(ev: &Evaluation) -> String {
    let p = &ev.project;
    let mut s = p.name.trim().to_string();
    if !p.supervisor.trim().is_empty() {
        s.push_str(&format!("由{}主管", p.supervisor.trim()));
    }
    if !p.implementer.trim().is_empty() {
        s.push_str(&format!("，{}实施", p.implementer.trim()));
    }
    let kinds: Vec<&str> =
        [&p.category, &p.attribute, &p.project_type].iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if !kinds.is_empty() {
        s.push_str(&format!("，为{}项目", kinds.join("、")));
    }
    s.push('。');
    s
}

/// 二、项目资金使用情况: the totals, the execution rate (on the template's budget), and
/// each source that has figures, under the template's labels.
pub fn funds(ev: &Evaluation) -> String {
    let (f, t) = (&ev.funds, &ev.template);
    let budget = f.rate_base(t.funds_denominator).copied();
    let mut s = format!("{}年度项目资金年初预算数{}", ev.year, amount(f.initial));
    if t.funds_denominator != FundsDenominator::Initial {
        s.push_str(&format!("，{}{}", t.funds_denominator.label(), amount(budget)));
    }
    s.push_str(&format!("，全年执行数{}", amount(f.executed)));
    if let Some(r) = ratio(f.executed, budget) {
        s.push_str(&format!("，预算执行率{}", percent(r)));
    }
    s.push('。');
    let parts: Vec<String> = SourceKey::ALL
        .into_iter()
        .filter(|k| source_filled(ev, *k))
        .map(|k| {
            let label = t.funds.sources.iter().find(|r| r.key == k).map_or(k.heading(), |r| r.heading());
            let [_, full_year, executed] = source(k).1.map(|f| f.amount(ev));
            format!("{label}全年预算数{}、执行数{}", amount(full_year), amount(executed))
        })
        .collect();
    if !parts.is_empty() {
        s.push_str(&format!("其中：{}。", parts.join("；")));
    }
    s
}

/// The 综合评价结论 written for a project whose conclusion has not been typed.
pub fn conclusion(ev: &Evaluation, total: &str, grade: &str) -> String {
    format!("{}{}年度项目支出绩效自评得分{total}分，评价结果为“{grade}”。", ev.project.name.trim(), ev.year)
}

pub fn build(ev: &Evaluation) -> Report {
    let sheet = score(ev);
    let (n, goal) = (&ev.narrative, &ev.project.goal);
    let mut b = Builder { blocks: Vec::new() };
    b.blocks.push(Block::Subtitle(format!("{}　{}", ev.organisation.name.trim(), ev.project.name.trim())));
    b.blocks.push(Block::Title(report_title(ev)));
    b.computed(1, "一、项目基本情况", header(ev));
    b.computed(1, "二、项目资金使用情况", funds(ev));
    b.heading(1, "三、项目年度总体目标完成情况");
    b.heading(2, "（一）预期目标");
    b.typed(&goal.expected, MISSING);
    b.heading(2, "（二）实际完成情况");
    b.typed(&goal.achieved, MISSING);
    b.heading(1, "四、项目绩效自评结论");
    b.heading(2, "（一）综合评价结论");
    b.typed(n.get(Section::Conclusion), &conclusion(ev, &sheet.show(sheet.total), sheet.grade.label()));
    b.heading(2, "（二）评价指标分析");
    b.typed(n.get(Section::Analysis), MISSING);
    b.close(ev, &sheet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{Kind, SourceFunds};

    fn project() -> Evaluation {
        let mut ev = Evaluation { kind: Kind::Project, year: 2024, ..Evaluation::default() };
        ev.project.name = "监测项目".into();
        ev.project.supervisor = "某省卫健委".into();
        ev.project.implementer = "某县疾控中心".into();
        ev.project.category = "上级专项".into();
        ev
    }

    #[test]
    fn the_header_names_who_runs_the_project_and_what_kind_it_is() {
        assert_eq!(header(&project()), "监测项目由某省卫健委主管，某县疾控中心实施，为上级专项项目。");
        let mut bare = project();
        bare.project.supervisor.clear();
        bare.project.implementer.clear();
        bare.project.category.clear();
        assert_eq!(header(&bare), "监测项目。");
    }

    #[test]
    fn the_funds_sentence_lists_the_sources_that_have_figures() {
        let mut ev = project();
        let wan = |s: &str| Some(s.parse::<Amount>().unwrap());
        ev.funds.full_year = wan("50");
        ev.funds.executed = wan("45");
        ev.project.funds.current = SourceFunds { full_year: wan("40"), executed: wan("40"), ..SourceFunds::default() };
        ev.project.funds.carried = SourceFunds { full_year: wan("10"), executed: wan("5"), ..SourceFunds::default() };
        let s = funds(&ev);
        assert!(
            s.starts_with(
                "2024年度项目资金年初预算数（未填写），全年预算数50万元，全年执行数45万元，预算执行率90.00%。"
            ),
            "{s}"
        );
        assert!(
            s.ends_with(
                "其中：当年财政拨款全年预算数40万元、执行数40万元；上年结转资金全年预算数10万元、执行数5万元。"
            ),
            "{s}"
        );
    }
}
