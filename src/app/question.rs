//! The questions asked in front of everything else, and how each is put.

use super::{export, paste};
use crate::store::EvalId;

/// A yes/no question in front of everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// `projects`: how many projects of a department's year go with it.
    DeleteEvaluation {
        id: EvalId,
        label: String,
        projects: usize,
    },
    /// Next year's department was drafted: draft its `count` projects of `from` too?
    NewYearProjects {
        department: EvalId,
        organisation: String,
        from: i32,
        count: usize,
    },
    DeleteRow(usize),
    /// An exported file of this name exists already.
    Overwrite {
        choice: export::Choice,
        path: std::path::PathBuf,
    },
    /// A block pasted into the grid, shown before it is stored.
    Paste(Box<paste::PastePlan>),
    /// Ctrl+Q while a value is typed but not yet confirmed: save it, drop it, or go on.
    QuitEditing {
        what: String,
    },
    /// Esc on the start screen.
    Quit,
}

impl Question {
    pub fn text(&self) -> String {
        match self {
            Question::DeleteEvaluation { label, projects: 0, .. } => format!("删除 {label}？删除后不能撤销。"),
            Question::DeleteEvaluation { label, projects, .. } => {
                format!("删除 {label}？其下 {projects} 个项目的自评将一并删除，删除后不能撤销。")
            }
            Question::NewYearProjects { from, count, .. } => format!(
                "已新建 {}年部门整体自评。是否同时由 {from}年的 {count} 个项目新建 {}年的项目自评？",
                from + 1,
                from + 1
            ),
            Question::DeleteRow(_) => "删除这一行指标？（可用 Ctrl+Z 撤销）".to_string(),
            Question::Overwrite { path, .. } => format!(
                "“{}”已存在，覆盖它？",
                path.file_name().map_or(path.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
            Question::Paste(plan) => format!("粘贴 {} 行到绩效指标表？", plan.cells.len()),
            Question::QuitEditing { what } => format!("「{what}」正在编辑，改动尚未保存。保存后退出？"),
            Question::Quit => "退出绩效？".to_string(),
        }
    }

    /// The answers, as the question's last line shows them.
    pub fn answers(&self) -> &'static str {
        match self {
            Question::QuitEditing { .. } => "y 保存并退出   n 不保存，退出   Esc 继续编辑",
            // The department is stored already: either answer opens it.
            Question::NewYearProjects { .. } => "y 同时新建项目   n 只要部门整体",
            _ => "y 是    n 否",
        }
    }
}
