//! An open evaluation: the tabs, the cursor on each, the active editor, and the one
//! place where an edit is applied, saved (one transaction), scored and recorded for undo.

mod editing;
mod forms;
mod grid;
mod navigate;
mod proposal;
mod saving;
mod template;

pub use proposal::ProposalView;

use super::edit::{Content, Edit, History, Slot};
use super::form::{FormRow, FormTab, rows as form_rows, tab_of};
use super::grid::{GridCol, GridState, parse_score, with_score};
use super::grid_shape::GridShape;
use super::input::{LineInput, TextInput};
use super::keys::{Action, Ctx};
use super::narrative::NarrativeState;
use super::{Question, Status};
use crate::app::rule_form::RuleForm;
use crate::domain::change::{Change, RowsChanged};
use crate::domain::check::{Column, Finding, Kept, Place, agreement, check_after};
use crate::domain::field::Field;
use crate::domain::model::{Evaluation, Section};
use crate::domain::project::{Kind, ProjectLine};
use crate::domain::score::{ScoreSheet, score, score_again};
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
    /// A setting of the template screen.
    Setting(crate::domain::template::setting::Setting),
    /// The heading of an item of a list setting (a column).
    ItemLabel(crate::domain::template::setting::Setting, usize),
    /// The name to save the template under.
    TemplateName,
}

/// Where a multi-line editor's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Field(Field),
    Narrative(Section),
    Cell(usize, GridCol),
    /// The template's 备注.
    Note,
}

pub enum Editor {
    Line { target: LineTarget, input: LineInput },
    Text { target: TextTarget, input: Box<TextInput>, dirty: bool },
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
    /// What the last check kept (criterion readings, rows' findings), reused for the rows
    /// an edit left alone.
    kept: Kept,
    /// The grid's columns and widest texts, measured at each change.
    pub shape: GridShape,
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
    /// The template screen (F10), when open.
    pub template: Option<crate::app::template::TemplateView>,
    /// What the last confirmed edit did, when it says more than "saved" (a template
    /// setting: the old and new value and the total).
    last_change: Option<String>,
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
            kept: Kept::default(),
            shape: GridShape::default(),
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
            template: None,
            last_change: None,
            filing: stored.filing,
            log: None,
            cached: Cached::default(),
            typing: None,
            busy: false,
            history: History::default(),
        };
        state.rescore(None);
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
    /// without those against the year's projects). `changed`: the one part changed since
    /// the last rescore, so that only what it can alter is scored again; `None`: all of it.
    pub(super) fn rescore(&mut self, changed: Option<Slot>) {
        match changed {
            Some(slot) => score_again(&mut self.sheet, &self.ev, slot),
            None => self.sheet = score(&self.ev),
        }
        self.findings = check_after(&self.ev, &self.sheet, &mut self.kept, changed);
        self.cached = Cached::of(&self.sheet, &self.findings);
        // Typing a narrative or a form field leaves the grid's shape as it was.
        if changed.is_none_or(|slot| slot.rows_changed() != RowsChanged::None) {
            self.shape = GridShape::of(&self.ev);
        }
        if !self.ev.is_project() {
            self.findings.extend(agreement(&self.ev, &self.projects));
        }
        self.panel.selected = self.panel.selected.min(self.findings.len().saturating_sub(1));
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
            None if self.template.is_some() => self.template_ctx(),
            None if self.panel.focused => Ctx::Panel,
            None => match self.tab {
                Tab::Form(_) => Ctx::Form,
                Tab::Grid => Ctx::Grid,
                Tab::Narrative => Ctx::Narrative,
            },
        }
    }

    /// Saves a text area that was typed into (called once the queued events are handled),
    /// its typed characters inserted first.
    pub fn save_typing(&mut self, store: &mut Store) -> Result<bool, String> {
        if let Some(Editor::Text { input, .. }) = &mut self.editor {
            input.settle();
        }
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
            TextTarget::Note => {
                let t = crate::domain::template::setting::Setting::Note.parse(&self.ev.template, text)?;
                Ok((Slot::Template, Content::Template(Box::new(t)), "评分模板：备注".into()))
            }
        }
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
        // Any action but a move down or up the grid brings the detail up to the cursor.
        let lagging = self.grid.shown.take();
        let (row, moves) =
            (self.grid.row, matches!(action, Action::Up | Action::Down | Action::PageUp | Action::PageDown));
        let outcome = self.act_now(action, store, status, question, page);
        let moved =
            moves && self.tab == Tab::Grid && self.editor.is_none() && self.log.is_none() && !self.grid.in_detail();
        if moved && self.grid.row != row {
            self.grid.shown = Some(lagging.unwrap_or(row));
        } else if moved {
            self.grid.shown = lagging;
        }
        outcome
    }

    fn act_now(
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
        if self.template.is_some() {
            return Outcome::Stay(self.act_template(action, store, status));
        }
        if self.panel.focused {
            return Outcome::Stay(self.act_panel(action, status));
        }
        if action.edits()
            && let Err(e) = self.editable()
        {
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
            Action::Template => {
                self.open_template(status);
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
