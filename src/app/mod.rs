//! The app: UI state and logic, with no terminal I/O.
//!
//! `handle` turns an event into an action through the key table (or into text for the
//! active editor) and applies it; `settle` runs work deferred until the queued events
//! are handled (saving a text area typed into); `ui::render` draws the state. Tests drive
//! the app with synthetic events and draw it on a `TestBackend`.

pub mod compare;
pub mod edit;
pub mod escape;
pub mod eval;
pub mod export;
pub mod form;
pub mod grid;
pub mod input;
pub mod keys;
pub mod narrative;
pub mod paste;
mod question;
pub mod review;
pub mod rule_form;
mod rule_keys;
pub mod start;
pub mod trend;
mod years;

use crate::store::{EvalId, Store};
use compare::CompareState;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use eval::EvalState;
use keys::{Action, Ctx};
pub use question::Question;
use review::ReviewState;
use start::StartState;
use trend::TrendState;

pub enum Screen {
    Start(Box<StartState>),
    Eval(Box<EvalState>),
    Compare(Box<CompareState>),
    Trend(Box<TrendState>),
    Review(Box<ReviewState>),
}

/// The message line: what just happened, or what went wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status { text: text.into(), error: false }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status { text: text.into(), error: true }
    }
}

/// Where a moving key takes the cursor of a list of `len` lines (`page` lines a page);
/// `None` for any other action.
pub fn list_move(current: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Up => current.saturating_sub(1),
        Action::Down => (current + 1).min(last),
        Action::PageUp => current.saturating_sub(page),
        Action::PageDown => (current + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => return None,
    })
}

pub struct App {
    pub store: Store,
    pub screen: Screen,
    pub status: Status,
    pub question: Option<Question>,
    pub help: bool,
    /// The terminal's size as last seen (for page moves and the panel's folding).
    pub size: (u16, u16),
    /// Whether the screen is drawn in colour (`NO_COLOR` turns it off).
    pub color: bool,
    /// The first line of the help overlay shown.
    pub help_scroll: u16,
    /// Where the help was opened from: its keys come first and are marked.
    pub help_for: Ctx,
    /// The start screen while another screen is shown, so that coming back finds its
    /// sort, filter and selection as they were.
    parked: Option<Box<StartState>>,
    /// The review while an evaluation opened from it is shown: closing that comes back here.
    parked_review: Option<Box<ReviewState>>,
    quit: bool,
}

impl App {
    pub fn new(store: Store, size: (u16, u16)) -> App {
        let mut start = StartState::default();
        let status = match start.reload(&store) {
            Ok(()) => Status::info(format!("数据库：{}", store.path().display())),
            Err(e) => Status::error(e.to_string()),
        };
        App {
            store,
            screen: Screen::Start(Box::new(start)),
            status,
            question: None,
            help: false,
            size,
            color: true,
            help_scroll: 0,
            help_for: Ctx::Start,
            parked: None,
            parked_review: None,
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Where the keyboard focus is.
    pub fn ctx(&self) -> Ctx {
        if self.help {
            return Ctx::Help;
        }
        if self.question.is_some() {
            return Ctx::Confirm;
        }
        match &self.screen {
            Screen::Start(s) => s.ctx(),
            Screen::Eval(e) => e.ctx(),
            Screen::Compare(c) => c.ctx(),
            Screen::Trend(t) => t.ctx(),
            Screen::Review(r) => r.ctx(),
        }
    }

    /// Handles one event; returns whether anything on screen may have changed.
    pub fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Resize(w, h) => {
                self.size = (w, h);
                if let Screen::Compare(c) = &mut self.screen {
                    c.resize(w);
                }
                true
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Paste(text) => self.paste(&text),
            _ => false,
        }
    }

    /// Work deferred until every queued event is handled; returns whether it changed anything.
    pub fn settle(&mut self) -> bool {
        match &mut self.screen {
            Screen::Eval(e) => match e.save_typing(&mut self.store) {
                Ok(saved) => saved,
                Err(msg) => {
                    self.status = Status::error(msg);
                    true
                }
            },
            Screen::Start(_) | Screen::Compare(_) | Screen::Trend(_) | Screen::Review(_) => false,
        }
    }

    fn key(&mut self, key: KeyEvent) -> bool {
        let ctx = self.ctx();
        match keys::action_for(ctx, &key) {
            // Behind the help or a question, nothing is typed into the editor under it.
            None if self.help || self.question.is_some() => false,
            // The rule form reads the key itself (which number or letter).
            Some(Action::ChooseKind) | None => self.unbound(ctx, key),
            Some(action) => self.act(action),
        }
    }

    /// A key with no binding: text for an editor, or the first character of an edit.
    fn unbound(&mut self, ctx: Ctx, key: KeyEvent) -> bool {
        match &mut self.screen {
            Screen::Start(s) => s.key(key),
            Screen::Eval(e) => e.key(ctx, key, &mut self.status),
            Screen::Review(r) => r.key(key),
            Screen::Compare(_) | Screen::Trend(_) => false,
        }
    }

    fn paste(&mut self, text: &str) -> bool {
        if self.help || self.question.is_some() {
            return false;
        }
        match &mut self.screen {
            Screen::Start(s) => s.paste(text),
            Screen::Eval(e) => e.paste(text, &mut self.status, &mut self.question),
            Screen::Review(r) => r.paste(text),
            Screen::Compare(_) | Screen::Trend(_) => false,
        }
    }

    fn act(&mut self, action: Action) -> bool {
        match action {
            Action::Help => {
                self.help_for = self.ctx();
                self.help_scroll = keys::help_line(self.help_for);
                self.help = true;
                return true;
            }
            Action::Back if self.help => {
                self.help = false;
                self.help_scroll = 0;
                return true;
            }
            Action::Up | Action::PageUp if self.help => {
                self.help_scroll = self.help_scroll.saturating_sub(if action == Action::Up { 1 } else { 10 });
                return true;
            }
            Action::Down | Action::PageDown if self.help => {
                let by = if action == Action::Down { 1 } else { 10 };
                self.help_scroll = self.help_scroll.saturating_add(by).min(keys::help_len());
                return true;
            }
            Action::Quit => return self.quit_asking(),
            _ if self.help => return false,
            Action::Yes | Action::No => return self.answer(action == Action::Yes),
            Action::Cancel if self.question.is_some() => return self.answer_with(false, true),
            _ => {}
        }
        let page = self.size.1.saturating_sub(8).max(1) as usize;
        match &mut self.screen {
            Screen::Start(s) => match s.act(action, &mut self.store, &mut self.status, &mut self.question) {
                start::Outcome::Stay(changed) => changed,
                start::Outcome::Open(id) => self.open(id),
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
            },
            Screen::Review(r) => match r.act(action, &self.store, &mut self.status, page) {
                review::Outcome::Stay(changed) => changed,
                review::Outcome::Close => self.close(),
                review::Outcome::Open(id, place) => self.open_from_review(id, place),
            },
            Screen::Eval(e) => match e.act(action, &mut self.store, &mut self.status, &mut self.question, page) {
                eval::Outcome::Stay(changed) => changed,
                eval::Outcome::Close => self.close(),
            },
            Screen::Compare(c) => match c.act(action, &mut self.status, page) {
                compare::Outcome::Stay(changed) => changed,
                compare::Outcome::Close => self.close(),
                compare::Outcome::Trend(metric) => {
                    let Screen::Compare(c) = std::mem::replace(&mut self.screen, Screen::Start(Box::default())) else {
                        unreachable!("matched above")
                    };
                    self.screen = Screen::Trend(Box::new(TrendState::from_compare(c, &metric)));
                    self.status = Status::info("Esc 回到比较");
                    true
                }
            },
            Screen::Trend(t) => match t.act(action, page) {
                trend::Outcome::Stay(changed) => changed,
                trend::Outcome::Close => self.close(),
                trend::Outcome::Compare(c) => {
                    self.screen = Screen::Compare(c);
                    self.status = Status::info("已回到年度比较");
                    true
                }
            },
        }
    }

    /// Shows another screen; the start screen is kept for coming back to.
    fn show(&mut self, screen: Screen) {
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
                self.status = Status::info(format!("已打开：{}。修改确认后立即保存。", ev.label()));
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

    /// Opens an evaluation from the review at the place of its finding; closing it comes
    /// back to the review.
    fn open_from_review(&mut self, id: EvalId, place: Option<crate::domain::check::Place>) -> bool {
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
    fn close(&mut self) -> bool {
        self.settle();
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
