//! A confirmed edit: which part of the evaluation it changed (a [`Slot`], see
//! `domain::change`), and the content before and after. Applying `after` or `before` is
//! all undo and redo need, and each edit holds only the part it touched (a field, a
//! row), not a copy of the evaluation.

pub use crate::domain::change::{Content, Slot, UnitList};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub slot: Slot,
    pub before: Content,
    pub after: Content,
    /// What changed, for the status line: `新增规上企业：实际完成值`.
    pub what: String,
}

/// Undo and redo stacks of confirmed edits.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The last edit is still being typed (a text area): later saves amend it.
    open: bool,
}

/// How many edits can be undone; older ones are forgotten.
const DEPTH: usize = 200;

impl History {
    pub fn record(&mut self, edit: Edit) {
        self.open = false;
        self.redo.clear();
        self.undo.push(edit);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Records an edit that later saves of the same slot will amend.
    pub fn record_open(&mut self, edit: Edit) {
        self.record(edit);
        self.open = true;
    }

    /// Folds a further change of the same slot into the open edit (a text area saved
    /// as it is typed is one undo step). False if there is no such open edit.
    pub fn amend(&mut self, slot: Slot, after: Content) -> bool {
        match self.undo.last_mut() {
            Some(last) if self.open && last.slot == slot => {
                last.after = after;
                true
            }
            _ => false,
        }
    }

    /// Ends the open edit: the next save of the slot is a new undo step.
    pub fn seal(&mut self) {
        self.open = false;
    }

    pub fn take_undo(&mut self) -> Option<Edit> {
        self.open = false;
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Edit> {
        self.redo.pop()
    }

    /// Puts an undone edit where redo finds it.
    pub fn undone(&mut self, edit: Edit) {
        self.redo.push(edit);
    }

    /// Puts a redone edit back on the undo stack.
    pub fn redone(&mut self, edit: Edit) {
        self.undo.push(edit);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}
