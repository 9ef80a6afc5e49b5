//! The funds block of a 自评表 as the provinces label it: 年初预算数, 全年预算数 or
//! 调整后预算数 or 预算数（A）, 全年执行数 or 预算执行数, 分值 or 权重, 得分; then a
//! project's sources (当年财政拨款 or 财政资金, 上年结转资金, 财政专户管理资金, 单位资金,
//! 其他资金) in the same columns.

use super::form::{Form, MAX_COLS};
use super::grid::{Grid, cell_amount, cell_number, normalise};
use crate::domain::field::{self, Field};
use crate::domain::template::SourceKey;

/// What a heading of the funds block's heading row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Initial,
    /// The budget the rate is on: 全年预算数 (or 调整后预算数 when `adjusted`).
    Budget {
        adjusted: bool,
    },
    Executed,
    Weight,
    Score,
}

fn classify(text: &str) -> Option<Col> {
    if text.contains("计算方法") {
        return None;
    }
    // 执行率得分 and 执行率权重 (Chongqing) are the row's score and weight.
    if text.contains("得分") {
        return Some(Col::Score);
    }
    if text.contains("分值") || text.contains("权重") {
        return Some(Col::Weight);
    }
    if text.contains("执行率") {
        return None;
    }
    if text.contains("执行数") {
        return Some(Col::Executed);
    }
    if text.contains("年初预算") {
        return Some(Col::Initial);
    }
    (text.contains("预算数") || text == "预算").then_some(Col::Budget { adjusted: text.contains("调整") })
}

/// The source a row label names, if it is one (`其中：当年财政拨款`, `财政资金` …).
fn source_of(label: &str) -> Option<SourceKey> {
    if label.chars().count() > 14 {
        return None;
    }
    let l = label.trim_start_matches("其中:");
    Some(if l.contains("结转") {
        SourceKey::Carried
    } else if l.contains("专户") {
        SourceKey::Special
    } else if l.contains("单位资金") {
        SourceKey::Own
    } else if l.contains("其他资金") {
        SourceKey::Other
    } else if l.contains("财政拨款") || l.contains("财政资金") || l.contains("公共预算拨款") {
        SourceKey::Current
    } else {
        return None;
    })
}

/// Reads the heading row, the totals under it and (for a project) the sources.
pub(super) fn read(grid: &Grid, header: u32, form: &mut Form, notes: &mut Vec<String>) {
    let width = grid.width().min(MAX_COLS);
    let classified = |r: u32| -> Vec<(Col, u32, String)> {
        let mut out: Vec<(Col, u32, String)> = Vec::new();
        for c in 0..width {
            let text = normalise(&grid.text(r, c));
            if let Some(col) = classify(&text).filter(|k| !out.iter().any(|(o, _, _)| o == k)) {
                out.push((col, c, text));
            }
        }
        out
    };
    let Some((heading, cols)) = (0..header).find_map(|r| {
        let cols = classified(r);
        let has = |k: &dyn Fn(&Col) -> bool| cols.iter().any(|(c, _, _)| k(c));
        (has(&|c| *c == Col::Executed) && has(&|c| matches!(c, Col::Initial | Col::Budget { .. }))).then_some((r, cols))
    }) else {
        return;
    };
    let at = |k: &dyn Fn(&Col) -> bool| cols.iter().find(|(c, _, _)| k(c)).map(|(_, col, _)| *col);
    form.budget_heading = cols.iter().find(|(c, _, _)| matches!(c, Col::Budget { .. })).map(|(_, _, t)| t.clone());
    let figure_col = at(&|c| *c == Col::Executed).unwrap_or(0);
    // The totals: the first row under the headings with a figure.
    let Some(total_row) = (heading + 1..header).find(|r| matches!(cell_amount(grid.data(*r, figure_col)), Ok(Some(_))))
    else {
        return;
    };
    for (col, c, text) in &cols {
        let field = match col {
            Col::Initial => Field::FundsInitial,
            Col::Budget { adjusted: false } => Field::FundsFullYear,
            Col::Budget { adjusted: true } => Field::FundsAdjusted,
            Col::Executed => Field::FundsExecuted,
            Col::Weight => {
                form.funds_weight = cell_number(grid.data(total_row, *c)).ok().flatten();
                continue;
            }
            Col::Score => {
                form.funds_score = cell_number(grid.data(total_row, *c)).ok().flatten();
                continue;
            }
        };
        match cell_amount(grid.data(total_row, *c)) {
            Ok(a) => form.funds.push((field, a)),
            Err(bad) => notes.push(format!("第{}行：{text}“{bad}”无法识别，已忽略", total_row + 1)),
        }
    }
    if form.project.is_none() {
        return;
    }
    for r in total_row + 1..header {
        let label = (0..width).map(|c| normalise(&grid.text(r, c))).find(|t| !t.is_empty()).unwrap_or_default();
        let Some(key) = source_of(&label) else { continue };
        let (_, [initial, full_year, executed]) = field::source(key);
        if form.funds.iter().any(|(f, _)| *f == full_year || *f == initial) {
            continue;
        }
        let budget = at(&|c| matches!(c, Col::Budget { .. }));
        let targets =
            [(at(&|c| *c == Col::Initial), initial), (budget, full_year), (at(&|c| *c == Col::Executed), executed)];
        for (c, f) in targets {
            let Some(c) = c else { continue };
            match cell_amount(grid.data(r, c)) {
                Ok(a) => form.funds.push((f, a)),
                Err(bad) => notes.push(format!("第{}行：{}“{bad}”无法识别，已忽略", r + 1, f.place())),
            }
        }
        form.sources.push((key, label.trim_start_matches("其中:").to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_every_province_are_read() {
        assert_eq!(classify("调整后预算数"), Some(Col::Budget { adjusted: true }));
        assert_eq!(classify("全年(调整)预算数"), Some(Col::Budget { adjusted: true }));
        assert_eq!(classify("预算数(A)"), Some(Col::Budget { adjusted: false }));
        assert_eq!(classify("年初预算数(A)"), Some(Col::Initial));
        assert_eq!(classify("预算执行数"), Some(Col::Executed));
        assert_eq!(classify("执行率(B/A)"), None);
        assert_eq!(classify("得分(20分×执行率)"), Some(Col::Score));
        assert_eq!(classify("执行率权重"), Some(Col::Weight));
        assert_eq!(classify("执行率得分(分)"), Some(Col::Score));
        assert_eq!(classify("权重"), Some(Col::Weight));
        assert_eq!(source_of("其中:财政资金"), Some(SourceKey::Current));
        assert_eq!(source_of("财政专户管理资金"), Some(SourceKey::Special));
        assert_eq!(source_of("本年一般公共预算拨款"), Some(SourceKey::Current));
        assert_eq!(source_of("年度资金总额"), None);
    }
}
