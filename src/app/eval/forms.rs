//! The form tabs of an open evaluation: rows, the cursor, starting an edit.

use super::*;

impl EvalState {
    pub fn form_rows(&self, tab: FormTab) -> Vec<FormRow> {
        form_rows(tab, &self.ev, &self.sheet)
    }

    pub(super) fn first_editable(&self, tab: FormTab) -> usize {
        self.form_rows(tab).iter().position(FormRow::editable).unwrap_or(0)
    }

    pub fn cursor_of(&self, tab: FormTab) -> usize {
        self.form_cursor[form_index(tab)]
    }

    /// Moves a form cursor by `by` editable rows, staying on an editable row.
    pub(super) fn move_form(&mut self, tab: FormTab, by: isize) {
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

    pub(super) fn form_row(&self, tab: FormTab) -> Option<FormRow> {
        self.form_rows(tab).get(self.cursor_of(tab)).cloned().filter(FormRow::editable)
    }

    pub(super) fn act_form(
        &mut self,
        tab: FormTab,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        page: usize,
    ) -> bool {
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
    pub(super) fn edit_form(&mut self, tab: FormTab, first: Option<char>) -> bool {
        let Some(row) = self.form_row(tab) else { return false };
        if let Some(f) = row.long_text() {
            let mut input = TextInput::new(&f.text(&self.ev));
            if let Some(c) = first {
                input.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            self.editor =
                Some(Editor::Text { target: TextTarget::Field(f), dirty: first.is_some(), input: Box::new(input) });
            return true;
        }
        let text = row.text(&self.ev);
        let input = match first {
            Some(c) => LineInput::replacing(&text, c),
            None => LineInput::selecting(&text),
        };
        self.editor = Some(Editor::Line { target: LineTarget::Form(row), input });
        true
    }
}
