//! Editing in an open evaluation: keys and pastes for the active editor, and confirming what was typed.

use super::*;

impl EvalState {
    /// A key no binding claimed: text for the editor, or the start of an edit.
    pub fn key(&mut self, ctx: Ctx, key: KeyEvent, status: &mut Status) -> bool {
        if let Some(log) = &mut self.log {
            return log.key(key);
        }
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
        if matches!(ctx, Ctx::Form | Ctx::Grid)
            && let Err(e) = self.editable()
        {
            *status = Status::error(e);
            return true;
        }
        match (ctx, self.tab) {
            (Ctx::Form, Tab::Form(tab)) => self.edit_form(tab, Some(c)),
            (Ctx::Grid, Tab::Grid) => self.edit_cell(Some(c), status),
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str, status: &mut Status, question: &mut Option<Question>) -> bool {
        if let Some(log) = &mut self.log {
            return log.paste(text);
        }
        // Outside an editor a paste starts an edit (a form field, or a block into the
        // grid): refused before anything opens if the evaluation is filed.
        if self.editor.is_none()
            && !self.panel.focused
            && let Err(e) = self.editable()
        {
            *status = Status::error(e);
            return true;
        }
        // Cells copied from a spreadsheet into an open cell are a block, not one cell's
        // text (line breaks alone may be one cell's text wrapped in a PDF or document).
        let block = text.contains('\t');
        if block && let Some(Editor::Line { target: LineTarget::Cell(..), .. }) = &self.editor {
            self.editor = None;
        }
        match &mut self.editor {
            Some(Editor::Line { input, .. }) => input.paste(text),
            Some(Editor::Text { input, dirty, .. }) => {
                input.paste(text);
                *dirty = true;
            }
            Some(Editor::Rule(form)) => form.paste(text),
            // The template screen takes no paste but into its editors.
            None if self.template.is_some() => return false,
            None if self.tab == Tab::Grid && !self.panel.focused => {
                match crate::app::paste::plan(&self.ev, self.grid.row, self.grid.col(), text) {
                    Ok(plan) => {
                        *status = Status::info("请核对粘贴的内容：Enter 粘贴，Esc 取消");
                        *question = Some(Question::Paste(Box::new(plan)));
                    }
                    Err(e) => *status = Status::error(format!("未粘贴：{e}")),
                }
            }
            None => {
                if let Tab::Form(tab) = self.tab {
                    self.edit_form(tab, None);
                    return self.paste(text, status, question);
                }
                return false;
            }
        }
        true
    }

    /// Stores a paste the user has seen and accepted, as one undoable edit.
    pub fn apply_paste(&mut self, plan: &crate::app::paste::PastePlan, store: &mut Store, status: &mut Status) {
        let (slot, content, what) = plan.edit();
        match self.apply(store, slot, content, what.clone(), false) {
            Ok(_) => {
                self.grid.row = plan.row;
                let typed = if plan.typed_scores > 0 {
                    format!("，{} 项得分与规则不同，已记为手填得分", plan.typed_scores)
                } else {
                    String::new()
                };
                *status = Status::info(format!("已保存：{what}{typed}（Ctrl+Z 撤销）"));
            }
            Err(e) => *status = Status::error(format!("未粘贴：{e}")),
        }
    }

    pub(super) fn act_editing(&mut self, action: Action, store: &mut Store, status: &mut Status) -> bool {
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
                            let said = self.last_change.take();
                            *status =
                                Status::info(said.unwrap_or_else(|| format!("已保存：{}", self.describe(&target))));
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
                self.seal(store);
                self.editor = None;
                let said = self.last_change.take();
                *status = Status::info(said.unwrap_or_else(|| format!("已保存：{}", self.text_target_name(target))));
                if action == Action::ConfirmNext {
                    self.advance();
                }
                true
            }
            Some(Editor::Rule(mut form)) => {
                match form.act(action, &self.ev, &self.sheet) {
                    crate::app::rule_form::Outcome::Stay => self.editor = Some(Editor::Rule(form)),
                    crate::app::rule_form::Outcome::Cancel => *status = Status::info("未修改评分规则"),
                    crate::app::rule_form::Outcome::Save(rule) => {
                        if let Err(e) = self.save_rule(form.row, rule, store, status) {
                            *status = Status::error(e);
                            self.editor = Some(Editor::Rule(form));
                        }
                    }
                    crate::app::rule_form::Outcome::SaveAsDefault(rule) => {
                        let saved = self.save_rule(form.row, rule.clone(), store, status).and_then(|_| {
                            let template = crate::domain::template::Template {
                                default_rule: Some(rule),
                                ..self.ev.template.clone()
                            };
                            self.apply(
                                store,
                                Slot::Template,
                                Content::Template(Box::new(template)),
                                "新行的默认规则".into(),
                                false,
                            )
                        });
                        match saved {
                            Ok(_) => {
                                *status = Status::info(format!(
                                    "已保存：{}：评分规则，并作为新行的默认规则",
                                    self.row_name(form.row)
                                ))
                            }
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

    /// Stores a row's rule (one undoable edit).
    pub(super) fn save_rule(
        &mut self,
        i: usize,
        rule: crate::domain::rule::Rule,
        store: &mut Store,
        status: &mut Status,
    ) -> Result<bool, String> {
        let mut row = self.ev.indicators.get(i).cloned().ok_or("该行已不存在")?;
        row.rule = rule;
        let what = format!("{}：评分规则", self.row_name(i));
        let saved = self.apply(store, Slot::Row(i), Content::Row(Box::new(row)), what.clone(), false)?;
        let described = self.ev.indicators.get(i).map_or(String::new(), |r| r.rule.describe());
        *status = Status::info(format!("已保存：{what}：{described}"));
        Ok(saved)
    }

    /// What is typed but not yet confirmed (a changed field or cell, a typed score
    /// awaiting its reason, a changed rule draft), by where it is; a text area has none:
    /// it is saved as it is typed.
    pub fn unsaved_edit(&self) -> Option<String> {
        match &self.editor {
            Some(Editor::Line { target: target @ LineTarget::Reason(..), .. }) => Some(self.place(target)),
            Some(Editor::Line { target, input }) if input.changed() => Some(self.place(target)),
            Some(Editor::Rule(form)) => {
                let stored = self.ev.indicators.get(form.row).map(|r| &r.rule);
                let typing = form.editing.as_ref().is_some_and(|i| i.changed());
                (typing || stored != Some(form.draft())).then(|| format!("{}：评分规则", self.row_name(form.row)))
            }
            _ => None,
        }
    }

    fn place(&self, target: &LineTarget) -> String {
        match target {
            LineTarget::Form(row) => row.label(),
            LineTarget::Cell(i, col) => format!("{}：{}", self.row_name(*i), col.title()),
            LineTarget::Score(i) | LineTarget::Reason(i, _) => format!("{}：得分", self.row_name(*i)),
            LineTarget::Setting(s) | LineTarget::ItemLabel(s, _) => format!("评分模板：{}", s.label()),
            LineTarget::TemplateName => "评分模板：本地模板名称".into(),
        }
    }

    /// Confirms what is being typed, as Enter (and F10 in the rule form) would; true when
    /// nothing is left unsaved. A refusal stays on screen where it was typed.
    pub fn save_before_quit(&mut self, store: &mut Store, status: &mut Status) -> bool {
        for _ in 0..2 {
            if self.unsaved_edit().is_none() {
                return true;
            }
            let refused = |e: &EvalState| match &e.editor {
                Some(Editor::Line { input, .. }) => input.error.is_some(),
                Some(Editor::Rule(form)) => {
                    form.error.is_some() || form.editing.as_ref().is_some_and(|i| i.error.is_some())
                }
                _ => false,
            };
            self.act_editing(Action::Confirm, store, status);
            if refused(self) {
                return false;
            }
        }
        if let Some(Editor::Line { target: LineTarget::Reason(..), .. }) = &self.editor {
            *status = Status::info("请填写手填得分的理由，Enter 保存后再退出");
        }
        self.unsaved_edit().is_none()
    }

    pub(super) fn text_target_name(&self, target: TextTarget) -> String {
        match target {
            TextTarget::Note => "评分模板：备注".into(),
            TextTarget::Field(f) => f.place(),
            TextTarget::Narrative(s) => format!("报告文字：{}", s.title()),
            TextTarget::Cell(i, col) => format!("{}：{}", self.row_name(i), col.title()),
        }
    }

    pub(super) fn describe(&self, target: &LineTarget) -> String {
        match target {
            LineTarget::Form(row) => row.label(),
            // The cell is in view: its column is enough.
            LineTarget::Cell(_, col) => col.title().to_string(),
            LineTarget::Score(_) | LineTarget::Reason(..) => "得分".into(),
            LineTarget::Setting(s) => format!("评分模板：{}", s.label()),
            LineTarget::ItemLabel(s, _) => format!("评分模板：{}", s.label()),
            LineTarget::TemplateName => "本地模板".into(),
        }
    }

    /// Confirms a one-line editor: saves, or opens the next editor (a score's reason),
    /// or says why the text is refused (the stored value stays as it was).
    pub(super) fn confirm_line(
        &mut self,
        target: &LineTarget,
        text: &str,
        store: &mut Store,
    ) -> Result<Option<Editor>, String> {
        let (slot, content, what) = match target {
            LineTarget::Form(row) => row.edit(&self.ev, text)?,
            LineTarget::Cell(i, col) => {
                let mut row = self.ev.indicators.get(*i).cloned().ok_or("该行已不存在")?;
                col.set(&mut row, text)?;
                if matches!(
                    col,
                    GridCol::Target | GridCol::Actual | GridCol::AdjustedTarget | GridCol::Unit | GridCol::Nature
                ) {
                    crate::app::grid::unreadable(&self.ev, *i, self.ev.indicators.get(*i), &row)?;
                }
                (Slot::Row(*i), Content::Row(Box::new(row)), format!("{}：{}", self.row_name(*i), col.title()))
            }
            LineTarget::Score(i) => {
                let row = self.ev.indicators.get(*i).ok_or("该行已不存在")?;
                match parse_score(row, text)? {
                    Some(score) => {
                        let reason = row.entered.as_ref().map(|e| e.reason.clone()).unwrap_or_default();
                        return Ok(Some(Editor::Line {
                            target: LineTarget::Reason(*i, score),
                            input: LineInput::selecting(&reason),
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
            LineTarget::Setting(_) | LineTarget::ItemLabel(..) | LineTarget::TemplateName => {
                return self.confirm_template_line(target, text, store).map(|()| None);
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
    pub(super) fn advance(&mut self) {
        match self.tab {
            Tab::Form(tab) => self.move_form(tab, 1),
            Tab::Grid => self.grid.col = Some(self.grid.col().step_in(&self.shape.cols, 1)),
            Tab::Narrative => self.narrative.step(1, self.ev.kind),
        }
    }

    /// Moves to the row below (after Enter in an editor), staying on the last one.
    pub(super) fn move_down(&mut self) {
        match self.tab {
            Tab::Form(tab) => self.move_form(tab, 1),
            Tab::Grid => self.grid.row = (self.grid.row + 1).min(self.ev.indicators.len().saturating_sub(1)),
            Tab::Narrative => {}
        }
    }

    /// Opens the editor again on the new position (Tab moves from field to field).
    pub(super) fn reopen(&mut self) {
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
