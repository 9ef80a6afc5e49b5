//! A project's 项目支出绩效自评表 handed in: the workbook read back with calamine and the
//! Word document parsed as XML, with the header and the funds rows where the national
//! skeleton has them; and the workbook imported again, whole or typed by hand.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{d, hand_made, hubei_monitoring, keji, seed, zip_entry};
use jixiao::domain::model::Evaluation;
use jixiao::domain::project::{Kind, ProjectLine};
use jixiao::domain::score::score;
use jixiao::export::docx::export_docx;
use jixiao::export::xlsx::export_xlsx;
use jixiao::import::import_xlsx;
use quick_xml::Reader as XmlReader;
use quick_xml::events::Event;
use rust_decimal::Decimal;
use std::io::Cursor;

/// The form sheet as rows of cell texts (numbers in their shortest form).
fn form_rows(bytes: Vec<u8>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let range = book.worksheet_range("自评表").unwrap();
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => Decimal::from_str_exact(&format!("{f}")).unwrap().normalize().to_string(),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect();
    (names, rows)
}

/// The first row whose first non-empty cells start with `words`, with its non-empty cells.
fn row<'a>(rows: &'a [Vec<String>], first: &str) -> Vec<&'a str> {
    let r = rows
        .iter()
        .find(|r| r.iter().find(|c| !c.is_empty()).is_some_and(|c| c == first))
        .unwrap_or_else(|| panic!("no row starting with “{first}”"));
    r.iter().map(String::as_str).filter(|c| !c.is_empty()).collect()
}

#[test]
fn the_project_workbook_has_the_header_and_funds_rows_of_the_national_skeleton() {
    let ev = common::with_template(hubei_monitoring(), "national");
    let (sheets, rows) = form_rows(export_xlsx(&ev, &[]).unwrap());
    assert_eq!(sheets, ["自评表", "检查结果", "jixiao"], "no 预算情况 sheet: the table holds a project's figures");
    assert_eq!(rows[0][0], "项目支出绩效自评表（2024年度）");
    assert_eq!(row(&rows, "项目名称"), ["项目名称", "重点传染病监测项目"]);
    assert_eq!(row(&rows, "主管部门"), ["主管部门", "十堰市卫生健康委员会", "实施单位", "十堰市疾病预防控制中心"]);
    assert_eq!(row(&rows, "项目负责人"), ["项目负责人", "张某", "联系电话", "0719-0000000"]);
    assert_eq!(
        row(&rows, "项目资金（万元）"),
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    );
    // 年度资金总额 50 / 52 / 48.6, weight 10 (national), 执行率 93.46 %, 得分 9.35.
    let total = row(&rows, "年度资金总额");
    assert_eq!(total[..5], ["年度资金总额", "50", "52", "48.6", "10"]);
    assert_eq!(d(total[5]).round_dp(4), d("0.9346"));
    assert_eq!(total[6], "9.35");
    assert_eq!(row(&rows, "其中：当年财政拨款")[..4], ["其中：当年财政拨款", "50", "50", "46.6"]);
    assert_eq!(row(&rows, "上年结转资金")[..3], ["上年结转资金", "2", "2"]);
    assert_eq!(row(&rows, "其他资金"), ["其他资金", "—", "—"]);
    assert_eq!(row(&rows, "年度总体目标"), ["年度总体目标", "预期目标", "实际完成情况"]);
    let goal_texts = rows.iter().find(|r| r.iter().any(|c| c.starts_with("完成全市重点传染病"))).unwrap();
    assert!(goal_texts.iter().any(|c| c.starts_with("完成监测样本采集1180份")));
    assert_eq!(
        row(&rows, "绩效指标"),
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施"
        ]
    );
    let sheet = score(&ev);
    assert_eq!(row(&rows, "总分"), ["总分", "90", &sheet.show(sheet.total)]);
    assert_eq!(row(&rows, "评价等级"), ["评价等级", sheet.grade.label()]);
}

#[test]
fn the_same_project_under_hubei_s_template_prints_hubei_s_table() {
    let ev = hubei_monitoring();
    let (_, rows) = form_rows(export_xlsx(&ev, &[]).unwrap());
    // Hubei's funds block: weight 20 in the heading, 预算数（A）/ 执行数（B）, no sources.
    assert_eq!(
        row(&rows, "预算执行情况（万元）（20分）"),
        ["预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分×执行率）"]
    );
    let total = row(&rows, "年度财政资金总额");
    assert_eq!(total[..3], ["年度财政资金总额", "52", "48.6"]);
    assert_eq!(total[4], "18.69", "20 × 93.46 %");
    assert!(!rows.iter().any(|r| r.iter().any(|c| c.contains("当年财政拨款"))), "Hubei's table lists no sources");
    // The grid without a per-row 分值, headed by the goals' points.
    assert_eq!(
        row(&rows, "年度绩效目标（80分）"),
        ["年度绩效目标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"]
    );
    let sheet = score(&ev);
    assert_eq!(row(&rows, "总分"), ["总分", &sheet.show(sheet.total)]);
    // Its 备注, the way the import reads it back.
    let note = rows.iter().flatten().find(|c| c.starts_with("备注：")).unwrap();
    assert!(note.contains("正向指标（目标值为≥X）得分=权重×B/A"), "{note}");
}

/// Every table of document.xml as rows of cell texts, read with an XML parser (which
/// also proves the document well-formed), and whether each sits in a landscape section.
fn docx_tables(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let mut xml = zip_entry(bytes, "word/document.xml");
    // A table cut at its heading row (so that Word repeats it) reads as one table.
    while let Some(cut) = xml.find(r#"</w:tbl><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20""#) {
        let grid_end = xml[cut..].find("</w:tblGrid>").unwrap() + cut + "</w:tblGrid>".len();
        xml.replace_range(cut..grid_end, "");
    }
    let mut reader = XmlReader::from_str(&xml);
    let (mut tables, mut depth): (Vec<Vec<Vec<String>>>, usize) = (Vec::new(), 0);
    let mut in_text = false;
    loop {
        match reader.read_event().expect("document.xml is well-formed XML") {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => {
                    depth += 1;
                    tables.push(Vec::new());
                }
                b"w:tr" => tables.last_mut().unwrap().push(Vec::new()),
                b"w:tc" => tables.last_mut().unwrap().last_mut().unwrap().push(String::new()),
                b"w:t" => in_text = depth > 0,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:tbl" => depth -= 1,
                b"w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let cell = tables.last_mut().unwrap().last_mut().unwrap().last_mut().unwrap();
                cell.push_str(&t.xml_content().unwrap());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    tables
}

fn cells(row: &[String]) -> Vec<&str> {
    row.iter().map(String::as_str).filter(|c| !c.is_empty()).collect()
}

#[test]
fn the_project_report_carries_the_table_with_its_header_and_funds_rows() {
    let ev = keji();
    let bytes = export_docx(&ev, &[]).unwrap();
    let doc = zip_entry(&bytes, "word/document.xml");
    assert!(doc.contains("2024年度项目支出绩效自评报告") && doc.contains("一、项目基本情况"));
    assert!(doc.contains(r#"w:orient="landscape""#), "the table on a landscape page");
    let tables = docx_tables(&bytes);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(cells(&t[0]), ["项目名称", "科技项目资金"]);
    assert_eq!(cells(&t[1]), ["主管部门", "衡阳县科技和工业信息化局", "实施单位", "衡阳县科技和工业信息化局"]);
    let at = t.iter().position(|r| cells(r).first() == Some(&"项目资金（万元）")).unwrap();
    assert_eq!(cells(&t[at])[1..4], ["年初预算数", "全年预算数", "全年执行数"]);
    assert_eq!(cells(&t[at + 1]), ["年度资金总额", "200.00", "200.00", "200.00", "10.00", "100.00%", "10.00"]);
    assert_eq!(cells(&t[at + 2]), ["其中：当年财政拨款", "200.00", "200.00", "200.00", "—", "100.00%", "—"]);
    assert_eq!(cells(&t[at + 3]), ["上年结转资金", "—", "—"]);
    let last = t.iter().rev().find(|r| cells(r).first() == Some(&"总分")).unwrap();
    assert_eq!(cells(last), ["总分", "100.00", "99.50"]);
}

#[test]
fn the_department_report_lists_its_projects_in_a_table() {
    let lines = [ProjectLine::of(&keji()), ProjectLine::of(&hubei_monitoring())];
    let bytes = export_docx(&seed(), &lines).unwrap();
    let tables = docx_tables(&bytes);
    assert_eq!(tables.len(), 2, "the projects, then the 自评表");
    let t = &tables[0];
    assert_eq!(
        cells(&t[0]),
        ["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率", "总分", "等级"]
    );
    assert_eq!(cells(&t[1]), ["1", "科技项目资金", "200.00", "200.00", "100.00%", "99.50", "优"]);
    assert_eq!(cells(&t[2])[..4], ["2", "重点传染病监测项目", "52.00", "48.60"]);
    assert_eq!(cells(&t[3])[..3], ["合计", "252.00", "248.60"]);
    // With the section's text left empty, the table stands in for it: no （未填写） above it.
    let mut dept = seed();
    dept.narrative.project_performance.clear();
    let md = jixiao::export::markdown::export_markdown(&dept, &lines);
    let after = md.split("## 四、项目绩效目标完成情况").nth(1).unwrap().trim_start();
    assert!(after.starts_with("**2024年度项目支出绩效自评情况（2个项目）**"), "{after}");
    let alone = jixiao::export::markdown::export_markdown(&dept, &[]);
    assert!(alone.split("## 四、项目绩效目标完成情况").nth(1).unwrap().trim_start().starts_with("（未填写）"));
}

#[test]
fn a_project_workbook_round_trips_through_import() {
    for ev in [keji(), hubei_monitoring()] {
        let (back, notes) = import_xlsx(&export_xlsx(&ev, &[]).unwrap()).unwrap();
        assert_eq!(back, ev, "{}", ev.label());
        assert!(notes.is_empty(), "{notes:?}");
    }
}

#[test]
fn a_project_table_typed_by_hand_is_recognised_and_stored_as_a_project() {
    let ev = hubei_monitoring();
    let (got, notes) = import_xlsx(&hand_made(&ev)).unwrap();
    assert_eq!(got.kind, Kind::Project);
    assert_eq!(got.year, 2024);
    assert_eq!(got.project.name, "重点传染病监测项目");
    assert_eq!(
        (got.project.supervisor.as_str(), got.project.implementer.as_str()),
        ("十堰市卫生健康委员会", "十堰市疾病预防控制中心")
    );
    assert_eq!(got.organisation.name, "十堰市疾病预防控制中心", "filed under its 实施单位");
    assert!(notes.iter().any(|n| n.contains("已按实施单位“十堰市疾病预防控制中心”作为所属单位")), "{notes:?}");
    assert_eq!(got.funds, Evaluation { funds: ev.funds.clone(), ..Evaluation::default() }.funds);
    assert_eq!(got.project.funds, ev.project.funds);
    assert_eq!(got.project.goal, ev.project.goal);
    assert_eq!(got.template.funds_weight, d("20"), "the 分值 of the funds row");
    assert_eq!(got.indicators.len(), ev.indicators.len());
    assert_eq!(score(&got).total, score(&ev).total, "each score taken as typed");
    assert!(notes[0].contains("报告正文不在自评表中"), "{notes:?}");
    // Stored: a project, in a database that did not know its organisation.
    let mut store = jixiao::store::Store::open_in_memory().unwrap();
    let id = store.create(&got).unwrap();
    assert_eq!(store.list().unwrap()[0].kind, Kind::Project);
    assert_eq!(store.load(id).unwrap().evaluation, got);
}
