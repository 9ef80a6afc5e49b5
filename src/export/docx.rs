//! The 自评报告 as a Word document (.docx), written as WordprocessingML by hand.
//!
//! A report needs paragraphs in a few styles, one table with merged cells and a
//! landscape section: a few hundred lines of XML. Writing it directly keeps the
//! dependency to the `zip` crate the xlsx writer already pulls in, and gives full control
//! of the East Asian fonts (w:eastAsia) that Word, WPS and LibreOffice all honour.

use super::ExportError;
use super::docx_parts as parts;
use super::report::{Block, Report, build};
use super::table::{Cell, Slot, Style, Table};
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use std::io::Write;

/// A4 in twentieths of a point, and the usable width of a landscape page.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const LANDSCAPE_MARGIN: u32 = 1134;
const LANDSCAPE_TEXT_WIDTH: u32 = A4_LONG - 2 * LANDSCAPE_MARGIN;
/// The text width of a portrait page with the margins of `section_properties`.
const PORTRAIT_TEXT_WIDTH: u32 = A4_SHORT - 1474 - 1588;

pub fn export_docx(ev: &Evaluation, projects: &[ProjectLine]) -> Result<Vec<u8>, ExportError> {
    render(&build(ev, projects), &ev.organisation.name)
}

/// Escapes text for XML and drops the control characters XML 1.0 cannot carry
/// (Word refuses a file containing them).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs for a text: line breaks become `<w:br/>`, tabs `<w:tab/>`.
fn runs(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/><w:bCs/></w:rPr>" } else { "" };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        out.push_str(&format!("<w:r>{rpr}"));
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.trim_end_matches('\r').split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            out.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece)));
        }
        out.push_str("</w:r>");
    }
    out
}

fn paragraph(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#, runs(text, false))
}

fn section_properties(landscape: bool) -> String {
    let footer = format!(r#"<w:footerReference w:type="default" r:id="{}"/>"#, parts::FOOTER_REL);
    if landscape {
        let m = LANDSCAPE_MARGIN;
        format!(
            r#"<w:sectPr>{footer}<w:pgSz w:w="{A4_LONG}" w:h="{A4_SHORT}" w:orient="landscape"/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#
        )
    } else {
        // GB/T 9704 margins: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
        format!(
            r#"<w:sectPr>{footer}<w:pgSz w:w="{A4_SHORT}" w:h="{A4_LONG}"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
        )
    }
}

/// Twentieths of a point a text takes in the tables' 宋体 五号 (10.5 pt): a CJK
/// character 210, a Latin one at most 110 (Times New Roman digits are half an em).
fn text_twips(text: &str) -> u32 {
    use unicode_width::UnicodeWidthChar;
    text.chars().map(|c| if c.width().unwrap_or(1) >= 2 { 210 } else { 110 }).sum()
}

/// A cell's left and right margins (the table style's 85 each) and a little air.
const CELL_PADDING: u32 = 230;

/// The width a cell needs for text that must not break across lines: figures (`100.00`,
/// `96.63%`) and short Latin runs such as dates (`2024-12-31`); none for wrapping text.
fn unbreakable_twips(cell: &Cell) -> Option<u32> {
    use super::table::Value;
    let text = cell.value.display();
    match &cell.value {
        Value::Number { .. } | Value::Percent(_) => Some(text_twips(&text) + CELL_PADDING),
        Value::Text(t) if !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic()) && t.len() <= 16 => {
            Some(text_twips(t) + CELL_PADDING)
        }
        _ => None,
    }
}

/// The narrowest each column may be: its widest unbreakable single-column cell, and for
/// the side column of labels four characters (so that 绩效指标 does not stack one
/// character a line).
pub fn min_twips(table: &Table) -> Vec<u32> {
    let mut need = vec![0u32; table.columns()];
    if let Some(first) = need.first_mut() {
        *first = text_twips("绩效指标") + CELL_PADDING;
    }
    for (r, line) in table.layout().iter().enumerate() {
        for (c, slot) in line.iter().enumerate() {
            let Slot::Anchor(cell) = slot else { continue };
            let (_, cols) = table.clamped_span(r, c, cell);
            if let Some(w) = unbreakable_twips(cell) {
                // A spanning cell's need is shared by its columns.
                let share = w.div_ceil(cols as u32);
                for n in &mut need[c..c + cols] {
                    *n = (*n).max(share);
                }
            }
        }
    }
    need
}

/// Column widths in twips filling `total`: in proportion to the table's widths, but no
/// column narrower than [`min_twips`] (the room is taken from the columns that have some).
pub fn column_twips(table: &Table, total: u32) -> Vec<u32> {
    let n = table.columns();
    let sum: f64 = table.widths.iter().sum();
    let mut twips: Vec<u32> = if sum <= 0.0 || n == 0 {
        vec![total / n.max(1) as u32; n]
    } else {
        table.widths.iter().map(|w| (w / sum * f64::from(total)).floor() as u32).collect()
    };
    let need = min_twips(table);
    for _ in 0..4 {
        let short: u32 = twips.iter().zip(&need).map(|(w, m)| m.saturating_sub(*w)).sum();
        if short == 0 {
            break;
        }
        for (w, m) in twips.iter_mut().zip(&need) {
            *w = (*w).max(*m);
        }
        let slack: u32 = twips.iter().zip(&need).map(|(w, m)| w.saturating_sub(*m)).sum();
        if slack == 0 {
            break;
        }
        for (w, m) in twips.iter_mut().zip(&need) {
            let room = w.saturating_sub(*m);
            *w -= (u64::from(room) * u64::from(short.min(slack)) / u64::from(slack)) as u32;
        }
    }
    let used: u32 = twips.iter().sum();
    if let Some(widest) = twips.iter_mut().max() {
        *widest = (*widest + total).saturating_sub(used);
    }
    twips
}

fn cell_xml(cell: Option<&Cell>, width: u32, cols: usize, merge: &str) -> String {
    let span = if cols > 1 { format!(r#"<w:gridSpan w:val="{cols}"/>"#) } else { String::new() };
    let (jc, bold, text) = match cell {
        Some(c) => {
            (if c.style == Style::Text { "left" } else { "center" }, c.style == Style::Header, c.value.display())
        }
        None => ("center", false, String::new()),
    };
    // Figures never wrap: a number broken across lines (100.0/0) reads as two numbers.
    let no_wrap = if cell.and_then(unbreakable_twips).is_some() { "<w:noWrap/>" } else { "" };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{no_wrap}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{jc}"/></w:pPr>{}</w:p></w:tc>"#,
        runs(&text, bold)
    )
}

/// Whether a row can start a table of its own: no cell from a row above reaches into it.
fn starts_clean(grid: &[Vec<Slot<'_>>], r: usize) -> bool {
    grid.get(r).is_some_and(|line| line.iter().all(|s| !matches!(s, Slot::Covered { row, .. } if *row < r)))
}

fn table_start(total_width: u32, twips: &[u32]) -> String {
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).concat();
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total_width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    );
    for w in twips {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    out
}

/// A Word table: horizontal spans as gridSpan, vertical spans as vMerge restart/continue.
/// Where the table has a heading row to repeat (the grid's), the table is cut there into
/// two, the second starting with that row marked `w:tblHeader`: Word repeats only rows
/// at the top of a table. A hairline paragraph keeps the two from being joined.
fn table_xml(table: &Table, total_width: u32) -> String {
    let twips = column_twips(table, total_width);
    let grid = table.layout();
    let split = table.repeat_row.filter(|r| *r > 0 && starts_clean(&grid, *r));
    let mut out = table_start(total_width, &twips);
    for (r, line) in grid.iter().enumerate() {
        if Some(r) == split {
            out.push_str("</w:tbl>");
            out.push_str(SEAM);
            out.push_str(&table_start(total_width, &twips));
        }
        let header = if Some(r) == table.repeat_row { "<w:tblHeader/>" } else { "" };
        out.push_str(&format!("<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>"));
        for (c, slot) in line.iter().enumerate() {
            match *slot {
                Slot::Anchor(cell) => {
                    let (rows, cols) = table.clamped_span(r, c, cell);
                    let width = twips[c..c + cols].iter().sum();
                    let merge = if rows > 1 { r#"<w:vMerge w:val="restart"/>"# } else { "" };
                    out.push_str(&cell_xml(Some(cell), width, cols, merge));
                }
                // A continuation of a cell from a row above: one <w:tc> at its first column.
                Slot::Covered { row, col } if row < r && col == c => {
                    let Slot::Anchor(anchor) = grid[row][col] else { continue };
                    let (_, cols) = table.clamped_span(row, col, anchor);
                    let width = twips[c..c + cols].iter().sum();
                    out.push_str(&cell_xml(None, width, cols, "<w:vMerge/>"));
                }
                Slot::Covered { .. } => {}
                Slot::Vacant => out.push_str(&cell_xml(None, twips[c], 1, "")),
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// The paragraph between the two parts of a cut table: one twip high, no space.
const SEAM: &str = r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>"#;

fn document_xml(report: &Report) -> String {
    let mut body = String::new();
    let mut landscape = false;
    for block in &report.blocks {
        let wants_landscape = matches!(block, Block::Table { landscape: true, .. });
        if wants_landscape != landscape {
            // A section ends with the paragraph that carries its properties.
            body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", section_properties(landscape)));
            landscape = wants_landscape;
        }
        match block {
            Block::Subtitle(text) => body.push_str(&paragraph("Subtitle", text)),
            Block::Title(text) => body.push_str(&paragraph("Title", text)),
            Block::Heading { level, text } => body.push_str(&paragraph(&format!("Heading{}", level.min(&3)), text)),
            Block::Paragraph(text) => body.push_str(&paragraph("Normal", text)),
            Block::Table { caption, table, landscape } => {
                body.push_str(&paragraph("TableCaption", caption));
                body.push_str(&table_xml(table, if *landscape { LANDSCAPE_TEXT_WIDTH } else { PORTRAIT_TEXT_WIDTH }));
                // Word needs a paragraph after a table that ends a section or the body.
                body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#);
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{}" xmlns:r="{}"><w:body>{body}{}</w:body></w:document>"#,
        parts::W_NS,
        parts::R_NS,
        section_properties(landscape)
    )
}

/// The report as the bytes of a .docx file.
pub fn render(report: &Report, author: &str) -> Result<Vec<u8>, ExportError> {
    let files = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("word/document.xml", document_xml(report)),
        ("word/styles.xml", parts::styles()),
        ("word/fontTable.xml", parts::FONT_TABLE.to_string()),
        ("word/settings.xml", parts::SETTINGS.to_string()),
        ("word/footer1.xml", parts::FOOTER.to_string()),
        ("word/_rels/document.xml.rels", parts::DOCUMENT_RELS.to_string()),
        ("docProps/core.xml", parts::core(&report.title, author)),
        ("docProps/app.xml", parts::APP.to_string()),
    ];
    let zip_error = |e: &dyn std::fmt::Display| ExportError::Docx(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed timestamp: the same evaluation always gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in files {
        zip.start_file(name, options).map_err(|e| zip_error(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| zip_error(&e))?;
    }
    Ok(zip.finish().map_err(|e| zip_error(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c\u{1}d"), "a&lt;b&gt;&amp;&quot;cd");
    }

    #[test]
    fn line_breaks_and_tabs_become_word_elements() {
        let r = runs("甲\n乙\t丙", false);
        assert_eq!(r.matches("<w:br/>").count(), 1);
        assert_eq!(r.matches("<w:tab/>").count(), 1);
    }

    #[test]
    fn column_widths_fill_the_page_exactly() {
        let mut t = Table::new(3);
        t.widths = vec![1.0, 2.0, 3.3];
        let w = column_twips(&t, 14570);
        assert_eq!(w.iter().sum::<u32>(), 14570);
        assert!(w[0] < w[1] && w[1] < w[2]);
    }
}
