//! The seed year against a following year drafted from it with `next_year` and filled in.

use super::*;
use crate::domain::model::{Indicator, Typed};
use crate::domain::money::Amount;
use crate::file::from_toml;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn seed() -> Evaluation {
    from_toml(include_str!("../../../docs/examples/hengyang-2024.toml")).unwrap()
}

fn row<'a>(ev: &'a mut Evaluation, name: &str) -> &'a mut Indicator {
    ev.indicators.iter_mut().find(|i| i.name == name).unwrap()
}

/// 2025 drafted from the seed, then filled: every actual as in 2024 except where noted;
/// 乡村振兴 dropped, 数字化转型企业 added, 党建活动 renamed.
fn year_2025(prev: &Evaluation) -> Evaluation {
    let mut ev = next_year(prev, 2025);
    for (ind, before) in ev.indicators.iter_mut().zip(&prev.indicators) {
        ind.actual = before.actual.clone();
    }
    row(&mut ev, "新增规上企业").actual = Typed::new("25家").unwrap();
    // 45亿元 typed in 万元: compared after conversion.
    row(&mut ev, "技术合同交易额").actual = Typed::new("450000万元").unwrap();
    for name in ["申报工作及时完成情况", "资金拨付及时完成情况"] {
        row(&mut ev, name).actual = Typed::new("2025-12-31").unwrap();
    }
    row(&mut ev, "党建活动").name = "党建活动开展情况".into();
    ev.indicators.retain(|i| i.name != "乡村振兴");
    let mut new = ev.indicators[0].clone();
    new.name = "数字化转型企业".into();
    new.target = Typed::new("10家").unwrap();
    new.actual = Typed::new("8家").unwrap();
    ev.indicators.insert(1, new);
    ev.budget = prev.budget.clone();
    ev.budget.final_accounts.revenue = Some(Amount::wan(d("7500.00")));
    ev.assets = prev.assets.clone();
    ev.funds = prev.funds.clone();
    ev
}

fn renamed() -> Pairing {
    Pairing { year: 2025, from: "党建活动".into(), to: "党建活动开展情况".into() }
}

fn find<'a>(c: &'a Comparison, name: &str) -> &'a IndicatorRow {
    c.rows.iter().find(|r| r.is_named(name)).unwrap()
}

#[test]
fn totals_grades_and_subtotals_side_by_side() {
    let a = seed();
    let b = year_2025(&a);
    // Given newest first: sorted here.
    let c = compare(&[&b, &a], &[renamed()]);
    assert_eq!(c.year_numbers(), vec![2024, 2025]);
    assert_eq!(c.organisation, "衡阳县科技和工业信息化局");
    assert_eq!(c.years[0].total, d("98.76"));
    assert_eq!(c.years[0].grade, Grade::Excellent);
    let sheet = score(&b);
    assert_eq!(c.years[1].total, sheet.total);
    let change = c.total.changes[0].unwrap();
    assert_eq!(change.delta, sheet.total - d("98.76"));
    assert_eq!(c.rule_total.values, vec![Some(d("99.10")), Some(sheet.rule_total)]);
    let groups: Vec<&str> = c.subtotals.iter().map(|s| s.level1.as_str()).collect();
    assert_eq!(groups, ["预算执行率", "产出指标", "效益指标", "满意度指标", "成本指标"]);
    let output = &c.subtotals[1];
    assert_eq!(output.weights, vec![Some(d("40")), Some(d("40"))], "乡村振兴 out (3), 数字化转型企业 in (3)");
}

#[test]
fn rows_match_by_name_with_their_cells_and_changes() {
    let a = seed();
    let c = compare(&[&a, &year_2025(&a)], &[renamed()]);
    let up = find(&c, "新增规上企业");
    let cells: Vec<&Cell> = up.cells.iter().flatten().collect();
    assert_eq!((cells[0].actual.as_str(), cells[1].actual.as_str()), ("23家", "25家"));
    assert_eq!((cells[0].target.as_str(), cells[0].weight), ("25家", d("3")));
    assert_eq!(up.steps[0].status, RowStatus::Kept);
    assert_eq!(up.steps[0].score.unwrap().to_string(), "↑ +0.16");
    assert_eq!(up.steps[0].actual.unwrap().to_string(), "↑ +2");
    assert_eq!(up.steps[0].actual.unwrap().percent_text(), "+8.7%");

    let money = find(&c, "技术合同交易额");
    assert_eq!(money.steps[0].actual.unwrap().to_string(), "↑ +2.4", "in 亿元, the earlier year's unit");
    assert_eq!(money.steps[0].score.unwrap().to_string(), "= 0");

    // 总成本: filed 19.66 in 2024; the 2025 draft has no typed score, so its rule's 20.
    assert_eq!(find(&c, "总成本").steps[0].score.unwrap().to_string(), "↑ +0.34");
    // Words are not numbers: no actual change.
    assert_eq!(find(&c, "企业管理水平提升").steps[0].actual, None);
    // The moved deadline scores full marks again.
    assert_eq!(find(&c, "申报工作及时完成情况").steps[0].score.unwrap().to_string(), "= 0");
}

#[test]
fn rows_in_one_year_only_are_added_or_removed_in_table_order() {
    let a = seed();
    let c = compare(&[&a, &year_2025(&a)], &[renamed()]);
    assert_eq!(c.rows.len(), a.indicators.len() + 1);
    let added: Vec<&str> = c.added().map(IndicatorRow::name).collect();
    let removed: Vec<&str> = c.removed().map(IndicatorRow::name).collect();
    assert_eq!((added, removed), (vec!["数字化转型企业"], vec!["乡村振兴"]));
    assert_eq!(c.rows[1].name(), "数字化转型企业", "where it was inserted");
    let new = find(&c, "数字化转型企业");
    assert!(new.cells[0].is_none());
    assert_eq!((new.steps[0].status.clone(), new.steps[0].score), (RowStatus::Added, None));
    let gone = find(&c, "乡村振兴");
    assert_eq!(gone.steps[0].status, RowStatus::Removed);
    assert_eq!(gone.latest().score, d("3"));
    assert_eq!(gone.steps[0].status.label(), "删除");
}

#[test]
fn a_renamed_row_is_joined_only_by_hand() {
    let a = seed();
    let b = year_2025(&a);
    let paired = compare(&[&a, &b], &[renamed()]);
    let row = find(&paired, "党建活动");
    assert_eq!(row.name(), "党建活动开展情况");
    assert_eq!(row.steps[0].status, RowStatus::Renamed { from: "党建活动".into() });
    assert_eq!(row.steps[0].status.label(), "改名（原为“党建活动”）");
    assert_eq!(row.steps[0].score.unwrap().to_string(), "= 0");
    assert!(paired.unused_pairings.is_empty());

    let unpaired = compare(&[&a, &b], &[]);
    assert_eq!(unpaired.rows.len(), paired.rows.len() + 1);
    assert_eq!(unpaired.added().count(), 2);
    let typo = Pairing { year: 2025, from: "党建".into(), to: "党建活动开展情况".into() };
    assert_eq!(compare(&[&a, &b], std::slice::from_ref(&typo)).unused_pairings, vec![typo]);
}

#[test]
fn budget_figures_change_in_wan_with_no_per_cent_from_zero() {
    let mut a = seed();
    a.budget.procurement.total = Some(Amount::wan(Decimal::ZERO));
    let mut b = year_2025(&a);
    b.budget.procurement.total = Some("12.5".parse().unwrap());
    b.budget.sangong_actual.total = Some("55900元".parse().unwrap());
    let c = compare(&[&a, &b], &[]);
    let fig = |f: Figure| c.figures.iter().find(|r| r.figure == f).unwrap().series.changes[0].unwrap();
    assert_eq!(fig(Figure::FinalRevenue).with_percent(), "↑ +243.25（+3.4%）");
    let procurement = fig(Figure::Procurement);
    assert_eq!((procurement.percent, procurement.with_percent()), (None, "↑ +12.50（—）".to_string()));
    // 5.59元 → 55900元: both converted to 万元 first.
    assert_eq!(fig(Figure::SangongActual).to, d("5.59"));
    assert_eq!(fig(Figure::ExecutionRate).to_string(), "= 0");
    assert_eq!(c.figures.len(), Figure::of_kind(Kind::Department).len());
}

#[test]
fn three_years_step_by_step_and_a_row_that_comes_back() {
    let a = seed();
    let b = year_2025(&a);
    let mut c3 = next_year(&b, 2026);
    c3.indicators.push(Indicator { name: "乡村振兴".into(), weight: d("3"), ..Indicator::default() });
    let c = compare(&[&a, &b, &c3], &[renamed()]);
    assert_eq!(c.year_numbers(), vec![2024, 2025, 2026]);
    let back = find(&c, "乡村振兴");
    let statuses: Vec<RowStatus> = back.steps.iter().map(|s| s.status.clone()).collect();
    assert_eq!(statuses, [RowStatus::Removed, RowStatus::Added]);
    assert_eq!(back.overall(), RowStatus::Kept);
    // Added in 2025 and still there: added against the first year.
    assert_eq!(find(&c, "数字化转型企业").overall(), RowStatus::Added);
    assert_eq!(c.total.changes.len(), 2);
}

#[test]
fn trends_follow_totals_indicators_and_figures_over_every_year() {
    let a = seed();
    let b = year_2025(&a);
    let c3 = next_year(&b, 2026);
    let t = trend(&[&c3, &a, &b], &Metric::Total);
    assert_eq!(t.years(), Some((2024, 2026)));
    assert_eq!(t.points[0], Point { year: 2024, value: Some(d("98.76")) });
    assert_eq!(t.values().count(), 3);
    let (lo, hi) = t.range().unwrap();
    assert!(lo < hi && hi == d("98.76").max(score(&b).total));
    assert_eq!((t.label(), t.unit()), ("总分".to_string(), "分"));

    let comparison = compare(&[&a, &b, &c3], &[]);
    let dropped = comparison.trend(&Metric::Indicator("乡村振兴".into()));
    assert_eq!(dropped.points.iter().map(|p| p.value).collect::<Vec<_>>(), vec![Some(d("3")), None, None]);
    let revenue = comparison.trend(&Metric::Figure(Figure::FinalRevenue));
    assert_eq!(revenue.values().collect::<Vec<_>>(), vec![(2024, d("7256.75")), (2025, d("7500.00"))]);
    assert_eq!(revenue.unit(), "万元");
    let unknown = comparison.trend(&Metric::Indicator("没有的指标".into()));
    assert_eq!((unknown.points.len(), unknown.range()), (3, None));
    let metrics = comparison.metrics();
    assert!(metrics.contains(&Metric::Indicator("数字化转型企业".into())));
    assert_eq!(metrics.len(), 2 + comparison.rows.len() + Figure::of_kind(Kind::Department).len());
}

#[test]
fn one_year_or_none_compares_without_changes() {
    let a = seed();
    let one = compare(&[&a], &[]);
    assert!(one.total.changes.is_empty() && one.rows.iter().all(|r| r.steps.is_empty()));
    assert_eq!(one.rows.len(), a.indicators.len());
    let none = compare(&[], &[]);
    assert!(none.rows.is_empty() && none.years.is_empty());
    assert_eq!(trend(&[], &Metric::Total).range(), None);
}

#[test]
fn an_unfilled_row_has_no_score_to_compare_or_to_chart() {
    let prev = seed();
    let draft = next_year(&prev, 2025);
    let c = compare(&[&prev, &draft], &[]);
    let row = c.rows.iter().find(|r| r.is_named("新增规上企业")).unwrap();
    let cells: Vec<bool> = row.cells.iter().map(|c| c.as_ref().unwrap().filled).collect();
    assert_eq!(cells, vec![true, false]);
    assert_eq!(row.steps[0].score, None, "no change against a row not filled in");
    let t = c.trend(&Metric::Indicator("新增规上企业".into()));
    assert_eq!(t.points.iter().map(|p| p.value).collect::<Vec<_>>(), vec![Some(d("2.84")), None]);
}
