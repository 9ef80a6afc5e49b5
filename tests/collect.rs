//! `jixiao collect`: a folder mixing every kind of hand-in, and what each became.

mod common;

use common::{hand_made, hubei_monitoring, keji, seed};
use jixiao::collect::read::Source;
use jixiao::collect::{Outcome, Report, collect};
use jixiao::domain::model::Evaluation;
use jixiao::export::xlsx::export_xlsx;
use jixiao::file::to_toml;
use jixiao::store::{ChangeKind, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn write(path: &Path, bytes: &[u8], age_minutes: u64) {
    std::fs::write(path, bytes).unwrap();
    let when = SystemTime::now() - Duration::from_secs(age_minutes * 60);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
}

fn renamed(mut ev: Evaluation, org: &str) -> Evaluation {
    ev.organisation.name = org.into();
    ev
}

/// The outcome of each evaluation, by file name.
fn outcomes(report: &Report) -> Vec<(String, Outcome)> {
    report
        .files
        .iter()
        .flat_map(|f| {
            let name = f.path.file_name().unwrap().to_string_lossy().to_string();
            f.items.iter().map(move |i| (name.clone(), i.outcome.clone()))
        })
        .collect()
}

fn file<'a>(report: &'a Report, name: &str) -> &'a jixiao::collect::FileReport {
    report.files.iter().find(|f| f.path.file_name().unwrap() == name).unwrap_or_else(|| panic!("{name} not reported"))
}

/// A folder with a jixiao workbook, a hand-made 自评表, an evaluation file, another
/// jixiao database, a corrupt workbook, a foreign workbook, a duplicate, two versions of
/// one department, a Word report and an old .xls.
fn county_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("报送");
    std::fs::create_dir_all(folder.join("农业局")).unwrap();
    write(&folder.join("科技局.xlsx"), &export_xlsx(&seed(), &[]).unwrap(), 30);
    write(&folder.join("卫健委监测项目.xlsx"), &hand_made(&hubei_monitoring()), 30);
    write(&folder.join("科技项目资金.toml"), to_toml(&keji()).as_bytes(), 30);
    write(&folder.join("科技项目资金（重复）.toml"), to_toml(&keji()).as_bytes(), 20);
    let other = dir.join("水利局.db");
    Store::open(&other).unwrap().create(&renamed(seed(), "衡阳县水利局")).unwrap();
    write(&folder.join("水利局.db"), &std::fs::read(&other).unwrap(), 30);
    write(&folder.join("损坏.xlsx"), b"PK\x03\x04 not really a zip", 30);
    let mut foreign = rust_xlsxwriter::Workbook::new();
    foreign.add_worksheet().write_string(0, 0, "员工通讯录").unwrap();
    write(&folder.join("通讯录.xlsx"), &foreign.save_to_buffer().unwrap(), 30);
    let old = renamed(seed(), "衡阳县农业农村局");
    let mut new = old.clone();
    new.indicators[0].actual = jixiao::domain::model::Typed::new("1").unwrap();
    write(&folder.join("农业局").join("农业局-初稿.xlsx"), &export_xlsx(&old, &[]).unwrap(), 60);
    write(&folder.join("农业局").join("农业局-修改稿.xlsx"), &export_xlsx(&new, &[]).unwrap(), 10);
    write(&folder.join("自评报告.docx"), b"PK", 30);
    write(&folder.join("旧表.xls"), b"\xd0\xcf\x11\xe0", 30);
    folder
}

#[test]
fn a_mixed_folder_collects_with_each_outcome_reported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = county_folder(dir.path());
    let mut store = Store::open(&dir.path().join("财政局.db")).unwrap();
    let report = collect(&mut store, std::slice::from_ref(&folder), false).unwrap();

    assert_eq!(file(&report, "科技局.xlsx").source, Some(Source::JixiaoWorkbook));
    assert_eq!(file(&report, "卫健委监测项目.xlsx").source, Some(Source::HandMade));
    assert!(!file(&report, "卫健委监测项目.xlsx").items[0].notes.is_empty(), "a hand-made table says what it assumed");
    assert_eq!(file(&report, "科技项目资金.toml").source, Some(Source::Toml));
    assert_eq!(file(&report, "水利局.db").source, Some(Source::Database));
    let corrupt = file(&report, "损坏.xlsx");
    assert!(corrupt.refused.as_deref().unwrap().contains("不是 Excel 工作簿"), "{:?}", corrupt.refused);
    assert!(file(&report, "通讯录.xlsx").refused.as_deref().unwrap().contains("未找到自评表"));
    assert!(file(&report, "旧表.xls").refused.as_deref().unwrap().contains("另存为"));
    assert!(file(&report, "自评报告.docx").skipped);

    let got = outcomes(&report);
    let of = |name: &str| got.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap();
    for name in ["科技局.xlsx", "卫健委监测项目.xlsx", "科技项目资金.toml", "水利局.db", "农业局-修改稿.xlsx"]
    {
        assert_eq!(of(name), Outcome::Created, "{name}");
    }
    assert!(matches!(of("科技项目资金（重复）.toml"), Outcome::Duplicate(p) if p.ends_with("科技项目资金.toml")));
    assert!(matches!(of("农业局-初稿.xlsx"), Outcome::Superseded(p) if p.ends_with("农业局-修改稿.xlsx")));

    let stored = store.list().unwrap();
    let names: Vec<String> = stored.iter().map(|s| format!("{} {} {}", s.organisation, s.year, s.project)).collect();
    assert_eq!(stored.len(), 5, "one evaluation per department or project per year: {names:?}");
    let agri = store.find("衡阳县农业农村局", 2024).unwrap().unwrap();
    assert_eq!(store.load(agri).unwrap().evaluation.indicators[0].actual.text(), "1", "the newer version is kept");
    let text = jixiao::cli::collect_text(&report);
    assert!(text.contains("拒收") && text.contains("新增 5") && text.contains("重复 1"), "{text}");

    // Collecting the same folder again changes nothing, and says so.
    let again = collect(&mut store, &[folder], false).unwrap();
    assert_eq!(again.count(|o| *o == Outcome::Unchanged), 5);
    assert_eq!(again.count(|o| matches!(o, Outcome::Duplicate(_))), 1);
    assert_eq!(again.count(|o| matches!(o, Outcome::Created | Outcome::Updated(_))), 0);
    assert_eq!(store.list().unwrap().len(), 5);
}

/// Two departments' workbooks (甲局, 乙局) in a folder, collected once into a new
/// database: the folder, the store and the two evaluations.
fn two_collected(dir: &Path) -> (PathBuf, Store, Evaluation, Evaluation) {
    let folder = dir.join("in");
    std::fs::create_dir(&folder).unwrap();
    let mut store = Store::open(&dir.join("j.db")).unwrap();
    let a = renamed(seed(), "甲局");
    let b = renamed(seed(), "乙局");
    write(&folder.join("甲.xlsx"), &export_xlsx(&a, &[]).unwrap(), 30);
    write(&folder.join("乙.xlsx"), &export_xlsx(&b, &[]).unwrap(), 30);
    collect(&mut store, std::slice::from_ref(&folder), false).unwrap();
    (folder, store, a, b)
}

#[test]
fn a_newer_file_updates_but_never_overwrites_a_local_edit_without_replace() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store, a, b) = two_collected(dir.path());
    // The stated total of a collected workbook is kept for the review.
    let id = store.find("甲局", 2024).unwrap().unwrap();
    assert!(store.collected(id).unwrap().unwrap().stated_total.is_some());

    // 甲 hands in a new version; 乙 is edited here and hands in one too.
    let mut a2 = a.clone();
    a2.indicators[1].actual = jixiao::domain::model::Typed::new("0").unwrap();
    write(&folder.join("甲.xlsx"), &export_xlsx(&a2, &[]).unwrap(), 5);
    let b_id = store.find("乙局", 2024).unwrap().unwrap();
    let mut local = store.load(b_id).unwrap();
    local.evaluation.narrative.conclusion = "本地修改".into();
    store.save(b_id, local.revision, &local.evaluation).unwrap();
    let mut b2 = b.clone();
    b2.indicators[1].actual = jixiao::domain::model::Typed::new("0").unwrap();
    write(&folder.join("乙.xlsx"), &export_xlsx(&b2, &[]).unwrap(), 5);

    let report = collect(&mut store, std::slice::from_ref(&folder), false).unwrap();
    let got = outcomes(&report);
    let of = |name: &str| got.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap();
    assert!(matches!(of("甲.xlsx"), Outcome::Updated(what) if what.contains("指标 1 行有改动")), "{got:?}");
    assert_eq!(of("乙.xlsx"), Outcome::EditedLocally);
    assert_eq!(store.load(b_id).unwrap().evaluation.narrative.conclusion, "本地修改", "the local edit is kept");
    assert!(jixiao::cli::collect_text(&report).contains("--replace"));

    let forced = collect(&mut store, &[folder], true).unwrap();
    let forced = outcomes(&forced);
    assert!(forced.iter().any(|(n, o)| n == "乙.xlsx" && matches!(o, Outcome::Updated(_))), "{forced:?}");
    assert_eq!(store.load(b_id).unwrap().evaluation.indicators[1].actual.text(), "0");
}

#[test]
fn the_command_reports_per_file_and_never_stops_at_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = county_folder(dir.path());
    let db = dir.path().join("cli.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--db", db.to_str().unwrap(), "collect", folder.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("拒收") && text.contains("损坏.xlsx"), "{text}");
    assert!(text.contains("推定或未能读取"), "{text}");
    assert_eq!(Store::open(&db).unwrap().list().unwrap().len(), 5);
}

#[test]
fn collecting_writes_the_history_and_refuses_a_filed_evaluation_even_with_replace() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store, a, b) = two_collected(dir.path());
    let a_id = store.find("甲局", 2024).unwrap().unwrap();
    let b_id = store.find("乙局", 2024).unwrap().unwrap();
    let history = store.changes(a_id).unwrap();
    assert!(
        history.iter().any(|c| c.kind == ChangeKind::Import && c.note == "甲.xlsx"),
        "a collected evaluation's history says it was imported, and from which file: {history:?}"
    );

    // 甲 is filed (已提交) here; both hand in a new version.
    store.lock(a_id).unwrap();
    for (name, ev) in [("甲.xlsx", &a), ("乙.xlsx", &b)] {
        let mut newer = ev.clone();
        newer.indicators[1].actual = jixiao::domain::model::Typed::new("0").unwrap();
        write(&folder.join(name), &export_xlsx(&newer, &[]).unwrap(), 5);
    }
    let before = to_toml(&store.load(a_id).unwrap().evaluation);
    for replace in [false, true] {
        let report = collect(&mut store, std::slice::from_ref(&folder), replace).unwrap();
        let got = outcomes(&report);
        let of = |name: &str| got.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap();
        assert_eq!(of("甲.xlsx"), Outcome::Filed, "replace {replace}: {got:?}");
        assert_eq!(to_toml(&store.load(a_id).unwrap().evaluation), before, "the filed evaluation is as filed");
        assert!(jixiao::cli::collect_text(&report).contains("拒收：已提交"));
        if !replace {
            // The other file of the same collect still goes in.
            assert!(matches!(of("乙.xlsx"), Outcome::Updated(_)), "{got:?}");
        }
    }
    assert_eq!(store.load(b_id).unwrap().evaluation.indicators[1].actual.text(), "0");
    let b_history = store.changes(b_id).unwrap();
    assert!(
        b_history.iter().filter(|c| c.kind == ChangeKind::Import && c.note == "乙.xlsx").count() >= 2,
        "{b_history:?}"
    );
    assert!(store.filing(a_id).unwrap().is_some(), "still filed");
}

#[test]
fn a_file_unchanged_since_the_last_collect_says_so_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store, _, _) = two_collected(dir.path());
    let report = collect(&mut store, std::slice::from_ref(&folder), false).unwrap();
    let text = jixiao::cli::collect_text(&report);
    assert!(text.contains("已读 ") && text.contains("未变"), "{text}");
    assert!(!text.contains("（）"), "a file's kind is never printed empty: {text}");
    assert!(text.contains("与上次收集时相同"), "{text}");
}
