//! Saving from an open evaluation: the one check that it may be changed, applying a change
//! (scored once, written as a small change with its history row), the typing of a text
//! and its end, undo and redo, and what a store error means on screen.

use super::*;

impl EvalState {
    /// The one check before any change: a filed evaluation is read-only. Every editor,
    /// row operation, paste and undo asks this before it starts.
    pub fn editable(&self) -> Result<(), String> {
        match &self.filing {
            None => Ok(()),
            Some(f) => Err(format!("{}，只读；F8 解锁（须写明原因）", f.label())),
        }
    }

    /// Whether the last save found the database busy, since this was last asked.
    pub fn take_busy(&mut self) -> bool {
        std::mem::take(&mut self.busy)
    }

    /// A store error as the status line says it; notes a busy database for the retry.
    pub(super) fn store_error(&mut self, e: StoreError) -> String {
        match e {
            StoreError::Busy => {
                self.busy = true;
                "数据库正被其他程序写入，正在等待……（Esc 取消）".into()
            }
            StoreError::Filed { at, by } => {
                self.filing = Some(Filing { at: at.clone(), by: by.clone() });
                StoreError::Filed { at, by }.to_string()
            }
            e => e.to_string(),
        }
    }

    /// Applies new content to a slot: scores and checks once, then saves only that slot
    /// with the totals and a history row, in one transaction; records the edit for undo.
    /// On a failed save the change is taken back. `typing` marks a text area saved as it
    /// is typed: its later saves are one small write each and amend one undo step.
    pub fn apply(
        &mut self,
        store: &mut Store,
        slot: Slot,
        after: Content,
        what: String,
        typing: bool,
    ) -> Result<bool, String> {
        self.editable()?;
        let before = slot.get(&self.ev);
        if before == after {
            return Ok(false);
        }
        let amending = typing && self.typing.as_ref().is_some_and(|(s, ..)| *s == slot);
        if !amending {
            self.seal(store);
        }
        slot.put(&mut self.ev, after.clone());
        self.rescore(Some(slot));
        let saved = if amending {
            store.amend(self.id, self.revision, slot, &after, &self.cached).map(|()| None)
        } else {
            let change = Change { slot, before: before.clone(), after: after.clone() };
            store.apply(self.id, self.revision, &change, ChangeKind::Edit, &what, typing, &self.cached).map(Some)
        };
        match saved {
            Ok(applied) => {
                if let Some(applied) = applied {
                    self.revision = applied.revision;
                    if typing {
                        self.typing = Some((slot, applied.change, before.clone()));
                    }
                }
                if !(typing && self.history.amend(slot, after.clone())) {
                    let edit = Edit { slot, before, after, what };
                    if typing { self.history.record_open(edit) } else { self.history.record(edit) }
                }
                Ok(true)
            }
            Err(e) => {
                slot.put(&mut self.ev, before);
                self.rescore(Some(slot));
                Err(self.store_error(e))
            }
        }
    }

    /// Ends a text's typing: its history row gets the whole change and is closed.
    pub fn seal(&mut self, store: &mut Store) {
        let Some((slot, row, before)) = self.typing.take() else { return };
        let change = Change { slot, before, after: slot.get(&self.ev) };
        // If this fails (busy, or changed elsewhere), the next change of this evaluation
        // closes the row with the text as stored.
        if let Ok(revision) = store.seal(self.id, self.revision, row, &change) {
            self.revision = revision;
        }
    }

    pub(super) fn undo(&mut self, store: &mut Store, status: &mut Status, redo: bool) {
        if let Err(e) = self.editable() {
            *status = Status::error(e);
            return;
        }
        self.seal(store);
        let taken = if redo { self.history.take_redo() } else { self.history.take_undo() };
        let Some(edit) = taken else {
            *status = Status::info(if redo { "没有可重做的修改" } else { "没有可撤销的修改" });
            return;
        };
        let to = if redo { &edit.after } else { &edit.before };
        let current = edit.slot.get(&self.ev);
        edit.slot.put(&mut self.ev, to.clone());
        self.rescore(Some(edit.slot));
        let change = Change { slot: edit.slot, before: current.clone(), after: to.clone() };
        let (kind, verb) = if redo { (ChangeKind::Redo, "已重做") } else { (ChangeKind::Undo, "已撤销") };
        let label = format!("{}：{}", kind.label(), edit.what);
        match store.apply(self.id, self.revision, &change, kind, &label, false, &self.cached) {
            Ok(applied) => {
                self.revision = applied.revision;
                *status = Status::info(format!("{verb}：{}", edit.what));
                if redo { self.history.redone(edit) } else { self.history.undone(edit) }
            }
            Err(e) => {
                edit.slot.put(&mut self.ev, current);
                self.rescore(Some(edit.slot));
                *status = Status::error(self.store_error(e));
                if redo { self.history.undone(edit) } else { self.history.redone(edit) }
            }
        }
    }

    /// Shows the history of this evaluation (F7).
    pub fn open_log(&mut self, store: &mut Store, status: &mut Status) {
        self.seal(store);
        match store.changes(self.id) {
            Ok(records) => {
                *status = Status::info(format!("修改记录：共 {} 条，最新的在上", records.len()));
                self.log = Some(crate::app::log::LogView::new(records));
            }
            Err(e) => *status = Status::error(e.to_string()),
        }
    }

    /// Before the evaluation is closed or the app quits: a text being typed is saved and
    /// its history row closed.
    pub fn finish(&mut self, store: &mut Store) -> Result<bool, String> {
        let saved = self.save_typing(store);
        self.seal(store);
        saved
    }
}
