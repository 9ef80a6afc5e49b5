//! Reads a 自评表 sheet: the title's year, 预算部门, the funds block and the indicator
//! grid, finding columns by their heading text rather than by position, and tolerating
//! blank rows, merged cells and numbers stored as text.

pub(super) use super::grid::MAX_COLS;
use super::grid::{Grid, cell_amount, cell_number, normalise};
use crate::domain::field::Field;
use crate::domain::money::Amount;
use crate::domain::template::ColumnKey;
use crate::export::project_table::{IMPLEMENTER_LABEL, NAME_LABEL, SUPERVISOR_LABEL};
use crate::export::self_table::{BY_NATURE, BY_SOURCE, DEPARTMENT_LABEL, TOTAL_LABEL};
use rust_decimal::Decimal;

/// The department's funds block split by source and by nature.
const BY_SPLIT: [(Field, &str); 6] =
    [BY_SOURCE[0], BY_SOURCE[1], BY_SOURCE[2], BY_SOURCE[3], BY_NATURE[0], BY_NATURE[1]];

/// No real 自评表 is larger; a stray cell far away must not make the scan slow.
const MAX_ROWS: u32 = 5000;

/// A grid column, found by its heading: the template's column keys.
type Key = ColumnKey;

/// Heading words per column, compared after [`normalise`]; the first key a heading
/// contains wins, so the more specific words come first (调整指标值 before 指标值,
/// 得分计算方法 and 得分系数 before 得分).
const HEADINGS: [(Key, &[&str]); 15] = [
    (Key::Level1, &["一级指标"]),
    (Key::Level2, &["二级指标"]),
    (Key::Name, &["三级指标", "指标名称"]),
    (Key::Nature, &["指标性质"]),
    (Key::AdjustedTarget, &["调整指标值", "调整后指标值"]),
    (Key::Unit, &["度量单位", "计量单位"]),
    (Key::Core, &["核心指标"]),
    (Key::Method, &["得分计算方法", "计算方法"]),
    (Key::Coefficient, &["得分系数"]),
    (Key::Target, &["年度指标值", "指标值", "目标值"]),
    (Key::Actual, &["实际完成值", "完成值", "实际值"]),
    (Key::Criterion, &["评(扣)分标准", "评分标准", "扣分标准", "评(扣)分"]),
    (Key::Weight, &["分值", "权重"]),
    (Key::Score, &["得分"]),
    (Key::Reason, &["偏差原因", "未完成原因", "扣分原因", "原因分析"]),
];

/// The grid's columns as the sheet has them: key, column, heading as written.
#[derive(Debug, Default)]
struct Columns {
    found: Vec<(Key, u32, String)>,
}

impl Columns {
    fn get(&self, key: Key) -> Option<u32> {
        self.found.iter().find(|(k, _, _)| *k == key).map(|(_, c, _)| *c)
    }
}

/// One indicator row as read. `None` in an optional column means the column is absent.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The worksheet row, 1-based as Excel shows it.
    pub line: u32,
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    pub criterion: Option<String>,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub reason: Option<String>,
    pub nature: Option<String>,
    pub unit: Option<String>,
    pub adjusted_target: Option<String>,
    pub method: Option<String>,
    /// 得分系数 in per cent (a cell of 0.8 formatted as a percentage reads as 80).
    pub coefficient: Option<Decimal>,
    pub core: Option<String>,
}

/// The header of a project table (项目支出绩效自评表), when the sheet is one.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProjectHead {
    pub name: String,
    pub supervisor: String,
    pub implementer: String,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    pub expected: String,
    pub achieved: String,
}

#[derive(Debug, Default)]
pub struct Form {
    pub year: Option<i32>,
    pub department: Option<String>,
    /// Set when the sheet is a project's table (it has a 项目名称 above the grid).
    pub project: Option<ProjectHead>,
    /// The funds fields the sheet has cells for, with what they hold.
    pub funds: Vec<(Field, Option<Amount>)>,
    pub funds_weight: Option<Decimal>,
    pub funds_score: Option<Decimal>,
    pub rows: Vec<Row>,
    pub total: Option<Decimal>,
    pub has_criterion: bool,
    /// The grid's columns in the sheet's order, with their headings as written.
    pub columns: Vec<(ColumnKey, String)>,
    /// The heading of the funds block's budget column (全年预算数, 调整后预算数, 预算数（A）…).
    pub budget_heading: Option<String>,
    /// Whether the department's funds are split by source and nature (按收入性质分).
    pub has_split: bool,
    /// A project's source rows as the sheet labels them.
    pub sources: Vec<(crate::domain::template::SourceKey, String)>,
    /// A 备注 under or in the grid (正向指标…得分=权重×B/A): one rule for the rows.
    pub note: Option<String>,
}

/// A year written as `2024年` in a text.
fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().filter(|(_, c)| **c == '年').find_map(|(i, _)| {
        let digits: String = chars.get(i.checked_sub(4)?..i)?.iter().collect();
        let year = crate::domain::number::parse_decimal(&digits).ok()?;
        let year = i32::try_from(year.trunc().mantissa()).ok()?;
        (digits.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && crate::file::YEARS.contains(&year))
            .then_some(year)
    })
}

fn find_columns(grid: &Grid, row: u32) -> Columns {
    let mut cols = Columns::default();
    for c in 0..grid.width().min(MAX_COLS) {
        let written = grid.text(row, c);
        let heading = normalise(&written);
        if heading.is_empty() || cols.found.iter().any(|(_, _, h)| normalise(h) == heading) {
            // Empty, or the same merged heading read again across its width.
            continue;
        }
        let key = HEADINGS.iter().find(|(_, words)| words.iter().any(|w| heading.contains(w))).map(|(k, _)| *k);
        if let Some(key) = key.filter(|k| cols.get(*k).is_none()) {
            cols.found.push((key, c, written.split_whitespace().collect::<Vec<_>>().join("")));
        }
    }
    cols
}

/// The row of grid headings: the first with 三级指标 (or 指标名称) and 分值 or 得分 (a
/// Hubei table prints no per-row 分值).
fn header_row(grid: &Grid) -> Option<(u32, Columns)> {
    (0..grid.height().min(MAX_ROWS)).find_map(|r| {
        let cols = find_columns(grid, r);
        let scored = cols.get(Key::Weight).is_some() || cols.get(Key::Score).is_some();
        (cols.get(Key::Name).is_some() && scored).then_some((r, cols))
    })
}

/// Reads the sheet, or `None` when it has no indicator grid. Cells that cannot be read
/// are noted in `notes` (Chinese, with the row number).
pub fn read(grid: &Grid, notes: &mut Vec<String>) -> Option<Form> {
    let (header, cols) = header_row(grid)?;
    let mut form = Form {
        has_criterion: cols.get(Key::Criterion).is_some(),
        columns: cols.found.iter().map(|(k, _, h)| (*k, h.clone())).collect(),
        ..Form::default()
    };
    read_heading_block(grid, header, &mut form, notes);
    read_grid(grid, header, &cols, &mut form, notes);
    Some(form)
}

/// The text of the cell right of a label (`项目名称 | …`), or after its colon.
fn labelled(grid: &Grid, r: u32, c: u32, text: &str, label: &str) -> Option<String> {
    let inline = text.strip_prefix(label)?.trim_start_matches(':');
    if inline.is_empty() { grid.value_right_of(r, c).map(super::grid::cell_text) } else { Some(inline.to_string()) }
}

/// A project table's header: 项目名称, 主管部门, 实施单位, and the 年度总体目标 texts
/// (in the row under their headings). `None` if there is no 项目名称 above the grid.
fn read_project_head(grid: &Grid, header: u32) -> Option<ProjectHead> {
    let width = grid.width().min(MAX_COLS);
    let mut head: Option<ProjectHead> = None;
    let (mut supervisor, mut implementer, mut expected, mut achieved) = (None, None, None, None);
    for r in 0..header {
        for c in 0..width {
            let text = normalise(&grid.text(r, c));
            if head.is_none() && text.starts_with(NAME_LABEL) {
                let name = labelled(grid, r, c, &text, NAME_LABEL).unwrap_or_default();
                head = Some(ProjectHead { name, ..ProjectHead::default() });
            }
            if supervisor.is_none() && text.starts_with(SUPERVISOR_LABEL) {
                supervisor = labelled(grid, r, c, &text, SUPERVISOR_LABEL);
            }
            if implementer.is_none() && text.starts_with(IMPLEMENTER_LABEL) {
                implementer = labelled(grid, r, c, &text, IMPLEMENTER_LABEL);
            }
            // The goal's texts stand under their headings (merged cells read the same across).
            let below = || Some(grid.text(r + 1, c)).filter(|t| !t.is_empty() && r + 1 < header);
            if expected.is_none() && text == "预期目标" {
                expected = below();
            }
            if achieved.is_none() && text == "实际完成情况" {
                achieved = below();
            }
        }
    }
    let mut head = head?;
    head.supervisor = supervisor.unwrap_or_default();
    head.implementer = implementer.unwrap_or_default();
    head.expected = expected.unwrap_or_default();
    head.achieved = achieved.unwrap_or_default();
    Some(head)
}

/// Everything above the grid: title, 预算部门 (or a project's header) and the funds block.
fn read_heading_block(grid: &Grid, header: u32, form: &mut Form, notes: &mut Vec<String>) {
    let width = grid.width().min(MAX_COLS);
    form.project = read_project_head(grid, header);
    super::funds::read(grid, header, form, notes);
    for r in 0..header {
        for c in 0..width {
            let text = normalise(&grid.text(r, c));
            if text.is_empty() {
                continue;
            }
            if form.year.is_none() {
                form.year = year_in(&text);
            }
            if form.department.is_none() && text.starts_with(DEPARTMENT_LABEL) {
                let inline = text[DEPARTMENT_LABEL.len()..].trim_start_matches(':');
                form.department = if inline.is_empty() {
                    grid.value_right_of(r, c).map(super::grid::cell_text)
                } else {
                    Some(inline.to_string())
                };
            }
            // Short labels only: `其中：基本支出：` is a label, a sentence mentioning 项目支出 is not.
            // A project's table has its own sources (read above), not the department's split.
            let split: &[(Field, &str)] = if form.project.is_some() { &[] } else { &BY_SPLIT };
            for (field, label) in split {
                if text.contains(label) && text.chars().count() <= 20 && !form.funds.iter().any(|(f, _)| f == field) {
                    form.has_split = true;
                    let amount = grid.value_right_of(r, c).and_then(|d| cell_amount(d).ok().flatten());
                    form.funds.push((*field, amount));
                }
            }
        }
    }
}

fn read_grid(grid: &Grid, header: u32, cols: &Columns, form: &mut Form, notes: &mut Vec<String>) {
    let (mut last1, mut last2) = (String::new(), String::new());
    let text = |r: u32, key: Key| cols.get(key).map(|c| grid.text(r, c));
    let number = |r: u32, key: Key, notes: &mut Vec<String>| {
        let c = cols.get(key)?;
        cell_number(grid.data(r, c))
            .map_err(|t| notes.push(format!("第{}行：“{t}”不是数字，已忽略", r + 1)))
            .ok()
            .flatten()
    };
    for r in header + 1..grid.height().min(MAX_ROWS) {
        let first = (0..grid.width().min(MAX_COLS)).map(|c| normalise(&grid.text(r, c))).find(|t| !t.is_empty());
        let Some(first) = first else { continue };
        if let Some(note) = note_in(grid, r) {
            form.note = Some(note);
            continue;
        }
        if first.starts_with(TOTAL_LABEL) || first.starts_with("合计") {
            form.total = number(r, Key::Score, notes);
            // A 备注 often follows the total.
            if let Some(note) = (r + 1..grid.height().min(r + 8)).find_map(|n| note_in(grid, n)) {
                form.note = Some(note);
            }
            break;
        }
        let mut row = Row {
            line: r + 1,
            name: text(r, Key::Name).unwrap_or_default(),
            target: text(r, Key::Target),
            actual: text(r, Key::Actual),
            criterion: text(r, Key::Criterion),
            weight: number(r, Key::Weight, notes),
            score: number(r, Key::Score, notes),
            reason: text(r, Key::Reason),
            nature: text(r, Key::Nature),
            unit: text(r, Key::Unit),
            adjusted_target: text(r, Key::AdjustedTarget),
            method: text(r, Key::Method),
            coefficient: coefficient(grid, r, cols.get(Key::Coefficient), notes),
            core: text(r, Key::Core),
            ..Row::default()
        };
        let has_data = row.weight.is_some()
            || row.score.is_some()
            || [&row.target, &row.actual, &row.criterion].iter().any(|t| t.as_deref().is_some_and(|t| !t.is_empty()));
        if row.name.is_empty() {
            if has_data {
                notes.push(format!("第{}行：没有三级指标名称，已跳过", r + 1));
            }
            continue;
        }
        // A blank 一级/二级 cell that is not merged means "same as above".
        let level1 = text(r, Key::Level1).unwrap_or_default();
        if level1.is_empty() {
            row.level1 = last1.clone();
        } else {
            if level1 != last1 {
                last2.clear();
            }
            row.level1 = level1.clone();
            last1 = level1;
        }
        let level2 = text(r, Key::Level2).unwrap_or_default();
        row.level2 = if level2.is_empty() { last2.clone() } else { level2 };
        last2 = row.level2.clone();
        form.rows.push(row);
    }
}

/// A 得分系数 cell as a per cent: `80%` typed, `0.8` formatted as a percentage, or `80`.
fn coefficient(grid: &Grid, r: u32, col: Option<u32>, notes: &mut Vec<String>) -> Option<Decimal> {
    let c = col?;
    let data = grid.data(r, c);
    let text = super::grid::cell_text(data);
    if text.is_empty() {
        return None;
    }
    let shown_as_percent = text.trim().ends_with(['%', '％']);
    let bare = text.trim().trim_end_matches(['%', '％']);
    match crate::domain::number::parse_decimal(bare) {
        // A number cell at most 1 is a share formatted as a percentage (0.8 = 80 %).
        Ok(v) if !shown_as_percent && matches!(data, calamine::Data::Float(_)) && v <= Decimal::ONE => {
            Some(v * Decimal::ONE_HUNDRED)
        }
        Ok(v) => Some(v),
        Err(_) => {
            notes.push(format!("第{}行：得分系数“{text}”不是数字，已忽略", r + 1));
            None
        }
    }
}

/// The text of a 备注 row (备注：… / 注：… / 说明：…), its cells joined.
fn note_in(grid: &Grid, r: u32) -> Option<String> {
    let mut cells: Vec<String> =
        (0..grid.width().min(MAX_COLS)).map(|c| grid.text(r, c)).filter(|t| !t.is_empty()).collect();
    // A merged cell reads the same across its width.
    cells.dedup();
    let first = normalise(cells.first()?);
    if !["备注", "注:", "说明:"].iter().any(|p| first.starts_with(p)) {
        return None;
    }
    let joined = cells.concat();
    let text = joined.trim_start_matches(|c: char| "备注说明:：".contains(c) || c.is_whitespace());
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_year_in_a_title() {
        assert_eq!(year_in("2024年度部门整体支出绩效自评表"), Some(2024));
        assert_eq!(year_in("衡阳县２０２３年度自评表"), Some(2023));
        assert_eq!(year_in("12年"), None);
        assert_eq!(year_in("3000年"), None);
        assert_eq!(year_in("自评表"), None);
    }
}
