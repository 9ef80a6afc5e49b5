//! The start screen: the stored evaluations, and the form for a new one.

use super::input::LineInput;
use super::keys::{Action, Ctx};
use super::{Question, Status};
use crate::domain::compare::next_year;
use crate::domain::model::Evaluation;
use crate::domain::template::Template;
use crate::file::YEARS;
use crate::store::{EvalId, Store, StoreError, Summary};
use crossterm::event::KeyEvent;

/// The new-evaluation form: organisation, year and template.
pub struct NewForm {
    pub name: LineInput,
    pub year: LineInput,
    pub preset: usize,
    /// 0 = name, 1 = year, 2 = template.
    pub focus: usize,
}

impl NewForm {
    fn new(name: &str, year: i32) -> NewForm {
        NewForm { name: LineInput::selecting(name), year: LineInput::selecting(&year.to_string()), preset: 1, focus: 0 }
    }

    pub fn template(&self) -> Template {
        Template::preset(Template::PRESETS[self.preset]).unwrap_or_default()
    }

    fn focused(&mut self) -> Option<&mut LineInput> {
        match self.focus {
            0 => Some(&mut self.name),
            1 => Some(&mut self.year),
            _ => None,
        }
    }

    /// The evaluation the form describes, or what is wrong with it.
    fn build(&mut self) -> Result<Evaluation, String> {
        let name = self.name.text().trim().to_string();
        if name.is_empty() {
            self.focus = 0;
            return Err("请填写单位名称".into());
        }
        let year = self.year.text().trim().parse::<i32>().ok().filter(|y| YEARS.contains(y));
        let Some(year) = year else {
            self.focus = 1;
            return Err("年度应为 1990–2200 之间的整数".into());
        };
        let mut ev = Evaluation { year, template: self.template(), ..Evaluation::default() };
        ev.organisation.name = name;
        Ok(ev)
    }
}

/// The order of the start screen's list (`s` cycles through them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    OrganisationYear,
    YearOrganisation,
    /// Highest total first.
    Total,
}

impl SortOrder {
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::OrganisationYear => "单位、年度",
            SortOrder::YearOrganisation => "年度（新到旧）、单位",
            SortOrder::Total => "总分（高到低）",
        }
    }

    fn next(self) -> SortOrder {
        match self {
            SortOrder::OrganisationYear => SortOrder::YearOrganisation,
            SortOrder::YearOrganisation => SortOrder::Total,
            SortOrder::Total => SortOrder::OrganisationYear,
        }
    }

    fn sort(self, rows: &mut [Summary]) {
        match self {
            SortOrder::OrganisationYear => {
                rows.sort_by(|a, b| (&a.organisation, a.year).cmp(&(&b.organisation, b.year)))
            }
            SortOrder::YearOrganisation => {
                rows.sort_by(|a, b| (b.year, &a.organisation).cmp(&(a.year, &b.organisation)))
            }
            SortOrder::Total => {
                rows.sort_by(|a, b| (b.total, &a.organisation, a.year).cmp(&(a.total, &b.organisation, b.year)))
            }
        }
    }
}

/// Whether a stored evaluation matches the filter: every word of it is part of the
/// organisation's name or of the year (`教育 2024`, `衡阳 202`).
fn matches(row: &Summary, filter: &str) -> bool {
    filter.split_whitespace().all(|word| row.organisation.contains(word) || row.year.to_string().contains(word))
}

#[derive(Default)]
pub struct StartState {
    /// Every stored evaluation.
    pub all: Vec<Summary>,
    /// Those shown: filtered and sorted.
    pub rows: Vec<Summary>,
    pub selected: usize,
    pub new_form: Option<NewForm>,
    /// Select this evaluation after the next reload (coming back from it).
    pub select_after_reload: Option<EvalId>,
    pub sort: SortOrder,
    /// The filter in force (empty: none).
    pub filter: String,
    /// The filter being typed (`/`); it applies as it is typed.
    pub filter_input: Option<LineInput>,
}

pub enum Outcome {
    Stay(bool),
    Open(EvalId),
    /// A new year was drafted from `from` and stored: open it and say so.
    Created {
        id: EvalId,
        from: i32,
    },
    Compare {
        organisation: String,
        year: i32,
    },
    Trend {
        organisation: String,
        year: i32,
    },
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

    /// Filters and sorts `all` into `rows`, selecting `keep` if it is still shown.
    fn refresh(&mut self, keep: Option<EvalId>) {
        let mut rows: Vec<Summary> = self.all.iter().filter(|r| matches(r, &self.filter)).cloned().collect();
        self.sort.sort(&mut rows);
        self.rows = rows;
        self.selected = keep.and_then(|id| self.rows.iter().position(|r| r.id == id)).unwrap_or(0);
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
            None if self.filter_input.is_some() => Ctx::Filter,
            None => Ctx::Start,
        }
    }

    pub fn selected(&self) -> Option<&Summary> {
        self.rows.get(self.selected)
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
        if self.filter_input.is_some() {
            return Outcome::Stay(self.act_filter(action, status));
        }
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home | Action::PageUp => self.selected = 0,
            Action::End | Action::PageDown => self.selected = last,
            Action::Edit => return self.selected().map_or(Outcome::Stay(false), |s| Outcome::Open(s.id)),
            Action::New => {
                let (name, year) =
                    self.selected().map_or((String::new(), 2025), |s| (s.organisation.clone(), s.year + 1));
                self.new_form = Some(NewForm::new(&name, year));
                *status = Status::info("新建自评：填写单位名称和年度，选评分模板；Tab 下一项，Enter 创建，Esc 取消");
            }
            Action::Delete => {
                if let Some(s) = self.selected() {
                    *question = Some(Question::DeleteEvaluation {
                        id: s.id,
                        label: format!("{} {}年", s.organisation, s.year),
                    });
                }
            }
            Action::NewYear => return self.new_year(store, status),
            Action::Compare | Action::Trend => {
                let Some(s) = self.selected() else {
                    *status = Status::info("还没有自评可比较");
                    return Outcome::Stay(true);
                };
                let (organisation, year) = (s.organisation.clone(), s.year);
                return if action == Action::Compare {
                    Outcome::Compare { organisation, year }
                } else {
                    Outcome::Trend { organisation, year }
                };
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.refresh(self.selected().map(|s| s.id));
                *status = Status::info(format!("排序：{}", self.sort.label()));
            }
            Action::Filter => {
                self.filter_input = Some(LineInput::new(&self.filter));
                *status = Status::info("筛选：输入单位名称或年度的一部分，空格分开多个词；Enter 完成，Esc 清除");
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
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }

    fn act_filter(&mut self, action: Action, status: &mut Status) -> bool {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Confirm => {
                self.filter_input = None;
                *status = if self.filter.is_empty() {
                    Status::info("未筛选")
                } else {
                    Status::info(format!(
                        "筛选“{}”：{} 份，共 {} 份；Esc 清除",
                        self.filter,
                        self.rows.len(),
                        self.all.len()
                    ))
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

    /// Drafts the selected evaluation's next year (`domain::compare::next_year`) and stores it.
    fn new_year(&mut self, store: &mut Store, status: &mut Status) -> Outcome {
        let Some(s) = self.selected() else {
            *status = Status::info("先选中一份自评：由它新建下一年度");
            return Outcome::Stay(true);
        };
        let (id, organisation, from) = (s.id, s.organisation.clone(), s.year);
        let year = from + 1;
        let refused = |text: String, status: &mut Status| {
            *status = Status::error(text);
            Outcome::Stay(true)
        };
        if !YEARS.contains(&year) {
            return refused(format!("{year}年超出可用年度（{} 至 {}）", YEARS.start(), YEARS.end()), status);
        }
        match store.find(&organisation, year) {
            Ok(Some(_)) => {
                return refused(format!("{organisation} 已有 {year}年的自评，未新建：可选中它直接打开"), status);
            }
            Ok(None) => {}
            Err(e) => return refused(e.to_string(), status),
        }
        let created = store.load(id).and_then(|prev| store.create(&next_year(&prev.evaluation, year)));
        match created {
            Ok(id) => Outcome::Created { id, from },
            Err(e) => refused(e.to_string(), status),
        }
    }

    fn act_form(&mut self, action: Action, store: &mut Store, status: &mut Status) -> Outcome {
        let Some(form) = self.new_form.as_mut() else { return Outcome::Stay(false) };
        match action {
            Action::Cancel | Action::Back | Action::Quit => {
                self.new_form = None;
                *status = Status::info("已取消新建");
            }
            // Tab and Shift+Tab go round the three fields.
            Action::NextTab => form.focus = (form.focus + 1) % 3,
            Action::PrevTab => form.focus = (form.focus + 2) % 3,
            Action::Left | Action::Right if form.focus == 2 => {
                let n = Template::PRESETS.len();
                form.preset = (form.preset + if action == Action::Right { 1 } else { n - 1 }) % n
            }
            Action::Left | Action::Right => {
                if let Some(input) = form.focused() {
                    input.step(action == Action::Right);
                }
            }
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
