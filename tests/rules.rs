//! Each rule kind at its edges: on target, just below, far below (→ 0), over, bad input.

mod common;

use common::d;

use jixiao::domain::model::{EnteredScore, Indicator, Typed};
use jixiao::domain::rule::*;
use jixiao::domain::score::{ItemScore, RuleError, score_indicator, score_row};
use jixiao::domain::template::{OverachievementPenalty, Template};
use rust_decimal::Decimal;

fn row(rule: Rule, weight: &str, target: &str, actual: &str) -> Indicator {
    Indicator {
        name: "测试指标".into(),
        level1: "产出指标".into(),
        weight: d(weight),
        target: Typed::new(target).unwrap(),
        actual: Typed::new(actual).unwrap(),
        rule,
        ..Indicator::default()
    }
}

fn scored(rule: Rule, weight: &str, target: &str, actual: &str) -> ItemScore {
    score_indicator(&Template::hunan_county(), 0, &row(rule, weight, target, actual))
}

fn score_of(rule: Rule, weight: &str, target: &str, actual: &str) -> Decimal {
    let item = scored(rule, weight, target, actual);
    item.rule_score.unwrap_or_else(|| panic!("no score: {}", item.explanation))
}

fn error_of(rule: Rule, weight: &str, target: &str, actual: &str) -> RuleError {
    scored(rule, weight, target, actual).rule_error.expect("expected the rule to fail")
}

fn shortfall(step: &str, deduct: &str, whole: bool) -> Rule {
    Rule::Shortfall(StepRule { step: d(step), deduct: d(deduct), whole_steps: whole })
}

#[test]
fn shortfall_edges() {
    let r = || shortfall("1", "0.08", false);
    assert_eq!(score_of(r(), "3", "25家", "25家"), d("3"));
    assert_eq!(score_of(r(), "3", "25家", "24家"), d("2.92"));
    assert_eq!(score_of(r(), "3", "25家", "23家"), d("2.84"));
    assert_eq!(score_of(r(), "3", "25家", "0家"), d("1"));
    assert_eq!(score_of(r(), "3", "25家", "40家"), d("3"));
    assert_eq!(score_of(shortfall("1", "0.5", false), "3", "25家", "0家"), d("0"), "扣完为止");
    assert_eq!(scored(r(), "3", "25家", "23家").explanation, "少2家 × 0.08 = 扣0.16分");
    assert!(scored(shortfall("1", "0.5", false), "3", "25家", "0家").explanation.ends_with("扣完为止"));
    assert!(matches!(error_of(r(), "3", "25家", "很多"), RuleError::NotNumber { .. }));
    assert!(matches!(error_of(r(), "3", "25家", ""), RuleError::MissingActual));
    assert!(matches!(error_of(r(), "3", "", "3家"), RuleError::MissingTarget));
    assert!(matches!(error_of(r(), "3", "25家", "23个"), RuleError::Units(_)));
    assert!(matches!(error_of(shortfall("0", "1", false), "3", "25家", "23家"), RuleError::BadParams(_)));
}

#[test]
fn shortfall_in_percentage_points_and_whole_steps() {
    // 达标率100%计满分，每下降1%扣0.2分: 98% → 4.6.
    assert_eq!(score_of(shortfall("1", "0.2", false), "5", "100%", "98%"), d("4.6"));
    assert_eq!(scored(shortfall("1", "0.2", false), "5", "100%", "98%").explanation, "少2个百分点 × 0.2 = 扣0.4分");
    // 每低于5%扣2分 with 99.27% was filed at full marks: whole steps only.
    assert_eq!(score_of(shortfall("5", "2", true), "10", "100%", "99.27%"), d("10"));
    assert_eq!(score_of(shortfall("5", "2", false), "10", "100%", "99.27%"), d("9.71"));
    assert_eq!(score_of(shortfall("5", "2", true), "10", "100%", "95%"), d("8"));
    assert_eq!(score_of(shortfall("5", "2", true), "10", "100%", "94.99%"), d("8"));
    assert_eq!(score_of(shortfall("5", "2", true), "10", "100%", "89.99%"), d("6"));
    assert_eq!(score_of(shortfall("5", "2", true), "10", "100%", "84.99%"), d("4"));
}

#[test]
fn shortfall_converts_money_units_first() {
    // 0.05 per 亿元: 31亿 short by 1亿; 310000万元 is the same amount.
    assert_eq!(score_of(shortfall("1", "0.05", false), "3", "32亿元", "310000万元"), d("2.95"));
}

#[test]
fn excess_absolute_and_relative() {
    let abs = || Rule::Excess(ExcessRule { step: d("1"), deduct: d("0.5"), whole_steps: false, relative: false });
    // 在职人员控制率≤100%计5分，每超过一个百分点扣0.5分.
    assert_eq!(score_of(abs(), "5", "100%", "100%"), d("5"));
    assert_eq!(score_of(abs(), "5", "100%", "99%"), d("5"));
    assert_eq!(score_of(abs(), "5", "100%", "102%"), d("4"));
    assert_eq!(score_of(abs(), "5", "100%", "120%"), d("0"));
    let rel = || Rule::Excess(ExcessRule { step: d("10"), deduct: d("1"), whole_steps: false, relative: true });
    // 每超出成本10%扣1分: 110 against 100 is 10 % over.
    assert_eq!(score_of(rel(), "20", "100万元", "110万元"), d("19"));
    assert_eq!(score_of(rel(), "20", "100万元", "105万元"), d("19.5"));
    assert_eq!(score_of(rel(), "20", "100万元", "400万元"), d("0"));
    assert_eq!(score_of(rel(), "20", "预算内", "预算内"), d("20"));
    assert!(matches!(error_of(rel(), "20", "0万元", "5万元"), RuleError::ZeroTarget));
    assert!(matches!(error_of(rel(), "20", "预算内", "超支"), RuleError::NotNumber { .. }));
}

#[test]
fn proportional_and_reverse() {
    assert_eq!(score_of(Rule::Proportional, "10", "100", "100"), d("10"));
    assert_eq!(score_of(Rule::Proportional, "10", "100", "96.63"), d("9.66"));
    assert_eq!(score_of(Rule::Proportional, "10", "100", "0"), d("0"));
    assert_eq!(score_of(Rule::Proportional, "10", "100", "150"), d("10"));
    assert_eq!(score_of(Rule::Proportional, "10", "0", "0"), d("10"), "nothing asked, nothing missed");
    assert_eq!(score_of(Rule::Reverse, "10", "≤50万元", "50万元"), d("10"));
    assert_eq!(score_of(Rule::Reverse, "10", "≤50万元", "40万元"), d("10"));
    assert_eq!(score_of(Rule::Reverse, "10", "≤50万元", "80万元"), d("6.25"));
    assert_eq!(score_of(Rule::Reverse, "10", "≤50万元", "5000万元"), d("0.1"));
}

fn satisfaction() -> Rule {
    let band =
        |bound: &str, points: &str| Band { op: BandOp::AtLeast, bound: d(bound), inclusive: true, points: d(points) };
    Rule::Bands(BandsRule {
        measure: Measure::Actual,
        bands: vec![band("90", "10"), band("80", "8"), band("60", "6")],
        otherwise: Decimal::ZERO,
    })
}

#[test]
fn bands_with_direction_and_inclusive_ends() {
    assert_eq!(score_of(satisfaction(), "10", "90%", "90%"), d("10"));
    assert_eq!(score_of(satisfaction(), "10", "90%", "89.99%"), d("8"));
    assert_eq!(score_of(satisfaction(), "10", "90%", "60%"), d("6"));
    assert_eq!(score_of(satisfaction(), "10", "90%", "59%"), d("0"));
    assert_eq!(score_of(satisfaction(), "10", "90%", "100%"), d("10"));
    assert_eq!(scored(satisfaction(), "10", "90%", "90%").explanation, "完成值90% ≥ 90%，计10分");
    // 预算调整率=0计3分，0–10%(含)计2分，10%以上计0分.
    let adj = Rule::Bands(BandsRule {
        measure: Measure::Actual,
        bands: vec![
            Band { op: BandOp::AtMost, bound: d("0"), inclusive: true, points: d("3") },
            Band { op: BandOp::AtMost, bound: d("10"), inclusive: true, points: d("2") },
        ],
        otherwise: Decimal::ZERO,
    });
    assert_eq!(score_of(adj.clone(), "3", "0%", "0%"), d("3"));
    assert_eq!(score_of(adj.clone(), "3", "0%", "10%"), d("2"));
    assert_eq!(score_of(adj, "3", "0%", "10.01%"), d("0"));
    // 控制率在±10%以内得5分: relative deviation, both sides, exclusive end.
    let within = Rule::Bands(BandsRule {
        measure: Measure::RelativeDeviation,
        bands: vec![Band { op: BandOp::Within, bound: d("10"), inclusive: false, points: d("5") }],
        otherwise: Decimal::ZERO,
    });
    assert_eq!(score_of(within.clone(), "5", "100万元", "91万元"), d("5"));
    assert_eq!(score_of(within.clone(), "5", "100万元", "109万元"), d("5"));
    assert_eq!(score_of(within.clone(), "5", "100万元", "110万元"), d("0"));
    assert_eq!(score_of(within, "5", "100万元", "90万元"), d("0"));
    assert!(matches!(error_of(satisfaction(), "10", "90%", "满意"), RuleError::NotNumber { .. }));
}

#[test]
fn grade_words_and_synonyms() {
    let g = || Rule::Grade(GradeRule::default());
    assert_eq!(score_of(g(), "10", "效果明显", "效果明显"), d("10"));
    assert_eq!(score_of(g(), "10", "效果显著", "显著"), d("10"));
    assert_eq!(score_of(g(), "10", "效果明显", "效果良好"), d("8"));
    assert_eq!(score_of(g(), "10", "效果明显", "一般"), d("6"));
    assert_eq!(score_of(g(), "10", "效果明显", "效果较差"), d("0"));
    assert_eq!(scored(g(), "10", "效果明显", "效果明显").explanation, "效果明显（= 显著）按100%计：10 × 100% = 10分");
    assert!(matches!(error_of(g(), "10", "效果明显", "还行吧"), RuleError::UnknownGrade { .. }));
    // Qualitative actuals as filed: 达成预期指标, 基本达成, 部分达成年度目标.
    assert_eq!(score_of(g(), "10", "达成预期指标", "达成预期指标"), d("10"));
    assert_eq!(score_of(g(), "10", "达成预期指标", "基本达成"), d("8"));
    assert_eq!(score_of(g(), "10", "达成预期指标", "部分达成年度目标"), d("6"));
    assert_eq!(score_of(g(), "10", "达成预期指标", "未达成"), d("0"));
    assert!(matches!(error_of(g(), "10", "效果明显", ""), RuleError::MissingActual));
    // The older 100–80–50–0 scale.
    let old = Template { qualitative: jixiao::domain::template::scale_100_80_50_0(), ..Template::national() };
    let item = score_indicator(&old, 0, &row(g(), "10", "效果明显", "一般"));
    assert_eq!(item.rule_score, Some(d("5")));
}

#[test]
fn grade_ranges_take_the_typed_score() {
    let level = |w: &str, lo: &str, hi: &str| GradeLevel { words: vec![w.into()], low: d(lo), high: Some(d(hi)) };
    let rule = Rule::Grade(GradeRule {
        levels: vec![
            level("达成年度指标", "0.8", "1"),
            level("部分达成年度指标并具有一定效果", "0.6", "0.8"),
            level("未达成年度指标且效果较差", "0", "0.6"),
        ],
    });
    let mut ind = row(rule, "10", "达成年度指标", "部分达成年度指标并具有一定效果");
    let t = Template::national();
    assert!(matches!(score_indicator(&t, 0, &ind).rule_error, Some(RuleError::NeedsTypedScore)));
    ind.entered = Some(EnteredScore { score: d("7"), reason: "部分达成".into() });
    let item = score_indicator(&t, 0, &ind);
    assert_eq!((item.rule_score, item.score, item.difference()), (Some(d("7")), d("7"), None));
    ind.entered = Some(EnteredScore { score: d("9"), reason: "".into() });
    let item = score_indicator(&t, 0, &ind);
    assert_eq!(item.rule_score, Some(d("8")), "the rule holds the score to the range");
    assert_eq!(item.difference(), Some(d("1")));
}

fn seed_deadline() -> Rule {
    // 按时完成得满分，超1个月内扣2分，超3个月扣5分 (nothing said between 1 and 3 months).
    Rule::Deadline(DeadlineRule {
        ladder: vec![
            Rung { over_days: 0, up_to_days: Some(30), deduct: d("2") },
            Rung { over_days: 90, up_to_days: None, deduct: d("5") },
        ],
    })
}

#[test]
fn deadline_ladder_with_its_gap() {
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "2024-12-31"), d("5"));
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "2024-11-30"), d("5"));
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "2025-01-01"), d("3"));
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "2025-01-30"), d("3"));
    assert!(matches!(
        error_of(seed_deadline(), "5", "2024-12-31", "2025-01-31"),
        RuleError::DeadlineGap { days: 31, .. }
    ));
    assert!(matches!(
        error_of(seed_deadline(), "5", "2024-12-31", "2025-03-31"),
        RuleError::DeadlineGap { days: 90, .. }
    ));
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "2025-04-01"), d("0"));
    assert_eq!(score_of(seed_deadline(), "5", "2024-12-31", "按时完成"), d("5"));
    assert!(matches!(error_of(seed_deadline(), "5", "2024-12-31", "尚未完成"), RuleError::NotDate { .. }));
    assert_eq!(scored(seed_deadline(), "5", "2024-12-31", "2025-01-10").explanation, "逾期10天，按“逾期30天内”扣2分");
}

/// Deadlines as people write them, scored in the evaluation's year.
fn in_2024(rule: Rule, target: &str, actual: &str) -> ItemScore {
    score_row(&Template::hunan_county(), Some(2024), 0, &row(rule, "5", target, actual))
}

#[test]
fn deadline_phrases_take_the_evaluation_year() {
    let s = |t: &str, a: &str| in_2024(seed_deadline(), t, a).rule_score;
    assert_eq!(s("2024年12月31日前", "2024-12-31"), Some(d("5")));
    assert_eq!(s("2024年12月31日前", "2025年1月10日"), Some(d("3")));
    assert_eq!(s("12月底前", "2024-12-20"), Some(d("5")));
    assert_eq!(s("年底前", "2025-01-15"), Some(d("3")));
    assert_eq!(s("9月前", "2024-08-31"), Some(d("5")), "9月前: by the end of August");
    assert_eq!(s("9月前", "2024-09-20"), Some(d("3")));
    assert_eq!(s("9月底前", "9月20日"), Some(d("5")), "an actual without its year is in it too");
    assert_eq!(s("按期", "2024-11-30"), Some(d("5")), "按期: within the evaluation's year");
    assert_eq!(s("按期", "2025-01-05"), Some(d("3")));
    assert_eq!(s("12月底前", "逾期10天"), Some(d("3")));
    assert_eq!(s("12月底前", "延期1个月"), Some(d("3")));
    assert_eq!(s("12月底前", "提前完成"), Some(d("5")));
    // Without the year a phrase cannot be placed: said so, not scored 0 silently.
    let item = score_indicator(&Template::hunan_county(), 0, &row(seed_deadline(), "5", "9月前", "2024-08-01"));
    assert!(matches!(item.rule_error, Some(RuleError::NoYear { .. })), "{:?}", item.rule_error);
    assert_eq!(item.explanation, "年度指标值“9月前”没有写年份，需要自评的年度才能计算");
    let leap = in_2024(seed_deadline(), "2月29日前", "2024-02-29");
    assert_eq!(leap.rule_score, Some(d("5")));
    let none =
        score_row(&Template::hunan_county(), Some(2025), 0, &row(seed_deadline(), "5", "2月29日前", "2025-02-28"));
    assert!(matches!(none.rule_error, Some(RuleError::Date(_))), "2025 has no 29 February");
}

#[test]
fn count_missed_and_violations() {
    let monthly = || Rule::Count(CountRule { per: d("0.5"), periods: Some(12), counts: CountKind::Missed });
    assert_eq!(score_of(monthly(), "5", "1", "1"), d("5"));
    assert_eq!(score_of(monthly(), "5", "12次", "11次"), d("4.5"));
    assert_eq!(score_of(monthly(), "5", "12次", "0次"), d("0"));
    assert_eq!(score_of(monthly(), "5", "12次", "13次"), d("5"));
    let incidents = || Rule::Count(CountRule { per: d("1"), periods: None, counts: CountKind::Violations });
    assert_eq!(score_of(incidents(), "3", "0例", "0例"), d("3"));
    assert_eq!(score_of(incidents(), "3", "0例", "2例"), d("1"));
    assert_eq!(score_of(incidents(), "3", "0例", "9例"), d("0"));
    assert!(matches!(error_of(incidents(), "3", "0例", "若干"), RuleError::NotNumber { .. }));
}

fn three_items() -> Rule {
    let item = |l: &str| ChecklistItem { label: l.into(), points: d("1") };
    Rule::Checklist(ChecklistRule {
        items: vec![item("已制定管理办法"), item("制度合法合规完整"), item("制度得到有效执行")],
    })
}

#[test]
fn checklist_counts_the_items_met() {
    assert_eq!(score_of(three_items(), "3", "", "全部"), d("3"));
    assert_eq!(score_of(three_items(), "3", "", "①③"), d("2"));
    assert_eq!(score_of(three_items(), "3", "", "1、2"), d("2"));
    assert_eq!(score_of(three_items(), "3", "", "第2项"), d("1"));
    assert_eq!(score_of(three_items(), "3", "", "无"), d("0"));
    assert_eq!(scored(three_items(), "3", "", "①③").explanation, "达成第1、3项：1 + 1 = 2分；未达成第2项");
    assert!(matches!(error_of(three_items(), "3", "", "④"), RuleError::ChecklistItems(_)));
    assert!(matches!(error_of(three_items(), "3", "", "大部分"), RuleError::ChecklistItems(_)));
}

#[test]
fn binary_done_or_not() {
    let b = |deduct: Option<&str>| Rule::Binary(BinaryRule { deduct: deduct.map(d) });
    assert_eq!(score_of(b(Some("2")), "3", "1", "1"), d("3"));
    assert_eq!(score_of(b(Some("2")), "3", "1", "0"), d("1"));
    assert_eq!(score_of(b(None), "3", "1", "0"), d("0"));
    assert_eq!(score_of(b(None), "3", "完成", "已完成"), d("3"));
    assert_eq!(score_of(b(None), "3", "完成", "未完成"), d("0"));
    assert!(matches!(error_of(b(None), "3", "完成", "差不多"), RuleError::UnknownDone(_)));
}

#[test]
fn manual_needs_a_typed_score() {
    let mut ind = row(Rule::Manual, "5", "", "");
    let t = Template::national();
    assert!(matches!(score_indicator(&t, 0, &ind).rule_error, Some(RuleError::NeedsTypedScore)));
    ind.entered = Some(EnteredScore { score: d("4.5"), reason: "按会议纪要评定".into() });
    let item = score_indicator(&t, 0, &ind);
    assert_eq!((item.score, item.rule_score, item.difference()), (d("4.5"), Some(d("4.5")), None));
    assert!(item.explanation.contains("按会议纪要评定"));
}

#[test]
fn an_entered_score_overrides_and_reports_the_difference() {
    let mut ind = row(
        Rule::Excess(ExcessRule { step: d("10"), deduct: d("1"), whole_steps: false, relative: true }),
        "20",
        "预算内",
        "预算内",
    );
    ind.entered = Some(EnteredScore { score: d("19.66"), reason: "按已公布的自评表".into() });
    let item = score_indicator(&Template::hunan_county(), 0, &ind);
    assert_eq!(item.score, d("19.66"));
    assert_eq!(item.rule_score, Some(d("20")));
    assert_eq!(item.difference(), Some(d("-0.34")));
    assert!(
        item.explanation.contains("填报得分19.66（按规则20.00，差−0.34）：按已公布的自评表"),
        "{}",
        item.explanation
    );
}

#[test]
fn entered_scores_are_clamped_to_the_weight() {
    let mut ind = row(Rule::Manual, "5", "", "");
    ind.entered = Some(EnteredScore { score: d("7"), reason: "x".into() });
    assert_eq!(score_indicator(&Template::national(), 0, &ind).score, d("5"));
}

#[test]
fn overachievement_penalty_when_the_template_has_one() {
    let t = Template {
        overachievement_penalty: Some(OverachievementPenalty { over_percent: d("30"), deduct: d("2") }),
        ..Template::national()
    };
    let r = || shortfall("1", "0.05", false);
    let at = score_indicator(&t, 0, &row(r(), "3", "100家", "130家"));
    assert_eq!((at.rule_score, at.penalty), (Some(d("1")), Some(d("2"))));
    let below = score_indicator(&t, 0, &row(r(), "3", "100家", "129家"));
    assert_eq!((below.rule_score, below.penalty), (Some(d("3")), None));
    let off = score_indicator(&Template::national(), 0, &row(r(), "3", "100家", "200家"));
    assert_eq!(off.rule_score, Some(d("3")));
}

#[test]
fn whole_point_rounding_templates() {
    let t = Template { rounding: jixiao::domain::template::Rounding::Whole, ..Template::national() };
    // A Hebei table filed 8.62 as 9.
    let item = score_indicator(&t, 0, &row(Rule::Proportional, "10", "100", "86.2"));
    assert_eq!(item.rule_score, Some(d("9")));
    let item = score_indicator(&t, 0, &row(Rule::Proportional, "10", "100", "85"));
    assert_eq!(item.rule_score, Some(d("9")), "8.5 rounds half away from zero");
}
