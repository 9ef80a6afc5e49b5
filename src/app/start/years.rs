//! Year over year from the start screen: `y` drafts next year (a department's, then on
//! request its projects'; a project's alone), `c` and `t` compare and trend a
//! department or a project, and a project renamed since last year is paired by hand.

use super::{Line, Outcome, StartState};
use crate::app::Status;
use crate::app::keys::Action;
use crate::domain::compare::{Pairing, next_year, same_project};
use crate::domain::project::Kind;
use crate::file::YEARS;
use crate::store::Store;

/// Pairing a project with the project of the year before that it continues under
/// another name: the candidates are last year's projects not continued by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPick {
    pub organisation: String,
    pub year: i32,
    pub project: String,
    /// The stored year before `year` that has projects.
    pub before: i32,
    pub candidates: Vec<String>,
    pub selected: usize,
}

impl StartState {
    /// Drafts the selected evaluation's next year (`domain::compare::next_year`) and stores it.
    pub(super) fn new_year(&mut self, store: &mut Store, status: &mut Status) -> Outcome {
        let refused = |text: String, status: &mut Status| {
            *status = Status::error(text);
            Outcome::Stay(true)
        };
        let Some(s) = self.selected().cloned() else {
            let text = if self.line().is_some() {
                "先按 → 展开，再选中一个项目"
            } else {
                "先选中一份自评：由它新建下一年度"
            };
            *status = Status::info(text);
            return Outcome::Stay(true);
        };
        let (from, year) = (s.year, s.year + 1);
        if !YEARS.contains(&year) {
            return refused(format!("{year}年超出可用年度（{} 至 {}）", YEARS.start(), YEARS.end()), status);
        }
        let draft = match store.load(s.id) {
            Ok(prev) => next_year(&prev.evaluation, year),
            Err(e) => return refused(e.to_string(), status),
        };
        match store.find_of(&draft) {
            Ok(Some(_)) => {
                let what =
                    if draft.is_project() { format!("项目“{}”", draft.project.name) } else { String::new() };
                let text = format!("{} 已有 {year}年{what}的自评，未新建：可选中它直接打开", s.organisation);
                return refused(text, status);
            }
            Ok(None) => {}
            Err(e) => return refused(e.to_string(), status),
        }
        let note = format!("由 {from}年生成");
        let id = match store.create_as(std::slice::from_ref(&draft), crate::store::ChangeKind::NewYear, &note) {
            Ok(ids) => ids[0],
            Err(e) => return refused(e.to_string(), status),
        };
        let count = if s.kind == Kind::Department { self.projects_in(&s.organisation, from) } else { 0 };
        if count > 0 {
            return Outcome::AskProjects { id, organisation: s.organisation, from, count };
        }
        Outcome::Created { id, from }
    }

    /// `c` or `t` on the selected line. A project found in no other year under its name
    /// is first paired with one of last year's projects, if there are candidates.
    pub(super) fn compare(&mut self, action: Action, store: &Store, status: &mut Status) -> Outcome {
        let Some(s) = self.selected().cloned() else {
            let text = if self.line().is_some() {
                "先按 → 展开，再选中一个项目"
            } else {
                "还没有自评可比较"
            };
            *status = Status::info(text);
            return Outcome::Stay(true);
        };
        let organisation = s.organisation.clone();
        if s.kind == Kind::Department {
            return match action {
                Action::Compare => Outcome::Compare { organisation, year: s.year, project: None },
                _ => Outcome::Trend { organisation, year: s.year, project: None },
            };
        }
        if action == Action::Trend {
            return Outcome::Trend { organisation, year: s.year, project: Some(s.project) };
        }
        let names = match store.project_names(&organisation) {
            Ok(n) => n,
            Err(e) => {
                *status = Status::error(e.to_string());
                return Outcome::Stay(true);
            }
        };
        let plain = Outcome::Compare {
            organisation: organisation.clone(),
            year: s.year,
            project: Some((s.project.clone(), vec![])),
        };
        if same_project(&names, s.year, &s.project, &[]).len() > 1 {
            return plain;
        }
        let at = names.iter().position(|(y, _)| *y == s.year).unwrap_or(0);
        let Some((before, earlier)) = at.checked_sub(1).map(|i| &names[i]) else { return plain };
        let this_year = &names[at].1;
        let candidates: Vec<String> = earlier.iter().filter(|n| !this_year.contains(n)).cloned().collect();
        if candidates.is_empty() {
            return plain;
        }
        *status = Status::info(format!(
            "“{}”在其他年度没有同名项目：选择它在 {before}年的原名（Enter 配对，Esc 取消）",
            s.project
        ));
        self.pick = Some(ProjectPick {
            organisation,
            year: s.year,
            project: s.project,
            before: *before,
            candidates,
            selected: 0,
        });
        Outcome::Stay(true)
    }

    pub(super) fn act_pick(&mut self, action: Action, status: &mut Status) -> Outcome {
        let Some(pick) = self.pick.as_mut() else { return Outcome::Stay(false) };
        if let Some(to) = crate::app::list_move(pick.selected, pick.candidates.len(), action, 10) {
            pick.selected = to;
            return Outcome::Stay(true);
        }
        match action {
            Action::Cancel | Action::Back => {
                self.pick = None;
                *status = Status::info("已取消配对");
                Outcome::Stay(true)
            }
            Action::Confirm => {
                let Some(p) = self.pick.take() else { return Outcome::Stay(false) };
                let from = p.candidates[p.selected.min(p.candidates.len() - 1)].clone();
                let pairing = Pairing { year: p.year, from, to: p.project.clone() };
                Outcome::Compare {
                    organisation: p.organisation,
                    year: p.year,
                    project: Some((p.project, vec![pairing])),
                }
            }
            _ => Outcome::Stay(false),
        }
    }

    /// Selects the evaluation with `id` after a reload.
    pub fn select(&mut self, id: crate::store::EvalId) {
        if let Some(i) = self.lines.iter().position(|l| matches!(l, Line::Eval { row, .. } if row.id == id)) {
            self.selected = i;
        }
    }
}
