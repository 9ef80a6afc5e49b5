//! Filing and unlocking from the UI (a question, then a reason to type), finishing what
//! is being typed before leaving, and waiting for a database another program is writing.

use super::keys::Action;
use super::{App, Prompt, Question, Retry, Screen, Status, input};
use crate::store::EvalId;

impl App {
    /// Whether a save is waiting for another program to finish writing: the terminal then
    /// calls [`App::retry`] every so often until it succeeds, or Esc gives up.
    pub fn waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// Tries the waiting save again; returns whether anything on screen may have changed.
    pub fn retry(&mut self) -> bool {
        match self.waiting.take() {
            None => false,
            Some(Retry::Settle) => {
                let changed = self.settle();
                if !self.waiting() {
                    self.status = Status::info("数据库已空出：已保存");
                }
                changed || !self.waiting()
            }
            Some(Retry::Action(action)) => {
                self.act(action);
                if self.store.take_busy() {
                    self.waiting = Some(Retry::Action(action));
                }
                true
            }
        }
    }

    /// Files an evaluation (after asking), or asks the reason to unlock a filed one.
    pub(super) fn lock_or_unlock(&mut self, id: EvalId, label: String, filed: bool) -> bool {
        if filed {
            self.prompt = Some(Prompt { id, label, input: input::LineInput::new("") });
            self.status = Status::info("解锁须写明原因：它和解锁的人、时间一起记入修改记录");
        } else {
            self.question = Some(Question::Lock { id, label });
        }
        true
    }

    /// The unlock reason being typed.
    pub(super) fn act_prompt(&mut self, action: Action) -> bool {
        let Some(prompt) = &self.prompt else { return false };
        match action {
            Action::Cancel | Action::Back => {
                self.prompt = None;
                self.status = Status::info("未解锁");
            }
            Action::Confirm | Action::ConfirmNext => {
                let reason = prompt.input.text();
                if reason.trim().is_empty() {
                    self.status = Status::error("请写明解锁的原因");
                    return true;
                }
                let (id, label) = (prompt.id, prompt.label.clone());
                match self.store.unlock(id, &reason) {
                    Ok(()) => {
                        self.prompt = None;
                        self.status = Status::info(format!("已解锁：{label}（原因：{}），可以编辑", reason.trim()));
                        self.refresh_filing(id);
                    }
                    Err(e) => self.status = Status::error(e.to_string()),
                }
            }
            _ => return false,
        }
        true
    }

    /// After a lock or unlock: the open evaluation's state, or the start screen's list.
    pub(super) fn refresh_filing(&mut self, id: EvalId) {
        match &mut self.screen {
            Screen::Eval(e) if e.id == id => match self.store.filing(id) {
                Ok(filing) => e.filing = filing,
                Err(err) => self.status = Status::error(err.to_string()),
            },
            Screen::Start(s) => {
                if let Err(e) = s.reload(&self.store) {
                    self.status = Status::error(e.to_string());
                }
            }
            _ => {}
        }
    }

    /// Before leaving an evaluation or quitting: what is being typed is saved, its
    /// history row closed.
    pub(super) fn finish(&mut self) {
        if let Screen::Eval(e) = &mut self.screen
            && let Err(msg) = e.finish(&mut self.store)
        {
            self.status = Status::error(msg);
        }
    }
}
