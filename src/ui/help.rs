//! The help overlay, generated from the key table.

use super::popup::centered;
use super::text::pad;
use super::theme::Theme;
use crate::app::keys::{Ctx, help};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(frame: &mut Frame, area: Rect, scroll: u16, ctx: Ctx, theme: Theme) {
    let rect = centered(area, 72, area.height);
    super::popup::clear(frame, rect);
    let block =
        Block::default().borders(Borders::ALL).title(" 帮助：按键（↑↓ 滚动，Esc 关闭） ").border_style(theme.heading());
    let mut lines = Vec::new();
    let here = ctx.title();
    for (title, rows) in help() {
        if rows.is_empty() {
            continue;
        }
        let (style, mark) = if title == here { (theme.good(), "（当前）") } else { (theme.heading(), "") };
        lines.push(Line::styled(format!("【{title}】{mark}"), style));
        for (keys, what) in rows {
            lines.push(Line::from(vec![Span::styled(pad(keys, 14), theme.key()), Span::raw(what)]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("修改确认后立即保存；Ctrl+Z 撤销，Ctrl+Y 重做。", theme.dim()));
    // Not past the end: the last page stays full.
    let last = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(last), 0)), rect);
}
