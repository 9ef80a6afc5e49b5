//! Hand it in from the command line: `export` to every format, `import` of workbooks,
//! through the real binary.

mod binary;

use binary::{ORG, command, fails, json, ok, succeeds};
use std::path::Path;

const XLSX_NAME: &str = "衡阳县科技和工业信息化局-2024年度绩效自评表.xlsx";
const DOCX_NAME: &str = "衡阳县科技和工业信息化局-2024年度绩效自评报告.docx";
const CSV_NAME: &str = "衡阳县科技和工业信息化局-2024年度绩效自评表.csv";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `export --org ORG --year 2024` with more arguments.
fn export_args<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["export", "--org", ORG, "--year", "2024"];
    args.extend_from_slice(more);
    args
}

/// A database holding the demo, in a fresh directory.
fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &["demo"]);
    (dir, db)
}

/// Exports to a file that must not exist yet; checks that stderr names it.
fn export_to(db: &Path, path: &Path, more: &[&str]) -> Vec<u8> {
    let out = succeeds(&mut command(db, &export_args(&[&["-o", path.to_str().unwrap()], more].concat())));
    assert!(out.stdout.is_empty(), "a file export prints nothing on stdout");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("已导出：{}", path.display())), "{stderr}");
    std::fs::read(path).unwrap()
}

#[test]
fn every_format_is_written_to_the_file_named_and_the_format_follows_the_extension() {
    let (dir, db) = demo_db();
    let at = |name: &str| dir.path().join(name);

    let xlsx = export_to(&db, &at("表.xlsx"), &[]);
    assert!(xlsx.starts_with(ZIP_MAGIC), "xlsx is a zip file");
    let docx = export_to(&db, &at("报告.DOCX"), &[]);
    assert!(docx.starts_with(ZIP_MAGIC), "docx is a zip file, extension case-insensitive");
    let csv = export_to(&db, &at("评分.csv"), &[]);
    assert!(csv.starts_with(BOM), "csv starts with the UTF-8 BOM for Excel");
    assert!(csv.len() > 100);
    let md = String::from_utf8(export_to(&db, &at("报告.md"), &[])).unwrap();
    assert!(md.contains("98.76"), "{md}");
    let toml = String::from_utf8(export_to(&db, &at("自评.toml"), &[])).unwrap();
    assert_eq!(toml, ok(&db, &export_args(&[])), "the file holds what stdout shows");

    // --format names the format explicitly, matching the extension: no warning.
    let out = succeeds(&mut command(&db, &export_args(&["--format", "markdown", "-o", at("b.md").to_str().unwrap()])));
    assert_eq!(std::fs::read_to_string(at("b.md")).unwrap(), md);
    assert!(!String::from_utf8(out.stderr).unwrap().contains("注意"));
}

#[test]
fn format_wins_over_a_disagreeing_extension_with_a_warning_and_unknown_ones_are_refused() {
    let (dir, db) = demo_db();
    let wrong = dir.path().join("report.txt");
    let out = succeeds(&mut command(&db, &export_args(&["--format", "md", "-o", wrong.to_str().unwrap()])));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("扩展名与格式 md 不符，仍按 md 导出"), "{stderr}");
    assert!(std::fs::read_to_string(&wrong).unwrap().contains("98.76"));

    let pdf = dir.path().join("x.pdf");
    let err = fails(&db, &export_args(&["-o", pdf.to_str().unwrap()]));
    assert!(err.contains("无法从文件名") && err.contains("--format"), "{err}");
    let bare = dir.path().join("noext");
    assert!(fails(&db, &export_args(&["-o", bare.to_str().unwrap()])).contains("无法从文件名"));
    assert!(!pdf.exists() && !bare.exists());
    let err = fails(&db, &export_args(&["--format", "pdf"]));
    assert!(err.contains("可选格式：toml、xlsx、docx、md、csv"), "{err}");
}

#[test]
fn an_existing_file_is_refused_and_left_alone_unless_forced() {
    let (dir, db) = demo_db();
    for name in ["a.xlsx", "a.docx", "a.csv", "a.md", "a.toml"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "mine").unwrap();
        let err = fails(&db, &export_args(&["-o", path.to_str().unwrap()]));
        assert!(err.contains("已存在：加 --force 覆盖"), "{name}: {err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine", "{name} untouched");
        succeeds(&mut command(&db, &export_args(&["-o", path.to_str().unwrap(), "--force"])));
        assert_ne!(std::fs::read(&path).unwrap(), b"mine", "{name} overwritten with --force");
    }
}

#[test]
fn without_o_binary_formats_get_their_default_names_in_the_current_directory() {
    let (_dir, db) = demo_db();
    let cwd = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds(command(&db, &export_args(args)).current_dir(cwd.path()));
    for (format, name, magic) in
        [("xlsx", XLSX_NAME, ZIP_MAGIC), ("docx", DOCX_NAME, ZIP_MAGIC), ("csv", CSV_NAME, BOM)]
    {
        let out = run(&["--format", format]);
        assert!(out.stdout.is_empty());
        assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("已导出：{name}\n"));
        assert!(std::fs::read(cwd.path().join(name)).unwrap().starts_with(magic), "{name}");
    }
    let again = command(&db, &export_args(&["--format", "xlsx"])).current_dir(cwd.path()).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8(again.stderr).unwrap().contains(&format!("“{XLSX_NAME}”已存在：加 --force 覆盖")));
    run(&["--format", "xlsx", "--force"]);

    // Text formats go to stdout; the directory gains nothing.
    let md = String::from_utf8(run(&["--format", "md"]).stdout).unwrap();
    assert!(md.contains("98.76"));
    let toml = String::from_utf8(run(&["--format", "toml"]).stdout).unwrap();
    assert_eq!(toml, String::from_utf8(run(&[]).stdout).unwrap());
    assert!(toml.starts_with("# jixiao 绩效自评文件"), "{toml}");
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 3);
}

#[test]
fn the_workbook_round_trips_through_the_binary() {
    let (dir, a) = demo_db();
    let file = dir.path().join("自评表.xlsx");
    export_to(&a, &file, &[]);
    let b = dir.path().join("b.db");
    let out = succeeds(&mut command(&b, &["import", file.to_str().unwrap()]));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, format!("已导入：{ORG} 2024年（总分 98.76，优）\n"));
    // Nothing to report but that the database is new.
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("已新建数据库：{}\n", b.display()));
    assert_eq!(json(&b, &["score", "--org", ORG, "--year", "2024", "--json"])["total"], "98.76");
    assert_eq!(ok(&b, &export_args(&[])), ok(&a, &export_args(&[])), "the same evaluation file");

    let err = fails(&b, &["import", file.to_str().unwrap()]);
    assert!(err.contains("已存在：加 --replace 覆盖"), "{err}");
    assert!(ok(&b, &["import", file.to_str().unwrap(), "--replace"]).contains("已覆盖"));
    assert_eq!(json(&b, &["list", "--json"]).as_array().unwrap().len(), 1);
}

/// A small 自评表 typed by hand: no hidden jixiao sheet, so the rules are unknown.
fn hand_made(department: Option<&str>) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2024年度部门整体支出绩效自评表").unwrap();
    if let Some(name) = department {
        ws.write_string(1, 0, format!("预算部门：{name}")).unwrap();
    }
    for (c, h) in ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"].iter().enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (r, (name, score)) in [("走访企业", 30.0), ("培训场次", 28.5)].iter().enumerate() {
        let r = 4 + r as u32;
        ws.write_string(r, 0, "产出指标").unwrap();
        ws.write_string(r, 1, "数量指标").unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, "10次").unwrap();
        ws.write_string(r, 4, "10次").unwrap();
        ws.write_number(r, 5, 30).unwrap();
        ws.write_number(r, 6, *score).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_hand_made_workbook_is_imported_with_its_report_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let file = dir.path().join("手工.XLSX");
    std::fs::write(&file, hand_made(Some("某某局"))).unwrap();
    let out = succeeds(&mut command(&db, &["import", file.to_str().unwrap()]));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("已导入：某某局 2024年"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stderr =
        stderr.strip_prefix(&format!("已新建数据库：{}\n", db.display())).unwrap_or_else(|| panic!("{stderr}"));
    assert!(stderr.starts_with("导入说明（"), "{stderr}");
    assert!(stderr.contains("  - 工作簿中没有 jixiao 的评分规则") && stderr.contains("2 项设为“人工评分”"), "{stderr}");
    assert!(stderr.contains("  - 第5行「走访企业」：没有评分标准，评分规则设为人工评分"), "{stderr}");
    let score = json(&db, &["score", "--org", "某某局", "--year", "2024", "--json"]);
    let names: Vec<&str> = score["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"走访企业") && names.contains(&"培训场次"), "{names:?}");
}

#[test]
fn what_cannot_be_imported_is_refused_cleanly_and_nothing_is_stored() {
    let (dir, source) = demo_db();
    let db = dir.path().join("fresh.db");
    let at = |name: &str| dir.path().join(name);

    // A Word report renamed to .xlsx: a zip file, but not a workbook.
    let docx = export_to(&source, &at("报告.docx"), &[]);
    std::fs::write(at("改名.xlsx"), &docx).unwrap();
    let err = fails(&db, &["import", at("改名.xlsx").to_str().unwrap()]);
    assert!(err.contains("无法导入") && err.contains("不是 Excel 工作簿"), "{err}");
    std::fs::write(at("坏.xlsx"), [0u8, 159, 146, 150, 1, 2, 3]).unwrap();
    assert!(fails(&db, &["import", at("坏.xlsx").to_str().unwrap()]).contains("不是 Excel 工作簿"));
    // A workbook without 预算部门 has no organisation to store it under.
    std::fs::write(at("无单位.xlsx"), hand_made(None)).unwrap();
    assert!(fails(&db, &["import", at("无单位.xlsx").to_str().unwrap()]).contains("没有预算部门"));
    // Older Excel and WPS files: save as .xlsx first.
    for name in ["旧.xls", "旧.ET"] {
        std::fs::write(at(name), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
        let err = fails(&db, &["import", at(name).to_str().unwrap()]);
        assert!(err.contains("另存为 Excel 工作簿（.xlsx）"), "{err}");
    }
    let err = fails(&db, &["import", at("报告.docx").to_str().unwrap()]);
    assert!(err.contains("可导入 .toml 或 .xlsx 文件"), "{err}");
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 0);
}
