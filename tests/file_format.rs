//! The evaluation file: round trips losing nothing, and malformed files refused with
//! the line and what is wrong.

mod common;

use common::d;

use jixiao::domain::model::{EnteredScore, Evaluation, Indicator, Typed};
use jixiao::domain::rule::*;
use jixiao::domain::template::{OverachievementPenalty, Rounding, Template};
use jixiao::file::{FileError, from_toml, to_toml};

fn seed_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024.toml")).unwrap()
}

#[test]
fn the_seed_round_trips() {
    let ev = from_toml(&seed_text()).unwrap();
    let text = to_toml(&ev);
    assert_eq!(from_toml(&text).unwrap(), ev);
    // And the written text is stable: exporting the re-imported evaluation gives the same file.
    assert_eq!(to_toml(&from_toml(&text).unwrap()), text);
    assert!(text.contains("executed = \"7256.10\""), "money keeps its scale");
    assert!(text.contains("total = \"5.59元\""), "and its unit");
}

fn row(name: &str, rule: Rule) -> Indicator {
    Indicator {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: name.into(),
        target: Typed::new("≥90%").unwrap(),
        actual: Typed::new("12.3 亿元").unwrap(),
        weight: d("5"),
        criterion: "多行\n标准，含“引号”和 \"ASCII\" 引号".into(),
        rule,
        entered: None,
        deviation_reason: String::new(),
        ..Indicator::default()
    }
}

#[test]
fn every_rule_kind_and_template_setting_round_trips() {
    let mut ev = from_toml(&seed_text()).unwrap();
    ev.template = Template {
        preset: "custom".into(),
        rounding: Rounding::Whole,
        overachievement_penalty: Some(OverachievementPenalty { over_percent: d("30"), deduct: d("2") }),
        execution_cap: Template::usual_execution_cap(),
        qualitative: jixiao::domain::template::scale_100_80_50_0(),
        ..Template::national()
    };
    let level = |w: &str, lo: &str, hi: Option<&str>| GradeLevel { words: vec![w.into()], low: d(lo), high: hi.map(d) };
    let rules = vec![
        Rule::Shortfall(StepRule { step: d("5"), deduct: d("2"), whole_steps: true }),
        Rule::Excess(ExcessRule { step: d("10"), deduct: d("1"), whole_steps: false, relative: true }),
        Rule::Proportional,
        Rule::Reverse,
        Rule::Bands(BandsRule {
            measure: Measure::RelativeDeviation,
            bands: vec![Band { op: BandOp::Within, bound: d("10"), inclusive: false, points: d("5") }],
            otherwise: d("1"),
        }),
        Rule::Grade(GradeRule { levels: vec![level("达成", "0.8", Some("1")), level("未达成", "0", None)] }),
        Rule::Deadline(DeadlineRule { ladder: vec![Rung { over_days: 0, up_to_days: Some(30), deduct: d("2") }] }),
        Rule::Count(CountRule { per: d("0.5"), periods: Some(12), counts: CountKind::Violations }),
        Rule::Checklist(ChecklistRule { items: vec![ChecklistItem { label: "①制度".into(), points: d("1") }] }),
        Rule::Binary(BinaryRule { deduct: Some(d("2")) }),
        Rule::Binary(BinaryRule { deduct: None }),
        Rule::Manual,
    ];
    ev.indicators = rules.into_iter().enumerate().map(|(i, r)| row(&format!("指标{i}"), r)).collect();
    ev.indicators[0].entered = Some(EnteredScore { score: d("4.5"), reason: "理由".into() });
    ev.organisation.staff_change = Some(-3);
    ev.organisation.internal_units.clear();
    ev.special_funds.clear();
    let text = to_toml(&ev);
    assert_eq!(from_toml(&text).unwrap(), ev, "{text}");
}

fn refused(text: &str) -> FileError {
    from_toml(text).expect_err("the file should be refused")
}

const MINIMAL: &str = "format = 1\nyear = 2024\n[organisation]\nname = \"某局\"\n[template]\npreset = \"national\"\n";

#[test]
fn a_minimal_file_is_accepted() {
    let ev: Evaluation = from_toml(MINIMAL).unwrap();
    assert_eq!(ev.organisation.name, "某局");
    assert_eq!(ev.template, Template::national());
}

#[test]
fn malformed_files_are_refused_with_the_line() {
    // A float is refused: it has already lost exactness on the way in.
    let err = refused(&format!("{MINIMAL}[funds]\nexecuted = 7256.10\n"));
    match &err {
        FileError::At { line, message, .. } => {
            assert_eq!(*line, 8, "{err}");
            assert!(message.contains("小数请加引号"), "{err}");
        }
        other => panic!("{other}"),
    }
    // A misspelt key is refused, not silently dropped.
    let err = refused(&format!("{MINIMAL}[funds]\nexecuted_amount = \"1\"\n"));
    assert!(matches!(err, FileError::At { line: 8, .. }), "{err}");
    assert!(err.to_string().starts_with("第 8 行"), "{err}");
    // A figure that is not a number.
    let err = refused(&format!("{MINIMAL}[funds]\nexecuted = \"12.3.4\"\n"));
    assert!(err.to_string().contains("小数点多于一个"), "{err}");
    // An impossible date in an indicator.
    let bad_row = "[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"时效指标\"\nname = \"x\"\nactual = \"2024-13-40\"\nweight = \"5\"\nrule = { kind = \"manual\" }\n";
    let err = refused(&format!("{MINIMAL}{bad_row}"));
    assert!(err.to_string().contains("月份应为 1–12"), "{err}");
    // Broken TOML syntax.
    let err = refused("format = 1\nyear = \n");
    assert!(matches!(err, FileError::At { line: 2, .. }), "{err}");
    // An unknown rule kind and an unknown preset.
    let err = refused(&format!("{MINIMAL}{}", bad_row.replace("2024-13-40", "1").replace("manual", "magic")));
    assert!(err.to_string().contains("magic"), "{err}");
    let err = refused(&MINIMAL.replace("national", "mars"));
    assert!(err.to_string().contains("mars"), "{err}");
    // A newer format, and a missing organisation name.
    assert!(matches!(refused(&MINIMAL.replace("format = 1", "format = 3")), FileError::NewerFormat(3)));
    assert!(refused(&MINIMAL.replace("某局", " ")).to_string().contains("单位名称"));
}

#[test]
fn a_template_s_default_rule_round_trips_and_older_templates_load_without_it() {
    let mut ev = from_toml(&seed_text()).unwrap();
    ev.template.default_rule = Some(Rule::Shortfall(StepRule { step: d("1"), deduct: d("0.5"), whole_steps: true }));
    let text = to_toml(&ev);
    assert!(text.contains("[template.default_rule]"), "{text}");
    assert_eq!(from_toml(&text).unwrap(), ev);
    // A project's file (read by its own shape) keeps it too.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024-keji.toml");
    let mut project = from_toml(&std::fs::read_to_string(example).unwrap()).unwrap();
    assert_eq!(project.kind, jixiao::domain::project::Kind::Project);
    project.template.default_rule = Some(Rule::Proportional);
    assert_eq!(from_toml(&to_toml(&project)).unwrap(), project);
    // A template stored (as JSON in the database) before the setting existed.
    let mut old = serde_json::to_value(Template::hunan_county()).unwrap();
    old.as_object_mut().unwrap().remove("default_rule");
    let read: Template = serde_json::from_value(old).unwrap();
    assert_eq!(read.default_rule, None);
    assert_eq!(read.new_row_rule(), Rule::Manual);
}
