//! The first acceptance case: the 2024 report of 衡阳县科技和工业信息化局 (the seed),
//! entered as docs/examples/hengyang-2024.toml, scores as the report filed it.

mod common;

use common::{d, seed};

use jixiao::domain::check::{Finding, Place, Severity, check};
use jixiao::domain::field::Field;
use jixiao::domain::score::{Grade, ItemSource, score};

/// The scores the report published (its 自评表), row by row.
const PUBLISHED: [(&str, &str); 16] = [
    ("预算执行率", "9.66"),
    ("科技型中小企业评价入库", "3"),
    ("高新技术企业认定净增数", "3"),
    ("新增规上企业", "2.84"),
    ("技术合同交易额", "3"),
    ("党建活动", "2"),
    ("安全生产检查", "5"),
    ("乡村振兴", "3"),
    ("全社会研发投入", "3"),
    ("申报企业质量达标率", "4.6"),
    ("申报工作及时完成情况", "5"),
    ("资金拨付及时完成情况", "5"),
    ("企业管理水平提升", "10"),
    ("企业对其他产业的带动", "10"),
    ("社会公众或服务对象满意度指标", "10"),
    ("总成本", "19.66"),
];

#[test]
fn every_row_scores_as_published_and_the_total_is_98_76() {
    let ev = seed();
    let sheet = score(&ev);
    assert_eq!(sheet.items.len(), PUBLISHED.len());
    for (item, (name, published)) in sheet.items.iter().zip(PUBLISHED) {
        assert_eq!(item.name, name);
        assert_eq!(item.score, d(published), "{name}: {}", item.explanation);
    }
    assert_eq!(sheet.weight_total, d("100"));
    assert_eq!(sheet.total, d("98.76"));
    assert_eq!(sheet.grade, Grade::Excellent);
    assert_eq!(sheet.show(sheet.total), "98.76");
}

#[test]
fn every_rule_but_the_one_override_gives_the_published_score() {
    let ev = seed();
    let sheet = score(&ev);
    for (item, (name, published)) in sheet.items.iter().zip(PUBLISHED) {
        let has_entered = match item.source {
            ItemSource::Indicator(i) => ev.indicators[i].entered.is_some(),
            ItemSource::Funds => false,
        };
        if name == "总成本" {
            assert!(has_entered, "总成本 keeps the filed 19.66 as an entered score");
            assert_eq!(item.rule_score, Some(d("20")));
            assert_eq!(item.difference(), Some(d("-0.34")));
        } else {
            assert!(!has_entered, "{name} must be scored by its rule alone");
            assert_eq!(item.rule_score, Some(d(published)), "{name}: {}", item.explanation);
        }
    }
    assert_eq!(sheet.rule_total, d("99.10"));
    assert_eq!(sheet.show(sheet.rule_total), "99.10");
}

#[test]
fn explanations_show_the_arithmetic() {
    let sheet = score(&seed());
    let why = |name: &str| sheet.items.iter().find(|i| i.name == name).unwrap().explanation.clone();
    assert_eq!(why("新增规上企业"), "少2家 × 0.08 = 扣0.16分");
    assert_eq!(why("预算执行率"), "执行率 = 7256.10 ÷ 7509.24 = 96.63%；96.63% × 10 = 9.6629分");
    assert_eq!(why("申报企业质量达标率"), "少2个百分点 × 0.2 = 扣0.4分");
    assert!(why("总成本").contains("填报得分19.66（按规则20.00，差−0.34）"), "{}", why("总成本"));
}

fn has(findings: &[Finding], severity: Severity, place: Place, text: &str) -> bool {
    findings.iter().any(|f| f.severity == severity && f.place == place && f.message.contains(text))
}

#[test]
fn the_checks_find_the_seeds_real_inconsistencies() {
    let ev = seed();
    let findings = check(&ev, &score(&ev));
    let shown: Vec<String> = findings.iter().map(|f| format!("{:?} {}", f.severity, f.message)).collect();
    let all = shown.join("\n");
    // 三公 budget: 0 + 1.88 + 6.28 = 8.16, filed 8.15 (a 0.01 rounding difference is a note).
    assert!(
        has(
            &findings,
            Severity::Note,
            Place::Field(Field::SangongBudgetTotal),
            "三公经费预算：分项合计 8.16 ≠ 合计 8.15（差 0.01）"
        ),
        "{all}"
    );
    // 三公 actual written "5.59 元" where 万元 is meant.
    assert!(has(&findings, Severity::Warning, Place::Field(Field::SangongActualTotal), "单位应为万元"), "{all}");
    // Net assets: 251.26 − 111.34 = 139.92, filed 139.91.
    assert!(
        has(&findings, Severity::Note, Place::Field(Field::NetAssets), "= 139.92 ≠ 净资产 139.91（差 0.01）"),
        "{all}"
    );
    // Funds by source do not sum to 全年预算数; by nature they do.
    assert!(
        has(
            &findings,
            Severity::Warning,
            Place::Field(Field::FundsFullYear),
            "按收入性质）：分项合计 7708.72 ≠ 全年预算数 7509.24"
        ),
        "{all}"
    );
    assert!(!all.contains("按支出性质"), "{all}");
    let row = |name: &str| ev.indicators.iter().position(|i| i.name == name).unwrap();
    use jixiao::domain::check::Column;
    // 乡村振兴: the criterion names 2分 against a weight of 3.
    assert!(
        has(
            &findings,
            Severity::Warning,
            Place::Indicator(row("乡村振兴"), Column::Criterion),
            "评分标准写明满分 2 分，分值为 3 分"
        ),
        "{all}"
    );
    // 安全生产检查: 12 months × 0.5 = 6 against a weight of 5.
    assert!(
        has(
            &findings,
            Severity::Warning,
            Place::Indicator(row("安全生产检查"), Column::Rule),
            "每期 0.5 分 × 12 期 = 6 分"
        ),
        "{all}"
    );
    // 总成本: the filed score follows no rule.
    assert!(
        has(
            &findings,
            Severity::Warning,
            Place::Indicator(row("总成本"), Column::Score),
            "填报 19.66，按规则 20.00（差 −0.34）"
        ),
        "{all}"
    );
    // Lost points without a 偏差原因.
    assert!(
        has(
            &findings,
            Severity::Warning,
            Place::Indicator(row("申报企业质量达标率"), Column::DeviationReason),
            "失分 0.4 分"
        ),
        "{all}"
    );
    assert!(
        has(&findings, Severity::Warning, Place::Indicator(row("总成本"), Column::DeviationReason), "失分 0.34 分"),
        "{all}"
    );
    assert!(!all.contains("新增规上企业」：失分"), "新增规上企业 has its reason: {all}");
    // Targets far exceeded (≥130 % under the Hunan template).
    assert!(
        has(&findings, Severity::Note, Place::Indicator(row("高新技术企业认定净增数"), Column::Target), "246%"),
        "{all}"
    );
    assert!(
        has(&findings, Severity::Note, Place::Indicator(row("科技型中小企业评价入库"), Column::Target), "138%"),
        "{all}"
    );
    assert!(!all.contains("全社会研发投入」：完成值为指标值"), "112% is not flagged: {all}");
    // What holds in the seed is not reported.
    for fine in ["决算：分项合计", "年末结转", "政府采购", "分值合计", "综合评价结论", "科技项目资金"]
    {
        assert!(!all.contains(fine), "{fine} holds in the seed: {all}");
    }
    assert!(findings.iter().all(|f| f.severity != Severity::Error), "{all}");
}

#[test]
fn deadlines_written_as_phrases_score_the_same() {
    let mut ev = seed();
    for ind in ev.indicators.iter_mut().filter(|i| i.target.text() == "2024-12-31") {
        ind.target = jixiao::domain::model::Typed::new("2024年12月31日前").unwrap();
        ind.actual = jixiao::domain::model::Typed::new("12月底前").unwrap();
    }
    let sheet = score(&ev);
    assert_eq!(sheet.total, d("98.76"));
    assert_eq!(sheet.rule_total, d("99.10"));
    let mut ev = seed();
    for ind in ev.indicators.iter_mut().filter(|i| i.target.text() == "2024-12-31") {
        ind.target = jixiao::domain::model::Typed::new("年底前").unwrap();
    }
    assert_eq!(score(&ev).total, d("98.76"), "年底前 is the end of the evaluation's year");
}
