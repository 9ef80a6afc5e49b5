//! Reading evaluations back from the files people hand in.

mod assemble;
mod form;
mod funds;
mod grid;
mod rules;
mod template;
pub mod xlsx;

pub use assemble::IMPORT_REASON;
pub use grid::normalise;
pub use xlsx::{Workbook, import_xlsx, import_xlsx_with, read_workbook};

/// Why a workbook could not be imported at all. Cells that cannot be read do not stop
/// an import: they are listed in its report instead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("无法打开该文件：它不是 Excel 工作簿（.xlsx）。{0}")]
    NotWorkbook(String),
    #[error("工作簿中没有工作表")]
    NoSheets,
    #[error("未找到自评表：没有一张工作表含有“三级指标”和“分值”这两列的表头")]
    NoHeader,
    #[error("未找到年度：自评表的标题中应写明年度，例如“2024年度部门整体支出绩效自评表”")]
    NoYear,
    #[error("工作簿过大：{0}（一份自评表通常不到 1 MB、几千个单元格），未导入")]
    TooBig(String),
    #[error("{0}")]
    Control(String),
}
