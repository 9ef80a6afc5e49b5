//! The yes/no questions asked in front of everything else, and their words.

use super::export;
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
    /// File (lock) this evaluation?
    Lock {
        id: EvalId,
        label: String,
    },
}

/// A line to type in front of everything else: the reason for unlocking a filed
/// evaluation (required, and kept in its history).
pub struct Prompt {
    pub id: EvalId,
    pub label: String,
    pub input: super::input::LineInput,
}

impl Prompt {
    pub fn title(&self) -> String {
        format!("解锁 {}：请写明原因（记入修改记录），Enter 解锁，Esc 取消", self.label)
    }
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
            Question::Lock { label, .. } => {
                format!("提交 {label}？提交后只读：任何修改都须先解锁并写明原因，解锁也记入修改记录。")
            }
            Question::Overwrite { path, .. } => format!(
                "“{}”已存在，覆盖它？",
                path.file_name().map_or(path.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
        }
    }
}
