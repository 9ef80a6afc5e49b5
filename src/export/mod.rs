//! Hand it in: an evaluation as the files a finance bureau expects — the 自评表
//! workbook (.xlsx), the 自评报告 (.docx and Markdown) and the scored grid as CSV.
//!
//! Every export is a pure function from an [`Evaluation`] to bytes: no terminal, no
//! database, no clock. The 自评表 layout is built once (`self_table`) and rendered by
//! each format; the report's sentences are built once (`report`, `sentences`).

pub mod csv;
pub mod docx;
mod docx_parts;
mod form;
pub mod markdown;
mod project_report;
pub mod project_table;
pub mod report;
pub mod review;
pub mod review_files;
pub mod self_table;
mod sentences;
pub mod sheets;
pub mod table;
mod write;
pub mod xlsx;

pub use write::{WriteError, write_file};

use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("生成 Excel 工作簿失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("生成 Word 文档失败：{0}")]
    Docx(String),
}

/// The formats an evaluation can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Xlsx,
    Docx,
    Markdown,
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Xlsx, Format::Docx, Format::Markdown, Format::Csv];

    /// `xlsx`, `docx`, `md` (or `markdown`), `csv`, as typed on a command line.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }

    /// What the file is, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "自评表（Excel）",
            Format::Docx => "自评报告（Word）",
            Format::Markdown => "自评报告（Markdown）",
            Format::Csv => "指标评分（CSV）",
        }
    }
}

/// The evaluation in a format, as the bytes of the file. `projects` are the year's
/// project evaluations, for a department's report (its table under 四、项目绩效目标完成
/// 情况) and checks (专项资金 against them); a project's export ignores them.
pub fn export(ev: &Evaluation, projects: &[ProjectLine], format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Xlsx => xlsx::export_xlsx(ev, projects),
        Format::Docx => docx::export_docx(ev, projects),
        Format::Markdown => Ok(markdown::export_markdown(ev, projects).into_bytes()),
        Format::Csv => Ok(csv::export_csv(ev)),
    }
}

/// A name safe in file systems: the characters they refuse replaced.
fn safe(name: &str, empty: &str) -> String {
    let s: String =
        name.trim()
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    if s.is_empty() { empty.to_string() } else { s }
}

/// A file name for the export: `衡阳县科技和工业信息化局-2024年度绩效自评表.xlsx`, or for a
/// project `衡阳县科技和工业信息化局-科技项目资金-2024年度项目支出绩效自评表.xlsx`.
pub fn file_name(ev: &Evaluation, format: Format) -> String {
    let what = match format {
        Format::Xlsx | Format::Csv => "绩效自评表",
        Format::Docx | Format::Markdown => "绩效自评报告",
    };
    let org = safe(&ev.organisation.name, "未命名单位");
    if ev.is_project() {
        let project = safe(&ev.project.name, "未命名项目");
        return format!("{org}-{project}-{}年度项目支出{what}.{}", ev.year, format.extension());
    }
    format!("{org}-{}年度{what}.{}", ev.year, format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_and_file_names() {
        assert_eq!(Format::from_name(" MD "), Some(Format::Markdown));
        assert_eq!(Format::from_name("pdf"), None);
        let mut ev = Evaluation { year: 2024, ..Evaluation::default() };
        ev.organisation.name = "某局/办公室".into();
        assert_eq!(file_name(&ev, Format::Xlsx), "某局_办公室-2024年度绩效自评表.xlsx");
        assert!(Format::ALL.iter().all(|f| Format::from_name(f.extension()) == Some(*f)));
        ev.kind = crate::domain::project::Kind::Project;
        ev.project.name = "监测<项目>".into();
        assert_eq!(file_name(&ev, Format::Docx), "某局_办公室-监测_项目_-2024年度项目支出绩效自评报告.docx");
    }
}
