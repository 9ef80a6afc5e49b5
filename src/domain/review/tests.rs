use super::*;
use crate::domain::check::check_in_year;
use crate::domain::model::EnteredScore;
use crate::domain::money::Amount;
use crate::domain::project::ProjectLine;
use crate::domain::score::score;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn department() -> Evaluation {
    crate::file::from_toml(include_str!("../../../docs/examples/hengyang-2024.toml")).unwrap()
}

fn project() -> Evaluation {
    crate::file::from_toml(include_str!("../../../docs/examples/hengyang-2024-keji.toml")).unwrap()
}

/// A county of three organisations: the seed department with its project, a second
/// department whose project ran little of its money and overstates a row, and a third
/// department with only a project.
fn county(year: i32) -> Vec<HandIn> {
    let mut out = Vec::new();
    let mut push = |ev: Evaluation, stated: Option<&str>| {
        let reference = out.len() as i64 + 1;
        out.push(HandIn { reference, evaluation: ev, stated_total: stated.map(d) });
    };
    let mut seed = department();
    seed.year = year;
    push(seed, Some("98.76"));
    let mut keji = project();
    keji.year = year;
    push(keji.clone(), None);

    let mut other = department();
    other.year = year;
    other.organisation.name = "衡阳县农业农村局".into();
    other.indicators[0].entered = Some(EnteredScore { score: Decimal::ZERO, reason: "测试".into() });
    push(other, None);
    let mut low = keji.clone();
    low.organisation.name = "衡阳县农业农村局".into();
    low.project.name = "高标准农田建设".into();
    low.funds.executed = Some(Amount::wan(low.funds.full_year.unwrap().in_wan() / Decimal::from(2)));
    let weight = low.indicators[1].weight;
    low.indicators[1].entered = Some(EnteredScore { score: weight, reason: "测试".into() });
    low.indicators[1].actual = crate::domain::model::Typed::new("0").unwrap();
    push(low, None);

    let mut lone = keji;
    lone.organisation.name = "衡阳县水利局".into();
    lone.project.name = "山塘清淤".into();
    lone.year = year;
    push(lone, None);
    out
}

#[test]
fn each_line_is_what_its_evaluation_gives_on_its_own() {
    let hand_ins = county(2024);
    let lines = review(&hand_ins);
    assert_eq!(lines.len(), hand_ins.len());
    for (h, l) in hand_ins.iter().zip(&lines) {
        let ev = &h.evaluation;
        let sheet = score(ev);
        // The department's projects, found one evaluation at a time.
        let projects: Vec<ProjectLine> = hand_ins
            .iter()
            .map(|p| &p.evaluation)
            .filter(|p| p.is_project() && !ev.is_project())
            .filter(|p| p.organisation.name == ev.organisation.name && p.year == ev.year)
            .map(ProjectLine::of)
            .collect();
        let findings = check_in_year(ev, &sheet, &projects);
        assert_eq!(l.reference, h.reference);
        assert_eq!(l.rule_total, sheet.rule_total, "{}", ev.label());
        assert_eq!(l.rule_grade, sheet.rule_grade);
        assert_eq!(l.filed, h.stated_total.unwrap_or(sheet.total));
        assert_eq!(l.stated, h.stated_total.is_some());
        assert_eq!(l.difference(), l.filed - sheet.rule_total);
        assert_eq!(l.findings, findings);
        assert_eq!((l.errors, l.warnings, l.notes), crate::domain::check::counts(&findings));
        let broken: Vec<usize> =
            (0..ev.indicators.len()).filter(|&i| sheet.indicator(i).unwrap().difference().is_some()).collect();
        assert_eq!(l.broken.iter().map(|b| b.index).collect::<Vec<_>>(), broken);
        for b in &l.broken {
            let item = sheet.indicator(b.index).unwrap();
            assert_eq!((Some(b.filed), Some(b.rule)), (item.entered, item.rule_score));
        }
        let missing = ev
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, ind)| {
                sheet.indicator(*i).unwrap().lost() > Decimal::ZERO && ind.deviation_reason.trim().is_empty()
            })
            .filter(|(i, _)| sheet.indicator(*i).unwrap().rule_error.is_none())
            .count();
        assert_eq!(l.missing_reasons.len(), missing);
        assert_eq!(l.execution_rate, sheet.execution_rate);
    }
    // The seed states 98.76 where its rules give 99.10: filed below rule.
    assert_eq!(lines[0].filed, d("98.76"));
    assert_eq!(lines[0].difference(), d("98.76") - lines[0].rule_total);
    assert!(lines[0].broken.iter().any(|b| b.name == "总成本"));
    // The department's 专项资金 agreement is checked against its own projects only.
    assert!(lines[2].broken.iter().any(|b| b.index == 0));
}

#[test]
fn the_summary_counts_what_the_lines_say() {
    let lines = review(&county(2024));
    let s = Summary::of(&lines, DEFAULT_RATE_THRESHOLD);
    assert_eq!((s.evaluations, s.departments, s.projects), (5, 2, 3));
    for (i, g) in GRADES.iter().enumerate() {
        assert_eq!(s.filed_grades[i], lines.iter().filter(|l| l.grade == *g).count());
        assert_eq!(s.rule_grades[i], lines.iter().filter(|l| l.rule_grade == *g).count());
    }
    assert_eq!(s.buckets.iter().map(|b| b.filed).sum::<usize>(), 5);
    assert_eq!(s.buckets.iter().map(|b| b.rule).sum::<usize>(), 5);
    for l in &lines {
        assert_eq!(s.buckets.iter().filter(|b| b.holds(l.filed)).count(), 1, "one bucket per total");
    }
    assert_eq!(s.buckets.first().unwrap().label, "<60");
    assert_eq!(s.buckets.last().unwrap().label, "≥95");
    // 农业农村局's project claims full marks on a row its rule scores 0.
    let above: Vec<&Line> = lines.iter().filter(|l| l.difference() > Decimal::ZERO).collect();
    assert!(!above.is_empty());
    let top = &s.excess[0];
    let expected: Decimal = above.iter().filter(|l| l.organisation == top.organisation).map(|l| l.difference()).sum();
    assert_eq!(top.total, expected);
    assert!(s.excess.windows(2).all(|w| w[0].total >= w[1].total));
    // Half its money spent: under 90 %, and the only such project.
    assert_eq!(s.low_rate.len(), 1);
    assert_eq!(lines[s.low_rate[0]].project, "高标准农田建设");
    assert_eq!(lines[s.low_rate[0]].execution_rate, Some(d("0.5")));
    assert_eq!(s.errors, lines.iter().map(|l| l.errors).sum::<usize>());
}

#[test]
fn sorting_and_filtering_follow_the_figures() {
    let mut lines = review(&county(2024));
    sort(&mut lines, Order::Difference);
    assert!(lines.windows(2).all(|w| w[0].difference() >= w[1].difference()));
    assert_eq!(lines[0].project, "高标准农田建设");
    sort(&mut lines, Order::Rate);
    assert_eq!(lines[0].execution_rate, Some(d("0.5")));
    assert!(lines.last().unwrap().execution_rate.is_none() || lines.iter().all(|l| l.execution_rate.is_some()));
    sort(&mut lines, Order::Organisation);
    assert!(lines.windows(2).all(|w| w[0].organisation <= w[1].organisation));

    let above = Filter { text: String::new(), kind: Some(FindingKind::AboveRule) };
    let shown: Vec<&Line> = lines.iter().filter(|l| above.matches(l, DEFAULT_RATE_THRESHOLD)).collect();
    assert!(!shown.is_empty() && shown.iter().all(|l| l.filed > l.rule_total));
    let by_name = Filter { text: "水利".into(), kind: None };
    assert_eq!(lines.iter().filter(|l| by_name.matches(l, DEFAULT_RATE_THRESHOLD)).count(), 1);
    let low = Filter { text: String::new(), kind: Some(FindingKind::LowRate) };
    assert_eq!(lines.iter().filter(|l| low.matches(l, DEFAULT_RATE_THRESHOLD)).count(), 1);
    assert_eq!(FindingKind::from_key("above-rule"), Some(FindingKind::AboveRule));
    assert_eq!(Order::from_key("rate"), Some(Order::Rate));
}

#[test]
fn the_first_place_is_the_first_error_else_the_first_broken_row() {
    let lines = review(&county(2024));
    for l in &lines {
        let place = l.first_place();
        match l.findings.iter().find(|f| f.severity == Severity::Error) {
            Some(f) => assert_eq!(place, Some(f.place)),
            None if !l.broken.is_empty() => assert_eq!(place, Some(Place::Indicator(l.broken[0].index, Column::Score))),
            None => assert_eq!(
                place,
                l.findings.iter().find(|f| f.severity == Severity::Warning).or(l.findings.first()).map(|f| f.place)
            ),
        }
    }
}

#[test]
fn year_over_year_finds_moves_new_and_dropped_projects() {
    let last = county(2023);
    let mut this = county(2024);
    this.retain(|h| h.evaluation.project.name != "山塘清淤");
    let mut new = this[1].evaluation.clone();
    new.project.name = "企业技术改造".into();
    this.push(HandIn { reference: 99, evaluation: new, stated_total: None });
    this[0].stated_total = Some(d("90.00"));
    let (now, before) = (review(&this), review(&last));
    let y = YearOverYear::of(&now, &before, 2024, 2023);
    assert_eq!(y.new_projects, vec![("衡阳县科技和工业信息化局".to_string(), "企业技术改造".to_string())]);
    assert_eq!(y.dropped_projects, vec![("衡阳县水利局".to_string(), "山塘清淤".to_string())]);
    assert_eq!(y.moves.len(), 4);
    assert_eq!(y.moves[0].organisation, "衡阳县科技和工业信息化局");
    assert_eq!(y.moves[0].change(), d("90.00") - d("98.76"));
    assert!(y.moves.windows(2).all(|w| w[0].change().abs() >= w[1].change().abs()));

    let all: Vec<Line> = now.iter().chain(&before).cloned().collect();
    let by_year = grade_counts_by_year(&all);
    assert_eq!(by_year.iter().map(|(y, ..)| *y).collect::<Vec<_>>(), vec![2023, 2024]);
    assert_eq!(by_year[0].1.iter().sum::<usize>(), before.len());
    assert_eq!(by_year[1].2.iter().sum::<usize>(), now.len());
    let s = Summary::of(&now, DEFAULT_RATE_THRESHOLD);
    assert_eq!(by_year[1].1, s.filed_grades);
}
