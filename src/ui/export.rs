//! The export menu (F6): the formats, and where the file will go.

use super::popup::{centered, clear};
use super::text::{pad, wrap};
use super::theme::Theme;
use crate::app::export::{CHOICES, ExportMenu};
use crate::domain::model::Evaluation;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(frame: &mut Frame, area: Rect, menu: &ExportMenu, ev: &Evaluation, theme: Theme) {
    let w = centered(area, 64, 1).width.saturating_sub(2) as usize;
    // Where the file goes, wrapped: a path is never cut.
    let mut place: Vec<Line> = Vec::new();
    for text in [format!("文件：{}", menu.choice().file_name(ev)), format!("目录：{}", menu.dir.display())] {
        place.extend(wrap(&text, w).into_iter().map(|l| Line::styled(l, theme.dim())));
    }
    let rect = centered(area, 64, CHOICES.len() as u16 + 3 + place.len() as u16);
    clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 导出 ").border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line> = CHOICES
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let sel = i == menu.selected;
            let style = if sel { theme.selected() } else { theme.plain() };
            Line::from(vec![Span::raw(if sel { "> " } else { "  " }), Span::styled(pad(c.label(), 28), style)])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.extend(place);
    frame.render_widget(Paragraph::new(lines), inner);
}
