//! The criterion reader against real criteria (tests/criteria/corpus.toml), the seed's
//! stored rules, and properties that hold for any text.

mod common;

use common::{d, seed};
use jixiao::domain::criterion::{Context, How, Proposal, Reading, read, read_note};
use jixiao::domain::model::{EnteredScore, Indicator, Typed};
use jixiao::domain::rule::*;
use jixiao::domain::score::score_row;
use jixiao::domain::template::Template;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
    note: Vec<Note>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    source: String,
    text: String,
    weight: String,
    target: String,
    rule: Option<Rule>,
    #[serde(default)]
    open: bool,
    #[serde(default)]
    examples: Vec<Example>,
    cannot_tell: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    actual: String,
    typed: Option<String>,
    score: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    source: String,
    text: String,
    rows: Vec<NoteRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteRow {
    target: String,
    weight: String,
    rule: Option<Rule>,
    actual: Option<String>,
    score: Option<String>,
}

fn corpus() -> Corpus {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/criteria/corpus.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

const YEAR: i32 = 2024;

/// The row scored under a rule, with a typed score where the example has one.
fn scored(rule: &Rule, weight: &str, target: &str, actual: &str, typed: Option<&str>) -> Option<Decimal> {
    let ind = Indicator {
        weight: d(weight),
        target: Typed::new(target).unwrap(),
        actual: Typed::new(actual).unwrap(),
        rule: rule.clone(),
        entered: typed.map(|s| EnteredScore { score: d(s), reason: "按等级评定".into() }),
        ..Indicator::default()
    };
    score_row(&Template::hunan_county(), Some(YEAR), 0, &ind).rule_score
}

/// A rule without the words that only describe it (checklist labels, grade level words):
/// those are checked by the examples, which score actual words against the rule.
fn shape(rule: &Rule) -> Rule {
    let mut r = rule.clone();
    match &mut r {
        Rule::Checklist(c) => c.items.iter_mut().for_each(|i| i.label.clear()),
        Rule::Grade(g) => g.levels.iter_mut().for_each(|l| l.words.clear()),
        _ => {}
    }
    r
}

fn admits_shape(p: &Proposal, rule: &Rule) -> bool {
    shape(&p.rule) == shape(rule) || p.alternatives.iter().any(|a| shape(&a.rule) == shape(rule))
}

#[test]
fn the_corpus_is_read_as_a_careful_reader_reads_it() {
    let corpus = corpus();
    let template = Template::hunan_county();
    let (mut confident, mut tentative, mut cannot) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in &corpus.case {
        let target = Typed::new(&case.target).unwrap();
        let ctx = Context {
            weight: Some(d(&case.weight)),
            target: Some(&target),
            year: Some(YEAR),
            ..Context::new(&template)
        };
        let reading = read(&case.text, &ctx);
        let name = format!("{} [{}]", case.text.trim(), case.source);
        match (&case.cannot_tell, &case.rule, reading) {
            (Some(_), _, Reading::CannotTell(_)) => cannot += 1,
            (Some(why), _, Reading::Rule(p)) => {
                failures.push(format!("{name}: should not be read ({why}), read as {:?}", p.rule))
            }
            (None, _, Reading::CannotTell(c)) => failures.push(format!("{name}: cannot tell: {}", c.reason)),
            (None, None, _) => failures.push(format!("{name}: the corpus gives neither a rule nor cannot_tell")),
            (None, Some(expected), Reading::Rule(p)) => {
                if case.examples.len() < 2 {
                    failures.push(format!("{name}: fewer than two worked examples"));
                }
                for ex in &case.examples {
                    // The corpus's own arithmetic: the careful reader's rule gives the worked scores.
                    let by_hand = scored(expected, &case.weight, &case.target, &ex.actual, ex.typed.as_deref());
                    if by_hand != Some(d(&ex.score)) {
                        failures.push(format!("{name}: the corpus rule gives {by_hand:?} for {}", ex.actual));
                    }
                }
                if p.confident {
                    confident += 1;
                    if shape(&p.rule) != shape(expected) {
                        failures.push(format!("{name}: confident and wrong: {:?}", p.rule));
                    }
                    for ex in &case.examples {
                        let got = scored(&p.rule, &case.weight, &case.target, &ex.actual, ex.typed.as_deref());
                        if got != Some(d(&ex.score)) {
                            failures.push(format!("{name}: confident reading scores {} as {got:?}", ex.actual));
                        }
                    }
                    if case.open {
                        failures.push(format!("{name}: open to two readings, yet confident"));
                    }
                } else {
                    tentative += 1;
                    if !case.open {
                        failures.push(format!("{name}: not confident: {:?} {:?}", p.rule, p.notes));
                    }
                    if !admits_shape(&p, expected) {
                        failures.push(format!("{name}: the rule is not among the readings: {:?}", p.rule));
                    }
                }
            }
        }
    }
    eprintln!(
        "corpus: {} cases — {confident} confident, {tentative} open to two readings, {cannot} cannot tell",
        corpus.case.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(corpus.case.len() >= 60 && cannot >= 8, "the corpus needs 60 criteria, 8 of them without a rule");
}

#[test]
fn a_table_note_gives_each_row_its_rule_by_the_target() {
    for note in corpus().note {
        let parsed = read_note(&note.text).unwrap_or_else(|| panic!("not read as a table note: {}", note.source));
        for row in &note.rows {
            let target = Typed::new(&row.target).unwrap();
            match (parsed.reading_for(Some(target.value())), &row.rule) {
                (Reading::Rule(p), Some(expected)) => {
                    assert_eq!(&p.rule, expected, "{}", row.target);
                    let (actual, score) = (row.actual.as_deref().unwrap(), row.score.as_deref().unwrap());
                    assert_eq!(
                        scored(&p.rule, &row.weight, &row.target, actual, None),
                        Some(d(score)),
                        "{}",
                        row.target
                    );
                }
                (Reading::CannotTell(_), None) => {}
                (other, expected) => panic!("{}: read {other:?}, expected {expected:?}", row.target),
            }
        }
    }
}

#[test]
fn the_seed_criteria_come_back_as_their_stored_rules() {
    let ev = seed();
    for ind in &ev.indicators {
        let ctx = Context::of_row(&ev.template, ev.year, ind);
        let reading = read(&ind.criterion, &ctx);
        let p = reading.proposal().unwrap_or_else(|| panic!("{}: {reading:?}", ind.name));
        assert!(p.confident, "{}: {:?}", ind.name, p.notes);
        assert_eq!(p.rule, ind.rule, "{}", ind.name);
    }
}

// ---------------------------------------------------------------------------------
// Properties: any text, no panic; every parameter is what its words say.

/// A number written in digits (half- or full-width) or Chinese numerals, as a test reads it.
fn number_in(words: &str) -> Option<Decimal> {
    let ascii: String = words
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            '．' => '.',
            c => c,
        })
        .collect();
    let digits: String =
        ascii.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if let Ok(v) = digits.trim_end_matches('.').parse::<Decimal>() {
        return Some(v);
    }
    let value = |c: char| "零一二三四五六七八九".chars().position(|x| x == c).or((c == '两').then_some(2));
    let words = words.strip_prefix("百分之").unwrap_or(words);
    let numeral = |c: &char| value(*c).is_some() || *c == '十' || *c == '百';
    let cn: Vec<char> = words.chars().skip_while(|c| !numeral(c)).take_while(numeral).collect();
    match cn.as_slice() {
        [] => None,
        ['十'] => Some(Decimal::TEN),
        ['十', u] => Some(Decimal::from(10 + value(*u)?)),
        [t, '十'] => Some(Decimal::from(value(*t)? * 10)),
        [t, '十', u] => Some(Decimal::from(value(*t)? * 10 + value(*u)?)),
        [t, '百'] => Some(Decimal::from(value(*t)? * 100)),
        [one] => Some(Decimal::from(value(*one)?)),
        _ => None,
    }
}

/// Whether a parameter's value is what the words at its span say.
fn faithful(words: &str, how: How, value: Decimal, weight: Decimal) -> bool {
    let n = number_in(words);
    let hundred = Decimal::ONE_HUNDRED;
    match how {
        How::Written => n == Some(value) || (value.is_zero() && words.contains('0')),
        How::Share => n.is_some_and(|n| n / hundred == value),
        How::PointsShare => n.is_some_and(|n| weight > Decimal::ZERO && (n / weight == value || n == value * weight)),
        How::Months => n.unwrap_or(Decimal::ONE) * Decimal::from(30) == value,
        How::Weeks => n.unwrap_or(Decimal::ONE) * Decimal::from(7) == value,
        How::Periods => {
            let periods = [("月", 12), ("季", 4), ("半年", 2), ("周", 52)];
            periods.iter().any(|(w, p)| words.contains(w) && Decimal::from(*p) == value)
        }
        How::Weight => value == weight,
        How::FullShare => value == Decimal::ONE && words.contains("满分"),
        How::WeightLess => n.is_some_and(|n| (weight - n).max(Decimal::ZERO) == value),
        How::Nothing => value.is_zero(),
        How::One => value == Decimal::ONE,
        How::Converted(f) => n.is_some_and(|n| n * f == value),
    }
}

/// The numbers a rule holds that must come from parameters of the reading.
fn rule_numbers(rule: &Rule) -> Vec<Decimal> {
    match rule {
        Rule::Shortfall(r) => vec![r.step, r.deduct],
        Rule::Excess(r) => vec![r.step, r.deduct],
        Rule::Count(c) => vec![c.per],
        Rule::Bands(b) => b.bands.iter().flat_map(|x| [x.bound, x.points]).collect(),
        Rule::Checklist(c) => c.items.iter().map(|i| i.points).collect(),
        Rule::Binary(b) => b.deduct.into_iter().collect(),
        Rule::Grade(g) => g.levels.iter().flat_map(|l| std::iter::once(l.low).chain(l.high)).collect(),
        Rule::Deadline(_) | Rule::Proportional | Rule::Reverse | Rule::Directional | Rule::Manual => Vec::new(),
    }
}

const PIECES: [&str; 48] = [
    "每少",
    "每超过",
    "每下降",
    "每低于",
    "一家",
    "一个百分点",
    "扣",
    "扣除",
    "0.05",
    "0.5",
    "２",
    "分",
    "，",
    "；",
    "。",
    "得满分",
    "计",
    "不得分",
    "≥",
    "≤",
    "90%",
    "80%（含）-90%",
    "以上",
    "以下",
    "超1个月内",
    "超3个月",
    "逾期",
    "每月",
    "未完成",
    "①",
    "②",
    "1、",
    "1分",
    "效果显著",
    "100%",
    "良好",
    "满意度",
    "十",
    "两",
    "百分之十",
    "亿元",
    "天",
    "酌情",
    "按完成比例",
    "正向",
    "反向",
    "完成值超过指标值30%",
    "（",
];

fn criterion_like() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..24).prop_map(|v| v.concat()),
        ".{0,80}",
        "[每少扣分计得满不超过一二十两%％0-9０-９.，；、（）()≥≤<>=-]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_reader_never_panics_and_never_invents_a_number(text in criterion_like(), weight in 0u32..30, target in 0u32..200) {
        let template = Template::hunan_county();
        let weight = Decimal::from(weight);
        let target = Typed::new(&format!("{target}家")).unwrap();
        let ctx = Context { weight: Some(weight), target: Some(&target), year: Some(YEAR), ..Context::new(&template) };
        if let Reading::Rule(p) = read(&text, &ctx) {
            for param in &p.params {
                prop_assert!(text.is_char_boundary(param.span.start) && text.is_char_boundary(param.span.end));
                let words = &text[param.span.start..param.span.end];
                prop_assert!(
                    faithful(words, param.how, param.value, weight),
                    "{}: {} from “{words}” ({:?}) in “{text}”", param.name, param.value, param.how
                );
            }
            let values: Vec<Decimal> = p.params.iter().map(|x| x.value).collect();
            for n in rule_numbers(&p.rule) {
                prop_assert!(values.contains(&n), "{n} in {:?} is no parameter of “{text}”", p.rule);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The check: a stored rule against its own criterion text.

fn findings_of(ev: &jixiao::domain::model::Evaluation, row: usize) -> Vec<jixiao::domain::check::Finding> {
    let sheet = jixiao::domain::score::score(ev);
    jixiao::domain::check::check(ev, &sheet)
        .into_iter()
        .filter(|f| matches!(f.place, jixiao::domain::check::Place::Indicator(r, _) if r == row))
        .collect()
}

#[test]
fn a_rule_that_disagrees_with_its_text_is_flagged_naming_both() {
    use jixiao::domain::check::Severity;
    let mut ev = seed();
    let row = ev.indicators.iter().position(|i| i.name == "科技型中小企业评价入库").unwrap();
    assert!(
        findings_of(&ev, row).iter().all(|f| !f.message.contains("评分标准")),
        "the seed's rules agree with their texts"
    );
    ev.indicators[row].criterion = "科技型中小企业评价入库120个得3分，每少一家扣0.1分。".into();
    let found = findings_of(&ev, row);
    let f = found.iter().find(|f| f.message.contains("不符")).expect("flagged");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("规则为“不足扣分：每少1扣0.05分”")
            && f.message.contains("评分标准读作“不足扣分：每少1扣0.1分”")
            && f.message.contains("扣分：规则为0.05，评分标准为0.1"),
        "{}",
        f.message
    );

    // A different kind, and whole steps, are named too.
    ev.indicators[row].criterion = "每少一家扣0.05分".into();
    ev.indicators[row].rule =
        Rule::Excess(ExcessRule { step: d("1"), deduct: d("0.05"), whole_steps: false, relative: false });
    let f = findings_of(&ev, row).into_iter().find(|f| f.message.contains("不符")).unwrap();
    assert!(f.message.contains("计分方式：规则为超出扣分，评分标准为不足扣分"), "{}", f.message);

    // A manual row whose text gives a rule for sure: a note, not a warning.
    ev.indicators[row].rule = Rule::Manual;
    let f = findings_of(&ev, row).into_iter().find(|f| f.message.contains("可读作")).unwrap();
    assert_eq!(f.severity, Severity::Note);
    assert!(f.message.contains("F3 采用"), "{}", f.message);

    // The target the text names against the row's.
    let mut ev = seed();
    ev.indicators[row].target = Typed::new("100家").unwrap();
    let f = findings_of(&ev, row).into_iter().find(|f| f.message.contains("写明指标值")).expect("target flagged");
    assert_eq!(f.message, "第1行「科技型中小企业评价入库」：评分标准写明指标值“120个”，年度指标值为“100家”");
    let mut ev = seed();
    ev.indicators[row].target = Typed::new("≥120家").unwrap();
    assert!(findings_of(&ev, row).iter().all(|f| !f.message.contains("写明指标值")), "120个 is 120家");
}
