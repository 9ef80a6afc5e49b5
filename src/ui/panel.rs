//! The score panel: total, grade, total by rules, subtotals per 一级指标, each deduction
//! and the findings. Beside the content on wide terminals; below 100 columns a one-line
//! summary that F9 opens as an overlay.

use super::form::mark;
use super::popup::centered;
use super::text::{fit, pad, pad_left};
use super::theme::Theme;
use crate::app::eval::EvalState;
use crate::domain::check::counts;
use crate::domain::number::plain;
use crate::domain::score::signed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

fn lines(e: &EvalState, width: usize, height: usize, theme: Theme) -> Vec<Line<'static>> {
    let s = &e.sheet;
    let mut out = vec![Line::from(vec![
        Span::styled("总分 ", theme.heading()),
        Span::styled(s.show(s.total), theme.good()),
        Span::raw("  "),
        Span::styled(s.grade.label(), theme.good()),
    ])];
    if s.rule_total != s.total {
        out.push(Line::raw(format!(
            "按规则总分 {}（相差 {}）",
            s.show(s.rule_total),
            signed(s.rule_total - s.total, s.places)
        )));
    }
    if let Some(cap) = s.cap {
        out.push(Line::styled(format!("执行率偏低，以{}分为限", plain(cap)), theme.warning()));
    }
    out.push(Line::styled("─ 分项 ─", theme.heading()));
    for sub in s.subtotals() {
        let figures = format!("{}/{}", s.show(sub.score), plain(sub.weight));
        out.push(Line::raw(format!("{}{}", pad(&sub.level1, width.saturating_sub(12)), pad_left(&figures, 12))));
    }
    let lost: Vec<_> = s.items.iter().filter(|i| i.lost() > rust_decimal::Decimal::ZERO).collect();
    if !lost.is_empty() {
        out.push(Line::styled("─ 扣分 ─", theme.heading()));
        // Row, points lost, and why (the rule's sum, or the entered score's reason).
        for item in lost {
            let minus = pad_left(&format!("-{}", s.show(item.lost())), 6);
            let why = item.explanation.rsplit_once('；').map_or(item.explanation.as_str(), |(_, last)| last);
            let line = format!("{} {minus} {why}", pad(&item.name, 12));
            out.push(Line::raw(fit(&line, width)));
        }
    }
    let (errors, warnings, notes) = counts(&e.findings);
    out.push(Line::styled(format!("─ 检查：{errors}错 {warnings}警 {notes}提 ─"), theme.heading()));
    let room = height.saturating_sub(out.len());
    let first = if e.panel.focused { e.panel.selected.saturating_sub(room.saturating_sub(1)) } else { 0 };
    for (i, f) in e.findings.iter().enumerate().skip(first).take(room) {
        let sel = e.panel.focused && i == e.panel.selected;
        let text = fit(&f.message, width.saturating_sub(4));
        out.push(Line::from(vec![
            mark(f.severity, theme),
            Span::styled(text, if sel { theme.selected() } else { theme.plain() }),
        ]));
    }
    if e.findings.is_empty() {
        out.push(Line::styled("未发现问题", theme.good()));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let title = if e.panel.focused { " 评分与检查（Enter 跳转） " } else { " 评分与检查（F9） " };
    let block = Block::default().borders(Borders::LEFT).title(title).border_style(if e.panel.focused {
        theme.heading()
    } else {
        theme.border()
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner };
    frame.render_widget(Paragraph::new(lines(e, inner.width as usize, inner.height as usize, theme)), inner);
}

/// The one-line summary below 100 columns.
pub fn summary(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let s = &e.sheet;
    let (errors, warnings, notes) = counts(&e.findings);
    let mut spans = vec![
        Span::styled(format!("总分 {} {}", s.show(s.total), s.grade.label()), theme.good()),
        Span::styled(" | ", theme.dim()),
    ];
    if s.rule_total != s.total {
        spans.push(Span::raw(format!("按规则 {}", s.show(s.rule_total))));
        spans.push(Span::styled(" | ", theme.dim()));
    }
    let check_style = if errors > 0 {
        theme.error()
    } else if warnings > 0 {
        theme.warning()
    } else {
        theme.plain()
    };
    spans.push(Span::styled(format!("检查 {errors}错 {warnings}警 {notes}提"), check_style));
    spans.push(Span::styled(" | F9 详情", theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn overlay(frame: &mut Frame, body: Rect, e: &EvalState, theme: Theme) {
    let rect = centered(body, 60, body.height);
    super::popup::clear(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" 评分与检查（Enter 跳转，Esc 关闭） ")
        .border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines(e, inner.width as usize, inner.height as usize, theme)), inner);
}
