//! The trend screen: one quantity of one organisation across every stored year, picked
//! from a list (the totals, each indicator's score, each budget figure).

use super::compare::CompareState;
use super::keys::{Action, Ctx};
use crate::domain::compare::{Comparison, Metric, Pairing, Trend, compare};
use crate::domain::model::Evaluation;
use crate::store::Store;
use std::cell::Cell;

pub enum Outcome {
    Stay(bool),
    /// Back to the start screen.
    Close,
    /// Back to the compare screen it was opened from.
    Compare(Box<CompareState>),
}

pub struct TrendState {
    pub organisation: String,
    /// The project followed; `None`: the department's evaluation.
    pub project: Option<String>,
    /// Every stored year compared at once: each metric's trend is read off it.
    pub comparison: Comparison,
    pub metrics: Vec<Metric>,
    pub selected: usize,
    /// The selected metric's trend.
    pub trend: Trend,
    /// The first line of the metric list drawn; drawing keeps the selection in view.
    pub top: Cell<usize>,
    /// The compare screen to go back to, when opened from there.
    pub back: Option<Box<CompareState>>,
}

impl TrendState {
    /// Every stored year of `organisation`, following `metric` (hand pairings join renamed rows).
    pub fn new(organisation: &str, years: &[Evaluation], pairings: &[Pairing], metric: &Metric) -> TrendState {
        let comparison = compare(&years.iter().collect::<Vec<_>>(), pairings);
        let metrics = comparison.metrics();
        let selected = metrics.iter().position(|m| m == metric).unwrap_or(0);
        let trend = comparison.trend(&metrics[selected]);
        TrendState {
            organisation: organisation.to_string(),
            project: comparison.project.clone(),
            comparison,
            metrics,
            selected,
            trend,
            top: Cell::new(0),
            back: None,
        }
    }

    /// Loads every stored year of `organisation` (or of its project named `project` in
    /// `year`) and shows the trend of its total.
    pub fn load(store: &Store, organisation: &str, project: Option<&str>, year: i32) -> Result<TrendState, String> {
        let project = project.map(|p| (p.to_string(), Vec::new()));
        let years =
            super::compare::load_years(store, organisation, project.as_ref(), year).map_err(|e| e.to_string())?;
        Ok(TrendState::new(organisation, &years, &[], &Metric::Total))
    }

    /// Opened from the compare screen: its years and pairings, its selected line's metric.
    pub fn from_compare(c: Box<CompareState>, metric: &Metric) -> TrendState {
        let mut state = TrendState::new(&c.organisation, &c.years, &c.pairings, metric);
        state.back = Some(c);
        state
    }

    pub fn ctx(&self) -> Ctx {
        Ctx::Trend
    }

    pub fn act(&mut self, action: Action, page: usize) -> Outcome {
        if action == Action::Back {
            return match self.back.take() {
                Some(c) => Outcome::Compare(c),
                None => Outcome::Close,
            };
        }
        let Some(to) = super::list_move(self.selected, self.metrics.len(), action, page) else {
            return Outcome::Stay(false);
        };
        self.selected = to;
        self.trend = self.comparison.trend(&self.metrics[to]);
        Outcome::Stay(true)
    }
}
