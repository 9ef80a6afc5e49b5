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
        let cols = GridCol::of(&self.ev);
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
            Action::InsertRow => {
                let mut rows = self.ev.indicators.clone();
                let at = if rows.is_empty() { 0 } else { self.grid.row + 1 };
                // The template says how a new row is scored (Hubei: 正向/反向 by its target).
                let mut new = Indicator { rule: self.ev.template.new_row_rule(), ..Indicator::default() };
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
            // A manual row whose criterion reads as a rule: the form starts from that rule.
            if row.rule == crate::domain::rule::Rule::Manual {
                return self.rule_form_from_text(status);
            }
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
}
