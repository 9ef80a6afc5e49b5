//! The history of an evaluation (修改记录, F7): every saved change, newest first, with
//! when, who, where, and the old and new value. It can be narrowed to one field (`f` on
//! a change: only that place's changes) or to what a typed filter matches, and Enter
//! jumps to the place a change concerns.

use super::input::LineInput;
use super::keys::{Action, Ctx};
use super::list_move;
use crate::domain::check::{Column, Place};
use crate::domain::field::Field;
use crate::domain::model::Section;
use crate::store::ChangeRecord;

pub struct LogView {
    /// Newest first.
    pub records: Vec<ChangeRecord>,
    /// The records shown (indexes into `records`), after the filters.
    pub shown: Vec<usize>,
    /// The selected line of `shown`.
    pub selected: usize,
    /// Only the changes of this place (`f`).
    pub place: Option<(String, String)>,
    /// Only the changes whose words contain each word of this.
    pub filter: String,
    /// The filter being typed (`/`).
    pub filter_input: Option<LineInput>,
}

pub enum Outcome {
    Stay(bool),
    Close,
    /// Close and show this place (`None`: the place has no single spot, such as the year).
    Jump(Option<Place>, String),
}

impl LogView {
    pub fn new(mut records: Vec<ChangeRecord>) -> LogView {
        records.reverse();
        let mut view =
            LogView { records, shown: Vec::new(), selected: 0, place: None, filter: String::new(), filter_input: None };
        view.refresh();
        view
    }

    pub fn ctx(&self) -> Ctx {
        if self.filter_input.is_some() { Ctx::Filter } else { Ctx::Log }
    }

    pub fn record(&self) -> Option<&ChangeRecord> {
        self.shown.get(self.selected).map(|&i| &self.records[i])
    }

    fn refresh(&mut self) {
        let words: Vec<&str> = self.filter.split_whitespace().collect();
        self.shown = (0..self.records.len())
            .filter(|&i| {
                let r = &self.records[i];
                let place_ok = self.place.as_ref().is_none_or(|(p, _)| *p == r.place);
                let text =
                    format!("{} {} {} {} {} {} {}", r.label, r.kind.label(), r.who(), r.at, r.old, r.new, r.note);
                place_ok && words.iter().all(|w| text.contains(w))
            })
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Typed text for the filter being typed.
    pub fn key(&mut self, key: crossterm::event::KeyEvent) -> bool {
        let Some(input) = &mut self.filter_input else { return false };
        let changed = input.key(key);
        self.filter = input.text();
        self.refresh();
        changed
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let Some(input) = &mut self.filter_input else { return false };
        input.paste(text);
        self.filter = input.text();
        self.refresh();
        true
    }

    pub fn act(&mut self, action: Action, page: usize) -> Outcome {
        if self.filter_input.is_some() {
            match action {
                Action::Confirm | Action::Down | Action::Up => self.filter_input = None,
                Action::Cancel => {
                    self.filter_input = None;
                    self.filter.clear();
                    self.refresh();
                }
                _ => return Outcome::Stay(false),
            }
            return Outcome::Stay(true);
        }
        if let Some(to) = list_move(self.selected, self.shown.len(), action, page) {
            self.selected = to;
            return Outcome::Stay(true);
        }
        match action {
            Action::Back if self.place.is_some() || !self.filter.is_empty() => {
                self.place = None;
                self.filter.clear();
                self.refresh();
            }
            Action::Back | Action::Log => return Outcome::Close,
            Action::Filter => self.filter_input = Some(LineInput::new(&self.filter)),
            Action::Only => match (self.place.take(), self.record()) {
                (Some(_), _) => self.refresh(),
                (None, Some(r)) if !r.place.is_empty() => {
                    let keep = r.id;
                    self.place = Some((r.place.clone(), r.label.clone()));
                    self.refresh();
                    self.selected = self.shown.iter().position(|&i| self.records[i].id == keep).unwrap_or(0);
                }
                (None, _) => return Outcome::Stay(false),
            },
            Action::Jump | Action::Edit => {
                let Some(r) = self.record() else { return Outcome::Stay(false) };
                return Outcome::Jump(place_of(&r.place), r.label.clone());
            }
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }
}

/// The place a history key names, for jumping to it (`None` for the whole evaluation,
/// its organisation's name, year or project name, and the lists of units).
pub fn place_of(key: &str) -> Option<Place> {
    let parts: Vec<&str> = key.split(':').collect();
    match parts[..] {
        ["field", column] => Field::from_column(column).map(Place::Field),
        ["narrative", section] => Section::from_key(section).map(Place::Narrative),
        ["special_funds"] => Some(Place::SpecialFund(0)),
        ["indicators"] => Some(Place::Indicators),
        ["indicator", n] => n.parse::<usize>().ok().filter(|n| *n > 0).map(|n| Place::Indicator(n - 1, Column::Name)),
        ["indicator", n, column] => {
            let n = n.parse::<usize>().ok().filter(|n| *n > 0)?;
            let column = match column {
                "target" => Column::Target,
                "actual" => Column::Actual,
                "weight" => Column::Weight,
                "criterion" => Column::Criterion,
                "rule" => Column::Rule,
                "score" => Column::Score,
                "deviation_reason" => Column::DeviationReason,
                _ => Column::Name,
            };
            Some(Place::Indicator(n - 1, column))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keys_lead_back_to_their_places() {
        assert_eq!(place_of("field:funds_executed"), Some(Place::Field(Field::FundsExecuted)));
        assert_eq!(place_of("indicator:3:actual"), Some(Place::Indicator(2, Column::Actual)));
        assert_eq!(place_of("indicator:2"), Some(Place::Indicator(1, Column::Name)));
        assert_eq!(place_of("narrative:conclusion"), Some(Place::Narrative(Section::Conclusion)));
        assert_eq!(place_of("year"), None);
        assert_eq!(place_of("indicator:0:actual"), None);
        assert_eq!(place_of("field:no_such_column"), None);
    }
}
