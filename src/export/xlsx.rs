//! The 自评表 workbook: sheet 1 the form as the seed lays it out, sheet 2 the budget
//! figures, sheet 3 the check results, and a hidden sheet with the whole evaluation.
//!
//! A workbook cell can hold the criterion as text but not jixiao's structured rule, so
//! the hidden sheet "jixiao" carries the evaluation file (`file::to_toml`) in chunks;
//! `import::xlsx` reads it back, so export → import gives the same evaluation.

use super::table::{Cell, Slot, Style, Table, Value, resolve_formula};
use super::{ExportError, self_table, sheets};
use crate::domain::check::check_in_year;
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use crate::domain::score::score;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

/// The hidden sheet holding the evaluation file, and the marker in its first cell.
pub const HIDDEN_SHEET: &str = "jixiao";
pub const HIDDEN_MARKER: &str = "jixiao-evaluation-toml-1";
/// Characters per cell of the hidden sheet: well below Excel's 32,767 per cell.
pub const HIDDEN_CHUNK: usize = 8000;

pub const FORM_SHEET: &str = "自评表";
pub const BUDGET_SHEET: &str = "预算情况";
pub const FINDINGS_SHEET: &str = "检查结果";

const FONT: &str = "宋体";
/// Points per line of 10.5-point text, with room for CJK fonts' taller line boxes.
const LINE_HEIGHT: f64 = 14.5;

fn base_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(10.5)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn cell_format(cell: &Cell) -> Format {
    let f = base_format();
    let f = match cell.style {
        Style::Header => f.set_bold().set_align(FormatAlign::Center),
        Style::Label | Style::Number => f.set_align(FormatAlign::Center),
        Style::Text => f.set_align(FormatAlign::Left),
    };
    match &cell.value {
        Value::Number { places: 0, .. } => f.set_num_format("0"),
        Value::Number { places, .. } => f.set_num_format(format!("0.{}", "0".repeat(*places as usize))),
        Value::Percent(_) => f.set_num_format("0.00%"),
        Value::Empty | Value::Text(_) => f,
    }
}

fn title_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    first_row: u32,
    format: &Format,
) -> Result<(), ExportError> {
    if let Some(formula) = &cell.formula {
        // Cells are named by their table position; the table starts at `first_row`.
        let a1 =
            resolve_formula(formula, |r, c| rust_xlsxwriter::utility::row_col_to_cell(first_row + r as u32, c as u16));
        let result = match &cell.value {
            Value::Number { value, .. } | Value::Percent(value) => value.normalize().to_string(),
            other => other.display(),
        };
        ws.write_formula_with_format(row, col, Formula::new(a1).set_result(result), format)?;
        return Ok(());
    }
    // Figures become spreadsheet numbers here, at the edge; everything before is Decimal.
    match &cell.value {
        Value::Empty => ws.write_blank(row, col, format)?,
        Value::Text(text) => ws.write_string_with_format(row, col, text, format)?,
        Value::Number { value, .. } | Value::Percent(value) => {
            ws.write_number_with_format(row, col, value.to_f64().unwrap_or_default(), format)?
        }
    };
    Ok(())
}

/// Writes a table from `first_row` down, merging spanned cells, and sets column widths.
pub(super) fn write_table(ws: &mut Worksheet, table: &Table, first_row: u32) -> Result<(), ExportError> {
    for (c, width) in table.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    for (r, lines) in table.row_lines().into_iter().enumerate() {
        ws.set_row_height(first_row + r as u32, LINE_HEIGHT * lines as f64 + 4.0)?;
    }
    for (r, line) in table.layout().iter().enumerate() {
        let row = first_row + r as u32;
        for (c, slot) in line.iter().enumerate() {
            let col = c as u16;
            match slot {
                Slot::Anchor(cell) => {
                    let format = cell_format(cell);
                    let (rows, cols) = table.clamped_span(r, c, cell);
                    if rows > 1 || cols > 1 {
                        let (last_row, last_col) = (row + rows as u32 - 1, col + cols as u16 - 1);
                        ws.merge_range(row, col, last_row, last_col, "", &format)?;
                    }
                    write_value(ws, row, col, cell, first_row, &format)?;
                }
                Slot::Vacant => {
                    ws.write_blank(row, col, &base_format())?;
                }
                Slot::Covered { .. } => {}
            }
        }
    }
    Ok(())
}

/// A title row across the table, then the table below it, set up for A4 printing.
pub(super) fn write_sheet(
    ws: &mut Worksheet,
    name: &str,
    title: &str,
    table: &Table,
    landscape: bool,
) -> Result<(), ExportError> {
    ws.set_name(name)?;
    let last_col = table.columns().saturating_sub(1) as u16;
    if last_col > 0 {
        ws.merge_range(0, 0, 0, last_col, title, &title_format())?;
    } else {
        ws.write_string_with_format(0, 0, title, &title_format())?;
    }
    ws.set_row_height(0, 32)?;
    write_table(ws, table, 1)?;
    ws.set_paper_size(9); // A4
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some(r) = table.repeat_row {
        ws.set_repeat_rows(r as u32 + 1, r as u32 + 1)?;
    }
    Ok(())
}

/// The evaluation file split into cells of at most [`HIDDEN_CHUNK`] characters.
pub fn hidden_chunks(toml: &str) -> Vec<String> {
    let chars: Vec<char> = toml.chars().collect();
    chars.chunks(HIDDEN_CHUNK).map(|c| c.iter().collect()).collect()
}

fn write_hidden(ws: &mut Worksheet, ev: &Evaluation) -> Result<(), ExportError> {
    ws.set_name(HIDDEN_SHEET)?;
    ws.write_string(0, 0, HIDDEN_MARKER)?;
    for (i, chunk) in hidden_chunks(&crate::file::to_toml(ev)).iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, chunk)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// The whole workbook as the bytes of an .xlsx file. A project's has no 预算情况 sheet:
/// its table holds all its figures. `projects` are the year's, for a department's checks.
pub fn export_xlsx(ev: &Evaluation, projects: &[ProjectLine]) -> Result<Vec<u8>, ExportError> {
    let sheet = score(ev);
    let findings = check_in_year(ev, &sheet, projects);
    let form = self_table::build(ev, &sheet);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    write_sheet(ws, FORM_SHEET, &form.title, &form.table, true)?;
    // What prints is the form's title and table, nothing beside or below them.
    ws.set_print_area(0, 0, form.table.rows.len() as u32, form.table.columns().saturating_sub(1) as u16)?;
    // The hand-in is the form: the budget figures and the check results are for the
    // preparer, hidden so that printing the workbook (and its 共 N 页) is the form only.
    if !ev.is_project() {
        let budget_title = format!("{}年度预算情况", ev.year);
        let ws = book.add_worksheet();
        write_sheet(ws, BUDGET_SHEET, &budget_title, &sheets::budget_table(ev), false)?;
        ws.set_hidden(true);
    }
    let findings_title = format!("{}年度自评检查结果", ev.year);
    let ws = book.add_worksheet();
    write_sheet(ws, FINDINGS_SHEET, &findings_title, &sheets::findings_table(ev, &findings), true)?;
    ws.set_hidden(true);
    write_hidden(book.add_worksheet(), ev)?;
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_join_back_to_the_text_and_respect_the_cell_limit() {
        let text = "甲乙丙\n".repeat(5000);
        let chunks = hidden_chunks(&text);
        assert_eq!(chunks.len(), 3);
        assert!(chunks.iter().all(|c| c.chars().count() <= HIDDEN_CHUNK));
        assert_eq!(chunks.concat(), text);
        assert!(hidden_chunks("").is_empty());
    }
}
