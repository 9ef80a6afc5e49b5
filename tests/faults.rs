//! The eight faults issue 12 found under attack, each reproduced against the real
//! binary (so that the same file run against the code before the fix fails).

mod binary;

use binary::{ORG, command, fails, jixiao, ok, succeeds};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("j.db");
    ok(&db, &["demo"]);
    db
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const SEED: &str = include_str!("../docs/examples/hengyang-2024.toml");

// 1. Readers blocked by a writer.
#[test]
fn fault_1_a_reader_does_not_wait_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; UPDATE organisation SET name = name;").unwrap();
    let started = Instant::now();
    let out = jixiao(&db, &["list"]);
    assert!(out.status.success(), "list failed while another program writes: {}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(3), "list waited {:?} for the writer", started.elapsed());
    let out = jixiao(&db, &["score", "--org", ORG, "--year", "2024"]);
    assert!(out.status.success(), "{}", stderr(&out));
    writer.execute_batch("ROLLBACK").unwrap();
}

// 2. Terminal escapes through the CLI.
#[test]
fn fault_2_control_characters_are_refused_on_input_and_escaped_on_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let file = dir.path().join("恶意.toml");
    let crafted = SEED.replacen(
        "name = \"衡阳县科技和工业信息化局\"",
        "name = \"恶意局\\u001b]0;被改的标题\\u0007\\u001b[2J\"",
        1,
    );
    std::fs::write(&file, &crafted).unwrap();
    let out = jixiao(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success(), "a name with ESC is imported");
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b), "ESC reached the terminal");
    let err = stderr(&out);
    assert!(err.contains("控制字符") && err.contains("第 "), "{err}");

    // Names an older release stored with control characters are escaped on output.
    ok(&db, &["demo"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE organisation SET name = '恶意局' || char(27) || '[2J' || char(7)", []).unwrap();
    conn.execute("UPDATE indicator SET criterion = '标准' || char(1) WHERE position = 0", []).unwrap();
    let org = "恶意局\u{1b}[2J\u{7}";
    for args in
        [vec!["list"], vec!["score", "--org", org, "--year", "2024"], vec!["check", "--org", org, "--year", "2024"]]
    {
        let out = jixiao(&db, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07), "{args:?} wrote ESC or BEL raw");
        assert!(String::from_utf8_lossy(&out.stdout).contains("恶意局\\x1b[2J\\x07"), "{args:?}: shown escaped");
    }
    let md = jixiao(&db, &["export", "--org", org, "--year", "2024", "--format", "md"]);
    assert!(md.status.success() && !md.stdout.contains(&0x1b), "md keeps raw ESC");
    let csv = dir.path().join("out.csv");
    ok(&db, &["export", "--org", org, "--year", "2024", "-o", csv.to_str().unwrap()]);
    assert!(!std::fs::read(&csv).unwrap().contains(&0x01), "csv keeps raw 0x01");
}

// 3. CSV formula injection.
#[test]
fn fault_3_csv_cells_that_look_like_formulas_are_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let file = dir.path().join("公式.toml");
    let crafted = SEED
        .replacen(
            "name = \"科技型中小企业评价入库\"",
            "name = \"=HYPERLINK(\\\"http://x.example/\\\",\\\"点击\\\")\"",
            1,
        )
        .replacen("name = \"高新技术企业认定净增数\"", "name = \"@SUM(1+1)*cmd|' /C calc'!A0\"", 1);
    assert_ne!(crafted, SEED, "the test's file has its formulas");
    std::fs::write(&file, &crafted).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let csv = dir.path().join("out.csv");
    ok(&db, &["export", "--org", ORG, "--year", "2024", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '@', '+']), "a formula runs: {cell} in {line}");
        }
    }
    assert!(text.contains("'=HYPERLINK") && text.contains("'@SUM"), "{text}");
    assert!(text.contains(",96.63%,") || text.contains("9.66"), "numbers are untouched");
}

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(*name, deflate).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts every .xlsx has, around a sheet of our own.
fn workbook(sheet: &[u8]) -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    zip_with(&[
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", book_rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

// 4. Decompression bomb.
#[test]
fn fault_4_a_workbook_that_inflates_hugely_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    // 100 MB of rows that compress to well under 1 MB.
    let mut sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    let row = b"<row><c t=\"inlineStr\"><is><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></is></c></row>";
    while sheet.len() < 100 << 20 {
        sheet.extend_from_slice(row);
    }
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let bomb = workbook(&sheet);
    assert!(bomb.len() < 2 << 20, "a bomb: {} bytes", bomb.len());
    let file = dir.path().join("炸弹.xlsx");
    std::fs::write(&file, &bomb).unwrap();
    let err = fails(&db, &["import", file.to_str().unwrap()]);
    assert!(err.contains("过大") && err.contains("MB"), "{err}");

    // A small file whose two cells span a million: refused before it is held in memory.
    let wide = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="50000"><c r="Z50000" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>"#;
    std::fs::write(&file, workbook(wide)).unwrap();
    let err = fails(&db, &["import", file.to_str().unwrap()]);
    assert!(err.contains("过大") && err.contains("单元格"), "{err}");
}

// 5. Quiet normalisation on import.
#[test]
fn fault_5_what_is_not_a_number_in_the_documented_forms_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let file = dir.path().join("数.toml");
    for (from, to, line) in [
        ("executed = \"7256.10\"", "executed = \"1,00\"", true),
        ("executed = \"7256.10\"", "executed = \"186.'1\"", true),
        ("format = 1", "format = 0", true),
    ] {
        let text = SEED.replacen(from, to, 1);
        assert_ne!(text, SEED);
        std::fs::write(&file, &text).unwrap();
        let err = fails(&db, &["import", file.to_str().unwrap()]);
        assert!(!line || err.contains("第 ") && err.contains(" 行"), "{to}: {err}");
        assert!(err.contains(to.split('"').nth(1).unwrap_or("format")), "{to}: the value is named: {err}");
    }
    // A workbook cell 186.'1 is refused too, not read as 186.1.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2024年度部门整体支出绩效自评表").unwrap();
    ws.write_string(1, 0, "预算部门：某某局").unwrap();
    for (c, h) in ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"].iter().enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (c, v) in ["产出指标", "数量指标", "走访企业", "10次", "10次", "1,00", "186.'1"].iter().enumerate()
    {
        ws.write_string(4, c as u16, *v).unwrap();
    }
    let xlsx = dir.path().join("数.xlsx");
    std::fs::write(&xlsx, book.save_to_buffer().unwrap()).unwrap();
    let out = succeeds(&mut command(&db, &["import", xlsx.to_str().unwrap()]));
    let report = stderr(&out);
    let score = binary::json(&db, &["score", "--org", "某某局", "--year", "2024", "--json"]);
    let item = &score["items"].as_array().unwrap().iter().find(|i| i["name"] == "走访企业").unwrap().clone();
    assert_ne!(item["weight"], "100", "1,00 read as 100: {report}");
    assert_ne!(item["entered"], "186.1", "186.'1 read as 186.1: {report}");
    assert!(report.contains("1,00") && report.contains("186.'1"), "the report names both: {report}");
}

// 6. --force writes in place.
#[cfg(unix)]
#[test]
fn fault_6_a_failed_overwrite_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    // An evaluation with 400 more rows: its report is over 90 KB.
    let db = dir.path().join("j.db");
    let start = SEED.find("[[indicators]]").unwrap();
    let end = start + SEED[start + 1..].find("[[indicators]]").unwrap() + 1;
    let mut big = SEED.to_string();
    for i in 0..400 {
        big.push_str(&SEED[start..end].replacen("name = \"", &format!("name = \"第{i}项"), 1));
    }
    let file = dir.path().join("big.toml");
    std::fs::write(&file, big).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let out = dir.path().join("自评报告.md");
    std::fs::write(&out, b"the old file").unwrap();
    // A file-size limit of 64 KB makes the write fail halfway (the database's shared
    // memory file, 32 KB, still fits).
    let script = format!(
        "trap '' XFSZ; ulimit -f 128; exec {} --db {} export --org {ORG} --year 2024 -o {} --force",
        env!("CARGO_BIN_EXE_jixiao"),
        db.display(),
        out.display()
    );
    let run = std::process::Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert!(!run.status.success(), "the write should fail: {}", stderr(&run));
    let now = std::fs::read(&out).unwrap();
    assert!(now == b"the old file", "the old file is destroyed: {} bytes of the new one instead", now.len());
    let err = stderr(&run);
    assert!(err.contains("无法写入") && !err.contains("os error"), "{err}");
    let strays: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .collect();
    assert!(strays.is_empty(), "no temporary file left behind");
}

fn english(text: &str) -> Option<&str> {
    [
        "os error",
        "No such",
        "utf-8",
        "Usage:",
        "error:",
        "unexpected argument",
        "missing field",
        "invalid type",
        "database",
        "file is not",
    ]
    .into_iter()
    .find(|w| text.contains(w))
}

// 7. Messages in English inside Chinese ones.
#[test]
fn fault_7_every_message_is_chinese_one_line_and_short() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let chinese = |err: &str, what: &str| {
        assert!(english(err).is_none(), "{what}: English in {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{what}: one line: {err}");
        assert!(err.starts_with("jixiao："), "{what}: {err}");
    };
    // A database with damaged text.
    let damaged = dir.path().join("damaged.db");
    std::fs::copy(&db, &damaged).unwrap();
    rusqlite::Connection::open(&damaged)
        .unwrap()
        .execute("UPDATE organisation SET name = CAST(X'E4BD' AS TEXT)", [])
        .unwrap();
    let err = fails(&damaged, &["list"]);
    chinese(&err, "damaged");
    assert!(err.contains("已损坏"), "{err}");
    // A dangling symlink as the database.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(dir.path().join("gone.db"), &link).unwrap();
        let err = fails(&link, &["demo"]);
        chinese(&err, "dangling symlink");
        assert!(err.contains("符号链接"), "{err}");
    }
    // A file name too long to import.
    let long = dir.path().join(format!("{}.toml", "长".repeat(100)));
    let err = fails(&db, &["import", long.to_str().unwrap()]);
    chinese(&err, "name too long");
    assert!(err.contains("文件名过长"), "{err}");
    // A disk that is full.
    #[cfg(target_os = "linux")]
    {
        let out =
            jixiao(&db, &["export", "--org", ORG, "--year", "2024", "-o", "/dev/full", "--format", "csv", "--force"]);
        assert!(!out.status.success());
        // The first line warns that the name has no extension; the error is the last.
        let err = stderr(&out).lines().last().unwrap_or_default().to_string() + "\n";
        chinese(&err, "disk full");
        assert!(err.contains("磁盘已满"), "{err}");
    }
    // clap's phrases.
    let err = fails(&db, &["--bogus"]);
    chinese(&err, "unknown argument");
    let err = fails(&db, &["score", "--org", ORG, "--year", "二〇二四"]);
    chinese(&err, "bad year");
    let help = ok(&db, &["--help"]);
    assert!(english(&help).is_none() && !help.contains("Print help"), "{help}");
    // The TOML parser's phrases.
    let file = dir.path().join("坏.toml");
    std::fs::write(&file, SEED.replacen("year = 2024", "", 1)).unwrap();
    let err = fails(&db, &["import", file.to_str().unwrap()]);
    chinese(&err, "toml missing field");
    assert!(err.contains("缺少"), "{err}");
    // A refused 300 000-character value is not echoed whole.
    let huge = "1".repeat(300_000) + "x";
    std::fs::write(&file, SEED.replacen("executed = \"7256.10\"", &format!("executed = \"{huge}\""), 1)).unwrap();
    let err = fails(&db, &["import", file.to_str().unwrap()]);
    chinese(&err, "huge value");
    assert!(err.len() < 1000, "{} bytes on stderr", err.len());
    // (An argument may be at most 128 KB long.)
    let err = fails(&db, &["score", "--org", &huge[..100_000], "--year", "2024"]);
    assert!(err.len() < 1000, "{} bytes on stderr", err.len());
}

// 8. An adopted empty 0644 file stays 0644.
#[cfg(unix)]
#[test]
fn fault_8_an_adopted_empty_file_becomes_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(&db, &["demo"]);
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
}
