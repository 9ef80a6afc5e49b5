//! The finance bureau's review (自评复核) of a county's evaluations: every evaluation of
//! a year as one line (filed total against rule total, grades, findings, rows whose
//! filed score breaks their rule, missing 偏差原因, 执行率), the county's summary, and
//! the county year over year (`docs/bureau.md`).
//!
//! Pure: the evaluations in, figures out. Each line is computed exactly as the
//! evaluation's own `score` and `check` would compute it; the review only gathers them.

mod county;
mod summary;
mod years;

pub use county::{County, GradeCounts};
pub use summary::{Bucket, Excess, GRADES, Summary, grade_index};
pub use years::{Move, YearOverYear, grade_counts_by_year};

use super::check::{Column, Finding, Place, Severity, check_in_year, counts};
use super::model::Evaluation;
use super::project::{Kind, ProjectLine};
use super::score::{Grade, ItemSource, score};
use super::serde_decimal as dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One evaluation as handed in.
#[derive(Debug, Clone)]
pub struct HandIn {
    /// The caller's handle for it (the store's id), carried into its [`Line`].
    pub reference: i64,
    pub evaluation: Evaluation,
    /// The 总分 the hand-in itself states (the total row of a workbook), where known.
    pub stated_total: Option<Decimal>,
}

/// A row whose filed score is not the score its rule gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenRow {
    /// The indicator's index in the evaluation's grid.
    pub index: usize,
    pub name: String,
    #[serde(with = "dec::computed")]
    pub filed: Decimal,
    #[serde(with = "dec::computed")]
    pub rule: Decimal,
}

/// One evaluation of the review. Serialisable, so that the store can keep each
/// evaluation's line and a county's review need not score thousands of tables again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub reference: i64,
    pub organisation: String,
    pub year: i32,
    pub kind: Kind,
    /// 项目名称; empty for the department.
    pub project: String,
    /// The filed total: the hand-in's stated 总分 where known, else the sum of its filed scores.
    #[serde(with = "dec::computed")]
    pub filed: Decimal,
    /// Whether `filed` is the total the hand-in states (not a sum jixiao made).
    pub stated: bool,
    /// The total by the rules alone.
    #[serde(with = "dec::computed")]
    pub rule_total: Decimal,
    pub grade: Grade,
    pub rule_grade: Grade,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub broken: Vec<BrokenRow>,
    /// Indicators that lost points with no 偏差原因分析及改进措施 (their indices).
    pub missing_reasons: Vec<usize>,
    /// 执行率 as a ratio, when it can be computed.
    #[serde(with = "dec::computed::option")]
    pub execution_rate: Option<Decimal>,
    pub findings: Vec<Finding>,
    /// Where each finding is, in words (`第9项指标「总成本」：得分`), one per finding.
    pub finding_places: Vec<String>,
    /// Decimal places of the evaluation's template.
    pub places: u32,
}

impl Line {
    /// The line as the review's tables show it, a cell per column: organisation, subject,
    /// filed total, rule total, difference, grades, checks, rows breaking their rule, missing
    /// reasons, execution rate. `gap` goes between the error and warning counts (the
    /// terminal's narrow column has none).
    pub fn cells(&self, gap: &str) -> [String; 10] {
        use super::number::{fixed, percent};
        [
            self.organisation.clone(),
            self.subject().to_string(),
            fixed(self.filed, self.places),
            fixed(self.rule_total, self.places),
            super::score::signed(self.difference(), self.places),
            format!("{}/{}", self.grade.label(), self.rule_grade.label()),
            format!("{}错{gap}{}警", self.errors, self.warnings),
            self.broken.len().to_string(),
            self.missing_reasons.len().to_string(),
            self.execution_rate.map_or_else(|| "—".into(), percent),
        ]
    }

    /// Filed total − rule total: positive when the hand-in claims more than its rules give.
    pub fn difference(&self) -> Decimal {
        self.filed - self.rule_total
    }

    /// `部门整体` or the project's name.
    pub fn subject(&self) -> &str {
        if self.kind == Kind::Project { &self.project } else { Kind::Department.label() }
    }

    /// Where the review should take a reader first: the first error, else the first broken
    /// row, else the first warning, else the first finding.
    pub fn first_place(&self) -> Option<Place> {
        let of = |s: Severity| self.findings.iter().find(|f| f.severity == s).map(|f| f.place);
        of(Severity::Error)
            .or_else(|| self.broken.first().map(|b| Place::Indicator(b.index, Column::Score)))
            .or_else(|| of(Severity::Warning))
            .or_else(|| self.findings.first().map(|f| f.place))
    }

    /// Whether a finding kind applies to the line (`threshold`: the 执行率 below which a
    /// rate is low, as a ratio).
    pub fn has(&self, kind: FindingKind, threshold: Decimal) -> bool {
        match kind {
            FindingKind::Error => self.errors > 0,
            FindingKind::Warning => self.warnings > 0,
            FindingKind::RuleBreak => !self.broken.is_empty(),
            FindingKind::MissingReason => !self.missing_reasons.is_empty(),
            FindingKind::LowRate => self.execution_rate.is_some_and(|r| r < threshold),
            FindingKind::AboveRule => self.difference() > Decimal::ZERO,
        }
    }
}

/// What a line can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingKind {
    Error,
    Warning,
    /// A filed score that breaks its rule.
    RuleBreak,
    MissingReason,
    LowRate,
    /// Filed total above the rule total.
    AboveRule,
}

impl FindingKind {
    pub const ALL: [FindingKind; 6] = [
        FindingKind::AboveRule,
        FindingKind::RuleBreak,
        FindingKind::Error,
        FindingKind::Warning,
        FindingKind::MissingReason,
        FindingKind::LowRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Error => "有错误",
            FindingKind::Warning => "有警告",
            FindingKind::RuleBreak => "得分与规则不符",
            FindingKind::MissingReason => "缺偏差原因",
            FindingKind::LowRate => "执行率偏低",
            FindingKind::AboveRule => "填报高于规则",
        }
    }

    /// The name on the command line (`--filter above-rule`).
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::Error => "error",
            FindingKind::Warning => "warning",
            FindingKind::RuleBreak => "rule-break",
            FindingKind::MissingReason => "missing-reason",
            FindingKind::LowRate => "low-rate",
            FindingKind::AboveRule => "above-rule",
        }
    }

    pub fn from_key(key: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.key() == key.trim())
    }
}

/// How lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By organisation, the department before its projects.
    #[default]
    Organisation,
    /// Largest filed − rule first.
    Difference,
    /// Highest filed total first.
    Filed,
    /// Lowest rule total first.
    Rule,
    /// Most errors, then warnings, first.
    Findings,
    /// Lowest 执行率 first (none last).
    Rate,
}

impl Order {
    pub const ALL: [Order; 6] =
        [Order::Organisation, Order::Difference, Order::Filed, Order::Rule, Order::Findings, Order::Rate];

    pub fn label(self) -> &'static str {
        match self {
            Order::Difference => "差额（高到低）",
            Order::Filed => "填报总分（高到低）",
            Order::Rule => "规则总分（低到高）",
            Order::Findings => "错误警告（多到少）",
            Order::Rate => "执行率（低到高）",
            Order::Organisation => "单位",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Order::Difference => "difference",
            Order::Filed => "filed",
            Order::Rule => "rule",
            Order::Findings => "findings",
            Order::Rate => "rate",
            Order::Organisation => "organisation",
        }
    }

    pub fn from_key(key: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.key() == key.trim())
    }

    pub fn next(self) -> Order {
        let at = Order::ALL.iter().position(|o| *o == self).unwrap_or(0);
        Order::ALL[(at + 1) % Order::ALL.len()]
    }
}

/// Which lines to show: all conditions given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the organisation's or the project's name.
    pub text: String,
    pub kind: Option<FindingKind>,
}

impl Filter {
    pub fn matches(&self, line: &Line, threshold: Decimal) -> bool {
        let text = self.text.trim();
        (text.is_empty() || line.organisation.contains(text) || line.project.contains(text))
            && self.kind.is_none_or(|k| line.has(k, threshold))
    }
}

/// The line of one evaluation; `projects` are its year's projects (for a department's
/// 专项资金 agreement check).
pub fn line(hand_in: &HandIn, projects: &[ProjectLine]) -> Line {
    scored_line(hand_in, &score(&hand_in.evaluation), projects)
}

/// The line of one evaluation and, for a project, the line its department's report
/// lists it by: scored once for both.
pub fn line_and_project(hand_in: &HandIn, projects: &[ProjectLine]) -> (Line, Option<ProjectLine>) {
    let ev = &hand_in.evaluation;
    let sheet = score(ev);
    let project = ev.is_project().then(|| ProjectLine::scored(ev, &sheet));
    (scored_line(hand_in, &sheet, projects), project)
}

fn scored_line(hand_in: &HandIn, sheet: &super::score::ScoreSheet, projects: &[ProjectLine]) -> Line {
    let ev = &hand_in.evaluation;
    let findings = check_in_year(ev, sheet, projects);
    let (errors, warnings, notes) = counts(&findings);
    let filed = hand_in.stated_total.unwrap_or(sheet.total);
    let broken = sheet
        .items
        .iter()
        .filter_map(|item| {
            let ItemSource::Indicator(index) = item.source else { return None };
            item.difference()?;
            Some(BrokenRow { index, name: item.name.clone(), filed: item.entered?, rule: item.rule_score? })
        })
        .collect();
    let missing_reasons = findings
        .iter()
        .filter_map(|f| match f.place {
            Place::Indicator(i, Column::DeviationReason) => Some(i),
            _ => None,
        })
        .collect();
    Line {
        reference: hand_in.reference,
        organisation: ev.organisation.name.trim().to_string(),
        year: ev.year,
        kind: ev.kind,
        project: if ev.is_project() { ev.project.name.trim().to_string() } else { String::new() },
        filed,
        stated: hand_in.stated_total.is_some(),
        rule_total: sheet.rule_total,
        grade: Grade::of(filed, &ev.template.grades),
        rule_grade: sheet.rule_grade,
        errors,
        warnings,
        notes,
        broken,
        missing_reasons,
        execution_rate: sheet.execution_rate,
        finding_places: findings.iter().map(|f| f.place.describe(ev)).collect(),
        findings,
        places: sheet.places,
    }
}

/// The review of a set of evaluations: one line each, in the order given. A department's
/// projects are those of the set with its organisation and year.
pub fn review(hand_ins: &[HandIn]) -> Vec<Line> {
    let mut projects: std::collections::HashMap<(&str, i32), Vec<ProjectLine>> = std::collections::HashMap::new();
    for h in hand_ins.iter().filter(|h| h.evaluation.is_project()) {
        let key = (h.evaluation.organisation.name.trim(), h.evaluation.year);
        projects.entry(key).or_default().push(ProjectLine::of(&h.evaluation));
    }
    let one = |h: &HandIn| {
        let key = (h.evaluation.organisation.name.trim(), h.evaluation.year);
        let mine = if h.evaluation.is_project() { None } else { projects.get(&key) };
        line(h, mine.map_or(&[][..], Vec::as_slice))
    };
    on_all_cores(hand_ins, one)
}

/// `f` of each item, in order, the items shared among the cores. A county is thousands
/// of evaluations, each scored and checked on its own (no I/O).
pub fn on_all_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> =
            items.chunks(chunk).map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
        parts.into_iter().flat_map(|p| p.join().expect("scoring does not panic")).collect()
    })
}

/// How two lines compare in an order; ties go by organisation, year, kind and project.
pub fn compare(a: &Line, b: &Line, order: Order) -> std::cmp::Ordering {
    let first = match order {
        Order::Difference => b.difference().cmp(&a.difference()),
        Order::Filed => b.filed.cmp(&a.filed),
        Order::Rule => a.rule_total.cmp(&b.rule_total),
        Order::Findings => (b.errors, b.warnings).cmp(&(a.errors, a.warnings)),
        Order::Rate => match (a.execution_rate, b.execution_rate) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        },
        Order::Organisation => std::cmp::Ordering::Equal,
    };
    first.then_with(|| {
        (a.organisation.as_str(), a.year, a.kind, a.project.as_str()).cmp(&(
            b.organisation.as_str(),
            b.year,
            b.kind,
            b.project.as_str(),
        ))
    })
}

/// Sorts lines in place (see [`compare`]).
pub fn sort(lines: &mut [Line], order: Order) {
    lines.sort_by(|a, b| compare(a, b, order));
}

/// 执行率 under 90 % is the usual threshold for a project falling short (as a ratio).
pub const DEFAULT_RATE_THRESHOLD: Decimal = Decimal::from_parts(90, 0, 0, false, 2);

#[cfg(test)]
mod tests;
