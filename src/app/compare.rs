//! The compare screen: a window of one organisation's stored years side by side, moved
//! and widened with keys, and renamed rows paired by hand.
//!
//! Every stored year is loaded once when the screen opens, so moving the window or
//! pairing rows only recomputes the comparison of the years shown (a few score sheets),
//! and the changes are always between neighbouring columns on the screen.

use super::Status;
use super::keys::{Action, Ctx};
use crate::domain::compare::{Comparison, Figure, Metric, Pairing, compare};
use crate::domain::model::Evaluation;
use crate::store::Store;
use std::cell::Cell;

/// One selectable line of the screen, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Total,
    RuleTotal,
    /// `Comparison::subtotals[i]`.
    Subtotal(usize),
    /// `Comparison::rows[i]`.
    Indicator(usize),
    /// `Comparison::figures[i]`.
    Figure(usize),
}

/// An item by what it shows rather than where it is: it survives a recomputation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ItemKey {
    Total,
    RuleTotal,
    Subtotal(String),
    Indicator(String),
    Figure(Figure),
}

/// The list to pair a row with: the rows of the neighbouring year that could be the
/// same indicator under another name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The later of the two years (the year of the pairing).
    pub year: i32,
    /// The year before it on the screen.
    pub before: i32,
    /// The row `p` was pressed on, by its name in its year.
    pub anchor: String,
    /// Whether the anchor is the later year's (新增) row; otherwise it is the earlier
    /// year's (删除) row and the candidates are later rows.
    pub anchor_is_new: bool,
    pub candidates: Vec<String>,
    pub selected: usize,
}

pub enum Outcome {
    Stay(bool),
    Close,
    Trend(Metric),
}

pub struct CompareState {
    pub organisation: String,
    /// The project compared (its latest name); `None`: the department's evaluation.
    pub project: Option<String>,
    /// Every stored year of the organisation, oldest first.
    pub years: Vec<Evaluation>,
    /// Index in `years` of the newest year shown.
    last: usize,
    /// How many years were asked for with +/-; `None`: as many as fit.
    wanted: Option<usize>,
    /// How many years fit the terminal's width.
    fit: usize,
    /// Renamed rows joined by hand (for this screen only).
    pub pairings: Vec<Pairing>,
    /// The comparison of the years shown.
    pub comparison: Comparison,
    pub items: Vec<Item>,
    pub selected: usize,
    /// The first line drawn; drawing keeps the selection in view.
    pub top: Cell<usize>,
    pub pick: Option<Pick>,
}

impl CompareState {
    /// Loads every stored year of `organisation` (or of `project`, the name it has in
    /// `year` and the hand pairings of its renames) and shows the window ending at
    /// `year` (or starting there, when it is among the oldest).
    pub fn load(
        store: &Store,
        organisation: &str,
        project: Option<&(String, Vec<Pairing>)>,
        year: i32,
        width: u16,
    ) -> Result<CompareState, String> {
        let years = load_years(store, organisation, project, year).map_err(|e| e.to_string())?;
        if years.len() < 2 {
            let who = project.map_or(organisation.to_string(), |(p, _)| format!("项目“{p}”"));
            return Err(format!("{who} 只有 {year}年一个年度，无可比较：可按 y 由它新建下一年度"));
        }
        let at = years.iter().position(|ev| ev.year == year).unwrap_or(years.len() - 1);
        let mut state = CompareState {
            organisation: organisation.to_string(),
            project: project.map(|(p, _)| p.clone()),
            years,
            last: at,
            wanted: None,
            fit: columns::years_that_fit(width),
            pairings: Vec::new(),
            comparison: compare(&[], &[]),
            items: Vec::new(),
            selected: 0,
            top: Cell::new(0),
            pick: None,
        };
        state.recompute();
        Ok(state)
    }

    /// How many years are shown.
    pub fn shown(&self) -> usize {
        self.wanted.unwrap_or(usize::MAX).min(self.fit).min(self.years.len()).max(1)
    }

    /// Index in `years` of the oldest year shown.
    pub fn first(&self) -> usize {
        self.last + 1 - self.shown()
    }

    pub fn ctx(&self) -> Ctx {
        if self.pick.is_some() { Ctx::Pick } else { Ctx::Compare }
    }

    pub fn current(&self) -> Option<Item> {
        self.items.get(self.selected).copied()
    }

    /// The terminal changed width: show as many years as now fit.
    pub fn resize(&mut self, width: u16) {
        let fit = columns::years_that_fit(width);
        if fit != self.fit {
            let before = self.shown();
            self.fit = fit;
            if self.shown() != before {
                self.recompute();
            }
        }
    }

    fn key_of(&self, item: Item) -> ItemKey {
        let c = &self.comparison;
        match item {
            Item::Total => ItemKey::Total,
            Item::RuleTotal => ItemKey::RuleTotal,
            Item::Subtotal(i) => ItemKey::Subtotal(c.subtotals[i].level1.clone()),
            Item::Indicator(i) => ItemKey::Indicator(c.rows[i].name().to_string()),
            Item::Figure(i) => ItemKey::Figure(c.figures[i].figure),
        }
    }

    fn find(&self, key: &ItemKey) -> Option<usize> {
        let c = &self.comparison;
        self.items.iter().position(|item| match (item, key) {
            (Item::Total, ItemKey::Total) | (Item::RuleTotal, ItemKey::RuleTotal) => true,
            (Item::Subtotal(i), ItemKey::Subtotal(name)) => c.subtotals[*i].level1 == *name,
            (Item::Indicator(i), ItemKey::Indicator(name)) => c.rows[*i].is_named(name),
            (Item::Figure(i), ItemKey::Figure(f)) => c.figures[*i].figure == *f,
            _ => false,
        })
    }

    /// Compares the years shown again, keeping the selected line where it can.
    fn recompute(&mut self) {
        let keep = self.current().map(|item| self.key_of(item));
        self.last = self.last.clamp(self.shown() - 1, self.years.len() - 1);
        let shown: Vec<&Evaluation> = self.years[self.first()..=self.last].iter().collect();
        self.comparison = compare(&shown, &self.pairings);
        let c = &self.comparison;
        let mut items = vec![Item::Total, Item::RuleTotal];
        items.extend((0..c.subtotals.len()).map(Item::Subtotal));
        items.extend((0..c.rows.len()).map(Item::Indicator));
        items.extend((0..c.figures.len()).map(Item::Figure));
        self.items = items;
        self.selected = keep.and_then(|k| self.find(&k)).unwrap_or(self.selected).min(self.items.len() - 1);
    }

    pub fn act(&mut self, action: Action, status: &mut Status, page: usize) -> Outcome {
        if self.pick.is_some() {
            return Outcome::Stay(self.act_pick(action, status, page));
        }
        if let Some(to) = super::list_move(self.selected, self.items.len(), action, page) {
            self.selected = to;
            return Outcome::Stay(true);
        }
        match action {
            Action::Back => return Outcome::Close,
            Action::Earlier | Action::Later => self.move_window(action == Action::Earlier, status),
            Action::MoreYears | Action::FewerYears => self.resize_window(action == Action::MoreYears, status),
            Action::Pair => self.pair(status),
            Action::Trend => return Outcome::Trend(self.metric()),
            _ => return Outcome::Stay(false),
        }
        Outcome::Stay(true)
    }

    fn year_at(&self, i: usize) -> i32 {
        self.years[i].year
    }

    fn move_window(&mut self, earlier: bool, status: &mut Status) {
        if earlier && self.first() == 0 {
            *status = Status::info(format!("已是最早的年度（{}年）", self.year_at(0)));
        } else if !earlier && self.last + 1 == self.years.len() {
            *status = Status::info(format!("已是最新的年度（{}年）", self.year_at(self.last)));
        } else {
            self.last = if earlier { self.last - 1 } else { self.last + 1 };
            self.recompute();
            self.say_window(status);
        }
    }

    fn resize_window(&mut self, more: bool, status: &mut Status) {
        let shown = self.shown();
        if more && shown == self.years.len() {
            *status = Status::info(format!("已比较全部 {} 个年度", self.years.len()));
        } else if more && shown >= self.fit {
            *status = Status::info(format!("终端宽度只够并排 {} 个年度：加宽窗口可多比", self.fit));
        } else if !more && shown <= 2 {
            *status = Status::info("至少比较两个年度");
        } else {
            // More years reach back in time; fewer drop the oldest.
            self.wanted = Some(if more { shown + 1 } else { shown - 1 });
            self.recompute();
            self.say_window(status);
        }
    }

    fn say_window(&self, status: &mut Status) {
        let years: Vec<String> = (self.first()..=self.last).map(|i| format!("{}年", self.year_at(i))).collect();
        *status = Status::info(format!("比较 {}（共存 {} 个年度）", years.join("、"), self.years.len()));
    }

    /// What `t` follows: the selected line's quantity.
    fn metric(&self) -> Metric {
        match self.current() {
            Some(Item::RuleTotal) => Metric::RuleTotal,
            Some(Item::Indicator(i)) => Metric::Indicator(self.comparison.rows[i].name().to_string()),
            Some(Item::Figure(i)) => Metric::Figure(self.comparison.figures[i].figure),
            _ => Metric::Total,
        }
    }
}

/// Every stored year of an organisation's department evaluation, or of one of its
/// projects (named as in `year`, followed across renames by `project`'s pairings),
/// oldest first.
pub fn load_years(
    store: &Store,
    organisation: &str,
    project: Option<&(String, Vec<Pairing>)>,
    year: i32,
) -> Result<Vec<Evaluation>, crate::store::StoreError> {
    let ids: Vec<_> = match project {
        None => store.years_of(organisation)?.into_iter().map(|(_, id)| id).collect(),
        Some((name, pairs)) => {
            let names = store.project_names(organisation)?;
            let mut ids = Vec::new();
            for (y, n) in crate::domain::compare::same_project(&names, year, name, pairs) {
                ids.extend(store.find_in(organisation, y, Some(&n))?);
            }
            ids
        }
    };
    ids.into_iter().map(|id| store.load(id).map(|s| s.evaluation)).collect()
}

mod pairing;

/// The widths of the compare screen's columns: how many years fit a terminal's width
/// decides how many are compared, so the screen's state keeps them and the drawing
/// follows.
pub mod columns {
    pub const MARK: usize = 1;
    pub const STATUS: usize = 5;
    pub const NAME_MIN: usize = 14;
    pub const TARGET: usize = 8;
    pub const ACTUAL: usize = 8;
    pub const SCORE: usize = 5;
    /// A year's block: a space and its three columns.
    pub const BLOCK: usize = 1 + TARGET + 1 + ACTUAL + 1 + SCORE;
    /// Without the target column (terminals too narrow for two full blocks).
    pub const NARROW_BLOCK: usize = 1 + ACTUAL + 1 + SCORE;
    /// A change column: a space and `↓ −10.00`.
    pub const CHANGE: usize = 1 + 8;

    pub fn row_width(years: usize, block: usize) -> usize {
        MARK + STATUS + years * block + years.saturating_sub(1) * CHANGE
    }

    /// How many years fit side by side in `width` columns (at least two: below that the
    /// target column is dropped instead).
    pub fn years_that_fit(width: u16) -> usize {
        (2..).take_while(|&n| row_width(n, BLOCK) + NAME_MIN <= width as usize).last().unwrap_or(2)
    }
}
