//! The start screen: the stored evaluations, and the form for a new one.

use super::input::LineInput;
use super::keys::{Action, Ctx};
use super::{Question, Status};
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
        NewForm { name: LineInput::new(name), year: LineInput::new(&year.to_string()), preset: 1, focus: 0 }
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

#[derive(Default)]
pub struct StartState {
    pub rows: Vec<Summary>,
    pub selected: usize,
    pub new_form: Option<NewForm>,
    /// Select this evaluation after the next reload (coming back from it).
    pub select_after_reload: Option<EvalId>,
}

pub enum Outcome {
    Stay(bool),
    Open(EvalId),
    Quit,
}

impl StartState {
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.rows = store.list()?;
        if let Some(id) = self.select_after_reload.take() {
            self.selected = self.rows.iter().position(|r| r.id == id).unwrap_or(0);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn ctx(&self) -> Ctx {
        match &self.new_form {
            Some(f) if f.focus < 2 => Ctx::Editing,
            Some(_) => Ctx::Form,
            None => Ctx::Start,
        }
    }

    pub fn selected(&self) -> Option<&Summary> {
        self.rows.get(self.selected)
    }

    pub fn key(&mut self, key: KeyEvent) -> bool {
        match self.new_form.as_mut().and_then(NewForm::focused) {
            Some(input) => input.key(key),
            None => false,
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
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
                *status = Status::info("新建自评：填写单位名称和年度，Enter 创建，Esc 取消");
            }
            Action::Delete => {
                if let Some(s) = self.selected() {
                    *question = Some(Question::DeleteEvaluation {
                        id: s.id,
                        label: format!("{} {}年", s.organisation, s.year),
                    });
                }
            }
            Action::Quit => return Outcome::Quit,
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }

    fn act_form(&mut self, action: Action, store: &mut Store, status: &mut Status) -> Outcome {
        let Some(form) = self.new_form.as_mut() else { return Outcome::Stay(false) };
        match action {
            Action::Cancel | Action::Back | Action::Quit => {
                self.new_form = None;
                *status = Status::info("已取消新建");
            }
            Action::Up => form.focus = form.focus.saturating_sub(1),
            Action::Down | Action::ConfirmNext => form.focus = (form.focus + 1) % 3,
            Action::Left | Action::Right if form.focus == 2 => {
                form.preset = (form.preset + 1) % Template::PRESETS.len()
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
