//! The bureau's screen (复核): every evaluation of a year as a row, sortable and
//! filterable, over the county's summary; Enter opens an evaluation at its finding.

use super::input::LineInput;
use super::keys::{Action, Ctx};
use super::{Status, list_move};
use crate::domain::check::Place;
use crate::domain::review::{County, DEFAULT_RATE_THRESHOLD, Filter, FindingKind, Line, Order, compare};
use crate::store::{EvalId, Store};
use crossterm::event::KeyEvent;

pub enum Outcome {
    Stay(bool),
    Close,
    /// Open this evaluation, showing this place.
    Open(EvalId, Option<Place>),
}

pub struct ReviewState {
    pub county: County,
    /// The years stored, ascending.
    pub years: Vec<i32>,
    pub order: Order,
    pub filter: Filter,
    /// Typing the organisation filter.
    pub filter_input: Option<LineInput>,
    /// Indices into `county.lines` of the rows shown, in order.
    pub shown: Vec<usize>,
    pub selected: usize,
}

impl ReviewState {
    /// The review of `year` (default: the latest year stored).
    pub fn load(store: &Store, year: Option<i32>) -> Result<ReviewState, String> {
        let years = store.years().map_err(|e| e.to_string())?;
        let Some(year) = year.or_else(|| years.last().copied()) else {
            return Err("数据库中没有自评：先用 jixiao collect 收集各单位报送的文件".into());
        };
        let county = store.review_county(&years, year, DEFAULT_RATE_THRESHOLD).map_err(|e| e.to_string())?;
        let mut state = ReviewState {
            county,
            years,
            order: Order::default(),
            filter: Filter::default(),
            filter_input: None,
            shown: Vec::new(),
            selected: 0,
        };
        state.refresh(None);
        Ok(state)
    }

    pub fn ctx(&self) -> Ctx {
        if self.filter_input.is_some() { Ctx::Filter } else { Ctx::Review }
    }

    pub fn line(&self) -> Option<&Line> {
        self.shown.get(self.selected).map(|&i| &self.county.lines[i])
    }

    /// Sorts and filters again, keeping the selected evaluation when it is still shown.
    fn refresh(&mut self, keep: Option<EvalId>) {
        let (lines, threshold) = (&self.county.lines, self.county.summary.threshold);
        self.shown = (0..lines.len()).filter(|&i| self.filter.matches(&lines[i], threshold)).collect();
        self.shown.sort_by(|&a, &b| compare(&lines[a], &lines[b], self.order));
        self.selected = keep.and_then(|id| self.shown.iter().position(|&i| lines[i].reference == id)).unwrap_or(0);
    }

    pub fn key(&mut self, key: KeyEvent) -> bool {
        let Some(input) = &mut self.filter_input else { return false };
        let changed = input.key(key);
        self.filter.text = input.text();
        let keep = self.line().map(|l| l.reference);
        self.refresh(keep);
        changed
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let Some(input) = &mut self.filter_input else { return false };
        input.paste(text);
        self.filter.text = input.text();
        self.refresh(None);
        true
    }

    pub fn act(&mut self, action: Action, store: &Store, status: &mut Status, page: usize) -> Outcome {
        if self.filter_input.is_some() {
            match action {
                Action::Confirm => self.filter_input = None,
                Action::Cancel => {
                    self.filter_input = None;
                    self.filter.text.clear();
                    self.refresh(None);
                }
                Action::Up | Action::Down => {
                    if let Some(to) = list_move(self.selected, self.shown.len(), action, page) {
                        self.selected = to;
                    }
                }
                _ => return Outcome::Stay(false),
            }
            return Outcome::Stay(true);
        }
        if let Some(to) = list_move(self.selected, self.shown.len(), action, page) {
            self.selected = to;
            return Outcome::Stay(true);
        }
        let keep = self.line().map(|l| l.reference);
        match action {
            Action::Back => return Outcome::Close,
            Action::Edit => match self.line() {
                Some(l) => return Outcome::Open(l.reference, l.first_place()),
                None => return Outcome::Stay(false),
            },
            Action::Sort => {
                // A new order is asked for its top (who claims most above the rules):
                // the selection goes there, not after the row it was on.
                self.order = self.order.next();
                self.refresh(None);
                *status = Status::info(format!("排序：{}", self.order.label()));
            }
            Action::Kind => {
                let all = FindingKind::ALL;
                self.filter.kind = match self.filter.kind.and_then(|k| all.iter().position(|x| *x == k)) {
                    None => Some(all[0]),
                    Some(i) if i + 1 < all.len() => Some(all[i + 1]),
                    Some(_) => None,
                };
                self.refresh(keep);
                let what = self.filter.kind.map_or("全部", |k| k.label());
                *status = Status::info(format!("只看：{what}（{} 份）", self.shown.len()));
            }
            Action::Filter => {
                self.filter_input = Some(LineInput::new(&self.filter.text));
                *status = Status::info("按单位或项目名称筛选：输入名称的一部分；Enter 完成，Esc 清除");
            }
            Action::Earlier | Action::Later => {
                let at = self.years.iter().position(|y| *y == self.county.year).unwrap_or(0);
                let to = if action == Action::Earlier { at.checked_sub(1) } else { Some(at + 1) };
                let Some(&year) = to.and_then(|i| self.years.get(i)) else {
                    *status = Status::info("没有更多年度");
                    return Outcome::Stay(true);
                };
                match ReviewState::load(store, Some(year)) {
                    Ok(mut next) => {
                        next.order = self.order;
                        next.filter = self.filter.clone();
                        next.refresh(None);
                        *self = next;
                        *status = Status::info(format!("{year}年度复核"));
                    }
                    Err(e) => *status = Status::error(e),
                }
            }
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }

    /// After an evaluation was opened and closed: the review again, as it was left.
    pub fn reload(&mut self, store: &Store) -> Result<(), String> {
        let mut next = ReviewState::load(store, Some(self.county.year))?;
        next.order = self.order;
        next.filter = self.filter.clone();
        next.refresh(self.line().map(|l| l.reference));
        *self = next;
        Ok(())
    }
}
