//! Popups: the yes/no question and the text-area editor for long texts.

use super::text::{fit, width, wrap};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, TextTarget};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A rectangle of at most `w`×`h` centred in `area`, one column in from its edges
/// (a popup drawn flush over wide characters can tear its border).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears a popup's area and one column either side of it: a wide character that
/// straddled the popup's left edge would otherwise tear its border (ratatui#2526).
pub fn clear(frame: &mut Frame, rect: Rect) {
    let area = frame.area();
    let x = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.x + rect.width + 1).min(area.x + area.width);
    frame.render_widget(Clear, Rect { x, width: right - x, ..rect });
}

/// A question, wrapped to as many lines as it needs (it is never cut), and its answers.
pub fn question(frame: &mut Frame, area: Rect, text: &str, answers: &str, theme: Theme) {
    let width = 50.max(width(answers) as u16 + 4);
    let inner = centered(area, width, 1).width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = wrap(text, inner).into_iter().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(answers.to_string(), theme.key()));
    let rect = centered(area, width, lines.len() as u16 + 2);
    clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 确认 ").border_style(theme.warning());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// A line to type in front of everything (the reason for unlocking), with the terminal's
/// cursor at its caret for input methods.
pub fn prompt(frame: &mut Frame, area: Rect, p: &crate::app::Prompt, theme: Theme) {
    let width = 60.min(area.width.saturating_sub(2));
    let wrapped = super::text::wrap(&p.title(), width.saturating_sub(2) as usize);
    let rect = centered(area, width, wrapped.len() as u16 + 4);
    clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 解锁 ").border_style(theme.warning());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines: Vec<Line> = wrapped.into_iter().map(Line::raw).collect();
    let n = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    let field = Rect { y: inner.y + n + 1, height: 1, ..inner };
    if field.y < inner.bottom() {
        super::input::render(frame, field, &p.input, theme);
    }
}

/// The multi-line editor for a long field or a grid cell (the narrative tab draws its own).
pub fn editors(frame: &mut Frame, content: Rect, e: &EvalState, theme: Theme) {
    if let Some(Editor::Rule(form)) = &e.editor {
        super::rule_form::render(frame, content, form, &e.ev, theme);
        return;
    }
    let Some(Editor::Text { target, input, .. }) = &e.editor else { return };
    let title = match target {
        TextTarget::Narrative(_) => return,
        TextTarget::Field(f) => f.label().to_string(),
        TextTarget::Note => "评分模板：备注".to_string(),
        TextTarget::Cell(i, col) => format!("{}：{}", e.row_name(*i), col.title()),
    };
    let rect = centered(content, content.width.saturating_sub(2), content.height.saturating_sub(2));
    clear(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" 编辑：{} ", fit(&title, rect.width as usize / 2)))
        .title_bottom(" 随打随存  Esc 完成 ")
        .border_style(theme.heading());
    let mut inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Typing a criterion: what it reads as so far, on the editor's last line.
    if let TextTarget::Cell(i, crate::app::grid::GridCol::Criterion) = target
        && inner.height > 2
    {
        inner.height -= 1;
        let line = Rect { y: inner.y + inner.height, height: 1, ..inner };
        let view = e.proposal(*i);
        frame.render_widget(
            Paragraph::new(super::proposal::live_line(
                view.as_ref(),
                line.width as usize,
                e.ev.template.rounding.places(),
            ))
            .style(theme.proposal()),
            line,
        );
    }
    frame.render_widget(input.widget(), inner);
    let (x, y) = input.caret();
    frame.set_cursor_position((
        inner.x + x.min(inner.width.saturating_sub(1)),
        inner.y + y.min(inner.height.saturating_sub(1)),
    ));
}
