//! A block pasted into the indicator grid: a range copied from Excel or WPS, from
//! jixiao's own workbook, or from a 自评表 in a document. Its cells are separated by
//! tabs and its rows by CR, LF or CRLF (terminals and tmux send CR); a cell holding a
//! line break or a tab comes quoted, as spreadsheets copy it.
//!
//! The columns are read by the block's header row when it has one (评(扣)分标准, 得分,
//! 偏差原因… matched loosely, as the workbook import does), else in the order the printed
//! 自评表 has them, from the selected column on. Nothing is stored until the user has
//! seen the plan (`PastePlan`): which column goes where, what each row becomes.

use super::edit::{Content, Slot};
use super::grid::{GridCol, parse_score, unreadable};
use crate::domain::model::{EnteredScore, Evaluation, Indicator};
use crate::domain::score::score_row;
use crate::import::normalise;
use rust_decimal::Decimal;

/// The reason recorded with a pasted score that its row's rule does not give.
pub const PASTE_REASON: &str = "粘贴自表格，请核对评分规则";

/// What a paste will do, shown before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastePlan {
    /// The first grid row it fills.
    pub row: usize,
    /// One per pasted column: the grid column it fills, `None` if it is left out.
    pub columns: Vec<Option<GridCol>>,
    /// The block's header row, when it had one (the columns were matched by it).
    pub header: Option<Vec<String>>,
    /// The data rows as pasted.
    pub cells: Vec<Vec<String>>,
    /// The whole grid after the paste.
    pub rows: Vec<Indicator>,
    /// Rows appended below the last one.
    pub added: usize,
    /// Pasted scores that differ from their rule, kept as typed scores.
    pub typed_scores: usize,
}

impl PastePlan {
    pub fn edit(&self) -> (Slot, Content, String) {
        (Slot::Rows, Content::Rows(self.rows.clone()), format!("粘贴 {} 行", self.cells.len()))
    }

    /// The grid rows the paste fills.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.row..self.row + self.cells.len()
    }
}

/// Splits a pasted block into rows of cells. Rows end at CR, LF or CRLF; a cell that
/// starts with `"` runs to its closing quote (`""` inside is one quote), line breaks and
/// tabs included. Trailing empty rows are dropped.
pub fn split_block(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
                continue;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
                continue;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
                continue;
            }
            c => cell.push(c),
        }
        at_cell_start = false;
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    while rows.last().is_some_and(|r: &Vec<String>| r.iter().all(|c| c.trim().is_empty())) {
        rows.pop();
    }
    for r in &mut rows {
        for c in r.iter_mut() {
            *c = c.replace("\r\n", "\n").replace('\r', "\n");
        }
    }
    rows
}

/// Heading words per grid column, compared after [`normalise`]; the first column whose
/// words a heading contains wins, so the more specific words come first (调整指标值
/// before 指标值, 得分系数 before 得分).
const HEADINGS: [(GridCol, &[&str]); 15] = [
    (GridCol::Level1, &["一级指标"]),
    (GridCol::Level2, &["二级指标"]),
    (GridCol::Nature, &["指标性质"]),
    (GridCol::Unit, &["度量单位", "计量单位"]),
    (GridCol::Core, &["是否核心指标", "核心指标"]),
    (GridCol::AdjustedTarget, &["调整指标值", "调整后指标值"]),
    (GridCol::Name, &["三级指标", "指标名称"]),
    (GridCol::Target, &["年度指标值", "年初目标值", "年初指标值", "指标值", "目标值"]),
    (GridCol::Actual, &["实际完成值", "完成值", "实际值"]),
    (GridCol::Method, &["得分计算方法", "计算方法"]),
    (GridCol::Criterion, &["评(扣)分标准", "评分标准", "扣分标准", "评(扣)分"]),
    (GridCol::Coefficient, &["得分系数"]),
    (GridCol::Weight, &["分值", "权重"]),
    (GridCol::Score, &["得分"]),
    (GridCol::Deviation, &["偏差原因", "未完成原因", "扣分原因"]),
];

/// The grid column a heading names, if any.
pub fn column_of_heading(text: &str) -> Option<GridCol> {
    let heading = normalise(text);
    if heading.is_empty() {
        return None;
    }
    HEADINGS.iter().find(|(_, words)| words.iter().any(|w| heading.contains(w))).map(|(c, _)| *c)
}

/// The columns a header row names (each grid column once), if it names at least two.
fn header_columns(row: &[String]) -> Option<Vec<Option<GridCol>>> {
    let mut seen = Vec::new();
    let columns: Vec<Option<GridCol>> = row
        .iter()
        .map(|cell| {
            let col = column_of_heading(cell).filter(|c| !seen.contains(c));
            seen.extend(col);
            col
        })
        .collect();
    (seen.len() >= 2).then_some(columns)
}

/// The printed 自评表's columns, in its template's order; `criterion` toggles its
/// 评(扣)分标准 (put after 实际完成值 where the template has none).
fn printed_order(ev: &Evaluation, toggle_criterion: bool) -> Vec<GridCol> {
    let mut order: Vec<GridCol> = ev.template.columns.iter().filter_map(|c| GridCol::of_key(c.key)).collect();
    if toggle_criterion {
        match order.iter().position(|c| *c == GridCol::Criterion) {
            Some(i) => {
                order.remove(i);
            }
            None => {
                let at = order.iter().position(|c| *c == GridCol::Actual).map_or(order.len(), |i| i + 1);
                order.insert(at, GridCol::Criterion);
            }
        }
    }
    order
}

/// The columns a block without a header fills from `start`: in the template's printed
/// order, or that order with (or without) 评(扣)分标准 when only that one has room for
/// the block.
fn positional_columns(ev: &Evaluation, start: GridCol, width: usize) -> Result<Vec<Option<GridCol>>, String> {
    let mut last = String::new();
    for toggle in [false, true] {
        let order = printed_order(ev, toggle);
        let Some(from) = order.iter().position(|c| *c == start) else {
            if toggle {
                break;
            }
            continue;
        };
        let room = order.len() - from;
        if width <= room {
            return Ok(order[from..from + width].iter().copied().map(Some).collect());
        }
        if last.is_empty() {
            last = format!("粘贴的内容有 {width} 列，从「{}」起只有 {room} 列可填", start.title());
        }
    }
    if last.is_empty() {
        return Err(format!("「{}」列不能粘贴：请选择三级指标、指标值等列再粘贴", start.title()));
    }
    Err(last)
}

/// Makes a pasted score the row's: by its rule where the rule gives it, else a typed
/// score (keeping a reason already given). Returns whether it became a typed score.
fn settle_score(ev: &Evaluation, index: usize, ind: &mut Indicator, score: Decimal) -> bool {
    ind.entered = None;
    let rule = score_row(&ev.template, Some(ev.year), index, ind).rule_score;
    if !ind.rule.needs_typed_score() && rule == Some(score) {
        return false;
    }
    let reason = ev
        .indicators
        .get(index)
        .and_then(|old| old.entered.as_ref())
        .map_or_else(|| PASTE_REASON.to_string(), |e| e.reason.clone());
    ind.entered = Some(EnteredScore { score, reason });
    true
}

/// A new row for the grid: the template's default rule, the levels of the row above.
pub fn new_row(ev: &Evaluation, above: Option<&Indicator>) -> Indicator {
    let mut row = Indicator { rule: ev.template.new_row_rule(), ..Indicator::default() };
    if let Some(prev) = above {
        row.level1 = prev.level1.clone();
        row.level2 = prev.level2.clone();
    }
    row
}

/// Plans pasting `text` at grid row `row`, column `col`; or why it cannot be pasted (the
/// first cell that cannot be taken, with its place in the block).
pub fn plan(ev: &Evaluation, row: usize, col: GridCol, text: &str) -> Result<PastePlan, String> {
    let mut cells = split_block(text);
    if cells.is_empty() {
        return Err("粘贴的内容是空的".into());
    }
    let header = header_columns(&cells[0]).map(|columns| (cells.remove(0), columns));
    if cells.is_empty() {
        return Err("粘贴的内容只有表头，没有指标行".into());
    }
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let (header, columns) = match header {
        Some((names, mut columns)) => {
            columns.resize(width, None);
            (Some(names), columns)
        }
        None => (None, positional_columns(ev, col, width)?),
    };
    let row = row.min(ev.indicators.len());
    let mut rows = ev.indicators.clone();
    let mut added = 0;
    let mut typed_scores = 0;
    for (r, line) in cells.iter().enumerate() {
        let index = row + r;
        if index >= rows.len() {
            rows.push(new_row(ev, rows.last()));
            added += 1;
        }
        let at = |c: usize, e: String| {
            let title = columns[c].map_or("", |col| col.title());
            format!("粘贴的第{}行第{}列（{title}）：{e}", r + 1, c + 1)
        };
        let mut score = None;
        for (c, cell) in line.iter().enumerate() {
            let Some(column) = columns[c] else { continue };
            match column {
                // A merged 一级/二级 cell is copied into its first row only.
                GridCol::Level1 | GridCol::Level2 if cell.trim().is_empty() && index > 0 => {
                    let above = &rows[index - 1];
                    let level = if column == GridCol::Level1 { above.level1.clone() } else { above.level2.clone() };
                    column.set(&mut rows[index], &level).map_err(|e| at(c, e))?;
                }
                GridCol::Score => score = Some((c, cell.clone())),
                _ => column.set(&mut rows[index], cell).map_err(|e| at(c, e))?,
            }
        }
        // A target or actual the row's rule cannot read is refused, as when it is typed.
        unreadable(ev, index, ev.indicators.get(index), &rows[index])
            .map_err(|e| format!("粘贴的第{}行：{e}", r + 1))?;
        if let Some((c, text)) = score
            && let Some(s) = parse_score(&rows[index], &text).map_err(|e| at(c, e))?
        {
            typed_scores += usize::from(settle_score(ev, index, &mut rows[index], s));
        }
    }
    Ok(PastePlan { row, columns, header, cells, rows, added, typed_scores })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::number::plain;
    use crate::domain::rule::{Rule, StepRule};

    fn ev() -> Evaluation {
        let mut ev =
            Evaluation { template: crate::domain::template::Template::hunan_county(), ..Evaluation::default() };
        ev.indicators.push(Indicator { name: "甲".into(), weight: Decimal::TEN, ..Indicator::default() });
        ev
    }

    #[test]
    fn rows_end_at_cr_lf_or_crlf_and_quoted_cells_keep_their_breaks() {
        assert_eq!(split_block("a\tb\rc\td\r"), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(split_block("a\r\nb\nc"), vec![vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(
            split_block("\"①制度1分；\r②执行1分\"\t3\r\"说\"\"明\"\t\r\r"),
            vec![vec!["①制度1分；\n②执行1分", "3"], vec!["说\"明", ""]]
        );
    }

    #[test]
    fn cr_separated_rows_are_never_merged() {
        let p = plan(&ev(), 0, GridCol::Name, "甲指标\t120家\t166家\r乙指标\t≥90%\t95%\r").unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!((p.rows[0].name.as_str(), p.rows[0].actual.text()), ("甲指标", "166家"));
        assert_eq!((p.rows[1].name.as_str(), p.rows[1].target.text()), ("乙指标", "≥90%"));
        assert_eq!(p.added, 1);
    }

    #[test]
    fn without_a_header_columns_follow_the_printed_table() {
        let block = "产出指标\t数量指标\t新增规上企业\t25家\t23家\t每少一家扣0.08分\t3\t2.84\t市场需求下降";
        let p = plan(&ev(), 0, GridCol::Level1, block).unwrap();
        let r = &p.rows[0];
        assert_eq!((r.level1.as_str(), r.level2.as_str(), r.name.as_str()), ("产出指标", "数量指标", "新增规上企业"));
        assert_eq!(
            (r.criterion.as_str(), plain(r.weight), r.deviation_reason.as_str()),
            ("每少一家扣0.08分", "3".into(), "市场需求下降")
        );
        assert_eq!(
            r.entered.as_ref().map(|e| (e.score, e.reason.as_str())),
            Some((Decimal::new(284, 2), PASTE_REASON))
        );
        // The national form prints no criterion: eight columns from 一级指标 fit it.
        let national = "产出指标\t数量指标\t甲\t25家\t23家\t3\t\t原因";
        let mut e = ev();
        e.template = crate::domain::template::Template::national();
        let p = plan(&e, 0, GridCol::Level1, national).unwrap();
        assert_eq!((p.rows[0].criterion.as_str(), p.rows[0].deviation_reason.as_str()), ("", "原因"));
        // Nine columns fit only the order with the criterion.
        let p = plan(&e, 0, GridCol::Level1, block).unwrap();
        assert_eq!(p.rows[0].criterion, "每少一家扣0.08分");
        assert!(plan(&e, 0, GridCol::Score, "1\t2\t3").unwrap_err().contains("只有 2 列可填"));
        assert!(plan(&e, 0, GridCol::Rule, "x").unwrap_err().contains("不能粘贴"));
    }

    #[test]
    fn a_header_row_maps_columns_by_name() {
        let block = "三级指标\t度量单位\t实际完成值\t得分\t偏差原因分析及改进措施\n甲\t家\t9家\t10\t无\n";
        let p = plan(&ev(), 0, GridCol::Weight, block).unwrap();
        assert_eq!(
            p.columns,
            vec![
                Some(GridCol::Name),
                Some(GridCol::Unit),
                Some(GridCol::Actual),
                Some(GridCol::Score),
                Some(GridCol::Deviation)
            ]
        );
        // 度量单位 is a field of the row (Sichuan's column), shown where the grid has it.
        assert_eq!((p.rows[0].actual.text(), p.rows[0].unit.as_str()), ("9家", "家"));
        assert_eq!(p.rows.len(), 1, "the header is not a row");
    }

    #[test]
    fn a_score_the_rule_gives_is_not_a_typed_score() {
        let mut e = ev();
        e.indicators[0].rule =
            Rule::Shortfall(StepRule { step: Decimal::ONE, deduct: Decimal::ONE, whole_steps: false });
        e.indicators[0].target = crate::domain::model::Typed::new("10家").unwrap();
        let p = plan(&e, 0, GridCol::Actual, "8家\t每少1家扣1分\t10\t8").unwrap();
        assert_eq!((p.rows[0].entered.clone(), p.typed_scores), (None, 0), "the rule gives 8");
        let p = plan(&e, 0, GridCol::Actual, "8家\t\t10\t9").unwrap();
        assert_eq!(p.typed_scores, 1);
        let err = plan(&e, 0, GridCol::Actual, "8家\t\t10\t11").unwrap_err();
        assert!(err.contains("第1行第4列（得分）") && err.contains("超过分值"), "{err}");
    }

    #[test]
    fn a_value_the_rule_cannot_read_refuses_the_paste() {
        let mut e = ev();
        e.indicators[0].rule =
            Rule::Shortfall(StepRule { step: Decimal::ONE, deduct: Decimal::ONE, whole_steps: false });
        e.indicators[0].target = crate::domain::model::Typed::new("10家").unwrap();
        let err = plan(&e, 0, GridCol::Actual, "很多\t\t10").unwrap_err();
        assert!(err.starts_with("粘贴的第1行") && err.contains("“很多”不是数字"), "{err}");
        assert!(plan(&e, 0, GridCol::Actual, "8家\t\t10").is_ok());
    }

    #[test]
    fn merged_levels_are_copied_down() {
        let block = "产出指标\t数量指标\t甲\n\t\t乙\n\t质量指标\t丙";
        let p = plan(&ev(), 0, GridCol::Level1, block).unwrap();
        let levels: Vec<(&str, &str)> = p.rows.iter().map(|r| (r.level1.as_str(), r.level2.as_str())).collect();
        assert_eq!(levels, vec![("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标")]);
    }
}
