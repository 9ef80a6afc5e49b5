//! The new-evaluation form: 单位名称, 年度, 类型 (部门整体 or 项目), 项目名称 for a
//! project, and the template.

use crate::app::input::LineInput;
use crate::domain::model::Evaluation;
use crate::domain::project::Kind;
use crate::domain::template::{PRESETS, Template};
use crate::file::YEARS;

/// A line of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewField {
    Organisation,
    Year,
    Kind,
    Project,
    Template,
}

impl NewField {
    pub fn label(self) -> &'static str {
        match self {
            NewField::Organisation => "单位名称",
            NewField::Year => "年度",
            NewField::Kind => "类型",
            NewField::Project => "项目名称",
            NewField::Template => "评分模板",
        }
    }
}

pub struct NewForm {
    pub kind: Kind,
    pub name: LineInput,
    pub year: LineInput,
    pub project: LineInput,
    /// The templates to choose from: every preset (national first), then the county's
    /// own saved ones.
    pub templates: Vec<Template>,
    /// Index into `templates`.
    pub preset: usize,
    pub focus: NewField,
    /// The year proposed for each kind: a department's next year, a project's same year
    /// as the evaluation selected when `n` was pressed.
    years: (i32, i32),
}

impl NewForm {
    /// A form for an evaluation of `kind` of `name`; `years` = (a department's year, a
    /// project's); `saved` the templates saved in the database.
    pub fn new(kind: Kind, name: &str, years: (i32, i32), saved: Vec<Template>) -> NewForm {
        let mut templates: Vec<Template> = PRESETS.iter().map(|p| (p.build)()).collect();
        templates.extend(saved);
        let year = if kind == Kind::Project { years.1 } else { years.0 };
        NewForm {
            kind,
            name: LineInput::selecting(name),
            year: LineInput::selecting(&year.to_string()),
            project: LineInput::new(""),
            templates,
            // New evaluations start from the national form (财预〔2020〕10号).
            preset: 0,
            focus: NewField::Organisation,
            years,
        }
    }

    /// The lines shown, in order.
    pub fn fields(&self) -> Vec<NewField> {
        let mut f = vec![NewField::Organisation, NewField::Year, NewField::Kind];
        if self.kind == Kind::Project {
            f.push(NewField::Project);
        }
        f.push(NewField::Template);
        f
    }

    /// Moves the focus by `by` lines, round. A text line entered has its text selected, so
    /// typing replaces it (→ or Home keeps it).
    pub fn step(&mut self, by: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = fields[(at + by).rem_euclid(fields.len() as isize) as usize];
        if let Some(input) = self.focused() {
            *input = LineInput::selecting(input.as_str());
        }
    }

    /// ←/→ on a choice: the other kind, or the next template.
    pub fn choose(&mut self, by: isize) {
        match self.focus {
            NewField::Kind => {
                let kind = if self.kind == Kind::Department { Kind::Project } else { Kind::Department };
                let (old, new) = if kind == Kind::Project { self.years } else { (self.years.1, self.years.0) };
                if self.year.text().trim() == old.to_string() {
                    self.year = LineInput::selecting(&new.to_string());
                }
                self.kind = kind;
            }
            NewField::Template => {
                let n = self.templates.len() as isize;
                self.preset = (self.preset as isize + by).rem_euclid(n) as usize;
            }
            _ => {}
        }
    }

    pub fn template(&self) -> Template {
        self.templates.get(self.preset).cloned().unwrap_or_default()
    }

    /// The chosen template's name, and whether it is one of the county's own.
    pub fn template_label(&self) -> String {
        let t = self.template();
        if self.preset >= PRESETS.len() { format!("{}（本地）", t.name) } else { t.name }
    }

    pub fn focused(&mut self) -> Option<&mut LineInput> {
        match self.focus {
            NewField::Organisation => Some(&mut self.name),
            NewField::Year => Some(&mut self.year),
            NewField::Project => Some(&mut self.project),
            NewField::Kind | NewField::Template => None,
        }
    }

    /// The evaluation the form describes, or what is wrong with it (the focus moves there).
    pub fn build(&mut self) -> Result<Evaluation, String> {
        let name = self.name.text().trim().to_string();
        if name.is_empty() {
            self.focus = NewField::Organisation;
            return Err("请填写单位名称".into());
        }
        let year = self.year.text().trim().parse::<i32>().ok().filter(|y| YEARS.contains(y));
        let Some(year) = year else {
            self.focus = NewField::Year;
            return Err("年度应为 1990–2200 之间的整数".into());
        };
        let mut ev = Evaluation { kind: self.kind, year, template: self.template(), ..Evaluation::default() };
        if self.kind == Kind::Project {
            let project = self.project.text().trim().to_string();
            if project.is_empty() {
                self.focus = NewField::Project;
                return Err("请填写项目名称".into());
            }
            ev.project.name = project;
            // The usual 主管部门 is the department the project is filed under; shown, and changeable.
            ev.project.supervisor = name.clone();
        }
        ev.organisation.name = name;
        Ok(ev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_to_a_project_shows_its_name_and_proposes_the_same_year() {
        let mut f = NewForm::new(Kind::Department, "某局", (2025, 2024), Vec::new());
        assert_eq!(f.fields().len(), 4);
        f.focus = NewField::Kind;
        f.choose(1);
        assert_eq!((f.kind, f.year.text()), (Kind::Project, "2024".to_string()));
        assert!(f.fields().contains(&NewField::Project));
        assert_eq!(f.template().preset, "national");
        assert_eq!(f.build().unwrap_err(), "请填写项目名称");
        assert_eq!(f.focus, NewField::Project);
        f.project = LineInput::new(" 监测项目 ");
        let ev = f.build().unwrap();
        assert_eq!((ev.kind, ev.project.name.as_str(), ev.year), (Kind::Project, "监测项目", 2024));
        assert_eq!(ev.project.supervisor, "某局");
        // A year typed by hand stays when the kind changes back.
        f.year = LineInput::new("2030");
        f.focus = NewField::Kind;
        f.choose(1);
        assert_eq!((f.kind, f.year.text()), (Kind::Department, "2030".to_string()));
        assert!(f.build().unwrap().project.name.is_empty());
    }

    #[test]
    fn a_text_line_entered_has_its_text_selected() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut f = NewForm::new(Kind::Department, "某局", (2025, 2024), Vec::new());
        assert!(f.name.is_selected());
        f.name.key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        f.step(1);
        assert!(f.year.is_selected() && !f.name.is_selected());
        f.year.key(KeyEvent::new(KeyCode::Char('9'), KeyModifiers::NONE));
        assert_eq!(f.year.text(), "9", "typing replaces the year entered");
        f.step(-1);
        assert_eq!((f.name.text(), f.name.is_selected()), ("某局".to_string(), true));
    }

    #[test]
    fn focus_goes_round_the_lines_shown() {
        let mine = Template { name: "某县模板".into(), ..Template::hubei() };
        let mut f = NewForm::new(Kind::Department, "", (2025, 2024), vec![mine.clone()]);
        assert_eq!(f.template().preset, "national", "new evaluations default to national");
        f.step(-1);
        assert_eq!(f.focus, NewField::Template);
        f.step(2);
        assert_eq!(f.focus, NewField::Year);
        f.focus = NewField::Template;
        f.choose(-1);
        assert_eq!(f.template(), mine, "the county's own come after the presets");
        assert_eq!(f.template_label(), "某县模板（本地）");
        f.choose(1);
        assert_eq!(f.template().preset, "national");
    }
}
