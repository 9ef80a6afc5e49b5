//! The narrative tab: the texts an evaluation's report is written from, and which one
//! is selected. A department's are the report's sections; a project's are its
//! 年度总体目标 (预期目标, 实际完成情况) and then its sections.

use crate::domain::field::Field;
use crate::domain::model::{Evaluation, Section};
use crate::domain::project::Kind;

/// One text of the narrative tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextItem {
    /// 预期目标 or 实际完成情况 of a project's 年度总体目标.
    Goal(Field),
    Section(Section),
}

impl TextItem {
    /// The texts of an evaluation of `kind`, in order.
    pub fn of_kind(kind: Kind) -> Vec<TextItem> {
        let goal = match kind {
            Kind::Department => vec![],
            Kind::Project => vec![TextItem::Goal(Field::GoalExpected), TextItem::Goal(Field::GoalAchieved)],
        };
        goal.into_iter().chain(Section::of_kind(kind).iter().map(|s| TextItem::Section(*s))).collect()
    }

    pub fn title(self) -> &'static str {
        match self {
            TextItem::Goal(f) => f.label(),
            TextItem::Section(s) => s.title(),
        }
    }

    pub fn text(self, ev: &Evaluation) -> String {
        match self {
            TextItem::Goal(f) => f.text(ev),
            TextItem::Section(s) => ev.narrative.get(s).to_string(),
        }
    }
}

#[derive(Debug, Default)]
pub struct NarrativeState {
    pub index: usize,
    /// Last year's text of the selected section is shown beside it (F5).
    pub show_reference: bool,
}

impl NarrativeState {
    pub fn item(&self, kind: Kind) -> TextItem {
        let items = TextItem::of_kind(kind);
        items[self.index.min(items.len() - 1)]
    }

    pub fn step(&mut self, by: isize, kind: Kind) {
        let last = TextItem::of_kind(kind).len() as isize - 1;
        self.index = (self.index as isize + by).clamp(0, last) as usize;
    }

    /// Selects `item` if the kind has it.
    pub fn select(&mut self, item: TextItem, kind: Kind) {
        if let Some(i) = TextItem::of_kind(kind).iter().position(|x| *x == item) {
            self.index = i;
        }
    }
}
