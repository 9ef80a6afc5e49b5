//! The narrative tab: the sections on the left, the selected one's text on the right
//! (or its editor, or last year's text for reference).

use super::text::{fit, pad, wrap};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, TextTarget};
use crate::domain::model::Section;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LIST: u16 = 26;

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let [list, text] = Layout::horizontal([Constraint::Length(LIST), Constraint::Fill(1)]).areas(area);
    let current = e.narrative.section();
    let mut lines = vec![Line::styled("【报告章节】", theme.heading())];
    for s in Section::ALL {
        let sel = s == current;
        let count = e.ev.narrative.get(s).chars().count();
        let label = format!("{}{}", pad(s.title(), 18), if count == 0 { "  空".into() } else { format!("{count:>4}") });
        let style = if sel { theme.selected() } else { theme.plain() };
        lines.push(Line::from(vec![
            Span::raw(if sel { ">" } else { " " }),
            Span::styled(fit(&label, LIST as usize - 2), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("数字为字数", theme.dim()));
    if e.reference.is_some() {
        let hint = if e.narrative.show_reference { "F5 回到本年文字" } else { "F5 对照上年文字" };
        lines.push(Line::styled(hint, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list);

    let editing = matches!(&e.editor, Some(Editor::Text { target: TextTarget::Narrative(s), .. }) if *s == current);
    let reference = e.narrative.show_reference.then_some(e.reference.as_ref()).flatten();
    let title = match (editing, reference) {
        (true, _) => format!(" 编辑：{}（随打随存，Esc 完成）", current.title()),
        (false, Some(r)) => format!(" {}年：{}（上年，仅供参考） ", r.year, current.title()),
        (false, None) => format!(" {} ", current.title()),
    };
    let block = Block::default().borders(Borders::LEFT | Borders::TOP).title(title).border_style(if editing {
        theme.heading()
    } else {
        theme.border()
    });
    let inner = block.inner(text);
    frame.render_widget(block, text);
    if let (true, Some(Editor::Text { input, .. })) = (editing, &e.editor) {
        frame.render_widget(input.widget(), inner);
        let (x, y) = input.caret();
        frame.set_cursor_position((
            inner.x + x.min(inner.width.saturating_sub(1)),
            inner.y + y.min(inner.height.saturating_sub(1)),
        ));
        return;
    }
    let body = match reference {
        Some(r) => r.narrative.get(current).to_string(),
        None => e.ev.narrative.get(current).to_string(),
    };
    let shown: Vec<Line> = if body.is_empty() && reference.is_some() {
        vec![Line::styled("（上年此节为空）", theme.dim())]
    } else if body.is_empty() {
        vec![Line::styled("（空）按 Enter 开始填写。", theme.dim())]
    } else {
        wrap(&body, inner.width as usize).into_iter().take(inner.height as usize).map(Line::raw).collect()
    };
    frame.render_widget(Paragraph::new(shown), inner);
}
