//! The 自评表 as its template lays it out: the funds block with the template's heading,
//! columns and rows, the indicator grid with the template's columns in its order, the
//! total line and the 备注. The department's and the project's tables (`self_table`,
//! `project_table`) add their own header rows and share everything else here.
//!
//! The 得分 of the funds row, its 执行率 and the 总分 carry spreadsheet formulas (their
//! cached values are jixiao's results), so a figure edited in Excel or WPS updates the
//! total instead of leaving it stale.

use super::table::{Cell, Style, Table, Value};
use crate::domain::derived::ratio;
use crate::domain::field;
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::money::Amount;
use crate::domain::number::Plain;
use crate::domain::project::Kind;
use crate::domain::score::ScoreSheet;
use crate::domain::template::{ColumnKey, FundsDenominator, FundsKey, Template};
use rust_decimal::Decimal;

/// Written before the first source row: `其中：当年财政拨款`.
pub const AMONG: &str = "其中：";
pub const BY_SOURCE_LABEL: &str = "按收入性质分：";
pub const BY_NATURE_LABEL: &str = "按支出性质分：";
pub const GRADE_LABEL: &str = "评价等级";

/// A money cell in 万元, the unit the whole form is in.
pub fn money(a: Option<Amount>) -> Cell {
    Cell::number(a.map(|a| a.in_wan()), 2)
}

pub struct Form<'a> {
    pub ev: &'a Evaluation,
    pub sheet: &'a ScoreSheet,
    pub table: Table,
    /// Columns of the table: the side column, then the grid's.
    pub n: usize,
    /// Columns the name column spans beyond its own (when the funds block is wider).
    name_extra: usize,
    /// Where the funds row's 得分 and 执行率 are, for the total's formula.
    funds_score: Option<(usize, usize)>,
    funds_rate: Option<(usize, usize)>,
}

fn t(ev: &Evaluation) -> &Template {
    &ev.template
}

/// Whether the table prints a funds block.
fn shows_funds(t: &Template) -> bool {
    !t.funds.columns.is_empty()
}

impl<'a> Form<'a> {
    /// A form at least `min_width` columns wide (a header's rows need some room).
    pub fn new(ev: &'a Evaluation, sheet: &'a ScoreSheet, min_width: usize) -> Form<'a> {
        let t = t(ev);
        let grid = 1 + t.columns.len();
        let funds = if shows_funds(t) { 2 + t.funds.columns.len() } else { 0 };
        let n = grid.max(funds).max(min_width);
        Form { ev, sheet, table: Table::new(n), n, name_extra: n - grid, funds_score: None, funds_rate: None }
    }

    /// The sum of the indicators' weights, for a heading's `{指标分值}`.
    fn indicator_weights(&self) -> Decimal {
        self.ev.indicators.iter().map(|i| i.weight).sum()
    }

    fn fill(&self, label: &str) -> String {
        t(self.ev).fill(label, self.indicator_weights())
    }

    /// The table column where a grid column starts.
    pub fn col(&self, key: ColumnKey) -> Option<usize> {
        let columns = &t(self.ev).columns;
        let i = columns.iter().position(|c| c.key == key)?;
        let name_before = columns[..i].iter().any(|c| c.key == ColumnKey::Name);
        Some(1 + i + if name_before { self.name_extra } else { 0 })
    }

    /// The funds block: its heading row, the totals row, then the department's split by
    /// source and nature or the project's sources, as the template says.
    pub fn funds_block(&mut self) {
        let ev = self.ev;
        let t = t(ev);
        if !shows_funds(t) {
            return;
        }
        let cols = &t.funds.columns;
        let label_w = (self.n - 1 - cols.len()).clamp(1, 3);
        let last_extra = self.n - 1 - label_w - cols.len();
        let wide = |j: usize, cell: Cell| if j + 1 == cols.len() { cell.wide(1 + last_extra) } else { cell };
        let body = match ev.kind {
            Kind::Department if t.funds.split => 1 + BY_SOURCE.len(),
            Kind::Department => 0,
            Kind::Project => t.funds.sources.len(),
        };
        let default_heading =
            if ev.is_project() { "项目资金（万元）" } else { "年度预算申请（万元）" };
        let heading =
            if t.funds.heading.trim().is_empty() { default_heading.to_string() } else { self.fill(&t.funds.heading) };
        let mut row = vec![Cell::header(&heading).tall(2 + body), Cell::empty().wide(label_w)];
        row.extend(cols.iter().enumerate().map(|(j, c)| wide(j, Cell::header(&self.fill(c.heading())))));
        self.table.push(row);

        let r = self.table.rows.len();
        let at = |key: FundsKey| cols.iter().position(|c| c.key == key).map(|j| 1 + label_w + j);
        let item = self.sheet.items.first();
        let mut row = vec![Cell::label(&t.funds.total_label).wide(label_w)];
        for (j, c) in cols.iter().enumerate() {
            let cell = match c.key {
                FundsKey::Initial => money(ev.funds.initial),
                FundsKey::Budget => money(ev.funds.rate_base(t.funds_denominator).copied()),
                FundsKey::Executed => money(ev.funds.executed),
                FundsKey::Weight => Cell::number(Some(t.funds_row_weight()), 2),
                FundsKey::Rate => {
                    let cell = Cell::new(self.sheet.execution_rate.map_or(Value::Empty, Value::Percent), Style::Number);
                    match (at(FundsKey::Executed), at(FundsKey::Budget), self.sheet.execution_rate) {
                        (Some(e), Some(b), Some(_)) => {
                            self.funds_rate = Some((r, 1 + label_w + j));
                            cell.with_formula(format!("{}/{}", Table::cell_ref(r, e), Table::cell_ref(r, b)))
                        }
                        _ => cell,
                    }
                }
                FundsKey::Score => {
                    let cell = Cell::number(item.map(|i| i.score), self.sheet.places);
                    self.funds_score = Some((r, 1 + label_w + j));
                    self.funds_formula(cell, r, &at)
                }
                FundsKey::Method => Cell::text(t.funds.method.clone(), Style::Text),
                FundsKey::Reason => Cell::text(ev.funds.reason.trim(), Style::Text),
            };
            row.push(wide(j, cell));
        }
        self.table.push(row);

        match ev.kind {
            Kind::Department if t.funds.split => self.split_rows(),
            Kind::Department => {}
            Kind::Project => self.source_rows(label_w, last_extra),
        }
    }

    /// `ROUND(MIN(1,执行率)×分值, places)`, when the rate can be computed from the row.
    fn funds_formula(&self, cell: Cell, r: usize, at: &dyn Fn(FundsKey) -> Option<usize>) -> Cell {
        let t = t(self.ev);
        if self.sheet.execution_rate.is_none() || !t.funds_row {
            return cell;
        }
        let rate = match (at(FundsKey::Rate), at(FundsKey::Executed), at(FundsKey::Budget)) {
            (Some(c), Some(_), Some(_)) => Table::cell_ref(r, c),
            (_, Some(e), Some(b)) => format!("({}/{})", Table::cell_ref(r, e), Table::cell_ref(r, b)),
            _ => return cell,
        };
        let weight = at(FundsKey::Weight).map_or_else(|| Plain(t.funds_weight).to_string(), |c| Table::cell_ref(r, c));
        cell.with_formula(format!("ROUND(MIN(1,{rate})*{weight},{})", self.sheet.places))
    }

    /// 按收入性质分 beside 按支出性质分, four rows.
    fn split_rows(&mut self) {
        let w = self.n - 1;
        let a = (w * 3 / 9).max(1);
        let b = (w * 2 / 9).max(1);
        let c = (w * 2 / 9).max(1);
        let d = w.saturating_sub(a + b + c).max(1);
        self.table.push(vec![Cell::label(BY_SOURCE_LABEL).wide(a + b), Cell::label(BY_NATURE_LABEL).wide(c + d)]);
        for (i, (f, label)) in BY_SOURCE.iter().enumerate() {
            let mut row = vec![Cell::label(&format!("{label}：")).wide(a), money(f.amount(self.ev)).wide(b)];
            match BY_NATURE.get(i) {
                Some((nature, nature_label)) => {
                    row.push(Cell::label(&format!("{nature_label}：")).wide(c));
                    row.push(money(nature.amount(self.ev)).wide(d));
                }
                None => row.push(Cell::empty().wide(c + d)),
            }
            self.table.push(row);
        }
    }

    /// A project's sources, as the template lists them.
    fn source_rows(&mut self, label_w: usize, last_extra: usize) {
        let ev = self.ev;
        let t = t(ev);
        let cols = &t.funds.columns;
        for (i, src) in t.funds.sources.iter().enumerate() {
            let label = if i == 0 { format!("{AMONG}{}", src.heading()) } else { src.heading().to_string() };
            let [initial, full_year, executed] = field::source(src.key).1.map(|f| f.amount(ev));
            // A source has one budget: its 全年预算数, or its 年初预算数 where the rate is on that.
            let full_year = if t.funds_denominator == FundsDenominator::Initial { initial } else { full_year };
            let r = self.table.rows.len();
            let at = |key: FundsKey| cols.iter().position(|c| c.key == key).map(|j| 1 + label_w + j);
            let mut row = vec![Cell::label(&label).wide(label_w)];
            for (j, c) in cols.iter().enumerate() {
                let cell = match c.key {
                    FundsKey::Initial => money(initial),
                    FundsKey::Budget => money(full_year),
                    FundsKey::Executed => money(executed),
                    FundsKey::Rate => {
                        let rate = ratio(executed, full_year);
                        let cell = Cell::new(rate.map_or(Value::Empty, Value::Percent), Style::Number);
                        match (rate, at(FundsKey::Executed), at(FundsKey::Budget)) {
                            (Some(_), Some(e), Some(b)) => {
                                cell.with_formula(format!("{}/{}", Table::cell_ref(r, e), Table::cell_ref(r, b)))
                            }
                            _ => cell,
                        }
                    }
                    FundsKey::Weight | FundsKey::Score => Cell::label("—"),
                    FundsKey::Method | FundsKey::Reason => Cell::empty(),
                };
                row.push(if j + 1 == cols.len() { cell.wide(1 + last_extra) } else { cell });
            }
            self.table.push(row);
        }
    }

    /// The indicator grid: its heading row (repeated on every printed page), then one
    /// row per indicator with 一级/二级 groups merged.
    pub fn grid(&mut self) {
        let ev = self.ev;
        let t = t(ev);
        let inds = &ev.indicators;
        let (span1, span2) = level_spans(inds);
        self.table.repeat_row = Some(self.table.rows.len());
        let mut heading = vec![Cell::header(&self.fill(&t.grid_heading)).tall(inds.len() + 1)];
        for c in &t.columns {
            let cell = Cell::header(c.heading());
            heading.push(if c.key == ColumnKey::Name { cell.wide(1 + self.name_extra) } else { cell });
        }
        self.table.push(heading);
        for (i, ind) in inds.iter().enumerate() {
            let r = self.table.rows.len();
            let mut row = Vec::new();
            for c in &t.columns {
                let cell = match c.key {
                    ColumnKey::Level1 if span1[i] == 0 => continue,
                    ColumnKey::Level2 if span2[i] == 0 => continue,
                    ColumnKey::Level1 => Cell::label(&ind.level1).tall(span1[i]),
                    ColumnKey::Level2 => Cell::label(&ind.level2).tall(span2[i]),
                    ColumnKey::Name => Cell::label(&ind.name).wide(1 + self.name_extra),
                    key => self.indicator_cell(key, i, ind, r),
                };
                row.push(cell);
            }
            self.table.push(row);
        }
    }

    fn indicator_cell(&self, key: ColumnKey, i: usize, ind: &Indicator, r: usize) -> Cell {
        let item = self.sheet.indicator(i);
        let score = item.map(|s| s.score);
        match key {
            ColumnKey::Nature => Cell::label(ind.nature.map_or("", |n| n.symbol())),
            ColumnKey::Target => Cell::label(ind.target.text()),
            ColumnKey::AdjustedTarget => Cell::label(ind.adjusted_target.text()),
            ColumnKey::Unit => Cell::label(&ind.unit),
            ColumnKey::Actual => Cell::label(ind.actual.text()),
            ColumnKey::Criterion => Cell::text(ind.criterion.clone(), Style::Text),
            ColumnKey::Method => Cell::text(ind.method.clone(), Style::Text),
            ColumnKey::Coefficient => {
                let share = match (ind.coefficient, score) {
                    (Some(c), _) => Some(c / Decimal::ONE_HUNDRED),
                    (None, Some(s)) if ind.weight > Decimal::ZERO => Some(s / ind.weight),
                    _ => None,
                };
                Cell::new(share.map_or(Value::Empty, Value::Percent), Style::Number)
            }
            ColumnKey::Weight => Cell::number(Some(ind.weight), 2),
            ColumnKey::Score => {
                let cell = Cell::number(score, self.sheet.places);
                match (ind.coefficient, &ind.entered, self.col(ColumnKey::Coefficient), self.col(ColumnKey::Weight)) {
                    (Some(_), None, Some(c), Some(w)) => cell.with_formula(format!(
                        "ROUND({}*{},{})",
                        Table::cell_ref(r, c),
                        Table::cell_ref(r, w),
                        self.sheet.places
                    )),
                    _ => cell,
                }
            }
            ColumnKey::Reason => Cell::text(ind.deviation_reason.clone(), Style::Text),
            ColumnKey::Core => Cell::label(match ind.core {
                Some(true) => "是",
                Some(false) => "否",
                None => "",
            }),
            ColumnKey::Level1 | ColumnKey::Level2 | ColumnKey::Name => Cell::empty(),
        }
    }

    /// The total line (its label, the weights' sum, the total as a formula), the grade
    /// line if the template prints one, and the 备注.
    pub fn total(&mut self) {
        let ev = self.ev;
        let t = t(ev);
        let score_col = self.col(ColumnKey::Score).unwrap_or(self.n - 1);
        let label_end = self.col(ColumnKey::Weight).map_or(score_col, |w| w.min(score_col));
        let r = self.table.rows.len();
        let mut row = vec![Cell::header(&t.total_label).wide(label_end)];
        let mut c = label_end;
        for column in &t.columns {
            let Some(start) = self.col(column.key) else { continue };
            if start < label_end {
                continue;
            }
            let span = if column.key == ColumnKey::Name { 1 + self.name_extra } else { 1 };
            let cell = match column.key {
                ColumnKey::Weight => Cell::number(Some(self.sheet.weight_total), 2),
                ColumnKey::Score => self.total_cell(r, score_col),
                _ => Cell::empty(),
            };
            row.push(cell.wide(span));
            c += span;
        }
        if c < self.n {
            row.push(Cell::empty().wide(self.n - c));
        }
        self.table.push(row);
        if t.grade_line {
            self.table.push(vec![
                Cell::header(GRADE_LABEL).wide(label_end),
                Cell::label(self.sheet.grade.label()).wide(self.n - label_end),
            ]);
        }
        if !t.note.trim().is_empty() {
            self.table.push(vec![Cell::text(t.note.trim(), Style::Text).wide(self.n)]);
        }
    }

    /// 总分 = the funds row's 得分 + the indicators' 得分, capped by the execution rate
    /// where the template says so.
    fn total_cell(&self, r: usize, score_col: usize) -> Cell {
        let cell = Cell::number(Some(self.sheet.total), self.sheet.places);
        let Some(first) = self.table.repeat_row.map(|h| h + 1) else { return cell };
        let mut parts = Vec::new();
        if !self.ev.indicators.is_empty() {
            parts.push(format!("SUM({}:{})", Table::cell_ref(first, score_col), Table::cell_ref(r - 1, score_col)));
        }
        if let Some((fr, fc)) = self.funds_score.filter(|_| t(self.ev).funds_row) {
            parts.push(Table::cell_ref(fr, fc));
        }
        if parts.is_empty() {
            return cell;
        }
        let sum = parts.join("+");
        let t = t(self.ev);
        let formula = match (self.funds_rate, &t.execution_cap[..], self.sheet.cap) {
            (Some((rr, rc)), rungs, _) if !rungs.is_empty() => {
                let caps: Vec<String> = rungs
                    .iter()
                    .map(|rung| {
                        format!(
                            "IF({}<{},{},1000)",
                            Table::cell_ref(rr, rc),
                            Plain(rung.below_percent / Decimal::ONE_HUNDRED),
                            Plain(rung.cap)
                        )
                    })
                    .collect();
                format!("MIN({sum},{})", caps.join(","))
            }
            (_, _, Some(cap)) => format!("MIN({sum},{})", Plain(cap)),
            _ => sum,
        };
        cell.with_formula(formula)
    }

    /// Fits the columns to their text, within bounds per kind of column.
    pub fn finish(mut self, title: String) -> super::self_table::SelfTable {
        let t = t(self.ev);
        let (mut min, mut max) = (vec![6.0; self.n], vec![8.0; self.n]);
        for c in &t.columns {
            let Some(at) = self.col(c.key) else { continue };
            let (lo, hi) = bounds(c.key);
            let span = if c.key == ColumnKey::Name { 1 + self.name_extra } else { 1 };
            for k in at..at + span {
                min[k] = lo / span as f64;
                max[k] = hi / span as f64 + 4.0;
            }
        }
        self.table.fit_widths(&min, &max);
        super::self_table::SelfTable { title, table: self.table }
    }
}

/// Width bounds of a grid column in spreadsheet units (one CJK character is 2).
fn bounds(key: ColumnKey) -> (f64, f64) {
    match key {
        ColumnKey::Level1 => (8.0, 10.0),
        ColumnKey::Level2 => (8.0, 12.0),
        ColumnKey::Name => (12.0, 20.0),
        ColumnKey::Nature | ColumnKey::Unit | ColumnKey::Core => (6.0, 8.0),
        ColumnKey::Target | ColumnKey::Actual | ColumnKey::AdjustedTarget => (12.0, 14.0),
        ColumnKey::Criterion => (24.0, 34.0),
        ColumnKey::Method => (20.0, 30.0),
        ColumnKey::Coefficient | ColumnKey::Weight | ColumnKey::Score => (8.0, 10.0),
        ColumnKey::Reason => (16.0, 24.0),
    }
}

/// 全年预算 by source of revenue (按收入性质分).
pub const BY_SOURCE: [(field::Field, &str); 4] = [
    (field::Field::FundsGeneral, "一般公共预算"),
    (field::Field::FundsGovFund, "政府性基金拨款"),
    (field::Field::FundsSpecialAccount, "纳入专户管理的非税收入"),
    (field::Field::FundsOther, "其他资金"),
];

/// 全年预算 by nature of expenditure (按支出性质分).
pub const BY_NATURE: [(field::Field, &str); 2] =
    [(field::Field::FundsBasic, "基本支出"), (field::Field::FundsProject, "项目支出")];

/// For each row, how many rows its group spans if the group starts there (0 inside a
/// group). Empty keys never group: a blank 一级指标 is not merged with the next blank.
fn group_spans(keys: &[Option<(&str, &str)>]) -> Vec<usize> {
    let mut spans = vec![0; keys.len()];
    let mut start = 0;
    while start < keys.len() {
        let mut end = start + 1;
        while keys[start].is_some() && end < keys.len() && keys[end] == keys[start] {
            end += 1;
        }
        spans[start] = end - start;
        start = end;
    }
    spans
}

/// How many rows each row's 一级指标 and 二级指标 cells span (0 inside a group).
pub(super) fn level_spans(inds: &[Indicator]) -> (Vec<usize>, Vec<usize>) {
    let nonempty = |s: &str| !s.trim().is_empty();
    let level1: Vec<_> = inds.iter().map(|i| nonempty(&i.level1).then_some((i.level1.as_str(), ""))).collect();
    let level2: Vec<_> =
        inds.iter().map(|i| nonempty(&i.level2).then_some((i.level1.as_str(), i.level2.as_str()))).collect();
    (group_spans(&level1), group_spans(&level2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_runs_of_equal_nonempty_keys() {
        let k = |s: &'static str| (!s.is_empty()).then_some((s, ""));
        let keys = [k("产出"), k("产出"), k(""), k(""), k("效益"), k("产出")];
        assert_eq!(group_spans(&keys), vec![2, 0, 1, 1, 1, 1]);
        assert_eq!(group_spans(&[]), Vec::<usize>::new());
    }

    #[test]
    fn a_level2_group_ends_where_its_level1_group_ends() {
        let keys = [Some(("产出", "数量")), Some(("效益", "数量"))];
        assert_eq!(group_spans(&keys), vec![1, 1]);
    }
}
