//! jixiao (绩效): enter, score, check and compare a department's annual
//! spending-performance self-evaluation (部门整体支出绩效自评).

pub mod app;
pub mod cli;
pub mod collect;
pub mod domain;
pub mod export;
pub mod file;
mod file_check;
pub mod import;
pub mod store;
pub mod tui;
pub mod ui;
