//! The 自评表 workbook: what a reader sees in each cell, the merged groups, and the
//! round trip export → import.

mod common;

use calamine::{Data, Dimensions, Reader, SheetVisible, Xlsx};
use common::{d, seed};
use jixiao::domain::check::check;
use jixiao::domain::model::Evaluation;
use jixiao::domain::score::score;
use jixiao::export::xlsx::export_xlsx;
use jixiao::import::{ImportError, import_xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

struct Sheet(calamine::Range<Data>);

impl Sheet {
    fn cell(&self, r: u32, c: u32) -> &Data {
        self.0.get_value((r, c)).unwrap_or(&Data::Empty)
    }

    fn text(&self, r: u32, c: u32) -> String {
        match self.cell(r, c) {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("({r}, {c}) holds {other:?}, not text"),
        }
    }

    /// A numeric cell as a decimal rounded to `places`; fails on text.
    fn number(&self, r: u32, c: u32, places: u32) -> Decimal {
        match self.cell(r, c) {
            Data::Float(f) => Decimal::from_str_exact(&format!("{f}")).unwrap().round_dp(places),
            other => panic!("({r}, {c}) holds {other:?}, not a number"),
        }
    }

    /// The first row with this text in column `c`.
    fn row_of(&self, c: u32, text: &str) -> u32 {
        let height = self.0.end().unwrap().0;
        (0..=height).find(|r| matches!(self.cell(*r, c), Data::String(s) if s == text)).unwrap_or_else(|| {
            panic!("no “{text}” in column {c}");
        })
    }

    fn contains(&self, text: &str) -> bool {
        self.0.used_cells().any(|(_, _, v)| matches!(v, Data::String(s) if s.contains(text)))
    }
}

fn sheet(book: &mut Book, name: &str) -> Sheet {
    Sheet(book.worksheet_range(name).unwrap())
}

#[test]
fn the_form_shows_the_evaluation_with_numbers_as_numbers() {
    let ev = seed();
    let scores = score(&ev);
    let mut book = open(export_xlsx(&ev, &[]).unwrap());
    assert_eq!(book.sheet_names(), ["自评表", "预算情况", "检查结果", "jixiao"]);
    let form = sheet(&mut book, "自评表");

    assert_eq!(form.text(0, 0), "2024年度部门整体支出绩效自评表");
    let r = form.row_of(0, "预算部门");
    assert_eq!(form.text(r, 2), "衡阳县科技和工业信息化局");

    let r = form.row_of(1, "年度资金总额");
    assert_eq!(form.number(r, 4, 2), d("308.65"));
    assert_eq!(form.number(r, 5, 2), d("7509.24"));
    assert_eq!(form.number(r, 6, 2), d("7256.10"));
    assert_eq!(form.number(r, 7, 2), d("10"));
    assert_eq!(form.number(r, 8, 4), d("0.9663"));
    assert_eq!(form.number(r, 9, 2), d("9.66"));
    assert_eq!(form.number(form.row_of(1, "一般公共预算："), 4, 2), d("7509.24"));
    assert_eq!(form.number(form.row_of(1, "其他资金："), 4, 2), d("199.48"));
    assert_eq!(form.number(form.row_of(6, "基本支出："), 8, 2), d("415.04"));
    assert_eq!(form.number(form.row_of(6, "项目支出："), 8, 2), d("7094.20"));

    let header = form.row_of(3, "三级指标");
    let headings: Vec<String> = (1..10).map(|c| form.text(header, c)).collect();
    assert_eq!(headings, common::GRID);
    for (i, ind) in ev.indicators.iter().enumerate() {
        let r = header + 1 + i as u32;
        assert_eq!(form.text(r, 3), ind.name);
        assert_eq!(form.text(r, 4), ind.target.text(), "{}", ind.name);
        assert_eq!(form.text(r, 5), ind.actual.text(), "{}", ind.name);
        assert_eq!(form.text(r, 6), ind.criterion, "{}", ind.name);
        assert_eq!(form.number(r, 7, 2), ind.weight, "{}", ind.name);
        assert_eq!(form.number(r, 8, 2), scores.indicator(i).unwrap().score, "{}", ind.name);
        assert_eq!(form.text(r, 9), ind.deviation_reason, "{}", ind.name);
    }
    assert_eq!(form.number(form.row_of(3, "总成本"), 8, 2), d("19.66"));
    let total = header + 1 + ev.indicators.len() as u32;
    assert_eq!(form.text(total, 0), "总分");
    assert_eq!(form.number(total, 7, 2), d("100"));
    assert_eq!(form.number(total, 8, 2), d("98.76"));
    assert_eq!(form.text(total + 1, 0), "评价等级");
    assert_eq!(form.text(total + 1, 7), "优");
}

#[test]
fn level_1_and_level_2_groups_are_merged_cells() {
    let ev = seed();
    let mut book = open(export_xlsx(&ev, &[]).unwrap());
    let form = sheet(&mut book, "自评表");
    let merges = book.worksheet_merge_cells("自评表").unwrap().unwrap();
    let header = form.row_of(3, "三级指标");
    let first = header + 1;
    let output_rows = ev.indicators.iter().filter(|i| i.level1 == "产出指标").count() as u32;
    assert_eq!(output_rows, 11);
    let spans = |start: (u32, u32), rows: u32| Dimensions::new(start, (start.0 + rows - 1, start.1));
    // 产出指标 over its 11 rows; within it 数量指标 (8 rows) and 时效指标 (2 rows).
    assert!(merges.contains(&spans((first, 1), 11)), "{merges:?}");
    assert!(merges.contains(&spans((first, 2), 8)), "{merges:?}");
    assert!(merges.contains(&spans((first + 9, 2), 2)), "{merges:?}");
    assert_eq!(form.text(first, 1), "产出指标");
    assert_eq!(form.text(first + 1, 1), "", "a merged cell's value sits in its first row only");
    // 质量指标 is a single row: not merged.
    assert!(!merges.iter().any(|m| m.start == (first + 8, 2)));
    // 效益指标 spans its two rows; 绩效指标 runs down the side of the whole grid.
    assert!(merges.contains(&spans((first + 11, 1), 2)), "{merges:?}");
    assert!(merges.contains(&spans((header, 0), ev.indicators.len() as u32 + 1)), "{merges:?}");
}

#[test]
fn the_other_sheets_hold_the_budget_and_the_findings() {
    let ev = seed();
    let mut book = open(export_xlsx(&ev, &[]).unwrap());
    let visible: Vec<_> = book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible)).collect();
    assert_eq!(visible[3], ("jixiao".to_string(), SheetVisible::Hidden));
    // The hand-in is the form: the budget figures and the checks are there, but hidden,
    // so that printing the workbook prints the form only (and 共 N 页 counts it alone).
    assert_eq!(visible[0], ("自评表".to_string(), SheetVisible::Visible));
    assert!(visible[1..3].iter().all(|(_, v)| *v == SheetVisible::Hidden), "{visible:?}");

    let budget = sheet(&mut book, "预算情况");
    let r = budget.row_of(1, "资产使用率");
    assert_eq!(budget.number(r, 2, 4), d("1"));
    // 三公经费决算 was typed as 5.59 元: shown as typed, with its unit beside it.
    let r = budget.row_of(0, "三公经费决算");
    assert_eq!(budget.number(r, 2, 2), d("5.59"));
    assert_eq!(budget.text(r, 3), "元");
    assert!(budget.contains("专项资金：科技项目资金"));

    let findings = check(&ev, &score(&ev));
    assert!(!findings.is_empty());
    let sheet3 = sheet(&mut book, "检查结果");
    for (i, f) in findings.iter().enumerate() {
        let r = 2 + i as u32;
        assert_eq!(sheet3.text(r, 1), f.severity.label());
        assert_eq!(sheet3.text(r, 3), f.message);
    }
    assert!(sheet3.contains("第15项指标「总成本」：得分"));
}

#[test]
fn export_then_import_gives_the_same_evaluation_and_nothing_to_report() {
    let ev = seed();
    let (back, notes) = import_xlsx(&export_xlsx(&ev, &[]).unwrap()).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(back, ev);
}

#[test]
fn the_round_trip_keeps_awkward_text_and_long_narratives() {
    let mut ev = seed();
    ev.indicators[0].criterion = "第一行，“引号”\"双引号\"\n第二行 <r>&amp;\t制表".into();
    ev.indicators[1].deviation_reason = "  前后有空格  ".into();
    ev.narrative.analysis = ev.narrative.analysis.repeat(4); // well past one cell of the hidden sheet
    ev.organisation.staff_count = None;
    let (back, notes) = import_xlsx(&export_xlsx(&ev, &[]).unwrap()).unwrap();
    assert_eq!(back, ev, "{notes:?}");
}

#[test]
fn an_empty_evaluation_exports_and_comes_back() {
    let mut ev = Evaluation { year: 2025, ..Evaluation::default() };
    ev.organisation.name = "某单位".into();
    for format in jixiao::export::Format::ALL {
        assert!(!jixiao::export::export(&ev, &[], format).unwrap().is_empty(), "{format:?}");
    }
    let (back, _) = import_xlsx(&export_xlsx(&ev, &[]).unwrap()).unwrap();
    assert_eq!(back, ev);
}

#[test]
fn bad_files_are_refused_with_chinese_messages_not_panics() {
    let not_zip = import_xlsx(b"this is not a workbook").unwrap_err();
    assert!(matches!(not_zip, ImportError::NotWorkbook(_)));
    assert!(not_zip.to_string().starts_with("无法打开该文件"), "{not_zip}");
    assert!(matches!(import_xlsx(&[]), Err(ImportError::NotWorkbook(_))));
    let docx = jixiao::export::docx::export_docx(&seed(), &[]).unwrap();
    assert!(matches!(import_xlsx(&docx), Err(ImportError::NotWorkbook(_))));

    let mut empty = rust_xlsxwriter::Workbook::new();
    empty.add_worksheet();
    let e = import_xlsx(&empty.save_to_buffer().unwrap()).unwrap_err();
    assert!(matches!(e, ImportError::NoHeader), "{e}");
    assert!(e.to_string().contains("三级指标"));

    let mut no_year = rust_xlsxwriter::Workbook::new();
    let ws = no_year.add_worksheet();
    for (c, h) in ["三级指标", "分值", "得分"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "某指标").unwrap();
    ws.write_number(1, 1, 5).unwrap();
    let e = import_xlsx(&no_year.save_to_buffer().unwrap()).unwrap_err();
    assert!(matches!(e, ImportError::NoYear), "{e}");
}

/// A 自评表 as people type it in Excel: another sheet name, the title and 预算部门 in
/// single cells, headings with spaces, line breaks and full-width brackets in another
/// column order, blank rows, numbers stored as text, a date cell, 一级指标 merged and
/// 二级指标 written only on the first row of each group — and no hidden sheet.
fn hand_made(ev: &Evaluation) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let scores = score(ev);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    ws.write_string(0, 0, "2024年度 部门整体支出绩效自评表").unwrap();
    ws.write_string(2, 0, "预算部门：衡阳县科技和工业信息化局").unwrap();
    let funds_heading =
        ["", "年初预算数\n（万元）", "全年 预算数(万元)", "全年执行数（万元）", "分 值", "执行率", "得分"];
    for (c, h) in funds_heading.iter().enumerate() {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    ws.write_string(5, 0, "年度资金总额").unwrap();
    ws.write_number(5, 1, 308.65).unwrap();
    ws.write_string(5, 2, "7509.24").unwrap();
    ws.write_string(5, 3, "7,256.10").unwrap();
    ws.write_number(5, 4, 10).unwrap();
    ws.write_string(5, 5, "96.63%").unwrap();
    ws.write_string(5, 6, "9.66").unwrap();
    ws.write_string(6, 0, "其中：一般公共预算").unwrap();
    ws.write_number(6, 2, 7509.24).unwrap();
    ws.write_string(6, 3, "其中：基本支出").unwrap();
    ws.write_string(6, 4, "４１５.０４").unwrap();
    ws.write_string(7, 0, "其他资金").unwrap();
    ws.write_number(7, 2, 199.48).unwrap();
    ws.write_string(7, 3, "项目支出").unwrap();
    ws.write_number(7, 4, 7094.2).unwrap();

    let header = 9;
    let headings = [
        "序号",
        "一级 指标",
        "二级\n指标",
        "三级指标",
        "年度\n指标值",
        "实际完成值",
        "分 值",
        "得 分",
        "评（扣）分标准",
        "偏差原因分析及改进措施",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(header, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut r = header + 1;
    let mut level1_start = (r, String::new());
    for (i, ind) in ev.indicators.iter().enumerate() {
        if i == 3 {
            r += 1; // a blank row in the middle of a group
        }
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        let first_of_level2 = i == 0 || ev.indicators[i - 1].level2 != ind.level2;
        if first_of_level2 {
            ws.write_string(r, 2, &ind.level2).unwrap();
        }
        ws.write_string(r, 3, &ind.name).unwrap();
        if ind.target.text() == "2024-12-31" {
            ws.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(2024, 12, 31).unwrap(), &date).unwrap();
        } else if ind.target.text() == "1" {
            ws.write_number(r, 4, 1).unwrap();
        } else {
            ws.write_string(r, 4, ind.target.text()).unwrap();
        }
        ws.write_string(r, 5, ind.actual.text()).unwrap();
        let score = scores.indicator(i).unwrap().score;
        if i % 2 == 0 {
            ws.write_string(r, 6, format!(" {} ", ind.weight)).unwrap();
            ws.write_string(r, 7, format!("{score}分")).unwrap();
        } else {
            ws.write_number(r, 6, ind.weight.to_string().parse::<f64>().unwrap()).unwrap();
            ws.write_number(r, 7, score.to_string().parse::<f64>().unwrap()).unwrap();
        }
        ws.write_string(r, 8, &ind.criterion).unwrap();
        ws.write_string(r, 9, &ind.deviation_reason).unwrap();
        let last_of_level1 = ev.indicators.get(i + 1).is_none_or(|next| next.level1 != ind.level1);
        if level1_start.1.is_empty() {
            level1_start = (r, ind.level1.clone());
        }
        if last_of_level1 {
            let (start, text) = std::mem::take(&mut level1_start);
            if start == r {
                ws.write_string(r, 1, &text).unwrap();
            } else {
                ws.merge_range(start, 1, r, 1, &text, &Format::new()).unwrap();
            }
        }
        r += 1;
    }
    r += 1; // a blank row before the total
    ws.write_string(r, 0, "总  分").unwrap();
    ws.write_number(r, 7, 98.76).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_hand_made_workbook_gives_the_figures_and_each_rule_read_from_its_text() {
    let seed = seed();
    let (ev, notes) = import_xlsx(&hand_made(&seed)).unwrap();
    assert_eq!(ev.year, 2024);
    assert_eq!(ev.organisation.name, "衡阳县科技和工业信息化局");
    assert_eq!(ev.funds.initial, seed.funds.initial);
    assert_eq!(ev.funds.full_year, seed.funds.full_year);
    assert_eq!(ev.funds.executed, seed.funds.executed);
    assert_eq!(ev.funds.general, seed.funds.general);
    assert_eq!(ev.funds.other, seed.funds.other);
    assert_eq!(ev.funds.basic, seed.funds.basic);
    assert_eq!(ev.funds.project, seed.funds.project);
    assert_eq!(ev.template.funds_weight, d("10"));

    assert_eq!(ev.indicators.len(), seed.indicators.len());
    for (got, want) in ev.indicators.iter().zip(&seed.indicators) {
        assert_eq!(got.name, want.name);
        assert_eq!((&got.level1, &got.level2), (&want.level1, &want.level2), "{}", want.name);
        assert_eq!(got.target.text(), want.target.text(), "{}", want.name);
        assert_eq!(got.actual.text(), want.actual.text(), "{}", want.name);
        assert_eq!(got.criterion, want.criterion, "{}", want.name);
        assert_eq!(got.weight, want.weight, "{}", want.name);
        // Every row's rule is read from its 评分标准, as the seed stores it.
        assert_eq!(got.rule, want.rule, "{}", want.name);
        let line = notes.iter().find(|n| n.contains(&format!("「{}」", want.name))).unwrap();
        assert!(line.contains("评分规则由评分标准读出："), "{line}");
        // The filed score is kept only where it differs from the rule's.
        if want.name == "总成本" {
            let entered = got.entered.as_ref().unwrap();
            assert_eq!((entered.score, entered.reason.as_str()), (d("19.66"), "从Excel导入，请核对评分规则"));
        } else {
            assert_eq!(got.entered, None, "{}", want.name);
        }
    }
    let scores = score(&ev);
    assert_eq!(scores.total, d("98.76"));
    assert_eq!(scores.rule_total, d("99.10"));
    assert_eq!(scores.grade.label(), "优");
    let findings = jixiao::domain::check::check(&ev, &scores);
    let cost = ev.indicators.iter().position(|i| i.name == "总成本").unwrap();
    assert!(
        findings.iter().any(|f| matches!(f.place, jixiao::domain::check::Place::Indicator(r, _) if r == cost)
            && f.message.contains("得分与评分标准不符：填报 19.66，按规则 20.00")),
        "总成本 is flagged: {findings:?}"
    );
    assert!(notes[0].contains("15 项指标的评分规则由评分标准读出，0 项设为“人工评分”"), "{notes:?}");
    assert!(notes.iter().all(|n| !n.contains("总分")), "the total agrees: {notes:?}");
}

#[test]
fn a_hand_made_row_whose_text_gives_no_rule_stays_manual_and_says_why() {
    let mut source = seed();
    source.indicators.truncate(2);
    source.indicators[1].criterion = "视完成情况酌情扣分".into();
    source.indicators[1].rule = jixiao::domain::rule::Rule::Manual;
    source.indicators[1].entered = Some(jixiao::domain::model::EnteredScore { score: d("2.5"), reason: "x".into() });
    let (ev, notes) = import_xlsx(&hand_made(&source)).unwrap();
    assert_eq!(ev.indicators[1].rule, jixiao::domain::rule::Rule::Manual);
    assert_eq!(ev.indicators[1].entered.as_ref().map(|e| e.score), Some(d("2.5")));
    let line = notes.iter().find(|n| n.contains("「高新技术企业认定净增数」")).unwrap();
    assert!(line.contains("评分规则设为人工评分：评分标准含“酌情”"), "{line}");
    assert!(notes[0].contains("1 项指标的评分规则由评分标准读出，1 项设为“人工评分”"), "{notes:?}");
}

#[test]
fn a_hand_made_total_that_does_not_add_up_is_reported() {
    let mut bytes_source = seed();
    bytes_source.indicators.truncate(3);
    let (_, notes) = import_xlsx(&hand_made(&bytes_source)).unwrap();
    assert!(notes.iter().any(|n| n.contains("表格中的总分为98.76，按导入的数据计算为18.50")), "{notes:?}");
}

/// A project table as Hubei prints it: no 评分标准 column, one 备注 for every row.
#[test]
fn a_table_note_gives_the_rows_their_rules() {
    use jixiao::domain::rule::Rule;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2024年度项目支出绩效自评表").unwrap();
    ws.write_string(1, 0, "预算部门：某县农业农村局").unwrap();
    for (c, h) in ["三级指标", "年度指标值", "实际完成值", "分值", "得分"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let rows = [
        ("培训覆盖率", "≥95%", "90%", 10.0, 9.47),
        ("项目成本", "≤90万元", "100万元", 8.0, 7.2),
        ("新增家庭农场", "120家", "100家", 5.0, 4.0),
    ];
    for (r, (name, target, actual, weight, score)) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *target).unwrap();
        ws.write_string(r, 2, *actual).unwrap();
        ws.write_number(r, 3, *weight).unwrap();
        ws.write_number(r, 4, *score).unwrap();
    }
    ws.write_string(7, 0, "合计").unwrap();
    ws.write_string(8, 0, "备注：正向指标（目标值为≥X）得分=权重×B/A，反向指标（目标值为≤X）得分=权重×A/B，得分不超过权重。完成值超过指标值30%及以上的，减2分。").unwrap();
    let (ev, notes) = import_xlsx(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(ev.indicators[0].rule, Rule::Proportional);
    assert_eq!(ev.indicators[1].rule, Rule::Reverse);
    assert_eq!(ev.indicators[2].rule, Rule::Manual, "120家 is neither ≥ nor ≤");
    assert!(notes.iter().any(|n| n.contains("「培训覆盖率」：评分规则由表格备注读出：按比例")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.contains("「新增家庭农场」：评分规则设为人工评分") && n.contains("未写明 ≥ 或 ≤")),
        "{notes:?}"
    );
    let penalty = ev.template.overachievement_penalty.as_ref().expect("the 备注's penalty is in the template");
    assert_eq!((penalty.over_percent, penalty.deduct), (d("30"), d("2")));
    let scores = score(&ev);
    assert_eq!(scores.indicator(0).unwrap().rule_score, Some(d("9.47")));
    assert_eq!(scores.indicator(1).unwrap().rule_score, Some(d("7.2")));
    assert_eq!(ev.indicators[0].entered, None, "the filed 9.47 is the rule's");
}

/// The form sheet's part of workbook.xml's defined names: (name, sheet id, range).
fn defined_names(bytes: &[u8]) -> Vec<(String, Option<String>, String)> {
    let xml = common::zip_entry(bytes, "xl/workbook.xml");
    xml.split("<definedName ")
        .skip(1)
        .map(|d| {
            let attr = |a: &str| d.split(&format!("{a}=\"")).nth(1).map(|v| v.split('"').next().unwrap().to_string());
            let value = d.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            (attr("name").unwrap(), attr("localSheetId"), value)
        })
        .collect()
}

#[test]
fn the_print_area_is_the_form_and_nothing_else() {
    for ev in [seed(), common::keji(), common::with_template(seed(), "sichuan")] {
        let bytes = export_xlsx(&ev, &[]).unwrap();
        let areas: Vec<_> = defined_names(&bytes).into_iter().filter(|(n, _, _)| n == "_xlnm.Print_Area").collect();
        assert_eq!(areas.len(), 1, "{areas:?}");
        let (_, sheet_id, range) = &areas[0];
        assert_eq!(sheet_id.as_deref(), Some("0"), "on the first sheet, 自评表");
        let mut book = open(bytes.clone());
        let form = sheet(&mut book, "自评表");
        let (last_row, last_col) = form.0.end().unwrap();
        let col = (b'A' + last_col as u8) as char;
        assert_eq!(range, &format!("自评表!$A$1:${col}${}", last_row + 1), "{}", ev.label());
        assert!(!range.contains("检查结果"));
    }
}

/// A tiny evaluator of the formulas jixiao writes (numbers, A1 references and ranges,
/// the four operations and `<`, SUM, ROUND, MIN, IF), over the cells' cached values:
/// what Excel or WPS computes once someone edits a cell.
struct Calc<'a> {
    values: &'a calamine::Range<Data>,
    text: Vec<char>,
    at: usize,
}

impl Calc<'_> {
    fn cell(&self, name: &str) -> f64 {
        let col =
            name.bytes().take_while(u8::is_ascii_alphabetic).fold(0u32, |c, b| c * 26 + u32::from(b - b'A' + 1)) - 1;
        let row: u32 = name.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>().unwrap() - 1;
        match self.values.get_value((row, col)) {
            Some(Data::Float(f)) => *f,
            Some(Data::Int(i)) => *i as f64,
            other => panic!("{name} holds {other:?}"),
        }
    }
    fn peek(&self) -> Option<char> {
        self.text.get(self.at).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        (self.peek() == Some(c)).then(|| self.at += 1).is_some()
    }
    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '$') {
            self.at += 1;
        }
        self.text[start..self.at].iter().filter(|c| **c != '$').collect()
    }
    fn args(&mut self) -> Vec<Vec<f64>> {
        let mut out = Vec::new();
        loop {
            out.push(self.list());
            if !self.eat(',') {
                assert!(self.eat(')'));
                return out;
            }
        }
    }
    /// An expression or, for SUM, a range: its values.
    fn list(&mut self) -> Vec<f64> {
        let save = self.at;
        let w = self.word();
        if self.eat(':') {
            let to = self.word();
            let col = |n: &str| n.chars().filter(char::is_ascii_alphabetic).collect::<String>();
            let row = |n: &str| n.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>().unwrap();
            assert_eq!(col(&w), col(&to), "a range down one column");
            return (row(&w)..=row(&to)).map(|r| self.cell(&format!("{}{r}", col(&w)))).collect();
        }
        self.at = save;
        vec![self.compare()]
    }
    fn compare(&mut self) -> f64 {
        let a = self.sum();
        if self.eat('<') {
            let b = self.sum();
            return f64::from(u8::from(a < b));
        }
        a
    }
    fn sum(&mut self) -> f64 {
        let mut v = self.product();
        loop {
            if self.eat('+') {
                v += self.product();
            } else if self.eat('-') {
                v -= self.product();
            } else {
                return v;
            }
        }
    }
    fn product(&mut self) -> f64 {
        let mut v = self.atom();
        loop {
            if self.eat('*') {
                v *= self.atom();
            } else if self.eat('/') {
                v /= self.atom();
            } else {
                return v;
            }
        }
    }
    fn atom(&mut self) -> f64 {
        if self.eat('(') {
            let v = self.compare();
            assert!(self.eat(')'));
            return v;
        }
        let w = self.word();
        if self.eat('(') {
            let args = self.args();
            return match w.as_str() {
                "SUM" => args.iter().flatten().sum(),
                "MIN" => args.iter().flatten().copied().fold(f64::INFINITY, f64::min),
                "ROUND" => {
                    let p = 10f64.powi(args[1][0] as i32);
                    (args[0][0] * p).round() / p
                }
                "IF" => {
                    if args[0][0] != 0.0 {
                        args[1][0]
                    } else {
                        args[2][0]
                    }
                }
                f => panic!("unexpected function {f}"),
            };
        }
        if w.starts_with(|c: char| c.is_ascii_digit()) { w.parse().unwrap() } else { self.cell(&w) }
    }
}

fn evaluate(values: &calamine::Range<Data>, formula: &str) -> f64 {
    let mut calc = Calc { values, text: formula.trim_start_matches('=').chars().collect(), at: 0 };
    let v = calc.compare();
    assert_eq!(calc.at, calc.text.len(), "all of {formula} read");
    v
}

#[test]
fn scores_and_totals_are_formulas_whose_cached_values_are_jixiao_s() {
    let mut capped = seed();
    capped.template.execution_cap = jixiao::domain::template::Template::usual_execution_cap();
    capped.funds.executed = Some("5600".parse().unwrap());
    let mut coefficients = common::with_template(seed(), "chongqing");
    coefficients.indicators[2].coefficient = Some(d("80"));
    let cases = [seed(), capped, common::keji(), coefficients, common::with_template(seed(), "hebei")];
    for ev in cases {
        let sheet_scores = score(&ev);
        let mut book = open(export_xlsx(&ev, &[]).unwrap());
        let values = book.worksheet_range("自评表").unwrap();
        let formulas = book.worksheet_formula("自评表").unwrap();
        let cells: Vec<(u32, u32, String)> = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(r, c, f)| {
                (r as u32 + formulas.start().unwrap().0, c as u32 + formulas.start().unwrap().1, f.clone())
            })
            .collect();
        let cached = |r: u32, c: u32| match values.get_value((r, c)) {
            Some(Data::Float(f)) => Decimal::from_str_exact(&format!("{f}")).unwrap(),
            other => panic!("({r},{c}) {other:?}"),
        };
        let places = sheet_scores.places;
        let total = cells
            .iter()
            .find(|(_, _, f)| f.contains("SUM("))
            .unwrap_or_else(|| panic!("{}: no 总分 formula", ev.template.preset));
        assert_eq!(cached(total.0, total.1), sheet_scores.total, "{}: 总分's cached value", ev.template.preset);
        let funds = cells.iter().find(|(_, _, f)| f.starts_with("ROUND(MIN(1,")).expect("the funds row's 得分");
        assert_eq!(cached(funds.0, funds.1), sheet_scores.items[0].score);
        for (r, c, f) in &cells {
            // Every formula, recomputed from the cells it reads, gives its cached value.
            let v = Decimal::from_str_exact(&format!("{}", evaluate(&values, f))).unwrap();
            assert_eq!(
                v.round_dp(places.max(4)),
                cached(*r, *c).round_dp(places.max(4)),
                "{}: {f}",
                ev.template.preset
            );
        }
        if ev.template.preset == "chongqing" {
            assert!(cells.iter().any(|(_, _, f)| f.starts_with("ROUND(") && !f.contains("MIN")), "系数 × 权重");
        }
        if !ev.template.execution_cap.is_empty() {
            assert!(total.2.starts_with("MIN(SUM("), "{}", total.2);
            assert!(sheet_scores.cap.is_some(), "the cap bites at {:?}", sheet_scores.execution_rate);
        }
    }
}
