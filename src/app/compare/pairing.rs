//! Pairing a renamed row by hand: `p` on a row new in a year (新增) lists the rows gone
//! in that year (删除) to choose from, and the other way round; `p` on a row paired by
//! hand takes the pairing back. Names are never matched by guesswork (see
//! `domain::compare::matching`): the user says which rows are one indicator.

use super::{CompareState, Item, Pick};
use crate::app::Status;
use crate::app::keys::Action;
use crate::domain::compare::{IndicatorRow, Pairing, RowStatus};

/// The name a row has in the year at `i` (on the screen), if it is there.
fn name_in(row: &IndicatorRow, i: usize) -> Option<&str> {
    row.cells.get(i).and_then(Option::as_ref).map(|c| c.name.as_str())
}

impl CompareState {
    pub(super) fn pair(&mut self, status: &mut Status) {
        let Some(Item::Indicator(r)) = self.current() else {
            *status = Status::info("p 用于绩效指标：选中标为“新增”或“删除”的一行再按 p");
            return;
        };
        let row = &self.comparison.rows[r];
        let years = self.comparison.year_numbers();
        // A row paired by hand: p takes the pairing back.
        for (s, step) in row.steps.iter().enumerate() {
            let RowStatus::Renamed { from } = &step.status else { continue };
            let to = name_in(row, s + 1).unwrap_or_default();
            let at = self.pairings.iter().position(|p| p.year == years[s + 1] && p.from == *from && p.to == to);
            if let Some(at) = at {
                let p = self.pairings.remove(at);
                self.recompute();
                *status = Status::info(format!("已取消配对：{}年“{}”与 {}年“{}”", p.year, p.to, years[s], p.from));
                return;
            }
        }
        let added = row.steps.iter().position(|s| s.status == RowStatus::Added);
        let removed = row.steps.iter().position(|s| s.status == RowStatus::Removed);
        let (s, anchor_is_new) = match (added, removed) {
            (Some(s), _) => (s, true),
            (None, Some(s)) => (s, false),
            (None, None) => {
                *status = Status::info("这一行不是“新增”或“删除”，无需配对");
                return;
            }
        };
        let (wanted, anchor_at, other_at) =
            if anchor_is_new { (RowStatus::Removed, s + 1, s) } else { (RowStatus::Added, s, s + 1) };
        let candidates: Vec<String> = self
            .comparison
            .rows
            .iter()
            .filter(|o| o.steps[s].status == wanted)
            .filter_map(|o| name_in(o, other_at).map(str::to_string))
            .collect();
        if candidates.is_empty() {
            let what = if anchor_is_new { "删除" } else { "新增" };
            *status = Status::info(format!("{}年没有“{what}”的指标可与之配对", years[other_at]));
            return;
        }
        self.pick = Some(Pick {
            year: years[s + 1],
            before: years[s],
            anchor: name_in(row, anchor_at).unwrap_or_default().to_string(),
            anchor_is_new,
            candidates,
            selected: 0,
        });
        *status = Status::info("选择同一指标的另一名称，Enter 配对，Esc 取消");
    }

    pub(super) fn act_pick(&mut self, action: Action, status: &mut Status, page: usize) -> bool {
        let Some(pick) = &mut self.pick else { return false };
        if let Some(to) = crate::app::list_move(pick.selected, pick.candidates.len(), action, page) {
            pick.selected = to;
            return true;
        }
        match action {
            Action::Cancel | Action::Back => {
                self.pick = None;
                *status = Status::info("未配对");
            }
            Action::Confirm => {
                let Some(pick) = self.pick.take() else { return false };
                let other = pick.candidates[pick.selected].clone();
                let (from, to) = if pick.anchor_is_new { (other, pick.anchor) } else { (pick.anchor, other) };
                // One row can continue only one row: drop pairings this one replaces.
                self.pairings.retain(|p| !(p.year == pick.year && (p.from == from || p.to == to)));
                self.pairings.push(Pairing { year: pick.year, from: from.clone(), to: to.clone() });
                self.recompute();
                if let Some(i) = self.find(&super::ItemKey::Indicator(to.clone())) {
                    self.selected = i;
                }
                *status = Status::info(format!(
                    "已配对：{}年“{to}”即 {}年“{from}”（本屏有效，再按 p 取消）",
                    pick.year, pick.before
                ));
            }
            _ => return false,
        }
        true
    }
}
