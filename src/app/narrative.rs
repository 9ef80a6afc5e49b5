//! The narrative tab: which section is selected.

use crate::domain::model::Section;

#[derive(Debug, Default)]
pub struct NarrativeState {
    pub index: usize,
    /// Last year's text of the selected section is shown beside it (F5).
    pub show_reference: bool,
}

impl NarrativeState {
    pub fn section(&self) -> Section {
        Section::ALL[self.index.min(Section::ALL.len() - 1)]
    }

    pub fn step(&mut self, by: isize) {
        self.index = (self.index as isize + by).clamp(0, Section::ALL.len() as isize - 1) as usize;
    }
}
