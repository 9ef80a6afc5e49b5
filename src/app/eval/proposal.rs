//! The rule a row's criterion text reads as: shown under the grid, accepted with one key
//! (F3), or opened in the rule form to adjust (F4). Whether a row's rule "was read from its
//! text" is not stored: it is whether the stored rule is one the text admits.

use super::*;
use crate::domain::criterion::{Context, Reading, read};
use crate::domain::rule::Rule;

/// The proposal for a row, as the grid's detail shows it.
pub struct ProposalView {
    pub reading: Reading,
    /// The text being read (the editor's while the criterion is typed).
    pub text: String,
    /// The stored rule is one the text admits.
    pub matches: bool,
    /// The row's score under the proposed rule, when target and actual allow one.
    pub score: Option<Decimal>,
}

impl EvalState {
    /// What row `i`'s criterion reads as; while its criterion is being typed, the typed text.
    pub fn proposal(&self, i: usize) -> Option<ProposalView> {
        let ind = self.ev.indicators.get(i)?;
        let text = match &self.editor {
            Some(Editor::Text { target: TextTarget::Cell(r, GridCol::Criterion), input, .. }) if *r == i => {
                input.text()
            }
            _ => ind.criterion.clone(),
        };
        if text.trim().is_empty() {
            return None;
        }
        let ctx = Context::of_row(&self.ev.template, self.ev.year, ind);
        let reading = read(&text, &ctx);
        let (matches, score) = match &reading {
            Reading::Rule(p) => (p.admits(&ind.rule), ctx.score(&p.rule).and_then(|s| s.rule_score)),
            Reading::CannotTell(_) => (false, None),
        };
        Some(ProposalView { reading, text, matches, score })
    }

    /// F3: the selected row takes the rule its criterion reads as.
    pub(super) fn accept_proposal(&mut self, store: &mut Store, status: &mut Status) -> bool {
        let i = self.grid.row;
        let Some(view) = self.proposal(i) else {
            *status = Status::info("这一行没有评分标准：先填写评分标准，再按 F3 采用读出的规则");
            return true;
        };
        let p = match view.reading {
            Reading::CannotTell(c) => {
                *status = Status::error(format!("无法从评分标准读出规则：{}", c.reason));
                return true;
            }
            Reading::Rule(p) => p,
        };
        if view.matches && self.ev.indicators[i].rule != Rule::Manual {
            *status = Status::info("评分规则已与评分标准一致");
            return true;
        }
        let mut row = self.ev.indicators[i].clone();
        row.rule = p.rule.clone();
        let what = format!("{}：采用评分标准的规则", self.row_name(i));
        match self.apply(store, Slot::Row(i), Content::Row(Box::new(row)), what, false) {
            Ok(_) => {
                let check =
                    if p.confident { String::new() } else { format!("（请核对：{}）", p.notes.join("；")) };
                *status = Status::info(format!("已采用：{}{check}，Ctrl+Z 撤销", p.rule.describe()));
            }
            Err(e) => *status = Status::error(e),
        }
        true
    }

    /// F4 (or Enter on a manual row's rule): the rule form, filled in from the text.
    pub(super) fn rule_form_from_text(&mut self, status: &mut Status) -> bool {
        let i = self.grid.row;
        let Some(ind) = self.ev.indicators.get(i) else { return false };
        match self.proposal(i).map(|v| v.reading) {
            Some(Reading::Rule(p)) => {
                self.editor = Some(Editor::Rule(Box::new(RuleForm::with_proposal(i, ind, &p.rule))));
            }
            Some(Reading::CannotTell(c)) => {
                *status = Status::info(format!("评分标准读不出规则（{}）：请在列表中选择计分方式", c.reason));
                self.editor = Some(Editor::Rule(Box::new(RuleForm::new(i, ind))));
            }
            None => self.editor = Some(Editor::Rule(Box::new(RuleForm::new(i, ind)))),
        }
        true
    }
}
