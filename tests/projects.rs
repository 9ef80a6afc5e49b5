//! Projects beside the department: one organisation-year holds the 部门整体 evaluation and
//! any number of 项目支出 evaluations, each stored, listed, scored, checked, exported and
//! compared on its own.

mod common;

use common::{d, hubei_monitoring, keji, seed};
use jixiao::domain::check::{Place, Severity, check, check_in_year};
use jixiao::domain::compare::{Figure, Pairing, compare, next_year, same_project};
use jixiao::domain::field::{Field, FieldValue};
use jixiao::domain::model::{Evaluation, Typed};
use jixiao::domain::project::{Kind, ProjectLine};
use jixiao::domain::score::score;
use jixiao::export::{Format, export, file_name};
use jixiao::file::{FileError, from_toml, to_toml};
use jixiao::store::{Store, StoreError};

const ORG: &str = "衡阳县科技和工业信息化局";

/// A second project of the seed's department in 2024 (made up for the tests).
fn second() -> Evaluation {
    let mut ev = keji();
    ev.project.name = "中小企业发展专项资金".into();
    for (f, v) in [
        (Field::FundsInitial, "60"),
        (Field::FundsFullYear, "60"),
        (Field::FundsExecuted, "54"),
        (Field::CurrentInitial, "60"),
        (Field::CurrentFullYear, "60"),
        (Field::CurrentExecuted, "54"),
    ] {
        f.set(&mut ev, FieldValue::Money(Some(v.parse().unwrap())));
    }
    ev.indicators.truncate(3);
    ev.narrative = Default::default();
    ev
}

fn money(ev: &mut Evaluation, f: Field, v: &str) {
    assert!(f.set(ev, FieldValue::Money(Some(v.parse().unwrap()))));
}

#[test]
fn two_projects_and_the_department_of_one_year_are_stored_listed_scored_checked_and_exported_independently() {
    let mut store = Store::open_in_memory().unwrap();
    let (dept, one, two) = (seed(), keji(), second());
    let ids: Vec<_> = [&dept, &one, &two].iter().map(|ev| store.create(ev).unwrap()).collect();

    let list = store.list().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(
        list.iter().map(|s| (s.kind, s.subject())).collect::<Vec<_>>(),
        [(Kind::Department, "部门整体"), (Kind::Project, "中小企业发展专项资金"), (Kind::Project, "科技项目资金"),]
    );
    assert_eq!(store.find(ORG, 2024).unwrap(), Some(ids[0]));
    assert_eq!(store.find_in(ORG, 2024, Some(" 科技项目资金 ")).unwrap(), Some(ids[1]));
    assert_eq!(store.find_in(ORG, 2024, Some("中小企业发展专项资金")).unwrap(), Some(ids[2]));
    assert_eq!(store.projects_of(ORG, 2024).unwrap().len(), 2);

    // Each reads back as stored, scores on its own and is cached in the list with its total.
    for (id, ev) in ids.iter().zip([&dept, &one, &two]) {
        let back = store.load(*id).unwrap().evaluation;
        assert_eq!(&back, ev);
        let row = list.iter().find(|s| s.id == *id).unwrap();
        assert_eq!(row.total, score(ev).total, "{}", ev.label());
    }
    assert_eq!(score(&dept).total, d("98.76"));
    assert_eq!(score(&one).total, d("99.50"));
    assert_eq!(score(&two).total, score(&second()).total);
    assert_ne!(score(&one).total, score(&two).total);

    // Checks: a project has none of the department's figures to complain about.
    let one_found = check(&one, &score(&one));
    assert!(one_found.iter().all(|f| f.severity != Severity::Error), "{one_found:?}");
    assert!(!one_found.iter().any(|f| f.message.contains("三公") || f.message.contains("资产")));

    // The department sees its projects: the 专项资金 row 科技项目资金 agrees with the
    // project of that name (200 used, 200 executed); changed, it is a note.
    let lines: Vec<ProjectLine> = store.projects_of(ORG, 2024).unwrap().iter().map(|s| s.project_line()).collect();
    let notes = |lines: &[ProjectLine]| {
        check_in_year(&dept, &score(&dept), lines).into_iter().filter(|f| f.place == Place::SpecialFund(0)).count()
    };
    assert_eq!(notes(&lines), 0);
    let mut changed = lines.clone();
    changed.iter_mut().find(|p| p.name == "科技项目资金").unwrap().executed = Some("180".parse().unwrap());
    assert_eq!(notes(&changed), 1);

    // Exported independently: each its own file name, table and content.
    let names: Vec<String> = [&dept, &one, &two].iter().map(|ev| file_name(ev, Format::Xlsx)).collect();
    assert_eq!(names[1], "衡阳县科技和工业信息化局-科技项目资金-2024年度项目支出绩效自评表.xlsx");
    assert!(names[0] != names[1] && names[1] != names[2]);
    let md = |ev: &Evaluation, lines: &[ProjectLine]| {
        String::from_utf8(export(ev, lines, Format::Markdown).unwrap()).unwrap()
    };
    let one_md = md(&one, &[]);
    assert!(one_md.contains("# 2024年度项目支出绩效自评报告") && one_md.contains("项目支出绩效自评表（2024年度）"));
    assert!(one_md.contains("| 项目名称 |  | 科技项目资金 |"), "{one_md}");
    assert!(!one_md.contains("中小企业发展专项资金") && !one_md.contains("三公"));
    let dept_md = md(&dept, &lines);
    assert!(dept_md.contains("2024年度项目支出绩效自评情况（2个项目）"), "the department's report lists its projects");
    let row = dept_md.lines().find(|l| l.contains("| 科技项目资金 |")).unwrap();
    assert!(row.contains("200.00") && row.contains("100.00%") && row.contains("99.50") && row.contains("优"), "{row}");
    let sum = dept_md.lines().find(|l| l.starts_with("| 合计 |")).unwrap();
    assert!(sum.contains("260.00") && sum.contains("254.00"), "{sum}");
    // The evaluation files round-trip, each of its own kind.
    for ev in [&dept, &one, &two] {
        assert_eq!(&from_toml(&to_toml(ev)).unwrap(), ev, "{}", ev.label());
    }
}

#[test]
fn a_projects_funds_by_source_check_fires_on_a_wrong_sum() {
    let mut ev = keji();
    let clean = check(&ev, &score(&ev));
    assert!(!clean.iter().any(|f| f.place == Place::Field(Field::FundsFullYear)), "{clean:?}");
    money(&mut ev, Field::CarriedFullYear, "30");
    let found = check(&ev, &score(&ev));
    let f = found.iter().find(|f| f.place == Place::Field(Field::FundsFullYear)).expect("the 全年预算数 column");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("合计 230 ≠ 年度资金总额 200（差 30）"), "{}", f.message);
    // The other columns still add up.
    assert!(!found.iter().any(|f| f.place == Place::Field(Field::FundsInitial)));
    // And a source spending more than its budget.
    money(&mut ev, Field::CarriedExecuted, "31");
    let found = check(&ev, &score(&ev));
    assert!(
        found.iter().any(|f| f.place == Place::Field(Field::CarriedExecuted) && f.message.contains("超过全年预算数"))
    );
}

/// The `# 得分 …` comment above each indicator of the example, in order.
fn stated_scores(text: &str) -> Vec<rust_decimal::Decimal> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# 得分 "))
        .map(|rest| {
            d(rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect::<String>().trim_end_matches('.'))
        })
        .collect()
}

#[test]
fn the_project_example_reproduces_its_own_stated_scores() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024-keji.toml")).unwrap();
    let ev = from_toml(&text).unwrap();
    assert_eq!((ev.kind, ev.project.name.as_str(), ev.year), (Kind::Project, "科技项目资金", 2024));
    // The seed's figures: 预算投入 200, 实际投入 200, 实际使用 200.
    let wan = |a: Option<jixiao::domain::money::Amount>| a.map(|a| a.in_wan());
    assert_eq!([wan(ev.funds.initial), wan(ev.funds.full_year), wan(ev.funds.executed)], [Some(d("200")); 3]);
    let sheet = score(&ev);
    let stated = stated_scores(&text);
    assert_eq!(stated.len(), ev.indicators.len(), "every indicator states its score");
    for (i, want) in stated.iter().enumerate() {
        let item = sheet.indicator(i).unwrap();
        assert_eq!(item.score, *want, "{}", item.name);
        assert_eq!(item.rule_score, Some(*want), "{}: by its rule, not typed", item.name);
    }
    assert_eq!(sheet.items[0].score, d("10"), "执行率 100%");
    // The conclusion states the total and grade: the narrative check finds them right.
    assert!(ev.narrative.conclusion.contains(&format!("得分{}分", sheet.show(sheet.total))));
    assert_eq!(sheet.grade.label(), "优");
    let found = check(&ev, &sheet);
    assert!(!found.iter().any(|f| matches!(f.place, Place::Narrative(_))), "{found:?}");
    assert_eq!(sheet.weight_total, d("100"));
    // Where the example says a target is illustrative, the department's seed has no such target.
    assert!(text.matches("Illustrative target").count() >= 5);
    // Its 专项资金 row in the department's report agrees with it.
    assert!(jixiao::domain::check::agreement(&seed(), &[ProjectLine::of(&ev)]).is_empty());
}

#[test]
fn a_project_compares_year_over_year_matched_by_name_with_a_rename_paired_by_hand() {
    let a = keji();
    let mut b = next_year(&a, 2025);
    for (ind, before) in b.indicators.iter_mut().zip(&a.indicators) {
        ind.actual = before.actual.clone();
    }
    b.indicators[5].actual = Typed::new("2.1%").unwrap(); // 研发投入强度 reaches its target
    b.funds = a.funds.clone();
    money(&mut b, Field::FundsExecuted, "190");
    b.project.funds = a.project.funds.clone();
    money(&mut b, Field::CurrentExecuted, "190");

    let c = compare(&[&b, &a], &[]);
    assert_eq!(c.year_numbers(), [2024, 2025]);
    assert_eq!(c.project.as_deref(), Some("科技项目资金"));
    assert_eq!(c.figures.iter().map(|f| f.figure).collect::<Vec<_>>(), Figure::of_kind(Kind::Project));
    let executed = c.figures.iter().find(|f| f.figure == Figure::FundsExecuted).unwrap();
    assert_eq!(executed.series.changes[0].unwrap().delta, d("-10"));
    let row = c.rows.iter().find(|r| r.name() == "研发投入强度").unwrap();
    assert_eq!(row.steps[0].score.unwrap().delta, d("0.50"));
    let rate = c.figures.iter().find(|f| f.figure == Figure::ExecutionRate).unwrap();
    assert_eq!(rate.series.values, [Some(d("100")), Some(d("95"))]);

    // Stored, 2025 renamed: found by name only with the hand pairing.
    let mut store = Store::open_in_memory().unwrap();
    store.create(&a).unwrap();
    let mut renamed = b.clone();
    renamed.project.name = "科技创新专项资金".into();
    store.create(&renamed).unwrap();
    let names = store.project_names(ORG).unwrap();
    assert_eq!(same_project(&names, 2025, "科技创新专项资金", &[]).len(), 1);
    let pair = Pairing { year: 2025, from: "科技项目资金".into(), to: "科技创新专项资金".into() };
    let found = same_project(&names, 2025, "科技创新专项资金", &[pair]);
    assert_eq!(found, [(2024, "科技项目资金".to_string()), (2025, "科技创新专项资金".to_string())]);
}

#[test]
fn a_second_project_of_the_same_name_in_the_same_year_is_refused_with_nothing_written() {
    let mut store = Store::open_in_memory().unwrap();
    store.create(&seed()).unwrap();
    store.create(&keji()).unwrap();
    let before = store.list().unwrap();
    let mut again = second();
    again.project.name = " 科技项目资金".into();
    let err = store.create(&again).unwrap_err();
    assert!(matches!(err, StoreError::ProjectExists { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "衡阳县科技和工业信息化局 2024年已有项目“科技项目资金”的自评：同一单位同一年度的项目名称不能重复"
    );
    assert_eq!(store.list().unwrap(), before, "nothing written");
    // The same name in another year, or under another organisation, is another project.
    store.create(&Evaluation { year: 2025, ..keji() }).unwrap();
    let mut elsewhere = keji();
    elsewhere.organisation.name = "衡阳县教育局".into();
    store.create(&elsewhere).unwrap();
    // Renaming a project onto another's name is refused too, and the store keeps the old name.
    let id = store.create(&second()).unwrap();
    let mut moved = store.load(id).unwrap();
    moved.evaluation.project.name = "科技项目资金".into();
    assert!(matches!(store.save(id, moved.revision, &moved.evaluation), Err(StoreError::ProjectExists { .. })));
    assert_eq!(store.load(id).unwrap().evaluation.project.name, "中小企业发展专项资金");
    // A batch with one refused draft writes none of them.
    let n = store.list().unwrap().len();
    assert!(store.create_all(&[Evaluation { year: 2026, ..keji() }, keji()]).is_err());
    assert_eq!(store.list().unwrap().len(), n);
}

#[test]
fn a_project_imported_into_a_database_without_its_organisation_creates_it() {
    let mut store = Store::open_in_memory().unwrap();
    store.create(&seed()).unwrap();
    let ev = hubei_monitoring();
    assert!(store.organisations().unwrap().iter().all(|(_, n)| n != "十堰市疾病预防控制中心"));
    let id = store.replace(&ev).unwrap();
    assert!(store.organisations().unwrap().iter().any(|(_, n)| n == "十堰市疾病预防控制中心"));
    assert_eq!(store.load(id).unwrap().evaluation, ev);
    assert!(store.find("十堰市疾病预防控制中心", 2024).unwrap().is_none(), "no department made up");
    assert_eq!(score(&ev).items[0].weight, d("20"), "Hubei's template: 20 × 执行率");
}

/// The line of a file's error, or a panic.
fn line_of(err: FileError) -> (usize, String) {
    match err {
        FileError::At { line, message, .. } => (line, message),
        other => panic!("expected a line: {other}"),
    }
}

#[test]
fn a_department_only_field_in_a_project_file_or_the_reverse_is_refused_naming_the_line() {
    let base = common::HUBEI_MONITORING;
    let line = |text: &str, key: &str| text.lines().position(|l| l.starts_with(key)).unwrap() + 1;
    for (extra, key) in [
        ("[assets]\ntotal = \"1\"\n", "[assets]"),
        ("[budget.initial]\nrevenue = \"1\"\n", "[budget.initial]"),
        ("[[special_funds]]\nname = \"x\"\n", "[[special_funds]]"),
    ] {
        let text = format!("{base}{extra}");
        let (at, message) = line_of(from_toml(&text).unwrap_err());
        assert_eq!(at, line(&text, key), "{message}");
        assert!(message.contains("属于部门整体自评") && message.contains("kind = \"project\""), "{message}");
    }
    let text =
        base.replace("name = \"十堰市疾病预防控制中心\"\n", "name = \"十堰市疾病预防控制中心\"\nrank = \"正科级\"\n");
    let (at, message) = line_of(from_toml(&text).unwrap_err());
    assert_eq!((at, message.contains("“rank”属于部门整体自评")), (line(&text, "rank"), true), "{message}");
    let text = base.replace("executed = \"48.6\"", "executed = \"48.6\"\ngeneral = \"52\"");
    assert_eq!(line_of(from_toml(&text).unwrap_err()).0, line(&text, "general"));

    // A department's file with a [project] table.
    let dept = to_toml(&seed());
    let text = format!("{dept}\n[project]\nname = \"科技项目资金\"\n");
    let (at, message) = line_of(from_toml(&text).unwrap_err());
    assert_eq!(at, line(&text, "[project]"));
    assert!(message.contains("[project] 只属于项目自评"), "{message}");
    // A project file without its name, and with an impossible 填报日期.
    assert!(
        from_toml(&base.replace("name = \"重点传染病监测项目\"", "name = \" \""))
            .unwrap_err()
            .to_string()
            .contains("项目名称")
    );
    let bad_date = base.replace("2025-03-10", "2025-02-30");
    assert!(from_toml(&bad_date).unwrap_err().to_string().contains("该月没有第 30 日"));
}

#[test]
fn project_files_are_format_2_and_department_files_stay_format_1() {
    assert!(to_toml(&keji()).contains("\nformat = 2\nkind = \"project\"\n"));
    assert!(to_toml(&seed()).contains("\nformat = 1\n"));
    let dept = to_toml(&seed());
    let head: Vec<&str> = dept.lines().take_while(|l| !l.starts_with('[')).collect();
    assert!(!head.iter().any(|l| l.starts_with("kind")), "an older release reads a department's file: {head:?}");
}
