//! Moving around an open evaluation: the narrative sections, the findings panel, jumping to a finding, the export menu's outcome.

use super::*;
use crate::app::narrative::TextItem;

impl EvalState {
    pub(super) fn act_narrative(&mut self, action: Action, status: &mut Status) -> bool {
        let kind = self.ev.kind;
        match action {
            Action::Up => self.narrative.step(-1, kind),
            Action::Down => self.narrative.step(1, kind),
            Action::Home | Action::PageUp => self.narrative.index = 0,
            Action::End | Action::PageDown => self.narrative.index = TextItem::of_kind(kind).len() - 1,
            Action::Reference if self.reference.is_none() => {
                *status = Status::info(format!("没有 {}年的自评可对照", self.ev.year - 1));
            }
            Action::Reference => self.narrative.show_reference = !self.narrative.show_reference,
            Action::Edit => {
                let item = self.narrative.item(kind);
                let input = Box::new(TextInput::new(&item.text(&self.ev)));
                let target = match item {
                    TextItem::Goal(f) => TextTarget::Field(f),
                    TextItem::Section(s) => TextTarget::Narrative(s),
                };
                self.editor = Some(Editor::Text { target, input, dirty: false });
            }
            _ => return false,
        }
        true
    }

    pub(super) fn act_panel(&mut self, action: Action, status: &mut Status) -> bool {
        let last = self.findings.len().saturating_sub(1);
        match action {
            Action::Up => self.panel.selected = self.panel.selected.saturating_sub(1),
            Action::Down => self.panel.selected = (self.panel.selected + 1).min(last),
            Action::Home | Action::PageUp => self.panel.selected = 0,
            Action::End | Action::PageDown => self.panel.selected = last,
            Action::Back | Action::Panel => self.panel.focused = false,
            Action::Jump => {
                if let Some(f) = self.findings.get(self.panel.selected) {
                    let place = f.place;
                    *status = Status::info(f.message.clone());
                    self.jump(place);
                }
                self.panel.focused = false;
            }
            _ => return false,
        }
        true
    }

    /// Shows the place a finding concerns.
    pub fn jump(&mut self, place: Place) {
        match place {
            Place::Field(f) => match tab_of(f, self.ev.kind) {
                Some(tab) => {
                    self.tab = Tab::Form(tab);
                    if let Some(i) = self.form_rows(tab).iter().position(|r| *r == FormRow::Field(f)) {
                        self.form_cursor[form_index(tab)] = i;
                    }
                }
                None => {
                    self.tab = Tab::Narrative;
                    self.narrative.select(TextItem::Goal(f), self.ev.kind);
                }
            },
            Place::SpecialFund(n) => {
                self.tab = Tab::Form(FormTab::Budget);
                let rows = self.form_rows(FormTab::Budget);
                if let Some(i) = rows.iter().position(|r| matches!(r, FormRow::Fund(m, _) if *m == n)) {
                    self.form_cursor[form_index(FormTab::Budget)] = i;
                }
            }
            Place::Indicator(i, column) => {
                self.tab = Tab::Grid;
                self.grid.row = i.min(self.ev.indicators.len().saturating_sub(1));
                self.grid.col = Some(match column {
                    Column::Level1 => GridCol::Level1,
                    Column::Level2 => GridCol::Level2,
                    Column::Name => GridCol::Name,
                    Column::Target => GridCol::Target,
                    Column::Actual => GridCol::Actual,
                    Column::Criterion => GridCol::Criterion,
                    Column::Weight => GridCol::Weight,
                    Column::Score => GridCol::Score,
                    Column::Rule => GridCol::Rule,
                    Column::DeviationReason => GridCol::Deviation,
                });
            }
            Place::Indicators => {
                self.tab = Tab::Grid;
                self.grid.col = Some(GridCol::Weight);
            }
            Place::Narrative(s) => {
                self.tab = Tab::Narrative;
                self.narrative.select(TextItem::Section(s), self.ev.kind);
            }
        }
    }

    /// The status line for an export's outcome; an existing file asks before overwriting.
    pub fn export_outcome(
        &self,
        outcome: crate::app::export::Outcome,
        choice: crate::app::export::Choice,
        question: &mut Option<Question>,
    ) -> Status {
        use crate::app::export::Outcome as O;
        match outcome {
            O::Written(path) => Status::info(format!("已导出{}：{}", choice.label(), path.display())),
            O::Exists(path) => {
                *question = Some(Question::Overwrite { choice, path });
                Status::info("文件已存在")
            }
            O::Failed(msg) => Status::error(msg),
        }
    }
}

impl EvalState {
    /// Where the user is, to be stored when the evaluation is left.
    pub fn where_left(&self) -> crate::store::Place {
        let cols = &crate::app::grid::GridCol::ALL;
        crate::store::Place {
            tab: self.tabs().iter().position(|t| *t == self.tab).unwrap_or(0),
            grid_row: self.grid.row,
            grid_col: cols.iter().position(|x| *x == self.grid.col()).unwrap_or(0),
            text_item: self.narrative.index,
        }
    }

    /// Goes back to a stored place; what no longer fits (a row deleted since, a tab of
    /// another kind) is left at its default.
    pub fn go_to(&mut self, place: crate::store::Place) {
        if let Some(tab) = self.tabs().get(place.tab) {
            self.tab = *tab;
        }
        if place.grid_row < self.ev.indicators.len() {
            self.grid.row = place.grid_row;
        }
        self.grid.col = crate::app::grid::GridCol::ALL.get(place.grid_col).copied().or(self.grid.col);
        if place.text_item < TextItem::of_kind(self.ev.kind).len() {
            self.narrative.index = place.text_item;
        }
    }
}
