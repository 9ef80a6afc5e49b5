//! A confirmed edit: which part of the evaluation it changed, and the content before
//! and after. Applying `after` or `before` is all undo and redo need, and each edit
//! holds only the part it touched (a field, a row), not a copy of the evaluation.

use crate::domain::field::{Field, FieldValue};
use crate::domain::model::{Evaluation, Indicator, Section, SpecialFund};
use crate::domain::template::Template;

/// One of the two lists of unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitList {
    Internal,
    Subordinate,
}

impl UnitList {
    pub fn title(self) -> &'static str {
        match self {
            UnitList::Internal => "内设股室",
            UnitList::Subordinate => "所属事业单位",
        }
    }

    pub fn names(self, ev: &Evaluation) -> &Vec<String> {
        match self {
            UnitList::Internal => &ev.organisation.internal_units,
            UnitList::Subordinate => &ev.organisation.subordinate_units,
        }
    }

    fn names_mut(self, ev: &mut Evaluation) -> &mut Vec<String> {
        match self {
            UnitList::Internal => &mut ev.organisation.internal_units,
            UnitList::Subordinate => &mut ev.organisation.subordinate_units,
        }
    }
}

/// A part of an evaluation that one edit replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Field(Field),
    Name,
    Year,
    /// A project's 项目名称 (its identity within the organisation-year).
    ProjectName,
    Narrative(Section),
    Units(UnitList),
    SpecialFunds,
    /// One indicator row.
    Row(usize),
    /// The whole grid (row insertions, deletions, moves, pastes).
    Rows,
    /// The evaluation's template (a setting changed, or another template chosen).
    Template,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Field(FieldValue),
    Text(String),
    Year(i32),
    Names(Vec<String>),
    Funds(Vec<SpecialFund>),
    Row(Box<Indicator>),
    Rows(Vec<Indicator>),
    Template(Box<Template>),
}

impl Slot {
    pub fn get(self, ev: &Evaluation) -> Content {
        match self {
            Slot::Field(f) => Content::Field(f.get(ev)),
            Slot::Name => Content::Text(ev.organisation.name.clone()),
            Slot::ProjectName => Content::Text(ev.project.name.clone()),
            Slot::Year => Content::Year(ev.year),
            Slot::Narrative(s) => Content::Text(ev.narrative.get(s).to_string()),
            Slot::Units(l) => Content::Names(l.names(ev).clone()),
            Slot::SpecialFunds => Content::Funds(ev.special_funds.clone()),
            Slot::Row(i) => Content::Row(Box::new(ev.indicators.get(i).cloned().unwrap_or_default())),
            Slot::Rows => Content::Rows(ev.indicators.clone()),
            Slot::Template => Content::Template(Box::new(ev.template.clone())),
        }
    }

    /// Puts content back into its slot. Content of the wrong shape is a programming
    /// error; it is ignored rather than allowed to corrupt the evaluation.
    pub fn put(self, ev: &mut Evaluation, content: Content) {
        match (self, content) {
            (Slot::Field(f), Content::Field(v)) => {
                f.set(ev, v);
            }
            (Slot::Name, Content::Text(t)) => ev.organisation.name = t,
            (Slot::ProjectName, Content::Text(t)) => ev.project.name = t,
            (Slot::Year, Content::Year(y)) => ev.year = y,
            (Slot::Narrative(s), Content::Text(t)) => *ev.narrative.get_mut(s) = t,
            (Slot::Units(l), Content::Names(n)) => *l.names_mut(ev) = n,
            (Slot::SpecialFunds, Content::Funds(f)) => ev.special_funds = f,
            (Slot::Row(i), Content::Row(r)) => {
                if let Some(row) = ev.indicators.get_mut(i) {
                    *row = *r;
                }
            }
            (Slot::Rows, Content::Rows(r)) => ev.indicators = r,
            (Slot::Template, Content::Template(t)) => ev.template = *t,
            (slot, content) => debug_assert!(false, "{content:?} does not fit {slot:?}"),
        }
    }
}

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
