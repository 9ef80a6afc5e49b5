//! The county's figures over the lines of a review: grades filed and by rule, the
//! distribution of totals, the organisations whose filed totals exceed their rule
//! totals the most, and the projects whose 执行率 is under a threshold.

use super::Line;
use crate::domain::project::Kind;
use crate::domain::score::Grade;
use rust_decimal::Decimal;

/// The grades in the order they are counted and shown.
pub const GRADES: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];

pub fn grade_index(grade: Grade) -> usize {
    GRADES.iter().position(|g| *g == grade).expect("every grade is in GRADES")
}

/// Lower edges of the totals' buckets after the first (`<60`): 60–70, 70–80, 80–90,
/// 90–95, 95 and over. Finer at the top, where most tables are.
const EDGES: [i64; 5] = [60, 70, 80, 90, 95];

/// One bar of the distribution of totals: `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub from: Option<Decimal>,
    pub to: Option<Decimal>,
    /// Lines whose filed total falls in it.
    pub filed: usize,
    /// Lines whose rule total falls in it.
    pub rule: usize,
}

impl Bucket {
    pub fn holds(&self, total: Decimal) -> bool {
        self.from.is_none_or(|f| total >= f) && self.to.is_none_or(|t| total < t)
    }
}

/// An organisation whose filed totals exceed its rule totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excess {
    pub organisation: String,
    /// Σ (filed − rule) over its evaluations filed above their rules.
    pub total: Decimal,
    /// How many of its evaluations are filed above their rules.
    pub evaluations: usize,
    /// The largest single excess.
    pub largest: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub evaluations: usize,
    pub departments: usize,
    pub projects: usize,
    /// Counts per grade in [`GRADES`] order, by the filed totals.
    pub filed_grades: [usize; 4],
    /// The same by the rule totals.
    pub rule_grades: [usize; 4],
    pub buckets: Vec<Bucket>,
    /// Most excess first; ties by name.
    pub excess: Vec<Excess>,
    /// Indices into the lines of the projects with 执行率 under `threshold`, lowest first.
    pub low_rate: Vec<usize>,
    /// As a ratio (0.9 = 90 %).
    pub threshold: Decimal,
    /// Σ errors and Σ warnings.
    pub errors: usize,
    pub warnings: usize,
    /// Lines with a row whose filed score breaks its rule, and lines missing a 偏差原因.
    pub with_broken_rows: usize,
    pub with_missing_reasons: usize,
}

fn buckets() -> Vec<Bucket> {
    let edge = |i: usize| EDGES.get(i).map(|e| Decimal::from(*e));
    (0..=EDGES.len())
        .map(|i| {
            let (from, to) = (i.checked_sub(1).and_then(edge), edge(i));
            let label = match (from, to) {
                (None, Some(t)) => format!("<{t}"),
                (Some(f), Some(t)) => format!("{f}–{t}"),
                (Some(f), None) => format!("≥{f}"),
                (None, None) => String::new(),
            };
            Bucket { label, from, to, filed: 0, rule: 0 }
        })
        .collect()
}

impl Summary {
    pub fn of(lines: &[Line], threshold: Decimal) -> Summary {
        let mut s = Summary {
            evaluations: lines.len(),
            departments: lines.iter().filter(|l| l.kind == Kind::Department).count(),
            projects: lines.iter().filter(|l| l.kind == Kind::Project).count(),
            filed_grades: [0; 4],
            rule_grades: [0; 4],
            buckets: buckets(),
            excess: Vec::new(),
            low_rate: Vec::new(),
            threshold,
            errors: lines.iter().map(|l| l.errors).sum(),
            warnings: lines.iter().map(|l| l.warnings).sum(),
            with_broken_rows: lines.iter().filter(|l| !l.broken.is_empty()).count(),
            with_missing_reasons: lines.iter().filter(|l| !l.missing_reasons.is_empty()).count(),
        };
        for l in lines {
            s.filed_grades[grade_index(l.grade)] += 1;
            s.rule_grades[grade_index(l.rule_grade)] += 1;
            for b in s.buckets.iter_mut() {
                b.filed += usize::from(b.holds(l.filed));
                b.rule += usize::from(b.holds(l.rule_total));
            }
            let d = l.difference();
            if d > Decimal::ZERO {
                match s.excess.iter_mut().find(|e| e.organisation == l.organisation) {
                    Some(e) => {
                        e.total += d;
                        e.evaluations += 1;
                        e.largest = e.largest.max(d);
                    }
                    None => s.excess.push(Excess {
                        organisation: l.organisation.clone(),
                        total: d,
                        evaluations: 1,
                        largest: d,
                    }),
                }
            }
        }
        s.excess.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.organisation.cmp(&b.organisation)));
        s.low_rate = (0..lines.len())
            .filter(|&i| lines[i].kind == Kind::Project && lines[i].execution_rate.is_some_and(|r| r < threshold))
            .collect();
        s.low_rate.sort_by_key(|&i| (lines[i].execution_rate, i));
        s
    }
}
