//! The county year over year: whose total moved the most, which projects are new and
//! which were dropped, and the grade counts of each year.

use super::Line;
use super::summary::grade_index;
use crate::domain::project::Kind;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One evaluation in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub organisation: String,
    pub kind: Kind,
    pub project: String,
    /// Filed totals, last year and this.
    pub before: Decimal,
    pub after: Decimal,
    /// Rule totals, last year and this.
    pub rule_before: Decimal,
    pub rule_after: Decimal,
}

impl Move {
    /// The change of the filed total.
    pub fn change(&self) -> Decimal {
        self.after - self.before
    }
}

/// This year against last: evaluations matched by organisation, kind and project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearOverYear {
    pub year: i32,
    pub previous: i32,
    /// Every evaluation in both years, the largest move (either way) first.
    pub moves: Vec<Move>,
    /// Projects of this year that last year did not have: (organisation, project).
    pub new_projects: Vec<(String, String)>,
    /// Projects of last year this year does not have.
    pub dropped_projects: Vec<(String, String)>,
}

type Key<'a> = (&'a str, Kind, &'a str);

fn key(l: &Line) -> Key<'_> {
    (l.organisation.as_str(), l.kind, l.project.as_str())
}

impl YearOverYear {
    /// `current` and `previous` are the lines of two years.
    pub fn of(current: &[Line], previous: &[Line], year: i32, previous_year: i32) -> YearOverYear {
        let before: HashMap<Key, &Line> = previous.iter().map(|l| (key(l), l)).collect();
        let now: HashMap<Key, &Line> = current.iter().map(|l| (key(l), l)).collect();
        let mut moves: Vec<Move> = current
            .iter()
            .filter_map(|l| {
                let b = before.get(&key(l))?;
                Some(Move {
                    organisation: l.organisation.clone(),
                    kind: l.kind,
                    project: l.project.clone(),
                    before: b.filed,
                    after: l.filed,
                    rule_before: b.rule_total,
                    rule_after: l.rule_total,
                })
            })
            .collect();
        moves.sort_by(|a, b| {
            b.change().abs().cmp(&a.change().abs()).then_with(|| {
                (a.organisation.as_str(), a.kind, a.project.as_str()).cmp(&(
                    b.organisation.as_str(),
                    b.kind,
                    b.project.as_str(),
                ))
            })
        });
        let projects = |of: &[Line], missing_in: &HashMap<Key, &Line>| {
            let mut out: Vec<(String, String)> = of
                .iter()
                .filter(|l| l.kind == Kind::Project && !missing_in.contains_key(&key(l)))
                .map(|l| (l.organisation.clone(), l.project.clone()))
                .collect();
            out.sort();
            out
        };
        YearOverYear {
            year,
            previous: previous_year,
            moves,
            new_projects: projects(current, &before),
            dropped_projects: projects(previous, &now),
        }
    }
}

/// Grade counts per year: (year, by filed totals, by rule totals), years ascending.
pub fn grade_counts_by_year(lines: &[Line]) -> Vec<super::GradeCounts> {
    let mut out: Vec<super::GradeCounts> = Vec::new();
    for l in lines {
        let at = match out.iter().position(|(y, ..)| *y == l.year) {
            Some(at) => at,
            None => {
                out.push((l.year, [0; 4], [0; 4]));
                out.len() - 1
            }
        };
        out[at].1[grade_index(l.grade)] += 1;
        out[at].2[grade_index(l.rule_grade)] += 1;
    }
    out.sort_by_key(|(y, ..)| *y);
    out
}
