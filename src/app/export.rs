//! Exporting from the UI (F6): choose a format, the file goes to the directory jixiao
//! was started in, named as the command line names it, never over an existing file
//! without asking.

use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use crate::export::{self, Format, WriteError};
use crate::file::to_toml;
use std::path::{Path, PathBuf};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    File(Format),
    /// The evaluation file, for moving an evaluation to another database.
    Toml,
}

pub const CHOICES: [Choice; 5] = [
    Choice::File(Format::Xlsx),
    Choice::File(Format::Docx),
    Choice::File(Format::Markdown),
    Choice::File(Format::Csv),
    Choice::Toml,
];

impl Choice {
    pub fn label(self) -> &'static str {
        match self {
            Choice::File(f) => f.label(),
            Choice::Toml => "评价文件（TOML，可再导入）",
        }
    }

    pub fn file_name(self, ev: &Evaluation) -> String {
        match self {
            Choice::File(f) => export::file_name(ev, f),
            Choice::Toml if ev.is_project() => {
                format!("{}-{}-{}.toml", ev.organisation.name.trim(), ev.project.name.trim(), ev.year)
            }
            Choice::Toml => format!("{}-{}.toml", ev.organisation.name.trim(), ev.year),
        }
    }

    fn bytes(self, ev: &Evaluation, projects: &[ProjectLine]) -> Result<Vec<u8>, String> {
        match self {
            Choice::File(f) => export::export(ev, projects, f).map_err(|e| e.to_string()),
            Choice::Toml => Ok(to_toml(ev).into_bytes()),
        }
    }
}

/// The open export menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMenu {
    pub selected: usize,
    pub dir: PathBuf,
}

impl ExportMenu {
    pub fn new() -> ExportMenu {
        ExportMenu { selected: 0, dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")) }
    }

    pub fn choice(&self) -> Choice {
        CHOICES[self.selected.min(CHOICES.len() - 1)]
    }

    pub fn step(&mut self, by: isize) {
        self.selected = (self.selected as isize + by).clamp(0, CHOICES.len() as isize - 1) as usize;
    }
}

impl Default for ExportMenu {
    fn default() -> ExportMenu {
        ExportMenu::new()
    }
}

/// What became of an export.
#[derive(Debug)]
pub enum Outcome {
    Written(PathBuf),
    /// The file is there already: ask before overwriting it.
    Exists(PathBuf),
    Failed(String),
}

/// Writes the evaluation in the chosen format into `dir` (`projects`: the year's, for a
/// department's report).
pub fn write(ev: &Evaluation, projects: &[ProjectLine], choice: Choice, dir: &Path, force: bool) -> Outcome {
    let path = dir.join(choice.file_name(ev));
    let bytes = match choice.bytes(ev, projects) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("导出失败：{e}")),
    };
    match export::write_file(&path, &bytes, force) {
        Ok(()) => Outcome::Written(path),
        Err(WriteError::Exists) => Outcome::Exists(path),
        Err(WriteError::Io(e)) => {
            Outcome::Failed(format!("无法写入“{}”：{}", path.display(), crate::domain::text::io_message(&e)))
        }
    }
}
