//! The form tabs: labels and values, the line editor in place, the findings of the
//! selected row underneath.

use super::text::{fit, pad, width, wrap};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, LineTarget, form_index};
use crate::app::form::{FormRow, FormTab};
use crate::domain::check::{Finding, Place, Severity};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

const LABEL: usize = 26;

/// The findings that concern a form row.
fn findings_of<'a>(e: &'a EvalState, row: &FormRow) -> Vec<&'a Finding> {
    e.findings
        .iter()
        .filter(|f| match (row, f.place) {
            (FormRow::Field(a), Place::Field(b)) => *a == b,
            (FormRow::Fund(i, _), Place::SpecialFund(j)) => *i == j,
            _ => false,
        })
        .collect()
}

pub fn mark(severity: Severity, theme: Theme) -> Span<'static> {
    match severity {
        Severity::Error => Span::styled("[错]", theme.error()),
        Severity::Warning => Span::styled("[警]", theme.warning()),
        Severity::Note => Span::styled("[提]", theme.note()),
    }
}

/// Keeps `cursor` within the window that starts at `top` (moving the window as little as possible).
pub fn scroll(top: &Cell<usize>, cursor: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut t = top.get().min(cursor);
    if cursor >= t + height {
        t = cursor + 1 - height;
    }
    top.set(t);
    t
}

/// The most lines the foot (the selected row's findings, or a refusal) takes.
const FOOT: usize = 4;

/// What the foot says: the editor's refusal, else the selected row's findings, each
/// wrapped whole.
fn foot(e: &EvalState, row: Option<&FormRow>, width: usize, theme: Theme) -> Vec<Line<'static>> {
    if let Some(Editor::Line { target: LineTarget::Form(r), input }) = &e.editor
        && Some(r) == row
        && let Some(err) = &input.error
    {
        return wrap(&format!("！{err}"), width).into_iter().map(|l| Line::styled(l, theme.error())).collect();
    }
    let mut out = Vec::new();
    for f in row.map(|r| findings_of(e, r)).unwrap_or_default() {
        for (k, l) in wrap(&f.message, width.saturating_sub(5).max(2)).into_iter().enumerate() {
            let lead = if k == 0 { mark(f.severity, theme) } else { Span::raw("    ") };
            out.push(Line::from(vec![lead, Span::raw(" "), Span::raw(l)]));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, tab: FormTab, theme: Theme) {
    let rows = e.form_rows(tab);
    let cursor = e.cursor_of(tab);
    let mut foot = foot(e, rows.get(cursor), area.width as usize, theme);
    if foot.len() > FOOT {
        foot.truncate(FOOT - 1);
        foot.push(Line::styled("　（另有检查结果：F9 查看）", theme.dim()));
    }
    let height = area.height.saturating_sub(foot.len().max(1) as u16) as usize;
    let top = scroll(&e.form_top[form_index(tab)], cursor, height);
    let value_width = (area.width as usize).saturating_sub(LABEL + 2);
    let mut lines = Vec::with_capacity(height + 1);
    for (i, row) in rows.iter().enumerate().skip(top).take(height) {
        let selected = i == cursor;
        let line = match row {
            FormRow::Heading(t) => Line::styled(fit(&format!("【{t}】"), area.width as usize), theme.heading()),
            _ => {
                let marker = if selected { "> " } else { "  " };
                let label_style = if selected { theme.selected() } else { theme.plain() };
                let mut spans = vec![Span::raw(marker), Span::styled(pad(&row.label(), LABEL), label_style)];
                let value = match row {
                    FormRow::Field(f) if row.long_text().is_some() => {
                        let t = f.text(&e.ev);
                        let first = t.lines().next().unwrap_or("").to_string();
                        if t.is_empty() {
                            "（空，Enter 编辑）".to_string()
                        } else {
                            format!("{}（{}字）", first, t.chars().count())
                        }
                    }
                    FormRow::AddUnit(_) | FormRow::AddFund => "Enter 添加".into(),
                    _ => row.text(&e.ev),
                };
                let unit = if row.is_money() && !value.is_empty() && !value.ends_with('元') { " 万元" } else { "" };
                let flags = findings_of(e, row);
                let worst = flags.iter().map(|f| f.severity).max();
                let flag_w = if worst.is_some() { 4 } else { 0 };
                let room = value_width.saturating_sub(width(unit) + flag_w);
                let style = match row {
                    FormRow::Computed(..) | FormRow::AddUnit(_) | FormRow::AddFund => theme.dim(),
                    _ => theme.plain(),
                };
                let shown = fit(&value, room);
                let gap = room.saturating_sub(width(&shown));
                spans.push(Span::styled(shown, style));
                spans.push(Span::styled(unit, theme.dim()));
                if let Some(s) = worst {
                    spans.push(Span::raw(" ".repeat(gap)));
                    spans.push(mark(s, theme));
                }
                Line::from(spans)
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: height as u16, ..area });
    // The selected row's findings, or its editor's complaint, under the rows.
    let foot_area = Rect { y: area.y + height as u16, height: area.height - height as u16, ..area };
    frame.render_widget(Paragraph::new(foot), foot_area);
    if let Some(Editor::Line { target: LineTarget::Form(row), input }) = &e.editor
        && Some(row) == rows.get(cursor)
        && cursor >= top
    {
        let y = area.y + (cursor - top) as u16;
        let field = Rect { x: area.x + 2 + LABEL as u16, y, width: value_width as u16, height: 1 };
        super::input::render(frame, field, input, theme);
    }
}
