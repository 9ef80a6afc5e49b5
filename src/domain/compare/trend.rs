//! One quantity of one organisation across its years, for a chart.
//!
//! Values stay exact decimals; a screen converts them to `f64` only to draw. A year
//! where the quantity has no value (the indicator did not exist, the figure was not
//! filled in) is a point without a value rather than a missing year, so that the years
//! on a bar chart's axis stay evenly spaced and a gap shows as a gap.

use super::{Comparison, Figure, compare};
use crate::domain::model::Evaluation;
use rust_decimal::Decimal;

/// What a trend follows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Metric {
    /// 总分.
    Total,
    /// 按规则总分.
    RuleTotal,
    /// An indicator's score, by its 三级指标 name in any year (renames joined by the
    /// comparison's pairings).
    Indicator(String),
    Figure(Figure),
}

impl Metric {
    pub fn label(&self) -> String {
        match self {
            Metric::Total => "总分".into(),
            Metric::RuleTotal => "按规则总分".into(),
            Metric::Indicator(name) => format!("{}得分", name.trim()),
            Metric::Figure(f) => f.label().into(),
        }
    }

    /// `分`, `万元` or `%`.
    pub fn unit(&self) -> &'static str {
        match self {
            Metric::Figure(f) => f.unit(),
            _ => "分",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: i32,
    pub value: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub metric: Metric,
    /// One per year, oldest first.
    pub points: Vec<Point>,
}

impl Trend {
    pub fn label(&self) -> String {
        self.metric.label()
    }

    pub fn unit(&self) -> &'static str {
        self.metric.unit()
    }

    /// The points that have a value, as (year, value): a line chart's data.
    pub fn values(&self) -> impl Iterator<Item = (i32, Decimal)> + '_ {
        self.points.iter().filter_map(|p| Some((p.year, p.value?)))
    }

    /// The smallest and largest value, for a chart's bounds; `None` when there is none.
    pub fn range(&self) -> Option<(Decimal, Decimal)> {
        let mut values = self.values().map(|(_, v)| v);
        let first = values.next()?;
        Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// The first and last year, for the x axis.
    pub fn years(&self) -> Option<(i32, i32)> {
        Some((self.points.first()?.year, self.points.last()?.year))
    }
}

impl Comparison {
    /// A trend over the compared years. An indicator no row of which bears the name
    /// gives points without values, and so does a year where its row is not filled in.
    pub fn trend(&self, metric: &Metric) -> Trend {
        let values: Vec<Option<Decimal>> = match metric {
            Metric::Total => self.total.values.clone(),
            Metric::RuleTotal => self.rule_total.values.clone(),
            Metric::Figure(f) => {
                self.figures.iter().find(|r| r.figure == *f).map(|r| r.series.values.clone()).unwrap_or_default()
            }
            Metric::Indicator(name) => self
                .rows
                .iter()
                .find(|r| r.is_named(name))
                .map(|r| r.cells.iter().map(|c| c.as_ref().filter(|c| c.filled).map(|c| c.score)).collect())
                .unwrap_or_default(),
        };
        let points = self
            .years
            .iter()
            .enumerate()
            .map(|(i, y)| Point { year: y.year, value: values.get(i).copied().flatten() })
            .collect();
        Trend { metric: metric.clone(), points }
    }

    /// Everything a trend can follow here: the totals, each indicator (by its latest
    /// name), each budget figure. For a screen's picker.
    pub fn metrics(&self) -> Vec<Metric> {
        let mut out = vec![Metric::Total, Metric::RuleTotal];
        out.extend(self.rows.iter().map(|r| Metric::Indicator(r.name().to_string())));
        out.extend(self.figures.iter().map(|f| Metric::Figure(f.figure)));
        out
    }
}

/// A trend over `years` (every stored year of one organisation, in any order), with no
/// hand pairings. To follow several metrics, build the [`Comparison`] once and call
/// [`Comparison::trend`] for each.
pub fn trend(years: &[&Evaluation], metric: &Metric) -> Trend {
    compare(years, &[]).trend(metric)
}
