use super::*;
use crate::domain::rule::*;
use crate::domain::template::CapRung;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn read_with(text: &str, weight: &str, target: &str) -> Reading {
    let template = Template::hunan_county();
    let target = Typed::new(target).unwrap();
    let ctx = Context { weight: Some(d(weight)), target: Some(&target), ..Context::new(&template) };
    read(text, &ctx)
}

fn rule(text: &str, weight: &str, target: &str) -> Rule {
    match read_with(text, weight, target) {
        Reading::Rule(p) => p.rule,
        Reading::CannotTell(c) => panic!("cannot tell {text}: {}", c.reason),
    }
}

fn confident(text: &str, weight: &str, target: &str) -> Rule {
    match read_with(text, weight, target) {
        Reading::Rule(p) if p.confident => p.rule,
        other => panic!("not confident {text}: {other:?}"),
    }
}

fn step(step: &str, deduct: &str) -> Rule {
    Rule::Shortfall(StepRule { step: d(step), deduct: d(deduct), whole_steps: false })
}

#[test]
fn the_seed_step_rules() {
    assert_eq!(confident("科技型中小企业评价入库120个得3分，每少一家扣0.05分。", "3", "120家"), step("1", "0.05"));
    assert_eq!(confident("技术合同交易额完成32亿元得3分，每少一亿元扣0.05分。", "3", "32亿元"), step("1", "0.05"));
    assert_eq!(confident("达标率100%计满分，每下降1%扣0.2分，扣完为止。", "5", "100%"), step("1", "0.2"));
    assert_eq!(
        rule("技术合同交易额完成32亿元得3分，每少一亿元扣0.05分。", "3", "320000万元"),
        step("10000", "0.05"),
        "1亿元 in a target written in 万元"
    );
}

#[test]
fn counts_and_binary() {
    assert_eq!(
        confident("完成党建活动1季度/次得2分，每季度未完成扣0.5分。", "2", "1"),
        Rule::Count(CountRule { per: d("0.5"), periods: Some(4), counts: CountKind::Missed })
    );
    assert_eq!(
        confident("完成安全生产检查每月一次计0.5分、每月未完成扣0.5分", "5", "1"),
        Rule::Count(CountRule { per: d("0.5"), periods: Some(12), counts: CountKind::Missed })
    );
    assert_eq!(
        confident("完成当年1个乡村振兴结对帮扶任务得2分，未帮扶扣2分。", "3", "1"),
        Rule::Binary(BinaryRule { deduct: Some(d("2")) })
    );
    assert_eq!(
        confident("以上情况每出现一例不符合要求的扣1分，扣完为止。", "3", "0例"),
        Rule::Count(CountRule { per: d("1"), periods: None, counts: CountKind::Violations })
    );
}

#[test]
fn excess_absolute_and_relative() {
    let excess = |step: &str, deduct: &str, relative| {
        Rule::Excess(ExcessRule { step: d(step), deduct: d(deduct), whole_steps: false, relative })
    };
    assert_eq!(
        confident("以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。", "5", "≤100%"),
        excess("1", "0.5", false)
    );
    let r = read_with("实际成本控制在预算指标内计满分，每超出成本10%扣1分，扣完为止。", "20", "预算内");
    let p = r.proposal().unwrap();
    assert_eq!(p.rule, excess("10", "1", true));
    assert!(!p.confident, "whole or fractional steps is open until the actual is known");
    assert!(p.admits(&Rule::Excess(ExcessRule { step: d("10"), deduct: d("1"), whole_steps: true, relative: true })));
}

#[test]
fn deadlines_bands_and_grades() {
    assert_eq!(
        confident("工作任务按时完成得满分，超1个月内扣2分，超3个月扣5分。", "5", "2024-12-31"),
        Rule::Deadline(DeadlineRule {
            ladder: vec![
                Rung { over_days: 0, up_to_days: Some(30), deduct: d("2") },
                Rung { over_days: 90, up_to_days: None, deduct: d("5") },
            ]
        })
    );
    assert_eq!(
        confident("满意度90%计10分，满意度80%计8分，满意度60%计6分，少于60%计0分。", "10", "90%"),
        Rule::Bands(BandsRule {
            measure: Measure::Actual,
            bands: [("90", "10"), ("80", "8"), ("60", "6")]
                .iter()
                .map(|(b, p)| Band { op: BandOp::AtLeast, bound: d(b), inclusive: true, points: d(p) })
                .collect(),
            otherwise: Decimal::ZERO,
        })
    );
    assert_eq!(
        confident("效果显著100%计10分，效果良好80%计8分，效果一般60%计6分，效果较差0分。", "10", "效果明显"),
        Rule::Grade(GradeRule::default()),
        "the template's own scale"
    );
}

#[test]
fn cannot_tell_says_why() {
    let Reading::CannotTell(c) = read_with("视完成情况酌情扣分", "5", "100%") else { panic!() };
    assert!(c.reason.contains("酌情"), "{}", c.reason);
    let Reading::CannotTell(c) = read_with("实际完成情况与计划每相差3%，扣1分，扣满15分为止。", "15", "100%")
    else {
        panic!()
    };
    assert!(c.reason.contains("相差"), "{}", c.reason);
    assert!(matches!(read_with("", "5", ""), Reading::CannotTell(_)));
}

#[test]
fn parameters_point_at_what_was_written() {
    let text = "每少 一家 扣０.０５分";
    let Reading::Rule(p) = read_with(text, "3", "120家") else { panic!() };
    let written: Vec<&str> = p.params.iter().map(|x| &text[x.span.start..x.span.end]).collect();
    assert_eq!(written, vec!["一家", "０.０５分"], "in text order");
}

#[test]
fn the_full_mark_a_criterion_names() {
    let fm = |s: &str| full_mark(s);
    assert_eq!(fm("完成当年1个乡村振兴结对帮扶任务得2分,未帮扶扣2分。"), Some(d("2")));
    assert_eq!(fm("科技型中小企业评价入库 120 个得 3 分, 每少一家扣 0.05 分。"), Some(d("3")));
    assert_eq!(fm("满意度 90%计 10 分, 满意度 80%计 8 分, 少于 60%计 0 分。"), Some(d("10")));
    assert_eq!(fm("完成安全生产检查 每月一次计 0.5分、 每月未完成扣 0.5分"), None);
    assert_eq!(fm("完成党建活动 1 季度 / 次得 2 分, 每季度未完成扣 0.5 分。"), Some(d("2")));
    assert_eq!(fm("工作任务按时完成得满分，超1个月内扣2分"), None);
    assert_eq!(fm("完成１２０家得３分"), Some(d("3")), "full-width digits");
}

#[test]
fn modifiers_of_the_whole_table() {
    let Reading::CannotTell(c) = read_with("完成值超过指标值30%及以上的，减2分", "5", "100家") else {
        panic!()
    };
    assert!(c.reason.contains("评分模板"), "{}", c.reason);
    let t = text::Text::new("执行率70%-80%的，自评不超过89分；执行率低于60%的，不超过69分");
    let m = facts::modifiers(&t);
    assert_eq!(
        m[0].0,
        Modifier::ExecutionCap(vec![
            CapRung { below_percent: d("80"), cap: d("89") },
            CapRung { below_percent: d("60"), cap: d("69") }
        ])
    );
}

#[test]
fn grade_ranges_in_points() {
    let text = "一级：实施后预计有显著的经济效益。（8—10分）\n二级：实施后预计有较好的经济效益。（5—7分）\n三级：实施后预计经济效益一般。（3—4分）\n四级：实施后经济效益较少。（0-2分）";
    let Rule::Grade(g) = rule(text, "10", "显著") else { panic!("{:?}", rule(text, "10", "显著")) };
    let shares: Vec<(Decimal, Option<Decimal>)> = g.levels.iter().map(|l| (l.low, l.high)).collect();
    assert_eq!(
        shares,
        vec![
            (d("0.8"), Some(d("1"))),
            (d("0.5"), Some(d("0.7"))),
            (d("0.3"), Some(d("0.4"))),
            (d("0"), Some(d("0.2")))
        ]
    );
    assert!(g.levels[0].words.contains(&"显著".to_string()), "{:?}", g.levels[0].words);
    assert!(g.levels[3].words.contains(&"较少".to_string()), "{:?}", g.levels[3].words);
}

#[test]
fn a_scale_in_the_templates_own_words_is_the_templates_scale() {
    // 较满意 is the template's 80 % word; read as 满意 it made a scale of its own in which
    // 较满意 carried every 100 % synonym.
    let text = "满意100%计10分，较满意80%计8分，一般60%计6分，不满意0分。";
    assert_eq!(confident(text, "10", "满意"), Rule::Grade(GradeRule::default()));
}
