//! The start screen's list as a tree: each organisation-year is a group, its
//! department's evaluation first and its projects under it. A group with many projects
//! is folded to one line (with their count and check counts) until it is expanded.

use crate::store::{EvalId, Summary};
use std::collections::{HashMap, HashSet};

/// A group with more projects than this is folded until expanded.
pub const FOLD_FROM: usize = 4;

/// One line of the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A stored evaluation. `nested`: a project shown under its department's line.
    Eval { row: Box<Summary>, nested: bool },
    /// An organisation-year's projects folded into one line.
    /// `nested`: under its department's line (else it names the organisation itself).
    Folded { organisation: String, year: i32, count: usize, errors: i64, warnings: i64, nested: bool },
}

impl Line {
    pub fn summary(&self) -> Option<&Summary> {
        match self {
            Line::Eval { row, .. } => Some(row),
            Line::Folded { .. } => None,
        }
    }

    /// The organisation-year the line belongs to.
    pub fn group(&self) -> (&str, i32) {
        match self {
            Line::Eval { row, .. } => (&row.organisation, row.year),
            Line::Folded { organisation, year, .. } => (organisation, *year),
        }
    }

    pub fn id(&self) -> Option<EvalId> {
        self.summary().map(|s| s.id)
    }
}

/// The order of the start screen's groups (`s` cycles through them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    OrganisationYear,
    YearOrganisation,
    /// Highest total first (a group by its department's total; projects by theirs).
    Total,
}

impl SortOrder {
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::OrganisationYear => "单位、年度",
            SortOrder::YearOrganisation => "年度（新到旧）、单位",
            SortOrder::Total => "总分（高到低）",
        }
    }

    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::OrganisationYear => SortOrder::YearOrganisation,
            SortOrder::YearOrganisation => SortOrder::Total,
            SortOrder::Total => SortOrder::OrganisationYear,
        }
    }
}

/// Whether a stored evaluation matches the filter: every word of it is part of the
/// organisation's name, the project's name or the year (`教育 2024`, `监测`).
pub fn matches(row: &Summary, filter: &str) -> bool {
    filter.split_whitespace().all(|word| {
        row.organisation.contains(word) || row.project.contains(word) || row.year.to_string().contains(word)
    })
}

/// One organisation-year: its department's evaluation (if stored) and its projects.
struct Group<'a> {
    organisation: &'a str,
    year: i32,
    department: Option<&'a Summary>,
    projects: Vec<&'a Summary>,
}

impl Group<'_> {
    /// What the Total order sorts a group by: its department's total, else its best project's.
    fn total(&self) -> rust_decimal::Decimal {
        self.department.map(|d| d.total).or_else(|| self.projects.iter().map(|p| p.total).max()).unwrap_or_default()
    }
}

/// The lines to show. With a filter, a group shows the projects that match and its
/// department (for context) when it or any of them matches, and nothing is folded.
pub fn lines(all: &[Summary], filter: &str, sort: SortOrder, expanded: &HashSet<(String, i32)>) -> Vec<Line> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(&str, i32), usize> = HashMap::new();
    for row in all {
        let at = *index.entry((row.organisation.as_str(), row.year)).or_insert_with(|| {
            groups.push(Group { organisation: &row.organisation, year: row.year, department: None, projects: vec![] });
            groups.len() - 1
        });
        let g = &mut groups[at];
        match row.kind {
            crate::domain::project::Kind::Department => g.department = Some(row),
            crate::domain::project::Kind::Project => g.projects.push(row),
        }
    }
    let filtering = !filter.trim().is_empty();
    for g in &mut groups {
        if filtering {
            g.projects.retain(|p| matches(p, filter));
            if g.department.is_some_and(|d| !matches(d, filter)) && g.projects.is_empty() {
                g.department = None;
            }
        }
        match sort {
            SortOrder::Total => g.projects.sort_by(|a, b| (b.total, &a.project).cmp(&(a.total, &b.project))),
            _ => g.projects.sort_by(|a, b| a.project.cmp(&b.project)),
        }
    }
    groups.retain(|g| g.department.is_some() || !g.projects.is_empty());
    match sort {
        SortOrder::OrganisationYear => groups.sort_by(|a, b| (a.organisation, a.year).cmp(&(b.organisation, b.year))),
        SortOrder::YearOrganisation => groups.sort_by(|a, b| (b.year, a.organisation).cmp(&(a.year, b.organisation))),
        SortOrder::Total => {
            groups.sort_by(|a, b| (b.total(), a.organisation, a.year).cmp(&(a.total(), b.organisation, b.year)))
        }
    }
    let mut out = Vec::new();
    for g in groups {
        let nested = g.department.is_some();
        if let Some(d) = g.department {
            out.push(Line::Eval { row: Box::new(d.clone()), nested: false });
        }
        let key = (g.organisation.to_string(), g.year);
        if !filtering && g.projects.len() >= FOLD_FROM && !expanded.contains(&key) {
            out.push(Line::Folded {
                organisation: key.0,
                year: key.1,
                count: g.projects.len(),
                errors: g.projects.iter().map(|p| p.errors).sum(),
                warnings: g.projects.iter().map(|p| p.warnings).sum(),
                nested,
            });
        } else {
            out.extend(g.projects.into_iter().map(|p| Line::Eval { row: Box::new(p.clone()), nested }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::Kind;
    use rust_decimal::Decimal;

    fn row(id: i64, org: &str, year: i32, project: &str, total: i64) -> Summary {
        Summary {
            id,
            organisation_id: 1,
            organisation: org.into(),
            year,
            kind: if project.is_empty() { Kind::Department } else { Kind::Project },
            project: project.into(),
            full_year: None,
            executed: None,
            total: Decimal::from(total),
            rule_total: Decimal::from(total),
            grade: "优".into(),
            errors: 1,
            warnings: 2,
            updated_at: String::new(),
            filing: None,
        }
    }

    fn ids(lines: &[Line]) -> Vec<Option<i64>> {
        lines.iter().map(Line::id).collect()
    }

    fn all() -> Vec<Summary> {
        let mut v =
            vec![row(1, "甲局", 2024, "", 90), row(2, "甲局", 2024, "乙项目", 80), row(3, "甲局", 2024, "甲项目", 95)];
        v.push(row(4, "乙局", 2023, "", 70));
        v.extend((0..5).map(|i| row(10 + i, "乙局", 2023, &format!("项目{i}"), 60)));
        v.push(row(20, "丙局", 2024, "孤项目", 99));
        v
    }

    #[test]
    fn departments_lead_their_projects_and_many_projects_fold() {
        let lines = lines(&all(), "", SortOrder::OrganisationYear, &HashSet::new());
        // 丙局 < 乙局 < 甲局 by code point order of the names.
        // Projects by name: 乙 (U+4E59) before 甲 (U+7532).
        assert_eq!(ids(&lines), vec![Some(20), Some(4), None, Some(1), Some(2), Some(3)]);
        assert!(matches!(&lines[0], Line::Eval { nested: false, .. }), "a project without its department stands alone");
        assert_eq!(
            lines[2],
            Line::Folded { organisation: "乙局".into(), year: 2023, count: 5, errors: 5, warnings: 10, nested: true }
        );
        assert!(matches!(&lines[4], Line::Eval { nested: true, .. }));
    }

    #[test]
    fn many_projects_without_their_department_fold_into_a_line_that_names_the_organisation() {
        let v: Vec<Summary> =
            (0..FOLD_FROM as i64).map(|i| row(30 + i, "丁局", 2025, &format!("项目{i}"), 90)).collect();
        let lines = lines(&v, "", SortOrder::OrganisationYear, &HashSet::new());
        assert_eq!(lines.len(), 1);
        assert!(matches!(&lines[0], Line::Folded { nested: false, count, .. } if *count == FOLD_FROM));
    }

    #[test]
    fn an_expanded_group_shows_every_project_and_a_filter_unfolds_too() {
        let open: HashSet<_> = [("乙局".to_string(), 2023)].into();
        assert_eq!(lines(&all(), "", SortOrder::OrganisationYear, &open).len(), 10);
        let found = lines(&all(), "项目3", SortOrder::OrganisationYear, &HashSet::new());
        assert_eq!(ids(&found), vec![Some(4), Some(13)], "the department for context, then the match");
        assert_eq!(ids(&lines(&all(), "2024 甲局", SortOrder::OrganisationYear, &HashSet::new())).len(), 3);
    }

    #[test]
    fn the_total_order_sorts_groups_by_their_department_and_projects_by_theirs() {
        let lines = lines(&all(), "", SortOrder::Total, &HashSet::new());
        assert_eq!(ids(&lines)[..4], [Some(20), Some(1), Some(3), Some(2)]);
    }
}
