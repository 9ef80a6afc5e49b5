//! The start screen: the stored evaluations as a tree (each organisation-year's
//! department, its projects under it), and the form for a new one.

mod new_form;
pub mod tree;
mod years;

pub use new_form::{NewField, NewForm};
pub use tree::{Line, SortOrder};
pub use years::ProjectPick;

use super::input::LineInput;
use super::keys::{Action, Ctx};
use super::{Question, Status, list_move};
use crate::domain::compare::Pairing;
use crate::domain::project::Kind;
use crate::store::{EvalId, Store, StoreError, Summary};
use crossterm::event::KeyEvent;
use std::collections::HashSet;

#[derive(Default)]
pub struct StartState {
    /// Every stored evaluation.
    pub all: Vec<Summary>,
    /// The lines shown: filtered, sorted, grouped, folded.
    pub lines: Vec<Line>,
    pub selected: usize,
    pub new_form: Option<NewForm>,
    /// Select this evaluation after the next reload (coming back from it).
    pub select_after_reload: Option<EvalId>,
    pub sort: SortOrder,
    /// The filter in force (empty: none).
    pub filter: String,
    /// The filter being typed (`/`); it applies as it is typed.
    pub filter_input: Option<LineInput>,
    /// Organisation-years whose many projects are shown one a line.
    pub expanded: HashSet<(String, i32)>,
    /// Choosing last year's project that a renamed project continues, before comparing.
    pub pick: Option<ProjectPick>,
}

pub enum Outcome {
    Stay(bool),
    Open(EvalId),
    /// Open it at its indicator grid rather than where it was left.
    OpenGrid(EvalId),
    /// A new year was drafted from `from` and stored: open it and say so.
    Created {
        id: EvalId,
        from: i32,
    },
    /// A department's next year was drafted; ask whether its `count` projects of `from`
    /// should be drafted too.
    AskProjects {
        id: EvalId,
        organisation: String,
        from: i32,
        count: usize,
    },
    /// Compare the department's years, or a project's (with hand pairings of its renames).
    Compare {
        organisation: String,
        year: i32,
        project: Option<(String, Vec<Pairing>)>,
    },
    Trend {
        organisation: String,
        year: i32,
        project: Option<String>,
    },
    /// The bureau's review of every evaluation of the latest year.
    Review,
    Quit,
}

impl StartState {
    /// Reads the list again, keeping the sort, the filter and the selected evaluation.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let keep = self.select_after_reload.take().or(self.selected().map(|s| s.id));
        self.all = store.list()?;
        self.refresh(keep);
        Ok(())
    }

    /// Rebuilds `lines` from `all`, selecting `keep` if it is still shown (expanding its
    /// group if it was folded away).
    fn refresh(&mut self, keep: Option<EvalId>) {
        let project = keep.and_then(|id| self.all.iter().find(|r| r.id == id)).filter(|r| r.kind == Kind::Project);
        if let Some(key) = project.map(|r| (r.organisation.clone(), r.year))
            && self.projects_in(&key.0, key.1) >= tree::FOLD_FROM
        {
            self.expanded.insert(key);
        }
        self.lines = tree::lines(&self.all, &self.filter, self.sort, &self.expanded);
        let at = keep.and_then(|id| self.lines.iter().position(|l| l.id() == Some(id)));
        self.selected = at.unwrap_or(self.selected.min(self.lines.len().saturating_sub(1)));
    }

    fn set_filter(&mut self, filter: String) {
        if filter != self.filter {
            self.filter = filter;
            self.refresh(self.selected().map(|s| s.id));
        }
    }

    pub fn ctx(&self) -> Ctx {
        match &self.new_form {
            Some(_) => Ctx::NewForm,
            None if self.pick.is_some() => Ctx::Pick,
            None if self.filter_input.is_some() => Ctx::Filter,
            None => Ctx::Start,
        }
    }

    pub fn line(&self) -> Option<&Line> {
        self.lines.get(self.selected)
    }

    /// The selected evaluation (none on a folded line).
    pub fn selected(&self) -> Option<&Summary> {
        self.line().and_then(Line::summary)
    }

    /// How many projects the organisation-year has.
    fn projects_in(&self, organisation: &str, year: i32) -> usize {
        self.all.iter().filter(|r| r.kind == Kind::Project && r.organisation == organisation && r.year == year).count()
    }

    pub fn key(&mut self, key: KeyEvent) -> bool {
        if let Some(input) = &mut self.filter_input {
            let changed = input.key(key);
            let text = input.text();
            self.set_filter(text);
            return changed;
        }
        match self.new_form.as_mut().and_then(NewForm::focused) {
            Some(input) => input.key(key),
            None => false,
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(input) = &mut self.filter_input {
            input.paste(text);
            let text = input.text();
            self.set_filter(text);
            return true;
        }
        match self.new_form.as_mut().and_then(NewForm::focused) {
            Some(input) => {
                input.paste(text);
                true
            }
            None => false,
        }
    }

    pub fn act(
        &mut self,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        question: &mut Option<Question>,
    ) -> Outcome {
        if self.new_form.is_some() {
            return self.act_form(action, store, status);
        }
        if self.pick.is_some() {
            return self.act_pick(action, status);
        }
        if self.filter_input.is_some() {
            return Outcome::Stay(self.act_filter(action, status));
        }
        if let Some(to) = list_move(self.selected, self.lines.len(), action, 10) {
            self.selected = to;
            return Outcome::Stay(true);
        }
        match action {
            Action::Edit => match self.line() {
                Some(Line::Eval { row, .. }) => return Outcome::Open(row.id),
                Some(Line::Folded { .. }) => self.fold(true, status),
                None => return Outcome::Stay(false),
            },
            Action::OpenGrid => match self.line() {
                Some(Line::Eval { row, .. }) => return Outcome::OpenGrid(row.id),
                Some(Line::Folded { .. }) => self.fold(true, status),
                None => return Outcome::Stay(false),
            },
            Action::Expand => self.fold(true, status),
            Action::Fold => self.fold(false, status),
            Action::New => self.new_form(store, status),
            Action::Delete => self.ask_delete(status, question),
            Action::NewYear => return self.new_year(store, status),
            Action::Compare | Action::Trend => return self.compare(action, store, status),
            Action::Sort => {
                self.sort = self.sort.next();
                self.refresh(self.selected().map(|s| s.id));
                *status = Status::info(format!("排序：{}", self.sort.label()));
            }
            Action::Filter => {
                self.filter_input = Some(LineInput::new(&self.filter));
                *status = Status::info("筛选：输入单位、项目名称或年度的一部分，空格分开多个词；Enter 完成，Esc 清除");
            }
            Action::Back if !self.filter.is_empty() => {
                self.set_filter(String::new());
                *status = Status::info("已清除筛选");
            }
            Action::Back => {
                *question = Some(Question::Quit);
                *status = Status::info("y 退出，n 留在开始页");
            }
            Action::Quit => return Outcome::Quit,
            Action::Review => return Outcome::Review,
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }

    /// Expands (`open`) or folds the projects of the selected line's organisation-year.
    fn fold(&mut self, open: bool, status: &mut Status) {
        let Some(line) = self.line() else { return };
        let (organisation, year) = line.group();
        let key = (organisation.to_string(), year);
        let count = self.projects_in(organisation, year);
        if count < tree::FOLD_FROM || !self.filter.is_empty() {
            *status = Status::info("该年度的项目已全部列出");
            return;
        }
        if open {
            self.expanded.insert(key.clone());
            *status = Status::info(format!("已展开 {} {}年的 {count} 个项目（← 折叠）", key.0, key.1));
        } else {
            self.expanded.remove(&key);
            *status = Status::info(format!("已折叠 {} {}年的 {count} 个项目（→ 展开）", key.0, key.1));
        }
        let keep = self.selected().filter(|s| open || s.kind == Kind::Department).map(|s| s.id);
        self.lines = tree::lines(&self.all, &self.filter, self.sort, &self.expanded);
        let in_group = |l: &Line| l.group() == (key.0.as_str(), key.1);
        let folded = self.lines.iter().position(|l| in_group(l) && l.summary().is_none());
        let first = self.lines.iter().position(|l| in_group(l) && l.summary().is_some_and(|s| s.kind == Kind::Project));
        self.selected = keep
            .and_then(|id| self.lines.iter().position(|l| l.id() == Some(id)))
            .or(if open { first } else { folded })
            .unwrap_or(self.selected)
            .min(self.lines.len().saturating_sub(1));
    }

    fn new_form(&mut self, store: &Store, status: &mut Status) {
        let (kind, name, years) = match self.line() {
            Some(Line::Eval { row, .. }) => (row.kind, row.organisation.clone(), (row.year + 1, row.year)),
            Some(Line::Folded { organisation, year, .. }) => (Kind::Project, organisation.clone(), (year + 1, *year)),
            None => (Kind::Department, String::new(), (2025, 2025)),
        };
        let saved = match store.saved_templates() {
            Ok(saved) => saved,
            Err(e) => {
                *status = Status::error(format!("本地模板读取失败（{e}），只列出内置模板"));
                Vec::new()
            }
        };
        let count = saved.len();
        self.new_form = Some(NewForm::new(kind, &name, years, saved));
        if !status.error {
            *status = Status::info(format!(
                "新建自评：类型、评分模板（{} 个内置{}）在该行按 ←→ 选择，Enter 创建，Esc 取消",
                crate::domain::template::PRESETS.len(),
                if count > 0 { format!("、{count} 个本地") } else { String::new() }
            ));
        }
    }

    /// Asks before deleting; a department's question names the projects that go with it.
    fn ask_delete(&self, status: &mut Status, question: &mut Option<Question>) {
        match self.line() {
            Some(Line::Eval { row, .. }) => {
                let projects =
                    if row.kind == Kind::Department { self.projects_in(&row.organisation, row.year) } else { 0 };
                let label = match row.kind {
                    Kind::Department => format!("{} {}年的部门整体自评", row.organisation, row.year),
                    Kind::Project => format!("{} {}年项目“{}”的自评", row.organisation, row.year, row.project),
                };
                *question = Some(Question::DeleteEvaluation { id: row.id, label, projects });
            }
            Some(Line::Folded { .. }) => *status = Status::info("先按 → 展开，再选中要删除的项目"),
            None => {}
        }
    }

    fn act_filter(&mut self, action: Action, status: &mut Status) -> bool {
        let last = self.lines.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Confirm => {
                self.filter_input = None;
                *status = if self.filter.is_empty() {
                    Status::info("未筛选")
                } else {
                    let shown = self
                        .lines
                        .iter()
                        .filter(|l| l.summary().is_some_and(|s| tree::matches(s, &self.filter)))
                        .count();
                    Status::info(format!("筛选“{}”：{shown} 份，共 {} 份；Esc 清除", self.filter, self.all.len()))
                };
            }
            Action::Cancel => {
                self.filter_input = None;
                self.set_filter(String::new());
                *status = Status::info("已清除筛选");
            }
            _ => return false,
        }
        true
    }

    fn act_form(&mut self, action: Action, store: &mut Store, status: &mut Status) -> Outcome {
        let Some(form) = self.new_form.as_mut() else { return Outcome::Stay(false) };
        match action {
            Action::Cancel | Action::Back | Action::Quit => {
                self.new_form = None;
                *status = Status::info("已取消新建");
            }
            // Tab, Shift+Tab (and ↓ ↑) go round the lines shown.
            Action::Down | Action::NextTab => form.step(1),
            Action::Up | Action::PrevTab => form.step(-1),
            // ← → choose on 类型 and 评分模板, and move the caret in a text line.
            Action::Left | Action::Right => match form.focused() {
                Some(input) => input.step(action == Action::Right),
                None => form.choose(if action == Action::Left { -1 } else { 1 }),
            },
            Action::Confirm | Action::Edit => match form.build() {
                Err(msg) => *status = Status::error(msg),
                Ok(ev) => match store.create(&ev) {
                    Ok(id) => {
                        self.new_form = None;
                        return Outcome::Open(id);
                    }
                    Err(e) => *status = Status::error(e.to_string()),
                },
            },
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }
}
