//! The form tabs: labels and values, the line editor in place, the findings of the
//! selected row underneath.

use super::text::{fit, pad, width};
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

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, tab: FormTab, theme: Theme) {
    let rows = e.form_rows(tab);
    let cursor = e.cursor_of(tab);
    let height = area.height.saturating_sub(1) as usize;
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
    // The selected row's findings, or its editor's complaint, on the last line.
    let foot = Rect { y: area.y + height as u16, height: 1, ..area };
    let selected_row = rows.get(cursor);
    if let Some(Editor::Line { target: LineTarget::Form(row), input }) = &e.editor
        && Some(row) == selected_row
        && cursor >= top
    {
        let y = area.y + (cursor - top) as u16;
        let field = Rect { x: area.x + 2 + LABEL as u16, y, width: value_width as u16, height: 1 };
        super::input::render(frame, field, input, theme);
        if let Some(err) = &input.error {
            frame.render_widget(
                Paragraph::new(Line::styled(fit(&format!("！{err}"), area.width as usize), theme.error())),
                foot,
            );
            return;
        }
    }
    if let Some(row) = selected_row {
        let found = findings_of(e, row);
        if let Some(f) = found.first() {
            let more = if found.len() > 1 { format!("（另有{}条）", found.len() - 1) } else { String::new() };
            let text = fit(&format!(" {}{more}", f.message), (area.width as usize).saturating_sub(4));
            frame.render_widget(Paragraph::new(Line::from(vec![mark(f.severity, theme), Span::raw(text)])), foot);
        }
    }
}
