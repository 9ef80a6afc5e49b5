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
