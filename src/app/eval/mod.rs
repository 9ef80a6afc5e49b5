//! An open evaluation: the tabs, the cursor on each, the active editor, and the one
//! place where an edit is applied, saved (one transaction), scored and recorded for undo.

mod editing;
mod forms;
mod grid;
mod navigate;

use super::edit::{Content, Edit, History, Slot};
use super::form::{FormRow, FormTab, rows as form_rows, tab_of};
use super::grid::{GridCol, GridState, parse_score, paste_block, with_score};
use super::input::{LineInput, TextInput};
use super::keys::{Action, Ctx};
use super::narrative::NarrativeState;
use super::{Question, Status};
use crate::app::rule_form::RuleForm;
use crate::domain::change::Change;
use crate::domain::check::{Column, Finding, Place, agreement, check};
use crate::domain::field::Field;
use crate::domain::model::{Evaluation, Indicator, Section};
use crate::domain::project::{Kind, ProjectLine};
use crate::domain::score::{ScoreSheet, score};
use crate::store::{Cached, ChangeKind, EvalId, Filing, Store, StoreError, Stored};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Form(FormTab),
    Grid,
    Narrative,
}

impl Tab {
    /// A department's tabs.
    pub const DEPARTMENT: [Tab; 5] = [
        Tab::Form(FormTab::Organisation),
        Tab::Form(FormTab::Budget),
        Tab::Form(FormTab::Assets),
        Tab::Grid,
        Tab::Narrative,
    ];
    /// A project's tabs: no department chapters.
    pub const PROJECT: [Tab; 4] =
        [Tab::Form(FormTab::Project), Tab::Form(FormTab::ProjectFunds), Tab::Grid, Tab::Narrative];

    pub fn of_kind(kind: Kind) -> &'static [Tab] {
        match kind {
            Kind::Department => &Tab::DEPARTMENT,
            Kind::Project => &Tab::PROJECT,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Form(FormTab::Organisation) => "单位信息",
            Tab::Form(FormTab::Budget) => "预算执行",
            Tab::Form(FormTab::Assets) => "资产",
            Tab::Form(FormTab::Project) => "项目信息",
            Tab::Form(FormTab::ProjectFunds) => "项目资金",
            Tab::Grid => "绩效指标",
            Tab::Narrative => "报告文字",
        }
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
    /// File this evaluation, or unlock it (asked by the app).
    Lock,
}

pub struct EvalState {
    pub id: EvalId,
    pub revision: i64,
    pub ev: Evaluation,
    pub sheet: ScoreSheet,
    pub findings: Vec<Finding>,
    /// The year's projects, when this is their department's evaluation: listed under
    /// 四、项目绩效目标完成情况, checked against the 专项资金 rows, exported in the report.
    pub projects: Vec<ProjectLine>,
    pub tab: Tab,
    /// The cursor (row index) of each form tab, by `FormTab::index`.
    pub form_cursor: [usize; 5],
    /// The first row drawn on each form tab; drawing keeps the cursor in view.
    pub form_top: [std::cell::Cell<usize>; 5],
    pub grid: GridState,
    pub narrative: NarrativeState,
    pub editor: Option<Editor>,
    pub panel: PanelState,
    /// The export menu (F6), when open.
    pub export: Option<crate::app::export::ExportMenu>,
    /// Last year's narrative, for reference (F5), when there is a last year.
    pub reference: Option<Evaluation>,
    /// Filed (已提交): read-only until unlocked.
    pub filing: Option<Filing>,
    /// The history of changes (修改记录, F7), when shown.
    pub log: Option<crate::app::log::LogView>,
    /// The totals and counts as stored for the list, from the last scoring.
    cached: Cached,
    /// A text being typed: its slot, its history row and its content before typing.
    typing: Option<(Slot, i64, Content)>,
    /// The last save found the database busy (another program writing).
    busy: bool,
    history: History,
}

pub fn form_index(tab: FormTab) -> usize {
    tab.index()
}

impl EvalState {
    /// An open evaluation; `projects` are its year's projects if it is a department's.
    pub fn new(stored: Stored, projects: Vec<ProjectLine>) -> EvalState {
        let tab = Tab::of_kind(stored.evaluation.kind)[0];
        let mut state = EvalState {
            id: stored.id,
            revision: stored.revision,
            sheet: score(&Evaluation::default()),
            ev: stored.evaluation,
            findings: Vec::new(),
            projects,
            tab,
            form_cursor: [0; 5],
            form_top: Default::default(),
            grid: GridState::default(),
            narrative: NarrativeState::default(),
            editor: None,
            panel: PanelState::default(),
            export: None,
            reference: None,
            filing: stored.filing,
            log: None,
            cached: Cached::default(),
            typing: None,
            busy: false,
            history: History::default(),
        };
        state.rescore();
        for tab in FormTab::ALL {
            state.form_cursor[form_index(tab)] = state.first_editable(tab);
        }
        state
    }

    /// The tabs of this evaluation's kind.
    pub fn tabs(&self) -> &'static [Tab] {
        Tab::of_kind(self.ev.kind)
    }

    /// Scores and checks the evaluation, once per change: the findings shown, and the
    /// totals and counts the store caches for the list (the evaluation's own findings,
    /// without those against the year's projects).
    fn rescore(&mut self) {
        self.sheet = score(&self.ev);
        self.findings = check(&self.ev, &self.sheet);
        self.cached = Cached::of(&self.sheet, &self.findings);
        if !self.ev.is_project() {
            self.findings.extend(agreement(&self.ev, &self.projects));
        }
        self.panel.selected = self.panel.selected.min(self.findings.len().saturating_sub(1));
    }

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
    fn store_error(&mut self, e: StoreError) -> String {
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

    pub fn ctx(&self) -> Ctx {
        if let Some(log) = &self.log {
            return log.ctx();
        }
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
        self.rescore();
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
                self.rescore();
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

    fn undo(&mut self, store: &mut Store, status: &mut Status, redo: bool) {
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
        self.rescore();
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
                self.rescore();
                *status = Status::error(self.store_error(e));
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

    pub fn row_name(&self, i: usize) -> String {
        self.ev
            .indicators
            .get(i)
            .map_or(String::new(), |r| if r.name.is_empty() { format!("第{}行", i + 1) } else { r.name.clone() })
    }

    pub fn act(
        &mut self,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        question: &mut Option<Question>,
        page: usize,
    ) -> Outcome {
        if let Some(log) = &mut self.log {
            return match log.act(action, page) {
                crate::app::log::Outcome::Stay(changed) => Outcome::Stay(changed),
                crate::app::log::Outcome::Close => {
                    self.log = None;
                    Outcome::Stay(true)
                }
                crate::app::log::Outcome::Jump(place, label) => {
                    self.log = None;
                    match place {
                        Some(place) => self.jump(place),
                        None => self.tab = self.tabs()[0],
                    }
                    *status = Status::info(format!("修改记录：{label}"));
                    Outcome::Stay(true)
                }
            };
        }
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
                    let written = crate::app::export::write(&self.ev, &self.projects, choice, &dir, false);
                    *status = self.export_outcome(written, choice, question);
                }
                _ => return Outcome::Stay(false),
            }
            return Outcome::Stay(true);
        }
        if self.panel.focused {
            return Outcome::Stay(self.act_panel(action, status));
        }
        let edits = matches!(
            action,
            Action::Edit
                | Action::InsertRow
                | Action::DeleteRow
                | Action::MoveRowUp
                | Action::MoveRowDown
                | Action::Undo
                | Action::Redo
        );
        if edits && let Err(e) = self.editable() {
            *status = Status::error(e);
            return Outcome::Stay(true);
        }
        let changed = match action {
            Action::Lock => return Outcome::Lock,
            Action::Log => {
                self.open_log(store, status);
                true
            }
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
                let tabs = self.tabs();
                let at = tabs.iter().position(|t| *t == self.tab).unwrap_or(0);
                let by = if action == Action::NextTab { 1 } else { tabs.len() - 1 };
                self.tab = tabs[(at + by) % tabs.len()];
                true
            }
            Action::Panel => {
                self.panel.focused = true;
                true
            }
            Action::Export => {
                self.export = Some(crate::app::export::ExportMenu::new());
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
}
