//! Shared by the export tests: the seed evaluation and ways to look inside the files.

#![allow(dead_code)] // each test crate uses its own part of this module

use jixiao::domain::model::Evaluation;
use rust_decimal::Decimal;
use std::io::Read;
use std::str::FromStr;

/// The report's six sections, in the seed's order.
pub const SECTIONS: [&str; 6] = [
    "一、单位基本情况",
    "二、预算支出情况",
    "三、单位整体支出绩效情况",
    "四、项目绩效目标完成情况",
    "五、存在问题原因分析及改进措施",
    "六、其它需要说明的情况",
];

/// The indicator grid's headings as the seed's 自评表 has them.
pub const GRID: [&str; 9] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "评（扣）分标准",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

pub fn seed() -> Evaluation {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024.toml")).unwrap();
    jixiao::file::from_toml(&text).unwrap()
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// One file of a zip package as text.
pub fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
    text
}

pub fn zip_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(str::to_string).collect()
}

/// The seed's 科技项目资金 as a project table (docs/examples/hengyang-2024-keji.toml).
pub fn keji() -> Evaluation {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024-keji.toml")).unwrap();
    jixiao::file::from_toml(&text).unwrap()
}

/// A monitoring project of a Hubei city's disease-control centre, as its 项目支出绩效自评表
/// is filed (湖北: 得分 = 20 × 执行率, qualitative bands 100–80–50–0 %). Figures made up
/// for the tests, in the shape of published tables.
pub const HUBEI_MONITORING: &str = r#"
format = 2
kind = "project"
year = 2024

[organisation]
name = "十堰市疾病预防控制中心"

[project]
name = "重点传染病监测项目"
supervisor = "十堰市卫生健康委员会"
implementer = "十堰市疾病预防控制中心"
manager = "张某"
phone = "0719-0000000"
category = "上级专项"
attribute = "持续性"
type = "常年性"
filed_on = "2025-03-10"

[project.funds.current]
initial = "50"
full_year = "50"
executed = "46.6"

[project.funds.carried]
full_year = "2"
executed = "2"

[project.goal]
expected = "完成全市重点传染病监测样本采集和检测，及时报告疫情。"
achieved = "完成监测样本采集1180份，检测报告及时率100%。"

[template]
preset = "hubei"

[funds]
initial = "50"
full_year = "52"
executed = "48.6"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "监测样本采集完成数"
target = "1200份"
actual = "1180份"
weight = "40"
rule = { kind = "proportional" }
deviation_reason = "部分哨点医院送样延迟；已建立月度督办。"

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "疫情报告及时率"
target = "95%"
actual = "100%"
weight = "30"
rule = { kind = "proportional" }

[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
target = "良好"
actual = "良好"
weight = "10"
rule = { kind = "grade" }
"#;

pub fn hubei_monitoring() -> Evaluation {
    jixiao::file::from_toml(HUBEI_MONITORING).unwrap()
}

/// A project table typed by hand in Excel (no hidden sheet): the national skeleton as
/// people lay it out, labels with colons, the 实施单位 the only hint of who files it.
pub fn hand_made(ev: &Evaluation) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "项目支出绩效自评表（2024年度）").unwrap();
    ws.write_string(1, 0, "项目名称").unwrap();
    ws.write_string(1, 2, &ev.project.name).unwrap();
    ws.write_string(2, 0, "主管部门：").unwrap();
    ws.write_string(2, 2, &ev.project.supervisor).unwrap();
    ws.write_string(2, 5, "实施单位").unwrap();
    ws.write_string(2, 7, &ev.project.implementer).unwrap();
    for (c, h) in ["项目资金\n（万元）", "", "", "年初预算数", "全年 预算数", "全年执行数", "分值", "执行率", "得分"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    ws.write_string(4, 1, "年度资金总额").unwrap();
    for (c, v) in [(3, 50.0), (4, 52.0), (5, 48.6), (6, 20.0)] {
        ws.write_number(4, c, v).unwrap();
    }
    ws.write_string(4, 8, "18.69").unwrap();
    ws.write_string(5, 1, "其中：当年财政拨款").unwrap();
    for (c, v) in [(3, 50.0), (4, 50.0), (5, 46.6)] {
        ws.write_number(5, c, v).unwrap();
    }
    ws.write_string(6, 1, "上年结转资金").unwrap();
    ws.write_string(6, 4, "2").unwrap();
    ws.write_string(6, 5, "2").unwrap();
    ws.write_string(7, 1, "其他资金").unwrap();
    ws.write_string(8, 0, "年度总体目标").unwrap();
    ws.write_string(8, 1, "预期目标").unwrap();
    ws.write_string(8, 5, "实际完成情况").unwrap();
    ws.write_string(9, 1, &ev.project.goal.expected).unwrap();
    ws.write_string(9, 5, &ev.project.goal.achieved).unwrap();
    let headings = [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(10, c as u16, *h).unwrap();
    }
    let sheet = jixiao::domain::score::score(ev);
    for (i, ind) in ev.indicators.iter().enumerate() {
        let r = 11 + i as u32;
        for (c, t) in [(1, &ind.level1), (2, &ind.level2), (3, &ind.name)] {
            ws.write_string(r, c, t).unwrap();
        }
        ws.write_string(r, 4, ind.target.text()).unwrap();
        ws.write_string(r, 5, ind.actual.text()).unwrap();
        ws.write_string(r, 6, ind.weight.to_string()).unwrap();
        ws.write_string(r, 7, sheet.show(sheet.indicator(i).unwrap().score)).unwrap();
    }
    let r = 11 + ev.indicators.len() as u32;
    ws.write_string(r, 0, "总分").unwrap();
    ws.write_string(r, 7, sheet.show(sheet.total)).unwrap();
    book.save_to_buffer().unwrap()
}

/// The evaluation under another preset (the same figures and rows).
pub fn with_template(mut ev: Evaluation, preset: &str) -> Evaluation {
    ev.template = jixiao::domain::template::Template::preset(preset).unwrap_or_else(|| panic!("no preset {preset}"));
    ev
}
