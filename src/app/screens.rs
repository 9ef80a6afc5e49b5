//! Moving between screens: what the start screen asked for (an evaluation opened, a year
//! drafted, a comparison, a trend or the bureau's review), opening an evaluation with last
//! year's beside it and its year's projects (or from the review, at its finding), and back
//! to the start screen (or the review) as it was left.

use super::compare::CompareState;
use super::eval::{EvalState, Tab};
use super::review::ReviewState;
use super::trend::TrendState;
use super::{App, Question, Screen, Status, start};
use crate::store::EvalId;

impl App {
    /// Does what the start screen's action asked for.
    pub(super) fn start_outcome(&mut self, outcome: start::Outcome) -> bool {
        match outcome {
            start::Outcome::Stay(changed) => changed,
            start::Outcome::Open(id) => self.open(id),
            start::Outcome::OpenGrid(id) => {
                self.open(id);
                if let Screen::Eval(e) = &mut self.screen {
                    e.tab = Tab::Grid;
                }
                true
            }
            start::Outcome::Created { id, from } => {
                self.open(id);
                if let Screen::Eval(e) = &self.screen {
                    self.status = Status::info(format!(
                        "已由 {from}年新建 {}年：指标、分值、规则和目标值已带入，完成值和预算待填写",
                        e.ev.year
                    ));
                }
                true
            }
            start::Outcome::AskProjects { id, organisation, from, count } => {
                if let Screen::Start(s) = &mut self.screen {
                    s.select_after_reload = Some(id);
                    if let Err(e) = s.reload(&self.store) {
                        self.status = Status::error(e.to_string());
                    }
                }
                self.question = Some(Question::NewYearProjects { department: id, organisation, from, count });
                true
            }
            start::Outcome::Compare { organisation, year, project } => {
                match CompareState::load(&self.store, &organisation, project.as_ref(), year, self.size.0) {
                    Ok(c) => {
                        self.status = Status::info("←→ 换年度，+/- 增减年度，p 配对改名的指标，t 看该项趋势");
                        self.show(Screen::Compare(Box::new(c)));
                    }
                    Err(msg) => self.status = Status::error(msg),
                }
                true
            }
            start::Outcome::Trend { organisation, year, project } => {
                match TrendState::load(&self.store, &organisation, project.as_deref(), year) {
                    Ok(t) => {
                        self.status = Status::info("↑↓ 选择总分、指标或预算数字");
                        self.show(Screen::Trend(Box::new(t)));
                    }
                    Err(msg) => self.status = Status::error(msg),
                }
                true
            }
            start::Outcome::Review => {
                match ReviewState::load(&self.store, None) {
                    Ok(r) => {
                        self.status = Status::info(format!(
                            "{}年度复核：{} 份。s 排序，f 按问题筛选，/ 按单位筛选，Enter 打开",
                            r.county.year,
                            r.county.lines.len()
                        ));
                        self.show(Screen::Review(Box::new(r)));
                    }
                    Err(msg) => self.status = Status::error(msg),
                }
                true
            }
            start::Outcome::Quit => {
                self.quit = true;
                true
            }
        }
    }

    /// Shows another screen; the start screen is kept for coming back to.
    pub(super) fn show(&mut self, screen: Screen) {
        if let Screen::Start(s) = std::mem::replace(&mut self.screen, screen) {
            self.parked = Some(s);
        }
    }

    /// Opens a stored evaluation, with last year's (if stored) beside it for reference and,
    /// for a department, its year's projects.
    pub fn open(&mut self, id: EvalId) -> bool {
        match self.store.load(id) {
            Ok(stored) => {
                let ev = &stored.evaluation;
                self.status = match &stored.filing {
                    None => Status::info(format!("已打开：{}。修改确认后立即保存。", ev.label())),
                    Some(f) => Status::info(format!("已打开：{}。{}，只读（F8 解锁）", ev.label(), f.label())),
                };
                let project = ev.is_project().then_some(ev.project.name.as_str());
                let reference =
                    self.store.find_in(&ev.organisation.name, ev.year - 1, project).and_then(|prev| match prev {
                        Some(prev) => self.store.load(prev).map(|s| Some(s.evaluation)),
                        None => Ok(None),
                    });
                let projects = match ev.is_project() {
                    true => Ok(Vec::new()),
                    false => self
                        .store
                        .projects_of(&ev.organisation.name, ev.year)
                        .map(|p| p.iter().map(|s| s.project_line()).collect()),
                };
                let projects = projects.unwrap_or_else(|e| {
                    self.status = Status::error(format!("本年项目读取失败：{e}"));
                    Vec::new()
                });
                let mut state = EvalState::new(stored, projects);
                // Back where the user left it; a place that cannot be read is no reason not to open.
                if let Ok(Some(place)) = self.store.place(id) {
                    state.go_to(place);
                }
                match reference {
                    Ok(reference) => state.reference = reference,
                    Err(e) => self.status = Status::error(format!("上年自评读取失败：{e}")),
                }
                self.show(Screen::Eval(Box::new(state)));
            }
            Err(e) => self.status = Status::error(e.to_string()),
        }
        true
    }

    /// Stores where the open evaluation was left, for the next time it is opened. Not
    /// work: a failure (a read-only file, say) is not worth a message on the way out.
    pub(super) fn remember_place(&mut self) {
        if let Screen::Eval(e) = &self.screen {
            let _ = self.store.save_place(e.id, e.where_left());
        }
    }

    /// Opens an evaluation from the review at the place of its finding (read-only if it
    /// is filed, as any opening); closing it comes back to the review.
    pub(super) fn open_from_review(&mut self, id: EvalId, place: Option<crate::domain::check::Place>) -> bool {
        let review = std::mem::replace(&mut self.screen, Screen::Start(Box::default()));
        // `open` parks the screen it replaces: keep the real start screen parked instead.
        let start = self.parked.take();
        self.open(id);
        self.parked = start;
        match &mut self.screen {
            Screen::Eval(e) => {
                if let Some(place) = place {
                    e.jump(place);
                }
                if let Screen::Review(r) = review {
                    self.parked_review = Some(r);
                }
            }
            _ => self.screen = review,
        }
        true
    }

    /// Back to the start screen as it was left, selecting the evaluation just closed (or
    /// to the review, if the evaluation was opened from it).
    pub(super) fn close(&mut self) -> bool {
        self.finish();
        self.remember_place();
        if matches!(self.screen, Screen::Eval(_))
            && let Some(mut r) = self.parked_review.take()
        {
            if let Err(e) = r.reload(&self.store) {
                self.status = Status::error(e);
            }
            self.screen = Screen::Review(r);
            return true;
        }
        let mut start = self.parked.take().unwrap_or_default();
        if let Screen::Eval(e) = &self.screen {
            start.select_after_reload = Some(e.id);
        }
        if let Err(e) = start.reload(&self.store) {
            self.status = Status::error(e.to_string());
        }
        self.screen = Screen::Start(start);
        true
    }
}
