//! Properties of the scoring engine that must hold for any input.

use jixiao::domain::model::{Indicator, Typed};
use jixiao::domain::rule::*;
use jixiao::domain::score::score_indicator;
use jixiao::domain::template::Template;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A non-negative decimal with two places, up to `max`.
fn amount(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max * 100).prop_map(|cents| Decimal::new(cents, 2))
}

fn score(rule: &Rule, weight: Decimal, target: Decimal, actual: Decimal) -> Option<Decimal> {
    let ind = Indicator {
        name: "p".into(),
        weight,
        target: Typed::new(&format!("{target}家")).unwrap(),
        actual: Typed::new(&format!("{actual}家")).unwrap(),
        rule: rule.clone(),
        ..Indicator::default()
    };
    score_indicator(&Template::national(), 0, &ind).rule_score
}

fn numeric_rule() -> impl Strategy<Value = Rule> {
    let step = (1..=2000i64).prop_map(|c| Decimal::new(c, 2));
    let deduct = (0..=1000i64).prop_map(|c| Decimal::new(c, 2));
    prop_oneof![
        (step.clone(), deduct.clone(), any::<bool>())
            .prop_map(|(step, deduct, whole_steps)| Rule::Shortfall(StepRule { step, deduct, whole_steps })),
        (step, deduct.clone(), any::<bool>(), any::<bool>()).prop_map(|(step, deduct, whole_steps, relative)| {
            Rule::Excess(ExcessRule { step, deduct, whole_steps, relative })
        }),
        Just(Rule::Proportional),
        Just(Rule::Reverse),
        (deduct.clone(), any::<bool>()).prop_map(|(per, violations)| Rule::Count(CountRule {
            per,
            periods: None,
            counts: if violations { CountKind::Violations } else { CountKind::Missed },
        })),
        (amount(200), amount(20)).prop_map(|(bound, points)| Rule::Bands(BandsRule {
            measure: Measure::Actual,
            bands: vec![Band { op: BandOp::AtLeast, bound, inclusive: true, points }],
            otherwise: Decimal::ZERO,
        })),
        deduct.prop_map(|d| Rule::Binary(BinaryRule { deduct: Some(d) })),
    ]
}

proptest! {
    #[test]
    fn a_score_stays_within_zero_and_the_weight(
        rule in numeric_rule(), weight in amount(30), target in amount(10_000), actual in amount(10_000),
    ) {
        if let Some(s) = score(&rule, weight, target, actual) {
            prop_assert!(s >= Decimal::ZERO && s <= weight, "{s} outside [0, {weight}]");
            prop_assert_eq!(s.round_dp(2), s, "scores carry at most two places");
        }
    }

    #[test]
    fn a_larger_shortfall_never_scores_higher(
        step in (1..=500i64).prop_map(|c| Decimal::new(c, 2)),
        deduct in (0..=300i64).prop_map(|c| Decimal::new(c, 2)),
        whole in any::<bool>(),
        weight in amount(20),
        target in amount(1_000),
        a in amount(1_000),
        b in amount(1_000),
    ) {
        let rule = Rule::Shortfall(StepRule { step, deduct, whole_steps: whole });
        let (more, less) = if a <= b { (a, b) } else { (b, a) }; // `more` shortfall = smaller actual
        let s_more = score(&rule, weight, target, more).unwrap();
        let s_less = score(&rule, weight, target, less).unwrap();
        prop_assert!(s_more <= s_less, "actual {more} scored {s_more} > actual {less} scored {s_less}");
    }

    #[test]
    fn a_larger_overrun_never_scores_higher(
        step in (1..=500i64).prop_map(|c| Decimal::new(c, 2)),
        deduct in (0..=300i64).prop_map(|c| Decimal::new(c, 2)),
        whole in any::<bool>(),
        relative in any::<bool>(),
        weight in amount(20),
        target in (1..=100_000i64).prop_map(|c| Decimal::new(c, 2)),
        a in amount(2_000),
        b in amount(2_000),
    ) {
        let rule = Rule::Excess(ExcessRule { step, deduct, whole_steps: whole, relative });
        let (small, large) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(score(&rule, weight, target, large).unwrap() <= score(&rule, weight, target, small).unwrap());
    }

    #[test]
    fn proportional_and_reverse_are_monotone(
        weight in amount(20), target in (1..=100_000i64).prop_map(|c| Decimal::new(c, 2)), a in amount(2_000), b in amount(2_000),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(score(&Rule::Proportional, weight, target, lo).unwrap() <= score(&Rule::Proportional, weight, target, hi).unwrap());
        if lo > Decimal::ZERO {
            prop_assert!(score(&Rule::Reverse, weight, target, hi).unwrap() <= score(&Rule::Reverse, weight, target, lo).unwrap());
        }
    }

    #[test]
    fn typed_numbers_never_panic(text in "\\PC{0,20}") {
        let _ = jixiao::domain::number::parse_decimal(&text);
        let _ = jixiao::domain::value::Value::parse(&text);
        let _ = text.parse::<jixiao::domain::money::Amount>();
    }
}

/// Text as reports have it: Chinese, punctuation of both kinds, numbers, spaces.
fn report_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("科技"),
            Just("企业"),
            Just("，"),
            Just("。"),
            Just("、"),
            Just("“"),
            Just("”"),
            Just("（"),
            Just("）"),
            Just("98.76"),
            Just("%"),
            Just(" "),
            Just("a"),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// Wrapping for the screen keeps every character, in order, and no line is wider
    /// than asked.
    #[test]
    fn wrapping_loses_nothing_and_keeps_to_the_width(text in report_text(), width in 6usize..40) {
        let lines = jixiao::ui::text::wrap(&text, width);
        prop_assert_eq!(lines.concat(), text.clone());
        for l in &lines {
            prop_assert!(jixiao::ui::text::width(l) <= width, "{:?} wider than {}", l, width);
        }
    }
}
