//! The 自评报告 as Markdown: headings, paragraphs and the 自评表 as a pipe table
//! (a merged cell's text stands in its first position; the positions it covers are blank).

use super::report::{Block, Report, build};
use super::table::{Slot, Table};
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;

pub fn export_markdown(ev: &Evaluation, projects: &[ProjectLine]) -> String {
    render(&build(ev, projects))
}

/// Keeps a paragraph from being read as Markdown syntax: a leading `#`, `>`, `-`, `+`,
/// `*` or `1. ` would turn it into a heading, quote or list.
fn escape_paragraph(text: &str) -> String {
    let text = text.replace('|', "\\|");
    if text.starts_with(['#', '>', '-', '+', '*']) {
        return format!("\\{text}");
    }
    match text.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => format!("{n}\\. {rest}"),
        _ => text,
    }
}

fn escape_cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}

fn render_table(table: &Table, out: &mut String) {
    for (r, line) in table.layout().iter().enumerate() {
        out.push('|');
        for slot in line {
            let text = match slot {
                Slot::Anchor(cell) => escape_cell(&cell.value.display()),
                Slot::Covered { .. } | Slot::Vacant => String::new(),
            };
            out.push_str(&format!(" {text} |"));
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(line.len()));
            out.push('\n');
        }
    }
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for block in &report.blocks {
        match block {
            Block::Subtitle(text) => out.push_str(&format!("**{}**\n\n", escape_cell(text))),
            Block::Title(text) => out.push_str(&format!("# {text}\n\n")),
            Block::Heading { level, text } => {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(usize::from(*level) + 1)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", escape_paragraph(text))),
            Block::Table { caption, table, .. } => {
                out.push_str(&format!("**{caption}**\n\n"));
                render_table(table, &mut out);
                out.push('\n');
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    // A control character stored by an older release must not reach a terminal that
    // shows the file (`jixiao export … --format md` prints to it).
    crate::domain::text::escape_controls(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_that_look_like_syntax_are_escaped() {
        assert_eq!(escape_paragraph("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_paragraph("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(escape_paragraph("1、工业经济稳步增长。"), "1、工业经济稳步增长。");
        assert_eq!(escape_cell("a|b\nc"), "a\\|b<br>c");
    }
}
