//! The paste preview: which pasted column goes into which grid column, the rows as they
//! will be, and the keys to accept or cancel. Nothing is stored before Enter.

use super::popup::{centered, clear};
use super::text::{pad, pad_left, wrap};
use super::theme::Theme;
use crate::app::paste::{PASTE_REASON, PastePlan};
use crate::domain::model::Evaluation;
use crate::domain::number::plain;
use crate::domain::score::score_row;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The sentence that says where each pasted column goes.
fn mapping(plan: &PastePlan) -> String {
    let parts: Vec<String> = plan
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let to = col.map_or("不粘贴", |c| c.title());
            match &plan.header {
                Some(h) => format!("第{}列“{}”→{to}", i + 1, h.get(i).map_or("", |s| s.trim())),
                None => format!("第{}列→{to}", i + 1),
            }
        })
        .collect();
    parts.join("；")
}

pub fn render(frame: &mut Frame, area: Rect, plan: &PastePlan, ev: &Evaluation, theme: Theme) {
    let rect = centered(area, 100, area.height);
    let w = rect.width.saturating_sub(2) as usize;
    let range = plan.range();
    let how = if plan.header.is_some() { "按表头对应各列" } else { "无表头，按自评表的列序对应" };
    let added = if plan.added > 0 { format!("，其中新增 {} 行", plan.added) } else { String::new() };
    let intro = format!("粘贴 {} 行到第 {}–{} 行{added}。{how}：", range.len(), range.start + 1, range.end);
    let mut lines: Vec<Line> = wrap(&intro, w).into_iter().map(|l| Line::styled(l, theme.heading())).collect();
    lines.extend(wrap(&mapping(plan), w).into_iter().map(Line::raw));
    if plan.typed_scores > 0 {
        let note = format!("其中 {} 项得分与评分规则不同，将记为手填得分，理由“{PASTE_REASON}”。", plan.typed_scores);
        lines.extend(wrap(&note, w).into_iter().map(|l| Line::styled(l, theme.warning())));
    }
    let keys = Line::from(vec![
        Span::styled("Enter/y", theme.key()),
        Span::raw(" 粘贴并保存（可 Ctrl+Z 撤销）  "),
        Span::styled("Esc/n", theme.key()),
        Span::raw(" 取消"),
    ]);
    // The rows as they will be, as many as the popup has room for.
    let name_w = w.saturating_sub(4 + 11 + 11 + 5 + 7 + 5);
    let head = format!(
        "{} {} {} {} {} {}",
        pad_left("行", 4),
        pad("三级指标", name_w),
        pad("指标值", 11),
        pad("完成值", 11),
        pad_left("分值", 5),
        pad_left("得分", 7)
    );
    // Borders, the lines above, a blank line either side of the table and the keys.
    let room = (area.height as usize).saturating_sub(2 + lines.len() + 3);
    let shown = if range.len() < room { range.len() } else { room.saturating_sub(2) };
    let mut table = vec![Line::styled(head, theme.heading())];
    for i in range.clone().take(shown) {
        let Some(row) = plan.rows.get(i) else { break };
        let item = score_row(&ev.template, Some(ev.year), i, row);
        let score = if row.entered.is_some() { format!("{}*", plain(item.score)) } else { plain(item.score) };
        table.push(Line::raw(format!(
            "{} {} {} {} {} {}",
            pad_left(&(i + 1).to_string(), 4),
            pad(&row.name, name_w),
            pad(row.target.text(), 11),
            pad(row.actual.text(), 11),
            pad_left(&plain(row.weight), 5),
            pad_left(&score, 7)
        )));
    }
    if shown < range.len() {
        table.push(Line::styled(format!("（另有 {} 行未列出）", range.len() - shown), theme.dim()));
    }
    table.truncate(room);
    lines.push(Line::raw(""));
    lines.extend(table);
    lines.push(Line::raw(""));
    lines.push(keys);
    let rect = centered(area, rect.width, (lines.len() as u16 + 2).min(area.height));
    clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 粘贴预览 ").border_style(theme.warning());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
