//! A change to an evaluation: which part of it (a [`Slot`]: a field, a row, a narrative
//! section …) and that part's content before and after. The app applies changes and
//! undoes them by putting `before` back; the store writes only the part a change touched
//! and records it in the history with [`Change::describe`]: the place, and the old and
//! new values as text a person can read.

use super::field::{Field, FieldValue};
use super::model::{Evaluation, Indicator, Section, SpecialFund};
use super::number::plain;
use super::template::Template;

/// One of the two lists of unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitList {
    Internal,
    Subordinate,
}

impl UnitList {
    pub fn title(self) -> &'static str {
        match self {
            UnitList::Internal => "内设股室",
            UnitList::Subordinate => "所属事业单位",
        }
    }

    /// The key stored in `unit_name.list`.
    pub fn key(self) -> &'static str {
        match self {
            UnitList::Internal => "internal",
            UnitList::Subordinate => "subordinate",
        }
    }

    pub fn names(self, ev: &Evaluation) -> &Vec<String> {
        match self {
            UnitList::Internal => &ev.organisation.internal_units,
            UnitList::Subordinate => &ev.organisation.subordinate_units,
        }
    }

    fn names_mut(self, ev: &mut Evaluation) -> &mut Vec<String> {
        match self {
            UnitList::Internal => &mut ev.organisation.internal_units,
            UnitList::Subordinate => &mut ev.organisation.subordinate_units,
        }
    }
}

/// A part of an evaluation that one change replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Field(Field),
    Name,
    Year,
    /// A project's 项目名称 (its identity within the organisation-year).
    ProjectName,
    Narrative(Section),
    Units(UnitList),
    SpecialFunds,
    /// One indicator row.
    Row(usize),
    /// The whole grid (row insertions, deletions, moves, pastes).
    Rows,
    /// The scoring template (评分模板), such as the rule new rows start with.
    Template,
}

/// Which indicator rows a change can alter, as far as scoring, checking and laying out a
/// row go: they read the row itself, the template and the year (a deadline written
/// without one), nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsChanged {
    None,
    One(usize),
    All,
}

impl Slot {
    pub fn rows_changed(self) -> RowsChanged {
        match self {
            Slot::Row(i) => RowsChanged::One(i),
            Slot::Rows | Slot::Year | Slot::Template => RowsChanged::All,
            Slot::Field(_)
            | Slot::Name
            | Slot::ProjectName
            | Slot::Narrative(_)
            | Slot::Units(_)
            | Slot::SpecialFunds => RowsChanged::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Field(FieldValue),
    Text(String),
    Year(i32),
    Names(Vec<String>),
    Funds(Vec<SpecialFund>),
    Row(Box<Indicator>),
    Rows(Vec<Indicator>),
    Template(Box<Template>),
}

impl Slot {
    pub fn get(self, ev: &Evaluation) -> Content {
        match self {
            Slot::Field(f) => Content::Field(f.get(ev)),
            Slot::Name => Content::Text(ev.organisation.name.clone()),
            Slot::ProjectName => Content::Text(ev.project.name.clone()),
            Slot::Year => Content::Year(ev.year),
            Slot::Narrative(s) => Content::Text(ev.narrative.get(s).to_string()),
            Slot::Units(l) => Content::Names(l.names(ev).clone()),
            Slot::SpecialFunds => Content::Funds(ev.special_funds.clone()),
            Slot::Row(i) => Content::Row(Box::new(ev.indicators.get(i).cloned().unwrap_or_default())),
            Slot::Rows => Content::Rows(ev.indicators.clone()),
            Slot::Template => Content::Template(Box::new(ev.template.clone())),
        }
    }

    /// Puts content back into its slot. Content of the wrong shape is a programming
    /// error; it is ignored rather than allowed to corrupt the evaluation.
    pub fn put(self, ev: &mut Evaluation, content: Content) {
        match (self, content) {
            (Slot::Field(f), Content::Field(v)) => {
                f.set(ev, v);
            }
            (Slot::Name, Content::Text(t)) => ev.organisation.name = t,
            (Slot::ProjectName, Content::Text(t)) => ev.project.name = t,
            (Slot::Year, Content::Year(y)) => ev.year = y,
            (Slot::Narrative(s), Content::Text(t)) => *ev.narrative.get_mut(s) = t,
            (Slot::Units(l), Content::Names(n)) => *l.names_mut(ev) = n,
            (Slot::SpecialFunds, Content::Funds(f)) => ev.special_funds = f,
            (Slot::Row(i), Content::Row(r)) => {
                if let Some(row) = ev.indicators.get_mut(i) {
                    *row = *r;
                }
            }
            (Slot::Rows, Content::Rows(r)) => ev.indicators = r,
            (Slot::Template, Content::Template(t)) => ev.template = *t,
            (slot, content) => debug_assert!(false, "{content:?} does not fit {slot:?}"),
        }
    }
}

/// A change: a slot's content before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub slot: Slot,
    pub before: Content,
    pub after: Content,
}

/// A change as the history keeps it: where (a stable key, such as `field:funds_executed`,
/// `indicator:3:actual` or `narrative:conclusion`) and the old and new values as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub place: String,
    pub old: String,
    pub new: String,
}

/// The columns of an indicator row as the history names them: key, title, text.
pub fn row_columns(ind: &Indicator) -> [(&'static str, &'static str, String); 10] {
    [
        ("level1", "一级指标", ind.level1.clone()),
        ("level2", "二级指标", ind.level2.clone()),
        ("name", "三级指标", ind.name.clone()),
        ("target", "年度指标值", ind.target.text().to_string()),
        ("actual", "实际完成值", ind.actual.text().to_string()),
        ("weight", "分值", plain(ind.weight)),
        ("criterion", "评分标准", ind.criterion.clone()),
        ("rule", "评分规则", ind.rule.describe()),
        (
            "score",
            "填报得分",
            ind.entered.as_ref().map_or(String::new(), |e| format!("{}（理由：{}）", plain(e.score), e.reason)),
        ),
        ("deviation_reason", "偏差原因", ind.deviation_reason.clone()),
    ]
}

/// A whole row on one line: its non-empty columns, `三级指标：…；年度指标值：…`.
fn row_line(ind: &Indicator) -> String {
    row_columns(ind)
        .into_iter()
        .filter(|(_, _, text)| !text.is_empty())
        .map(|(_, title, text)| format!("{title}：{text}"))
        .collect::<Vec<_>>()
        .join("；")
}

/// The history key of an indicator column (`indicator:3:actual`), 1-based like
/// [`super::check::Place::key`].
pub fn indicator_place(index: usize, column: &str) -> String {
    format!("indicator:{}:{column}", index + 1)
}

fn describe_row(i: usize, before: &Indicator, after: &Indicator) -> Described {
    let (b, a) = (row_columns(before), row_columns(after));
    let changed: Vec<usize> = (0..b.len()).filter(|&c| b[c].2 != a[c].2).collect();
    if let [c] = changed[..] {
        return Described { place: indicator_place(i, b[c].0), old: b[c].2.clone(), new: a[c].2.clone() };
    }
    let lines = |cols: &[(&str, &str, String); 10]| {
        changed.iter().map(|&c| format!("{}：{}", cols[c].1, cols[c].2)).collect::<Vec<_>>().join("\n")
    };
    Described { place: format!("indicator:{}", i + 1), old: lines(&b), new: lines(&a) }
}

/// Rows replaced as a block: the common first and last rows are left out, the rest listed
/// as `第3行：…`, one a line (a reorder lists names only).
fn describe_rows(before: &[Indicator], after: &[Indicator]) -> Described {
    let prefix = before.iter().zip(after).take_while(|(b, a)| b == a).count();
    let room = before.len().min(after.len()) - prefix;
    let suffix = before.iter().rev().zip(after.iter().rev()).take(room).take_while(|(b, a)| b == a).count();
    let (removed, added) = (&before[prefix..before.len() - suffix], &after[prefix..after.len() - suffix]);
    if removed.len() == added.len() && removed.len() == 1 {
        return describe_row(prefix, &removed[0], &added[0]);
    }
    let reorder = removed.len() == added.len() && removed.iter().all(|r| added.contains(r));
    let list = |rows: &[Indicator]| {
        rows.iter()
            .enumerate()
            .map(|(k, r)| {
                let body = if reorder { r.name.clone() } else { row_line(r) };
                format!("第{}行：{body}", prefix + k + 1)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let place = match (removed.len(), added.len()) {
        (0, 1) | (1, 0) => format!("indicator:{}", prefix + 1),
        _ => "indicators".to_string(),
    };
    Described { place, old: list(removed), new: list(added) }
}

fn funds_text(funds: &[SpecialFund]) -> String {
    let a = |x: &Option<crate::domain::money::Amount>| x.map(|a| a.to_string()).unwrap_or_default();
    funds
        .iter()
        .map(|f| {
            format!(
                "{}：预算投入 {}；实际投入 {}；实际使用 {}；结余 {}",
                f.name,
                a(&f.budgeted),
                a(&f.invested),
                a(&f.used),
                a(&f.balance)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rule new rows start with, as the history shows it.
fn default_rule(t: &Template) -> String {
    t.default_rule.as_ref().map_or("（未设：人工评分）".to_string(), |r| r.describe())
}

/// A template's change: only its default rule, when that is all that changed (what the UI
/// changes); else the whole template before and after, as stored.
fn describe_template(before: &Template, after: &Template) -> Described {
    let same_but_rule = Template { default_rule: after.default_rule.clone(), ..before.clone() } == *after;
    if same_but_rule {
        return Described {
            place: "template:default_rule".into(),
            old: default_rule(before),
            new: default_rule(after),
        };
    }
    Described {
        place: "template".into(),
        old: text(&Content::Template(Box::new(before.clone()))),
        new: text(&Content::Template(Box::new(after.clone()))),
    }
}

/// A slot's content as text, for the history.
fn text(content: &Content) -> String {
    match content {
        Content::Field(v) => v.to_text(),
        Content::Text(t) => t.clone(),
        Content::Year(y) => y.to_string(),
        Content::Names(n) => n.join("\n"),
        Content::Funds(f) => funds_text(f),
        Content::Row(r) => row_line(r),
        Content::Rows(rows) => rows.iter().map(row_line).collect::<Vec<_>>().join("\n"),
        Content::Template(t) => serde_json::to_string(t).expect("a template always serialises"),
    }
}

impl Slot {
    /// The history key of the whole slot.
    pub fn place(self) -> String {
        match self {
            Slot::Field(f) => format!("field:{}", f.column()),
            Slot::Name => "organisation".into(),
            Slot::Year => "year".into(),
            Slot::ProjectName => "project".into(),
            Slot::Narrative(s) => format!("narrative:{}", s.key()),
            Slot::Units(l) => format!("units:{}", l.key()),
            Slot::SpecialFunds => "special_funds".into(),
            Slot::Row(i) => format!("indicator:{}", i + 1),
            Slot::Rows => "indicators".into(),
            Slot::Template => "template".into(),
        }
    }
}

impl Change {
    /// Where the change is and what it replaced with what, as the history shows it: for a
    /// row, the one column that changed (or each changed column, a line each); for the
    /// grid, the rows that changed.
    pub fn describe(&self) -> Described {
        match (&self.before, &self.after) {
            (Content::Row(b), Content::Row(a)) => {
                let Slot::Row(i) = self.slot else { unreachable!("a row's content is in a row slot") };
                describe_row(i, b, a)
            }
            (Content::Rows(b), Content::Rows(a)) => describe_rows(b, a),
            (Content::Template(b), Content::Template(a)) => describe_template(b, a),
            (b, a) => Described { place: self.slot.place(), old: text(b), new: text(a) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Typed;
    use rust_decimal::Decimal;

    fn row(name: &str, actual: &str) -> Indicator {
        Indicator {
            name: name.into(),
            actual: Typed::new(actual).unwrap(),
            weight: Decimal::TEN,
            ..Indicator::default()
        }
    }

    #[test]
    fn a_row_change_names_the_one_column_it_changed() {
        let c = Change {
            slot: Slot::Row(2),
            before: Content::Row(Box::new(row("新增规上企业", "23家"))),
            after: Content::Row(Box::new(row("新增规上企业", "25家"))),
        };
        assert_eq!(
            c.describe(),
            Described { place: "indicator:3:actual".into(), old: "23家".into(), new: "25家".into() }
        );
    }

    #[test]
    fn a_row_change_of_several_columns_lists_each() {
        let mut after = row("乙", "25家");
        after.deviation_reason = "已整改".into();
        let c = Change {
            slot: Slot::Row(0),
            before: Content::Row(Box::new(row("甲", "25家"))),
            after: Content::Row(Box::new(after)),
        };
        let d = c.describe();
        assert_eq!(d.place, "indicator:1");
        assert_eq!(d.old, "三级指标：甲\n偏差原因：");
        assert_eq!(d.new, "三级指标：乙\n偏差原因：已整改");
    }

    #[test]
    fn grid_changes_list_only_the_rows_that_changed() {
        let rows = vec![row("甲", "1"), row("乙", "2"), row("丙", "3")];
        let mut inserted = rows.clone();
        inserted.insert(1, row("新", ""));
        let d =
            Change { slot: Slot::Rows, before: Content::Rows(rows.clone()), after: Content::Rows(inserted) }.describe();
        assert_eq!((d.place.as_str(), d.old.as_str()), ("indicator:2", ""));
        assert_eq!(d.new, "第2行：三级指标：新；分值：10；评分规则：人工评分：按填报得分，须说明理由");

        let mut deleted = rows.clone();
        deleted.remove(2);
        let d =
            Change { slot: Slot::Rows, before: Content::Rows(rows.clone()), after: Content::Rows(deleted) }.describe();
        assert_eq!(d.place, "indicator:3");
        assert_eq!(
            (d.old.as_str(), d.new.as_str()),
            ("第3行：三级指标：丙；实际完成值：3；分值：10；评分规则：人工评分：按填报得分，须说明理由", "")
        );

        let mut moved = rows.clone();
        moved.swap(0, 1);
        let d = Change { slot: Slot::Rows, before: Content::Rows(rows), after: Content::Rows(moved) }.describe();
        assert_eq!((d.old.as_str(), d.new.as_str()), ("第1行：甲\n第2行：乙", "第1行：乙\n第2行：甲"));
    }

    #[test]
    fn other_slots_are_their_text() {
        let c = Change {
            slot: Slot::Units(UnitList::Internal),
            before: Content::Names(vec!["办公室".into()]),
            after: Content::Names(vec!["办公室".into(), "人事股".into()]),
        };
        assert_eq!(
            c.describe(),
            Described { place: "units:internal".into(), old: "办公室".into(), new: "办公室\n人事股".into() }
        );
        let c = Change {
            slot: Slot::Narrative(Section::Other),
            before: Content::Text("无".into()),
            after: Content::Text("有".into()),
        };
        assert_eq!(c.describe().place, "narrative:other");
    }

    #[test]
    fn a_default_rule_is_its_own_place_and_other_template_changes_are_whole() {
        let before = Template::default();
        let after = Template { default_rule: Some(crate::domain::rule::Rule::Manual), ..before.clone() };
        let c = Change {
            slot: Slot::Template,
            before: Content::Template(Box::new(before.clone())),
            after: Content::Template(Box::new(after)),
        };
        let d = c.describe();
        assert_eq!(d.place, "template:default_rule");
        assert_eq!(d.old, "（未设：人工评分）");
        assert_eq!(d.new, crate::domain::rule::Rule::Manual.describe());
        let renamed = Template { name: "另一模板".into(), ..before.clone() };
        let c = Change {
            slot: Slot::Template,
            before: Content::Template(Box::new(before)),
            after: Content::Template(Box::new(renamed)),
        };
        let d = c.describe();
        assert_eq!(d.place, "template");
        assert!(d.new.contains("另一模板") && !d.old.contains("另一模板"), "{d:?}");
    }
}
