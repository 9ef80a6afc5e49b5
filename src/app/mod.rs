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
mod filing;
pub mod form;
pub mod grid;
pub mod grid_shape;
pub mod input;
pub mod keys;
pub mod log;
pub mod narrative;
pub mod paste;
mod question;
pub mod review;
pub mod rule_form;
mod rule_keys;
mod screens;
pub mod start;
pub mod template;
pub mod trend;
mod years;

use crate::store::Store;
use compare::CompareState;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use eval::EvalState;
use keys::{Action, Ctx};
pub use question::{Prompt, Question};
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
    /// A line being typed in front of everything (the reason for unlocking).
    pub prompt: Option<Prompt>,
    /// A save found the database busy: what to try again (Esc gives up).
    waiting: Option<Retry>,
    quit: bool,
}

/// What a save that found the database busy was doing, to do again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Action(Action),
    Settle,
}

impl App {
    pub fn new(store: Store, size: (u16, u16)) -> App {
        let mut start = StartState::default();
        let status = match start.reload(&store) {
            Ok(()) if store.created() => Status::info(format!("已新建数据库：{}", store.path().display())),
            Ok(()) => match store.migrated_from() {
                Some(backup) => Status::info(format!(
                    "数据库：{}（已升级到新版本结构，升级前的备份：{}）",
                    store.path().display(),
                    backup.display()
                )),
                None => Status::info(format!("数据库：{}", store.path().display())),
            },
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
            prompt: None,
            waiting: None,
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
        if self.prompt.is_some() {
            return Ctx::Reason;
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

    /// The status line's hints for what is on screen: a filed evaluation offers no edits.
    pub fn hints(&self) -> Vec<(&'static str, &'static str)> {
        let read_only = matches!(&self.screen, Screen::Eval(e) if e.editable().is_err());
        keys::hints(self.ctx(), read_only)
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
        let changed = match &mut self.screen {
            Screen::Eval(e) => match e.save_typing(&mut self.store) {
                Ok(saved) => saved,
                Err(msg) => {
                    self.status = Status::error(msg);
                    true
                }
            },
            Screen::Start(_) | Screen::Compare(_) | Screen::Trend(_) | Screen::Review(_) => false,
        };
        if self.store.take_busy() && self.waiting.is_none() {
            self.waiting = Some(Retry::Settle);
        }
        if self.quit {
            self.remember_place();
        }
        changed
    }

    /// Whether something waits for the keyboard to go quiet (see [`App::idle`]).
    pub fn wants_idle(&self) -> bool {
        matches!(&self.screen, Screen::Eval(e) if e.grid.shown.is_some())
    }

    /// The keyboard has gone quiet: the grid's detail catches up with the cursor. Returns
    /// whether anything on screen changed.
    pub fn idle(&mut self) -> bool {
        match &mut self.screen {
            Screen::Eval(e) => e.grid.shown.take().is_some(),
            _ => false,
        }
    }

    fn key(&mut self, key: KeyEvent) -> bool {
        if self.waiting.is_some() {
            // Only Esc while waiting: other keys would act on a state the save has not reached.
            if key.code == crossterm::event::KeyCode::Esc {
                self.waiting = None;
                self.status = Status::error("已放弃保存：数据库仍被其他程序占用，所改内容未保存（编辑框中的文字还在）");
                return true;
            }
            return false;
        }
        let ctx = self.ctx();
        match keys::action_for(ctx, &key) {
            // Behind the help or a question, nothing is typed into the editor under it.
            None if self.help || self.question.is_some() => false,
            // The rule form reads the key itself (which number or letter).
            Some(Action::ChooseKind) | None => self.unbound(ctx, key),
            Some(action) => {
                let changed = self.act(action);
                if self.store.take_busy() && matches!(self.screen, Screen::Eval(_)) {
                    self.waiting = Some(Retry::Action(action));
                }
                changed
            }
        }
    }

    /// A key with no binding: text for an editor, or the first character of an edit.
    fn unbound(&mut self, ctx: Ctx, key: KeyEvent) -> bool {
        if let Some(prompt) = &mut self.prompt {
            return prompt.input.key(key);
        }
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
        if let Some(c) = crate::domain::text::control_char(text) {
            self.status = Status::error(format!(
                "未粘贴：粘贴的内容含有控制字符（{}），可能来自终端转义序列；请只粘贴文字",
                crate::domain::text::escape_char(c)
            ));
            return true;
        }
        if let Some(prompt) = &mut self.prompt {
            prompt.input.paste(text);
            return true;
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
            _ if self.prompt.is_some() => return self.act_prompt(action),
            _ => {}
        }
        if let Screen::Start(s) = &self.screen
            && let Some(row) = s.selected()
        {
            let (id, label, filing) = (row.id, row.label(), row.filing.clone());
            match action {
                Action::Lock => return self.lock_or_unlock(id, label, filing.is_some()),
                Action::Log => {
                    self.open(id);
                    if let Screen::Eval(e) = &mut self.screen {
                        e.open_log(&mut self.store, &mut self.status);
                    }
                    return true;
                }
                _ => {}
            }
        }
        let page = self.size.1.saturating_sub(8).max(1) as usize;
        match &mut self.screen {
            Screen::Start(s) => {
                let outcome = s.act(action, &mut self.store, &mut self.status, &mut self.question);
                self.start_outcome(outcome)
            }
            Screen::Review(r) => match r.act(action, &self.store, &mut self.status, page) {
                review::Outcome::Stay(changed) => changed,
                review::Outcome::Close => self.close(),
                review::Outcome::Open(id, place) => self.open_from_review(id, place),
            },
            Screen::Eval(e) => match e.act(action, &mut self.store, &mut self.status, &mut self.question, page) {
                eval::Outcome::Stay(changed) => changed,
                eval::Outcome::Close => self.close(),
                eval::Outcome::Lock => {
                    let (id, label, filed) = (e.id, e.ev.label(), e.filing.is_some());
                    e.seal(&mut self.store);
                    self.lock_or_unlock(id, label, filed)
                }
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
}
