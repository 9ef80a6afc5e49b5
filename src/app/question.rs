//! The questions asked in front of everything else: how each is put, and what its
//! answers do.

use super::{App, Screen, Status, export, paste, years};
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

impl App {
    /// Quits, unless a value is typed but not confirmed: then asks what to do with it.
    /// A second Ctrl+Q on that question saves it and quits, as `y` does.
    pub(super) fn quit_asking(&mut self) -> bool {
        self.help = false;
        if let Some(q) = self.question.take()
            && matches!(q, Question::QuitEditing { .. })
        {
            self.question = Some(q);
            return self.answer(true);
        }
        if let Screen::Eval(e) = &self.screen
            && let Some(what) = e.unsaved_edit()
        {
            self.status = Status::info("有未保存的输入：y 保存并退出，n 不保存退出，Esc 继续编辑");
            self.question = Some(Question::QuitEditing { what });
            return true;
        }
        self.finish();
        self.quit = true;
        true
    }

    /// Answers the question shown: `yes` for y or Enter; `no` for n, or Esc (`cancel`).
    pub(super) fn answer(&mut self, yes: bool) -> bool {
        self.answer_with(yes, false)
    }

    pub(super) fn answer_with(&mut self, yes: bool, cancel: bool) -> bool {
        let Some(question) = self.question.take() else { return false };
        if let Question::QuitEditing { .. } = question {
            return self.answer_quit(yes, cancel);
        }
        // The department's year is drafted already: Esc, like n, opens it without its projects.
        if let Question::NewYearProjects { department, organisation, from, .. } = question {
            return self.new_year_projects(department, &organisation, from, yes);
        }
        if !yes {
            self.status = Status::info("已取消");
            return true;
        }
        match (question, &mut self.screen) {
            (Question::DeleteEvaluation { id, label, projects }, Screen::Start(s)) => {
                let deleted =
                    if projects > 0 { self.store.delete_with_projects(id) } else { self.store.delete(id).map(|()| 1) };
                match deleted {
                    Ok(n) if n > 1 => self.status = Status::info(format!("已删除：{label}，及其下 {} 个项目", n - 1)),
                    Ok(_) => self.status = Status::info(format!("已删除：{label}")),
                    Err(e) => self.status = Status::error(e.to_string()),
                }
                if let Err(e) = s.reload(&self.store) {
                    self.status = Status::error(e.to_string());
                }
            }
            (Question::DeleteRow(i), Screen::Eval(e)) => e.delete_row(i, &mut self.store, &mut self.status),
            (Question::Paste(plan), Screen::Eval(e)) => e.apply_paste(&plan, &mut self.store, &mut self.status),
            (Question::Lock { id, label }, _) => match self.store.lock(id) {
                Ok(filing) => {
                    self.status = Status::info(format!("已提交：{label}（{}，{}），现为只读", filing.by, filing.at));
                    self.refresh_filing(id);
                }
                Err(e) => self.status = Status::error(e.to_string()),
            },
            (Question::Quit, _) => self.quit = true,
            (Question::Overwrite { choice, path }, Screen::Eval(e)) => {
                let dir = path.parent().unwrap_or(std::path::Path::new("."));
                let written = export::write(&e.ev, &e.projects, choice, dir, true);
                self.status = e.export_outcome(written, choice, &mut self.question);
            }
            _ => {}
        }
        true
    }

    /// Drafts the projects of `from` for the next year (those not there yet) when `yes`,
    /// then opens the department's new year either way.
    fn new_year_projects(&mut self, department: EvalId, organisation: &str, from: i32, yes: bool) -> bool {
        let made = if yes { years::draft_projects(&mut self.store, organisation, from) } else { Ok(0) };
        self.open(department);
        self.status = match made {
            Ok(0) if !yes => Status::info(format!(
                "已由 {from}年新建 {}年部门整体自评；项目未新建，可在开始页对各项目按 y",
                from + 1
            )),
            Ok(n) => Status::info(format!(
                "已由 {from}年新建 {}年部门整体自评及 {n} 个项目：指标和目标值已带入，完成值待填写",
                from + 1
            )),
            Err(e) => Status::error(format!("部门整体已新建，项目未能新建：{e}")),
        };
        true
    }

    /// The answer to "save what is being typed before quitting?".
    fn answer_quit(&mut self, save: bool, cancel: bool) -> bool {
        let Screen::Eval(e) = &mut self.screen else {
            self.quit = true;
            return true;
        };
        if cancel {
            self.status = Status::info("继续编辑");
            return true;
        }
        if save && !e.save_before_quit(&mut self.store, &mut self.status) {
            // Refused (the reason is shown where it was typed) or a reason is still asked for.
            return true;
        }
        if !save {
            e.editor = None;
        }
        self.finish();
        self.quit = true;
        true
    }
}
