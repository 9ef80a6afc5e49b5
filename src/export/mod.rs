//! Hand it in: an evaluation as the files a finance bureau expects — the 自评表
//! workbook (.xlsx), the 自评报告 (.docx and Markdown) and the scored grid as CSV.
//!
//! Every export is a pure function from an [`Evaluation`] to bytes: no terminal, no
//! database, no clock. The 自评表 layout is built once (`self_table`) and rendered by
//! each format; the report's sentences are built once (`report`, `sentences`).

pub mod self_table;
pub mod sheets;
pub mod table;
pub mod xlsx;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("生成 Excel 工作簿失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
