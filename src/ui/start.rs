//! The start screen: stored evaluations, and the new-evaluation form.

use super::popup::centered;
use super::text::{fit, pad, pad_left, width};
use super::theme::Theme;
use crate::app::start::StartState;
use crate::domain::template::Template;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn title(frame: &mut Frame, area: Rect, theme: Theme) {
    frame.render_widget(Paragraph::new(Line::styled("绩效 · 部门整体支出绩效自评", theme.title())), area);
}

const COLUMNS: [(&str, usize); 5] = [("年度", 6), ("总分", 8), ("等级", 6), ("检查", 12), ("单位", 0)];

const FILTER: &str = "  筛选：";

/// The first line: how the list is sorted and filtered (the filter being typed is drawn
/// over it by `filter_input`).
fn view_line(s: &StartState, theme: Theme) -> Line<'static> {
    if s.filter_input.is_some() {
        return Line::styled(FILTER, theme.heading());
    }
    let mut spans = vec![Span::styled("  排序：", theme.dim()), Span::raw(s.sort.label())];
    if s.filter.is_empty() {
        spans.push(Span::styled(format!("  共 {} 份", s.all.len()), theme.dim()));
    } else {
        spans.push(Span::styled("  筛选：", theme.dim()));
        spans.push(Span::styled(format!("“{}”", s.filter), theme.key()));
        spans.push(Span::styled(format!(" {}／{} 份（Esc 清除）", s.rows.len(), s.all.len()), theme.dim()));
    }
    Line::from(spans)
}

/// The filter being typed, with the terminal cursor at its caret (for input methods).
fn filter_input(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let Some(input) = &s.filter_input else { return };
    let x = (area.x + width(FILTER) as u16).min(area.right());
    let field = Rect { x, y: area.y, width: (area.width / 2).min(area.right() - x), height: 1 };
    super::input::render(frame, field, input, theme);
    let after = (field.right() + 1).min(area.right());
    let count = Line::styled(format!("{}／{} 份", s.rows.len(), s.all.len()), theme.dim());
    frame.render_widget(Paragraph::new(count), Rect { x: after, width: area.right() - after, ..field });
}

pub fn render(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let w = area.width as usize;
    let mut lines = vec![view_line(s, theme)];
    let header: String = COLUMNS.iter().map(|(t, n)| if *n == 0 { t.to_string() } else { pad(t, *n) }).collect();
    lines.push(Line::styled(format!("  {header}"), theme.heading()));
    if s.all.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw("  还没有自评。按 n 新建，或在命令行运行 jixiao demo 载入示例。"));
    } else if s.rows.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw("  没有符合筛选的自评。Esc 清除筛选。"));
    }
    let height = area.height.saturating_sub(3) as usize;
    let top = s.selected.saturating_sub(height.saturating_sub(1));
    for (i, r) in s.rows.iter().enumerate().skip(top).take(height) {
        let check = if r.errors + r.warnings == 0 {
            "无问题".to_string()
        } else {
            format!("{}错 {}警", r.errors, r.warnings)
        };
        let text = format!(
            "{}{}{}{}{}",
            pad(&r.year.to_string(), 6),
            pad_left(&r.total.to_string(), 6) + "  ",
            pad(&r.grade, 6),
            pad(&check, 12),
            r.organisation
        );
        let selected = i == s.selected;
        let style = if selected { theme.selected() } else { theme.plain() };
        let marker = if selected { "> " } else { "  " };
        lines.push(Line::from(vec![Span::raw(marker), Span::styled(pad(&text, w.saturating_sub(2)), style)]));
    }
    frame.render_widget(Paragraph::new(lines), area);
    filter_input(frame, area, s, theme);
    if let Some(form) = &s.new_form {
        let rect = centered(area, 56, 9);
        super::popup::clear(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(" 新建自评 ").border_style(theme.border());
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let label = |i: usize, t: &str| {
            Span::styled(pad(t, 10), if form.focus == i { theme.selected() } else { theme.plain() })
        };
        let preset = Template::PRESETS[form.preset];
        let preset_name = Template::preset(preset).map(|t| t.name).unwrap_or_default();
        let rows = [
            Line::from(vec![label(0, "单位名称")]),
            Line::from(vec![label(1, "年度")]),
            Line::from(vec![label(2, "评分模板"), Span::raw(format!("< {} >", fit(&preset_name, 30)))]),
            Line::raw(""),
            Line::styled("Tab 下一项  ←→ 换模板  Enter 创建  Esc 取消", theme.dim()),
        ];
        frame.render_widget(Paragraph::new(rows.to_vec()), Rect { height: 5, ..inner });
        if form.focus == 2 {
            // On the template, the cursor sits on its name (← → change it).
            frame.set_cursor_position((inner.x + 12, inner.y + 2));
        }
        for (i, input) in [&form.name, &form.year].into_iter().enumerate() {
            let field =
                Rect { x: inner.x + 10, y: inner.y + i as u16, width: inner.width.saturating_sub(11), height: 1 };
            if form.focus == i {
                super::input::render(frame, field, input, theme);
            } else {
                frame.render_widget(Paragraph::new(super::text::fit(input.as_str(), field.width as usize)), field);
            }
        }
    }
}
