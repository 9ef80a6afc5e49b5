//! Imports a 自评表 workbook (.xlsx): one exported by jixiao, or one typed by hand in
//! Excel or WPS in the same layout.
//!
//! jixiao's own workbooks carry the whole evaluation in the hidden sheet "jixiao"
//! (criteria can be written in a cell, structured rules cannot); the visible table is
//! then read on top of it, so edits made in Excel are kept and reported. Without the
//! hidden sheet, figures and rows come from the table and each score becomes a manual
//! score to be checked.

use super::ImportError;
use super::assemble::{IMPORT_REASON, assemble};
use super::form::{self, Form};
use super::grid::Grid;
use crate::domain::model::Evaluation;
use crate::domain::template::Template;
use crate::export::xlsx::{FORM_SHEET, HIDDEN_MARKER, HIDDEN_SHEET};
use calamine::{Reader, Xlsx};
use std::io::{Cursor, Read};

type Book<'a> = Xlsx<Cursor<&'a [u8]>>;

/// The evaluation kept in the hidden sheet: `None` if there is none, `Err` if it
/// cannot be read (then the table alone is imported).
fn hidden_evaluation(book: &mut Book) -> Option<Result<Evaluation, String>> {
    if !book.sheet_names().iter().any(|n| n == HIDDEN_SHEET) {
        return None;
    }
    let range = match book.worksheet_range(HIDDEN_SHEET) {
        Ok(range) => range,
        Err(e) => return Some(Err(e.to_string())),
    };
    let cell =
        |r: u32| range.get_value((r, 0)).map(|d| if let calamine::Data::String(s) = d { s.as_str() } else { "" });
    if cell(0) != Some(HIDDEN_MARKER) {
        return Some(Err("标记不符".to_string()));
    }
    let text: String = (1..).map_while(|r| cell(r).filter(|s| !s.is_empty())).collect();
    Some(crate::file::from_toml(&text).map_err(|e| e.to_string()))
}

/// The sheet holding the 自评表: the one named 自评表 first, then the others in order.
fn read_form(book: &mut Book, notes: &mut Vec<String>) -> Result<Form, ImportError> {
    let mut names = book.sheet_names();
    if names.is_empty() {
        return Err(ImportError::NoSheets);
    }
    names.retain(|n| n != HIDDEN_SHEET);
    names.sort_by_key(|n| n != FORM_SHEET);
    for name in names {
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let merges = book.worksheet_merge_cells(&name).and_then(Result::ok).unwrap_or_default();
        let mut sheet_notes = Vec::new();
        if let Some(form) = form::read(&Grid::new(range, merges), &mut sheet_notes) {
            notes.extend(sheet_notes.into_iter().map(|n| format!("工作表“{name}”{n}")));
            return Ok(form);
        }
    }
    Err(ImportError::NoHeader)
}

/// A workbook as read: the evaluation, what could not be read or was taken on trust,
/// the 总分 its table states, and whether jixiao wrote it (it has the hidden sheet).
pub struct Workbook {
    pub evaluation: Evaluation,
    pub notes: Vec<String>,
    pub stated_total: Option<rust_decimal::Decimal>,
    pub by_jixiao: bool,
}

/// The most a workbook may inflate to, all its parts together: a 自评表 is well under
/// 1 MB, and a file that inflates to a gigabyte (a decompression bomb) must not take a
/// small server's memory.
pub const MAX_INFLATED: u64 = 64 << 20;
/// The most cells one sheet may have, and the largest rectangle its cells may span (the
/// reader holds that rectangle in memory, 32 bytes a cell).
pub const MAX_CELLS: u64 = 200_000;
pub const MAX_AREA: u64 = 1_000_000;

/// Inflates every part of the zip, counting, without keeping anything: refuses a
/// workbook that inflates past [`MAX_INFLATED`] (whatever its headers claim).
fn check_inflated(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else { continue };
        let room = MAX_INFLATED - total;
        let read = std::io::copy(&mut (&mut part).take(room + 1), &mut std::io::sink()).unwrap_or(0);
        total += read;
        if total > MAX_INFLATED {
            return Err(ImportError::TooBig(format!("解压后超过 {} MB", MAX_INFLATED >> 20)));
        }
    }
    Ok(())
}

/// Counts each sheet's cells and the rectangle they span before any sheet is read whole.
fn check_sheets(book: &mut Book) -> Result<(), ImportError> {
    for name in book.sheet_names() {
        let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
        let (mut count, mut rows, mut cols) = (0u64, 0u64, 0u64);
        while let Ok(Some(cell)) = cells.next_cell() {
            count += 1;
            let (r, c) = cell.get_position();
            rows = rows.max(u64::from(r) + 1);
            cols = cols.max(u64::from(c) + 1);
            if count > MAX_CELLS {
                return Err(ImportError::TooBig(format!("工作表“{name}”的单元格超过 {MAX_CELLS} 个")));
            }
            if rows * cols > MAX_AREA {
                return Err(ImportError::TooBig(format!(
                    "工作表“{name}”的内容占 {rows} 行 × {cols} 列，超过 {MAX_AREA} 个单元格"
                )));
            }
        }
    }
    Ok(())
}

/// Reads a workbook. Returns the evaluation and, in Chinese, what could not be read or
/// was taken on trust; an empty report means the workbook was read completely.
pub fn import_xlsx(bytes: &[u8]) -> Result<(Evaluation, Vec<String>), ImportError> {
    import_xlsx_with(bytes, None)
}

/// Reads a workbook; a table without jixiao's hidden sheet is given `template` (else
/// the preset it looks like). A workbook exported by jixiao keeps its own.
pub fn import_xlsx_with(bytes: &[u8], template: Option<Template>) -> Result<(Evaluation, Vec<String>), ImportError> {
    read_workbook(bytes, template).map(|w| (w.evaluation, w.notes))
}

/// [`import_xlsx_with`], keeping the table's stated total and where the workbook came from.
pub fn read_workbook(bytes: &[u8], template: Option<Template>) -> Result<Workbook, ImportError> {
    check_inflated(bytes)?;
    // calamine's own words are English: say what it means instead.
    let mut book: Book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ImportError::NotWorkbook(match e {
            calamine::XlsxError::Zip(_) | calamine::XlsxError::Io(_) => "文件不是 zip 压缩格式，或已损坏".into(),
            _ => "其中缺少工作簿的组成部分，或内容已损坏".into(),
        })
    })?;
    check_sheets(&mut book)?;
    let mut notes = Vec::new();
    let base = match hidden_evaluation(&mut book) {
        Some(Ok(ev)) => Some(ev),
        Some(Err(e)) => {
            notes.push(format!("jixiao 隐藏数据无法读取（{e}），已只按表格内容导入"));
            None
        }
        None => None,
    };
    let from_table_only = base.is_none();
    if let (Some(ev), Some(t)) = (&base, &template) {
        notes.push(format!("工作簿带有 jixiao 保存的评分模板“{}”，未改用“{}”", ev.template.name, t.name));
    }
    let form = read_form(&mut book, &mut notes)?;
    let ev = assemble(&form, base, template, &mut notes)?;
    if from_table_only {
        let read = ev.indicators.iter().filter(|i| i.rule != crate::domain::rule::Rule::Manual).count();
        let manual = ev.indicators.len() - read;
        let source = if form.note.is_some() { "评分标准或表格备注" } else { "评分标准" };
        let typed =
            ev.indicators.iter().filter(|i| i.entered.as_ref().is_some_and(|e| e.reason == IMPORT_REASON)).count();
        let elsewhere =
            if ev.is_project() { "报告正文" } else { "单位基本情况、预算支出情况和报告正文" };
        notes.insert(
            0,
            format!(
                "工作簿中没有 jixiao 的评分规则（可能是在 Excel 中制作的表格），已按表格内容导入：{read} 项指标的评分规则由{source}读出，{manual} 项设为“人工评分”（各行的说明见下）；{typed} 项的得分取表格中的数值作为填报得分，理由记为“{IMPORT_REASON}”，请核对。{elsewhere}不在自评表中，请另行填写。"
            ),
        );
        if form.department.is_none() && ev.organisation.name.trim().is_empty() {
            notes.push("未找到预算部门名称，请填写单位名称".to_string());
        }
    }
    if let Some((place, c)) = crate::file_check::control_in(&ev) {
        return Err(ImportError::Control(crate::file_check::control_message(&place, c)));
    }
    Ok(Workbook { evaluation: ev, notes, stated_total: form.total, by_jixiao: !from_table_only })
}
