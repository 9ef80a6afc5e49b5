//! The indicator grid of an open evaluation: moving, inserting, deleting and moving rows, starting an edit.

use super::*;

impl EvalState {
    pub(super) fn act_grid(
        &mut self,
        action: Action,
        store: &mut Store,
        status: &mut Status,
        question: &mut Option<Question>,
        page: usize,
    ) -> bool {
        let last = self.ev.indicators.len().saturating_sub(1);
        let cols = self.shape.cols.clone();
        let g = &mut self.grid;
        match action {
            Action::Up => g.row = g.row.saturating_sub(1),
            Action::Down => g.row = (g.row + 1).min(last),
            Action::PageUp => g.row = g.row.saturating_sub(page),
            Action::PageDown => g.row = (g.row + page).min(last),
            Action::Home => g.col = Some(GridCol::Level1),
            Action::End => g.col = Some(GridCol::Deviation),
            Action::Left => g.col = Some(g.col().step_in(&cols, -1)),
            Action::Right => g.col = Some(g.col().step_in(&cols, 1)),
            Action::Edit => return self.edit_cell(None, status),
            Action::Accept => return self.accept_proposal(store, status),
            Action::FromText => return self.rule_form_from_text(status),
            Action::SameAsAbove => {
                let i = self.grid.row;
                let above = i.checked_sub(1).and_then(|j| self.ev.indicators.get(j)).map(|r| r.rule.clone());
                match above {
                    Some(rule) if i < self.ev.indicators.len() => {
                        if let Err(e) = self.save_rule(i, rule, store, status) {
                            *status = Status::error(e);
                        }
                    }
                    _ => *status = Status::info("这是第一行，上面没有可沿用的规则"),
                }
            }
            Action::InsertRow => {
                let mut rows = self.ev.indicators.clone();
                let at = if rows.is_empty() { 0 } else { self.grid.row + 1 };
                let new = crate::app::paste::new_row(&self.ev, rows.get(self.grid.row));
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

    pub(super) fn edit_cell(&mut self, first: Option<char>, status: &mut Status) -> bool {
        let i = self.grid.row;
        let Some(row) = self.ev.indicators.get(i) else {
            *status = Status::info("还没有指标：按 Ins 插入一行");
            return true;
        };
        let col = self.grid.col();
        if col == GridCol::Rule {
            // A manual row whose criterion reads as a rule: the form starts from that rule,
            // unless a kind's number or initial was typed on the cell: then at that kind.
            if first.is_none() && row.rule == crate::domain::rule::Rule::Manual {
                return self.rule_form_from_text(status);
            }
            let mut form = RuleForm::new(i, row);
            if let Some(c) = first {
                form.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            self.editor = Some(Editor::Rule(Box::new(form)));
            return true;
        }
        if col.is_long_text() {
            let mut input = TextInput::new(&col.text(row));
            if let Some(c) = first {
                input.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            self.editor =
                Some(Editor::Text { target: TextTarget::Cell(i, col), input: Box::new(input), dirty: first.is_some() });
            return true;
        }
        let text = col.text(row);
        let input = match first {
            Some(c) => LineInput::replacing(&text, c),
            None => LineInput::selecting(&text),
        };
        let target = if col == GridCol::Score { LineTarget::Score(i) } else { LineTarget::Cell(i, col) };
        self.editor = Some(Editor::Line { target, input });
        true
    }
}
