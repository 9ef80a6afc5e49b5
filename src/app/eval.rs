//! An open evaluation: the tabs, the cursor on each, the active editor, and the one
//! place where an edit is applied, saved (one transaction), scored and recorded for undo.

use super::edit::{Content, Edit, History, Slot};
use super::form::{FormRow, FormTab, rows as form_rows, tab_of};
use super::grid::{GridCol, GridState, parse_score, paste_block, with_score};
use super::input::{LineInput, TextInput};
use super::keys::{Action, Ctx};
use super::narrative::NarrativeState;
use super::rule_form::RuleForm;
use super::{Question, Status};
use crate::domain::check::{Column, Finding, Place, check};
use crate::domain::field::Field;
use crate::domain::model::{Evaluation, Indicator, Section};
use crate::domain::score::{ScoreSheet, score};
use crate::store::{EvalId, Store, Stored};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Form(FormTab),
    Grid,
    Narrative,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Form(FormTab::Organisation),
        Tab::Form(FormTab::Budget),
        Tab::Form(FormTab::Assets),
        Tab::Grid,
        Tab::Narrative,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Form(FormTab::Organisation) => "单位信息",
            Tab::Form(FormTab::Budget) => "预算执行",
            Tab::Form(FormTab::Assets) => "资产",
            Tab::Grid => "绩效指标",
            Tab::Narrative => "报告文字",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Where a one-line editor's text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineTarget {
    Form(FormRow),
    Cell(usize, GridCol),
    /// A typed score; the reason is asked next.
    Score(usize),
    /// The reason for a typed score.
    Reason(usize, Decimal),
}

/// Where a multi-line editor's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Field(Field),
    Narrative(Section),
    Cell(usize, GridCol),
}

pub enum Editor {
    Line { target: LineTarget, input: LineInput },
    Text { target: TextTarget, input: TextInput, dirty: bool },
    Rule(Box<RuleForm>),
}

#[derive(Debug, Default)]
pub struct PanelState {
    pub focused: bool,
    pub selected: usize,
}

pub enum Outcome {
    Stay(bool),
    Close,
}

pub struct EvalState {
    pub id: EvalId,
    pub revision: i64,
    pub ev: Evaluation,
    pub sheet: ScoreSheet,
    pub findings: Vec<Finding>,
    pub tab: Tab,
    /// The cursor (row index) of each form tab.
    pub form_cursor: [usize; 3],
    /// The first row drawn on each form tab; drawing keeps the cursor in view.
    pub form_top: [std::cell::Cell<usize>; 3],
    pub grid: GridState,
    pub narrative: NarrativeState,
    pub editor: Option<Editor>,
    pub panel: PanelState,
    /// The export menu (F6), when open.
    pub export: Option<super::export::ExportMenu>,
    /// Last year's narrative, for reference (F5), when there is a last year.
    pub reference: Option<Evaluation>,
    history: History,
}

pub fn form_index(tab: FormTab) -> usize {
    match tab {
        FormTab::Organisation => 0,
        FormTab::Budget => 1,
        FormTab::Assets => 2,
    }
}

impl EvalState {
    pub fn new(stored: Stored) -> EvalState {
        let sheet = score(&stored.evaluation);
        let findings = check(&stored.evaluation, &sheet);
        let mut state = EvalState {
            id: stored.id,
            revision: stored.revision,
            ev: stored.evaluation,
            sheet,
            findings,
            tab: Tab::Form(FormTab::Organisation),
            form_cursor: [0; 3],
            form_top: Default::default(),
            grid: GridState::default(),
            narrative: NarrativeState::default(),
            editor: None,
            panel: PanelState::default(),
            export: None,
            reference: None,
            history: History::default(),
        };
        for tab in [FormTab::Organisation, FormTab::Budget, FormTab::Assets] {
            state.form_cursor[form_index(tab)] = state.first_editable(tab);
        }
        state
    }

    fn rescore(&mut self) {
        self.sheet = score(&self.ev);
        self.findings = check(&self.ev, &self.sheet);
        self.panel.selected = self.panel.selected.min(self.findings.len().saturating_sub(1));
    }

    pub fn ctx(&self) -> Ctx {
        match &self.editor {
            Some(Editor::Line { .. }) => Ctx::Editing,
            Some(Editor::Text { .. }) => Ctx::TextArea,
            Some(Editor::Rule(r)) if r.editing.is_some() => Ctx::Editing,
            Some(Editor::Rule(_)) => Ctx::RuleForm,
            None if self.export.is_some() => Ctx::Choices,
            None if self.panel.focused => Ctx::Panel,
            None => match self.tab {
                Tab::Form(_) => Ctx::Form,
                Tab::Grid => Ctx::Grid,
                Tab::Narrative => Ctx::Narrative,
            },
        }
    }

    /// Applies new content to a slot, saves the whole evaluation in one transaction and
    /// records the edit; on a failed save the change is taken back. `typing` marks a
    /// text area saved as it is typed: its saves amend one undo step.
    pub fn apply(
        &mut self,
        store: &mut Store,
        slot: Slot,
        after: Content,
        what: String,
        typing: bool,
    ) -> Result<bool, String> {
        let before = slot.get(&self.ev);
        if before == after {
            return Ok(false);
        }
        slot.put(&mut self.ev, after.clone());
        match store.save(self.id, self.revision, &self.ev) {
            Ok(revision) => {
                self.revision = revision;
                self.rescore();
                if !(typing && self.history.amend(slot, after.clone())) {
                    let edit = Edit { slot, before, after, what };
                    if typing { self.history.record_open(edit) } else { self.history.record(edit) }
                }
                Ok(true)
            }
            Err(e) => {
                slot.put(&mut self.ev, before);
                Err(e.to_string())
            }
        }
    }

    fn undo(&mut self, store: &mut Store, status: &mut Status, redo: bool) {
        let taken = if redo { self.history.take_redo() } else { self.history.take_undo() };
        let Some(edit) = taken else {
            *status = Status::info(if redo { "没有可重做的修改" } else { "没有可撤销的修改" });
            return;
        };
        let content = if redo { edit.after.clone() } else { edit.before.clone() };
        let current = edit.slot.get(&self.ev);
        edit.slot.put(&mut self.ev, content);
        match store.save(self.id, self.revision, &self.ev) {
            Ok(revision) => {
                self.revision = revision;
                self.rescore();
                *status = Status::info(format!("{}：{}", if redo { "已重做" } else { "已撤销" }, edit.what));
                if redo { self.history.redone(edit) } else { self.history.undone(edit) }
            }
            Err(e) => {
                edit.slot.put(&mut self.ev, current);
                *status = Status::error(e.to_string());
                if redo { self.history.undone(edit) } else { self.history.redone(edit) }
            }
        }
    }

    /// Saves a text area that was typed into (called once the queued events are handled).
    pub fn save_typing(&mut self, store: &mut Store) -> Result<bool, String> {
        let Some(Editor::Text { target, input, dirty: true }) = &self.editor else { return Ok(false) };
        let (target, text) = (*target, input.text());
        let (slot, content, what) = self.text_edit(target, &text)?;
        let saved = self.apply(store, slot, content, what, true);
        if let Some(Editor::Text { dirty, .. }) = &mut self.editor {
            *dirty = saved.is_err();
        }
        saved
    }

    fn text_edit(&self, target: TextTarget, text: &str) -> Result<(Slot, Content, String), String> {
        match target {
            TextTarget::Field(f) => FormRow::Field(f).edit(&self.ev, text),
            TextTarget::Narrative(s) => {
                Ok((Slot::Narrative(s), Content::Text(text.trim_end().to_string()), format!("报告文字：{}", s.title())))
            }
            TextTarget::Cell(i, col) => {
                let mut row = self.ev.indicators.get(i).cloned().ok_or("该行已不存在")?;
                col.set(&mut row, text)?;
                Ok((Slot::Row(i), Content::Row(Box::new(row)), format!("{}：{}", self.row_name(i), col.title())))
            }
        }
    }

    pub fn row_name(&self, i: usize) -> String {
        self.ev
            .indicators
            .get(i)
            .map_or(String::new(), |r| if r.name.is_empty() { format!("第{}行", i + 1) } else { r.name.clone() })
    }

    // ----- forms -----

    pub fn form_rows(&self, tab: FormTab) -> Vec<FormRow> {
        form_rows(tab, &self.ev, &self.sheet)
    }

    fn first_editable(&self, tab: FormTab) -> usize {
        self.form_rows(tab).iter().position(FormRow::editable).unwrap_or(0)
    }

    pub fn cursor_of(&self, tab: FormTab) -> usize {
        self.form_cursor[form_index(tab)]
    }

    /// Moves a form cursor by `by` editable rows, staying on an editable row.
    fn move_form(&mut self, tab: FormTab, by: isize) {
        let rows = self.form_rows(tab);
        let editable: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.editable()).map(|(i, _)| i).collect();
        if editable.is_empty() {
            return;
        }
        let cur = self.cursor_of(tab);
        let at = editable.iter().position(|&i| i >= cur).unwrap_or(editable.len() - 1) as isize;
        let to = (at + by).clamp(0, editable.len() as isize - 1) as usize;
        self.form_cursor[form_index(tab)] = editable[to];
    }

    fn form_row(&self, tab: FormTab) -> Option<FormRow> {
        self.form_rows(tab).get(self.cursor_of(tab)).cloned().filter(FormRow::editable)
    }

    // ----- actions -----

    pub fn act(
        &mut self,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        question: &mut Option<Question>,
        page: usize,
    ) -> Outcome {
        if self.editor.is_some() {
            return Outcome::Stay(self.act_editing(action, store, status));
        }
        if let Some(menu) = &mut self.export {
            match action {
                Action::Up => menu.step(-1),
                Action::Down => menu.step(1),
                Action::Home | Action::PageUp => menu.selected = 0,
                Action::End | Action::PageDown => menu.step(10),
                Action::Cancel | Action::Back => self.export = None,
                Action::Confirm => {
                    let (choice, dir) = (menu.choice(), menu.dir.clone());
                    self.export = None;
                    *status =
                        self.export_outcome(super::export::write(&self.ev, choice, &dir, false), choice, question);
                }
                _ => return Outcome::Stay(false),
            }
            return Outcome::Stay(true);
        }
        if self.panel.focused {
            return Outcome::Stay(self.act_panel(action, status));
        }
        let changed = match action {
            Action::Back => return Outcome::Close,
            Action::Undo => {
                self.undo(store, status, false);
                true
            }
            Action::Redo => {
                self.undo(store, status, true);
                true
            }
            Action::NextTab | Action::PrevTab => {
                let by = if action == Action::NextTab { 1 } else { Tab::ALL.len() - 1 };
                self.tab = Tab::ALL[(self.tab.index() + by) % Tab::ALL.len()];
                true
            }
            Action::Panel => {
                self.panel.focused = true;
                true
            }
            Action::Export => {
                self.export = Some(super::export::ExportMenu::new());
                true
            }
            _ => match self.tab {
                Tab::Form(tab) => self.act_form(tab, action, store, status, page),
                Tab::Grid => self.act_grid(action, store, status, question, page),
                Tab::Narrative => self.act_narrative(action, status),
            },
        };
        Outcome::Stay(changed)
    }

    fn act_form(&mut self, tab: FormTab, action: Action, store: &mut Store, status: &mut Status, page: usize) -> bool {
        match action {
            Action::Up => self.move_form(tab, -1),
            Action::Down => self.move_form(tab, 1),
            Action::PageUp => self.move_form(tab, -(page as isize)),
            Action::PageDown => self.move_form(tab, page as isize),
            Action::Home => self.move_form(tab, -10_000),
            Action::End => self.move_form(tab, 10_000),
            Action::Edit => return self.edit_form(tab, None),
            Action::InsertRow => {
                let rows = self.form_rows(tab);
                let add = rows.iter().position(|r| match (r, self.form_row(tab)) {
                    (FormRow::AddUnit(l), Some(FormRow::Unit(m, _))) => *l == m,
                    (FormRow::AddFund, Some(FormRow::Fund(..))) => true,
                    _ => false,
                });
                match add {
                    Some(i) => {
                        self.form_cursor[form_index(tab)] = i;
                        return self.edit_form(tab, None);
                    }
                    None => return false,
                }
            }
            Action::DeleteRow => {
                let Some((slot, content, what)) = self.form_row(tab).and_then(|r| r.removal(&self.ev)) else {
                    *status = Status::info("这一项不能删除：可清空内容");
                    return true;
                };
                match self.apply(store, slot, content, what.clone(), false) {
                    Ok(_) => *status = Status::info(format!("已删除并保存：{what}（Ctrl+Z 撤销）")),
                    Err(e) => *status = Status::error(e),
                }
                let len = self.form_rows(tab).len();
                self.form_cursor[form_index(tab)] = self.cursor_of(tab).min(len.saturating_sub(1));
                self.move_form(tab, 0);
            }
            _ => return false,
        }
        true
    }

    /// Opens the editor for the selected form row, optionally starting from a typed character.
    fn edit_form(&mut self, tab: FormTab, first: Option<char>) -> bool {
        let Some(row) = self.form_row(tab) else { return false };
        if let Some(f) = row.long_text() {
            let mut input = TextInput::new(&f.text(&self.ev));
            if let Some(c) = first {
                input.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            self.editor = Some(Editor::Text { target: TextTarget::Field(f), dirty: first.is_some(), input });
            return true;
        }
        let text = row.text(&self.ev);
        let input = match first {
            Some(c) => LineInput::replacing(&text, c),
            None => LineInput::new(&text),
        };
        self.editor = Some(Editor::Line { target: LineTarget::Form(row), input });
        true
    }

    fn act_narrative(&mut self, action: Action, status: &mut Status) -> bool {
        match action {
            Action::Up => self.narrative.step(-1),
            Action::Down => self.narrative.step(1),
            Action::Home | Action::PageUp => self.narrative.index = 0,
            Action::End | Action::PageDown => self.narrative.index = Section::ALL.len() - 1,
            Action::Reference if self.reference.is_none() => {
                *status = Status::info(format!("没有 {}年的自评可对照", self.ev.year - 1));
            }
            Action::Reference => self.narrative.show_reference = !self.narrative.show_reference,
            Action::Edit => {
                let s = self.narrative.section();
                let input = TextInput::new(self.ev.narrative.get(s));
                self.editor = Some(Editor::Text { target: TextTarget::Narrative(s), input, dirty: false });
            }
            _ => return false,
        }
        true
    }

    fn act_panel(&mut self, action: Action, status: &mut Status) -> bool {
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
            Place::Field(f) => {
                let tab = tab_of(f);
                self.tab = Tab::Form(tab);
                if let Some(i) = self.form_rows(tab).iter().position(|r| *r == FormRow::Field(f)) {
                    self.form_cursor[form_index(tab)] = i;
                }
            }
            Place::SpecialFund(n) => {
                self.tab = Tab::Form(FormTab::Budget);
                let rows = self.form_rows(FormTab::Budget);
                if let Some(i) = rows.iter().position(|r| matches!(r, FormRow::Fund(m, _) if *m == n)) {
                    self.form_cursor[1] = i;
                }
            }
            Place::Indicator(i, column) => {
                self.tab = Tab::Grid;
                self.grid.row = i.min(self.ev.indicators.len().saturating_sub(1));
                self.grid.col = Some(match column {
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
                self.narrative.index = Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
            }
        }
    }

    // ----- the grid -----

    fn act_grid(
        &mut self,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        question: &mut Option<Question>,
        page: usize,
    ) -> bool {
        let last = self.ev.indicators.len().saturating_sub(1);
        let g = &mut self.grid;
        match action {
            Action::Up => g.row = g.row.saturating_sub(1),
            Action::Down => g.row = (g.row + 1).min(last),
            Action::PageUp => g.row = g.row.saturating_sub(page),
            Action::PageDown => g.row = (g.row + page).min(last),
            Action::Home => g.col = Some(GridCol::Level1),
            Action::End => g.col = Some(GridCol::Deviation),
            Action::Left => g.col = Some(g.col().step(-1)),
            Action::Right => g.col = Some(g.col().step(1)),
            Action::Edit => return self.edit_cell(None, status),
            Action::InsertRow => {
                let mut rows = self.ev.indicators.clone();
                let at = if rows.is_empty() { 0 } else { self.grid.row + 1 };
                let mut new = Indicator { rule: crate::domain::rule::Rule::Manual, ..Indicator::default() };
                if let Some(cur) = rows.get(self.grid.row) {
                    new.level1 = cur.level1.clone();
                    new.level2 = cur.level2.clone();
                }
                rows.insert(at, new);
                match self.apply(store, Slot::Rows, Content::Rows(rows), "插入一行".into(), false) {
                    Ok(_) => {
                        self.grid.row = at;
                        self.grid.col = Some(GridCol::Name);
                        *status = Status::info("已插入一行：填写三级指标名称");
                        return self.edit_cell(None, status);
                    }
                    Err(e) => *status = Status::error(e),
                }
            }
            Action::DeleteRow if !self.ev.indicators.is_empty() => *question = Some(Question::DeleteRow(self.grid.row)),
            Action::MoveRowUp | Action::MoveRowDown => {
                let i = self.grid.row;
                let j = if action == Action::MoveRowUp { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j <= last) };
                let Some(j) = j else { return false };
                let mut rows = self.ev.indicators.clone();
                rows.swap(i, j);
                match self.apply(store, Slot::Rows, Content::Rows(rows), format!("移动 {}", self.row_name(i)), false)
                {
                    Ok(_) => self.grid.row = j,
                    Err(e) => *status = Status::error(e),
                }
            }
            _ => return false,
        }
        true
    }

    /// The status line for an export's outcome; an existing file asks before overwriting.
    pub fn export_outcome(
        &self,
        outcome: super::export::Outcome,
        choice: super::export::Choice,
        question: &mut Option<Question>,
    ) -> Status {
        use super::export::Outcome as O;
        match outcome {
            O::Written(path) => Status::info(format!("已导出{}：{}", choice.label(), path.display())),
            O::Exists(path) => {
                *question = Some(Question::Overwrite { choice, path });
                Status::info("文件已存在")
            }
            O::Failed(msg) => Status::error(msg),
        }
    }

    pub fn delete_row(&mut self, i: usize, store: &mut Store, status: &mut Status) {
        let mut rows = self.ev.indicators.clone();
        if i >= rows.len() {
            return;
        }
        let name = self.row_name(i);
        rows.remove(i);
        match self.apply(store, Slot::Rows, Content::Rows(rows), format!("删除 {name}"), false) {
            Ok(_) => {
                *status = Status::info(format!("已删除并保存：{name}（Ctrl+Z 撤销）"));
                self.grid.row = self.grid.row.min(self.ev.indicators.len().saturating_sub(1));
            }
            Err(e) => *status = Status::error(e),
        }
    }

    fn edit_cell(&mut self, first: Option<char>, status: &mut Status) -> bool {
        let i = self.grid.row;
        let Some(row) = self.ev.indicators.get(i) else {
            *status = Status::info("还没有指标：按 Ins 插入一行");
            return true;
        };
        let col = self.grid.col();
        if col == GridCol::Rule {
            self.editor = Some(Editor::Rule(Box::new(RuleForm::new(i, row))));
            return true;
        }
        if col.is_long_text() {
            let mut input = TextInput::new(&col.text(row));
            if let Some(c) = first {
                input.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            self.editor = Some(Editor::Text { target: TextTarget::Cell(i, col), input, dirty: first.is_some() });
            return true;
        }
        let text = col.text(row);
        let input = match first {
            Some(c) => LineInput::replacing(&text, c),
            None => LineInput::new(&text),
        };
        let target = if col == GridCol::Score { LineTarget::Score(i) } else { LineTarget::Cell(i, col) };
        self.editor = Some(Editor::Line { target, input });
        true
    }

    // ----- editing -----

    /// A key no binding claimed: text for the editor, or the start of an edit.
    pub fn key(&mut self, ctx: Ctx, key: KeyEvent, status: &mut Status) -> bool {
        match &mut self.editor {
            Some(Editor::Line { input, .. }) => return input.key(key),
            Some(Editor::Text { input, dirty, .. }) => {
                let changed = input.key(key);
                *dirty |= changed;
                return changed;
            }
            Some(Editor::Rule(form)) => return form.key(key),
            None => {}
        }
        let KeyCode::Char(c) = key.code else { return false };
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) || c.is_control() {
            return false;
        }
        match (ctx, self.tab) {
            (Ctx::Form, Tab::Form(tab)) => self.edit_form(tab, Some(c)),
            (Ctx::Grid, Tab::Grid) => self.edit_cell(Some(c), status),
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str, store: &mut Store, status: &mut Status) -> bool {
        match &mut self.editor {
            Some(Editor::Line { input, .. }) => input.paste(text),
            Some(Editor::Text { input, dirty, .. }) => {
                input.paste(text);
                *dirty = true;
            }
            Some(Editor::Rule(form)) => form.paste(text),
            None if self.tab == Tab::Grid && !self.panel.focused => {
                let result =
                    paste_block(&self.ev, self.grid.row, self.grid.col(), text).and_then(|(slot, content, what)| {
                        self.apply(store, slot, content, what.clone(), false).map(|_| what)
                    });
                *status = match result {
                    Ok(what) => Status::info(format!("已保存：{what}")),
                    Err(e) => Status::error(format!("未粘贴：{e}")),
                };
            }
            None => {
                if let Tab::Form(tab) = self.tab {
                    self.edit_form(tab, None);
                    return self.paste(text, store, status);
                }
                return false;
            }
        }
        true
    }

    fn act_editing(&mut self, action: Action, store: &mut Store, status: &mut Status) -> bool {
        match self.editor.take() {
            Some(Editor::Line { target, mut input }) => {
                match action {
                    Action::Cancel if input.changed() && !input.cancel_armed => {
                        input.cancel_armed = true;
                        *status = Status::info("再按一次 Esc 放弃修改，Enter 保存");
                        self.editor = Some(Editor::Line { target, input });
                    }
                    Action::Cancel => *status = Status::info("已取消，未修改"),
                    Action::Confirm | Action::ConfirmNext => match self.confirm_line(&target, &input.text(), store) {
                        Ok(Some(next)) => self.editor = Some(next),
                        Ok(None) => {
                            *status = Status::info(format!("已保存：{}", self.describe(&target)));
                            if action == Action::ConfirmNext {
                                self.advance();
                                if matches!(target, LineTarget::Form(_) | LineTarget::Cell(..)) {
                                    self.reopen();
                                }
                            } else if matches!(target, LineTarget::Form(_) | LineTarget::Cell(..)) {
                                // As in a spreadsheet: Enter confirms and moves down.
                                self.move_down();
                            }
                        }
                        Err(msg) => {
                            *status = Status::error(msg.clone());
                            input.error = Some(msg);
                            self.editor = Some(Editor::Line { target, input });
                        }
                    },
                    _ => self.editor = Some(Editor::Line { target, input }),
                }
                true
            }
            Some(Editor::Text { target, input, dirty }) => {
                self.editor = Some(Editor::Text { target, input, dirty });
                if let Err(e) = self.save_typing(store) {
                    *status = Status::error(e);
                    return true;
                }
                self.history.seal();
                self.editor = None;
                *status = Status::info(format!("已保存：{}", self.text_target_name(target)));
                if action == Action::ConfirmNext {
                    self.advance();
                }
                true
            }
            Some(Editor::Rule(mut form)) => {
                match form.act(action, &self.ev, &self.sheet) {
                    super::rule_form::Outcome::Stay => self.editor = Some(Editor::Rule(form)),
                    super::rule_form::Outcome::Cancel => *status = Status::info("未修改评分规则"),
                    super::rule_form::Outcome::Save(rule) => {
                        let i = form.row;
                        let mut row = self.ev.indicators.get(i).cloned().unwrap_or_default();
                        row.rule = rule;
                        match self.apply(
                            store,
                            Slot::Row(i),
                            Content::Row(Box::new(row)),
                            format!("{}：评分规则", self.row_name(i)),
                            false,
                        ) {
                            Ok(_) => *status = Status::info(format!("已保存：{}：评分规则", self.row_name(i))),
                            Err(e) => {
                                *status = Status::error(e);
                                self.editor = Some(Editor::Rule(form));
                            }
                        }
                    }
                }
                true
            }
            None => false,
        }
    }

    fn text_target_name(&self, target: TextTarget) -> String {
        match target {
            TextTarget::Field(f) => f.place(),
            TextTarget::Narrative(s) => format!("报告文字：{}", s.title()),
            TextTarget::Cell(i, col) => format!("{}：{}", self.row_name(i), col.title()),
        }
    }

    fn describe(&self, target: &LineTarget) -> String {
        match target {
            LineTarget::Form(row) => row.label(),
            // The cell is in view: its column is enough.
            LineTarget::Cell(_, col) => col.title().to_string(),
            LineTarget::Score(_) | LineTarget::Reason(..) => "得分".into(),
        }
    }

    /// Confirms a one-line editor: saves, or opens the next editor (a score's reason),
    /// or says why the text is refused (the stored value stays as it was).
    fn confirm_line(&mut self, target: &LineTarget, text: &str, store: &mut Store) -> Result<Option<Editor>, String> {
        let (slot, content, what) = match target {
            LineTarget::Form(row) => row.edit(&self.ev, text)?,
            LineTarget::Cell(i, col) => {
                let mut row = self.ev.indicators.get(*i).cloned().ok_or("该行已不存在")?;
                col.set(&mut row, text)?;
                (Slot::Row(*i), Content::Row(Box::new(row)), format!("{}：{}", self.row_name(*i), col.title()))
            }
            LineTarget::Score(i) => {
                let row = self.ev.indicators.get(*i).ok_or("该行已不存在")?;
                match parse_score(row, text)? {
                    Some(score) => {
                        let reason = row.entered.as_ref().map(|e| e.reason.clone()).unwrap_or_default();
                        return Ok(Some(Editor::Line {
                            target: LineTarget::Reason(*i, score),
                            input: LineInput::new(&reason),
                        }));
                    }
                    None => (
                        Slot::Row(*i),
                        Content::Row(Box::new(with_score(row, None, "")?)),
                        format!("{}：恢复按规则计分", self.row_name(*i)),
                    ),
                }
            }
            LineTarget::Reason(i, score) => {
                let row = self.ev.indicators.get(*i).ok_or("该行已不存在")?;
                (
                    Slot::Row(*i),
                    Content::Row(Box::new(with_score(row, Some(*score), text)?)),
                    format!("{}：填报得分", self.row_name(*i)),
                )
            }
        };
        self.apply(store, slot, content, what, false)?;
        // A renamed organisation or a changed year may have moved rows; keep the cursor valid.
        if let LineTarget::Form(_) = target
            && let Tab::Form(tab) = self.tab
        {
            let len = self.form_rows(tab).len();
            self.form_cursor[form_index(tab)] = self.cursor_of(tab).min(len.saturating_sub(1));
        }
        Ok(None)
    }

    /// Moves to the next field or cell (after Tab in an editor).
    fn advance(&mut self) {
        match self.tab {
            Tab::Form(tab) => self.move_form(tab, 1),
            Tab::Grid => self.grid.col = Some(self.grid.col().step(1)),
            Tab::Narrative => self.narrative.step(1),
        }
    }

    /// Moves to the row below (after Enter in an editor), staying on the last one.
    fn move_down(&mut self) {
        match self.tab {
            Tab::Form(tab) => self.move_form(tab, 1),
            Tab::Grid => self.grid.row = (self.grid.row + 1).min(self.ev.indicators.len().saturating_sub(1)),
            Tab::Narrative => {}
        }
    }

    /// Opens the editor again on the new position (Tab moves from field to field).
    fn reopen(&mut self) {
        let mut ignored = Status::default();
        match self.tab {
            Tab::Form(tab) if self.form_row(tab).is_some_and(|r| r.long_text().is_none()) => {
                self.edit_form(tab, None);
            }
            Tab::Grid
                if !matches!(self.grid.col(), GridCol::Rule | GridCol::Score) && !self.grid.col().is_long_text() =>
            {
                self.edit_cell(None, &mut ignored);
            }
            _ => {}
        }
    }
}
